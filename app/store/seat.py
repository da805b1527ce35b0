"""A shared seat: several users sign in, one after another, on one workstation.

Each user's unsent events (and refused ones not dealt with) wait, parked, until that user
signs in again: they are never pushed under another user's token, and are not part of
what another user's screens show. When the identity the cache was pulled for (user, role,
unit) changes, the pulled cache (orders, events, what is computed from them) is emptied
before the new identity sees a screen, and read again from the store (cursor 0): what a
role receives differs, and what a narrower role holds may be redacted copies. The
knowledge base, drill sets and the station's numbering stay.

Signed-out work (recorded while no one was signed in) is parked under its local author at
the next sign-in and sent only when a signed-in user claims it (it is then theirs)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.models.clock import CHINA
from app.store.db import Database
from app.store.eventlog import DEFERRED_FTS, EventLog

PULLED_FOR = "seat:pulled_for"  # the identity whose feed the cache holds ('' = none)
PULLED_FROM = "seat:pulled_from"  # and the central store it came from
SEAT_USERS = "seat:users"  # everyone who has signed in here (their work is theirs only)
CURSOR = "sync:cursor"
_TABLE = """CREATE TABLE IF NOT EXISTS parked_events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    order_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    unit TEXT NOT NULL,
    in_outbox INTEGER NOT NULL,
    row TEXT NOT NULL,
    parked_at TEXT NOT NULL
)"""


@dataclass(frozen=True)
class Identity:
    user: str
    role: str
    unit: str = ""

    def key(self) -> str:
        return json.dumps([self.user, self.role, self.unit], ensure_ascii=False)


@dataclass(frozen=True)
class Waiting:
    """Parked events of one author, shown as waiting for them."""

    user: str
    role: str
    unit: str
    events: int
    signed_in_here: bool  # False: signed-out work, which a signed-in user may claim


class Seat:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.events = EventLog(database)

    def forget_old_pages(self) -> None:
        """After a purge: the WAL, which still holds the pages as they were, copied into
        the file (deleted content is overwritten there: secure_delete) and truncated.
        Best effort: a reader on another connection may keep it for a moment."""
        self.database.query("PRAGMA wal_checkpoint(TRUNCATE)")

    # ---- reading ------------------------------------------------------------------------

    def pulled_for(self) -> Identity | None:
        raw = self.database.meta(PULLED_FOR, "") or ""
        if not raw:
            return None
        user, role, unit = json.loads(raw)
        return Identity(user, role, unit)

    def seat_users(self) -> set[str]:
        return set(json.loads(self.database.meta(SEAT_USERS, "[]") or "[]"))

    def waiting(self) -> list[Waiting]:
        if not self.database.has_table("parked_events"):
            return []
        users = self.seat_users()
        rows = self.database.query(
            "SELECT actor, role, unit, COUNT(*) FROM parked_events "
            "GROUP BY actor, role, unit ORDER BY MIN(seq)"
        )
        return [Waiting(r[0], r[1], r[2], int(r[3]), r[0] in users) for r in rows]

    # ---- changing hands -----------------------------------------------------------------

    def sign_in(self, who: Identity, server: str = "") -> None:
        """Before `who` sees anything (in the caller's transaction, or its own): other
        identities' waiting events parked, the pulled cache emptied when it was pulled for
        someone else or another store, `who`'s own parked events back in the outbox."""
        with self.database.transaction() as conn:
            self._park(
                conn,
                lambda actor, role, unit: (actor, role, unit) != (who.user, who.role, who.unit),
            )
            if self.pulled_for() != who or self.database.meta(PULLED_FROM, "") != server:
                self._purge(conn)
            self._unpark(conn, who)
            self.database.set_meta(PULLED_FOR, who.key())
            self.database.set_meta(PULLED_FROM, server)
            users = self.seat_users() | {who.user}
            self.database.set_meta(SEAT_USERS, json.dumps(sorted(users), ensure_ascii=False))

    def sign_out(self) -> None:
        """The user leaves the seat: their waiting events parked for them, the pulled cache
        emptied (whoever sits down next, signed in or not, starts from nothing)."""
        with self.database.transaction() as conn:
            self._park(conn, lambda *_: True)
            self._purge(conn)
            self.database.set_meta(PULLED_FOR, "")
            self.database.set_meta(PULLED_FROM, "")

    def claim(self, author: str, who: Identity) -> int:
        """Signed-out work of `author` becomes `who`'s (and goes out with their next sync).
        ValueError for the work of someone who signed in here: it waits for them."""
        if author in self.seat_users():
            raise ValueError(
                f"{author} 在这台电脑上登录过：其未发送的工作只能由本人登录后发送。"
                f"{author} has signed in on this workstation: their work waits for them."
            )
        with self.database.transaction() as conn:
            self._ensure(conn)
            rows = conn.execute(
                "SELECT seq, row FROM parked_events WHERE actor = ? ORDER BY seq", (author,)
            ).fetchall()
            for seq, raw in rows:
                row = json.loads(raw)
                row.update(actor=who.user, role=who.role, unit=who.unit)
                conn.execute(
                    "UPDATE parked_events SET actor = ?, role = ?, unit = ?, row = ? WHERE seq = ?",
                    (who.user, who.role, who.unit, json.dumps(row, ensure_ascii=False), seq),
                )
            self._unpark(conn, who)
        return len(rows)

    # ---- the steps ----------------------------------------------------------------------

    def _ensure(self, conn: sqlite3.Connection) -> None:
        conn.execute(_TABLE)

    def _park(self, conn: sqlite3.Connection, whose: object) -> None:
        """Move the unsent (outbox) and refused-unresolved local events `whose(actor, role,
        unit)` selects out of the log, whole, into parked_events; re-project their orders."""
        self._ensure(conn)
        rows = conn.execute(
            "SELECT e.*, (o.event_seq IS NOT NULL) AS in_outbox FROM events e "
            "LEFT JOIN outbox o ON o.event_seq = e.seq WHERE o.event_seq IS NOT NULL "
            "OR (e.origin = 'local' AND e.rejected_code IS NOT NULL AND e.resolved_at IS NULL)"
            " ORDER BY e.seq"
        ).fetchall()
        chosen = [r for r in rows if whose(r["actor"], r["role"], r["unit"])]  # type: ignore[operator]
        if not chosen:
            return
        now = datetime.now(CHINA).isoformat(timespec="seconds")
        for r in chosen:
            row = {k: r[k] for k in r.keys() if k != "in_outbox"}  # noqa: SIM118 (a Row)
            conn.execute(
                "INSERT OR REPLACE INTO parked_events(seq, id, order_id, actor, role, unit, "
                "in_outbox, row, parked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r["seq"], r["id"], r["order_id"], r["actor"], r["role"], r["unit"],
                    int(r["in_outbox"]), json.dumps(row, ensure_ascii=False), now,
                ),
            )  # fmt: skip
        seqs = [(r["seq"],) for r in chosen]
        conn.executemany("DELETE FROM outbox WHERE event_seq = ?", seqs)
        self._delete_events(conn, seqs)
        self._reproject(conn, {r["order_id"] for r in chosen})

    def _unpark(self, conn: sqlite3.Connection, who: Identity) -> None:
        self._ensure(conn)
        rows = conn.execute(
            "SELECT seq, row, in_outbox, order_id FROM parked_events "
            "WHERE actor = ? AND role = ? AND unit = ? ORDER BY seq",
            (who.user, who.role, who.unit),
        ).fetchall()
        if not rows:
            return
        columns = [c[1] for c in conn.execute("PRAGMA table_info(events)") if c[1] != "seq"]
        for seq, raw, in_outbox, _order in rows:
            row = json.loads(raw)
            values = [row.get(c) for c in columns]
            cur = conn.execute(
                f"INSERT OR IGNORE INTO events ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                values,
            )
            if cur.rowcount and in_outbox:
                conn.execute("INSERT INTO outbox(event_seq) VALUES (?)", (cur.lastrowid,))
            conn.execute("DELETE FROM parked_events WHERE seq = ?", (seq,))
        self._reproject(conn, {r[3] for r in rows})

    def _purge(self, conn: sqlite3.Connection) -> None:
        """Everything pulled or already sent goes; what waits in the outbox (the identity's
        own, by now) and refused events stay. The store is read again from the start."""
        if _has(conn, "drill_attempts"):
            conn.execute(
                "DELETE FROM drill_attempts WHERE event_seq NOT IN "
                "(SELECT seq FROM events WHERE seq IN (SELECT event_seq FROM outbox) "
                "OR (origin = 'local' AND rejected_code IS NOT NULL AND resolved_at IS NULL))"
            )
        conn.execute(
            "DELETE FROM events WHERE seq NOT IN (SELECT event_seq FROM outbox) "
            "AND NOT (origin = 'local' AND rejected_code IS NOT NULL AND resolved_at IS NULL)"
        )
        conn.execute("DELETE FROM orders")  # its triggers empty report_facts, order_assists
        conn.execute("INSERT INTO orders_fts(orders_fts) VALUES ('delete-all')")
        if _has(conn, DEFERRED_FTS):
            conn.execute(f"DELETE FROM {DEFERRED_FTS}")
        kept = {r[0] for r in conn.execute("SELECT DISTINCT order_id FROM events")}
        self._reproject(conn, kept)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, '0') "
            "ON CONFLICT(key) DO UPDATE SET value = '0'",
            (CURSOR,),
        )

    def _delete_events(self, conn: sqlite3.Connection, seqs: Iterable[tuple[int]]) -> None:
        seqs = list(seqs)
        if _has(conn, "drill_attempts"):
            conn.executemany("DELETE FROM drill_attempts WHERE event_seq = ?", seqs)
        conn.executemany("DELETE FROM events WHERE seq = ?", seqs)

    def _reproject(self, conn: sqlite3.Connection, order_ids: Iterable[str]) -> None:
        from app.store.sync.state import SyncState  # (it imports this module's users)

        state = SyncState(self.database)
        for order_id in sorted(order_ids):
            state._reproject(conn, order_id)


def _has(conn: sqlite3.Connection, table: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return found is not None
