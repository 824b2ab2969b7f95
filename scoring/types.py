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

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "indicator": self.indicator}


@dataclass(frozen=True)
class PillarScore:
    pillar: str
    score: int
    weight: float
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "evidence": [e.to_json() for e in self.evidence]}


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

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text,
                "explanation": self.explanation}


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
        pillars[pillar] = PillarScore(pillar, score, current.weight, current.evidence)
        return ReflectionScore(pillars, self.flags)

    def to_json(self) -> dict[str, Any]:
        return {
            "pillars": {pid: p.to_json() for pid, p in self.pillars.items()},
            "flags": [f.to_json() for f in self.flags],
            "total": self.total,
        }
