"""Immutable records: the appellant, an intake, an event, and the order projection."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
    last_event: EventType | None = None
    notes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def evolve(self, **changes: Any) -> Order:
        return replace(self, **changes)
