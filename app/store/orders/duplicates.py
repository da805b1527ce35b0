"""Likely duplicates of an appeal being typed at intake (并单 candidates).

Two signals, both cheap at 1,000,000 orders:

- the same caller within the last `days` days (the phone index);
- the same 镇街, still open, received within `days` days, whose title holds most of the
  new title's tokens (the CJK bigrams and words of the full-text index, textindex.py),
  read from a partial index of open orders by 镇街 that carries the titles.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.store.db import Database
from app.store.orders.query import LIST_COLUMNS, OrderRow
from app.store.textindex import bigrams, is_cjk, runs

MAX_TERMS = 12
MIN_SHARE = 0.5  # share of the new title's bigrams an earlier order must contain
MAX_CANDIDATES = 3000


@dataclass(frozen=True)
class Duplicate:
    row: OrderRow
    same_caller: bool
    share: float  # 0…1: how much of the new title the earlier order's text contains


def terms_of(text: str, limit: int = MAX_TERMS) -> list[str]:
    """Distinct index tokens of `text` in order (CJK bigrams and ASCII words)."""
    seen: dict[str, None] = {}
    for run in runs(text):
        for token in bigrams(run) if is_cjk(run) else [run]:
            if len(token) > 1 or is_cjk(token):
                seen.setdefault(token, None)
    return list(seen)[:limit]


class DuplicateFinder:
    def __init__(self, database: Database) -> None:
        self.database = database

    def find(
        self,
        *,
        phone: str,
        town: str,
        title: str,
        content: str = "",
        now: datetime,
        days: int = 7,
        limit: int = 8,
        method: str = "titles",  # or "index" (see `similar`)
    ) -> list[Duplicate]:
        since = (now - timedelta(days=days)).isoformat()
        found: dict[str, Duplicate] = {}
        for row in self.same_caller(phone, since):
            found[row.id] = Duplicate(row, True, 0.0)
        text = title.strip() or content.strip()[:40]
        for row, share in self.similar(town, text, since, method):
            earlier = found.get(row.id)
            found[row.id] = Duplicate(row, earlier is not None, share)
        ranked = sorted(
            found.values(),
            key=lambda d: (not d.row.is_open, -(d.share + d.same_caller), d.row.received_at),
        )
        return ranked[:limit]

    def same_caller(self, phone: str, since: str) -> list[OrderRow]:
        if not phone:
            return []
        rows = self.database.query(
            f"SELECT {LIST_COLUMNS} FROM orders WHERE phone = ? AND received_at >= ? "
            "AND direct = 0 AND status NOT IN ('merged', 'transferred') "
            "ORDER BY received_at DESC LIMIT 20",
            (phone, since),
        )
        return [OrderRow.from_row(r) for r in rows]

    def similar(
        self, town: str, text: str, since: str, method: str = "titles"
    ) -> list[tuple[OrderRow, float]]:
        """Recent open orders of the town sharing most of `text`'s bigrams, best first.

        Candidates come from a partial index of open orders by 镇街 that holds their
        titles, so they cost no table reads. Their titles are checked for the new title's
        bigrams (the tokens of the full-text index), in C. `method="index"` walks each
        bigram's doclist in the full-text index over the candidates' rowid range instead,
        which also matches the content, but at 1,000,000 orders it is several times slower
        (bench/chain_bench.py measures both: bench/results/chain.json), so titles are the
        default.
        """
        terms = terms_of(text)
        if not town or len(terms) < 2:
            return []
        rows = self.database.query(
            "SELECT rowid, title FROM orders INDEXED BY orders_open_by_town "
            "WHERE town = ? AND received_at >= ? AND is_open = 1 "
            "ORDER BY received_at DESC LIMIT ?",
            (town, since, MAX_CANDIDATES),
        )
        if not rows:
            return []
        titles = {int(r["rowid"]): str(r["title"]) for r in rows}
        needed = max(2, int(len(terms) * MIN_SHARE + 0.999))
        low, high = min(titles), max(titles)
        if method == "index":
            counts = self._count_in_index(terms, list(titles), low, high, needed)
        else:
            counts = self._count_in_titles(terms, titles, needed)
        best = sorted(counts.items(), key=lambda item: -item[1])[:20]
        if not best:
            return []
        full = self.database.query(
            f"SELECT {LIST_COLUMNS} FROM orders WHERE rowid IN (SELECT value FROM json_each(?))",
            (json.dumps([rowid for rowid, _ in best]),),
        )
        by_rowid = {int(r["rowid"]): OrderRow.from_row(r) for r in full}
        return [(by_rowid[rowid], n / len(terms)) for rowid, n in best if rowid in by_rowid]

    def _count_in_index(
        self, terms: list[str], candidates: list[int], low: int, high: int, needed: int
    ) -> dict[int, int]:
        union = " UNION ALL ".join(
            "SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? AND rowid BETWEEN ? AND ?"
            for _ in terms
        )
        params: list[object] = []
        for term in terms:
            params += ['"' + term + '"', low, high]
        counted = self.database.query(
            f"SELECT rowid, COUNT(*) AS n FROM ({union}) "
            "WHERE rowid IN (SELECT value FROM json_each(?)) "
            "GROUP BY rowid HAVING n >= ? ORDER BY n DESC LIMIT 20",
            (*params, json.dumps(candidates), needed),
        )
        return {int(r["rowid"]): int(r["n"]) for r in counted}

    def _count_in_titles(
        self, terms: list[str], titles: dict[int, str], needed: int
    ) -> dict[int, int]:
        """How many of the bigrams each title contains (substring tests, in C)."""
        counts = {}
        for rowid, title in titles.items():
            folded = unicodedata.normalize("NFKC", title).lower()
            n = sum(1 for term in terms if term in folded)
            if n >= needed:
                counts[rowid] = n
        return counts
