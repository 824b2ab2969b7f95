"""Showing user and author text literally: markup stays text, control characters become visible."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Replace control characters by their visible picture (ESC -> ␛), one for one."""
    return _CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20
                        else "�", text)


def prose(text: str, style: str = "") -> Text:
    """Authored paragraphs: single line breaks from the YAML file become spaces."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return literal("\n\n".join(" ".join(p.split()) for p in paragraphs), style)


def literal(text: str, style: str = "") -> Text:
    """A rich Text that shows ``text`` exactly: '[bold]' stays '[bold]', escapes can't act."""
    return Text(visible(text), style=style)
