"""Run a migration's SQL script inside the migration's transaction."""

from __future__ import annotations

import sqlite3


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one: executescript() would commit the open transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)
