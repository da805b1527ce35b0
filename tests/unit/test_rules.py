"""Every status × event × role, against a table written out independently of rules.RULES."""

from __future__ import annotations

import itertools

import pytest

from app.models.enums import EventType, Role, Status
from app.models.records import Order
from app.models.rules import RuleViolation, UnitInfo, allowed_events, check
from tests.support.builders import LEAD, order_in

E = EventType
S = Status
R = Role

# Who may do what, from which status. Written from docs/domain.md#the-chain-in-the-product,
# not copied from the code.
ALL = {*Status}
EXPECTED: dict[EventType, tuple[set[Status | None], set[Role]]] = {
    E.INTAKE: ({None}, {R.OPERATOR, R.DISPATCHER}),
    E.DIRECT_ANSWER: ({S.RECEIVED}, {R.OPERATOR}),
    E.DISPATCH: ({S.RECEIVED}, {R.DISPATCHER}),
    E.REDISPATCH: ({S.RECEIVED, S.DISPATCHED, S.HANDLING}, {R.DISPATCHER}),
    E.SIGN: ({S.DISPATCHED}, {R.UNIT}),
    E.RETURN_REQUEST: ({S.DISPATCHED, S.HANDLING}, {R.UNIT}),
    E.RETURN_RULING: ({S.RETURN_PENDING}, {R.DISPATCHER}),
    E.EXTENSION_REQUEST: ({S.HANDLING}, {R.UNIT}),
    E.EXTENSION_RULING: ({S.HANDLING}, {R.DISPATCHER}),
    E.UNREASONABLE_REQUEST: ({S.HANDLING}, {R.UNIT}),
    E.UNREASONABLE_RULING: ({S.HANDLING}, {R.DISPATCHER}),
    E.REPLY: ({S.HANDLING}, {R.UNIT}),
    E.REVIEW: ({S.REPLIED}, {R.DISPATCHER}),
    E.CLOSE: ({S.REVIEWED}, {R.DISPATCHER}),
    E.FOLLOW_UP: ({S.CLOSED}, {R.OPERATOR}),
    E.REOPEN: ({S.CLOSED}, {R.OPERATOR, R.DISPATCHER}),
    E.SUPERVISE: ({S.DISPATCHED, S.HANDLING, S.RETURN_PENDING, S.REPLIED}, {R.DISPATCHER}),
    E.MERGE: ({S.RECEIVED, S.DISPATCHED, S.HANDLING}, {R.DISPATCHER}),
    E.TRANSFER: ({S.RECEIVED}, {R.OPERATOR, R.DISPATCHER}),
    E.ADD_CALLER: (ALL, {R.OPERATOR, R.DISPATCHER}),
    E.FLAG: (ALL, {R.OPERATOR, R.DISPATCHER}),
    E.NOTE: (ALL, {R.OPERATOR, R.DISPATCHER, R.UNIT}),
    E.CALL_RECORD: (ALL, {R.OPERATOR}),
    E.DRILL_ATTEMPT: ({None}, {R.OPERATOR, R.DISPATCHER}),
    E.REVEAL_CONTACT: (ALL, {R.OPERATOR, R.DISPATCHER}),
    E.RENUMBER: (set(Status), set()),  # only the central store writes it
    # knowledge-base governance and drill sets: about articles and scenarios, never an order
    E.KB_PROPOSAL: ({None}, {R.UNIT, R.KB_EDITOR}),
    E.KB_RULING: ({None}, {R.KB_EDITOR}),
    E.KB_FLAG: ({None}, {R.OPERATOR, R.DISPATCHER}),
    E.KB_FLAG_RESOLVED: ({None}, {R.UNIT, R.KB_EDITOR}),
    E.DRILL_PUBLISH: ({None}, {R.TRAINER}),
    E.DRILL_RETIRE: ({None}, {R.TRAINER}),
}


def pending_for(event_type: EventType) -> dict[str, object]:
    """Rulings need a pending request; everything else is checked on the plain state."""
    if event_type is E.EXTENSION_RULING:
        return {"pending_extension": True}
    if event_type is E.UNREASONABLE_RULING:
        return {"pending_unreasonable": True}
    if event_type is E.REDISPATCH:
        return {"lead_unit": LEAD}
    return {}


CASES = list(itertools.product([None, *Status], list(EventType), list(Role)))


def test_table_covers_every_event_type() -> None:
    assert set(EXPECTED) == set(EventType)


@pytest.mark.parametrize(("status", "event_type", "role"), CASES)
def test_state_event_role(status: Status | None, event_type: EventType, role: Role) -> None:
    sources, roles = EXPECTED[event_type]
    order = None if status is None else order_in(status, **pending_for(event_type))
    # a unit acts only on an order it leads or assists on (none before the first dispatch)
    unassigned = role is R.UNIT and order is not None and not order.lead_unit
    expected = status in sources and role in roles and not unassigned
    try:
        check(order, event_type, role, actor_unit=LEAD)
    except RuleViolation as refusal:
        assert not expected, f"refused: {refusal.code} {refusal.message}"
        assert refusal.code in {"forbidden_role", "invalid_transition", "not_assigned"}
        assert refusal.message
    else:
        assert expected, "allowed, but the table says no"


