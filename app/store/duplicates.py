"""Likely duplicates of an appeal being typed at intake (并单 candidates).

Two signals, both cheap at 1,000,000 orders:

- the same caller within the last `days` days (the phone index);
- the same 镇街, still open, received within `days` days, whose title and content share
  most of the new title's CJK bigrams (the full-text index of textindex.py: one doclist
  lookup per bigram, restricted to the rowids of recent orders).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.store.db import Database
from app.store.orders import LIST_COLUMNS, OrderRow
from app.store.textindex import bigrams, is_cjk, runs

MAX_TERMS = 12
MIN_SHARE = 0.5  # share of the new title's bigrams an earlier order must contain
MAX_CANDIDATES = 5000
MAX_SPAN = 100_000  # rowids: wider than this, compare titles instead of walking doclists


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
        method: str = "auto",  # "index" or "titles" forces one way (tests, benchmark)
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
        self, town: str, text: str, since: str, method: str = "auto"
    ) -> list[tuple[OrderRow, float]]:
        """Recent open orders of the town sharing most of `text`'s bigrams, best first.

        Rows are numbered as they arrive, so the recent orders of a workstation sit in a
        narrow rowid range: then each bigram's doclist in the full-text index is walked over
        that range only (title and content, counted inside SQLite). When the range is wide
        (history pulled out of order, or the benchmark's chunked build) the titles of the
        candidates are compared instead, which costs the same whatever the range.
        """
        terms = terms_of(text)
        if not town or len(terms) < 2:
            return []
        rows = self.database.query(
            f"SELECT {LIST_COLUMNS} FROM orders WHERE town = ? AND received_at >= ? "
            "AND is_open = 1 ORDER BY received_at DESC LIMIT ?",
            (town, since, MAX_CANDIDATES),
        )
        if not rows:
            return []
        candidates = {int(r["rowid"]): r for r in rows}
        needed = max(2, int(len(terms) * MIN_SHARE + 0.999))
        low, high = min(candidates), max(candidates)
        if method == "index" or (method == "auto" and high - low < MAX_SPAN):
            counts = self._count_in_index(terms, candidates, low, high, needed)
        else:
            counts = self._count_in_titles(terms, candidates, needed)
        result = [
            (OrderRow.from_row(candidates[rowid]), n / len(terms)) for rowid, n in counts.items()
        ]
        result.sort(key=lambda pair: -pair[1])
        return result[:20]

    def _count_in_index(
        self, terms: list[str], candidates: dict[int, Any], low: int, high: int, needed: int
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
            (*params, json.dumps(list(candidates)), needed),
        )
        return {int(r["rowid"]): int(r["n"]) for r in counted}

    def _count_in_titles(
        self, terms: list[str], candidates: dict[int, Any], needed: int
    ) -> dict[int, int]:
        wanted = set(terms)
        counts = {}
        for rowid, row in candidates.items():
            n = len(wanted.intersection(terms_of(str(row["title"]), limit=64)))
            if n >= needed:
                counts[rowid] = n
        return counts
