"""Orders and events to and from plain JSON-able dicts (the store and the wire use these)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.models.enums import (
    AppealType,
    Channel,
    EventType,
    Satisfaction,
    Status,
    Urgency,
)
from app.models.projection import (
    appellant_from_dict,
    appellant_to_dict,
    event_type_of,
    parse_time,
)
from app.models.records import Event, Order, new_event

_TIMES = (
    "received_at",
    "deadline",
    "updated_at",
    "dispatched_at",
    "signed_at",
    "replied_at",
    "closed_at",
)


_ORDER_FIELDS = tuple(f.name for f in dataclasses.fields(Order))
# Types order_to_dict keeps as they are (no .value, not a datetime or tuple): the common case,
# decided with one set lookup instead of the chain of checks below.
_PLAIN = frozenset({str, int, bool, float, type(None)})


def order_to_dict(order: Order) -> dict[str, Any]:
    data: dict[str, Any] = {}
    plain = _PLAIN
    for name in _ORDER_FIELDS:
        value = getattr(order, name)
        if type(value) in plain:
            data[name] = value
            continue
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif name == "appellant":
            value = appellant_to_dict(value)
        elif hasattr(value, "value"):
            value = value.value
        data[name] = value
    return data


def order_from_dict(data: dict[str, Any]) -> Order:
    values = dict(data)
    for name in _TIMES:
        if values.get(name):
            values[name] = parse_time(values[name])
    values["appellant"] = appellant_from_dict(values["appellant"])
    values["status"] = Status(values["status"])
    values["appeal_type"] = AppealType(values["appeal_type"])
    values["urgency"] = Urgency(values["urgency"])
    values["channel"] = Channel(values["channel"])
    for name in ("satisfaction", "first_satisfaction"):
        if values.get(name):
            values[name] = Satisfaction(values[name])
    if values.get("last_event"):
        values["last_event"] = EventType(values["last_event"])
    for name in ("assist_units", "flags", "extra_callers", "granted_units", "former_numbers"):
        values[name] = tuple(values.get(name) or ())
    known = {f.name for f in dataclasses.fields(Order)}
    return Order(**{k: v for k, v in values.items() if k in known})


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "order_id": event.order_id,
        "type": event.type.value,
        "payload": event.payload,
        "actor": event.actor,
        "role": event.role,
        "unit": event.unit,
        "device_id": event.device_id,
        "client_time": event.client_time.isoformat(),
        "base_version": event.base_version,
    }


def event_from_dict(data: Mapping[str, Any]) -> Event:
    return new_event(
        id=str(data["id"]),
        order_id=str(data["order_id"]),
        type=event_type_of(data["type"]),
        payload=dict(data.get("payload") or {}),
        actor=str(data.get("actor", "")),
        role=str(data.get("role", "")),
        unit=str(data.get("unit", "")),
        device_id=str(data.get("device_id", "")),
        client_time=parse_time(data["client_time"]),
        base_version=int(data.get("base_version", 0)),
    )
