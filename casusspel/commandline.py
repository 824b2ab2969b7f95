"""Command lines printed for a person to copy: ``casusspel validate "mijn casus.yaml"``.

Every hint that shows a command (the next step after ``new``, the resume hint after a stopped
session, a programme's continue line) builds it with ``command_line`` so that a path with a
space, an accent or a quote can be pasted as it is: POSIX shells get ``shlex.quote`` (single
quotes), Windows (cmd.exe and PowerShell) gets double quotes by the rules of the Microsoft C
runtime that ``subprocess.list2cmdline`` follows. A leaf module: anything may import it.
"""

from __future__ import annotations

import os
import re
import shlex

# Arguments that need no quotes in cmd.exe nor in PowerShell (ASCII only: a code page can mangle
# the rest, quotes keep the argument together whatever happens to its letters).
_WINDOWS_PLAIN = re.compile(r"[A-Za-z0-9_\-.:\\/+=,@]+")


def on_windows() -> bool:
    """Whether the command will be pasted into a Windows shell (tests replace this)."""
    return os.name == "nt"


def quote(argument: str | os.PathLike[str]) -> str:
    """One argument, quoted for this platform's shell only when it needs it."""
    text = os.fspath(argument)
    return _windows_quote(text) if on_windows() else shlex.quote(text)


def command_line(*words: str | os.PathLike[str]) -> str:
    """``casusspel`` and its arguments as one line to paste: ``command_line("validate", path)``
    gives ``casusspel validate 'mijn casus.yaml'`` (POSIX) or ``casusspel validate "mijn
    casus.yaml"`` (Windows)."""
    return " ".join(["casusspel", *(quote(word) for word in words)])


def _windows_quote(text: str) -> str:
    """Double quotes as ``subprocess.list2cmdline`` writes them (backslashes before a quote are
    doubled, a quote becomes ``\\"``), but also around anything not plainly safe."""
    if _WINDOWS_PLAIN.fullmatch(text):
        return text
    out: list[str] = []
    backslashes = 0
    for char in text:
        if char == "\\":
            backslashes += 1
            continue
        if char == '"':
            out.append("\\" * (2 * backslashes + 1) + '"')
        else:
            out.append("\\" * backslashes + char)
        backslashes = 0
    out.append("\\" * (2 * backslashes))  # before the closing quote
    return '"' + "".join(out) + '"'
