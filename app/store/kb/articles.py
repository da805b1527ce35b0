"""The knowledge base in the workspace's SQLite file: import, export, versions, search.

    kb = KnowledgeBase(workspace.database)      # off the GUI thread: workspace.knowledge_reader()
    kb.search("sb", limit=5)                    # -> list[SearchHit], best first
    kb.get("kb-0001")                           # current version; get(id, version=2) an old one
    kb.record_usage("kb-0001", "我家冇水了")      # the caller's words become evidence

Only this module (with kb_schema/kb_text/kb_query) writes the knowledge base's SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import pypinyin

from app.models.clock import Clock, china_now
from app.models.jsonl import Line, read_lines
from app.models.kb import (
    Article,
    ImportReport,
    SearchHit,
    article_to_dict,
    article_to_json,
    fingerprint,
    parse_article,
    parse_jsonl,
)
from app.paths import WORKSPACE_DB
from app.store.db import Database
from app.store.kb.schema import create_index
from app.store.kb.search import Searcher
from app.store.kb.text import COLUMNS, PY_COLUMNS, index_columns, py_values

INDEX_SCHEME = "kb-index-5"  # bump when kb_text changes what a column holds


def index_version() -> str:
    return f"{INDEX_SCHEME}/pypinyin-{pypinyin.__version__}"


def article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        version=row["version"],
        title=row["title"],
        questions=tuple(json.loads(row["questions"])),
        answer=row["answer"],
        category=row["category"],
        unit=row["unit"],
        keywords=tuple(json.loads(row["keywords"])),
        legal_basis=row["legal_basis"],
        effective=date.fromisoformat(row["effective"]) if row["effective"] else None,
        expires=date.fromisoformat(row["expires"]) if row["expires"] else None,
        updated_at=row["updated_at"],
    )


_FTS_INSERT = f"INSERT INTO kb_fts (rowid, {', '.join(COLUMNS)}) VALUES ({', '.join('?' * 9)})"
_FTS_DELETE = (
    f"INSERT INTO kb_fts (kb_fts, rowid, {', '.join(COLUMNS)}) "
    f"VALUES ('delete', {', '.join('?' * 9)})"
)
_PY_INSERT = f"INSERT INTO kb_py (rowid, {', '.join(PY_COLUMNS)}) VALUES ({', '.join('?' * 6)})"
_PY_DELETE = (
    f"INSERT INTO kb_py (kb_py, rowid, {', '.join(PY_COLUMNS)}) "
    f"VALUES ('delete', {', '.join('?' * 6)})"
)
REINDEX_CHUNK = 2000


def _write_index(
    conn: sqlite3.Connection, rows: Sequence[tuple[int, tuple[str, ...]]], delete: bool = False
) -> None:
    """Add (or delete) articles' rows in both indexes: (rowid, index_columns values)."""
    conn.executemany(_FTS_DELETE if delete else _FTS_INSERT, [(r, *v) for r, v in rows])
    conn.executemany(_PY_DELETE if delete else _PY_INSERT, [(r, *py_values(v)) for r, v in rows])


# FTS5 keeps new index entries in memory and writes a segment each time they pass
# `hashsize` (1 MiB by default), merging segments as they pile up. A bulk write (an import,
# a reindex) raises it for its transaction: far fewer segments are written and merged, so
# indexing thousands of articles takes a fraction of the time. Whatever is pending is
# written at commit.
BULK_HASHSIZE = 64 * 2**20
DEFAULT_HASHSIZE = 2**20


def _hashsize(conn: sqlite3.Connection, size: int) -> None:
    conn.execute("INSERT INTO kb_fts (kb_fts, rank) VALUES ('hashsize', ?)", (size,))
    conn.execute("INSERT INTO kb_py (kb_py, rank) VALUES ('hashsize', ?)", (size,))


class _Pending:
    """The index rows of one import, written together at its end: every deletion, then
    every insertion, each in rowid order. FTS5 keeps new entries in memory only while
    rowids ascend; a revised article keeps its rowid, so deleting and reinserting it
    article by article would flush the index to disk once per article (1,000 revisions
    of a 100,000-article base: 10 s of segment writes, a few tenths of a second this way)."""

    def __init__(self) -> None:
        self.deleted: dict[int, tuple[str, ...]] = {}
        self.inserted: dict[int, tuple[str, ...]] = {}

    def old(self, rowid: int, values: Callable[[], tuple[str, ...] | None]) -> None:
        # what the index holds for the row: never a version this import has not written yet
        if rowid in self.inserted or rowid in self.deleted:
            return
        found = values()
        if found is not None:
            self.deleted[rowid] = found

    def new(self, rowid: int, values: tuple[str, ...]) -> None:
        self.inserted[rowid] = values

    def write(self, conn: sqlite3.Connection) -> None:
        if self.deleted:
            _write_index(conn, sorted(self.deleted.items()), delete=True)
        if self.inserted:
            _write_index(conn, sorted(self.inserted.items()))


