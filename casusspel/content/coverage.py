"""What a deck teaches: per audience, factor and pillar, as data and as Markdown.

``casusspel list --coverage --format md`` writes this; ``docs/casussen.md`` is that output for the
built-in deck (a test keeps it current).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from casusspel.content.model import AUDIENCES, Case, Framework


@dataclass(frozen=True)
class Coverage:
    cases: tuple[Case, ...]
    framework: Framework

    def mark(self, case: Case, factor_id: str) -> str:
        key = case.factors
        if factor_id in key.decisive:
            return "B"
        if factor_id in key.relevant:
            return "r"
        return "a" if factor_id in key.distractor else "·"

    def decisive_count(self, factor_id: str) -> int:
        return sum(1 for case in self.cases if factor_id in case.factors.decisive)

    def best_points(self, case: Case, pillar_id: str) -> int:
        return max((c.points.get(pillar_id, 0) for c in case.every_choice), default=0)

    def invisible_decisive(self, case: Case) -> list[str]:
        """Decisive factors the room cannot see at first: invisible in the catalogue, or placed
        under a person's invisible factors."""
        catalogue = {f.id: f.visibility for f in self.framework.factors}
        hidden = {f for person in case.persons for f in person.invisible}
        return [f for f in case.factors.decisive
                if catalogue.get(f) == "invisible" or f in hidden]

    @property
    def audiences(self) -> Counter[str]:
        return Counter(case.audience for case in self.cases)

    @property
    def with_stage(self) -> int:
        return sum(1 for case in self.cases if case.stages)

    @property
    def intersections(self) -> int:
        return sum(1 for case in self.cases if len(case.factors.decisive) >= 2)

    @property
    def with_invisible(self) -> int:
        return sum(1 for case in self.cases if self.invisible_decisive(case))


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def coverage_markdown(cases: Sequence[Case], framework: Framework) -> str:
    data = Coverage(tuple(cases), framework)
    count = len(cases)
    out = ["# De casussen: wat de set leert",
           "",
           "<!-- Gemaakt met: casusspel list --coverage --format md > docs/casussen.md -->",
           "",
           f"{count} casussen. Per doelgroep: "
           + ", ".join(f"{a} {data.audiences[a]}" for a in AUDIENCES if data.audiences[a])
           + f". Met een vervolg: {data.with_stage}. Met een bepalende factor die de zaal niet "
           f"meteen ziet: {data.with_invisible}. Met twee of meer bepalende factoren tegelijk: "
           f"{data.intersections}.",
           "",
           "## Casussen",
           "",
           _row(["#", "casus (code)", "titel", "doelgroep", "min", "bepalend", "vervolg"]),
           _row(["---"] * 7)]
    for number, case in enumerate(cases, 1):
        hidden = set(data.invisible_decisive(case))
        decisive = ", ".join(f"{f}*" if f in hidden else f for f in case.factors.decisive)
        out.append(_row([number, f"`{case.id}`", case.title, case.audience, case.minutes,
                         decisive, "ja" if case.stages else ""]))
    out += ["", "\\* de zaal ziet deze factor niet meteen (onzichtbaar).", "",
            "## Factoren per casus", "",
            "B = bepalend, r = relevant, a = afleider; laatste kolom: in hoeveel casussen "
            "bepalend.", "",
            _row(["factor", *range(1, count + 1), "B"]), _row(["---"] * (count + 2))]
    for factor in framework.factors:
        out.append(_row([factor.id, *(data.mark(case, factor.id) for case in cases),
                         data.decisive_count(factor.id)]))
    out += ["", "## Pijlers per casus", "",
            "Hoogste punten die een keuze voor de pijler geeft (0 = alleen via de reflectie).", "",
            _row(["pijler", *range(1, count + 1)]), _row(["---"] * (count + 1))]
    for pillar in framework.pillars:
        out.append(_row([pillar.label, *(data.best_points(case, pillar.id) for case in cases)]))
    out += ["", "## Personen", "",
            "Wie er in de casussen voorkomt (voor de balans in leeftijd, gender en achtergrond).",
            "", _row(["#", "persoon", "omschrijving"]), _row(["---"] * 3)]
    for number, case in enumerate(cases, 1):
        for person in case.persons:
            out.append(_row([number, person.name, " ".join(person.description.split())]))
    return "\n".join(out) + "\n"
