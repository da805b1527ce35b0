"""The throttle's arithmetic over time (server.throttle on a real SQLite store, the clock
passed in); the real server's use of it: tests/e2e/test_signin_throttle.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from server.schema import Database
from server.throttle import Throttle, ThrottlePolicy

T0 = 1_800_000_000.0
KEY, WHERE = "op1", "10.0.0.7"


@pytest.fixture
def throttle(tmp_path: Path) -> Iterator[Throttle]:
    db = Database(str(tmp_path / "c.sqlite3"))
    db.create()
    yield Throttle(db)
    db.dispose()


def fail(throttle: Throttle, times: int, at: float) -> None:
    for _ in range(times):
        throttle.failed(KEY, WHERE, at)


P = ThrottlePolicy()  # the throttle's policy: the tests below follow it, whatever its numbers


def test_the_documented_numbers() -> None:
    """The defaults docs/security.md states (the one place they are written out here)."""
    p = ThrottlePolicy()
    assert (p.throttle_after, p.wait, p.lock_after, p.lockout, p.forget) == (5, 60, 10, 1800, 900)


def test_waits_once_throttled_then_locks(throttle: Throttle) -> None:
    fail(throttle, P.throttle_after - 1, T0)
    assert throttle.refusal(KEY, WHERE, T0) is None
    fail(throttle, 1, T0)
    r = throttle.refusal(KEY, WHERE, T0 + 1)
    assert r is not None and r.code == "too_many_attempts" and r.retry_after == P.wait - 1
    assert throttle.refusal(KEY, WHERE, T0 + P.wait) is None  # one attempt after the wait
    assert throttle.refusal("op2", WHERE, T0 + 1) is None  # another user
    assert throttle.refusal(KEY, "10.0.0.8", T0 + 1) is None  # another address
    at = T0
    for _ in range(P.throttle_after + 1, P.lock_after):  # the failures between, each waited for
        at += P.wait + 1
        assert throttle.refusal(KEY, WHERE, at) is None
        throttle.failed(KEY, WHERE, at)
    at += P.wait + 1
    throttle.failed(KEY, WHERE, at)  # the one that locks
    r = throttle.refusal(KEY, WHERE, at + P.wait + 1)
    assert r is not None and r.code == "locked_out"
    assert r.retry_after == P.lockout - (P.wait + 1)
    assert throttle.refusal(KEY, WHERE, at + P.lockout) is None  # the lock ran out
    throttle.failed(KEY, WHERE, at + P.lockout)
    assert throttle.refusal(KEY, WHERE, at + P.lockout) is None  # counting starts again


def test_failures_are_forgotten(throttle: Throttle) -> None:
    assert P.forget > P.wait
    fail(throttle, P.throttle_after, T0)
    assert throttle.refusal(KEY, WHERE, T0 + P.forget - 1) is None  # the wait is over anyway
    assert throttle.refusal(KEY, WHERE, T0 + P.wait // 2) is not None
    throttle.failed(KEY, WHERE, T0 + P.forget)  # counts as the first again
    fail(throttle, P.throttle_after - 2, T0 + P.forget)
    assert throttle.refusal(KEY, WHERE, T0 + P.forget + 1) is None


def test_unlock_one_address_or_all(throttle: Throttle) -> None:
    for where in ("10.0.0.7", "10.0.0.8"):
        for _ in range(P.lock_after):
            throttle.failed(KEY, where, T0)
    assert throttle.unlock(KEY, "10.0.0.7") == 1
    assert throttle.refusal(KEY, "10.0.0.7", T0 + 1) is None
    assert throttle.refusal(KEY, "10.0.0.8", T0 + 1) is not None
    assert throttle.unlock(KEY) == 1
    assert throttle.refusal(KEY, "10.0.0.8", T0 + 1) is None


def test_stale_rows_are_pruned(throttle: Throttle) -> None:
    for n in range(50):
        throttle.failed(f"sprayed{n}", WHERE, T0)
    throttle.failed("later", WHERE, T0 + max(P.forget, P.lockout) + 1)  # past both
    with throttle.db.read() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM login_failures")).scalar() == 1
