"""Session events: what happened, as immutable data that round-trips through JSON.

Times are passed in (ISO strings); nothing here reads the clock. Each event type has a stable
``type`` name used in the journal.

Every event carries an ``id`` made by the client that sends it (a fresh uuid by default): the
engine applies an id once, so an answer sent twice (a phone that retries) changes nothing the
second time. Journals written before ids existed replay with an empty id (always applied).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any, ClassVar

from casusspel.session.options import Mode, Scoreboard


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Event:
    type: ClassVar[str] = "event"
    seq: int = field(default=0, kw_only=True)
    id: str = field(default_factory=new_id, kw_only=True)

    def to_json(self) -> dict[str, Any]:
        payload = {"type": self.type, **asdict(self)}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in payload.items()}


@dataclass(frozen=True)
class SessionStarted(Event):
    type: ClassVar[str] = "session_started"
    session_id: str
    created: str
    version: str
    mode: Mode
    teams: tuple[str, ...]
    case_ids: tuple[str, ...]
    scoreboard: Scoreboard = Scoreboard.COMPETITIVE
    timer_seconds: int | None = None
    lang: str = "nl"
    case_hashes: dict[str, str] = field(default_factory=dict)
    framework_hash: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    framework_source: str = ""  # the file the framework was copied from (checked on resume)

    def __post_init__(self) -> None:
        """The words from a journal ('plenary') become members (ValueError for others)."""
        object.__setattr__(self, "mode", Mode(self.mode))
        object.__setattr__(self, "scoreboard", Scoreboard(self.scoreboard))


@dataclass(frozen=True)
class PhaseAdvanced(Event):
    type: ClassVar[str] = "phase_advanced"
    to: str


@dataclass(frozen=True)
class FactorsAnswered(Event):
    type: ClassVar[str] = "factors_answered"
    team: str
    factors: tuple[str, ...]


@dataclass(frozen=True)
class ActionChosen(Event):
    type: ClassVar[str] = "action_chosen"
    team: str
    choice_id: str


@dataclass(frozen=True)
class ReflectionWritten(Event):
    type: ClassVar[str] = "reflection_written"
    team: str
    text: str


@dataclass(frozen=True)
class ReflectionDrafted(Event):
    """The text a team has typed so far (journaled while typing; never a submitted answer)."""

    type: ClassVar[str] = "reflection_drafted"
    team: str
    text: str


@dataclass(frozen=True)
class VotesCounted(Event):
    type: ClassVar[str] = "votes_counted"
    round: int
    counts: dict[str, int]


@dataclass(frozen=True)
class ScoreOverridden(Event):
    type: ClassVar[str] = "score_overridden"
    team: str
    pillar: str
    score: int
    reason: str


@dataclass(frozen=True)
class ActionReconsidered(Event):
    type: ClassVar[str] = "action_reconsidered"
    team: str
    choice_id: str


@dataclass(frozen=True)
class StepBack(Event):
    type: ClassVar[str] = "step_back"


@dataclass(frozen=True)
class Skipped(Event):
    type: ClassVar[str] = "skipped"
    team: str | None = None


@dataclass(frozen=True)
class TimerStarted(Event):
    type: ClassVar[str] = "timer_started"
    seconds: int
    at: str


@dataclass(frozen=True)
class TimerPaused(Event):
    type: ClassVar[str] = "timer_paused"
    at: str


@dataclass(frozen=True)
class TimerResumed(Event):
    type: ClassVar[str] = "timer_resumed"
    at: str


@dataclass(frozen=True)
class TimerExpired(Event):
    type: ClassVar[str] = "timer_expired"
    at: str


@dataclass(frozen=True)
class SessionPaused(Event):
    type: ClassVar[str] = "session_paused"
    at: str


@dataclass(frozen=True)
class SessionResumed(Event):
    type: ClassVar[str] = "session_resumed"
    at: str


@dataclass(frozen=True)
class SessionEnded(Event):
    type: ClassVar[str] = "session_ended"
    at: str
    reason: str = "done"


@dataclass(frozen=True)
class EndRequested(Event):
    """The trainer ends the session after the current case (``end``), or takes that back: the
    room then goes to the final scoreboard as after the last case."""

    type: ClassVar[str] = "end_requested"
    at: str
    end: bool = True


@dataclass(frozen=True)
class TakenOver(Event):
    """The trainer types ``team``'s answer for the current step at the laptop (/overnemen, F7)
    instead of the team's phone; the phone hands nothing in for that step. Journaled, so a
    resumed session still has the team at the keyboard there."""

    type: ClassVar[str] = "taken_over"
    team: str


# -- a training day (programme) -----------------------------------------------------------------
@dataclass(frozen=True)
class ProgrammeStarted(Event):
    type: ClassVar[str] = "programme_started"
    programme_id: str
    title: str
    source: str
    created: str
    teams: tuple[str, ...]


@dataclass(frozen=True)
class BlockStarted(Event):
    type: ClassVar[str] = "block_started"
    index: int
    session: str


@dataclass(frozen=True)
class BlockFinished(Event):
    type: ClassVar[str] = "block_finished"
    index: int


@dataclass(frozen=True)
class EvaluationGiven(Event):
    """One team's answers at an evaluation moment (no names: the team only)."""

    type: ClassVar[str] = "evaluation_given"
    index: int
    team: str
    scores: dict[str, int]
    answer: str = ""


