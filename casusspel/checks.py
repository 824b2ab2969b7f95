"""Semantic checks on loaded content, each with a stable code (listed in docs/validatie.md)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from casusspel.authoring import author_checks
from casusspel.content import Loaded, load_cases, load_framework, load_paths
from casusspel.loader import Document, Loc
from casusspel.model import Case, Choice, Framework
from casusspel.problems import Problem


@dataclass
class Report:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def validate_paths(paths: Sequence[Path], framework_path: Path | None = None) -> Report:
    """Load every file under ``paths`` and collect all problems of all files."""
    loaded, missing = load_paths(paths)
    report = Report(files=len(loaded), problems=list(missing))
    framework = load_framework(framework_path)
    seen_ids: dict[str, Loaded] = {}
    programmes = [item for item in loaded if item.programme is not None]
    for item in loaded:
        report.problems.extend(item.problems)
        if item.case is not None and item.doc is not None:
            report.problems.extend(check_case(item.case, item.doc, framework))
            report.problems.extend(author_checks(item.case, item.doc, framework, item.text))
            first = seen_ids.setdefault(item.case.id, item)
            if first is not item:
                report.problems.append(item.doc.problem(
                    ("id",), "CS040", f"casuscode '{item.case.id}' bestaat al in {first.display}",
                    "geef elke casus een eigen code"))
    if programmes:
        known = sorted({c.id for c in load_cases()} | set(seen_ids))
        for item in programmes:
            report.problems.extend(_check_programme(item, known))
    files: dict[str, int] = {}
    for problem in report.problems:
        files.setdefault(problem.file, len(files))
    report.problems.sort(key=lambda p: (files[p.file], p.line, p.col))  # read top to bottom
    return report


def _check_programme(item: Loaded, known: list[str]) -> list[Problem]:
    """Every case of a programme must exist (built in, or among the files checked)."""
    from casusspel.programme import CasesBlock

    problems: list[Problem] = []
    assert item.programme is not None and item.doc is not None
    for b_index, block in enumerate(item.programme.blocks):
        if not isinstance(block, CasesBlock):
            continue
        for c_index, case_id in enumerate(block.cases):
            if case_id not in known:
                hint = did_you_mean(case_id, known) or (
                    "geef het casusbestand mee aan validate, of kies een ingebouwde casus "
                    "('casusspel list')")
                problems.append(item.doc.problem(("blocks", b_index, "cases", c_index), "CS060",
                                                 f"onbekende casus '{case_id}' in het programma",
                                                 hint))
    return problems


def check_case(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_factor_ids(case, doc, framework)
    problems += _check_pillar_ids(case, doc, framework)
    problems += _check_stages(case, doc)
    problems += _check_feedback(case, doc)
    return problems


def did_you_mean(value: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"bedoel je '{close[0]}'?" if close else ""


def _unknown(doc: Document, loc: Loc, value: str, options: Sequence[str], code: str,
             what: str) -> Problem:
    hint = did_you_mean(value, options) or f"kies uit: {', '.join(options)}"
    return doc.problem(loc, code, f"onbekende {what} '{value}'", hint)


def _check_factor_ids(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    known = framework.factor_ids
    problems: list[Problem] = []
    for group in ("decisive", "relevant", "distractor"):
        for index, factor in enumerate(getattr(case.factors, group)):
            if factor not in known:
                problems.append(_unknown(doc, ("factors", group, index), factor, known,
                                         "CS030", "factor"))
    for p_index, person in enumerate(case.persons):
        for side in ("visible", "invisible"):
            for factor in getattr(person, side):
                if factor not in known:
                    problems.append(_unknown(doc, ("persons", p_index, side, factor), factor,
                                             known, "CS030", "factor"))
    return problems


def _all_choices(case: Case) -> list[tuple[Loc, Choice]]:
    found: list[tuple[Loc, Choice]] = [(("choices", i), c) for i, c in enumerate(case.choices)]
    for s_index, stage in enumerate(case.stages):
        found += [(("stages", s_index, "choices", i), c) for i, c in enumerate(stage.choices)]
    return found


def _check_pillar_ids(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    known = framework.pillar_ids
    problems: list[Problem] = []
    for loc, choice in _all_choices(case):
        for pillar in choice.points:
            if pillar not in known:
                problems.append(_unknown(doc, (*loc, "points", pillar), pillar, known,
                                         "CS031", "pijler"))
    for pillar in case.reflection.indicators:
        if pillar not in known:
            problems.append(_unknown(doc, ("reflection", "indicators", pillar), pillar, known,
                                     "CS031", "pijler"))
    for e_index, example in enumerate(case.examples):
        for pillar in example.expect:
            if pillar not in known:
                problems.append(_unknown(doc, ("examples", e_index, "expect", pillar), pillar,
                                         known, "CS031", "pijler"))
    return problems


def _check_stages(case: Case, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    stage_ids = [s.id for s in case.stages]
    for loc, choice in _all_choices(case):
        if choice.next is not None and choice.next not in stage_ids:
            hint = did_you_mean(choice.next, stage_ids) or (
                f"bestaande vervolgen: {', '.join(stage_ids)}" if stage_ids
                else "voeg onder 'stages:' een vervolg met deze code toe")
            problems.append(doc.problem((*loc, "next"), "CS032",
                                        f"'next: {choice.next}' verwijst naar een vervolg dat "
                                        "niet bestaat", hint))
    reachable = _reachable_stages(case)
    for s_index, stage in enumerate(case.stages):
        if stage.id not in reachable:
            problems.append(doc.problem(("stages", s_index), "CS033",
                                        f"vervolg '{stage.id}' is onbereikbaar: geen keuze "
                                        "verwijst ernaar", f"zet 'next: {stage.id}' bij een keuze",
                                        severity="warning"))
    for i, stage_id in enumerate(stage_ids):
        if stage_id in stage_ids[:i]:
            problems.append(doc.problem(("stages", i, "id"), "CS034",
                                        f"vervolgcode '{stage_id}' staat er twee keer"))
    return problems


def _reachable_stages(case: Case) -> set[str]:
    reachable: set[str] = set()
    todo = [c.next for c in case.choices if c.next]
    while todo:
        stage_id = todo.pop()
        stage = case.stage(stage_id) if stage_id else None
        if stage is None or stage.id in reachable:
            continue
        reachable.add(stage.id)
        todo += [c.next for c in stage.choices if c.next]
    return reachable


def _check_feedback(case: Case, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    for loc, choice in _all_choices(case):
        if not choice.feedback.strip():
            problems.append(doc.problem(loc, "CS035", f"keuze '{choice.id}' heeft geen feedback",
                                        "schrijf bij 'feedback:' wat er goed gaat en wat schuurt",
                                        severity="warning"))
    ids = [c.id for c in case.choices]
    for i, choice_id in enumerate(ids):
        if choice_id in ids[:i]:
            problems.append(doc.problem(("choices", i, "id"), "CS036",
                                        f"keuzecode '{choice_id}' staat er twee keer"))
    return problems
