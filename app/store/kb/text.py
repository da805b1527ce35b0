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
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from pypinyin import Style, pinyin
from pypinyin.constants import PINYIN_DICT

from app.models.kb import Article
from app.store.textindex import is_cjk, runs

COLUMNS = ("title", "questions", "keywords", "usage", "answer", "py_full", "py_init", "chars")
TEXT_COLUMNS = "{title questions keywords usage answer}"
# kb_py: the columns of COLUMNS letters are matched against, and which of them hold text.
PY_COLUMNS = ("title", "keywords", "py_full", "py_init", "chars")
PY_TEXT_COLUMNS = "{title keywords}"
# Short letters ('sb', 'gjj') as a word of the text and as initials, in one phrase
TEXT_AND_INITIALS = "{title questions keywords usage answer py_init}"
PY_TEXT_AND_INITIALS = "{title keywords py_init}"


def py_values(values: Sequence[str]) -> tuple[str, ...]:
    """The kb_py row of an article from its index_columns values."""
    return tuple(values[COLUMNS.index(c)] for c in PY_COLUMNS)


MAX_READINGS = 2  # per character: the contextual reading and one alternative
INITIALS_GRAM = 4
MAX_USAGE_TEXTS = 40
MAX_USAGE_CHARS = 200


_TOKENS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
# Characters NFKC leaves alone, or changes only from one separator to another (full-width
# and CJK punctuation): text made of them alone gives the same tokens without NFKC, which
# costs more than the rest of bigram_text. Anything else (full-width letters, compatibility
# ideographs, circled digits, combining marks) takes the NFKC path.
_NEEDS_NFKC = re.compile(
    "[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff\u3000-\u3037\u2010-\u2027\u00b7"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]"
)


def bigram_text(text: str) -> str:
    """Exactly textindex.index_text, written for speed (a 100,000-article import)."""
    if _NEEDS_NFKC.search(text) is not None:
        text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    extend, append = out.extend, out.append
    for run in _TOKENS.findall(text.lower()):
        if len(run) > 1 and run[0] > "\x7f":
            extend(map(str.__add__, run[:-1], run[1:]))
        else:
            append(run)
    return " ".join(out)


@lru_cache(maxsize=4096)
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


@lru_cache(maxsize=30_000)
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
    extra_full: list[str] = []
    for a, b in itertools.pairwise(rs):
        if not a[0] or not b[0]:
            continue
        primary_full.append(a[0] + b[0])
        for x in a:
            for y in b:
                if (x, y) != (a[0], b[0]) and x and y:
                    extra_full.append(x + y)
    extras = [t for t in dict.fromkeys(extra_full) if t not in primary_full]
    return tuple(primary_full + extras), initial_grams("".join(r[0][:1] for r in rs))


def initial_grams(initials: str) -> tuple[str, ...]:
    """Every 2-, 3- and 4-letter piece of a run's initials: 'jtwf' → jt jtw jtwf tw twf wf.

    One token per piece keeps 'jtwf' a single lookup: a phrase of the very common
    two-letter tokens would read thousands of position lists at 100,000 articles.
    """
    return tuple(
        initials[i : i + n]
        for i in range(len(initials) - 1)
        for n in range(2, INITIALS_GRAM + 1)
        if i + n <= len(initials)
    )


def spellings(word: str) -> tuple[str, str]:
    """(initials, full pinyin) of a Chinese word by its contextual reading: 社保 → sb, shebao."""
    rs = readings(word)
    return "".join(r[0][:1] for r in rs), "".join(r[0] for r in rs)


def pinyin_text(texts: Iterable[str], initials_of: int) -> tuple[str, str]:
    """Full pinyin of all the texts, initials of the first `initials_of` texts only."""
    full: list[str] = []
    init: list[str] = []
    for n, text in enumerate(texts):
        for run in runs(text):
            if is_cjk(run):
                f, i = run_pinyin(run)
                full.extend(f)
                if n < initials_of:
                    init.extend(i)
    return " ".join(full), " ".join(init)


def chars_text(texts: Iterable[str]) -> str:
    return " ".join(c for text in texts for run in runs(text) if is_cjk(run) for c in run)


def usage_text(texts: Sequence[str]) -> str:
    """The newest MAX_USAGE_TEXTS phrasings, each cut to MAX_USAGE_CHARS, as bigrams."""
    kept = [t[:MAX_USAGE_CHARS] for t in texts[-MAX_USAGE_TEXTS:]]
    return " ".join(bigram_text(t) for t in kept)


def index_columns(article: Article, usage: Sequence[str] = ()) -> tuple[str, ...]:
    """The values of COLUMNS for one article; a pure function of its content and usage.

    Pinyin and single characters come from the title and keywords only, where the topic
    words an operator abbreviates or mistypes are; the callers' questions and the answer
    are indexed as bigrams. (Fewer tokens: a faster index of 100,000 articles.)
    """
    topic = [article.title, *article.keywords]
    full, init = pinyin_text(topic, initials_of=len(topic))
    return (
        bigram_text(article.title),
        bigram_text("\n".join(article.questions)),
        bigram_text("\n".join(article.keywords)),
        usage_text(usage),
        bigram_text(article.answer),
        full,
        init,
        chars_text(topic),
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


@lru_cache(maxsize=50_000)
def _run_keys(run: str) -> tuple[tuple[str, ...], str]:
    """(primary reading of each character, their initials as one string) of a CJK run."""
    primary = tuple(r[0] for r in readings(run))
    return primary, "".join(p[:1] or "?" for p in primary)


def text_pinyin_matches(text: str, letters: str) -> list[str]:
    """Substrings of text whose initials or full pinyin spell `letters` (for highlighting)."""
    found: list[str] = []
    if len(letters) < 2:
        return found
    first = letters[0]
    for run in runs(text):
        if not is_cjk(run) or len(run) < 2:
            continue
        primary, initials_of = _run_keys(run)
        # a match starts at a character whose reading starts with the first letter (or at
        # one without a reading, which adds nothing to the letters)
        if first not in initials_of and "?" not in initials_of:
            continue
        for i in range(len(run) - 1):
            if initials_of[i] != first and primary[i]:
                continue
            initials = ""
            full = ""
            for j in range(i, min(len(run), i + 12)):
                initials += primary[j][:1]
                full += primary[j]
                if j > i and (initials == letters or full.startswith(letters)):
                    found.append(run[i : j + 1])
                    break
                if not letters.startswith(initials) and not letters.startswith(full):
                    break
    return found
