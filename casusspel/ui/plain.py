"""The plain, line-based front end of a live session (``--plain``, or stdin/stdout not a terminal).

Same controller as the full-screen app, same prompts and commands as ever, one line at a time:
scripts (``printf '...' | casusspel play ...``), CI and screen readers keep working. All rules
live in ``casusspel.session.controller``; this module only draws and reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from rich.console import Console, RenderableType
from rich.segment import Segment, Segments
from rich.text import Text

from casusspel.errors import HandledInterrupt
from casusspel.messages import Messages
from casusspel.session.clock import format_seconds
from casusspel.session.controller import (
    DIALOG,
    FEEDBACK,
    PAUSED,
    REFLECTION_ASK,
    Ask,
    Controller,
)
from casusspel.session.engine import SessionState
from casusspel.session.journal import JournalError
from casusspel.session.options import final_scoreboard
from casusspel.session.phones import PhonePage
from casusspel.session.turns import Note, parse_command
from casusspel.ui import screens
from casusspel.ui.console import lose_output, output_gone, unless_gone
from casusspel.ui.ending import not_saved, resume_hint, write_session_reports
from casusspel.ui.prompts import Interrupted, Prompter
from casusspel.ui.qr import qr_text
from casusspel.ui.safe import literal

READABLE_WIDTH = 120  # longer lines are hard to follow on a projector


T = TypeVar("T")

class PlainSession:
    def __init__(self, controller: Controller, console: Console, prompter: Prompter,
                 msg: Messages, training: Path | None = None, *, ticker: bool = False,
                 phones: PhonePage | None = None) -> None:
        self.controller = controller
        self.console = console
        self.prompter = prompter
        self.msg = msg
        self.training = training  # a folder with leervragen.yaml: the report answers them
        self.ticker = ticker  # a thread rings at zero without a key press (real terminals)
        self._shown: tuple[object, ...] | None = None
        self.phones = phones
        self._typing = False  # a line from this keyboard is being handled
        self._seen: tuple[object, ...] = ()
        prompter.status = self.timer_status

    @property
    def state(self) -> SessionState:
        return self.controller.state

    # -- drawing -----------------------------------------------------------------------------
    def say(self, notes: list[Note]) -> None:
        for note in notes:
            if note.key == "help":
                self.console.print(Text(self.msg("help")))
                continue
            style = screens.NOTE_STYLES.get(note.level, "")
            self.console.print(literal(note.text(self.msg), style))
            if note.level == "alarm":
                self.console.bell()

    def clear(self) -> None:
        if self.console.is_terminal:
            self.console.clear()

    def show(self, renderable: RenderableType, *, wide: bool = False) -> None:
        """Print, paging long screens so nothing is cut off on a small terminal."""
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
                self.prompter.line(self.msg("more"))
                self.clear()
                self.print_header()

    def print_header(self) -> None:
        engine = self.controller.engine
        self.console.print(screens.header(self.state, engine.case(self.state), self.msg))

    def draw(self, ask: Ask) -> None:
        """Draw the step when it changed (not again after a refused answer or /help)."""
        key = (self.state.case_index, self.state.phase, ask.kind if ask.kind != DIALOG else "",
               ask.team if ask.kind != DIALOG else "", bool(ask.choices) and ask.kind == DIALOG)
        if key == self._shown:
            return
        self._shown = key
        if ask.kind == PAUSED:
            return
        width = self.console.size.width
        body = screens.phase_view(self.controller.engine, self.state, ask, self.msg, width)
        if ask.kind == FEEDBACK:
            self.show(body)
            return
        if ask.kind == DIALOG:
            if ask.choices:
                self.show(screens.choices_view(ask.choices,
                                               self.controller.engine.case(self.state).question))
            return
        self.clear()
        self.print_header()
        self.show(body, wide=self.state.phase == "reveal")

    def timer_status(self) -> Text | None:
        left = self.controller.remaining()
        if left is None:
            return None
        timer = self.state.timer
        if timer is not None and timer.paused_at is not None:
            return Text(self.msg("timer.paused", time=format_seconds(left)), style="bold yellow")
        if left <= 0:
            return Text(self.msg("timer.up"), style="bold red")
        return Text(self.msg("timer.left", time=format_seconds(left)), style="bold magenta")

    # -- the loop ----------------------------------------------------------------------------
    def run(self, notes: Sequence[Note] = ()) -> None:
        """Play to the end or to a stop; ``notes`` are said first."""
        stop = threading.Event()
        if self.ticker:
            threading.Thread(target=self._tick_loop, args=(stop,), daemon=True).start()
        unsubscribe: Callable[[], None] = lambda: None  # noqa: E731
        ctrl_c = False
        try:
            self.say(list(notes))
            unsubscribe = self.follow_phones()
            while not self.state.finished and not self.controller.stopped:
                self.step()
        except (Interrupted, KeyboardInterrupt) as stop_by:  # Ctrl-C also while drawing
            ctrl_c = not isinstance(stop_by, Interrupted) or stop_by.ctrl_c
            self.controller.suspend()
        except OSError:
            if not output_gone(self.console):
                raise
            # the terminal went away while something was drawn (the SIGHUP may come before or
            # after the write that failed): saved as for a SIGHUP at a prompt; a Ctrl-C that
            # came just before still ends the command as interrupted
            lose_output(self.console)
            kept = self.prompter.interrupts.pending
            ctrl_c = kept is not None and kept.ctrl_c
            self.controller.suspend()
        finally:
            stop.set()
            unsubscribe()
        if self.state.finished:
            self.finish()
            return
        self.save_and_exit()
        if ctrl_c:  # saved; the command says it was interrupted (130), /stop and Ctrl-D 0
            raise HandledInterrupt

    def _tick_loop(self, stop: threading.Event) -> None:
        while not stop.wait(1.0):
            note = self.controller.tick()
            if note is not None:
                with unless_gone(self.console):  # (the main thread saves and stops)
                    self.console.print()
                    self.say([note])

    def step(self) -> None:
        self.say([n for n in [self.controller.tick()] if n])
        ask = self.controller.ask()
        self.draw(ask)
        if ask.kind == REFLECTION_ASK:
            self.reflection(ask)
            return
        prompt = "" if ask.kind == PAUSED else self.msg(ask.key, **ask.params)
        if ask.remote:
            prompt += " " + self.msg("app.ask.remote")
        if ask.draft:  # an answer taken back with /terug: Enter keeps it
            prompt += " " + self.msg("answer.earlier", answer=ask.draft)
        if ask.kind == PAUSED:
            self.console.print(Text(self.msg("pause.screen"), style="bold yellow"))
        self.prompter.show_prompt(prompt)
        raw = self.prompter.read()
        self.handle(raw, ask.team)

    def handle(self, raw: str, team: str | None = None) -> None:
        self._typing = True
        try:
            self.say(self.saving(lambda: self.controller.enter(raw, team), raw))
        finally:
            self._typing = False

    # -- phones ------------------------------------------------------------------------------
    def follow_phones(self) -> Callable[[], None]:
        """Show the address and room code, then a line whenever a team joins or answers on
        its phone (this front end waits for a line, so it cannot redraw the question)."""
        if self.phones is None:
            return lambda: None
        page = self.phones
        self.console.print(qr_text(page.join_url))
        self.console.print(literal(self.msg("phones.started", url=page.url, code=page.code),
                                   "bold"))
        self.console.print(Text(self.msg("app.phones.wifi"), style="grey62"))
        if page.warning:
            self.console.print(literal(page.warning, "yellow"))
        self._seen = self.phone_facts()
        return self.controller.subscribe(self._phones_changed)

    def phone_facts(self) -> tuple[object, ...]:
        rnd = self.state.round
        return (frozenset(self.controller.joined), self.state.case_index, self.state.phase,
                frozenset(rnd.answers(self.state.phase)))

    def _phones_changed(self, state: SessionState) -> None:
        facts = self.phone_facts()
        before, self._seen = self._seen, facts
        if self._typing:
            return
        joined = sorted(set(facts[0]) - set(before[0]))  # type: ignore[call-overload]
        notes = [Note("plain.phones.joined", {"team": t}, "ok") for t in joined]
        if facts[1:3] == before[1:3]:
            notes += [Note("plain.phones.answered", {"team": t}, "ok") for t in state.teams
                      if t in facts[3] and t not in before[3]]  # type: ignore[operator]
        if notes:
            with unless_gone(self.console):  # (in the page's thread: the main one stops)
                self.console.print()
                self.say(notes)

    def saving(self, call: Callable[[], T], typed: str) -> T:
        """Run a controller call that writes the journal. When the write fails: say what was not
        saved, keep ``typed`` on screen and offer a retry (Enter) or to stop (exit code 1)."""
        while True:
            try:
                return call()
            except JournalError as exc:
                failed = not_saved(self.console, exc, typed, self.controller.session, self.msg)
                try:
                    self.prompter.show_prompt(self.msg("save.failed.retry"))
                    again = self.prompter.read()
                except Interrupted:
                    raise failed from None
                if again.strip():
                    raise failed from None

    def reflection(self, ask: Ask) -> None:
        """Lines until an empty line; each line is journaled as a draft at once. /terug takes
        the last line back; /pauze, /stop, Ctrl-C and Ctrl-D keep the draft (never hand it in)."""
        lines = ask.draft.splitlines()
        self.console.print(Text(self.msg("reflection.how"), style="grey62"))
        if lines:
            self.console.print(Text(self.msg("reflection.draft"), style="grey62"))
            self.console.print(literal(ask.draft))
        self.prompter.show_prompt(self.msg(ask.key, **ask.params))
        while True:
            raw = self.prompter.read()
            command = parse_command(raw)
            if command == "back" and lines:
                removed = lines.pop()
                self.saving(lambda: self.controller.draft("\n".join(lines), ask.team),
                            "\n".join(lines))
                self.console.print(literal(self.msg("reflection.removed", line=removed),
                                           "yellow"))
                continue
            if command in ("help", "unknown"):
                self.handle(raw)
                continue
            if command is not None:
                self.handle(raw)
                return
            if raw.strip():
                lines.append(raw)
                self.saving(lambda: self.controller.draft("\n".join(lines), ask.team),
                            "\n".join(lines))
                continue
            if lines:
                self.say(self.saving(lambda: self.controller.answer("\n".join(lines), ask.team),
                                     "\n".join(lines)))
                return
            self.say([Note("reflection.empty", {}, "warn")])

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> None:
        """The end on screen and the reports (written also when the terminal went away)."""
        engine = self.controller.engine
        session = self.controller.session
        with unless_gone(self.console):
            self.console.print(Text(self.msg("done.title"), style="bold"))
            early = screens.ended_early(self.state, self.msg)
            if early is not None:
                self.console.print(early)
            if final_scoreboard(self.state.mode, self.state.started.scoreboard):
                self.console.print(screens.scoreboard_view(engine, self.state, self.msg,
                                                           self.console.size.width))
            self.console.print(literal(self.msg("done.saved", folder=str(session.folder))))
        written = write_session_reports(session, self.msg, self.training)
        with unless_gone(self.console):
            for line, style in written:
                self.console.print(literal(line, style))

    def save_and_exit(self) -> None:
        with unless_gone(self.console):  # (SIGHUP: the journal has everything)
            self.console.print()
            self.console.print(literal(resume_hint(self.controller.session, self.msg),
                                       "bold green"), soft_wrap=True)  # one line: copy, paste
