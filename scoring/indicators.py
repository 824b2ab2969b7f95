"""Indicator phrases compiled to token patterns, and matching them in a reflection.

A phrase matches on folded words or lemmas ("vroegen" matches "vragen"), allows a couple of extra
words between its words (and more where the author wrote "..."), matches compounds by their ending
("wijkteammedewerker" contains "medewerker"), and matches separable verbs split in a sentence
("vroegen we door" matches "doorvragen"). A match inside a clause with a negation ("we hebben
niet doorgevraagd") does not count, but "niet alleen ... maar ook" is not a negation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from casusspel.scoring.text import (
    NEGATORS,
    PRONOUN,
    PRONOUNS,
    Token,
    is_known,
    lemma,
    negates,
    tokenize_phrase,
)

SMALL_GAP = 2
WIDE_GAP = 6
MIN_COMPOUND = 4
SEPARABLE = ("door", "op", "aan", "in", "uit", "mee", "na", "terug", "samen", "bij", "af", "toe",
             "over", "vast", "los")

# Verbs whose infinitive ends in -n without -en ('meegaan' is 'gingen mee').
SHORT_VERBS = frozenset({"gaan", "staan", "slaan", "doen", "zien", "zijn"})

# Words that end like an indicator but are not compounds of it ('zichzelf' is not 'zelf').
NOT_COMPOUNDS = frozenset({"zichzelf", "mezelf", "mijzelf", "jezelf", "jouzelf", "hemzelf",
                           "haarzelf", "onszelf", "uzelf", "henzelf", "zelf"})


@dataclass(frozen=True)
class Item:
    norm: str
    lemma: str
    gap_before: int

    def __post_init__(self) -> None:
        # worked out once: matching asks for them at every word a phrase could continue with
        object.__setattr__(self, "forms", frozenset((self.norm, self.lemma)))
        object.__setattr__(self, "pronoun", self.norm == PRONOUN)
        object.__setattr__(self, "compound", len(self.norm) >= MIN_COMPOUND)

    forms: frozenset[str] = field(init=False, repr=False, compare=False)
    pronoun: bool = field(init=False, repr=False, compare=False)
    compound: bool = field(init=False, repr=False, compare=False)

    def matches(self, token: Token, *, compound: bool) -> bool:
        """The word's form or lemma is the item's form or lemma (in any pairing); with
        ``compound``, or it ends like the item ('wijkteammedewerker' - 'medewerker')."""
        if self.pronoun:
            return token.norm in PRONOUNS
        if token.norm in self.forms or token.lemma in self.forms:
            return True
        return compound and self.compound and token.norm not in NOT_COMPOUNDS and (
            token.norm.endswith(self.norm) or token.lemma.endswith(self.lemma))


@dataclass(frozen=True)
class Pattern:
    pillar: str
    phrase: str
    weight: float
    items: tuple[Item, ...]
    known: bool = True
    source: str = "framework"  # or "case"

    @property
    def has_negator(self) -> bool:
        return any(item.norm in NEGATORS for item in self.items)


@dataclass(frozen=True)
class Match:
    pattern: Pattern
    start: int
    end: int
    first: int
    last: int


def compile_phrase(pillar: str, phrase: str, weight: float,
                   source: str = "framework") -> list[Pattern]:
    words = tokenize_phrase(phrase)
    items: list[Item] = []
    # Short words only ('wij zelf'): no words in between, or 'we vragen mevrouw zelf' matches.
    small = SMALL_GAP if any(len(w) > 4 for w in words if w != "...") else 0
    gap = small
    known = all(is_known(w) for w in words if w != "...")
    for word in words:
        if word == "...":
            gap = WIDE_GAP
            continue
        norm = PRONOUN if word in PRONOUNS else word
        items.append(Item(norm, norm if norm == PRONOUN else lemma(word, not known),
                          gap if items else 0))
        gap = small
    if not items:
        return []
    patterns = [Pattern(pillar, phrase, weight, tuple(items), known, source)]
    if len(items) == 1:
        split = _separable(items[0])
        if split:
            patterns.append(Pattern(pillar, phrase, weight, split, known, source))
    return patterns


def _separable(item: Item) -> tuple[Item, ...] | None:
    """'doorvragen' -> ('vragen' ... 'door'), for sentences like 'we vroegen niet door'."""
    for prefix in SEPARABLE:
        if item.lemma.startswith(prefix) and len(item.lemma) - len(prefix) >= 4:
            rest = item.lemma[len(prefix):]
            if rest.endswith("en") or rest in SHORT_VERBS:
                # the verb's own lemma: 'vroegen' is 'vraag' ('vragen' -> 'vraag')
                return (Item(rest, lemma(rest), 0), Item(prefix, prefix, WIDE_GAP))
    return None


class Matcher:
    """All patterns of a framework (plus case indicators), indexed by their first word."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns = list(patterns)
        self.full_lemmas = not all(p.known for p in self.patterns)
        self.by_id = {id(p): p for p in self.patterns}
        # the forms of the later words of the patterns, and the ends of words found among them
        self._later = frozenset(w for p in self.patterns for i in p.items[1:] if not i.pronoun
                                for w in i.forms)
        self._longest = max(map(len, self._later), default=0)
        self._ends: dict[str, tuple[str, ...]] = {}
        self._cache: dict[tuple[str, str], tuple[tuple[Pattern, Needed], ...]] = {}
        self.index: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            first = pattern.items[0]
            for key in {first.norm, first.lemma}:
                self.index[key].append(pattern)

    def candidates(self, token: Token) -> set[int]:
        found: set[int] = set()
        for key in (token.norm, token.lemma, token.key):
            found.update(id(p) for p in self.index.get(key, ()))
        return found

    def _starting_at(self, token: Token) -> tuple[tuple[Pattern, Needed], ...]:
        """Patterns that can start at a word like ``token``, each with ``_needed`` (cached per
        word: words repeat)."""
        key = (token.norm, token.lemma)
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) >= MAX_CACHED_WORDS:
                self._cache.clear()
            ids = self.candidates(token) | self._compound_candidates(token)
            # only those whose first word matches this word (that depends on its form and
            # lemma only, so it is part of what is cached)
            cached = self._cache[key] = tuple(
                (p, _needed(p)) for p in (self.by_id[i] for i in sorted(ids))
                if p.items[0].matches(token, compound=True))
        return cached

    def _present(self, tokens: Sequence[Token]) -> set[str]:
        """The later words of patterns that the text holds, as a word or as the end of one
        (cached per word; only ends up to the longest such word: linear in the text)."""
        found: set[str] = set()
        ends = self._ends
        for word in {t.norm for t in tokens} | {t.lemma for t in tokens}:
            hit = ends.get(word)
            if hit is None:
                if len(ends) >= MAX_CACHED_WORDS:
                    ends.clear()
                hit = ends[word] = tuple(
                    end for end in (word[i:] for i in range(max(0, len(word) - self._longest),
                                                            len(word)))
                    if end in self._later)
            found.update(hit)
        return found

    def find(self, tokens: Sequence[Token], negation: bool = True) -> list[Match]:
        """Every match; with ``negation`` those in a negated clause are left out."""
        matches: list[Match] = []
        present: set[str] | None = None  # the text's forms and lemmas, made when first needed
        for position, token in enumerate(tokens):
            for pattern, needed in self._starting_at(token):
                if needed:
                    if present is None:
                        present = self._present(tokens)
                    for forms in needed:
                        if forms.isdisjoint(present):
                            break  # a later word is nowhere in the text: no need to look
                    else:
                        match = _match_from(pattern, tokens, position)
                        if match is not None and not (negation and _negated(match, tokens)):
                            matches.append(match)
                    continue
                match = _match_from(pattern, tokens, position)
                if match is not None and not (negation and _negated(match, tokens)):
                    matches.append(match)
        return matches

    def _compound_candidates(self, token: Token) -> set[int]:
        found: set[int] = set()
        for word in {token.norm, token.lemma}:
            if len(word) > MAX_COMPOUND:  # no Dutch word; a pasted blob would cost n^2
                continue
            for cut in range(1, len(word) - MIN_COMPOUND + 1):
                for pattern in self.index.get(word[cut:], ()):
                    if len(pattern.items[0].norm) >= MIN_COMPOUND:
                        found.add(id(pattern))
        return found


