"""Migration: a unit's sign and the order's close counted at the central store's receive
time, not at a time the workstation chose.

A unit records its sign at its own clock's time and may push it much later (offline), and
the store accepts a time anywhere between the step it answers and its own clock
(server/times.py). Sign timeliness (响应率) and 按时办结率 are what a unit is assessed on,
so `report_facts.signed_ts` and `closed_ts` are the store's receive time of the order's
latest sign and close (or direct answer) once the store's record of it has been pulled;
until then (a step still waiting to be sent) the step's own time stands in.
SyncState refreshes the facts of orders whose records arrive (refresh_facts).
"""

from __future__ import annotations

import sqlite3

from app.store.reports import schema as report_schema

_CLIENT_SIGNED = "unixepoch(json_extract({o}.data, '$.signed_at'))"
_CLIENT_CLOSED = "unixepoch(json_extract({o}.data, '$.closed_at'))"


def _received(column: str, types: str, client: str) -> str:
    """The store's receive time of the order's latest step of `types`, else `client`."""
    return (
        f"CASE WHEN json_extract({{o}}.data, '$.{column}') IS NULL THEN NULL ELSE coalesce(("
        f"SELECT e.received_at FROM events AS e WHERE e.order_id = {{o}}.id "
        f"AND e.type IN ({types}) AND e.rejected_code IS NULL "
        "ORDER BY e.server_seq IS NULL DESC, e.server_seq DESC, e.seq DESC LIMIT 1"
        f"), {client}) END"
    )


assert _CLIENT_SIGNED in report_schema._FACTS and _CLIENT_CLOSED in report_schema._FACTS
FACTS = report_schema._FACTS.replace(
    _CLIENT_SIGNED, _received("signed_at", "'sign'", _CLIENT_SIGNED)
).replace(_CLIENT_CLOSED, _received("closed_at", "'close', 'direct_answer'", _CLIENT_CLOSED))
COLUMNS = report_schema._COLUMNS

BACKFILL = f"""INSERT OR REPLACE INTO report_facts ({COLUMNS})
    SELECT {FACTS.format(o="o")} FROM orders AS o"""

# Step types whose store record changes an order's facts.
TIMED_STEPS = ("sign", "close", "direct_answer")

STATEMENTS = (
    "DROP TRIGGER IF EXISTS report_facts_insert",
    "DROP TRIGGER IF EXISTS report_facts_update",
    f"""CREATE TRIGGER report_facts_insert AFTER INSERT ON orders
    BEGIN
        INSERT OR REPLACE INTO report_facts ({COLUMNS}) SELECT {FACTS.format(o="NEW")};
    END""",
    f"""CREATE TRIGGER report_facts_update AFTER UPDATE ON orders
    BEGIN
        DELETE FROM report_facts
        WHERE received_at = OLD.received_at AND order_rowid = OLD.rowid;
        INSERT OR REPLACE INTO report_facts ({COLUMNS}) SELECT {FACTS.format(o="NEW")};
    END""",
    BACKFILL,
)


def store_times_in_facts(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)


def refresh_facts(conn: sqlite3.Connection, order_ids: list[str]) -> None:
    """Recompute the facts of these orders (their steps' store records just arrived)."""
    for start in range(0, len(order_ids), 500):
        chunk = order_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(
            f"INSERT OR REPLACE INTO report_facts ({COLUMNS}) "
            f"SELECT {FACTS.format(o='o')} FROM orders AS o WHERE o.id IN ({marks})",
            chunk,
        )
