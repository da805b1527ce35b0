"""Knowledge-base articles pulled from the central store, stored in the client's knowledge base.

`upsert_articles(database, articles)` runs inside SyncState.apply_page's transaction, so
the articles of a page land together with the page's events and its cursor, or not at
all. It writes through app.store.kb.articles.KnowledgeBase (its storing, versioning and indexing
logic, unmodified) on that Database, whose transaction() joins the one already open.

An article is stored as a new version when its content differs from the current one; the
central store's version number is kept when it moves forward (KnowledgeBase._store). An
article the client cannot accept (app.models.kb.parse_article refuses it) is skipped and
counted under `meta sync:articles_invalid`, so one bad article never blocks the feed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.models.kb import Article, ArticleInvalid, parse_article
from app.models.kb_events import CONTENT
from app.store.db import Database

ARTICLES_STORED = "sync:articles_stored"
ARTICLES_INVALID = "sync:articles_invalid"
ARTICLES_LAST_ERROR = "sync:articles_last_error"

# The fields a pulled article may carry (the server's FIELDS and its version); anything else
# the central store might add later is ignored rather than refused.
_FIELDS = ("id", "version", *CONTENT, "updated_at", "author", "approved_by", "published_at")
_LISTS = ("questions", "keywords")


@dataclass(frozen=True)
class ArticleTally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0


def article_from_pulled(data: Mapping[str, Any]) -> Article:
    """The client's Article for one pulled article dict; raises ArticleInvalid."""
    fields = {k: data.get(k) for k in _FIELDS if k in data}
    for key in _LISTS:
        fields.setdefault(key, [])
    for key in ("category", "unit"):
        fields.setdefault(key, "")
    for key in ("legal_basis", "effective", "expires"):
        if fields.get(key) == "":
            fields[key] = None
    return parse_article(fields)


def upsert_articles(database: Database, articles: Sequence[Mapping[str, Any]]) -> ArticleTally:
    """Store pulled articles as new versions, in the transaction open on `database`
    (its transaction() joins it)."""
    conn = database.conn
    if not conn.in_transaction:
        raise RuntimeError("upsert_articles runs inside the transaction of a pulled page")
    parsed: list[Article] = []
    invalid = 0
    last_error = ""
    for data in articles:
        try:
            parsed.append(article_from_pulled(data))
        except (ArticleInvalid, TypeError, AttributeError) as exc:
            invalid += 1
            last_error = f"{data.get('id', '?') if isinstance(data, Mapping) else '?'}: {exc}"
    created = updated = unchanged = 0
    if parsed:
        from app.store.kb.articles import KnowledgeBase  # loads pypinyin: only when articles come

        # seed_synonyms=False: the lexicon is seeded when the workspace opens its knowledge
        # base; a sync only brings articles.
        kb = KnowledgeBase(database, seed_synonyms=False)
        report = kb.import_articles(parsed)
        created, updated, unchanged = report.created, report.updated, report.unchanged
    _add(conn, ARTICLES_STORED, created + updated)
    if invalid:
        _add(conn, ARTICLES_INVALID, invalid)
        database.set_meta(ARTICLES_LAST_ERROR, last_error[:500])
    return ArticleTally(created, updated, unchanged, invalid)


def _add(conn: sqlite3.Connection, key: str, count: int) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
        "DO UPDATE SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT)",
        (key, str(count), count),
    )
