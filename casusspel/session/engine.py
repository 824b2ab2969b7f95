"""The live session as a state machine: events in, state out. No I/O, no clock.

``Engine.apply(state, event)`` is a pure fold; ``Engine.check`` returns a ``Refusal`` (a code
with parameters, translated by the message catalogue) when an event is not allowed now. Events
may come from any source (keyboard, a phone page) in any order and more than once: an event id
is applied once. Scores are derived (``Engine.results``), never stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice, repeat
from typing import Any, Protocol, TypeVar, overload

from casusspel.content.model import Case, Choice, Framework
from casusspel.errors import CasusspelError
from casusspel.scoring.game import FactorScore, choice_points, score_factors
from casusspel.scoring.types import ReflectionScore
from casusspel.session.events import (
    ActionChosen,
    ActionReconsidered,
    EndRequested,
    Event,
    FactorsAnswered,
    PhaseAdvanced,
    ReflectionDrafted,
    ReflectionWritten,
    ScoreOverridden,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    SessionStarted,
    Skipped,
    StepBack,
    TakenOver,
    TimerExpired,
    TimerPaused,
    TimerResumed,
    TimerStarted,
    VotesCounted,
)
from casusspel.session.options import Mode, Scoreboard
from casusspel.session.persistent import IdSet, Log, evolve, update
from casusspel.session.scores import ScoreCache

SITUATION, FACTORS, ACTION, REFLECTION = "situation", "factors", "action", "reflection"
REVEAL, DISCUSSION, STAGE, STAGE_REVEAL = "reveal", "discussion", "stage", "stage_reveal"
SCOREBOARD, DONE = "scoreboard", "done"
ANSWER_PHASES = (FACTORS, ACTION, REFLECTION, STAGE)
#: where /terug goes from a phase in which nothing is left to undo
PREVIOUS = {FACTORS: SITUATION, ACTION: FACTORS, REFLECTION: ACTION, REVEAL: REFLECTION,
            DISCUSSION: REVEAL, STAGE: DISCUSSION, STAGE_REVEAL: STAGE}
PLENARY_PREVIOUS = {ACTION: SITUATION, REVEAL: ACTION, DISCUSSION: REVEAL, STAGE: DISCUSSION,
                    STAGE_REVEAL: STAGE}
MAX_FACTOR_SCORES = 4096  # (case, pick) pairs remembered
T = TypeVar("T")
ANSWER_FIELDS = {FACTORS: "factors", ACTION: "actions", REFLECTION: "reflections",
                 STAGE: "stage_actions"}
#: the phase that follows in a round (the rest depends on the case and the room)
TEAM_NEXT = {SITUATION: FACTORS, FACTORS: ACTION, ACTION: REFLECTION, REFLECTION: REVEAL,
             REVEAL: DISCUSSION}
PLENARY_NEXT = {SITUATION: ACTION, ACTION: REVEAL, REVEAL: DISCUSSION}


@dataclass(frozen=True)
class Refusal:
    """Why an event is not allowed: a catalogue code (``refusal.<code>``) with parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict)


