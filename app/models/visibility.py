"""What each role may see of an order, whatever screen shows it.

The store's order access (app/store/access.py) lists and opens orders through these rules
for the user at the keyboard; the screens never decide it themselves.

* operator, dispatcher, admin: every order, the caller as recorded (lists mask the number).
* handling unit: only orders it leads, assists or was ever dispatched to; a confidential
  caller (the order's flag or the caller's own) is never shown: no name, no number, and
  the name and number are blanked wherever they were typed into the order's texts.
* analyst: every order for its figures (reports), but no caller at all and none of the
  words: title, content, replies, reasons and notes are not shown, the address only with
  every caller's name and number blanked, and a text search finds nothing (reports need
  none of it: data minimisation, as the central store sends an analyst).
* trainer: no order at all (drills are written from the knowledge base; the central store
  sends a trainer drill attempts only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.models.enums import EventType, Role
from app.models.records import Appellant, Event, Order
from app.models.rules import REVEALERS

# Roles that see every order of the cache; a unit sees only its own, a trainer none.
EVERY_ORDER = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.ADMIN, Role.ANALYST})
# Roles that never see a caller's name or number (see the module's text).
NO_CALLER = frozenset({Role.ANALYST, Role.TRAINER})
# Roles that see none of an order's words (titles, content, replies, reasons, notes).
NO_WORDS = frozenset({Role.ANALYST, Role.TRAINER})
# The payload keys that are someone's words: never shown to a NO_WORDS role.
WORDS = frozenset(
    {"title", "content", "text", "reason", "opinion", "comment", "answer", "party_complained"}
)

HIDDEN = "＊＊＊"  # what stands where a caller's name or number was


@dataclass(frozen=True)
class Viewer:
    role: Role
    unit: str = ""

    @property
    def every_order(self) -> bool:
        return self.role in EVERY_ORDER

    @property
    def no_orders(self) -> bool:
        """Sees no order at all (a trainer; a unit user with no unit)."""
        return not self.every_order and not (self.role is Role.UNIT and self.unit)

    @property
    def reads_words(self) -> bool:
        """Sees what people wrote (titles, content, replies …) and may search it."""
        return self.role not in NO_WORDS

    def sees_caller(self, confidential: bool) -> bool:
        """Whether this viewer may see a caller's name and (masked) number."""
        if self.role in NO_CALLER:
            return False
        return not (self.role is Role.UNIT and confidential)

    def sees_order(self, order: Order) -> bool:
        if self.every_order:
            return True
        if self.no_orders:
            return False
        return self.unit in (order.lead_unit, *order.assist_units, *order.granted_units)


def viewer_of(actor: Any) -> Viewer:
    """The viewer an Actor (or anything with .role and .unit) is."""
    return Viewer(Role(actor.role), str(getattr(actor, "unit", "") or ""))


def secrets_of(values: Iterable[str]) -> list[str]:
    """What to blank in texts: names of two characters or more, numbers of seven digits or
    more (shorter ones would blank ordinary words), longest first."""
    found = {v.strip() for v in values if v and len(v.strip()) >= 2}
    found = {v for v in found if not v.isdigit() or len(v) >= 7}
    return sorted(found, key=len, reverse=True)


def blank(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, HIDDEN)
    return text


def caller_secrets(order: Order, events: Iterable[Event] = ()) -> list[str]:
    """The names and numbers of every caller of the order (the appellant and each added one)."""
    a = order.appellant
    values = [a.name, a.phone, a.other_contact, *order.extra_callers]
    if a.confidential:
        values.append(a.company)
    for event in events:
        if event.type is EventType.ADD_CALLER:
            values += [str(event.payload.get("name", "")), str(event.payload.get("phone", ""))]
    return secrets_of(values)


def _hidden_caller(order: Order) -> Appellant:
    a = order.appellant
    return Appellant(phone="", name="", kind=a.kind, confidential=a.confidential)


def order_for(viewer: Viewer, order: Order, events: Iterable[Event] = ()) -> Order:
    """The order as `viewer` may see it (call sees_order first: this only blanks)."""
    if viewer.sees_caller(order.appellant.confidential):
        if viewer.role is Role.UNIT and order.extra_callers:
            # an added caller may have asked for confidentiality of its own: the projection
            # keeps no flag per number, so a unit gets none of them (the timeline decides
            # each added caller by its own flag)
            return order.evolve(extra_callers=())
        return order
    secrets = caller_secrets(order, events)
    if not viewer.reads_words:
        return order.evolve(
            appellant=_hidden_caller(order),
            extra_callers=(),
            title="",
            content="",
            address=blank(order.address, secrets),
            answer="",
            reply_text="",
            party_complained="",
        )
    return order.evolve(
        appellant=_hidden_caller(order),
        extra_callers=(),
        title=blank(order.title, secrets),
        content=blank(order.content, secrets),
        address=blank(order.address, secrets),
        answer=blank(order.answer, secrets),
        reply_text=blank(order.reply_text, secrets),
        party_complained=blank(order.party_complained, secrets),
    )


# Payload keys that name a caller: never shown to a viewer who may not see the caller.
CALLER_KEYS = frozenset({"appellant", "phone", "name", "other_contact", "company"})


def _blank_payload(
    payload: Mapping[str, Any], secrets: list[str], words: bool = True
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in payload.items():
        if key in CALLER_KEYS or (not words and key in WORDS):
            continue
        if isinstance(value, str):
            out[key] = blank(value, secrets)
        elif isinstance(value, list):
            out[key] = [blank(v, secrets) if isinstance(v, str) else v for v in value]
        else:
            out[key] = value
    return out


def events_for(viewer: Viewer, order: Order, events: list[Event]) -> list[Event]:
    """An order's timeline as `viewer` may see it: a caller's name and number taken out of
    every step (an added caller is decided by its own flag or the order's)."""
    from dataclasses import replace

    order_hides = not viewer.sees_caller(order.appellant.confidential)
    secrets = caller_secrets(order, events) if order_hides else []
    shown = []
    for event in events:
        if event.type is EventType.REVEAL_CONTACT and viewer.role not in REVEALERS:
            continue  # who called the appellant back is the centre's business alone
        hides = order_hides
        if event.type is EventType.ADD_CALLER:
            own = bool(event.payload.get("confidential", False))
            hides = hides or not viewer.sees_caller(own or order.appellant.confidential)
        if hides:
            own_secrets = secrets or secrets_of(
                [str(event.payload.get("name", "")), str(event.payload.get("phone", ""))]
            )
            payload = _blank_payload(event.payload, own_secrets, viewer.reads_words)
            event = replace(event, payload=payload)
        shown.append(event)
    return shown
