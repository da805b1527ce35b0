"""A PDF's text as a reader sees it."""

from __future__ import annotations

import unicodedata
from pathlib import Path


def pdf_text(path: Path | str) -> str:
    """The PDF's text, words joined by single spaces; NFKC folds the Kangxi radicals some
    CJK fonts map their glyphs back to (⽹ → 网)."""
    from pypdf import PdfReader

    text = " ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())
