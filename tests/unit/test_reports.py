"""Report formulas on small hand-made data sets whose answers are known."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime

import pytest

from app.models.clock import CHINA
from app.models.report_places import (
    AddressCount,
    HotSpotRule,
    SpotLevel,
    address_key,
    hot_spots,
    repeated_problems,
)
from app.models.reports import (
    COUNTED_SETS,
    AssessmentPolicy,
    FigureId,
    Period,
    PeriodKind,
    ReportError,
    ReportInput,
    Scope,
    ScopeKind,
    build_report,
    change,
    empty_counts,
    figures,
    overdue_by_unit,
    rank_units,
)
from app.resources import load_json


def counts(**values: int) -> dict[str, int]:
    c = empty_counts()
    c.update(values)
    return c


# ---- periods and scopes --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026-11", PeriodKind.MONTH, date(2026, 11, 1), date(2026, 12, 1)),
        ("2026-12", PeriodKind.MONTH, date(2026, 12, 1), date(2027, 1, 1)),
        ("2026-W47", PeriodKind.WEEK, date(2026, 11, 16), date(2026, 11, 23)),
        ("2026-11-27", PeriodKind.DAY, date(2026, 11, 27), date(2026, 11, 28)),
        ("2026-11-01..2026-11-15", PeriodKind.CUSTOM, date(2026, 11, 1), date(2026, 11, 16)),
    ],
)
def test_period_forms(text: str, kind: PeriodKind, start: date, end: date) -> None:
    period = Period.parse(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert Period.parse(period.code()) == period


def test_previous_periods() -> None:
    assert Period.parse("2026-03").previous() == Period.parse("2026-02")
    assert Period.parse("2026-01").previous() == Period.parse("2025-12")
    assert Period.parse("2026-W01").previous() == Period.parse("2025-W52")
    assert Period.parse("2026-03-01").previous() == Period.parse("2026-02-28")
    custom = Period.parse("2026-11-01..2026-11-15")
    assert custom.previous() == Period.parse("2026-10-17..2026-10-31")
    assert [p.code() for p in Period.parse("2026-11").baseline(3)] == [
        "2026-10",
        "2026-09",
        "2026-08",
    ]


@pytest.mark.parametrize("text", ["2026-13", "2026-W60", "soon", "2026-11-15..2026-11-01", ""])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ReportError):
        Period.parse(text)


def test_scopes() -> None:
    assert Scope.parse("city") == Scope()
    assert Scope.parse("town:xiaolan") == Scope(ScopeKind.TOWN, "xiaolan")
    assert Scope.parse("unit:rsj").code_text() == "unit:rsj"
    for bad in ("town", "city:x", "district:1"):
        with pytest.raises(ReportError):
            Scope.parse(bad)


# ---- figures -------------------------------------------------------------------------
def test_default_formulas_on_known_counts() -> None:
    c = counts(
        received=200,
        direct=120,
        dispatched=80,
        signed_in_time_and_contacted=60,
        returned=4,
        due=50,
        closed_on_time=45,
        followed_up=40,
        resolved=30,
        satisfied=20,
        satisfied_or_basic=36,
    )
    f = figures(c, AssessmentPolicy())
    assert f[FigureId.DIRECT].value == pytest.approx(0.6)
    assert f[FigureId.RESPONSE].value == pytest.approx(0.75)
    assert f[FigureId.RETURN].value == pytest.approx(0.05)
    assert f[FigureId.ON_TIME].value == pytest.approx(0.9)
    assert f[FigureId.RESOLUTION].value == pytest.approx(0.75)
    assert f[FigureId.SATISFACTION].value == pytest.approx(0.9)


def test_formula_configured_from_policy_file() -> None:
    policy = AssessmentPolicy.from_data(
        {"formulas": {"satisfaction": {"numerator": "satisfied", "denominator": "followed_up"}}}
    )
    f = figures(counts(followed_up=40, satisfied=20, satisfied_or_basic=36), policy)
    assert f[FigureId.SATISFACTION].value == pytest.approx(0.5)
    assert f[FigureId.RESOLUTION].formula.numerator == "resolved"  # the default stays


def test_policy_rejects_unknown_names() -> None:
    with pytest.raises(ReportError, match="counted set"):
        AssessmentPolicy.from_data(
            {"formulas": {"response": {"numerator": "x", "denominator": "dispatched"}}}
        )
    with pytest.raises(ReportError, match="unknown figure"):
        AssessmentPolicy.from_data({"formulas": {"speed": {}}})


def test_shipped_policy_file_uses_the_vocabulary() -> None:
    data = load_json("policy/assessment.json")
    policy = AssessmentPolicy.from_data(data)
    for formula in policy.formulas.values():
        assert formula.numerator in COUNTED_SETS and formula.denominator in COUNTED_SETS
    assert json.dumps(data)  # plain JSON


def test_empty_denominator_is_no_value_not_zero() -> None:
    f = figures(counts(received=3, direct=3), AssessmentPolicy())
    assert f[FigureId.RESPONSE].value is None
    assert f[FigureId.DIRECT].value == 1.0
    assert change(None, 0.5) is None and change(0.6, 0.5) == pytest.approx(0.2)


# ---- ranking and overdue ---------------------------------------------------------------
def unit(
    dispatched: int, response: int, followed: int, resolved: int, satisfied: int
) -> dict[str, int]:
    return counts(
        dispatched=dispatched,
        signed_in_time_and_contacted=response,
        followed_up=followed,
        resolved=resolved,
        satisfied_or_basic=satisfied,
    )


def test_units_ranked_by_mean_of_three_rates() -> None:
    rows = rank_units(
        {
            "a": unit(10, 10, 10, 10, 10),  # 1.0
            "b": unit(10, 5, 10, 10, 10),  # (0.5 + 1 + 1) / 3
            "c": unit(20, 10, 10, 10, 10),  # same score as b, more orders: listed first
            "d": unit(2, 2, 2, 2, 2),  # too few to rank
            "": counts(received=50, direct=50),  # not dispatched: not a unit
        },
        AssessmentPolicy(),
    )
    assert [(r.unit, r.rank) for r in rows] == [("a", 1), ("c", 2), ("b", 2), ("d", None)]
    assert rows[1].score == pytest.approx((0.5 + 1 + 1) / 3)


def test_overdue_by_unit() -> None:
    rows = overdue_by_unit(
        {
            "a": counts(overdue_open=1, closed_late=1, due=9),
            "b": counts(overdue_open=3, due=9),
            "c": counts(due=5),
        }
    )
    assert [(r.unit, r.late_total) for r in rows] == [("b", 3), ("a", 2)]


# ---- hot spots ---------------------------------------------------------------------------
def test_hot_spot_is_far_above_its_own_baseline() -> None:
    rule = HotSpotRule(ratio=2.5, min_count=10, baseline_periods=3)
    current = {("停水", "xiaolan"): 30, ("噪音", "xiaolan"): 12, ("停水", "shiqi"): 9}
    baseline = [
        {("停水", "xiaolan"): 4, ("噪音", "xiaolan"): 10, ("停水", "shiqi"): 1},
        {("停水", "xiaolan"): 3, ("噪音", "xiaolan"): 11},
        {("停水", "xiaolan"): 5, ("噪音", "xiaolan"): 12},
    ]
    spots = hot_spots(current, baseline, 7, [7, 7, 7], rule)
    keys = [(s.level, s.category, s.town) for s in spots]
    assert (SpotLevel.CATEGORY_TOWN, "停水", "xiaolan") in keys  # 30 vs 4 a week: 7.5×
    spot = next(s for s in spots if s.key() == ("category_town", "停水", "xiaolan"))
    assert spot.ratio == pytest.approx(7.5)
    assert (SpotLevel.CATEGORY, "停水", "") in keys  # 39 vs 10/3 a week
    assert not any(s.category == "噪音" for s in spots)  # steady
    assert not any(s.town == "shiqi" for s in spots)  # 9 < min_count


def test_hot_spot_compares_per_day_and_new_spots_come_first() -> None:
    rule = HotSpotRule(ratio=2.5, min_count=10)
    # 31 orders in a 31-day month vs 28 in a 28-day one: the same daily rate, not hot
    assert hot_spots({("x", "t"): 31}, [{("x", "t"): 28}], 31, [28], rule) == []
    spots = hot_spots({("x", "t"): 100, ("y", "t"): 10}, [{("x", "t"): 10}], 30, [30], rule)
    assert spots[0].category == "y" and spots[0].ratio is None  # never seen before


# ---- repeated addresses --------------------------------------------------------------------
def test_address_key_folds_spellings() -> None:
    assert address_key("xiaolan", "小榄 升平路１２号３０１房") == address_key(
        "xiaolan", "小榄升平路12号"
    )
    assert address_key("xiaolan", "升平路12号") != address_key("shiqi", "升平路12号")
    names = ("小榄镇", "小榄")
    assert address_key("xiaolan", "小榄镇升平路12号", names) == address_key(
        "xiaolan", "升平路12号3栋502房", names
    )
    assert address_key("t", "民族路3号") != address_key("t", "民族路30号")


def test_repeated_appeals_about_one_address_are_one_problem() -> None:
    rows = [
        AddressCount("xiaolan", "升平路12号", "停水", 2),
        AddressCount("xiaolan", "升平路12号301房", "停水", 1),
        AddressCount("xiaolan", "升平路１２号", "噪音", 1),
        AddressCount("xiaolan", "升平路13号", "停水", 2),
    ]
    problems = repeated_problems(rows, min_count=3)
    assert len(problems) == 1
    p = problems[0]
    assert (p.address, p.count, p.categories[0]) == ("升平路12号", 4, "停水")
    assert set(p.spellings) == {"升平路12号", "升平路12号301房", "升平路１２号"}


# ---- the whole report -----------------------------------------------------------------------
def test_build_report_puts_it_together() -> None:
    period = Period.parse("2026-11-01..2026-11-03")
    previous = period.previous()
    data = ReportInput(
        period=period,
        scope=Scope(),
        as_of=datetime(2026, 11, 27, tzinfo=CHINA),
        by_unit={"": counts(received=6, direct=6), "rsj": unit(4, 3, 2, 2, 1) | {"received": 4}},
        previous_by_unit={"": counts(received=4, direct=2)},
        mix={"appeal_type": {"咨询": 7, "投诉": 3}},
        previous_mix={"appeal_type": {"咨询": 4}},
        daily={date(2026, 11, 1): 10},
        previous_daily={},
        spots_current={},
        spots_baseline=[{}] * 3,
        baseline_periods=period.baseline(3),
        addresses=[],
    )
    report = build_report(data, AssessmentPolicy())
    assert report.volume == 10 and report.previous_volume == 4
    assert report.volume_change == pytest.approx(1.5)
    assert report.figures[FigureId.DIRECT].value == pytest.approx(0.6)
    assert report.previous_figures[FigureId.DIRECT].value == pytest.approx(0.5)
    assert [(r.value, r.count, r.previous) for r in report.mix["appeal_type"]] == [
        ("咨询", 7, 4),
        ("投诉", 3, 0),
    ]
    assert report.daily == [(date(2026, 11, 1), 10), (date(2026, 11, 2), 0), (date(2026, 11, 3), 0)]
    assert [d for d, _ in report.previous_daily] == previous.dates()
    assert [u.unit for u in report.units] == ["rsj"]


# ---- a running period is compared with the same span of the previous one ----------------
def test_a_running_period_is_compared_with_the_same_days() -> None:
    december = Period.parse("2026-12")
    assert december.elapsed(date(2026, 12, 4)) == 4
    assert december.comparison(date(2026, 12, 4)) == Period.parse("2026-11-01..2026-11-04")
    # over, or not begun: the whole previous period
    assert december.comparison(date(2027, 1, 2)) == Period.parse("2026-11")
    assert december.comparison(date(2026, 12, 31)) == Period.parse("2026-11")
    assert december.comparison(date(2026, 11, 20)) == Period.parse("2026-11")
    # 31 March against a February of 28 days: all of February, never past its end
    assert Period.parse("2026-03").comparison(date(2026, 3, 30)) == Period.parse(
        "2026-02-01..2026-02-28"
    )
    week = Period.parse("2026-W49")  # Monday 30 November
    assert week.comparison(date(2026, 12, 2)) == Period.parse("2026-11-23..2026-11-25")


def test_a_running_report_says_what_it_compares_and_counts_hot_spots_per_day_so_far() -> None:
    period = Period.parse("2026-12")
    as_of = datetime(2026, 12, 4, 18, tzinfo=CHINA)
    compared = period.comparison(as_of.date())
    data = ReportInput(
        period=period,
        scope=Scope(),
        as_of=as_of,
        by_unit={"": counts(received=40)},
        previous_by_unit={"": counts(received=38)},
        mix={},
        previous_mix={},
        daily={},
        previous_daily={},
        # 40 orders in 4 days against 2 a day: 5 times the baseline (not 40 / 31 days)
        spots_current={("A0201", "shiqi"): 40},
        spots_baseline=[{("A0201", "shiqi"): 60}],
        baseline_periods=[period.previous()],
        addresses=[],
        comparison=compared,
    )
    report = build_report(data, AssessmentPolicy())
    assert report.running and report.comparison == compared
    assert report.volume_change == pytest.approx(2 / 38)  # not −87 % against all November
    spot = next(s for s in report.hot_spots if s.level is SpotLevel.CATEGORY_TOWN)
    assert spot.ratio == pytest.approx(5.0)
    finished = build_report(
        dataclasses.replace(data, as_of=datetime(2027, 1, 1, tzinfo=CHINA), comparison=None),
        AssessmentPolicy(),
    )
    assert not finished.running and finished.comparison == period.previous()
