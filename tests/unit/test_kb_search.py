"""Searching the knowledge base: Chinese words, pinyin, synonyms, expiry, any input."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.models.clock import CHINA
from app.models.kb import Article
from app.store.db import Database
from app.store.kb.articles import KnowledgeBase, demo_articles_path
from app.store.kb.query import plan_query

TODAY = datetime(2026, 11, 27, 10, 30, tzinfo=CHINA)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    path = tmp_path_factory.mktemp("kb") / "demo.sqlite3"
    kb = KnowledgeBase(Database(path), clock=lambda: TODAY)
    report = kb.import_jsonl(demo_articles_path())
    assert report.ok, report.errors[:3]
    yield kb
    kb.database.close()


def titles(kb: KnowledgeBase, query: str, n: int = 3) -> list[str]:
    return [h.title for h in kb.search(query, limit=n)]


@pytest.mark.parametrize(("query", "word"), [("噪音", "噪"), ("停水", "停水"), ("社保", "社")])
def test_two_character_words_are_found(demo: KnowledgeBase, query: str, word: str) -> None:
    found = titles(demo, query)
    assert len(found) == 3
    assert word in found[0] or any(
        query in " ".join(demo.get(h.id).questions)  # type: ignore[union-attr]
        for h in demo.search(query, 1)
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sb", "社保"),
        ("yb", "医保"),
        ("gjj", "公积金"),
        ("jtwz", "交通违法"),  # 交通违章 in the lexicon, spelled by its initials
        ("shebao", "社保"),
        ("sheb", "社保"),  # still typing
        ("gongjijin", "公积金"),
        ("社bao", "社保"),
        ("停shui", "停水"),
    ],
)
def test_pinyin_initials_full_and_mixed(demo: KnowledgeBase, query: str, expected: str) -> None:
    hits = demo.search(query, limit=3)
    assert hits, query
    assert expected in hits[0].title or expected in hits[0].matched, (query, titles(demo, query))


def test_homophone_typo_finds_the_word(demo: KnowledgeBase) -> None:
    hits = demo.search("社宝", limit=3)
    assert hits and "社保" in "".join(h.title for h in hits) + "".join(hits[0].matched)


def test_synonym_expansion(demo: KnowledgeBase) -> None:
    assert "流浪犬" in titles(demo, "野狗", 1)[0]
    assert "内涝" in titles(demo, "水浸", 1)[0]
    assert "工资" in titles(demo, "工钱拖了三个月", 1)[0]


def test_sentence_falls_back_to_any_word(demo: KnowledgeBase) -> None:
    hits = demo.search("楼下饭店的油烟直接排到我家窗口", limit=3)
    assert hits and hits[0].stage == 2
    assert "油烟" in hits[0].title


def test_character_fallback_when_no_word_matches(demo: KnowledgeBase) -> None:
    hits = demo.search("噪", limit=5)
    assert hits  # a single character still finds articles whose titles hold it
    plan = plan_query("镦噪", {}, lambda terms: {t: 1 for t in terms if t == "噪"}, 100)
    assert plan.stage(3) == '{chars} : ("噪")'


def test_hits_carry_highlights_unit_and_version(demo: KnowledgeBase) -> None:
    hit = demo.search("停水", limit=1)[0]
    assert hit.unit and hit.version == 1 and not hit.expired
    assert "停水" in hit.matched
    a, b = hit.title_spans[0]
    assert hit.title[a:b] == "停水"
    if hit.snippet_spans:
        a, b = hit.snippet_spans[0]
        assert hit.snippet[a:b] in hit.matched or hit.snippet[a:b] in "停水"
    assert set(hit.as_dict()) >= {"id", "title", "score", "expired", "unit", "matched"}


def test_pinyin_hits_highlight_the_chinese_words(demo: KnowledgeBase) -> None:
    hit = demo.search("sb", limit=1)[0]
    assert "社保" in hit.matched


def test_expired_articles_come_last_and_are_marked(tmp_path: Path) -> None:
    kb = KnowledgeBase(Database(tmp_path / "x.sqlite3"), clock=lambda: TODAY)

    def art(n: int, title: str, expires: date | None) -> Article:
        return Article(id=f"e-{n}", title=title, questions=(), answer="供水", expires=expires)

    kb.import_articles(
        [
            art(1, "停水通知停水停水", date(2026, 11, 26)),  # the best match, but expired
            art(2, "计划停水", None),
            art(3, "停水报修", date(2026, 11, 27)),  # last day in force: not expired
        ]
    )
    hits = kb.search("停水", limit=10)
    assert [h.id for h in hits][-1] == "e-1"
    assert [h.expired for h in hits] == [False, False, True]
    assert [h.id for h in kb.search("停水", limit=2)] != ["e-1"]
    assert "e-1" not in [h.id for h in kb.search("停水", limit=2)]
    kb.database.close()


def test_limit_is_respected(demo: KnowledgeBase) -> None:
    assert len(demo.search("社保", limit=5)) == 5
    assert len(demo.search("社保", limit=0)) == 1
    ids = [h.id for h in demo.search("医保 报销", limit=50)]
    assert len(ids) == len(set(ids))


NASTY = [
    "",
    " ",
    '"',
    '""',
    "*",
    "-",
    "- 噪音",
    "NEAR(",
    "NEAR(噪音 停水, 5)",
    "噪音 AND",
    "AND OR NOT",
    "title:噪音",
    "{title}: 噪音",
    "^噪音",
    "噪音)",
    "((噪音",
    "😀😀",
    "噪音😀停水",
    "\x00",
    "'; DROP TABLE kb_articles; --",
    "社" * 10_000,
    "sb " * 3_000,
    "ｓｂ",
    "Ⅻ",
]


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_never_raise(demo: KnowledgeBase, query: str) -> None:
    hits = demo.search(query, limit=5)
    assert isinstance(hits, list)
    assert demo.count() >= 200


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.text(
        alphabet=st.one_of(
            st.characters(),
            st.sampled_from(list('"*-()^:{}+ ANDORNEAR噪音停水社保sbjtwz')),
        ),
        max_size=60,
    )
)
def test_any_string_is_a_valid_query(demo: KnowledgeBase, query: str) -> None:
    hits = demo.search(query, limit=5)
    assert len(hits) <= 5
    # distinct current articles, each as stored, the stages that found them in order
    assert len({h.id for h in hits}) == len(hits)
    for hit in hits:
        current = demo.get(hit.id)
        assert current is not None and (current.title, current.version) == (hit.title, hit.version)
    assert [h.stage for h in hits] == sorted(h.stage for h in hits)
    # and the expressions it built are valid FTS5: run them directly, no error allowed
    for table, expr in demo.searcher.last_run:
        demo.database.query(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT 1", (expr,))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_every_stage_of_any_plan_is_valid_fts5_and_finds_its_own_text(query: str) -> None:
    """Each stage is valid FTS5 and new (a stage that adds nothing is None), and an article
    titled with the query itself is found by one of them."""
    import sqlite3

    from app.store.kb.text import index_columns

    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE kb_fts USING fts5(title, questions, keywords, usage, answer, "
        "py_full, py_init, chars)"
    )
    own = Article(
        id="own", title=query, questions=("问题",), answer="答复。", category="A0101", unit="cgj"
    )
    conn.execute("INSERT INTO kb_fts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", index_columns(own))
    plan = plan_query(query, {"野狗": ["流浪犬"]}, lambda terms: dict.fromkeys(terms, 1), 10)
    stages = [e for e in (plan.stage(1), plan.stage(2), plan.stage(3)) if e is not None]
    assert len(set(stages)) == len(stages)
    found = [
        conn.execute("SELECT rowid FROM kb_fts WHERE kb_fts MATCH ?", (expr,)).fetchall()
        for expr in stages
    ]
    assert not stages or any(found), stages


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_the_fast_bigram_text_is_exactly_index_text(text: str) -> None:
    from app.store.kb.text import bigram_text
    from app.store.textindex import index_text

    assert bigram_text(text) == index_text(text)
    assert bigram_text("社保" + text + "ＳＢ①停水") == index_text("社保" + text + "ＳＢ①停水")


@pytest.mark.parametrize("query", ["社保", "停水", "医保 报销", "sb", "jtwz", "社bao"])
def test_the_bounded_sort_ranks_as_fts5_does(demo: KnowledgeBase, query: str) -> None:
    """`ORDER BY +rank, rowid` (SQLite's sorter) gives FTS5's own `ORDER BY rank` order."""
    demo.search(query, limit=10)
    for table, expr in demo.searcher.last_run:
        ours = demo.database.query(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY +rank, rowid LIMIT 10",
            (expr,),
        )
        theirs = demo.database.query(
            f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rank", (expr,)
        )
        best = sorted(theirs, key=lambda r: (r[1], r[0]))[:10]
        assert [r[0] for r in ours] == [r[0] for r in best]


def test_letters_are_ranked_in_the_pinyin_index_first(demo: KnowledgeBase) -> None:
    hits = demo.search("sb", limit=3)
    assert demo.searcher.last_run[0][0] == "kb_py"
    assert [t for t, _ in demo.searcher.last_run] == ["kb_py"]  # it filled the list
    assert "社保" in hits[0].title
    demo.search("app", limit=3)  # in answers only: kb_py falls short, kb_fts decides
    assert [t for t, _ in demo.searcher.last_run][:2] == ["kb_py", "kb_fts"]
    demo.search("社保", limit=3)  # Chinese: kb_fts only
    assert {t for t, _ in demo.searcher.last_run} == {"kb_fts"}


def test_the_relaxed_stage_keeps_within_its_postings_budget() -> None:
    from app.store.kb import query as kb_query

    words = "小区门口有几条野狗经常追着小孩咬已经好几次了"
    freq = {g: 5_000 + i for i, g in enumerate(bigrams_of(words))}
    plan = plan_query(
        words, {"野狗": ["流浪犬"]}, lambda ts: {t: freq.get(t, 0) for t in ts}, 100_000
    )
    expr = plan.stage(2)
    assert expr is not None
    grams = [g for g in freq if f'"{g}"' in expr]
    assert len(grams) == kb_query.MIN_RELAXED_TERMS  # 4 x 5,000 postings: the budget is hit
    assert sorted(grams, key=freq.__getitem__) == grams  # the rarest
    assert '"流浪 浪犬"' in expr  # synonyms always come in
    small = plan_query(words, {}, lambda ts: {t: 3 for t in ts if t in freq}, 200)
    expr = small.stage(2)
    assert expr is not None and sum(f'"{g}"' in expr for g in freq) == kb_query.MAX_RELAXED_TERMS


def bigrams_of(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def test_an_edit_moves_the_article_in_the_pinyin_index_too(tmp_path: Path) -> None:
    kb = KnowledgeBase(Database(tmp_path / "p.sqlite3"), clock=lambda: TODAY, seed_synonyms=False)
    kb.import_articles([Article(id="p-1", title="社保卡补办", questions=(), answer="带身份证")])
    assert [h.id for h in kb.search("sbk", limit=3)] == ["p-1"]
    kb.edit("p-1", title="医保卡补办")
    assert kb.search("sbk", limit=3) == []
    assert [h.id for h in kb.search("ybk", limit=3)] == ["p-1"]
    kb.record_usage("p-1", "医保卡丢了")
    assert kb.reindex() == 1
    assert [h.id for h in kb.search("ybk", limit=3)] == ["p-1"]
    rows = kb.database.query("SELECT rowid FROM kb_py WHERE kb_py MATCH 'sbk'")
    assert rows == []
    kb.database.close()
