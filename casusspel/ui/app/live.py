"""The full-screen live round (Textual): renders the controller's state, turns keys into calls.

Top: where we are and the countdown. Middle: the step (the same rich renderables as the plain
front end), with the case beside it from 120 columns on (F2 shows it on a smaller screen).
Bottom: the question and a one-line entry, or the reflection editor; notes; the key bindings.
No rule of the round lives here: everything goes through ``casusspel.session.controller``.
"""

from __future__ import annotations

import math
import os
import signal
from collections.abc import Callable
from dataclasses import replace

from rich.align import Align
from rich.console import RenderableType
from rich.constrain import Constrain
from rich.panel import Panel
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from casusspel.messages import Messages
from casusspel.session.controller import (
    CHOICE,
    FACTORS_ASK,
    FINISHED,
    PAUSED,
    REFLECTION_ASK,
    Ask,
    Controller,
)
from casusspel.session.engine import ANSWER_PHASES, SessionState
from casusspel.session.journal import JournalError
from casusspel.session.options import final_scoreboard
from casusspel.session.phones import PhonePage
from casusspel.session.turns import Note
from casusspel.ui import screens
from casusspel.ui.app.widgets import Countdown, Entry, KeyLine
from casusspel.ui.phones_view import phones_short, phones_view
from casusspel.ui.safe import literal

WIDE = 120  # from this width the case stays beside the question
READABLE_WIDTH = 120  # longer lines are hard to follow on a projector
KEY_NAMES = {"pagedown": "PgDn", "pageup": "PgUp"}
#: keys left out of the footer, in this order, when it does not fit on one line even with less
#: space between the keys (they still work and F1's help lists them; F7 is also named in the
#: note that asks for it). Never left out: F10 Stop, F9 Afronden, F6 Telefoons and Ctrl-S
FOOTER_OPTIONAL = ("f2", "f3", "f7", "f5", "pagedown", "f1", "f4")
#: notes for a one-line answer that was not understood: the line stays in the entry to correct
REFUSED_ANSWERS = frozenset({"factors.invalid", "action.invalid"})
#: keys that do nothing during a pause (F5 or Enter goes on) or at the end: not offered there
#: (at the end the room code would only let phones join a session that is over)
NOT_WHILE_PAUSED = frozenset({"case", "step_back", "skip", "end"})
NOT_AT_THE_END = NOT_WHILE_PAUSED | {"pause", "phones"}
DRAFT_SECOND = 1.0  # a change is journaled as a draft at most this many seconds later
#: another quiet time than ``DRAFT_SECOND``, in seconds (the end-to-end tests wait less)
DRAFT_SECONDS_VARIABLE = "CASUSSPEL_DRAFT_SECONDS"
#: how often the clock is looked at: a quarter second, so the projector's countdown turns over
#: within a quarter second of the phones' (which count down from the same seconds left)
TICK = 0.25


def draft_quiet() -> float:
    """Seconds of quiet after which a changed draft is journaled: ``DRAFT_SECOND``, or a
    positive number of at most a minute in ``CASUSSPEL_DRAFT_SECONDS`` (read when the timer
    starts, so a process forked after import sees its own environment)."""
    try:
        chosen = float(os.environ.get(DRAFT_SECONDS_VARIABLE, ""))
    except ValueError:
        return DRAFT_SECOND
    return chosen if math.isfinite(chosen) and 0 < chosen <= 60 else DRAFT_SECOND


class StateChanged(Message):
    """The controller changed (maybe from another thread: a phone page later)."""


