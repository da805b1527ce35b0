"""A publication revising 1,000 articles reaches a workstation holding 100,000 in one sync:
the wall time until the revised answers are searchable, and the longest stall of the GUI
thread meanwhile.

    python -m bench.kb_publication [--articles 100000] [--revised 1000]

The workstation is the 100,000-article knowledge base `bench/kb_search.py` builds (cached
in the temp folder; built when missing), copied into a fresh workspace that signs in to a
real server process (SQLite) holding the revised articles (imported there as
`hotline-server import-kb` does, not timed). The sync runs on its own thread, as the app's
sync worker does; a reader on its own connection searches for a word only the revised
answers hold every 20 ms until the first revised article is found; the GUI thread (a
QApplication offscreen, its event loop turning a 5 ms timer) records every gap between
two ticks, and for comparison the same loop for 3 s before the sync with nothing else
running in the process (what the machine's other load alone costs). Results:
bench/results/kb_publication.json, every round with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.models.kb import article_to_dict, parse_jsonl  # noqa: E402
from app.paths import WORKSPACE_DB  # noqa: E402
from app.resources import load_policy  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.store.kb.articles import KnowledgeBase, demo_articles_path  # noqa: E402
from app.store.sync.state import SyncState  # noqa: E402
from app.store.workspace import Workspace  # noqa: E402
from app.sync import account  # noqa: E402
from app.sync.cycle import run_cycle  # noqa: E402
from bench.common import machine, percentile, write_results  # noqa: E402
from bench.kb_search import _cache_key, build  # noqa: E402
from tests.support.keyrings import FileKeyring  # noqa: E402
from tests.support.server import ServerProcess, seed_users, server_database  # noqa: E402
from tests.support.users import PASSWORD  # noqa: E402

MARK = "改为线上预约办理"  # only the revised answers hold it
TICK_MS = 5


def _cached(articles: int, folder: Path) -> Path:
    with demo_articles_path().open(encoding="utf-8") as handle:
        base = [a for _, a in parse_jsonl(handle).articles]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_cache_key(articles)}.sqlite3"
    if not path.exists():
        build(path, base, articles)
    return path


def _revisions(path: Path, count: int) -> list[str]:
    """JSON Lines of `count` articles spread over the base, each answer revised."""
    database = Database(path)
    try:
        kb = KnowledgeBase(database, seed_synonyms=False)
        total = int(database.scalar("SELECT COUNT(*) FROM kb_current") or 0)
        step = max(1, total // (count * 2))
        ids = [str(r[0]) for r in database.query("SELECT id FROM kb_current ORDER BY rowid")]
        lines: list[str] = []
        for article_id in ids[::step]:
            article = kb.get(article_id)
            assert article is not None
            if article.effective and article.expires and article.expires < article.effective:
                continue  # the synthetic generator's odd dates: not an article a store sends
            data = article_to_dict(article.with_changes(answer=article.answer + MARK))
            for key in ("version", "updated_at"):
                data.pop(key)
            kept = {k: v for k, v in data.items() if v is not None}
            lines.append(json.dumps(kept, ensure_ascii=False))
            if len(lines) == count:
                break
        return lines
    finally:
        database.close()


def _gui_gaps(done: threading.Event) -> list[float]:
    """Run a Qt event loop on this (the main) thread until `done`; every gap between two
    ticks of a 5 ms timer, in ms."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now
        if done.is_set():
            QCoreApplication.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    timer.start()
    app.exec()
    timer.stop()
    return gaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--revised", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "hotline-kb-bench"))
    args = parser.parse_args(argv)
    cached = _cached(args.articles, Path(args.cache))
    tmp = Path(tempfile.mkdtemp(prefix="kb-publication-"))
    tmp.mkdir(exist_ok=True)
    os.environ["HOTLINE_TEST_KEYRING_FILE"] = str(tmp / "keyring.json")
    import keyring

    keyring.set_keyring(FileKeyring())  # a benchmark's token, outside every workspace
    lines: list[str] = []
    rounds = []
    for n in range(args.rounds):  # each round on a fresh copy and a fresh store
        home = tmp / f"ws{n}"
        home.mkdir()
        shutil.copyfile(cached, home / WORKSPACE_DB)
        lines = lines or _revisions(home / WORKSPACE_DB, args.revised)
        (tmp / f"store{n}").mkdir()
        with server_database("sqlite", tmp / f"store{n}") as url:
            seed_users(url, {"op1": ("operator", "")})
            from server.kb import import_lines
            from server.schema import Database as StoreDatabase

            store = StoreDatabase(url)
            report = import_lines(store, lines, by="bench")
            store.dispose()
            assert report.added == len(lines), report
            server = ServerProcess(url, tmp / f"server{n}.log")
            server.start()
            try:
                rounds.append({**_measure(home, server.url), "load_average": _load()})
            finally:
                server.stop()
        shutil.rmtree(home, ignore_errors=True)
        print(json.dumps(rounds[-1]))
    result: dict[str, object] = {
        "articles": args.articles,
        "revised": len(lines),
        "rounds": rounds,
        "median_seconds_to_searchable": statistics.median(
            float(r["seconds_to_searchable"]) for r in rounds
        ),
        "median_sync_seconds": statistics.median(float(r["sync_seconds"]) for r in rounds),
        "longest_gui_stall_ms": max(float(r["gui_longest_stall_ms"]) for r in rounds),
        "longest_gui_stall_idle_ms": max(float(r["gui_longest_stall_idle_ms"]) for r in rounds),
        "budget_gui_stall_ms": 50,
        "machine": machine(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    write_results("kb_publication", result)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _measure(home: Path, url: str) -> dict[str, object]:
    ws = Workspace(home, load_policy())
    account.login(ws.database, url, "op1", PASSWORD)
    held = int(ws.database.scalar("SELECT COUNT(*) FROM kb_current") or 0)
    ws.knowledge().search("社保", limit=5)  # warm, as a running desk is
    ws.close()
    # the same event loop with nothing else running in this process, for as long: what
    # the machine's other load alone does to the ticks
    idle_done = threading.Event()
    threading.Timer(3.0, idle_done.set).start()
    idle = _gui_gaps(idle_done)
    done = threading.Event()
    times: dict[str, float] = {}

    def sync() -> None:
        worker = Workspace(home, load_policy())
        try:
            _session, client = account.open_store(worker.database)
            start = time.perf_counter()
            times["start"] = start
            summary = run_cycle(SyncState(worker.database), client, worker.device_id)
            times["sync"] = time.perf_counter() - start
            times["pulled_articles"] = summary.articles
            client.close()
        finally:
            worker.close()

    def search() -> None:
        reader = KnowledgeBase(Database(home / WORKSPACE_DB), seed_synonyms=False)
        try:
            while "start" not in times:
                time.sleep(0.005)
            while True:
                hits = reader.search(MARK, limit=3)
                if hits and any(h.version > 1 for h in hits):
                    times["searchable"] = time.perf_counter() - times["start"]
                    return
                time.sleep(0.02)
        finally:
            reader.database.close()
            done.set()

    threads = [threading.Thread(target=sync), threading.Thread(target=search)]
    for t in threads:
        t.start()
    gaps = _gui_gaps(done)
    for t in threads:
        t.join()
    return {
        "articles_held": held,
        "sync_seconds": round(times["sync"], 2),
        "pulled_articles": times["pulled_articles"],
        "seconds_to_searchable": round(times["searchable"], 2),
        "gui_longest_stall_ms": round(max(gaps), 1),
        "gui_p99_gap_ms": round(percentile(gaps, 99), 1),
        "gui_ticks": len(gaps),
        "gui_longest_stall_idle_ms": round(max(idle), 1),
        "gui_p99_gap_idle_ms": round(percentile(idle, 99), 1),
    }


def _load() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


if __name__ == "__main__":
    raise SystemExit(main())
