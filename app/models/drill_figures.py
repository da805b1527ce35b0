"""Drill figures for the operator and the trainer: accuracy and median time per trainee
and category, and the scenarios missed most (知识库练习统计)."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.models.drills import Attempt


@dataclass(frozen=True)
class Figures:
    """Accuracy and median time of a group of attempts."""

    user: str
    category: str
    attempts: int
    correct: int
    median_seconds: float

    @property
    def accuracy(self) -> float:
        return self.correct / self.attempts if self.attempts else 0.0


def figures(attempts: Iterable[Attempt], *, by_user: bool = True) -> list[Figures]:
    """Per trainee (when `by_user`) and category, sorted by trainee then category."""
    groups: dict[tuple[str, str], list[Attempt]] = defaultdict(list)
    for a in attempts:
        groups[(a.user if by_user else "", a.category)].append(a)
    return [
        Figures(
            user=user,
            category=category,
            attempts=len(items),
            correct=sum(1 for a in items if a.correct),
            median_seconds=float(statistics.median(a.seconds for a in items)),
        )
        for (user, category), items in sorted(groups.items())
    ]


@dataclass(frozen=True)
class Missed:
    scenario_id: str
    set_name: str
    text: str
    attempts: int
    misses: int
    common_wrong: str  # the article most often picked instead ("" when none)

    @property
    def miss_rate(self) -> float:
        return self.misses / self.attempts if self.attempts else 0.0


def most_missed(attempts: Iterable[Attempt], limit: int = 20) -> list[Missed]:
    """Scenarios by number of misses, then miss rate; never-missed ones are left out."""
    groups: dict[str, list[Attempt]] = defaultdict(list)
    for a in attempts:
        groups[a.scenario_id].append(a)
    rows = []
    for scenario_id, items in groups.items():
        misses = [a for a in items if not a.correct]
        if not misses:
            continue
        wrong = Counter(a.article for a in misses if not a.article_ok and a.article)
        latest = max(items, key=lambda a: a.answered_at)
        rows.append(
            Missed(
                scenario_id=scenario_id,
                set_name=latest.set_name,
                text=latest.text,
                attempts=len(items),
                misses=len(misses),
                common_wrong=wrong.most_common(1)[0][0] if wrong else "",
            )
        )
    rows.sort(key=lambda m: (-m.misses, -m.miss_rate, m.scenario_id))
    return rows[:limit]
