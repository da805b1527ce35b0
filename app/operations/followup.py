"""The follow-up desk's actions: record a follow-up call (回访), reopen an order."""

from __future__ import annotations

from typing import Any

from app.models.checks import deadline_fields, expected_deadline
from app.models.enums import EventType, Satisfaction
from app.models.operations import Actor
from app.models.records import Order
from app.models.rules import RuleViolation
from app.operations.changes import Done
from app.operations.common import load, step
from app.store.workspace import Workspace

E = EventType


def follow_up(
    ws: Workspace,
    order_id: str,
    actor: Actor,
    *,
    reached: bool,
    contacted: bool = False,
    resolved: bool = False,
    satisfaction: Satisfaction | None = None,
    text: str = "",
) -> Done[Order]:
    """回访; an unresolved or unsatisfied appellant reopens the order (重新办理) at once, in
    the same commit."""
    payload: dict[str, Any] = {"reached": reached, "text": text.strip()}
    if reached:
        if satisfaction is None:
            raise RuleViolation("satisfaction_required", "请记录诉求人的满意度")
        payload.update(contacted=contacted, resolved=resolved, satisfaction=satisfaction.value)
    with ws.transaction():
        done = step(ws, order_id, E.FOLLOW_UP, payload, actor)
        if done.value.reopen_due:
            return reopen(ws, order_id, actor, text or "回访未解决或不满意，重新办理")
        return done


def reopen(ws: Workspace, order_id: str, actor: Actor, reason: str) -> Done[Order]:
    """重新办理 with a fresh reply limit for the appeal's type, from now."""
    order = load(ws, order_id)
    now = ws.clock()
    policy = ws.policy
    due = expected_deadline(order, E.REOPEN, {}, now, policy.limits, policy.calendar)
    assert due is not None
    payload = {"reason": reason.strip(), **deadline_fields(E.REOPEN, due)}
    # recorded at the instant the deadline was computed from: the rule recomputes it so
    return step(ws, order_id, E.REOPEN, payload, actor, now=now)
