"""The knowledge base's score floor (docs/knowledge-base.md#the-score-floor): below it a hit
is no good match. Measured on the labelled queries (tests/data/kb_eval.jsonl) and on
nonsense (tests/data/kb_nonsense.jsonl: off-topic questions, gibberish, random characters),
with the figures printed (pytest -s)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.models.clock import CHINA
from app.models.kb import (
    MAX_SEARCH_CHARS,
    MIN_FLOOR_ARTICLES,
    SCORE_FLOOR,
    good_matches,
    score_floor,
    search_text,
)
from app.store.db import Database
from app.store.kb.articles import KnowledgeBase, demo_articles_path

DATA = Path(__file__).resolve().parents[1] / "data"


def _lines(name: str) -> list[dict[str, object]]:
    text = (DATA / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    path = tmp_path_factory.mktemp("floor") / "kb.sqlite3"
    kb = KnowledgeBase(Database(path), clock=lambda: datetime(2026, 11, 27, 10, 30, tzinfo=CHINA))
    assert kb.import_jsonl(demo_articles_path()).ok
    yield kb
    kb.database.close()


def _paste(size: int) -> str:
    """A paste of common characters, as from a document that is not an appeal."""
    rng = random.Random(17)
    return "".join(
        rng.choice("的一是在不了有和人这中大为上个国我以要他时来用们生到作地") for _ in range(size)
    )


def test_the_floor_keeps_every_right_answer_of_the_labelled_queries(kb: KnowledgeBase) -> None:
    cases = _lines("kb_eval.jsonl")
    before = after = first_before = first_after = 0
    for case in cases:
        expected = case["expected"]
        wanted = set(expected if isinstance(expected, list) else [expected])  # type: ignore[arg-type]
        hits = kb.search(str(case["query"]), limit=3, highlight=False)
        shown = good_matches(hits)
        before += bool(wanted & {h.id for h in hits})
        after += bool(wanted & {h.id for h in shown})
        first_before += bool(hits) and hits[0].id in wanted
        first_after += bool(shown) and shown[0].id in wanted
    n = len(cases)
    print(
        f"\nlabelled {n}: top-3 {before / n:.3f} → {after / n:.3f}, "
        f"top-1 {first_before / n:.3f} → {first_after / n:.3f}"
    )
    assert (after, first_after) == (before, first_before)


def test_nonsense_mostly_says_there_is_no_good_match(kb: KnowledgeBase) -> None:
    queries = [str(c["query"]) for c in _lines("kb_nonsense.jsonl")]
    queries += [_paste(1_000_000), "asdf jkl; " * 100_000]
    listed = matched = 0
    for query in queries:
        hits = kb.search(query, limit=20, highlight=False)
        listed += bool(hits)
        matched += bool(good_matches(hits))
    n = len(queries)
    print(
        f"\nnonsense {n}: hits listed before {listed / n:.3f}, a good match now {matched / n:.3f}"
    )
    assert listed > matched
    assert matched / n <= 0.5  # measured 31 of 65 (see docs/knowledge-base.md)


@pytest.mark.parametrize(
    "query",
    [
        "xyz不存在的词",
        "xyz",
        "足球比赛比分",
        "😀😀😀",
        # every word found, but words half the articles use (stage 1 meets the floor too)
        "的",
        "热线",
        "办理",
        "申请",
        "如何",
        "中山",
        "&lt;",
        "ban li",
        # a held key: read once
        "的的的的的的的",
        # markup and SQL: every run of letters typed must read in the article, not one
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE kb_fts; --",
        # what is said before the question, and nothing else
        "我想问一下",
        "你好，请问一下",
        "您好！我想咨询一下。",
    ],
)
def test_named_nonsense_has_no_good_match(kb: KnowledgeBase, query: str) -> None:
    assert good_matches(kb.search(query, limit=20)) == []


def test_a_megabyte_paste_is_searched_by_its_beginning_and_matches_nothing(
    kb: KnowledgeBase,
) -> None:
    paste = _paste(1_000_000)
    hits = kb.search(paste, limit=20)
    assert good_matches(hits) == []
    assert hits == kb.search(paste[:MAX_SEARCH_CHARS], limit=20)


def test_a_character_held_down_is_read_once(kb: KnowledgeBase) -> None:
    assert search_text("水水水水水水") == "水" and search_text("妈妈星星") == "妈妈星星"
    assert kb.search("停水水水水水了", limit=5) == kb.search("停水了", limit=5)
    assert search_text("社" * 1_000_000) == "社"


def test_the_floor_rises_with_the_query_and_stops_at_the_search_cap() -> None:
    assert score_floor(4) == score_floor(40) == SCORE_FLOOR
    assert score_floor(100) > score_floor(41) > SCORE_FLOOR  # type: ignore[operator]
    assert score_floor(10**6) == score_floor(MAX_SEARCH_CHARS)


def test_the_floor_follows_the_size_of_the_knowledge_base(tmp_path: Path) -> None:
    """bm25 weighs rarity among the articles: more articles, higher scores, higher floor;
    a base too small for rarity to mean anything has none."""
    big, small = score_floor(10, 100_000), score_floor(10, MIN_FLOOR_ARTICLES)
    assert big is not None and small is not None and big > SCORE_FLOOR > small
    assert score_floor(10, MIN_FLOOR_ARTICLES - 1) is None
    kb = KnowledgeBase(Database(tmp_path / "two.sqlite3"))
    one = {
        "title": "犬只免疫登记在哪里办理",
        "questions": ["养狗要去哪里办证"],
        "category": "A0301",
    }
    two = {"title": "路灯不亮向谁报修", "questions": ["路口的路灯坏了"], "category": "A0301"}
    lines = [
        json.dumps(
            {**a, "id": f"kb-{n}", "answer": "按规定办理。", "unit": "cgj", "keywords": []},
            ensure_ascii=False,
        )
        for n, a in enumerate((one, two))
    ]
    (tmp_path / "two.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert kb.import_jsonl(tmp_path / "two.jsonl").ok
    hits = kb.search("养狗办证", limit=5)
    assert [h.id for h in good_matches(hits)][:1] == ["kb-0"]
    kb.database.close()


def test_real_short_questions_stay_matches(kb: KnowledgeBase) -> None:
    for query in ("停水", "sb", "私桩安装", "jtwz cx", "我想问一下停水", "你好，请问社保怎么交"):
        assert good_matches(kb.search(query, limit=5)), query
