"""From whatever an operator typed to FTS5 MATCH expressions, in three stages.

1. exact: every word of the query, as a phrase of bigrams, or its synonym, or (for letters)
   pinyin initials / full pinyin / the letters themselves;
2. relaxed: any of the query's informative bigrams, synonyms, pinyin (homophone typos),
   ranked by bm25 so articles matching more and rarer words come first;
3. characters: single characters of the query against titles, questions and keywords.

Only tokens the index itself produced (CJK characters, [0-9a-z]) are ever placed in an
expression, always inside double quotes; the FTS5 syntax is written here, never typed by
the user. So any string, quotes, `*`, `NEAR(`, `AND`, emoji or 10,000 characters, gives a
valid expression or None.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from app.store.kb_text import TEXT_COLUMNS, readings, segment
from app.store.textindex import bigrams, is_cjk, runs

MAX_QUERY_CHARS = 400
MAX_EXACT_SEGMENTS = 6
MAX_EXACT_RUN = 12
MAX_RELAXED_TERMS = 12
MAX_CHAR_TERMS = 8
COMMON_SHARE = 0.2  # a term in more than this share of articles says little and costs much
MAX_SYNONYM_VARIANTS = 4

DocFreq = Callable[[Sequence[str]], Mapping[str, int]]


def quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def phrase(tokens: Sequence[str], prefix: bool = False) -> str:
    return quote(" ".join(tokens)) + ("*" if prefix else "")


@dataclass
class Plan:
    exact: str | None = None
    relaxed: str | None = None
    chars: str | None = None
    surfaces: set[str] = field(default_factory=set)  # CJK words to highlight
    letters: list[str] = field(default_factory=list)  # typed letters (pinyin) to highlight

    def stages(self) -> list[tuple[int, str]]:
        seen: set[str] = set()
        result: list[tuple[int, str]] = []
        for number, expr in ((1, self.exact), (2, self.relaxed), (3, self.chars)):
            if expr and expr not in seen:
                seen.add(expr)
                result.append((number, expr))
        return result


def find_synonyms(text: str, lexicon: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """(term, canonical) pairs whose term occurs in the text, longest terms first."""
    found = [(t, c) for t, cs in lexicon.items() if t in text for c in cs]
    return sorted(found, key=lambda p: -len(p[0]))


def _pinyin_alternatives(letters: str) -> list[str]:
    """Expressions for a run of letters read as initials and as (possibly unfinished) pinyin."""
    alternatives: list[str] = []
    if 2 <= len(letters) <= 12:
        pairs = [letters[i : i + 2] for i in range(len(letters) - 1)]
        alternatives.append("{py_init} : " + phrase(pairs))
    parsed = segment(letters)
    if parsed is not None:
        sylls, partial = parsed
        if len(sylls) >= 2:
            tokens = [a + b for a, b in itertools.pairwise(sylls)]
            if partial:
                tokens.append(sylls[-1] + partial)
            alternatives.append("{py_full} : " + phrase(tokens, prefix=bool(partial)))
        elif len(sylls) == 1 and len(letters) >= 2:
            alternatives.append("{py_full} : " + phrase([letters], prefix=True))
    return alternatives


def _syllables_of(segments: Sequence[str]) -> list[str] | None:
    """Mixed Chinese and pinyin ('社bao', '停shui') as one syllable sequence."""
    out: list[str] = []
    for seg in segments:
        if is_cjk(seg):
            out.extend(r[0] for r in readings(seg))
        elif seg.isalpha():
            parsed = segment(seg)
            if parsed is None or parsed[1]:
                return None
            out.extend(parsed[0])
        else:
            return None
    return out if len(out) >= 2 and all(out) else None


def _segment_alternatives(
    seg: str, last: bool, synonyms: list[tuple[str, str]], plan: Plan
) -> list[str]:
    if is_cjk(seg):
        if len(seg) == 1:
            return ["{chars} : " + quote(seg), quote(seg) + "*"]
        alternatives = [phrase(bigrams(seg))]
        variants: list[str] = []
        for term, canonical in synonyms:
            if term in seg and len(variants) < MAX_SYNONYM_VARIANTS:
                variant = seg.replace(term, canonical)
                variants.append(variant)
                plan.surfaces.add(canonical)
        alternatives += [phrase(bigrams(v)) for v in variants]
        return list(dict.fromkeys(alternatives))
    alternatives = [TEXT_COLUMNS + " : " + quote(seg) + ("*" if last else "")]
    if seg.isalpha():
        alternatives += _pinyin_alternatives(seg)
    return alternatives


def _either(alternatives: Sequence[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def plan_query(
    text: str,
    lexicon: Mapping[str, Sequence[str]],
    doc_freq: DocFreq,
    articles: int,
) -> Plan:
    """The three stages for one query. `doc_freq` tells how many articles hold each token."""
    plan = Plan()
    segments = runs(text[:MAX_QUERY_CHARS])
    if not segments:
        return plan
    joined = "".join(s for s in segments if is_cjk(s))
    synonyms = find_synonyms(joined, lexicon)
    plan.surfaces.update(s for s in segments if is_cjk(s))
    plan.letters = [s for s in segments if s.isascii() and s.isalpha()]

    # Stage 1: every word.
    cjk_chars = sum(len(s) for s in segments if is_cjk(s))
    if len(segments) <= MAX_EXACT_SEGMENTS and all(
        len(s) <= MAX_EXACT_RUN for s in segments if is_cjk(s)
    ):
        parts = [
            _either(_segment_alternatives(s, i == len(segments) - 1, synonyms, plan))
            for i, s in enumerate(segments)
        ]
        exact = " AND ".join(parts)
        mixed = _syllables_of(segments) if cjk_chars and plan.letters else None
        if mixed is not None:
            tokens = [a + b for a, b in itertools.pairwise(mixed)]
            exact = f"({exact}) OR {{py_full}} : {phrase(tokens)}"
        plan.exact = exact

    # Stage 2: any informative word.
    grams: list[str] = []
    for seg in segments:
        if is_cjk(seg) and len(seg) >= 2:
            grams.extend(bigrams(seg))
    grams = list(dict.fromkeys(grams))[:200]
    pinyin_of: dict[str, str] = {}
    for gram in grams:
        r = readings(gram)
        if len(r) == 2 and r[0][0] and r[1][0]:
            pinyin_of[gram] = r[0][0] + r[1][0]
    freq = doc_freq([*grams, *pinyin_of.values()]) if grams else {}
    common = max(1, int(articles * COMMON_SHARE))
    present = [g for g in grams if freq.get(g, 0) > 0]
    informative = sorted((g for g in present if freq[g] <= common), key=lambda g: freq[g])
    if not informative and present:
        informative = sorted(present, key=lambda g: freq[g])[:2]
    terms = [quote(g) for g in informative[:MAX_RELAXED_TERMS]]
    plan.surfaces.update(informative[:MAX_RELAXED_TERMS])
    # A bigram no article holds may be a homophone typo (社宝 for 社保): try its pinyin.
    sounds = [
        pinyin_of[g]
        for g in grams
        if freq.get(g, 0) == 0 and 0 < freq.get(pinyin_of.get(g, ""), 0) <= common
    ]
    if sounds:
        terms.append("{py_full} : (" + " OR ".join(quote(s) for s in sounds[:6]) + ")")
    for _term, canonical in synonyms[:MAX_SYNONYM_VARIANTS]:
        terms.append(phrase(bigrams(canonical)))
        plan.surfaces.add(canonical)
    for i, seg in enumerate(segments):
        if not is_cjk(seg):
            terms.extend(_segment_alternatives(seg, i == len(segments) - 1, [], plan))
        elif len(seg) == 1:
            terms.append("{chars} : " + quote(seg))
    terms = list(dict.fromkeys(terms))
    if terms:
        plan.relaxed = " OR ".join(terms)

    # Stage 3: characters of the short fields.
    chars = list(dict.fromkeys(c for s in segments if is_cjk(s) for c in s))[:100]
    if chars:
        char_freq = doc_freq(chars)
        usable = sorted(
            (c for c in chars if 0 < char_freq.get(c, 0) <= common), key=lambda c: char_freq[c]
        )[:MAX_CHAR_TERMS]
        if usable:
            plan.chars = "{chars} : (" + " OR ".join(quote(c) for c in usable) + ")"
    return plan
