"""The event log and the order projection it feeds, written in one transaction per action."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from app.models.enums import OPEN_STATUSES, EventType
from app.models.projection import ProjectionError, apply
from app.models.records import Event, Order
from app.models.rules import ORDERLESS
from app.models.serial import event_from_dict, event_to_dict, order_from_dict, order_to_dict
from app.store.db import Database
from app.store.textindex import index_text


def json_text(value: object) -> str:
    """The JSON text an event's payload and an order's data are stored as: compact, UTF-8
    as is. orjson writes it several times faster than the json module (a workstation
    catching up writes two per pulled event); what orjson will not write (an integer past
    64 bits, a lone surrogate) goes through the json module. (orjson writes a NaN as null;
    no event carries one: the wire refuses NaN.)"""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def order_json(order: Order) -> str:
    """json_text(order_to_dict(order)), byte for byte (tests/unit/test_sync_bulk.py), written
    by orjson straight from the dataclass: its fields in order, datetimes as isoformat(),
    enums as their values, tuples as lists. A third of the time; an order is written for
    every one a pulled page brings."""
    try:
        return orjson.dumps(order).decode()
    except TypeError:
        return json_text(order_to_dict(order))


_EVENT_COLUMNS = (
    "id, order_id, type, payload, actor, role, unit, device_id, client_time, base_version"
)


def _event_row(event: Event) -> tuple[object, ...]:
    d = event_to_dict(event)
    return (
        d["id"],
        d["order_id"],
        d["type"],
        json_text(d["payload"]),
        d["actor"],
        d["role"],
        d["unit"],
        d["device_id"],
        d["client_time"],
        d["base_version"],
    )


# What reading or folding a stored event raises when its payload is older or odd, or its
# type one this build does not know.
UNREADABLE = (KeyError, ValueError, TypeError, AttributeError, OverflowError, RecursionError)


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
        order_json(order),
    )


_INSERT_ORDER = """INSERT INTO orders (id, number, status, version, received_at, phone,
       appellant_name, confidential, appeal_type, urgency, channel, category, town,
       title, deadline, lead_unit, direct, is_open, updated_at, data)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_UPSERT_ORDER = (
    _INSERT_ORDER
    + """
   ON CONFLICT(id) DO UPDATE SET status = excluded.status,
       version = excluded.version, deadline = excluded.deadline,
       lead_unit = excluded.lead_unit, direct = excluded.direct,
       is_open = excluded.is_open, updated_at = excluded.updated_at,
       data = excluded.data"""
)


def _write_order(conn: sqlite3.Connection, order: Order, is_new: bool) -> None:
    values = _order_values(order)
    # A new order is a plain INSERT: an id already taken fails loudly instead of
    # overwriting another order's projection.
    cur = conn.execute((_INSERT_ORDER if is_new else _UPSERT_ORDER) + " RETURNING rowid", values)
    rowid = cur.fetchone()[0]
    if is_new:
        conn.execute(
            "INSERT INTO orders_fts(rowid, body) VALUES (?, ?)",
            (rowid, index_text(order.title + " " + order.content)),
        )


_ORDER_COLUMNS = (
    "id, number, status, version, received_at, phone, appellant_name, confidential, "
    "appeal_type, urgency, channel, category, town, title, deadline, lead_unit, direct, "
    "is_open, updated_at, data"
)

# Pulled pages are written through staging tables: the rows go into a plain temporary
# table (insert_rows), then into the real table with ONE INSERT … SELECT. The projection's
# triggers (report facts, assisting units) and indexes are the same either way, but one
# statement for a thousand rows costs SQLite much less than a thousand statements do
# (docs/sync-protocol.md#performance). The staging tables are this connection's own and
# empty outside a write; their rows take part in the caller's transaction.
_STAGING = (
    "CREATE TEMP TABLE IF NOT EXISTS pulled_events (n INTEGER PRIMARY KEY, "
    "id, order_id, type, payload, actor, role, unit, device_id, client_time, base_version, "
    "server_seq)",
    f"CREATE TEMP TABLE IF NOT EXISTS pulled_orders (n INTEGER PRIMARY KEY, {_ORDER_COLUMNS}, fts)",
)