# Per later word of a pattern (no pronoun): the forms of which a text must hold one.
Needed = tuple[frozenset[str], ...]


def _needed(pattern: Pattern) -> Needed:
    """What a text must hold for ``pattern`` to match after its first word (``_match_from``):
    for a later word its form or lemma, as a word or, when it can be the end of a compound, as
    the end of a word ('medewerker' in 'wijkteammedewerker'). A pronoun matches any of them."""
    return tuple(item.forms for item in pattern.items[1:] if not item.pronoun)


def _match_at(pattern: Pattern, tokens: Sequence[Token], position: int) -> Match | None:
    """Words of ``pattern`` from ``position`` on: a few words apart within a clause, or after
    '...' any number of words up to the end of the part ('maar', 'want', punctuation), never
    past the end of the sentence."""
    first = pattern.items[0]
    if not first.matches(tokens[position], compound=True):
        return None
    return _match_from(pattern, tokens, position)


def _match_from(pattern: Pattern, tokens: Sequence[Token], position: int) -> Match | None:
    """``_match_at`` for a pattern whose first word matches at ``position`` (the later words
    are looked for with ``Item.matches`` written out: this loop runs for most words of a text)."""
    current = position
    start = tokens[position]
    sentence, part = start.sentence, start.part
    for item in pattern.items[1:]:
        wide = item.gap_before == WIDE_GAP
        limit = min(len(tokens), current + (MAX_WIDE if wide else 2 + item.gap_before))
        clause = tokens[current].clause
        forms, norm, lemma, pronoun, compound = (item.forms, item.norm, item.lemma, item.pronoun,
                                                 item.compound)
        for candidate in range(current + 1, limit):
            token = tokens[candidate]
            if token.sentence != sentence or (token.part != part if wide
                                              else token.clause != clause):
                return None
            word = token.norm
            if (word in PRONOUNS if pronoun else (
                    word in forms or token.lemma in forms or (
                        compound and word not in NOT_COMPOUNDS
                        and (word.endswith(norm) or token.lemma.endswith(lemma))))):
                current = candidate
                break
        else:
            return None
    return Match(pattern, start.start, tokens[current].end, position, current)


MAX_CACHED_WORDS = 50_000
MAX_WIDE = 40  # words a '...' may span at most (keeps matching linear in text length)
AFTER = 2
BEFORE = 20  # tokens back in the clause where a negation still counts
MAX_COMPOUND = 60


def _negated(match: Match, tokens: Sequence[Token]) -> bool:
    """A negation earlier in the clause, inside the match, or just after it ("vroegen niet")."""
    if match.pattern.has_negator:
        return False
    clauses = {tokens[match.first].clause, tokens[match.last].clause}
    start = max(0, match.first - BEFORE)  # a negation further back is not about this match
    for index in range(start, min(len(tokens), match.last + AFTER + 1)):
        token = tokens[index]
        if token.clause not in clauses or index in (match.first, match.last):
            continue
        if negates(tokens, index):
            return True
    return False
