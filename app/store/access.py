"""The orders one user may see, as that user may see them.

Every screen that lists, searches or opens orders (the order list and its search, Ctrl+O,
an order's detail, the orders behind a report's figure, the duplicates beside the intake,
the caller's history) reads through an `OrderAccess` for the user at the keyboard, so what
a role may see is decided here once (the rules: app/models/visibility.py), never by a
screen. An order the user may not see and an order that does not exist are the same
answer: nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from app.models.enums import Role
from app.models.lookup import lookup_of
from app.models.records import Event, Order
from app.models.validation import normalise_phone
from app.models.visibility import NO_CALLER, Viewer, blank, events_for, order_for, secrets_of
from app.store.orders.query import OrderFilter, OrderQueries, OrderRow, PageKey
from app.store.queues.work import QueueRow

R = TypeVar("R", OrderRow, QueueRow)  # rows with the caller's columns and a title

if TYPE_CHECKING:
    from app.store.eventlog import EventLog


@dataclass(frozen=True)
class OrderView:
    """One order and its timeline, as the viewer may see them."""

    order: Order
    events: list[Event]


class OrderAccess:
    def __init__(self, queries: OrderQueries, viewer: Viewer) -> None:
        self.queries = queries
        self.database = queries.database
        self.viewer = viewer

    # ---- which orders ------------------------------------------------------------------
    @property
    def _nothing(self) -> bool:
        """A trainer, or a unit user with no unit: sees no order at all."""
        return self.viewer.no_orders

    def _searches_nothing(self, f: OrderFilter) -> bool:
        """A text search by a role that may not read the words finds nothing (else the
        search itself would tell which orders mention a name)."""
        if self._nothing:
            return True
        if f.text.strip() and not self.viewer.reads_words:
            return True
        return bool(f.phone) and self.viewer.role in NO_CALLER

    def _betrays(self, row: OrderRow, f: OrderFilter) -> bool:
        """Whether listing `row` for this search would tell the viewer something of a caller
        it may not see: the row was found by that caller's number, or the words searched
        share a part of the caller's name or number (a guessed name would be confirmed)."""
        if self.viewer.sees_caller(row.confidential):
            return False
        if f.phone:
            return True
        if not f.text.strip():
            return False
        if row.phone and lookup_of(f.text).phone == row.phone:
            return True  # found by the caller's number
        # as typed, and as the number it may be (full-width digits, spaces and dashes gone)
        texts = ("".join(f.text.split()), normalise_phone(f.text))
        parts = _parts(secrets_of([row.appellant_name, row.phone]))
        return any(part in text for text in texts for part in parts)

    def _guarded(self, f: OrderFilter) -> bool:
        """A search whose rows must be checked one by one (a unit's, by words or number)."""
        return self.viewer.role is Role.UNIT and bool(f.text.strip() or f.phone)

    def _filter(self, f: OrderFilter) -> OrderFilter:
        return f if self.viewer.every_order else replace(f, granted_to=self.viewer.unit)

    def visible_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of `ids` that name an order this viewer may see."""
        if self._nothing or not ids:
            return set()
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            if self.viewer.every_order:
                sql, params = f"SELECT id FROM orders WHERE id IN ({marks})", tuple(chunk)
            else:
                sql = (
                    f"SELECT o.id FROM orders AS o JOIN order_grants AS g "
                    f"ON g.order_rowid = o.rowid AND g.unit = ? WHERE o.id IN ({marks})"
                )
                params = (self.viewer.unit, *chunk)
            found.update(str(r[0]) for r in self.database.query(sql, params))
        return found

    # ---- lists -------------------------------------------------------------------------
    def row(self, row: R) -> R:
        """A list row (the order list's, a work queue's) as the viewer may see it: the
        caller blanked where it may not."""
        if self.viewer.sees_caller(row.confidential):
            return row
        if not self.viewer.reads_words:
            return replace(row, phone="", appellant_name="", title="")
        secrets = secrets_of([row.appellant_name, row.phone])
        return replace(row, phone="", appellant_name="", title=blank(row.title, secrets))

    def page(
        self, f: OrderFilter, after: PageKey | None = None, limit: int = 200
    ) -> list[OrderRow]:
        if self._searches_nothing(f):
            return []
        rows = self.queries.page(self._filter(f), after, limit)
        if self._guarded(f):
            rows = [r for r in rows if not self._betrays(r, f)]
        return [self.row(r) for r in rows]

    def count(self, f: OrderFilter) -> int:
        if self._searches_nothing(f):
            return 0
        if not self._guarded(f):
            return self.queries.count(self._filter(f))
        counted, after = 0, None  # a unit's own orders: few enough to count one by one
        while True:
            rows = self.queries.page(self._filter(f), after, 500)
            counted += sum(1 for r in rows if not self._betrays(r, f))
            if len(rows) < 500:
                return counted
            after = PageKey(rows[-1].received_at, rows[-1].id)

    def rows(self, ids: Sequence[str]) -> list[OrderRow]:
        """The list rows of those of `ids` the viewer may see, in the given order."""
        visible = self.visible_ids(ids)
        found: dict[str, OrderRow] = {}
        chosen = [i for i in ids if i in visible]
        for start in range(0, len(chosen), 500):
            chunk = chosen[start : start + 500]
            found.update(
                (r.id, r)
                for r in self.queries.rows_by_id(chunk)  # the projection's rows, unfiltered
            )
        return [self.row(found[i]) for i in chosen if i in found]

    def queue(self, rows: Sequence[QueueRow]) -> list[QueueRow]:
        """A work queue's rows (found by the queue's own index), kept only where visible."""
        visible = self.visible_ids([r.id for r in rows])
        return [self.row(r) for r in rows if r.id in visible]

    def shown(self, rows: Sequence[OrderRow]) -> list[OrderRow]:
        """Rows another query found (duplicates, history), kept only where visible."""
        visible = self.visible_ids([r.id for r in rows])
        return [self.row(r) for r in rows if r.id in visible]

    def find_by_number(self, number: str) -> OrderRow | None:
        """The order a caller quotes, or None: none by that number, or not one of the
        viewer's (the same answer, so a refusal says nothing about another unit's order)."""
        found = self.queries.find_by_number(number)
        if found is None or found.id not in self.visible_ids([found.id]):
            return None
        return self.row(found)

    def find_all_by_number(self, number: str) -> list[OrderRow]:
        """Every order of the viewer's a caller quoting `number` may mean (a duplicate
        number the central store renumbered is still its order's alias)."""
        found = self.queries.find_all_by_number(number)
        visible = self.visible_ids([r.id for r in found])
        return [self.row(r) for r in found if r.id in visible]

    def caller_history(self, phone: str, limit: int = 20) -> tuple[int, list[OrderRow]]:
        if not phone or self._searches_nothing(OrderFilter(phone=phone)):
            return 0, []
        if self.viewer.every_order:
            total, rows = self.queries.caller_history(phone, limit)
            return total, [self.row(r) for r in rows]
        f = OrderFilter(phone=phone)
        return self.count(f), self.page(f, None, limit)

    def caller_flags(self, phone: str) -> dict[str, list[str]]:
        """How this number's callers were flagged, on the orders the viewer may see with
        their caller (order id → kinds); nothing for a role that may not search by caller."""
        if not phone or self._searches_nothing(OrderFilter(phone=phone)):
            return {}
        flags = self.queries.caller_flags(phone)
        if self.viewer.every_order:
            return flags
        visible = self.visible_ids(list(flags))
        rows = {r.id: r for r in self.queries.rows_by_id(list(visible))}
        return {
            i: kinds
            for i, kinds in flags.items()
            if i in rows and self.viewer.sees_caller(rows[i].confidential)
        }

    # ---- one order ---------------------------------------------------------------------
    def open(self, events: EventLog, order_id: str) -> OrderView | None:
        """The order and its timeline, or None (no such order, or not the viewer's)."""
        if order_id not in self.visible_ids([order_id]):
            return None
        order = events.load_order(order_id)
        if order is None:
            return None
        timeline = events.events_of(order_id)
        return OrderView(
            order_for(self.viewer, order, timeline), events_for(self.viewer, order, timeline)
        )


def _parts(secrets: Sequence[str]) -> list[str]:
    """What of a name or number a search may not hold: any two characters of a name in a
    row, any four digits of a number in a row."""
    parts = []
    for secret in secrets:
        size = 4 if secret.isdigit() else 2
        parts += [secret[i : i + size] for i in range(max(1, len(secret) - size + 1))]
    return parts
