"""Reading JSON Lines from outside (other channels' intakes, articles, drill sets) so that
no line can stop an import: each bad line becomes a LineRejected with its number, and the
others go on. What is refused, and why:

- a line over MAX_LINE_BYTES (never held in memory whole: the rest is skipped unread);
- bytes that are not UTF-8 (a UTF-8 byte-order mark on the first line is allowed);
- a NUL character, raw or written as \\u0000 (it truncates text in C code and Qt);
- nesting deeper than MAX_DEPTH (the json module would recurse until RecursionError);
- invalid JSON, NaN or Infinity (not JSON), and a value that is not an object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

MAX_LINE_BYTES = 1 << 20  # 1 MiB: the longest article or intake is a few tens of KiB
MAX_DEPTH = 32  # an intake nests 2 levels, an article 3
_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


@dataclass(frozen=True)
class LineRejected:
    """Why line `number` was not read."""

    number: int
    message: str


class _Rejected(ValueError):
    pass


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, str | LineRejected]]:
    """(line number, text or LineRejected) for each line of a binary stream; blank lines
    are skipped. OSError from the stream itself is raised (a fatal error, not a line's)."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(_CHUNK)
                size += len(raw)
            yield (
                number,
                LineRejected(
                    number,
                    f"行太长 (line too long): {size:,} 字节 (bytes), 上限 (at most) "
                    f"{MAX_LINE_BYTES:,}",
                ),
            )
            continue
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        nul = raw.find(b"\x00")
        if nul >= 0:
            yield (
                number,
                LineRejected(number, f"含有 NUL 字符 (contains a NUL byte) at byte {nul + 1}"),
            )
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield (
                number,
                LineRejected(
                    number,
                    f"不是 UTF-8 文本 (not UTF-8 text) at byte {exc.start + 1}: {exc.reason}",
                ),
            )
            continue
        yield number, text


def load_object(text: str) -> dict[str, Any]:
    """One line's JSON object; ValueError (with a message for the operator) otherwise."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise ValueError(f"嵌套太深 (nested deeper than {MAX_DEPTH} levels)")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except _Rejected as exc:
        raise ValueError(str(exc)) from None
    except RecursionError:
        raise ValueError(f"嵌套太深 (nested deeper than {MAX_DEPTH} levels)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"不是有效的 JSON (not valid JSON): {exc.msg}, column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise ValueError("每行须为一个 JSON 对象 (each line must be a JSON object)")
    if _has_nul(data):
        raise ValueError("含有 NUL 字符 (contains a NUL character, \\u0000)")
    return data


def _no_constant(name: str) -> Any:
    raise _Rejected(f"不是有效的 JSON (not valid JSON): {name} is not a number JSON allows")


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


Line = str | tuple[int, "str | LineRejected"]


def numbered(lines: Iterable[Line]) -> Iterator[tuple[int, str | LineRejected]]:
    """Lines from read_lines as they are; plain strings numbered from 1."""
    for number, item in enumerate(lines, start=1):
        yield item if isinstance(item, tuple) else (number, item)
