"""The chain after intake through the real store: queues, rulings, clocks, the refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.enums import (
    EventType,
    ReturnReason,
    Role,
    Satisfaction,
    Status,
    TransferTarget,
    Urgency,
)
from app.models.operations import Actor
from app.models.rules import RuleViolation
from app.store.queues.work import QueueQueries
from app.store.workspace import Workspace
from tests.support.builders import DISPATCHER, make_intake, operator, record, unit
from tests.support.steps import Steps

LEAD = "gs"  # 供水公司: the catalogue's lead for A0201 (water supply), citywide


def queues(ws: Workspace) -> QueueQueries:
    return QueueQueries(ws.database)


def ids(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.id for r in rows]


def test_dispatch_queue_puts_overdue_then_urgent_first(workspace: Workspace, clock) -> None:
    old = record(workspace, title="旧件", received_at=clock.now - timedelta(days=20))
    normal = record(workspace, title="普通件")
    urgent = record(workspace, title="紧急件", urgency=Urgency.URGENT)
    answered = record(workspace, direct="已当场答复")
    rows = queues(workspace).to_dispatch(clock.now)
    assert ids(rows) == [old.id, urgent.id, normal.id]
    assert answered.id not in ids(rows)
    assert queues(workspace).counts(clock.now)["to_dispatch"] == 3


def test_unit_sees_only_its_own_and_assisted_orders(workspace: Workspace, clock) -> None:
    chain = Steps(workspace)
    mine = record(workspace)
    other = record(workspace)
    assisted = record(workspace)
    chain.dispatch(mine.id, DISPATCHER, LEAD, [])
    chain.dispatch(other.id, DISPATCHER, "zjj", [])
    chain.dispatch(assisted.id, DISPATCHER, "zjj", [LEAD])
    rows = queues(workspace).unit(LEAD)
    assert ids(rows) == [mine.id, assisted.id]
    assert [r.assisting for r in rows] == [False, True]
    chain.dispatch(assisted.id, DISPATCHER, "swj", [])  # re-dispatched without us
    assert ids(queues(workspace).unit(LEAD)) == [mine.id]


def test_return_uphold_goes_back_to_the_dispatch_queue(workspace: Workspace, clock) -> None:
    chain = Steps(workspace)
    order = record(workspace)
    chain.dispatch(order.id, DISPATCHER, LEAD, [])
    chain.request_return(order.id, unit(LEAD), ReturnReason.WRONG_TERRITORY, "不在本片区")
    assert ids(queues(workspace).rulings(clock.now)) == [order.id]
    assert queues(workspace).rulings(clock.now)[0].pending == "return"
    upheld = chain.rule_return(order.id, DISPATCHER, True, "同意退单")
    assert upheld.status is Status.RECEIVED
    assert order.id in ids(queues(workspace).to_dispatch(clock.now))
    again = chain.dispatch(order.id, DISPATCHER, "swj", [])
    assert again.lead_unit == "swj" and again.last_event is EventType.REDISPATCH


def test_return_refused_goes_back_to_the_unit(workspace: Workspace) -> None:
    chain = Steps(workspace)
    order = record(workspace)
    chain.dispatch(order.id, DISPATCHER, LEAD, [])
    chain.request_return(order.id, unit(LEAD), ReturnReason.NOT_OUR_DUTY, "属供水公司职责")
    refused = chain.rule_return(order.id, DISPATCHER, False, "属本单位职责")
    assert refused.status is Status.HANDLING and refused.lead_unit == LEAD


def test_extension_approval_computes_the_deadline_in_working_days(
    workspace: Workspace, clock
) -> None:
    chain = Steps(workspace)
    order = record(workspace)
    chain.dispatch(order.id, DISPATCHER, LEAD, [])
    chain.sign(order.id, unit(LEAD))
    chain.request_extension(order.id, unit(LEAD), 5, "需协调管网维修")
    pending = queues(workspace).rulings(clock.now)
    assert [r.pending for r in pending] == ["extension"]
    approved = chain.rule_extension(order.id, DISPATCHER, True, 5, "同意")
    assert approved.extension_days == 5
    assert approved.deadline > order.deadline + timedelta(days=5)  # a weekend in between
    assert queues(workspace).rulings(clock.now) == []


def test_reply_review_close_follow_up_reopen(workspace: Workspace, clock) -> None:
    chain = Steps(workspace)
    order = record(workspace)
    chain.dispatch(order.id, DISPATCHER, LEAD, [])
    chain.sign(order.id, unit(LEAD))
    chain.reply(order.id, unit(LEAD), text="已抢修", contacted=True, resolved=True)
    assert ids(queues(workspace).reviews(clock.now)) == [order.id]
    sent_back = chain.review(order.id, DISPATCHER, False, "答复未说明恢复供水时间")
    assert sent_back.status is Status.HANDLING
    chain.reply(order.id, unit(LEAD), text="已于当日恢复供水", contacted=True, resolved=True)
    chain.review(order.id, DISPATCHER, True, "")
    closed = chain.close(order.id, DISPATCHER)
    assert closed.status is Status.CLOSED
    desk = Actor("hf01", Role.OPERATOR, "d")
    assert ids(queues(workspace).follow_up(clock.now)) == [order.id]
    not_reached = chain.follow_up(order.id, desk, reached=False)
    assert not_reached.status is Status.CLOSED
    reopened = chain.follow_up(
        order.id,
        desk,
        reached=True,
        contacted=True,
        resolved=False,
        satisfaction=Satisfaction.UNSATISFIED,
        text="停水问题仍未解决",
    )
    assert reopened.status is Status.HANDLING
    assert reopened.reopen_count == 1 and reopened.lead_unit == LEAD
    assert reopened.deadline > clock.now
    assert order.id in ids(queues(workspace).unit(LEAD))
    assert queues(workspace).follow_up(clock.now) == []


def test_overdue_orders_wait_for_supervision(workspace: Workspace, clock) -> None:
    chain = Steps(workspace)
    late = record(workspace, received_at=clock.now - timedelta(days=40))
    chain.dispatch(late.id, DISPATCHER, LEAD, [])
    assert ids(queues(workspace).overdue(clock.now)) == [late.id]
    chain.supervise(late.id, DISPATCHER, "请尽快办理")
    row = queues(workspace).overdue(clock.now)[0]
    assert row.supervised


def test_village_committee_can_never_lead(workspace: Workspace) -> None:
    order = record(workspace, town="dongqu")
    with pytest.raises(RuleViolation) as refused:
        Steps(workspace).dispatch(order.id, DISPATCHER, "cw_dongqu_kuchong", [])
    assert refused.value.code == "assist_only_lead"
    ok = Steps(workspace).dispatch(order.id, DISPATCHER, LEAD, ["cw_dongqu_kuchong"])
    assert ok.assist_units == ("cw_dongqu_kuchong",)


def test_functional_matter_is_not_pushed_down_to_a_town(workspace: Workspace) -> None:
    order = record(workspace, category="A0201", town="xiaolan")  # water supply: 供水公司
    with pytest.raises(RuleViolation) as refused:
        Steps(workspace).dispatch(order.id, DISPATCHER, "town_xiaolan", [])
    assert refused.value.code == "pushed_down"
    territorial = record(workspace, category="A0102", town="shiqi")  # the catalogue: 镇街
    assert Steps(workspace).dispatch(territorial.id, DISPATCHER, "town_shiqi", []).lead_unit


def test_transfer_at_intake_is_recorded_not_dropped(workspace: Workspace) -> None:
    order = Steps(workspace).record_and_transfer(
        make_intake(), operator(workspace), TransferTarget.POLICE_110, "涉及治安警情"
    )
    assert order.status is Status.TRANSFERRED and order.transfer_target == "110"
    assert [e.type for e in workspace.timeline(order.id)] == [
        EventType.INTAKE,
        EventType.TRANSFER,
    ]


def test_unit_requests_need_their_reason(workspace: Workspace) -> None:
    chain = Steps(workspace)
    order = record(workspace)
    chain.dispatch(order.id, DISPATCHER, LEAD, [])
    with pytest.raises(RuleViolation):
        chain.request_return(order.id, unit(LEAD), ReturnReason.OTHER, " ")
    with pytest.raises(RuleViolation) as not_lead:
        chain.sign(order.id, unit("zjj"))
    assert not_lead.value.code == "not_lead_unit"
