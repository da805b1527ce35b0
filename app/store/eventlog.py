"""The event log and the order projection it feeds, written in one transaction per action."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from app.models.enums import OPEN_STATUSES, EventType
from app.models.projection import ProjectionError, apply
from app.models.records import Event, Order
from app.models.rules import ORDERLESS
from app.models.serial import event_from_dict, event_to_dict, order_from_dict, order_to_dict
from app.store.db import Database
from app.store.textindex import index_text

_EVENT_COLUMNS = (
    "id, order_id, type, payload, actor, role, unit, device_id, client_time, base_version"
)


def _event_row(event: Event) -> tuple[object, ...]:
    d = event_to_dict(event)
    return (
        d["id"],
        d["order_id"],
        d["type"],
        json.dumps(d["payload"], ensure_ascii=False),
        d["actor"],
        d["role"],
        d["unit"],
        d["device_id"],
        d["client_time"],
        d["base_version"],
    )


def event_from_row(row: sqlite3.Row) -> Event:
    data = dict(row)
    data["payload"] = json.loads(data["payload"])
    return event_from_dict(data)


def _order_values(order: Order) -> tuple[object, ...]:
    return (
        order.id,
        order.number,
        order.status.value,
        order.version,
        order.received_at.isoformat(),
        order.appellant.phone,
        order.appellant.name,
        int(order.appellant.confidential),
        order.appeal_type.value,
        order.urgency.value,
        order.channel.value,
        order.category,
        order.town,
        order.title,
        order.deadline.isoformat(),
        order.lead_unit,
        int(order.direct),
        int(order.status in OPEN_STATUSES),
        order.updated_at.isoformat() if order.updated_at else None,
        json.dumps(order_to_dict(order), ensure_ascii=False),
    )


def _write_order(conn: sqlite3.Connection, order: Order, is_new: bool) -> None:
    values = _order_values(order)
    cur = conn.execute(
        """INSERT INTO orders (id, number, status, version, received_at, phone,
               appellant_name, confidential, appeal_type, urgency, channel, category, town,
               title, deadline, lead_unit, direct, is_open, updated_at, data)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET status = excluded.status,
               version = excluded.version, deadline = excluded.deadline,
               lead_unit = excluded.lead_unit, direct = excluded.direct,
               is_open = excluded.is_open, updated_at = excluded.updated_at,
               data = excluded.data
           RETURNING rowid""",
        values,
    )
    rowid = cur.fetchone()[0]
    if is_new:
        conn.execute(
            "INSERT INTO orders_fts(rowid, body) VALUES (?, ?)",
            (rowid, index_text(order.title + " " + order.content)),
        )


_ORDER_INSERT = """INSERT INTO orders (id, number, status, version, received_at, phone,
       appellant_name, confidential, appeal_type, urgency, channel, category, town,
       title, deadline, lead_unit, direct, is_open, updated_at, data)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def insert_new_orders(conn: sqlite3.Connection, orders: Sequence[Order]) -> None:
    """Bulk form of _write_order for orders that have no row yet (a pulled page)."""
    if not orders:
        return
    conn.executemany(_ORDER_INSERT, [_order_values(o) for o in orders])
    first = conn.execute("SELECT rowid FROM orders WHERE id = ?", (orders[0].id,)).fetchone()[0]
    rowids = {o.id: first + i for i, o in enumerate(orders)}
    check = conn.execute("SELECT rowid FROM orders WHERE id = ?", (orders[-1].id,)).fetchone()[0]
    if check != rowids[orders[-1].id]:  # rowids not consecutive: look each one up
        rowids = {
            o.id: conn.execute("SELECT rowid FROM orders WHERE id = ?", (o.id,)).fetchone()[0]
            for o in orders
        }
    conn.executemany(
        "INSERT INTO orders_fts(rowid, body) VALUES (?, ?)",
        [(rowids[o.id], index_text(o.title + " " + o.content)) for o in orders],
    )


