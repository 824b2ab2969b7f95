"""`casusspel play programme.yaml`: a training day, block by block, resumable.

A run lives in its own folder under the sessions folder: a copy of the programme and a journal
(``programma.jsonl``) of programme events. Each block of cases is an ordinary session (so
`sessions`, `resume` and `report` work on it); the run records which session belongs to which
block. Playing the same programme file again continues the unfinished run where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from casusspel import __version__
from casusspel.content.library import (
    builtin_framework_path,
    load_case_files,
    load_file,
    load_framework,
)
from casusspel.content.loader import read_text
from casusspel.content.model import Case
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
    build_atomically,
    create_session,
    ensure_writable,
    new_session_id,
    open_session,
)
from casusspel.session.journal import Journal, read_journal
from casusspel.session.lock import SessionLock
from casusspel.session.phones import PhonePage, open_room
from casusspel.training.programme import (
    BreakBlock,
    CasesBlock,
    EvaluationBlock,
    Programme,
    SelfAssessmentBlock,
)
from casusspel.ui.console import make_console
from casusspel.ui.prompts import Command, Interrupted, Prompter
from casusspel.ui.safe import literal
from casusspel.ui.selfassessment_view import ask_marks, ask_teams, selfassessment_section

if TYPE_CHECKING:
    from casusspel.ui.live import PhoneStarter

PROGRESS = PROGRAMME_JOURNAL
COPY = "programma.yaml"


@dataclass
class RunState:
    started: ProgrammeStarted
    sessions: dict[int, str] = field(default_factory=dict)
    finished: set[int] = field(default_factory=set)
    evaluations: list[EvaluationGiven] = field(default_factory=list)


def fold(events: list[Event]) -> RunState:
    first = events[0]
    if not isinstance(first, ProgrammeStarted):
        raise UsageError("Dit logboek hoort niet bij een programma.")
    state = RunState(first)
    for event in events[1:]:
        if isinstance(event, BlockStarted):
            state.sessions[event.index] = event.session
        elif isinstance(event, BlockFinished):
            state.finished.add(event.index)
        elif isinstance(event, EvaluationGiven):
            state.evaluations.append(event)
    return state


def load_programme(path: Path) -> Programme:
    loaded = load_file(path, "programme")
    if loaded.programme is None or loaded.has_errors:
        raise UsageError(f"{path} is geen geldig programma. Kijk wat er mis is met: casusspel "
                         f"validate {path}")
    known = {c.id for c, _ in available_cases(path)}
    missing = [c for c in loaded.programme.case_ids if c not in known]
    if missing:
        raise UsageError(f"Het programma noemt casussen die niet bestaan: {', '.join(missing)}. "
                         f"Kijk wat er mis is met: casusspel validate {path}")
    return loaded.programme


def available_cases(programme_path: Path) -> list[tuple[Case, Path]]:
    """The built-in deck plus the case files next to the programme (those win)."""
    found = {c.id: (c, p) for c, p in load_case_files()}
    found |= {c.id: (c, p) for c, p in load_case_files([programme_path.parent])}
    return list(found.values())


def find_run(folder: Path, source: Path) -> Path | None:
    """The newest unfinished run of this programme file."""
    wanted = str(source.resolve())
    return next((run.folder for run in unfinished_runs(folder) if run.source == wanted), None)


class ProgrammeRun:
    def __init__(self, folder: Path, programme: Programme, journal: Journal, events: list[Event],
                 source: Path) -> None:
        self.folder = folder
        self.programme = programme
        self.journal = journal
        self.events = events
        self.state = fold(events)
        self.source = source
        self.msg = Messages()
        self.console = make_console()
        self.prompter = Prompter(self.console, self.msg)
        self.page: PhonePage | None = None

    def record(self, event: Event) -> None:
        """Durably first (flush + fsync), then in memory."""
        self.events.append(self.journal.append(event))
        self.state = fold(self.events)

    def run(self) -> None:
        try:
            for index, block in enumerate(self.programme.blocks):
                if index in self.state.finished:
                    continue
                self.console.rule(literal(self.block_title(index, block)), style="cyan")
                if isinstance(block, CasesBlock):
                    if not self.cases_block(index, block):
                        self.stopped()
                        return
                elif isinstance(block, BreakBlock):
                    self.break_block(block)
                elif isinstance(block, SelfAssessmentBlock):
                    ask_teams(self.source.parent, block.selfassessment, self.state.started.teams,
                              self.prompter, self.console)
                else:
                    self.evaluation_block(index, block)
                self.record(BlockFinished(index=index))
        except Interrupted:
            self.stopped()
            return
        self.console.print(literal(f"Het programma '{self.programme.title}' is klaar.",
                                   "bold green"))
        self.evaluation_summary()
        self.write_report()

    def block_title(self, index: int,
                    block: CasesBlock | BreakBlock | EvaluationBlock | SelfAssessmentBlock) -> str:
        total = len(self.programme.blocks)
        if isinstance(block, CasesBlock):
            name = block.title or f"{len(block.cases)} casus(sen)"
        else:
            name = block.title
        return f"Blok {index + 1} van {total}: {name}"

    def stopped(self) -> None:
        import shlex

        from casusspel.session.folders import continue_command

        command = continue_command(f"casusspel play {shlex.quote(str(self.source))}",
                                   self.folder)
        self.console.print(literal(f"Programma opgeslagen. Verder met: {command}", "bold green"),
                           soft_wrap=True)

    # -- blocks ------------------------------------------------------------------------------
    def cases_block(self, index: int, block: CasesBlock) -> bool:
        """Play the block's session (new or resumed); True when it is finished."""
        sessions = self.folder.parent
        if index in self.state.sessions:
            session = open_session(sessions / self.state.sessions[index], write=True)
        else:
            framework_path = (self.source.parent / self.programme.framework
                              if self.programme.framework else builtin_framework_path())
            available = {c.id: (c, p) for c, p in available_cases(self.source)}
            teams = self.state.started.teams
            if block.mode == "plenary":
                teams = ()
            elif block.mode == "solo":
                teams = teams[:1]
            session = create_session(
                sessions, [available[c] for c in block.cases], framework_path,
                load_framework(framework_path if self.programme.framework else None),
                mode=block.mode, teams=teams, scoreboard=block.scoreboard,
                timer_seconds=parse_duration(block.timer) if block.timer else None, lang="nl",
                version=__version__, now=datetime.now())
            self.record(BlockStarted(index=index, session=session.id))
        try:
            if not session.state.finished:
                from casusspel.ui.live import run_live

                page = self.page if block.mode == "group" else None
                run_live(session, self.msg, plain=True, training=self.source.parent,
                         console=self.console, prompter=self.prompter, page=page)
        finally:
            session.close()
        return session.state.finished

    def break_block(self, block: BreakBlock) -> None:
        title = literal(f"{block.title}\n{block.pause} minuten", "bold")
        title.justify = "center"
        self.console.print(Panel(title, border_style="cyan", padding=(1, 4)))
        self.ask(self.msg("continue"))

    def ask(self, prompt: str) -> str | None:
        """A line; /stop stops the programme, other commands return None."""
        answer = self.prompter.line(prompt)
        if isinstance(answer, Command):
            if answer.name == "stop":
                raise Interrupted
            return None
        return answer

    def evaluation_block(self, index: int, block: EvaluationBlock) -> None:
        done = {e.team for e in self.state.evaluations if e.index == index}
        questions = block.evaluation.questions
        self.console.print(Text("Evaluatie: elk team geeft een cijfer van 1 (helemaal niet) tot "
                                "5 (helemaal wel). /overslaan slaat een team over.",
                                style="grey62"))
        for team in self.state.started.teams:
            if team in done:
                continue
            scores = ask_marks(self.prompter, self.console,
                               {question: f"{team}: {question}" for question in questions})
            if scores is None:
                continue
            answer = self.ask(f"{team}: {block.evaluation.open}") or ""
            self.record(EvaluationGiven(index=index, team=team, scores=scores,
                                        answer=answer.strip()))
            self.console.print(literal(f"{team}: bewaard ✓", "bold green"))

    def write_report(self) -> None:
        """``verslag-programma.html`` in the run folder: blocks, evaluations, self-assessment."""
        import html

        esc = html.escape
        parts = [f"<h1>{esc(self.programme.title)}</h1>", "<h2>Blokken</h2><ol>"]
        for index, block in enumerate(self.programme.blocks):
            line = esc(self.block_title(index, block).split(": ", 1)[-1])
            if index in self.state.sessions:
                line += (f" — verslag: <code>casusspel report "
                         f"{esc(self.state.sessions[index])}</code>")
            parts.append(f"<li>{line}</li>")
        parts.append("</ol>")
        for index, block in enumerate(self.programme.blocks):
            if not isinstance(block, EvaluationBlock):
                continue
            given = [e for e in self.state.evaluations if e.index == index]
            parts.append(f"<h2>{esc(block.title)} (blok {index + 1}, {len(given)} teams)</h2>"
                         "<table><tr><th>vraag</th><th>gemiddeld (1-5)</th><th>n</th></tr>")
            marks = marks_per_question(given)
            for question in block.evaluation.questions:
                values = marks.get(question, [])
                parts.append(f"<tr><td>{esc(question)}</td><td>{mean_text(values)}</td>"
                             f"<td>{len(values)}</td></tr>")
            parts.append("</table>")
            answers = [e for e in given if e.answer]
            if answers:
                parts.append(f"<p><b>{esc(block.evaluation.open)}</b></p><ul>"
                             + "".join(f"<li>{esc(e.team)}: {esc(e.answer)}</li>"
                                       for e in answers) + "</ul>")
            if 0 < len(given) < 3:
                parts.append("<p><i>Met zo weinig antwoorden zegt het gemiddelde nog weinig."
                             "</i></p>")
        if any(isinstance(b, SelfAssessmentBlock) for b in self.programme.blocks):
            parts.append(selfassessment_section(self.source.parent, load_framework()))
        page = ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>'
                f"{esc(self.programme.title)}</title><style>body{{font-family:Arial,sans-serif;"
                "max-width:48rem;margin:2rem auto}@page{size:A4}td,th{padding:0 .8rem 0 0;"
                "text-align:left}</style></head><body>" + "".join(parts) + "</body></html>\n")
        target = self.folder / "verslag-programma.html"
        try:
            write_private(target, page.encode("utf-8"))
        except OSError as exc:
            self.console.print(literal(f"Het programmaverslag kon niet worden geschreven: {exc}",
                                       "yellow"))
            return
        self.console.print(literal(f"Verslag van de dag: {target}"))

    def evaluation_summary(self) -> None:
        if not self.state.evaluations:
            return
        table = Table(title="Evaluatie (gemiddelde, 1-5)", title_justify="left")
        table.add_column("vraag")
        table.add_column("gemiddeld", justify="right")
        table.add_column("antwoorden", justify="right")
        for question, values in marks_per_question(self.state.evaluations).items():
            table.add_row(literal(question), mean_text(values), str(len(values)))
        self.console.print(table)
        if len(self.state.evaluations) < 3:
            self.console.print(Text("Let op: met zo weinig antwoorden zegt het gemiddelde nog "
                                    "weinig.", style="yellow"))
        for evaluation in self.state.evaluations:
            if evaluation.answer:
                self.console.print(literal(f"• {evaluation.team}: {evaluation.answer}"))


