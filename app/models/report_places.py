"""Where appeals gather (热点): categories and places far above their own baseline, and
repeated appeals about one address shown as one problem. Pure, as app.models.reports."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class HotSpotRule:
    ratio: float = 2.5  # this period's daily volume ÷ the baseline's daily mean
    min_count: int = 10  # and at least this many orders in the period
    baseline_periods: int = 3  # how many earlier periods of the same kind form the baseline
    repeat_min: int = 3  # orders about one address that make it "one problem" worth a row


# --------------------------------------------------------------------------- hot spots
class SpotLevel(StrEnum):
    CATEGORY_TOWN = "category_town"  # 停水 in 小榄
    CATEGORY = "category"  # 停水 citywide
    TOWN = "town"  # everything in 小榄


@dataclass(frozen=True)
class HotSpot:
    level: SpotLevel
    category: str  # "" for a town-level spot
    town: str  # "" for a category-level spot
    count: int
    baseline_per_day: float
    ratio: float | None  # None: nothing at all in the baseline

    def key(self) -> tuple[str, str, str]:
        return (self.level.value, self.category, self.town)


def hot_spots(
    current: Mapping[tuple[str, str], int],
    baseline: Sequence[Mapping[tuple[str, str], int]],
    days: int,
    baseline_days: Sequence[int],
    rule: HotSpotRule,
) -> list[HotSpot]:
    """Categories, places and category × place whose volume is far above their own baseline.

    `current` and each `baseline[k]` map (category, town) to a count; `days` and
    `baseline_days[k]` are the lengths of the periods (months differ, so volume is compared
    per day). A key is hot when it has at least `rule.min_count` orders and its daily volume
    is at least `rule.ratio` × its baseline's daily mean. Strongest first.
    """
    if len(baseline) != len(baseline_days):
        raise ValueError("one length per baseline period")
    spots: list[HotSpot] = []
    total_days = sum(baseline_days)
    for level in SpotLevel:
        cur = _roll_up(current, level)
        past = [_roll_up(b, level) for b in baseline]
        for (category, town), count in cur.items():
            if count < rule.min_count:
                continue
            before = sum(p.get((category, town), 0) for p in past)
            per_day = before / total_days if total_days else 0.0
            now_per_day = count / days
            if per_day == 0:
                ratio = None
            else:
                ratio = now_per_day / per_day
                if ratio < rule.ratio:
                    continue
            spots.append(HotSpot(level, category, town, count, per_day, ratio))
    # no baseline at all first (new), then by ratio, then by volume
    spots.sort(key=lambda s: (s.ratio is not None, -(s.ratio or 0.0), -s.count, s.key()))
    return spots


def _roll_up(counts: Mapping[tuple[str, str], int], level: SpotLevel) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for (category, town), n in counts.items():
        if level is SpotLevel.CATEGORY:
            key = (category, "")
        elif level is SpotLevel.TOWN:
            key = ("", town)
        else:
            key = (category, town)
        out[key] = out.get(key, 0) + n
    return out


# ----------------------------------------------------------------- repeated addresses
def address_key(town: str, address: str, town_names: Sequence[str] = ()) -> str:
    """One problem's place: full-width forms folded, spaces, the 镇街's own name in front
    and a trailing building or room dropped.

    "小榄镇 升平路１２号３０１房", "小榄升平路12号" and "升平路12号" are one place in 小榄
    (with town_names ("小榄镇", "小榄")).
    """
    text = unicodedata.normalize("NFKC", address)
    text = re.sub(r"[\s,，。.、()（）\-—]+", "", text)
    for name in sorted(town_names, key=len, reverse=True):
        if name and text.startswith(name):
            text = text[len(name) :]
            break
    text = re.sub(r"(\d+号).*$", r"\1", text)
    text = re.sub(r"\d+(室|房)$", "", text)
    return f"{town}|{text}"


@dataclass(frozen=True)
class AddressCount:
    """How many orders of one category named one address (as written) in the period."""

    town: str
    address: str
    category: str
    count: int


@dataclass(frozen=True)
class Problem:
    """Repeated appeals about one place, shown as one problem."""

    town: str
    address: str  # the most frequent spelling
    categories: tuple[str, ...]  # most frequent first
    count: int
    spellings: tuple[str, ...]


def repeated_problems(
    rows: Iterable[AddressCount],
    min_count: int,
    town_names: Mapping[str, Sequence[str]] | None = None,
) -> list[Problem]:
    """`town_names`: each 镇街's names as people write them before an address."""
    names = town_names or {}
    groups: dict[str, list[AddressCount]] = {}
    for row in rows:
        if row.address.strip():
            key = address_key(row.town, row.address, names.get(row.town, ()))
            groups.setdefault(key, []).append(row)
    problems = []
    for members in groups.values():
        total = sum(m.count for m in members)
        if total < min_count:
            continue
        by_spelling: dict[str, int] = {}
        by_category: dict[str, int] = {}
        for m in members:
            by_spelling[m.address] = by_spelling.get(m.address, 0) + m.count
            by_category[m.category] = by_category.get(m.category, 0) + m.count
        spellings = sorted(by_spelling, key=lambda s: (-by_spelling[s], s))
        categories = sorted(by_category, key=lambda c: (-by_category[c], c))
        problems.append(
            Problem(members[0].town, spellings[0], tuple(categories), total, tuple(spellings))
        )
    problems.sort(key=lambda p: (-p.count, p.town, p.address))
    return problems
