"""Read side of the projection: the order list, caller history, counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.models.lookup import Lookup, lookup_of
from app.models.numbering import normalise_number
from app.store.db import Database
from app.store.textindex import match_query

LIST_COLUMNS = (
    "rowid, id, number, status, received_at, phone, appellant_name, confidential, "
    "appeal_type, urgency, category, town, title, deadline, lead_unit, direct, is_open"
)


@dataclass(frozen=True)
class OrderRow:
    """What a list shows of one order."""

    rowid: int
    id: str
    number: str
    status: str
    received_at: str
    phone: str
    appellant_name: str
    confidential: bool
    appeal_type: str
    urgency: str
    category: str
    town: str
    title: str
    deadline: str
    lead_unit: str
    direct: bool
    is_open: bool

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> OrderRow:
        d = dict(row)
        d["confidential"] = bool(d["confidential"])
        d["direct"] = bool(d["direct"])
        d["is_open"] = bool(d["is_open"])
        return cls(**d)

    def overdue(self, now: datetime) -> bool:
        return self.is_open and self.deadline < now.isoformat()


@dataclass(frozen=True)
class OrderFilter:
    statuses: frozenset[str] = field(default_factory=frozenset)
    appeal_type: str = ""
    town: str = ""
    received_from: str = ""  # ISO date, inclusive
    received_to: str = ""  # ISO date, inclusive
    overdue_at: str = ""  # ISO time: only open orders whose deadline is before it
    text: str = ""
    phone: str = ""
    lead_unit: str = ""
    granted_to: str = ""  # only orders this unit was ever dispatched to (see access.py)


@dataclass(frozen=True)
class PageKey:
    """Keyset position: the last row of the previous page."""

    received_at: str
    id: str


# How many text matches are few enough to fetch and sort them all (more: scan newest first).
TEXT_SORT_LIMIT = 50_000  # text alone: sorted through the narrow orders_text_keys index
TEXT_SORT_LIMIT_FILTERED = 10_000  # text with other filters: sorted through the order rows
TEXT_PROBE_SHARE = 4  # a word in more than 1/4 of all orders is checked order by order
MAX_LOOKUP_CHARS = 60  # longer text is no order number nor phone
_FTS = "SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?"
_NEWEST = "ORDER BY received_at DESC, id DESC"


def _lookup(text: str) -> Lookup:
    return lookup_of(text[:MAX_LOOKUP_CHARS])


def _only_text(f: OrderFilter) -> bool:
    return f == OrderFilter(text=f.text)


def _where(f: OrderFilter, text: bool = True) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.statuses:
        clauses.append(f"status IN ({','.join('?' * len(f.statuses))})")
        params.extend(sorted(f.statuses))
    for column, value in (
        ("appeal_type", f.appeal_type),
        ("town", f.town),
        ("phone", f.phone),
        ("lead_unit", f.lead_unit),
    ):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.granted_to:
        clauses.append("rowid IN (SELECT order_rowid FROM order_grants WHERE unit = ?)")
        params.append(f.granted_to)
    if f.received_from:
        clauses.append("received_at >= ?")
        params.append(f.received_from)
    if f.received_to:
        clauses.append("received_at < date(?, '+1 day')")
        params.append(f.received_to)
    if f.overdue_at:
        clauses.append("is_open = 1 AND deadline < ?")
        params.append(f.overdue_at)
    if text and f.text.strip():
        clause, values = _text_clause(f.text)
        clauses.append(clause)
        params.extend(values)
    return (" AND ".join(clauses) or "1"), params


def _text_clause(text: str) -> tuple[str, list[Any]]:
    """The orders the words match, or whose order number holds the text, or whose caller
    has the number typed (lookup_of: the text as a number part or a phone number)."""
    match = match_query(text)
    keys = _lookup(text)
    found: list[str] = []
    params: list[Any] = []
    if match is not None:
        found.append(_FTS)
        params.append(match)
    if keys.number:
        # the index on number, read whole: a part may sit anywhere in it
        found.append("SELECT rowid FROM orders INDEXED BY orders_by_number WHERE instr(number, ?)")
        params.append(keys.number)
    if keys.phone:
        found.append("SELECT rowid FROM orders WHERE phone = ?")
        params.append(keys.phone)
    if not found:
        return "0", []
    return f"rowid IN ({' UNION '.join(found)})", params


class OrderQueries:
    def __init__(self, database: Database) -> None:
        self.database = database

    def page(
        self, f: OrderFilter, after: PageKey | None = None, limit: int = 200
    ) -> list[OrderRow]:
        """Newest first, one page at a time (keyset pagination: as fast on page 5,000).

        The query's shape depends on the filter, so that it stays fast at a million orders
        (bench/store_bench.py): several statuses are merged from one index range each; a
        word found in few orders sorts its matches, a common one scans newest first.
        """
        if f.text.strip() and _lookup(f.text):
            return self._lookup_page(f, after, limit)
        match = match_query(f.text) if f.text.strip() else None
        if f.text.strip() and match is None:
            return []  # nothing searchable in the text (only punctuation, emoji, …)
        text = ""
        if match is not None:
            alone = _only_text(f)
            if self._matches(match, TEXT_SORT_LIMIT if alone else TEXT_SORT_LIMIT_FILTERED):
                # A common word: walk an index newest first and keep the rows among the
                # matches ('+' keeps SQLite from driving the query by rowid).
                text = f" AND +rowid IN ({_FTS})"
                everywhere = int(self.database.scalar("SELECT MAX(rowid) FROM orders") or 0)
                if self._matches(match, everywhere // TEXT_PROBE_SHARE):
                    # In most orders: collecting every match costs more than asking the
                    # index about each of the few newest orders a page needs.
                    text = f" AND EXISTS ({_FTS} AND orders_fts.rowid = orders.rowid)"
            elif alone:
                return self._rare_text_page(match, after, limit)
            else:
                text = f" AND rowid IN ({_FTS})"
        where, params = _where(replace(f, statuses=frozenset()), text=False)
        where += text
        params += [match] if match is not None else []
        if after is not None:
            where += " AND (received_at, id) < (?, ?)"
            params += [after.received_at, after.id]
        statuses: list[str | None] = [*sorted(f.statuses)] or [None]
        branches = []
        values: list[Any] = []
        for status in statuses:
            condition = where if status is None else f"status = ? AND {where}"
            branches.append(
                f"SELECT {LIST_COLUMNS} FROM orders WHERE {condition} {_NEWEST} LIMIT ?"
            )
            values += [*([] if status is None else [status]), *params, limit]
        if len(branches) == 1:
            sql = branches[0]
        else:
            # one index range per status, merged: never a sort of every matching order
            union = " UNION ALL ".join(f"SELECT * FROM ({b})" for b in branches)
            sql = f"SELECT * FROM ({union}) {_NEWEST} LIMIT ?"
            values.append(limit)
        return [OrderRow.from_row(r) for r in self.database.query(sql, tuple(values))]

    def _lookup_page(self, f: OrderFilter, after: PageKey | None, limit: int) -> list[OrderRow]:
        """Text that may be an order number or a phone as well as words: the orders any
        of them finds, newest first."""
        where, params = _where(f)
        if after is not None:
            where += " AND (received_at, id) < (?, ?)"
            params += [after.received_at, after.id]
        sql = f"SELECT {LIST_COLUMNS} FROM orders WHERE {where} {_NEWEST} LIMIT ?"
        return [OrderRow.from_row(r) for r in self.database.query(sql, (*params, limit))]

    def _rare_text_page(self, match: str, after: PageKey | None, limit: int) -> list[OrderRow]:
        """Sort all matches by the narrow (rowid, received_at, id) index, never touching the
        wide order rows, then fetch just one page of them."""
        keys, params = "1", [match]
        if after is not None:
            keys = "(o.received_at, o.id) < (?, ?)"
            params += [after.received_at, after.id]
        sql = (
            f"SELECT {LIST_COLUMNS} FROM orders WHERE rowid IN ("
            "SELECT o.rowid FROM orders_fts "
            "JOIN orders AS o INDEXED BY orders_text_keys ON o.rowid = orders_fts.rowid "
            f"WHERE orders_fts MATCH ? AND {keys} "
            "ORDER BY o.received_at DESC, o.id DESC LIMIT ?"
            f") {_NEWEST}"
        )
        rows = self.database.query(sql, (*params, limit))
        return [OrderRow.from_row(r) for r in rows]

    def _matches(self, match: str, at_least: int) -> bool:
        """Whether the text matches at least `at_least` orders (counts no further)."""
        sql = f"SELECT COUNT(*) FROM ({_FTS} LIMIT ?)"
        return int(self.database.scalar(sql, (match, at_least))) >= at_least

    def count(self, f: OrderFilter) -> int:
        match = match_query(f.text) if f.text.strip() else None
        if match is not None and _only_text(f) and not _lookup(f.text):
            # every order has exactly one row in the text index: count there
            sql = "SELECT COUNT(*) FROM orders_fts WHERE orders_fts MATCH ?"
            return int(self.database.scalar(sql, (match,)))
        where, params = _where(f)
        sql = f"SELECT COUNT(*) FROM orders WHERE {where}"
        return int(self.database.scalar(sql, tuple(params)))

    def caller_history(self, phone: str, limit: int = 20) -> tuple[int, list[OrderRow]]:
        """(how many orders this number has, the latest of them)."""
        if not phone:
            return 0, []
        total = int(self.database.scalar("SELECT COUNT(*) FROM orders WHERE phone = ?", (phone,)))
        rows = self.database.query(
            f"SELECT {LIST_COLUMNS} FROM orders WHERE phone = ? ORDER BY received_at DESC LIMIT ?",
            (phone, limit),
        )
        return total, [OrderRow.from_row(r) for r in rows]

    def caller_flags(self, phone: str) -> dict[str, list[str]]:
        """The flags (恶意/虚假/疑难) on this number's orders: order id → kinds, in order."""
        if not phone:
            return {}
        rows = self.database.query(
            "SELECT o.id, json_extract(e.payload, '$.kind') FROM orders AS o "
            "JOIN events AS e ON e.order_id = o.id AND e.type = 'flag' "
            "WHERE o.phone = ? ORDER BY e.seq",
            (phone,),
        )
        flags: dict[str, list[str]] = {}
        for order_id, kind in rows:
            kinds = flags.setdefault(str(order_id), [])
            if kind not in kinds:
                kinds.append(str(kind))
        return flags

    def rows_by_id(self, ids: Sequence[str]) -> list[OrderRow]:
        """The rows of these orders (at most a few hundred ids), in no particular order."""
        if not ids:
            return []
        rows = self.database.query(
            f"SELECT {LIST_COLUMNS} FROM orders WHERE id IN ({','.join('?' * len(ids))})",
            tuple(ids),
        )
        return [OrderRow.from_row(r) for r in rows]

    def find_by_number(self, number: str) -> OrderRow | None:
        """The order with this number, else one that had it before the central store
        renumbered it (find_all_by_number)."""
        found = self.find_all_by_number(number)
        return found[0] if found else None

    def find_all_by_number(self, number: str) -> list[OrderRow]:
        """Orders a caller quoting `number` may mean: the one numbered so, then those the
        central store renumbered away from it (a duplicate number keeps working as an
        alias: their renumber event's old_number, indexed by events_former_numbers)."""
        key = normalise_number(number)
        rows = self.database.query(
            f"SELECT {LIST_COLUMNS} FROM orders WHERE number = ? "
            f"UNION ALL SELECT {LIST_COLUMNS} FROM orders WHERE number != ? AND id IN ("
            "SELECT order_id FROM events WHERE type = 'renumber' "
            "AND json_extract(payload, '$.old_number') = ?)",
            (key, key, key),
        )
        return [OrderRow.from_row(r) for r in rows]
