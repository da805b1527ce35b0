"""Order numbers issued offline, unique without the server: date, workstation, sequence."""

from __future__ import annotations

import re
from datetime import date

_STATION = re.compile(r"[A-Z0-9]{2,6}")
# The author of the events the central store writes itself (a duplicate number renumbered).
STORE_ACTOR = "central-store"


def valid_station(code: str) -> bool:
    return bool(_STATION.fullmatch(code))


def order_number(day: date, station: str, sequence: int) -> str:
    """ZS261128-W07-0012: what the operator reads back to the caller."""
    if not valid_station(station):
        raise ValueError(f"workstation code {station!r} must be 2–6 capital letters or digits")
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    return f"ZS{day:%y%m%d}-{station}-{sequence:04d}"
