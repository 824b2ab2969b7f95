"""Build the report of a session (``reports.model``) from its engine and state.

Pure: nothing but the session's own data goes in (team names, or letters with ``anonymise``; what
the teams entered; the cases and framework the session recorded). Each round's results are
computed once and reused for the case cards, the totals and the profiles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from casusspel.content.model import Case, Choice
from casusspel.messages import Messages, chosen_language
from casusspel.reports.model import (
    CaseEntry,
    ChoiceInfo,
    Contested,
    ContestedCase,
    FactorKey,
    FrameworkInfo,
    LearningQuestion,
    Move,
    Override,
    PillarInfo,
    PillarResult,
    QuestionMatch,
    ReflectionResult,
    Report,
    SessionInfo,
    Shift,
    StageInfo,
    Status,
    TeamEntry,
    Votes,
)
from casusspel.scoring.game import FactorScore
from casusspel.session.engine import (
    DONE,
    SCOREBOARD,
    SITUATION,
    Engine,
    Round,
    SessionState,
    TeamResult,
)
from casusspel.session.options import Mode

TOP = 3


def team_letters(teams: tuple[str, ...]) -> dict[str, str]:
    """'Team A', 'Team B', ... in the order the teams were entered (AA, AB, ... after Z)."""
    def letter(n: int) -> str:
        return chr(65 + n) if n < 26 else letter(n // 26 - 1) + chr(65 + n % 26)

    return {team: f"Team {letter(n)}" for n, team in enumerate(teams)}


def _status(state: SessionState, index: int, rnd: Round) -> Status:
    has_data = bool(rnd.factors or rnd.actions or rnd.reflections or rnd.votes)
    finished_here = state.phase in (SCOREBOARD, DONE)  # the round is over, all answers are in
    if state.cases_played is not None and index >= state.cases_played:
        return "not_played"  # the session ended (early) before this case was started
    if index < state.case_index or (index == state.case_index and finished_here):
        return "played"
    if index == state.case_index and (has_data or state.phase != SITUATION):
        return "in_progress"
    return "not_played"


def _choice(choice: Choice | None) -> ChoiceInfo | None:
    if choice is None:
        return None
    return ChoiceInfo(choice.id, choice.text, choice.feedback, dict(choice.points))


class _Parts:
    """What every round of the same case shares in a report (the key, the choices, a stage),
    made once per case instead of once per round: a long session plays a deck again and again.
    The report's objects are immutable, so rounds can share them."""

    def __init__(self, engine: Engine, lang: str) -> None:
        self.engine = engine
        self.say = Messages(lang)
        self.factor_names = {f.id: f.name for f in engine.framework.factors}
        self._reasons: dict[int, tuple[FactorScore, tuple[str, ...]]] = {}
        self._choices: dict[int, tuple[Choice, ChoiceInfo]] = {}
        self._cases: dict[str, tuple[FactorKey, tuple[ChoiceInfo, ...]]] = {}
        self._stages: dict[tuple[str, str], StageInfo | None] = {}
        self._picked: dict[tuple[str, str, str], ChoiceInfo | None] = {}

    def reasons(self, score: FactorScore | None) -> tuple[str, ...]:
        """A factor score's marks in words (the engine shares a score between the rounds in
        which a team picked the same factors on the same case: said once)."""
        if score is None:
            return ()
        found = self._reasons.get(id(score))
        if found is None or found[0] is not score:
            found = self._reasons[id(score)] = (score, tuple(
                self.say(f"report.factor.{mark.kind}",
                         factor=self.factor_names.get(mark.factor, mark.factor),
                         points=f"{mark.points:+d}")
                for mark in score.marks))
        return found[1]

    def choice(self, choice: Choice | None) -> ChoiceInfo | None:
        if choice is None:
            return None
        known = self._choices.get(id(choice))
        if known is None or known[0] is not choice:
            known = self._choices[id(choice)] = (choice, ChoiceInfo(
                choice.id, choice.text, choice.feedback, dict(choice.points)))
        return known[1]

    def case(self, case: Case) -> tuple[FactorKey, tuple[ChoiceInfo, ...]]:
        known = self._cases.get(case.id)
        if known is None:
            known = self._cases[case.id] = (
                FactorKey(tuple(case.factors.decisive), tuple(case.factors.relevant),
                          tuple(case.factors.distractor)),
                tuple(info for c in case.choices if (info := self.choice(c)) is not None))
        return known

    def picked(self, case: Case, stage_id: str, choice_id: str) -> ChoiceInfo | None:
        """The choice a team picked: of the case (``stage_id`` empty) or of one of its stages
        (looked up once per case and choice, not once per team and round)."""
        key = (case.id, stage_id, choice_id)
        if key not in self._picked:
            stage = case.stage(stage_id) if stage_id else None
            options = stage.choices if stage else () if stage_id else case.choices
            self._picked[key] = self.choice(next((c for c in options if c.id == choice_id),
                                                 None))
        return self._picked[key]

    def stage(self, case: Case, stage_id: str | None) -> StageInfo | None:
        key = (case.id, stage_id or "")
        if key not in self._stages:
            stage = case.stage(stage_id or "")
            self._stages[key] = StageInfo(stage.id, stage.title, tuple(
                info for c in stage.choices if (info := self.choice(c)) is not None)
            ) if stage else None
        return self._stages[key]


