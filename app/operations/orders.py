"""Actions on any order the user may see: show the caller's full number (recorded)."""

from __future__ import annotations

from app.models.operations import Actor
from app.operations.changes import Changes, Done
from app.store.workspace import Workspace


def reveal_contact(ws: Workspace, order_id: str, actor: Actor) -> Done[str]:
    """The caller's full number; the reveal is recorded first (who, when, which order) and
    syncs like every step. Raises rules.RuleViolation for a role that may not, KeyError for
    an order the user may not see."""
    phone = ws.reveal_contact(order_id, actor)
    return Done(phone, Changes(orders=frozenset({order_id}), outbox=True))
