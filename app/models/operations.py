"""Turn an operator's action into checked, immutable events."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.models.deadlines import Deadline
from app.models.enums import EventType, Role
from app.models.payloads import check_payload
from app.models.projection import appellant_to_dict
from app.models.records import Event, Intake, Order
from app.models.rules import FunctionalLookup, UnitLookup, check


@dataclass(frozen=True)
class Actor:
    """Who acts, and from which workstation."""

    user: str
    role: Role
    device_id: str
    unit: str = ""


@dataclass(frozen=True)
class DirectAnswer:
    text: str
    kb_article: str = ""
    kb_version: int = 0


NewId = Callable[[], str]


def new_id() -> str:
    """A time-ordered id (UUID version 7): new orders and events land at the end of the
    store's id indexes instead of on random pages, which keeps a save at a million orders
    to a few cached pages."""
    # Imported here: uuid6 reads its package metadata on import, which the app's start-up
    # (the intake screen imports this module) should not pay.
    import uuid6

    return str(uuid6.uuid7())


def intake_events(
    intake: Intake,
    *,
    actor: Actor,
    number: str,
    deadline: Deadline,
    now: datetime,
    direct_answer: DirectAnswer | None = None,
    make_id: NewId = new_id,
) -> list[Event]:
    """The intake event, and the direct answer when the call closes the appeal."""
    check(None, EventType.INTAKE, actor.role)
    order_id = make_id()
    payload = {
        "number": number,
        "appellant": appellant_to_dict(intake.appellant),
        "appeal_type": intake.appeal_type.value,
        "urgency": intake.urgency.value,
        "channel": intake.channel.value,
        "category": intake.category,
        "town": intake.town,
        "address": intake.address,
        "title": intake.title,
        "content": intake.content,
        "party_complained": intake.party_complained,
        "received_at": intake.received_at.isoformat(),
        "deadline": deadline.due.isoformat(),
        "deadline_warning": deadline.warning,
    }
    check_payload(EventType.INTAKE, payload)
    events = [_event(make_id(), order_id, EventType.INTAKE, payload, actor, now, 0)]
    if direct_answer is not None:
        answer = {
            "answer": direct_answer.text,
            "kb_article": direct_answer.kb_article,
            "kb_version": direct_answer.kb_version,
        }
        check_payload(EventType.DIRECT_ANSWER, answer)
        events.append(_event(make_id(), order_id, EventType.DIRECT_ANSWER, answer, actor, now, 1))
    return events


def order_event(
    order: Order,
    event_type: EventType,
    payload: Mapping[str, Any],
    *,
    actor: Actor,
    now: datetime,
    units: UnitLookup | None = None,
    functional: FunctionalLookup | None = None,
    make_id: NewId = new_id,
) -> Event:
    """One checked event on an existing order; raises rules.RuleViolation if refused
    (first for the payload's shape, as the central store does: payloads.check_payload)."""
    check_payload(event_type, payload)
    check(
        order,
        event_type,
        actor.role,
        actor_unit=actor.unit,
        payload=payload,
        units=units,
        functional=functional,
    )
    return _event(make_id(), order.id, event_type, dict(payload), actor, now, order.version)


def _event(
    event_id: str,
    order_id: str,
    event_type: EventType,
    payload: dict[str, Any],
    actor: Actor,
    now: datetime,
    base_version: int,
) -> Event:
    return Event(
        id=event_id,
        order_id=order_id,
        type=event_type,
        payload=payload,
        actor=actor.user,
        role=actor.role.value,
        unit=actor.unit,
        device_id=actor.device_id,
        client_time=now,
        base_version=base_version,
    )
