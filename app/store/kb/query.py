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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from app.models.kb import MAX_SEARCH_CHARS
from app.store.kb.text import (
    INITIALS_GRAM,
    PY_TEXT_AND_INITIALS,
    PY_TEXT_COLUMNS,
    TEXT_AND_INITIALS,
    TEXT_COLUMNS,
    readings,
    segment,
)
from app.store.textindex import bigrams, is_cjk, runs

MAX_QUERY_CHARS = MAX_SEARCH_CHARS
MAX_EXACT_SEGMENTS = 6
MAX_EXACT_RUN = 12
MAX_RELAXED_TERMS = 12
MAX_CHAR_TERMS = 8
COMMON_SHARE = 0.2  # a term in more than this share of articles says little and costs much
# The relaxed stage's work: ranking an OR reads every posting of every term, so its cost
# grows with the sum of the terms' document frequencies (see
# docs/knowledge-base.md#what-a-search-costs-and-how-it-is-kept-small). Terms are taken
# rarest first until this many postings; the words the query must keep (synonyms, known
# words) and the first MIN_RELAXED_TERMS terms always come in.
# A knowledge base of a few thousand articles never reaches it.
MAX_RELAXED_POSTINGS = 12_000
MIN_RELAXED_TERMS = 4
MAX_SYNONYM_VARIANTS = 4
MAX_WORD = 8
SYNONYM_REPEAT = 2

DocFreq = Callable[[Sequence[str]], Mapping[str, int]]


def quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def phrase(tokens: Sequence[str], prefix: bool = False) -> str:
    return quote(" ".join(tokens)) + ("*" if prefix else "")


