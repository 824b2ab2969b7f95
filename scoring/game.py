"""Scoring the two other parts of a round: the factors a team picked and the action it chose.

The formula (documented for trainers in docs/scoring.md):
- a decisive factor picked: +2, or +3 when it is invisible (the hardest to see);
- a relevant factor picked: +1;
- a distractor picked: -1 (it looked important but is not, here);
- other factors: 0. The factor score never goes below 0.
- the action: the points per pillar the case author gave the chosen option (0-3 each).
A team's round total = factor score + action points + reflection score (sum of pillars).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DECISIVE = 2
DECISIVE_INVISIBLE = 3
RELEVANT = 1
DISTRACTOR = -1


#: what a picked or missed factor did, in ``FactorScore.marks`` (the words are the caller's: the
#: report and the screens say them in the run's language)
DECISIVE_MARK, HIDDEN_MARK, RELEVANT_MARK = "decisive", "decisive_hidden", "relevant"
DISTRACTOR_MARK, MISSED_MARK, MISSED_HIDDEN_MARK = "distractor", "missed", "missed_hidden"


@dataclass(frozen=True)
class FactorMark:
    kind: str
    factor: str
    points: int


@dataclass(frozen=True)
class FactorScore:
    points: int
    max_points: int
    hits: tuple[str, ...]
    relevant: tuple[str, ...]
    missed: tuple[str, ...]
    distractors_picked: tuple[str, ...]
    marks: tuple[FactorMark, ...]

    def to_json(self, reasons: Sequence[str]) -> dict[str, object]:
        """The report's shape; ``reasons`` are the marks in words (see ``FactorMark``)."""
        return {"points": self.points, "max_points": self.max_points, "hits": list(self.hits),
                "relevant": list(self.relevant), "missed": list(self.missed),
                "distractors_picked": list(self.distractors_picked),
                "reasons": list(reasons)}


def _decisive_points(factor: str, visibility: Mapping[str, str]) -> int:
    return DECISIVE_INVISIBLE if visibility.get(factor) == "invisible" else DECISIVE


def score_factors(
    picked: Sequence[str],
    decisive: Sequence[str],
    relevant: Sequence[str],
    distractor: Sequence[str],
    visibility: Mapping[str, str],
) -> FactorScore:
    """Points for the factors a team picked, with a mark per picked or missed factor."""
    chosen = list(dict.fromkeys(picked))
    marks: list[FactorMark] = []
    points = 0
    for factor in chosen:
        if factor in decisive:
            gained = _decisive_points(factor, visibility)
            kind = HIDDEN_MARK if gained == DECISIVE_INVISIBLE else DECISIVE_MARK
            marks.append(FactorMark(kind, factor, gained))
            points += gained
        elif factor in relevant:
            marks.append(FactorMark(RELEVANT_MARK, factor, RELEVANT))
            points += RELEVANT
        elif factor in distractor:
            marks.append(FactorMark(DISTRACTOR_MARK, factor, DISTRACTOR))
            points += DISTRACTOR
    missed = tuple(f for f in decisive if f not in chosen)
    for factor in missed:
        hidden = visibility.get(factor) == "invisible"
        marks.append(FactorMark(MISSED_HIDDEN_MARK if hidden else MISSED_MARK, factor, 0))
    max_points = sum(_decisive_points(f, visibility) for f in decisive) + len(relevant) * RELEVANT
    return FactorScore(
        points=max(0, points),
        max_points=max_points,
        hits=tuple(f for f in chosen if f in decisive),
        relevant=tuple(f for f in chosen if f in relevant),
        missed=missed,
        distractors_picked=tuple(f for f in chosen if f in distractor),
        marks=tuple(marks),
    )


def choice_points(points: Mapping[str, int], pillar_ids: Sequence[str]) -> dict[str, int]:
    """The chosen action's points per pillar, 0 for pillars the author left out."""
    return {pillar: int(points.get(pillar, 0)) for pillar in pillar_ids}

