"""Score one reflection against the pillars of a framework, with evidence and flags.

How the parts combine (see docs/scoring.md):
1. Stereotype flags first: the framework's and the case's patterns and, when the framework asks
   for it, generalisation detection. A sentence that stereotypes gives no points.
2. Indicators (framework and case) match per clause; a match in a negated clause, across a
   sentence boundary, in a stereotyping sentence or (framework indicators) in a clause that says
   what the other person must do ('hij moet leren samenwerken') or in a sentence that refuses
   ('apart spreken vinden wij niet nodig') does not count.
3. For a pillar the framework's model knows (the default framework's four), the model decides
   whether the pillar is addressed, from the words of the reflection and the indicator weights;
   a case indicator that matched always counts as addressed (the author asked for it), and so
   does a strong framework indicator (weight 2 or more, the model file's ``indicator_override``)
   in a sentence where the writer proposes or acts ('we regelen een tolk'), not in a mere
   description of the problem; as a single word only in a short text, in a longer one only as
   a phrase ('signaleren we bij de gemeente'). The depth
   (1-3) comes from the indicator weights and the model's certainty. Other pillars (a trainer's
   own framework) are scored by their indicators alone, as before.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from casusspel.scoring.framework import Framework, StereotypePattern
from casusspel.scoring.indicators import Match, Matcher, Pattern, compile_phrase
from casusspel.scoring.model import (
    PillarModel,
    Prediction,
    features,
    load_model,
    predict,
    proposing,
    quiet,
    readable,
)
from casusspel.scoring.stereotypes import find_flags
from casusspel.scoring.text import Token, others_duty, refusals, tokenize
from casusspel.scoring.types import Evidence, Flag, LostIndicator, PillarScore, ReflectionScore

CASE_INDICATOR_WEIGHT = 1.5
MAX_CHARS = 200_000
MODEL_EVIDENCE = 3  # words shown per pillar from the model
UNSURE = 0.5  # below this the model alone, with no evidence to show, gives no point
# Model certainty that counts like indicator weight towards depth: at most a 2 (a 3 needs
# several pieces of evidence; on the decks' example expectations certainty alone overshot).
DEPTH_FROM_PROBABILITY = ((0.9, 2.5),)

Extra = Mapping[str, Sequence[str]]
FrozenExtra = tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=8)
def _framework_patterns(framework: Framework) -> tuple[Pattern, ...]:
    patterns: list[Pattern] = []
    for pillar in framework.pillars:
        for indicator in pillar.indicators:
            patterns.extend(compile_phrase(pillar.id, indicator.phrase, indicator.weight))
    return tuple(patterns)


# Hashing a frozen pydantic framework walks the whole model; the matcher is looked up for every
# reflection, so it is cached by the framework object's identity (the object is kept alive with
# its matcher, so the identity stays valid).
_MATCHERS: dict[tuple[int, FrozenExtra], tuple[Framework, Matcher]] = {}
MAX_MATCHERS = 64


def _matcher(framework: Framework, extra: FrozenExtra) -> Matcher:
    key = (id(framework), extra)
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is framework:
        return cached[1]
    patterns = list(_framework_patterns(framework))
    for pillar, phrases in extra:
        for phrase in phrases:
            patterns.extend(compile_phrase(pillar, phrase, CASE_INDICATOR_WEIGHT, "case"))
    if len(_MATCHERS) >= MAX_MATCHERS:
        _MATCHERS.clear()
    matcher = Matcher(patterns)
    _MATCHERS[key] = (framework, matcher)
    return matcher


def _freeze(extra: Extra | None, pillar_ids: Sequence[str]) -> FrozenExtra:
    if not extra:
        return ()
    return tuple(sorted((p, tuple(v)) for p, v in extra.items() if p in pillar_ids))


@dataclass(frozen=True)
class Analysis:
    """What the scorer found in a text before it decides on scores."""

    tokens: list[Token]
    matches: list[Match]
    flags: tuple[Flag, ...]
    stereotyped: frozenset[int]  # sentence numbers that stereotype
    refused: frozenset[int] = frozenset()  # sentences that refuse what they mention
    duty: frozenset[int] = frozenset()  # clauses that say what the other must do


def analyse(text: str, framework: Framework, extra: Extra | None = None,
            stereotypes: Sequence[StereotypePattern] = ()) -> Analysis:
    text = text[:MAX_CHARS]
    matcher = _matcher(framework, _freeze(extra, framework.pillar_ids))
    tokens = tokenize(text, matcher.full_lemmas) if text.strip() else []
    flags = find_flags(text, framework.stereotypes, framework.generalisation)
    if stereotypes:
        own = find_flags(text, stereotypes, source="case")
        flags = tuple(sorted((*flags, *(f for f in own if not any(
            g.start < f.end and f.start < g.end for g in flags))), key=lambda f: f.start))
    stereotyped = _sentences_of(tokens, flags)
    duty = frozenset(others_duty(tokens))
    refused = frozenset(refusals(tokens))
    matches = [m for m in matcher.find(tokens)
               if tokens[m.first].sentence == tokens[m.last].sentence
               and tokens[m.first].sentence not in stereotyped
               and (m.pattern.source == "case" or (tokens[m.first].clause not in duty
                                                   and tokens[m.first].sentence not in refused))]
    return Analysis(tokens, matches, flags, stereotyped, refused, duty)


def _sentences_of(tokens: Sequence[Token], flags: Sequence[Flag]) -> frozenset[int]:
    if not flags or not tokens:
        return frozenset()
    starts = [t.start for t in tokens]
    found: set[int] = set()
    for flag in flags:
        first = max(0, bisect.bisect_right(starts, flag.start) - 1)
        last = max(0, bisect.bisect_left(starts, flag.end) - 1)
        found.update(t.sentence for t in tokens[first:last + 1])
    return frozenset(found)


def score_reflection(
    text: str, framework: Framework, extra: Extra | None = None,
    stereotypes: Sequence[StereotypePattern] = (),
) -> ReflectionScore:
    """Per-pillar score 0-3 with the evidence that counted, and stereotype flags.

    ``extra`` holds case-specific indicators per pillar; they add to the framework's.
    ``stereotypes`` holds the case's own stereotype patterns; they add to the framework's.
    """
    text = text[:MAX_CHARS]
    found = analyse(text, framework, extra, stereotypes)
    indicator = {pillar.id: _indicators(pillar.id, found.matches, text)
                 for pillar in framework.pillars}
    weights = {pid: sum(e.weight for e in result[0] if e.source == "framework")
               for pid, result in indicator.items()}
    model = load_model(framework.model) if framework.model else None
    feats = None
    proposed: dict[bool, dict[str, float]] = {}  # by phrases_only, worked out when needed
    pillars: dict[str, PillarScore] = {}
    for pillar in framework.pillars:
        accepted, lost, total = indicator[pillar.id]
        pillar_model = model.pillars.get(pillar.id) if model else None
        if pillar_model is None:
            pillars[pillar.id] = _by_indicators(pillar.id, accepted, lost, total, framework)
            continue
        if feats is None:
            feats = features(found.tokens, found.stereotyped, weights, found.refused,
                             found.duty)
        prediction = predict(pillar_model, feats, weights, pillar.id)
        override = pillar_model.indicator_override
        strong = 0.0
        if not prediction.addressed and override is not None and total >= override:
            # only then does it matter where the words stand, and which words they are
            phrases = not _short(pillar_model, len(found.tokens))
            if phrases not in proposed:
                proposed[phrases] = indicator_weights(found, text, framework, True, phrases)
            strong = proposed[phrases].get(pillar.id, 0.0)
        pillars[pillar.id] = _by_model(pillar.id, accepted, lost, total, prediction,
                                       pillar_model, text, framework, strong)
    return ReflectionScore(pillars, found.flags)


def _short(model: PillarModel, words: int) -> bool:
    """Whether a text of ``words`` words is short enough for one strong word to overrule the
    model ('Wij regelen een tolk.'); in a longer text only a phrase does ('signaleren we bij de
    gemeente'): there the model has words enough, and a single 'tolk' or 'overleg' was mostly a
    problem named or a meeting reported (cross-validation over scenarios)."""
    return model.override_words is None or words < model.override_words


def indicator_weights(found: Analysis, text: str, framework: Framework,
                      proposed_only: bool = False, phrases_only: bool = False
                      ) -> dict[str, float]:
    """Summed weight of the framework's indicators per pillar (what the model sees); with
    ``proposed_only`` only those in sentences where the writer proposes or acts (what may
    overrule the model), with ``phrases_only`` only those of two or more words."""
    matches = found.matches
    if proposed_only:
        speaking = proposing(found.tokens)
        matches = [m for m in matches if found.tokens[m.first].sentence in speaking]
    if phrases_only:
        matches = [m for m in matches if m.last > m.first]
    return {pillar.id: sum(e.weight for e in _indicators(pillar.id, matches, text)[0]
                           if e.source == "framework") for pillar in framework.pillars}


def _level(total: float, framework: Framework) -> int:
    return sum(1 for threshold in framework.scale.thresholds if total >= threshold)


def _by_indicators(pillar: str, accepted: list[Evidence], lost: list[LostIndicator],
                   total: float, framework: Framework) -> PillarScore:
    return PillarScore(pillar, _level(total, framework), total, tuple(accepted), tuple(lost))


def _by_model(pillar: str, accepted: list[Evidence], lost: list[LostIndicator], total: float,
              prediction: Prediction, model: PillarModel, text: str,
              framework: Framework, proposed: float) -> PillarScore:
    # a case indicator that lost an overlap to a longer framework one still matched: the author
    # asked for that move, so the pillar counts as addressed
    case_weight = sum(e.weight for e in accepted if e.source == "case") + sum(
        item.evidence.weight for item in lost)
    override = model.indicator_override
    addressed = (prediction.addressed or case_weight >= framework.scale.thresholds[0]
                 or (override is not None and proposed >= override))
    if not addressed:
        return PillarScore(pillar, 0, total, tuple(accepted), tuple(lost),
                           prediction.probability, model.threshold)
    taken = [(e.start, e.end) for e in accepted]
    shown = list(accepted)
    for feature, weight, (start, end) in prediction.reasons:
        if len(shown) - len(accepted) >= MODEL_EVIDENCE:
            break
        name = readable(feature, weight, pillar)
        if name is None or any(a < end and start < b for a, b in taken) \
                or quiet(text[start:end]):
            continue
        taken.append((start, end))
        shown.append(Evidence(start, end, text[start:end], name, round(weight, 2), "model"))
    shown.sort(key=lambda e: e.start)
    if not shown and not lost and case_weight == 0 and prediction.probability < UNSURE:
        # the model alone, unsure and with nothing a trainer can point at ('Luisteren naar
        # Jesse' as netwerk on small words and text length): not addressed
        return PillarScore(pillar, 0, total, (), (), prediction.probability, model.threshold)
    # The model's certainty deepens the score only when it can show words a trainer can point
    # at: a 2 that rests on 'haar', 'ze' and 'wat' alone is no 2 ('in haar tempo ... als ze me
    # wat meer vertrouwt' is about the contact, not curiosity about her world).
    certainty = max((w for p, w in DEPTH_FROM_PROBABILITY if prediction.probability >= p),
                    default=0.0) if shown else 0.0
    score = max(1, _level(max(total, certainty), framework))
    return PillarScore(pillar, score, total, tuple(shown), tuple(lost), prediction.probability,
                       model.threshold)


def _indicators(pillar: str, matches: Sequence[Match], text: str
                ) -> tuple[list[Evidence], list[LostIndicator], float]:
    """The matches that count for ``pillar`` (overlaps: the longest wins), the case indicators
    that lost to an overlapping one, and the summed weight (each phrase once)."""
    own = sorted((m for m in matches if m.pattern.pillar == pillar),
                 key=lambda m: (-(m.end - m.start), m.pattern.source != "case", m.start,
                                -m.pattern.weight, m.pattern.phrase))
    accepted: list[Match] = []
    lost: list[LostIndicator] = []
    spans: list[tuple[int, int]] = []  # sorted and non-overlapping: bisect keeps this linear-ish
    owners: dict[tuple[int, int], Match] = {}
    for match in own:
        index = bisect.bisect_left(spans, (match.start, match.end))
        clash = next(((a, b) for a, b in spans[max(0, index - 1):index + 1]
                      if a < match.end and match.start < b), None)
        if clash is not None:
            if match.pattern.source == "case" and owners[clash].pattern.source != "case":
                lost.append(LostIndicator(_evidence(match, text),
                                          _evidence(owners[clash], text)))
            continue
        spans.insert(index, (match.start, match.end))
        owners[(match.start, match.end)] = match
        accepted.append(match)
    weights: dict[str, float] = {}
    for match in accepted:
        weights[match.pattern.phrase] = max(weights.get(match.pattern.phrase, 0.0),
                                            match.pattern.weight)
    evidence = [_evidence(m, text) for m in sorted(accepted, key=lambda m: m.start)]
    return evidence, lost, sum(weights.values())


def _evidence(match: Match, text: str) -> Evidence:
    return Evidence(match.start, match.end, text[match.start:match.end], match.pattern.phrase,
                    match.pattern.weight, match.pattern.source)
