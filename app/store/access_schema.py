"""Migration: `order_grants`, one row per (order, unit ever dispatched to it, lead or
assisting), so a unit's orders are found from an index (app/store/access.py).

Kept by triggers from the projection's lead unit, assisting units and `granted_units`
(every unit the order was ever dispatched to); rows are only added while the order exists,
so a re-dispatch never takes an order away from a unit that handled it.
"""

from __future__ import annotations

import sqlite3

# One statement, its units made distinct and the rows already there left out: a trigger's
# own OR IGNORE gives way to the conflict policy of the statement that fired it.
_GRANTS_OF_NEW = """
        INSERT INTO order_grants(order_rowid, unit)
        SELECT NEW.rowid, u.unit FROM (
            SELECT NEW.lead_unit AS unit
            UNION SELECT value FROM json_each(NEW.data, '$.assist_units')
            UNION SELECT value FROM json_each(NEW.data, '$.granted_units')
        ) AS u
        WHERE typeof(u.unit) = 'text' AND u.unit != '' AND NOT EXISTS (
            SELECT 1 FROM order_grants AS g WHERE g.unit = u.unit AND g.order_rowid = NEW.rowid
        );"""

STATEMENTS = (
    """CREATE TABLE order_grants (
        order_rowid INTEGER NOT NULL,
        unit TEXT NOT NULL,
        PRIMARY KEY (unit, order_rowid)
    ) WITHOUT ROWID""",
    "CREATE INDEX order_grants_by_order ON order_grants(order_rowid)",
    f"""CREATE TRIGGER order_grants_insert AFTER INSERT ON orders
    BEGIN {_GRANTS_OF_NEW}
    END""",
    f"""CREATE TRIGGER order_grants_update AFTER UPDATE OF data, lead_unit ON orders
    BEGIN {_GRANTS_OF_NEW}
    END""",
    """CREATE TRIGGER order_grants_delete AFTER DELETE ON orders
    BEGIN
        DELETE FROM order_grants WHERE order_rowid = OLD.rowid;
    END""",
    # what existing workspaces knew: current units, and every dispatch in the event log
    """INSERT OR IGNORE INTO order_grants(order_rowid, unit)
    SELECT o.rowid, o.lead_unit FROM orders AS o WHERE o.lead_unit != ''""",
    """INSERT OR IGNORE INTO order_grants(order_rowid, unit)
    SELECT o.rowid, j.value FROM orders AS o, json_each(o.data, '$.assist_units') AS j""",
    """INSERT OR IGNORE INTO order_grants(order_rowid, unit)
    SELECT o.rowid, json_extract(e.payload, '$.lead_unit') FROM events AS e
    JOIN orders AS o ON o.id = e.order_id
    WHERE e.type IN ('dispatch', 'redispatch') AND json_valid(e.payload)
    AND json_type(e.payload, '$.lead_unit') = 'text'""",
    """INSERT OR IGNORE INTO order_grants(order_rowid, unit)
    SELECT o.rowid, j.value FROM events AS e
    JOIN orders AS o ON o.id = e.order_id, json_each(e.payload, '$.assist_units') AS j
    WHERE e.type IN ('dispatch', 'redispatch') AND json_valid(e.payload)
    AND json_type(e.payload, '$.assist_units') = 'array' AND j.type = 'text'""",
)


def order_grants(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
