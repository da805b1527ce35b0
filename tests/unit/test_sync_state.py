"""Applying pulled pages: the bulk path and the careful path give the projection a full
rebuild gives; the cursor moves with the data or not at all."""

from __future__ import annotations

import pytest

from app.models.enums import EventType
from app.models.serial import event_to_dict
from app.store.sync.state import PulledPage, SyncState
from app.store.workspace import Workspace
from tests.support.station import Station


def _snapshot(ws: Workspace) -> dict[str, str]:
    return {r["id"]: r["data"] for r in ws.database.query("SELECT id, data FROM orders")}


def test_pages_fold_like_a_rebuild(workspace: Workspace, tmp_path, policy, clock) -> None:  # type: ignore[no-untyped-def]
    other = Workspace(tmp_path / "other", policy, clock=clock)
    try:
        remote = Station(other)
        mine = Station(workspace)
        theirs = remote.record(5)
        mine.record(1)
        own_events = mine.state.outbox_batch()
        remote.ws.act(theirs[0].id, EventType.NOTE, {"text": "补充"}, _operator(remote))
        remote_events = [event_to_dict(e) for e in remote.state.outbox_batch()]
        # page 1: three new orders, plus our own intake (pushed earlier by us)
        seq = 0
        page1 = []
        for data in [*remote_events[:3], event_to_dict(own_events[0])]:
            seq += 1
            page1.append((seq, data))
        mine.state.apply_page(PulledPage(page1, [], None, None, "v1", seq))
        # page 2: a note on an order we know now, and two more new orders
        page2 = [(seq + 1 + i, d) for i, d in enumerate(remote_events[3:])]
        mine.state.apply_page(PulledPage(page2, [], [{"code": "x"}], [], "v1", seq + 10))
        assert mine.state.cursor() == seq + 10
        assert mine.state.policy_version() == "v1"
        assert mine.state.cached_policy()[0] == [{"code": "x"}]
        assert len(_snapshot(workspace)) == 6
        before = _snapshot(workspace)
        workspace.events.rebuild_all()
        assert _snapshot(workspace) == before
        assert mine.ws.events.load_order(theirs[0].id).notes == 1  # type: ignore[union-attr]
        # the pushed-earlier event got its server seq; the outbox row is still there until
        # the push answer (or a duplicate) says so
        assert (
            workspace.database.scalar(
                "SELECT server_seq FROM events WHERE id = ?", (own_events[0].id,)
            )
            == 4
        )
    finally:
        other.close()


def test_a_failing_page_changes_nothing(workspace: Workspace, tmp_path, policy, clock) -> None:  # type: ignore[no-untyped-def]
    other = Workspace(tmp_path / "other", policy, clock=clock)
    try:
        events = [
            event_to_dict(e)
            for e in (Station(other).record(2) and SyncState(other.database).outbox_batch())
        ]
        state = SyncState(workspace.database)

        def boom() -> None:
            raise RuntimeError("killed")

        with pytest.raises(RuntimeError):
            state.apply_page(
                PulledPage([(1, events[0]), (2, events[1])], [], None, None, "", 2), boom
            )
        assert state.cursor() == 0
        assert workspace.database.scalar("SELECT COUNT(*) FROM events") == 0
        with pytest.raises(ValueError):
            state.apply_page(PulledPage([], [], None, None, "", 5))
            state.apply_page(PulledPage([], [], None, None, "", 3))  # going back is refused
        assert state.cursor() == 5
    finally:
        other.close()


def _operator(station: Station):  # type: ignore[no-untyped-def]
    from app.sync.account import actor_for, current_user

    return actor_for(current_user(station.ws.database), station.ws.device_id)
