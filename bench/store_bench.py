"""Store benchmark: a workspace with 1,000,000 local orders; intake, caller history, order list.

    python -m bench.store_bench                 # 1,000,000 orders (built once, then cached)
    python -m bench.store_bench --orders 50000  # smaller, for a quick look

Budgets (docs/architecture.md#budgets-the-benchmarks-hold, 2-core machine): record an
intake durably p95 ≤ 10 ms; caller history by phone p95 ≤ 5 ms; order list opens
≤ 300 ms; client RSS ≤ 400 MB.

How the million orders are built (the fast path, and why it is faithful)
------------------------------------------------------------------------
Orders come from `app.store.demo.generator.DemoGenerator`, the generator behind ``--demo``: each
is a real intake made by `operations.intake_events`, walked along the chain with
`operations.order_event` (every step checked by the rules) and folded by
`projection.apply`, over the last 365 days (a million orders is about one year of
Zhongshan's hotline). Generation runs in one worker process per CPU, in chunks with their
own seeds and workstation codes (so order numbers stay unique).

That costs about a millisecond per order, so by default (``--copies 5``) one order in five
is generated and the other four are relabelled copies of it (`_relabel`): new ids for the
order and its events, another workstation in the number, another caller (consistently, so
repeat callers stay repeat callers); times, statuses, texts and units are the generated
ones. Relabelling touches names only, so every copy is still exactly the projection of
its own events. ``--copies 1`` generates every order.

Only the writing is batched: the rows are exactly what `EventLog.append_local` writes,
because they are made by the same functions (`eventlog._event_row` for events, and
`eventlog._write_order` run against a recording connection for the projection row and
its full-text row), then inserted with executemany in large transactions, with the
secondary indexes of events/orders dropped during the load and re-created from their own
SQL afterwards. Triggers on orders fire as usual, except the insert triggers a first
catch-up defers too (report_facts, order_assists: made again after the load, with the
statement that fills their tables for every order). The outbox stays
empty (the cache holds orders the workstation already has in sync, as a demo workspace
does). After the build, 200 random orders are rebuilt from their events and compared
with the stored projection.

The built database is kept in a temporary directory keyed by a hash of the order tables'
schema, the text index and the projection's fields (see `cache_key`); any migration that
only adds other tables is applied to the cached copy on open. Each run adds its
~550 recorded intakes to the cached copy, which is harmless.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.models.clock import china_now
from app.models.enums import OPEN_STATUSES, AppealType, Status
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.projection import rebuild
from app.models.records import Order
from app.models.serial import order_to_dict
from app.resources import load_policy
from app.store import eventlog
from app.store.demo.generator import DemoData, DemoGenerator, load_demo_data
from app.store.orders.query import OrderFilter, PageKey
from app.store.sync.bulk import DEFERRABLE_TRIGGERS
from app.store.textindex import index_text
from app.store.workspace import DB_FILE, Workspace
from bench.common import (
    print_table,
    proc_status,
    summary_ms,
    timed,
    verdict,
    write_results,
)
from bench.pool import ordered_map

BUILD_VERSION = 2  # 2: the generator no longer makes steps the rules refuse
CHUNK = 5000
DAYS = 365
ORDER_TABLES = ("events", "outbox", "orders", "orders_fts")
BUDGET = {"intake_p95_ms": 10.0, "history_p95_ms": 5.0, "list_open_ms": 300.0, "rss_mb": 400.0}


# --------------------------------------------------------------------------- the cache
def cache_key(orders: int, copies: int) -> str:
    """Changes whenever what the cached database holds would change.

    Indexes are left out on purpose: a migration that adds one is applied to the cached
    copy when the benchmark opens it, as it would be on a workstation's database.
    """
    probe = Path(tempfile.mkdtemp(prefix="hotline-bench-probe-"))
    try:
        from app.store.db import Database

        database = Database(probe / "probe.sqlite3")
        schema = database.query(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'table' "
            f"AND tbl_name IN ({','.join('?' * len(ORDER_TABLES))}) ORDER BY name",
            ORDER_TABLES,
        )
        database.close()
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    parts = [
        f"build={BUILD_VERSION}",
        f"orders={orders}",
        f"copies={copies}",
        *(f"{r['type']}|{r['name']}|{r['sql']}" for r in schema),
        index_text("小区噪音扰民 Wi-Fi 12345"),
        ",".join(f.name for f in fields(Order)),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def cache_dir(orders: int, copies: int) -> Path:
    root = Path(os.environ.get("HOTLINE_BENCH_CACHE", Path(tempfile.gettempdir())))
    return root / "hotline-desk-bench" / f"store-{orders}-{cache_key(orders, copies)}"


# ------------------------------------------------------------------------ generation
_POLICY: Policy | None = None
_DATA: DemoData | None = None  # read once before the workers fork, so every chunk agrees


class _Recorder:
    """Stands in for a connection: keeps what _write_order would execute."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> _Recorder:
        self.calls.append((sql, params))
        return self

    def fetchone(self) -> tuple[int]:
        return (0,)


