"""The article record, its validation and its JSON Lines form (app.models.kb)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.models.kb import (
    Article,
    ArticleInvalid,
    article_to_dict,
    find_spans,
    fingerprint,
    is_expired,
    parse_article,
    parse_jsonl,
    snippet,
)

GOOD = {
    "id": "kb-9001",
    "title": "突然停电如何报修",
    "questions": ["我家冇电了", "整栋楼停电"],
    "answer": "请拨打供电服务热线报修。",
    "category": "A0202",
    "unit": "gdj",
    "keywords": ["停电", "报修"],
    "legal_basis": None,
    "effective": "2024-01-01",
    "expires": "2025-12-31",
}


def test_parse_and_round_trip() -> None:
    article = parse_article(GOOD)
    assert article.questions == ("我家冇电了", "整栋楼停电")
    assert article.expires == date(2025, 12, 31)
    again = parse_article(article_to_dict(article))
    assert again == article
    assert fingerprint(again) == fingerprint(article)


def test_fingerprint_ignores_version_and_time_but_not_content() -> None:
    article = parse_article(GOOD)
    assert fingerprint(article.with_changes(version=7, updated_at="x")) == fingerprint(article)
    assert fingerprint(article.with_changes(answer="改了")) != fingerprint(article)


def test_expiry_is_the_last_day_in_force() -> None:
    article = parse_article(GOOD)
    assert not is_expired(article, date(2025, 12, 31))
    assert is_expired(article, date(2026, 1, 1))
    assert article.is_expired(date(2026, 1, 1))
    assert not Article(id="a", title="t", questions=(), answer="x").is_expired(date(2099, 1, 1))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"title": ""}, "title"),
        ({"questions": "不是列表"}, "questions"),
        ({"keywords": [1, 2]}, "keywords"),
        ({"expires": "2025-13-01"}, "expires"),
        ({"effective": "2026-01-01", "expires": "2025-01-01"}, "expires"),
        ({"id": "有 空格"}, "id"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_fields_are_named(change: dict[str, object], words: str) -> None:
    with pytest.raises(ArticleInvalid, match=words):
        parse_article({**GOOD, **change})


def test_missing_fields_are_listed() -> None:
    with pytest.raises(ArticleInvalid, match="answer"):
        parse_article({k: v for k, v in GOOD.items() if k != "answer"})


def test_jsonl_reports_each_bad_line_and_keeps_the_good() -> None:
    lines = [
        json.dumps(GOOD, ensure_ascii=False),
        "",
        "{not json",
        json.dumps({**GOOD, "id": "kb-9002", "title": ""}, ensure_ascii=False),
        json.dumps(GOOD, ensure_ascii=False),
        json.dumps({**GOOD, "id": "kb-9003"}, ensure_ascii=False),
        "[1, 2]",
    ]
    parsed = parse_jsonl(lines)
    assert [(n, a.id) for n, a in parsed.articles] == [(1, "kb-9001"), (6, "kb-9003")]
    assert [e.line for e in parsed.errors] == [3, 4, 5, 7]
    assert "JSON" in parsed.errors[0].message
    assert "title" in parsed.errors[1].message
    assert "第 1 行" in parsed.errors[2].message  # the duplicate names the first line
    assert parsed.errors[0].describe("kb.jsonl").startswith("kb.jsonl:3: ")


def test_spans_and_snippet() -> None:
    text = "小区噪音扰民，噪音很大"
    assert find_spans(text, ["噪音", "噪音扰民"]) == ((2, 6), (7, 9))
    long = "前" * 100 + "噪音" + "后" * 100
    cut, spans = snippet(long, find_spans(long, ["噪音"]), width=40)
    assert cut.startswith("…") and cut.endswith("…")
    a, b = spans[0]
    assert cut[a:b] == "噪音"
