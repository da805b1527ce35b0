"""What each reader of the feed receives of an event: an allowlist per event type.

The central store sends every event through `disclose` for the reader's role and protocol
version (server/disclosure.py). A field is sent only when it is listed here for the
reader's audience and known to the reader's protocol version (app.models.payloads);
everything else is left out, so a field added later reaches no unit or analyst until it is
listed here.

* Operators, dispatchers and admins (the hotline centre) receive every field.
* A handling unit receives what it needs to handle the appeal: the content, place,
  category, type, urgency and deadlines, the steps of the chain. A caller's identity (name,
  phone, other contact, company, gender) only when that caller is not confidential: a
  caller is confidential when they asked for it or the order is confidential (the intake
  caller's flag). Every confidential caller's name, phone, other contact and company are
  also taken out of every text the unit receives (title, content, address, notes,
  reasons…), wherever an operator typed them. The call recording and why a caller was
  flagged stay with the centre.
* An analyst (reports) receives what the figures need: types, categories, places,
  units, times, statuses, rulings, follow-up results. No caller's identity, confidential
  or not, and no free text but the address (for repeated appeals about one place), with
  every caller's identity and every phone-like number taken out of it.
* A trainer receives drill attempts and the drill sets published through the store.
* A knowledge-base editor (知识库管理员) receives the proposals, rulings and flags of every
  article, and no order.
* A handling unit receives the proposals, rulings and flags of its own articles.
* Who revealed a caller's full number (`reveal_contact`) is the centre's own record: no
  unit, analyst or trainer receives it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.models.enums import EventType, Role
from app.models.payloads import SCHEMA, Field, fields_of, newest_field_version
from app.models.validation import normalise_phone


class Audience(StrEnum):
    CENTRE = "centre"
    UNIT = "unit"
    ANALYST = "analyst"
    TRAINER = "trainer"
    KB_EDITOR = "kb_editor"


AUDIENCES: Mapping[Role, Audience] = {
    Role.OPERATOR: Audience.CENTRE,
    Role.DISPATCHER: Audience.CENTRE,
    Role.ADMIN: Audience.CENTRE,
    Role.UNIT: Audience.UNIT,
    Role.ANALYST: Audience.ANALYST,
    Role.TRAINER: Audience.TRAINER,
    Role.KB_EDITOR: Audience.KB_EDITOR,
}

# A caller's identity: what a confidential caller's order never shows a unit, and no
# analyst ever receives.
IDENTITY = frozenset({"phone", "name", "company", "gender", "other_contact"})
_REST_OF_APPELLANT = frozenset({"kind", "confidential"})

E = EventType
_KB_EVENTS = (E.KB_PROPOSAL, E.KB_RULING, E.KB_FLAG, E.KB_FLAG_RESOLVED)
_DRILL_SETS = (E.DRILL_ATTEMPT, E.DRILL_PUBLISH, E.DRILL_RETIRE)
_CHAIN: Mapping[EventType, frozenset[str]] = {
    E.INTAKE: frozenset(
        {
            "number",
            "appellant",  # its fields: _REST_OF_APPELLANT, and IDENTITY as the caller allows
            "appeal_type",
            "urgency",
            "channel",
            "category",
            "town",
            "address",
            "title",
            "content",
            "party_complained",
            "received_at",
            "deadline",
            "deadline_warning",
        }
    ),
    E.DIRECT_ANSWER: frozenset({"answer", "kb_article", "kb_version"}),
    E.DISPATCH: frozenset({"lead_unit", "assist_units", "reason"}),
    E.REDISPATCH: frozenset({"lead_unit", "assist_units", "reason"}),
    E.SIGN: frozenset(),
    E.RETURN_REQUEST: frozenset({"reason", "text"}),
    E.RETURN_RULING: frozenset({"upheld", "opinion"}),
    E.EXTENSION_REQUEST: frozenset({"days", "reason"}),
    E.EXTENSION_RULING: frozenset(
        {"approved", "opinion", "days", "new_deadline", "deadline_warning"}
    ),
    E.UNREASONABLE_REQUEST: frozenset({"reason"}),
    E.UNREASONABLE_RULING: frozenset({"approved", "opinion"}),
    E.REPLY: frozenset({"text", "contacted", "resolved"}),
    E.REVIEW: frozenset({"approved", "opinion"}),
    E.CLOSE: frozenset(),
    E.FOLLOW_UP: frozenset({"reached", "contacted", "resolved", "satisfaction", "text"}),
    E.REOPEN: frozenset({"reason", "new_deadline", "deadline_warning"}),
    E.SUPERVISE: frozenset({"reason"}),
    E.MERGE: frozenset({"into", "into_number", "reason"}),
    # phone and name as the added caller allows (IDENTITY)
    E.ADD_CALLER: frozenset({"phone", "name", "confidential", "text"}),
    E.TRANSFER: frozenset({"target", "reason"}),
    E.FLAG: frozenset({"kind"}),  # why a caller was flagged stays with the centre
    E.NOTE: frozenset({"text"}),
    E.CALL_RECORD: frozenset(),  # the recording is of the caller's voice
    E.RENUMBER: frozenset({"number", "old_number"}),
    # the proposals, rulings and flags of the unit's own articles (server/kb_feed.py
    # selects which), every field
    **{t: frozenset(SCHEMA[t].fields) for t in _KB_EVENTS},
}

# Reports count and rank; they need no one's words. An analyst receives no free text but
# the address (repeated appeals about one place), and that with every caller's identity
# and every phone-like number taken out.
_FIGURES: Mapping[EventType, frozenset[str]] = {
    E.INTAKE: frozenset(
        {
            "number",
            "appellant",  # kind and confidential only
            "appeal_type",
            "urgency",
            "channel",
            "category",
            "town",
            "address",
            "title",  # sent empty: an order's fold needs the key
            "content",  # sent empty, as the title
            "received_at",
            "deadline",
            "deadline_warning",
        }
    ),
    E.DIRECT_ANSWER: frozenset({"kb_article", "kb_version"}),
    E.DISPATCH: frozenset({"lead_unit", "assist_units"}),
    E.REDISPATCH: frozenset({"lead_unit", "assist_units"}),
    E.SIGN: frozenset(),
    E.RETURN_REQUEST: frozenset({"reason"}),  # one of the listed return reasons
    E.RETURN_RULING: frozenset({"upheld"}),
    E.EXTENSION_REQUEST: frozenset({"days"}),
    E.EXTENSION_RULING: frozenset({"approved", "days", "new_deadline", "deadline_warning"}),
    E.UNREASONABLE_REQUEST: frozenset(),
    E.UNREASONABLE_RULING: frozenset({"approved"}),
    E.REPLY: frozenset({"contacted", "resolved"}),
    E.REVIEW: frozenset({"approved"}),
    E.CLOSE: frozenset(),
    E.FOLLOW_UP: frozenset({"reached", "contacted", "resolved", "satisfaction"}),
    E.REOPEN: frozenset({"new_deadline", "deadline_warning"}),
    E.SUPERVISE: frozenset(),
    E.MERGE: frozenset({"into", "into_number"}),
    E.ADD_CALLER: frozenset({"confidential"}),
    E.TRANSFER: frozenset({"target"}),
    E.FLAG: frozenset({"kind"}),
    E.NOTE: frozenset(),
    E.CALL_RECORD: frozenset(),
    E.RENUMBER: frozenset({"number", "old_number"}),
}
# Fields an audience receives as empty text (the client's fold reads them).
BLANKED: Mapping[Audience, Mapping[EventType, frozenset[str]]] = {
    Audience.ANALYST: {E.INTAKE: frozenset({"title", "content"})},
}

# The payload fields each audience may receive, per event type; an event type missing
# here never reaches that audience. Caller identity is further limited by `disclose`.
ALLOWED: Mapping[Audience, Mapping[EventType, frozenset[str]]] = {
    Audience.CENTRE: {t: frozenset(s.fields) for t, s in SCHEMA.items()},
    Audience.UNIT: _CHAIN,
    Audience.ANALYST: _FIGURES,
    Audience.TRAINER: {t: frozenset(SCHEMA[t].fields) for t in _DRILL_SETS},
    # The knowledge-base editor reads the whole city's governance events and nothing else.
    Audience.KB_EDITOR: {t: frozenset(SCHEMA[t].fields) for t in _KB_EVENTS},
}


@dataclass(frozen=True)
class Caller:
    """One caller of an order, as far as disclosure is concerned."""

    phone: str = ""
    name: str = ""
    company: str = ""
    other_contact: str = ""
    confidential: bool = False  # the caller's own flag, or the order's
    intake: bool = False  # the caller the order was recorded for (whose flag is the order's)


def callers(intake: Mapping[str, Any] | None, added: Iterable[Mapping[str, Any]]) -> list[Caller]:
    """The callers of an order from its intake payload and its add-caller payloads, each
    confidential when they asked for it or when the intake caller did (the order is)."""
    found: list[Caller] = []
    order_confidential = False
    if intake is not None:
        appellant = intake.get("appellant")
        if isinstance(appellant, Mapping):
            order_confidential = appellant.get("confidential") is True
            found.append(_caller(appellant, order_confidential, intake=True))
    for payload in added:
        own = payload.get("confidential") is True
        found.append(_caller(payload, own or order_confidential))
    return found


def _caller(data: Mapping[str, Any], confidential: bool, intake: bool = False) -> Caller:
    def text(key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else ""

    return Caller(
        phone=text("phone"),
        name=text("name"),
        company=text("company"),
        other_contact=text("other_contact"),
        confidential=confidential,
        intake=intake,
    )


# ---- taking identities out of what people typed ----------------------------------------

MASK = "***"
# A run of digits, ASCII or full-width, with up to three characters that are neither letters
# nor ideographs between them (spaces, brackets, any dash, comma or tilde an input method
# types): where a phone number can be written. One pattern for every order: each run's
# digits are compared, so joining two numbers only ever masks more.
_DIGIT_RUN = re.compile(r"[0-9０-９](?:[\W_]{0,3}[0-9０-９])*")
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NOT_DIGIT = re.compile(r"[^0-9]")
ANY_NUMBER_DIGITS = 7  # with `numbers`, every run of this many digits or more is masked


def _phone_digits(phone: str) -> list[str]:
    digits = _NOT_DIGIT.sub("", normalise_phone(phone).translate(_ASCII_DIGITS))
    if len(digits) < 5:
        return []
    found = [digits]
    if digits.startswith("0") and len(digits) >= 10:
        # a landline: its local number is also how people write it (0760-88881234)
        found.append(digits[3:] if digits[1] in "12" else digits[4:])
    return found


def _text_pattern(value: str) -> str | None:
    """A name, company or contact as typed: any spacing between its characters, Latin
    letters in any case. Single characters are not masked: one character is not an
    identity, and masking it everywhere would destroy the text."""
    chars = [c for c in value if not c.isspace()]
    if len(chars) < 2:
        return None
    pattern = r"\s*".join(re.escape(c) for c in chars)
    return f"(?i:{pattern})" if any(c.isascii() and c.isalpha() for c in chars) else pattern


@dataclass(frozen=True)
class Masker:
    """Takes the identities of some callers out of texts."""

    pattern: re.Pattern[str] | None = None  # names, companies, contacts
    phones: frozenset[str] = frozenset()  # digits
    numbers: bool = False  # every phone-like number, whoever's

    @property
    def idle(self) -> bool:
        return self.pattern is None and not self.phones and not self.numbers

    def __call__(self, text: str) -> str:
        if self.phones or self.numbers:
            text = _DIGIT_RUN.sub(self._number, text)
        if self.pattern is not None:
            text = self.pattern.sub(MASK, text)
        return text

    def _number(self, match: re.Match[str]) -> str:
        digits = _NOT_DIGIT.sub("", match.group().translate(_ASCII_DIGITS))
        if self.numbers and len(digits) >= ANY_NUMBER_DIGITS:
            return MASK
        if any(phone in digits for phone in self.phones):
            return MASK
        return match.group()


def masker(who: Iterable[Caller], numbers: bool = False) -> Masker:
    """Masks the identities of `who`; with `numbers`, every phone-like number too."""
    return _masker(tuple(who), numbers)


@functools.lru_cache(maxsize=4096)  # a page holds many events of one order
def _masker(who: tuple[Caller, ...], numbers: bool) -> Masker:
    parts: set[str] = set()
    phones: set[str] = set()
    for caller in who:
        phones.update(_phone_digits(caller.phone))
        phones.update(_phone_digits(caller.other_contact))
        for value in (caller.name, caller.company, caller.other_contact):
            pattern = _text_pattern(value)
            if pattern is not None:
                parts.add(pattern)
    # longest first, so a name inside a company's name does not leave the rest behind
    ordered = sorted(parts, key=len, reverse=True)
    compiled = re.compile("|".join(ordered)) if ordered else None
    return Masker(compiled, frozenset(phones), numbers)


# ---- the event a reader receives --------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    audience: Audience
    version: int


def needs_reading(reader: Reader) -> bool:
    """Whether events must be rewritten for `reader` at all: the centre receives the
    stored bodies as they are when its protocol version knows every field."""
    return reader.audience is not Audience.CENTRE or reader.version < newest_field_version()


def masker_for(reader: Reader, order_callers: Sequence[Caller]) -> Masker:
    """Whose identities `reader` must not read in texts of the order of `order_callers`."""
    if reader.audience is Audience.UNIT:
        return masker(c for c in order_callers if c.confidential)
    if reader.audience is Audience.ANALYST:
        return masker(order_callers, numbers=True)
    return Masker()


def disclose(
    event: Mapping[str, Any], reader: Reader, order_callers: Sequence[Caller] = ()
) -> dict[str, Any] | None:
    """The event as `reader` may receive it, or None when it may not receive it at all.

    `event` is a stored event (the store checked it at push: its type is known and its
    payload fits the schema); `order_callers` are the callers of its order (`callers`)."""
    try:
        event_type = EventType(str(event.get("type")))
    except ValueError:
        return None
    allowed = ALLOWED[reader.audience].get(event_type)
    schema = SCHEMA.get(event_type)
    if allowed is None or schema is None or schema.since > reader.version:
        return None
    known = fields_of(event_type, reader.version)
    payload = event.get("payload")
    source: Mapping[str, Any] = payload if isinstance(payload, Mapping) else {}
    if reader.audience is Audience.CENTRE:
        kept = {k: v for k, v in source.items() if k in known}
        return {**event, "payload": kept}
    mask: Masker | None = None  # made when a typed text needs it
    blanked = BLANKED.get(reader.audience, {}).get(event_type, frozenset())
    out: dict[str, Any] = {}
    for name, value in source.items():
        spec = known.get(name)
        if spec is None or name not in allowed:
            continue
        if name in blanked:
            out[name] = ""
            continue
        if event_type is EventType.INTAKE and name == "appellant":
            if isinstance(value, Mapping):
                out[name] = _appellant(value, spec, reader, order_callers)
            continue
        if event_type is EventType.ADD_CALLER and name in IDENTITY:
            if not _identity_shown(reader, source.get("confidential") is True, order_callers):
                continue
            out[name] = value
            continue
        if spec.typed and isinstance(value, str):
            if mask is None:
                mask = masker_for(reader, order_callers)
            value = mask(value)
        out[name] = value
    return {**event, "payload": out}


def _identity_shown(reader: Reader, own_flag: bool, order_callers: Sequence[Caller]) -> bool:
    if reader.audience is not Audience.UNIT:
        return False
    order_confidential = any(c.intake and c.confidential for c in order_callers)
    return not (own_flag or order_confidential)


def _appellant(
    value: Mapping[str, Any],
    spec: Field,
    reader: Reader,
    order_callers: Sequence[Caller],
) -> dict[str, Any]:
    shown = _identity_shown(reader, value.get("confidential") is True, order_callers)
    kept: dict[str, Any] = {}
    for name, item in value.items():
        if name not in spec.fields or spec.fields[name].since > reader.version:
            continue
        if name in _REST_OF_APPELLANT or (shown and name in IDENTITY):
            kept[name] = item
    return kept
