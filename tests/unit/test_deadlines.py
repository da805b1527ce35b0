from __future__ import annotations

from datetime import date, datetime

import pytest
from chinese_calendar import is_workday

from app.models.clock import CHINA
from app.models.deadlines import (
    ReplyLimits,
    WorkCalendar,
    add_working_days,
    extend,
    reply_deadline,
    uncovered_years,
    working_days_left,
)
from app.models.enums import AppealType, Urgency
from app.resources import load_json
from tests.support.builders import UP_TO_2026, covered_to_2026

LIMITS = ReplyLimits.from_policy(load_json("policy/reply_limits.json"))
CALENDAR = WorkCalendar.from_policy(load_json("policy/holidays.json"), is_workday)


def at(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, tzinfo=CHINA)


def test_enquiry_two_working_days_over_a_weekend() -> None:
    # Friday 2026-11-27 → Monday, Tuesday
    due = reply_deadline(at(2026, 11, 27), AppealType.ENQUIRY, Urgency.NORMAL, LIMITS, CALENDAR)
    assert due.due.date() == date(2026, 12, 1)
    assert due.warning == ""


def test_national_day_holiday_is_skipped() -> None:
    # 2026-09-30 (Wed): 1–7 October are holidays; 10 October (Sat) is a make-up workday.
    result = add_working_days(date(2026, 9, 30), 2, CALENDAR)
    assert result.day == date(2026, 10, 9)
    result = add_working_days(date(2026, 9, 30), 3, CALENDAR)
    assert result.day == date(2026, 10, 10)  # Saturday, but a working day (调休)


def test_weekend_only_count_would_be_wrong() -> None:
    weekends_only = WorkCalendar()
    assert add_working_days(date(2026, 9, 30), 2, weekends_only).day == date(2026, 10, 2)


def test_year_without_calendar_warns() -> None:
    due = reply_deadline(at(2026, 12, 28), AppealType.COMPLAINT, Urgency.NORMAL, LIMITS, UP_TO_2026)
    assert due.due.year == 2027
    assert "2027" in due.warning


def test_city_holidays_file_overrides_the_package() -> None:
    calendar = WorkCalendar.from_policy(
        {"years": {"2027": {"published": True, "holidays": ["2027-01-04"], "workdays": []}}},
        covered_to_2026,
    )
    result = add_working_days(date(2027, 1, 1), 1, calendar)  # Fri → (Mon 4th is a holiday)
    assert result.day == date(2027, 1, 5)
    assert not result.uncovered_years


def test_unpublished_year_is_ignored() -> None:
    assert not UP_TO_2026.covers(2027)  # the holidays file lists 2027 as not yet published
    assert CALENDAR.covers(2026)


def test_critical_urgency_runs_in_hours() -> None:
    due = reply_deadline(at(2026, 11, 27), AppealType.HELP, Urgency.CRITICAL, LIMITS, CALENDAR)
    assert due.due == at(2026, 11, 27, 12)
    assert due.hours == 2


def test_every_type_has_a_limit() -> None:
    with pytest.raises(ValueError, match="missing"):
        ReplyLimits.from_policy({"working_days": {"咨询": 2}})


def test_extension_and_days_left() -> None:
    base = at(2026, 12, 1, 23)
    assert extend(base, 5, CALENDAR).due.date() == date(2026, 12, 8)
    assert working_days_left(at(2026, 11, 27), base, CALENDAR) == 2
    assert working_days_left(at(2026, 12, 3), base, CALENDAR) < 0


# ---- the fallback warning travels with every deadline a step sets -----------------------


def test_an_extension_into_an_uncovered_year_warns() -> None:
    # due Thursday 2026-12-31; five working days on reach into 2027 (1 January counted as
    # a working day by the weekend-only fallback): the new deadline says so
    base = at(2026, 12, 31, 23)
    new = extend(base, 5, UP_TO_2026, since=date(2026, 12, 10))
    assert new.due.year == 2027
    assert "2027" in new.warning
    # within a covered year no warning
    assert extend(at(2026, 12, 1, 23), 5, UP_TO_2026, since=date(2026, 11, 20)).warning == ""


def test_an_extension_of_a_deadline_already_counted_on_the_fallback_keeps_its_warning() -> None:
    # the intake's deadline was counted into 2027; an extension that adds only 2027 days
    # must still warn, however the extension itself was counted
    intake = reply_deadline(
        at(2026, 12, 28), AppealType.COMPLAINT, Urgency.NORMAL, LIMITS, UP_TO_2026
    )
    assert "2027" in intake.warning
    new = extend(intake.due, 3, UP_TO_2026, since=date(2026, 12, 28))
    assert new.warning == intake.warning


def test_uncovered_years_of_a_span() -> None:
    assert uncovered_years(date(2026, 12, 31), date(2026, 12, 31), UP_TO_2026) == frozenset()
    assert uncovered_years(date(2026, 12, 30), date(2028, 1, 3), UP_TO_2026) == {2027, 2028}