def test_allowed_events_agree_with_check() -> None:
    order = order_in(Status.HANDLING)
    assert set(allowed_events(order, Role.UNIT, actor_unit=LEAD)) == {
        E.RETURN_REQUEST,
        E.EXTENSION_REQUEST,
        E.UNREASONABLE_REQUEST,
        E.REPLY,
        E.NOTE,
    }
    assert set(allowed_events(order, Role.UNIT, actor_unit="other")) == set()
    assisting = order.evolve(assist_units=("other",))
    assert set(allowed_events(assisting, Role.UNIT, actor_unit="other")) == {E.NOTE}


UNITS = {
    "town_shiqi": UnitInfo("town_shiqi", grassroots=True),
    "cw_x": UnitInfo("cw_x", assist_only=True, grassroots=True),
    "rsj": UnitInfo("rsj"),
}


@pytest.mark.parametrize(
    ("event_type", "order", "role", "unit", "payload", "code"),
    [
        (E.SIGN, order_in(S.DISPATCHED), R.UNIT, "rsj", None, "not_lead_unit"),
        (E.REPLY, order_in(S.HANDLING), R.UNIT, "", None, "not_lead_unit"),
        (
            E.DISPATCH,
            order_in(S.RECEIVED, lead_unit="rsj"),
            R.DISPATCHER,
            "",
            None,
            "already_dispatched",
        ),
        (E.REDISPATCH, order_in(S.RECEIVED), R.DISPATCHER, "", None, "never_dispatched"),
        (E.REDISPATCH, order_in(S.HANDLING), R.DISPATCHER, "", {"lead_unit": LEAD}, "same_unit"),
        (
            E.DISPATCH,
            order_in(S.RECEIVED),
            R.DISPATCHER,
            "",
            {"lead_unit": "cw_x"},
            "assist_only_lead",
        ),
        (E.DISPATCH, order_in(S.RECEIVED), R.DISPATCHER, "", {"lead_unit": "nope"}, "unknown_unit"),
        (E.DISPATCH, order_in(S.RECEIVED), R.DISPATCHER, "", {}, "no_lead_unit"),
        (
            E.DISPATCH,
            order_in(S.RECEIVED),
            R.DISPATCHER,
            "",
            {"lead_unit": "rsj", "assist_units": ["rsj"]},
            "lead_is_assist",
        ),
        (
            E.EXTENSION_REQUEST,
            order_in(S.HANDLING, pending_extension=True),
            R.UNIT,
            LEAD,
            None,
            "extension_pending",
        ),
        (E.EXTENSION_RULING, order_in(S.HANDLING), R.DISPATCHER, "", None, "no_extension_pending"),
        (
            E.UNREASONABLE_REQUEST,
            order_in(S.HANDLING, unreasonable=True),
            R.UNIT,
            LEAD,
            None,
            "unreasonable_pending",
        ),
        (
            E.UNREASONABLE_RULING,
            order_in(S.HANDLING),
            R.DISPATCHER,
            "",
            None,
            "no_unreasonable_pending",
        ),
        (E.MERGE, order_in(S.RECEIVED), R.DISPATCHER, "", {"into": "o1"}, "bad_merge_target"),
        (E.REOPEN, order_in(S.CLOSED, reopen_due=False), R.OPERATOR, "", None, "reopen_not_due"),
        (E.REOPEN, order_in(S.CLOSED), R.OPERATOR, "", {"reason": "不满意"}, "no_new_deadline"),
        # a unit neither leading nor assisting: no note (nor anything else) on the order
        (E.NOTE, order_in(S.HANDLING), R.UNIT, "rsj", {"text": "x"}, "not_assigned"),
        (E.NOTE, order_in(S.RECEIVED), R.UNIT, LEAD, {"text": "x"}, "not_assigned"),
    ],
)
def test_guards_refuse_with_a_reason(
    event_type: EventType,
    order: Order,
    role: Role,
    unit: str,
    payload: dict[str, object] | None,
    code: str,
) -> None:
    with pytest.raises(RuleViolation) as refusal:
        check(order, event_type, role, actor_unit=unit, payload=payload, units=UNITS.get)
    assert refusal.value.code == code


def test_community_may_assist() -> None:
    check(
        order_in(S.RECEIVED),
        E.DISPATCH,
        R.DISPATCHER,
        payload={"lead_unit": "town_shiqi", "assist_units": ["cw_x"]},
        units=UNITS.get,
    )
