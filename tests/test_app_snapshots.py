"""SVG snapshots of the live app (pytest-textual-snapshot) for every phase of group play and the
steps that differ in solo and plenary play, at 80x24 and 200x60.

Each app runs in its own thread (``in_thread``): a Playwright browser may hold an event loop in
the worker's main thread. Update after an intended change of the screens with
``pytest tests/test_app_snapshots.py --snapshot-update`` and look at the SVG files in
``tests/__snapshots__/`` before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.ui.app.live import LiveApp
from tests.conftest import in_thread
from tests.test_controller import FakeClock, new_session

pytestmark = pytest.mark.snapshot

SIZES = [(80, 24), (200, 60)]
REFLECTIONS = ["We regelen een professionele tolk en vragen Noor apart wat zij zelf wil.",
               "In hun cultuur [bold]tolken[/bold] kinderen nu eenmaal."]
TWO_CASES = ("tolk-aan-tafel", "brief-van-de-gemeente")

Snap = Callable[..., bool]


def answer_once(controller: Controller) -> None:
    """One plausible answer to whatever is asked now."""
    ask = controller.ask()
    if ask.kind == "factors":
        controller.answer("12 13 9")
    elif ask.kind == "choice":
        controller.answer("b")
    elif ask.kind == "reflection":
        controller.answer(REFLECTIONS[len(controller.state.round.reflections) % 2])
    elif ask.kind == "votes":
        controller.answer(str(5 - len(controller.state.round.votes.get(1, {}))))
    else:
        controller.answer("")


def app_at(tmp_path: Path, mode: str, phase: str, *, answered: int = 0) -> LiveApp:
    """The app at the first question of ``phase`` (after ``answered`` teams answered there)."""
    teams = ("Speler",) if mode == "solo" else ("Tafel 1", "Tafel 2")
    session = new_session(tmp_path, mode=mode, teams=teams, cases=TWO_CASES,
                          scoreboard="cooperative" if mode == "plenary" else "competitive")
    controller = Controller(session, FakeClock())
    while controller.state.phase != phase:
        answer_once(controller)
    for _ in range(answered):
        answer_once(controller)
    return LiveApp(controller, Messages())


GROUP = ["situation", "factors", "action", "reflection", "reveal", "discussion", "stage",
         "stage_reveal", "scoreboard"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("phase", GROUP)
def test_group(snap_compare: Snap, tmp_path: Path, phase: str, size: tuple[int, int]) -> None:
    answered = 1 if phase in ("factors", "reflection") else 0  # show "Al geantwoord"
    app = app_at(tmp_path, "group", phase, answered=answered)
    assert in_thread(lambda: snap_compare(app, terminal_size=size))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("phase", "answered"), [("factors", 0), ("factors", 1),
                                                 ("reflection", 0), ("reveal", 0)],
                         ids=["factors", "feedback", "reflection", "reveal"])
def test_solo(snap_compare: Snap, tmp_path: Path, phase: str, answered: int,
              size: tuple[int, int]) -> None:
    app = app_at(tmp_path, "solo", phase, answered=answered)
    assert in_thread(lambda: snap_compare(app, terminal_size=size))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("phase", ["action", "reveal", "discussion", "scoreboard"])
def test_plenary(snap_compare: Snap, tmp_path: Path, phase: str,
                 size: tuple[int, int]) -> None:
    app = app_at(tmp_path, "plenary", phase)
    assert in_thread(lambda: snap_compare(app, terminal_size=size))
