"""Reading answers: one line or several, with trainer commands at every prompt."""

from __future__ import annotations

import os
import re
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TextIO

from rich.console import Console
from rich.text import Text

from casusspel.errors import HandledInterrupt
from casusspel.messages import Messages
from casusspel.session.turns import COMMANDS
from casusspel.ui.safe import literal

__all__ = ["COMMANDS", "Command", "Interrupted", "Interrupts", "Prompter"]


class Interrupted(Exception):
    """End of input, Ctrl-C or /stop: the session is saved and the program ends cleanly;
    ``ctrl_c`` when it was Ctrl-C (the command then exits with 130, interrupted)."""

    def __init__(self, *, ctrl_c: bool = False) -> None:
        super().__init__()
        self.ctrl_c = ctrl_c


@dataclass(frozen=True)
class Command:
    name: str
    #: lines of a reflection typed before the command (kept, never thrown away)
    text: str = ""


Reader = Callable[[], str]


#: what a key other than a letter sends when the terminal does not handle it (F5 is ESC [15~,
#: an arrow ESC [A or ESC O A) and other control characters: never part of an answer
KEY_CODE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?|[\x00-\x08\x0b-\x1f\x7f]")

#: seconds between looks for a signal while waiting for the keyboard (see ``wait_for_line``)
SIGNAL_CHECK = 0.5


def default_reader() -> str:
    wait_for_line(sys.stdin)
    return input()


def wait_for_line(stream: TextIO) -> None:
    """Wait until a terminal has a line (or its end) to read, in slices of ``SIGNAL_CHECK``.

    CPython's ``input()`` on a terminal blocks in the read itself: a signal that comes just
    before the read (SIGHUP, SIGTERM, Ctrl-C) runs its handler only after the next key press, so
    the session stayed open (seen under load in the end-to-end tests). Between slices Python runs
    the handlers, which save and exit. In canonical mode a terminal hands out one line per read,
    so nothing typed ahead waits unseen in a buffer. Pipes and files are read as they are."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    if os.name != "posix" or not os.isatty(descriptor):
        return
    while not select.select([descriptor], [], [], SIGNAL_CHECK)[0]:
        pass


#: signals that save and stop a line-by-line session: SIGHUP (terminal closed) and SIGTERM
#: (shutdown) like /stop, SIGINT (Ctrl-C) too but the command then exits with 130
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM")
                     if hasattr(signal, name))


class Interrupts:
    """Ctrl-C, SIGHUP and SIGTERM while ``catching``: raised as ``Interrupted`` only while a
    prompt waits for the keyboard; one that comes at another moment is kept and raised at the
    next prompt.

    Python runs a signal handler between any two bytecodes. A KeyboardInterrupt raised that way
    while an answer was being saved (after the journal line was written and synced, before the
    journal counted it) made the save of the pause refuse ("the journal changed"): the session
    ended with exit code 1 instead of saved with 130; one raised between the prompt and the read
    got past the prompt's own handling. Waiting for the keyboard is the one moment at which
    stopping cuts nothing in half; the longest other moment (drawing a screen, writing a line)
    is short, and the next prompt comes right after it. When none comes (the session finished
    just then) a Ctrl-C still ends the command with 130 (``catching``), a SIGTERM or SIGHUP
    needs nothing more (the session is saved), and a programme checks before its next block."""

    def __init__(self) -> None:
        self.pending: Interrupted | None = None
        self.waiting = False
        self.depth = 0  # (a programme catches them around its sessions, which do too)

    def _caught(self, signum: int, frame: FrameType | None) -> None:
        if self.pending is None:
            self.pending = Interrupted(ctrl_c=signum == signal.SIGINT)
        if self.waiting:
            self.waiting = False
            self.check()

    def check(self) -> None:
        """Raise the interrupt that came since, if one did."""
        if self.pending is not None:
            raise Interrupted(ctrl_c=self.pending.ctrl_c)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around the wait for the keyboard: an interrupt kept or coming now is raised (waiting
        is set first, so a signal between the two is raised by the handler or by the check)."""
        self.waiting = True
        try:
            self.check()
            yield
        finally:
            self.waiting = False

    @contextmanager
    def catching(self) -> Iterator[None]:
        """Take over the stop signals (in the main thread; elsewhere Python's own handling
        stays). A Ctrl-C kept when no prompt came any more (the session ended just then) still
        ends the command as interrupted: ``HandledInterrupt``, exit code 130."""
        if self.depth or threading.current_thread() is not threading.main_thread():
            yield  # (caught already: the outer one acts on what is kept)
            return
        self.pending = None
        self.depth += 1
        previous = {sig: signal.signal(sig, self._caught) for sig in STOP_SIGNALS}
        try:
            yield
        finally:
            self.depth -= 1
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.pending is not None and self.pending.ctrl_c:
            raise HandledInterrupt


class Prompter:
    """Asks for input; '/...' lines become commands; EOF and Ctrl-C raise Interrupted."""

    def __init__(self, console: Console, messages: Messages, reader: Reader = default_reader,
                 status: Callable[[], Text | None] | None = None) -> None:
        self.console = console
        self.msg = messages
        self.reader = reader
        self.status = status
        self.interrupts = Interrupts()

    def read(self) -> str:
        """A line as typed, without the codes of function and arrow keys (F5 at a prompt would
        otherwise become part of a team name or an answer)."""
        try:
            try:
                with self.interrupts.reading():
                    raw = self.reader()
            except EOFError:
                raise Interrupted from None
            return KEY_CODE.sub("", raw)
        except KeyboardInterrupt:  # (while the stop signals are not caught: see Interrupts)
            raise Interrupted(ctrl_c=True) from None

    def show_prompt(self, prompt: str) -> None:
        line = literal(prompt, "bold")  # prompts carry team names and authored questions
        if self.status is not None:
            extra = self.status()
            if extra is not None:
                line = Text.assemble(extra, "  ", line)
        line.append(" › ", style="bold cyan")
        self.console.print(line, end="")

    def command(self, raw: str) -> Command | None:
        word = raw.strip().lower()
        if not word.startswith("/"):
            return None
        name = COMMANDS.get(word.split()[0])
        if name == "help" or name is None:
            self.console.print(Text(self.msg("help")) if name else literal(self.msg(
                "unknown.command", command=word.split()[0][:40])))
            return Command("again")
        return Command(name)

    def line(self, prompt: str) -> str | Command:
        try:  # a Ctrl-C while the prompt or /help is printed, or just before the read, too
            while True:
                self.show_prompt(prompt)
                raw = self.read()
                command = self.command(raw)
                if command is None:
                    return raw
                if command.name != "again":
                    return command
        except KeyboardInterrupt:
            raise Interrupted(ctrl_c=True) from None
