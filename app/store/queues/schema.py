"""Migration: what the work queues, duplicate detection and dispatch suggestion read.

- Partial indexes for each queue, so a queue reads only its own rows at 1,000,000 orders.
- `order_assists`: one row per (open order, assisting unit), kept by triggers on the
  projection, so a unit's queue finds the orders it assists without reading JSON.
- (category, town, received_at, lead_unit): where past orders of a kind went, from the
  index alone.
"""

from __future__ import annotations

import sqlite3

# Trigger bodies hold several statements, so they are run one by one (not split on ";").
STATEMENTS = (
    "CREATE INDEX orders_unit_queue ON orders(lead_unit, deadline) WHERE is_open = 1",
    "CREATE INDEX orders_category_town ON orders(category, town, received_at, lead_unit)",
    "CREATE INDEX orders_follow_up_queue ON orders(updated_at) "
    "WHERE status = 'closed' AND direct = 0",
    "CREATE INDEX orders_reopen_due ON orders(updated_at) "
    "WHERE status = 'closed' AND json_extract(data, '$.reopen_due') = 1",
    "CREATE INDEX orders_pending_rulings ON orders(updated_at) "
    "WHERE status = 'handling' AND (json_extract(data, '$.pending_extension') = 1 "
    "OR json_extract(data, '$.pending_unreasonable') = 1)",
    """CREATE TABLE order_assists (
        order_rowid INTEGER NOT NULL,
        unit TEXT NOT NULL,
        PRIMARY KEY (order_rowid, unit)
    ) WITHOUT ROWID""",
    "CREATE INDEX order_assists_by_unit ON order_assists(unit, order_rowid)",
    """CREATE TRIGGER order_assists_insert AFTER INSERT ON orders WHEN NEW.is_open = 1
    BEGIN
        INSERT OR IGNORE INTO order_assists(order_rowid, unit)
        SELECT NEW.rowid, value FROM json_each(NEW.data, '$.assist_units');
    END""",
    """CREATE TRIGGER order_assists_update AFTER UPDATE OF data, is_open ON orders
    BEGIN
        DELETE FROM order_assists WHERE order_rowid = OLD.rowid;
        INSERT OR IGNORE INTO order_assists(order_rowid, unit)
        SELECT NEW.rowid, value FROM json_each(NEW.data, '$.assist_units')
        WHERE NEW.is_open = 1;
    END""",
    """CREATE TRIGGER order_assists_delete AFTER DELETE ON orders
    BEGIN
        DELETE FROM order_assists WHERE order_rowid = OLD.rowid;
    END""",
    """INSERT OR IGNORE INTO order_assists(order_rowid, unit)
    SELECT o.rowid, j.value FROM orders AS o, json_each(o.data, '$.assist_units') AS j
    WHERE o.is_open = 1""",
)


def v3_work_queues(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)


# The assisting units of every open order, whenever the insert trigger was not there.
ASSISTS_BACKFILL = """INSERT OR IGNORE INTO order_assists(order_rowid, unit, deadline)
    SELECT o.rowid, j.value, o.deadline
    FROM orders AS o, json_each(o.data, '$.assist_units') AS j
    WHERE o.is_open = 1 AND j.value != o.lead_unit"""

ASSISTS_BY_DEADLINE = (
    "DROP TRIGGER order_assists_insert",
    "DROP TRIGGER order_assists_update",
    "DROP TRIGGER order_assists_delete",
    "DROP TABLE order_assists",
    """CREATE TABLE order_assists (
        order_rowid INTEGER NOT NULL,
        unit TEXT NOT NULL,
        deadline TEXT NOT NULL,
        PRIMARY KEY (order_rowid, unit)
    ) WITHOUT ROWID""",
    "CREATE INDEX order_assists_by_unit ON order_assists(unit, deadline, order_rowid)",
    """CREATE TRIGGER order_assists_insert AFTER INSERT ON orders WHEN NEW.is_open = 1
    BEGIN
        INSERT OR IGNORE INTO order_assists(order_rowid, unit, deadline)
        SELECT NEW.rowid, value, NEW.deadline FROM json_each(NEW.data, '$.assist_units')
        WHERE value != NEW.lead_unit;
    END""",
    """CREATE TRIGGER order_assists_update AFTER UPDATE OF data, is_open ON orders
    BEGIN
        DELETE FROM order_assists WHERE order_rowid = OLD.rowid;
        INSERT OR IGNORE INTO order_assists(order_rowid, unit, deadline)
        SELECT NEW.rowid, value, NEW.deadline FROM json_each(NEW.data, '$.assist_units')
        WHERE NEW.is_open = 1 AND value != NEW.lead_unit;
    END""",
    """CREATE TRIGGER order_assists_delete AFTER DELETE ON orders
    BEGIN
        DELETE FROM order_assists WHERE order_rowid = OLD.rowid;
    END""",
    ASSISTS_BACKFILL,
)


def chain_indexes(conn: sqlite3.Connection) -> None:
    """Open orders by 镇街 with their titles: duplicate candidates from the index alone."""
    conn.execute(
        "CREATE INDEX orders_open_by_town ON orders(town, received_at, title) WHERE is_open = 1"
    )


def assists_by_deadline(conn: sqlite3.Connection) -> None:
    """The assisting units' rows carry the deadline: a unit's queue from the index alone."""
    for statement in ASSISTS_BY_DEADLINE:
        conn.execute(statement)
