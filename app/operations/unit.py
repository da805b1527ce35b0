"""The handling unit's actions: sign, reply, and ask for an extension, a return or an
unreasonable-appeal ruling."""

from __future__ import annotations

from app.models.enums import EventType, ReturnReason
from app.models.operations import Actor
from app.models.records import Order
from app.models.rules import RuleViolation
from app.operations.changes import Done
from app.operations.common import step
from app.store.workspace import Workspace

E = EventType


def sign(ws: Workspace, order_id: str, actor: Actor) -> Done[Order]:
    return step(ws, order_id, E.SIGN, {}, actor)


def reply(
    ws: Workspace, order_id: str, actor: Actor, *, text: str, contacted: bool, resolved: bool
) -> Done[Order]:
    if not text.strip():
        raise RuleViolation("reply_required", "请填写答复内容")
    payload = {"text": text.strip(), "contacted": contacted, "resolved": resolved}
    return step(ws, order_id, E.REPLY, payload, actor)


def request_extension(
    ws: Workspace, order_id: str, actor: Actor, days: int, reason: str
) -> Done[Order]:
    if days <= 0:
        raise RuleViolation("bad_days", "延期天数须大于0")
    if not reason.strip():
        raise RuleViolation("reason_required", "请写明延期理由")
    payload = {"days": days, "reason": reason.strip()}
    return step(ws, order_id, E.EXTENSION_REQUEST, payload, actor)


def request_return(
    ws: Workspace, order_id: str, actor: Actor, reason: ReturnReason, text: str
) -> Done[Order]:
    if not text.strip():
        raise RuleViolation("reason_required", "退单须写明具体原因")
    payload = {"reason": reason.value, "text": text.strip()}
    return step(ws, order_id, E.RETURN_REQUEST, payload, actor)


def request_unreasonable(ws: Workspace, order_id: str, actor: Actor, reason: str) -> Done[Order]:
    if not reason.strip():
        raise RuleViolation("reason_required", "请写明申请理由")
    return step(ws, order_id, E.UNREASONABLE_REQUEST, {"reason": reason.strip()}, actor)
