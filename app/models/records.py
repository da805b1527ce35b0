"""Immutable records: the appellant, an intake, an event, and the order projection."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import datetime
from typing import Any

from app.models.enums import (
    AppealType,
    AppellantKind,
    Channel,
    EventType,
    Satisfaction,
    Status,
    Urgency,
)


@dataclass(frozen=True)
class Appellant:
    phone: str  # normalised digits, see validation.normalise_phone
    name: str = ""
    kind: AppellantKind = AppellantKind.PERSON
    company: str = ""
    gender: str = ""
    other_contact: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class Intake:
    """What the operator records on the intake screen (受理五要素 and the order fields)."""

    appellant: Appellant
    appeal_type: AppealType
    urgency: Urgency
    channel: Channel
    category: str
    town: str
    address: str
    title: str
    content: str
    received_at: datetime
    party_complained: str = ""


@dataclass(frozen=True)
class Event:
    """One immutable fact about an order. The order row is a projection of these."""

    id: str
    order_id: str
    type: EventType
    payload: dict[str, Any]
    actor: str
    device_id: str
    client_time: datetime
    base_version: int
    role: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Order:
    """The current state of one 工单, rebuilt by folding its events (see projection.apply)."""

    id: str
    number: str
    status: Status
    version: int
    received_at: datetime
    appellant: Appellant
    appeal_type: AppealType
    urgency: Urgency
    channel: Channel
    category: str
    town: str
    address: str
    title: str
    content: str
    operator: str
    deadline: datetime
    deadline_warning: str = ""
    party_complained: str = ""
    updated_at: datetime | None = None
    direct: bool = False
    answer: str = ""
    kb_article: str = ""
    kb_version: int = 0
    lead_unit: str = ""
    assist_units: tuple[str, ...] = ()
    dispatched_at: datetime | None = None
    signed_at: datetime | None = None
    replied_at: datetime | None = None
    closed_at: datetime | None = None
    reply_text: str = ""
    resolved: bool | None = None
    contacted: bool | None = None
    return_count: int = 0
    return_reason: str = ""
    extension_count: int = 0
    extension_days: int = 0
    pending_extension: bool = False
    pending_unreasonable: bool = False
    unreasonable: bool = False
    supervised: bool = False
    flags: tuple[str, ...] = ()
    follow_up_count: int = 0
    reached: bool | None = None
    satisfaction: Satisfaction | None = None
    first_satisfaction: Satisfaction | None = None
    reopen_due: bool = False
    reopen_count: int = 0
    merged_into: str = ""
    transfer_target: str = ""
    extra_callers: tuple[str, ...] = ()
    # every unit the order was ever dispatched to, lead or assisting: a unit keeps seeing
    # an order it handled after a re-dispatch (the central store keeps such grants too)
    granted_units: tuple[str, ...] = ()
    former_numbers: tuple[str, ...] = ()  # numbers it had before the store renumbered it
    last_event: EventType | None = None
    notes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def evolve(self, **changes: Any) -> Order:
        """replace(self, **changes), without the frozen dataclass's field-by-field
        __init__ (about 60 object.__setattr__ calls): the fields are copied as one dict.
        Same result, same errors; a fold makes one of these per event."""
        if type(self) is not Order or not changes.keys() <= _ORDER_NAMES:
            return replace(self, **changes)
        values = self.__dict__.copy()
        values.update(changes)
        return _instance(Order, values)  # type: ignore[no-any-return]


def _instance(cls: type[Any], values: dict[str, Any]) -> Any:
    """An instance of the frozen dataclass `cls` with exactly `values` (every field, in
    field order: orjson and the dataclass's eq read them in that order)."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    return obj


def _template(cls: type[Any]) -> dict[str, Any]:
    """Every field of the dataclass `cls` in order with its default, None for the ones with
    none (opened_order fills those; `extra`, the only default_factory, gets its own {})."""
    return {f.name: f.default if f.default is not MISSING else None for f in fields(cls)}


_ORDER_TEMPLATE = _template(Order)
_ORDER_NAMES = frozenset(_ORDER_TEMPLATE)


def opened_order(
    *,
    id: str,
    number: str,
    intake: Intake,
    operator: str,
    deadline: datetime,
    deadline_warning: str,
    updated_at: datetime,
) -> Order:
    """The Order an intake opens (受理: status received, version 1), every other field at
    its default, built as one dict: the template's copy keeps the fields' order."""
    values = _ORDER_TEMPLATE.copy()
    values["id"] = id
    values["number"] = number
    values["status"] = Status.RECEIVED
    values["version"] = 1
    values["received_at"] = intake.received_at
    values["appellant"] = intake.appellant
    values["appeal_type"] = intake.appeal_type
    values["urgency"] = intake.urgency
    values["channel"] = intake.channel
    values["category"] = intake.category
    values["town"] = intake.town
    values["address"] = intake.address
    values["title"] = intake.title
    values["content"] = intake.content
    values["operator"] = operator
    values["deadline"] = deadline
    values["deadline_warning"] = deadline_warning
    values["party_complained"] = intake.party_complained
    values["updated_at"] = updated_at
    values["last_event"] = EventType.INTAKE
    values["extra"] = {}
    return _instance(Order, values)  # type: ignore[no-any-return]


def new_appellant(
    *,
    phone: str,
    name: str,
    kind: AppellantKind,
    company: str,
    gender: str,
    other_contact: str,
    confidential: bool,
) -> Appellant:
    """Appellant(...) with every field given, built as one dict in field order (a push
    reads thousands; the frozen dataclass's __init__ sets them one by one)."""
    return _instance(  # type: ignore[no-any-return]
        Appellant,
        {
            "phone": phone,
            "name": name,
            "kind": kind,
            "company": company,
            "gender": gender,
            "other_contact": other_contact,
            "confidential": confidential,
        },
    )


def new_intake(
    *,
    appellant: Appellant,
    appeal_type: AppealType,
    urgency: Urgency,
    channel: Channel,
    category: str,
    town: str,
    address: str,
    title: str,
    content: str,
    received_at: datetime,
    party_complained: str,
) -> Intake:
    """Intake(...) with every field given, as new_appellant."""
    return _instance(  # type: ignore[no-any-return]
        Intake,
        {
            "appellant": appellant,
            "appeal_type": appeal_type,
            "urgency": urgency,
            "channel": channel,
            "category": category,
            "town": town,
            "address": address,
            "title": title,
            "content": content,
            "received_at": received_at,
            "party_complained": party_complained,
        },
    )


def new_event(
    *,
    id: str,
    order_id: str,
    type: EventType,
    payload: dict[str, Any],
    actor: str,
    device_id: str,
    client_time: datetime,
    base_version: int,
    role: str,
    unit: str,
) -> Event:
    """Event(...) with every field given, as new_appellant (a push reads thousands)."""
    return _instance(  # type: ignore[no-any-return]
        Event,
        {
            "id": id,
            "order_id": order_id,
            "type": type,
            "payload": payload,
            "actor": actor,
            "device_id": device_id,
            "client_time": client_time,
            "base_version": base_version,
            "role": role,
            "unit": unit,
        },
    )
