"""Building consoles: never at import time, always injectable for tests."""

from __future__ import annotations

import sys
from typing import IO

from rich.console import Console
from rich.theme import Theme

THEME = Theme({
    "title": "bold",
    "muted": "grey62",
    "error": "bold red",
    "warning": "yellow",
    "ok": "green",
})


def make_console(file: IO[str] | None = None, *, stderr: bool = False,
                 width: int | None = None) -> Console:
    """A console on stdout (or ``file``); markup in user text is never interpreted by callers."""
    target = file if file is not None else (sys.stderr if stderr else sys.stdout)
    return Console(file=target, theme=THEME, width=width, highlight=False, emoji=False)