@dataclass(frozen=True)
class SelfAssessed(Event):
    """One anonymous self-assessment per pillar (1-5) at a moment: start, end or followup."""

    type: ClassVar[str] = "self_assessed"
    moment: str
    scores: dict[str, int]
    at: str


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls for cls in (
        SessionStarted, PhaseAdvanced, FactorsAnswered, ActionChosen, ReflectionWritten,
        ReflectionDrafted, VotesCounted, ScoreOverridden, ActionReconsidered, StepBack, Skipped,
        TimerStarted, TimerPaused, TimerResumed, TimerExpired, SessionPaused, SessionResumed,
        SessionEnded, EndRequested, TakenOver,
        ProgrammeStarted, BlockStarted, BlockFinished, EvaluationGiven, SelfAssessed,
    )
}


@dataclass(frozen=True)
class _Shape:
    """What ``event_from_json`` needs to know of an event type (worked out once, not per line)."""

    names: frozenset[str]
    required: frozenset[str]
    defaults: tuple[tuple[str, object], ...]
    factories: tuple[tuple[str, Callable[[], object]], ...]
    checks: bool  # the type has a __post_init__ (enum fields), run after the fields are set


def _shape(cls: type[Event]) -> _Shape:
    own = fields(cls)
    return _Shape(
        frozenset(f.name for f in own),
        frozenset(f.name for f in own if f.default is MISSING and f.default_factory is MISSING),
        tuple((f.name, f.default) for f in own if f.default is not MISSING),
        tuple((f.name, f.default_factory) for f in own if f.default_factory is not MISSING),
        hasattr(cls, "__post_init__"))


_SHAPES: dict[type[Event], _Shape] = {cls: _shape(cls) for cls in EVENT_TYPES.values()}


class EventFormatError(ValueError):
    """A journal line that is not a valid event: why, as a message key (``key``) and its values
    (``values``), said by whoever shows it in the run's language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def event_from_json(payload: dict[str, Any]) -> Event:
    kind = payload.get("type")
    cls = EVENT_TYPES.get(str(kind))
    if cls is None:
        raise EventFormatError("journal.reason.event_kind", kind=kind)
    shape = _SHAPES[cls]
    names = shape.names
    # What the generated __init__ does, without its frozen-field setattr per field (every line
    # of a journal goes through here): defaults first, then what the line says.
    values: dict[str, Any] = dict(shape.defaults)
    values["id"] = ""  # a journal from before client ids: applied as it stands
    for key, value in payload.items():
        if key in names:
            values[key] = tuple(value) if isinstance(value, list) else value
    if not values.keys() >= shape.required:
        missing = shape.required - values.keys()
        raise EventFormatError("journal.reason.event_incomplete", kind=kind,
                               fields=", ".join(sorted(missing)))
    for name, factory in shape.factories:
        if name not in values:
            values[name] = factory()
    event = object.__new__(cls)
    object.__setattr__(event, "__dict__", values)
    if shape.checks:
        try:
            event.__post_init__()  # type: ignore[attr-defined]
        except ValueError:
            raise EventFormatError("journal.reason.event_mode", kind=kind) from None
    return event
