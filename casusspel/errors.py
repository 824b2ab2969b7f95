"""One root for domain errors, and the exit codes every command uses; ``cli.py`` turns errors into
a message and one of these codes (the table is in ``docs/opdrachtregel.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """What a ``casusspel`` command's exit status means, the same for every command."""

    OK = 0
    PROBLEMS = 1     # the content has errors (validate, test), or the work could not be done
    USAGE = 2        # wrong command line, or a file/folder named on it is missing or unreadable
    INTERNAL = 3     # a bug in casusspel: a message, and the details with --debug
    INTERRUPTED = 130  # Ctrl-C / SIGINT (a live session saves first, see HandledInterrupt)


MISSING_OR_UNREADABLE = "CS001"  # the problem code of a path that is not there or not readable


class CasusspelError(Exception):
    """An error a trainer or author can act on. The message is shown as it is."""

    exit_code: ExitCode = ExitCode.PROBLEMS


class HandledInterrupt(CasusspelError):
    """Ctrl-C (SIGINT) that a command handled itself: a live session saved and showed how to
    resume, a question was left. Nothing more is said; the exit code is 130 (interrupted)."""

    exit_code = ExitCode.INTERRUPTED


class UsageError(CasusspelError):
    """The command was called wrongly (missing path, bad option value)."""

    exit_code = ExitCode.USAGE


class ContentError(CasusspelError):
    """A case or framework file could not be loaded; ``problems`` says where and why. A file or
    folder that is not there or cannot be read (CS001) makes it a usage error, as everywhere."""

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)
        if any(getattr(problem, "code", None) == MISSING_OR_UNREADABLE
               for problem in self.problems):
            self.exit_code = ExitCode.USAGE
