"""Sync benchmark: push 10,000 queued events (batched vs one request per event) and pull
100,000 events into an empty cache, against a real server process on SQLite and, when a
URL is given, PostgreSQL.

    python bench/sync_push_pull.py [--pg postgresql://postgres@127.0.0.1:54329/postgres]
    python bench/sync_push_pull.py --push-only     # push only → bench/results/sync_push.json

The one-request-per-event figure is measured on a sample (default 500 events) and
extrapolated linearly to the full count; the output says so.
Budgets (docs/architecture.md#budgets-the-benchmarks-hold): push 10k ≤ 15 s and ≥ 50×
one-per-event; pull 100k ≤ 30 s.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.models.clock import CHINA  # noqa: E402
from app.models.deadlines import Deadline, reply_deadline  # noqa: E402
from app.models.enums import AppealType, Channel, Role, Urgency  # noqa: E402
from app.models.operations import Actor, intake_events  # noqa: E402
from app.models.records import Appellant, Intake  # noqa: E402
from app.models.serial import event_to_dict  # noqa: E402
from app.resources import load_policy  # noqa: E402
from app.store.sync.state import SyncState  # noqa: E402
from app.store.workspace import Workspace  # noqa: E402
from app.sync import account  # noqa: E402
from app.sync.cycle import CycleSummary, pull_feed, push_outbox  # noqa: E402
from tests.support.keyrings import FileKeyring  # noqa: E402
from tests.support.server import ServerProcess, seed_users, server_database  # noqa: E402
from tests.support.users import PASSWORD  # noqa: E402

# An hour ago: the store bounds client times by its own clock (server/times.py).
NOW = datetime.now(CHINA).replace(microsecond=0) - timedelta(hours=1)


def make_intake(n: int) -> Intake:
    return Intake(
        appellant=Appellant(phone=f"138{n % 100000000:08d}", name=f"市民{n}"),
        appeal_type=AppealType.ENQUIRY,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A0301",
        town="shiqi",
        address=f"孙文中路{n}号",
        title=f"咨询停水安排{n}",
        content="请问明天小区是否停水，停到几点，哪里可以看到通知。" * 3,
        received_at=NOW - timedelta(minutes=n % 600),
    )


@functools.cache
def _policy() -> Any:
    return load_policy()


def deadline_of(intake: Intake) -> Deadline:
    """The reply deadline a workstation gives the intake (the server checks it)."""
    policy = _policy()
    return reply_deadline(
        intake.received_at, intake.appeal_type, intake.urgency, policy.limits, policy.calendar
    )


def queue_events(ws: Workspace, count: int, user: str) -> None:
    """`count` intakes recorded locally (events + projection + outbox), fast."""
    actor = Actor(user=user, role=Role.OPERATOR, device_id=ws.device_id)
    with ws.database.transaction():
        for n in range(count):
            intake = make_intake(n)
            events = intake_events(
                intake,
                actor=actor,
                number=f"ZS261127-B{n:06d}",
                deadline=deadline_of(intake),
                now=NOW,
            )
            ws.events.append_local(events)


def seed_server(db_url: str, count: int) -> None:
    """Put `count` more events on the server in-process (setup, not timed)."""
    from server.auth import User
    from server.feed import Feed
    from server.schema import Database

    policy = load_policy()
    db = Database(db_url)
    feed = Feed(db, policy.unit_info)
    user = User(1, "op1", Role.OPERATOR, "")
    actor = Actor(user="op1", role=Role.OPERATOR, device_id="seed")
    batch: list[dict[str, Any]] = []
    for n in range(count):
        intake = make_intake(n)
        (event,) = intake_events(
            intake, actor=actor, number=f"ZS261127-S{n:06d}", deadline=deadline_of(intake), now=NOW
        )
        batch.append(event_to_dict(event))
        if len(batch) == 2000:
            feed.push(user, batch)
            batch = []
    if batch:
        feed.push(user, batch)
    db.dispose()


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) process `pid` has used so far (Linux; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed_push(
    server: ServerProcess, path: Path, count: int, user: str, batch: int
) -> dict[str, float]:
    """Queue `count` intakes in a new workspace, then time pushing them `batch` a request:
    wall seconds, and CPU seconds of the server process and of this one meanwhile."""
    assert server.proc is not None
    ws = Workspace(path, _policy(), clock=lambda: NOW)
    queue_events(ws, count, user)
    account.login(ws.database, server.url, user, PASSWORD)
    _session, store = account.open_store(ws.database)
    summary = CycleSummary()
    server_cpu, client_cpu = _cpu_s(server.proc.pid), time.process_time()
    t0 = time.perf_counter()
    push_outbox(SyncState(ws.database), store, ws.device_id, summary, batch)
    wall = time.perf_counter() - t0
    server_cpu = _cpu_s(server.proc.pid) - server_cpu
    client_cpu = time.process_time() - client_cpu
    assert summary.accepted == count, summary
    store.close()
    ws.close()
    return {"wall_s": wall, "server_cpu_s": server_cpu, "client_cpu_s": client_cpu}


def _push_rounds(
    server: ServerProcess, tmp: Path, kind: str, n_push: int, sample: int, rounds: int
) -> dict[str, Any]:
    """`rounds` times: push n_push queued events in batches of 500, then a sample one
    request per event (op1 and op2, new events each round). The figures are the best
    round of each; every round is kept with the load average after it."""
    runs = []
    for n in range(rounds):
        batched = _timed_push(server, tmp / f"{kind}-push-{n}", n_push, "op1", 500)
        single = _timed_push(server, tmp / f"{kind}-single-{n}", sample, "op2", 1)
        per_event_ms = single["wall_s"] / sample * 1000
        runs.append(
            {
                "batched_s": round(batched["wall_s"], 2),
                "batched_server_cpu_s": round(batched["server_cpu_s"], 2),
                "batched_client_cpu_s": round(batched["client_cpu_s"], 2),
                "one_per_event_ms": round(per_event_ms, 2),
                "one_per_event_server_cpu_ms": round(single["server_cpu_s"] / sample * 1000, 2),
                "one_per_event_client_cpu_ms": round(single["client_cpu_s"] / sample * 1000, 2),
                "speedup": round(per_event_ms * n_push / 1000 / batched["wall_s"], 1),
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
            }
        )
    push_s = min(r["batched_s"] for r in runs)
    single_sample_s = min(r["one_per_event_ms"] for r in runs) * sample / 1000
    out: dict[str, Any] = {}
    _push_figures(out, n_push, push_s, sample, single_sample_s, single_sample_s * n_push / sample)
    speedups = sorted(r["speedup"] for r in runs)
    out["speedup_median_of_rounds"] = speedups[len(speedups) // 2]
    out["push_rounds"] = runs
    return out


def run_backend(
    kind: str,
    tmp: Path,
    n_push: int,
    n_pull: int,
    sample: int,
    push_only: bool = False,
    rounds: int = 1,
) -> dict[str, Any]:
    policy = load_policy()
    out: dict[str, Any] = {"backend": kind}
    with server_database(kind, tmp) as db_url:
        seed_users(
            db_url, {"op1": ("operator", ""), "op2": ("operator", ""), "op3": ("operator", "")}
        )
        server = ServerProcess(db_url, tmp / f"server-{kind}.log")
        server.start()
        try:
            # 1. push n_push queued events in batches of 500; 2. one request per event
            out.update(_push_rounds(server, tmp, kind, n_push, sample, rounds))
            if push_only:
                return out
            # 3. pull n_pull events into an empty cache (the rounds pushed some already)
            seed_server(db_url, max(0, n_pull - rounds * (n_push + sample)))
            ws = Workspace(tmp / f"{kind}-pull", policy, clock=lambda: NOW)
            account.login(ws.database, server.url, "op3", PASSWORD)
            _session, store = account.open_store(ws.database)
            summary = CycleSummary()
            assert server.proc is not None
            load_before = list(os.getloadavg())
            server_cpu, client_cpu = _cpu_s(server.proc.pid), time.process_time()
            t0 = time.perf_counter()
            pull_feed(SyncState(ws.database), store, summary, 1000)
            pull_s = time.perf_counter() - t0
            server_cpu = _cpu_s(server.proc.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
            load_after = list(os.getloadavg())
            store.close()
            orders = ws.orders.count(
                __import__("app.store.orders.query", fromlist=["OrderFilter"]).OrderFilter()
            )
            ws.close()
        finally:
            server.stop()
    out.update(
        pull_events=summary.pulled,
        pull_s=round(pull_s, 2),
        pull_events_per_s=round(summary.pulled / pull_s),
        pulled_orders=orders,
        pull_server_cpu_s=round(server_cpu, 2),
        pull_client_cpu_s=round(client_cpu, 2),
        pull_load_average_before=load_before,
        pull_load_average_after=load_after,
    )
    out["budgets_met"]["pull_100k_le_30s"] = pull_s <= 30
    return out


def _push_figures(
    out: dict[str, Any],
    n_push: int,
    push_s: float,
    sample: int,
    single_sample_s: float,
    single_s: float,
) -> dict[str, Any]:
    out.update(
        push_events=n_push,
        push_batched_s=round(push_s, 2),
        push_events_per_s=round(n_push / push_s),
        one_per_event_sample=sample,
        one_per_event_sample_s=round(single_sample_s, 2),
        one_per_event_ms=round(single_sample_s / sample * 1000, 2),
        one_per_event_extrapolated_s=round(single_s, 1),
        speedup=round(single_s / push_s, 1),
        budgets_met={
            "push_10k_le_15s": push_s <= 15,
            "push_ge_50x_one_per_event": single_s / push_s >= 50,
        },
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default=os.environ.get("HOTLINE_TEST_PG_URL", ""))
    parser.add_argument("--push", type=int, default=10_000)
    parser.add_argument("--pull", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="push rounds (batched, then one per event); the best of each is reported",
    )
    parser.add_argument(
        "--push-only",
        action="store_true",
        help="only the push figures (default --out bench/results/sync_push.json)",
    )
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    name = "sync_push.json" if args.push_only else "sync.json"
    out_path = Path(args.out) if args.out else ROOT / "bench" / "results" / name
    start_load = list(os.getloadavg())
    tmp = Path(tempfile.mkdtemp(prefix="hotline-bench-"))
    os.environ["HOTLINE_TEST_KEYRING_FILE"] = str(tmp / "keyring.json")
    import keyring

    keyring.set_keyring(FileKeyring())  # outside every workspace; a benchmark, not a user
    backends = ["sqlite"] + (["postgres"] if args.pg else [])
    if args.pg:
        os.environ["HOTLINE_TEST_PG_URL"] = args.pg
    results = []
    for kind in backends:
        r = run_backend(kind, tmp, args.push, args.pull, args.sample, args.push_only, args.rounds)
        r["load_average_after"] = list(os.getloadavg())
        results.append(r)
        pull = (
            ""
            if args.push_only
            else f"; pull {r['pull_events']}: {r['pull_s']} s ({r['pull_events_per_s']}/s)"
        )
        print(
            f"[{kind}] push {r['push_events']} batched: {r['push_batched_s']} s "
            f"({r['push_events_per_s']}/s); one request per event: "
            f"{r['one_per_event_ms']} ms each, {r['one_per_event_extrapolated_s']} s "
            f"extrapolated from {r['one_per_event_sample']} ({r['one_per_event_sample_s']} s) "
            f"→ {r['speedup']}× (best of {args.rounds}; median round "
            f"{r['speedup_median_of_rounds']}×){pull}; budgets {r['budgets_met']}; "
            f"load {[round(x, 2) for x in r['load_average_after']]}"
        )
    report: dict[str, Any] = {
        "when": datetime.now(CHINA).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_start": start_load,
        },
        "note": "one-per-event time is measured on a sample and extrapolated linearly",
        "run": str(uuid.uuid4()),
        "results": results,
    }
    report["load_average_at_end"] = list(os.getloadavg())
    shutil.rmtree(tmp, ignore_errors=True)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0 if all(all(r["budgets_met"].values()) for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
