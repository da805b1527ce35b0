"""What the knowledge-base index stores for an article: CJK bigrams, pinyin, characters.

Scheme (why): SQLite's trigram tokenizer cannot find 2-character words, and jieba costs a
dictionary load per process and still misses the hotline's words; overlapping CJK bigrams
in a unicode61 table find every 2-character word and make longer words phrases of bigrams
(see textindex.py). Pinyin is indexed as bigrams too, one token per pair of adjacent
characters: full ('社保' → 'shebao') and initials ('sb'), so 'sb', 'jtwz', 'shebao' and
'jiaotongweizhang' are single tokens or phrases of consecutive tokens, and a homophone
typo (社宝) still reaches 社保 through its pinyin. The context-aware reading (pypinyin's
phrase dictionary) keeps phrase order; other readings of polyphones (heteronym=True) are
appended after it, so they match as words but never break a phrase. A column of single
characters of the short fields serves the character-level fallback.

Columns, in this order (the bm25 weights in kb_schema.py follow it):
title, questions, keywords, usage, answer, py_full, py_init, chars.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pypinyin import Style, pinyin
from pypinyin.constants import PINYIN_DICT

from app.models.kb import Article
from app.store.textindex import index_text, is_cjk, runs

COLUMNS = ("title", "questions", "keywords", "usage", "answer", "py_full", "py_init", "chars")
TEXT_COLUMNS = "{title questions keywords usage answer}"
MAX_READINGS = 2  # per character: the contextual reading and one alternative
MAX_USAGE_TEXTS = 40
MAX_USAGE_CHARS = 200


def _plain(syllable: str) -> str:
    """'lǜ' → 'lv', 'zhōng' → 'zhong': ASCII as operators type it."""
    text = syllable.replace("ü", "v").replace("ǖ", "v").replace("ǘ", "v")
    text = text.replace("ǚ", "v").replace("ǜ", "v")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (about 410)."""
    found: set[str] = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            plain = _plain(reading)
            if plain.isascii() and plain.isalpha():
                found.add(plain)
    return frozenset(found)


@lru_cache(maxsize=1)
def _syllable_prefixes() -> frozenset[str]:
    return frozenset(s[:i] for s in syllables() for i in range(1, len(s) + 1))


@lru_cache(maxsize=200_000)
def readings(run: str) -> tuple[tuple[str, ...], ...]:
    """For each character of a CJK run, its readings: the contextual one first."""
    result: list[tuple[str, ...]] = []
    contextual = pinyin(run, style=Style.NORMAL, heteronym=True, errors="ignore")
    for char, options in zip(run, contextual, strict=False):
        # pypinyin's phrase dictionary gives only the phrase's reading; the character's
        # other readings come from its own entry (还款: hai, and huan).
        plain: list[str] = []
        for option in [*options, *_char_readings(char)]:
            p = _plain(option)
            if p.isascii() and p.isalpha() and p not in plain:
                plain.append(p)
        result.append(tuple(plain[:MAX_READINGS]) or ("",))
    if len(result) != len(run):  # errors='ignore' dropped a character it does not know
        result = [_char_readings(c) for c in run]
    return tuple(result)


def _char_readings(char: str) -> tuple[str, ...]:
    known = PINYIN_DICT.get(ord(char))
    if not known:
        return ("",)
    plain = [p for p in dict.fromkeys(_plain(r) for r in known.split(",")) if p.isalpha()]
    return tuple(plain[:MAX_READINGS]) or ("",)


@lru_cache(maxsize=200_000)
def run_pinyin(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(full-pinyin tokens, initials tokens) of one CJK run, primary sequence first."""
    rs = readings(run)
    if len(rs) == 1:
        full = [r for r in rs[0] if r]
        return tuple(full), tuple(dict.fromkeys(r[0] for r in full))
    primary_full: list[str] = []
    primary_init: list[str] = []
    extra_full: list[str] = []
    extra_init: list[str] = []
    for a, b in itertools.pairwise(rs):
        if not a[0] or not b[0]:
            continue
        primary_full.append(a[0] + b[0])
        primary_init.append(a[0][0] + b[0][0])
        for x in a:
            for y in b:
                if (x, y) != (a[0], b[0]) and x and y:
                    extra_full.append(x + y)
                    if x[0] + y[0] != primary_init[-1]:
                        extra_init.append(x[0] + y[0])
    extras_f = [t for t in dict.fromkeys(extra_full) if t not in primary_full]
    extras_i = [t for t in dict.fromkeys(extra_init) if t not in primary_init]
    return (tuple(primary_full + extras_f), tuple(primary_init + extras_i))


def pinyin_text(texts: Iterable[str]) -> tuple[str, str]:
    full: list[str] = []
    init: list[str] = []
    for text in texts:
        for run in runs(text):
            if is_cjk(run):
                f, i = run_pinyin(run)
                full.extend(f)
                init.extend(i)
    return " ".join(full), " ".join(init)


def chars_text(texts: Iterable[str]) -> str:
    return " ".join(c for text in texts for run in runs(text) if is_cjk(run) for c in run)


def usage_text(texts: Sequence[str]) -> str:
    """The newest MAX_USAGE_TEXTS phrasings, each cut to MAX_USAGE_CHARS, as bigrams."""
    kept = [t[:MAX_USAGE_CHARS] for t in texts[-MAX_USAGE_TEXTS:]]
    return " ".join(index_text(t) for t in kept)


def index_columns(article: Article, usage: Sequence[str] = ()) -> tuple[str, ...]:
    """The values of COLUMNS for one article; a pure function of its content and usage."""
    short = [article.title, *article.questions, *article.keywords]
    full, init = pinyin_text(short)
    return (
        index_text(article.title),
        " ".join(index_text(q) for q in article.questions),
        " ".join(index_text(k) for k in article.keywords),
        usage_text(usage),
        index_text(article.answer),
        full,
        init,
        chars_text(short),
    )


def segment(letters: str) -> tuple[list[str], str] | None:
    """Split typed pinyin into syllables, fewest first: 'shebao' → (['she', 'bao'], '').

    The last piece may be an unfinished syllable ('sheb' → (['she'], 'b')); None when the
    letters are not pinyin at all.
    """
    known = syllables()
    prefixes = _syllable_prefixes()
    n = len(letters)
    if n == 0 or n > 60:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        current = best[i]
        if current is None:
            continue
        for j in range(min(n, i + 6), i, -1):
            piece = letters[i:j]
            if piece in known:
                candidate = [*current, piece]
                existing = best[j]
                if existing is None or len(candidate) < len(existing):
                    best[j] = candidate
    complete = best[n]
    if complete is not None:
        return complete, ""
    for cut in range(n - 1, max(-1, n - 6), -1):
        head = best[cut]
        if head is not None and letters[cut:] in prefixes:
            return head, letters[cut:]
    return None


def text_pinyin_matches(text: str, letters: str) -> list[str]:
    """Substrings of text whose initials or full pinyin spell `letters` (for highlighting)."""
    found: list[str] = []
    if len(letters) < 2:
        return found
    for run in runs(text):
        if not is_cjk(run):
            continue
        rs = readings(run)
        for i in range(len(run)):
            initials = ""
            full = ""
            for j in range(i, min(len(run), i + 12)):
                initials += rs[j][0][:1]
                full += rs[j][0]
                if initials == letters or (full.startswith(letters) and j > i) or full == letters:
                    found.append(run[i : j + 1])
                    break
                if not letters.startswith(initials) and not letters.startswith(full):
                    break
    return found
