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

from app.store.db import Database
from app.store.orders import LIST_COLUMNS, OrderRow
from app.store.textindex import bigrams, is_cjk, runs

MAX_TERMS = 12
MIN_SHARE = 0.5  # share of the new title's bigrams an earlier order must contain
MAX_CANDIDATES = 5000


@dataclass(frozen=True)
class Duplicate:
    row: OrderRow
    same_caller: bool
    share: float  # 0…1: how much of the new title the earlier order's text contains


def terms_of(text: str) -> list[str]:
    """Distinct index tokens of `text` in order (CJK bigrams and ASCII words)."""
    seen: dict[str, None] = {}
    for run in runs(text):
        for token in bigrams(run) if is_cjk(run) else [run]:
            if len(token) > 1 or is_cjk(token):
                seen.setdefault(token, None)
    return list(seen)[:MAX_TERMS]


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
    ) -> list[Duplicate]:
        since = (now - timedelta(days=days)).isoformat()
        found: dict[str, Duplicate] = {}
        for row in self.same_caller(phone, since):
            found[row.id] = Duplicate(row, True, 0.0)
        text = title.strip() or content.strip()[:40]
        for row, share in self.similar(town, text, since):
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

    def similar(self, town: str, text: str, since: str) -> list[tuple[OrderRow, float]]:
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
        # One doclist walk per term from the oldest candidate on, intersected with the
        # candidates and counted inside SQLite (no per-row work in Python).
        union = " UNION ALL ".join(
            "SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? AND rowid >= ?" for _ in terms
        )
        params: list[object] = []
        for term in terms:
            params += ['"' + term + '"', min(candidates)]
        counted = self.database.query(
            f"SELECT rowid, COUNT(*) AS n FROM ({union}) "
            "WHERE rowid IN (SELECT value FROM json_each(?)) "
            "GROUP BY rowid HAVING n >= ? ORDER BY n DESC LIMIT 20",
            (*params, json.dumps(list(candidates)), needed),
        )
        result = [
            (OrderRow.from_row(candidates[int(r["rowid"])]), int(r["n"]) / len(terms))
            for r in counted
        ]
        result.sort(key=lambda pair: -pair[1])
        return result[:20]