def _staging(conn: sqlite3.Connection) -> None:
    for statement in _STAGING:
        conn.execute(statement)


def remote_event_row(server_seq: int, event: Event) -> tuple[object, ...]:
    """The row insert_remote_events takes for one pulled event."""
    return (*_event_row(event), server_seq)


def raw_event_row(server_seq: int, data: Mapping[str, Any]) -> tuple[object, ...] | None:
    """The row of a pulled event this build cannot read, its fields kept as they came
    (text where text belongs), or None when it has no id or order to be kept under."""
    event_id, order_id = data.get("id"), data.get("order_id")
    if not isinstance(event_id, str) or not isinstance(order_id, str):
        return None
    try:
        payload = json_text(data.get("payload"))
    except (TypeError, ValueError):
        payload = "null"
    base = data.get("base_version")
    return (
        event_id,
        order_id,
        str(data.get("type", "")),
        payload,
        str(data.get("actor", "")),
        str(data.get("role", "")),
        str(data.get("unit", "")),
        str(data.get("device_id", "")),
        str(data.get("client_time", "")),
        base if type(base) is int and abs(base) < 2**62 else 0,
        server_seq,
    )


def insert_unreadable(conn: sqlite3.Connection, rows: Sequence[tuple[object, ...]]) -> None:
    """Keep pulled events this build cannot read (raw_event_row): stored, never folded
    (reproject skips them), shown as unreadable in the order's timeline."""
    conn.executemany(
        f"INSERT OR IGNORE INTO events ({_EVENT_COLUMNS}, origin, server_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'remote', ?)",
        rows,
    )


