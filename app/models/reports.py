"""Appeal analysis reports (诉求分析报告): periods, scopes, figures and rankings; hot spots and
repeated addresses are app.models.report_places.

Pure: the store counts, this module computes. Every figure is a ratio of two COUNTED SETS
of orders (see `COUNTED_SETS`), so each figure can be opened to the orders it counts. The
formulas of the three rates (三率) come from resources/policy/assessment.json, because they
differ between cities; docs/reports.md#configuring-the-formulas lists the vocabulary and
the defaults.

Which orders a report counts: the orders RECEIVED in the period (a cohort), in the scope.
Clock-dependent sets (`due`, `overdue_open`) are judged at the report's `as_of` time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from app.models.report_places import (
    AddressCount,
    HotSpot,
    HotSpotRule,
    Problem,
    hot_spots,
    repeated_problems,
)


class ReportError(ValueError):
    """A period, scope or assessment policy that cannot be understood."""


# ------------------------------------------------------------------------------ periods
class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    CUSTOM = "custom"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """[start, end) in local dates; `end` is exclusive."""

    kind: PeriodKind
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ReportError("a period must end after it starts")

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(PeriodKind.DAY, day, day + timedelta(days=1))

    @classmethod
    def week(cls, day: date) -> Period:
        """The ISO week (Monday to Sunday) holding `day`."""
        monday = day - timedelta(days=day.weekday())
        return cls(PeriodKind.WEEK, monday, monday + timedelta(days=7))

    @classmethod
    def month(cls, day: date) -> Period:
        first = day.replace(day=1)
        return cls(PeriodKind.MONTH, first, _add_months(first, 1))

    @classmethod
    def custom(cls, first: date, last: date) -> Period:
        """From `first` to `last`, both included."""
        return cls(PeriodKind.CUSTOM, first, last + timedelta(days=1))

    @classmethod
    def parse(cls, text: str) -> Period:
        """2026-11 (month), 2026-W47 (ISO week), 2026-11-27 (day), 2026-11-01..2026-11-15."""
        text = text.strip()
        try:
            if ".." in text:
                first, _, last = text.partition("..")
                return cls.custom(date.fromisoformat(first.strip()), date.fromisoformat(last))
            if m := re.fullmatch(r"(\d{4})-W(\d{1,2})", text, re.IGNORECASE):
                return cls.week(date.fromisocalendar(int(m[1]), int(m[2]), 1))
            if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
                return cls.month(date(int(m[1]), int(m[2]), 1))
            return cls.day(date.fromisoformat(text))
        except ValueError as exc:
            raise ReportError(f"not a period: {text!r} ({exc})") from exc

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    def previous(self, n: int = 1) -> Period:
        """The period of the same kind `n` periods earlier (custom: the same length)."""
        if self.kind is PeriodKind.MONTH:
            start = _add_months(self.start, -n)
            return Period(self.kind, start, _add_months(start, 1))
        shift = timedelta(days=self.days * n)
        return Period(self.kind, self.start - shift, self.end - shift)

    def elapsed(self, as_of: date) -> int:
        """How many of the period's days have begun by `as_of` (1 … days): a running
        period has begun fewer than all of its days."""
        return max(1, min(self.days, (as_of - self.start).days + 1))

    def comparison(self, as_of: date) -> Period:
        """What this period is compared with at `as_of`: the previous period, or while this
        one is running, the same span of it (4 days of December: 1–4 November)."""
        previous = self.previous()
        elapsed = self.elapsed(as_of)
        if elapsed == self.days or as_of < self.start:  # over, or not begun: all of it
            return previous
        end = min(previous.start + timedelta(days=elapsed), previous.end)
        return Period(PeriodKind.CUSTOM, previous.start, end)

    def baseline(self, n: int) -> list[Period]:
        """The `n` periods before this one, nearest first."""
        return [self.previous(k) for k in range(1, n + 1)]

    def code(self) -> str:
        """The command-line form, which `parse` reads back."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind is PeriodKind.WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind is PeriodKind.DAY:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.last.isoformat()}"

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=k) for k in range(self.days)]


