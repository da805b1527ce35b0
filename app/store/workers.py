"""The one way a worker thread gets a database connection: its own, kept for its next task.

Every thread that works off the GUI thread (the task pool's, the sync worker's) asks its
workspace's `WorkerConnections` for its connection. The first ask of a thread opens a
`Database` on the workspace file (its pragmas, pending deferred statements and migrations,
as for any connection); later asks on that thread get the same one, and so do the objects
built on it (order queries, the knowledge base with its search caches). A pool thread runs
many short tasks, so opening once per thread rather than once per task keeps a search as
cheap as its query. `threading.local` is no use here: the task pool's threads are Qt's,
and Python forgets their locals between two tasks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from app.store.db import Database, StoreError

T = TypeVar("T")


class _Slot:
    """One thread's connection and what was built on it."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.attached: dict[str, Any] = {}


class WorkerConnections:
    """Each worker thread's own `Database` on one file, keyed by the thread.

    A thread that ends for good (the sync worker's) calls `release()` on its way out;
    `close()` (the workspace closing) closes every one still open, each once a statement
    running on it is done; a thread that asks after that gets a StoreError.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._slots: dict[int, _Slot] = {}
        self._lock = threading.Lock()
        self._closed = False

    def database(self) -> Database:
        """The calling thread's connection, opened on its first call."""
        return self._slot().database

    def attached(self, key: str, make: Callable[[Database], T]) -> T:
        """The calling thread's object `key`, made by `make` over its connection once."""
        slot = self._slot()
        if key not in slot.attached:
            slot.attached[key] = make(slot.database)
        return cast(T, slot.attached[key])

    def release(self) -> None:
        """Close the calling thread's connection, if it has one."""
        with self._lock:
            slot = self._slots.pop(threading.get_ident(), None)
        if slot is not None:
            slot.database.close()

    def close(self) -> None:
        """Close every thread's connection (their threads must be done with them)."""
        with self._lock:
            self._closed = True
            slots = list(self._slots.values())
            self._slots.clear()
        for slot in slots:
            slot.database.close()  # waits for a statement still running on it

    def open_count(self) -> int:
        with self._lock:
            return len(self._slots)

    def _slot(self) -> _Slot:
        ident = threading.get_ident()
        with self._lock:
            slot = self._slots.get(ident)
        if slot is None:
            if self._closed:
                raise StoreError(f"{self.path} is closed: the workspace was closed", "closed")
            # Opened outside the lock: opening may wait on another connection's migration.
            slot = _Slot(Database(self.path))
            with self._lock:
                if self._closed:  # closed meanwhile: this one is not kept either
                    slot.database.close()
                    raise StoreError(f"{self.path} is closed: the workspace was closed", "closed")
                self._slots[ident] = slot
        return slot
