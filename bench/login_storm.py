"""The login storm: 300 sign-ins within 20 seconds while 50 workstations push and pull.

A locust scenario (locust as a library: `python bench/login_storm.py`; needs the `bench`
extra, `pip install -e ".[bench]"`). It starts a real central store on 127.0.0.1 over a
fresh database of its own (SQLite by default, `--db postgresql://…` for PostgreSQL), with
the store's own sign-in settings, and stops by itself:

1. 50 workstations (`Workstation`) sign in and sync in a loop — push a few new intakes,
   pull what is new — for a warm-up (`--warmup`, 15 s): push and pull before the storm.
2. 300 more users (`SignIn`) start at 15 a second, each signing in once: the storm.
3. When every sign-in has been answered, a cool-down of 5 s, then everything stops.

Written to bench/results/login_storm.json and printed: the store's peak memory (VmHWM
of its process, and its RSS before the storm), the p50/p95/max of sign-in, push and pull
during the storm and of push and pull during the warm-up, and every status code seen.
City-scale work extends it with more User classes or a longer LoadTestShape.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STORM_USERS = 300
STORM_SECONDS = 20
WORKSTATIONS = 50
INTAKES_PER_PUSH = 5
PASSWORD = "storm lantern 橘子 bicycle"


def seed(db_url: str) -> None:
    """The users, hashed with the store's own parameters (run in a child process, before
    gevent patches anything)."""
    from concurrent.futures import ThreadPoolExecutor

    from app.models.enums import Role
    from server.auth import Accounts
    from server.schema import Database

    db = Database(db_url)
    db.create()
    accounts = Accounts(db)
    names = [f"agent{n:03d}" for n in range(STORM_USERS)]
    names += [f"desk{n:02d}" for n in range(WORKSTATIONS)]
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        list(pool.map(lambda n: accounts.add_user(n, PASSWORD, Role.OPERATOR), names))
    db.dispose()


class Memory:
    """Samples the store's resident memory every 50 ms; VmHWM is the kernel's own peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def status(self) -> dict[str, float]:
        found: dict[str, float] = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
        return found

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the store has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            try:
                self.samples.append((time.time(), self.status()["VmRSS"]))
            except (OSError, KeyError):
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds of sync first")
    parser.add_argument("--seed-only", help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    parser.add_argument("--login-slots", type=int, help="serve --login-slots (default: its own)")
    args = parser.parse_args()
    if args.seed_only:
        seed(args.seed_only)
        return 0
    with tempfile.TemporaryDirectory(prefix="login-storm-") as tmp:
        db_url = args.db or str(Path(tmp) / "central.sqlite3")
        started = time.time()
        subprocess.run([sys.executable, __file__, "--seed-only", db_url], check=True)
        print(f"seeded {STORM_USERS + WORKSTATIONS} users in {time.time() - started:.1f} s")
        return run(db_url, Path(tmp), args)


def run(db_url: str, tmp: Path, args: argparse.Namespace) -> int:
    from bench import login_storm_locust as scenario  # gevent patches the process here
    from tests.support.server import ServerProcess

    load_before = [round(x, 2) for x in os.getloadavg()]
    serve = ["--login-slots", str(args.login_slots)] if args.login_slots else []
    server = ServerProcess(db_url, tmp / "server.log", args=serve)
    server.start()
    assert server.proc is not None
    memory = Memory(server.proc.pid)
    try:
        figures = scenario.run(server.url, args.warmup, memory)
        figures["load_average_before"] = load_before
    finally:
        memory.stop()
        server.stop()
    figures["serve_options"] = serve
    figures["database"] = "postgresql" if db_url.startswith("postgres") else "sqlite"
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    _report(figures, write=not args.no_write)
    return 0 if figures["storm"]["sign_in"]["ok"] == STORM_USERS else 1


def _report(figures: dict[str, Any], write: bool) -> None:
    from bench.common import print_table, write_results

    rows = []
    for phase in ("warmup", "storm"):
        for name, f in figures[phase].items():
            rows.append(
                [
                    phase,
                    name,
                    str(f["n"]),
                    str(f["ok"]),
                    f"{f['p50_ms']:.0f}",
                    f"{f['p95_ms']:.0f}",
                    f"{f['max_ms']:.0f}",
                    " ".join(f"{k}×{v}" for k, v in sorted(f["status"].items())),
                ]
            )
    print_table(rows, ["phase", "request", "n", "ok", "p50 ms", "p95 ms", "max ms", "statuses"])
    m = figures["memory"]
    print(
        f"store memory: {m['rss_before_storm_mb']:.0f} MB before the storm, "
        f"peak {m['peak_rss_mb']:.0f} MB (VmHWM); storm took {figures['storm_seconds']:.1f} s "
        f"for {figures['storm']['sign_in']['n']} sign-ins, the store using "
        f"{figures['store_cpu_s_during_storm']:.1f} s of CPU meanwhile; load average "
        f"{figures['load_average_before']} before, {figures['load_average_after']} after"
    )
    if write:
        print(f"written to {write_results('login_storm', figures)}")


if __name__ == "__main__":
    raise SystemExit(main())
