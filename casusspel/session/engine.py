"""The live session as a state machine: events in, state out. No I/O, no clock.

``Engine.apply(state, event)`` is a pure fold; ``Engine.check`` says in Dutch why an event is not
allowed now. Events may come from any source (keyboard now, a phone page later) and teams may
answer in any order. Scores are derived (``Engine.results``), never stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from casusspel.content.model import Case, Choice, Framework
from casusspel.errors import CasusspelError
from casusspel.scoring.game import FactorScore, choice_points, score_factors
from casusspel.scoring.reflection import score_reflection
from casusspel.scoring.types import ReflectionScore
from casusspel.session.events import (
    ActionChosen,
    ActionReconsidered,
    Event,
    FactorsAnswered,
    PhaseAdvanced,
    ReflectionWritten,
    ScoreOverridden,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    SessionStarted,
    Skipped,
    StepBack,
    TimerExpired,
    TimerPaused,
    TimerResumed,
    TimerStarted,
    VotesCounted,
)

SITUATION, FACTORS, ACTION, REFLECTION = "situation", "factors", "action", "reflection"
REVEAL, DISCUSSION, STAGE, STAGE_REVEAL = "reveal", "discussion", "stage", "stage_reveal"
SCOREBOARD, DONE = "scoreboard", "done"
ANSWER_PHASES = (FACTORS, ACTION, REFLECTION, STAGE)
BACKABLE = {FACTORS: SITUATION, ACTION: FACTORS, REFLECTION: ACTION, DISCUSSION: REVEAL}
PLENARY_BACKABLE = {ACTION: SITUATION, DISCUSSION: REVEAL}


class EngineError(CasusspelError):
    """An event that is not allowed in the current state."""


@dataclass(frozen=True)
class Round:
    """Everything the room entered for one case."""

    factors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actions: dict[str, str] = field(default_factory=dict)
    reflections: dict[str, str] = field(default_factory=dict)
    stage_actions: dict[str, str] = field(default_factory=dict)
    overrides: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    reconsiderations: tuple[tuple[str, str, str], ...] = ()
    votes: dict[int, dict[str, int]] = field(default_factory=dict)
    skipped: frozenset[tuple[str, str]] = frozenset()
    order: tuple[tuple[str, str], ...] = ()
    stage_id: str | None = None

    def answers(self, phase: str) -> dict[str, object]:
        table: dict[str, dict[str, object]] = {
            FACTORS: dict(self.factors), ACTION: dict(self.actions),
            REFLECTION: dict(self.reflections), STAGE: dict(self.stage_actions)}
        return table.get(phase, {})


@dataclass(frozen=True)
class Timer:
    seconds: int
    started: str
    paused_at: str | None = None
    expired: bool = False


@dataclass(frozen=True)
class SessionState:
    started: SessionStarted
    case_index: int = 0
    phase: str = SITUATION
    rounds: tuple[Round, ...] = ()
    timer: Timer | None = None
    paused: bool = False
    ended: bool = False
    last_seq: int = 0

    @property
    def mode(self) -> str:
        return self.started.mode

    @property
    def teams(self) -> tuple[str, ...]:
        return self.started.teams

    @property
    def case_id(self) -> str:
        return self.started.case_ids[min(self.case_index, len(self.started.case_ids) - 1)]

    @property
    def round(self) -> Round:
        return self.rounds[min(self.case_index, len(self.rounds) - 1)]

    @property
    def finished(self) -> bool:
        return self.ended or self.phase == DONE


@dataclass(frozen=True)
class TeamResult:
    team: str
    factors: FactorScore
    action: str | None
    action_points: dict[str, int]
    stage_action: str | None
    stage_points: dict[str, int]
    reflection: ReflectionScore | None

    @property
    def total(self) -> int:
        reflection = self.reflection.total if self.reflection else 0
        return (self.factors.points + sum(self.action_points.values())
                + sum(self.stage_points.values()) + reflection)


class Engine:
    """Rules of a session over a fixed set of cases and a framework."""

    def __init__(self, cases: Mapping[str, Case], framework: Framework) -> None:
        self.cases = dict(cases)
        self.framework = framework

    # -- state -------------------------------------------------------------------------------
    def start(self, event: SessionStarted) -> SessionState:
        missing = [c for c in event.case_ids if c not in self.cases]
        if missing or not event.case_ids:
            raise EngineError(f"onbekende casus: {', '.join(missing) or '(geen casussen)'}")
        if event.mode != "plenary" and not event.teams:
            raise EngineError("een sessie heeft minstens één team nodig")
        rounds = tuple(Round() for _ in event.case_ids)
        return SessionState(started=event, rounds=rounds, last_seq=event.seq)

    def replay(self, events: Iterable[Event]) -> SessionState:
        iterator = iter(events)
        first = next(iterator, None)
        if not isinstance(first, SessionStarted):
            raise EngineError("het logboek begint niet met het begin van een sessie")
        state = self.start(first)
        for event in iterator:
            state = self.apply(state, event)
        return state

    def case(self, state: SessionState) -> Case:
        return self.cases[state.case_id]

    def pending(self, state: SessionState) -> tuple[str, ...]:
        """Teams that still have to answer in this phase, in team order."""
        if state.phase not in ANSWER_PHASES or state.mode == "plenary":
            return ()
        answered = state.round.answers(state.phase)
        skipped = {team for phase, team in state.round.skipped if phase == state.phase}
        return tuple(t for t in state.teams if t not in answered and t not in skipped)

    def next_phase(self, state: SessionState) -> str:
        phase = state.phase
        last_case = state.case_index >= len(state.started.case_ids) - 1
        after_round = DONE if last_case else (
            SITUATION if state.started.scoreboard == "hidden" else SCOREBOARD)
        if state.mode == "plenary":
            order = {SITUATION: ACTION, ACTION: REVEAL, REVEAL: DISCUSSION}
        else:
            order = {SITUATION: FACTORS, FACTORS: ACTION, ACTION: REFLECTION,
                     REFLECTION: REVEAL, REVEAL: DISCUSSION}
        if phase in order:
            return order[phase]
        if phase == DISCUSSION:
            return STAGE if self.room_stage(state) else after_round
        if phase == STAGE:
            return STAGE_REVEAL
        if phase == STAGE_REVEAL:
            return after_round
        if phase == SCOREBOARD:
            return SITUATION
        return DONE

    def room_stage(self, state: SessionState) -> str | None:
        """The second stage the room reaches: the one most teams' final action leads to."""
        case = self.case(state)
        rnd = state.round
        if state.mode == "plenary":
            counts = rnd.votes.get(2) or rnd.votes.get(1) or {}
            tally: Counter[str] = Counter({k: v for k, v in counts.items() if v > 0})
        else:
            tally = Counter(rnd.actions.values())
        ranked = sorted(case.choices, key=lambda c: (-tally.get(c.id, 0),
                                                     case.choices.index(c)))
        for choice in ranked:
            if tally.get(choice.id, 0) and choice.next and case.stage(choice.next):
                return choice.next
        return None

    def stage_choices(self, state: SessionState) -> tuple[Choice, ...]:
        stage = self.case(state).stage(state.round.stage_id or "")
        return stage.choices if stage else ()

    # -- rules -------------------------------------------------------------------------------
    def check(self, state: SessionState, event: Event) -> str | None:
        """Why ``event`` is not allowed now (Dutch), or None when it is."""
        if state.finished and not isinstance(event, (SessionEnded, SessionResumed)):
            return "de sessie is afgelopen"
        handler = getattr(self, f"_check_{event.type}", None)
        return handler(state, event) if handler else None

    def _team(self, state: SessionState, team: str) -> str | None:
        return None if team in state.teams else f"onbekend team '{team}'"

    def _check_phase_advanced(self, state: SessionState, event: PhaseAdvanced) -> str | None:
        expected = self.next_phase(state)
        return None if event.to == expected else (
            f"de volgende stap is '{expected}', niet '{event.to}'")

    def _check_factors_answered(self, state: SessionState, e: FactorsAnswered) -> str | None:
        if state.phase != FACTORS:
            return "factoren kiezen kan alleen in de stap Factoren"
        unknown = [f for f in e.factors if f not in self.framework.factor_ids]
        if unknown:
            return f"onbekende factor: {', '.join(unknown)}"
        return self._team(state, e.team)

    def _check_action_chosen(self, state: SessionState, e: ActionChosen) -> str | None:
        if state.phase == ACTION:
            ids = [c.id for c in self.case(state).choices]
        elif state.phase == STAGE:
            ids = [c.id for c in self.stage_choices(state)]
        else:
            return "een keuze maken kan alleen in de stap Keuze"
        if e.choice_id not in ids:
            return f"kies uit: {', '.join(ids)}"
        return self._team(state, e.team)

    def _check_reflection_written(self, state: SessionState, e: ReflectionWritten) -> str | None:
        if state.phase != REFLECTION:
            return "een reflectie schrijven kan alleen in de stap Reflectie"
        if not e.text.strip():
            return "de reflectie is leeg"
        return self._team(state, e.team)

    def _check_votes_counted(self, state: SessionState, e: VotesCounted) -> str | None:
        if state.mode != "plenary":
            return "stemmen tellen kan alleen in de plenaire vorm"
        expected = {ACTION: 1, DISCUSSION: 2, STAGE: 1}.get(state.phase)
        if expected is None or e.round != expected:
            return "stemmen tellen kan nu niet"
        choices = self.stage_choices(state) if state.phase == STAGE else self.case(state).choices
        ids = {c.id for c in choices}
        if set(e.counts) - ids:
            return f"onbekende keuze: {', '.join(sorted(set(e.counts) - ids))}"
        if any(not isinstance(v, int) or v < 0 for v in e.counts.values()):
            return "aantallen moeten hele getallen van 0 of meer zijn"
        return None

    def _check_score_overridden(self, state: SessionState, e: ScoreOverridden) -> str | None:
        if state.phase not in (DISCUSSION, STAGE_REVEAL):
            return "een score aanpassen kan in de stap Bespreking"
        if e.pillar not in self.framework.pillar_ids:
            return f"onbekende pijler '{e.pillar}'"
        if not 0 <= e.score <= 3:
            return "een score is 0, 1, 2 of 3"
        if not e.reason.strip():
            return "geef een reden voor de aanpassing"
        if e.team not in state.round.reflections:
            return f"team '{e.team}' heeft geen reflectie bij deze casus"
        return self._team(state, e.team)

    def _check_action_reconsidered(self, state: SessionState,
                                   e: ActionReconsidered) -> str | None:
        if state.phase != DISCUSSION:
            return "heroverwegen kan in de stap Bespreking"
        ids = [c.id for c in self.case(state).choices]
        if e.choice_id not in ids:
            return f"kies uit: {', '.join(ids)}"
        return self._team(state, e.team)

    def _check_step_back(self, state: SessionState, e: StepBack) -> str | None:
        if state.phase in ANSWER_PHASES and any(p == state.phase for p, _ in state.round.order):
            return None
        backable = PLENARY_BACKABLE if state.mode == "plenary" else BACKABLE
        return None if state.phase in backable else "terug kan hier niet"

    def _check_skipped(self, state: SessionState, e: Skipped) -> str | None:
        if e.team is None:
            return None
        if e.team not in self.pending(state):
            return f"team '{e.team}' is nu niet aan de beurt"
        return None

    # -- fold --------------------------------------------------------------------------------
    def apply(self, state: SessionState, event: Event) -> SessionState:
        reason = self.check(state, event)
        if reason:
            raise EngineError(f"Niet toegestaan: {reason}.")
        handler = getattr(self, f"_apply_{event.type}")
        new: SessionState = handler(state, event)
        return replace(new, last_seq=max(event.seq, state.last_seq))

    def _with_round(self, state: SessionState, rnd: Round) -> SessionState:
        rounds = list(state.rounds)
        rounds[state.case_index] = rnd
        return replace(state, rounds=tuple(rounds))

    def _record(self, state: SessionState, team: str, phase: str,
                **changes: object) -> SessionState:
        rnd = state.round
        order = tuple(x for x in rnd.order if x != (phase, team)) + ((phase, team),)
        return self._with_round(state, replace(rnd, order=order, **changes))  # type: ignore[arg-type]

    def _apply_session_started(self, state: SessionState, e: SessionStarted) -> SessionState:
        raise EngineError("de sessie is al begonnen")

    def _apply_phase_advanced(self, state: SessionState, e: PhaseAdvanced) -> SessionState:
        if e.to == SITUATION and state.phase in (SCOREBOARD, DISCUSSION, STAGE_REVEAL):
            return replace(state, case_index=state.case_index + 1, phase=SITUATION, timer=None)
        if e.to == STAGE:
            state = self._with_round(state, replace(state.round, stage_id=self.room_stage(state)))
        return replace(state, phase=e.to, timer=None)

    def _apply_factors_answered(self, state: SessionState, e: FactorsAnswered) -> SessionState:
        factors = dict(state.round.factors)
        factors[e.team] = tuple(dict.fromkeys(e.factors))
        return self._record(state, e.team, FACTORS, factors=factors)

    def _apply_action_chosen(self, state: SessionState, e: ActionChosen) -> SessionState:
        if state.phase == STAGE:
            stage_actions = dict(state.round.stage_actions)
            stage_actions[e.team] = e.choice_id
            return self._record(state, e.team, STAGE, stage_actions=stage_actions)
        actions = dict(state.round.actions)
        actions[e.team] = e.choice_id
        return self._record(state, e.team, ACTION, actions=actions)

    def _apply_reflection_written(self, state: SessionState,
                                  e: ReflectionWritten) -> SessionState:
        reflections = dict(state.round.reflections)
        reflections[e.team] = e.text
        return self._record(state, e.team, REFLECTION, reflections=reflections)

    def _apply_votes_counted(self, state: SessionState, e: VotesCounted) -> SessionState:
        votes = dict(state.round.votes)
        votes[e.round if state.phase != STAGE else 3] = dict(e.counts)
        return self._with_round(state, replace(state.round, votes=votes))

    def _apply_score_overridden(self, state: SessionState, e: ScoreOverridden) -> SessionState:
        overrides = dict(state.round.overrides)
        overrides[(e.team, e.pillar)] = (e.score, e.reason)
        return self._with_round(state, replace(state.round, overrides=overrides))

    def _apply_action_reconsidered(self, state: SessionState,
                                   e: ActionReconsidered) -> SessionState:
        rnd = state.round
        old = rnd.actions.get(e.team, "")
        actions = dict(rnd.actions)
        actions[e.team] = e.choice_id
        shifts = (*rnd.reconsiderations, (e.team, old, e.choice_id))
        return self._with_round(state, replace(rnd, actions=actions, reconsiderations=shifts))

    def _apply_step_back(self, state: SessionState, e: StepBack) -> SessionState:
        rnd = state.round
        mine = [x for x in rnd.order if x[0] == state.phase]
        if state.phase in ANSWER_PHASES and mine:
            phase, team = mine[-1]
            field_name = {FACTORS: "factors", ACTION: "actions", REFLECTION: "reflections",
                          STAGE: "stage_actions"}[phase]
            answers = dict(getattr(rnd, field_name))
            answers.pop(team, None)
            order = tuple(x for x in rnd.order if x != (phase, team))
            changes: dict[str, object] = {field_name: answers, "order": order}
            return self._with_round(state, replace(rnd, **changes))  # type: ignore[arg-type]
        backable = PLENARY_BACKABLE if state.mode == "plenary" else BACKABLE
        return replace(state, phase=backable[state.phase], timer=None)

    def _apply_skipped(self, state: SessionState, e: Skipped) -> SessionState:
        if e.team is None:
            return state
        skipped = state.round.skipped | {(state.phase, e.team)}
        return self._with_round(state, replace(state.round, skipped=skipped))

    def _apply_timer_started(self, state: SessionState, e: TimerStarted) -> SessionState:
        return replace(state, timer=Timer(e.seconds, e.at))

    def _apply_timer_paused(self, state: SessionState, e: TimerPaused) -> SessionState:
        return replace(state, timer=replace(state.timer, paused_at=e.at)) if state.timer else state

    def _apply_timer_resumed(self, state: SessionState, e: TimerResumed) -> SessionState:
        return replace(state, timer=replace(state.timer, paused_at=None)) if state.timer else state

    def _apply_timer_expired(self, state: SessionState, e: TimerExpired) -> SessionState:
        return replace(state, timer=replace(state.timer, expired=True)) if state.timer else state

    def _apply_session_paused(self, state: SessionState, e: SessionPaused) -> SessionState:
        return replace(state, paused=True)

    def _apply_session_resumed(self, state: SessionState, e: SessionResumed) -> SessionState:
        return replace(state, paused=False)

    def _apply_session_ended(self, state: SessionState, e: SessionEnded) -> SessionState:
        return replace(state, ended=True, phase=DONE if e.reason == "done" else state.phase)

    # -- results (derived) -------------------------------------------------------------------
    def results(self, state: SessionState, case_index: int | None = None) -> list[TeamResult]:
        index = state.case_index if case_index is None else case_index
        case = self.cases[state.started.case_ids[index]]
        rnd = state.rounds[index]
        visibility = {f.id: f.visibility for f in self.framework.factors}
        names = {f.id: f.name for f in self.framework.factors}
        stage = case.stage(rnd.stage_id or "")
        out = []
        for team in state.teams:
            key = case.factors
            factors = score_factors(rnd.factors.get(team, ()), key.decisive, key.relevant,
                                    key.distractor, visibility, names)
            action = rnd.actions.get(team)
            chosen = case.choice(action) if action else None
            stage_action = rnd.stage_actions.get(team)
            stage_choice = next((c for c in stage.choices if c.id == stage_action),
                                None) if stage else None
            reflection = None
            if team in rnd.reflections:
                reflection = score_reflection(rnd.reflections[team], self.framework,
                                              case.reflection.indicators)
                for (who, pillar), (score, _) in rnd.overrides.items():
                    if who == team:
                        reflection = reflection.with_override(pillar, score)
            pillar_ids = self.framework.pillar_ids
            out.append(TeamResult(
                team, factors, action,
                choice_points(chosen.points, pillar_ids) if chosen else {},
                stage_action,
                choice_points(stage_choice.points, pillar_ids) if stage_choice else {},
                reflection))
        return out

    @staticmethod
    def counted_rounds(state: SessionState) -> range:
        """The rounds that count for totals and profiles: played ones, and the current one once
        teams have started choosing an action."""
        last = state.case_index if state.phase in (SITUATION, FACTORS) else state.case_index + 1
        return range(min(last, len(state.rounds)))

    def totals(self, state: SessionState) -> dict[str, int]:
        """Each team's total over the rounds played so far."""
        totals = dict.fromkeys(state.teams, 0)
        for index in self.counted_rounds(state):
            for result in self.results(state, index):
                totals[result.team] += result.total
        return totals

    def pillar_profile(self, state: SessionState, team: str | None = None) -> dict[str, float]:
        """Average reflection score per pillar, for one team or (None) the whole room."""
        sums: Counter[str] = Counter()
        count = 0
        for index in self.counted_rounds(state):
            for result in self.results(state, index):
                if result.reflection and (team is None or result.team == team):
                    count += 1
                    for pillar, score in result.reflection.pillars.items():
                        sums[pillar] += score.score
        return {p: (sums[p] / count if count else 0.0) for p in self.framework.pillar_ids}
