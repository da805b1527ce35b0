"""User names: how they are compared (case-insensitively) and which are allowed."""

from __future__ import annotations

import unicodedata

MAX_NAME = 100


def name_key(name: str) -> str:
    """The form two user names are compared in: NFKC, case-folded, NFKC again (Unicode's
    NFKC_Casefold in effect), so "Zhang", "ZHANG" and full-width "ｚｈａｎｇ" are one user."""
    folded = unicodedata.normalize("NFKC", name.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a user name, or None. Names are printable, without spaces at
    either end, 1 to MAX_NAME characters (and so is their compared form)."""
    if name != name.strip():
        return "a user name cannot start or end with a space"
    if not name or len(name) > MAX_NAME or len(name_key(name)) > MAX_NAME:
        return f"a user name has 1 to {MAX_NAME} characters"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return "a user name cannot hold control characters or line breaks"
    return None
