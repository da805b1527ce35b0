"""A first catch-up into an empty cache, made fast: what keeps `orders` indexed is dropped
before and built once at the end (begin_bulk_load, finish_bulk_load), and the connection is
tuned while many pages are applied (catching_up). SyncState calls these."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from app.store.db import DEFERRED, Database, bulk_loading
from app.store.eventlog import DEFERRED_FTS_FLUSH, DEFERRED_FTS_TABLE
from app.store.queues.schema import ASSISTS_BACKFILL
from app.store.reports.times import BACKFILL as REPORT_FACTS_BACKFILL

# The memory map a catch-up reads the file through (catching_up).
MMAP_BYTES = 1 << 30

# A first catch-up into an empty cache goes without these: every index of `orders` but its
# UNIQUE id (which the apply path looks orders up by), and the AFTER INSERT triggers that
# keep report_facts and order_assists, each with the statement that fills its table for
# every order at the end (idempotent: orders recorded here meanwhile are covered too).
# The text of pulled orders waits in eventlog.DEFERRED_FTS and is indexed at the end too.
DEFERRABLE_TRIGGERS = {
    "report_facts_insert": REPORT_FACTS_BACKFILL,
    "order_assists_insert": ASSISTS_BACKFILL,
}


def begin_bulk_load(database: Database) -> bool:
    """Before a long catch-up into an EMPTY cache (no events, no orders): drop the
    secondary indexes of `orders` and its insert triggers (DEFERRABLE_TRIGGERS), one statement each
    to build them again kept in meta DEFERRED, in ONE transaction. Indexes built once
    over 100,000 rows cost a fraction of keeping them up to date row by row.
    finish_bulk_load (or, after a crash, the next Database opened on the file) builds
    them again. False, and nothing changed, when the cache is not empty."""
    with database.transaction() as conn:
        busy = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM orders) "
            "OR EXISTS (SELECT 1 FROM meta WHERE key = ?)",
            (DEFERRED,),
        ).fetchone()[0]
        if busy:
            return False
        names = ",".join("?" * len(DEFERRABLE_TRIGGERS))
        dropped = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'orders' "
            "AND sql IS NOT NULL AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') "
            f"OR (type = 'trigger' AND name IN ({names}))) ORDER BY type DESC, name",
            tuple(DEFERRABLE_TRIGGERS),
        ).fetchall()
        if not dropped:
            return False
        # IF NOT EXISTS: harmless if something made one again meanwhile (SQLite keeps
        # the statement without the clause, so the schema reads exactly as before)
        rebuild = [
            sql.replace(f"CREATE {kind.upper()} ", f"CREATE {kind.upper()} IF NOT EXISTS ", 1)
            for kind, _name, sql in dropped
        ]
        rebuild += [DEFERRABLE_TRIGGERS[n] for kind, n, _sql in dropped if kind == "trigger"]
        rebuild += DEFERRED_FTS_FLUSH
        for kind, name, _sql in dropped:
            conn.execute(f'DROP {kind.upper()} "{name}"')
        conn.execute(DEFERRED_FTS_TABLE)
        database.set_meta(DEFERRED, json.dumps(rebuild, ensure_ascii=False))
    bulk_loading(database.path, True)
    return True


def finish_bulk_load(database: Database) -> None:
    """Build what begin_bulk_load dropped, in one transaction (nothing when nothing was
    dropped, or someone built it already)."""
    try:
        database.finish_deferred()
    finally:
        bulk_loading(database.path, False)


@contextmanager
def catching_up(database: Database, cache_mib: int = 64, wal_mib: int = 128) -> Iterator[None]:
    """While pulling many pages: a larger page cache for this connection (the indexes
    of a growing cache stop fitting 32 MiB), commits not synced (see below), and the
    WAL checkpointed when it holds `wal_mib` rather than 4 MiB (with pages applied one
    or two at a time, the default checkpointed — copied to the database file and
    synced — after every commit, a large share of the time). Back to what they
    were after, and one checkpoint (of what no reader still needs) at the end. Also
    read through a memory map of MMAP_BYTES meanwhile (none after, as before)."""
    before = int(database.scalar("PRAGMA cache_size"))
    wal_before = int(database.scalar("PRAGMA wal_autocheckpoint"))
    sync_before = int(database.scalar("PRAGMA synchronous"))
    mmap_before = int(database.scalar("PRAGMA mmap_size"))
    page_size = int(database.scalar("PRAGMA page_size"))
    database.query(f"PRAGMA cache_size = {-1024 * int(cache_mib)}")
    # The file read through a memory map rather than copied page by page into the
    # cache: a bulk load's end scans `orders` once for each index it builds, and a
    # scan of mapped pages copies nothing.
    database.query(f"PRAGMA mmap_size = {MMAP_BYTES}")
    database.query(f"PRAGMA wal_autocheckpoint = {wal_mib * 1024 * 1024 // page_size}")
    # No sync at each commit: a power cut may lose the last pages applied, never tear
    # one (WAL), and their cursor goes with them, so they are simply pulled again.
    database.query("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        database.query(f"PRAGMA cache_size = {before}")
        database.query(f"PRAGMA mmap_size = {mmap_before}")
        database.query(f"PRAGMA wal_autocheckpoint = {wal_before}")
        database.query(f"PRAGMA synchronous = {sync_before}")
        database.query("PRAGMA wal_checkpoint(PASSIVE)")
