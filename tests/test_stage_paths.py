"""A follow-up stage in group mode names the teams whose choice led there and tells the others."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.ui.screens import phase_view
from tests.test_controller import FakeClock, new_session


def stage_screen(tmp_path: Path, actions: tuple[str, ...], lang: str = "nl") -> str:
    teams = ("Tafel 1", "Tafel 2", "Tafel 3")[:len(actions)]
    controller = Controller(new_session(tmp_path, teams=teams), FakeClock())
    for raw in ("", *["12"] * len(teams), *actions,
                *[f"Wij vroegen door {n}." for n in range(len(teams))], "", ""):
        controller.answer(raw)
    state = controller.state
    assert state.phase == "stage" and state.round.stage_id == "twee-weken-later"
    console = Console(width=80, record=True, file=None, color_system=None)
    console.print(phase_view(controller.engine, state, controller.ask(), Messages(lang), 80))
    return " ".join(console.export_text().split())


def test_the_stage_names_whose_choice_led_there_and_tells_the_others(tmp_path: Path) -> None:
    shown = stage_screen(tmp_path, ("b", "c", "a"))
    assert "Dit vervolg komt uit de keuze van: Tafel 1, Tafel 3." in shown
    assert "Geen vervolg bij de keuze van: Tafel 2. Denk mee alsof" in shown


def test_when_every_choice_leads_there_nobody_is_told_otherwise(tmp_path: Path) -> None:
    shown = stage_screen(tmp_path, ("a", "b"), lang="en")
    assert "This follow-up comes from the choice of: Tafel 1, Tafel 2." in shown
    assert "No follow-up" not in shown and "Another follow-up" not in shown
