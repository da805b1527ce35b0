"""The client's side of sync in SQL: the outbox, push results, pulled pages, the cursor,
the attention list of refused events. Every change here is one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.models.clock import CHINA
from app.models.records import Event
from app.models.serial import order_from_dict
from app.store.db import Database
from app.store.eventlog import (
    DEFERRED_FTS,
    EventLog,
    event_from_row,
    insert_new_order_rows,
    insert_remote_events,
    insert_unreadable,
)
from app.store.session import SESSION_KEYS, Session, read_session
from app.store.sync import bulk
from app.store.sync.pages import PreparedPage as PreparedPage
from app.store.sync.pages import PulledPage as PulledPage
from app.store.sync.pages import StoreRecord as StoreRecord
from app.store.sync.pages import keep_records
from app.store.sync.pages import prepare_page as prepare_page
from app.store.textindex import index_text

CURSOR = "sync:cursor"
POLICY_VERSION = "sync:policy_version"
UNITS = "sync:units"
CATALOGUE = "sync:catalogue"
LAST_SUCCESS = "sync:last_success"


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
                keep_records(conn, pulled.records, bulk)
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
        """Before a long catch-up into an EMPTY cache (bulk.begin_bulk_load)."""
        return bulk.begin_bulk_load(self.database)

    def finish_bulk_load(self) -> None:
        """Build what begin_bulk_load dropped (bulk.finish_bulk_load)."""
        bulk.finish_bulk_load(self.database)

    def catching_up(self, cache_mib: int = 64, wal_mib: int = 128) -> AbstractContextManager[None]:
        """While pulling many pages: the connection tuned for it (bulk.catching_up)."""
        return bulk.catching_up(self.database, cache_mib, wal_mib)

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