def marks_per_question(evaluations: list[EvaluationGiven]) -> dict[str, list[int]]:
    marks: dict[str, list[int]] = {}
    for evaluation in evaluations:
        for question, mark in evaluation.scores.items():
            marks.setdefault(question, []).append(mark)
    return marks


def mean_text(values: list[int]) -> str:
    """'3,5' (Dutch decimal comma), or '-' without values."""
    return f"{sum(values) / len(values):.1f}".replace(".", ",") if values else "-"


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
        except Exception:  # noqa: BLE001 - an unreadable old run must not stop the others
            continue
        state = fold(events)
        if len(state.finished) < len(programme.blocks):
            runs.append(RunInfo(run, state.started.source, programme.title,
                                len(state.finished), len(programme.blocks)))
    return runs


def continue_run(run_folder: Path, phones: PhoneStarter | None = None) -> None:
    """`casusspel resume RUN`: go on with a programme run from its own folder."""
    events, _ = read_journal(run_folder / PROGRESS)
    source = Path(fold(events).started.source)
    play_programme(source if source.is_file() else run_folder / COPY, run_folder.parent, None,
                   phones, run_folder=run_folder)


def play_programme(path: Path, session_dir: Path, teams_option: str | None,
                   phones: PhoneStarter | None = None, run_folder: Path | None = None) -> None:
    programme = load_programme(path)
    ensure_writable(session_dir)
    run_folder = run_folder or find_run(session_dir, path)
    console = make_console()
    lock = None
    if run_folder is not None:
        lock = SessionLock(run_folder)
        lock.acquire()
        events, warnings = read_journal(run_folder / PROGRESS)
        for warning in warnings:
            console.print(literal(warning, "yellow"))
        programme = load_programme(run_folder / COPY)
        done = len(fold(events).finished)
        console.print(literal(f"Verder met het programma '{programme.title}' ({done} van "
                              f"{len(programme.blocks)} blokken klaar).", "bold"))
        journal = Journal(run_folder / PROGRESS, len(events) + 1)
    else:
        teams = programme.teams
        if teams_option:
            teams = tuple(dict.fromkeys(t.strip() for t in teams_option.split(",") if t.strip()))
        if not teams and any(isinstance(b, (EvaluationBlock,)) or (
                isinstance(b, CasesBlock) and b.mode != "plenary") for b in programme.blocks):
            raise UsageError("Dit programma heeft teams nodig: zet 'teams:' in het programma of "
                             "geef --teams 'Tafel 1,Tafel 2'.")
        started = ProgrammeStarted(
            programme_id=programme.id, title=programme.title, source=str(path.resolve()),
            created=datetime.now().isoformat(timespec="seconds"), teams=teams)
        copy = read_text(path, str(path)).encode("utf-8")

        def build(staging: Path) -> Event:
            write_private(staging / COPY, copy)
            return Journal(staging / PROGRESS).append(started)

        run_folder = session_dir / f"{new_session_id(datetime.now())}-programma"
        events = [build_atomically(run_folder, build)]
        lock = SessionLock(run_folder)
        lock.acquire()
        journal = Journal(run_folder / PROGRESS, 2)
    try:
        run = ProgrammeRun(run_folder, programme, journal, events, path)
        if phones is None:
            run.run()
            return
        # one phone page for the whole day: the same room code in every block; phones wait
        # between the blocks and during plenary and solo ones
        page = phones(open_room(run_folder, run.state.started.teams), run.msg, None)
        run.page = page
        try:
            run.run()
        finally:
            page.stop()
    finally:
        lock.release()