def _reflection(engine: Engine, case: Case, rnd: Round, team: str,
                result: TeamResult) -> ReflectionResult | None:
    if result.reflection is None:
        return None
    text = rnd.reflections[team]
    overridden = any(who == team for who, _ in rnd.overrides)
    automatic = engine.reflection_score(case, text) if overridden else result.reflection
    pillars = {}
    for pillar_id, score in result.reflection.pillars.items():
        override = rnd.overrides.get((team, pillar_id))
        pillars[pillar_id] = PillarResult(
            score.score, automatic.pillars[pillar_id].score, score.evidence,
            Override(*override) if override else None)
    return ReflectionResult(text, pillars, result.reflection.total, result.reflection.flags)


def _disagreement(answers: list[set[str]]) -> float:
    """Mean pairwise Jaccard distance: 0 when all teams agree, 1 when no two overlap."""
    pairs = list(combinations(answers, 2))
    if not pairs:
        return 0.0
    return sum(1 - len(a & b) / len(a | b) if a | b else 0.0 for a, b in pairs) / len(pairs)


def _action_spread(counts: dict[str, int]) -> float:
    """Share of the room that did not pick the most popular action (0 = unanimous)."""
    total = sum(counts.values())
    return 0.0 if total == 0 else 1 - max(counts.values()) / total


def _first_actions(rnd: Round) -> list[str]:
    """Each team's action before any reconsideration (what the room first thought)."""
    first = dict(rnd.actions)
    for team, old, _ in reversed(rnd.reconsiderations):
        if old:
            first[team] = old
    return list(first.values())


def _vote_shift(before: dict[str, int] | None, after: dict[str, int] | None) -> float | None:
    """Share of the room that moved between options (total variation distance)."""
    if not before or not after:
        return None
    total_before, total_after = sum(before.values()), sum(after.values())
    if not total_before or not total_after:
        return None
    options = set(before) | set(after)
    return round(sum(abs(before.get(o, 0) / total_before - after.get(o, 0) / total_after)
                     for o in options) / 2, 3)


def _team_entry(parts: _Parts, case: Case, rnd: Round, result: TeamResult,
                name: str) -> TeamEntry:
    engine = parts.engine
    picked = rnd.factors.get(result.team)
    return TeamEntry(
        team=name,
        factors=tuple(picked) if picked is not None else None,
        factor_score=result.factors if picked is not None else None,
        action=parts.picked(case, "", result.action) if result.action else None,
        action_points=sum(result.action_points.values()),
        stage_action=(parts.picked(case, rnd.stage_id or "", result.stage_action)
                      if result.stage_action and rnd.stage_id else None),
        stage_points=sum(result.stage_points.values()),
        reflection=_reflection(engine, case, rnd, result.team, result),
        reconsiderations=tuple(Move(old, new) for who, old, new in rnd.reconsiderations
                               if who == result.team and old != new),
        total=result.total,
        factor_reasons=parts.reasons(result.factors if picked is not None else None),
        skipped=tuple(phase for phase, team in rnd.order
                      if team == result.team and (phase, team) in rnd.skipped),
        draft=_skipped_draft(rnd, result.team))


def _skipped_draft(rnd: Round, team: str) -> str | None:
    """What a team skipped at the reflection had typed: nothing a group wrote is lost from the
    record (the journal has it as its last draft)."""
    if ("reflection", team) not in rnd.skipped or team in rnd.reflections:
        return None
    return rnd.drafts.get(team, "").strip() or None


def _case_entry(parts: _Parts, state: SessionState, index: int, names: dict[str, str],
                results: list[TeamResult], rnd: Round, status: Status) -> CaseEntry:
    case = parts.engine.cases[state.started.case_ids[index]]
    key, choices = parts.case(case)
    entry = CaseEntry(id=case.id, title=case.title, status=status, key=key,
                      factor_names=parts.factor_names, choices=choices,
                      stage=parts.stage(case, rnd.stage_id))
    if entry.status == "not_played":
        return entry
    if state.mode is Mode.PLENARY:
        before, after = rnd.votes.get(1), rnd.votes.get(2)
        spread = round(_action_spread(before), 3) if before else None
        return _replace_case(entry, votes=Votes(before, after, rnd.votes.get(3),
                                                _vote_shift(before, after)),
                             contested=Contested(spread, None, spread)
                             if spread is not None else None)
    teams = tuple(_team_entry(parts, case, rnd, result, names[result.team])
                  for result in results)
    contested = None
    factor_sets = [set(f) for f in rnd.factors.values()]
    if len(factor_sets) >= 2 or len(rnd.actions) >= 2:
        factor_part = _disagreement(factor_sets)
        action_part = _action_spread(Counter(_first_actions(rnd)))
        contested = Contested(round((factor_part + action_part) / 2, 3), round(factor_part, 3),
                              round(action_part, 3))
    return _replace_case(entry, teams=teams, contested=contested)


