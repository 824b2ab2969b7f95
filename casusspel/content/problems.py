"""Problems found in content files, with their position and a stable code.

A problem carries its message and hint as catalogue texts (``Text``: a key and its values), not
as words: they are said in the language of the run that shows them (``--lang``,
``CASUSSPEL_LANG``), also when the problem was found in a worker process or kept in a cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from casusspel.messages import Messages, Text

Severity = Literal["error", "warning"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Show control characters (escape codes, NUL, ...) as visible escapes, never raw."""
    if text.isprintable():  # no control character and no line break: nothing to do
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text).replace("\n", " ")


@dataclass(frozen=True)
class Problem:
    """One problem in one file: ``FILE:LINE:COL: severity CODE: message`` (+ optional hint)."""

    file: str
    line: int
    col: int
    severity: Severity
    code: str
    text: Text
    help: Text | None = None

    @property
    def message(self) -> str:
        """The message in the run's language."""
        return self.text.said()

    @property
    def hint(self) -> str:
        """The hint in the run's language ('' when there is none)."""
        return self.help.said() if self.help is not None else ""

    def format(self, msg: Messages | None = None) -> str:
        msg = msg or Messages()
        text = (f"{printable(self.file)}:{self.line}:{self.col}: {self.severity} {self.code}: "
                f"{printable(self.text.said(msg))}")
        hint = self.help.said(msg) if self.help is not None else ""
        if hint:
            text += f"\n    {msg.template('problem.hint')}: {printable(hint)}"
        return text

    def as_dict(self, msg: Messages | None = None) -> dict[str, object]:
        msg = msg or Messages()
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.text.said(msg),
            "hint": self.help.said(msg) if self.help is not None else "",
        }
