"""A training day being played: the run's folder, its journal and what the journal says (no screen).

A run lives in its own folder under the sessions folder: a copy of the programme
(``programma.yaml``) and a journal (``programma.jsonl``) of programme events. Each block of cases
is an ordinary session (so `sessions`, `resume` and `report` work on it); the run records which
session belongs to which block. Playing the same programme file again continues the unfinished run
where it stopped. The terminal (``casusspel.ui.programme_run``) asks and draws; everything it
decides with lives here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from casusspel.content.library import (
    builtin_framework_path,
    load_case_files,
    load_file,
    load_framework,
)
from casusspel.content.loader import read_text
from casusspel.content.model import Case, Framework
from casusspel.errors import UsageError
from casusspel.files import write_private
from casusspel.messages import Messages
from casusspel.session.clock import parse_duration
from casusspel.session.events import (
    BlockFinished,
    BlockStarted,
    EvaluationGiven,
    Event,
    ProgrammeStarted,
)
from casusspel.session.folders import (
    PROGRAMME_JOURNAL,
    Session,
    build_atomically,
    create_session,
    ensure_writable,
    new_session_id,
    open_session,
    session_language,
)
from casusspel.session.journal import Journal, JournalError, read_journal
from casusspel.session.lock import SessionLock
from casusspel.session.options import SessionOptions, teams_for
from casusspel.training.programme import (
    Block,
    CasesBlock,
    EvaluationBlock,
    Programme,
    SelfAssessmentBlock,
)

PROGRESS = PROGRAMME_JOURNAL
COPY = "programma.yaml"
REPORT = "verslag-programma.html"


# -- the fold ------------------------------------------------------------------------------------
@dataclass
class RunState:
    """What a programme journal says: the start, each block's session, the finished blocks and
    the evaluation answers."""

    started: ProgrammeStarted
    sessions: dict[int, str] = field(default_factory=dict)
    finished: set[int] = field(default_factory=set)
    evaluations: list[EvaluationGiven] = field(default_factory=list)

    def evaluations_of(self, index: int) -> list[EvaluationGiven]:
        return [e for e in self.evaluations if e.index == index]


def fold(events: list[Event]) -> RunState:
    first = events[0] if events else None
    if not isinstance(first, ProgrammeStarted):
        raise UsageError(Messages()("programme.not_a_run"))
    state = RunState(first)
    for event in events[1:]:
        if isinstance(event, BlockStarted):
            state.sessions[event.index] = event.session
        elif isinstance(event, BlockFinished):
            state.finished.add(event.index)
        elif isinstance(event, EvaluationGiven):
            state.evaluations.append(event)
    return state


def marks_per_question(evaluations: list[EvaluationGiven]) -> dict[str, list[int]]:
    """Every mark given to each question, in the order the questions were first answered."""
    marks: dict[str, list[int]] = {}
    for evaluation in evaluations:
        for question, mark in evaluation.scores.items():
            marks.setdefault(question, []).append(mark)
    return marks


def mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


#: fewer evaluation answers than this: the mean says little (said on screen and in the report)
FEW_ANSWERS = 3


# -- the programme file --------------------------------------------------------------------------
def load_programme(path: Path) -> Programme:
    """A valid programme whose cases all exist, or a UsageError that says how to find out why."""
    msg = Messages()
    loaded = load_file(path, "programme")
    if loaded.programme is None or loaded.has_errors:
        raise UsageError(msg("programme.invalid", path=str(path)))
    known = {c.id for c, _ in available_cases(path)}
    missing = [c for c in loaded.programme.case_ids if c not in known]
    if missing:
        raise UsageError(msg("programme.unknown_cases", cases=", ".join(missing),
                             path=str(path)))
    return loaded.programme


def framework_of(programme: Programme, folder: Path) -> Framework:
    """The framework a programme names (relative to its folder), or the built-in one."""
    return load_framework(folder / programme.framework if programme.framework else None)


def training_framework(training: Path) -> Framework:
    """The framework for self-assessments asked outside a run (``followup``, ``evaluation``): the
    one the programmes in the training folder name when they name one and the same, else the
    built-in one. Other files in the folder (cases, invalid programmes) are passed over."""
    named: set[Path] = set()
    for path in sorted([*training.glob("*.yaml"), *training.glob("*.yml")]):
        loaded = load_file(path)
        if loaded.programme is not None and not loaded.has_errors \
                and loaded.programme.framework:
            named.add((training / loaded.programme.framework).resolve())
    return load_framework(named.pop() if len(named) == 1 else None)


def available_cases(programme_path: Path) -> list[tuple[Case, Path]]:
    """The built-in deck plus the case files next to the programme (those win)."""
    found = {c.id: (c, p) for c, p in load_case_files()}
    found |= {c.id: (c, p) for c, p in load_case_files([programme_path.parent])}
    return list(found.values())


def needs_teams(programme: Programme) -> bool:
    """Evaluations and group or solo blocks are answered per team."""
    return any(isinstance(b, EvaluationBlock) or (isinstance(b, CasesBlock) and b.mode.has_teams)
               for b in programme.blocks)


# -- runs on disk ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RunInfo:
    folder: Path
    source: str
    title: str
    done: int
    blocks: int


def unfinished_runs(session_dir: Path) -> list[RunInfo]:
    """Every unfinished programme run, newest first (unreadable old runs are left out)."""
    runs: list[RunInfo] = []
    if not session_dir.is_dir():
        return runs
    for run in sorted(session_dir.iterdir(), reverse=True):
        if not (run / PROGRESS).is_file():
            continue
        try:
            events, _ = read_journal(run / PROGRESS)
            programme = load_programme(run / COPY)
            state = fold(events)
        except Exception:  # noqa: BLE001 - an unreadable old run must not stop the others
            continue
        if len(state.finished) < len(programme.blocks):
            runs.append(RunInfo(run, state.started.source, programme.title,
                                len(state.finished), len(programme.blocks)))
    return runs


def find_run(folder: Path, source: Path) -> Path | None:
    """The newest unfinished run of this programme file."""
    wanted = str(source.resolve())
    return next((run.folder for run in unfinished_runs(folder) if run.source == wanted), None)


def source_of(run_folder: Path) -> Path:
    """The programme file a run was started from, or the run's own copy when it is gone."""
    events, _ = read_journal(run_folder / PROGRESS)
    source = Path(fold(events).started.source)
    return source if source.is_file() else run_folder / COPY


