"""Migration: `report_facts`, the narrow table the reports count from.

Reading the report's fields out of each order's JSON (14 json_extract calls on a
document of about 1.5 KB) costs seconds for one month of a million-order year
(docs/reports.md#how-it-stays-fast). So every order has one row here,
kept by triggers on the projection (nothing in the write path changes), clustered by
receipt time so that a period is one contiguous range:

- the dimensions (type, channel, category, 镇街, lead unit, status) as in `orders`;
- the chain's facts as small integers (0/1 cost no bytes in SQLite's record format) and
  times as Unix seconds, except `dispatch_day`, the local date of the last dispatch,
  which the sign limit (in working days) is looked up by;
- the address, for repeated appeals about one place.

`IF NOT EXISTS` everywhere, so the step is harmless wherever it ends up in the list.
"""

from __future__ import annotations

import sqlite3

# One SELECT list serves the triggers (over NEW) and the backfill (over o).
_FACTS = """
    {o}.received_at, {o}.rowid, {o}.appeal_type, {o}.channel, {o}.category, {o}.town,
    {o}.lead_unit, {o}.status, {o}.direct, {o}.is_open,
    substr(json_extract({o}.data, '$.dispatched_at'), 1, 10),
    unixepoch(json_extract({o}.data, '$.signed_at')),
    unixepoch(json_extract({o}.data, '$.closed_at')),
    unixepoch({o}.deadline),
    json_extract({o}.data, '$.contacted') IS 1,
    json_extract({o}.data, '$.reached') IS 1,
    json_extract({o}.data, '$.resolved') IS 1,
    coalesce(json_extract({o}.data, '$.satisfaction'), ''),
    coalesce(json_extract({o}.data, '$.first_satisfaction'), ''),
    json_extract({o}.data, '$.return_count') > 0,
    json_extract({o}.data, '$.extension_count') > 0,
    json_extract({o}.data, '$.reopen_count') > 0,
    json_extract({o}.data, '$.unreasonable') IS 1,
    coalesce(json_extract({o}.data, '$.address'), '')
"""

_COLUMNS = """received_at, order_rowid, appeal_type, channel, category, town, lead_unit,
    status, direct, is_open, dispatch_day, signed_ts, closed_ts, deadline_ts, contacted,
    reached, resolved, satisfaction, first_satisfaction, returned, extended, reopened,
    unreasonable, address"""

# The facts of every order, whenever the insert trigger was not there to make them.
BACKFILL = f"""INSERT OR REPLACE INTO report_facts ({_COLUMNS})
    SELECT {_FACTS.format(o="o")} FROM orders AS o"""

STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS report_facts (
        received_at TEXT NOT NULL,
        order_rowid INTEGER NOT NULL,
        appeal_type TEXT NOT NULL,
        channel TEXT NOT NULL,
        category TEXT NOT NULL,
        town TEXT NOT NULL,
        lead_unit TEXT NOT NULL,
        status TEXT NOT NULL,
        direct INTEGER NOT NULL,
        is_open INTEGER NOT NULL,
        dispatch_day TEXT,
        signed_ts INTEGER,
        closed_ts INTEGER,
        deadline_ts INTEGER NOT NULL,
        contacted INTEGER NOT NULL,
        reached INTEGER NOT NULL,
        resolved INTEGER NOT NULL,
        satisfaction TEXT NOT NULL,
        first_satisfaction TEXT NOT NULL,
        returned INTEGER NOT NULL,
        extended INTEGER NOT NULL,
        reopened INTEGER NOT NULL,
        unreasonable INTEGER NOT NULL,
        address TEXT NOT NULL,
        PRIMARY KEY (received_at, order_rowid)
    ) WITHOUT ROWID""",
    f"""CREATE TRIGGER IF NOT EXISTS report_facts_insert AFTER INSERT ON orders
    BEGIN
        INSERT OR REPLACE INTO report_facts ({_COLUMNS}) SELECT {_FACTS.format(o="NEW")};
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS report_facts_update AFTER UPDATE ON orders
    BEGIN
        DELETE FROM report_facts
        WHERE received_at = OLD.received_at AND order_rowid = OLD.rowid;
        INSERT OR REPLACE INTO report_facts ({_COLUMNS}) SELECT {_FACTS.format(o="NEW")};
    END""",
    """CREATE TRIGGER IF NOT EXISTS report_facts_delete AFTER DELETE ON orders
    BEGIN
        DELETE FROM report_facts
        WHERE received_at = OLD.received_at AND order_rowid = OLD.rowid;
    END""",
    BACKFILL,
)


def report_facts(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
