"""The one way a worker thread gets its database connection: its own, kept between tasks."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.store.db import Database, StoreError
from app.store.workers import WorkerConnections
from app.store.workspace import Workspace
from app.sync.worker import OFFLINE, SIGNED_OUT, SyncWorker


def _on_thread(call: Callable[[], object]) -> object:
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def test_a_thread_gets_the_same_connection_every_time(workspace: Workspace) -> None:
    first = workspace.worker_database()
    assert workspace.worker_database() is first
    assert workspace.reader().database is first
    assert workspace.knowledge_reader().database is first
    assert workspace.reader() is workspace.reader()
    mine = workspace.on_this_thread()  # an operation's workspace off the GUI thread
    assert mine.database is first and mine is workspace.on_this_thread()
    assert first is not workspace.database  # never the GUI thread's


def test_each_thread_has_its_own(workspace: Workspace) -> None:
    here = workspace.worker_database()
    there = _on_thread(workspace.worker_database)
    assert isinstance(there, Database) and there is not here
    assert workspace.workers.open_count() == 2


def test_a_worker_connection_is_a_full_database(workspace: Workspace) -> None:
    """Opened as every connection is: WAL, foreign keys, the schema migrated."""
    database = _on_thread(workspace.worker_database)
    assert isinstance(database, Database)
    assert database.scalar("PRAGMA journal_mode") == "wal"
    assert database.scalar("PRAGMA foreign_keys") == 1
    assert database.version == workspace.database.version


def test_release_and_close(tmp_path: Path) -> None:
    connections = WorkerConnections(tmp_path / "w.sqlite3")
    mine = connections.database()
    theirs = _on_thread(connections.database)
    connections.release()
    with pytest.raises(sqlite3.ProgrammingError):
        mine.conn.execute("SELECT 1")
    assert connections.open_count() == 1
    assert connections.database() is not mine  # asked again: opened again
    connections.close()
    assert connections.open_count() == 0
    assert isinstance(theirs, Database)
    with pytest.raises(sqlite3.ProgrammingError):
        theirs.conn.execute("SELECT 1")


def test_closing_the_workspace_closes_its_workers_connections(tmp_path: Path, policy) -> None:  # type: ignore[no-untyped-def]
    workspace = Workspace(tmp_path / "ws", policy)
    database = _on_thread(workspace.worker_database)
    workspace.close()
    assert isinstance(database, Database)
    with pytest.raises(sqlite3.ProgrammingError):
        database.conn.execute("SELECT 1")


def _wait(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached")


def test_a_sync_worker_that_cannot_open_the_workspace_says_so_and_tries_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    broken = tmp_path / "broken" / "workspace.sqlite3"
    broken.parent.mkdir()
    broken.write_bytes(b"")  # an empty file: never taken for a new database
    worker = SyncWorker(broken, workspace.device_id, interval=0.05, max_backoff=0.1)
    worker.start()
    try:
        _wait(lambda: worker.status().last_error != "")
        assert worker.status().state == OFFLINE
        assert "WorkspaceCorrupt" in worker.status().last_error
        broken.unlink()  # what the operator does: the file moved away
        worker.poke()
        _wait(lambda: worker.status().state == SIGNED_OUT)  # opened, read, no one signed in
    finally:
        worker.stop()
    assert worker.connections.open_count() == 0  # its thread closed its own on the way out
    assert not any(t.name == "sync-worker" for t in threading.enumerate())


def test_the_sync_worker_uses_the_workspace_connections_it_is_given(
    workspace: Workspace,
) -> None:
    worker = SyncWorker(
        workspace.database.path, workspace.device_id, interval=3600, connections=workspace.workers
    )
    worker.start()
    try:
        _wait(lambda: worker.status().state == SIGNED_OUT)
        assert workspace.workers.open_count() == 1
    finally:
        worker.stop()
    assert workspace.workers.open_count() == 0


def test_closing_lets_a_transaction_on_another_thread_finish(tmp_path: Path) -> None:
    """Closing a connection under a running statement fails it, or crashes the process;
    the close waits for the transaction under way instead."""
    connections = WorkerConnections(tmp_path / "w.sqlite3")
    started = threading.Event()
    outcome: list[str] = []

    def work() -> None:
        database = connections.database()
        try:
            with database.transaction() as conn:
                conn.execute("CREATE TABLE t (x INTEGER)")
                started.set()
                for i in range(20000):
                    conn.execute("INSERT INTO t VALUES (?)", (i,))
        except Exception as exc:
            outcome.append(type(exc).__name__)
        else:
            outcome.append("committed")

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(10)
    connections.close()
    worker.join()
    assert outcome == ["committed"]
    check = Database(tmp_path / "w.sqlite3")
    assert check.scalar("SELECT COUNT(*) FROM t") == 20000
    check.close()


def test_a_thread_asking_after_the_close_is_told(tmp_path: Path) -> None:
    connections = WorkerConnections(tmp_path / "w.sqlite3")
    connections.database()
    connections.close()
    with pytest.raises(StoreError, match="closed"):
        _on_thread(connections.database)
