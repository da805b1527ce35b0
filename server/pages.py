"""What a pull page carries beside each event, and how big a page may grow.

Protocol version 2 items carry the store's record of an event — who pushed it, in which
role and unit, and when the store received it — beside the body as pushed (see
docs/sync-protocol.md). A page holds at most `limit` items and about MAX_PAGE_BYTES of
bodies: it stops at the first position group that takes it past the bound, finishing
that group (a cursor cannot stop inside a group delivered at one position).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

MAX_PAGE_BYTES = 4 * 1024 * 1024
_ITEM_OVERHEAD = 160  # the item's own keys, its seq and the store's record, roughly


def stamp(pushed_by: str, role: str, unit: str, received_at: int) -> str:
    """The store's record of an event as the JSON members a version 2 item adds."""
    by = json.dumps({"user": pushed_by, "role": role, "unit": unit}, ensure_ascii=False)
    return f'"received_at":{int(received_at)},"by":{by}'


def within_bytes(
    merged: Sequence[tuple[int, Any, str, str, str]], max_bytes: int = MAX_PAGE_BYTES
) -> int:
    """How many of `merged` (position, …, body, …; ordered by position) a page takes: every
    item up to the position group in which the bodies pass `max_bytes`, that group
    included. At least the first group, however large."""
    total = 0
    for n, item in enumerate(merged):
        if total > max_bytes and item[0] != merged[n - 1][0]:
            return n
        total += len(item[3].encode("utf-8")) + _ITEM_OVERHEAD
    return len(merged)
