"""app.models.checks: what an event carries, checked alike by a workstation and the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.models.checks import check_content, check_deadline, check_fields, expected_deadline
from app.models.clock import CHINA
from app.models.deadlines import extend, reply_deadline
from app.models.enums import AppealType, AppellantKind, Channel, EventType, Role, Status, Urgency
from app.models.policy import Policy
from app.models.records import Appellant, Intake, Order
from app.models.rules import MAX_EXTENSION_DAYS, RuleViolation, check
from app.models.validation import describe, event_field_errors, intake_from_payload
from tests.support.clock import NOW

E = EventType
TOWNS = {"shiqi", "dongqu"}
CATEGORIES = {"A03", "A0301"}


def payload(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "number": "ZS261127-W01-0001",
        "appellant": {"phone": "13800138000", "name": "陈女士", "kind": "个人"},
        "appeal_type": "投诉",
        "urgency": "一般",
        "channel": "电话",
        "category": "A0301",
        "town": "shiqi",
        "address": "孙文中路1号",
        "title": "夜间施工噪音扰民",
        "content": "工地每晚十一点后仍在打桩",
        "received_at": NOW.isoformat(),
        "deadline": "2026-12-18T23:59:59+08:00",  # the type's limit (checked separately)
    }
    base.update(changes)
    return base


def fields(p: dict[str, Any], event_type: EventType = E.INTAKE) -> set[str]:
    return {e.field for e in event_field_errors(event_type, p, NOW, TOWNS, CATEGORIES)}


def test_a_good_intake_passes() -> None:
    assert fields(payload()) == set()
    intake, errors = intake_from_payload(payload())
    assert errors == [] and intake is not None and intake.appeal_type is AppealType.COMPLAINT


def test_every_field_is_read_into_the_intake() -> None:
    p = payload(
        appellant={
            "phone": "13800138000",
            "name": "广仁公司",
            "kind": "企业",
            "company": "广仁公司",
            "gender": "女",
            "other_contact": "微信 gr",
            "confidential": True,
        },
        appeal_type="求助",
        urgency="紧急",
        channel="网站",
        party_complained="某物业",
    )
    intake, errors = intake_from_payload(p)
    assert errors == []
    assert intake == Intake(
        appellant=Appellant(
            phone="13800138000",
            name="广仁公司",
            kind=AppellantKind.COMPANY,
            company="广仁公司",
            gender="女",
            other_contact="微信 gr",
            confidential=True,
        ),
        appeal_type=AppealType.HELP,
        urgency=Urgency.URGENT,
        channel=Channel.WEB,
        category="A0301",
        town="shiqi",
        address="孙文中路1号",
        title="夜间施工噪音扰民",
        content="工地每晚十一点后仍在打桩",
        received_at=NOW,
        party_complained="某物业",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"appellant": {"phone": "12345"}}, "phone"),
        ({"appellant": {"phone": "+86 138-0013-800x"}}, "phone"),
        ({"appellant": {"phone": "13800138000", "name": "张" * 51}}, "name"),
        ({"appellant": {"phone": "13800138000", "kind": "企业"}}, "company"),
        ({"appellant": {"phone": "13800138000", "kind": "外星人"}}, "kind"),
        ({"appellant": {"phone": 13800138000}}, "phone"),
        ({"appellant": {"phone": "13800138000", "confidential": "yes"}}, "confidential"),
        ({"appellant": "陈女士"}, "appellant"),
        ({"appeal_type": "吐槽"}, "appeal_type"),
        ({"urgency": ""}, "urgency"),
        ({"channel": None}, "channel"),
        ({"category": ""}, "category"),
        ({"category": "Z9999"}, "category"),
        ({"town": "tianhe"}, "town"),
        ({"address": "路" * 201}, "address"),
        ({"title": " "}, "title"),
        ({"title": 7}, "title"),
        ({"content": "很" * 4001}, "content"),
        ({"received_at": (NOW + timedelta(hours=1)).isoformat()}, "received_at"),
        ({"received_at": (NOW - timedelta(days=400)).isoformat()}, "received_at"),
        ({"received_at": "2026-11-27T10:00:00"}, "received_at"),  # no offset
        ({"deadline": "soon"}, "deadline"),
        ({"number": ""}, "number"),
        ({"appellant": {"phone": "13800138000", "kind": ["个人"]}}, "kind"),
        ({"appellant": {"phone": "13800138000", "gender": 1}}, "gender"),
        ({"party_complained": 1}, "party_complained"),
    ],
)
def test_each_wrong_field_is_named(changes: dict[str, Any], field: str) -> None:
    assert field in fields(payload(**changes))


def test_praise_needs_no_category_and_the_message_names_every_field() -> None:
    assert fields(payload(appeal_type="表扬", category="")) == set()
    with pytest.raises(RuleViolation) as refusal:
        check_fields(E.INTAKE, payload(title="", town="x"), NOW, TOWNS, CATEGORIES)
    assert refusal.value.code == "invalid_field"
    errors = event_field_errors(E.INTAKE, payload(title="", town="x"), NOW, TOWNS, CATEGORIES)
    assert refusal.value.message == describe(errors)
    assert refusal.value.message.startswith("title: 请填写标题")
    assert "town: " in refusal.value.message


def test_answer_and_added_caller() -> None:
    assert fields({"answer": " "}, E.DIRECT_ANSWER) == {"answer"}
    assert fields({"answer": "请拨打社保热线"}, E.DIRECT_ANSWER) == set()
    assert fields({"phone": "110"}, E.ADD_CALLER) == {"phone"}
    assert fields({"phone": "13800138000", "name": "王" * 60}, E.ADD_CALLER) == {"name"}
    assert fields({"text": "x"}, E.NOTE) == set()  # a note carries nothing typed-in to check


# ---- deadlines --------------------------------------------------------------------------


def order(policy: Policy, **changes: Any) -> Order:
    due = reply_deadline(
        NOW, AppealType.COMPLAINT, Urgency.NORMAL, policy.limits, policy.calendar
    ).due
    base = Order(
        id="o1",
        number="ZS261127-W01-0001",
        status=Status.HANDLING,
        version=4,
        received_at=NOW,
        appellant=Appellant("13800138000"),
        appeal_type=AppealType.COMPLAINT,
        urgency=Urgency.NORMAL,
        channel=payload()["channel"],
        category="A0301",
        town="shiqi",
        address="",
        title="t",
        content="c",
        operator="op",
        deadline=due,
        lead_unit="cgj",
        pending_extension=True,
    )
    return base.evolve(**changes)


def test_intake_deadline_is_the_reply_limit(policy: Policy) -> None:
    due = reply_deadline(NOW, AppealType.COMPLAINT, Urgency.NORMAL, policy.limits, policy.calendar)
    good = payload(deadline=due.due.isoformat())
    check_content(None, E.INTAKE, good, NOW, policy)
    # the same instant written in UTC is the same deadline
    utc = payload(deadline=due.due.astimezone(UTC).isoformat())
    check_deadline(None, E.INTAKE, utc, NOW, policy.limits, policy.calendar)
    # a deadline without its offset is not one a workstation writes
    naive = payload(deadline=due.due.replace(tzinfo=None).isoformat())
    with pytest.raises(RuleViolation) as refusal:
        check_content(None, E.INTAKE, naive, NOW, policy)
    assert refusal.value.code == "invalid_field"
    with pytest.raises(RuleViolation) as refusal:
        check_deadline(
            None,
            E.INTAKE,
            payload(deadline=(due.due + timedelta(days=1)).isoformat()),
            NOW,
            policy.limits,
            policy.calendar,
        )
    assert refusal.value.code == "deadline_mismatch"
    assert due.due.isoformat() in refusal.value.message


def test_urgent_intake_runs_in_hours(policy: Policy) -> None:
    p = payload(urgency="特急", deadline=(NOW + timedelta(hours=2)).isoformat())
    check_content(None, E.INTAKE, p, NOW, policy)


def test_extension_moves_the_deadline_by_working_days(policy: Policy) -> None:
    o = order(policy)
    right = extend(o.deadline, 5, policy.calendar).due
    ruling = {"approved": True, "days": 5, "opinion": "同意", "new_deadline": right.isoformat()}
    check_content(o, E.EXTENSION_RULING, ruling, NOW, policy)
    calendar_days = {**ruling, "new_deadline": (o.deadline + timedelta(days=5)).isoformat()}
    assert (
        expected_deadline(
            o, E.EXTENSION_RULING, calendar_days, NOW, policy.limits, policy.calendar
        ).due  # type: ignore[union-attr]
        == right
    )
    with pytest.raises(RuleViolation) as refusal:
        check_content(o, E.EXTENSION_RULING, calendar_days, NOW, policy)
    assert refusal.value.code == "deadline_mismatch"
    # a refusal sets no deadline to check
    check_content(o, E.EXTENSION_RULING, {"approved": False, "days": 0}, NOW, policy)


def test_reopen_gets_a_fresh_limit_from_the_moment_it_is_recorded(policy: Policy) -> None:
    o = order(policy, status=Status.CLOSED, reopen_due=True, urgency=Urgency.URGENT)
    at = NOW + timedelta(days=20, minutes=3, microseconds=17)
    right = reply_deadline(at, o.appeal_type, o.urgency, policy.limits, policy.calendar).due
    assert right == at + timedelta(hours=24)  # 紧急: 24 clock hours, to the microsecond
    check_content(o, E.REOPEN, {"reason": "不满意", "new_deadline": right.isoformat()}, at, policy)
    with pytest.raises(RuleViolation):
        check_content(
            o, E.REOPEN, {"reason": "不满意", "new_deadline": o.deadline.isoformat()}, at, policy
        )
    with pytest.raises(RuleViolation) as refusal:
        check(o, E.REOPEN, Role.OPERATOR, payload={"reason": "不满意"})
    assert refusal.value.code == "no_new_deadline"


def test_extension_days_are_bounded(policy: Policy) -> None:
    o = order(policy, pending_extension=False)
    for days in (0, -1, True, "5", MAX_EXTENSION_DAYS + 1, 10**9):
        with pytest.raises(RuleViolation) as refusal:
            check(
                o,
                E.EXTENSION_REQUEST,
                Role.UNIT,
                actor_unit="cgj",
                payload={"days": days, "reason": "协调"},
            )
        assert refusal.value.code == "bad_days"
    check(
        o,
        E.EXTENSION_REQUEST,
        Role.UNIT,
        actor_unit="cgj",
        payload={"days": MAX_EXTENSION_DAYS, "reason": "协调"},
    )


def test_an_uncomputable_deadline_is_a_refusal_not_a_crash(policy: Policy) -> None:
    far = datetime(9999, 12, 31, 12, 0, tzinfo=CHINA)
    p = payload(received_at=far.isoformat(), deadline=far.isoformat())
    with pytest.raises(RuleViolation) as refusal:
        check_deadline(None, E.INTAKE, p, far, policy.limits, policy.calendar)
    assert refusal.value.code == "deadline_mismatch"
