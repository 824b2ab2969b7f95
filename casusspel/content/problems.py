"""Problems found in content files, with their position and a stable code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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
    message: str
    hint: str = ""

    def format(self) -> str:
        text = (f"{printable(self.file)}:{self.line}:{self.col}: {self.severity} {self.code}: "
                f"{printable(self.message)}")
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }
