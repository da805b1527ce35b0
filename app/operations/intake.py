"""The operator's actions at intake: record the call, transfer it, attach another caller,
flag it, and hold or take back an intake while the next call comes in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.models.enums import EventType, FlagKind, TransferTarget
from app.models.operations import Actor, DirectAnswer
from app.models.records import Appellant, Intake, Order
from app.models.rules import RuleViolation
from app.operations.changes import Changes, Done, order_changed
from app.operations.common import step
from app.store.workspace import Workspace


def record(
    ws: Workspace, intake: Intake, actor: Actor, answer: DirectAnswer | None = None
) -> Done[Order]:
    """Validate, number and record the intake durably (Workspace.record_intake); raises
    IntakeInvalid with every field's problem. An answer from the knowledge base counts as
    that article's use."""
    order = ws.record_intake(intake, actor, answer)
    changes = order_changed(order.id)
    if answer is not None and answer.kb_article:
        changes |= Changes(kb=True)
    return Done(order, changes)


def transfer(
    ws: Workspace, order_id: str, actor: Actor, target: TransferTarget, reason: str
) -> Done[Order]:
    payload = {"target": target.value, "reason": reason.strip()}
    return step(ws, order_id, EventType.TRANSFER, payload, actor)


def record_and_transfer(
    ws: Workspace, intake: Intake, actor: Actor, target: TransferTarget, reason: str
) -> Done[Order]:
    """首接负责: the appeal is recorded, then transferred, never dropped (one commit)."""
    with ws.transaction():
        order = ws.record_intake(intake, actor)
        return transfer(ws, order.id, actor, target, reason)


def attach_caller(
    ws: Workspace, order_id: str, actor: Actor, caller: Appellant, note: str
) -> Done[Order]:
    """并单 at intake: another caller about the same matter joins the existing order."""
    payload = {
        "phone": caller.phone,
        "name": caller.name,
        "confidential": caller.confidential,
        "text": note.strip(),
    }
    return step(ws, order_id, EventType.ADD_CALLER, payload, actor)


def flag(ws: Workspace, order_id: str, actor: Actor, kind: FlagKind, reason: str) -> Done[Order]:
    if not reason.strip():
        raise RuleViolation("reason_required", "标记须写明理由")
    payload = {"kind": kind.value, "reason": reason.strip()}
    return step(ws, order_id, EventType.FLAG, payload, actor)


def keep_intakes(
    ws: Workspace,
    draft: str,
    hold: Mapping[str, str] | None = None,
    release: Iterable[str] = (),
) -> Done[None]:
    """Hold, resume or discard: the form's draft, the intakes held (id → JSON) and those
    taken back, in one commit, so an intake moved between the form and the held list is
    never in neither."""
    ws.update_intake_state(draft, hold, release)
    return Done(None, Changes(held=True))
