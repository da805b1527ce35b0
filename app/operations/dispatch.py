"""The dispatcher's actions: dispatch, the rulings on a unit's requests, review, close,
supervise and merge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.models.checks import deadline_fields, expected_deadline
from app.models.enums import EventType
from app.models.operations import Actor
from app.models.records import Order
from app.models.rules import RuleViolation
from app.operations.changes import Changes, Done
from app.operations.common import load, step
from app.store.workspace import Workspace

E = EventType


def dispatch(
    ws: Workspace, order_id: str, actor: Actor, lead: str, assists: Sequence[str], reason: str = ""
) -> Done[Order]:
    """派单, or 改派 when the order already had a lead unit."""
    kind = E.REDISPATCH if load(ws, order_id).lead_unit else E.DISPATCH
    payload: dict[str, Any] = {"lead_unit": lead, "assist_units": list(assists)}
    if reason.strip():
        payload["reason"] = reason.strip()
    return step(ws, order_id, kind, payload, actor)


def rule_return(
    ws: Workspace, order_id: str, actor: Actor, upheld: bool, opinion: str
) -> Done[Order]:
    """Uphold: back to the dispatch queue to re-dispatch. Refuse: back to the unit."""
    payload = {"upheld": upheld, "opinion": opinion.strip()}
    return step(ws, order_id, E.RETURN_RULING, payload, actor)


def rule_extension(
    ws: Workspace, order_id: str, actor: Actor, approved: bool, days: int, opinion: str
) -> Done[Order]:
    payload: dict[str, Any] = {"approved": approved, "opinion": opinion.strip(), "days": 0}
    if approved:
        order = load(ws, order_id)
        if days <= 0:
            raise RuleViolation("bad_days", "延期天数须大于0")
        payload["days"] = days
        policy = ws.policy
        new = expected_deadline(
            order, E.EXTENSION_RULING, payload, ws.clock(), policy.limits, policy.calendar
        )
        assert new is not None
        payload.update(deadline_fields(E.EXTENSION_RULING, new))
    return step(ws, order_id, E.EXTENSION_RULING, payload, actor)


def rule_unreasonable(
    ws: Workspace, order_id: str, actor: Actor, approved: bool, opinion: str
) -> Done[Order]:
    payload = {"approved": approved, "opinion": opinion.strip()}
    return step(ws, order_id, E.UNREASONABLE_RULING, payload, actor)


def review(ws: Workspace, order_id: str, actor: Actor, approved: bool, opinion: str) -> Done[Order]:
    if not approved and not opinion.strip():
        raise RuleViolation("opinion_required", "退回重办须写明审核意见")
    payload = {"approved": approved, "opinion": opinion.strip()}
    return step(ws, order_id, E.REVIEW, payload, actor)


def close(ws: Workspace, order_id: str, actor: Actor) -> Done[Order]:
    return step(ws, order_id, E.CLOSE, {}, actor)


def supervise(ws: Workspace, order_id: str, actor: Actor, text: str) -> Done[Order]:
    return step(ws, order_id, E.SUPERVISE, {"reason": text.strip()}, actor)


def merge(ws: Workspace, order_id: str, actor: Actor, into: Order, reason: str) -> Done[Order]:
    payload = {"into": into.id, "into_number": into.number, "reason": reason.strip()}
    done = step(ws, order_id, E.MERGE, payload, actor)
    return Done(done.value, done.changes | Changes(orders=frozenset({into.id})))
