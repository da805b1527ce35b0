"""The store's refusals, attacked through the real server: what a unit may not see gets the
answer an order that does not exist gets; unknown payload fields and malformed types are a
422 naming the field, each event on its own, never a 500."""

from __future__ import annotations

import json
import uuid
from typing import Any

import requests

from app.models.enums import EventType
from app.models.payloads import SCHEMA, Field, Kind
from app.models.protocol import HEADER, PROTOCOL_VERSION
from tests.support.server import ServerProcess, server_rows
from tests.support.station import Station
from tests.support.users import PASSWORD

E = EventType
WHO = {
    "op1": ("operator", ""),
    "unit_gaj": ("unit", "gaj"),
    "unit_cgj": ("unit", "cgj"),
}


def _token(server: ServerProcess, user: str) -> str:
    r = requests.post(
        server.url + "/api/v1/auth/token", json={"user": user, "password": PASSWORD}, timeout=10
    )
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def _event(user: str, order_id: str, kind: str, payload: Any) -> dict[str, Any]:
    role, unit = WHO[user]
    return {
        "id": str(uuid.uuid4()),
        "order_id": order_id,
        "type": kind,
        "payload": payload,
        "actor": user,
        "role": role,
        "unit": unit,
        "device_id": "probe",
        "client_time": "2026-11-27T10:40:00+08:00",
        "base_version": 1,
    }


def _push(
    server: ServerProcess,
    token: str,
    events: list[dict[str, Any]],
    extra: dict[str, str] | None = None,
) -> requests.Response:
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        HEADER: str(PROTOCOL_VERSION),  # as the workstation sends it
    }
    return requests.post(
        server.url + "/api/v1/sync/push",
        data=json.dumps({"device_id": "probe", "events": events}),  # NaN and Infinity as sent
        headers={**headers, **(extra or {})},
        timeout=30,
    )


def _answer(r: requests.Response) -> tuple[int, str, str, str, int]:
    body = r.json()
    (result,) = body["results"]
    return (
        r.status_code,
        json.dumps(body.get("error"), ensure_ascii=False),
        result["code"],
        result["message"],
        result["status"],
    )


def _dispatched(server: ServerProcess, stations: dict[str, Station]) -> str:
    op, disp = stations["op"], stations["disp"]
    op.login(server.url, "op1")
    disp.login(server.url, "disp1")
    (order,) = op.record(1, confidential=True)
    op.sync()
    disp.sync()
    disp.act(order.id, E.DISPATCH, {"lead_unit": "cgj", "assist_units": []})
    disp.sync()
    return order.id


def test_an_order_a_unit_may_not_see_is_answered_as_one_that_does_not_exist(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    hidden = _dispatched(server, stations)
    token = _token(server, "unit_gaj")
    probes: list[tuple[str, Any]] = [
        (E.NOTE.value, {"text": "路过看看"}),
        (E.SIGN.value, {}),
        (E.REPLY.value, {"text": "已处理", "contacted": True, "resolved": True}),
        (E.EXTENSION_REQUEST.value, {"days": 3, "reason": "核查"}),
        (E.RETURN_REQUEST.value, {"reason": "其他", "text": "不是我们的"}),
        (E.UNREASONABLE_REQUEST.value, {"reason": "x"}),
        (E.DISPATCH.value, {"lead_unit": "gaj"}),  # not the unit's to do at all
        (E.INTAKE.value, {}),
        (E.NOTE.value, {"text": 5, "nickname": "x"}),  # malformed as well
        ("no_such_type", {}),
    ]
    for kind, payload in probes:
        for headers in ({}, {"Hotline-Protocol": "1"}):
            answers = set()
            for order_id in (hidden, str(uuid.uuid4()), "drill:s1", "ZS261127-W01-0001"):
                event = _event("unit_gaj", order_id, kind, payload)
                answers.add(_answer(_push(server, token, [event], headers)))
            assert len(answers) == 1, (kind, answers)
            ((status, _error, code, _message, _status),) = answers
            assert status == 404 and code == "unknown_order", answers
    # an id already stored on the hidden order: still the same answer, not "duplicate"
    stored = server_rows(server.db_url, f"SELECT id, body FROM events WHERE order_id = '{hidden}'")
    replay = json.loads(stored[0][1])
    r = _push(server, token, [replay])
    assert _answer(r)[2] == "unknown_order"
    # the unit that may see it gets the rules' own answers
    own = _push(server, _token(server, "unit_cgj"), [_event("unit_cgj", hidden, "sign", {})])
    assert own.status_code == 200 and own.json()["results"][0]["result"] == "accepted"
    # an id already taken: refused without saying where in the feed it stands
    taken = {**_event("unit_cgj", hidden, "note", {"text": "x"}), "id": replay["id"]}
    conflict = _push(server, _token(server, "unit_cgj"), [taken]).json()["results"][0]
    assert conflict["code"] == "id_conflict" and "seq" not in conflict["message"]
    pulled = requests.get(
        server.url + "/api/v1/sync/pull",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    assert pulled["events"] == []


def _wrong(spec: Field) -> list[Any]:
    return {
        Kind.TEXT: [5, ["x"], {"a": 1}, None, True],
        Kind.BOOL: ["true", 1, None],
        Kind.INT: ["3", 3.5, True, 2**70, -(2**70), float("nan"), float("inf"), [3]],
        Kind.NUMBER: ["3", float("nan"), float("inf"), -float("inf"), 10**30, False],
        Kind.TEXT_LIST: ["gaj", [1], [["gaj"]], {"gaj": 1}],
        Kind.OBJECT: ["张三", ["张三"], 5, None],
    }[spec.kind]


def test_every_malformed_payload_field_is_a_422_naming_it_and_costs_nothing_else(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    order_id = _dispatched(server, stations)
    token = _token(server, "op1")
    good = _event("op1", order_id, E.NOTE.value, {"text": "补充说明"})
    batch = [good]
    expected: dict[str, str] = {}
    for event_type, schema in SCHEMA.items():
        for name, spec in schema.fields.items():
            for value in _wrong(spec):
                event = _event("op1", order_id, event_type.value, {name: value})
                batch.append(event)
                expected[event["id"]] = f"payload.{name}"
            nested = spec.fields
            for inner, inner_spec in nested.items():
                for value in _wrong(inner_spec):
                    event = _event("op1", order_id, event_type.value, {name: {inner: value}})
                    batch.append(event)
                    expected[event["id"]] = f"payload.{name}.{inner}"
        unknown = _event("op1", order_id, event_type.value, {"surprise": "x"})
        batch.append(unknown)
        expected[unknown["id"]] = "payload.surprise"
    results: list[dict[str, Any]] = []
    for start in range(0, len(batch), 500):
        r = _push(server, token, batch[start : start + 500])
        assert r.status_code in (200, 422), r.text[:300]
        results += r.json()["results"]
    by_id = {r["id"]: r for r in results}
    assert by_id[good["id"]]["result"] == "accepted"  # the good event was not held back
    for event_id, field in expected.items():
        result = by_id[event_id]
        assert result["result"] == "rejected" and result["status"] == 422, result
        assert result["code"] in ("invalid_type", "unknown_field"), result
        assert field in result["message"], (field, result)
    stored = server_rows(
        server.db_url, f"SELECT COUNT(*) FROM events WHERE order_id = '{order_id}'"
    )
    assert stored[0][0] == 3  # intake, dispatch, the good note
