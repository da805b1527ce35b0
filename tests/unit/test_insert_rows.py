"""eventlog.insert_rows: multi-row INSERTs, in order, within SQLite's parameter limit."""

from __future__ import annotations

import sqlite3

from app.store.eventlog import insert_rows


def _rows(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    return conn.execute("SELECT a, b FROM t ORDER BY rowid").fetchall()


def test_rows_in_order_across_statements() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c TEXT)")
    rows = [(n, f"x{n}") for n in range(1234)]
    insert_rows(conn, "INSERT INTO t (a, b, c)", "(?, ?, 'k')", rows)
    assert _rows(conn) == rows
    assert conn.execute("SELECT COUNT(*) FROM t WHERE c = 'k'").fetchone()[0] == 1234


def test_low_parameter_limit() -> None:
    conn = sqlite3.connect(":memory:")
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)
    conn.execute("CREATE TABLE t (a INTEGER, b TEXT)")
    rows = [(n, str(n)) for n in range(25)]
    insert_rows(conn, "INSERT INTO t (a, b)", "(?, ?)", rows)  # 3 rows a statement
    assert _rows(conn) == rows
    insert_rows(conn, "INSERT INTO t (a, b)", "(?, ?)", [])
    assert len(_rows(conn)) == 25
