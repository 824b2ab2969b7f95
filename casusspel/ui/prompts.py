"""Reading answers: one line or several, with trainer commands at every prompt."""

from __future__ import annotations

import os
import re
import select
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console
from rich.text import Text

from casusspel.messages import Messages
from casusspel.session.turns import COMMANDS
from casusspel.ui.safe import literal

__all__ = ["COMMANDS", "Command", "Interrupted", "Prompter"]


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


class Prompter:
    """Asks for input; '/...' lines become commands; EOF and Ctrl-C raise Interrupted."""

    def __init__(self, console: Console, messages: Messages, reader: Reader = default_reader,
                 status: Callable[[], Text | None] | None = None) -> None:
        self.console = console
        self.msg = messages
        self.reader = reader
        self.status = status

    def read(self) -> str:
        """A line as typed, without the codes of function and arrow keys (F5 at a prompt would
        otherwise become part of a team name or an answer)."""
        try:
            return KEY_CODE.sub("", self.reader())
        except EOFError:
            raise Interrupted from None
        except KeyboardInterrupt:
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
        while True:
            try:  # a Ctrl-C while the prompt is printed, before the read, counts the same
                self.show_prompt(prompt)
            except KeyboardInterrupt:
                raise Interrupted(ctrl_c=True) from None
            raw = self.read()
            command = self.command(raw)
            if command is None:
                return raw
            if command.name != "again":
                return command