# -------------------------------------------------------------------------------- scope
class ScopeKind(StrEnum):
    CITY = "city"
    TOWN = "town"  # one 镇街: orders whose place is in it
    UNIT = "unit"  # one handling unit: orders it leads (主办)


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind = ScopeKind.CITY
    code: str = ""

    @classmethod
    def parse(cls, text: str) -> Scope:
        """city, town:xiaolan, unit:rsj."""
        kind, _, code = text.strip().partition(":")
        try:
            scope_kind = ScopeKind(kind.lower())
        except ValueError as exc:
            raise ReportError(f"not a scope: {text!r} (city, town:CODE, unit:CODE)") from exc
        if (scope_kind is ScopeKind.CITY) != (not code):
            raise ReportError(f"not a scope: {text!r} (city, town:CODE, unit:CODE)")
        return cls(scope_kind, code)

    def code_text(self) -> str:
        return "city" if self.kind is ScopeKind.CITY else f"{self.kind.value}:{self.code}"


# ------------------------------------------------------------------------ counted sets
# The fixed vocabulary a formula may use. "Dispatched" sets concern the handling units'
# work: they count orders dispatched to a unit (and, when the policy says so, not ruled
# unreasonable); follow-up sets count those orders' follow-up calls only.
COUNTED_SETS: Mapping[str, str] = {
    "received": "orders received in the period",
    "direct": "answered and closed on the first call (直接办结)",
    "dispatched": "dispatched to a handling unit",
    "signed": "dispatched and signed for by the lead unit",
    "signed_in_time": "signed for within the sign limit (policy stage days, never after "
    "the reply deadline)",
    "contacted": "dispatched, and the unit contacted the appellant",
    "signed_in_time_and_contacted": "signed for in time and the appellant contacted",
    "returned": "dispatched and returned (退单) at least once",
    "extended": "dispatched and given an extension (延期) at least once",
    "due": "dispatched and either closed or past its reply deadline at the report time",
    "closed": "dispatched and closed (办结)",
    "closed_on_time": "dispatched and closed no later than its reply deadline",
    "closed_late": "dispatched and closed after its reply deadline",
    "overdue_open": "still open and past its reply deadline at the report time",
    "followed_up": "dispatched, and the follow-up call reached the appellant",
    "resolved": "followed up, and the appellant said the matter is resolved",
    "satisfied": "followed up, and the appellant answered 满意",
    "satisfied_or_basic": "followed up, and the appellant answered 满意 or 基本满意",
    "first_satisfied_or_basic": "followed up, and the FIRST answer was 满意 or 基本满意",
    "unsatisfied": "followed up, and the appellant answered 不满意",
    "reopened": "sent back for handling again (重新办理) at least once",
    "unreasonable": "ruled an unreasonable appeal (不合理诉求)",
    "merged": "merged (并单) into another order",
    "transferred": "transferred (转办) to 110/119/120/122, another city or the province",
}

Counts = Mapping[str, int]


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(COUNTED_SETS, 0)


def add_counts(parts: Iterable[Counts]) -> dict[str, int]:
    total = empty_counts()
    for part in parts:
        for name, value in part.items():
            total[name] = total.get(name, 0) + int(value)
    return total


# ----------------------------------------------------------------------------- figures
class FigureId(StrEnum):
    DIRECT = "direct_rate"  # 直接办结率
    ON_TIME = "on_time_rate"  # 按时办结率
    RETURN = "return_rate"  # 退单率
    RESPONSE = "response_rate"  # 响应率
    RESOLUTION = "resolution_rate"  # 解决率
    SATISFACTION = "satisfaction_rate"  # 满意率


THREE_RATES = (FigureId.RESPONSE, FigureId.RESOLUTION, FigureId.SATISFACTION)
# A higher value is better, except for the return rate.
LOWER_IS_BETTER = frozenset({FigureId.RETURN})


@dataclass(frozen=True)
class Formula:
    numerator: str
    denominator: str


DEFAULT_FORMULAS: Mapping[FigureId, Formula] = {
    FigureId.DIRECT: Formula("direct", "received"),
    FigureId.ON_TIME: Formula("closed_on_time", "due"),
    FigureId.RETURN: Formula("returned", "dispatched"),
    FigureId.RESPONSE: Formula("signed_in_time_and_contacted", "dispatched"),
    FigureId.RESOLUTION: Formula("resolved", "followed_up"),
    FigureId.SATISFACTION: Formula("satisfied_or_basic", "followed_up"),
}

_POLICY_KEYS = {
    "response": FigureId.RESPONSE,
    "resolution": FigureId.RESOLUTION,
    "satisfaction": FigureId.SATISFACTION,
    "direct": FigureId.DIRECT,
    "on_time": FigureId.ON_TIME,
    "return": FigureId.RETURN,
}


