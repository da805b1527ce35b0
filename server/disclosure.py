"""The feed as one reader may receive it: each event through app.models.disclosure.

Called by Feed.pull inside its read snapshot with the page's candidate items. A handling
unit's and an analyst's events are rewritten to their allowlists, with the identities of
the order's callers (from its intake and add-caller events, read in the same snapshot)
taken out of every typed text as the reader requires. The centre's events pass as stored
unless the workstation's protocol version is older than a field in the feed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from app.models.disclosure import (
    AUDIENCES,
    Audience,
    Caller,
    Reader,
    callers,
    disclose,
    needs_reading,
)
from app.models.enums import EventType
from server.auth import User
from server.schema import events
from server.wire import canonical

Item = tuple[int, int, str]  # (feed position, seq, body)
_CALLER_EVENTS = (EventType.INTAKE.value, EventType.ADD_CALLER.value)
_LOOKUP_CHUNK = 500


def reader_of(user: User, version: int) -> Reader:
    return Reader(AUDIENCES[user.role], version)


def for_reader(
    conn: Connection, user: User, version: int, items: Sequence[Item]
) -> list[tuple[int, int, str | None]]:
    """`items` as `user` may read them: each body rewritten, or None for an event the
    reader does not receive (left out of the page; the cursor still moves past it)."""
    reader = reader_of(user, version)
    if not items or not needs_reading(reader):
        return list(items)
    parsed = [(pos, seq, json.loads(body)) for pos, seq, body in items]
    by_order: dict[str, list[Caller]] = {}
    if reader.audience in (Audience.UNIT, Audience.ANALYST):
        by_order = _callers(conn, sorted({str(d.get("order_id", "")) for _p, _s, d in parsed}))
    out: list[tuple[int, int, str | None]] = []
    for pos, seq, data in parsed:
        shown = disclose(data, reader, by_order.get(str(data.get("order_id", "")), ()))
        out.append((pos, seq, canonical(shown) if shown is not None else None))
    return out


def _callers(conn: Connection, order_ids: Sequence[str]) -> dict[str, list[Caller]]:
    """Every order's callers, from all its intake and add-caller events stored so far."""
    intakes: dict[str, dict[str, Any]] = {}
    added: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(order_ids), _LOOKUP_CHUNK):
        chunk = order_ids[start : start + _LOOKUP_CHUNK]
        rows = conn.execute(
            select(events.c.order_id, events.c.type, events.c.body)
            .where(events.c.order_id.in_(chunk))
            .where(events.c.type.in_(_CALLER_EVENTS))
            .order_by(events.c.seq)
        )
        for order_id, kind, body in rows:
            payload = json.loads(body).get("payload") or {}
            if kind == EventType.INTAKE.value:
                intakes[order_id] = payload
            else:
                added.setdefault(order_id, []).append(payload)
    return {
        order_id: callers(intakes.get(order_id), added.get(order_id, ()))
        for order_id in set(intakes) | set(added)
    }
