"""Showing user and author text literally on screen: markup stays text, escapes can't act.

Every screen goes through these helpers; they all use ``casusspel.content.literal.clean`` (also used
by the reports), which makes control characters visible and removes bidi overrides and zero-width
characters. Rich ``Text`` objects never interpret markup; ``escaped`` is for the few places that
take a markup string (Textual titles and notifications).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.color import Color, ColorParseError
from rich.markup import escape
from rich.style import Style
from rich.text import Text

from casusspel.content.literal import clean, paragraphs


def visible(text: str) -> str:
    """``text`` safe for a terminal (see ``clean``)."""
    return clean(text)


def prose(text: str, style: str = "") -> Text:
    """Authored paragraphs: single line breaks from the YAML file become spaces; folded by
    cells like a team's text (see ``flowing``)."""
    return Text("\n\n".join(paragraphs(text)), style=style, overflow="fold")


def literal(text: str, style: str | Style = "") -> Text:
    """A rich Text that shows ``text`` exactly: '[bold]' stays '[bold]', escapes can't act."""
    return Text(clean(text), style=style)


def flowing(text: str, style: str | Style = "") -> Text:
    """``literal`` for a text that wraps over lines (a team's reflection, its words as
    evidence): folded, never cut with an ellipsis. Rich counts a wrapped line's trailing space in
    characters, so after an emoji or a CJK character a space it should have dropped makes the
    line one cell too long, and an ellipsis then cut the word before it ('regele…'); folding
    crops by cells, so only that space goes."""
    shown = literal(text, style)
    shown.overflow = "fold"
    return shown


def shortened(text: Text, cells: int, more: str) -> Text:
    """``text`` cut to at most ``cells`` cells at the last space before that (never inside a
    word, a wide character or a letter with its accents), then `` … more``; as it was when it
    fits."""
    if text.cell_len <= cells:
        return text
    used = end = fits = 0
    for index, char in enumerate(text.plain):
        used += cell_len(char)
        if used > cells:
            break
        fits = index + 1  # (an accent takes no cell: it stays with its letter)
        if char.isspace():
            end = index
    cut = text[:end or fits]
    cut.rstrip()
    cut.append(" … " + more, style="grey70")
    return cut


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