_UUID = re.compile(r"\b([0-9a-f])([0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")


def chunk_generator(
    index: int, now: datetime, policy: Policy, data: DemoData | None = None
) -> DemoGenerator:
    """The generator of chunk `index` of the build: its own seed and workstation codes (so
    order numbers stay unique across chunks). Chunk i holds orders i*CHUNK … (i+1)*CHUNK-1."""
    return DemoGenerator(
        policy,
        now,
        seed=1_000_003 * (index + 1),
        days=DAYS,
        stations=[f"B{index:03d}{k:X}" for k in range(12)],
        data=data,
    )


def _chunk(args: tuple[int, int, str, int]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """One chunk of orders as rows: (event rows, (order values…, fts text) rows).

    With `copies` > 1, count/copies orders are generated and the rest are relabelled
    copies of them (see `_relabel`).
    """
    index, count, now_iso, copies = args
    assert _POLICY is not None
    generator = chunk_generator(index, datetime.fromisoformat(now_iso), _POLICY, _DATA)
    event_rows: list[tuple[Any, ...]] = []
    order_rows: list[tuple[Any, ...]] = []
    made = []
    try:
        for events, order in generator.orders(-(-count // copies)):
            rows = [eventlog._event_row(e) for e in events]
            recorder = _Recorder()
            eventlog._write_order(recorder, order, True)  # type: ignore[arg-type]
            (_, values), (_, (_, fts_text)) = recorder.calls
            made.append((rows, (*values, fts_text)))
    except Exception as exc:  # say which chunk, so it can be generated again on its own
        exc.add_note(f"store_bench: chunk {index} of {count} orders, now={now_iso}")
        raise
    for copy in range(copies):
        for rows, order_row in made:
            if len(order_rows) == count:
                break
            if copy:
                rows, order_row = _relabel(rows, order_row, copy, generator)
            event_rows.extend(rows)
            order_rows.append(order_row)
    return event_rows, order_rows


def _relabel(
    rows: list[tuple[Any, ...]], order_row: tuple[Any, ...], copy: int, generator: DemoGenerator
) -> tuple[list[tuple[Any, ...]], tuple[Any, ...]]:
    """A copy of a generated order under new names: fresh ids for the order and its events
    (a reference to another order of the chunk follows it into the same copy), another
    workstation in the number, another caller (the same one for all copies of one
    caller's orders, so repeat callers stay repeat callers). Nothing else changes, so
    the copy's projection still equals a rebuild from its events."""

    # The first hex digit of every id moves on by the copy's number: still a version 4
    # UUID, distinct from the original and from every other copy.
    def shifted(m: re.Match[str]) -> str:
        return f"{(int(m.group(1), 16) + copy) % 16:x}{m.group(2)}"

    def new_id(value: str) -> str:
        return _UUID.sub(shifted, value)

    number, phone = order_row[1], order_row[5]
    new_number = number.replace("-B", "-" + "CDEFGHJKLMNPQRSTUVWXYZ"[copy - 1], 1)
    digits = phone[4:]
    new_phone = phone[:4] + f"{(int(digits) + 7919 * copy) % 10 ** len(digits):0{len(digits)}d}"

    def text(value: str) -> str:
        value = new_id(value)
        return value.replace(number, new_number).replace(f'"{phone}"', f'"{new_phone}"')

    new_rows = [(new_id(r[0]), new_id(r[1]), r[2], text(r[3]), *r[4:]) for r in rows]
    o = list(order_row)
    o[0], o[1], o[5], o[19] = new_id(o[0]), new_number, new_phone, text(o[19])
    return new_rows, tuple(o)


def _order_columns() -> str:
    recorder = _Recorder()
    sample = next(DemoGenerator(load_policy(), china_now(), days=5).orders(1))[1]
    eventlog._write_order(recorder, sample, True)  # type: ignore[arg-type]
    match = re.search(r"INSERT INTO orders \((.*?)\)\s*VALUES", recorder.calls[0][0], re.S)
    assert match is not None
    return " ".join(match.group(1).split())


def build(target: Path, orders: int, policy: Policy, copies: int) -> dict[str, Any]:
    """Build the database of `orders` orders into `target` (atomically: tmp dir, rename)."""
    work = target.with_name(target.name + f".tmp{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    try:
        return _build(work, target, orders, policy, copies)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _build(work: Path, target: Path, orders: int, policy: Policy, copies: int) -> dict[str, Any]:
    global _POLICY, _DATA
    _POLICY = policy
    _DATA = load_demo_data(policy)
    started = time.perf_counter()
    now = china_now()
    workspace = Workspace(work, policy, clock=lambda: now)
    conn = workspace.database.conn
    indexes = [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('events', 'orders')"
        )
    ]
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    # The insert triggers a first catch-up defers too (report_facts looks each order's
    # steps up in events, a full scan per order while its indexes are dropped): dropped
    # here, made again and their tables filled once the indexes are back.
    names = ",".join("?" * len(DEFERRABLE_TRIGGERS))
    triggers = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})",
        tuple(DEFERRABLE_TRIGGERS),
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    columns = _order_columns()
    marks = ",".join("?" * (len(columns.split(",")) + 1))
    insert_order = f"INSERT INTO orders (rowid, {columns}) VALUES ({marks})"
    insert_event = (
        f"INSERT INTO events ({eventlog._EVENT_COLUMNS}, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local')"
    )
    chunks = [
        (i, min(CHUNK, orders - i * CHUNK), now.isoformat(), copies)
        for i in range(-(-orders // CHUNK))
    ]
    rowid = 0
    events_total = 0
    # A chunk that fails (a step the rules refuse, a worker killed) stops the build here.
    for event_rows, order_rows in ordered_map(_chunk, chunks, os.cpu_count() or 1):
        conn.execute("BEGIN")
        conn.executemany(insert_event, event_rows)
        conn.executemany(insert_order, ((rowid + i + 1, *r[:-1]) for i, r in enumerate(order_rows)))
        conn.executemany(
            "INSERT INTO orders_fts(rowid, body) VALUES (?, ?)",
            ((rowid + i + 1, r[-1]) for i, r in enumerate(order_rows)),
        )
        conn.execute("COMMIT")
        rowid += len(order_rows)
        events_total += len(event_rows)
        _progress(f"generated {rowid:,}/{orders:,} orders", started)
    generated = time.perf_counter() - started
    for name, sql in indexes:
        _progress(f"index {name}", started)
        conn.execute(sql)
    for name, sql in triggers:
        _progress(f"trigger {name}", started)
        conn.execute(sql)
        conn.execute(DEFERRABLE_TRIGGERS[name])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.database.set_meta("bench_now", now.isoformat())
    _verify_sample(workspace, 200)
    workspace.close()
    info = {
        "orders": rowid,
        "events": events_total,
        "generate_and_load_s": round(generated, 1),
        "build_s": round(time.perf_counter() - started, 1),
        "workers": os.cpu_count(),
        "generated_orders": -(-orders // copies) if copies > 1 else orders,
        "copies": copies,
        "db_mb": round((work / DB_FILE).stat().st_size / 2**20, 1),
        "now": now.isoformat(),
    }
    (work / "build.json").write_text(json.dumps(info, indent=2))
    shutil.rmtree(target, ignore_errors=True)
    work.rename(target)
    print(file=sys.stderr)
    return info


def _verify_sample(workspace: Workspace, count: int) -> None:
    """A sample of orders rebuilt from their events equals the stored projection."""
    rows = workspace.database.query("SELECT id FROM orders ORDER BY random() LIMIT ?", (count,))

    for row in rows:
        stored = workspace.events.load_order(row["id"])
        rebuilt = rebuild(workspace.events.events_of(row["id"]))
        assert stored is not None and rebuilt is not None
        if order_to_dict(stored) != order_to_dict(rebuilt):
            raise AssertionError(f"projection of {row['id']} differs from its events")


def _progress(text: str, started: float) -> None:
    print(
        f"\r  {text} ({time.perf_counter() - started:.0f} s)".ljust(60),
        end="",
        file=sys.stderr,
        flush=True,
    )


def open_cached(orders: int, policy: Policy, copies: int) -> tuple[Path, dict[str, Any], bool]:
    target = cache_dir(orders, copies)
    built_now = False
    if not (target / "build.json").exists():
        print(f"building {orders:,} orders in {target} …", file=sys.stderr)
        build(target, orders, policy, copies)
        built_now = True
    info = json.loads((target / "build.json").read_text())
    return target, info, built_now


# -------------------------------------------------------------------------- measuring
def measure_intake(workspace: Workspace, policy: Policy, count: int) -> list[float]:
    """Record `count` intakes through Workspace.record_intake (validate, number, write)."""
    generator = DemoGenerator(policy, workspace.clock(), seed=random.randrange(10**9), days=1)
    kinds = list(AppealType)
    samples = []
    for i in range(count + 20):
        intake, direct, operator = generator.intake(workspace.clock(), kinds[i % 3])
        actor = Actor(operator.user, operator.role, workspace.device_id)
        start = time.perf_counter()
        workspace.record_intake(intake, actor, direct)
        if i >= 20:  # the first few warm the caches
            samples.append(time.perf_counter() - start)
    return samples


def _phones(workspace: Workspace, count: int) -> list[str]:
    db = workspace.database
    top = [
        r[0]
        for r in db.query(
            "SELECT phone FROM orders GROUP BY phone HAVING COUNT(*) > 3 ORDER BY COUNT(*) DESC "
            "LIMIT ?",
            (count // 4,),
        )
    ]
    highest = int(db.scalar("SELECT MAX(rowid) FROM orders"))
    rng = random.Random(7)
    some = [
        db.scalar("SELECT phone FROM orders WHERE rowid >= ? LIMIT 1", (rng.randrange(highest),))
        for _ in range(count - len(top) - count // 10)
    ]
    unknown = [f"1390000{i:04d}" for i in range(count // 10)]
    phones = [*top, *some, *unknown]
    rng.shuffle(phones)
    return phones


def measure_history(workspace: Workspace, count: int) -> tuple[list[float], int]:
    phones = _phones(workspace, count)
    samples = []
    most = 0
    for phone in phones:
        start = time.perf_counter()
        total, _ = workspace.orders.caller_history(phone)
        samples.append(time.perf_counter() - start)
        most = max(most, total)
    return samples, most


def list_filters(now: datetime) -> dict[str, OrderFilter]:
    day = now.date()
    return {
        "no filter": OrderFilter(),
        "status=handling": OrderFilter(statuses=frozenset({Status.HANDLING.value})),
        "status=open (6)": OrderFilter(statuses=frozenset(s.value for s in OPEN_STATUSES)),
        "status=received": OrderFilter(statuses=frozenset({Status.RECEIVED.value})),
        "status=closed+archived": OrderFilter(statuses=frozenset({"closed", "archived"})),
        "town=小榄": OrderFilter(town="xiaolan"),
        "town=神湾": OrderFilter(town="shenwan"),
        "type=投诉": OrderFilter(appeal_type=AppealType.COMPLAINT.value),
        "type=举报 + town=坦洲": OrderFilter(appeal_type=AppealType.REPORT.value, town="tanzhou"),
        "last 7 days": OrderFilter(received_from=(day - timedelta(days=7)).isoformat()),
        "overdue": OrderFilter(overdue_at=now.isoformat()),
        "text 2-char 来电 (nearly all)": OrderFilter(text="来电"),
        "text 2-char 噪声": OrderFilter(text="噪声"),
        "text 2-char 停水": OrderFilter(text="停水"),
        "text 4-char 噪声扰民": OrderFilter(text="噪声扰民"),
        "text 4-char 计划停水": OrderFilter(text="计划停水"),
        "text 4-char 拖欠工资": OrderFilter(text="拖欠工资"),
        "text none 量子计算": OrderFilter(text="量子计算"),
        "text + town 停水 小榄": OrderFilter(text="停水", town="xiaolan"),
        "text + open 噪声": OrderFilter(
            text="噪声", statuses=frozenset(s.value for s in OPEN_STATUSES)
        ),
    }


def measure_list(workspace: Workspace, now: datetime, repeat: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name, f in list_filters(now).items():
        first_start = time.perf_counter()
        rows = workspace.orders.page(f)
        first = time.perf_counter() - first_start
        samples = timed(functools.partial(workspace.orders.page, f), repeat)
        start = time.perf_counter()
        count = workspace.orders.count(f)
        counted = time.perf_counter() - start
        after = None
        if rows:
            after = PageKey(rows[-1].received_at, rows[-1].id)
        page2 = timed(functools.partial(workspace.orders.page, f, after), max(3, repeat // 3))
        results[name] = {
            "first_ms": round(first * 1000, 2),
            **summary_ms(samples),
            "page2_p95_ms": summary_ms(page2)["p95_ms"],
            "count_ms": round(counted * 1000, 1),
            "rows": len(rows),
            "matches": count,
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--intakes", type=int, default=500)
    parser.add_argument("--lookups", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20, help="timings per list filter")
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached database")
    parser.add_argument(
        "--copies",
        type=int,
        default=5,
        help="build: each generated order plus relabelled copies (1: generate every order)",
    )
    args = parser.parse_args(argv)

    policy = load_policy()
    if args.rebuild:
        shutil.rmtree(cache_dir(args.orders, args.copies), ignore_errors=True)
    try:
        path, build_info, built_now = open_cached(args.orders, policy, args.copies)
    except Exception:
        print("\nstore_bench: building the workspace failed", file=sys.stderr)
        raise  # the traceback (a worker's included) is printed and the exit status is 1
    rss_before = proc_status()

    open_start = time.perf_counter()
    workspace = Workspace(path, policy)
    workspace.defer_checkpoints()  # as the app does; it checkpoints on a timer off the GUI thread
    opened = time.perf_counter() - open_start
    now = workspace.clock()
    intake = measure_intake(workspace, policy, args.intakes)
    history, most = measure_history(workspace, args.lookups)
    lists = measure_list(workspace, now, args.repeat)
    rss = proc_status()
    workspace.close()

    intake_s = summary_ms(intake)
    history_s = summary_ms(history)
    worst_open = max(v["first_ms"] + 0 for v in lists.values())
    worst_p95 = max(v["p95_ms"] for v in lists.values())
    rows = [
        (
            "record intake",
            f"{intake_s['p50_ms']:.2f}",
            f"{intake_s['p95_ms']:.2f}",
            "≤ 10 ms p95",
            verdict(intake_s["p95_ms"], BUDGET["intake_p95_ms"]),
        ),
        (
            "caller history",
            f"{history_s['p50_ms']:.2f}",
            f"{history_s['p95_ms']:.2f}",
            "≤ 5 ms p95",
            verdict(history_s["p95_ms"], BUDGET["history_p95_ms"]),
        ),
    ]
    for name, v in lists.items():
        rows.append(
            (
                f"list: {name}",
                f"{v['p50_ms']:.2f}",
                f"{v['p95_ms']:.2f}",
                f"first {v['first_ms']:.1f} ms, count {v['count_ms']:.0f} ms, {v['matches']:,}",
                verdict(max(v["p95_ms"], v["first_ms"]), BUDGET["list_open_ms"]),
            )
        )
    print(
        f"\n{build_info['orders']:,} orders, {build_info['events']:,} events, "
        f"database {build_info['db_mb']} MB, built in {build_info['build_s']} s"
        f"{' (now)' if built_now else ' (cached)'}; opened in {opened * 1000:.0f} ms"
    )
    print_table(rows, ("what", "p50 ms", "p95 ms", "notes", "budget"))
    print(
        f"RSS {rss.get('VmRSS')} MB (peak {rss.get('VmHWM')} MB; before opening "
        f"{rss_before.get('VmRSS')} MB); busiest caller has {most} orders"
    )
    path_out = write_results(
        "store",
        {
            "orders": build_info["orders"],
            "build": build_info,
            "built_this_run": built_now,
            "open_ms": round(opened * 1000, 1),
            "record_intake": intake_s,
            "caller_history": {**history_s, "busiest_caller_orders": most},
            "order_list": lists,
            "order_list_worst_first_ms": worst_open,
            "order_list_worst_p95_ms": worst_p95,
            "rss_mb": rss,
            "budgets": BUDGET,
        },
    )
    print(f"wrote {path_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
