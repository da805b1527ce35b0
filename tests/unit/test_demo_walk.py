"""The demo generator never takes a step the rules refuse: over many seeds, over start dates
around the new year and the holidays the calendar knows, and with its rare turns made common.

The generator checks every step itself (it raises RuleViolation); each order's events are
also replayed here through rules.check and checks.check_content exactly as
Workspace.act and the central store check a pushed event, so a check the generator
forgot to make is caught too.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest

from app.models.checks import check_content
from app.models.clock import CHINA
from app.models.enums import EventType, Role
from app.models.policy import Policy
from app.models.projection import apply
from app.models.records import Event, Order
from app.models.rules import check
from app.store.demo.generator import DemoData, DemoGenerator, Odds, load_demo_data
from bench.store_bench import CHUNK, chunk_generator

CITY_MIX = Odds()
# Every rare turn of the chain likely, and every order reopened while the caller is unhappy:
# the paths the city's mix walks once in 100,000 orders are walked here by the hundred.
EVERY_TURN = Odds(
    merge=0.5,
    return_request=0.5,
    late=0.6,
    extension=0.5,
    unreasonable=0.7,
    supervise=0.9,
    resolved=0.4,
    review_approved=0.6,
    reopen=1.0,
)


@pytest.fixture(scope="module")
def data(policy: Policy) -> DemoData:
    return load_demo_data(policy)


def _replay(events: list[Event], policy: Policy) -> Order:
    """Check each event on the order its predecessors made, as the store checks a push."""
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


def _walk(
    policy: Policy,
    data: DemoData,
    now: datetime,
    *,
    seed: int,
    orders: int,
    days: int,
    odds: Odds = CITY_MIX,
) -> Counter[EventType]:
    generator = DemoGenerator(policy, now, seed=seed, days=days, data=data, odds=odds)
    seen: Counter[EventType] = Counter()
    for events, order in generator.orders(orders):
        assert _replay(events, policy) == order
        seen.update(e.type for e in events)
    return seen


def test_many_seeds_walk_only_allowed_steps(policy: Policy, data: DemoData) -> None:
    now = datetime(2026, 12, 4, 5, 38, tzinfo=CHINA)
    seen: Counter[EventType] = Counter()
    for seed in range(200):
        seen += _walk(policy, data, now, seed=seed, orders=8, days=30 + seed % 90)
    # The walk reached the far end of the chain, not only intakes.
    assert seen[EventType.CLOSE] > 100 and seen[EventType.FOLLOW_UP] > 100


def test_every_rare_turn_many_times(policy: Policy, data: DemoData) -> None:
    now = datetime(2026, 12, 4, 5, 38, tzinfo=CHINA)
    seen: Counter[EventType] = Counter()
    for seed in range(60):
        seen += _walk(policy, data, now, seed=seed, orders=15, days=120, odds=EVERY_TURN)
    for kind in (
        EventType.REOPEN,
        EventType.UNREASONABLE_REQUEST,
        EventType.UNREASONABLE_RULING,
        EventType.EXTENSION_RULING,
        EventType.RETURN_RULING,
        EventType.REDISPATCH,
        EventType.SUPERVISE,
    ):
        assert seen[kind] >= 10, (kind, seen)
    # Reopened orders were handled again: more handling rounds than orders reopened.
    assert seen[EventType.REPLY] > seen[EventType.REOPEN] + 100


def _new_year_nows() -> list[datetime]:
    """Dec 20 → Jan 10 across a year the calendar covers and into one it does not (2027:
    counted on weekends alone, with a warning on every deadline that reaches it)."""
    nows = []
    for year in (2025, 2026):
        first = date(year, 12, 20)
        for offset in range(0, 22, 2):
            day = first + timedelta(days=offset)
            nows.append(datetime.combine(day, time(9 + offset % 9, 17), tzinfo=CHINA))
    return nows


def _holiday_edges(policy: Policy) -> list[datetime]:
    """The days the calendar makes different from a plain week (the Spring Festival and the
    other statutory holidays on weekdays, the 调休 weekends worked), and the day after each."""
    calendar = policy.calendar
    edges = []
    day = date(2025, 1, 1)
    while day <= date(2026, 12, 31):
        if calendar.is_workday(day)[0] != (day.weekday() < 5):
            edges.append(day)
        day += timedelta(days=1)
    days = sorted({d for e in edges for d in (e, e + timedelta(days=1))})
    assert date(2026, 2, 17) in days and date(2026, 2, 14) in days  # 春节 2026 and its 调休
    return [datetime.combine(d, time(8 + d.day % 10, 41), tzinfo=CHINA) for d in days]


def test_around_the_new_year(policy: Policy, data: DemoData) -> None:
    for i, now in enumerate(_new_year_nows()):
        _walk(policy, data, now, seed=500 + i, orders=25, days=45)
        _walk(policy, data, now, seed=700 + i, orders=10, days=45, odds=EVERY_TURN)


def test_around_holidays_and_make_up_workdays(policy: Policy, data: DemoData) -> None:
    nows = _holiday_edges(policy)
    for i, now in enumerate(nows):
        _walk(policy, data, now, seed=900 + i, orders=8, days=40)
        _walk(policy, data, now, seed=1900 + i, orders=5, days=40, odds=EVERY_TURN)


def test_the_store_bench_chunk_that_failed(policy: Policy, data: DemoData) -> None:
    """Chunk 125 of the million-order build (orders 625,000 on) asked for 不合理诉求 a second
    time on a reopened order; generated as the build generates it (one order in five). The
    walks above, with the rare turns made common, are what keep that class of step away."""
    now = datetime(2026, 12, 4, 5, 38, 22, tzinfo=CHINA)
    generator = chunk_generator(125, now, policy, data)
    count = 0
    for events, order in generator.orders(CHUNK // 5):
        assert _replay(events, policy) == order
        count += 1
    assert count == CHUNK // 5
