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
from typing import TYPE_CHECKING

from app.models.records import Event, Order
from app.models.visibility import Viewer, blank, events_for, order_for, secrets_of
from app.store.orders import OrderFilter, OrderQueries, OrderRow, PageKey

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
        """A role that sees only its unit's orders, with no unit: sees no order at all."""
        return not self.viewer.every_order and not self.viewer.unit

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
    def row(self, row: OrderRow) -> OrderRow:
        """A list row as the viewer may see it (the caller blanked where it may not)."""
        if self.viewer.sees_caller(row.confidential):
            return row
        secrets = secrets_of([row.appellant_name, row.phone])
        return replace(row, phone="", appellant_name="", title=blank(row.title, secrets))

    def page(
        self, f: OrderFilter, after: PageKey | None = None, limit: int = 200
    ) -> list[OrderRow]:
        if self._nothing:
            return []
        return [self.row(r) for r in self.queries.page(self._filter(f), after, limit)]

    def count(self, f: OrderFilter) -> int:
        return 0 if self._nothing else self.queries.count(self._filter(f))

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

    def caller_history(self, phone: str, limit: int = 20) -> tuple[int, list[OrderRow]]:
        if self._nothing or not phone:
            return 0, []
        if self.viewer.every_order:
            total, rows = self.queries.caller_history(phone, limit)
            return total, [self.row(r) for r in rows]
        f = OrderFilter(phone=phone)
        return self.count(f), self.page(f, None, limit)

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
