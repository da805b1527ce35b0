"""Report benchmark: the monthly city report over 1,000,000 orders, p50.

    python -m bench.report_bench                 # the store bench's cached million orders
    python -m bench.report_bench --orders 50000  # smaller, for a quick look

Reuses the workspace bench/store_bench.py builds and caches (one year of demo orders).
The first open of a cache made before migration 5 fills `report_facts` from the order
rows once (timed and reported as `backfill_s`). Then, for the last full month before the
cache's clock: the whole computation the Reports screen runs off the GUI thread
(`ReportQueries.report_input`: this month and the previous one by unit, mix, daily
volume, addresses, two more baseline months; then `build_report`), `--repeat` times.
Also timed: the orders behind one figure (the response rate's misses for the city).
Budget: ~2 s for the monthly city report (docs/architecture.md#budgets-the-benchmarks-hold).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timedelta
from typing import Any

from app.models.reports import AssessmentPolicy, Period, Scope, build_report
from app.resources import load_json, load_policy
from app.store.db import Database
from app.store.reports.queries import ReportQueries, Selection
from app.store.workspace import DB_FILE
from bench.common import print_table, proc_status, summary_ms, timed, verdict, write_results
from bench.store_bench import open_cached

BUDGET_S = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--copies", type=int, default=5, help="as bench.store_bench builds it")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    policy = load_policy()
    path, build_info, _ = open_cached(args.orders, policy, args.copies)
    started = time.perf_counter()
    database = Database(path / DB_FILE)  # applies migration 5 (backfill) when missing
    backfill = time.perf_counter() - started
    now = datetime.fromisoformat(database.meta("bench_now") or build_info["now"])
    month = Period.month((now.replace(day=1) - timedelta(days=1)).date())
    assessment = AssessmentPolicy.from_data(load_json("policy/assessment.json"))
    queries = ReportQueries(database, policy, assessment)
    scope = Scope()

    result: dict[str, Any] = {}

    def report() -> None:
        result["report"] = build_report(queries.report_input(month, scope, now), assessment)

    samples = timed(report, args.repeat + 1)[1:]  # the first run warms the page cache
    behind = timed(
        lambda: queries.order_ids(
            month, scope, now, Selection("dispatched", minus="signed_in_time_and_contacted")
        ),
        5,
    )
    steps: list[float] = []
    last = [time.perf_counter()]

    def progress(done: int, total: int) -> None:
        now_ = time.perf_counter()
        if done:
            steps.append(round((now_ - last[0]) * 1000, 1))
        last[0] = now_

    queries.report_input(month, scope, now, progress)
    made = result["report"]
    facts = int(database.scalar("SELECT COUNT(*) FROM report_facts"))
    database.close()

    monthly = summary_ms(samples)
    rows = [
        (
            "monthly city report p50",
            f"{monthly['p50_ms']:.0f} ms",
            f"≤ {BUDGET_S * 1000:.0f} ms",
            verdict(monthly["p50_ms"], BUDGET_S * 1000),
        ),
        ("monthly city report p95", f"{monthly['p95_ms']:.0f} ms", "", ""),
        ("orders behind a figure p50", f"{summary_ms(behind)['p50_ms']:.0f} ms", "", ""),
        ("orders in the month", f"{made.volume:,}", "", ""),
        ("report_facts rows", f"{facts:,}", "", ""),
        ("backfill on first open", f"{backfill:.1f} s", "", ""),
    ]
    print_table(rows, ("what", "measured", "budget", ""))
    print("steps (ms):", steps)
    out = write_results(
        "report",
        {
            "orders": args.orders,
            "build": build_info,
            "period": month.code(),
            "orders_in_period": made.volume,
            "monthly_city_report": monthly,
            "orders_behind_figure": summary_ms(behind),
            "steps_ms": steps,
            "backfill_s": round(backfill, 1),
            "report_facts_rows": facts,
            "budget_s": BUDGET_S,
            "memory_mb": proc_status(),
        },
    )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
