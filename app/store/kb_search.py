"""Search over the knowledge base: run the stages of kb_query's plan, expired articles last.

Every stage is one FTS5 query ordered by its `rank` (bm25 with the column weights set in
kb_schema.RANK), so SQLite sorts inside FTS5 and only `limit` rows leave it. Expired
articles are kept out of those queries by rowid and only looked for when the articles in
force do not fill the list; then they come last, in rank order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from app.models.kb import SearchHit, find_spans, snippet
from app.store.db import Database, StoreBug
from app.store.kb_query import Plan, plan_query
from app.store.kb_text import text_pinyin_matches

MAX_LIMIT = 200
CHAR_STAGE_BELOW = 3  # the character stage runs only when fewer hits than this were found

_EXPIRED = "SELECT rowid FROM kb_current WHERE expires IS NOT NULL AND expires < ?"


class Searcher:
    def __init__(self, database: Database, today: Callable[[], date]) -> None:
        self.database = database
        self.today = today
        self._data_version: int | None = None
        self._lexicon: dict[str, list[str]] | None = None
        self._articles = 0
        self._expired: tuple[str, int] | None = None  # (day, how many are expired that day)
        self.last_plan: Plan | None = None

    # ---- cached facts, dropped when any connection changes the file ---------------

    def invalidate(self) -> None:
        self._data_version = None

    def _fresh(self) -> None:
        version = int(self.database.scalar("PRAGMA data_version"))
        if version == self._data_version:
            return
        self._data_version = version
        self._lexicon = None
        self._expired = None
        self._articles = int(self.database.scalar("SELECT MAX(rowid) FROM kb_current") or 0)

    def lexicon(self) -> dict[str, list[str]]:
        self._fresh()
        if self._lexicon is None:
            lexicon: dict[str, list[str]] = {}
            for row in self.database.query(
                "SELECT term, canonical FROM kb_synonyms ORDER BY term, canonical"
            ):
                lexicon.setdefault(row[0], []).append(row[1])
            self._lexicon = lexicon
        return self._lexicon

    def _expired_count(self, day: str) -> int:
        if self._expired is None or self._expired[0] != day:
            count = int(self.database.scalar(_EXPIRED.replace("rowid", "COUNT(*)", 1), (day,)) or 0)
            self._expired = (day, count)
        return self._expired[1]

    def _doc_freq(self, terms: Sequence[str]) -> Mapping[str, int]:
        unique = list(dict.fromkeys(terms))
        if not unique:
            return {}
        marks = ", ".join("?" * len(unique))
        rows = self.database.query(
            f"SELECT term, doc FROM kb_vocab WHERE term IN ({marks})", tuple(unique)
        )
        return {r[0]: int(r[1]) for r in rows}

    # ---- searching -------------------------------------------------------------------

    def _run(self, expr: str, limit: int, day: str | None) -> list[sqlite3.Row]:
        where = "kb_fts MATCH ?"
        params: tuple[object, ...] = (expr,)
        if day is not None:
            where += f" AND rowid NOT IN ({_EXPIRED})"
            params += (day,)
        try:
            return self.database.query(
                f"SELECT rowid, rank FROM kb_fts WHERE {where} ORDER BY rank LIMIT ?",
                (*params, limit),
            )
        except StoreBug:  # a plan FTS5 refuses is our bug, but typing must go on
            return []

    def search(self, query: str, limit: int = 10, highlight: bool = True) -> list[SearchHit]:
        limit = max(1, min(int(limit), MAX_LIMIT))
        self._fresh()
        plan = plan_query(query, self.lexicon(), self._doc_freq, self._articles)
        self.last_plan = plan
        day = self.today().isoformat()
        any_expired = self._expired_count(day) > 0
        found: dict[int, tuple[float, int]] = {}  # rowid -> (score, stage), in rank order
        stages = plan.stages()
        ran: list[tuple[int, str]] = []
        for stage, expr in stages:
            if len(found) >= limit or (stage == 3 and len(found) >= CHAR_STAGE_BELOW):
                break
            ran.append((stage, expr))
            for row in self._run(expr, limit + len(found), day if any_expired else None):
                if row[0] not in found and len(found) < limit:
                    found[row[0]] = (-float(row[1]), stage)
        if any_expired and len(found) < limit:
            expired = {r[0] for r in self.database.query(_EXPIRED, (day,))}
            for stage, expr in ran:
                if len(found) >= limit:
                    break
                for row in self._run(expr, limit + len(found) + len(expired), None):
                    if row[0] in expired and row[0] not in found and len(found) < limit:
                        found[row[0]] = (-float(row[1]), stage)
        return self._hits(found, plan, day, highlight)

    def _hits(
        self, found: dict[int, tuple[float, int]], plan: Plan, day: str, highlight: bool
    ) -> list[SearchHit]:
        if not found:
            return []
        marks = ", ".join("?" * len(found))
        rows = {
            r["rowid"]: r
            for r in self.database.query(
                "SELECT c.rowid AS rowid, a.id, a.version, a.title, a.unit, a.category, "
                "a.expires, a.questions, a.keywords, a.answer FROM kb_current c "
                "JOIN kb_articles a ON a.id = c.id AND a.version = c.version "
                f"WHERE c.rowid IN ({marks})",
                tuple(found),
            )
        }
        hits: list[SearchHit] = []
        for rowid, (score, stage) in found.items():
            row = rows.get(rowid)
            if row is None:
                continue
            expires = date.fromisoformat(row["expires"]) if row["expires"] else None
            hit = SearchHit(
                id=row["id"],
                version=row["version"],
                title=row["title"],
                score=score,
                unit=row["unit"],
                category=row["category"],
                expired=row["expires"] is not None and row["expires"] < day,
                expires=expires,
                stage=stage,
            )
            if highlight:
                hit = _highlighted(hit, row, plan)
            hits.append(hit)
        return hits


def _highlighted(hit: SearchHit, row: sqlite3.Row, plan: Plan) -> SearchHit:
    from dataclasses import replace

    questions: list[str] = json.loads(row["questions"])
    keywords: list[str] = json.loads(row["keywords"])
    texts = [row["title"], *questions, *keywords, row["answer"]]
    terms = {t for t in plan.surfaces if any(t in text for text in texts)}
    for letters in plan.letters:
        for text in [row["title"], *questions, *keywords]:
            terms.update(text_pinyin_matches(text, letters))
    # the longest words first; a word inside a longer matched one adds nothing
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    matched = tuple(t for i, t in enumerate(ordered) if not any(t in o for o in ordered[:i]))
    candidates = [*questions, row["answer"]]
    best = max(candidates, key=lambda text: sum(t in text for t in matched), default="")
    text, spans = snippet(best, find_spans(best, matched))
    return replace(
        hit,
        matched=matched,
        title_spans=find_spans(row["title"], matched),
        snippet=text,
        snippet_spans=spans,
    )
