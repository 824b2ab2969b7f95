"""`casusspel test`: play every path through a case and check its example reflections.

Like ChoiceScript's quicktest: every choice and every stage is taken at least once through the
real engine; each path must end. Each example reflection must score as its author expects, per
pillar within the example's tolerance, and raise a stereotype flag exactly when it says so. What
was not covered is reported too. Pure: no terminal, no files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from casusspel.content.model import Case, Choice, Framework
from casusspel.messages import Messages
from casusspel.scoring.reflection import score_reflection
from casusspel.scoring.types import Evidence
from casusspel.session.engine import ACTION, DONE, FACTORS, REFLECTION, STAGE, Engine, SessionState
from casusspel.session.events import (
    ActionChosen,
    Event,
    FactorsAnswered,
    PhaseAdvanced,
    ReflectionWritten,
    SessionStarted,
)
from casusspel.session.options import Mode


def fold(text: str) -> str:
    """A word or phrase as compared with the evidence: case and spacing do not count."""
    return " ".join(text.casefold().split())


MAX_PATH = 50  # a path longer than this goes round in circles
MAX_STEPS = 200  # a game that takes more steps than this does not end


@dataclass(frozen=True)
class ExampleResult:
    index: int
    text: str
    ok: bool
    problems: tuple[str, ...]
    near: tuple[str, ...] = ()  # pillars off by no more than the tolerance: worth a look


@dataclass
class CaseTestResult:
    case: Case
    paths: list[tuple[str, ...]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    examples: list[ExampleResult] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures and all(e.ok for e in self.examples)


def choice_paths(case: Case) -> tuple[list[tuple[str, ...]], list[str]]:
    """Every sequence of choice ids from the first question to an end, and problems found."""
    paths: list[tuple[str, ...]] = []
    problems: list[str] = []
    msg = Messages()

    def walk(choices: tuple[Choice, ...], path: tuple[str, ...], seen: tuple[str, ...]) -> None:
        for choice in choices:
            here = (*path, choice.id)
            if choice.next is None:
                paths.append(here)
                continue
            stage = case.stage(choice.next)
            if stage is None:
                problems.append(msg("casetest.next_missing", path=" → ".join(here),
                                    stage=choice.next))
            elif stage.id in seen or len(here) > MAX_PATH:
                problems.append(msg("casetest.loops", path=" → ".join(here), stage=stage.id))
            else:
                walk(stage.choices, here, (*seen, stage.id))

    walk(case.choices, (), ())
    return paths, problems


def play_path(case: Case, framework: Framework, path: tuple[str, ...]) -> str | None:
    """Play one path through the engine with one team; None when it ends, else why not."""
    engine = Engine({case.id: case}, framework)
    state = engine.start(SessionStarted(session_id="test", created="", version="test",
                                        mode=Mode.GROUP, teams=("test",), case_ids=(case.id,)))
    remaining = list(path)
    msg = Messages()
    for _ in range(MAX_STEPS):
        if state.finished or state.phase == DONE:
            return None if not remaining else msg("casetest.ended_early",
                                                  choices=", ".join(remaining))
        event = next_event(engine, state,
                           lambda _options: remaining.pop(0) if remaining else "")
        refusal = engine.check(state, event)
        if refusal:
            return msg("casetest.refused", phase=state.phase,
                       reason=msg.refusal(refusal.code, refusal.params))
        state = engine.apply(state, event)
    return msg("casetest.endless", steps=MAX_STEPS)


def next_event(engine: Engine, state: SessionState,
               choose: Callable[[tuple[Choice, ...]], str],
               reflection: str = "We vroegen door.") -> Event:
    """A plausible next event for a scripted session: the first waiting team answers (the
    decisive factors, the action ``choose`` picks, ``reflection``), else the phase moves on."""
    pending = engine.pending(state)
    if not pending:
        return PhaseAdvanced(to=engine.next_phase(state))
    team, case = pending[0], engine.case(state)
    if state.phase == FACTORS:
        return FactorsAnswered(team=team, factors=case.factors.decisive)
    if state.phase in (ACTION, STAGE):
        options = engine.stage_choices(state) if state.phase == STAGE else case.choices
        return ActionChosen(team=team, choice_id=choose(options))
    if state.phase == REFLECTION:
        return ReflectionWritten(team=team, text=reflection)
    raise AssertionError(f"no team should be waiting in {state.phase}")


def check_examples(case: Case, framework: Framework) -> list[ExampleResult]:
    results = []
    msg = Messages()
    names = {p.id: p.label for p in framework.pillars}
    for index, example in enumerate(case.examples, 1):
        score = score_reflection(example.text, framework, case.reflection.indicators,
                                 case.reflection.stereotypes)
        problems, near = [], []
        for pillar, expected in example.expect.items():
            if pillar not in score.pillars:
                problems.append(msg("casetest.unknown_pillar", pillar=pillar))
                continue
            got = score.pillars[pillar]
            if 0 < abs(got.score - expected) <= example.tolerance:
                near.append(msg("casetest.near", pillar=names[pillar], expected=expected,
                                got=got.score))
            if abs(got.score - expected) > example.tolerance:
                found = ", ".join(f"'{e.text}' ({e.indicator})" for e in got.evidence) \
                    or msg("casetest.found_nothing")
                problems.append(msg("casetest.off", pillar=names[pillar], expected=expected,
                                    got=got.score, tolerance=example.tolerance, found=found)
                                + ("" if got.score > expected else msg(
                                    "casetest.missing",
                                    hint=_missing_hint(case, framework, pillar, msg,
                                                       got.evidence))))
        if example.stereotype and not score.flags:
            problems.append(msg("casetest.no_flag", tried=_tried_patterns(case, framework, msg)))
        if not example.stereotype and score.flags:
            flag = score.flags[0]
            why = msg("casetest.flag_group", group=flag.group, claim=flag.claim) \
                if flag.group else msg("casetest.flag_pattern", pattern=flag.pattern)
            problems.append(msg("casetest.unexpected_flag", text=flag.text, why=why))
        results.append(ExampleResult(index, example.text, not problems, tuple(problems),
                                     tuple(near)))
    return results


def _tried_patterns(case: Case, framework: Framework, msg: Messages) -> str:
    """Which stereotype patterns were tried on a text that got no flag, in an author's words."""
    from casusspel.scoring.stereotypes import tried

    parts = []
    if framework.generalisation is not None:
        parts.append(msg("casetest.tried.generalisation"))
    if framework.stereotypes:
        parts.append(msg("casetest.tried.framework",
                         patterns=", ".join(p.id for p in framework.stereotypes)))
    own = tried(case.reflection.stereotypes)
    parts.append(msg("casetest.tried.case", patterns=", ".join(own)) if own else
                 msg("casetest.tried.case_none"))
    return "; ".join(parts)


