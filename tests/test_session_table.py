"""The sessions table (``casusspel sessions``, the ``resume`` picker) at 80 columns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from casusspel.messages import Messages
from casusspel.session.folders import SessionInfo
from casusspel.session.options import Mode
from casusspel.ui.live import case_list, session_table

DECK = tuple(f"casus-nummer-{n}" for n in range(1, 31))


def info(case_ids: tuple[str, ...]) -> SessionInfo:
    return SessionInfo("2026-11-24-1700-ab12", Path("."), "2026-11-24T17:00", case_ids,
                       ("Tafel 1", "Tafel 2"), Mode.GROUP, 0, "situation", False)


@pytest.mark.parametrize(("lang", "more"), [("nl", "en 28 andere"), ("en", "and 28 more")])
def test_a_whole_deck_is_named_by_two_ids_and_a_count(lang: str, more: str) -> None:
    msg = Messages(lang)
    assert case_list(DECK, msg) == f"casus-nummer-1, casus-nummer-2 {more}"
    assert case_list(DECK[:3], msg) == "casus-nummer-1, casus-nummer-2, casus-nummer-3"


def test_a_session_of_thirty_cases_fits_an_80_column_screen_with_its_time() -> None:
    """A playtest saw the resume picker's header scroll off an 80x24 screen (every id of the
    deck in one cell) and the date lose its time."""
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(session_table([info(DECK)] * 2))
    lines = out.getvalue().splitlines()
    assert len(lines) <= 12, "\n".join(lines)
    assert sum("2026-11-24 17:00" in line for line in lines) == 2
