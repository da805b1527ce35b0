"""Deadlines in working days, honouring China's statutory holidays and make-up workdays.

The calendar has three sources, in order: the city's holidays file (updated each year when
the State Council publishes the next year's holidays), the `chinesecalendar` package (which
covers 2004–2026 only), and, for a year neither covers, weekends alone, with a warning that
is shown next to every deadline computed from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from app.models.enums import AppealType, Urgency

PackageLookup = Callable[[date], bool]  # raises NotImplementedError for an uncovered year


@dataclass(frozen=True)
class YearOverride:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()  # 调休: weekend days that are working days


@dataclass
class WorkCalendar:
    overrides: Mapping[int, YearOverride] = field(default_factory=dict)
    package: PackageLookup | None = None
    # The package checks every date against its whole table; a deadline walks up to 20
    # days, so the answers are remembered.
    _known: dict[date, tuple[bool, bool]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # Counting 15 working days still walks three weeks of dates; the central store counts
    # one for every intake it is pushed, all from a handful of receipt days.
    _counted: dict[tuple[date, int], WorkdayResult] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_policy(cls, data: Mapping[str, Any], package: PackageLookup | None) -> WorkCalendar:
        years = {}
        for year, spec in (data.get("years") or {}).items():
            if not spec.get("published", True):
                continue
            years[int(year)] = YearOverride(
                holidays=frozenset(date.fromisoformat(d) for d in spec.get("holidays", ())),
                workdays=frozenset(date.fromisoformat(d) for d in spec.get("workdays", ())),
            )
        return cls(overrides=years, package=package)

    def is_workday(self, day: date) -> tuple[bool, bool]:
        """(is a working day, the year is covered by a published calendar)."""
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._lookup(day)
        return known

    def _lookup(self, day: date) -> tuple[bool, bool]:
        override = self.overrides.get(day.year)
        if override is not None:
            if day in override.holidays:
                return False, True
            if day in override.workdays:
                return True, True
            return day.weekday() < 5, True
        if self.package is not None:
            try:
                return bool(self.package(day)), True
            except NotImplementedError:
                pass
        return day.weekday() < 5, False

    def covers(self, year: int) -> bool:
        return self.is_workday(date(year, 1, 2))[1]


def uncovered_years(after: date, through: date, calendar: WorkCalendar) -> frozenset[int]:
    """The years of the days in (after, through] that no published calendar covers."""
    first = (after + timedelta(days=1)).year
    return frozenset(y for y in range(first, through.year + 1) if not calendar.covers(y))


def uncovered_warning(years: AbstractSet[int]) -> str:
    if not years:
        return ""
    listed = "、".join(str(y) for y in sorted(years))
    return f"{listed}年节假日安排未收录，期限按周末推算，可能不准确"


@dataclass(frozen=True)
class WorkdayResult:
    day: date
    uncovered_years: frozenset[int]


def add_working_days(start: date, days: int, calendar: WorkCalendar) -> WorkdayResult:
    """The `days`-th working day after `start` (the day of receipt does not count)."""
    known = calendar._counted.get((start, days))
    if known is None:
        known = calendar._counted[(start, days)] = _count_working_days(start, days, calendar)
    return known


def _count_working_days(start: date, days: int, calendar: WorkCalendar) -> WorkdayResult:
    day = start
    uncovered: set[int] = set()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        working, covered = calendar.is_workday(day)
        if not covered:
            uncovered.add(day.year)
        if working:
            counted += 1
    return WorkdayResult(day, frozenset(uncovered))


def working_days_between(start: date, end: date, calendar: WorkCalendar) -> int:
    """Working days after `start` up to and including `end`; negative when end < start."""
    if end < start:
        return -working_days_between(end, start, calendar)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if calendar.is_workday(day)[0]:
            count += 1
    return count


@dataclass(frozen=True)
class ReplyLimits:
    """Reply limits per appeal type, from the policy file the city maintains."""

    working_days: Mapping[AppealType, int]
    urgent_hours: Mapping[Urgency, int]
    # Working days allowed for the steps before the reply: "dispatch" (from receipt) and
    # "sign" (from dispatch). The city sets them in the same policy file.
    stages: Mapping[str, int] = field(default_factory=lambda: {"dispatch": 1, "sign": 1})

    @classmethod
    def from_policy(cls, data: Mapping[str, Any]) -> ReplyLimits:
        days = {AppealType(k): int(v) for k, v in data["working_days"].items()}
        missing = set(AppealType) - set(days)
        if missing:
            raise ValueError(f"reply limits missing for {sorted(m.value for m in missing)}")
        hours = {Urgency(k): int(v) for k, v in (data.get("urgent_hours") or {}).items()}
        stages = {"dispatch": 1, "sign": 1}
        stages.update({k: int(v) for k, v in (data.get("stage_working_days") or {}).items()})
        return cls(working_days=days, urgent_hours=hours, stages=stages)


@dataclass(frozen=True)
class Deadline:
    due: datetime
    working_days: int
    hours: int = 0
    warning: str = ""


END_OF_DAY = time(23, 59, 59)


def reply_deadline(
    received: datetime,
    appeal_type: AppealType,
    urgency: Urgency,
    limits: ReplyLimits,
    calendar: WorkCalendar,
) -> Deadline:
    """When the reply is due. Urgent matters run in clock hours; the rest in working days."""
    days = limits.working_days[appeal_type]
    result = add_working_days(received.date(), days, calendar)
    due = datetime.combine(result.day, END_OF_DAY, tzinfo=received.tzinfo)
    warning = uncovered_warning(result.uncovered_years)
    hours = limits.urgent_hours.get(urgency, 0)
    if hours:
        by_hours = received + timedelta(hours=hours)
        if by_hours < due:
            return Deadline(due=by_hours, working_days=0, hours=hours)
    return Deadline(due=due, working_days=days, warning=warning)


def extend(
    deadline: datetime, days: int, calendar: WorkCalendar, since: date | None = None
) -> Deadline:
    """The deadline moved on by `days` working days (an approved extension).

    `since`: the day the current deadline was counted from (the order's receipt, or its
    reopening). The new deadline is only as sure as every day counted up to it, so its
    warning names each uncovered year from there on, not only those the extension adds."""
    result = add_working_days(deadline.date(), days, calendar)
    due = datetime.combine(result.day, deadline.time(), tzinfo=deadline.tzinfo)
    years = result.uncovered_years
    if since is not None:
        years = years | uncovered_years(since, result.day, calendar)
    return Deadline(due=due, working_days=days, warning=uncovered_warning(years))


def working_days_left(now: datetime, due: datetime, calendar: WorkCalendar) -> int:
    """Whole working days from today to the due day; 0 on the due day, negative once past."""
    if now > due:
        return -max(1, working_days_between(due.date(), now.date(), calendar))
    return working_days_between(now.date(), due.date(), calendar)
