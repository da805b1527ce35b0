"""Which unit should lead an order: the dispatch catalogue, then where similar orders went.

The catalogue (派单目录, category × 镇街, falling back to the citywide rule) comes first.
Then the units that past orders of the same category in the same 镇街 ended up with (the
projection's lead_unit is the unit after any re-dispatch, i.e. where the order stayed),
read from the (category, town, received_at, lead_unit) index alone. Suggestions the rules
would refuse (a 村居 as lead, a functional matter pushed down to grassroots) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.models.policy import Policy
from app.store.db import Database


@dataclass(frozen=True)
class Suggestion:
    lead: str
    assists: tuple[str, ...]
    source: str  # "catalogue" or "history"
    count: int = 0  # past orders that went to this unit
    share: float = 0.0  # their share of the past orders counted


class DispatchSuggester:
    def __init__(self, database: Database, policy: Policy) -> None:
        self.database = database
        self.policy = policy

    def allowed_lead(self, unit: str, category: str, town: str) -> bool:
        info = self.policy.unit_info(unit)
        if info is None or info.assist_only:
            return False
        return not (info.grassroots and self.policy.functional_matter(category, town))

    def suggest(
        self, category: str, town: str, now: datetime, days: int = 365, limit: int = 4
    ) -> list[Suggestion]:
        result: list[Suggestion] = []
        entry = self.policy.catalogue_entry(category, town) if category else None
        if entry is not None and self.allowed_lead(entry.lead, category, town):
            assists = tuple(a for a in entry.assist if self.policy.unit_info(a) is not None)
            result.append(Suggestion(entry.lead, assists, "catalogue"))
        for lead, count, share in self.history(category, town, now, days):
            if len(result) >= limit:
                break
            if any(s.lead == lead for s in result):
                result = [
                    Suggestion(s.lead, s.assists, s.source, count, share) if s.lead == lead else s
                    for s in result
                ]
            elif self.allowed_lead(lead, category, town):
                result.append(Suggestion(lead, (), "history", count, share))
        return result

    def history(
        self, category: str, town: str, now: datetime, days: int
    ) -> list[tuple[str, int, float]]:
        """(lead unit, orders, share) of past orders of this category, here or citywide."""
        if not category:
            return []
        since = (now - timedelta(days=days)).isoformat()
        rows = self.database.query(
            "SELECT lead_unit, COUNT(*) AS n FROM orders "
            "WHERE category = ? AND town = ? AND received_at >= ? AND lead_unit != '' "
            "GROUP BY lead_unit ORDER BY n DESC LIMIT 8",
            (category, town, since),
        )
        if not rows:
            rows = self.database.query(
                "SELECT lead_unit, COUNT(*) AS n FROM orders INDEXED BY orders_category_town "
                "WHERE category = ? AND received_at >= ? AND lead_unit != '' "
                "GROUP BY lead_unit ORDER BY n DESC LIMIT 8",
                (category, since),
            )
        total = sum(int(r["n"]) for r in rows) or 1
        return [(str(r["lead_unit"]), int(r["n"]), int(r["n"]) / total) for r in rows]