class LiveApp(App[str]):
    """Exits with 'done' (session finished), 'saved' (stopped, resumable), 'interrupted'
    (Ctrl-C or SIGINT: saved and resumable too, but the command exits with 130) or 'error'."""

    ENABLE_COMMAND_PALETTE = False
    CSS = """
    Screen { layout: vertical; }
    #top { height: 1; background: $boost; }
    #where { width: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #entry > .text-area--placeholder { color: $text 75%; }
    #phones-bar { width: auto; padding: 0 1; display: none; }
    #body { height: 1fr; }
    #case { width: 1fr; display: none; border-right: tall $primary; }
    #main { width: 1fr; }
    #status { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #notes { height: auto; max-height: 4; padding: 0 1; }
    #question { height: auto; padding: 0 1; text-style: bold; }
    #entry { height: 1; border: none; padding: 0 1; background: $boost; }
    #entry.multiline { height: 30%; min-height: 5; border: tall $border; padding: 0; }
    /* a reflection being written takes the room the step above does not need: a team that
       dictates sees its whole text (with the case beside it from WIDE columns, half each) */
    Screen.-writing #body { height: auto; }
    Screen.-writing #main { height: auto; max-height: 45vh; }  /* a long prompt scrolls (PgDn) */
    Screen.-writing #entry.multiline { height: 1fr; }
    Screen.-writing.-case-beside #body { height: 1fr; max-height: 100%; }
    """

    def __init__(self, controller: Controller, msg: Messages,
                 phones: PhonePage | None = None) -> None:
        super().__init__()
        self.controller = controller
        self.msg = msg
        self.phones = phones
        self.show_phones = phones is not None  # the code first, so the room can join
        #: the team the question on screen is for (the entry knows whose text it holds)
        self.asked_team: str | None = None
        self.notes: list[Note] = []
        if phones is not None and phones.warning:
            self.notes = [Note("phones.warning", {"text": phones.warning}, "warn")]
        self.error = ""
        self.failure: JournalError | None = None  # a write that failed: nothing more is written
        self.typed = ""  # the last text handed to the controller (shown again if not saved)
        self.rings = 0
        self.show_case = False
        self.show_help = False
        self._screen_key: tuple[object, ...] | None = None
        self._line_key: tuple[object, ...] | None = None
        self._draft_timer: Timer | None = None
        self._draft_lines = 0
        #: half-typed one-line answers per question, kept while another screen shows (a pause)
        self._lines: dict[tuple[object, ...], str] = {}
        #: a one-line answer typed but not handed in when the app closed (not saved)
        self.unsaved_line: tuple[str, str] | None = None
        self._redraw_queued = False
        self._acting = False
        self._footer: tuple[object, ...] = ()  # what the key line shows (see ``fit_footer``)
        self._unsubscribe: Callable[[], None] = lambda: None
        phone_key = [("f6", "phones", "key.phones"), ("f7", "take_over", "key.takeover")
                     ] if phones is not None else []
        for key, action, label in (
                ("f1", "help", "key.help"), ("f2", "case", "key.case"),
                ("f3", "step_back", "key.back"), ("f4", "skip", "key.skip"),
                ("f5", "pause", "key.pause"), *phone_key, ("f9", "end", "key.end"),
                ("f10", "stop", "key.stop"),
                ("pagedown", "page(1)", "key.more"),
                ("pageup", "page(-1)", ""), ("ctrl+l", "refresh", "")):
            shown = key.upper() if key.startswith("f") else KEY_NAMES.get(key)  # as in the help
            self._bindings.bind(key, action, msg(label) if label else "", key_display=shown,
                                priority=True)
        self._bindings.bind("escape", "escape", "", show=False, priority=True)
        for key, action in (("ctrl+c", "interrupt"), ("ctrl+d", "stop"), ("ctrl+q", "stop")):
            self._bindings.key_to_bindings[key] = [
                Binding(key, action, "", show=False, priority=True)]

    # -- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Countdown(id="clock")  # first: where the eye starts, never cut off
            yield Static(id="where")
            yield Static(id="phones-bar")
        with Horizontal(id="body"):
            # not focusable: every key goes to the entry, in the order it was typed
            with VerticalScroll(id="case", can_focus=False):
                yield Static(id="case-view")
            with VerticalScroll(id="main", can_focus=False):
                yield Static(id="main-view")
        yield Static(id="status")  # who answered (the names, never what): always in view
        yield Static(id="notes")
        yield Static(id="question")
        yield Entry(self.entry_submitted, self.entry_command, id="entry",
                    placeholder=self.msg("app.type"), submit_label=self.msg("key.submit"))
        yield KeyLine()

    def on_mount(self) -> None:
        self.set_interval(TICK, self.tick)
        # post_message is thread-safe and never waits: a front end in another thread that holds
        # the controller's lock while notifying cannot deadlock with this screen
        self._unsubscribe = self.controller.subscribe(self.changed)
        self.redraw()
        try:
            import asyncio

            loop = asyncio.get_running_loop()
            for name in ("SIGHUP", "SIGTERM"):
                if hasattr(signal, name):
                    loop.add_signal_handler(getattr(signal, name), self.action_stop)
            loop.add_signal_handler(signal.SIGINT, self.action_interrupt)  # kill -INT
        except (RuntimeError, NotImplementedError, ValueError):  # not the main thread
            pass

    def changed(self, state: SessionState) -> None:
        self.post_message(StateChanged())

    def on_state_changed(self, message: StateChanged) -> None:
        """One redraw for a burst of changes (thirty phones saving drafts at once)."""
        if not self._redraw_queued:
            self._redraw_queued = True
            self.call_later(self._queued_redraw)

    def _queued_redraw(self) -> None:
        self._redraw_queued = False
        self.redraw()

    def on_unmount(self) -> None:
        self._unsubscribe()

    def on_resize(self) -> None:
        self.call_after_refresh(self.redraw)  # renderables depend on the width

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only offer what makes sense now: read on when there is more (Ctrl-S: ``Entry``)."""
        if action == "escape":  # otherwise Escape is the entry's
            return self.show_help or self.controller.dialog_open()
        if action == "page":
            main = self.query_one("#main", VerticalScroll)
            return main.max_scroll_y > 0
        if action == "take_over":  # only while a team still to answer does so on its phone
            # (also while a question is open: F7 then says to answer or cancel it first)
            return self.controller.can_take_over()
        if action in NOT_AT_THE_END:
            kind = self.controller.ask().kind
            if kind == FINISHED or (kind == PAUSED and action in NOT_WHILE_PAUSED):
                return False
        return True

    # -- drawing -----------------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw the controller's current state (called after every change and on resize)."""
        if not self.is_running or self.return_value is not None or not self.query("#entry"):
            return
        controller = self.controller
        state = controller.state
        ask = controller.ask()
        key = (state.case_index, state.phase, ask.kind, ask.team, state.paused, ask.taken)
        changed = key != self._screen_key
        if changed and self._screen_key is not None and self._screen_key[:2] != key[:2]:
            # "C has answered" belongs to its step (a phone may have closed it since)
            self.notes = [n for n in self.notes if n.key != "answered"]
        self._screen_key = key
        self.notes += controller.take_news()  # a question a phone's answer made untrue
        engine = controller.engine
        case = engine.case(state)
        self.query_one("#where", Static).update(self.where(case.title))
        if self.phones is not None:
            bar = self.query_one("#phones-bar", Static)
            bar.display = True
            bar.update(phones_short(self.phones.code, state.teams, controller.joined, self.msg))
        self.asked_team = ask.team if ask.kind in (FACTORS_ASK, CHOICE, REFLECTION_ASK) else None
        self.update_clock()
        wide = self.size.width >= WIDE
        answering = state.phase in ANSWER_PHASES and ask.kind not in (PAUSED, FINISHED)
        case_pane = self.query_one("#case")
        main_pane = self.query_one("#main")
        case_pane.display = answering and (wide or self.show_case)
        main_pane.display = not (answering and self.show_case and not wide)
        if case_pane.display:
            self.query_one("#case-view", Static).update(
                screens.situation_view(case, engine.framework, self.msg))
        width = max(40, (self.size.width // 2 if case_pane.display and main_pane.display
                         else self.size.width) - 2)
        self.query_one("#main-view", Static).update(self.readable(ask, width))
        if changed:
            main_pane.scroll_home(animate=False)
        self.show_status(ask)
        writing = ask.kind == REFLECTION_ASK and not (self.show_help or self.show_phones)
        self.screen.set_class(writing, "-writing")
        self.screen.set_class(writing and case_pane.display, "-case-beside")
        self.query_one("#notes", Static).update(self.notes_text())
        self.query_one("#question", Static).update(self.question(ask))
        self.show_entry(ask, changed)
        self.call_after_refresh(self.fit_footer)

    def fit_footer(self) -> None:
        """The footer on one line: when the keys it shows now do not fit the width, first the
        space between them shrinks, then the keys of ``FOOTER_OPTIONAL`` are left out in that
        order; the keys a trainer needs to stop, end or let phones join always show. During a
        pause F5 says that it goes on."""
        keys = self._bindings.key_to_bindings
        label = self.msg("key.resume" if self.controller.state.paused else "key.pause")
        keys["f5"] = [replace(b, description=label) for b in keys.get("f5", [])]
        for key in FOOTER_OPTIONAL:
            keys[key] = [replace(b, show=True) for b in keys.get(key, [])]
        shown = [(key, b) for key, (_, b, _, _) in self.screen.active_bindings.items()
                 if b.show and self.check_action(b.action.partition("(")[0], ()) is not False]
        # " F1 Hulp " as Textual's footer draws a key, or "F1 Hulp " when compact
        compact = sum(self.key_cells(b, compact=False) for _, b in shown) > self.size.width
        footer_widget = self.query_one(KeyLine)
        footer_widget.compact = compact

        def cells(binding: Binding) -> int:
            return self.key_cells(binding, compact=compact)

        width = sum(cells(b) for _, b in shown)
        for key in FOOTER_OPTIONAL:
            if width <= self.size.width:
                break
            for _, binding in (item for item in shown if item[0] == key):
                keys[key] = [replace(b, show=False) for b in keys[key]]
                width -= cells(binding)
        footer = (compact, tuple(key for key, _ in shown), tuple(
            (key, b.show, b.description) for key in (*FOOTER_OPTIONAL, "f5") for b in keys[key]))
        if footer != self._footer:  # rebuilding every key on every redraw cost a fifth of
            self._footer = footer   # the app tests' time
            self.refresh_bindings()

    def key_cells(self, binding: Binding, *, compact: bool) -> int:
        """The columns one key takes in the footer (see Textual's ``FooterKey``)."""
        return len(self.get_key_display(binding)) + len(binding.description) + (
            2 if compact else 3)

    def show_status(self, ask: Ask) -> None:
        """Who answered and who was skipped, on its own line above the notes: at the end of a
        long step (the factor list) it scrolled away or was cut at 80 columns."""
        status = self.query_one("#status", Static)
        asking = ask.kind in (FACTORS_ASK, CHOICE, REFLECTION_ASK) and not (
            self.show_help or self.show_phones)
        text = screens.turn_status(ask, self.controller.state.mode, self.msg,
                                   self.size.width - 2) if asking else Text("")
        status.display = bool(text)
        status.update(text)

    def where(self, title: str) -> Text:
        """The top line: the step first (it must never be cut off), then case number and title."""
        state = self.controller.state
        text = Text(self.msg(f"phase.{state.phase}"), style="bold cyan", no_wrap=True,
                    overflow="ellipsis")
        if state.ending and not state.finished:  # /einde confirmed: this is the last case
            text.append("  ·  " + self.msg("where.last"), style="bold yellow")
        text.append("  ·  " + self.msg("header", n=state.case_index + 1,
                                        total=len(state.started.case_ids)), style="grey62")
        text.append("  ·  ")
        text.append_text(literal(title, "bold"))
        return text

    def readable(self, ask: Ask, width: int) -> RenderableType:
        """The step at most ``READABLE_WIDTH`` wide and centred (lines of 200 characters are hard
        to follow on a projector); the reveal's team panels use the width side by side."""
        if width <= READABLE_WIDTH or (
                self.controller.state.phase == "reveal" and not self.show_help):
            return self.body(ask, width)
        return Align.center(Constrain(self.body(ask, READABLE_WIDTH), READABLE_WIDTH))

    def body(self, ask: Ask, width: int) -> RenderableType:
        if self.show_help:
            return Panel(Text(self.msg("help") + "\n\n" + self.msg("app.keys")),
                         title=self.msg("key.help"), subtitle=self.msg("app.help.close"),
                         border_style="cyan")
        state = self.controller.state
        if self.show_phones and self.phones is not None:
            return phones_view(self.phones.url, self.phones.join_url, self.phones.code,
                               state.teams, self.controller.joined, self.controller.phones,
                               self.msg, width, max(10, self.size.height - 6))
        if ask.kind == PAUSED:
            return Panel(Text(self.msg("app.paused"), justify="center", style="bold"),
                         border_style="yellow", padding=(2, 4))
        if ask.kind == FINISHED:
            parts: list[RenderableType] = [Text(self.msg("done.title"), style="bold")]
            early = screens.ended_early(state, self.msg)
            if early is not None:
                parts.append(early)
            if final_scoreboard(state.mode, state.started.scoreboard):
                parts.append(screens.scoreboard_view(self.controller.engine, state, self.msg,
                                                     width))
            from rich.console import Group

            return Group(*parts)
        return screens.phase_view(self.controller.engine, state, ask, self.msg, width,
                                  status=False)  # who answered: on its own line (#status)

    def question(self, ask: Ask) -> Text:
        if self.show_phones and ask.kind != FINISHED:  # Enter first closes the code
            return Text(self.msg("app.phones.hint"), style="bold")
        if ask.kind == PAUSED:
            return Text(self.msg("app.paused.enter"), style="bold yellow")
        if ask.kind == FINISHED:
            return Text(self.msg("app.finished.enter"), style="bold")
        text = literal(self.msg(ask.key, **ask.params), "bold")
        if ask.remote:
            text.append("  " + self.msg("app.ask.remote"), style="cyan")
        elif ask.taken:
            text.append("  " + self.msg("app.ask.taken"), style="cyan")
        if ask.kind == REFLECTION_ASK:
            text.append("  " + self.msg("app.reflection.how"), style="grey62")
        if self.size.width < WIDE and self.controller.state.phase in ANSWER_PHASES:
            text.append("  " + self.msg("app.case.hint"), style="grey62")
        return text

    def notes_text(self) -> Text:
        text = Text()
        for note in self.notes[-3:]:
            if text:
                text.append("\n")
            style = screens.NOTE_STYLES.get(note.level, "")
            text.append_text(literal(note.text(self.msg), style))
        if self.error:
            text.append_text(literal(self.error, "bold red"))
        return text

    def show_entry(self, ask: Ask, changed: bool) -> None:
        """A new question starts with the team's draft (a reflection) or with what was typed
        for it before another screen came between (a pause, /terug, /overslaan). What the
        entry held before is kept: a reflection as its team's draft; a line, when a phone moved
        the question on (the team answered on its phone, or joined with one so the keyboard
        asks another team first), stays in the entry, still that team's: Enter says it was
        not used and leaves it there for the team asked now (see ``entry_submitted``)."""
        entry = self.query_one("#entry", Entry)
        if changed:
            previous, self._line_key = self._line_key, self._screen_key
            if entry.multiline:
                self.keep_draft(entry)
            elif entry.text.strip() and previous is not None:
                if not self._acting and ask.kind in (FACTORS_ASK, CHOICE):
                    if self.focused is not entry:
                        entry.focus()
                    return
                self._lines[previous] = entry.text
            key = self._screen_key
            writing = ask.kind == REFLECTION_ASK
            # a line typed for this question before, else the answer F3 took back to edit
            text = ask.draft if writing or key is None else (
                self._lines.pop(key, "") or ask.draft)
            entry.placeholder = self.msg("app.type.reflection" if writing else "app.type")
            # a phone team's entry belongs to nobody: nothing typed there is its draft or answer
            entry.show(text, team=None if ask.remote else ask.team, multiline=writing)
            self._draft_lines = text.count("\n")
        if self.focused is not entry:
            entry.focus()

    def update_clock(self) -> None:
        if self.return_value is not None:
            return
        timer = self.controller.state.timer
        paused = self.controller.state.paused or (timer is not None and
                                                  timer.paused_at is not None)
        try:
            countdown = self.query_one("#clock", Countdown)
        except NoMatches:  # the app is closing (a tick can come after the widgets are gone)
            return
        left = self.controller.remaining()
        countdown.display = left is not None
        countdown.show_time(left, paused=paused, msg=self.msg)

    # -- time --------------------------------------------------------------------------------
    def tick(self) -> None:
        """Four times a second: the countdown moves; at zero the bell rings and the room sees
        it."""
        if not self.query("#clock"):  # the screen is being taken down: the app closes
            return
        note = self.guarded(self.controller.tick)
        if isinstance(note, Note):
            self.rings += 1
            self.bell()
            self.notes = [note]
            self.redraw()
        else:
            self.update_clock()

    # -- input -------------------------------------------------------------------------------
    def guarded(self, call: Callable[[], object]) -> object:
        """Run a controller call; a journal that cannot be written ends the app (saved so far)."""
        try:
            return call()
        except JournalError as exc:
            self.error = str(exc)
            self.failure = exc
            self.exit("error")
            return None

    def act(self, call: Callable[[], list[Note]]) -> None:
        self.show_help = False
        notes = self.guarded(call)
        self.notes = [n for n in notes if n.key != "pause.screen"] if isinstance(
            notes, list) else []  # the pause has its own screen
        if any(n.key == "help" for n in self.notes):
            self.notes = [n for n in self.notes if n.key != "help"]
            self.show_help = True
        if self.controller.stopped:
            self.exit("saved")
            return
        self._acting = True  # this keyboard moved the question on (see ``show_entry``)
        try:
            self.redraw()
        finally:
            self._acting = False

    def entry_submitted(self, text: str) -> None:
        """Enter (or Ctrl-S) in the entry: called by the entry itself, before it handles the
        next key, so that key already meets the next question (see ``Entry``)."""
        entry = self.query_one("#entry", Entry)
        if self.show_phones and not text.strip():  # Enter on the code: the step comes back
            self.action_phones()
            return
        self.typed = text
        if self.controller.ask().kind == FINISHED:
            self.exit("done")
            return
        team = entry.team
        if entry.multiline:
            self.cancel_draft_timer()
            self.act(lambda: self.controller.answer(text, team=team))
            return
        entry.load_text("")
        asked = self._screen_key
        self.act(lambda: self.controller.enter(text, team=team))
        if not entry.multiline and any(
                n.key in ("keyboard.moved_on", "answer.not_now", "answer.not_now.draft",
                          "answer.remote")
                for n in self.notes):
            # not used: nothing typed is lost, the line is there to use for the asked team
            entry.show(text, team=self.asked_team, multiline=False)
        elif (not entry.multiline and self._screen_key == asked and text.strip()
              and not text.strip().startswith("/")
              and any(n.key in REFUSED_ANSWERS for n in self.notes)):
            # not understood ("3 99 abc"): the line stays to be corrected, not typed again
            entry.show(text, team=team, multiline=False)

    def entry_command(self, line: str) -> None:
        """A trainer command typed on its own line in a reflection."""
        self.save_draft()
        entry = self.query_one("#entry", Entry)
        if line.lower() in ("/terug", "/back") and entry.text.strip():
            lines = entry.text.rstrip("\n").split("\n")
            removed = lines.pop()
            entry.load_text("\n".join(lines) + "\n" if lines else "")
            entry.move_cursor(entry.document.end)
            self.save_draft()
            self.notes = [Note("reflection.removed", {"line": removed}, "warn")]
            self.redraw()
            return
        self.act(lambda: self.controller.enter(line))

    def on_text_area_changed(self, event: Entry.Changed) -> None:
        """Journal the draft at every new line, and at most a second after any other change
        (also while someone keeps typing), so a crash loses at most the last second."""
        if not self.query_one("#entry", Entry).multiline:
            return
        text = event.text_area.text
        lines = text.count("\n")
        if lines > self._draft_lines:
            self._draft_lines = lines
            self.save_draft()
            return
        self._draft_lines = lines
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(draft_quiet(), self.save_draft)

    def cancel_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def save_draft(self) -> None:
        self.cancel_draft_timer()
        if not self.query("#entry"):  # the app closes: the last draft in the journal counts
            return
        entry = self.query_one("#entry", Entry)
        if not entry.multiline or self.controller.ask().kind != REFLECTION_ASK:
            return
        text, team = entry.text, entry.team
        self.typed = text
        self.guarded(lambda: self.controller.draft(text, team))

    def keep_draft(self, entry: Entry) -> None:
        """Journal the reflection the entry holds for its team before it shows another
        question (another team's draft, when this team joined with a phone)."""
        self.cancel_draft_timer()
        text, team = entry.text, entry.team
        if text.strip() and team in self.controller.engine.pending(self.controller.state):
            self.guarded(lambda: self.controller.draft(text, team))

    def current_draft(self) -> str | None:
        entry = self.query_one("#entry", Entry)
        if not entry.multiline or self.controller.ask().kind != REFLECTION_ASK:
            return None
        return entry.text

    @property
    def current_draft_text(self) -> str | None:
        """The editor's text after the app closed (None when no reflection was being typed)."""
        try:
            return self.current_draft()
        except Exception:  # noqa: BLE001 - widgets are gone: the last journaled draft counts
            return None

    # -- actions (key bindings) ----------------------------------------------------------------
    def action_phones(self) -> None:
        """F6: the QR code, address and room code on the projector (again), or back."""
        self.show_phones = not self.show_phones and self.phones is not None
        self.redraw()

    def action_help(self) -> None:
        self.show_help = not self.show_help
        self.redraw()

    def action_escape(self) -> None:
        """Escape closes the help; else it cancels the question of a dialog (skip a team with a
        draft? end the session? an override): as /terug there, nothing is skipped or ended
        and a draft stays the team's."""
        if self.show_help:
            self.show_help = False
            self.redraw()
            return
        self.in_order(self._cancel_dialog)

    def _cancel_dialog(self) -> None:
        """The dialog as a whole (a re-vote too, not only its last count), when it is still
        open when its turn comes: a second Escape queued behind the first (a double tap) finds
        it gone and must not step back over an answer."""
        if self.controller.dialog_open():
            self.save_draft()
            self.act(self.controller.cancel_dialog)

    def action_page(self, direction: int) -> None:
        """PgDn/PgUp: read a long step (a reveal) page by page; the question stays below."""
        pane = self.query_one("#main" if self.query_one("#main").display else "#case",
                              VerticalScroll)
        if direction > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_refresh(self) -> None:
        self.refresh(layout=True)
        self.redraw()

    def action_case(self) -> None:
        self.show_case = not self.show_case
        self.redraw()

    def in_order(self, call: Callable[[], None]) -> None:
        """Run a key of the app (Ctrl-S, F3, F5, Ctrl-C, ...) after the keys typed before it:
        they wait in the entry's queue, so the call goes there too (see ``Entry``)."""
        entry = self.query_one("#entry", Entry)
        if not entry.call_later(call):  # the entry is gone (the app is closing)
            call()

    def action_step_back(self) -> None:
        self.in_order(lambda: self.command_key("/terug"))

    def action_skip(self) -> None:
        self.in_order(lambda: self.command_key("/overslaan"))

    def action_end(self) -> None:
        """F9: /einde, end the session after this case (asks to confirm)."""
        self.in_order(lambda: self.command_key("/einde"))

    def action_take_over(self) -> None:
        """F7: /overnemen, type here for the phone team asked now."""
        self.in_order(lambda: self.command_key("/overnemen"))

    def action_pause(self) -> None:
        self.in_order(lambda: self.command_key(
            "" if self.controller.state.paused else "/pauze"))

    def command_key(self, line: str) -> None:
        self.save_draft()
        self.act(lambda: self.controller.enter(line))

    def action_stop(self) -> None:
        """/stop, F10, Ctrl-D, SIGHUP, SIGTERM: save (the draft as a draft) and exit."""
        self.in_order(self.stop_now)

    def action_interrupt(self) -> None:
        """Ctrl-C, SIGINT: saved like /stop; the command then exits with 130 (interrupted)."""
        self.in_order(lambda: self.stop_now("interrupted"))

    def stop_now(self, result: str = "saved") -> None:
        self.cancel_draft_timer()
        draft = self.current_draft()
        self.keep_unsaved_line()
        self.guarded(lambda: self.controller.suspend(draft))
        if self.return_value is None:
            self.exit(result)

    def keep_unsaved_line(self) -> None:
        """A one-line answer typed but not handed in is not journaled: remember it, so the
        trainer is told after the app closed (with what it was)."""
        entry = self.query_one("#entry", Entry)
        if not entry.multiline and entry.text.strip() and entry.team:
            self.unsaved_line = (entry.team, entry.text.strip())
