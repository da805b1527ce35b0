"""Which words of a text are in the other language: English words left in a Chinese
interface, Chinese characters left in an English one, once what is no one's language is
set aside (addresses, codes, key names, file formats, numbers, the data's own names)."""

from __future__ import annotations

import re

# Key names, file formats and the like, written the same in a Chinese interface.
NOT_ENGLISH = frozenset(
    {"Ctrl", "Shift", "Alt", "Enter", "Esc", "Delete", "Tab", "F1", "PDF", "CSV", "XLSX"}
    | {"https", "http", "Windows", "Linux", "macOS"}
)
URL = re.compile(r"\b[a-z]+://\S+")
PATH = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][\w.\-]+)+", re.ASCII)  # a file's place
IDENTIFIER = re.compile(
    r"\b\w*[_\d]\w*\b|\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception)\b", re.ASCII
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def english_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    text = IDENTIFIER.sub(" ", PATH.sub(" ", URL.sub(" ", text)))
    return [w for w in WORD.findall(text) if w not in NOT_ENGLISH and w not in allowed]


def chinese_characters(text: str, data: tuple[str, ...] = ()) -> str:
    """The CJK characters of `text` outside the data's names (longest first)."""
    for name in sorted(data, key=len, reverse=True):
        if name:
            text = text.replace(name, " ")
    return "".join(CJK.findall(text))
