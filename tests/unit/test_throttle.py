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


def test_the_documented_numbers() -> None:
    p = ThrottlePolicy()
    assert (p.throttle_after, p.wait, p.lock_after, p.lockout, p.forget) == (5, 60, 10, 1800, 900)


def test_waits_after_five_then_a_lock_at_ten(throttle: Throttle) -> None:
    fail(throttle, 4, T0)
    assert throttle.refusal(KEY, WHERE, T0) is None
    fail(throttle, 1, T0)
    r = throttle.refusal(KEY, WHERE, T0 + 1)
    assert r is not None and r.code == "too_many_attempts" and r.retry_after == 59
    assert throttle.refusal(KEY, WHERE, T0 + 60) is None  # one attempt after the wait
    assert throttle.refusal("op2", WHERE, T0 + 1) is None  # another user
    assert throttle.refusal(KEY, "10.0.0.8", T0 + 1) is None  # another address
    at = T0
    for _ in range(4):  # failures 6..9, each after its wait
        at += 61
        assert throttle.refusal(KEY, WHERE, at) is None
        throttle.failed(KEY, WHERE, at)
    at += 61
    throttle.failed(KEY, WHERE, at)  # the 10th
    r = throttle.refusal(KEY, WHERE, at + 61)
    assert r is not None and r.code == "locked_out" and r.retry_after == 1800 - 61
    assert throttle.refusal(KEY, WHERE, at + 1800) is None  # the lock ran out
    throttle.failed(KEY, WHERE, at + 1800)
    assert throttle.refusal(KEY, WHERE, at + 1800) is None  # counting starts again


def test_failures_are_forgotten_after_15_minutes(throttle: Throttle) -> None:
    fail(throttle, 5, T0)
    assert throttle.refusal(KEY, WHERE, T0 + 899) is None  # the wait is over anyway
    assert throttle.refusal(KEY, WHERE, T0 + 30) is not None
    throttle.failed(KEY, WHERE, T0 + 900)  # counts as the first again
    fail(throttle, 3, T0 + 900)
    assert throttle.refusal(KEY, WHERE, T0 + 901) is None


def test_unlock_one_address_or_all(throttle: Throttle) -> None:
    for where in ("10.0.0.7", "10.0.0.8"):
        for _ in range(10):
            throttle.failed(KEY, where, T0)
    assert throttle.unlock(KEY, "10.0.0.7") == 1
    assert throttle.refusal(KEY, "10.0.0.7", T0 + 1) is None
    assert throttle.refusal(KEY, "10.0.0.8", T0 + 1) is not None
    assert throttle.unlock(KEY) == 1
    assert throttle.refusal(KEY, "10.0.0.8", T0 + 1) is None


def test_stale_rows_are_pruned(throttle: Throttle) -> None:
    for n in range(50):
        throttle.failed(f"sprayed{n}", WHERE, T0)
    throttle.failed("later", WHERE, T0 + 3600)
    with throttle.db.read() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM login_failures")).scalar() == 1
