"""JSON on the wire and in the feed: parsing request bodies, the canonical form of a body.

The canonical form (keys sorted, no spaces, UTF-8 text unescaped) is what the events table
stores and what an incoming event is compared with to tell a duplicate from an id conflict,
so it must never change: a body stored by an older server must still compare equal.

It is the standard library's `json.dumps(..., ensure_ascii=False, sort_keys=True,
separators=(",", ":"))`. orjson (with OPT_SORT_KEYS) writes the same bytes several times
faster for everything but floats (it writes 1e16 where json writes 1e+16) and integers
beyond 64 bits (which it refuses), so it is used only for data holding neither; the rest —
rare: protocol events carry text, integers and booleans — goes through json. Parsing is
the same trade: orjson unless the body holds what it reads differently (floats, integers
beyond 64 bits, which it turns into floats, NaN, lone surrogates), then json.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson

_SORTED = orjson.OPT_SORT_KEYS


def _plain(value: Any) -> bool:
    """True when `value` holds only dicts, lists, text, booleans, None and integers
    (orjson writes and reads those exactly as json does; integers are checked by orjson)."""
    kind = type(value)
    if kind is dict:
        for item in value.values():
            k = type(item)
            if k is str or k is int or k is bool or item is None:
                continue
            if not _plain(item):
                return False
        return True
    if kind is list:
        return all(_plain(item) for item in value)
    return kind is str or kind is int or kind is bool or value is None


def legacy_canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(data: Mapping[str, Any]) -> str:
    """The canonical JSON text of `data` (see the module's docstring)."""
    fast = _sorted_orjson(data, False)
    return fast.decode("utf-8") if fast is not None else legacy_canonical(data)


def storable(data: Mapping[str, Any], plain: bool = False) -> bytes:
    """canonical(data) in UTF-8, as a database stores it; UnicodeEncodeError (a ValueError)
    when `data` holds text that is not valid Unicode (a lone surrogate). orjson's bytes go
    as they are: no decoding to str only to encode it again. `plain`: the caller knows
    `data` holds only what orjson writes as json does (it came from `parse`)."""
    fast = _sorted_orjson(data, plain)
    return fast if fast is not None else legacy_canonical(data).encode("utf-8")


def _sorted_orjson(data: Mapping[str, Any], plain: bool) -> bytes | None:
    """orjson's canonical bytes of `data`, or None where only json writes them right."""
    if plain or _plain(data):
        try:
            return orjson.dumps(data, option=_SORTED)
        except TypeError:  # an integer beyond 64 bits, a lone surrogate
            pass
    return None


def loads(raw: bytes) -> Any:
    """Parse a request body exactly as json.loads would (raises ValueError or
    RecursionError when it is not JSON)."""
    return parse(raw)[0]


def parse(raw: bytes) -> tuple[Any, bool]:
    """`loads`, and whether what it read is plain (so `canonical` may skip its check)."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw), False  # NaN, lone surrogates, deep nesting: json decides
    if _plain(data):
        return data, True
    return json.loads(raw), False  # floats, or integers orjson read as floats
