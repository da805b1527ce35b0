"""The client's side of sync in SQL: the outbox, push results, pulled pages, the cursor,
the attention list of refused events. Every change here is one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.models.clock import CHINA
from app.models.projection import ProjectionError, apply
from app.models.records import Event, Order
from app.models.rules import ORDERLESS
from app.models.serial import event_from_dict, order_from_dict
from app.store.db import DEFERRED, Database, bulk_loading
from app.store.eventlog import (
    DEFERRED_FTS,
    DEFERRED_FTS_FLUSH,
    DEFERRED_FTS_TABLE,
    UNREADABLE,
    EventLog,
    event_from_row,
    insert_new_order_rows,
    insert_remote_events,
    insert_unreadable,
    new_order_row,
    raw_event_row,
    remote_event_row,
)
from app.store.queues.schema import ASSISTS_BACKFILL
from app.store.reports.times import BACKFILL as REPORT_FACTS_BACKFILL
from app.store.reports.times import TIMED_STEPS, refresh_facts
from app.store.session import SESSION_KEYS, Session, read_session
from app.store.textindex import index_text

CURSOR = "sync:cursor"
POLICY_VERSION = "sync:policy_version"
UNITS = "sync:units"
CATALOGUE = "sync:catalogue"
LAST_SUCCESS = "sync:last_success"
# The memory map a catch-up reads the file through (SyncState.catching_up).
MMAP_BYTES = 1 << 30

# A first catch-up into an empty cache goes without these: every index of `orders` but its
# UNIQUE id (which the apply path looks orders up by), and the AFTER INSERT triggers that
# keep report_facts and order_assists, each with the statement that fills its table for
# every order at the end (idempotent: orders recorded here meanwhile are covered too).
# The text of pulled orders waits in eventlog.DEFERRED_FTS and is indexed at the end too.
_DEFERRABLE_TRIGGERS = {
    "report_facts_insert": REPORT_FACTS_BACKFILL,
    "order_assists_insert": ASSISTS_BACKFILL,
}


@dataclass(frozen=True)
class PushResult:
    id: str
    result: str  # accepted | duplicate | rejected
    seq: int | None = None
    code: str = ""
    message: str = ""


@dataclass(frozen=True)
class PushTally:
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class StoreRecord:
    """What the central store recorded beside an event it accepted: who pushed it (the
    token's user, in their role and unit then) and when it received it (epoch seconds)."""

    received_at: int
    user: str
    role: str
    unit: str


@dataclass(frozen=True)
class PulledPage:
    events: Sequence[tuple[int, Mapping[str, Any]]]
    articles: Sequence[Mapping[str, Any]]
    units: Sequence[Mapping[str, Any]] | None
    catalogue: Sequence[Mapping[str, Any]] | None
    policy_version: str
    next_since: int
    records: Mapping[int, StoreRecord] = field(default_factory=dict)  # by feed position


@dataclass(frozen=True)
class PreparedPage:
    """A pulled page with the work that needs no database done ahead (prepare_page): its
    events parsed, each order's events of the page folded as if the order were new here, and
    the rows the bulk path writes. Made on the fetching thread while the previous page is
    applied; apply_page decides, inside its transaction, which orders really are new."""

    page: PulledPage
    events: list[tuple[int, Event]]
    event_rows: dict[str, tuple[object, ...]]  # event id → remote_event_row
    folded: dict[str, Order]  # order id → its page's events folded from nothing
    order_rows: dict[str, tuple[object, ...]]  # order id → new_order_row of folded
    broken: set[str]  # orders whose page events do not fold from nothing
    unreadable: list[tuple[object, ...]] = field(default_factory=list)  # eventlog.raw_event_row


def _read_pulled(
    page: PulledPage,
) -> tuple[list[tuple[int, Event]], list[tuple[object, ...]]]:
    """The page's events this build can read, and rows of those it cannot (a type it does
    not know, an odd payload): those are kept as they came, shown as unreadable, and
    never stop a pull."""
    events: list[tuple[int, Event]] = []
    unreadable: list[tuple[object, ...]] = []
    for seq, data in page.events:
        try:
            events.append((seq, event_from_dict(dict(data))))
        except UNREADABLE:
            row = raw_event_row(seq, data)
            if row is not None:
                unreadable.append(row)
    return events, unreadable


def prepare_page(page: PulledPage) -> PreparedPage:
    """The database-free part of applying `page` (pure; any thread)."""
    events, unreadable = _read_pulled(page)
    folded: dict[str, Order] = {}
    broken: set[str] = set()
    for _seq, event in sorted(events, key=lambda pair: pair[0]):
        if event.order_id in broken or event.type in ORDERLESS:
            continue  # an orderless event (a drill attempt, a reveal) folds into no order
        try:
            folded[event.order_id] = apply(folded.get(event.order_id), event)
        except (ProjectionError, KeyError, ValueError, TypeError):
            broken.add(event.order_id)  # let the careful path decide what to keep
            folded.pop(event.order_id, None)
    return PreparedPage(
        page=page,
        events=events,
        event_rows={e.id: remote_event_row(seq, e) for seq, e in events},
        folded=folded,
        order_rows={oid: new_order_row(o) for oid, o in folded.items()},
        broken=broken,
        unreadable=unreadable,
    )


def _keep_records(
    conn: sqlite3.Connection, records: Mapping[int, StoreRecord], bulk: bool = False
) -> None:
    """The store's record of each pulled event, beside the event (its own columns, never
    the payload); the report facts of orders whose sign or close it times (report_times;
    during a bulk load they are all made at its end)."""
    if not records:
        return
    conn.executemany(
        "UPDATE events SET received_at = ?, by_user = ?, by_role = ?, by_unit = ? "
        "WHERE server_seq = ?",
        [(r.received_at, r.user, r.role, r.unit, seq) for seq, r in records.items()],
    )
    if bulk:
        return
    seqs = list(records)
    timed: set[str] = set()
    marks = ",".join("?" * len(TIMED_STEPS))
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        timed.update(
            r[0]
            for r in conn.execute(
                f"SELECT order_id FROM events WHERE type IN ({marks}) "
                f"AND server_seq IN ({','.join('?' * len(chunk))})",
                (*TIMED_STEPS, *chunk),
            )
        )
    if timed:
        refresh_facts(conn, sorted(timed))


@dataclass(frozen=True)
class AttentionItem:
    """A local event the central store refused, waiting for an operator."""

    event_id: str
    order_id: str
    order_number: str
    type: str
    actor: str
    client_time: str
    code: str
    message: str
    rejected_at: str


def _now() -> str:
    """China time, as the operators read it (the status bar shows it as is)."""
    return datetime.now(CHINA).isoformat(timespec="seconds")


class SyncState:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.events = EventLog(database)

    # ---- session and cursor (plain meta; the token lives in the keyring only) ---------

    def session(self) -> Session | None:
        return read_session(self.database)

    def save_session(self, session: Session) -> None:
        with self.database.transaction():
            previous = self.session()
            if previous is not None and previous.server != session.server:
                self.database.set_meta(CURSOR, "0")  # another central store: read its feed anew
                self.database.set_meta(POLICY_VERSION, "")
            for key in SESSION_KEYS:
                self.database.set_meta(f"session:{key}", str(getattr(session, key)))

    def clear_session(self) -> None:
        with self.database.transaction() as conn:
            conn.execute(
                "DELETE FROM meta WHERE key IN ('session:user', 'session:role', "
                "'session:unit', 'session:expires_at')"
            )

    def cursor(self) -> int:
        return int(self.database.meta(CURSOR, "0") or 0)

    def policy_version(self) -> str:
        return self.database.meta(POLICY_VERSION, "") or ""

    def last_success(self) -> str:
        return self.database.meta(LAST_SUCCESS, "") or ""

    def mark_success(self) -> None:
        self.database.set_meta(LAST_SUCCESS, _now())

    def cached_policy(self) -> tuple[list[Any], list[Any]]:
        """The units and dispatch catalogue last received from the server."""
        units = json.loads(self.database.meta(UNITS, "[]") or "[]")
        catalogue = json.loads(self.database.meta(CATALOGUE, "[]") or "[]")
        return units, catalogue

    # ---- push ---------------------------------------------------------------------------

    def pending_count(self) -> int:
        return int(self.database.scalar("SELECT COUNT(*) FROM outbox") or 0)

    def outbox_batch(self, limit: int = 500) -> list[Event]:
        """The oldest events waiting to be sent, in the order they were recorded."""
        rows = self.database.query(
            "SELECT e.id, e.order_id, e.type, e.payload, e.actor, e.role, e.unit, e.device_id, "
            "e.client_time, e.base_version FROM outbox o JOIN events e ON e.seq = o.event_seq "
            "ORDER BY o.event_seq LIMIT ?",
            (limit,),
        )
        return [event_from_row(r) for r in rows]

    def outbox_json(
        self, limit: int = 500, after: int = 0, author: Session | None = None
    ) -> tuple[int, list[str], list[str]]:
        """The oldest waiting events after outbox position `after`, in the protocol's shape
        (event_to_dict's) as JSON text made by SQLite (json_object, the stored payload
        spliced in with json()): the position of the last one, their ids, their texts.
        Nothing is parsed or encoded in Python on the way to the server. With `author`,
        only the events that user recorded (a seat's outbox is per author: nothing goes out
        under another user's token; app.store.seat parks the others at sign-in)."""
        mine = ""
        params: tuple[Any, ...] = (after, limit)
        if author is not None:
            mine = "AND e.actor = ? "
            params = (after, author.user, limit)
        rows = self.database.query(
            "SELECT o.event_seq, e.id, json_object('id', e.id, 'order_id', e.order_id, "
            "'type', e.type, 'payload', json(e.payload), 'actor', e.actor, 'role', e.role, "
            "'unit', e.unit, 'device_id', e.device_id, 'client_time', e.client_time, "
            "'base_version', e.base_version) FROM outbox o "
            f"JOIN events e ON e.seq = o.event_seq WHERE o.event_seq > ? {mine}"
            "ORDER BY o.event_seq LIMIT ?",
            params,
        )
        if not rows:
            return after, [], []
        return rows[-1][0], [r[1] for r in rows], [r[2] for r in rows]

    def record_push(self, results: Sequence[PushResult]) -> PushTally:
        """Apply the server's answer to one push: one transaction for the whole batch."""
        now = _now()
        ids = [r.id for r in results]
        with self.database.transaction() as conn:
            local: dict[str, tuple[int, str]] = {}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    f"SELECT id, seq, order_id FROM events WHERE id IN ({marks})", chunk
                ):
                    local[row[0]] = (row[1], row[2])
            acked: list[tuple[int, int]] = []
            refused: list[tuple[str, str, str, int]] = []
            done: list[tuple[int]] = []
            touched: set[str] = set()
            accepted = duplicates = 0
            for r in results:
                if r.id not in local:
                    continue
                seq, order_id = local[r.id]
                if r.result in ("accepted", "duplicate") and r.seq is not None:
                    acked.append((r.seq, seq))
                    accepted += r.result == "accepted"
                    duplicates += r.result == "duplicate"
                elif r.result == "rejected":
                    refused.append((r.code or "rejected", r.message, now, seq))
                    touched.add(order_id)
                else:
                    continue
                done.append((seq,))
            conn.executemany(
                "UPDATE events SET server_seq = ? WHERE seq = ? AND server_seq IS NULL", acked
            )
            conn.executemany(
                "UPDATE events SET rejected_code = ?, rejected_message = ?, rejected_at = ?, "
                "resolved_at = NULL WHERE seq = ?",
                refused,
            )
            conn.executemany("DELETE FROM outbox WHERE event_seq = ?", done)
            for order_id in touched:
                self._reproject(conn, order_id)
        return PushTally(accepted, duplicates, len(refused))

    def note_push_failure(self, event_ids: Sequence[str], error: str) -> None:
        with self.database.transaction() as conn:
            conn.executemany(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? "
                "WHERE event_seq = (SELECT seq FROM events WHERE id = ?)",
                [(error[:500], event_id) for event_id in event_ids],
            )

    # ---- pull ---------------------------------------------------------------------------

    def apply_page(
        self,
        page: PulledPage | PreparedPage,
        before_commit: Callable[[], None] | None = None,
    ) -> set[str]:
        """Store a pulled page and move the cursor in ONE transaction.

        `page` may come through prepare_page already (done on another thread). Returns
        the ids of the orders that changed. `before_commit` runs inside the transaction
        (tests use it to kill the process half-way)."""
        return self.apply_pages([page], before_commit)

    def apply_pages(
        self,
        pages: Sequence[PulledPage | PreparedPage],
        before_commit: Callable[[], None] | None = None,
    ) -> set[str]:
        """Store consecutive pulled pages and move the cursor past the last in ONE
        transaction (a workstation catching up writes a few pages at a time: SQLite's cost
        per commit grows with the size of the cache, not of the pages). As apply_page."""
        prepared = [p if isinstance(p, PreparedPage) else prepare_page(p) for p in pages]
        touched: set[str] = set()
        with self.database.transaction() as conn:
            current = int(self.database.meta(CURSOR, "0") or 0)
            bulk = self.database.has_table(DEFERRED_FTS)  # a bulk load is on (begin_bulk_load)
            for one in prepared:
                pulled = one.page
                if pulled.next_since < current:
                    raise ValueError(f"the page goes back from {current} to {pulled.next_since}")
                current = pulled.next_since
                touched |= self._apply_events(conn, one, bulk)
                _keep_records(conn, pulled.records, bulk)
                self._apply_rest(pulled)
            if before_commit is not None:
                before_commit()
        return touched

    def _apply_rest(self, pulled: PulledPage) -> None:
        """A page's articles, policy and cursor (inside apply_pages' transaction)."""
        if pulled.articles:
            # Here, not at the top: the knowledge base loads pypinyin's dictionaries.
            from app.store.kb.sync import upsert_articles

            upsert_articles(self.database, pulled.articles)
        if pulled.units is not None:
            self.database.set_meta(UNITS, json.dumps(list(pulled.units), ensure_ascii=False))
        if pulled.catalogue is not None:
            catalogue = json.dumps(list(pulled.catalogue), ensure_ascii=False)
            self.database.set_meta(CATALOGUE, catalogue)
        if pulled.policy_version:
            self.database.set_meta(POLICY_VERSION, pulled.policy_version)
        self.database.set_meta(CURSOR, str(pulled.next_since))

    def begin_bulk_load(self) -> bool:
        """Before a long catch-up into an EMPTY cache (no events, no orders): drop the
        secondary indexes of `orders` and its insert triggers (above), one statement each
        to build them again kept in meta DEFERRED, in ONE transaction. Indexes built once
        over 100,000 rows cost a fraction of keeping them up to date row by row.
        finish_bulk_load (or, after a crash, the next Database opened on the file) builds
        them again. False, and nothing changed, when the cache is not empty."""
        with self.database.transaction() as conn:
            busy = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM orders) "
                "OR EXISTS (SELECT 1 FROM meta WHERE key = ?)",
                (DEFERRED,),
            ).fetchone()[0]
            if busy:
                return False
            names = ",".join("?" * len(_DEFERRABLE_TRIGGERS))
            dropped = conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'orders' "
                "AND sql IS NOT NULL AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%') "
                f"OR (type = 'trigger' AND name IN ({names}))) ORDER BY type DESC, name",
                tuple(_DEFERRABLE_TRIGGERS),
            ).fetchall()
            if not dropped:
                return False
            # IF NOT EXISTS: harmless if something made one again meanwhile (SQLite keeps
            # the statement without the clause, so the schema reads exactly as before)
            rebuild = [
                sql.replace(f"CREATE {kind.upper()} ", f"CREATE {kind.upper()} IF NOT EXISTS ", 1)
                for kind, _name, sql in dropped
            ]
            rebuild += [_DEFERRABLE_TRIGGERS[n] for kind, n, _sql in dropped if kind == "trigger"]
            rebuild += DEFERRED_FTS_FLUSH
            for kind, name, _sql in dropped:
                conn.execute(f'DROP {kind.upper()} "{name}"')
            conn.execute(DEFERRED_FTS_TABLE)
            self.database.set_meta(DEFERRED, json.dumps(rebuild, ensure_ascii=False))
        bulk_loading(self.database.path, True)
        return True

    def finish_bulk_load(self) -> None:
        """Build what begin_bulk_load dropped, in one transaction (nothing when nothing was
        dropped, or someone built it already)."""
        try:
            self.database.finish_deferred()
        finally:
            bulk_loading(self.database.path, False)

    @contextmanager
    def catching_up(self, cache_mib: int = 64, wal_mib: int = 128) -> Iterator[None]:
        """While pulling many pages: a larger page cache for this connection (the indexes
        of a growing cache stop fitting 32 MiB), commits not synced (see below), and the
        WAL checkpointed when it holds `wal_mib` rather than 4 MiB (with pages applied one
        or two at a time, the default checkpointed — copied to the database file and
        synced — after every commit, half the time of applying them). Back to what they
        were after, and one checkpoint (of what no reader still needs) at the end. Also
        read through a memory map of MMAP_BYTES meanwhile (none after, as before)."""
        before = int(self.database.scalar("PRAGMA cache_size"))
        wal_before = int(self.database.scalar("PRAGMA wal_autocheckpoint"))
        sync_before = int(self.database.scalar("PRAGMA synchronous"))
        mmap_before = int(self.database.scalar("PRAGMA mmap_size"))
        page_size = int(self.database.scalar("PRAGMA page_size"))
        self.database.query(f"PRAGMA cache_size = {-1024 * int(cache_mib)}")
        # The file read through a memory map rather than copied page by page into the
        # cache: a bulk load's end scans `orders` once for each index it builds, and a
        # scan of mapped pages copies nothing.
        self.database.query(f"PRAGMA mmap_size = {MMAP_BYTES}")
        self.database.query(f"PRAGMA wal_autocheckpoint = {wal_mib * 1024 * 1024 // page_size}")
        # No sync at each commit: a power cut may lose the last pages applied, never tear
        # one (WAL), and their cursor goes with them, so they are simply pulled again.
        self.database.query("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self.database.query(f"PRAGMA cache_size = {before}")
            self.database.query(f"PRAGMA mmap_size = {mmap_before}")
            self.database.query(f"PRAGMA wal_autocheckpoint = {wal_before}")
            self.database.query(f"PRAGMA synchronous = {sync_before}")
            self.database.query("PRAGMA wal_checkpoint(PASSIVE)")

    def _apply_events(
        self, conn: sqlite3.Connection, prepared: PreparedPage, bulk: bool = False
    ) -> set[str]:
        """EventLog.apply_remote, with a bulk path for orders this cache has never seen
        (the common case when a workstation catches up): their events and projections,
        folded in memory by prepare_page, are inserted in bulk."""
        events = prepared.events
        order_ids = sorted({e.order_id for _, e in events})
        known: set[str] = set()
        for start in range(0, len(order_ids), 500):
            chunk = order_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for sql in (
                f"SELECT DISTINCT order_id FROM events WHERE order_id IN ({marks})",
                f"SELECT id FROM orders WHERE id IN ({marks})",
            ):
                known.update(r[0] for r in conn.execute(sql, chunk))
        slow = [(seq, e) for seq, e in events if e.order_id in known]
        fresh = [e for _seq, e in events if e.order_id not in known]
        touched = self.events.apply_remote(conn, slow) if slow else set()
        if prepared.unreadable:
            insert_unreadable(conn, prepared.unreadable)
        if not fresh:
            return touched
        insert_remote_events(conn, [prepared.event_rows[e.id] for e in fresh], direct=bulk)
        new = [oid for oid in prepared.folded if oid not in known]
        insert_new_order_rows(conn, [prepared.order_rows[oid] for oid in new], defer_text=bulk)
        broken = {e.order_id for e in fresh if e.order_id in prepared.broken}
        for order_id in broken:
            self._reproject(conn, order_id)
        return touched | set(new) | broken

    # ---- attention list -----------------------------------------------------------------

    def attention(self) -> list[AttentionItem]:
        """Refused events no one has dealt with yet, oldest first."""
        rows = self.database.query(
            "SELECT e.id, e.order_id, COALESCE(o.number, '') AS number, e.type, e.actor, "
            "e.client_time, e.rejected_code, COALESCE(e.rejected_message, '') AS msg, "
            "e.rejected_at FROM events e LEFT JOIN orders o ON o.id = e.order_id "
            "WHERE e.rejected_code IS NOT NULL AND e.resolved_at IS NULL ORDER BY e.seq"
        )
        return [
            AttentionItem(
                r["id"],
                r["order_id"],
                r["number"] or self._number_from_events(r["order_id"]),
                r["type"],
                r["actor"],
                r["client_time"],
                r["rejected_code"],
                r["msg"],
                r["rejected_at"] or "",
            )
            for r in rows
        ]

    def attention_count(self) -> int:
        return int(
            self.database.scalar(
                "SELECT COUNT(*) FROM events "
                "WHERE rejected_code IS NOT NULL AND resolved_at IS NULL"
            )
            or 0
        )

    def resolve(self, event_id: str, action: str = "dismiss") -> None:
        """Deal with a refused event: 'dismiss' (acknowledged, it stays in the log as
        refused) or 'retry' (send it again, e.g. after the order was fixed elsewhere)."""
        if action not in ("dismiss", "retry"):
            raise ValueError(f"unknown action {action!r}")
        with self.database.transaction() as conn:
            row = conn.execute(
                "SELECT seq, order_id FROM events WHERE id = ? AND rejected_code IS NOT NULL "
                "AND resolved_at IS NULL",
                (event_id,),
            ).fetchone()
            if row is None:
                raise KeyError(event_id)
            if action == "dismiss":
                conn.execute("UPDATE events SET resolved_at = ? WHERE seq = ?", (_now(), row[0]))
                return
            conn.execute(
                "UPDATE events SET rejected_code = NULL, rejected_message = NULL, "
                "rejected_at = NULL WHERE seq = ?",
                (row[0],),
            )
            conn.execute("INSERT OR IGNORE INTO outbox(event_seq) VALUES (?)", (row[0],))
            self._reproject(conn, row[1])

    # ---- helpers ------------------------------------------------------------------------

    def _number_from_events(self, order_id: str) -> str:
        payload = self.database.scalar(
            "SELECT payload FROM events WHERE order_id = ? AND type = 'intake'", (order_id,)
        )
        return str(json.loads(payload).get("number", "")) if payload else ""

    def _reproject(self, conn: sqlite3.Connection, order_id: str) -> None:
        if self.events.reproject(conn, order_id) is not None:
            return
        # Nothing left of the order (its intake was refused): drop the projection row.
        row = conn.execute("SELECT rowid, data FROM orders WHERE id = ?", (order_id,)).fetchone()
        if row is not None:
            waiting = (
                self.database.has_table(DEFERRED_FTS)
                and conn.execute(
                    f"DELETE FROM {DEFERRED_FTS} WHERE order_id = ?", (order_id,)
                ).rowcount
            )
            if not waiting:  # its text is in the index (not still waiting for a bulk load's end)
                order = order_from_dict(json.loads(row["data"]))
                conn.execute(
                    "INSERT INTO orders_fts(orders_fts, rowid, body) VALUES ('delete', ?, ?)",
                    (row["rowid"], index_text(order.title + " " + order.content)),
                )
            conn.execute("DELETE FROM orders WHERE rowid = ?", (row["rowid"],))

    def iter_orders(self) -> Iterator[dict[str, Any]]:
        """Every order of the projection as a dict (for export), oldest first."""
        last = -1
        while True:
            rows = self.database.query(
                "SELECT rowid, data FROM orders WHERE rowid > ? ORDER BY rowid LIMIT 1000",
                (last,),
            )
            if not rows:
                return
            for r in rows:
                yield json.loads(r["data"])
            last = rows[-1]["rowid"]
