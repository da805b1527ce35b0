"""Pushing the outbox without a server: the JSON SQLite writes is the wire dict, batches go
out in order one at a time, and the answer to each is recorded even when a later one fails."""

from __future__ import annotations

import json
import threading

import pytest

from app.models.serial import event_to_dict
from app.store.session import Session
from app.store.sync.state import SyncState
from app.store.workspace import Workspace
from app.sync.cycle import CycleSummary, push_outbox
from app.sync.errors import BadAnswer, Offline
from tests.support.station import Station


def _station(ws: Workspace) -> Station:
    """A station signed in as op1 (its session only: these tests push to a fake store)."""
    station = Station(ws)
    station.state.save_session(Session("http://127.0.0.1:1", "op1", "operator"))
    return station


def test_outbox_json_is_the_wire_dict(workspace: Workspace) -> None:
    _station(workspace).record(3)
    state = SyncState(workspace.database)
    wire = [event_to_dict(e) for e in state.outbox_batch(10)]
    last, ids, texts = state.outbox_json(10)
    assert last == workspace.database.scalar("SELECT MAX(event_seq) FROM outbox")
    assert ids == [e["id"] for e in wire]
    assert [json.loads(t) for t in texts] == wire
    assert state.outbox_json(10, after=last) == (last, [], [])


class FakeStore:
    """Answers every push with `accepted`, in a thread, checking one is in flight at a time."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail_at = fail_at
        self.seq = 0
        self.busy = threading.Lock()

    def send_push(self, body: bytes) -> dict:
        assert self.busy.acquire(blocking=False), "two pushes in flight"
        try:
            ids = [e["id"] for e in json.loads(body)["events"]]
            self.calls.append(ids)
            if self.fail_at is not None and len(self.calls) == self.fail_at:
                raise Offline("cannot reach the server")
            results = []
            for event_id in ids:
                self.seq += 1
                results.append({"id": event_id, "result": "accepted", "seq": self.seq})
            return {"results": results}
        finally:
            self.busy.release()


def test_batches_go_in_order_and_every_answer_is_recorded(workspace: Workspace) -> None:
    _station(workspace).record(7)  # one intake event each
    state = SyncState(workspace.database)
    wire = [event_to_dict(e) for e in state.outbox_batch(100)]
    store = FakeStore()
    summary = CycleSummary()
    push_outbox(state, store, "dev", summary, 3)  # type: ignore[arg-type]
    assert [len(c) for c in store.calls] == [3, 3, 1]
    assert [i for c in store.calls for i in c] == [e["id"] for e in wire]
    assert (summary.pushed, summary.accepted, state.pending_count()) == (7, 7, 0)


def test_a_failing_batch_keeps_its_events_and_those_before_are_recorded(
    workspace: Workspace,
) -> None:
    _station(workspace).record(7)
    state = SyncState(workspace.database)
    store = FakeStore(fail_at=2)
    summary = CycleSummary()
    with pytest.raises(Offline):
        push_outbox(state, store, "dev", summary, 3)  # type: ignore[arg-type]
    assert (summary.accepted, state.pending_count()) == (3, 4)
    assert len(store.calls) == 2  # nothing is sent after the failed batch
    attempts = workspace.database.query("SELECT attempts, last_error FROM outbox")
    assert [tuple(r) for r in attempts].count((1, "cannot reach the server")) == 3


class BuggyStore(FakeStore):
    def send_push(self, body: bytes) -> dict:
        raise KeyError("a bug, not a network failure")


def test_a_bug_in_the_sender_reaches_the_caller_and_leaves_the_outbox_alone(
    workspace: Workspace,
) -> None:
    _station(workspace).record(4)
    state = SyncState(workspace.database)
    with pytest.raises(KeyError):
        push_outbox(state, BuggyStore(), "dev", CycleSummary(), 3)  # type: ignore[arg-type]
    assert state.pending_count() == 4
    assert workspace.database.scalar("SELECT MAX(attempts) FROM outbox") == 0


class MuddledStore(FakeStore):
    """Answers the second batch with the results of other events."""

    def send_push(self, body: bytes) -> dict:
        answer = super().send_push(body)
        if len(self.calls) == 2:
            for item in answer["results"]:
                item["id"] = "someone-else"
        return answer


def test_an_answer_that_does_not_fit_is_a_failed_attempt(workspace: Workspace) -> None:
    _station(workspace).record(7)
    state = SyncState(workspace.database)
    summary = CycleSummary()
    with pytest.raises(BadAnswer):
        push_outbox(state, MuddledStore(), "dev", summary, 3)  # type: ignore[arg-type]
    assert (summary.accepted, state.pending_count()) == (3, 4)
    attempts = [tuple(r) for r in workspace.database.query("SELECT attempts FROM outbox")]
    assert attempts.count((1,)) == 3  # the muddled batch; the one after it is untouched