class ProgrammeRun:
    """One run of a programme: every change is written to its journal before it counts."""

    def __init__(self, folder: Path, programme: Programme, journal: Journal, events: list[Event],
                 source: Path, lock: SessionLock, *, resumed: bool = False,
                 warnings: tuple[str, ...] = ()) -> None:
        self.folder = folder
        self.programme = programme
        self.journal = journal
        self.events = events
        self.state = fold(events)
        self.source = source
        self.lock = lock
        self.resumed = resumed
        self.warnings = warnings

    @property
    def training(self) -> Path:
        """The training folder: where the programme file is (learning questions,
        self-assessment)."""
        return self.source.parent

    @property
    def teams(self) -> tuple[str, ...]:
        return self.state.started.teams

    @property
    def done(self) -> int:
        return len(self.state.finished)

    def close(self) -> None:
        self.lock.release()

    def record(self, event: Event) -> None:
        """Durably first (flush + fsync), then in memory."""
        self.events.append(self.journal.append(event))
        self.state = fold(self.events)

    def pending(self) -> Iterator[tuple[int, Block]]:
        """The blocks still to do, in order (each is finished with ``finish``)."""
        for index, block in enumerate(self.programme.blocks):
            if index not in self.state.finished:
                yield index, block

    def finish(self, index: int) -> None:
        self.record(BlockFinished(index=index))

    @property
    def framework(self) -> Framework:
        """The programme's framework: its blocks are played and its self-assessments asked
        with it."""
        return framework_of(self.programme, self.training)

    def has_selfassessment(self) -> bool:
        return any(isinstance(b, SelfAssessmentBlock) for b in self.programme.blocks)

    def block_session(self, index: int, block: CasesBlock, lang: str, now: datetime) -> Session:
        """The block's session, opened for writing: the one it started before, or a new one."""
        sessions = self.folder.parent
        if index in self.state.sessions:
            return open_session(sessions / self.state.sessions[index], write=True)
        framework_path = (self.training / self.programme.framework
                          if self.programme.framework else builtin_framework_path())
        available = {c.id: (c, p) for c, p in available_cases(self.source)}
        teams = teams_for(block.mode, self.teams, Messages(lang)("mode.solo.team"))
        options = SessionOptions(block.mode, teams, block.scoreboard,
                                 parse_duration(block.timer) if block.timer else None, lang)
        session = create_session(
            sessions, [available[c] for c in block.cases], framework_path, self.framework,
            options, now=now)
        self.record(BlockStarted(index=index, session=session.id))
        return session

    def teams_to_evaluate(self, index: int) -> list[str]:
        """The teams that have not yet answered the evaluation of block ``index``."""
        done = {e.team for e in self.state.evaluations_of(index)}
        return [team for team in self.teams if team not in done]

    def evaluate(self, index: int, team: str, scores: dict[str, int], answer: str) -> None:
        self.record(EvaluationGiven(index=index, team=team, scores=scores,
                                    answer=answer.strip()))

    def write_report(self, text: str) -> Path:
        """The day's report (``verslag-programma.html``) in the run folder; OSError when the
        disk refuses."""
        target = self.folder / REPORT
        write_private(target, text.encode("utf-8"))
        return target


