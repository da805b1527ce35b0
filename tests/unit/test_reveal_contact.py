"""Revealing a caller's full number (reveal_contact): the follow-up desk (operators) and
dispatchers only, each reveal an event filed under the order that changes nothing of it."""

from __future__ import annotations

import pytest

from app.models.enums import EventType, Role
from app.models.operations import Actor
from app.models.records import Appellant
from app.models.rules import RuleViolation
from app.models.visibility import Viewer
from app.store.workspace import Workspace
from tests.support.builders import make_intake
from tests.support.steps import Steps

PHONE = "13912345678"
OPERATOR = Actor("op", Role.OPERATOR, "d")
DISPATCHER = Actor("pd", Role.DISPATCHER, "d")


def test_the_centre_reveals_and_each_reveal_is_recorded(workspace: Workspace) -> None:
    order = workspace.record_intake(
        make_intake(appellant=Appellant(PHONE, "欧阳保密", confidential=True)), OPERATOR
    )
    Steps(workspace).dispatch(order.id, DISPATCHER, "cgj", ())
    before = workspace.events.load_order(order.id)
    pending = workspace.pending_count()
    assert workspace.reveal_contact(order.id, OPERATOR) == PHONE
    assert workspace.reveal_contact(order.id, DISPATCHER) == PHONE
    assert workspace.events.load_order(order.id) == before  # nothing of the order changed
    assert workspace.pending_count() == pending + 2  # both wait to be sent
    reveals = workspace.reveals(order.id)
    assert [(e.actor, e.role, e.order_id) for e in reveals] == [
        ("op", "operator", order.id),
        ("pd", "dispatcher", order.id),
    ]
    assert all(e.payload == {} for e in reveals)  # the number itself is never in the event
    # a rebuild of the projection leaves them out of the order and in its timeline
    workspace.events.rebuild_all()
    assert workspace.events.load_order(order.id) == before
    assert len(workspace.reveals(order.id)) == 2
    # the centre sees who revealed; a unit's view of the timeline does not
    shown = workspace.open_order(Viewer(Role.DISPATCHER), order.id)
    assert (
        shown is not None
        and len([e for e in shown.events if e.type is EventType.REVEAL_CONTACT]) == 2
    )
    unit_view = workspace.open_order(Viewer(Role.UNIT, "cgj"), order.id)
    assert unit_view is not None
    assert not [e for e in unit_view.events if e.type is EventType.REVEAL_CONTACT]


@pytest.mark.parametrize(
    "actor",
    [
        Actor("dw", Role.UNIT, "d", unit="cgj"),  # even the order's own lead unit
        Actor("an", Role.ANALYST, "d"),
        Actor("tr", Role.TRAINER, "d"),
        Actor("ad", Role.ADMIN, "d"),
    ],
    ids=lambda a: a.role.value,
)
def test_no_one_else_reveals_and_a_refusal_records_nothing(
    workspace: Workspace, actor: Actor
) -> None:
    order = workspace.record_intake(make_intake(appellant=Appellant(PHONE, "陈")), OPERATOR)
    Steps(workspace).dispatch(order.id, DISPATCHER, "cgj", ())
    pending = workspace.pending_count()
    with pytest.raises((RuleViolation, KeyError)):
        workspace.reveal_contact(order.id, actor)
    assert workspace.pending_count() == pending
    assert workspace.reveals(order.id) == []


def test_no_such_order_and_a_foreign_order_are_the_same_refusal(workspace: Workspace) -> None:
    with pytest.raises(KeyError):
        workspace.reveal_contact("no-such-order", OPERATOR)
    order = workspace.record_intake(make_intake(), OPERATOR)
    Steps(workspace).dispatch(order.id, DISPATCHER, "zjj", ())
    with pytest.raises(KeyError):  # not its order: no rule is even asked
        workspace.reveal_contact(order.id, Actor("dw", Role.UNIT, "d", unit="cgj"))
