"""Migration: an index for the order list's text search at 1,000,000 orders.

`orders_text_keys` holds, for every order, just its rowid (the row of the text index),
its receipt time and its id: the order list's sort key. A text search that matches a few
thousand orders sorts them through this narrow index instead of reading each wide order
row, which holds the order's whole JSON (bench/store_bench.py, the `text …` cases of
bench/results/store.json). See OrderQueries.page. `IF NOT EXISTS`, so the step is
harmless wherever it ends up in the migration list.
"""

from __future__ import annotations

import sqlite3


def order_list_indexes(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX IF NOT EXISTS orders_text_keys ON orders(rowid, received_at, id)")
