"""Fold events into the order they describe. Pure: the same events give the same order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from app.models.enums import (
    AppealType,
    AppellantKind,
    Channel,
    EventType,
    Satisfaction,
    Status,
    Urgency,
)
from app.models.records import (
    Appellant,
    Event,
    Intake,
    Order,
    new_appellant,
    new_intake,
    opened_order,
)
from app.models.rules import ORDERLESS


class ProjectionError(ValueError):
    """The events cannot describe an order (e.g. a state event before the intake)."""


def parse_time(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


E = TypeVar("E", bound=Enum)


def member_of(enum: type[E]) -> Callable[[Any], E]:
    """enum(value) as a dict lookup (a member, or its value): the Enum call goes through
    EnumType.__call__ and __new__, several times the cost. Anything else takes the call,
    which raises its usual ValueError."""
    members: dict[Any, E] = {m.value: m for m in enum}

    def member(value: Any) -> E:
        try:
            return members[value]
        except (KeyError, TypeError):
            return enum(value)

    return member


appeal_type_of = member_of(AppealType)
urgency_of = member_of(Urgency)
channel_of = member_of(Channel)
appellant_kind_of = member_of(AppellantKind)
event_type_of = member_of(EventType)


def appellant_from_dict(data: Mapping[str, Any]) -> Appellant:
    return new_appellant(
        phone=str(data.get("phone", "")),
        name=str(data.get("name", "")),
        kind=appellant_kind_of(data.get("kind", AppellantKind.PERSON.value)),
        company=str(data.get("company", "")),
        gender=str(data.get("gender", "")),
        other_contact=str(data.get("other_contact", "")),
        confidential=bool(data.get("confidential", False)),
    )


def appellant_to_dict(appellant: Appellant) -> dict[str, Any]:
    return {
        "phone": appellant.phone,
        "name": appellant.name,
        "kind": appellant.kind.value,
        "company": appellant.company,
        "gender": appellant.gender,
        "other_contact": appellant.other_contact,
        "confidential": appellant.confidential,
    }


def intake_of(payload: Mapping[str, Any]) -> Intake:
    """The Intake an intake event's payload describes, read without checks (they were made
    when the event was recorded)."""
    return new_intake(
        appellant=appellant_from_dict(payload["appellant"]),
        appeal_type=appeal_type_of(payload["appeal_type"]),
        urgency=urgency_of(payload["urgency"]),
        channel=channel_of(payload["channel"]),
        category=str(payload.get("category", "")),
        town=str(payload.get("town", "")),
        address=str(payload.get("address", "")),
        title=str(payload["title"]),
        content=str(payload["content"]),
        received_at=parse_time(payload["received_at"]),
        party_complained=str(payload.get("party_complained", "")),
    )


def _from_intake(event: Event, intake: Intake) -> Order:
    p = event.payload
    return opened_order(
        id=event.order_id,
        number=str(p["number"]),
        intake=intake,
        operator=event.actor,
        deadline=parse_time(p["deadline"]),
        deadline_warning=str(p.get("deadline_warning", "")),
        updated_at=event.client_time,
    )


def _satisfaction(value: Any) -> Satisfaction | None:
    return Satisfaction(value) if value else None


Change = Callable[[Order, Mapping[str, Any], Event], dict[str, Any]]


def _direct_answer(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    return {
        "status": Status.CLOSED,
        "direct": True,
        "answer": str(p.get("answer", "")),
        "kb_article": str(p.get("kb_article", "")),
        "kb_version": int(p.get("kb_version", 0)),
        "closed_at": e.client_time,
        "resolved": True,
    }


def _dispatch(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    lead = str(p["lead_unit"])
    assists = tuple(str(u) for u in p.get("assist_units", ()))
    granted = (*o.granted_units, *(u for u in (lead, *assists) if u not in o.granted_units))
    return {
        "status": Status.DISPATCHED,
        "lead_unit": lead,
        "assist_units": assists,
        "dispatched_at": e.client_time,
        "signed_at": None,
        "granted_units": tuple(dict.fromkeys(granted)),
    }


def _return_ruling(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    if p.get("upheld"):
        return {"status": Status.RECEIVED}
    return {"status": Status.HANDLING, "signed_at": o.signed_at or e.client_time}


def _extension_ruling(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    changes: dict[str, Any] = {"pending_extension": False}
    if p.get("approved"):
        changes["extension_count"] = o.extension_count + 1
        changes["extension_days"] = o.extension_days + int(p.get("days", 0))
        changes["deadline"] = parse_time(p["new_deadline"])
        changes["deadline_warning"] = str(p.get("deadline_warning", ""))
    return changes


def _reply(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    return {
        "status": Status.REPLIED,
        "reply_text": str(p.get("text", "")),
        "contacted": bool(p.get("contacted", False)),
        "resolved": bool(p.get("resolved", False)),
        "replied_at": e.client_time,
    }


def _follow_up(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    reached = bool(p.get("reached", False))
    changes: dict[str, Any] = {"follow_up_count": o.follow_up_count + 1, "reached": reached}
    if not reached:
        return changes
    satisfaction = _satisfaction(p.get("satisfaction"))
    resolved = bool(p.get("resolved", False))
    changes.update(
        satisfaction=satisfaction,
        first_satisfaction=o.first_satisfaction or satisfaction,
        resolved=resolved,
    )
    if "contacted" in p:
        changes["contacted"] = bool(p["contacted"])
    if resolved and satisfaction is not Satisfaction.UNSATISFIED:
        changes.update(status=Status.ARCHIVED, reopen_due=False)
    else:
        changes["reopen_due"] = True
    return changes


def _reopen(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "status": Status.HANDLING if o.lead_unit else Status.RECEIVED,
        "reopen_count": o.reopen_count + 1,
        "reopen_due": False,
        "closed_at": None,
        "direct": False,
    }
    if p.get("new_deadline"):
        changes["deadline"] = parse_time(p["new_deadline"])
        changes["deadline_warning"] = str(p.get("deadline_warning", ""))
    return changes


def _flag(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    kind = str(p.get("kind", ""))
    return {"flags": o.flags if kind in o.flags else (*o.flags, kind)}


def _add_caller(o: Order, p: Mapping[str, Any], e: Event) -> dict[str, Any]:
    return {"extra_callers": (*o.extra_callers, str(p.get("phone", "")))}


CHANGES: Mapping[EventType, Change] = {
    EventType.DIRECT_ANSWER: _direct_answer,
    EventType.DISPATCH: _dispatch,
    EventType.REDISPATCH: _dispatch,
    EventType.SIGN: lambda o, p, e: {"status": Status.HANDLING, "signed_at": e.client_time},
    EventType.RETURN_REQUEST: lambda o, p, e: {
        "status": Status.RETURN_PENDING,
        "return_count": o.return_count + 1,
        "return_reason": str(p.get("reason", "")),
    },
    EventType.RETURN_RULING: _return_ruling,
    EventType.EXTENSION_REQUEST: lambda o, p, e: {"pending_extension": True},
    EventType.EXTENSION_RULING: _extension_ruling,
    EventType.UNREASONABLE_REQUEST: lambda o, p, e: {"pending_unreasonable": True},
    EventType.UNREASONABLE_RULING: lambda o, p, e: {
        "pending_unreasonable": False,
        "unreasonable": bool(p.get("approved", False)),
    },
    EventType.REPLY: _reply,
    EventType.REVIEW: lambda o, p, e: {
        "status": Status.REVIEWED if p.get("approved") else Status.HANDLING
    },
    EventType.CLOSE: lambda o, p, e: {"status": Status.CLOSED, "closed_at": e.client_time},
    EventType.FOLLOW_UP: _follow_up,
    EventType.REOPEN: _reopen,
    EventType.SUPERVISE: lambda o, p, e: {"supervised": True},
    EventType.MERGE: lambda o, p, e: {"status": Status.MERGED, "merged_into": str(p["into"])},
    EventType.ADD_CALLER: _add_caller,
    EventType.TRANSFER: lambda o, p, e: {
        "status": Status.TRANSFERRED,
        "transfer_target": str(p.get("target", "")),
    },
    EventType.FLAG: _flag,
    EventType.NOTE: lambda o, p, e: {"notes": o.notes + 1},
    EventType.CALL_RECORD: lambda o, p, e: {},
    EventType.RENUMBER: lambda o, p, e: {
        "number": str(p["number"]),
        "former_numbers": (*o.former_numbers, str(p["old_number"])),
    },
}


def apply(order: Order | None, event: Event, intake: Intake | None = None) -> Order:
    """The order after `event`. Rules are checked elsewhere (rules.check); this only folds.
    `intake`: an intake event's payload already read (checks.check_content returns it)."""
    if event.type in ORDERLESS:
        raise ProjectionError(f"event {event.id} ({event.type}) describes no order")
    if event.type is EventType.INTAKE:
        if order is not None:
            raise ProjectionError(f"order {event.order_id} has a second intake")
        return _from_intake(event, intake if intake is not None else intake_of(event.payload))
    if order is None:
        raise ProjectionError(f"event {event.id} ({event.type}) comes before the intake")
    changes = CHANGES[event.type](order, event.payload, event)
    return order.evolve(
        version=order.version + 1,
        updated_at=event.client_time,
        last_event=event.type,
        **changes,
    )


def rebuild(events: Iterable[Event]) -> Order | None:
    order: Order | None = None
    for event in events:
        order = apply(order, event)
    return order
