"""Input that databases choke on is refused with a 4xx on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import uuid

import requests

from tests.support.server import ServerProcess, server_rows
from tests.support.users import PASSWORD


def _headers(server: ServerProcess) -> dict[str, str]:
    r = requests.post(
        server.url + "/api/v1/auth/token", json={"user": "op1", "password": PASSWORD}, timeout=10
    )
    return {"Authorization": f"Bearer {r.json()['token']}", "Content-Type": "application/json"}


def _event(**changes: object) -> dict[str, object]:
    event: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "order_id": str(uuid.uuid4()),
        "type": "note",
        "payload": {"text": "x"},
        "actor": "op1",
        "role": "operator",
        "unit": "",
        "device_id": "d",
        "client_time": "2026-11-27T10:00:00+08:00",
        "base_version": 0,
    }
    event.update(changes)
    return event


def test_hostile_input_is_a_4xx_never_a_500(server: ServerProcess) -> None:
    headers = _headers(server)
    push = server.url + "/api/v1/sync/push"
    bodies = [
        json.dumps({"device_id": "d", "events": [_event(id="a\u0000b")]}),
        json.dumps({"device_id": "d", "events": [_event(order_id="\u0000")]}),
        json.dumps({"device_id": "d", "events": [_event(base_version=2**70)]}),
        '{"device_id": "d", "events": [' + json.dumps(_event())[:-1] + ', "payload2": 1}]}',
        # a lone surrogate, escaped as JSON allows
        '{"device_id": "d", "events": ['
        + json.dumps(_event(payload={"text": "PLACEHOLDER"})).replace("PLACEHOLDER", "\\ud800")
        + "]}",
        '{"device_id": "d", "events": [' + "[" * 5000 + "]" * 5000 + "]}",
        "[]",
        "null",
        '"text"',
    ]
    for body in bodies:
        r = requests.post(push, data=body.encode("utf-8"), headers=headers, timeout=30)
        assert 400 <= r.status_code < 500, (body[:80], r.status_code, r.text[:200])
        assert "error" in r.json()
    for query in ("since=" + str(2**63), "since=1e3", "limit=-5", "policy_version=" + "x" * 100):
        r = requests.get(server.url + "/api/v1/sync/pull?" + query, headers=headers, timeout=10)
        assert r.status_code == 422, query
    for user in ("a\u0000", "\ud800"):
        body = json.dumps({"user": user, "password": PASSWORD})
        r = requests.post(
            server.url + "/api/v1/auth/token",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        assert r.status_code in (401, 422), r.text
    # Chinese, emoji, quotes and SQL-looking text are just text
    r = requests.post(
        push,
        data=json.dumps(
            {
                "device_id": "d",
                "events": [_event(payload={"text": "噪音'; DROP TABLE events;--😀"})],
            }
        ),
        headers=headers,
        timeout=10,
    )
    assert r.status_code == 409  # a note on an order that does not exist
    assert server_rows(server.db_url, "SELECT COUNT(*) FROM events")[0][0] == 0
