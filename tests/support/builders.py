"""Builders of the things tests start from: actors, intakes, orders recorded into a real
workspace, orders in any status (without a workspace), articles, a working calendar that
ends with 2026."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from chinese_calendar import is_workday

from app.models.deadlines import WorkCalendar
from app.models.enums import AppealType, Channel, Role, Status, Urgency
from app.models.kb import Article
from app.models.operations import Actor, DirectAnswer
from app.models.records import Appellant, Intake, Order
from app.resources import load_json
from app.store.workspace import Workspace
from tests.support.clock import NOW

DISPATCHER = Actor("pd2001", Role.DISPATCHER, "centre")


def operator(ws: Workspace) -> Actor:
    return Actor("gh1001", Role.OPERATOR, ws.device_id)


def unit(code: str) -> Actor:
    return Actor(f"dw-{code}", Role.UNIT, "unit-device", unit=code)


def make_intake(**changes: object) -> Intake:
    """A help request about a water cut, received an hour before NOW; `phone` replaces the
    caller, any other field its value."""
    values: dict[str, object] = {
        "appellant": Appellant(phone="13800001234", name="陈先生"),
        "appeal_type": AppealType.HELP,
        "urgency": Urgency.NORMAL,
        "channel": Channel.PHONE,
        "category": "A0201",
        "town": "shiqi",
        "address": "石岐孙文中路1号",
        "title": "家中停水求助",
        "content": "市民来电反映家中从昨晚起停水，请尽快处理。",
        "received_at": NOW - timedelta(hours=1),
    }
    phone = changes.pop("phone", None)
    if phone is not None:
        values["appellant"] = Appellant(phone=str(phone), name="陈先生")
    values.update(changes)
    return Intake(**values)  # type: ignore[arg-type]


def record(ws: Workspace, direct: str = "", **changes: object) -> Order:
    """make_intake(**changes) recorded by the operator; `direct` answers it on the spot."""
    answer = DirectAnswer(direct, "kb-0001", 1) if direct else None
    return ws.record_intake(make_intake(**changes), operator(ws), answer)


def record_numbered(ws: Workspace, now: datetime, n: int, **changes: object) -> list[Order]:
    """`n` orders from different callers titled 第0号诉求 … received a minute apart up to
    `now`, alternately about road flooding and noise."""
    actor = Actor("op", Role.OPERATOR, ws.device_id)
    orders = []
    for i in range(n):
        values: dict[str, object] = dict(
            appellant=Appellant(f"1380000{i:04d}"),
            appeal_type=AppealType.HELP,
            urgency=Urgency.NORMAL,
            channel=Channel.PHONE,
            category=ws.policy.leaf_categories()[0].code,
            town="shiqi",
            address="",
            title=f"第{i}号诉求",
            content="小区噪音扰民" if i % 2 else "道路积水",
            received_at=now - timedelta(minutes=n - i),
        )
        values.update(changes)
        orders.append(ws.record_intake(Intake(**values), actor))  # type: ignore[arg-type]
    return orders


RULES_NOW = datetime(2026, 11, 27, 9, 0, tzinfo=NOW.tzinfo)
LEAD = "town_shiqi"


def order_in(status: Status, **changes: object) -> Order:
    """An order in `status`, with the facts that status implies (pending requests etc.)."""
    base = Order(
        id="o1",
        number="ZS261127-W01-0001",
        status=status,
        version=3,
        received_at=RULES_NOW,
        appellant=Appellant("13800001234"),
        appeal_type=AppealType.COMPLAINT,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category="A0101",
        town="shiqi",
        address="",
        title="t",
        content="c",
        operator="op",
        deadline=RULES_NOW,
        lead_unit="" if status is Status.RECEIVED else LEAD,
        reopen_due=status is Status.CLOSED,
    )
    return base.evolve(**changes)


def article(n: int, **changes: object) -> Article:
    base = Article(
        id=f"t-{n:03d}",
        title=f"测试文章{n}",
        questions=(f"问题{n}",),
        answer=f"答复口径{n}。",
        category="A0101",
        unit="cgj",
        keywords=(f"关键词{n}",),
    )
    return base.with_changes(**changes)


def covered_to_2026(day: date) -> bool:
    """The holiday package as it is here (1.11): a later release may cover 2027, tests must
    not depend on which one pip installs."""
    if day.year > 2026:
        raise NotImplementedError(f"no data for {day.year}")
    return bool(is_workday(day))


UP_TO_2026 = WorkCalendar.from_policy(load_json("policy/holidays.json"), covered_to_2026)
