"""One root for domain errors; ``cli.py`` turns them into a message and an exit code."""

from __future__ import annotations

from collections.abc import Sequence


class CasusspelError(Exception):
    """An error a trainer or author can act on. The message is shown as it is."""

    exit_code = 1


class UsageError(CasusspelError):
    """The command was called wrongly (missing path, bad option value)."""

    exit_code = 2


class ContentError(CasusspelError):
    """A case or framework file could not be loaded; ``problems`` says where and why."""

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)
