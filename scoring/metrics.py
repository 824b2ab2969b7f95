"""Agreement between scores and labels: precision, recall, F1 and Cohen's kappa."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kappa(self) -> float:
        n = self.n
        if n == 0:
            return 0.0
        observed = (self.tp + self.tn) / n
        yes = ((self.tp + self.fp) / n) * ((self.tp + self.fn) / n)
        no = ((self.fn + self.tn) / n) * ((self.fp + self.tn) / n)
        expected = yes + no
        return 1.0 if expected == 1 else (observed - expected) / (1 - expected)

    def to_json(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "kappa": round(self.kappa, 3), "n": self.n,
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


def agreement(predicted: Sequence[bool], actual: Sequence[bool]) -> Agreement:
    if len(predicted) != len(actual):
        raise ValueError("predicted and actual differ in length")
    pairs = list(zip(predicted, actual, strict=True))
    return Agreement(
        tp=sum(p and a for p, a in pairs),
        fp=sum(p and not a for p, a in pairs),
        fn=sum(a and not p for p, a in pairs),
        tn=sum(not p and not a for p, a in pairs),
    )


def macro_f1(results: Sequence[Agreement]) -> float:
    return sum(r.f1 for r in results) / len(results) if results else 0.0
