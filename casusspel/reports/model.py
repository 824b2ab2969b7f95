"""The report of a session as typed, immutable data; every format is drawn from this.

``Report.to_json()`` gives the documented JSON shape (docs/rapport.md, ``REPORT_VERSION``); the
Markdown, HTML, CSV and terminal renderers read the typed fields, so mypy checks every lookup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from casusspel.scoring.game import FactorScore
from casusspel.scoring.types import Evidence, Flag
from casusspel.session.options import Mode, Scoreboard

REPORT_VERSION = 1
Status = Literal["played", "in_progress", "not_played"]


@dataclass(frozen=True)
class PillarInfo:
    id: str
    name: str
    short: str
    color: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "short": self.short, "color": self.color}


@dataclass(frozen=True)
class FrameworkInfo:
    id: str
    name: str
    pillars: tuple[PillarInfo, ...]

    @property
    def names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.pillars}

    @property
    def shorts(self) -> dict[str, str]:
        return {p.id: p.short for p in self.pillars}

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "pillars": [p.to_json() for p in self.pillars]}


@dataclass(frozen=True)
class ChoiceInfo:
    id: str
    text: str
    feedback: str
    points: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "feedback": self.feedback,
                "points": dict(self.points)}


@dataclass(frozen=True)
class Override:
    score: int
    reason: str


@dataclass(frozen=True)
class PillarResult:
    score: int
    automatic: int
    evidence: tuple[Evidence, ...]
    override: Override | None = None

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "automatic": self.automatic,
                "evidence": [e.to_json() for e in self.evidence],
                "override": ({"score": self.override.score, "reason": self.override.reason}
                             if self.override else None)}


@dataclass(frozen=True)
class ReflectionResult:
    text: str
    pillars: dict[str, PillarResult]
    total: int
    flags: tuple[Flag, ...]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text,
                "pillars": {pid: p.to_json() for pid, p in self.pillars.items()},
                "total": self.total,
                "flags": [{**f.to_json(), "question": f.question} for f in self.flags]}


@dataclass(frozen=True)
class Move:
    """An action reconsidered after discussion."""

    before: str
    after: str

    def to_json(self) -> dict[str, Any]:
        return {"from": self.before, "to": self.after}


@dataclass(frozen=True)
class TeamEntry:
    team: str
    factors: tuple[str, ...] | None
    factor_score: FactorScore | None
    action: ChoiceInfo | None
    action_points: int
    stage_action: ChoiceInfo | None
    stage_points: int
    reflection: ReflectionResult | None
    reconsiderations: tuple[Move, ...]
    total: int
    skipped: tuple[str, ...] = ()  # phases the trainer skipped this team in
    #: the factor score's marks in words, in the report's language
    factor_reasons: tuple[str, ...] = ()
    #: the reflection a team skipped at the reflection had typed (never handed in, not scored)
    draft: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "factors": list(self.factors) if self.factors is not None else None,
            "factor_score": (self.factor_score.to_json(self.factor_reasons)
                             if self.factor_score else None),
            "action": self.action.to_json() if self.action else None,
            "action_points": self.action_points,
            "stage_action": self.stage_action.to_json() if self.stage_action else None,
            "stage_points": self.stage_points,
            "reflection": self.reflection.to_json() if self.reflection else None,
            "reconsiderations": [m.to_json() for m in self.reconsiderations],
            "total": self.total,
            "skipped": list(self.skipped),
            "draft": self.draft,
        }


@dataclass(frozen=True)
class FactorKey:
    decisive: tuple[str, ...]
    relevant: tuple[str, ...]
    distractor: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"decisive": list(self.decisive), "relevant": list(self.relevant),
                "distractor": list(self.distractor)}


@dataclass(frozen=True)
class StageInfo:
    id: str
    title: str
    choices: tuple[ChoiceInfo, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "choices": [c.to_json() for c in self.choices]}


@dataclass(frozen=True)
class Votes:
    before: dict[str, int] | None
    after: dict[str, int] | None
    stage: dict[str, int] | None
    shift: float | None

    def to_json(self) -> dict[str, Any]:
        return {"before": self.before, "after": self.after, "stage": self.stage,
                "shift": self.shift}


@dataclass(frozen=True)
class Contested:
    """How much the room differed: 0 = all agreed, 1 = nobody agreed."""

    score: float
    factors: float | None
    action: float | None

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "factors": self.factors, "action": self.action}


@dataclass(frozen=True)
class CaseEntry:
    id: str
    title: str
    status: Status
    key: FactorKey
    factor_names: dict[str, str]
    choices: tuple[ChoiceInfo, ...]
    stage: StageInfo | None
    teams: tuple[TeamEntry, ...] = ()
    votes: Votes | None = None
    contested: Contested | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "status": self.status,
            "key": self.key.to_json(), "factor_names": dict(self.factor_names),
            "choices": [c.to_json() for c in self.choices],
            "stage": self.stage.to_json() if self.stage else None,
            "teams": [t.to_json() for t in self.teams],
            "votes": self.votes.to_json() if self.votes else None,
            "contested": self.contested.to_json() if self.contested else None,
        }


@dataclass(frozen=True)
class ContestedCase:
    case: str
    title: str
    contested: Contested

    def to_json(self) -> dict[str, Any]:
        return {"case": self.case, "title": self.title, **self.contested.to_json()}


@dataclass(frozen=True)
class Shift:
    """A change after discussion: a reconsidered action, an overridden score or a re-vote."""

    case: str
    title: str
    kind: Literal["action", "override", "vote"]
    size: float
    team: str | None = None
    before: Any = None
    after: Any = None
    pillar: str | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"case": self.case, "title": self.title, "team": self.team,
                               "kind": self.kind}
        if self.pillar is not None:
            out["pillar"] = self.pillar
        out.update({"from": self.before, "to": self.after})
        if self.reason is not None:
            out["reason"] = self.reason
        out["size"] = self.size
        return out


@dataclass(frozen=True)
class QuestionMatch:
    case: str
    title: str
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"case": self.case, "title": self.title, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class LearningQuestion:
    question: str
    cases: tuple[QuestionMatch, ...]

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "cases": [c.to_json() for c in self.cases]}


@dataclass(frozen=True)
class SessionInfo:
    id: str
    created: str
    mode: Mode
    scoreboard: Scoreboard
    casusspel: str
    finished: bool
    cases_played: int
    cases_total: int
    anonymised: bool
    lang: str = "nl"
    #: the trainer ended the session before every case was played (``/einde``)
    ended_early: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created, "mode": str(self.mode),
                "scoreboard": str(self.scoreboard), "casusspel": self.casusspel,
                "finished": self.finished, "cases_played": self.cases_played,
                "cases_total": self.cases_total, "anonymised": self.anonymised,
                "lang": self.lang, "ended_early": self.ended_early}


@dataclass(frozen=True)
class Report:
    session: SessionInfo
    framework: FrameworkInfo
    teams: tuple[str, ...]
    totals: dict[str, int]
    profiles: dict[str, dict[str, float]]
    room: dict[str, float]
    cases: tuple[CaseEntry, ...]
    contested: tuple[ContestedCase, ...] = ()
    shifts: tuple[Shift, ...] = ()
    learning_questions: tuple[LearningQuestion, ...] = ()
    version: int = field(default=REPORT_VERSION)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "session": self.session.to_json(),
            "framework": self.framework.to_json(),
            "teams": list(self.teams),
            "totals": dict(self.totals),
            "profiles": {team: dict(profile) for team, profile in self.profiles.items()},
            "room": dict(self.room),
            "cases": [c.to_json() for c in self.cases],
            "contested": [c.to_json() for c in self.contested],
            "shifts": [s.to_json() for s in self.shifts],
            "learning_questions": [q.to_json() for q in self.learning_questions],
        }
