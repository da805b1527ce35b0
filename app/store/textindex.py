"""Chinese-aware text for FTS5: CJK runs become overlapping bigrams, other words stay whole.

'小区噪音扰民' is indexed as '小区 区噪 噪音 音扰 扰民', so a 2-character query ('噪音')
is one token and a longer one ('噪音扰民') is a phrase of consecutive bigrams. Queries are
built only from quoted tokens, so no text a user types can reach FTS5's query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from operator import add

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
MAX_QUERY_CHARS = 200


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(runs, needs NFKC), compiled on first use: their big character classes take a few
    milliseconds to compile, which the app's start-up does not need to spend."""
    runs = re.compile(rf"[{_CJK}]+|[0-9a-z]+")
    # Characters NFKC leaves alone, or changes only from one separator to another
    # (full-width and CJK punctuation): text made of them alone gives the same tokens
    # without NFKC, which costs more than the rest of index_text (orders are indexed by
    # the thousand when a workstation catches up with the central store). Anything else
    # takes the NFKC path.
    needs_nfkc = re.compile(
        "[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff\u3000-\u3037\u2010-\u2027\u00b7"
        "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]"
    )
    return runs, needs_nfkc


def _runs(text: str) -> list[str]:
    return _patterns()[0].findall(unicodedata.normalize("NFKC", text).lower())


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _is_cjk(run: str) -> bool:
    return not run[0].isascii()


def runs(text: str) -> list[str]:
    """Lower-cased, NFKC-normalised runs: CJK runs and ASCII letter/digit runs, in order."""
    return _runs(text)


def bigrams(run: str) -> list[str]:
    """Overlapping 2-character tokens of a CJK run (a 1-character run stays itself)."""
    return _bigrams(run)


def is_cjk(run: str) -> bool:
    return _is_cjk(run)


def index_text(text: str) -> str:
    """The text as the index stores it: CJK runs as overlapping bigrams, other runs whole.
    Exactly index_text_reference, faster."""
    run_pattern, needs_nfkc = _patterns()
    if needs_nfkc.search(text) is not None:
        text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    extend, append = out.extend, out.append
    for run in run_pattern.findall(text.lower()):
        if len(run) > 1 and run[0] > "\x7f":
            extend(map(add, run[:-1], run[1:]))  # operator.add: no Python frame per pair
        else:
            append(run)
    return " ".join(out)


def index_text_reference(text: str) -> str:
    """index_text as the scheme above defines it (the tests hold index_text to it)."""
    tokens: list[str] = []
    for run in _runs(text):
        tokens.extend(_bigrams(run) if _is_cjk(run) else [run])
    return " ".join(tokens)


def match_query(text: str) -> str | None:
    """An FTS5 MATCH expression (all terms required), or None when nothing is searchable."""
    parts: list[str] = []
    runs = _runs(text[:MAX_QUERY_CHARS])
    for i, run in enumerate(runs):
        last = i == len(runs) - 1
        if _is_cjk(run):
            if len(run) == 1:
                parts.append(f'"{run}"*')  # one character: any bigram starting with it
            else:
                parts.append('"' + " ".join(_bigrams(run)) + '"')
        else:
            parts.append(f'"{run}"*' if last else f'"{run}"')
    return " AND ".join(parts) if parts else None
