"""A pulled page of the central store's feed, and the work on it that needs no database
(prepare_page: any thread); the store's record of each pulled event (keep_records)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.models.projection import ProjectionError, apply
from app.models.records import Event, Order
from app.models.rules import ORDERLESS
from app.models.serial import event_from_dict
from app.store.eventlog import UNREADABLE, new_order_row, raw_event_row, remote_event_row
from app.store.reports.times import TIMED_STEPS, refresh_facts


@dataclass(frozen=True)
class StoreRecord:
    """What the central store recorded beside an event it accepted: who pushed it (the
    token's user, in their role and unit then) and when it received it (epoch seconds)."""

    received_at: int
    user: str
    role: str
    unit: str


@dataclass(frozen=True)
class PulledPage:
    events: Sequence[tuple[int, Mapping[str, Any]]]
    articles: Sequence[Mapping[str, Any]]
    units: Sequence[Mapping[str, Any]] | None
    catalogue: Sequence[Mapping[str, Any]] | None
    policy_version: str
    next_since: int
    records: Mapping[int, StoreRecord] = field(default_factory=dict)  # by feed position


@dataclass(frozen=True)
class PreparedPage:
    """A pulled page with the work that needs no database done ahead (prepare_page): its
    events parsed, each order's events of the page folded as if the order were new here, and
    the rows the bulk path writes. Made on the fetching thread while the previous page is
    applied; apply_page decides, inside its transaction, which orders really are new."""

    page: PulledPage
    events: list[tuple[int, Event]]
    event_rows: dict[str, tuple[object, ...]]  # event id → remote_event_row
    folded: dict[str, Order]  # order id → its page's events folded from nothing
    order_rows: dict[str, tuple[object, ...]]  # order id → new_order_row of folded
    broken: set[str]  # orders whose page events do not fold from nothing
    unreadable: list[tuple[object, ...]] = field(default_factory=list)  # eventlog.raw_event_row


def _read_pulled(
    page: PulledPage,
) -> tuple[list[tuple[int, Event]], list[tuple[object, ...]]]:
    """The page's events this build can read, and rows of those it cannot (a type it does
    not know, an odd payload): those are kept as they came, shown as unreadable, and
    never stop a pull."""
    events: list[tuple[int, Event]] = []
    unreadable: list[tuple[object, ...]] = []
    for seq, data in page.events:
        try:
            events.append((seq, event_from_dict(dict(data))))
        except UNREADABLE:
            row = raw_event_row(seq, data)
            if row is not None:
                unreadable.append(row)
    return events, unreadable


def prepare_page(page: PulledPage) -> PreparedPage:
    """The database-free part of applying `page` (pure; any thread)."""
    events, unreadable = _read_pulled(page)
    folded: dict[str, Order] = {}
    broken: set[str] = set()
    for _seq, event in sorted(events, key=lambda pair: pair[0]):
        if event.order_id in broken or event.type in ORDERLESS:
            continue  # an orderless event (a drill attempt, a reveal) folds into no order
        try:
            folded[event.order_id] = apply(folded.get(event.order_id), event)
        except (ProjectionError, KeyError, ValueError, TypeError):
            broken.add(event.order_id)  # let the careful path decide what to keep
            folded.pop(event.order_id, None)
    return PreparedPage(
        page=page,
        events=events,
        event_rows={e.id: remote_event_row(seq, e) for seq, e in events},
        folded=folded,
        order_rows={oid: new_order_row(o) for oid, o in folded.items()},
        broken=broken,
        unreadable=unreadable,
    )


def keep_records(
    conn: sqlite3.Connection, records: Mapping[int, StoreRecord], bulk: bool = False
) -> None:
    """The store's record of each pulled event, beside the event (its own columns, never
    the payload); the report facts of orders whose sign or close it times (report_times;
    during a bulk load they are all made at its end)."""
    if not records:
        return
    conn.executemany(
        "UPDATE events SET received_at = ?, by_user = ?, by_role = ?, by_unit = ? "
        "WHERE server_seq = ?",
        [(r.received_at, r.user, r.role, r.unit, seq) for seq, r in records.items()],
    )
    if bulk:
        return
    seqs = list(records)
    timed: set[str] = set()
    marks = ",".join("?" * len(TIMED_STEPS))
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        timed.update(
            r[0]
            for r in conn.execute(
                f"SELECT order_id FROM events WHERE type IN ({marks}) "
                f"AND server_seq IN ({','.join('?' * len(chunk))})",
                (*TIMED_STEPS, *chunk),
            )
        )
    if timed:
        refresh_facts(conn, sorted(timed))
