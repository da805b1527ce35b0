"""What a search typed into the order list may also be: a part of an order number, or a
caller's number, read the way the domain reads them when they are entered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.models.numbering import normalise_number
from app.models.validation import normalise_phone, phone_error

_NUMBER_PART = re.compile(r"[A-Z0-9][A-Z0-9-]{2,39}", re.ASCII)


@dataclass(frozen=True)
class Lookup:
    number: str = ""  # a part of an order number, normalised ("": the text cannot be one)
    phone: str = ""  # a whole caller's number, normalised ("": the text is no number)

    def __bool__(self) -> bool:
        return bool(self.number or self.phone)


def lookup_of(text: str) -> Lookup:
    """'zs261128 w07' → a number part 'ZS261128-W07'; '0012' → '0012'; '138 0000 1234' →
    that phone (and its digits as a number part); words → nothing."""
    number = normalise_number(text)
    if _NUMBER_PART.fullmatch(number) is None or not any(c.isdigit() for c in number):
        number = ""
    phone = normalise_phone(text) if phone_error(text) is None else ""
    return Lookup(number, phone)
