"""The demo's planned orders, on top of the city's mix, so every screen has something to show
the moment it opens: hot spots now (a burst water main in 小榄 and a factory's night
noise in 东区, reported by many callers in the last hours before the demo's clock) and an
open order in every status of the chain at every colour of its deadline clock the rules
allow (app.models.clocks: ok, due the next working day, due today, overdue).

Every planned order is walked by the same Chain as the others, so the rules check each
step; a planned order is only a received time, a type and where its walk stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from app.models.clocks import Level, stage_clock
from app.models.deadlines import WorkCalendar, reply_deadline
from app.models.enums import AppealType, EventType, Status, Urgency
from app.models.operations import Actor
from app.models.policy import Policy
from app.store.demo.chain import Chain, Walker


@dataclass(frozen=True)
class Planned:
    received: datetime
    kind: AppealType
    halt: Status | None = None  # walked up to this status and left there
    urgency: Urgency | None = None
    title: str = ""  # the order template of this title
    town: str = ""
    address: str = ""


@dataclass(frozen=True)
class Burst:
    """Many callers about one thing in one place within hours: a hot spot now, and one
    problem at one address however each caller put it."""

    kind: AppealType
    titles: tuple[str, ...]
    town: str
    addresses: tuple[str, ...]  # one place as different callers name it
    count: int


BURSTS = (
    Burst(
        AppealType.HELP,
        ("反映路面供水管爆裂问题", "反映小区突发停水问题"),
        "xiaolan",
        ("小榄升平中路88号", "小榄镇升平中路８８号路口", "升平中路88号附近"),
        14,
    ),
    Burst(
        AppealType.COMPLAINT,
        ("反映工厂夜间噪声问题",),
        "dongqu",
        ("东区松苑路36号", "东区松苑路36号旁边", "松苑路３６号"),
        12,
    ),
)
BURST_HOURS = 6.0  # a burst's calls come within the last hours of today
MIN_BURST_MINUTES = 20

# The statuses an order can be left open in, and the steps that lead there after intake.
STEPS: dict[Status, tuple[EventType, ...]] = {
    Status.RECEIVED: (),
    Status.DISPATCHED: (EventType.DISPATCH,),
    Status.HANDLING: (EventType.DISPATCH, EventType.SIGN),
    Status.RETURN_PENDING: (EventType.DISPATCH, EventType.RETURN_REQUEST),
    Status.REPLIED: (EventType.DISPATCH, EventType.SIGN, EventType.REPLY),
    Status.REVIEWED: (EventType.DISPATCH, EventType.SIGN, EventType.REPLY, EventType.REVIEW),
}
# Ages (hours before the demo's clock) and kinds tried, in this order, for each colour.
AGES = (0.4, 1.5, 4, 10, 20, 30, 44, 56, 70, 96, 120, 170, 240, 340, 480, 620)
KINDS = (
    (AppealType.ENQUIRY, Urgency.NORMAL),
    (AppealType.HELP, Urgency.NORMAL),
    (AppealType.COMPLAINT, Urgency.NORMAL),
    (AppealType.HELP, Urgency.URGENT),
)


class Staff(Walker, Protocol):
    """Who takes a planned order's steps (app.store.demo.generator.DemoGenerator)."""

    def lead(self, category: str, town: str) -> tuple[str, list[str]]: ...

    def unit_actor(self, code: str) -> Actor: ...

    def dispatcher(self) -> Actor: ...


def planned_orders(
    now: datetime, days: int, policy: Policy, calendar: WorkCalendar
) -> list[Planned]:
    """Hot spots now, and an open order in every status at every clock colour."""
    earliest = now - timedelta(days=days)
    return burst_orders(now, earliest, BURSTS) + stage_orders(now, earliest, policy, calendar)


def burst_orders(now: datetime, earliest: datetime, bursts: Sequence[Burst]) -> list[Planned]:
    """Each burst's calls spread over today's last hours (at least the last few minutes,
    so a demo opened just after midnight still has them)."""
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    end = now - timedelta(minutes=3)
    start = max(start_of_day, now - timedelta(hours=BURST_HOURS), earliest)
    if end - start < timedelta(minutes=MIN_BURST_MINUTES):
        start = max(end - timedelta(minutes=MIN_BURST_MINUTES), earliest)
    planned = []
    for burst in bursts:
        for i in range(burst.count):
            at = start + (end - start) * ((i + 0.5) / burst.count)
            title = burst.titles[i % len(burst.titles)]
            address = burst.addresses[i % len(burst.addresses)]
            planned.append(
                Planned(
                    at.replace(microsecond=0), burst.kind, None, None, title, burst.town, address
                )
            )
    return planned


def dispatched_after(age: timedelta) -> timedelta:
    """When a planned order is dispatched after its receipt: after the intake is saved
    (at most 7 minutes), and early in its life."""
    return max(timedelta(minutes=10), age / 5)


def stage_orders(
    now: datetime, earliest: datetime, policy: Policy, calendar: WorkCalendar
) -> list[Planned]:
    """One open order for every (status, clock colour) the rules allow at `now`: the first
    age and kind, in a fixed order, whose clock shows that colour."""
    planned = []
    for halt in STEPS:
        for level in Level:
            found = _first_with(level, halt, now, earliest, policy, calendar)
            if found is not None:
                planned.append(found)
    return planned


def _first_with(
    level: Level,
    halt: Status,
    now: datetime,
    earliest: datetime,
    policy: Policy,
    calendar: WorkCalendar,
) -> Planned | None:
    for kind, urgency in KINDS:
        for hours in AGES:
            age = timedelta(hours=hours)
            received = (now - age).replace(microsecond=0)
            if received < earliest or (halt is not Status.RECEIVED and age < timedelta(hours=1)):
                continue
            due = reply_deadline(received, kind, urgency, policy.limits, calendar)
            clock = stage_clock(
                halt,
                received_at=received,
                dispatched_at=received + dispatched_after(age),
                deadline=due.due,
                now=now,
                limits=policy.limits,
                calendar=calendar,
            )
            if clock is not None and clock.level is level:
                return Planned(received, kind, halt, urgency)
    return None


def walk_to(chain: Chain, halt: Status, staff: Staff, reply: dict[str, Any]) -> None:
    """The planned order's steps up to `halt`, spread over its life; the dispatch comes at
    `dispatched_after` its receipt, exactly, so its clock shows the colour planned."""
    order = chain.order
    steps = STEPS[halt]
    if not steps:
        return
    dispatcher = staff.dispatcher()
    lead, assists = staff.lead(order.category, order.town)
    dispatched = order.received_at + dispatched_after(staff.now - order.received_at)
    chain.emit(
        EventType.DISPATCH, {"lead_unit": lead, "assist_units": assists}, dispatcher, dispatched
    )
    unit = staff.unit_actor(lead)
    end = staff.now - timedelta(minutes=1)
    later = steps[1:]
    for i, kind in enumerate(later, 1):
        at = dispatched + (end - dispatched) * (i / (len(later) + 1))
        if kind is EventType.SIGN:
            chain.emit(kind, {}, unit, at)
        elif kind is EventType.RETURN_REQUEST:
            payload = {
                "reason": "非本单位职责",
                "text": "经核查，该诉求不属于本单位职责，申请退回。",
            }
            chain.emit(kind, payload, unit, at)
        elif kind is EventType.REPLY:
            chain.emit(kind, reply, unit, at)
        elif kind is EventType.REVIEW:
            chain.emit(kind, {"approved": True}, dispatcher, at)
