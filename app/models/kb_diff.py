"""A readable side-by-side comparison of two versions of an article (the editor's queue).

Chinese text has no spaces between words, so answers are compared character by character
(difflib.SequenceMatcher); long answers sentence by sentence, which stays quick."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from app.models.kb_events import CONTENT

Piece = tuple[str, str]  # ("same" | "del" | "ins", text)
CHARACTER_LIMIT = 1200  # beyond this, compare sentences (the editor's screen waits on it)
_SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]?")


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def side_by_side(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The old text with what was removed marked "del", the new with what was added "ins"."""
    long = max(len(old), len(new)) > CHARACTER_LIMIT
    if long:
        a: list[str] | str = _sentences(old)
        b: list[str] | str = _sentences(new)
    else:
        a, b = old, new
    # sentences repeated many times are junk to the matcher in long texts, which keeps it
    # quick; characters repeat by nature, so short texts compare them all
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=long)
    left: list[Piece] = []
    right: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            left.append(("same", before))
            right.append(("same", after))
            continue
        if before:
            left.append(("del", before))
        if after:
            right.append(("ins", after))
    return left, right


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The content fields (kb_events.CONTENT) whose value differs, in CONTENT's order."""

    def norm(value: Any) -> Any:
        if value is None:
            return ""
        return list(value) if isinstance(value, (list, tuple)) else value

    return [k for k in CONTENT if k in new and norm(old.get(k)) != norm(new.get(k))]
