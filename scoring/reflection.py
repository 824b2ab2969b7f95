"""Score one reflection against the pillars of a framework, with evidence and flags."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from functools import lru_cache

from casusspel.scoring.framework import Framework
from casusspel.scoring.indicators import Match, Matcher, Pattern, compile_phrase
from casusspel.scoring.stereotypes import find_flags
from casusspel.scoring.text import tokenize
from casusspel.scoring.types import Evidence, PillarScore, ReflectionScore

CASE_INDICATOR_WEIGHT = 1.5
MAX_CHARS = 200_000

Extra = Mapping[str, Sequence[str]]
FrozenExtra = tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=8)
def _framework_patterns(framework: Framework) -> tuple[Pattern, ...]:
    patterns: list[Pattern] = []
    for pillar in framework.pillars:
        for indicator in pillar.indicators:
            patterns.extend(compile_phrase(pillar.id, indicator.phrase, indicator.weight))
    return tuple(patterns)


@lru_cache(maxsize=64)
def _matcher(framework: Framework, extra: FrozenExtra) -> Matcher:
    patterns = list(_framework_patterns(framework))
    for pillar, phrases in extra:
        for phrase in phrases:
            patterns.extend(compile_phrase(pillar, phrase, CASE_INDICATOR_WEIGHT))
    return Matcher(patterns)


def _freeze(extra: Extra | None, pillar_ids: Sequence[str]) -> FrozenExtra:
    if not extra:
        return ()
    return tuple(sorted((p, tuple(v)) for p, v in extra.items() if p in pillar_ids))


def score_reflection(
    text: str, framework: Framework, extra: Extra | None = None
) -> ReflectionScore:
    """Per-pillar score 0-3 with the evidence that counted, and stereotype flags.

    ``extra`` holds case-specific indicators per pillar; they add to the framework's.
    """
    text = text[:MAX_CHARS]
    matcher = _matcher(framework, _freeze(extra, framework.pillar_ids))
    matches = matcher.find(tokenize(text, matcher.full_lemmas)) if text.strip() else []
    pillars = {pillar.id: _pillar_score(pillar.id, matches, text, framework)
               for pillar in framework.pillars}
    return ReflectionScore(pillars, find_flags(text, framework.stereotypes))


def _pillar_score(pillar: str, matches: Sequence[Match], text: str,
                  framework: Framework) -> PillarScore:
    own = sorted((m for m in matches if m.pattern.pillar == pillar),
                 key=lambda m: (-(m.end - m.start), m.start))
    accepted: list[Match] = []
    spans: list[tuple[int, int]] = []  # sorted and non-overlapping: bisect keeps this linear-ish
    for match in own:
        index = bisect.bisect_left(spans, (match.start, match.end))
        if any(a < match.end and match.start < b for a, b in spans[max(0, index - 1):index + 1]):
            continue
        spans.insert(index, (match.start, match.end))
        accepted.append(match)
    weights: dict[str, float] = {}
    for match in accepted:
        weights[match.pattern.phrase] = max(weights.get(match.pattern.phrase, 0.0),
                                            match.pattern.weight)
    total = sum(weights.values())
    score = sum(1 for threshold in framework.scale.thresholds if total >= threshold)
    evidence = tuple(Evidence(m.start, m.end, text[m.start:m.end], m.pattern.phrase,
                              m.pattern.weight)
                     for m in sorted(accepted, key=lambda m: m.start))
    return PillarScore(pillar, score, total, evidence)
