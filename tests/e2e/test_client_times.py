"""Client times are kept but bounded by the store (server/times.py), through a real server.

The future by the store's clock (FUTURE_TOLERANCE), the past by the order's earlier events
(less CLOCK_SKEW) and by how long a workstation may work offline (OFFLINE_LIMIT). Every
refusal is a 4xx naming client_time (or received_at), per event; nothing of it is stored.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.resources import load_policy
from server.times import CLOCK_SKEW, FUTURE_TOLERANCE, OFFLINE_LIMIT
from tests.support.server import ServerProcess, seed_users, server_database, server_rows
from tests.support.users import ALL_USERS
from tests.support.wire import Wire, event, intake, later, now


def _stored(wire: Wire, event_id: str) -> bool:
    return bool(server_rows(wire.server.db_url, f"SELECT id FROM events WHERE id = '{event_id}'"))


def _refused(wire: Wire, user: str, ev: dict[str, Any], code: str, field: str) -> None:
    answer = wire.push(user, ev)
    assert 400 <= answer.status_code < 500, answer.text
    (result,) = answer.json()["results"]
    assert (result["result"], result["code"]) == ("rejected", code), result
    assert result["message"].startswith(f"{field}:"), result["message"]
    assert not _stored(wire, ev["id"])


def _order_in_handling(wire: Wire, at: datetime) -> tuple[str, dict[str, Any]]:
    order = intake(wire.policy, at)
    assert wire.results("op1", order)[0]["result"] == "accepted"
    oid = order["order_id"]
    dispatch = event("disp1", oid, "dispatch", {"lead_unit": "cgj", "assist_units": []}, at)
    assert wire.results("disp1", dispatch)[0]["result"] == "accepted"
    return oid, order


def test_an_intake_backdated_3000_days_is_refused(wire: Wire) -> None:
    old = now() - timedelta(days=3000)
    _refused(wire, "op1", intake(wire.policy, old), "client_time_too_old", "client_time")
    # recorded now about a call 3,000 days ago: the intake's own check (a year at most)
    backdated = intake(wire.policy, now(), received=old)
    _refused(wire, "op1", backdated, "invalid_field", "received_at")


def test_an_intake_dated_within_the_offline_limit_is_kept(wire: Wire) -> None:
    """Offline work for days: an intake recorded a week ago keeps its own time."""
    week_ago = now() - timedelta(days=7)
    order = intake(wire.policy, week_ago)
    assert wire.results("op1", order)[0]["result"] == "accepted"
    edge = now() - OFFLINE_LIMIT - timedelta(hours=1)
    _refused(wire, "op1", intake(wire.policy, edge), "client_time_too_old", "client_time")


def test_ten_years_ahead_is_refused(wire: Wire) -> None:
    at = now()
    future = at + timedelta(days=3650)
    _refused(wire, "op1", intake(wire.policy, future), "client_time_future", "client_time")
    oid, _ = _order_in_handling(wire, at)
    for kind, payload in (
        ("sign", {}),
        ("note", {"text": "已联系"}),
    ):
        ev = event("unit_cgj", oid, kind, payload, future)
        _refused(wire, "unit_cgj", ev, "client_time_future", "client_time")
    # a little ahead of the store's clock is a workstation's clock, and is kept
    ok = event("unit_cgj", oid, "sign", {}, at + FUTURE_TOLERANCE - timedelta(minutes=2))
    assert wire.results("unit_cgj", ok)[0]["result"] == "accepted"


def test_a_sign_or_reply_before_the_order_existed_is_refused(wire: Wire) -> None:
    at = now()
    oid, _ = _order_in_handling(wire, at)
    for days in (300, 2):  # beyond the offline limit, and within it but before the intake
        before = at - timedelta(days=days)
        code = (
            "client_time_too_old"
            if days * timedelta(1) > OFFLINE_LIMIT
            else ("client_time_before_order")
        )
        _refused(wire, "unit_cgj", event("unit_cgj", oid, "sign", {}, before), code, "client_time")
    sign = event("unit_cgj", oid, "sign", {}, later(at, 5))
    assert wire.results("unit_cgj", sign)[0]["result"] == "accepted"
    reply = {"text": "已处理", "contacted": True, "resolved": True}
    # a reply before the sign it answers (less the clock skew) is refused; within it, kept
    early = later(at, 5) - CLOCK_SKEW - timedelta(minutes=1)
    _refused(
        wire,
        "unit_cgj",
        event("unit_cgj", oid, "reply", reply, early),
        "client_time_before_order",
        "client_time",
    )
    close_enough = later(at, 5) - CLOCK_SKEW + timedelta(minutes=1)
    ok = event("unit_cgj", oid, "reply", reply, close_enough)
    assert wire.results("unit_cgj", ok)[0]["result"] == "accepted"


def test_a_batch_keeps_its_good_events(wire: Wire) -> None:
    """One event with a bad time never costs the rest of its batch."""
    at = now()
    good = intake(wire.policy, at)
    bad = intake(wire.policy, at + timedelta(days=3650))
    note = event("op1", good["order_id"], "note", {"text": "补充"}, later(at, 1))
    answer = wire.push("op1", good, bad, note)
    assert answer.status_code == 200
    assert [r["result"] for r in answer.json()["results"]] == ["accepted", "rejected", "accepted"]


@pytest.mark.parametrize(
    "client_time",
    [
        "2026-12-01T09:00:00",  # no offset
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "2026-13-01T09:00:00+08:00",
        "not a time at all",
    ],
)
def test_odd_times_are_refused_not_errors(wire: Wire, client_time: str) -> None:
    ev = intake(wire.policy, now())
    ev["client_time"] = client_time
    answer = wire.push("op1", ev)
    assert 400 <= answer.status_code < 500, answer.text
    (result,) = answer.json()["results"]
    assert result["result"] == "rejected"
    assert "client_time" in result["message"], result["message"]


def test_a_store_configured_for_longer_offline_work_keeps_older_times(
    tmp_path: Path,
) -> None:
    """`serve --offline-days` widens the window: what the default refuses is kept."""
    beyond = now() - OFFLINE_LIMIT - timedelta(days=5)
    with server_database("sqlite", tmp_path) as url:
        seed_users(url, ALL_USERS)
        proc = ServerProcess(
            url, tmp_path / "server.log", args=["--offline-days", str(OFFLINE_LIMIT.days + 10)]
        )
        proc.start()
        try:
            wide = Wire(proc, load_policy())
            assert wide.results("op1", intake(wide.policy, beyond))[0]["result"] == "accepted"
            too_old = now() - OFFLINE_LIMIT - timedelta(days=11)
            _refused(
                wide, "op1", intake(wide.policy, too_old), "client_time_too_old", "client_time"
            )
        finally:
            proc.stop()
