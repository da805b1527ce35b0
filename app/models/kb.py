"""Knowledge-base articles (知识库): the record, its validation and its JSON Lines form.

An article is identified by `id` and numbered by `version`: an edit or a changed re-import
makes a new version, and old versions stay readable. Plain Python: no Qt, no SQL, no HTTP.

`expires` is the last day an article is in force (有效期至): it is expired from the next day.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from app.models.jsonl import Line, LineRejected, load_object, numbered
from app.models.validation import MAX_ARTICLE_ANSWER as MAX_ANSWER
from app.models.validation import MAX_ARTICLE_ID as MAX_ID
from app.models.validation import MAX_ARTICLE_ITEM as MAX_ITEM
from app.models.validation import MAX_ARTICLE_LIST as MAX_LIST
from app.models.validation import MAX_ARTICLE_TITLE as MAX_TITLE

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")

REQUIRED = ("id", "title", "questions", "answer", "category", "unit", "keywords")
OPTIONAL = ("legal_basis", "effective", "expires", "version", "updated_at")
# Who wrote a published version, who approved it and when the store published it
# (app/models/kb_events.py); set by the central store, never part of the content.
PROVENANCE = ("author", "approved_by", "published_at")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    questions: tuple[str, ...]
    answer: str
    category: str = ""
    unit: str = ""
    keywords: tuple[str, ...] = ()
    legal_basis: str | None = None
    effective: date | None = None
    expires: date | None = None
    version: int = 0  # 0: not stored yet; the store numbers versions from 1
    updated_at: str = ""
    author: str = ""  # PROVENANCE: who proposed (or imported) this version
    approved_by: str = ""
    published_at: str = ""

    def is_expired(self, on: date) -> bool:
        return is_expired(self, on)

    def with_changes(self, **changes: Any) -> Article:
        return replace(self, **changes)


def is_expired(article: Article, on: date) -> bool:
    """True once the day after `expires` has begun; articles without an expiry never expire."""
    return article.expires is not None and on > article.expires


def is_in_force(article: Article, on: date) -> bool:
    started = article.effective is None or article.effective <= on
    return started and not is_expired(article, on)


def fingerprint(article: Article) -> str:
    """A hash of the content (not of version or updated_at): equal content, equal hash."""
    data = article_to_dict(article)
    for key in ("version", "updated_at", *PROVENANCE):
        data.pop(key, None)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_to_dict(article: Article) -> dict[str, Any]:
    """The JSON Lines form, the same fields `parse_article` reads."""
    return {
        "id": article.id,
        "version": article.version,
        "title": article.title,
        "questions": list(article.questions),
        "answer": article.answer,
        "category": article.category,
        "unit": article.unit,
        "keywords": list(article.keywords),
        "legal_basis": article.legal_basis,
        "effective": article.effective.isoformat() if article.effective else None,
        "expires": article.expires.isoformat() if article.expires else None,
        "updated_at": article.updated_at,
        **{key: getattr(article, key) for key in PROVENANCE if getattr(article, key)},
    }


def article_to_json(article: Article) -> str:
    return json.dumps(article_to_dict(article), ensure_ascii=False)


class ArticleInvalid(ValueError):
    """An article that cannot be stored; the message says which field and why."""


def _text(data: Mapping[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ArticleInvalid(f"字段 {key} 应为字符串 (field {key} must be a string)")
    value = value.strip()
    if required and not value:
        raise ArticleInvalid(f"字段 {key} 不能为空 (field {key} is empty)")
    if len(value) > limit:
        raise ArticleInvalid(f"字段 {key} 超过 {limit} 字 (field {key} is too long)")
    return value


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ArticleInvalid(f"字段 {key} 应为字符串列表 (field {key} must be a list of strings)")
    if len(value) > MAX_LIST:
        raise ArticleInvalid(f"字段 {key} 超过 {MAX_LIST} 项 (field {key} has too many items)")
    items = tuple(v.strip() for v in value if v.strip())
    if any(len(v) > MAX_ITEM for v in items):
        raise ArticleInvalid(f"字段 {key} 有一项超过 {MAX_ITEM} 字 (an item of {key} is too long)")
    return items


def _date(data: Mapping[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ArticleInvalid(f"字段 {key} 应为 YYYY-MM-DD 日期 (field {key} must be a date)")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ArticleInvalid(
            f"字段 {key} 不是有效日期: {value!r} (field {key} is not a YYYY-MM-DD date)"
        ) from None


def parse_article(data: Any) -> Article:
    """Validate one decoded JSON object; raises ArticleInvalid naming the field."""
    if not isinstance(data, dict):
        raise ArticleInvalid("每行应为一个 JSON 对象 (each line must be a JSON object)")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ArticleInvalid(f"缺少字段 {', '.join(missing)} (missing field(s))")
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL) - set(PROVENANCE))
    if unknown:
        raise ArticleInvalid(f"未知字段 {', '.join(unknown)} (unknown field(s))")
    article_id = _text(data, "id", MAX_ID)
    if not _ID.fullmatch(article_id):
        raise ArticleInvalid(
            f"编号 {article_id!r} 只能含字母、数字和 _ . : - (id may only use A-Z a-z 0-9 _ . : -)"
        )
    legal = _text(data, "legal_basis", MAX_ITEM, required=False)
    version = data.get("version", 0) or 0
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ArticleInvalid("字段 version 应为非负整数 (field version must be an integer ≥ 0)")
    updated = data.get("updated_at") or ""
    if not isinstance(updated, str):
        raise ArticleInvalid("字段 updated_at 应为字符串 (field updated_at must be a string)")
    provenance = {key: _text(data, key, MAX_ITEM, required=False) for key in PROVENANCE}
    article = Article(
        id=article_id,
        title=_text(data, "title", MAX_TITLE),
        questions=_strings(data, "questions"),
        answer=_text(data, "answer", MAX_ANSWER),
        category=_text(data, "category", MAX_ID, required=False),
        unit=_text(data, "unit", MAX_ID, required=False),
        keywords=_strings(data, "keywords"),
        legal_basis=legal or None,
        effective=_date(data, "effective"),
        expires=_date(data, "expires"),
        version=version,
        updated_at=updated,
        **provenance,
    )
    if article.effective and article.expires and article.expires < article.effective:
        raise ArticleInvalid("失效日期早于生效日期 (expires is before effective)")
    return article


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based
    message: str

    def describe(self, source: str = "") -> str:
        where = f"{source}:{self.line}" if source else f"第 {self.line} 行"
        return f"{where}: {self.message}"


@dataclass
class ParsedLines:
    articles: list[tuple[int, Article]] = field(default_factory=list)  # (line, article)
    errors: list[LineError] = field(default_factory=list)


def parse_jsonl(lines: Iterable[Line]) -> ParsedLines:
    """Every line checked; good lines kept, bad ones reported by number. Blank lines skipped.

    A second line with an id already seen in the same file is an error (which one is meant?).
    Lines may come from jsonl.read_lines (numbered, the unreadable ones already refused).
    """
    result = ParsedLines()
    seen: dict[str, int] = {}
    for number, raw in numbered(lines):
        if isinstance(raw, LineRejected):
            result.errors.append(LineError(number, raw.message))
            continue
        text = raw.strip().lstrip("\ufeff")
        if not text:
            continue
        try:
            data = load_object(text)
        except ValueError as exc:
            result.errors.append(LineError(number, str(exc)))
            continue
        try:
            article = parse_article(data)
        except ArticleInvalid as exc:
            result.errors.append(LineError(number, str(exc)))
            continue
        if article.id in seen:
            result.errors.append(
                LineError(
                    number,
                    f"编号 {article.id} 与第 {seen[article.id]} 行重复 (duplicate id)",
                )
            )
            continue
        seen[article.id] = number
        result.articles.append((number, article))
    return result


@dataclass(frozen=True)
class ImportReport:
    created: int = 0  # ids new to this knowledge base
    updated: int = 0  # existing ids whose content changed: a new version each
    unchanged: int = 0  # same content as the current version: nothing written
    errors: tuple[LineError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"line": e.line, "message": e.message} for e in self.errors],
        }


Span = tuple[int, int]


# The score floor (docs/knowledge-base.md#the-score-floor): below it a hit is shown as no
# good match, never as a match. Measured on the labelled queries (tests/data/kb_eval.jsonl,
# tests/unit/test_kb_floor.py): the lowest score of a right article found only by the
# relaxed stage is 7.49 (私桩安装), so the floor keeps every right hit of the set.
SCORE_FLOOR = 7.0
# A longer query needs more: its chance matches add up (bm25 sums over its words). The
# floor rises by this much per character beyond FLOOR_CHARS (a caller's question is shorter).
FLOOR_PER_CHAR = 0.05
FLOOR_CHARS = 40
# The most of a query any search reads (a 1 MB paste is searched by its beginning).
MAX_SEARCH_CHARS = 400
# A character typed three times or more in a row (水水水水, 的的的的, aaaa) is read once: a
# held key or a filler says no more than the character itself (妈妈, 星星 stay as they are).
_HELD = re.compile(r"(.)\1{2,}", re.DOTALL)


# What a caller or an operator says before the question (你好，我想问一下): no subject of
# its own. A query of these words alone has no good match, whatever it finds.
_FILLER = re.compile(
    r"你好|您好|喂|请问|麻烦|我想|想问|问一下|问下|咨询一下|咨询|了解一下|一下|我|你|您|的|吗|呢|啊|呀|吧|"
    r"[\W_]",
)


def says_nothing(query: str) -> bool:
    """True for a query of greetings and 我想问一下 alone (or nothing at all)."""
    return not _FILLER.sub("", query)


def search_text(query: str) -> str:
    """What a search reads of a query: its first MAX_SEARCH_CHARS characters, a character
    repeated three times or more in a row read once."""
    return _HELD.sub(r"\1", query[:MAX_SEARCH_CHARS])


# bm25 weighs a word by how rare it is among the articles, so scores grow with the size of
# the knowledge base: the floor was measured on the demo base and scales with the logarithm
# of the number of articles. Under MIN_FLOOR_ARTICLES a word's rarity says too little (in
# two articles a word in one of them weighs nothing): there is no floor, every hit counts.
REFERENCE_ARTICLES = 257
MIN_FLOOR_ARTICLES = 50


def score_floor(query_chars: int, articles: int = REFERENCE_ARTICLES) -> float | None:
    """The floor for a query of that many characters (letters, digits and CJK) in a
    knowledge base of that many articles; None when there is none."""
    if articles < MIN_FLOOR_ARTICLES:
        return None
    scale = math.log(articles) / math.log(REFERENCE_ARTICLES)
    extra = max(0, min(query_chars, MAX_SEARCH_CHARS) - FLOOR_CHARS)
    return scale * (SCORE_FLOOR + FLOOR_PER_CHAR * extra)


@dataclass(frozen=True)
class SearchHit:
    """One ranked result. Hits come in rank order; `score` is bm25 relevance (higher better)
    within the stage that found the hit (1 exact words, 2 any words/pinyin, 3 characters).
    `good`: whether it is a match worth showing as one (the score floor); a weak hit is
    kept for callers that rank (drills), never presented as a match."""

    id: str
    version: int
    title: str
    score: float
    unit: str
    category: str
    expired: bool
    expires: date | None
    stage: int
    matched: tuple[str, ...] = ()  # the article's own words the query matched
    title_spans: tuple[Span, ...] = ()
    snippet: str = ""
    snippet_spans: tuple[Span, ...] = ()
    good: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "score": round(self.score, 4),
            "unit": self.unit,
            "category": self.category,
            "expired": self.expired,
            "expires": self.expires.isoformat() if self.expires else None,
            "stage": self.stage,
            "matched": list(self.matched),
            "title_spans": [list(s) for s in self.title_spans],
            "snippet": self.snippet,
            "snippet_spans": [list(s) for s in self.snippet_spans],
            "good": self.good,
        }


def good_matches(hits: Iterable[SearchHit]) -> list[SearchHit]:
    """The hits above the score floor, in rank order: what is shown as matches."""
    return [h for h in hits if h.good]


def find_spans(text: str, terms: Iterable[str]) -> tuple[Span, ...]:
    """Non-overlapping (start, end) spans of the terms in text, longest term first, merged."""
    marks = [False] * len(text)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = text.find(term)
        while start != -1:
            for i in range(start, start + len(term)):
                marks[i] = True
            start = text.find(term, start + len(term))
    spans: list[Span] = []
    i = 0
    while i < len(text):
        if marks[i]:
            j = i
            while j < len(text) and marks[j]:
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return tuple(spans)


def snippet(text: str, spans: tuple[Span, ...], width: int = 60) -> tuple[str, tuple[Span, ...]]:
    """A window of about `width` characters around the first span, spans shifted into it."""
    if len(text) <= width or not spans:
        cut = text[:width]
        suffix = "…" if len(text) > width else ""
        kept = tuple((a, min(b, len(cut))) for a, b in spans if a < len(cut))
        return cut + suffix, kept
    first = spans[0][0]
    start = max(0, min(first - width // 4, len(text) - width))
    end = start + width
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    )
    return prefix + text[start:end] + suffix, kept
