"""Search over the knowledge base: run the stages of kb_query's plan, expired articles last.

Every stage is one FTS5 query ordered by its `rank` (bm25 with the column weights set in
kb_schema.RANK / PY_RANK) in SQLite's sorter, which keeps only the rows asked for (see
RANKED). A query of letters alone runs each stage on kb_py first and on kb_fts only when
kb_py does not fill the list. Expired articles are skipped by rowid and only used when
the articles in force do not fill the list; then they come last, in rank order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from app.models.kb import SearchHit, find_spans, says_nothing, score_floor, search_text, snippet
from app.store.db import Database, StoreBug
from app.store.kb.query import MAX_WORD, Plan, plan_query
from app.store.kb.text import spellings, text_pinyin_matches
from app.store.textindex import is_cjk, runs

MAX_LIMIT = 200
DF_CACHE_TERMS = 50_000
CHAR_STAGE_BELOW = 3  # the character stage runs only when fewer hits than this were found

# `ORDER BY +rank`, not `ORDER BY rank`: the bare column hands the ordering to FTS5, which
# sorts every match in its own sorter together with a copy of its position lists; the
# expression leaves it to SQLite's sorter, which keeps only the best LIMIT rows. Same rows,
# same order (ties by rowid), and far less work for a word in thousands of articles.
RANKED = "SELECT rowid, rank FROM kb_fts WHERE kb_fts MATCH ? ORDER BY +rank, rowid LIMIT ?"
RANKED_PY = "SELECT rowid, rank FROM kb_py WHERE kb_py MATCH ? ORDER BY +rank, rowid LIMIT ?"
STATEMENTS = {"kb_fts": RANKED, "kb_py": RANKED_PY}

_EXPIRED = "SELECT rowid FROM kb_current WHERE expires IS NOT NULL AND expires < ?"


class Searcher:
    def __init__(self, database: Database, today: Callable[[], date]) -> None:
        self.database = database
        self.today = today
        self._generation: str | None = None
        self._lexicon: dict[str, list[str]] = {}
        self._words: frozenset[str] = frozenset()
        self._spelled: dict[str, list[str]] = {}
        self._articles = 0
        self._expired: tuple[str, frozenset[int]] | None = None  # (day, expired rowids)
        self._df: dict[str, int] = {}  # document frequency of index terms, this generation
        self.last_plan: Plan | None = None
        # (table, MATCH expression) of each statement the last search executed
        self.last_run: list[tuple[str, str]] = []

    # ---- cached facts, reloaded when an article or the lexicon changes (meta kb_gen) ----

    def invalidate(self) -> None:
        self._generation = None

    def _fresh(self) -> None:
        generation = self.database.meta("kb_gen", "0")
        if generation == self._generation:
            return
        lexicon: dict[str, list[str]] = {}
        for row in self.database.query(
            "SELECT term, canonical FROM kb_synonyms ORDER BY term, canonical"
        ):
            lexicon.setdefault(row[0], []).append(row[1])
        words: set[str] = set()
        for row in self.database.query(
            "SELECT DISTINCT value FROM kb_current c JOIN kb_articles a "
            "ON a.id = c.id AND a.version = c.version, json_each(a.keywords)"
        ):
            words.update(r for r in runs(row[0]) if is_cjk(r) and 2 <= len(r) <= MAX_WORD)
        spelled: dict[str, list[str]] = {}
        for term, canonicals in lexicon.items():
            words.add(term)
            words.update(canonicals)
            for word in (term, *canonicals):
                if all(is_cjk(r) for r in runs(word)) and len(word) >= 2:
                    for key in spellings(word):
                        targets = spelled.setdefault(key, [])
                        for c in canonicals if word == term else [word]:
                            if c not in targets:
                                targets.append(c)
        self._lexicon = lexicon
        self._words = frozenset(words)
        self._spelled = spelled
        self._expired = None
        self._df = {}
        self._articles = int(self.database.scalar("SELECT MAX(rowid) FROM kb_current") or 0)
        self._generation = generation

    def forget_doc_freq(self) -> None:
        """Empty the cache of document frequencies (the benchmark's cold first run)."""
        self._df = {}

    def lexicon(self) -> dict[str, list[str]]:
        self._fresh()
        return self._lexicon

    def _expired_rowids(self, day: str) -> frozenset[int]:
        """Rowids of the articles expired on that day (cached; few, by the index)."""
        if self._expired is None or self._expired[0] != day:
            rows = self.database.query(_EXPIRED, (day,))
            self._expired = (day, frozenset(int(r[0]) for r in rows))
        return self._expired[1]

    def _doc_freq(self, terms: Sequence[str]) -> Mapping[str, int]:
        """How many articles hold each term, from fts5vocab (which counts by reading the
        term's whole doclist: milliseconds for a common word at 100,000 articles), kept
        until articles change: typing repeats the same terms keystroke after keystroke."""
        known = self._df
        unique = [t for t in dict.fromkeys(terms) if t not in known]
        if unique:
            if len(known) > DF_CACHE_TERMS:
                known.clear()
            marks = ", ".join("?" * len(unique))
            rows = self.database.query(
                f"SELECT term, doc FROM kb_vocab WHERE term IN ({marks})", tuple(unique)
            )
            known.update(dict.fromkeys(unique, 0))
            known.update((r[0], int(r[1])) for r in rows)
        return {t: known.get(t, 0) for t in terms}

    # ---- searching -------------------------------------------------------------------

    def _run(self, table: str, expr: str, limit: int) -> list[sqlite3.Row]:
        self.last_run.append((table, expr))
        try:
            return self.database.query(STATEMENTS[table], (expr, limit))
        except StoreBug:  # a plan FTS5 refuses is our bug, but typing must go on
            return []

    def _collect(
        self,
        table: str,
        expr: str,
        stage: int,
        limit: int,
        expired: frozenset[int],
        found: dict[int, tuple[float, int]],
        later: dict[int, tuple[float, int]],
    ) -> None:
        """Add one stage's hits in rank order: in force to `found`, expired to `later`."""
        # Ranking every match costs the same for any LIMIT, so ask for enough rows to
        # skip the expired and the already found; ask again only if that fell short.
        window = limit + len(found) + 16
        while True:
            rows = self._run(table, expr, window)
            for row in rows:
                rowid = int(row[0])
                if rowid in found:
                    continue
                target = later if rowid in expired else found
                if rowid not in target:
                    target[rowid] = (-float(row[1]), stage)
                if len(found) >= limit:
                    break
            if len(found) >= limit or len(rows) < window:
                break
            window *= 4

    def search(self, query: str, limit: int = 10, highlight: bool = True) -> list[SearchHit]:
        limit = max(1, min(int(limit), MAX_LIMIT))
        query = search_text(query)  # a 1 MB paste by its beginning, 水水水水 as 水
        self._fresh()
        plan = plan_query(
            query, self._lexicon, self._doc_freq, self._articles, self._words, self._spelled
        )
        self.last_plan = plan
        self.last_run = []
        day = self.today().isoformat()
        expired = self._expired_rowids(day)
        found: dict[int, tuple[float, int]] = {}  # rowid -> (score, stage), in rank order
        later: dict[int, tuple[float, int]] = {}  # expired hits, shown after all others
        for stage in (1, 2, 3):
            if len(found) >= limit or (stage == 3 and len(found) >= CHAR_STAGE_BELOW):
                break
            expr = plan.stage(stage)
            if expr is None:
                continue
            # Letters alone: kb_py first. Its hits are all kb_fts hits too, so when it
            # fills the list it stands; when it does not, kb_fts ranks the stage as before.
            py_expr = plan.py_stage(stage)
            if py_expr is not None:
                py_found, py_later = dict(found), dict(later)
                self._collect("kb_py", py_expr, stage, limit, expired, py_found, py_later)
                if len(py_found) >= limit:
                    found, later = py_found, py_later
                    continue
            self._collect("kb_fts", expr, stage, limit, expired, found, later)
        for rowid, value in later.items():
            if len(found) >= limit:
                break
            found.setdefault(rowid, value)
        hits = self._hits(found, plan, day, highlight)
        if says_nothing(query):  # 我想问一下 alone: found by its words, about nothing
            hits = [replace(h, good=False) for h in hits]
        return hits

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
        floor = score_floor(sum(len(s) for s in plan.segments), self._articles)
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
                good=_good(score, stage, floor, row, plan),
            )
            if highlight:
                hit = _highlighted(hit, row, plan)
            hits.append(hit)
        return hits


def _good(score: float, stage: int, floor: float | None, row: sqlite3.Row, plan: Plan) -> bool:
    """Above the score floor (docs/knowledge-base.md#the-score-floor). Every word of the
    query found (stage 1) is a match; single characters alone (stage 3) never are; the
    relaxed stage's hit needs the floor, and letters typed (pinyin, initials) must read as
    some word of its title, questions or keywords: else they found nothing there."""
    if floor is None:  # no floor in a small knowledge base
        return True
    if stage == 3 or score < floor:
        return False
    if stage == 1:
        return True
    typed = [s for s in plan.segments if s.isascii() and s.isalpha()]  # not plan.letters:
    if not typed:  # it also holds the pinyin of the query's own characters
        return True
    texts = [row["title"], *json.loads(row["questions"]), *json.loads(row["keywords"])]
    return all(
        any(letters in text.lower() or text_pinyin_matches(text, letters) for text in texts)
        for letters in typed
    )


def _highlighted(hit: SearchHit, row: sqlite3.Row, plan: Plan) -> SearchHit:
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
