"""A follow-up stage in group mode names the teams whose choice led there and tells the others."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.ui.screens import phase_view, stage_paths_view
from tests.test_controller import FakeClock, new_session


def stage_screen(tmp_path: Path, actions: tuple[str, ...], lang: str = "nl") -> str:
    teams = ("Tafel 1", "Tafel 2", "Tafel 3")[:len(actions)]
    controller = Controller(new_session(tmp_path, teams=teams), FakeClock())
    for raw in ("", *["12"] * len(teams), *actions,
                *[f"Wij vroegen door {n}." for n in range(len(teams))], "", ""):
        controller.answer(raw)
    state = controller.state
    assert state.phase == "stage" and state.round.stage_id == "twee-weken-later"
    console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
    console.print(phase_view(controller.engine, state, controller.ask(), Messages(lang), 80))
    return " ".join(console.export_text().split())


def test_the_stage_names_whose_choice_led_there_and_tells_the_others(tmp_path: Path) -> None:
    shown = stage_screen(tmp_path, ("b", "c", "a"))
    assert "Dit vervolg komt uit de keuze van: Tafel 1 en Tafel 3." in shown
    assert "Geen vervolg bij de keuze van: Tafel 2. Denk mee alsof" in shown


def test_when_every_choice_leads_there_nobody_is_told_otherwise(tmp_path: Path) -> None:
    shown = stage_screen(tmp_path, ("a", "b"), lang="en")
    assert "This follow-up comes from the choice of: Tafel 1 and Tafel 2." in shown
    assert "No follow-up" not in shown and "Another follow-up" not in shown


def test_teams_whose_choice_leads_to_another_stage_are_told_so(tmp_path: Path) -> None:
    """A case with two follow-ups: the room plays the one most teams reached (as before), and
    the team whose choice leads to the other one reads that it thinks along."""
    from dataclasses import replace

    from casusspel.session.engine import Engine
    from casusspel.session.events import (
        ActionChosen,
        FactorsAnswered,
        PhaseAdvanced,
        ReflectionWritten,
    )
    from tests.conftest import builtin_deck

    case = next(c for c, _ in builtin_deck() if c.id == "tolk-aan-tafel")
    other = case.stages[0].model_copy(update={"id": "later-anders", "title": "Later anders"})
    choices = tuple(c.model_copy(update={"next": "later-anders"}) if c.id == "c" else c
                    for c in case.choices)
    case = case.model_copy(update={"stages": (*case.stages, other), "choices": choices})
    session = new_session(tmp_path, teams=("Tafel 1", "Tafel 2", "Tafel 3"))
    engine = Engine({case.id: case}, session.engine.framework)
    state = engine.start(replace(session.state.started, case_ids=(case.id,)))
    teams = state.teams
    events = [PhaseAdvanced(to="factors"),
              *[FactorsAnswered(team=t, factors=("taal",)) for t in teams],
              PhaseAdvanced(to="action"),
              *[ActionChosen(team=t, choice_id=c) for t, c in zip(teams, "abc", strict=True)],
              PhaseAdvanced(to="reflection"),
              *[ReflectionWritten(team=t, text="Wij vroegen door.") for t in teams],
              PhaseAdvanced(to="reveal"), PhaseAdvanced(to="discussion"),
              PhaseAdvanced(to="stage")]
    for event in events:
        state = engine.apply(state, event)
    assert state.round.stage_id == "twee-weken-later"
    assert engine.stage_paths(state) == {"Tafel 1": "twee-weken-later",
                                         "Tafel 2": "twee-weken-later",
                                         "Tafel 3": "later-anders"}
    console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
    ask = Controller(session, FakeClock()).ask()
    console.print(phase_view(engine, state, ask, Messages("nl"), 80))
    shown = " ".join(console.export_text().split())
    assert "Dit vervolg komt uit de keuze van: Tafel 1 en Tafel 2." in shown
    assert "Een ander vervolg bij de keuze van: Tafel 3. De zaal speelt nu dit vervolg" in shown
    assert "Geen vervolg" not in shown


def test_a_team_skipped_at_the_action_is_not_listed_as_if_it_chose(tmp_path: Path) -> None:
    """Tafel 2 was skipped at the action (it chose nothing): the stage does not tell it that its
    choice has no follow-up, in either language."""
    teams = ("Tafel 1", "Tafel 2", "Tafel 3")
    controller = Controller(new_session(tmp_path, teams=teams), FakeClock())
    for raw in ("", "12", "12", "12", "b", "/overslaan", "c", "Wij vroegen door.",
                "Wij zochten een tolk.", "Wij belden.", "", ""):
        controller.enter(raw)
    state = controller.state
    assert state.phase == "stage" and "Tafel 2" not in state.round.actions
    assert controller.engine.stage_paths(state) == {"Tafel 1": "twee-weken-later",
                                                    "Tafel 3": None}
    for lang, none in (("nl", "Geen vervolg bij de keuze van: Tafel 3."),
                       ("en", "No follow-up for the choice of: Tafel 3.")):
        console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
        console.print(phase_view(controller.engine, state, controller.ask(), Messages(lang), 80))
        shown = " ".join(console.export_text().split())
        assert f"{none} " in shown
        lines = stage_paths_view(controller.engine, state, Messages(lang))
        assert len(lines) == 2 and not any("Tafel 2" in line.plain for line in lines)
