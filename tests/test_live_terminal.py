"""The live session on a real terminal console (paging path) with scripted keys, including
Ctrl-C, Ctrl-D and commands in the middle of a multi-line reflection."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console

from casusspel.content.library import builtin_framework_path, load_framework
from casusspel.errors import HandledInterrupt
from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.events import ReflectionWritten, ScoreOverridden
from casusspel.session.folders import Session, create_session, open_session
from casusspel.session.journal import read_journal
from casusspel.session.options import SessionOptions
from casusspel.ui.plain import PlainSession
from casusspel.ui.prompts import Command, Prompter
from tests.conftest import builtin_deck

Key = str | type[BaseException]
BEFORE_REFLECTION = ["", "12 13", "9", "b", "c"]  # situation, factors x2, actions x2


class PagingPrompter(Prompter):
    """Presses Enter at every '— Enter voor meer —' page by itself, so scripts stay readable."""

    def line(self, prompt: str) -> str | Command:
        if prompt == self.msg("more"):
            self.show_prompt(prompt)
            return ""
        return super().line(prompt)


def new_session(tmp_path: Path, case_id: str = "tolk-aan-tafel") -> Session:
    cases = [(c, p) for c, p in builtin_deck() if c.id == case_id]
    return create_session(tmp_path, cases, builtin_framework_path(), load_framework(),
                          SessionOptions(teams=("Tafel 1", "Tafel 2")),
                          now=datetime(2026, 11, 23, 10, 0))


def run(session: Session, keys: list[Key], *, height: int = 24) -> str:
    """Play with ``keys`` on an 80-column terminal console; returns what the screen showed."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, height=height,
                      color_system=None, highlight=False, emoji=False, legacy_windows=False)
    feed: Iterator[Key] = iter(keys)

    def reader() -> str:
        key = next(feed, EOFError)
        if isinstance(key, str):
            return key
        raise key()

    messages = Messages()
    controller = Controller(session, lambda: datetime(2026, 11, 23, 10, 0))
    if session.state.paused:  # as `casusspel resume` does
        controller.resume()
    interrupted = False
    try:
        PlainSession(controller, console, PagingPrompter(console, messages, reader=reader),
                     messages).run()
    except HandledInterrupt:  # saved; the command exits with 130
        interrupted = True
    assert interrupted == (KeyboardInterrupt in keys)  # Ctrl-C only, not /stop or Ctrl-D
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())


def reflections(folder: Path) -> list[ReflectionWritten]:
    events, _ = read_journal(folder / "journal.jsonl")
    return [e for e in events if isinstance(e, ReflectionWritten)]


def test_paged_screens_keep_their_line_breaks(tmp_path: Path) -> None:
    screen = run(new_session(tmp_path), [*BEFORE_REFLECTION, "/stop"], height=60)
    assert "onthulling.Tafel" not in screen and "onthulling.Typ" not in screen
    assert "De antwoorden blijven verborgen tot de onthulling.\n" in screen
    long = [line for line in screen.splitlines() if len(line) > 80]
    assert [line.split(":")[0] for line in long] == ["Opgeslagen. Verder spelen"]  # soft-wrapped


def drafts(folder: Path) -> dict[str, str]:
    return open_session(folder).state.round.drafts


def test_ctrl_c_in_the_middle_of_a_reflection_keeps_the_draft_without_handing_it_in(
        tmp_path: Path) -> None:
    session = new_session(tmp_path)
    screen = run(session, [*BEFORE_REFLECTION, "Eerste regel van tafel 1.", "Tweede regel.",
                           KeyboardInterrupt])
    assert reflections(session.folder) == []  # Ctrl-C never hands a reflection in
    assert drafts(session.folder) == {"Tafel 1": "Eerste regel van tafel 1.\nTweede regel."}
    assert "Opgeslagen. Verder spelen: casusspel resume" in screen
    assert f"--session-dir {tmp_path}" in screen  # the exact command that works
    resumed = run(open_session(session.folder), ["Derde regel.", ""], height=60)
    assert "Eerste regel van tafel 1." in resumed  # the draft is back on screen
    [written] = reflections(session.folder)
    assert written.text == "Eerste regel van tafel 1.\nTweede regel.\nDerde regel."


