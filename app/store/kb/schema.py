"""Migration 2: the knowledge base. Every version of every article is kept; one row per
article points at its current version and owns the article's row in the search index."""

from __future__ import annotations

import sqlite3

from app.store.sql_script import run_script

# bm25 weights in kb_text.COLUMNS order: title, questions, keywords, usage, answer,
# py_full, py_init, chars. Title and the callers' questions count most, the answer least.
RANK = "bm25(8.0, 8.0, 6.0, 4.0, 1.0, 2.0, 3.0, 0.3)"
# kb_py, the small index of what letters are looked for in (kb_text.PY_COLUMNS: title,
# keywords, py_full, py_init, chars), with the same weights for those columns.
PY_RANK = "bm25(8.0, 6.0, 2.0, 3.0, 0.3)"


INDEX_SQL = f"""
        CREATE VIRTUAL TABLE kb_fts USING fts5 (
            title, questions, keywords, usage, answer, py_full, py_init, chars,
            content = '', columnsize = 0, tokenize = 'unicode61'
        );
        INSERT INTO kb_fts (kb_fts, rank) VALUES ('rank', '{RANK}');
        CREATE VIRTUAL TABLE kb_vocab USING fts5vocab (kb_fts, 'row');
        CREATE VIRTUAL TABLE kb_py USING fts5 (
            title, keywords, py_full, py_init, chars,
            content = '', columnsize = 0, tokenize = 'unicode61'
        );
        INSERT INTO kb_py (kb_py, rank) VALUES ('rank', '{PY_RANK}')
"""


def create_index(conn: sqlite3.Connection) -> None:
    """(Re)create the search index tables; kb.KnowledgeBase.reindex fills them."""
    run_script(
        conn,
        "DROP TABLE IF EXISTS kb_vocab;\nDROP TABLE IF EXISTS kb_fts;\nDROP TABLE IF EXISTS kb_py",
    )
    run_script(conn, INDEX_SQL)


def v2_knowledge_base(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        f"""
        -- Every version of every article; (id, version) is what an order records.
        CREATE TABLE kb_articles (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            questions TEXT NOT NULL,
            answer TEXT NOT NULL,
            category TEXT NOT NULL,
            unit TEXT NOT NULL,
            keywords TEXT NOT NULL,
            legal_basis TEXT,
            effective TEXT,
            expires TEXT,
            updated_at TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (id, version)
        );

        -- The current version of each article. rowid is the article's row in kb_fts.
        CREATE TABLE kb_current (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            version INTEGER NOT NULL,
            expires TEXT,
            FOREIGN KEY (id, version) REFERENCES kb_articles (id, version)
        );
        CREATE INDEX kb_current_expires ON kb_current (expires) WHERE expires IS NOT NULL;

        -- The search index (see kb_text.py for what each column holds). Contentless: the
        -- text lives in kb_articles; the index values are recomputed to delete a row, and
        -- the whole index is rebuilt when the scheme or pypinyin changes (meta kb_index).
        -- kb_py repeats the title and keywords with their pinyin: letters typed alone
        -- (initials, full pinyin) are looked for there first (see kb_search.py).
        -- columnsize=0: no per-row sizes, so bm25 reads no %_docsize row for each match
        -- (measured 4x faster ranking of common words; the cost is bm25's length
        -- normalisation, which matters little for articles of similar, short length).
        {INDEX_SQL};

        -- The hotline's vocabulary: a caller's word and the knowledge base's word for it.
        CREATE TABLE kb_synonyms (
            term TEXT NOT NULL,
            canonical TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'seed',
            updated_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (term, canonical)
        );

        -- Evidence from use: an appeal answered with an article lends it the caller's words.
        CREATE TABLE kb_usage (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            version INTEGER,
            text TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX kb_usage_by_article ON kb_usage (article_id, seq)
        """,
    )
