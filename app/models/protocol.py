"""The sync protocol's version: what a workstation announces and the store answers with.

A workstation sends `Hotline-Protocol: <n>` on every request; a request without it is
version 1 (workstations from before the header). The store answers each request with what
that version knows (the payload fields of app.models.payloads, the pull item's shape) and
says in its answer's own `Hotline-Protocol` header which version it answered with.
"""

from __future__ import annotations

PROTOCOL_VERSION = 2
OLDEST_VERSION = 1
HEADER = "Hotline-Protocol"
_MAX_DIGITS = 6


class ProtocolError(ValueError):
    """The header is there but is not a version number."""


def read_version(value: str | None) -> int:
    """The version a request announces. Missing: 1. A version newer than this build's is
    answered as this build's newest (a workstation upgraded before its store)."""
    if value is None:
        return OLDEST_VERSION
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > _MAX_DIGITS:
        raise ProtocolError(f"{HEADER} must be a version number, such as {PROTOCOL_VERSION}")
    version = int(text)
    if version < OLDEST_VERSION:
        raise ProtocolError(f"{HEADER} {version} does not exist; the oldest is {OLDEST_VERSION}")
    return min(version, PROTOCOL_VERSION)
