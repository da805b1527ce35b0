"""A unit's sign and an order's close count at the central store's receive time once its
record arrives (app/store/reports/times.py): a unit cannot choose the time it is judged by."""

from __future__ import annotations

from datetime import timedelta

from app.models.enums import EventType, Role
from app.models.operations import Actor
from app.store.sync.state import PulledPage, PushResult, StoreRecord, SyncState
from app.store.workspace import Workspace
from tests.support.builders import record_numbered


def _facts(workspace: Workspace, order_id: str) -> tuple[int | None, int | None]:
    row = workspace.database.query(
        "SELECT f.signed_ts, f.closed_ts FROM report_facts AS f "
        "JOIN orders AS o ON o.rowid = f.order_rowid WHERE o.id = ?",
        (order_id,),
    )[0]
    return row[0], row[1]


def _accept(state: SyncState, workspace: Workspace, order_id: str) -> dict[str, int]:
    """The store accepts every waiting step; returns their positions by type."""
    events = workspace.timeline(order_id)
    seqs = {e.type.value: n for n, e in enumerate(events, start=1)}
    state.record_push([PushResult(e.id, "accepted", n) for n, e in enumerate(events, start=1)])
    return seqs


def test_sign_counts_when_the_store_received_it(workspace: Workspace, clock) -> None:  # type: ignore[no-untyped-def]
    (order,) = record_numbered(workspace, clock.now, 1, category="A0503")
    device = workspace.device_id
    workspace.act(
        order.id,
        EventType.DISPATCH,
        {"lead_unit": "town_shiqi"},
        Actor("d", Role.DISPATCHER, device),
    )
    unit = Actor("u", Role.UNIT, device, "town_shiqi")
    clock.now += timedelta(minutes=5)
    workspace.act(order.id, EventType.SIGN, {}, unit)
    signed_here = int(clock.now.timestamp())
    # waiting to be sent: the step's own time stands in
    assert _facts(workspace, order.id) == (signed_here, None)
    state = SyncState(workspace.database)
    seqs = _accept(state, workspace, order.id)
    # the sign reached the store three days later (a workstation kept offline)
    late = signed_here + 3 * 86400
    page = PulledPage(
        events=[],
        articles=[],
        units=None,
        catalogue=None,
        policy_version="",
        next_since=len(seqs),
        records={seqs["sign"]: StoreRecord(late, "u", "unit", "town_shiqi")},
    )
    state.apply_page(page)
    assert _facts(workspace, order.id) == (late, None)
    # and later steps keep it (the facts are made again whenever the order changes)
    workspace.act(order.id, EventType.NOTE, {"text": "已到现场"}, unit)
    assert _facts(workspace, order.id)[0] == late
