"""Showing user and author text literally: markup stays text, control characters become visible."""

from __future__ import annotations

import re

from rich.color import Color, ColorParseError
from rich.style import Style
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


def literal(text: str, style: str | Style = "") -> Text:
    """A rich Text that shows ``text`` exactly: '[bold]' stays '[bold]', escapes can't act."""
    return Text(visible(text), style=style)


def colour(name: str, *, bold: bool = False, underline: bool = False) -> Style:
    """A style from a pillar's colour *name* (checked against a list when the framework loads):
    never a style string, so an author's 'link file:///...' can never become a terminal link."""
    try:
        parsed: Color | None = Color.parse(name)
    except ColorParseError:
        parsed = None
    return Style(color=parsed, bold=bold, underline=underline)


def pillar_label(label: str, colour_name: str, *, bold: bool = True) -> Text:
    """A pillar's name or short name in its colour, shown literally."""
    return literal(label, colour(colour_name, bold=bold))
