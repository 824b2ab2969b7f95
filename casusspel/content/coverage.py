"""What a deck teaches: per audience, factor and pillar, as data and as Markdown.

``casusspel list --coverage --format md`` writes this; ``docs/casussen.md`` is that output for the
built-in deck (a test keeps it current).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from casusspel.content.model import AUDIENCES, Case, Framework
from casusspel.messages import Messages


@dataclass(frozen=True)
class Coverage:
    cases: tuple[Case, ...]
    framework: Framework

    def mark(self, case: Case, factor_id: str, msg: Messages | None = None) -> str:
        key = case.factors
        group = next((g for g in ("decisive", "relevant", "distractor")
                      if factor_id in getattr(key, g)), None)
        return (msg or Messages())(f"coverage.mark.{group}") if group else "·"

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
    """The set as Markdown, in the run's language (``docs/casussen.md`` is the Dutch)."""
    msg = Messages()
    data = Coverage(tuple(cases), framework)
    count = len(cases)
    audiences = ", ".join(f"{a} {data.audiences[a]}" for a in AUDIENCES if data.audiences[a])
    out = [msg("coverage.md.title"), "", msg("coverage.md.made_with"), "",
           msg("coverage.md.summary", cases=msg.plural("list.cases", count),
               audiences=audiences, stages=data.with_stage, invisible=data.with_invisible,
               intersections=data.intersections),
           "", msg("coverage.md.cases"), "",
           _row(["#", *(msg(f"coverage.md.col.{c}") for c in (
               "case", "title", "audience", "minutes", "decisive", "stage"))]),
           _row(["---"] * 7)]
    yes = msg("coverage.md.yes")
    for number, case in enumerate(cases, 1):
        hidden = set(data.invisible_decisive(case))
        decisive = ", ".join(f"{f}*" if f in hidden else f for f in case.factors.decisive)
        out.append(_row([number, f"`{case.id}`", case.title, case.audience, case.minutes,
                         decisive, yes if case.stages else ""]))
    out += ["", msg("coverage.md.hidden"), "", msg("coverage.md.factors"), "",
            msg("coverage.md.factors.legend"), "",
            _row([msg("coverage.factor"), *range(1, count + 1), msg("coverage.mark.decisive")]),
            _row(["---"] * (count + 2))]
    for factor in framework.factors:
        out.append(_row([factor.id, *(data.mark(case, factor.id, msg) for case in cases),
                         data.decisive_count(factor.id)]))
    out += ["", msg("coverage.md.pillars"), "", msg("coverage.md.pillars.legend"), "",
            _row([msg("coverage.pillar"), *range(1, count + 1)]), _row(["---"] * (count + 1))]
    for pillar in framework.pillars:
        out.append(_row([pillar.label, *(data.best_points(case, pillar.id) for case in cases)]))
    out += ["", msg("coverage.md.persons"), "", msg("coverage.md.persons.legend"),
            "", _row(["#", msg("coverage.md.col.person"), msg("coverage.md.col.description")]),
            _row(["---"] * 3)]
    for number, case in enumerate(cases, 1):
        for person in case.persons:
            out.append(_row([number, person.name, " ".join(person.description.split())]))
    return "\n".join(out) + "\n"
