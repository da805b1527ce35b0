"""One owner of the SQLite connection: pragmas, migrations, transactions, typed errors."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.paths import WORKSPACE_DB, secure_files, secure_home
from app.store.schema import MIGRATIONS

# meta key: SQL statements (a JSON list) that rebuild what a bulk load dropped to go faster
# (SyncState.begin_bulk_load). Set in the transaction that drops, removed in the one that
# rebuilds, so a process killed in between leaves the list behind: the next Database opened
# on the file runs it before anything else, unless this process's own bulk load is running.
DEFERRED = "store:deferred"
_BULK_LOADING: set[Path] = set()  # files with a bulk load in progress in this process
_BULK_LOCK = threading.Lock()


def bulk_loading(path: Path, active: bool) -> None:
    """Tell the Databases this process opens that a bulk load on `path` is (no longer)
    running here, so that they leave its deferred statements to it."""
    with _BULK_LOCK:
        (_BULK_LOADING.add if active else _BULK_LOADING.discard)(path.resolve())


class StoreError(Exception):
    """A fault of the environment the operator can act on (disk full, file locked, read-only).
    `kind` names it for the interface to word (SQLITE_KINDS, "folder", "closed"; "" unknown)."""

    def __init__(self, message: str = "", kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


class WorkspaceCorrupt(StoreError):
    """The workspace's SQLite file is empty or not a database; it is left as it is."""

    def __init__(self, path: Path, what: tuple[str, str]) -> None:
        super().__init__(
            f"工作区数据文件{what[0]}：{path}。程序没有改动它，也不会用空文件代替它。"
            "请从备份恢复；或把它移到别处后重新开始（登录后会从中心服务器重新同步，"
            "但尚未发送的工作只在这个文件里，请先请技术人员查看）。"
            f"The workspace file {path} {what[1]}. It was left exactly as it is and is never "
            "replaced by an empty one. Restore it from a backup, or move it elsewhere to "
            "start afresh (what the central store holds is pulled again after signing in; "
            "work not yet sent exists only in this file, so have it looked at first)."
        )
        self.path = path
        self.what = what

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        return type(self), (self.path, self.what), self.__dict__


_EMPTY = ("为空（0 字节）", "is empty (0 bytes)")
_NOT_A_DATABASE = ("已损坏，不是 SQLite 数据库", "is damaged: it is not a SQLite database")
_DAMAGED = ("已损坏", "is damaged")
SQLITE_HEADER = b"SQLite format 3\x00"


def check_database_file(path: Path) -> None:
    """WorkspaceCorrupt when `path` exists but is empty or not a SQLite file. SQLite would
    take an empty file for a new database and fill it with an empty schema."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError as exc:
        raise StoreError(
            f"{path} is a folder, not the workspace's database file", "folder"
        ) from exc
    if not head:
        raise WorkspaceCorrupt(path, _EMPTY)
    if head != SQLITE_HEADER:
        raise WorkspaceCorrupt(path, _NOT_A_DATABASE)


class StoreBug(Exception):
    """Something the code got wrong (a constraint violated, bad SQL)."""


SQLITE_KINDS = {  # the environment's faults, by SQLite's primary result code
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_IOERR: "io",
    sqlite3.SQLITE_CANTOPEN: "cannot_open",
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_NOTADB: "damaged",
}


def _translate(exc: sqlite3.Error) -> Exception:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in SQLITE_KINDS:
        return StoreError(str(exc), SQLITE_KINDS[code & 0xFF])
    if isinstance(exc, sqlite3.OperationalError) and code is None:
        return StoreError(str(exc))
    return StoreBug(str(exc))


class Database:
    """A connection to the workspace's SQLite file, in WAL mode, with explicit transactions.

    Each thread that touches the store opens its own Database on the same file.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        # Owner-only files (and folder, for a workspace's), before SQLite makes any.
        if self.path.name == WORKSPACE_DB:
            secure_home(self.path.parent)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        secure_files(self.path)
        check_database_file(self.path)
        try:
            self.conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=10
            )
        except sqlite3.Error as exc:
            raise _translate(exc) from exc
        self.conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._depth = 0
        try:
            self._open()
        except BaseException as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.Error):
                raise self._opening_error(exc) from exc
            if isinstance(exc, StoreError) and "malformed" in str(exc):
                raise WorkspaceCorrupt(self.path, _DAMAGED) from exc
            raise
        secure_files(self.path)  # the -wal and -shm SQLite has just made

    def _opening_error(self, exc: sqlite3.Error) -> Exception:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in str(exc):
            return WorkspaceCorrupt(self.path, _DAMAGED)
        return _translate(exc)

    def _open(self) -> None:
        self.conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before the operator reads the order number back to the
        # caller; NORMAL would survive a killed process but not a power cut.
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        # What is deleted is overwritten, not left in free pages of the file: a shared seat's
        # purge (app.store.seat), a discarded draft or held intake hold personal data.
        self.conn.execute("PRAGMA secure_delete=ON")
        # 32 MiB of page cache instead of SQLite's 2 MiB: the upper levels of the order
        # indexes at a million orders stay in memory, so a save reads few pages from disk.
        self.conn.execute("PRAGMA cache_size=-32768")
        with _BULK_LOCK:
            mine = self.path.resolve() in _BULK_LOADING
        if not mine:
            self.finish_deferred()  # before the migrations: they expect the full schema
        self.migrate()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        if self.version >= len(MIGRATIONS):
            return  # no write lock taken: a sync elsewhere may hold it for a while
        with self.transaction():
            current = self.version
            for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
                step(self.conn)
                self.conn.execute(f"PRAGMA user_version={number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT; nested calls join the outer transaction."""
        with self._lock:
            outer = self._depth == 0
            try:
                if outer:
                    self.conn.execute("BEGIN IMMEDIATE")
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                if outer:
                    self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if outer and self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _translate(exc) from exc
            except BaseException:
                if outer and self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def finish_deferred(self) -> bool:
        """Run the statements a bulk load deferred (meta DEFERRED), in one transaction.
        False when there were none."""
        if not self.has_table("meta") or self.meta(DEFERRED) is None:
            return False
        with self.transaction() as conn:
            value = conn.execute("SELECT value FROM meta WHERE key = ?", (DEFERRED,)).fetchone()
            if value is None:  # another connection finished it meanwhile
                return False
            for statement in json.loads(value[0]):
                conn.execute(statement)
            conn.execute("DELETE FROM meta WHERE key = ?", (DEFERRED,))
        return True

    @contextmanager
    def relaxed(self) -> Iterator[None]:
        """Commits made inside skip the fsync (synchronous=NORMAL): for what a power cut
        may lose, such as the intake draft saved while the operator types. A killed process
        still loses nothing; later FULL commits flush these with them."""
        with self._lock:
            self.conn.execute("PRAGMA synchronous=NORMAL")
            try:
                yield
            finally:
                self.conn.execute("PRAGMA synchronous=FULL")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            with self._lock:
                return list(self.conn.execute(sql, params))
        except sqlite3.Error as exc:
            raise _translate(exc) from exc

    def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def has_table(self, name: str) -> bool:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        found = self.scalar(sql, (name,))
        return found is not None

    def meta(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def close(self) -> None:
        """Close the connection, once a query or transaction of another thread on it is
        done: closing under a running statement crashes the process."""
        with self._lock:
            self.conn.close()


Opener = Callable[[], Database]
