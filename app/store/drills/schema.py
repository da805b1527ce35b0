"""Migration: knowledge-base drills.

- `drill_sets` and `drill_scenarios`: the trainer's sets (local; shared as JSON Lines).
- `drill_attempts`: one row per drill-attempt event, kept by a trigger on `events`, so an
  attempt made here and one pulled from the central store land in it the same way. It is
  a projection: the events are the record.

`IF NOT EXISTS` everywhere, so the step is harmless wherever it ends up in the list.
"""

from __future__ import annotations

import sqlite3

_ATTEMPT_VALUES = """{e}.seq, {e}.id, {e}.actor,
    json_extract({e}.payload, '$.scenario_id'),
    coalesce(json_extract({e}.payload, '$.set'), ''),
    coalesce(json_extract({e}.payload, '$.category'), ''),
    {e}.client_time,
    coalesce(json_extract({e}.payload, '$.seconds'), 0),
    (json_extract({e}.payload, '$.article_ok') IS 1
        AND json_extract({e}.payload, '$.type_ok') IS 1
        AND json_extract({e}.payload, '$.unit_ok') IS 1)"""

_COLUMNS = "event_seq, id, user, scenario_id, set_name, category, answered_at, seconds, correct"

STATEMENTS = (
    """CREATE TABLE IF NOT EXISTS drill_sets (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS drill_scenarios (
        id TEXT PRIMARY KEY,
        set_name TEXT NOT NULL REFERENCES drill_sets(name),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        articles TEXT NOT NULL,
        appeal_type TEXT NOT NULL,
        category TEXT NOT NULL,
        unit TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS drill_scenarios_by_set ON drill_scenarios(set_name, position)",
    """CREATE TABLE IF NOT EXISTS drill_attempts (
        event_seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        user TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        set_name TEXT NOT NULL,
        category TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        seconds REAL NOT NULL,
        correct INTEGER NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS drill_attempts_by_user ON drill_attempts(user, answered_at)",
    "CREATE INDEX IF NOT EXISTS drill_attempts_by_set ON drill_attempts(set_name, answered_at)",
    f"""CREATE TRIGGER IF NOT EXISTS drill_attempts_insert AFTER INSERT ON events
    WHEN NEW.type = 'drill_attempt'
    BEGIN
        INSERT OR IGNORE INTO drill_attempts ({_COLUMNS})
        SELECT {_ATTEMPT_VALUES.format(e="NEW")};
    END""",
    f"""INSERT OR IGNORE INTO drill_attempts ({_COLUMNS})
    SELECT {_ATTEMPT_VALUES.format(e="e")} FROM events AS e WHERE e.type = 'drill_attempt'""",
)


def drills(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