@dataclass(frozen=True)
class AssessmentPolicy:
    formulas: Mapping[FigureId, Formula] = field(default_factory=lambda: dict(DEFAULT_FORMULAS))
    exclude_unreasonable: bool = True  # orders ruled unreasonable leave the dispatched sets
    rank_by: tuple[FigureId, ...] = THREE_RATES  # units ranked by the mean of these
    min_dispatched_to_rank: int = 5  # fewer dispatched orders: listed, not ranked
    hot_spots: HotSpotRule = field(default_factory=HotSpotRule)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AssessmentPolicy:
        """Read resources/policy/assessment.json; unknown set or figure names are errors."""
        formulas = dict(DEFAULT_FORMULAS)
        for key, spec in (data.get("formulas") or {}).items():
            if key.startswith("_"):
                continue
            figure = _POLICY_KEYS.get(key)
            if figure is None:
                raise ReportError(f"unknown figure {key!r} (one of {', '.join(_POLICY_KEYS)})")
            formula = Formula(str(spec.get("numerator", "")), str(spec.get("denominator", "")))
            for name in (formula.numerator, formula.denominator):
                if name not in COUNTED_SETS:
                    raise ReportError(f"{key}: unknown counted set {name!r}")
            formulas[figure] = formula
        rank = tuple(
            _POLICY_KEYS[k] for k in data.get("rank_by", ("response", "resolution", "satisfaction"))
        )
        hot = data.get("hot_spots") or {}
        return cls(
            formulas=formulas,
            exclude_unreasonable=bool(data.get("exclude_unreasonable", True)),
            rank_by=rank,
            min_dispatched_to_rank=int(data.get("min_dispatched_to_rank", 5)),
            hot_spots=HotSpotRule(
                ratio=float(hot.get("ratio", 2.5)),
                min_count=int(hot.get("min_count", 10)),
                baseline_periods=int(hot.get("baseline_periods", 3)),
                repeat_min=int(hot.get("repeat_min", 3)),
            ),
        )


@dataclass(frozen=True)
class Figure:
    id: FigureId
    numerator: int
    denominator: int
    formula: Formula

    @property
    def value(self) -> float | None:
        """The rate in 0..1, or None when nothing was counted (never a fake 0 % or 100 %)."""
        return self.numerator / self.denominator if self.denominator else None


def figures(counts: Counts, policy: AssessmentPolicy) -> dict[FigureId, Figure]:
    return {
        fid: Figure(fid, int(counts.get(f.numerator, 0)), int(counts.get(f.denominator, 0)), f)
        for fid, f in ((fid, policy.formulas[fid]) for fid in FigureId)
    }


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change (0.25 = +25 %); None when there is nothing to compare with."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous


# ------------------------------------------------------------------------ unit ranking
@dataclass(frozen=True)
class UnitRow:
    unit: str
    counts: Counts
    figures: Mapping[FigureId, Figure]
    score: float | None  # mean of the policy's rank_by figures
    rank: int | None  # 1 = best; None when too few orders to rank


def rank_units(by_unit: Mapping[str, Counts], policy: AssessmentPolicy) -> list[UnitRow]:
    """Units with dispatched orders, best first; units under the minimum come last, unranked.

    Ties share a rank (1, 2, 2, 4); among equals the unit with more orders is listed first.
    """
    rows = []
    for unit, counts in by_unit.items():
        if not unit or not counts.get("dispatched"):
            continue
        figs = figures(counts, policy)
        values = [figs[f].value for f in policy.rank_by]
        known = [v for v in values if v is not None]
        score = sum(known) / len(known) if known else None
        rows.append((unit, counts, figs, score))
    ranked = [
        r
        for r in rows
        if r[3] is not None and r[1].get("dispatched", 0) >= policy.min_dispatched_to_rank
    ]
    unranked = [r for r in rows if r not in ranked]
    ranked.sort(key=lambda r: (-(r[3] or 0.0), -r[1].get("dispatched", 0), r[0]))
    unranked.sort(key=lambda r: (-r[1].get("dispatched", 0), r[0]))
    result: list[UnitRow] = []
    previous: float | None = None
    rank = 0
    for position, (unit, counts, figs, score) in enumerate(ranked, start=1):
        if score is None or previous is None or round(score, 9) != round(previous, 9):
            rank = position
        previous = score
        result.append(UnitRow(unit, counts, figs, score, rank))
    result += [UnitRow(u, c, f, s, None) for u, c, f, s in unranked]
    return result


@dataclass(frozen=True)
class OverdueRow:
    unit: str
    overdue_open: int
    closed_late: int
    due: int

    @property
    def late_total(self) -> int:
        return self.overdue_open + self.closed_late