def find_synonyms(text: str, lexicon: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """(term, canonical) pairs whose term occurs in the text, longest terms first."""
    found = [(t, c) for t, cs in lexicon.items() if t in text for c in cs]
    return sorted(found, key=lambda p: -len(p[0]))


def find_words(run: str, words: Collection[str]) -> list[str]:
    """Known words (the articles' keywords, the lexicon) inside a run of the query."""
    found: list[str] = []
    for i in range(len(run) - 1):
        for j in range(min(len(run), i + MAX_WORD), i + 1, -1):
            if run[i:j] in words:
                found.append(run[i:j])
    return list(dict.fromkeys(found))


def _pinyin_alternatives(letters: str, initials: bool = True) -> list[str]:
    """Expressions for a run of letters read as initials and as (possibly unfinished) pinyin."""
    alternatives: list[str] = []
    if not initials:
        pass
    elif 2 <= len(letters) <= INITIALS_GRAM:
        alternatives.append("{py_init} : " + quote(letters))
    elif INITIALS_GRAM < len(letters) <= 12:
        starts = [*range(0, len(letters) - INITIALS_GRAM, INITIALS_GRAM)]
        starts.append(len(letters) - INITIALS_GRAM)
        grams = [quote(letters[i : i + INITIALS_GRAM]) for i in starts]
        alternatives.append("{py_init} : (" + " AND ".join(grams) + ")")
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
    seg: str,
    last: bool,
    synonyms: list[tuple[str, str]],
    plan: Plan,
    spelled: Mapping[str, Sequence[str]],
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
    if seg.isalpha() and 2 <= len(seg) < INITIALS_GRAM:
        # 'sb', 'gjj': a word of the text or initials, one phrase, so the term's long list
        # (a fifth of the articles) is read once; too short to be worth a prefix scan.
        alternatives = [TEXT_AND_INITIALS + " : " + quote(seg)]
        alternatives += _pinyin_alternatives(seg, initials=False)
    else:
        alternatives = [TEXT_COLUMNS + " : " + quote(seg) + ("*" if last else "")]
        if seg.isalpha():
            alternatives += _pinyin_alternatives(seg)
    for word in spelled.get(seg, ())[:MAX_SYNONYM_VARIANTS]:
        alternatives.append(phrase(bigrams(word)))
        plan.surfaces.add(word)
    return alternatives


def _either(alternatives: Sequence[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


@dataclass
class Plan:
    """The stages of one query, each worked out only when the search gets that far."""

    segments: list[str]
    synonyms: list[tuple[str, str]]
    doc_freq: DocFreq
    articles: int
    words: Collection[str]
    spelled: Mapping[str, Sequence[str]]
    surfaces: set[str] = field(default_factory=set)  # CJK words to highlight
    letters: list[str] = field(default_factory=list)  # typed letters (pinyin) to highlight
    _done: dict[int, str | None] = field(default_factory=dict)

    @property
    def common(self) -> int:
        return max(1, int(self.articles * COMMON_SHARE))

    def stage(self, number: int) -> str | None:
        """The MATCH expression of stage 1, 2 or 3; None when it has nothing (new) to add."""
        if number not in self._done:
            build = {1: self._exact, 2: self._relaxed, 3: self._chars}[number]
            expr = build() if self.segments else None
            earlier = [self._done.get(n) for n in range(1, number)]
            self._done[number] = None if expr in earlier else expr
        return self._done[number]

    def py_stage(self, number: int) -> str | None:
        """Stage n for kb_py when the query is letters (or digits) only, else None.

        Letters are initials, full pinyin, a lexicon word's spelling, or a word of the
        title or keywords: all in kb_py, whose rows are a fraction of kb_fts's, so a
        common initial pair ('sb', in a fifth of the articles) is ranked there first.
        """
        if any(is_cjk(s) for s in self.segments):
            return None
        expr = self.stage(number)
        if expr is None:
            return None
        expr = expr.replace(TEXT_AND_INITIALS, PY_TEXT_AND_INITIALS)
        return expr.replace(TEXT_COLUMNS, PY_TEXT_COLUMNS)

    def _exact(self) -> str | None:
        """Every word: a phrase of bigrams, a synonym, or pinyin for letters."""
        segments = self.segments
        if len(segments) > MAX_EXACT_SEGMENTS or any(
            len(s) > MAX_EXACT_RUN for s in segments if is_cjk(s)
        ):
            return None
        parts = [
            _either(
                _segment_alternatives(s, i == len(segments) - 1, self.synonyms, self, self.spelled)
            )
            for i, s in enumerate(segments)
        ]
        exact = " AND ".join(parts)
        has_cjk = any(is_cjk(s) for s in segments)
        mixed = _syllables_of(segments) if has_cjk and self.letters else None
        if mixed is not None:
            tokens = [a + b for a, b in itertools.pairwise(mixed)]
            exact = f"({exact}) OR {{py_full}} : {phrase(tokens)}"
            self.letters.append("".join(mixed))
            self.surfaces.difference_update(s for s in segments if len(s) == 1)
        return exact

    def _relaxed(self) -> str | None:
        """Any informative word, ranked by bm25: more and rarer words first."""
        segments = self.segments
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
        known = [w for s in segments if is_cjk(s) for w in find_words(s, self.words)]
        canonicals = [c for _t, c in self.synonyms[:MAX_SYNONYM_VARIANTS]]
        extra = [b for w in [*known[:MAX_RELAXED_TERMS], *canonicals] for b in bigrams(w)]
        freq = self.doc_freq([*grams, *pinyin_of.values(), *extra]) if grams else {}
        common = self.common
        present = [g for g in grams if freq.get(g, 0) > 0]
        informative = sorted((g for g in present if freq[g] <= common), key=lambda g: freq[g])
        if not informative and present:
            informative = sorted(present, key=lambda g: freq[g])[:2]

        def cost(word: str) -> int:
            return sum(freq.get(b, 0) for b in bigrams(word))

        # Within the budget of postings: the query's known words first (cheapest first),
        # then its informative bigrams, rarest first. Synonyms always come in.
        postings = sum(map(cost, canonicals)) * SYNONYM_REPEAT
        taken = 0

        def take(work: int) -> bool:
            nonlocal postings, taken
            if taken >= MIN_RELAXED_TERMS and postings + work > MAX_RELAXED_POSTINGS:
                return False
            postings += work
            taken += 1
            return True

        candidates = [
            w
            for w in dict.fromkeys(known[:MAX_RELAXED_TERMS])
            if freq.get(w, 1) > 0 and (len(w) > 2 or w in informative)
        ]
        kept = {w for w in sorted(candidates, key=cost) if take(cost(w))}
        words = [w for w in candidates if w in kept]
        chosen: list[str] = []
        for gram in informative[:MAX_RELAXED_TERMS]:
            if not take(freq[gram]):
                break
            chosen.append(gram)
        terms = [quote(g) for g in chosen]
        self.surfaces.update(chosen)
        # A bigram no article holds may be a homophone typo (社宝 for 社保): try its pinyin.
        sounds = [
            pinyin_of[g]
            for g in grams
            if freq.get(g, 0) == 0 and 0 < freq.get(pinyin_of.get(g, ""), 0) <= common
        ]
        if sounds:
            self.letters.extend(sounds[:6])
            terms.append("{py_full} : (" + " OR ".join(quote(s) for s in sounds[:6]) + ")")
        terms = list(dict.fromkeys(terms))
        # Known words and the lexicon's words are repeated: FTS5's bm25 adds a score per
        # phrase, so a repeated phrase counts double against chance bigrams ('狗好').
        for word in words:
            terms.append(phrase(bigrams(word)))
            self.surfaces.add(word)
        for canonical in canonicals:
            terms += [phrase(bigrams(canonical))] * SYNONYM_REPEAT
            self.surfaces.add(canonical)
        for i, seg in enumerate(segments):
            if not is_cjk(seg):
                last = i == len(segments) - 1
                terms.extend(_segment_alternatives(seg, last, [], self, self.spelled))
            elif len(seg) == 1:
                terms.append("{chars} : " + quote(seg))
        return " OR ".join(terms) if terms else None

    def _chars(self) -> str | None:
        """Single characters against the titles, questions and keywords."""
        chars = list(dict.fromkeys(c for s in self.segments if is_cjk(s) for c in s))[:100]
        if not chars:
            return None
        freq = self.doc_freq(chars)
        usable = sorted(
            (c for c in chars if 0 < freq.get(c, 0) <= self.common), key=lambda c: freq[c]
        )[:MAX_CHAR_TERMS]
        if not usable:
            return None
        self.surfaces.update(usable)
        return "{chars} : (" + " OR ".join(quote(c) for c in usable) + ")"


def plan_query(
    text: str,
    lexicon: Mapping[str, Sequence[str]],
    doc_freq: DocFreq,
    articles: int,
    words: Collection[str] = frozenset(),
    spelled: Mapping[str, Sequence[str]] | None = None,
) -> Plan:
    """The stages for one query; `plan.stage(n)` builds stage n when asked.

    `lexicon` maps a caller's word to the knowledge base's; `doc_freq` tells how many
    articles hold each token; `words` are known words (keywords, lexicon) that count double
    when a long query contains them; `spelled` maps pinyin (initials or full) of lexicon
    words to the knowledge base's word ('jtwz' → 交通违法 through 交通违章).
    """
    segments = runs(text[:MAX_QUERY_CHARS])
    joined = "".join(s for s in segments if is_cjk(s))
    plan = Plan(
        segments=segments,
        synonyms=find_synonyms(joined, lexicon) if joined else [],
        doc_freq=doc_freq,
        articles=articles,
        words=words,
        spelled=spelled or {},
    )
    plan.surfaces.update(s for s in segments if is_cjk(s))
    plan.letters = [s for s in segments if s.isascii() and s.isalpha()]
    return plan
