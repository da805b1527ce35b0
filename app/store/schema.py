"""Schema migrations, applied in order; PRAGMA user_version counts how many have run.

Never edit a migration that has shipped: add a new one at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from app.store.sql_script import run_script

Migration = Callable[[sqlite3.Connection], None]


def _v1_events_orders_outbox(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- The event log. seq is this workstation's order of arrival; server_seq the central
        -- store's global order, NULL until the server has accepted the event.
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            device_id TEXT NOT NULL,
            client_time TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
            server_seq INTEGER UNIQUE,
            rejected_code TEXT,
            rejected_message TEXT,
            rejected_at TEXT,
            resolved_at TEXT
        );
        CREATE INDEX events_by_order ON events(order_id, seq);

        -- Local events not yet acknowledged by the central store.
        CREATE TABLE outbox (
            event_seq INTEGER PRIMARY KEY REFERENCES events(seq),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        );

        -- The projection: one row per order, rebuildable from events at any time.
        CREATE TABLE orders (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            number TEXT NOT NULL,
            status TEXT NOT NULL,
            version INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            phone TEXT NOT NULL,
            appellant_name TEXT NOT NULL,
            confidential INTEGER NOT NULL,
            appeal_type TEXT NOT NULL,
            urgency TEXT NOT NULL,
            channel TEXT NOT NULL,
            category TEXT NOT NULL,
            town TEXT NOT NULL,
            title TEXT NOT NULL,
            deadline TEXT NOT NULL,
            lead_unit TEXT NOT NULL,
            direct INTEGER NOT NULL,
            is_open INTEGER NOT NULL,
            updated_at TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX orders_by_received ON orders(received_at DESC, id DESC);
        CREATE INDEX orders_by_phone ON orders(phone, received_at DESC);
        CREATE INDEX orders_by_status ON orders(status, received_at DESC);
        CREATE INDEX orders_by_town ON orders(town, received_at DESC);
        CREATE INDEX orders_by_type ON orders(appeal_type, received_at DESC);
        CREATE INDEX orders_open_deadline ON orders(is_open, deadline);
        CREATE INDEX orders_by_number ON orders(number);

        -- Full-text search over title and content. Text is stored pre-split into CJK
        -- bigrams (see textindex.py), so 2-character Chinese words are found; the table
        -- keeps no copy of the text (the order's data holds it).
        CREATE VIRTUAL TABLE orders_fts USING fts5(body, content='', tokenize='unicode61')
        """,
    )


def _v2_knowledge_base(conn: sqlite3.Connection) -> None:
    from app.store.kb.schema import v2_knowledge_base

    v2_knowledge_base(conn)


def _v3_work_queues(conn: sqlite3.Connection) -> None:
    from app.store.queues.schema import v3_work_queues

    v3_work_queues(conn)


def _order_list_indexes(conn: sqlite3.Connection) -> None:
    from app.store.orders.list_schema import order_list_indexes

    order_list_indexes(conn)


def _report_facts(conn: sqlite3.Connection) -> None:
    from app.store.reports.schema import report_facts

    report_facts(conn)


def _drills(conn: sqlite3.Connection) -> None:
    from app.store.drills.schema import drills

    drills(conn)


def _chain_indexes(conn: sqlite3.Connection) -> None:
    from app.store.queues.schema import chain_indexes

    chain_indexes(conn)


def _assists_by_deadline(conn: sqlite3.Connection) -> None:
    from app.store.queues.schema import assists_by_deadline

    assists_by_deadline(conn)


def _order_grants(conn: sqlite3.Connection) -> None:
    from app.store.access_schema import order_grants

    order_grants(conn)


def _store_records(conn: sqlite3.Connection) -> None:
    """What the central store recorded beside each event it accepted (pull, protocol 2):
    who pushed it, in which role and unit, and when it received it (epoch seconds). NULL
    until the event comes back in a pull (and for events pulled before protocol 2)."""
    run_script(
        conn,
        """
        ALTER TABLE events ADD COLUMN received_at INTEGER;
        ALTER TABLE events ADD COLUMN by_user TEXT;
        ALTER TABLE events ADD COLUMN by_role TEXT;
        ALTER TABLE events ADD COLUMN by_unit TEXT
        """,
    )


def _report_store_times(conn: sqlite3.Connection) -> None:
    from app.store.reports.times import store_times_in_facts

    store_times_in_facts(conn)


def _former_numbers(conn: sqlite3.Connection) -> None:
    """Numbers orders had before the central store renumbered them (a duplicate number),
    looked up when a caller quotes one (OrderQueries.find_all_by_number)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS events_former_numbers "
        "ON events(json_extract(payload, '$.old_number')) WHERE type = 'renumber'"
    )


def _kb_governance(conn: sqlite3.Connection) -> None:
    from app.store.kb.governance_schema import kb_governance

    kb_governance(conn)


MIGRATIONS: list[Migration] = [
    _v1_events_orders_outbox,
    _v2_knowledge_base,
    _v3_work_queues,
    _order_list_indexes,
    _report_facts,
    _drills,
    _chain_indexes,
    _assists_by_deadline,
    _order_grants,
    _store_records,
    _report_store_times,
    _former_numbers,
    _kb_governance,
]
