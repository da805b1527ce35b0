"""Chain benchmark: duplicate detection and dispatch suggestion at intake, and the work queues,
on the cached million-order workspace of bench/store_bench.py.

    python -m bench.chain_bench                 # 1,000,000 orders (built once, then cached)
    python -m bench.chain_bench --orders 50000  # smaller, for a quick look

Budget: duplicates and the dispatch suggestion p95 ≤ 30 ms at 1,000,000 orders,
fast enough to run while the operator types. The queues are read on the GUI thread, so
they are held to the 50 ms GUI-thread budget (docs/architecture.md#budgets-the-benchmarks-hold).

Probes are realistic intakes from the demo generator (its templates, towns, addresses) at
the workspace's "now"; a third of them use the number of a caller already in the store
(half of those a busy repeat caller), so the same-caller path is measured with hits.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from typing import Any

from app.models.enums import AppealType
from app.models.projection import parse_time
from app.resources import load_policy
from app.store.dispatch.suggest import DispatchSuggester
from app.store.orders.duplicates import DuplicateFinder
from app.store.queues.work import QueueQueries
from app.store.workspace import Workspace
from bench.common import print_table, summary_ms, verdict, write_results
from bench.store_bench import _phones, open_cached

BUDGET = {"duplicates_p95_ms": 30.0, "suggest_p95_ms": 30.0, "queue_p95_ms": 50.0}
UNITS = ("cgj", "zjj", "swj", "gs", "rsj", "town_xiaolan", "town_shiqi", "gaj")


def probes(workspace: Workspace, count: int, seed: int = 11) -> list[dict[str, Any]]:
    from app.store.demo.generator import DemoGenerator

    now = workspace.clock()
    generator = DemoGenerator(workspace.policy, now, seed=seed, days=1)
    known = _phones(workspace, max(4, count // 3))
    rng = random.Random(seed)
    kinds = [AppealType.ENQUIRY, AppealType.HELP, AppealType.COMPLAINT, AppealType.REPORT]
    result = []
    for i in range(count):
        intake, _, _ = generator.intake(now, kinds[i % len(kinds)])
        phone = known[i % len(known)] if rng.random() < 0.33 else intake.appellant.phone
        result.append(
            {
                "phone": phone,
                "town": intake.town,
                "title": intake.title,
                "content": intake.content,
                "category": intake.category,
            }
        )
    return result


def measure(fn: Any, items: list[Any], warm: int = 10) -> tuple[list[float], list[Any]]:
    for item in items[:warm]:
        fn(item)
    samples, results = [], []
    for item in items:
        start = time.perf_counter()
        results.append(fn(item))
        samples.append(time.perf_counter() - start)
    return samples, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--copies", type=int, default=5, help="as bench/store_bench.py")
    parser.add_argument("--probes", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=20, help="timings per queue")
    args = parser.parse_args(argv)

    policy = load_policy()
    path, build_info, built_now = open_cached(args.orders, policy, args.copies)
    opened = time.perf_counter()
    probe_ws = Workspace(path, policy)  # applies any new migration (indexes) to the cache
    migrate_s = time.perf_counter() - opened
    bench_now = probe_ws.database.meta("bench_now")
    probe_ws.close()
    now = parse_time(bench_now) if bench_now else None
    workspace = Workspace(path, policy, clock=(lambda: now) if now else None)  # type: ignore[arg-type]
    now = workspace.clock()
    items = probes(workspace, args.probes)

    finder = DuplicateFinder(workspace.database)
    dup_samples, found = measure(
        lambda p: finder.find(
            phone=p["phone"], town=p["town"], title=p["title"], content=p["content"], now=now
        ),
        items,
    )
    forced = {}
    for method in ("index", "titles"):
        samples, _ = measure(
            lambda p, m=method: finder.similar(
                p["town"], p["title"], (now - timedelta(days=7)).isoformat(), m
            ),
            items,
        )
        forced[method] = summary_ms(samples)
    span = workspace.database.query(
        "SELECT MIN(rowid) AS low, MAX(rowid) AS high, COUNT(*) AS n FROM orders "
        "WHERE received_at >= ?",
        ((now - timedelta(days=7)).isoformat(),),
    )[0]
    suggester = DispatchSuggester(workspace.database, policy)
    sug_samples, suggested = measure(
        lambda p: suggester.suggest(p["category"], p["town"], now), items
    )
    queues = QueueQueries(workspace.database)
    queue_fns = {
        "dispatcher: to dispatch": lambda: queues.to_dispatch(now),
        "dispatcher: requests": lambda: queues.rulings(now),
        "dispatcher: replies to review": lambda: queues.reviews(now),
        "dispatcher: overdue": lambda: queues.overdue(now),
        "dispatcher: tab counts": lambda: queues.counts(now),
        "follow-up queue": lambda: queues.follow_up(now),
        **{f"unit {u}": (lambda u=u: queues.unit(u)) for u in UNITS},
    }
    queue_results: dict[str, dict[str, Any]] = {}
    for name, fn in queue_fns.items():
        samples, results = measure(lambda _i, fn=fn: fn(), list(range(args.repeat)), warm=2)
        rows = results[-1]
        queue_results[name] = {
            **summary_ms(samples),
            "rows": len(rows) if isinstance(rows, list) else sum(rows.values()),
        }
    workspace.close()

    dup = summary_ms(dup_samples)
    sug = summary_ms(sug_samples)
    with_dupes = sum(1 for f in found if f)
    with_similar = sum(1 for f in found if any(d.share for d in f))
    catalogue = sum(1 for s in suggested if s and s[0].source == "catalogue")
    rows = [
        (
            "likely duplicates",
            f"{dup['p50_ms']:.2f}",
            f"{dup['p95_ms']:.2f}",
            f"{with_dupes}/{len(items)} with hits ({with_similar} similar)",
            verdict(dup["p95_ms"], BUDGET["duplicates_p95_ms"]),
        ),
        (
            "dispatch suggestion",
            f"{sug['p50_ms']:.2f}",
            f"{sug['p95_ms']:.2f}",
            f"{catalogue}/{len(items)} from the catalogue",
            verdict(sug["p95_ms"], BUDGET["suggest_p95_ms"]),
        ),
    ]
    for method, v in forced.items():
        rows.append(
            (
                f"  similar, {method} only",
                f"{v['p50_ms']:.2f}",
                f"{v['p95_ms']:.2f}",
                "full-text doclists (not used)" if method == "index" else "candidate titles (used)",
                verdict(v["p95_ms"], BUDGET["duplicates_p95_ms"]),
            )
        )
    for name, v in queue_results.items():
        rows.append(
            (
                name,
                f"{v['p50_ms']:.2f}",
                f"{v['p95_ms']:.2f}",
                f"{v['rows']:,} rows",
                verdict(v["p95_ms"], BUDGET["queue_p95_ms"]),
            )
        )
    print(
        f"\nlast 7 days: {span['n']:,} orders over a rowid span of "
        f"{(span['high'] or 0) - (span['low'] or 0) + 1:,} (the build makes chunks of a year)"
    )
    print(
        f"{build_info['orders']:,} orders{' (built now)' if built_now else ' (cached)'}; "
        f"migrations on open {migrate_s * 1000:.0f} ms; now {now.isoformat()}"
    )
    print_table(rows, ("what", "p50 ms", "p95 ms", "notes", "budget"))
    out = write_results(
        "chain",
        {
            "orders": build_info["orders"],
            "built_this_run": built_now,
            "migrate_on_open_ms": round(migrate_s * 1000, 1),
            "probes": len(items),
            "duplicates": {**dup, "with_hits": with_dupes, "with_similar": with_similar},
            "similar_forced": forced,
            "last_7_days_rowid_span": {
                "orders": span["n"],
                "span": (span["high"] or 0) - (span["low"] or 0) + 1,
            },
            "suggestion": {**sug, "from_catalogue": catalogue},
            "queues": queue_results,
            "budgets": BUDGET,
        },
    )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
