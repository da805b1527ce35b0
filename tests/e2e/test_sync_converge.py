"""Two workstations, one offline, converge through the real server; faults along the way."""

from __future__ import annotations

import pytest

from app.sync.client import RetryPolicy
from app.sync.errors import Offline
from tests.support.proxy import (
    CUT_HALF,
    DROP_AFTER_COMMIT,
    GARBAGE,
    HTTP_500,
    HTTP_503,
    KILL_SERVER,
    FaultProxy,
)
from tests.support.server import ServerProcess, server_rows
from tests.support.station import FAST, Station

ONE_TRY = RetryPolicy(
    attempts=1, base_delay=0.01, max_delay=0.01, connect_timeout=1, read_timeout=5
)


def assert_converged(server: ServerProcess, *stations: Station) -> None:
    rows = server_rows(server.db_url, "SELECT id, COUNT(*) FROM events GROUP BY id")
    assert all(count == 1 for _id, count in rows)
    on_server = {r[0] for r in rows}
    for station in stations:
        assert station.state.pending_count() == 0
        assert station.event_ids() == on_server
    orders = {r[0] for r in server_rows(server.db_url, "SELECT id FROM orders")}
    for station in stations:
        assert station.order_ids() == orders


def test_two_workstations_one_offline_converge(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    a, b = stations["a"], stations["b"]
    a.login(server.url, "op1")
    b.login(server.url, "op2")
    server.stop()
    a.record(3)  # recorded while the central store is down
    with pytest.raises(Offline):
        a.sync(ONE_TRY)
    assert a.state.pending_count() == 3
    server.start()
    b.record(2)
    assert b.sync().accepted == 2
    summary = a.sync()
    assert (summary.accepted, summary.pulled) == (3, 5)
    assert b.sync().pulled == 3
    assert len(a.order_ids()) == 5
    assert_converged(server, a, b)
    # the cursor is stored with the data and nothing is pulled twice
    assert a.sync().pulled == 0


def test_server_killed_mid_push_then_restarted(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    proxy = FaultProxy(server.port, on_kill=server.kill)
    try:
        a = stations["a"]
        a.login(proxy.url, "op1")
        recorded, batch = 250, 100
        a.record(recorded)
        proxy.plan("/api/v1/sync/push", "pass", KILL_SERVER)
        with pytest.raises(Offline):
            a.sync(FAST, batch=batch)
        pending = a.state.pending_count()
        assert 0 < pending <= recorded - batch  # the first batch went through
        server.start()
        summary = a.sync(FAST, batch=batch)
        assert summary.accepted + summary.duplicates == pending
        assert_converged(server, a)
        assert len(a.order_ids()) == recorded
    finally:
        proxy.close()


def test_connection_dropped_after_commit(
    server: ServerProcess, stations: dict[str, Station]
) -> None:
    proxy = FaultProxy(server.port)
    try:
        a, b = stations["a"], stations["b"]
        a.login(proxy.url, "op1")
        b.login(server.url, "op2")
        a.record(3)
        proxy.plan("/api/v1/sync/push", DROP_AFTER_COMMIT)
        with pytest.raises(Offline):
            a.sync(ONE_TRY)
        assert a.state.pending_count() == 3  # the answer never came: still queued
        assert len(server_rows(server.db_url, "SELECT id FROM events")) == 3  # but committed
        summary = a.sync()
        assert (summary.accepted, summary.duplicates) == (0, 3)
        b.sync()
        assert_converged(server, a, b)
        # and the same again inside one cycle: the retry finds the duplicates
        a.record(2)
        proxy.plan("/api/v1/sync/push", DROP_AFTER_COMMIT)
        summary = a.sync()
        assert (summary.accepted, summary.duplicates) == (0, 2)
        b.sync()
        assert_converged(server, a, b)
    finally:
        proxy.close()


@pytest.mark.parametrize("fault", [HTTP_500, HTTP_503, CUT_HALF, GARBAGE])
def test_bad_answers_are_retried_never_data(
    server: ServerProcess, stations: dict[str, Station], fault: str
) -> None:
    proxy = FaultProxy(server.port)
    try:
        a, b = stations["a"], stations["b"]
        a.login(proxy.url, "op1")
        b.login(server.url, "op2")
        b.record(4)
        b.sync()
        a.record(3)
        assert FAST.attempts > 2
        proxy.plan("/api/v1/sync/push", fault, fault)
        proxy.plan("/api/v1/sync/pull", fault, fault)
        summary = a.sync()  # more tries a request than faults: through after two
        assert summary.accepted + summary.duplicates == 3
        assert summary.pulled == 7
        # every try of a request failing: the cycle fails, and nothing half-applied stays
        a.record(1)
        proxy.plan("/api/v1/sync/push", *[fault] * FAST.attempts)
        with pytest.raises(Offline if fault != GARBAGE else Exception):
            a.sync()
        assert a.state.pending_count() == 1
        a.sync()
        b.sync()
        assert_converged(server, a, b)
        # every planned fault was met, once, and nothing else failed
        assert not any(proxy.plans.values())
        modes = [mode for _path, mode in proxy.seen]
        assert modes.count(fault) == 2 + 2 + FAST.attempts
    finally:
        proxy.close()