class EventLog:
    def __init__(self, database: Database) -> None:
        self.database = database

    def load_order(self, order_id: str) -> Order | None:
        data = self.database.scalar("SELECT data FROM orders WHERE id = ?", (order_id,))
        return order_from_dict(json.loads(data)) if data else None

    def events_of(self, order_id: str) -> list[Event]:
        rows = self.database.query(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE order_id = ? "
            "ORDER BY server_seq IS NULL, server_seq, seq",
            (order_id,),
        )
        return [event_from_row(r) for r in rows]

    def append_local(self, events: Sequence[Event]) -> Order:
        """Record this workstation's events: log, projection and outbox in one transaction."""
        if not events:
            raise ValueError("nothing to record")
        order_id = events[0].order_id
        with self.database.transaction() as conn:
            order = self.load_order(order_id)
            is_new = order is None
            for event in events:
                if event.order_id != order_id:
                    raise ValueError("one action records events of one order")
                order = apply(order, event)
                cur = conn.execute(
                    f"INSERT INTO events ({_EVENT_COLUMNS}, origin) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local')",
                    _event_row(event),
                )
                conn.execute("INSERT INTO outbox(event_seq) VALUES (?)", (cur.lastrowid,))
            assert order is not None
            _write_order(conn, order, is_new)
        return order

    def append_orderless(self, events: Sequence[Event]) -> None:
        """Record events that describe no order (drill attempts): log and outbox in one
        transaction, no projection. They sync like every other event."""
        with self.database.transaction() as conn:
            for event in events:
                if event.type not in ORDERLESS:
                    raise ValueError(f"{event.type} describes an order: use append_local")
                cur = conn.execute(
                    f"INSERT INTO events ({_EVENT_COLUMNS}, origin) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local')",
                    _event_row(event),
                )
                conn.execute("INSERT INTO outbox(event_seq) VALUES (?)", (cur.lastrowid,))

    def apply_remote(
        self, conn: sqlite3.Connection, events: Iterable[tuple[int, Event]]
    ) -> set[str]:
        """Store events pulled from the central store (inside the caller's transaction).

        An event already here (our own, pushed earlier) just gets its server sequence.
        Returns the ids of the orders whose projection was rebuilt.
        """
        touched: set[str] = set()
        for server_seq, event in events:
            cur = conn.execute(
                "UPDATE events SET server_seq = ? WHERE id = ? AND server_seq IS NULL",
                (server_seq, event.id),
            )
            if cur.rowcount == 0:
                exists = conn.execute("SELECT 1 FROM events WHERE id = ?", (event.id,)).fetchone()
                if exists:
                    continue
                conn.execute(
                    f"INSERT INTO events ({_EVENT_COLUMNS}, origin, server_seq) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'remote', ?)",
                    (*_event_row(event), server_seq),
                )
            touched.add(event.order_id)
        for order_id in touched:
            self.reproject(conn, order_id)
        return touched

    def reproject(self, conn: sqlite3.Connection, order_id: str) -> Order | None:
        """Rebuild one order from its events: the server's order first, then pending ones."""
        rows = conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE order_id = ? AND rejected_code IS NULL "
            "ORDER BY server_seq IS NULL, server_seq, seq",
            (order_id,),
        ).fetchall()
        order: Order | None = None
        for row in rows:
            try:
                order = apply(order, event_from_row(row))
            except ProjectionError:
                continue
        if order is not None:
            exists = conn.execute("SELECT 1 FROM orders WHERE id = ?", (order_id,)).fetchone()
            _write_order(conn, order, is_new=exists is None)
        return order

    def rebuild_all(self) -> int:
        """Drop the projection and fold every event again. Returns the number of orders."""
        with self.database.transaction() as conn:
            conn.execute("DELETE FROM orders")
            conn.execute("INSERT INTO orders_fts(orders_fts) VALUES ('delete-all')")
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT order_id FROM events WHERE type = ? "
                    "GROUP BY order_id ORDER BY MIN(seq)",
                    (EventType.INTAKE.value,),
                )
            ]
            for order_id in ids:
                self.reproject(conn, order_id)
        return len(ids)
