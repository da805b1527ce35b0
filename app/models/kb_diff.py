"""A readable side-by-side comparison of two versions of an article (the editor's queue).

Chinese text has no spaces between words, so answers are compared character by character
(difflib.SequenceMatcher); very long answers line by line, which stays quick."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from app.models.kb_events import CONTENT

Piece = tuple[str, str]  # ("same" | "del" | "ins", text)
CHARACTER_LIMIT = 5000  # beyond this, compare lines


def side_by_side(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The old text with what was removed marked "del", the new with what was added "ins"."""
    if max(len(old), len(new)) > CHARACTER_LIMIT:
        a: list[str] | str = old.splitlines(keepends=True)
        b: list[str] | str = new.splitlines(keepends=True)
    else:
        a, b = old, new
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
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
