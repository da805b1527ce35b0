"""sqlite-utils against the store's hand-written statements, on the store's own tables.

    python -m bench.sqlite_utils_paths                # 3,000 demo orders
    python -m bench.sqlite_utils_paths --orders 500   # smaller, for a quick look

Three paths, each done both ways on the same rows of a demo workspace, the two ways
alternating round by round so load on the machine falls on both alike:

- one event a transaction (how an intake or a step is recorded): `conn.execute` INSERT
  against `Table.insert`;
- a page of pulled events in one transaction (how a pull stores rows):
  `eventlog.insert_rows` (multi-row INSERTs) against `Table.insert_all`;
- every order's JSON read for an export: a keyset-paged SELECT (`SyncState.iter_orders`)
  against `Table.rows_where`.

Writes bench/results/sqlite_utils.json. docs/architecture.md#hand-written-sql-and-sqlite-utils
says what the figures decided.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import print_table, write_results


def _demo(folder: Path, orders: int) -> Path:
    from app.resources import load_policy
    from app.store.demo.generator import seed_demo
    from app.store.workspace import Workspace

    ws = Workspace(folder / "demo", load_policy())
    seed_demo(ws, orders=orders)
    path = ws.database.path
    ws.close()
    return path


def _fresh(folder: Path, name: str) -> Any:
    from app.store.db import Database

    return Database(folder / f"{name}.sqlite3")


def _event_rows(source: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    import sqlite3

    from app.store.eventlog import _EVENT_COLUMNS

    columns = [c.strip() for c in _EVENT_COLUMNS.split(",")] + ["origin", "server_seq"]
    conn = sqlite3.connect(source)
    rows = conn.execute(
        f"SELECT {', '.join(columns[:-2])}, 'remote', seq FROM events ORDER BY seq"
    ).fetchall()
    conn.close()
    return columns, rows


def _one_a_transaction(folder: Path, columns: list[str], rows: list[Any], n: int) -> dict:
    import sqlite_utils

    sample = rows[:n]
    sql = f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"

    def hand(db: Any) -> None:
        for row in sample:
            with db.transaction() as conn:
                conn.execute(sql, row)

    def utils(db: Any) -> None:
        table = sqlite_utils.Database(db.conn).table("events")
        for row in sample:
            with db.transaction():
                table.insert(dict(zip(columns, row, strict=True)))

    return _compare(folder, "one", hand, utils, per=len(sample))


def _bulk(folder: Path, columns: list[str], rows: list[Any]) -> dict:
    import sqlite_utils

    from app.store.eventlog import insert_rows

    head = f"INSERT INTO events ({', '.join(columns)})"
    values = "(" + ", ".join("?" * len(columns)) + ")"
    dicts = [dict(zip(columns, row, strict=True)) for row in rows]

    def hand(db: Any) -> None:
        with db.transaction() as conn:
            insert_rows(conn, head, values, rows)

    def utils(db: Any) -> None:
        with db.transaction():
            sqlite_utils.Database(db.conn).table("events").insert_all(dicts, batch_size=500)

    return _compare(folder, "bulk", hand, utils, per=len(rows))


def _export(source: Path) -> dict:
    import json

    import sqlite_utils

    from app.store.db import Database
    from app.store.sync.state import SyncState

    database = Database(source)

    def hand() -> int:
        return sum(1 for _ in SyncState(database).iter_orders())

    def utils() -> int:
        table = sqlite_utils.Database(database.conn).table("orders")
        return sum(
            1 for r in table.rows_where(select="data", order_by="rowid") if json.loads(r["data"])
        )

    result = _rounds(lambda: hand(), lambda: utils(), per=hand())
    database.close()
    return result


def _compare(
    folder: Path, name: str, hand: Callable[[Any], None], utils: Callable[[Any], None], per: int
) -> dict:
    count = [0]

    def run(fn: Callable[[Any], None]) -> Callable[[], None]:
        def go() -> None:
            count[0] += 1
            db = _fresh(folder, f"{name}-{count[0]}")
            fn(db)
            db.close()

        return go

    return _rounds(run(hand), run(utils), per=per)


def _rounds(hand: Callable[[], Any], utils: Callable[[], Any], per: int, rounds: int = 5) -> dict:
    times: dict[str, list[float]] = {"hand": [], "sqlite_utils": []}
    for _ in range(rounds):
        for key, fn in (("hand", hand), ("sqlite_utils", utils)):
            start = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - start)
    hand_s = statistics.median(times["hand"])
    utils_s = statistics.median(times["sqlite_utils"])
    return {
        "rows": per,
        "rounds": rounds,
        "hand_median_s": round(hand_s, 4),
        "sqlite_utils_median_s": round(utils_s, 4),
        "hand_us_per_row": round(hand_s / per * 1e6, 1),
        "sqlite_utils_us_per_row": round(utils_s / per * 1e6, 1),
        "sqlite_utils_over_hand": round(utils_s / hand_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=3000)
    parser.add_argument("--single", type=int, default=300, help="events written one by one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = _demo(folder, args.orders)
        columns, rows = _event_rows(source)
        results = {
            "one_event_a_transaction": _one_a_transaction(folder, columns, rows, args.single),
            "pulled_events_one_transaction": _bulk(folder, columns, rows),
            "export_orders": _export(source),
        }
    print_table(
        [
            (
                name,
                str(r["rows"]),
                f"{r['hand_us_per_row']}",
                f"{r['sqlite_utils_us_per_row']}",
                f"{r['sqlite_utils_over_hand']}×",
            )
            for name, r in results.items()
        ],
        ("path", "rows", "hand µs/row", "sqlite-utils µs/row", "sqlite-utils ÷ hand"),
    )
    path = write_results("sqlite_utils", {"orders": args.orders, "results": results})
    print(f"→ {path}")


if __name__ == "__main__":
    main()
