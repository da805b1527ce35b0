"""Migration: knowledge-base governance and drill sets published through the store.

- `events_governance`: the proposals, rulings and flags, by article (a partial index, so
  the queues read them without scanning the event log).
- `kb_provenance`: who wrote and who approved each published version, and when.
- `drill_retired`: scenarios and sets a trainer retired; published scenarios land in
  `drill_scenarios` and retirements here by triggers on `events`, so a publication made
  here and one pulled from the store land the same way (the events are the record).

`IF NOT EXISTS` everywhere, so the step is harmless wherever it ends up in the list.
"""

from __future__ import annotations

import sqlite3

GOVERNANCE_TYPES = "('kb_proposal', 'kb_ruling', 'kb_flag', 'kb_flag_resolved')"

_P = "json_extract(NEW.payload, '$.{}')"

STATEMENTS = (
    f"CREATE INDEX IF NOT EXISTS events_governance ON events(order_id, seq) "
    f"WHERE type IN {GOVERNANCE_TYPES}",
    """CREATE TABLE IF NOT EXISTS kb_provenance (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        author TEXT NOT NULL,
        approved_by TEXT NOT NULL,
        published_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
    )""",
    """CREATE TABLE IF NOT EXISTS drill_retired (
        set_name TEXT NOT NULL,
        scenario_id TEXT NOT NULL,  -- '' : the whole set
        event_seq INTEGER NOT NULL,
        PRIMARY KEY (set_name, scenario_id)
    )""",
    f"""CREATE TRIGGER IF NOT EXISTS drill_published AFTER INSERT ON events
    WHEN NEW.type = 'drill_publish'
    BEGIN
        INSERT OR IGNORE INTO drill_sets (name, created_at, updated_at)
        VALUES ({_P.format("set")}, NEW.client_time, NEW.client_time);
        INSERT OR REPLACE INTO drill_scenarios
            (id, set_name, position, text, articles, appeal_type, category, unit, source,
             updated_at)
        VALUES (
            {_P.format("scenario_id")}, {_P.format("set")},
            coalesce((SELECT position FROM drill_scenarios
                      WHERE id = {_P.format("scenario_id")}),
                     (SELECT coalesce(max(position), 0) + 1 FROM drill_scenarios
                      WHERE set_name = {_P.format("set")})),
            {_P.format("text")}, json_extract(NEW.payload, '$.articles'),
            {_P.format("appeal_type")}, coalesce({_P.format("category")}, ''),
            coalesce({_P.format("unit")}, ''), coalesce({_P.format("source")}, ''),
            NEW.client_time);
        DELETE FROM drill_retired WHERE set_name = {_P.format("set")}
            AND scenario_id IN ('', {_P.format("scenario_id")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS drill_retired_insert AFTER INSERT ON events
    WHEN NEW.type = 'drill_retire'
    BEGIN
        INSERT OR REPLACE INTO drill_retired (set_name, scenario_id, event_seq)
        VALUES ({_P.format("set")}, coalesce({_P.format("scenario_id")}, ''), NEW.seq);
    END""",
)


def kb_governance(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
