"""An order's timeline as the screens show it: every stored event, readable or not, with
who the central store says pushed it and when it received it.

An event a screen cannot read (an older or odd payload, a type this build does not know)
is still an entry: shown as unreadable, it never stops the order from opening.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from app.models.clock import CHINA
from app.models.records import Event
from app.models.serial import event_from_dict

# A step that reached the store this long after its own time was recorded offline (or
# held back): the gap is shown beside it.
OFFLINE_GAP = timedelta(minutes=30)


class Delivery(StrEnum):
    WAITING = "waiting"  # recorded here, not yet accepted by the central store
    ACCEPTED = "accepted"
    REFUSED = "refused"


@dataclass(frozen=True)
class StoreStamp:
    """The central store's record of an event: who pushed it (in which role and unit)
    and when it received it."""

    received_at: datetime
    user: str
    role: str
    unit: str


@dataclass(frozen=True)
class TimelineEntry:
    event_id: str
    type: str  # as stored, whether or not this build knows it
    actor: str  # as recorded on the workstation
    client_time: datetime | None  # the workstation's own time, when readable
    delivery: Delivery
    record: StoreStamp | None = None
    event: Event | None = None  # None: the stored event cannot be read

    @property
    def readable(self) -> bool:
        return self.event is not None

    @property
    def offline_gap(self) -> timedelta | None:
        """How much later the store received it than it was recorded, when that is more
        than OFFLINE_GAP (or earlier: a workstation clock ahead of the store's)."""
        if self.record is None or self.client_time is None:
            return None
        gap = self.record.received_at - self.client_time
        return gap if abs(gap) > OFFLINE_GAP else None


def entry(row: Mapping[str, Any]) -> TimelineEntry:
    """One stored event as a timeline entry. `row`: the event's fields as stored
    (serial.event_to_dict's, the payload as JSON text or already read) with
    `server_seq`, `rejected_code`, `received_at` (epoch seconds) and `by_user`,
    `by_role`, `by_unit` — the last four NULL until the store's record came in a pull."""
    if row.get("rejected_code"):
        delivery = Delivery.REFUSED
    elif row.get("server_seq") is None:
        delivery = Delivery.WAITING
    else:
        delivery = Delivery.ACCEPTED
    record = None
    received = row.get("received_at")
    if type(received) is int and row.get("by_user") is not None:
        try:
            at = datetime.fromtimestamp(received, UTC).astimezone(CHINA)
        except (OverflowError, OSError, ValueError):
            at = None
        if at is not None:
            record = StoreStamp(
                at,
                str(row["by_user"]),
                str(row.get("by_role") or ""),
                str(row.get("by_unit") or ""),
            )
    event = _read(row)
    client_time = event.client_time if event is not None else _time(row.get("client_time"))
    return TimelineEntry(
        event_id=str(row.get("id", "")),
        type=str(row.get("type", "")),
        actor=str(row.get("actor", "")),
        client_time=client_time,
        delivery=delivery,
        record=record,
        event=event,
    )


def _read(row: Mapping[str, Any]) -> Event | None:
    import json

    data = dict(row)
    payload = data.get("payload")
    try:
        if isinstance(payload, str | bytes):
            data["payload"] = json.loads(payload)
        if not isinstance(data.get("payload"), dict):
            return None
        event = event_from_dict(data)
    except (KeyError, ValueError, TypeError, OverflowError, RecursionError):
        return None
    if event.client_time.tzinfo is None:
        return None
    return event


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
