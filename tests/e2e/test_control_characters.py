"""Control characters never reach the central store: a pushed event whose texts hold any
(C0 but tab and newline, DEL, C1), at any depth of any event type's payload, is refused
field by field and nothing is stored; tab and newline are kept. The workstation takes them
out of what was typed before it records, so its own events are never refused for them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.server import (
    BACKENDS,
    ServerProcess,
    seed_users,
    server_database,
    server_rows,
)
from tests.support.users import PASSWORD

CONTROLS = ["\x00", "\x07", "\x1b[31m", "\r", "\x7f", "\x85", "\x9b"]


@pytest.fixture(scope="module", params=BACKENDS)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """The store on SQLite, and on PostgreSQL when HOTLINE_TEST_PG_URL is set."""
    tmp: Path = tmp_path_factory.mktemp("central")
    with server_database(request.param, tmp) as url:
        seed_users(url, {"op1": ("operator", "")})
        proc = ServerProcess(url, tmp / "server.log")
        proc.start()
        yield proc
        proc.stop()


def push(live: ServerProcess, event: dict[str, Any]) -> dict[str, Any]:
    token = requests.post(
        live.url + "/api/v1/auth/token", json={"user": "op1", "password": PASSWORD}, timeout=10
    ).json()["token"]
    r = requests.post(
        live.url + "/api/v1/sync/push",
        json={"device_id": "dev", "events": [event]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    result: dict[str, Any] = r.json()["results"][0]
    return result


def stored(live: ServerProcess, event_id: str) -> list[Any]:
    return server_rows(live.db_url, f"SELECT body FROM events WHERE id = '{event_id}'")


def event(
    event_type: str, payload: dict[str, Any], order_id: str = "", version: int = 0
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "order_id": order_id or str(uuid.uuid4()),
        "type": event_type,
        "payload": payload,
        "actor": "op1",
        "role": "operator",
        "unit": "",
        "device_id": "dev",
        "client_time": "2026-11-27T10:00:00+08:00",
        "base_version": version,
    }


def intake(number: str, **texts: str) -> dict[str, Any]:
    appellant = {"phone": "13800138000", "name": texts.pop("name", "李"), "confidential": False}
    return {
        "number": number,
        "appellant": appellant,
        "appeal_type": "咨询",
        "urgency": "一般",
        "channel": "电话",
        "category": "A0301",
        "town": "shiqi",
        "address": texts.pop("address", ""),
        "title": texts.pop("title", "停水"),
        "content": texts.pop("content", "家中停水"),
        "received_at": "2026-11-27T10:00:00+08:00",
        "deadline": "2026-12-01T23:59:59+08:00",
    }


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("field", ["title", "content", "address", "name"])
def test_an_intake_with_a_control_character_is_refused(
    live: ServerProcess, control: str, field: str
) -> None:
    sent = event(
        "intake",
        intake(f"ZS261127-W01-{uuid.uuid4().int % 9000 + 1000}", **{field: f"停{control}水"}),
    )
    result = push(live, sent)
    assert result["result"] == "rejected" and result["code"] == "invalid_field", result
    shown = "appellant.name" if field == "name" else field
    assert shown in result["message"] and "控制字符" in result["message"]
    assert stored(live, sent["id"]) == []


def test_tab_and_newline_are_kept(live: ServerProcess) -> None:
    sent = event("intake", intake("ZS261127-W01-0001", content="第一行\n\t第二行"))
    assert push(live, sent)["result"] == "accepted"
    assert "第一行\\n\\t第二行" in str(stored(live, sent["id"])[0][0])


def test_a_later_step_with_a_control_character_is_refused(live: ServerProcess) -> None:
    first = event("intake", intake("ZS261127-W01-0002"))
    assert push(live, first)["result"] == "accepted"
    flag = event("flag", {"kind": "malicious", "reason": "捏造\x1b[2J事实"}, first["order_id"], 1)
    result = push(live, flag)
    assert result["result"] == "rejected" and result["message"].startswith("reason: "), result
    assert stored(live, flag["id"]) == []