def _replace_case(entry: CaseEntry, **changes: object) -> CaseEntry:
    from dataclasses import replace

    return replace(entry, **changes)  # type: ignore[arg-type]


def _shifts(cases: Sequence[CaseEntry]) -> list[Shift]:
    """Changes after discussion: reconsidered actions, overridden scores, re-votes."""
    shifts: list[Shift] = []
    for case in cases:
        points = {c.id: sum(c.points.values()) for c in case.choices}
        for team in case.teams:
            for move in team.reconsiderations:
                shifts.append(Shift(case.id, case.title, "action",
                                    abs(points.get(move.after, 0) - points.get(move.before, 0))
                                    + 1, team=team.team, before=move.before, after=move.after))
            pillars = team.reflection.pillars if team.reflection else {}
            for pillar, score in pillars.items():
                if score.override:
                    shifts.append(Shift(case.id, case.title, "override",
                                        abs(score.score - score.automatic), team=team.team,
                                        before=score.automatic, after=score.score,
                                        pillar=pillar, reason=score.override.reason))
        if case.votes and case.votes.shift:
            shifts.append(Shift(case.id, case.title, "vote", case.votes.shift,
                                before=case.votes.before, after=case.votes.after))
    return sorted(shifts, key=lambda s: -s.size)


def _learning_questions(engine: Engine, cases: Sequence[CaseEntry],
                        questions: Sequence[str]) -> tuple[LearningQuestion, ...]:
    """Each learning question with the cases of this session that addressed it, and why."""
    from casusspel.training.planning import match_case

    played = [c for c in cases if c.status != "not_played"]
    out = []
    for question in questions:
        matches = []
        for case in played:
            match = match_case(question, engine.cases[case.id], engine.framework)
            if match.points > 0 and not match.pillar_only:
                matches.append(QuestionMatch(case.id, case.title, tuple(match.reasons)))
        out.append(LearningQuestion(question, tuple(matches)))
    return tuple(out)


def build_report(engine: Engine, state: SessionState, *, anonymise: bool = False,
                 learning_questions: Sequence[str] = ()) -> Report:
    """Everything a report shows, as typed data (``Report.to_json()`` for the JSON shape)."""
    started = state.started
    names = team_letters(started.teams) if anonymise else {t: t for t in started.teams}
    rounds = list(state.rounds)  # each round once (a long session has thousands)
    statuses = [_status(state, i, rnd) for i, rnd in enumerate(rounds)]
    results = [engine.results(state, i) if statuses[i] != "not_played"
               and started.mode.has_teams else [] for i in range(len(started.case_ids))]
    lang = chosen_language() or started.lang  # --lang wins; else the session's
    parts = _Parts(engine, lang)
    shown = range(state.cases_played if state.ended_early and state.cases_played is not None
                  else len(started.case_ids))  # ended early: only the cases played
    cases = tuple(_case_entry(parts, state, i, names, results[i], rounds[i], statuses[i])
                  for i in shown)
    standings = engine.standings(state)  # the scoreboard's totals and profiles, one pass
    totals = {team: standings.totals[team] for team in started.teams}
    profiles = {team: dict(standings.profiles[team]) for team in started.teams}
    room = dict(standings.profiles[None])
    framework = engine.framework
    contested = sorted((c for c in cases if c.contested and c.contested.score > 0),
                       key=lambda c: -(c.contested.score if c.contested else 0))
    return Report(
        session=SessionInfo(
            id=started.session_id, created=started.created, mode=started.mode,
            scoreboard=started.scoreboard, casusspel=started.version,
            finished=state.finished and state.phase == DONE,
            cases_played=sum(1 for c in cases if c.status == "played"),
            cases_total=len(started.case_ids), anonymised=anonymise,
            lang=lang, ended_early=state.ended_early),
        framework=FrameworkInfo(framework.id, framework.name, tuple(
            PillarInfo(p.id, p.name, p.label, p.color) for p in framework.pillars)),
        teams=tuple(names[t] for t in started.teams),
        totals={names[t]: v for t, v in totals.items()},
        profiles={names[t]: profiles[t] for t in started.teams},
        room=room,
        cases=cases,
        contested=tuple(ContestedCase(c.id, c.title, c.contested)
                        for c in contested[:TOP] if c.contested),
        shifts=tuple(_shifts(cases)[:TOP * 2]),
        learning_questions=_learning_questions(engine, cases, learning_questions))
