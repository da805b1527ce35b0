"""The labelled evaluation set: callers' phrasings and the article each should find.

tests/data/kb_eval.jsonl: {"query", "expected" (an id or a list of ids), "kind"}. The
figures are printed (pytest -s, or in the -ra summary on failure); top-3 must be ≥ 90 %.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from app.models.clock import CHINA
from app.store.db import Database
from app.store.kb.articles import KnowledgeBase, demo_articles_path

EVAL = Path(__file__).resolve().parents[1] / "data" / "kb_eval.jsonl"


def test_top3_hit_rate_is_at_least_90_percent(tmp_path: Path) -> None:
    kb = KnowledgeBase(
        Database(tmp_path / "eval.sqlite3"),
        clock=lambda: datetime(2026, 11, 27, 10, 30, tzinfo=CHINA),
    )
    assert kb.import_jsonl(demo_articles_path()).ok
    cases = [json.loads(line) for line in EVAL.read_text("utf-8").splitlines() if line.strip()]
    assert len(cases) >= 150
    top1 = top3 = 0
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    for case in cases:
        expected = case["expected"]
        wanted = set(expected if isinstance(expected, list) else [expected])
        ids = [h.id for h in kb.search(case["query"], limit=3, highlight=False)]
        first = bool(ids) and ids[0] in wanted
        any3 = bool(wanted & set(ids))
        top1 += first
        top3 += any3
        k = kinds[case.get("kind", "")]
        k[0] += 1
        k[1] += first
        k[2] += any3
        if not any3:
            misses.append(f"  {case['query']!r}: wanted {sorted(wanted)}, got {ids}")
    n = len(cases)
    print(f"\nknowledge-base evaluation: {n} queries, top-1 {top1 / n:.3f}, top-3 {top3 / n:.3f}")
    for kind, (count, one, three) in sorted(kinds.items()):
        print(f"  {kind:<16} {count:>4}  top-1 {one / count:.2f}  top-3 {three / count:.2f}")
    print("misses (top-3):\n" + "\n".join(misses))
    kb.database.close()
    assert top3 / n >= 0.90, f"top-3 {top3 / n:.3f} < 0.90"
