"""What an event says, checked alike on a workstation (Workspace.act, record_intake) and on
the central store (server/checks.py): the fields an operator typed, and the deadlines a step
sets. rules.check decides whether a step may happen at all; these decide whether what it
carries is right. Each raises rules.RuleViolation with a stable code.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any

from app.models.deadlines import Deadline, ReplyLimits, WorkCalendar, extend, reply_deadline
from app.models.drill_events import field_errors as drill_field_errors
from app.models.enums import AppealType, EventType, Urgency
from app.models.kb_events import field_errors as kb_field_errors
from app.models.payloads import text_length_errors
from app.models.policy import Policy
from app.models.records import Intake, Order
from app.models.rules import RuleViolation
from app.models.validation import aware_time, describe, event_field_errors, read_intake

# Events whose payload sets the order's deadline, and the key it is under.
DEADLINE_KEYS: Mapping[EventType, str] = {
    EventType.INTAKE: "deadline",
    EventType.EXTENSION_RULING: "new_deadline",
    EventType.REOPEN: "new_deadline",
}
# The warning beside it when the deadline was counted partly on the weekend-only fallback.
WARNING_KEY = "deadline_warning"


def check_fields(
    event_type: EventType,
    payload: Mapping[str, Any],
    at: datetime,
    known_towns: AbstractSet[str],
    known_categories: AbstractSet[str] | None = None,
) -> None:
    """validation.event_field_errors, then every text over its length
    (payloads.text_length_errors), as a refusal: code `invalid_field`, the message naming
    every wrong field ("phone: 来电号码格式不正确…")."""
    errors = event_field_errors(event_type, payload, at, known_towns, known_categories)
    errors = errors or text_length_errors(event_type, payload)
    errors = (
        errors or kb_field_errors(event_type, payload) or drill_field_errors(event_type, payload)
    )
    if errors:
        raise RuleViolation("invalid_field", describe(errors))


def expected_deadline(
    order: Order | None,
    event_type: EventType,
    payload: Mapping[str, Any],
    at: datetime,
    limits: ReplyLimits,
    calendar: WorkCalendar,
    intake: Intake | None = None,
) -> Deadline | None:
    """The deadline the rules give for this step (with its warning when part of it was
    counted on the weekend-only fallback), or None when it sets none. `intake`: an intake
    event's payload already read (read_intake), so it is not read again.

    * intake: the reply limit of its type and urgency from its receipt (reply_deadline);
    * approved extension: the current deadline moved on by the approved working days;
    * reopen (重新办理): a fresh reply limit for the order's type and urgency from `at`, the
      moment the step was recorded (the event's client_time).

    The payload is assumed to have passed check_fields and rules.check (days > 0 …)."""
    if event_type is EventType.INTAKE:
        if intake is not None:
            received, appeal_type, urgency = intake.received_at, intake.appeal_type, intake.urgency
        else:
            received = datetime.fromisoformat(str(payload["received_at"]))
            appeal_type = AppealType(payload["appeal_type"])
            urgency = Urgency(payload["urgency"])
        return reply_deadline(received, appeal_type, urgency, limits, calendar)
    if order is None:
        return None
    if event_type is EventType.EXTENSION_RULING and payload.get("approved"):
        return extend(order.deadline, int(payload["days"]), calendar, order.received_at.date())
    if event_type is EventType.REOPEN:
        return reply_deadline(at, order.appeal_type, order.urgency, limits, calendar)
    return None


def deadline_fields(event_type: EventType, deadline: Deadline) -> dict[str, str]:
    """What a step's payload says of the deadline it sets: the time, and the warning when
    there is one (an intake always carries its warning, empty or not)."""
    fields = {DEADLINE_KEYS[event_type]: deadline.due.isoformat()}
    if deadline.warning or event_type is EventType.INTAKE:
        fields[WARNING_KEY] = deadline.warning
    return fields


def check_deadline(
    order: Order | None,
    event_type: EventType,
    payload: Mapping[str, Any],
    at: datetime,
    limits: ReplyLimits,
    calendar: WorkCalendar,
    intake: Intake | None = None,
) -> None:
    """Refuse (`deadline_mismatch`) a deadline other than the one the working-day calendar
    and the reply limits give, or a warning other than the one that deadline carries (a
    workstation from before the warning travelled with every deadline sends none: taken
    as it is). Both sides compute with the same rules and calendar, so an honest
    workstation never meets this; the message says the deadline expected."""
    key = DEADLINE_KEYS.get(event_type)
    if key is None:
        return
    try:
        expected = expected_deadline(order, event_type, payload, at, limits, calendar, intake)
    except (OverflowError, ValueError, KeyError, TypeError):  # e.g. a time near year 9999
        raise RuleViolation("deadline_mismatch", "无法按工作日历计算办理期限") from None
    if expected is None:
        return
    given = aware_time(payload.get(key))
    if given is None or given != expected.due:
        raise RuleViolation(
            "deadline_mismatch",
            f"办理期限应为{expected.due.isoformat()}（按工作日历和答复时限计算），与所给期限不符",
        )
    if WARNING_KEY in payload and payload[WARNING_KEY] != expected.warning:
        raise RuleViolation(
            "deadline_mismatch",
            f"办理期限的提示应为“{expected.warning or '无'}”（按工作日历计算），与所给提示不符",
        )


def check_content(
    order: Order | None,
    event_type: EventType,
    payload: Mapping[str, Any],
    at: datetime,
    policy: Policy,
) -> Intake | None:
    """check_fields, then check_deadline, with the policy's 镇街, categories, limits and
    calendar. Run after rules.check, as the central store does.

    Returns the Intake an intake event carries (read once, here: projection.apply takes
    it instead of reading the payload again), None for any other event."""
    intake = None
    if event_type is EventType.INTAKE:
        intake, errors = read_intake(payload, at, policy.town_codes, policy.category_codes)
        errors = errors or text_length_errors(event_type, payload)
        if errors:
            raise RuleViolation("invalid_field", describe(errors))
    else:
        check_fields(event_type, payload, at, policy.town_codes, policy.category_codes)
    check_deadline(order, event_type, payload, at, policy.limits, policy.calendar, intake)
    return intake
