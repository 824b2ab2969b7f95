"""One shared function shows user text literally on every screen and in every report."""

from __future__ import annotations

import pytest

from casusspel.content.literal import clean
from casusspel.reports.htmlkit import esc as html_esc
from casusspel.reports.markdown import esc as md_esc
from casusspel.ui.safe import escaped, literal

NASTY = {
    "osc52": ("Tafel\x1b]52;c;aGVsbG8=\x07", "Tafel␛]52;c;aGVsbG8=␇"),
    "csi": ("\x1b[2J\x1b[31mrood", "␛[2J␛[31mrood"),
    "c1": ("a\x9b31mb", "a�31mb"),
    "bidi": ("abc\u202eevil\u202c\u2066x\u2069", "abcevilx"),
    "zero-width": ("a\u200bb\u200cc\u200dd\u2060e\ufefff", "abcdef"),
    "line separators": ("a\u2028b\r\nc", "a\nb\nc"),
    "markup": ("[bold]vet[/bold] [link=x]y[/link]", "[bold]vet[/bold] [link=x]y[/link]"),
}


@pytest.mark.parametrize("case", NASTY, ids=list(NASTY))
def test_clean_makes_escapes_visible_and_removes_hidden_characters(case: str) -> None:
    raw, shown = NASTY[case]
    assert clean(raw) == shown
    assert literal(raw).plain == shown  # rich Text: markup is never parsed


def test_markup_strings_are_escaped_for_places_that_read_markup() -> None:
    from rich.text import Text

    assert Text.from_markup(escaped("[bold]x[/bold]\x1b")).plain == "[bold]x[/bold]␛"


def test_reports_use_the_same_function() -> None:
    raw = "Tafel\x1b]52;c;x\x07\u202e<b>"
    assert html_esc(raw) == "Tafel␛]52;c;x␇&lt;b&gt;"
    assert md_esc(raw) == "Tafel␛\\]52;c;x␇\\<b\\>"
