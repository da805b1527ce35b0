"""The steps of the chain after intake, with their payloads spelled out in one place.

Every step goes through Workspace.act (rules checked, event + projection + outbox in one
transaction) and raises rules.RuleViolation when the rules refuse it. Steps that are two
events for the user (record-and-transfer, follow-up-and-reopen) run in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.models.checks import deadline_fields, expected_deadline
from app.models.enums import (
    EventType,
    FlagKind,
    ReturnReason,
    Satisfaction,
    TransferTarget,
)
from app.models.operations import Actor
from app.models.records import Appellant, Intake, Order
from app.models.rules import RuleViolation
from app.store.workspace import Workspace

E = EventType


class Chain:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    def _act(self, order_id: str, kind: EventType, payload: dict[str, Any], actor: Actor) -> Order:
        return self.ws.act(order_id, kind, payload, actor)

    def _order(self, order_id: str) -> Order:
        order = self.ws.events.load_order(order_id)
        if order is None:
            raise KeyError(order_id)
        return order

    # ---- operator -----------------------------------------------------------------------

    def record_and_transfer(
        self, intake: Intake, actor: Actor, target: TransferTarget, reason: str
    ) -> Order:
        """首接负责: the appeal is recorded, then transferred, never dropped."""
        with self.ws.database.transaction():
            order = self.ws.record_intake(intake, actor)
            return self.transfer(order.id, actor, target, reason)

    def transfer(self, order_id: str, actor: Actor, target: TransferTarget, reason: str) -> Order:
        payload = {"target": target.value, "reason": reason.strip()}
        return self._act(order_id, E.TRANSFER, payload, actor)

    def attach_caller(self, order_id: str, actor: Actor, caller: Appellant, note: str) -> Order:
        """并单 at intake: another caller about the same matter joins the existing order."""
        payload = {
            "phone": caller.phone,
            "name": caller.name,
            "confidential": caller.confidential,
            "text": note.strip(),
        }
        return self._act(order_id, E.ADD_CALLER, payload, actor)

    def flag(self, order_id: str, actor: Actor, kind: FlagKind, reason: str) -> Order:
        if not reason.strip():
            raise RuleViolation("reason_required", "标记须写明理由")
        return self._act(order_id, E.FLAG, {"kind": kind.value, "reason": reason.strip()}, actor)

    def follow_up(
        self,
        order_id: str,
        actor: Actor,
        *,
        reached: bool,
        contacted: bool = False,
        resolved: bool = False,
        satisfaction: Satisfaction | None = None,
        text: str = "",
    ) -> Order:
        """回访; an unresolved or unsatisfied appellant reopens the order (重新办理) at once."""
        payload: dict[str, Any] = {"reached": reached, "text": text.strip()}
        if reached:
            if satisfaction is None:
                raise RuleViolation("satisfaction_required", "请记录诉求人的满意度")
            payload.update(contacted=contacted, resolved=resolved, satisfaction=satisfaction.value)
        with self.ws.database.transaction():
            order = self._act(order_id, E.FOLLOW_UP, payload, actor)
            if order.reopen_due:
                order = self.reopen(order_id, actor, text or "回访未解决或不满意，重新办理")
            return order

    def reopen(self, order_id: str, actor: Actor, reason: str) -> Order:
        """重新办理 with a fresh reply limit for the appeal's type, from now."""
        order = self._order(order_id)
        now = self.ws.clock()
        policy = self.ws.policy
        due = expected_deadline(order, E.REOPEN, {}, now, policy.limits, policy.calendar)
        assert due is not None
        payload = {"reason": reason.strip(), **deadline_fields(E.REOPEN, due)}
        # recorded at the instant the deadline was computed from: the rule recomputes it so
        return self.ws.act(order_id, E.REOPEN, payload, actor, now=now)

    # ---- dispatcher ---------------------------------------------------------------------

    def dispatch(
        self, order_id: str, actor: Actor, lead: str, assists: Sequence[str], reason: str = ""
    ) -> Order:
        """派单, or 改派 when the order already had a lead unit."""
        order = self._order(order_id)
        kind = E.REDISPATCH if order.lead_unit else E.DISPATCH
        payload: dict[str, Any] = {"lead_unit": lead, "assist_units": list(assists)}
        if reason.strip():
            payload["reason"] = reason.strip()
        return self._act(order_id, kind, payload, actor)

    def rule_return(self, order_id: str, actor: Actor, upheld: bool, opinion: str) -> Order:
        """Uphold: back to the dispatch queue to re-dispatch. Refuse: back to the unit."""
        payload = {"upheld": upheld, "opinion": opinion.strip()}
        return self._act(order_id, E.RETURN_RULING, payload, actor)

    def rule_extension(
        self, order_id: str, actor: Actor, approved: bool, days: int, opinion: str
    ) -> Order:
        payload: dict[str, Any] = {"approved": approved, "opinion": opinion.strip(), "days": 0}
        if approved:
            order = self._order(order_id)
            if days <= 0:
                raise RuleViolation("bad_days", "延期天数须大于0")
            payload["days"] = days
            policy = self.ws.policy
            new = expected_deadline(
                order, E.EXTENSION_RULING, payload, self.ws.clock(), policy.limits, policy.calendar
            )
            assert new is not None
            payload.update(deadline_fields(E.EXTENSION_RULING, new))
        return self._act(order_id, E.EXTENSION_RULING, payload, actor)

    def rule_unreasonable(self, order_id: str, actor: Actor, approved: bool, opinion: str) -> Order:
        payload = {"approved": approved, "opinion": opinion.strip()}
        return self._act(order_id, E.UNREASONABLE_RULING, payload, actor)

    def review(self, order_id: str, actor: Actor, approved: bool, opinion: str) -> Order:
        if not approved and not opinion.strip():
            raise RuleViolation("opinion_required", "退回重办须写明审核意见")
        payload = {"approved": approved, "opinion": opinion.strip()}
        return self._act(order_id, E.REVIEW, payload, actor)

    def close(self, order_id: str, actor: Actor) -> Order:
        return self._act(order_id, E.CLOSE, {}, actor)

    def supervise(self, order_id: str, actor: Actor, text: str) -> Order:
        return self._act(order_id, E.SUPERVISE, {"reason": text.strip()}, actor)

    def merge(self, order_id: str, actor: Actor, into: Order, reason: str) -> Order:
        payload = {"into": into.id, "into_number": into.number, "reason": reason.strip()}
        return self._act(order_id, E.MERGE, payload, actor)

    # ---- handling unit ------------------------------------------------------------------

    def sign(self, order_id: str, actor: Actor) -> Order:
        return self._act(order_id, E.SIGN, {}, actor)

    def reply(
        self, order_id: str, actor: Actor, *, text: str, contacted: bool, resolved: bool
    ) -> Order:
        if not text.strip():
            raise RuleViolation("reply_required", "请填写答复内容")
        payload = {"text": text.strip(), "contacted": contacted, "resolved": resolved}
        return self._act(order_id, E.REPLY, payload, actor)

    def request_extension(self, order_id: str, actor: Actor, days: int, reason: str) -> Order:
        if days <= 0:
            raise RuleViolation("bad_days", "延期天数须大于0")
        if not reason.strip():
            raise RuleViolation("reason_required", "请写明延期理由")
        return self._act(
            order_id, E.EXTENSION_REQUEST, {"days": days, "reason": reason.strip()}, actor
        )

    def request_return(self, order_id: str, actor: Actor, reason: ReturnReason, text: str) -> Order:
        if reason is ReturnReason.OTHER and not text.strip():
            raise RuleViolation("reason_required", "退单理由为“其他”时须写明具体原因")
        payload = {"reason": reason.value, "text": text.strip()}
        return self._act(order_id, E.RETURN_REQUEST, payload, actor)

    def request_unreasonable(self, order_id: str, actor: Actor, reason: str) -> Order:
        if not reason.strip():
            raise RuleViolation("reason_required", "请写明申请理由")
        return self._act(order_id, E.UNREASONABLE_REQUEST, {"reason": reason.strip()}, actor)
