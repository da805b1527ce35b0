"""The demo shows every feature at once: every status and every clock colour, hot spots in
the current day, week and month, drill sets with weeks of attempts by several trainees;
and its planned orders, at any moment of any day, walk only steps the rules allow."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.models.checks import check_content
from app.models.clock import CHINA
from app.models.clocks import Level, stage_clock
from app.models.drill_sources import quotes_article
from app.models.enums import Role, Status
from app.models.policy import Policy
from app.models.projection import apply
from app.models.records import Event, Order
from app.models.report_places import SpotLevel
from app.models.reports import AssessmentPolicy, Period, Scope, build_report
from app.models.rules import check
from app.models.serial import order_from_dict
from app.resources import load_json
from app.store.demo.generator import DemoGenerator, load_demo_data, seed_demo
from app.store.demo.showcase import BURSTS
from app.store.drills.sets import DrillStore
from app.store.reports.queries import ReportQueries
from app.store.workspace import Workspace
from tests.support.clock import NOW

ORDERS = 1500


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, policy: Policy) -> Iterator[Workspace]:
    ws = Workspace(tmp_path_factory.mktemp("showcase"), policy, clock=lambda: NOW)
    assert seed_demo(ws, orders=ORDERS, days=90) == ORDERS
    yield ws
    ws.close()


def _orders(ws: Workspace) -> list[Order]:
    return [order_from_dict(json.loads(r[0])) for r in ws.database.query("SELECT data FROM orders")]


def test_every_status_and_every_clock_colour(seeded: Workspace, policy: Policy) -> None:
    orders = _orders(seeded)
    assert set(Status) == {o.status for o in orders}
    levels: Counter[Level] = Counter()
    for o in orders:
        clock = stage_clock(
            o.status,
            received_at=o.received_at,
            dispatched_at=o.dispatched_at,
            deadline=o.deadline,
            now=NOW,
            limits=policy.limits,
            calendar=policy.calendar,
        )
        if clock is not None:
            levels[clock.level] += 1
    assert set(levels) == set(Level), levels
    # the dispatcher's queue has a red and an amber clock too, not only the units'
    waiting = [o for o in orders if o.status is Status.RECEIVED]
    assert len(waiting) >= 2


@pytest.mark.parametrize(
    "period", [Period.day(NOW.date()), Period.week(NOW.date()), Period.month(NOW.date())]
)
def test_hot_spots_are_found_now(seeded: Workspace, period: Period) -> None:
    assessment = AssessmentPolicy.from_data(load_json("policy/assessment.json"))
    queries = ReportQueries(seeded.database, seeded.policy, assessment)
    report = build_report(queries.report_input(period, Scope.parse("city"), NOW), assessment)
    found = {(s.category, s.town) for s in report.hot_spots if s.level is SpotLevel.CATEGORY_TOWN}
    assert ("A0201", "xiaolan") in found and ("A0505", "dongqu") in found, report.hot_spots
    problems = {p.town: p.count for p in report.problems}
    assert problems.get("xiaolan", 0) >= BURSTS[0].count  # one place, however it was spelt


def test_drill_sets_with_weeks_of_attempts(seeded: Workspace) -> None:
    store = DrillStore(seeded.database, clock=lambda: NOW)
    sets = dict(store.sets())
    assert sets.get("新人必练", 0) >= 20 and sets.get("社保与就业", 0) >= 5
    attempts = store.attempts()
    trainees = {a.user for a in attempts}
    assert len(trainees) >= 5 and "demo-operator" in trainees
    days = {a.answered_at.date() for a in attempts}
    assert max(days) - min(days) >= timedelta(days=14)
    assert all(a.answered_at < NOW for a in attempts)
    assert 0.3 < sum(a.correct for a in attempts) / len(attempts) < 0.95
    assert store.pending_attempts() == 0  # nobody's unsent work
    kb = seeded.knowledge()
    phones = {o.appellant.phone for o in _orders(seeded)}
    for s in store.scenarios():
        article = kb.get(s.articles[0])
        assert article is not None and not quotes_article(s.text, article)
        assert not any(p in s.text for p in phones)


def test_a_drill_session_varies_its_articles(seeded: Workspace) -> None:
    store = DrillStore(seeded.database, clock=lambda: NOW)
    attempts = store.attempts(user="gh1001")
    by_day: dict[object, list[str]] = {}
    for a in attempts:
        by_day.setdefault(a.answered_at.date(), []).append(a.expected_articles[0])
    repeats = sum(1 for run in by_day.values() for x, y in itertools.pairwise(run) if x == y)
    assert repeats == 0


def _replay(events: list[Event], policy: Policy) -> Order:
    order: Order | None = None
    for event in events:
        check(
            order,
            event.type,
            Role(event.role),
            actor_unit=event.unit,
            payload=event.payload,
            units=policy.unit_info,
            functional=policy.functional_matter,
        )
        check_content(order, event.type, event.payload, event.client_time, policy)
        order = apply(order, event)
    assert order is not None
    return order


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 27, 10, 30, tzinfo=CHINA),  # a Friday morning
        datetime(2026, 12, 1, 0, 4, tzinfo=CHINA),  # four minutes into a month
        datetime(2026, 10, 3, 16, 0, tzinfo=CHINA),  # National Day holiday
        datetime(2026, 2, 22, 22, 45, tzinfo=CHINA),  # Spring Festival, late evening
        datetime(2026, 9, 27, 7, 55, tzinfo=CHINA),  # a Sunday, before work
    ],
)
def test_planned_orders_walk_only_allowed_steps(policy: Policy, now: datetime) -> None:
    generator = DemoGenerator(
        policy, now, seed=now.day, days=30, data=load_demo_data(policy), showcase=True
    )
    statuses: Counter[Status] = Counter()
    for events, order in generator.orders(400):
        assert _replay(events, policy) == order
        assert all(e.client_time <= now for e in events)
        statuses[order.status] += 1
    for status in (
        Status.RECEIVED,
        Status.DISPATCHED,
        Status.HANDLING,
        Status.RETURN_PENDING,
        Status.REPLIED,
        Status.REVIEWED,
    ):
        assert statuses[status] > 0, (now, status)


def test_seeding_with_drills_is_deterministic(tmp_path: Path, policy: Policy) -> None:
    seen = []
    for run in range(2):
        ws = Workspace(tmp_path / str(run), policy, clock=lambda: NOW)
        seed_demo(ws, orders=300, seed=5)
        rows = ws.database.query("SELECT id, payload FROM events ORDER BY seq")
        seen.append([tuple(r) for r in rows])
        ws.close()
    assert seen[0] == seen[1]