def insert_rows(
    conn: sqlite3.Connection,
    head: str,
    values: str,
    rows: Sequence[Sequence[object]],
) -> None:
    """`head` VALUES `values`, … for every row: up to 500 rows (and 30,000 parameters) in
    one statement. Like executemany, but Python's lock is given up once a statement
    rather than once a row: executemany waits for it at every row while another thread
    runs Python (the fetching thread, when a workstation catches up)."""
    # SQLite's own limit may be lower than ours (999 before 3.32)
    limit = min(30_000, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    step = max(1, min(500, limit // max(1, values.count("?"))))
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        conn.execute(
            f"{head} VALUES {','.join([values] * len(chunk))}",
            [v for row in chunk for v in row],
        )


def _marks(n: int) -> str:
    return "(" + ", ".join("?" * n) + ")"


_EVENT_HEAD = f"INSERT INTO events ({_EVENT_COLUMNS}, origin, server_seq)"
_EVENT_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'remote', ?)"
_ORDER_HEAD = f"INSERT INTO orders ({_ORDER_COLUMNS})"
_ORDER_VALUES = _marks(20)


def insert_remote_events(
    conn: sqlite3.Connection, rows: Sequence[tuple[object, ...]], direct: bool = False
) -> None:
    """Insert pulled events no copy of which is stored here yet (rows of remote_event_row),
    in the order given. `direct` (a bulk load): straight into the table (insert_rows), no
    staging copy."""
    if not rows:
        return
    if direct:
        insert_rows(conn, _EVENT_HEAD, _EVENT_VALUES, rows)
        return
    _staging(conn)
    insert_rows(
        conn,
        f"INSERT INTO temp.pulled_events ({_EVENT_COLUMNS}, server_seq)",
        _marks(11),
        rows,
    )
    conn.execute(
        f"INSERT INTO events ({_EVENT_COLUMNS}, origin, server_seq) "
        f"SELECT {_EVENT_COLUMNS}, 'remote', server_seq FROM temp.pulled_events ORDER BY n"
    )
    conn.execute("DELETE FROM temp.pulled_events")


def new_order_row(order: Order) -> tuple[object, ...]:
    """The row insert_new_order_rows takes for one order: its columns and its indexed text."""
    return (*_order_values(order), index_text(order.title + " " + order.content))


# During a bulk load (SyncState.begin_bulk_load) the indexed text of new orders waits in
# this table, a plain append, and goes into the text index in one statement at the end:
# FTS5 merges what each commit adds, so 100,000 documents added a page at a time cost it
# about three times what they cost at once.
DEFERRED_FTS = "bulk_fts"
DEFERRED_FTS_TABLE = f"CREATE TABLE {DEFERRED_FTS} (order_id TEXT NOT NULL, body TEXT NOT NULL)"
DEFERRED_FTS_FLUSH = (
    f"INSERT INTO orders_fts(rowid, body) SELECT o.rowid, b.body FROM {DEFERRED_FTS} AS b "
    "JOIN orders AS o ON o.id = b.order_id ORDER BY o.rowid",
    f"DROP TABLE IF EXISTS {DEFERRED_FTS}",
)


def insert_new_order_rows(
    conn: sqlite3.Connection, rows: Sequence[tuple[object, ...]], defer_text: bool = False
) -> None:
    """Bulk form of _write_order for orders that have no row yet (a pulled page); rows of
    new_order_row. `defer_text` (a bulk load): their indexed text goes to DEFERRED_FTS, and
    the rows straight into the tables (insert_rows): with the orders' secondary indexes
    and insert triggers dropped, the staging copy only added work."""
    if not rows:
        return
    if defer_text:
        insert_rows(conn, _ORDER_HEAD, _ORDER_VALUES, [r[:-1] for r in rows])
        insert_rows(
            conn,
            f"INSERT INTO {DEFERRED_FTS}(order_id, body)",
            "(?, ?)",
            [(r[0], r[-1]) for r in rows],
        )
        return
    _staging(conn)
    insert_rows(
        conn,
        f"INSERT INTO temp.pulled_orders ({_ORDER_COLUMNS}, fts)",
        _marks(21),
        rows,
    )
    conn.execute(
        f"INSERT INTO orders ({_ORDER_COLUMNS}) "
        f"SELECT {_ORDER_COLUMNS} FROM temp.pulled_orders ORDER BY n"
    )
    conn.execute(
        "INSERT INTO orders_fts(rowid, body) SELECT o.rowid, s.fts "
        "FROM temp.pulled_orders AS s JOIN orders AS o ON o.id = s.id ORDER BY o.rowid"
    )
    conn.execute("DELETE FROM temp.pulled_orders")


def insert_new_orders(conn: sqlite3.Connection, orders: Sequence[Order]) -> None:
    """Bulk form of _write_order for orders that have no row yet."""
    insert_new_order_rows(conn, [new_order_row(o) for o in orders])


class EventLog:
    def __init__(self, database: Database) -> None:
        self.database = database

    def load_order(self, order_id: str) -> Order | None:
        data = self.database.scalar("SELECT data FROM orders WHERE id = ?", (order_id,))
        return order_from_dict(json.loads(data)) if data else None

    def events_of(self, order_id: str) -> list[Event]:
        """The order's events this build can read (an odd or newer one is left out here;
        the order's detail shows it as unreadable: app.store.orders.timeline)."""
        rows = self.database.query(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE order_id = ? "
            "ORDER BY server_seq IS NULL, server_seq, seq",
            (order_id,),
        )
        events = []
        for r in rows:
            try:
                events.append(event_from_row(r))
            except UNREADABLE:
                continue
        return events

    def append_local(self, events: Sequence[Event], *, queue: bool = True) -> Order:
        """Record this workstation's events: log, projection and outbox in one transaction.
        `queue=False` leaves them out of the outbox: demo data, which no store may ever
        receive (app/store/demo/generator.py)."""
        if not events:
            raise ValueError("nothing to record")
        order_id = events[0].order_id
        insert = (
            f"INSERT INTO events ({_EVENT_COLUMNS}, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local')"
        )
        with self.database.transaction() as conn:
            # An intake starts an order under a fresh id: no stored state to look up.
            order = None if events[0].type is EventType.INTAKE else self.load_order(order_id)
            is_new = order is None
            for event in events:
                if event.order_id != order_id:
                    raise ValueError("one action records events of one order")
                order = apply(order, event)
                if queue:
                    cur = conn.execute(insert, _event_row(event))
                    conn.execute("INSERT INTO outbox(event_seq) VALUES (?)", (cur.lastrowid,))
            if not queue:
                conn.executemany(insert, [_event_row(e) for e in events])
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
            except (ProjectionError, *UNREADABLE):  # a step this build cannot fold
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
