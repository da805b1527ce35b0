"""server.pages.within_bytes: where a pull page stops when its bodies grow too big."""

from __future__ import annotations

from server.pages import within_bytes


def _items(*groups: tuple[int, int, int]) -> list[tuple[int, int, str, str, str]]:
    """(position, count, body bytes) groups as merged pull items."""
    items = []
    for pos, count, size in groups:
        items += [(pos, pos * 100 + n, "e", "x" * size, "") for n in range(count)]
    return items


def test_a_page_stops_after_the_group_that_passes_the_bound() -> None:
    items = _items((1, 1, 400), (2, 1, 400), (3, 1, 400), (4, 1, 400))
    assert within_bytes(items, 1000) == 2  # 1,120 bytes after two: stop before the third


def test_a_started_group_is_finished() -> None:
    # a unit's order granted at position 2 brings its 5 earlier events at that position
    items = _items((1, 1, 100), (2, 5, 400), (3, 1, 100))
    assert within_bytes(items, 600) == 6  # the whole group at 2, nothing of 3


def test_a_first_group_larger_than_the_bound_is_one_page() -> None:
    items = _items((7, 3, 5000), (8, 1, 10))
    assert within_bytes(items, 1000) == 3


def test_bytes_not_characters() -> None:
    items = [(n, n, "e", "很" * 100, "") for n in range(1, 10)]  # 300 bytes each
    assert within_bytes(items, 1000) == 3


def test_small_pages_are_untouched() -> None:
    items = _items((1, 2, 10), (2, 2, 10))
    assert within_bytes(items, 1000) == 4
    assert within_bytes([], 1000) == 0
