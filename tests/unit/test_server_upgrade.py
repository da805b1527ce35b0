"""A central store made before the store recorded authors and numbers opens and upgrades:
its events get the new record columns, and the numbers already in use are known."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from server.schema import Database


def test_an_older_store_gets_the_new_columns_and_its_numbers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE events (seq INTEGER PRIMARY KEY, id VARCHAR(64) NOT NULL UNIQUE,
            order_id VARCHAR(64) NOT NULL, type VARCHAR(32) NOT NULL, body TEXT NOT NULL,
            pushed_by VARCHAR(100) NOT NULL, received_at BIGINT NOT NULL);
        """
    )
    for n, number in enumerate(["ZS261127-W01-0001", "ZS261127-W01-0001", "ZS261127-W02-0001"]):
        body = {"id": f"e{n}", "order_id": f"o{n}", "type": "intake", "payload": {"number": number}}
        conn.execute(
            "INSERT INTO events VALUES (?, ?, ?, 'intake', ?, 'op1', 1764200000)",
            (n + 1, f"e{n}", f"o{n}", json.dumps(body)),
        )
    conn.commit()
    conn.close()
    db = Database(str(path))
    db.create()
    db.create()  # and again: nothing twice
    db.dispose()
    conn = sqlite3.connect(path)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    assert {"pushed_role", "pushed_unit"} <= columns
    assert conn.execute("SELECT DISTINCT pushed_role FROM events").fetchall() == [("",)]
    numbers = conn.execute("SELECT number, order_id FROM order_numbers ORDER BY number").fetchall()
    # the first order keeps a number used twice before the upgrade
    assert numbers == [("ZS261127-W01-0001", "o0"), ("ZS261127-W02-0001", "o2")]
    conn.close()


def test_an_older_stores_current_articles_start_their_history(tmp_path: Path) -> None:
    path = tmp_path / "old-kb.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE articles (id VARCHAR(100) PRIMARY KEY, version INTEGER NOT NULL,
            seq BIGINT NOT NULL UNIQUE, body TEXT NOT NULL);
        INSERT INTO articles VALUES ('kb-a', 3, 7, '{"id": "kb-a", "version": 3}');
        INSERT INTO articles VALUES ('kb-b', 1, 9, '{"id": "kb-b", "version": 1}');
        """
    )
    conn.commit()
    conn.close()
    db = Database(str(path))
    db.create()
    db.create()  # and again: nothing twice
    db.dispose()
    conn = sqlite3.connect(path)
    history = conn.execute("SELECT id, version, seq, body FROM article_versions ORDER BY seq")
    assert history.fetchall() == [
        ("kb-a", 3, 7, '{"id": "kb-a", "version": 3}'),
        ("kb-b", 1, 9, '{"id": "kb-b", "version": 1}'),
    ]
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (2,)
    conn.close()