class EngineError(CasusspelError):
    """An event that is not allowed in the current state (``refusal`` says why)."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.code)

    def __str__(self) -> str:
        from casusspel.messages import Messages

        return Messages().refusal(self.refusal.code, self.refusal.params)


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
    #: (phase, team) of every answer and skip, oldest first: what /terug undoes
    order: tuple[tuple[str, str], ...] = ()
    stage_id: str | None = None
    #: reflection text typed so far, per team (not an answer until written)
    drafts: dict[str, str] = field(default_factory=dict)
    #: a one-line answer (factors, an action) that /terug took back, per (phase, team): the
    #: front ends offer it again to edit; it counts only when handed in again
    undone: dict[tuple[str, str], object] = field(default_factory=dict)
    #: (phase, team) whose answer the trainer took over from the team's phone (``TakenOver``)
    taken: frozenset[tuple[str, str]] = frozenset()
    #: ids of the events applied in this round (an id is applied once); grows without copying
    seen: IdSet[str] = field(default_factory=IdSet)

    def answers(self, phase: str) -> dict[str, object]:
        table: dict[str, dict[str, object]] = {
            FACTORS: dict(self.factors), ACTION: dict(self.actions),
            REFLECTION: dict(self.reflections), STAGE: dict(self.stage_actions)}
        return table.get(phase, {})

    def skipped_in(self, phase: str) -> tuple[str, ...]:
        return tuple(team for p, team in self.order if p == phase and (p, team) in self.skipped)


@dataclass(frozen=True)
class Timer:
    seconds: int
    started: str
    paused_at: str | None = None
    expired: bool = False
    #: seconds spent in pauses so far (they do not count)
    paused_total: float = 0.0


#: the events a finished session still takes
AFTER_THE_END = frozenset({SessionEnded, SessionResumed, SessionPaused})


def _seen(state: SessionState, event_id: str) -> bool:
    """Whether an event id was applied in the current round or the one before."""
    if event_id in state.current.seen:
        return True
    previous = state.played.last()
    return previous is not None and event_id in previous.seen


def seconds_between(earlier: str, later: str) -> float:
    """Seconds from one ISO time to another (0 when either is not a time)."""
    try:
        return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()
    except ValueError:
        return 0.0


class Rounds(Sequence[Round]):
    """Every round of a session: the played ones (shared with earlier states, never copied),
    the current one, and empty ones for the cases still to come."""

    __slots__ = ("_current", "_played", "_total")

    def __init__(self, played: Log[Round], current: Round, total: int) -> None:
        self._played, self._current, self._total = played, current, total

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> Round: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Round]: ...

    def __getitem__(self, index: int | slice) -> Round | Sequence[Round]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._total)))
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError("round index out of range")
        played = len(self._played)
        if index < played:
            return self._played[index]
        return self._current if index == played else EMPTY_ROUND

    def __iter__(self) -> Iterator[Round]:
        # what self[0], self[1], ... give, without a look-up per round (reports walk thousands)
        played = min(len(self._played), self._total)
        yield from islice(self._played, played)
        if played < self._total:
            yield self._current
            yield from repeat(EMPTY_ROUND, self._total - played - 1)


EMPTY_ROUND = Round()


@dataclass(frozen=True)
class SessionState:
    started: SessionStarted
    case_index: int = 0
    phase: str = SITUATION
    #: the rounds before ``case_index`` (only the current round changes, see ``rounds``)
    played: Log[Round] = field(default_factory=Log)
    current: Round = EMPTY_ROUND
    timer: Timer | None = None
    paused: bool = False
    ended: bool = False
    last_seq: int = 0
    #: the trainer asked to end after the current case (``EndRequested``)
    ending: bool = False
    #: how many cases were played when the session reached its end (None before the end)
    cases_played: int | None = None

    @property
    def rounds(self) -> Rounds:
        return Rounds(self.played, self.current, len(self.started.case_ids))

    @property
    def mode(self) -> Mode:
        return self.started.mode

    @property
    def teams(self) -> tuple[str, ...]:
        return self.started.teams

    @property
    def case_id(self) -> str:
        return self.started.case_ids[min(self.case_index, len(self.started.case_ids) - 1)]

    @property
    def round(self) -> Round:
        """The round of the current case (the only one events change)."""
        return self.current

    @property
    def finished(self) -> bool:
        return self.ended or self.phase == DONE

    @property
    def cases_under_way(self) -> int:
        """The cases played if the session ended now: a case still at its situation was not."""
        return self.case_index + (self.phase != SITUATION)

    @property
    def ended_early(self) -> bool:
        """Finished with fewer cases played than were queued (the trainer ended it)."""
        return self.cases_played is not None and self.cases_played < len(self.started.case_ids)


@dataclass(frozen=True)
class TeamResult:
    team: str
    factors: FactorScore
    action: str | None
    action_points: dict[str, int]
    stage_action: str | None
    stage_points: dict[str, int]
    reflection: ReflectionScore | None
    #: the action chosen before the team reconsidered it in the discussion (None: not changed)
    first_action: str | None = None
    first_action_points: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        reflection = self.reflection.total if self.reflection else 0
        return (self.factors.points + sum(self.action_points.values())
                + sum(self.stage_points.values()) + reflection)


@dataclass(frozen=True)
class Standings:
    """Where the teams stand after the rounds played so far."""

    totals: dict[str, int]
    stage_totals: dict[str, int]
    #: average reflection score per pillar, per team and (key None) for the whole room
    profiles: dict[str | None, dict[str, float]]


class Change(Protocol):
    """How a rule makes the next state from a state: ``evolve`` or ``update``."""

    def __call__(self, obj: T, /, **changes: object) -> T: ...


Check = Callable[[SessionState, Any], "Refusal | None"]
Apply = Callable[[SessionState, Any], SessionState]


class Engine:
    """Rules of a session over a fixed set of cases and a framework."""

    def __init__(self, cases: Mapping[str, Case], framework: Framework) -> None:
        self.cases = dict(cases)
        self.framework = framework
        #: every reflection is scored once (the scoreboard and reports ask again and again)
        self.scores = ScoreCache(framework)
        self._factor_ids = frozenset(framework.factor_ids)
        self._visibility = {f.id: f.visibility for f in framework.factors}
        self._factor_scores: dict[tuple[str, tuple[str, ...]], tuple[Case, FactorScore]] = {}
        # Derived results of a round, kept while the round object is the same (events replace
        # it, so identity says nothing changed): round index -> (started, round, results).
        self._results: dict[int, tuple[SessionStarted, Round, tuple[TeamResult, ...]]] = {}
        self._standings: tuple[SessionState, Standings] | None = None
        #: how the rules make the next state: a changed copy (``evolve``), or within
        #: ``replaying`` the same state changed in place (``update``)
        self._new: Change = evolve
        self._in_place = False
        # One explicit table: an event type without an entry is refused (never AttributeError).
        self.rules: dict[type[Event], tuple[Check | None, Apply]] = {
            SessionStarted: (self._check_session_started, self._apply_session_started),
            PhaseAdvanced: (self._check_phase_advanced, self._apply_phase_advanced),
            FactorsAnswered: (self._check_factors_answered, self._apply_factors_answered),
            ActionChosen: (self._check_action_chosen, self._apply_action_chosen),
            ReflectionWritten: (self._check_reflection_written, self._apply_reflection_written),
            ReflectionDrafted: (self._check_reflection_drafted, self._apply_reflection_drafted),
            VotesCounted: (self._check_votes_counted, self._apply_votes_counted),
            ScoreOverridden: (self._check_score_overridden, self._apply_score_overridden),
            ActionReconsidered: (self._check_action_reconsidered,
                                 self._apply_action_reconsidered),
            StepBack: (self._check_step_back, self._apply_step_back),
            Skipped: (self._check_skipped, self._apply_skipped),
            TimerStarted: (None, self._apply_timer_started),
            TimerPaused: (None, self._apply_timer_paused),
            TimerResumed: (None, self._apply_timer_resumed),
            TimerExpired: (None, self._apply_timer_expired),
            SessionPaused: (None, self._apply_session_paused),
            SessionResumed: (None, self._apply_session_resumed),
            SessionEnded: (None, self._apply_session_ended),
            EndRequested: (None, self._apply_end_requested),
            TakenOver: (self._check_taken_over, self._apply_taken_over),
        }

    # -- state -------------------------------------------------------------------------------
    def start(self, event: SessionStarted) -> SessionState:
        missing = [c for c in event.case_ids if c not in self.cases]
        if missing or not event.case_ids:
            raise EngineError(Refusal("unknown_case", {"cases": ", ".join(missing) or "-"}))
        if event.mode.has_teams and not event.teams:
            raise EngineError(Refusal("no_teams"))
        return SessionState(started=event, current=Round(), last_seq=event.seq)

    def replay(self, events: Iterable[Event]) -> SessionState:
        iterator = iter(events)
        first = next(iterator, None)
        if not isinstance(first, SessionStarted):
            raise EngineError(Refusal("no_start"))
        state = self.start(first)
        with self.replaying():
            for event in iterator:
                state = self.apply(state, event)
        return state

    @contextmanager
    def replaying(self) -> Iterator[None]:
        """Within: ``apply`` changes the state it is given (and its current round and timer) in
        place instead of making new ones, as a replay wants: it keeps only the last state and
        lets nobody else see the ones before, so a copy per event would only be thrown away.
        Start from ``start``'s state, apply the events in order, and use the last state after
        the block, as any other (a state is never changed again once the block is left).
        Not for a live session: screens and the controller keep earlier states."""
        self._new, self._in_place = update, True
        try:
            yield
        finally:
            self._new, self._in_place = evolve, False

    def case(self, state: SessionState) -> Case:
        return self.cases[state.case_id]

    def pending(self, state: SessionState) -> tuple[str, ...]:
        """Teams that still have to answer in this phase, in team order."""
        if state.phase not in ANSWER_PHASES or state.mode is Mode.PLENARY:
            return ()
        answered = state.round.answers(state.phase)
        skipped = {team for phase, team in state.round.skipped if phase == state.phase}
        return tuple(t for t in state.teams if t not in answered and t not in skipped)

    def next_phase(self, state: SessionState) -> str:
        phase = state.phase
        if state.ending and phase in (SITUATION, SCOREBOARD):  # nothing of a next case yet
            return DONE
        last_case = state.ending or state.case_index >= len(state.started.case_ids) - 1
        after_round = DONE if last_case else (
            SITUATION if state.started.scoreboard is Scoreboard.HIDDEN else SCOREBOARD)
        order = PLENARY_NEXT if state.mode is Mode.PLENARY else TEAM_NEXT
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
        if state.mode is Mode.PLENARY:
            tally = rnd.votes.get(2) or rnd.votes.get(1) or {}
        else:
            tally = Counter(rnd.actions.values())
        # the most chosen choice that leads to a stage (ties: the first in the case)
        stage, most = None, 0
        for choice in case.choices:
            count = tally.get(choice.id, 0)
            if count > most and choice.next and case.stage(choice.next):
                stage, most = choice.next, count
        return stage

    def stage_paths(self, state: SessionState) -> dict[str, str | None]:
        """Per team that chose an action, the stage its final action leads to (None: that
        choice has no follow-up). A team that chose nothing (skipped) is not in it: it did not
        choose a way without a follow-up. The room plays one stage (``room_stage``); the screen
        names whose choice led there and tells the other teams."""
        case = self.case(state)
        out: dict[str, str | None] = {}
        for team in state.teams:
            choice = case.choice(state.round.actions.get(team, ""))
            if choice is not None:
                out[team] = choice.next if choice.next and case.stage(choice.next) else None
        return out

    def stage_choices(self, state: SessionState) -> tuple[Choice, ...]:
        stage = self.case(state).stage(state.round.stage_id or "")
        return stage.choices if stage else ()

    def is_duplicate(self, state: SessionState, event: Event) -> bool:
        """Whether ``event``'s id was applied already (in this round or the one before)."""
        return bool(event.id) and _seen(state, event.id)

    # -- rules -------------------------------------------------------------------------------
    def check(self, state: SessionState, event: Event) -> Refusal | None:
        """Why ``event`` is not allowed now, or None when it is (a duplicate is allowed)."""
        rule = self.rules.get(type(event))
        if rule is None:
            return Refusal("unknown_event", {"type": event.type})
        if self.is_duplicate(state, event):
            return None
        return self._refusal(state, event, rule[0])

    @staticmethod
    def _refusal(state: SessionState, event: Event, checker: Check | None) -> Refusal | None:
        if (state.ended or state.phase == DONE) and type(event) not in AFTER_THE_END:
            return Refusal("finished")
        return checker(state, event) if checker else None

    def ensure_allowed(self, state: SessionState, event: Event) -> None:
        refusal = self.check(state, event)
        if refusal:
            raise EngineError(refusal)

    def _team(self, state: SessionState, team: str) -> Refusal | None:
        return None if team in state.teams else Refusal("unknown_team", {"team": team})

    def _check_session_started(self, state: SessionState, e: SessionStarted) -> Refusal:
        return Refusal("already_started")

    def _check_phase_advanced(self, state: SessionState, event: PhaseAdvanced) -> Refusal | None:
        expected = self.next_phase(state)
        return None if event.to == expected else Refusal(
            "next_phase", {"expected_phase": expected, "to_phase": event.to})

    def _check_factors_answered(self, state: SessionState, e: FactorsAnswered) -> Refusal | None:
        if state.phase != FACTORS:
            return Refusal("wrong_phase", {"allowed_phase": FACTORS})
        unknown = [f for f in e.factors if f not in self._factor_ids]
        if unknown:
            return Refusal("unknown_factor", {"factors": ", ".join(unknown)})
        return self._team(state, e.team)

    def _check_action_chosen(self, state: SessionState, e: ActionChosen) -> Refusal | None:
        if state.phase == ACTION and state.mode.has_teams:
            ids = [c.id for c in self.case(state).choices]
        elif state.phase == STAGE and state.mode.has_teams:
            ids = [c.id for c in self.stage_choices(state)]
        else:
            return Refusal("wrong_phase", {"allowed_phase": ACTION})
        if e.choice_id not in ids:
            return Refusal("choose_from", {"options": ", ".join(ids)})
        return self._team(state, e.team)

    def _check_reflection_written(self, state: SessionState,
                                  e: ReflectionWritten) -> Refusal | None:
        if state.phase != REFLECTION:
            return Refusal("wrong_phase", {"allowed_phase": REFLECTION})
        if not e.text.strip():
            return Refusal("empty_reflection")
        return self._team(state, e.team)

    def _check_reflection_drafted(self, state: SessionState,
                                  e: ReflectionDrafted) -> Refusal | None:
        if state.phase != REFLECTION:
            return Refusal("wrong_phase", {"allowed_phase": REFLECTION})
        # a team that handed in may still change its reflection until the step closes (on its
        # phone): its new draft is kept like any other
        return self._team(state, e.team)

    def _check_votes_counted(self, state: SessionState, e: VotesCounted) -> Refusal | None:
        if state.mode.has_teams:
            return Refusal("not_plenary")
        expected = {ACTION: 1, DISCUSSION: 2, STAGE: 1}.get(state.phase)
        if expected is None or e.round != expected:
            return Refusal("votes_not_now")
        choices = self.stage_choices(state) if state.phase == STAGE else self.case(state).choices
        ids = {c.id for c in choices}
        if set(e.counts) - ids:
            return Refusal("unknown_choice", {"choices": ", ".join(sorted(set(e.counts) - ids))})
        if any(not isinstance(v, int) or isinstance(v, bool) or v < 0
               for v in e.counts.values()):
            return Refusal("bad_count")
        return None

    def _check_score_overridden(self, state: SessionState, e: ScoreOverridden) -> Refusal | None:
        if state.phase not in (DISCUSSION, STAGE_REVEAL):
            return Refusal("wrong_phase", {"allowed_phase": DISCUSSION})
        if e.pillar not in self.framework.pillar_ids:
            return Refusal("unknown_pillar", {"pillar": e.pillar})
        if not 0 <= e.score <= 3:
            return Refusal("score_range")
        if not e.reason.strip():
            return Refusal("reason_missing")
        if e.team not in state.round.reflections:
            return Refusal("no_reflection", {"team": e.team})
        return self._team(state, e.team)

    def _check_action_reconsidered(self, state: SessionState,
                                   e: ActionReconsidered) -> Refusal | None:
        if state.phase != DISCUSSION:
            return Refusal("wrong_phase", {"allowed_phase": DISCUSSION})
        ids = [c.id for c in self.case(state).choices]
        if e.choice_id not in ids:
            return Refusal("choose_from", {"options": ", ".join(ids)})
        return self._team(state, e.team)

    def _check_step_back(self, state: SessionState, e: StepBack) -> Refusal | None:
        previous = PLENARY_PREVIOUS if state.mode is Mode.PLENARY else PREVIOUS
        if state.phase in previous or state.phase == SCOREBOARD:
            return None
        return Refusal("back_not_here")

    def _check_skipped(self, state: SessionState, e: Skipped) -> Refusal | None:
        if e.team is None:
            return None
        if e.team not in self.pending(state):
            return Refusal("not_your_turn", {"team": e.team})
        return None

    # -- fold --------------------------------------------------------------------------------
    def apply(self, state: SessionState, event: Event) -> SessionState:
        """The state after ``event`` (``EngineError`` when it is not allowed now). One check,
        one rule and one new state per event: a replay is linear in the number of events."""
        # (check, is_duplicate and _refusal written out: a replay comes here for every event)
        rule = self.rules.get(type(event))
        if rule is None:
            raise EngineError(Refusal("unknown_event", {"type": event.type}))
        last_seq = max(event.seq, state.last_seq)
        event_id = event.id
        if event_id and _seen(state, event_id):
            return self._new(state, last_seq=last_seq)
        checker, rule_of = rule
        if (state.ended or state.phase == DONE) and type(event) not in AFTER_THE_END:
            raise EngineError(Refusal("finished"))
        if checker is not None:
            refusal = checker(state, event)
            if refusal:
                raise EngineError(refusal)
        new = rule_of(state, event)
        # The rule made a new state (and a new round when it changed the round) for this event
        # alone, or (replaying) changed the one it was given: nothing else holds them, so the
        # event's seq and id are written into them instead of copying both once more.
        copying = not self._in_place
        if new is state and copying:
            new = evolve(state)
        new.__dict__["last_seq"] = last_seq
        if event_id:
            rnd = new.current
            if rnd is state.current and copying:
                rnd = new.__dict__["current"] = evolve(rnd)
            rnd.__dict__["seen"] = rnd.seen.add(event_id)
        return new

    def _with_round(self, state: SessionState, rnd: Round) -> SessionState:
        return self._new(state, current=rnd)

    def _record(self, state: SessionState, team: str, phase: str,
                **changes: object) -> SessionState:
        rnd = state.current
        entry = (phase, team)
        kept = tuple(x for x in rnd.order if x != entry) if entry in rnd.order else rnd.order
        changes["order"] = (*kept, entry)
        if entry in rnd.undone:
            changes["undone"] = {k: v for k, v in rnd.undone.items() if k != entry}
        return self._new(state, current=self._new(rnd, **changes))

    def _apply_session_started(self, state: SessionState, e: SessionStarted) -> SessionState:
        raise EngineError(Refusal("already_started"))

    def _apply_phase_advanced(self, state: SessionState, e: PhaseAdvanced) -> SessionState:
        if e.to == SITUATION and state.phase in (SCOREBOARD, DISCUSSION, STAGE_REVEAL):
            return self._new(state, case_index=state.case_index + 1, phase=SITUATION, timer=None,
                           played=state.played.append(state.current), current=Round())
        if e.to == STAGE:
            state = self._with_round(state, self._new(state.round, stage_id=self.room_stage(state)))
        if e.to == DONE:
            return self._new(state, phase=DONE, timer=None, cases_played=state.cases_under_way)
        return self._new(state, phase=e.to, timer=None)

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
        drafts = {t: d for t, d in state.round.drafts.items() if t != e.team}
        return self._record(state, e.team, REFLECTION, reflections=reflections, drafts=drafts)

    def _apply_reflection_drafted(self, state: SessionState,
                                  e: ReflectionDrafted) -> SessionState:
        drafts = dict(state.round.drafts)
        drafts[e.team] = e.text
        return self._with_round(state, self._new(state.round, drafts=drafts))

    def _apply_votes_counted(self, state: SessionState, e: VotesCounted) -> SessionState:
        votes = dict(state.round.votes)
        votes[e.round if state.phase != STAGE else 3] = dict(e.counts)
        return self._with_round(state, self._new(state.round, votes=votes))

    def _apply_score_overridden(self, state: SessionState, e: ScoreOverridden) -> SessionState:
        overrides = dict(state.round.overrides)
        overrides[(e.team, e.pillar)] = (e.score, e.reason)
        return self._with_round(state, self._new(state.round, overrides=overrides))

    def _apply_action_reconsidered(self, state: SessionState,
                                   e: ActionReconsidered) -> SessionState:
        rnd = state.round
        old = rnd.actions.get(e.team, "")
        actions = dict(rnd.actions)
        actions[e.team] = e.choice_id
        shifts = (*rnd.reconsiderations, (e.team, old, e.choice_id))
        return self._with_round(state, self._new(rnd, actions=actions, reconsiderations=shifts))

    def _apply_step_back(self, state: SessionState, e: StepBack) -> SessionState:
        """Undo the last input: an answer or skip in this phase, a re-vote, else go back a
        phase and undo the last input there (so that team is asked again)."""
        undone = self._undo_in_phase(state)
        if undone is not None:
            return undone
        if state.phase == SCOREBOARD:
            target = STAGE_REVEAL if state.round.stage_id else DISCUSSION
        else:
            previous = PLENARY_PREVIOUS if state.mode is Mode.PLENARY else PREVIOUS
            target = previous[state.phase]
        if state.phase == STAGE:
            state = self._with_round(state, self._new(state.round, stage_id=None))
        moved = self._new(state, phase=target, timer=None)
        if target in ANSWER_PHASES:
            return self._undo_in_phase(moved) or moved
        return moved

    def _undo_in_phase(self, state: SessionState) -> SessionState | None:
        rnd = state.round
        phase = state.phase
        if state.mode is Mode.PLENARY:
            key = {ACTION: 1, DISCUSSION: 2, STAGE: 3}.get(phase)
            if key is None or key not in rnd.votes:
                return None
            votes = {k: v for k, v in rnd.votes.items() if k != key}
            return self._with_round(state, self._new(rnd, votes=votes))
        mine = [x for x in rnd.order if x[0] == phase]
        if phase not in ANSWER_FIELDS or not mine:
            return None
        entry = mine[-1]
        team = entry[1]
        order = tuple(x for x in rnd.order if x != entry)
        if entry in rnd.skipped:
            return self._with_round(state, self._new(rnd, order=order,
                                                   skipped=rnd.skipped - {entry}))
        field_name = ANSWER_FIELDS[phase]
        answers = dict(getattr(rnd, field_name))
        removed = answers.pop(team, None)
        changes: dict[str, object] = {field_name: answers, "order": order}
        if phase == REFLECTION and isinstance(removed, str):
            changes["drafts"] = {**rnd.drafts, team: removed}  # back in the editor
        elif removed is not None:
            changes["undone"] = {**rnd.undone, entry: removed}  # back in the entry
        return self._with_round(state, self._new(rnd, **changes))

    def _check_taken_over(self, state: SessionState, e: TakenOver) -> Refusal | None:
        if e.team not in self.pending(state):
            return Refusal("not_your_turn", {"team": e.team})
        return None

    def _apply_taken_over(self, state: SessionState, e: TakenOver) -> SessionState:
        rnd = state.current
        return self._with_round(state, self._new(rnd, taken=rnd.taken | {(state.phase, e.team)}))

    def _apply_skipped(self, state: SessionState, e: Skipped) -> SessionState:
        if e.team is None:
            return state
        return self._record(state, e.team, state.phase,
                            skipped=state.round.skipped | {(state.phase, e.team)})

    def _apply_timer_started(self, state: SessionState, e: TimerStarted) -> SessionState:
        return self._new(state, timer=Timer(e.seconds, e.at))

    def _apply_timer_paused(self, state: SessionState, e: TimerPaused) -> SessionState:
        if state.timer is None or state.timer.paused_at is not None:
            return state
        return self._new(state, timer=self._new(state.timer, paused_at=e.at))

    def _apply_timer_resumed(self, state: SessionState, e: TimerResumed) -> SessionState:
        timer = state.timer
        if timer is None or timer.paused_at is None:
            return state
        pause = max(0.0, seconds_between(timer.paused_at, e.at))
        return self._new(state, timer=self._new(timer, paused_at=None,
                                            paused_total=timer.paused_total + pause))

    def _apply_timer_expired(self, state: SessionState, e: TimerExpired) -> SessionState:
        if state.timer is None:
            return state
        return self._new(state, timer=self._new(state.timer, expired=True))

    def _apply_session_paused(self, state: SessionState, e: SessionPaused) -> SessionState:
        return self._new(state, paused=True)

    def _apply_session_resumed(self, state: SessionState, e: SessionResumed) -> SessionState:
        return self._new(state, paused=False)

    def _apply_end_requested(self, state: SessionState, e: EndRequested) -> SessionState:
        return self._new(state, ending=e.end)

    def _apply_session_ended(self, state: SessionState, e: SessionEnded) -> SessionState:
        return self._new(state, ended=True, phase=DONE if e.reason == "done" else state.phase)

    # -- results (derived) -------------------------------------------------------------------
    def reflection_score(self, case: Case, text: str) -> ReflectionScore:
        """The automatic score of a reflection on ``case`` (scored once, then remembered)."""
        return self.scores(text, case.reflection)

    def score_ahead(self, state: SessionState) -> None:
        """Score every reflection handed in so far, before a report asks for them one by one
        (``ScoreCache.fill``: on several cores when there are many and it is safe)."""
        ids = state.started.case_ids
        self.scores.fill([(text, self.cases[ids[index]].reflection)
                          for index, rnd in enumerate(state.rounds)
                          for text in rnd.reflections.values()])

    def results(self, state: SessionState, case_index: int | None = None) -> list[TeamResult]:
        """Each team's result in one round (the current one by default)."""
        index = state.case_index if case_index is None else case_index
        rnd = state.rounds[index]
        known = self._results.get(index)
        if known is not None and known[0] is state.started and known[1] is rnd:
            return list(known[2])
        out = self._results_of(state, index, rnd)
        self._results[index] = (state.started, rnd, tuple(out))
        return out

    def _results_of(self, state: SessionState, index: int, rnd: Round) -> list[TeamResult]:
        case = self.cases[state.started.case_ids[index]]
        stage = case.stage(rnd.stage_id) if rnd.stage_id else None
        out = []
        for team in state.teams:
            factors = self._factor_score(case, rnd.factors.get(team, ()))
            action = rnd.actions.get(team)
            chosen = case.choice(action) if action else None
            stage_action = rnd.stage_actions.get(team)
            stage_choice = next((c for c in stage.choices if c.id == stage_action),
                                None) if stage else None
            reflection = None
            if team in rnd.reflections:
                reflection = self.reflection_score(case, rnd.reflections[team])
                for (who, pillar), (score, _) in rnd.overrides.items():
                    if who == team:
                        reflection = reflection.with_override(pillar, score)
            pillar_ids = self.framework.pillar_ids
            first = next((old for who, old, _ in rnd.reconsiderations if who == team), None)
            first_choice = case.choice(first) if first and first != action else None
            out.append(TeamResult(
                team, factors, action,
                choice_points(chosen.points, pillar_ids) if chosen else {},
                stage_action,
                choice_points(stage_choice.points, pillar_ids) if stage_choice else {},
                reflection, first_choice.id if first_choice else None,
                choice_points(first_choice.points, pillar_ids) if first_choice else {}))
        return out

    def _factor_score(self, case: Case, picked: Sequence[str]) -> FactorScore:
        """``score_factors`` for a pick on a case (remembered: in a long session teams pick the
        same factors on the same case again and again; a FactorScore never changes)."""
        key = (case.id, tuple(picked))
        found = self._factor_scores.get(key)
        if found is None or found[0] is not case:
            if len(self._factor_scores) >= MAX_FACTOR_SCORES:
                self._factor_scores.clear()
            factors = case.factors
            found = self._factor_scores[key] = (case, score_factors(
                picked, factors.decisive, factors.relevant, factors.distractor,
                self._visibility))
        return found[1]

    @staticmethod
    def counted_rounds(state: SessionState) -> range:
        """The rounds that count for totals and profiles: played ones, and the current one once
        teams have started choosing an action."""
        last = state.case_index if state.phase in (SITUATION, FACTORS) else state.case_index + 1
        return range(min(last, len(state.rounds)))

    def standings(self, state: SessionState) -> Standings:
        """Totals, stage totals and pillar profiles over the rounds played so far, in one pass
        (kept for the last state: a scoreboard asks for each team's profile in turn)."""
        if self._standings is not None and self._standings[0] is state:
            return self._standings[1]
        totals = dict.fromkeys(state.teams, 0)
        stages = dict.fromkeys(state.teams, 0)
        sums: dict[str | None, Counter[str]] = {key: Counter() for key in (*state.teams, None)}
        counts: Counter[str | None] = Counter()
        for index in self.counted_rounds(state):
            for result in self.results(state, index):
                totals[result.team] += result.total
                stages[result.team] += sum(result.stage_points.values())
                if result.reflection is None:
                    continue
                for who in (result.team, None):
                    counts[who] += 1
                    for pillar, score in result.reflection.pillars.items():
                        sums[who][pillar] += score.score
        pillar_ids = self.framework.pillar_ids
        profiles = {who: {p: (sums[who][p] / counts[who] if counts[who] else 0.0)
                          for p in pillar_ids} for who in sums}
        standings = Standings(totals, stages, profiles)
        self._standings = (state, standings)
        return standings

    def totals(self, state: SessionState) -> dict[str, int]:
        """Each team's total over the rounds played so far."""
        return dict(self.standings(state).totals)

    def stage_totals(self, state: SessionState) -> dict[str, int]:
        """Each team's points from second stages over the rounds played so far."""
        return dict(self.standings(state).stage_totals)

    def pillar_profile(self, state: SessionState, team: str | None = None) -> dict[str, float]:
        """Average reflection score per pillar, for one team or (None) the whole room."""
        profile = self.standings(state).profiles.get(team)
        return dict(profile) if profile is not None else dict.fromkeys(
            self.framework.pillar_ids, 0.0)

    def vote_profile(self, state: SessionState) -> dict[str, float]:
        """Plenary: the points per pillar of the actions the room voted for, weighted by hands
        (the re-vote when there was one), averaged over the rounds played so far."""
        sums: dict[str, float] = dict.fromkeys(self.framework.pillar_ids, 0.0)
        rounds = 0
        pillar_ids = self.framework.pillar_ids
        for index in self.counted_rounds(state):
            rnd = state.rounds[index]
            case = self.cases[state.started.case_ids[index]]
            counts = rnd.votes.get(2) or rnd.votes.get(1) or {}
            hands = sum(counts.values())
            if not hands:
                continue
            rounds += 1
            for choice in case.choices:
                points = choice_points(choice.points, pillar_ids)
                for pillar in pillar_ids:
                    sums[pillar] += points.get(pillar, 0) * counts.get(choice.id, 0) / hands
        return {p: (sums[p] / rounds if rounds else 0.0) for p in pillar_ids}
