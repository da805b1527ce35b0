"""Knowledge-base search benchmark: 100,000 synthetic articles, the queries an operator types.

    python -m bench.kb_search                    # 100,000 articles
    python -m bench.kb_search --articles 20000   # smaller, for a quick look
    python -m bench.kb_search --rebuild          # build the database again

The built database is cached in the temp folder (hotline-kb-bench/), keyed by the article
count, the index scheme, pypinyin's version, the demo articles and this generator: a run
with a cached database only measures (under a minute); building 100,000 articles takes
about two minutes more. The build figures of a cached database are the ones measured
when it was built (`"cached": true` in the results).

Budget (docs/architecture.md#budgets-the-benchmarks-hold, 2-core machine): 2- and
4-character Chinese queries and pinyin initials p95 ≤ 20 ms at 100,000 articles, and ≤ 3×
the bare FTS5 query search runs.

The articles are made deterministically (fixed seed) from the demo knowledge base's own
vocabulary: each synthetic article takes a demo article as its base, puts a town in its
title, samples and mixes its callers' questions with one from another article of the same
category, appends a sentence of another article's answer to its answer, and varies its
keywords; about 3 % are expired. So words are as frequent in the synthetic base as in
the demo one, scaled up (a word of 5 demo articles is in about 2,000 synthetic ones).
They are stored through `KnowledgeBase.import_articles`, the same code as `kb import`.

Each query runs `KnowledgeBase.search(q, limit=10)` (planning, every stage it needs,
hits with highlights) and, in the same run, the bare FTS5 statements that search
executed for it (kb_search.STATEMENTS, `SELECT rowid, rank FROM kb_fts WHERE kb_fts
MATCH ? ORDER BY +rank, rowid LIMIT 10`, or the same on kb_py, with the tables and
expressions of `Searcher.last_run`): the ratio of the two p95s is search's overhead. A
third column is the naive single MATCH of textindex.match_query (all bigrams required)
ordered by FTS5's `rank` as such, what a plain bigram search would run, for reference.
Every query runs once untimed first; the search keeps the document frequencies it looked
up until articles change, so the timed runs are those of an operator typing; `first_run`
is that first call, with the cache of frequencies emptied before it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.models.kb import Article, parse_jsonl  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.store.kb.articles import KnowledgeBase, demo_articles_path, index_version  # noqa: E402
from app.store.kb.search import STATEMENTS  # noqa: E402
from app.store.textindex import match_query  # noqa: E402
from bench.common import print_table, summary_ms, verdict, write_results  # noqa: E402

SYNTHETIC_VERSION = 2  # bump when synthetic_articles makes different articles
BUDGET_P95_MS = 20.0
BUDGET_RATIO = 3.0
LIMIT = 10

QUERIES = {
    "2-char": [
        "噪音",
        "停水",
        "社保",
        "医保",
        "停电",
        "物业",
        "工资",
        "户口",
        "押金",
        "油烟",
        "电梯",
        "违建",
        "公交",
        "发票",
        "护照",
        "低保",
        "装修",
        "燃气",
        "退休",
        "欠薪",
    ],
    "4-char": [
        "交通违法",
        "拖欠工资",
        "营业执照",
        "垃圾分类",
        "租房押金",
        "异地就医",
        "施工噪声",
        "电梯故障",
        "提取公积金",
        "居住证签注",
        "养老保险",
        "消防通道",
        "流浪犬",
        "油烟扰民",
        "劳动仲裁",
        "新生儿入户",
        "停车收费",
        "预付卡",
        "网约车",
        "路灯不亮",
    ],
    "pinyin-initials": [
        "sb",
        "yb",
        "gjj",
        "jtwf",
        "tdbx",
        "lldq",
        "zzz",
        "hk",
        "jzz",
        "ldzc",
        "wyf",
        "tcsf",
        "sfz",
        "dt",
        "ljfl",
        "yyjb",
        "gs",
        "ts",
        "qx",
        "dzfp",
    ],
    "long-sentence": [
        "我们小区最近晚上十二点了工地还在打桩吵得根本睡不着你们管不管",
        "我在一家工厂做了半年老板已经三个月没发工资了现在人都找不到",
        "家里突然停电了整栋楼都黑了请问什么时候能来电",
        "楼下饭店的油烟直接排到我家窗口熏得衣服都是味道",
        "我想问一下公积金租房提取需要准备什么材料一年可以提几次",
        "刚出生的小孩要怎么上户口需要带哪些证件去派出所",
        "小区门口有几条野狗经常追着小孩咬已经好几次了",
        "下大雨马路上水浸到膝盖车都开不过去有没有人来排水",
        "我在网上买的衣服质量有问题商家不肯退货怎么投诉",
        "出租车司机绕路还不打表多收了我几十块钱",
        "社保断缴了两个月对以后退休领养老金有没有影响能不能补缴",
        "物业天天说要收装修押金装完了也不退给我们",
        "电动车在楼道里充电很危险物业也不管万一着火怎么办",
        "我的身份证丢了要去哪里补办需要多长时间",
        "住院花了好几万医保能报销多少比例要什么手续",
        "隔壁商铺每天用大喇叭放音乐招揽客人吵死了",
        "异地就医备案怎么办理在外地住院回来还能不能报销",
        "孩子明年读小学积分入学要怎么申请积分怎么算",
        "超市卖过期的面包给我吃完拉肚子了要怎么投诉",
        "房东突然说要涨房租不然就要我们月底搬走合理吗",
    ],
}

TOWNS = [
    "石岐",
    "东区",
    "西区",
    "南区",
    "五桂山",
    "火炬开发区",
    "小榄",
    "古镇",
    "横栏",
    "东升",
    "港口",
    "沙溪",
    "大涌",
    "三乡",
    "坦洲",
    "板芙",
    "神湾",
    "南头",
    "黄圃",
    "东凤",
    "阜沙",
    "南朗",
    "三角",
    "民众",
    "翠亨新区",
]

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")


def synthetic_articles(base: list[Article], count: int, seed: int = 12345) -> list[Article]:
    rng = random.Random(seed)
    by_category: dict[str, list[Article]] = {}
    for a in base:
        by_category.setdefault(a.category, []).append(a)
    sentences = [s for a in base for s in _SENTENCE.findall(a.answer) if len(s) > 8]
    keywords = sorted({k for a in base for k in a.keywords})
    out: list[Article] = []
    for i in range(count):
        b = base[i % len(base)]
        town = rng.choice(TOWNS)
        peers = by_category.get(b.category) or base
        other = rng.choice(peers)
        questions = rng.sample(list(b.questions), k=min(len(b.questions), rng.randint(2, 4)))
        questions.append(rng.choice(other.questions) if other.questions else "")
        answer = b.answer + rng.choice(sentences)
        kws = [*rng.sample(list(b.keywords), k=max(1, len(b.keywords) - 1)), rng.choice(keywords)]
        expired = rng.random() < 0.03
        out.append(
            Article(
                id=f"syn-{i:06d}",
                title=f"{town}{b.title}" if rng.random() < 0.7 else b.title,
                questions=tuple(q for q in questions if q),
                answer=answer,
                category=b.category,
                unit=b.unit,
                keywords=tuple(dict.fromkeys(kws)),
                legal_basis=b.legal_basis,
                effective=date(2024, 1, 1),
                expires=date(2023, 12, 31) if expired else None,
                updated_at="2026-01-01T00:00:00+08:00",
            )
        )
    return out


def measure(kb: KnowledgeBase, database: Database, repeat: int) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    conn = database.conn
    for kind, queries in QUERIES.items():
        search_s: list[float] = []
        bare_s: list[float] = []
        naive_s: list[float] = []
        first_s: list[float] = []
        stages: list[int] = []
        empty = 0
        for q in queries:
            kb.searcher.forget_doc_freq()
            t0 = time.perf_counter()
            kb.search(q, LIMIT)  # warms the page cache, the pinyin tables, the frequencies
            first_s.append(time.perf_counter() - t0)
            for _ in range(repeat):
                t0 = time.perf_counter()
                hits = kb.search(q, LIMIT)
                search_s.append(time.perf_counter() - t0)
            run = list(kb.searcher.last_run)
            stages.append(len(run))
            empty += not hits
            for _ in range(repeat):
                t0 = time.perf_counter()
                for table, expr in run:
                    conn.execute(STATEMENTS[table], (expr, LIMIT)).fetchall()
                bare_s.append(time.perf_counter() - t0)
            naive = match_query(q)
            if naive:
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    conn.execute(
                        "SELECT rowid, rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY rank LIMIT ?",
                        (naive, LIMIT),
                    ).fetchall()
                    naive_s.append(time.perf_counter() - t0)
        s, b, n = summary_ms(search_s), summary_ms(bare_s), summary_ms(naive_s)
        results[kind] = {
            "queries": len(queries),
            "search": s,
            "bare_fts5": b,
            "naive_match": n,
            "first_run": summary_ms(first_s),
            "ratio_p95": round(s["p95_ms"] / b["p95_ms"], 2) if b["p95_ms"] else None,
            "ratio_p50": round(s["p50_ms"] / b["p50_ms"], 2) if b["p50_ms"] else None,
            "stages_run_mean": round(sum(stages) / len(stages), 2),
            "queries_without_hits": empty,
        }
    return results


def _cache_key(articles: int) -> str:
    digest = hashlib.sha256(demo_articles_path().read_bytes())
    digest.update(f"{SYNTHETIC_VERSION}/{index_version()}/{articles}".encode())
    return f"kb-{articles}-{digest.hexdigest()[:16]}"


def build(path: Path, base: list[Article], count: int) -> dict[str, object]:
    """Generate, import and optimize `count` synthetic articles into a new database."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    articles = synthetic_articles(base, count)
    generate_s = time.perf_counter() - t0
    database = Database(path)
    kb = KnowledgeBase(database)
    t0 = time.perf_counter()
    report = kb.import_articles(articles)
    build_s = time.perf_counter() - t0
    database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    t0 = time.perf_counter()
    database.conn.execute("INSERT INTO kb_fts (kb_fts) VALUES ('optimize')")
    database.conn.execute("INSERT INTO kb_py (kb_py) VALUES ('optimize')")
    optimize_s = time.perf_counter() - t0
    database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    facts: dict[str, object] = {
        "articles": report.created,
        "generate_seconds": round(generate_s, 2),
        "build_seconds": round(build_s, 2),
        "articles_per_second": round(report.created / build_s),
        "optimize_seconds": round(optimize_s, 2),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_average_while_building": _load(),
    }
    database.set_meta("bench_build", json.dumps(facts))
    database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return facts