def test_ctrl_d_on_a_continuation_line_saves_the_draft_and_exits(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    screen = run(session, [*BEFORE_REFLECTION, "Regel voor Ctrl-D.", EOFError, "niet gelezen"])
    assert reflections(session.folder) == []
    assert drafts(session.folder) == {"Tafel 1": "Regel voor Ctrl-D."}
    assert "Opgeslagen. Verder spelen" in screen


def test_commands_work_on_continuation_lines(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    screen = run(session, [*BEFORE_REFLECTION, "Regel een.", "Foute regel.", "/terug",
                           "Regel twee.", "/help", "", "Tafel 2: eerste regel.", "/stop"])
    assert [(r.team, r.text) for r in reflections(session.folder)] == [
        ("Tafel 1", "Regel een.\nRegel twee.")]
    assert drafts(session.folder) == {"Tafel 2": "Tafel 2: eerste regel."}  # /stop: a draft
    assert "Regel weggehaald: Foute regel." in screen
    assert "Opdrachten die overal werken" in screen
    resumed = open_session(session.folder)
    assert resumed.engine.pending(resumed.state) == ("Tafel 2",)


def test_pause_in_a_reflection_keeps_the_draft_and_the_team_goes_on(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    screen = run(session, [*BEFORE_REFLECTION, "Half af.", "/pauze", "", "en nu af.", "",
                           "/stop"], height=60)
    assert "Pauze." in screen
    assert [(r.team, r.text) for r in reflections(session.folder)] == [
        ("Tafel 1", "Half af.\nen nu af.")]


def test_back_at_the_first_prompt_of_a_step_goes_to_the_previous_team(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    screen = run(session, [*BEFORE_REFLECTION, "/terug", "a", "Tekst.", "", "/terug", "/stop"],
                 height=60)
    assert "Terug naar: Keuze" in screen
    events, _ = read_journal(session.folder / "journal.jsonl")
    chosen = [(e.team, e.choice_id) for e in events if e.type == "action_chosen"]  # type: ignore[attr-defined]
    assert chosen == [("Tafel 1", "b"), ("Tafel 2", "c"), ("Tafel 2", "a")]
    # /terug after Tafel 1 handed in: its reflection is back as a draft, not lost
    assert drafts(session.folder) == {"Tafel 1": "Tekst."}
    assert reflections(session.folder)[0].text == "Tekst."


def test_override_dialog_asks_again_and_terug_cancels_it(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    keys: list[Key] = [*BEFORE_REFLECTION, "We regelen een tolk.", "", "Wij vragen door.", "",
                       "",                                     # reveal -> discussion
                       "s", "9", "2", "7", "2", "4", "1", "", "eerlijk besproken",
                       "s", "1", "/terug",                     # cancel a second override
                       "/stop"]
    screen = run(session, keys, height=200)
    events, _ = read_journal(session.folder / "journal.jsonl")
    overrides = [e for e in events if isinstance(e, ScoreOverridden)]
    assert [(o.team, o.pillar, o.score, o.reason) for o in overrides] == [
        ("Tafel 2", "leefwereld", 1, "eerlijk besproken")]
    assert "typ een nummer van 1 tot en met 2" in screen
    assert "Typ 0, 1, 2 of 3." in screen and "Geef een korte reden" in screen
    assert "Geannuleerd." in screen
    assert open_session(session.folder).state.phase == "discussion"  # /terug stayed in the step


@pytest.mark.parametrize("stop", ["/stop", KeyboardInterrupt])
def test_stop_during_a_pause_stops(tmp_path: Path, stop: Key) -> None:
    session = new_session(tmp_path)
    screen = run(session, ["", "/pauze", stop])
    assert "Pauze." in screen and "Opgeslagen." in screen
    assert open_session(session.folder).state.phase == "factors"


@pytest.mark.parametrize("where", ["prompt", "step"])
def test_ctrl_c_between_reads_saves_like_ctrl_c_in_a_read(tmp_path: Path, where: str) -> None:
    """A Ctrl-C that lands while the prompt is printed (before the read) or while a step is
    drawn saves the session; it used to escape as "Afgebroken." (seen once under load)."""
    session = new_session(tmp_path)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80, height=60, color_system=None)
    feed = iter(BEFORE_REFLECTION[:3])
    messages = Messages()
    calls = {"prompt": 0, "step": 0}

    class Interrupting(PagingPrompter):
        def show_prompt(self, prompt: str) -> None:
            calls["prompt"] += 1
            if where == "prompt" and calls["prompt"] == 4:
                raise KeyboardInterrupt
            super().show_prompt(prompt)

    class Drawing(PlainSession):
        def step(self) -> None:
            calls["step"] += 1
            if where == "step" and calls["step"] == 4:
                raise KeyboardInterrupt
            super().step()

    controller = Controller(session, lambda: datetime(2026, 11, 23, 10, 0))
    with pytest.raises(HandledInterrupt):  # saved first, then exit code 130
        Drawing(controller, console, Interrupting(console, messages,
                                                  reader=lambda: next(feed)), messages).run()
    assert "Opgeslagen. Verder spelen" in out.getvalue()
    state = open_session(session.folder).state
    assert state.paused  # saved, and no answer typed before the Ctrl-C is lost:
    assert state.round.factors == {"Tafel 1": ("taal", "gezin"), "Tafel 2": ("armoede",)}


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_a_signal_while_an_answer_is_being_saved_waits_for_the_next_prompt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: str) -> None:
    """Ctrl-C (a real SIGINT) right after Tafel 1's answer was synced to the journal, before
    the journal counted it: it used to raise there, and saving the pause then found the journal
    'changed' (exit code 1, no pause saved). Now it takes effect at the next prompt: the answer
    and the pause are saved, and Ctrl-C exits with 130 (SIGTERM with 0)."""
    import os
    import signal

    from casusspel.session import journal

    session = new_session(tmp_path)
    console = Console(file=io.StringIO(), force_terminal=True, width=80, height=60,
                      color_system=None)
    feed = iter(["", "12 13"])
    read_after: list[str] = []

    def reader() -> str:
        line = next(feed, None)
        if line is None:
            read_after.append("read")  # the signal must end the session before this read
            return "9"
        return line

    synced = os.fsync
    sent: list[int] = []

    def fsync_then_signal(fd: int) -> None:
        synced(fd)
        if len(sent) == 1:  # the second append: Tafel 1's factors (the first moved on)
            signal.raise_signal(getattr(signal, signum))
        sent.append(fd)

    monkeypatch.setattr(f"{journal.__name__}.os.fsync", fsync_then_signal)
    messages = Messages()
    prompter = PagingPrompter(console, messages, reader=reader)
    controller = Controller(session, lambda: datetime(2026, 11, 23, 10, 0))
    interrupted = False
    try:
        with prompter.interrupts.catching():
            PlainSession(controller, console, prompter, messages).run()
    except HandledInterrupt:
        interrupted = True
    assert interrupted == (signum == "SIGINT") and read_after == []
    events, warnings = read_journal(session.folder / "journal.jsonl")
    assert warnings == [] and events[-1].type == "session_paused"
    assert open_session(session.folder).state.round.factors == {"Tafel 1": ("taal", "gezin")}


def test_a_terminal_gone_while_drawing_saves_without_a_signal(tmp_path: Path) -> None:
    """The terminal closes while an answer is handled: the next screen cannot be written (EIO),
    and the SIGHUP that says so may come later (or, here, never). The answer typed and the pause
    are saved and the session ends as for a SIGHUP at a prompt (no HandledInterrupt: exit 0);
    what is printed from then on goes nowhere. The EIO used to end the command with exit code 1,
    the pause unsaved."""
    import os

    session = new_session(tmp_path)
    terminal, screen = os.openpty()
    os.set_blocking(terminal, False)
    drawn_on = open(screen, "w", encoding="utf-8")
    console = Console(file=drawn_on, force_terminal=True, width=80, height=60,
                      color_system=None)
    feed = iter(["", "12 13"])

    def reader() -> str:
        line = next(feed)
        if line == "12 13":  # typed, and the window closes before the answer is handled
            os.close(terminal)
        else:
            while True:  # (read what was drawn, or the terminal would fill up)
                try:
                    os.read(terminal, 65536)
                except BlockingIOError:
                    break
        return line

    controller = Controller(session, lambda: datetime(2026, 11, 23, 10, 0))
    messages = Messages()
    prompter = PagingPrompter(console, messages, reader=reader)
    with prompter.interrupts.catching():
        PlainSession(controller, console, prompter, messages).run()
    assert console.file.name == os.devnull
    with pytest.raises(OSError):  # (what could not be written is still in its buffer)
        drawn_on.close()
    events, warnings = read_journal(session.folder / "journal.jsonl")
    assert warnings == [] and events[-1].type == "session_paused"
    assert open_session(session.folder).state.round.factors == {"Tafel 1": ("taal", "gezin")}
