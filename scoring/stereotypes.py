"""Flags for generalising or culturalising statements, with precision first.

A false accusation in front of a class is worse than a miss, so a pattern match is NOT flagged when
the sentence quotes or discusses the statement (quotation marks, words like 'culturaliseren',
'stereotype', 'vooroordeel', 'label') or negates it ('niet alle ...', 'je kunt niet zeggen dat').
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from casusspel.scoring.framework import StereotypePattern
from casusspel.scoring.text import fold
from casusspel.scoring.types import Flag

SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
META = re.compile(r"\b(culturalis\w*|stereotyp\w*|vooroordee\w*|generalis\w*|label\w*|woord|term|"
                  r"doelgroepdenk\w*|zei|zegt|zeggen|noemde|opmerking|citaat|alsof)\b")
NEGATED = re.compile(r"\b(niet|geen|nooit|kun je niet|moet je niet)\b")
QUOTES = "\"“”‘’'«»"


WINDOW = 400  # characters around a match that count as its sentence


@dataclass(frozen=True)
class CompiledStereotype:
    source: StereotypePattern
    regexes: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=16)
def compile_stereotypes(patterns: tuple[StereotypePattern, ...]) -> tuple[CompiledStereotype, ...]:
    return tuple(CompiledStereotype(p, tuple(re.compile(r) for r in p.patterns))
                 for p in patterns)


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


@lru_cache(maxsize=16)
def _prefilters(patterns: tuple[StereotypePattern, ...]) -> tuple[frozenset[str] | None, ...]:
    return tuple(required_words(r) for p in patterns for r in p.patterns)


def might_flag(text: str, patterns: Sequence[StereotypePattern]) -> bool:
    """A quick test: could ``find_flags`` find anything in ``text``?"""
    folded = fold(text)
    present = set(_WORDS.findall(folded))
    for words, source in zip(_prefilters(tuple(patterns)),
                             (r for p in patterns for r in p.patterns), strict=True):
        if words is not None and present.isdisjoint(words):
            continue
        if _compiled(source).search(folded):
            return True
    return False


@lru_cache(maxsize=512)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def find_flags(text: str, patterns: Sequence[StereotypePattern]) -> tuple[Flag, ...]:
    if not might_flag(text, patterns):
        return ()
    folded = fold(text)
    flags: list[Flag] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    for compiled in compile_stereotypes(tuple(patterns)):
        for regex in compiled.regexes:
            for match in regex.finditer(folded):
                start, end = match.span()
                if _overlaps(taken, start, end) or _excused(folded, start, end):
                    continue
                bisect.insort(taken, (start, end))
                flags.append(Flag(start, end, text[start:end], compiled.source.explanation,
                                  compiled.source.question, compiled.source.id))
    return tuple(sorted(flags, key=lambda f: f.start))


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
    return sum(before.count(q) for q in QUOTES if q != "'") % 2 == 1 or _in_single_quotes(before)


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
