"""The workflow rules: which event may follow which, and which role may emit it.

One table drives the client's screens and the central store's checks, so the two can
never disagree. Guards that need more than the status (the acting unit, a pending
request, the unit catalogue) live in `check`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.models.enums import EventType, ReturnReason, Role, Satisfaction, Status
from app.models.records import Order

OPERATOR = frozenset({Role.OPERATOR})
DISPATCHER = frozenset({Role.DISPATCHER})
UNIT = frozenset({Role.UNIT})
FRONT_DESK = frozenset({Role.OPERATOR, Role.DISPATCHER})
CHAIN_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.UNIT})
# A unit proposes for its own articles; the editor (知识库管理员) alone rules on proposals.
KB_EDITOR = frozenset({Role.KB_EDITOR})
KB_PROPOSERS = frozenset({Role.UNIT, Role.KB_EDITOR})
TRAINER = frozenset({Role.TRAINER})

ANY_STATE: frozenset[Status | None] = frozenset(Status)
OPEN_FOR_UNIT = frozenset({Status.DISPATCHED, Status.HANDLING})
IN_CHAIN = frozenset(
    {Status.RECEIVED, Status.DISPATCHED, Status.HANDLING, Status.RETURN_PENDING, Status.REPLIED}
)

# Events that only add information; they never conflict with anything done meanwhile.
APPEND_ONLY = frozenset(
    {
        EventType.NOTE,
        EventType.CALL_RECORD,
        EventType.FLAG,
        EventType.ADD_CALLER,
        EventType.DRILL_ATTEMPT,
        EventType.REVEAL_CONTACT,
    }
)

# Events that describe no order: carried by the event log and the outbox like the others
# (order_id names what they are filed under, e.g. "drill:<scenario>"), never folded into
# an order's projection, and never an order's state to check.
ORDERLESS = frozenset(
    {
        EventType.DRILL_ATTEMPT,
        EventType.REVEAL_CONTACT,
        EventType.KB_PROPOSAL,
        EventType.KB_RULING,
        EventType.KB_FLAG,
        EventType.KB_FLAG_RESOLVED,
        EventType.DRILL_PUBLISH,
        EventType.DRILL_RETIRE,
    }
)
# Those who call an appellant back may see the full number, each time recorded
# (reveal_contact): the follow-up desk (回访), which is the operators' screen, and the
# dispatchers. Never a handling unit, an analyst or a trainer.
REVEALERS = FRONT_DESK

# Events a unit emits on its own order: the acting unit must be the lead unit.
LEAD_UNIT_EVENTS = frozenset(
    {
        EventType.SIGN,
        EventType.RETURN_REQUEST,
        EventType.EXTENSION_REQUEST,
        EventType.UNREASONABLE_REQUEST,
        EventType.REPLY,
    }
)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status | None]  # None: the order does not exist yet
    roles: frozenset[Role]


RULES: Mapping[EventType, Rule] = {
    EventType.INTAKE: Rule(frozenset({None}), FRONT_DESK),
    EventType.DIRECT_ANSWER: Rule(frozenset({Status.RECEIVED}), OPERATOR),
    EventType.DISPATCH: Rule(frozenset({Status.RECEIVED}), DISPATCHER),
    EventType.REDISPATCH: Rule(
        frozenset({Status.RECEIVED, Status.DISPATCHED, Status.HANDLING}), DISPATCHER
    ),
    EventType.SIGN: Rule(frozenset({Status.DISPATCHED}), UNIT),
    EventType.RETURN_REQUEST: Rule(OPEN_FOR_UNIT, UNIT),
    EventType.RETURN_RULING: Rule(frozenset({Status.RETURN_PENDING}), DISPATCHER),
    EventType.EXTENSION_REQUEST: Rule(frozenset({Status.HANDLING}), UNIT),
    EventType.EXTENSION_RULING: Rule(frozenset({Status.HANDLING}), DISPATCHER),
    EventType.UNREASONABLE_REQUEST: Rule(frozenset({Status.HANDLING}), UNIT),
    EventType.UNREASONABLE_RULING: Rule(frozenset({Status.HANDLING}), DISPATCHER),
    EventType.REPLY: Rule(frozenset({Status.HANDLING}), UNIT),
    EventType.REVIEW: Rule(frozenset({Status.REPLIED}), DISPATCHER),
    EventType.CLOSE: Rule(frozenset({Status.REVIEWED}), DISPATCHER),
    EventType.FOLLOW_UP: Rule(frozenset({Status.CLOSED}), OPERATOR),
    EventType.REOPEN: Rule(frozenset({Status.CLOSED}), FRONT_DESK),
    EventType.SUPERVISE: Rule(
        frozenset({Status.DISPATCHED, Status.HANDLING, Status.RETURN_PENDING, Status.REPLIED}),
        DISPATCHER,
    ),
    EventType.MERGE: Rule(
        frozenset({Status.RECEIVED, Status.DISPATCHED, Status.HANDLING}), DISPATCHER
    ),
    EventType.TRANSFER: Rule(frozenset({Status.RECEIVED}), FRONT_DESK),
    EventType.ADD_CALLER: Rule(ANY_STATE, FRONT_DESK),
    EventType.FLAG: Rule(ANY_STATE, FRONT_DESK),
    EventType.NOTE: Rule(ANY_STATE, CHAIN_ROLES),
    EventType.CALL_RECORD: Rule(ANY_STATE, OPERATOR),
    # Those who take calls drill on the knowledge base; the "order" never exists.
    EventType.DRILL_ATTEMPT: Rule(frozenset({None}), FRONT_DESK),
    # Filed under an existing order (its audit trail) but never folded into it.
    EventType.REVEAL_CONTACT: Rule(ANY_STATE, REVEALERS),
    # Only the central store writes it (server/numbering.py): no role may push one.
    EventType.RENUMBER: Rule(ANY_STATE, frozenset()),
    # Knowledge-base governance (app/models/kb_events.py: whose article, which proposal).
    EventType.KB_PROPOSAL: Rule(frozenset({None}), KB_PROPOSERS),
    EventType.KB_RULING: Rule(frozenset({None}), KB_EDITOR),
    EventType.KB_FLAG: Rule(frozenset({None}), FRONT_DESK),
    EventType.KB_FLAG_RESOLVED: Rule(frozenset({None}), KB_PROPOSERS),
    # Drill sets travel through the store (app/models/drill_events.py).
    EventType.DRILL_PUBLISH: Rule(frozenset({None}), TRAINER),
    EventType.DRILL_RETIRE: Rule(frozenset({None}), TRAINER),
}


class RuleViolation(Exception):
    """An event that the rules refuse. `code` is stable; `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments (the default passes only the message to __init__),
        # so it survives crossing processes: a multiprocessing pool pickles a worker's error.
        return type(self), (self.code, self.message), self.__dict__


@dataclass(frozen=True)
class UnitInfo:
    """What the rules need to know of a handling unit."""

    code: str
    assist_only: bool = False  # 村(居)委会: may assist, never lead
    grassroots: bool = False  # 镇街 offices and 村居


UnitLookup = Callable[[str], UnitInfo | None]

# (category, town) → True when the dispatch catalogue makes it a functional department's
# matter there: its citywide lead is not a grassroots unit and no entry for that town names
# a grassroots lead. Such a matter must not be pushed down to a 镇街 or 村居 as lead.
FunctionalLookup = Callable[[str, str], bool]


def check(
    order: Order | None,
    event_type: EventType,
    role: Role,
    *,
    actor_unit: str = "",
    payload: Mapping[str, Any] | None = None,
    units: UnitLookup | None = None,
    functional: FunctionalLookup | None = None,
) -> None:
    """Raise RuleViolation unless `role` may emit `event_type` on `order` now."""
    rule = RULES[event_type]
    status = order.status if order is not None else None
    if role not in rule.roles:
        raise RuleViolation("forbidden_role", f"角色“{role.value}”无权执行“{event_type.value}”")
    if status not in rule.sources:
        state = status.value if status is not None else "不存在"
        raise RuleViolation(
            "invalid_transition", f"工单当前状态为“{state}”，不能执行“{event_type.value}”"
        )
    if order is None:
        return
    if event_type in LEAD_UNIT_EVENTS and actor_unit != order.lead_unit:
        raise RuleViolation("not_lead_unit", "只有主办单位可以办理此工单")
    if role is Role.UNIT and actor_unit not in (order.lead_unit, *order.assist_units):
        # The feed shows a unit every order it was ever dispatched to (grants are kept), but
        # a unit acts (a note, …) only on orders it leads or assists on now.
        raise RuleViolation("not_assigned", "本单位不是该工单的主办或协办单位，不能对其操作")
    _check_state_guards(order, event_type)
    if payload is not None:
        _check_payload(order, event_type, payload, units)
        if functional is not None and units is not None:
            _check_push_down(order, event_type, payload, units, functional)


def _check_state_guards(order: Order, event_type: EventType) -> None:
    if event_type is EventType.DISPATCH and order.lead_unit:
        raise RuleViolation("already_dispatched", "工单已派过单，请使用改派")
    if event_type is EventType.REDISPATCH and not order.lead_unit:
        raise RuleViolation("never_dispatched", "工单尚未派单，请使用派单")
    if event_type is EventType.EXTENSION_REQUEST and order.pending_extension:
        raise RuleViolation("extension_pending", "已有延期申请待审批")
    if event_type is EventType.EXTENSION_RULING and not order.pending_extension:
        raise RuleViolation("no_extension_pending", "没有待审批的延期申请")
    if event_type is EventType.UNREASONABLE_REQUEST and (
        order.pending_unreasonable or order.unreasonable
    ):
        raise RuleViolation("unreasonable_pending", "已申请或已认定为不合理诉求")
    if event_type is EventType.UNREASONABLE_RULING and not order.pending_unreasonable:
        raise RuleViolation("no_unreasonable_pending", "没有待审核的不合理诉求申请")
    if event_type is EventType.REOPEN and not order.reopen_due:
        raise RuleViolation("reopen_not_due", "回访结果为已解决且满意，无需重新办理")


def _check_payload(
    order: Order, event_type: EventType, payload: Mapping[str, Any], units: UnitLookup | None
) -> None:
    if event_type is EventType.REDISPATCH and payload.get("lead_unit") == order.lead_unit:
        raise RuleViolation("same_unit", "改派的主办单位须不同于原主办单位")
    if event_type in (EventType.DISPATCH, EventType.REDISPATCH):
        _check_units(payload, units)
    if event_type is EventType.MERGE and payload.get("into") in ("", None, order.id):
        raise RuleViolation("bad_merge_target", "并单目标必须是另一张工单")
    _check_statements(event_type, payload)


def _text(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    return value.strip() if isinstance(value, str) else ""


def _says(payload: Mapping[str, Any], key: str) -> bool:
    """True when a reason, opinion or reply says something: at least one letter, ideograph
    or digit. Blanks of any kind (full-width spaces, zero-width characters, control
    characters), punctuation and symbols alone say nothing."""
    value = payload.get(key)
    return isinstance(value, str) and any(unicodedata.category(c)[0] in "LN" for c in value)


# The most working days one extension may add (the ruling dialog offers 1–60). Bounded
# here because both sides count the new deadline out day by day.
MAX_EXTENSION_DAYS = 60


def _check_days(payload: Mapping[str, Any]) -> None:
    days = payload.get("days")
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise RuleViolation("bad_days", "延期天数须大于0")
    if days > MAX_EXTENSION_DAYS:
        raise RuleViolation("bad_days", f"延期天数最多{MAX_EXTENSION_DAYS}个工作日")


_RETURN_REASONS = frozenset(r.value for r in ReturnReason)
_SATISFACTIONS = frozenset(s.value for s in Satisfaction)


def _check_statements(event_type: EventType, payload: Mapping[str, Any]) -> None:
    """What a step must say: reasons, opinions, days, the reply itself. Checked here (not
    in a screen) so the central store refuses exactly what a workstation refuses.

    Checked on every new step only (a push, Workspace.act): events already stored are
    folded by projection.apply without these checks, so a rule added later (a transfer's,
    a return's or an unsatisfied follow-up's reason) never makes old history invalid."""
    if event_type is EventType.FLAG and not _says(payload, "reason"):
        raise RuleViolation("reason_required", "标记须写明理由")
    if event_type is EventType.RETURN_REQUEST:
        reason = payload.get("reason")
        if reason not in _RETURN_REASONS:
            raise RuleViolation("bad_return_reason", f"退单理由“{reason}”不在规定的理由之列")
        if not _says(payload, "text"):
            raise RuleViolation("reason_required", "退单须写明具体原因")
    if event_type is EventType.TRANSFER and not _says(payload, "reason"):
        raise RuleViolation("reason_required", "转办须写明理由")
    if event_type is EventType.EXTENSION_REQUEST:
        _check_days(payload)
        if not _says(payload, "reason"):
            raise RuleViolation("reason_required", "请写明延期理由")
    if event_type is EventType.EXTENSION_RULING and payload.get("approved"):
        _check_days(payload)
        if not _text(payload, "new_deadline"):
            raise RuleViolation("no_new_deadline", "批准延期须给出新的办理期限")
    if event_type is EventType.REOPEN and not _text(payload, "new_deadline"):
        raise RuleViolation("no_new_deadline", "重新办理须给出新的办理期限")
    if event_type is EventType.UNREASONABLE_REQUEST and not _says(payload, "reason"):
        raise RuleViolation("reason_required", "请写明申请理由")
    if (
        event_type is EventType.REVIEW
        and not payload.get("approved")
        and not _says(payload, "opinion")
    ):
        raise RuleViolation("opinion_required", "退回重办须写明审核意见")
    if event_type is EventType.REPLY and not _says(payload, "text"):
        raise RuleViolation("reply_required", "请填写答复内容")
    if (
        event_type is EventType.FOLLOW_UP
        and payload.get("reached")
        and payload.get("satisfaction") not in _SATISFACTIONS
    ):
        raise RuleViolation("satisfaction_required", "请记录诉求人的满意度")
    if (
        event_type is EventType.FOLLOW_UP
        and payload.get("reached")
        and payload.get("satisfaction") == Satisfaction.UNSATISFIED.value
        and not _says(payload, "text")
    ):
        raise RuleViolation("reason_required", "诉求人不满意时须记录不满意的原因")


def _check_units(payload: Mapping[str, Any], units: UnitLookup | None) -> None:
    lead = str(payload.get("lead_unit") or "")
    if not lead:
        raise RuleViolation("no_lead_unit", "必须指定主办单位")
    assists = [str(u) for u in payload.get("assist_units") or ()]
    if lead in assists:
        raise RuleViolation("lead_is_assist", "主办单位不能同时是协办单位")
    if units is None:
        return
    info = units(lead)
    if info is None:
        raise RuleViolation("unknown_unit", f"未知的承办单位“{lead}”")
    if info.assist_only:
        raise RuleViolation("assist_only_lead", "村（居）委会依法只协助政府工作，不能作为主办单位")
    for code in assists:
        if units(code) is None:
            raise RuleViolation("unknown_unit", f"未知的承办单位“{code}”")


def _check_push_down(
    order: Order,
    event_type: EventType,
    payload: Mapping[str, Any],
    units: UnitLookup,
    functional: FunctionalLookup,
) -> None:
    """国办函〔2025〕66号: a functional department's matter is not pushed down to grassroots."""
    if event_type not in (EventType.DISPATCH, EventType.REDISPATCH):
        return
    info = units(str(payload.get("lead_unit") or ""))
    if info is None or not info.grassroots:
        return
    if functional(order.category, order.town):
        raise RuleViolation(
            "pushed_down",
            "按派单目录，该事项属职能部门职责，不得下派镇街或村（居）作为主办单位",
        )


def allowed_events(
    order: Order | None, role: Role, *, actor_unit: str = "", units: UnitLookup | None = None
) -> list[EventType]:
    """The events `role` could emit on `order` now (guards with an empty payload)."""
    result = []
    for event_type in RULES:
        try:
            check(order, event_type, role, actor_unit=actor_unit, units=units)
        except RuleViolation:
            continue
        result.append(event_type)
    return result