def overdue_by_unit(by_unit: Mapping[str, Counts]) -> list[OverdueRow]:
    rows = [
        OverdueRow(
            unit, int(c.get("overdue_open", 0)), int(c.get("closed_late", 0)), int(c.get("due", 0))
        )
        for unit, c in by_unit.items()
        if unit and (c.get("overdue_open") or c.get("closed_late"))
    ]
    rows.sort(key=lambda r: (-r.late_total, -r.overdue_open, r.unit))
    return rows


# -------------------------------------------------------------------------- the report
MIX_DIMENSIONS = ("appeal_type", "category", "channel", "town", "lead_unit")


@dataclass(frozen=True)
class ReportInput:
    """What the store counted (app.store.reports.queries builds it)."""

    period: Period
    scope: Scope
    as_of: datetime
    by_unit: Mapping[str, Counts]  # every counted set, per lead unit ("" = not dispatched)
    previous_by_unit: Mapping[str, Counts]
    mix: Mapping[str, Mapping[str, int]]  # dimension → value → orders received
    previous_mix: Mapping[str, Mapping[str, int]]
    daily: Mapping[date, int]  # orders received per day of the period
    previous_daily: Mapping[date, int]
    spots_current: Mapping[tuple[str, str], int]  # (category, town) → orders
    spots_baseline: Sequence[Mapping[tuple[str, str], int]]
    baseline_periods: Sequence[Period]
    addresses: Sequence[AddressCount]
    town_names: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # what previous_by_unit and previous_mix count: period.comparison(as_of); None for the
    # whole previous period (previous_daily is always the whole previous period)
    comparison: Period | None = None


@dataclass(frozen=True)
class MixRow:
    value: str
    count: int
    share: float
    previous: int


@dataclass(frozen=True)
class Report:
    period: Period
    scope: Scope
    as_of: datetime
    policy: AssessmentPolicy
    comparison: Period  # what the "previous" figures count: see Period.comparison
    totals: Counts
    previous_totals: Counts
    figures: Mapping[FigureId, Figure]
    previous_figures: Mapping[FigureId, Figure]
    mix: Mapping[str, list[MixRow]]
    daily: list[tuple[date, int]]
    previous_daily: list[tuple[date, int]]
    units: list[UnitRow]
    overdue: list[OverdueRow]
    hot_spots: list[HotSpot]
    problems: list[Problem]

    @property
    def running(self) -> bool:
        """Still running at `as_of`: compared with the same span of the previous period."""
        return self.comparison != self.period.previous()

    @property
    def volume(self) -> int:
        return int(self.totals.get("received", 0))

    @property
    def previous_volume(self) -> int:
        return int(self.previous_totals.get("received", 0))

    @property
    def volume_change(self) -> float | None:
        return change(float(self.volume), float(self.previous_volume))


def mix_rows(current: Mapping[str, int], previous: Mapping[str, int]) -> list[MixRow]:
    total = sum(current.values())
    rows = [
        MixRow(value, count, count / total if total else 0.0, int(previous.get(value, 0)))
        for value, count in current.items()
        if count
    ]
    rows.sort(key=lambda r: (-r.count, r.value))
    return rows


def build_report(data: ReportInput, policy: AssessmentPolicy) -> Report:
    totals = add_counts(data.by_unit.values())
    previous = add_counts(data.previous_by_unit.values())
    rule = policy.hot_spots
    return Report(
        period=data.period,
        scope=data.scope,
        as_of=data.as_of,
        policy=policy,
        comparison=data.comparison or data.period.previous(),
        totals=totals,
        previous_totals=previous,
        figures=figures(totals, policy),
        previous_figures=figures(previous, policy),
        mix={
            d: mix_rows(data.mix.get(d, {}), data.previous_mix.get(d, {})) for d in MIX_DIMENSIONS
        },
        daily=[(day, int(data.daily.get(day, 0))) for day in data.period.dates()],
        previous_daily=[
            (day, int(data.previous_daily.get(day, 0))) for day in data.period.previous().dates()
        ],
        units=rank_units(data.by_unit, policy),
        overdue=overdue_by_unit(data.by_unit),
        hot_spots=hot_spots(
            data.spots_current,
            data.spots_baseline,
            data.period.elapsed(data.as_of.date()),  # a running period: its days so far
            [p.days for p in data.baseline_periods],
            rule,
        ),
        problems=repeated_problems(data.addresses, rule.repeat_min, data.town_names),
    )
