"""What the telephony or the desktop hands over for an incoming call: a number, or a tel:
link (RFC 3966) when the desktop opens one with Hotline Desk."""

from __future__ import annotations

from urllib.parse import unquote

TEL_SCHEME = "tel:"


def call_number(argument: str) -> str:
    """The number in `argument`: itself, or the number part of a tel: link (its
    parameters such as ;ext= or ;phone-context= dropped, %-escapes decoded).
    'tel:+86-138-0000-1234;ext=1' → '+86-138-0000-1234'."""
    text = argument.strip()
    if text[: len(TEL_SCHEME)].lower() != TEL_SCHEME:
        return text
    number = text[len(TEL_SCHEME) :].lstrip("/")
    return unquote(number.split(";", 1)[0].split("?", 1)[0]).strip()