class KnowledgeBase:
    """Articles with all their versions, the synonym lexicon, usage evidence and search."""

    def __init__(
        self, database: Database, clock: Clock = china_now, seed_synonyms: bool = True
    ) -> None:
        self.database = database
        self.clock = clock
        self.searcher = Searcher(database, lambda: self.clock().date())
        if self.database.meta("kb_index") != index_version():
            self.reindex()
        if seed_synonyms and self.database.meta("kb_synonyms_seeded") is None:
            self.seed_synonyms()

    # ---- reading -------------------------------------------------------------------

    def get(self, article_id: str, version: int | None = None) -> Article | None:
        if version is None:
            rows = self.database.query(
                "SELECT a.* FROM kb_current c JOIN kb_articles a "
                "ON a.id = c.id AND a.version = c.version WHERE c.id = ?",
                (article_id,),
            )
        else:
            rows = self.database.query(
                "SELECT * FROM kb_articles WHERE id = ? AND version = ?", (article_id, version)
            )
        return article_from_row(rows[0]) if rows else None

    def provenance(self, article_id: str, version: int) -> tuple[str, str, str] | None:
        """(author, approved_by, published_at) of a version published through the central
        store or imported there, None for one made on this workstation."""
        rows = self.database.query(
            "SELECT author, approved_by, published_at FROM kb_provenance "
            "WHERE id = ? AND version = ?",
            (article_id, version),
        )
        return (str(rows[0][0]), str(rows[0][1]), str(rows[0][2])) if rows else None

    def versions(self, article_id: str) -> list[int]:
        rows = self.database.query(
            "SELECT version FROM kb_articles WHERE id = ? ORDER BY version", (article_id,)
        )
        return [int(r[0]) for r in rows]

    def count(self) -> int:
        return int(self.database.scalar("SELECT COUNT(*) FROM kb_current") or 0)

    def articles(self) -> Iterable[Article]:
        """Current versions, by id."""
        rows = self.database.query(
            "SELECT a.* FROM kb_current c JOIN kb_articles a "
            "ON a.id = c.id AND a.version = c.version ORDER BY c.id"
        )
        return (article_from_row(r) for r in rows)

    def search(self, query: str, limit: int = 10, highlight: bool = True) -> list[SearchHit]:
        """Ranked hits for any text; never raises for what a user can type."""
        return self.searcher.search(query, limit, highlight)

    # ---- writing -------------------------------------------------------------------

    def _usage_texts(self, conn: sqlite3.Connection, article_id: str) -> list[str]:
        rows = conn.execute(
            "SELECT text FROM (SELECT seq, text FROM kb_usage WHERE article_id = ? "
            "ORDER BY seq DESC LIMIT 40) ORDER BY seq",
            (article_id,),
        )
        return [r[0] for r in rows]

    def _indexed(
        self, conn: sqlite3.Connection, rowid: int, article_id: str
    ) -> tuple[str, ...] | None:
        """The index values the current version of an article was indexed with."""
        row = conn.execute(
            "SELECT a.* FROM kb_current c JOIN kb_articles a "
            "ON a.id = c.id AND a.version = c.version WHERE c.rowid = ?",
            (rowid,),
        ).fetchone()
        if row is None:
            return None
        return index_columns(article_from_row(row), self._usage_texts(conn, article_id))

    def _unindex(self, conn: sqlite3.Connection, rowid: int, article_id: str) -> None:
        values = self._indexed(conn, rowid, article_id)
        if values is not None:
            _write_index(conn, [(rowid, values)], delete=True)

    def _store(
        self, conn: sqlite3.Connection, article: Article, pending: _Pending | None = None
    ) -> tuple[str, Article]:
        """Write one article: 'created', 'updated' (a new version) or 'unchanged'. With
        `pending`, its index rows are collected there instead of written (_Pending)."""
        print_ = fingerprint(article)
        current = conn.execute(
            "SELECT c.rowid, c.version, a.fingerprint FROM kb_current c JOIN kb_articles a "
            "ON a.id = c.id AND a.version = c.version WHERE c.id = ?",
            (article.id,),
        ).fetchone()
        if current is not None and current["fingerprint"] == print_:
            return "unchanged", article.with_changes(version=current["version"])
        # Every stored version has its kb_current row (nothing is deleted): none, no versions.
        latest = (
            0
            if current is None
            else int(
                conn.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM kb_articles WHERE id = ?", (article.id,)
                ).fetchone()[0]
            )
        )
        # A version number from the central store is kept when it moves forward.
        version = article.version if article.version > latest else latest + 1
        stored = article.with_changes(
            version=version, updated_at=article.updated_at or self.clock().isoformat()
        )
        conn.execute(
            "INSERT INTO kb_articles (id, version, title, questions, answer, category, unit, "
            "keywords, legal_basis, effective, expires, updated_at, fingerprint) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                stored.id,
                stored.version,
                stored.title,
                json.dumps(list(stored.questions), ensure_ascii=False),
                stored.answer,
                stored.category,
                stored.unit,
                json.dumps(list(stored.keywords), ensure_ascii=False),
                stored.legal_basis,
                stored.effective.isoformat() if stored.effective else None,
                stored.expires.isoformat() if stored.expires else None,
                stored.updated_at,
                print_,
            ),
        )
        if stored.author or stored.approved_by or stored.published_at:
            conn.execute(
                "INSERT OR REPLACE INTO kb_provenance VALUES (?, ?, ?, ?, ?)",
                (stored.id, stored.version, stored.author, stored.approved_by, stored.published_at),
            )
        expires = stored.expires.isoformat() if stored.expires else None
        if current is None:
            cursor = conn.execute(
                "INSERT INTO kb_current (id, version, expires) VALUES (?, ?, ?)",
                (stored.id, stored.version, expires),
            )
            rowid = int(cursor.lastrowid or 0)
            usage: list[str] = []  # record_usage needs the article: a new one has none
        else:
            rowid = int(current["rowid"])
            if pending is not None:
                pending.old(rowid, lambda: self._indexed(conn, rowid, stored.id))
            else:
                self._unindex(conn, rowid, stored.id)
            conn.execute(
                "UPDATE kb_current SET version = ?, expires = ? WHERE rowid = ?",
                (stored.version, expires, rowid),
            )
            usage = self._usage_texts(conn, stored.id)
        values = index_columns(stored, usage)
        if pending is not None:
            pending.new(rowid, values)
        else:
            _write_index(conn, [(rowid, values)])
        return ("created" if current is None else "updated"), stored

    def save(self, article: Article) -> Article:
        """Store an article (an edit makes a new version); returns it with its version."""
        with self.database.transaction() as conn:
            outcome, stored = self._store(conn, article)
            if outcome != "unchanged":
                self._bump(conn)
        self.searcher.invalidate()
        return stored

    def edit(self, article_id: str, **changes: Any) -> Article:
        """A maintainer's edit of the current version: a new version, the old one kept."""
        current = self.get(article_id)
        if current is None:
            raise KeyError(article_id)
        edited = current.with_changes(version=0, updated_at="", **changes)
        parse_article(article_to_dict(edited))  # raises ArticleInvalid, naming the field
        return self.save(edited)

    def import_articles(self, articles: Iterable[Article]) -> ImportReport:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with self.database.transaction() as conn:
            _hashsize(conn, BULK_HASHSIZE)
            pending = _Pending()
            for article in articles:
                outcome, _ = self._store(conn, article, pending)
                counts[outcome] += 1
            pending.write(conn)
            if counts["created"] or counts["updated"]:
                self._bump(conn)
            _hashsize(conn, DEFAULT_HASHSIZE)
        self.searcher.invalidate()
        return ImportReport(counts["created"], counts["updated"], counts["unchanged"])

    def import_lines(self, lines: Iterable[Line]) -> ImportReport:
        """Import the good lines, report the bad ones by number; nothing is ever deleted."""
        parsed = parse_jsonl(lines)
        report = self.import_articles(a for _, a in parsed.articles)
        return ImportReport(report.created, report.updated, report.unchanged, tuple(parsed.errors))

    def import_jsonl(self, path: Path | str) -> ImportReport:
        with Path(path).open("rb") as handle:
            return self.import_lines(read_lines(handle))

    def export_jsonl(self, path: Path | str) -> int:
        """Current versions, one JSON object a line, the format import reads."""
        with Path(path).open("w", encoding="utf-8") as handle:
            return self.write_jsonl(handle)

    def write_jsonl(self, handle: TextIO) -> int:
        articles = list(self.articles())
        handle.writelines(article_to_json(a) + "\n" for a in articles)
        return len(articles)

    def record_usage(self, article_id: str, text: str) -> bool:
        """An operator answered an appeal with this article: its words become evidence.

        Returns False (and records nothing) for an unknown article or empty text.
        """
        text = text.strip()
        if not text:
            return False
        with self.database.transaction() as conn:
            row = conn.execute(
                "SELECT rowid, version FROM kb_current WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                return False
            rowid = int(row["rowid"])
            self._unindex(conn, rowid, article_id)
            conn.execute(
                "INSERT INTO kb_usage (article_id, version, text, recorded_at) VALUES (?, ?, ?, ?)",
                (article_id, row["version"], text[:2000], self.clock().isoformat()),
            )
            article = self.get(article_id)
            assert article is not None
            _write_index(
                conn, [(rowid, index_columns(article, self._usage_texts(conn, article_id)))]
            )
        self.searcher.invalidate()
        return True

    def reindex(self) -> int:
        """Rebuild the whole search index (after a change of scheme or of pypinyin)."""
        with self.database.transaction() as conn:
            create_index(conn)  # the index is derived data: rebuilt from its own SQL
            _hashsize(conn, BULK_HASHSIZE)
            rows = conn.execute(
                "SELECT c.rowid AS fts_rowid, a.* FROM kb_current c JOIN kb_articles a "
                "ON a.id = c.id AND a.version = c.version"
            ).fetchall()
            for start in range(0, len(rows), REINDEX_CHUNK):
                chunk = rows[start : start + REINDEX_CHUNK]
                _write_index(
                    conn,
                    [
                        (
                            int(row["fts_rowid"]),
                            index_columns(
                                article_from_row(row), self._usage_texts(conn, row["id"])
                            ),
                        )
                        for row in chunk
                    ],
                )
            _hashsize(conn, DEFAULT_HASHSIZE)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('kb_index', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (index_version(),),
            )
        self.searcher.invalidate()
        return len(rows)

    # ---- the synonym lexicon --------------------------------------------------------

    def synonyms(self) -> dict[str, list[str]]:
        return self.searcher.lexicon()

    def set_synonyms(self, pairs: Iterable[tuple[str, str]], origin: str = "maintainer") -> int:
        """Add (term, canonical) pairs, e.g. ('野狗', '流浪犬'); returns how many were new."""
        added = 0
        now = self.clock().isoformat()
        with self.database.transaction() as conn:
            for term, canonical in pairs:
                term, canonical = term.strip(), canonical.strip()
                if not term or not canonical or term == canonical:
                    raise ValueError(f"同义词对无效: {term!r} → {canonical!r}")
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO kb_synonyms (term, canonical, origin, updated_at) "
                    "VALUES (?, ?, ?, ?)",
                    (term, canonical, origin, now),
                )
                added += cursor.rowcount
            self._bump(conn)
        self.searcher.invalidate()
        return added

    def remove_synonym(self, term: str, canonical: str) -> bool:
        with self.database.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM kb_synonyms WHERE term = ? AND canonical = ?", (term, canonical)
            )
            self._bump(conn)
        self.searcher.invalidate()
        return cursor.rowcount > 0

    @staticmethod
    def _bump(conn: sqlite3.Connection) -> None:
        """Tell every connection's searcher that articles or the lexicon changed."""
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('kb_gen', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
        )

    def seed_synonyms(self, pairs: Sequence[tuple[str, str]] | None = None) -> int:
        """Load resources/kb/synonyms.json once; maintainers' later edits are kept."""
        if pairs is None:
            pairs = load_synonym_resource()
        added = self.set_synonyms(pairs, origin="seed")
        self.database.set_meta("kb_synonyms_seeded", "1")
        return added


def load_synonym_resource() -> list[tuple[str, str]]:
    from app.resources import load_json

    data: Mapping[str, Any] = load_json("kb/synonyms.json")
    pairs: list[tuple[str, str]] = []
    for canonical, terms in data["synonyms"].items():
        pairs.extend((term, canonical) for term in terms)
    return pairs


def demo_articles_path() -> Path:
    from app.resources import resources_dir

    return resources_dir() / "kb" / "demo_articles.jsonl"


def seed_demo(database: Database, clock: Clock = china_now) -> ImportReport:
    """Import the demo knowledge base (resources/kb/demo_articles.jsonl) into a workspace."""
    return KnowledgeBase(database, clock=clock).import_jsonl(demo_articles_path())


def open_knowledge_base(home: Path | str, clock: Clock = china_now) -> KnowledgeBase:
    """A knowledge base on its own connection to the workspace file, for a command line (a
    thread of the app uses Workspace.knowledge_reader)."""
    Path(home).mkdir(parents=True, exist_ok=True)
    return KnowledgeBase(Database(Path(home) / WORKSPACE_DB), clock=clock)


Today = Callable[[], date]
