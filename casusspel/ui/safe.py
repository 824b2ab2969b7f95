"""Showing user and author text literally on screen: markup stays text, escapes can't act.

Every screen goes through these helpers; they all use ``casusspel.content.literal.clean`` (also used
by the reports), which makes control characters visible and removes bidi overrides and zero-width
characters. Rich ``Text`` objects never interpret markup; ``escaped`` is for the few places that
take a markup string (Textual titles and notifications).
"""

from __future__ import annotations

from rich.color import Color, ColorParseError
from rich.markup import escape
from rich.style import Style
from rich.text import Text

from casusspel.content.literal import clean, paragraphs


def visible(text: str) -> str:
    """``text`` safe for a terminal (see ``clean``)."""
    return clean(text)


def prose(text: str, style: str = "") -> Text:
    """Authored paragraphs: single line breaks from the YAML file become spaces."""
    return Text("\n\n".join(paragraphs(text)), style=style)


def literal(text: str, style: str | Style = "") -> Text:
    """A rich Text that shows ``text`` exactly: '[bold]' stays '[bold]', escapes can't act."""
    return Text(clean(text), style=style)


def escaped(text: str) -> str:
    """``text`` for a place that reads rich/Textual markup: cleaned and markup-escaped."""
    return escape(clean(text))


def colour(name: str, *, bold: bool = False, underline: bool = False) -> Style:
    """A style from a pillar's colour *name* (checked against a list when the framework loads):
    never a style string, so an author's 'link file:///...' can never become a terminal link."""
    try:
        parsed: Color | None = Color.parse(name)
    except ColorParseError:
        parsed = None
    return Style(color=parsed, bold=bold or None, underline=underline or None)  # None: inherit


def pillar_label(label: str, colour_name: str, *, bold: bool = True) -> Text:
    """A pillar's name or short name in its colour, shown literally."""
    return literal(label, colour(colour_name, bold=bold))
