"""The live session loop: read input -> event -> durable journal -> new state -> screen.

Every answer is written to the journal (flushed and fsynced) before the screen moves on, so a
crash, a closed laptop or Ctrl-C never loses what a team entered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from rich.console import Console, RenderableType
from rich.segment import Segment, Segments
from rich.text import Text

from casusspel.messages import Messages
from casusspel.session.engine import (
    ACTION,
    DISCUSSION,
    FACTORS,
    REFLECTION,
    REVEAL,
    SCOREBOARD,
    SITUATION,
    STAGE,
    STAGE_REVEAL,
    EngineError,
    SessionState,
)
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
    Skipped,
    StepBack,
    TimerExpired,
    TimerPaused,
    TimerResumed,
    TimerStarted,
    VotesCounted,
)
from casusspel.session.folders import Session
from casusspel.session.journal import JournalError
from casusspel.ui import screens
from casusspel.ui.prompts import Command, Interrupted, Prompter
from casusspel.ui.safe import literal, prose

Clock = Callable[[], datetime]


T = TypeVar("T")

class _Redo(Exception):
    """Start the current step again (after /terug, /overslaan, /pauze or a refused entry)."""


READABLE_WIDTH = 120  # longer lines are hard to follow on a projector


class _Cancel(Exception):
    """A dialog (score override, reconsideration) was cancelled with a command."""


class _Partial(Exception):
    """A command (or Ctrl-C) in the middle of a reflection, with the lines typed so far."""

    def __init__(self, command: Command) -> None:
        super().__init__(command.name)
        self.command = command


def parse_duration(text: str) -> int:
    """'5m', '90s', '1m30s' or '2' (minutes) -> seconds."""
    import re

    cleaned = text.strip().lower().replace(" ", "")
    if cleaned.isdigit():
        return int(cleaned) * 60
    match = re.fullmatch(r"(?:(\d+)m(?:in)?)?(?:(\d+)s(?:ec)?)?", cleaned)
    if not cleaned or not match or not any(match.groups()):
        raise ValueError(text)
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def format_seconds(seconds: int) -> str:
    return f"{max(0, seconds) // 60}:{max(0, seconds) % 60:02d}"


class LiveSession:
    def __init__(self, session: Session, console: Console, prompter: Prompter, msg: Messages,
                 clock: Clock = datetime.now, training: Path | None = None) -> None:
        self.training = training  # a folder with leervragen.yaml: the report answers them
        self.session = session
        self.console = console
        self.prompter = prompter
        self.msg = msg
        self.clock = clock
        self.engine = session.engine
        prompter.status = self.timer_status

    @property
    def state(self) -> SessionState:
        return self.session.state

    # -- plumbing ----------------------------------------------------------------------------
    def now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def record(self, event: Event) -> bool:
        try:
            self.session.record(event)
        except EngineError as exc:
            self.console.print(Text(str(exc), style="yellow"))
            return False
        except JournalError as exc:
            self.console.print(Text(str(exc), style="bold red"))
            raise Interrupted from None
        return True

    def advance(self) -> None:
        self.record(PhaseAdvanced(to=self.engine.next_phase(self.state)))

    def clear(self) -> None:
        if self.console.is_terminal:
            self.console.clear()

    def show(self, renderable: RenderableType, *, wide: bool = False) -> None:
        """Print, paging long screens so nothing is cut off on a small terminal.

        Text is kept to a readable width on a wide projector (``wide`` for side-by-side
        reveals); each next page starts on a clean screen instead of scrolling.
        """
        width = self.console.width if wide else min(self.console.width, READABLE_WIDTH)
        if not self.console.is_terminal:
            self.console.print(renderable, width=width)
            return
        options = self.console.options.update(width=width)
        lines = self.console.render_lines(renderable, options, pad=False)
        page = max(5, self.console.size.height - 3)
        for index, line in enumerate(lines, 1):
            self.console.print(Segments([*line, Segment.line()]), end="")
            if index % page == 0 and index < len(lines):
                self.ask(self.msg("more"))
                self.clear()
                self.print_header()

    def print_header(self) -> None:
        self.console.print(screens.header(self.state, self.engine.case(self.state), self.msg))

    def screen(self, *parts: RenderableType, wide: bool = False) -> None:
        self.clear()
        self.print_header()
        for part in parts:
            self.show(part, wide=wide)

    def ask(self, prompt: str, *, multi: bool = False, team: str | None = None) -> str:
        answer = self.prompter.lines(prompt) if multi else self.prompter.line(prompt)
        if isinstance(answer, Command):
            if answer.text:
                raise _Partial(answer)
            self.command(answer, team)
            raise _Redo
        return answer

    def command(self, command: Command, team: str | None) -> None:
        if command.name == "stop":
            raise Interrupted
        if command.name == "back":
            if self.record(StepBack()):
                self.console.print(Text(self.msg("back.done", phase=self.msg(
                    f"phase.{self.state.phase}")), style="yellow"))
        elif command.name == "skip":
            if team is not None:
                self.record(Skipped(team=team))
            else:
                self.advance()
        elif command.name == "pause":
            self.pause()

    def pause(self) -> None:
        self.record(SessionPaused(at=self.now()))
        if self.state.timer:
            self.record(TimerPaused(at=self.now()))
        self.console.print(Text(self.msg("pause.screen"), style="bold yellow"))
        answer = self.prompter.line("")
        if isinstance(answer, Command) and answer.name == "stop":
            raise Interrupted
        if self.state.timer:
            self.record(TimerResumed(at=self.now()))
        self.record(SessionResumed(at=self.now()))

    # -- timer -------------------------------------------------------------------------------
    def start_timer(self) -> None:
        seconds = self.state.started.timer_seconds
        if seconds and self.state.timer is None:
            self.record(TimerStarted(seconds=seconds, at=self.now()))

    def remaining(self) -> int | None:
        timer = self.state.timer
        if timer is None:
            return None
        until = datetime.fromisoformat(timer.paused_at) if timer.paused_at else self.clock()
        elapsed = (until - datetime.fromisoformat(timer.started)).total_seconds()
        return int(timer.seconds - elapsed)

    def timer_status(self) -> Text | None:
        left = self.remaining()
        if left is None:
            return None
        if left <= 0:
            if self.state.timer and not self.state.timer.expired:
                self.record(TimerExpired(at=self.now()))
                self.console.bell()
            return Text(self.msg("timer.up"), style="bold red")
        return Text(self.msg("timer.left", time=format_seconds(left)), style="bold magenta")

    # -- the loop ----------------------------------------------------------------------------
    def run(self) -> None:
        try:
            while not self.state.finished:
                try:
                    self.step()
                except _Redo:
                    continue
            self.finish()
        except Interrupted:
            self.save_and_exit()

    def step(self) -> None:
        phase = self.state.phase
        plenary = self.state.mode == "plenary"
        handlers: dict[str, Callable[[], None]] = {
            SITUATION: self.situation, FACTORS: self.factors,
            ACTION: self.plenary_votes if plenary else self.action,
            REFLECTION: self.reflection, REVEAL: self.reveal, DISCUSSION: self.discussion,
            STAGE: self.stage, STAGE_REVEAL: self.stage_reveal, SCOREBOARD: self.scoreboard,
        }
        handlers[phase]()

    def situation(self) -> None:
        case = self.engine.case(self.state)
        self.screen(screens.situation_view(case, self.engine.framework, self.msg))
        self.ask(self.msg("continue"))
        self.advance()

    def answer_loop(self, render: Callable[[], RenderableType],
                    answer: Callable[[str], Event | None], multi: bool = False) -> None:
        self.start_timer()
        while self.engine.pending(self.state):
            team = self.engine.pending(self.state)[0]
            done = [t for t in self.state.teams
                    if t not in self.engine.pending(self.state)]
            status = Text(self.msg("hidden"), style="grey62")
            if done and self.state.mode != "solo":
                status.append_text(literal("  " + self.msg("answered.list",
                                                           teams=", ".join(done)) + " ✓",
                                           "green"))
            self.screen(render(), status)
            prompt_key = {FACTORS: "factors.ask", ACTION: "action.ask", STAGE: "action.ask",
                          REFLECTION: "reflection.ask"}[self.state.phase]
            letters = " ".join(screens.LETTERS[:len(self.current_choices())])
            while True:
                try:
                    raw = self.ask(self.msg(prompt_key, team=team, letters=letters),
                                   multi=multi, team=team)
                except _Partial as partial:
                    self.keep_partial(partial.command, team, answer)
                    raise _Redo from None
                event = answer(raw) if raw.strip() else None
                if event is not None and self.record(self.with_team(event, team)):
                    break
            self.after_answer(team)
        self.advance()

    def keep_partial(self, command: Command, team: str,
                     answer: Callable[[str], Event | None]) -> None:
        """Save the lines a team typed before a command or Ctrl-C, then carry out the command."""
        event = answer(command.text)
        if event is not None and self.record(self.with_team(event, team)):
            self.console.print(literal(self.msg("reflection.kept", team=team), "green"))
        if command.name in ("stop", "pause"):
            self.command(command, team)

    @staticmethod
    def with_team(event: Event, team: str) -> Event:
        from dataclasses import replace

        return replace(event, team=team)  # type: ignore[call-arg]

    def after_answer(self, team: str) -> None:
        if self.state.mode == "solo":
            self.solo_feedback(team)
        else:
            self.console.print(Text(self.msg("answered", team=team), style="bold green"))

    def solo_feedback(self, team: str) -> None:
        case = self.engine.case(self.state)
        rnd = self.state.round
        phase = self.state.phase
        if phase == FACTORS:
            body: RenderableType = screens.factors_verdict(rnd.factors.get(team, ()), case,
                                                           self.engine.framework, self.msg)
        elif phase == ACTION and rnd.actions.get(team):
            chosen = case.choice(rnd.actions[team])
            body = prose(chosen.feedback if chosen else "")
        else:
            return
        self.show(screens.solo_feedback(body, self.msg))
        self.ask(self.msg("continue"))

    def current_choices(self) -> tuple:  # type: ignore[type-arg]
        if self.state.phase == STAGE:
            return self.engine.stage_choices(self.state)
        return self.engine.case(self.state).choices

    def parse_choice(self, raw: str) -> str | None:
        choices = self.current_choices()
        value = raw.strip().upper().rstrip(".")
        if len(value) == 1 and value in screens.LETTERS[:len(choices)]:
            return str(choices[screens.LETTERS.index(value)].id)
        if value.isdigit() and 1 <= int(value) <= len(choices):
            return str(choices[int(value) - 1].id)
        ids = {c.id.upper(): c.id for c in choices}
        if value in ids:
            return str(ids[value])
        letters = ", ".join(screens.LETTERS[:len(choices)])
        self.console.print(Text(self.msg("action.invalid", letters=letters), style="yellow"))
        return None

    def factors(self) -> None:
        framework = self.engine.framework
        ids = framework.factor_ids

        def parse(raw: str) -> Event | None:
            chosen = []
            for part in raw.replace(",", " ").replace(";", " ").split():
                if part.isdigit() and 1 <= int(part) <= len(ids):
                    chosen.append(ids[int(part) - 1])
                elif part.lower() in ids:
                    chosen.append(part.lower())
                else:
                    self.console.print(literal(self.msg("factors.invalid", value=part,
                                                        max=len(ids)), "yellow"))
                    return None
            if not chosen:
                self.console.print(Text(self.msg("factors.empty"), style="yellow"))
                return None
            return FactorsAnswered(team="", factors=tuple(chosen))

        width = self.console.size.width
        self.answer_loop(lambda: screens.factor_catalogue(framework, self.msg, width), parse)

    def action(self) -> None:
        case = self.engine.case(self.state)

        def parse(raw: str) -> Event | None:
            choice = self.parse_choice(raw)
            return ActionChosen(team="", choice_id=choice) if choice else None

        self.answer_loop(lambda: screens.choices_view(case.choices, case.question), parse)

    def reflection(self) -> None:
        case = self.engine.case(self.state)

        def parse(raw: str) -> Event | None:
            return ReflectionWritten(team="", text=raw)

        self.answer_loop(lambda: literal(case.reflection.prompt, "bold yellow"), parse,
                         multi=True)

    def stage(self) -> None:
        case = self.engine.case(self.state)
        stage = case.stage(self.state.round.stage_id or "")
        if stage is None:
            self.advance()
            return
        if self.state.mode == "plenary":
            self.screen(screens.situation_view(case, self.engine.framework, self.msg, stage),
                        screens.choices_view(stage.choices, stage.question))
            counts = self.ask_counts(stage.choices)
            self.record(VotesCounted(round=1, counts=counts))
            self.advance()
            return

        def parse(raw: str) -> Event | None:
            choice = self.parse_choice(raw)
            return ActionChosen(team="", choice_id=choice) if choice else None

        def render() -> RenderableType:
            from rich.console import Group

            return Group(screens.situation_view(case, self.engine.framework, self.msg, stage),
                         screens.choices_view(stage.choices, stage.question))

        self.answer_loop(render, parse)

    def reveal(self) -> None:
        if self.state.mode == "plenary":
            case = self.engine.case(self.state)
            from rich.console import Group

            feedback = [Text.assemble((f"{letter}. ", "bold yellow"), literal(c.text), "\n",
                                      prose(c.feedback, "italic"))
                        for letter, c in zip(screens.LETTERS, case.choices, strict=False)]
            self.screen(screens.votes_view(case.choices, self.state.round.votes.get(1, {}), None,
                                           self.msg, self.console.size.width),
                        Group(*feedback),
                        screens.persons_table(case, self.engine.framework, self.msg,
                                              reveal=True),
                        prose(case.expert))
        else:
            self.screen(screens.reveal_view(self.engine, self.state, self.msg,
                                            self.console.size.width), wide=True)
        self.ask(self.msg("continue"))
        self.advance()

    def discussion(self) -> None:
        case = self.engine.case(self.state)
        plenary = self.state.mode == "plenary"
        parts: list[RenderableType] = [screens.discussion_view(case, self.msg)]
        votes = self.state.round.votes
        if plenary and 2 in votes:
            parts.append(screens.votes_view(case.choices, votes.get(1, {}), votes[2], self.msg,
                                            self.console.size.width))
        self.screen(*parts)
        menu = self.msg("discussion.revote" if plenary else "discussion.menu")
        while True:
            choice = self.ask(menu).strip().lower()
            if not choice:
                self.advance()
                return
            if plenary and choice == "s":
                counts = self.ask_counts(case.choices)
                self.record(VotesCounted(round=2, counts=counts))
                raise _Redo
            if not plenary and choice == "s":
                self.override()
            elif not plenary and choice == "h":
                self.reconsider()

    def field(self, prompt: str, parse: Callable[[str], T | None], error: str) -> T:
        """One question of a dialog, asked again until the answer is valid.

        Any command other than /stop and /help cancels the whole dialog (raises _Cancel), so
        /terug inside the dialog never leaves the step.
        """
        while True:
            answer = self.prompter.line(prompt)
            if isinstance(answer, Command):
                if answer.name == "stop":
                    raise Interrupted
                self.console.print(Text(self.msg("dialog.cancelled"), style="yellow"))
                raise _Cancel
            value = parse(answer.strip())
            if value is not None:
                return value
            if error:
                self.console.print(literal(error, "yellow"))

    def pick_team(self) -> str:
        teams = self.state.teams
        listing = ", ".join(f"{n}={t}" for n, t in enumerate(teams, 1))

        def parse(raw: str) -> str | None:
            if raw.isdigit() and 1 <= int(raw) <= len(teams):
                return teams[int(raw) - 1]
            return raw if raw in teams else None

        return self.field(self.msg("override.team", teams=listing), parse,
                          self.msg("invalid", reason=self.msg("pick.number",
                                                              max=len(teams))))

    def override(self) -> None:
        try:
            team = self.pick_team()
            pillars = self.engine.framework.pillars
            results = {r.team: r for r in self.engine.results(self.state)}
            reflection = results[team].reflection
            if reflection is None:
                self.console.print(Text(self.msg("override.none", team=team), style="yellow"))
                return
            listing = ", ".join(f"{n}={p.label} ({reflection.pillars[p.id].score})"
                                for n, p in enumerate(pillars, 1))

            def parse_pillar(raw: str) -> str | None:
                if raw.isdigit() and 1 <= int(raw) <= len(pillars):
                    return pillars[int(raw) - 1].id
                return raw if raw in self.engine.framework.pillar_ids else None

            pillar = self.field(self.msg("override.pillar", pillars=listing), parse_pillar,
                                self.msg("invalid", reason=self.msg("pick.number",
                                                                    max=len(pillars))))
            score = self.field(self.msg("override.score"),
                               lambda raw: int(raw) if raw in ("0", "1", "2", "3") else None,
                               self.msg("override.score.invalid"))
            reason = self.field(self.msg("override.reason"), lambda raw: raw or None,
                                self.msg("override.reason.empty"))
        except _Cancel:
            return
        if self.record(ScoreOverridden(team=team, pillar=pillar, score=score, reason=reason)):
            label = self.engine.framework.pillar(pillar).label
            self.console.print(literal(self.msg("override.done", team=team, pillar=label,
                                                score=score, reason=reason), "green"))

    def reconsider(self) -> None:
        case = self.engine.case(self.state)
        try:
            team = self.pick_team()
            self.show(screens.choices_view(case.choices, case.question))
            letters = " ".join(screens.LETTERS[:len(case.choices)])
            choice = self.field(self.msg("action.ask", team=team, letters=letters),
                                self.parse_choice, "")
        except _Cancel:
            return
        old = self.state.round.actions.get(team, "")
        if self.record(ActionReconsidered(team=team, choice_id=choice)):
            self.console.print(literal(self.msg(
                "reconsider.done", team=team, new=screens.letter_of(case.choices, choice),
                old=screens.letter_of(case.choices, old)), "green"))

    def plenary_votes(self) -> None:
        case = self.engine.case(self.state)
        self.start_timer()
        self.screen(screens.choices_view(case.choices, case.question))
        counts = self.ask_counts(case.choices)
        if self.record(VotesCounted(round=1, counts=counts)):
            self.advance()

    def ask_counts(self, choices: tuple) -> dict[str, int]:  # type: ignore[type-arg]
        counts: dict[str, int] = {}
        for letter, choice in zip(screens.LETTERS, choices, strict=False):
            while True:
                raw = self.ask(self.msg("votes.ask", letter=letter)).strip()
                if raw.isdigit():
                    counts[choice.id] = int(raw)
                    break
                self.console.print(Text(self.msg("votes.invalid"), style="yellow"))
        return counts

    def stage_reveal(self) -> None:
        self.screen(screens.stage_reveal_view(self.engine, self.state, self.msg))
        self.ask(self.msg("continue"))
        self.advance()

    def scoreboard(self) -> None:
        self.screen(screens.scoreboard_view(self.engine, self.state, self.msg,
                                            self.console.size.width))
        self.ask(self.msg("continue"))
        self.advance()

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> None:
        if not self.state.ended:
            self.record(SessionEnded(at=self.now(), reason="done"))
        self.console.print(Text(self.msg("done.title"), style="bold"))
        if self.state.started.scoreboard != "hidden" and self.state.mode != "solo":
            self.console.print(screens.scoreboard_view(self.engine, self.state, self.msg,
                                                       self.console.size.width))
        self.console.print(literal(self.msg("done.saved", folder=str(self.session.folder))))
        self.write_reports()

    def write_reports(self) -> None:
        """Markdown and HTML reports into the session folder; a failure never costs the session."""
        from casusspel.reports import build_report, write_reports

        try:
            from casusspel.training.programme import read_questions

            questions = read_questions(self.training) if self.training else []
            report = build_report(self.engine, self.state, learning_questions=questions)
            paths = write_reports(report, self.session.folder)
        except Exception as exc:  # noqa: BLE001 - the journal is safe; say so and go on
            self.console.print(literal(self.msg("report.failed", error=str(exc),
                                                id=self.session.id), "yellow"))
            return
        for path in paths:
            self.console.print(literal(self.msg("report.written", path=str(path))))

    def save_and_exit(self) -> None:
        if not self.state.finished:
            try:
                self.session.record(SessionPaused(at=self.now()))
            except Exception:  # noqa: BLE001 - never lose the exit on a second problem
                pass
        self.console.print()
        from casusspel.session.folders import resume_command

        self.console.print(literal(self.msg("saved", command=resume_command(self.session.folder)),
                                   "bold green"), soft_wrap=True)  # one line: copy and paste
