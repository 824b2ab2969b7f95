"""Load a labelled set of reflections and measure the scorer's agreement with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casusspel.content.loader import LoadFailed, parse, read_text
from casusspel.content.model import Framework
from casusspel.errors import ContentError, UsageError
from casusspel.scoring.metrics import Agreement, agreement, macro_f1
from casusspel.scoring.reflection import score_reflection
from casusspel.scoring.types import ReflectionScore


@dataclass(frozen=True)
class LabelledReflection:
    id: str
    text: str
    pillars: dict[str, int]
    stereotype: bool


@dataclass(frozen=True)
class Calibration:
    pillars: dict[str, Agreement]
    stereotype: Agreement
    items: list[tuple[LabelledReflection, ReflectionScore]]

    @property
    def macro_f1(self) -> float:
        return macro_f1(list(self.pillars.values()))

    def to_json(self, *, with_items: bool) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "pillars": {p: a.to_json() for p, a in self.pillars.items()},
            "macro_f1": round(self.macro_f1, 3),
            "stereotype": self.stereotype.to_json(),
        }
        if with_items:
            payload["items"] = [
                {"id": item.id,
                 "pillars": {p: {"score": s.score} for p, s in result.pillars.items()},
                 "flags": [f.to_json() for f in result.flags]}
                for item, result in self.items
            ]
        return payload


def load_labelled(path: Path) -> list[LabelledReflection]:
    """Read ``reflections: [{id, text, pillars, stereotype}]``; other keys are ignored."""
    if not path.is_file():
        raise UsageError(f"Bestand niet gevonden: {path}")
    try:
        doc = parse(read_text(path, str(path)), str(path))
    except LoadFailed as failed:
        raise ContentError(failed.problem.format(), [failed.problem]) from None
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("reflections"), list):
        raise ContentError(f"{path}:1:1: verwacht 'reflections:' met een lijst van reflecties")
    items: list[LabelledReflection] = []
    for index, raw in enumerate(data["reflections"]):
        line, _ = doc.position(("reflections", index))
        where = f"{path}:{line}"
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise ContentError(f"{where}: elke reflectie heeft 'text:' nodig")
        pillars = raw.get("pillars") or {}
        if not isinstance(pillars, dict) or not all(
                isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3
                for v in pillars.values()):
            raise ContentError(f"{where}: 'pillars:' moet per pijler 0-3 geven")
        items.append(LabelledReflection(str(raw.get("id", index + 1)), raw["text"],
                                        {str(k): v for k, v in pillars.items()},
                                        bool(raw.get("stereotype", False))))
    return items


def calibrate(items: list[LabelledReflection], framework: Framework) -> Calibration:
    results = [(item, score_reflection(item.text, framework)) for item in items]
    pillars = {}
    for pillar in framework.pillar_ids:
        labelled = [(item, result) for item, result in results if pillar in item.pillars]
        pillars[pillar] = agreement([r.pillars[pillar].score >= 1 for _, r in labelled],
                                    [i.pillars[pillar] >= 1 for i, _ in labelled])
    stereotype = agreement([bool(r.flags) for _, r in results], [i.stereotype for i, _ in results])
    return Calibration(pillars, stereotype, results)
