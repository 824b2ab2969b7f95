"""Building consoles: never at import time, always injectable for tests."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported when a console is made: every command starts with degrade_unencodable_output
# below, and most (--help, validate, score --json) never draw with rich
STYLES = {
    "title": "bold",
    "muted": "grey62",
    "error": "bold red",
    "warning": "yellow",
    "ok": "green",
}


def make_console(file: IO[str] | None = None, *, stderr: bool = False,
                 width: int | None = None) -> Console:
    """A console on stdout (or ``file``); markup in user text is never interpreted by callers."""
    from rich.console import Console
    from rich.theme import Theme

    target = file if file is not None else (sys.stderr if stderr else sys.stdout)
    return Console(file=target, theme=Theme(STYLES), width=width, highlight=False, emoji=False)


# -- a terminal that went away -------------------------------------------------------------------
def output_gone(console: Console) -> bool:
    """Whether the console's output went away: its terminal was closed (a window closed, an ssh
    connection lost), after which every write to it fails with EIO. An empty write asks without
    writing anything; a stream that is no file (a test's buffer) never goes."""
    return _gone(console.file)


def _gone(stream: object) -> bool:
    try:
        os.write(stream.fileno(), b"")  # type: ignore[attr-defined]
    except OSError as error:  # (also io.UnsupportedOperation: no file behind it)
        return error.errno == errno.EIO
    except (AttributeError, ValueError):  # no fileno, or closed
        return False
    return False


def lose_output(console: Console) -> None:
    """The terminal went away: from now on what the console, stdout and stderr print goes
    nowhere instead of failing. (Python flushes stdout as it exits; a flush that fails makes
    the exit code 120, whatever the command said.)"""
    sink = open(os.devnull, "w", encoding="utf-8")  # (open until the process ends)
    if _gone(console.file):
        console.file = sink
    for name in ("stdout", "stderr"):
        if _gone(getattr(sys, name)):
            setattr(sys, name, sink)


@contextmanager
def unless_gone(console: Console) -> Iterator[None]:
    """Around printing only: when the terminal goes away meanwhile, the rest of the printing is
    dropped (``lose_output``) and the program goes on; any other error is raised as ever."""
    try:
        yield
    except OSError:
        if not output_gone(console):
            raise
        lose_output(console)


# -- terminals that cannot show every character ------------------------------------------------
# A Windows console redirected to a file writes cp1252; some CI logs are ASCII. Symbols then
# degrade to a readable stand-in instead of crashing with UnicodeEncodeError.
STAND_INS = {
    "●": "*", "○": "o", "◐": "~", "◑": "~", "✓": "v", "✔": "v", "✗": "x", "✘": "x",
    "⏱": "", "⏰": "!", "…": "...", "—": "-", "–": "-", "→": "->", "←": "<-", "↑": "^",
    "↓": "v", "‘": "'", "’": "'", "“": '"', "”": '"', "·": ".", "•": "*", "€": "EUR",
    "⚑": "!", "⚠": "!", "›": ">", "■": "#", "␛": "ESC", "\ufffd": "?", "\u2011": "-",
    "\u00a0": " ",
}


def _stand_in(char: str) -> str:
    import unicodedata

    if char in STAND_INS:
        return STAND_INS[char]
    point = ord(char)
    if 0x2500 <= point <= 0x257F:  # box drawing
        name = unicodedata.name(char, "")
        across, down = "HORIZONTAL" in name, "VERTICAL" in name
        return "+" if across == down else "-" if across else "|"
    if 0x2580 <= point <= 0x259F:  # block elements (bar charts)
        return "#"
    decomposed = unicodedata.normalize("NFKD", char)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain if plain and plain != char and plain.isascii() else "?"


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start:error.end]
    replacement = "".join(_stand_in(char) for char in chunk)
    try:
        replacement.encode(error.encoding)
    except UnicodeEncodeError:
        replacement = "?" * len(chunk)
    return replacement, error.end


def degrade_unencodable_output() -> None:
    """Let stdout and stderr replace what their encoding cannot show (once, at start-up)."""
    import codecs

    codecs.register_error("casusspel-degrade", _degrade)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf16", "utf32"):
            reconfigure(errors="casusspel-degrade")
