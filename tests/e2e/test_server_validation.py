"""The server's request validation and auth, over HTTP against a real uvicorn process."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support.server import ServerProcess, seed_users, server_rows
from tests.support.users import PASSWORD

URL_PUSH = "/api/v1/sync/push"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    tmp: Path = tmp_path_factory.mktemp("central")
    url = str(tmp / "central.sqlite3")
    seed_users(url, {"op1": ("operator", ""), "disp1": ("dispatcher", ""), "cgj": ("unit", "cgj")})
    proc = ServerProcess(url, tmp / "server.log")
    proc.start()
    yield proc
    proc.stop()


def _token(live: ServerProcess, user: str = "op1") -> dict[str, str]:
    r = requests.post(
        live.url + "/api/v1/auth/token", json={"user": user, "password": PASSWORD}, timeout=10
    )
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _intake(order_id: str | None = None, event_id: str | None = None) -> dict[str, object]:
    return {
        "id": event_id or str(uuid.uuid4()),
        "order_id": order_id or str(uuid.uuid4()),
        "type": "intake",
        "payload": {
            "number": "ZS261127-W01-0001",
            "appellant": {"phone": "13800138000", "name": "李", "confidential": False},
            "appeal_type": "咨询",
            "urgency": "一般",
            "channel": "电话",
            "category": "A0301",
            "town": "shiqi",
            "address": "",
            "title": "t",
            "content": "c",
            "received_at": "2026-11-27T10:00:00+08:00",
            "deadline": "2026-12-01T23:59:59+08:00",
        },
        "actor": "op1",
        "role": "operator",
        "unit": "",
        "device_id": "dev",
        "client_time": "2026-11-27T10:00:00+08:00",
        "base_version": 0,
    }


def _push(live: ServerProcess, events: list[dict[str, object]], **kw: object) -> requests.Response:
    return requests.post(
        live.url + URL_PUSH,
        json={"device_id": "dev", "events": events},
        headers=_token(live),
        timeout=10,
        **kw,  # type: ignore[arg-type]
    )


def _stored(live: ServerProcess, event_id: str) -> int:
    return len(server_rows(live.db_url, f"SELECT 1 FROM events WHERE id = '{event_id}'"))


def _error(r: requests.Response, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body["error"]) == {"code", "message"}
    return str(body["error"]["code"])


def test_malformed_json(live: ServerProcess) -> None:
    headers = {**_token(live), "Content-Type": "application/json"}
    r = requests.post(
        live.url + URL_PUSH, data=b'{"device_id": "d", "events": [', headers=headers, timeout=10
    )
    assert _error(r, 400) == "malformed_json"


def test_unknown_fields_and_wrong_types(live: ServerProcess) -> None:
    headers = _token(live)
    r = requests.post(
        live.url + URL_PUSH,
        json={"device_id": "d", "events": [], "x": 1},
        headers=headers,
        timeout=10,
    )
    assert _error(r, 422) == "invalid_request"
    event = {**_intake(), "surprise": True}
    assert _error(_push(live, [event]), 422) == "invalid_request"
    assert _stored(live, str(event["id"])) == 0
    for field, value in (("base_version", "1"), ("payload", []), ("id", 5), ("client_time", None)):
        event = {**_intake(), field: value}
        assert _error(_push(live, [event]), 422) == "invalid_request", field
        assert _stored(live, str(event["id"])) == 0
    r = requests.post(
        live.url + URL_PUSH, json=["not", "an", "object"], headers=headers, timeout=10
    )
    assert _error(r, 422) == "invalid_request"


def test_too_many_events_and_oversized_bodies(live: ServerProcess) -> None:
    assert _error(_push(live, [_intake() for _ in range(501)]), 422) == "invalid_request"
    big = b'{"device_id": "' + b"x" * (9 * 1024 * 1024) + b'", "events": []}'
    headers = {**_token(live), "Content-Type": "application/json"}
    r = requests.post(live.url + URL_PUSH, data=big, headers=headers, timeout=30)
    assert _error(r, 413) == "body_too_large"
    chunks = iter([big[i : i + 65536] for i in range(0, len(big), 65536)])
    r = requests.post(live.url + URL_PUSH, data=chunks, headers=headers, timeout=30)
    assert _error(r, 413) == "body_too_large"


def test_unknown_event_type_and_bad_payload_store_nothing(live: ServerProcess) -> None:
    event = {**_intake(), "type": "teleport"}
    r = _push(live, [event])
    assert _error(r, 422) == "unknown_event_type"
    assert r.json()["results"][0]["result"] == "rejected"
    assert _stored(live, str(event["id"])) == 0
    event = _intake()
    event["payload"] = {"number": "x"}  # an intake without its fields
    r = _push(live, [event])
    assert _error(r, 422) == "invalid_field"  # the intake screen's checks, field by field
    message = r.json()["results"][0]["message"]
    assert "appellant: " in message and "appeal_type: " in message and "received_at: " in message
    assert _stored(live, str(event["id"])) == 0


def test_invalid_transition_is_409_and_stores_nothing(live: ServerProcess) -> None:
    event = {**_intake(), "type": "direct_answer", "payload": {"answer": "a"}}  # no such order
    r = _push(live, [event])
    assert _error(r, 409) == "invalid_transition"
    assert _stored(live, str(event["id"])) == 0


def test_accept_duplicate_and_id_conflict(live: ServerProcess) -> None:
    event = _intake()
    first = _push(live, [event]).json()["results"][0]
    assert first["result"] == "accepted" and isinstance(first["seq"], int)
    again = _push(live, [event]).json()["results"][0]
    assert again == {"id": event["id"], "result": "duplicate", "seq": first["seq"]}
    changed = {**event, "actor": "someone else"}
    r = _push(live, [changed])
    assert _error(r, 409) == "id_conflict"
    # in a batch with a good event the call is 200 and the conflict is that event's result
    r = _push(live, [changed, _intake()])
    assert r.status_code == 200
    assert [x["result"] for x in r.json()["results"]] == ["rejected", "accepted"]
    assert r.json()["results"][0]["status"] == 409


def test_pull_parameters(live: ServerProcess) -> None:
    headers = _token(live)
    for query in ("since=-1", "since=abc", "limit=0", "limit=100000"):
        r = requests.get(f"{live.url}/api/v1/sync/pull?{query}", headers=headers, timeout=10)
        assert _error(r, 422) == "invalid_request", query
    r = requests.get(f"{live.url}/api/v1/sync/pull?since=0&limit=1", headers=headers, timeout=10)
    page = r.json()
    assert set(page) == {
        "events",
        "articles",
        "units",
        "catalogue",
        "policy_version",
        "next_since",
        "more",
    }
    r = requests.get(
        f"{live.url}/api/v1/sync/pull?policy_version={page['policy_version']}",
        headers=headers,
        timeout=10,
    )
    assert r.json()["units"] is None


def test_unknown_route_method_and_login_shape(live: ServerProcess) -> None:
    assert _error(requests.get(live.url + "/api/v1/nothing", timeout=10), 404) == "not_found"
    r = requests.get(live.url + "/api/v1/sync/push", headers=_token(live), timeout=10)
    assert _error(r, 405) == "method_not_allowed"
    r = requests.post(live.url + "/api/v1/auth/token", json={"user": "op1"}, timeout=10)
    assert _error(r, 422) == "invalid_request"
    r = requests.post(
        live.url + "/api/v1/auth/token", json={"user": "op1", "password": "nope"}, timeout=10
    )
    assert _error(r, 401) == "invalid_credentials"
    assert r.headers["www-authenticate"] == "Bearer"


def test_openapi_is_served(live: ServerProcess) -> None:
    spec = requests.get(live.url + "/openapi.json", timeout=10).json()
    assert {"/api/v1/auth/token", "/api/v1/sync/push", "/api/v1/sync/pull"} <= set(spec["paths"])
    assert requests.get(live.url + "/docs", timeout=10).status_code == 200


def test_a_half_sent_request_does_not_kill_the_server(live: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", live.port)) as s:
        s.sendall(
            b'POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"dev'
        )
    assert requests.get(live.url + "/healthz", timeout=10).status_code == 200
