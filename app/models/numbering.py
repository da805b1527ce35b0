"""Order numbers issued offline, unique without the server: date, workstation, sequence."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_STATION = re.compile(r"[A-Z0-9]{2,6}")
# What may stand between the parts of a number as a caller reads it and an operator types
# it: spaces, every kind of dash, a dot or an underscore (after NFKC: full-width ones are
# ASCII).
_SEPARATORS = re.compile(r"[\s\-_.\u2010-\u2015\u2212\u30fc]+")
_NUMBER = re.compile(r"ZS\d{6}-[A-Z0-9]{2,6}-\d{4}(?:-\d+)?", re.ASCII)
_PARTS = re.compile(r"ZS(\d{6})-([A-Z0-9]{2,6})-(\d{4})(?:-(\d+))?", re.ASCII)
_RUN_TOGETHER = re.compile(r"ZS(\d{6})([A-Z0-9]{2,6}?)(\d{4})", re.ASCII)
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


def normalise_number(raw: str) -> str:
    """An order number as it is stored, from how it was typed: 'zs261128 w07 0012',
    'ＺＳ２６１１２８－Ｗ０７－００１２' and 'ZS261128W070012' are 'ZS261128-W07-0012'.
    Text that is no order number comes back upper-cased with its parts joined by '-'."""
    text = unicodedata.normalize("NFKC", raw).upper()
    parts = [part for part in _SEPARATORS.split(text) if part]
    joined = "-".join(parts)
    if _NUMBER.fullmatch(joined):
        return joined
    run_together = _RUN_TOGETHER.fullmatch("".join(parts))
    if run_together is not None:
        return "ZS{}-{}-{}".format(*run_together.groups())
    return joined


def number_sort_key(number: str) -> tuple[str, str, int, int, str]:
    """Order numbers in the order they were issued: by day, workstation, sequence, then a
    renumbered one's suffix numerically (…-0012-2 before …-0012-10); anything else after."""
    parts = _PARTS.fullmatch(number)
    if parts is None:
        return ("~", "", 0, 0, number)
    day, station, sequence, suffix = parts.groups()
    return (day, station, int(sequence), int(suffix or 0), "")
