"""Reading answers: one line or several, with trainer commands at every prompt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from casusspel.messages import Messages

COMMANDS = {
    "/help": "help", "/hulp": "help", "/?": "help",
    "/terug": "back", "/back": "back",
    "/overslaan": "skip", "/skip": "skip",
    "/pauze": "pause", "/pause": "pause",
    "/stop": "stop", "/quit": "stop",
}


class Interrupted(Exception):
    """End of input, Ctrl-C or /stop: the session is saved and the program ends cleanly."""


@dataclass(frozen=True)
class Command:
    name: str
    #: lines of a reflection typed before the command (kept, never thrown away)
    text: str = ""


Reader = Callable[[], str]


def default_reader() -> str:
    return input()


class Prompter:
    """Asks for input; '/...' lines become commands; EOF and Ctrl-C raise Interrupted."""

    def __init__(self, console: Console, messages: Messages, reader: Reader = default_reader,
                 status: Callable[[], Text | None] | None = None) -> None:
        self.console = console
        self.msg = messages
        self.reader = reader
        self.status = status

    def _read(self) -> str:
        try:
            return self.reader()
        except (EOFError, KeyboardInterrupt):
            raise Interrupted from None

    def _show_prompt(self, prompt: str) -> None:
        line = Text(prompt, style="bold")
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
            self.console.print(Text(self.msg("help") if name else self.msg(
                "unknown.command", command=word.split()[0])))
            return Command("again")
        return Command(name)

    def line(self, prompt: str) -> str | Command:
        while True:
            self._show_prompt(prompt)
            raw = self._read()
            command = self.command(raw)
            if command is None:
                return raw
            if command.name != "again":
                return command

    def lines(self, prompt: str) -> str | Command:
        """Several lines, ended by an empty line or Ctrl-D (after at least one line of text).

        Commands work on every line: /terug removes the previous line; /stop, /pauze and
        /overslaan (and Ctrl-C) come back with the lines typed so far, so nothing is lost.
        """
        self.console.print(Text(self.msg("reflection.how"), style="grey62"))
        collected: list[str] = []
        while True:
            if not collected:
                first = self.line(prompt)
                if isinstance(first, Command):
                    return first
                if first.strip():
                    collected.append(first)
                else:
                    self.console.print(Text(self.msg("reflection.empty"), style="yellow"))
                continue
            try:
                raw = self.reader()
            except EOFError:
                return "\n".join(collected).strip()
            except KeyboardInterrupt:
                return Command("stop", "\n".join(collected).strip())
            if not raw.strip():
                return "\n".join(collected).strip()
            command = self.command(raw)
            if command is None:
                collected.append(raw)
            elif command.name == "back":
                removed = collected.pop()
                self.console.print(Text(self.msg("reflection.removed", line=removed),
                                        style="yellow"))
            elif command.name != "again":
                return Command(command.name, "\n".join(collected).strip())
