"""How far the store lets an event's own time (client_time) be from the truth.

A workstation records each step at its own clock's time and may push it days later (offline
work is real), so the store keeps that time — but bounds it:

* never in the future: at most FUTURE_TOLERANCE after the store's clock when it arrives;
* never before the order's earlier events: not before the intake was recorded, and a step
  that answers another (a sign answers the dispatch, a reply the sign, a close the reply…)
  not before that step, each less CLOCK_SKEW for the clocks of two workstations;
* never more than OFFLINE_LIMIT before it reaches the store: how long a workstation may
  keep work unsent. An intake has no earlier event, so this is how far back one may be
  dated; its received_at (when the call came in) is also no later than the store's clock
  allows, and no earlier than its own checks allow (a year before the intake was recorded).

What a unit is assessed on (sign and reply timeliness) is measured with the store's receive
time instead (docs/security.md#what-the-store-trusts-from-a-workstation), so even within
these bounds a chosen time buys nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from app.models.enums import EventType
from app.models.records import Event, Order

FUTURE_TOLERANCE = timedelta(minutes=10)
CLOCK_SKEW = timedelta(minutes=10)
OFFLINE_LIMIT = timedelta(days=30)

# The order's times a step answers: it cannot have been recorded before them.
ANSWERS: Mapping[EventType, tuple[str, ...]] = {
    EventType.SIGN: ("dispatched_at",),
    EventType.RETURN_REQUEST: ("dispatched_at",),
    EventType.REPLY: ("dispatched_at", "signed_at"),
    EventType.EXTENSION_REQUEST: ("dispatched_at",),
    EventType.UNREASONABLE_REQUEST: ("dispatched_at",),
    EventType.REVIEW: ("replied_at",),
    EventType.CLOSE: ("replied_at",),
    EventType.FOLLOW_UP: ("closed_at",),
    EventType.REOPEN: ("closed_at",),
}


class TimeRefusal(ValueError):
    """An event's time is out of bounds; the message names the field."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its own arguments, so it survives pickling (crossing processes).
        return type(self), (self.code, self.message), self.__dict__


def read_client_time(value: Any) -> datetime:
    """An event's client_time as the store reads it: ISO 8601 with a UTC offset."""
    if not isinstance(value, str):
        raise TimeRefusal("client_time_invalid", "client_time: must be an ISO 8601 time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise TimeRefusal("client_time_invalid", f"client_time: not a time ({exc})") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TimeRefusal("client_time_invalid", "client_time: must carry a UTC offset")
    return moment


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def check_times(
    event: Event,
    order: Order | None,
    created: datetime | None,
    now: datetime,
    offline_limit: timedelta = OFFLINE_LIMIT,
) -> None:
    """Refuse (TimeRefusal) an event whose client_time is out of bounds. `order`: its state
    before the event; `created`: when its intake was recorded (the intake's client_time);
    `now`: the store's clock."""
    try:
        _check(event, order, created, now, offline_limit)
    except (OverflowError, TypeError) as exc:  # a time at the edge of what datetime holds
        raise TimeRefusal("client_time_invalid", f"client_time: out of range ({exc})") from None


def _check(
    event: Event,
    order: Order | None,
    created: datetime | None,
    now: datetime,
    offline_limit: timedelta,
) -> None:
    at = event.client_time
    if at.tzinfo is None or at.utcoffset() is None:
        raise TimeRefusal("client_time_invalid", "client_time: must carry a UTC offset")
    if at > now + FUTURE_TOLERANCE:
        raise TimeRefusal(
            "client_time_future",
            f"client_time: {_iso(at)} is later than the central store's clock "
            f"({_iso(now)}) allows (tolerance {_minutes(FUTURE_TOLERANCE)} minutes)",
        )
    if at < now - offline_limit:
        raise TimeRefusal(
            "client_time_too_old",
            f"client_time: {_iso(at)} is more than {offline_limit.days} days before the "
            f"central store received it ({_iso(now)})",
        )
    if event.type is EventType.INTAKE:
        received = _received_at(event.payload)
        if received is not None and received > now + FUTURE_TOLERANCE:
            raise TimeRefusal(
                "received_at_future",
                f"received_at: {_iso(received)} is later than the central store's clock "
                f"({_iso(now)}) allows",
            )
        return
    bounds: list[tuple[datetime, str]] = []
    if created is not None and created.tzinfo is not None:
        bounds.append((created, "the order's intake"))
    if order is not None:
        for name in ANSWERS.get(event.type, ()):
            value = getattr(order, name, None)
            if isinstance(value, datetime) and value.tzinfo is not None:
                bounds.append((value, name))
    for earliest, what in bounds:
        if at < earliest - CLOCK_SKEW:
            raise TimeRefusal(
                "client_time_before_order",
                f"client_time: {_iso(at)} is before {what} ({_iso(earliest)}), "
                f"less {_minutes(CLOCK_SKEW)} minutes for clocks",
            )


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _received_at(payload: Mapping[str, Any]) -> datetime | None:
    value = payload.get("received_at")
    if not isinstance(value, str):
        return None  # the intake's own checks name a missing or malformed time
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def store_now() -> datetime:
    return datetime.now(UTC)
