from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.deadlines import extend, reply_deadline
from app.models.enums import AppealType, Channel, EventType, Role, Satisfaction, Status, Urgency
from app.models.operations import Actor
from app.models.projection import ProjectionError, apply, rebuild
from app.models.records import Appellant, Intake
from app.models.serial import order_from_dict, order_to_dict
from app.models.validation import mask_phone, normalise_phone, phone_error
from app.store.orders.query import OrderFilter
from app.store.workspace import IntakeInvalid

OP = Actor("op1", Role.OPERATOR, "dev")
DISPATCHER = Actor("d1", Role.DISPATCHER, "dev")
UNIT = Actor("u1", Role.UNIT, "dev", unit="town_shiqi")


def intake(ws, **changes):
    values = dict(
        appellant=Appellant("13800001234", "陈先生"),
        appeal_type=AppealType.COMPLAINT,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category=ws.policy.leaf_categories()[0].code,
        town="shiqi",
        address="孙文中路1号",
        title="夜间施工噪音扰民",
        content="工地每晚十一点后仍在打桩，噪音很大。",
        received_at=ws.clock(),
    )
    values.update(changes)
    return Intake(**values)


def test_whole_chain_and_rebuild(workspace, clock) -> None:
    # 邻里生活噪声 is a territorial matter: the town office leads it.
    order = workspace.record_intake(intake(workspace, category="A0503"), OP)
    # deadlines as the rules give them (checks.check_deadline refuses any other)
    policy = workspace.policy
    extended = extend(order.deadline, 5, policy.calendar).due.isoformat()

    def reopened() -> str:
        due = reply_deadline(
            clock.now, order.appeal_type, order.urgency, policy.limits, policy.calendar
        )
        return due.due.isoformat()

    steps = [
        (EventType.DISPATCH, {"lead_unit": "town_shiqi", "assist_units": []}, DISPATCHER),
        (EventType.SIGN, {}, UNIT),
        (EventType.EXTENSION_REQUEST, {"days": 5, "reason": "需协调"}, UNIT),
        (
            EventType.EXTENSION_RULING,
            {
                "approved": True,
                "days": 5,
                "new_deadline": extended,
            },
            DISPATCHER,
        ),
        (EventType.REPLY, {"text": "已责令停工", "contacted": True, "resolved": True}, UNIT),
        (EventType.REVIEW, {"approved": True}, DISPATCHER),
        (EventType.CLOSE, {}, DISPATCHER),
        (
            EventType.FOLLOW_UP,
            {
                "reached": True,
                "resolved": False,
                "satisfaction": Satisfaction.UNSATISFIED.value,
                "text": "工地仍在夜间施工",
            },
            OP,
        ),
        (EventType.REOPEN, {"reason": "回访不满意", "new_deadline": reopened}, OP),
    ]
    for event_type, payload, actor in steps:
        clock.now += timedelta(hours=1)
        given = {k: v() if callable(v) else v for k, v in payload.items()}
        order = workspace.act(order.id, event_type, given, actor)
    assert order.status is Status.HANDLING
    assert order.reopen_count == 1
    assert order.extension_count == 1
    assert order.first_satisfaction is Satisfaction.UNSATISFIED
    events = workspace.timeline(order.id)
    assert events[0].type is EventType.INTAKE
    assert len(events) == 1 + len(steps)
    assert rebuild(events) == order
    assert order_from_dict(order_to_dict(order)) == order
    assert workspace.events.rebuild_all() == 1
    assert workspace.events.load_order(order.id) == order


def test_event_before_intake_is_refused(workspace) -> None:
    order = workspace.record_intake(intake(workspace), OP)
    second = workspace.timeline(order.id)[0]
    with pytest.raises(ProjectionError):
        apply(order, second)


def test_bad_intake_lists_every_problem(workspace, clock) -> None:
    bad = intake(
        workspace,
        appellant=Appellant("12345"),
        title="",
        content="很" * 10_000,
        received_at=clock.now + timedelta(days=400),
    )
    with pytest.raises(IntakeInvalid) as refusal:
        workspace.record_intake(bad, OP)
    fields = {e.field for e in refusal.value.errors}
    assert fields == {"phone", "title", "content", "received_at"}
    assert workspace.orders.count(OrderFilter()) == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+86 138 0000 1234", "13800001234"),
        ("0086-13800001234", "13800001234"),
        ("(0760) 8888-1234", "076088881234"),
        ("8613800001234", "13800001234"),
        ("１３８００００１２３４", "13800001234"),  # full-width, as a Chinese input method types
        ("＋８６　１３８－００００－１２３４", "13800001234"),
        ("（０７６０）８８８８—１２３４", "076088881234"),
        ("138\u20120000\u20131234", "13800001234"),  # figure dash, en dash
    ],
)
def test_phone_normalisation(raw: str, expected: str) -> None:
    assert normalise_phone(raw) == expected
    assert phone_error(raw) is None


def test_phone_errors_and_mask() -> None:
    assert phone_error("") is not None
    assert phone_error("138abc") is not None
    assert phone_error("😀") is not None
    assert phone_error("١٣٨٠٠٠٠١٢٣٤") is not None  # digits, but not ones a number is dialled with
    assert mask_phone("13800001234") == "138****1234"


def test_order_numbers_are_sequential_per_day(workspace) -> None:
    a = workspace.record_intake(intake(workspace), OP)
    b = workspace.record_intake(intake(workspace), OP)
    assert a.number.endswith("-0001")
    assert b.number.endswith("-0002")
    assert a.number.startswith("ZS261127-")
