"""What every step of the chain after intake shares: one event through Workspace.act."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.models.enums import EventType
from app.models.operations import Actor
from app.models.records import Order
from app.operations.changes import Done, order_changed
from app.store.workspace import Workspace


def step(
    ws: Workspace,
    order_id: str,
    kind: EventType,
    payload: dict[str, Any],
    actor: Actor,
    *,
    now: datetime | None = None,
) -> Done[Order]:
    """The rules checked, then the event, the projection and the outbox in one transaction
    (Workspace.act); raises rules.RuleViolation when refused, KeyError for no such order."""
    order = ws.act(order_id, kind, payload, actor, now=now)
    return Done(order, order_changed(order.id))


def load(ws: Workspace, order_id: str) -> Order:
    order = ws.events.load_order(order_id)
    if order is None:
        raise KeyError(order_id)
    return order