def _missing_hint(case: Case, framework: Framework, pillar: str, msg: Messages,
                  evidence: Sequence[Evidence] = ()) -> str:
    """Words that would raise the pillar's score: the case's own indicators first, then the
    framework's strongest; never a word the text already has (it is in 'gevonden')."""
    found = {fold(e.indicator) for e in evidence} | {fold(e.text) for e in evidence}
    own = [w for w in case.reflection.indicators.get(pillar, ()) if fold(w) not in found][:3]
    strongest = sorted(framework.pillar(pillar).indicators, key=lambda i: -i.weight)
    general = [i.phrase for i in strongest if fold(i.phrase) not in found][:3]
    words = own + [w for w in general if w not in own]
    return msg("casetest.words_like", words=", ".join(f"'{w}'" for w in words[:4])) if words \
        else msg("casetest.any_cue")


def run_case_test(case: Case, framework: Framework) -> CaseTestResult:
    result = CaseTestResult(case)
    result.paths, result.failures = choice_paths(case)
    for path in result.paths:
        problem = play_path(case, framework, path)
        if problem:
            result.failures.append(Messages()("casetest.path", path=" → ".join(path),
                                              problem=problem))
    result.examples = check_examples(case, framework)
    result.not_covered = not_covered(case, framework)
    return result


def not_covered(case: Case, framework: Framework) -> list[str]:
    """What the examples and paths do not exercise, for the author to consider."""
    notes = []
    msg = Messages()
    if not case.examples:
        notes.append(msg("casetest.no_examples"))
    else:
        shown = {p for e in case.examples for p, v in e.expect.items() if v > 0}
        missing = [p.label for p in framework.pillars if p.id not in shown]
        if missing:
            notes.append(msg("casetest.pillars_untouched", pillars=", ".join(missing)))
        if not any(e.stereotype for e in case.examples):
            notes.append(msg("casetest.no_stereotype_example"))
    from casusspel.content.checks import reachable_stages

    reachable = reachable_stages(case)
    for stage in case.stages:
        if stage.id not in reachable:
            notes.append(msg("casetest.unreached", stage=stage.id))
    return notes