def _load() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except (OSError, ValueError):
        return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per query")
    parser.add_argument(
        "--cache",
        default=str(Path(tempfile.gettempdir()) / "hotline-kb-bench"),
        help="folder of built databases, reused while their key matches",
    )
    parser.add_argument("--rebuild", action="store_true", help="build even when cached")
    args = parser.parse_args(argv)

    with demo_articles_path().open(encoding="utf-8") as handle:
        base = [a for _, a in parse_jsonl(handle).articles]
    folder = Path(args.cache)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_cache_key(args.articles)}.sqlite3"
    facts: dict[str, object] | None = None
    if path.exists() and not args.rebuild:
        cached = Database(path)
        stored = cached.meta("bench_build")
        cached.close()
        facts = json.loads(stored) if stored else None
    cached_db = facts is not None
    if facts is None:
        facts = build(path, base, args.articles)
    database = Database(path)
    kb = KnowledgeBase(database)
    size = path.stat().st_size
    pages = (
        {
            name: int(database.scalar(f"SELECT SUM(pgsize) FROM dbstat WHERE name LIKE '{name}%'"))
            for name in ("kb_fts", "kb_py", "kb_articles", "kb_current")
        }
        if _has_dbstat(database)
        else {}
    )
    print(
        f"{facts['articles']:,} articles from {len(base)} demo articles"
        + (f" (cached in {path})" if cached_db else "")
        + f"; imported and indexed in {facts['build_seconds']} s "
        f"({facts['articles_per_second']:,}/s), optimize {facts['optimize_seconds']} s; "
        f"database {size / 2**20:.1f} MiB"
        + (
            f" (index kb_fts* {pages['kb_fts'] / 2**20:.1f} MiB, kb_py* "
            f"{pages['kb_py'] / 2**20:.1f} MiB)"
            if pages
            else ""
        )
    )
    load_before = _load()
    results = measure(kb, database, args.repeat)
    load_after = _load()
    print(f"load average before / after measuring: {load_before} / {load_after}")
    rows = []
    ok = True
    for kind, r in results.items():
        s, b, n = r["search"], r["bare_fts5"], r["naive_match"]
        assert isinstance(s, dict) and isinstance(b, dict) and isinstance(n, dict)
        ratio_p95 = r["ratio_p95"]
        ratio = float(ratio_p95) if isinstance(ratio_p95, int | float) else None
        budgeted = kind != "long-sentence"
        good = s["p95_ms"] <= BUDGET_P95_MS and (ratio or 0) <= BUDGET_RATIO
        ok = ok and (good or not budgeted)
        rows.append(
            (
                kind,
                f"{s['p50_ms']:.2f}",
                f"{s['p95_ms']:.2f}",
                f"{b['p50_ms']:.2f}",
                f"{b['p95_ms']:.2f}",
                f"{ratio}",
                f"{n.get('p95_ms', float('nan')):.2f}",
                f"{r['stages_run_mean']}",
                (verdict(s["p95_ms"], BUDGET_P95_MS) + "/" + verdict(ratio or 0, BUDGET_RATIO))
                if budgeted
                else "(no budget)",
            )
        )
    print_table(
        rows,
        (
            "queries",
            "search p50",
            "search p95",
            "bare p50",
            "bare p95",
            "ratio p95",
            "naive p95",
            "stages",
            "budget",
        ),
    )
    out = write_results(
        "kb_search",
        {
            "articles": facts["articles"],
            "cached": cached_db,
            "build": facts,
            "build_seconds": facts["build_seconds"],
            "optimize_seconds": facts["optimize_seconds"],
            "database_bytes": size,
            "index_bytes": pages.get("kb_fts"),
            "py_index_bytes": pages.get("kb_py"),
            "index_scheme": index_version(),
            "load_average": {"before": load_before, "after": load_after},
            "limit": LIMIT,
            "repeat": args.repeat,
            "budget": {"p95_ms": BUDGET_P95_MS, "ratio": BUDGET_RATIO},
            "results": results,
            "queries": QUERIES,
            "within_budget": ok,
        },
    )
    print(f"written {out}")
    database.close()
    return 0 if ok else 1


def _has_dbstat(database: Database) -> bool:
    try:
        database.conn.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
    except Exception:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
