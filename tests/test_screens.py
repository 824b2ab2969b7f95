"""Every phase renders at 80 and 200 columns as plain text, nothing wider than the screen."""

from __future__ import annotations

from io import StringIO

import pytest
from rich.console import Console, RenderableType

from casusspel.content.library import load_cases, load_framework
from casusspel.messages import Messages
from casusspel.session.engine import Engine
from casusspel.ui import screens
from tests.test_engine import ROUND_ONE, run

CASES = {c.id: c for c in load_cases()}
FRAMEWORK = load_framework()
ENGINE = Engine(CASES, FRAMEWORK)
MSG = Messages()


def render(renderable: RenderableType, width: int) -> str:
    console = Console(file=StringIO(), width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def check(text: str, width: int) -> None:
    assert all(len(line) <= width for line in text.splitlines()), text


@pytest.mark.parametrize("width", [80, 200])
def test_every_phase_renders(width: int) -> None:
    state = run(ROUND_ONE)
    case = CASES["tolk-aan-tafel"]
    views = {
        "situation": screens.situation_view(case, FRAMEWORK, MSG),
        "factors": screens.factor_catalogue(FRAMEWORK, MSG, width),
        "action": screens.choices_view(case.choices, case.question),
        "reveal": screens.reveal_view(ENGINE, state, MSG, width),
        "discussion": screens.discussion_view(case, MSG),
        "scoreboard": screens.scoreboard_view(ENGINE, state, MSG, width),
        "votes": screens.votes_view(case.choices, {"a": 3, "b": 1}, {"a": 1, "b": 4}, MSG,
                                    width),
        "stage": screens.situation_view(case, FRAMEWORK, MSG, case.stages[0]),
    }
    texts = {name: render(view, width) for name, view in views.items()}
    for text in texts.values():
        check(text, width)
    assert "Een dochter als tolk" in texts["situation"]
    assert "onzichtbaar" in texts["factors"]
    assert "14. Leefstijl" in texts["factors"]
    assert "Noor" in texts["situation"]
    assert "hartaandoening" not in texts["situation"]   # invisible factors stay hidden
    assert "hartaandoening" in texts["reveal"]          # ... until the reveal
    assert "Bespreekpunt" in texts["reveal"]
    assert "Kijk van de expert" in texts["reveal"]
    assert "✓ bepalend  ~ speelt mee  ✗ afleider" in texts["reveal"]  # the marks are explained
    assert "Tafel 1" in texts["scoreboard"]
    assert "(+3)" in texts["votes"]


def test_markup_and_escape_codes_in_content_are_shown_literally() -> None:
    case = CASES["tolk-aan-tafel"].model_copy(update={"title": "[bold red]Titel\x1b[31m[/]"})
    text = render(screens.situation_view(case, FRAMEWORK, MSG), 80)
    assert "[bold red]Titel␛[31m[/]" in text
    assert "\x1b" not in text


