"""A benchmark whose worker fails stops with the error instead of waiting forever.

The timeout marks only guard the suite should a hang come back; nothing here is timed.
"""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from app.models.policy import Policy
from app.models.rules import RuleViolation
from bench import store_bench
from bench.pool import ordered_map


def _square(n: int) -> int:
    return n * n


def _refuse_at_three(n: int) -> int:
    if n == 3:
        raise RuleViolation("unreasonable_pending", "已申请或已认定为不合理诉求")
    return n


class _TwoArguments(Exception):
    """Like RuleViolation before it could be pickled: rebuilt from its message alone, the
    parent cannot construct it again."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _unreadable_error(n: int) -> int:
    raise _TwoArguments("x", "cannot be rebuilt from its message")


def _die(n: int) -> int:
    if n == 1:
        os._exit(3)  # as the kernel's out-of-memory killer would end it
    return n


def _refusing_chunk(args: tuple[int, int, str, int]) -> object:
    raise RuleViolation("unreasonable_pending", f"chunk {args[0]}")


def test_results_come_in_order() -> None:
    assert list(ordered_map(_square, range(25), 2)) == [n * n for n in range(25)]


def test_no_items_no_results() -> None:
    assert list(ordered_map(_square, [], 2)) == []


@pytest.mark.timeout(120)
def test_a_worker_error_reaches_the_caller_whole() -> None:
    results = []
    with pytest.raises(RuleViolation) as raised:
        results.extend(ordered_map(_refuse_at_three, range(10), 2))
    assert results == [0, 1, 2]
    assert raised.value.code == "unreasonable_pending"
    assert raised.value.message == "已申请或已认定为不合理诉求"
    assert "_refuse_at_three" in str(raised.value.__cause__)  # the worker's traceback


@pytest.mark.timeout(120)
def test_an_error_the_caller_cannot_read_still_ends_the_run() -> None:
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_unreadable_error, range(4), 2))


@pytest.mark.timeout(120)
def test_a_worker_that_dies_ends_the_run() -> None:
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_die, range(6), 2))


@pytest.mark.timeout(120)
def test_the_store_build_stops_with_a_failing_chunk(
    tmp_path: Path, policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_bench, "_chunk", _refusing_chunk)
    target = tmp_path / "store-bench"
    with pytest.raises(RuleViolation) as raised:
        store_bench.build(target, 3 * store_bench.CHUNK, policy, 5)
    assert raised.value.code == "unreasonable_pending"
    assert not target.exists()  # nothing half-built is left to be taken for a cached build
    assert list(tmp_path.iterdir()) == []
