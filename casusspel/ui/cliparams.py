"""Option values parsed with our own sentences: ``typer.Option(parser=...)`` objects.

click's (and, from typer 0.22, pydantic's) messages for a wrong choice or number are English and
differ by version; these parsers raise ``typer.BadParameter`` with a sentence from the catalogue,
and ``clirun`` puts it in the usage error of the run's language.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

import typer

from casusspel.messages import Messages

E = TypeVar("E", bound=Enum)


class Word(str, Enum):
    """The values of an option with fixed choices: ``str()`` is the word itself (typer 0.16
    turns the parsed value back into the Enum through ``str()``)."""

    def __str__(self) -> str:
        return str(self.value)


class Parser:
    """An option's parser (``typer.Option(parser=...)``): click (before typer 0.22) names the
    value type after the function, so a parser object needs a ``__name__``."""

    def __init__(self) -> None:
        self.__name__ = type(self).__name__.lower()


class Choice(Parser, Generic[E]):
    """Parser for an option with a fixed set of values (an Enum), with a message from the
    catalogue instead of click's (or pydantic's) English one."""

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum
        self.values = [str(member.value) for member in enum]

    def __call__(self, value: str | E) -> E:
        if isinstance(value, self.enum):
            return value
        for member in self.enum:
            if member.value == value:
                return member
        raise typer.BadParameter(Messages()("cli.bad.choice", value=value,
                                            choices=", ".join(self.values)))

    @property
    def metavar(self) -> str:
        return "[" + "|".join(self.values) + "]"

    def complete(self, incomplete: str) -> list[str]:
        return [value for value in self.values if value.startswith(incomplete)]


class WholeNumber(Parser):
    """Parser for a whole number option, optionally between ``low`` and ``high``."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        super().__init__()
        self.low, self.high = low, high

    def __call__(self, value: str | int) -> int:
        try:
            number = value if isinstance(value, int) else int(str(value).strip())
        except ValueError:
            raise typer.BadParameter(Messages()("cli.bad.number", value=value)) from None
        if (self.low is not None and number < self.low) or (
                self.high is not None and number > self.high):
            raise typer.BadParameter(Messages()("cli.bad.range", value=number, low=self.low,
                                                high=self.high))
        return number


class ExistingFolder(Parser):
    """Parser for an option naming a folder that is read: a missing one is a usage error."""

    def __call__(self, value: str | Path) -> Path:
        path = Path(value)
        if not path.is_dir():
            raise typer.BadParameter(Messages()("cli.bad.no_folder", path=str(path)))
        return path


def choice_option(enum: type[E], *names: str, help: str) -> Any:
    """``typer.Option`` for an Enum: our message for a wrong value, the values as metavar, and
    completion of the values."""
    parser = Choice(enum)
    return typer.Option(*names, help=help, metavar=parser.metavar, parser=parser,
                        autocompletion=parser.complete)


def number_option(*names: str, help: str, metavar: str, low: int | None = None,
                  high: int | None = None) -> Any:
    return typer.Option(*names, help=help, metavar=metavar, parser=WholeNumber(low, high))
