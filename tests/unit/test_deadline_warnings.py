"""The weekend-only fallback's warning travels with every deadline a step sets: intake,
approved extension and reopen, on the order a workstation projects."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.models.checks import check_content, deadline_fields, expected_deadline
from app.models.clock import CHINA
from app.models.enums import AppealType, EventType, Role, Satisfaction
from app.models.operations import Actor
from app.models.policy import Policy
from app.models.rules import RuleViolation
from app.store.workspace import Workspace
from tests.support.builders import UP_TO_2026, make_intake
from tests.support.clock import FixedClock
from tests.support.steps import Steps

DISPATCHER = Actor("pd", Role.DISPATCHER, "d")
OPERATOR = Actor("op", Role.OPERATOR, "d")
UNIT = Actor("dw", Role.UNIT, "d", unit="cgj")


@pytest.fixture
def desk(tmp_path: Path, policy: Policy) -> Workspace:
    fixed = replace(policy, calendar=UP_TO_2026)  # the package's coverage, pinned
    ws = Workspace(tmp_path / "ws", fixed, clock=FixedClock(datetime(2026, 12, 1, 9, tzinfo=CHINA)))
    ws.policy = fixed
    ws.refresh_policy = lambda: fixed  # type: ignore[method-assign]
    return ws


def _handling(ws: Workspace) -> str:
    order = ws.record_intake(
        make_intake(appeal_type=AppealType.COMPLAINT, received_at=ws.clock() - timedelta(hours=1)),
        OPERATOR,
    )
    chain = Steps(ws)
    chain.dispatch(order.id, DISPATCHER, "cgj", ())
    chain.sign(order.id, UNIT)
    return order.id


def test_an_approved_extension_into_2027_carries_the_warning(desk: Workspace) -> None:
    chain = Steps(desk)
    order_id = _handling(desk)
    before = desk.events.load_order(order_id)
    assert before is not None and before.deadline.year == 2026 and not before.deadline_warning
    chain.request_extension(order_id, UNIT, 10, "需协调多部门")
    order = chain.rule_extension(order_id, DISPATCHER, True, 10, "同意")
    assert order.deadline.year == 2027
    assert "2027" in order.deadline_warning
    ruling = desk.timeline(order_id)[-1]
    assert ruling.type is EventType.EXTENSION_RULING
    assert ruling.payload["deadline_warning"] == order.deadline_warning


def test_a_reopen_into_2027_carries_the_warning(desk: Workspace) -> None:
    chain = Steps(desk)
    order_id = _handling(desk)
    chain.reply(order_id, UNIT, text="已处理", contacted=True, resolved=False)
    chain.review(order_id, DISPATCHER, True, "")
    chain.close(order_id, DISPATCHER)
    desk.clock.now = datetime(2026, 12, 21, 9, tzinfo=CHINA)  # type: ignore[attr-defined]
    order = chain.follow_up(
        order_id,
        OPERATOR,
        reached=True,
        resolved=False,
        satisfaction=Satisfaction.UNSATISFIED,
        text="问题仍未解决",
    )
    assert order.reopen_count == 1 and order.deadline.year == 2027
    assert "2027" in order.deadline_warning


def test_a_forged_warning_is_refused_and_a_missing_one_is_taken(desk: Workspace) -> None:
    chain = Steps(desk)
    order_id = _handling(desk)
    chain.request_extension(order_id, UNIT, 10, "需协调多部门")
    order = desk.events.load_order(order_id)
    assert order is not None
    at = desk.clock()
    payload = {"approved": True, "days": 10, "opinion": "同意"}
    due = expected_deadline(
        order, EventType.EXTENSION_RULING, payload, at, desk.policy.limits, desk.policy.calendar
    )
    assert due is not None and due.warning
    good = {**payload, **deadline_fields(EventType.EXTENSION_RULING, due)}
    check_content(order, EventType.EXTENSION_RULING, good, at, desk.policy)
    older = {k: v for k, v in good.items() if k != "deadline_warning"}
    check_content(order, EventType.EXTENSION_RULING, older, at, desk.policy)
    for forged in ("", "一切正常", 7, None):
        with pytest.raises(RuleViolation) as refused:
            check_content(
                order, EventType.EXTENSION_RULING, {**good, "deadline_warning": forged}, at,
                desk.policy,
            )  # fmt: skip
        assert refused.value.code == "deadline_mismatch"
