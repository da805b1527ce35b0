"""The report's SQL counts against a plain-Python count over the same demo orders."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest

from app.models.clock import CHINA
from app.models.deadlines import END_OF_DAY, add_working_days
from app.models.enums import OPEN_STATUSES, EventType, Role, Satisfaction, Status
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.records import Order
from app.models.reports import COUNTED_SETS, AssessmentPolicy, Period, Scope, build_report
from app.models.serial import order_from_dict
from app.store.demo.generator import seed_demo
from app.store.reports.queries import ReportQueries, Selection
from app.store.workspace import Workspace
from tests.support.clock import NOW, FixedClock

OK = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> Iterator[Workspace]:
    ws = Workspace(tmp_path_factory.mktemp("reports") / "ws", policy, clock=FixedClock(NOW))
    seed_demo(ws, orders=500, days=60)
    yield ws
    ws.close()


def python_sets(policy: Policy, as_of: datetime) -> dict[str, Callable[[Order], bool]]:
    """The vocabulary written again, independently, over Order records."""
    sign_days = int(policy.limits.stages.get("sign", 1))

    def d(o: Order) -> bool:
        return o.dispatched_at is not None and not o.unreasonable

    def in_time(o: Order) -> bool:
        if not d(o) or o.signed_at is None or o.dispatched_at is None:
            return False
        day = add_working_days(o.dispatched_at.date(), sign_days, policy.calendar).day
        due = min(datetime.combine(day, END_OF_DAY, tzinfo=CHINA), o.deadline)
        return int(o.signed_at.timestamp()) <= int(due.timestamp())

    def reached(o: Order) -> bool:
        return d(o) and o.reached is True

    def closed(o: Order) -> bool:
        return o.closed_at is not None

    def secs(t: datetime | None) -> int:
        return int(t.timestamp()) if t else 0

    return {
        "received": lambda o: True,
        "direct": lambda o: o.direct,
        "dispatched": d,
        "signed": lambda o: d(o) and o.signed_at is not None,
        "signed_in_time": in_time,
        "contacted": lambda o: d(o) and o.contacted is True,
        "signed_in_time_and_contacted": lambda o: in_time(o) and o.contacted is True,
        "returned": lambda o: d(o) and o.return_count > 0,
        "extended": lambda o: d(o) and o.extension_count > 0,
        "due": lambda o: d(o) and (closed(o) or o.deadline < as_of),
        "closed": lambda o: d(o) and closed(o),
        "closed_on_time": lambda o: d(o) and closed(o) and secs(o.closed_at) <= secs(o.deadline),
        "closed_late": lambda o: d(o) and closed(o) and secs(o.closed_at) > secs(o.deadline),
        "overdue_open": lambda o: o.status in OPEN_STATUSES and o.deadline < as_of,
        "followed_up": reached,
        "resolved": lambda o: reached(o) and o.resolved is True,
        "satisfied": lambda o: reached(o) and o.satisfaction is Satisfaction.SATISFIED,
        "satisfied_or_basic": lambda o: reached(o) and o.satisfaction in OK,
        "first_satisfied_or_basic": lambda o: reached(o) and o.first_satisfaction in OK,
        "unsatisfied": lambda o: reached(o) and o.satisfaction is Satisfaction.UNSATISFIED,
        "reopened": lambda o: o.reopen_count > 0,
        "unreasonable": lambda o: o.unreasonable,
        "merged": lambda o: o.status is Status.MERGED,
        "transferred": lambda o: o.status is Status.TRANSFERRED,
    }


def all_orders(ws: Workspace) -> list[Order]:
    return [order_from_dict(json.loads(r[0])) for r in ws.database.query("SELECT data FROM orders")]


def queries(ws: Workspace) -> ReportQueries:
    return ReportQueries(ws.database, ws.policy, AssessmentPolicy())


@pytest.mark.parametrize("scope", ["city", "town:xiaolan", "unit:*"])
def test_sql_counts_equal_python_counts(seeded: Workspace, scope: str) -> None:
    period = Period.parse("2026-10-28..2026-11-27")
    if scope == "unit:*":  # the unit with the most orders
        scope = "unit:" + seeded.database.scalar(
            "SELECT lead_unit FROM orders WHERE lead_unit != '' "
            "GROUP BY lead_unit ORDER BY COUNT(*) DESC LIMIT 1"
        )
    sc = Scope.parse(scope)
    by_unit = queries(seeded).counts_by(period, sc, NOW)
    sets = python_sets(seeded.policy, NOW)
    expected: dict[str, dict[str, int]] = {}
    for o in all_orders(seeded):
        if not period.start <= o.received_at.date() < period.end:
            continue
        if (sc.kind == "town" and o.town != sc.code) or (
            sc.kind == "unit" and o.lead_unit != sc.code
        ):
            continue
        row = expected.setdefault(o.lead_unit, dict.fromkeys(COUNTED_SETS, 0))
        for name, test in sets.items():
            row[name] += int(test(o))
    assert by_unit == expected
    assert sum(c["received"] for c in by_unit.values()) > (0 if sc.kind != "city" else 200)


def test_orders_behind_a_figure_are_the_ones_it_counts(seeded: Workspace) -> None:
    period = Period.parse("2026-11")
    q = queries(seeded)
    totals = q.counts_by(period, Scope(), NOW)
    dispatched = sum(c["dispatched"] for c in totals.values())
    on_time = sum(c["signed_in_time_and_contacted"] for c in totals.values())
    missed = q.order_ids(
        period, Scope(), NOW, Selection("dispatched", minus="signed_in_time_and_contacted")
    )
    hit = q.order_ids(period, Scope(), NOW, Selection("signed_in_time_and_contacted"))
    assert len(hit) == on_time and len(missed) == dispatched - on_time
    assert not set(hit) & set(missed)
    unit, counts = max(totals.items(), key=lambda kv: kv[1]["dispatched"] if kv[0] else 0)
    ids = q.order_ids(period, Scope(), NOW, Selection("dispatched", filters=(("lead_unit", unit),)))
    assert len(ids) == counts["dispatched"]
    rows = q.order_rows(ids)
    assert [r.id for r in rows] == ids and {r.lead_unit for r in rows} == {unit}


def test_facts_follow_the_chain(seeded: Workspace, policy: Policy) -> None:
    """A step on an order (a trigger on the projection) moves it between the sets."""
    period = Period.day(NOW.date())
    q = queries(seeded)
    before = sum(c["transferred"] for c in q.counts_by(period, Scope(), NOW).values())
    order = seeded.events.load_order(
        seeded.database.scalar(
            "SELECT id FROM orders WHERE status = 'received' AND received_at >= ? LIMIT 1",
            (NOW.date().isoformat(),),
        )
    )
    assert order is not None
    seeded.act(
        order.id,
        EventType.TRANSFER,
        {"target": "110", "reason": "测试"},
        Actor("op", Role.OPERATOR, seeded.device_id),
    )
    after = q.counts_by(period, Scope(), NOW)
    assert sum(c["transferred"] for c in after.values()) == before + 1
    assert order.id in q.order_ids(period, Scope(), NOW, Selection("transferred"))


def test_report_input_builds_a_report(seeded: Workspace) -> None:
    q = queries(seeded)
    steps: list[tuple[int, int]] = []
    data = q.report_input(Period.parse("2026-11"), Scope(), NOW, lambda i, n: steps.append((i, n)))
    report = build_report(data, AssessmentPolicy())
    assert steps[-1][0] == steps[-1][1]
    assert report.volume == sum(r.count for r in report.mix["town"])
    assert report.volume == sum(n for _, n in report.daily)
    assert report.daily[0][0] == date(2026, 11, 1)
    assert report.units and report.units[0].rank == 1


def test_every_set_lists_as_many_orders_as_it_counts(seeded: Workspace) -> None:
    """The packed count (counts_by) and the row conditions (order_ids) agree on every set."""
    period = Period.parse("2026-10-28..2026-11-27")
    q = queries(seeded)
    totals = q.counts_by(period, Scope(), NOW)
    for name in COUNTED_SETS:
        counted = sum(c[name] for c in totals.values())
        assert len(q.order_ids(period, Scope(), NOW, Selection(name))) == counted, name


def test_a_running_month_counts_the_same_days_of_the_previous_one(seeded: Workspace) -> None:
    """NOW is 27 November: November so far is compared with 1–27 October, not all of it."""
    data = queries(seeded).report_input(Period.parse("2026-11"), Scope(), NOW)
    assert data.comparison == Period.parse("2026-10-01..2026-10-27")
    report = build_report(data, AssessmentPolicy())
    same_days = seeded.database.scalar(
        "SELECT COUNT(*) FROM orders WHERE received_at >= '2026-10-01' "
        "AND received_at < '2026-10-28'"
    )
    whole = seeded.database.scalar(
        "SELECT COUNT(*) FROM orders WHERE received_at >= '2026-10-01' "
        "AND received_at < '2026-11-01'"
    )
    assert report.previous_volume == same_days < whole
    assert sum(r.previous for r in report.mix["town"]) == same_days
    assert len(report.previous_daily) == 31  # the trend still draws all of October
