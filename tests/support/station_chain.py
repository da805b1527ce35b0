"""Helpers for the chain's end-to-end tests: intakes of any category, events crafted past the
client's own rules (to see the central store refuse them), and the extra unit users."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from app.models.enums import AppealType, Channel, EventType, Role, Urgency
from app.models.operations import Actor, _event, new_id
from app.models.records import Appellant, Event, Intake, Order
from app.models.rules import ORDERLESS
from app.sync import account
from tests.support.station import Station


def actor(station: Station) -> Actor:
    return account.actor_for(account.current_user(station.ws.database), station.ws.device_id)


def intake(
    station: Station,
    *,
    category: str = "A0301",
    town: str = "shiqi",
    confidential: bool = False,
    name: str = "陈女士",
    phone: str = "13800138000",
    title: str = "夜间施工噪音扰民",
    received_at: datetime | None = None,
) -> Intake:
    return Intake(
        appellant=Appellant(phone=phone, name=name, confidential=confidential),
        appeal_type=AppealType.COMPLAINT,
        urgency=Urgency.NORMAL,
        channel=Channel.PHONE,
        category=category,
        town=town,
        address="孙文中路1号",
        title=title,
        content="夜间施工噪音扰民，请处理",
        received_at=received_at or station.ws.clock(),
    )


def record(station: Station, **fields: Any) -> Order:
    return station.ws.record_intake(intake(station, **fields), actor(station))


def craft(
    station: Station,
    order_id: str,
    event_type: EventType,
    payload: Mapping[str, Any],
    *,
    role: Role | None = None,
    unit: str | None = None,
) -> Event:
    """Record an event locally WITHOUT the client's rules check (a tampered or outdated
    workstation), optionally claiming another role or unit than the signed-in user's."""
    me = actor(station)
    claimed = Actor(
        user=me.user,
        role=role or me.role,
        device_id=me.device_id,
        unit=me.unit if unit is None else unit,
    )
    order = station.ws.events.load_order(order_id)
    assert order is not None
    event = _event(
        new_id(), order_id, event_type, dict(payload), claimed, station.ws.clock(), order.version
    )
    if event_type in ORDERLESS:  # filed under the order, folded into nothing
        station.ws.events.append_orderless([event])
    else:
        station.ws.events.append_local([event])
    return event
