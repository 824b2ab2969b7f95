"""Results of scoring, as plain immutable data (JSON shapes follow SPEC.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """Words in the reflection that counted for a pillar; offsets index the original text."""

    start: int
    end: int
    text: str
    indicator: str
    weight: float = 1.0
    source: str = "framework"  # "framework", "case" or "model"

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        shown: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text,
                                 "indicator": self.indicator}
        if explain:
            shown["source"] = self.source
        return shown


@dataclass(frozen=True)
class LostIndicator:
    """A case indicator that matched but did not count: an overlapping one counted instead."""

    evidence: Evidence
    winner: Evidence


@dataclass(frozen=True)
class PillarScore:
    pillar: str
    score: int
    weight: float
    evidence: tuple[Evidence, ...] = ()
    lost: tuple[LostIndicator, ...] = ()
    probability: float | None = None  # the model's, when a model scored this pillar
    threshold: float | None = None  # the model's cut-off for "addressed"

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        shown: dict[str, Any] = {"score": self.score,
                                 "evidence": [e.to_json(explain) for e in self.evidence]}
        if explain:
            shown["lost"] = [{"text": lost.evidence.text, "indicator": lost.evidence.indicator,
                              "winner": lost.winner.indicator} for lost in self.lost]
            if self.probability is not None:
                shown["probability"] = round(self.probability, 3)
                shown["threshold"] = self.threshold
        return shown


@dataclass(frozen=True)
class Flag:
    """A generalising or culturalising statement, flagged for discussion (never a penalty)."""

    start: int
    end: int
    text: str
    explanation: str
    question: str = ""
    pattern: str = ""
    kind: str = "stereotype"
    source: str = "framework"  # "framework", "case", "generalisation" (rules) or "model"
    group: str = ""
    claim: str = ""
    probability: float | None = None  # the flag model's, for a flag it raised

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        shown: dict[str, Any] = {"kind": self.kind, "start": self.start, "end": self.end,
                                 "text": self.text, "explanation": self.explanation}
        if explain:
            shown.update(source=self.source, pattern=self.pattern, group=self.group,
                         claim=self.claim)
            if self.probability is not None:
                shown["probability"] = round(self.probability, 3)
        return shown


@dataclass(frozen=True)
class ReflectionScore:
    pillars: dict[str, PillarScore]
    flags: tuple[Flag, ...] = field(default=())

    @property
    def total(self) -> int:
        return sum(p.score for p in self.pillars.values())

    def with_override(self, pillar: str, score: int) -> ReflectionScore:
        """The same result with one pillar's score set by the trainer (evidence kept)."""
        current = self.pillars[pillar]
        pillars = dict(self.pillars)
        pillars[pillar] = PillarScore(pillar, score, current.weight, current.evidence,
                                      current.lost, current.probability, current.threshold)
        return ReflectionScore(pillars, self.flags)

    def to_json(self, explain: bool = False) -> dict[str, Any]:
        """The SPEC shape; ``explain`` adds where each piece came from (opt-in, extra keys)."""
        return {
            "pillars": {pid: p.to_json(explain) for pid, p in self.pillars.items()},
            "flags": [f.to_json(explain) for f in self.flags],
            "total": self.total,
        }
