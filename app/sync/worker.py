"""SyncWorker: runs sync cycles on its own thread, after each local action and on a timer.

Qt-free: the GUI polls `status()` or `subscribe()`s (callbacks run on the worker thread; a
Qt wrapper re-emits them as signals on the GUI thread).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from app.store.db import Database
from app.store.seat import Seat
from app.store.sync.state import SyncState
from app.store.workers import WorkerConnections
from app.sync import account
from app.sync.client import RetryPolicy
from app.sync.cycle import CycleSummary, run_cycle
from app.sync.errors import AuthRequired, KeyringUnavailable, Refused, SyncBusy, SyncError

log = logging.getLogger("hotline.sync")

OFFLINE = "offline"
ONLINE = "online"
SYNCING = "syncing"
SIGNED_OUT = "signed_out"


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows. Immutable: each change is a new object."""

    state: str = OFFLINE  # online | offline | syncing | signed_out
    pending: int = 0  # this workstation's events waiting to be sent
    parked: int = 0  # other users' unsent events, kept here until they sign in again
    attention: int = 0  # refused events no one has dealt with yet
    last_success: str = ""  # ISO time of the last complete cycle
    user: str = ""
    role: str = ""
    server: str = ""
    last_error: str = ""  # for the log and the command line
    failure: Exception | None = None  # what last_error says, for the interface to word
    last_summary: CycleSummary | None = None
    warning: str = ""  # e.g. clear-text http the user accepted: shown while it lasts


Listener = Callable[[SyncStatus], None]


class SyncWorker:
    def __init__(
        self,
        db_path: Path | str,
        device_id: str,
        *,
        interval: float = 30.0,
        max_backoff: float = 300.0,
        retry: RetryPolicy | None = None,
        connections: WorkerConnections | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        # The workspace's, when there is one (it closes what is left when it closes).
        self.connections = connections or WorkerConnections(self.db_path)
        self.device_id = device_id
        self.interval = interval
        self.max_backoff = max_backoff
        self.retry = retry
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status = SyncStatus()
        self._listeners: list[Listener] = []
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._rng = random.Random()

    # ---- API for the GUI -------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(status)` on every change (on the worker thread). Returns an
        unsubscribe function."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def poke(self) -> None:
        """Something was recorded locally: sync soon. Never blocks."""
        self._wake.set()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()
        self.poke()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # ---- the loop ------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            database = self._open()
            while not self._stop.is_set():
                self._wake.wait(self._next_wait())
                if self._stop.is_set():
                    break
                self._wake.clear()
                database = database or self._open()
                if database is not None:
                    self._cycle_reporting(database)
        finally:
            self.connections.release()

    def _cycle_reporting(self, database: Database) -> None:
        """A cycle whose every failure shows in the status, the thread kept alive (cycle()
        reports its own; this catches one raised while reporting, e.g. a locked file)."""
        try:
            self.cycle(database)
        except Exception as exc:
            self._failed(exc, "sync cycle failed")

    def _failed(self, exc: Exception, what: str) -> None:
        self._failures += 1
        log.exception(what)
        self._set(state=OFFLINE, last_error=f"{type(exc).__name__}: {exc}", failure=exc)

    def _open(self) -> Database | None:
        """This thread's connection, its status read; None (and said so) when the workspace
        cannot be opened now: the next wake tries again."""
        try:
            database = self.connections.database()
            self._refresh(database)
        except Exception as exc:
            self.connections.release()
            self._failed(exc, "sync worker could not open the workspace")
            return None
        return database

    def _next_wait(self) -> float:
        if self._failures == 0:
            return self.interval
        ceiling = min(self.max_backoff, self.interval * 2 ** min(self._failures, 10) / 4)
        return self._rng.uniform(ceiling / 2, ceiling)

    def cycle(self, database: Database) -> CycleSummary | None:
        """One cycle on the calling thread (the worker's, or a command line's)."""
        state = SyncState(database)
        self._set(state=SYNCING)
        summary: CycleSummary | None = None
        try:
            _session, store = account.open_store(database, retry=self.retry)
            self._set(warning=store.warning)
            try:
                summary = run_cycle(state, store, self.device_id)
            finally:
                store.close()
        except SyncBusy as exc:  # the command line is syncing: its work shows next time
            self._refresh(database, state=ONLINE, last_error=exc.message, failure=exc)
            return None
        except (AuthRequired, KeyringUnavailable) as exc:
            self._failures = 0
            self._refresh(database, state=SIGNED_OUT, last_error=exc.message, failure=exc)
            return None
        except SyncError as exc:
            self._failures += 1
            log.info("sync failed: %s", exc.message)
            kind = ONLINE if isinstance(exc, Refused) else OFFLINE
            self._refresh(database, state=kind, last_error=exc.message, failure=exc)
            return None
        except Exception as exc:  # a bug or a store fault: keep the worker alive, say so
            self._failures += 1
            log.exception("sync cycle failed")
            self._refresh(
                database, state=OFFLINE, last_error=f"{type(exc).__name__}: {exc}", failure=exc
            )
            return None
        self._failures = 0
        self._refresh(database, state=ONLINE, last_error="", failure=None, last_summary=summary)
        return summary

    def _refresh(self, database: Database, **changes: object) -> None:
        state = SyncState(database)
        session = state.session()
        if session is None and "state" not in changes:
            changes["state"] = SIGNED_OUT
        self._set(
            pending=state.pending_count(),
            parked=sum(w.events for w in Seat(database).waiting()),
            attention=state.attention_count(),
            last_success=state.last_success(),
            user=session.user if session else "",
            role=session.role if session else "",
            server=session.server if session else "",
            **changes,
        )

    def _set(self, **changes: object) -> None:
        with self._lock:
            new = replace(self._status, **changes)  # type: ignore[arg-type]
            if new == self._status:
                return
            self._status = new
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(new)
            except Exception:
                log.exception("sync status listener failed")
