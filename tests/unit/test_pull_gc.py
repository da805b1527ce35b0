"""pull_feed collects cyclic garbage less often while it runs, and puts it back after."""

from __future__ import annotations

import gc

import pytest

from app.sync import cycle


def test_fewer_collections_restored() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with cycle._fewer_collections():
            assert gc.get_threshold() == (cycle.PULL_GC_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
        with pytest.raises(RuntimeError), cycle._fewer_collections():
            raise RuntimeError
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(0)  # someone turned collection off: left alone
        with cycle._fewer_collections():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
