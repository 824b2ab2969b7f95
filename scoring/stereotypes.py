"""Flags for generalising or culturalising statements, with precision first.

Three sources: the framework's and the case's stereotype patterns (regular expressions or
indicator-like phrases) and, when the framework asks for it, generalisation detection
(``generalisation.py``, with the clause model of ``flag_model.py`` beside its rules when the
framework names one). A false accusation in front of a class is worse than a miss, so a pattern
match is NOT flagged when the sentence quotes or discusses the statement (quotation marks, words
like 'culturaliseren', 'stereotype', 'vooroordeel', 'label') or negates it before the match
('niet alle ...', 'je kunt niet zeggen dat').
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from casusspel.scoring import groups_nl as nl
from casusspel.scoring.flag_model import Candidate, candidates, load_flag_model
from casusspel.scoring.framework import GeneralisationText, StereotypePattern
from casusspel.scoring.generalisation import find_generalisations, own_saying
from casusspel.scoring.groups_nl import label_forms
from casusspel.scoring.indicators import Matcher, compile_phrase
from casusspel.scoring.text import fold, letter_runs, tokenize
from casusspel.scoring.types import Flag

META = re.compile(r"\b(culturalis\w*|stereotyp\w*|vooroordee\w*|generalis\w*|label\w*|woord|term|"
                  r"doelgroepdenk\w*|zei|zegt|zeggen|noemde|opmerking|citaat|alsof|"
                  r"discrimin\w*|racis\w*|selecte\w*|gecontroleerd|uitgesloten|afgewezen|"
                  r"benadeeld|achtergesteld)\b")
NEGATED = re.compile(r"\b(niet|geen|nooit|kun je niet|moet je niet)\b")
QUOTES = "\"“”‘’'«»"
SOFT_BREAK = re.compile(r"(?<![\n.!?:])\n(?![\n\-*•])")


WINDOW = 400  # characters around a match that count as its sentence


@dataclass(frozen=True)
class CompiledStereotype:
    source: StereotypePattern
    regexes: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=16)
def compile_stereotypes(patterns: tuple[StereotypePattern, ...]) -> tuple[CompiledStereotype, ...]:
    return tuple(CompiledStereotype(p, tuple(re.compile(r) for r in regexes(p)))
                 for p in patterns)


def regexes(pattern: StereotypePattern) -> tuple[str, ...]:
    """The pattern's regular expressions, with one for its ``labels``: every form of each
    (``label_forms``), as whole words."""
    if not pattern.labels:
        return pattern.patterns
    forms = sorted({form for label in pattern.labels for word in [fold(label.strip())]
                    for form in label_forms(word)}, key=lambda f: (-len(f), f))
    return (*pattern.patterns, r"\b(" + "|".join(map(re.escape, forms)) + r")\b")


_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")
_PLAIN = re.compile(r"\(([a-z' |]+)\)|([a-z']+)")


def _top_level_pieces(regex: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for char in regex:
        if char == " " and depth == 0:
            pieces.append("".join(current))
            current = []
            continue
        depth += (char in "([") - (char in ")]")
        current.append(char)
    pieces.append("".join(current))
    return pieces


def required_words(regex: str) -> frozenset[str] | None:
    """Words of which one must occur in a text for ``regex`` to match, or None if unknown.

    Looks at the top-level pieces of the pattern (separated by spaces); a piece that is a plain
    word or a group of plain alternatives ('(dat|zo)'), bounded by spaces or \\b, must be there
    as a whole word. The most selective such piece (longest words) is used. A cheap set test on
    the words of a text then skips most regex searches (validate reads thousands of texts).
    """
    pieces = _top_level_pieces(regex)
    best: frozenset[str] | None = None
    for index, piece in enumerate(pieces):
        core = piece
        if index == 0:
            if not core.startswith("\\b"):
                continue
            core = core[2:]
        if index == len(pieces) - 1:
            core = _without_lookaheads(core)
            if not core.endswith("\\b"):
                continue
            core = core[:-2]
        match = _PLAIN.fullmatch(core)
        if match is None:
            continue
        options = (match.group(1) or match.group(2)).split("|")
        words = frozenset(option.split()[0] for option in options if option.strip())
        if not words or not all(_WORDS.fullmatch(w) for w in words):
            continue
        if best is None or min(map(len, words)) > min(map(len, best)):
            best = words
    return best


_LOOKAHEAD_AT_END = re.compile(r"\(\?[!=](?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)$")


def _without_lookaheads(piece: str) -> str:
    """``piece`` without the lookaheads at its end ('cultuur\\b(?! als\\b)' -> 'cultuur\\b'):
    they only narrow a match, so the words before them are still required."""
    while True:
        found = _LOOKAHEAD_AT_END.search(piece)
        if found is None:
            return piece
        piece = piece[:found.start()]


_LEADING_LITERAL = re.compile(r"(?:\\b)?([a-z]{3,})(?![a-z]*[?*{])")


def required_literal(regex: str) -> str | None:
    """Letters every match of ``regex`` starts with (a pattern like ``\\ballochto(on|nen)``, whose
    words cannot be listed), or None. A cheap ``in`` test then skips the regex search."""
    if _has_top_level_alternative(regex):  # another alternative may start differently
        return None
    match = _LEADING_LITERAL.match(regex)
    return match.group(1) if match else None


def _has_top_level_alternative(regex: str) -> bool:
    depth, index, in_class = 0, 0, False
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


@lru_cache(maxsize=16)
def _prefilters(patterns: tuple[StereotypePattern, ...]) -> tuple[frozenset[str] | None, ...]:
    return tuple(required_words(r) for p in patterns for r in regexes(p))


@lru_cache(maxsize=16)
def _literals(patterns: tuple[StereotypePattern, ...]) -> tuple[str | None, ...]:
    return tuple(required_literal(r) for p in patterns for r in regexes(p))


_LAST_FILTERS: list[tuple[Sequence[StereotypePattern], list[tuple[Any, str | None, str]]]] = []


def _filters(patterns: Sequence[StereotypePattern]) -> list[tuple[Any, str | None, str]]:
    """(required words, required literal, regex) per pattern; the last result is kept for the
    same patterns object (hashing a tuple of frozen models costs more than the check itself)."""
    last = _LAST_FILTERS[-1] if _LAST_FILTERS else None  # one read: safe with threads
    if last is not None and last[0] is patterns:
        return last[1]
    key = tuple(patterns)
    filters = list(zip(_prefilters(key), _literals(key),
                       (r for p in patterns for r in regexes(p)), strict=True))
    _LAST_FILTERS[:] = [(patterns, filters)]
    return filters


def might_flag(text: str, patterns: Sequence[StereotypePattern]) -> bool:
    """A quick test: could ``find_flags`` find anything in ``text``?"""
    if any(p.phrases for p in patterns):
        return True
    folded = fold(text)
    present: AbstractSet[str] | None = None  # the words of the text, split only when needed
    for words, literal, source in _filters(patterns):
        if literal is not None and literal not in folded:
            continue
        if words is not None:
            if present is None:
                present = words_of(folded)
            if present.isdisjoint(words):
                continue
        if _compiled(source).search(folded):
            return True
    return False


def words_of(folded: str) -> AbstractSet[str]:
    """The set of ``_WORDS`` in a folded text; without apostrophes a byte-level split gives the
    same words, much faster than the regular expression over a long text."""
    if "'" in folded:
        return set(_WORDS.findall(folded))
    return letter_runs(folded)


@lru_cache(maxsize=512)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def find_flags(text: str, patterns: Sequence[StereotypePattern],
               generalisation: GeneralisationText | None = None,
               source: str = "framework", case_text: bool = False) -> tuple[Flag, ...]:
    """Flags from ``patterns`` (and generalisations when ``generalisation`` is given).

    ``case_text``: the text is a case's own (situation, persons, feedback), which states facts
    about persons in the present tense; only generalisations with a clear generalising word
    count there (see ``find_generalisations``)."""
    flags: list[Flag] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    if might_flag(text, patterns):
        folded = fold(text)
        for start, end, pattern in _pattern_matches(text, folded, patterns):
            if _overlaps(taken, start, end) or _excused(folded, start, end):
                continue
            bisect.insort(taken, (start, end))
            flags.append(Flag(start, end, text[start:end], pattern.explanation,
                              pattern.question, pattern.id or "casus", source=source))
    if generalisation is not None:
        # a case's text wraps its lines in YAML: a single line break is a space there
        read = SOFT_BREAK.sub(" ", text) if case_text else text
        for found in find_generalisations(read, cues_only=case_text):
            if _overlaps(taken, found.start, found.end):
                continue
            bisect.insort(taken, (found.start, found.end))
            group, claim = text[slice(*found.group)], text[slice(*found.claim)]
            start, end = readable_span(text, found.start, found.end, found.group[1])
            flags.append(Flag(start, end, text[start:end],
                              _fill(generalisation.explanation, group, claim),
                              _fill(generalisation.question, group, claim),
                              "generalisatie", source="generalisation", group=group,
                              claim=claim))
        if generalisation.model is not None and not case_text:
            flags.extend(_model_flags(text, generalisation, generalisation.model, taken))
    return tuple(sorted(flags, key=lambda f: f.start))


def _model_flags(text: str, generalisation: GeneralisationText, name: str,
                 taken: list[tuple[int, int]]) -> list[Flag]:
    """Flags from the flag model (``flag_model``): per sentence the clause about a group it
    finds most generic, when that passes its threshold and no other flag overlaps it."""
    model = load_flag_model(name)
    if model is None:
        return []
    best: dict[int, tuple[float, Candidate]] = {}
    for clause in candidates(text):
        if clause.vetoed:
            continue
        probability = model.probability(clause.features)
        if probability >= model.threshold and probability > best.get(
                clause.sentence, (0.0, clause))[0]:
            best[clause.sentence] = (probability, clause)
    flags = []
    for probability, clause in best.values():
        start, end = min(clause.group[0], clause.claim[0]), max(clause.group[1], clause.claim[1])
        if _overlaps(taken, *clause.span):
            continue
        bisect.insort(taken, (start, end))
        start, end = readable_span(text, start, end, clause.group[1])
        group, claim = text[slice(*clause.group)], text[slice(*clause.claim)]
        flags.append(Flag(start, end, text[start:end],
                          _fill(generalisation.explanation, group, claim),
                          _fill(generalisation.question, group, claim), "generalisatie-model",
                          source="model", group=group, claim=claim, probability=probability))
    return flags


TOPIC_BEFORE = re.compile(r"(?<![^\W_])(bij|in|binnen|onder|voor)(?:[ \t]+(?:de|het|die|deze|hun))?"
                          r"[ \t]+$", re.IGNORECASE)
SUBJECT_AFTER = re.compile(r"[ \t]+(?:(?:de|een|hun)[ \t]+[^\W\d_]+|het|ze|zij|hij|men)"
                           r"(?![\w'’-])", re.IGNORECASE)


def readable_span(text: str, start: int, end: int, group_end: int) -> tuple[int, int]:
    """The flag's quote as a piece of the writer's own sentence (thirteenth round): a group
    spoken of as a place ('Bij Marokkaanse gezinnen beslist') takes its preposition, and when
    the quote stops at the verb right after the group, the subject that follows it ('... de
    man'), so the quote reads 'Bij Marokkaanse gezinnen beslist de man'. Only spaces are
    crossed: never a comma or a sentence end."""
    topic = TOPIC_BEFORE.search(text, max(0, start - 20), start)
    if topic is None:
        return start, end
    after = SUBJECT_AFTER.match(text, end) if len(text[group_end:end].split()) == 1 else None
    return topic.start(), after.end() if after else end


def _fill(template: str, group: str, claim: str) -> str:
    return template.replace("{group}", group).replace("{claim}", claim)


def _pattern_matches(text: str, folded: str, patterns: Sequence[StereotypePattern]
                     ) -> list[tuple[int, int, StereotypePattern]]:
    found: list[tuple[int, int, StereotypePattern]] = []
    for compiled in compile_stereotypes(tuple(patterns)):
        for regex in compiled.regexes:
            found.extend((*m.span(), compiled.source) for m in regex.finditer(folded))
    with_phrases = tuple(p for p in patterns if p.phrases)
    if with_phrases:
        matcher, owners = _phrase_matcher(with_phrases)
        for match in matcher.find(tokenize(text, matcher.full_lemmas), negation=False):
            found.append((match.start, match.end, owners[match.pattern.pillar]))
    return found


@lru_cache(maxsize=32)
def _phrase_matcher(patterns: tuple[StereotypePattern, ...]
                    ) -> tuple[Matcher, dict[str, StereotypePattern]]:
    owners = {str(index): pattern for index, pattern in enumerate(patterns)}
    compiled = [p for index, pattern in enumerate(patterns) for phrase in pattern.phrases
                for p in compile_phrase(str(index), phrase, 1.0)]
    return Matcher(compiled), owners


def tried(patterns: Sequence[StereotypePattern]) -> list[str]:
    """Every pattern and phrase, as an author wrote it (for 'test' on a missed flag)."""
    return [*(f"'{p}'" for s in patterns for p in s.phrases),
            *(f"/{p}/" for s in patterns for p in s.patterns),
            *(f"'{w}'" for s in patterns for w in s.labels)]


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(taken, (start, end))
    return any(a < end and start < b for a, b in taken[max(0, index - 1):index + 1])


def _sentence_around(folded: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a match (at most WINDOW characters each side: bounded work)."""
    floor, ceiling = max(0, start - WINDOW), min(len(folded), end + WINDOW)
    left = max(max(folded.rfind(c, floor, start) for c in ".!?\n"), floor - 1)
    right_candidates = [i for i in (folded.find(c, end, ceiling) for c in ".!?\n") if i >= 0]
    return left + 1, min(right_candidates) if right_candidates else ceiling


def _excused(folded: str, start: int, end: int) -> bool:
    left, right = _sentence_around(folded, start, end)
    sentence = folded[left:right]
    if META.search(sentence):
        return True
    if NEGATED.search(folded[left:start]):
        return True
    before = folded[left:start]
    return sum(before.count(q) for q in QUOTES if q != "'") % 2 == 1 \
        or _in_single_quotes(before) or _not_claimed(folded, start, left, right)


CLAUSE_START = re.compile(r"[,;:()]")
_CRITICISM = tuple(" ".join(p) for p in nl.CRITICISM)
_CRITICISM_FILLER = re.compile(r"\b(" + "|".join(sorted(nl.CRITICISM_FILLERS)) + r") ")


def _not_claimed(folded: str, start: int, left: int, right: int) -> bool:
    """Judged as the generalisation rules judge a clause (thirteenth round): a question ('is
    dat door hun cultuur?'), an indirect question in the match's clause ('we vragen of dat door
    haar geloof komt'), a report before it ('iedereen denkt ...', 'de collega zei ...') or a
    next sentence that criticises it ('Dat is een vooroordeel.') claims nothing."""
    if folded[right:right + 1] == "?":
        return True
    words = _WORDS.findall(folded[left:start])
    if any(word in nl.REPORTING and not own_saying(words, index)
           for index, word in enumerate(words)):
        return True
    clause = CLAUSE_START.split(folded[left:start])[-1]
    if not nl.QUESTION_BEFORE.isdisjoint(_WORDS.findall(clause)):
        return True
    nxt = _CRITICISM_FILLER.sub("", " ".join(_WORDS.findall(folded[right + 1:right + 120])))
    return nxt.startswith(_CRITICISM)


def _in_single_quotes(before: str) -> bool:
    """An opening ' (after a space or at the start) that is not closed yet."""
    opened = False
    for index, char in enumerate(before):
        if char in "'‘’":
            prev = before[index - 1] if index else " "
            if not opened and (prev.isspace() or prev in "(:"):
                opened = True
            elif opened:
                opened = False
    return opened