def language_of_run(run_folder: Path) -> str | None:
    """The language a run was played in: that of its first block's session (None before any
    block started, or when the journal cannot be read: opening the run says why)."""
    try:
        events, _ = read_journal(run_folder / PROGRESS)
        sessions = fold(events).sessions
    except (JournalError, UsageError):
        return None
    return next((found for index in sorted(sessions)
                 if (found := session_language(run_folder.parent / sessions[index]))), None)


def continue_run(run_folder: Path, source: Path) -> ProgrammeRun:
    """Take the lock of an existing run and read it back (the programme from the run's copy)."""
    lock = SessionLock(run_folder)
    lock.acquire()
    try:
        events, warnings = read_journal(run_folder / PROGRESS)
        programme = load_programme(run_folder / COPY)
        journal = Journal(run_folder / PROGRESS, len(events) + 1)
        return ProgrammeRun(run_folder, programme, journal, events, source, lock, resumed=True,
                            warnings=tuple(warnings))
    except BaseException:
        lock.release()
        raise


def start_run(path: Path, programme: Programme, session_dir: Path, teams: tuple[str, ...],
              now: datetime) -> ProgrammeRun:
    """A new run folder for ``programme`` (complete or not at all), locked."""
    teams = teams or programme.teams
    if not teams and needs_teams(programme):
        raise UsageError(Messages()("programme.needs_teams"))
    started = ProgrammeStarted(
        programme_id=programme.id, title=programme.title, source=str(path.resolve()),
        created=now.isoformat(timespec="seconds"), teams=teams)
    copy = read_text(path, str(path)).encode("utf-8")

    def build(staging: Path) -> Event:
        write_private(staging / COPY, copy)
        return Journal(staging / PROGRESS).append(started)

    run_folder = session_dir / f"{new_session_id(now)}-programma"
    events = [build_atomically(run_folder, build)]
    lock = SessionLock(run_folder)
    lock.acquire()
    return ProgrammeRun(run_folder, programme, Journal(run_folder / PROGRESS, 2), events, path,
                        lock)


def open_run(path: Path, session_dir: Path, teams: tuple[str, ...], now: datetime,
             run_folder: Path | None = None) -> ProgrammeRun:
    """The run to play for the programme file ``path``: ``run_folder`` or the unfinished run of
    this file (continued), else a new one. ``teams`` (from ``--teams``) replace the programme's
    teams in a new run."""
    programme = load_programme(path)
    ensure_writable(session_dir)
    run_folder = run_folder or find_run(session_dir, path)
    if run_folder is not None:
        return continue_run(run_folder, path)
    return start_run(path, programme, session_dir, teams, now)
