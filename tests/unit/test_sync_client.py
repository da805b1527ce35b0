"""The sync client's parts without a server: back-off, answer checks, keyring, worker status."""

from __future__ import annotations

import random
import time

import keyring
import pytest
from keyring.backends import fail

from app.store.session import Session
from app.store.sync.state import PushResult, SyncState
from app.store.workspace import Workspace
from app.sync import credentials
from app.sync.account import LOCAL_OPERATOR, current_user
from app.sync.client import RetryPolicy, _pulled_page, push_results
from app.sync.errors import BadAnswer, KeyringUnavailable
from app.sync.worker import OFFLINE, SIGNED_OUT, SyncWorker
from tests.support.net import free_port


def test_backoff_is_exponential_with_full_jitter() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8, rng=random.Random(1))
    for attempt in range(8):
        ceiling = min(8, 0.5 * 2**attempt)
        delays = [policy.delay(attempt) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8
    assert policy.delay(0, retry_after=3) >= 3


def test_answers_that_are_not_pages_are_refused() -> None:
    good = {"events": [{"seq": 1, "event": {}}], "articles": [], "next_since": 1, "more": False}
    page, more = _pulled_page(good, 0)
    assert page.next_since == 1 and more is False
    for broken in (
        {**good, "events": "x"},
        {**good, "next_since": "1"},
        {**good, "more": None},
        {**good, "next_since": 0, "events": []},
        {**good, "events": [{"seq": "1", "event": {}}]},
    ):
        with pytest.raises(BadAnswer):
            _pulled_page(broken, 1 if broken.get("next_since") == 0 else 0)
    with pytest.raises(BadAnswer):
        push_results({"results": [{"id": "a", "result": "accepted"}]}, ["a"])
    with pytest.raises(BadAnswer):
        push_results({"results": []}, ["a"])
    (r,) = push_results({"results": [{"id": "a", "result": "rejected", "code": "c"}]}, ["a"])
    assert r.result == "rejected" and r.code == "c"


def test_no_keyring_backend_is_explained() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(KeyringUnavailable) as info:
            credentials.save_token("https://x", "u", "t")
        assert "Secret Service" in info.value.message
    finally:
        keyring.set_keyring(previous)


def test_token_roundtrip_in_keyring() -> None:
    credentials.save_token("https://x/", "u", "secret")
    assert credentials.load_token("https://x", "u") == "secret"
    credentials.forget_token("https://x", "u")
    assert credentials.load_token("https://x", "u") is None


def testpush_results_and_attention(workspace: Workspace) -> None:
    from tests.support.station import Station

    station = Station(workspace)
    first, second = station.record(2)
    state = station.state
    assert current_user(workspace.database) == LOCAL_OPERATOR
    events = state.outbox_batch()
    assert len(events) == 2
    tally = state.record_push(
        [
            PushResult(events[0].id, "accepted", seq=7),
            PushResult(events[1].id, "rejected", code="forbidden_role", message="不行"),
        ]
    )
    assert (tally.accepted, tally.rejected) == (1, 1)
    assert state.pending_count() == 0
    (item,) = state.attention()
    assert (item.code, item.message, item.order_number) == ("forbidden_role", "不行", second.number)
    assert workspace.events.load_order(second.id) is None  # its intake was refused
    assert workspace.events.load_order(first.id) is not None
    state.resolve(item.event_id, "retry")
    assert state.pending_count() == 1 and state.attention() == []
    assert workspace.events.load_order(second.id) is not None
    with pytest.raises(KeyError):
        state.resolve(item.event_id)


def test_worker_reports_signed_out_then_offline(workspace: Workspace) -> None:
    db_path = workspace.database.path
    worker = SyncWorker(
        db_path,
        workspace.device_id,
        interval=0.05,
        retry=RetryPolicy(attempts=1, connect_timeout=0.5),
    )
    seen = []
    worker.subscribe(seen.append)
    worker.start()
    try:
        _wait(lambda: worker.status().state == SIGNED_OUT)
        server = f"http://127.0.0.1:{free_port()}"  # nothing listens there
        credentials.save_token(server, "op1", "t")
        SyncState(workspace.database).save_session(Session(server, "op1", "operator"))
        worker.poke()
        _wait(lambda: worker.status().state == OFFLINE and worker.status().user == "op1")
        assert "cannot reach" in worker.status().last_error
    finally:
        worker.stop()
    assert seen and seen[-1] == worker.status()


def _wait(condition, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached")
