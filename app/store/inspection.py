"""What a workspace's SQLite file holds, for `hotline-desk workspace inspect`: its tables and
their rows, the schema version, the size on disk and SQLite's integrity check.

Read through sqlite-utils (its introspection: tables, virtual tables, counts, indexes,
triggers) on a read-only connection of its own, so an inspection never migrates, repairs
or writes the file, whatever state it is in; it may run beside the app.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.store.db import check_database_file
from app.store.schema import MIGRATIONS

if TYPE_CHECKING:
    import sqlite_utils

# At most this many problems are listed from the integrity check (SQLite's own default).
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class TableInfo:
    name: str
    kind: str  # "table", or "fts5" for a full-text index (its storage tables counted in it)
    rows: int | None  # None: SQLite cannot count them (a contentless index, damage)
    bytes: int | None  # with its indexes; None where SQLite is built without dbstat


@dataclass(frozen=True)
class WorkspaceInfo:
    path: str
    file_bytes: int
    wal_bytes: int
    schema_version: int  # migrations applied to the file (PRAGMA user_version)
    schema_current: int  # migrations this build knows
    sqlite_version: str
    journal_mode: str
    page_size: int
    free_pages: int
    indexes: int
    triggers: int
    tables: tuple[TableInfo, ...]
    integrity: tuple[str, ...]  # ("ok",) or SQLite's description of each problem
    check: str  # "integrity_check" or "quick_check"

    @property
    def ok(self) -> bool:
        return self.integrity == ("ok",) and self.schema_version <= self.schema_current

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def inspect_workspace(path: Path, quick: bool = False) -> WorkspaceInfo:
    """Inspect the database file at `path`. FileNotFoundError when there is none;
    app.store.db.WorkspaceCorrupt when it is empty or not a SQLite file. `quick` runs
    SQLite's quick_check (no index cross-checks) instead of the full integrity_check."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    check_database_file(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _inspect(conn, path, quick)
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection, path: Path, quick: bool) -> WorkspaceInfo:
    import sqlite_utils  # only here: the app's start-up need not load it

    db = sqlite_utils.Database(conn)
    check = "quick_check" if quick else "integrity_check"
    integrity = _integrity(conn, check)
    try:
        tables = _tables(db, _sizes(conn))
        indexes = sum(len(db.table(name).indexes) for name in _plain_tables(db))
        triggers = len(db.triggers)
    except sqlite3.DatabaseError as exc:  # the schema itself cannot be read
        tables, indexes, triggers = (), 0, 0
        integrity = integrity if integrity != ("ok",) else (str(exc),)
    wal = path.with_name(path.name + "-wal")
    return WorkspaceInfo(
        path=str(path),
        file_bytes=path.stat().st_size,
        wal_bytes=wal.stat().st_size if wal.exists() else 0,
        schema_version=_pragma(conn, "user_version"),
        schema_current=len(MIGRATIONS),
        sqlite_version=".".join(map(str, db.sqlite_version)),
        journal_mode=str(db.journal_mode),
        page_size=_pragma(conn, "page_size"),
        free_pages=_pragma(conn, "freelist_count"),
        indexes=indexes,
        triggers=triggers,
        tables=tables,
        integrity=integrity,
        check=check,
    )


def _pragma(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


def _plain_tables(db: sqlite_utils.Database) -> list[str]:
    virtual = set(db.table_names(fts5=True)) | set(db.table_names(fts4=True))
    shadows = _shadows(db, virtual)
    return [n for n in db.table_names() if n not in virtual and n not in shadows]


def _shadows(db: sqlite_utils.Database, virtual: set[str]) -> set[str]:
    """The tables a full-text index keeps its data in: `<index>_data`, `_idx`, …"""
    return {
        name
        for name in db.table_names()
        for index in virtual
        if name.startswith(index + "_")
        and name[len(index) + 1 :] in {"data", "idx", "content", "docsize", "config"}
    }


def _tables(db: sqlite_utils.Database, sizes: dict[str, int] | None) -> tuple[TableInfo, ...]:
    virtual = set(db.table_names(fts5=True)) | set(db.table_names(fts4=True))
    shadows = _shadows(db, virtual)
    tables = []
    for name in sorted(set(db.table_names()) - shadows):
        try:
            rows: int | None = int(db.table(name).count)
        except sqlite3.DatabaseError:
            rows = None
        size = None
        if sizes is not None:
            own = [name, *(s for s in shadows if s.startswith(name + "_"))]
            size = sum(sizes.get(part, 0) for part in own)
        tables.append(TableInfo(name, "fts5" if name in virtual else "table", rows, size))
    return tuple(tables)


def _sizes(conn: sqlite3.Connection) -> dict[str, int] | None:
    """Bytes per table with its indexes, from SQLite's dbstat table where it is built in."""
    try:
        pages = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
        owners = dict(conn.execute("SELECT name, tbl_name FROM sqlite_schema").fetchall())
    except sqlite3.DatabaseError:
        return None
    sizes: dict[str, int] = {}
    for name, size in pages:
        owner = owners.get(name, name)
        sizes[owner] = sizes.get(owner, 0) + int(size)
    return sizes


def _integrity(conn: sqlite3.Connection, check: str) -> tuple[str, ...]:
    try:
        rows = conn.execute(f"PRAGMA {check}({MAX_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as exc:  # too damaged to walk
        return (str(exc),)
    return tuple(str(row[0]) for row in rows) or ("ok",)
