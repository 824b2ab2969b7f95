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


@dataclass(frozen=True)
class FactorScore:
    points: int
    max_points: int
    hits: tuple[str, ...]
    relevant: tuple[str, ...]
    missed: tuple[str, ...]
    distractors_picked: tuple[str, ...]
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"points": self.points, "max_points": self.max_points, "hits": list(self.hits),
                "relevant": list(self.relevant), "missed": list(self.missed),
                "distractors_picked": list(self.distractors_picked),
                "reasons": list(self.reasons)}


def _decisive_points(factor: str, visibility: Mapping[str, str]) -> int:
    return DECISIVE_INVISIBLE if visibility.get(factor) == "invisible" else DECISIVE


def score_factors(
    picked: Sequence[str],
    decisive: Sequence[str],
    relevant: Sequence[str],
    distractor: Sequence[str],
    visibility: Mapping[str, str],
    names: Mapping[str, str] | None = None,
) -> FactorScore:
    """Points for the factors a team picked, with Dutch reasons to show to the room."""
    label = (lambda f: names.get(f, f)) if names else (lambda f: f)
    chosen = list(dict.fromkeys(picked))
    reasons: list[str] = []
    points = 0
    for factor in chosen:
        if factor in decisive:
            gained = _decisive_points(factor, visibility)
            hidden = " en onzichtbaar" if gained == DECISIVE_INVISIBLE else ""
            reasons.append(f"{label(factor)}: bepalend{hidden} (+{gained})")
            points += gained
        elif factor in relevant:
            reasons.append(f"{label(factor)}: speelt mee (+{RELEVANT})")
            points += RELEVANT
        elif factor in distractor:
            reasons.append(f"{label(factor)}: lijkt belangrijk, maar is het hier niet "
                           f"({DISTRACTOR})")
            points += DISTRACTOR
    missed = tuple(f for f in decisive if f not in chosen)
    for factor in missed:
        hidden = ", onzichtbaar" if visibility.get(factor) == "invisible" else ""
        reasons.append(f"Gemist: {label(factor)} (bepalend{hidden})")
    max_points = sum(_decisive_points(f, visibility) for f in decisive) + len(relevant) * RELEVANT
    return FactorScore(
        points=max(0, points),
        max_points=max_points,
        hits=tuple(f for f in chosen if f in decisive),
        relevant=tuple(f for f in chosen if f in relevant),
        missed=missed,
        distractors_picked=tuple(f for f in chosen if f in distractor),
        reasons=tuple(reasons),
    )


def choice_points(points: Mapping[str, int], pillar_ids: Sequence[str]) -> dict[str, int]:
    """The chosen action's points per pillar, 0 for pillars the author left out."""
    return {pillar: int(points.get(pillar, 0)) for pillar in pillar_ids}

