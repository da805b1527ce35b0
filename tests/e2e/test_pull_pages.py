"""Pull pages through a real server: the store's record of each event beside it (protocol
2), and pages bounded in bytes as well as in count."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import requests

from app.models.validation import MAX_CONTENT
from server.pages import MAX_PAGE_BYTES
from tests.support.clock import FixedClock
from tests.support.server import server_rows
from tests.support.station import Station
from tests.support.wire import Wire, event, intake, later, now


def test_version_2_items_carry_the_store_record(wire: Wire) -> None:
    at = now()
    order = intake(wire.policy, at, actor="OP1")  # spelled as typed at sign-in
    assert wire.results("op1", order)[0]["result"] == "accepted"
    (stored,) = server_rows(
        wire.server.db_url, f"SELECT seq, received_at FROM events WHERE id = '{order['id']}'"
    )
    v2 = {i["seq"]: i for i in wire.pull_all("disp1")}[stored[0]]
    assert v2["event"] == order  # the body as pushed, untouched
    assert v2["by"] == {"user": "op1", "role": "operator", "unit": ""}
    assert v2["received_at"] == stored[1]
    assert abs(v2["received_at"] - at.timestamp()) < 600
    # a workstation from before the header gets the items it knows
    v1 = {i["seq"]: i for i in wire.pull_all("disp1", version=None)}[stored[0]]
    assert set(v1) == {"seq", "event"}
    # a unit given the order sees who dispatched it, from the store
    dispatch = event(
        "disp1",
        order["order_id"],
        "dispatch",
        {"lead_unit": "cgj", "assist_units": []},
        later(at, 1),
    )
    assert wire.results("disp1", dispatch)[0]["result"] == "accepted"
    mine = [i for i in wire.pull_all("unit_cgj") if i["event"]["order_id"] == order["order_id"]]
    assert [i["by"]["user"] for i in mine] == ["op1", "disp1"]


def test_pages_are_bounded_in_bytes(wire: Wire) -> None:
    """Long intakes (the longest content allowed) fill a page's bytes long before its count:
    each page stays near MAX_PAGE_BYTES, and the pages together hold every event once."""
    at = now()
    body = "很" * MAX_CONTENT
    batch = [
        {**ev, "payload": {**ev["payload"], "content": body}}
        for ev in (intake(wire.policy, later(at, n % 5)) for n in range(450))
    ]
    for start in range(0, len(batch), 150):  # a push body is bounded too
        answer = wire.push("op1", *batch[start : start + 150])
        assert answer.status_code == 200
        assert {r["result"] for r in answer.json()["results"]} == {"accepted"}
    token = wire.token("disp1")
    since, seen, sizes = 0, [], []
    while True:
        r = requests.get(
            wire.server.url + "/api/v1/sync/pull",
            params={"since": since, "limit": 1000},
            headers={"Authorization": f"Bearer {token}", "Hotline-Protocol": "2"},
            timeout=30,
        )
        sizes.append(len(r.content))
        page = r.json()
        seen += [i["seq"] for i in page["events"]]
        since = page["next_since"]
        if not page["more"]:
            break
    assert len(sizes) >= 2  # 450 × 12 KiB does not fit one page
    one_event = len(json.dumps(batch[0], ensure_ascii=False).encode())
    assert max(sizes) <= MAX_PAGE_BYTES + 2 * one_event
    assert seen == sorted(set(seen))
    assert {e["id"] for e in batch} <= {
        r[0] for r in server_rows(wire.server.db_url, "SELECT id FROM events")
    }
    assert len(seen) == server_rows(wire.server.db_url, "SELECT COUNT(*) FROM events")[0][0]


def test_a_workstation_keeps_the_store_record(wire: Wire, tmp_path: Path, policy) -> None:  # type: ignore[no-untyped-def]
    """Pulled events keep who pushed them and when the store received them, in their own
    columns; the workstation's own events get theirs when they come back."""
    clock = FixedClock(now() - timedelta(hours=3))  # an offline intake, three hours ago
    op = Station.at(tmp_path / "op", policy, clock)
    disp = Station.at(tmp_path / "disp", policy, clock)
    try:
        op.login(wire.server.url, "op1")
        disp.login(wire.server.url, "disp1")
        order = op.record()[0]
        waiting = op.ws.database.query(
            "SELECT by_user, received_at, server_seq FROM events WHERE order_id = ?", (order.id,)
        )
        assert [tuple(r) for r in waiting] == [(None, None, None)]
        op.sync()
        disp.sync()
        for station in (op, disp):
            (row,) = station.ws.database.query(
                "SELECT by_user, by_role, by_unit, received_at, client_time FROM events "
                "WHERE order_id = ?",
                (order.id,),
            )
            assert (row["by_user"], row["by_role"], row["by_unit"]) == ("op1", "operator", "")
            assert row["received_at"] >= clock.now.timestamp() + 3 * 3600 - 60
    finally:
        op.close()
        disp.close()
