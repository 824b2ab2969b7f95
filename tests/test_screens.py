"""Every phase renders at 80 and 200 columns as plain text, nothing wider than the screen."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from rich.console import Console, RenderableType

from casusspel.content.library import load_framework
from casusspel.messages import Messages
from casusspel.session.engine import Engine
from casusspel.ui import screens
from tests.conftest import builtin_cases
from tests.test_engine import ROUND_ONE, run

CASES = {c.id: c for c in builtin_cases()}
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




def test_one_rule_for_visibility_marks_the_catalogue_everywhere() -> None:
    """Tafel 1 missed 'gezin' (◐ in the catalogue, hidden for both persons in this case): the
    reveal marks it ◐ wherever it names it, and says what the case hid by where it lists it."""
    text = render(screens.reveal_view(ENGINE, run(ROUND_ONE), MSG, 80), 80)
    assert "Gemist: Gezinssamenstelling ◐" in text
    assert text.count("Gezinssamenstelling ◐:") == 2  # Mevrouw A. and Noor, under the title
    assert "Verborgen in deze casus" in text
    assert "○ Gezinssamenstelling" not in text and "Gezinssamenstelling ○" not in text


def test_a_reconsidered_action_shows_as_a_shift_in_the_reveal() -> None:
    text = render(screens.reveal_view(ENGINE, run(ROUND_ONE), MSG, 80), 80)
    tafel2 = text[text.index("Tafel 2"):]
    assert "C → B. Je rondt vriendelijk af" in tafel2
    assert "eerst C, nu B; aanpak 6 → 6 punten (±0)" in " ".join(
        tafel2.replace("│", " ").split())
    assert "→" not in text[text.index("Tafel 1"):text.index("Tafel 2")]  # Tafel 1 kept B


def test_the_plenary_reveal_has_panels_like_the_group_reveal() -> None:
    from casusspel.session.events import PhaseAdvanced, VotesCounted
    from tests.test_engine import started

    first = started(mode="plenary", teams=())
    state = run([PhaseAdvanced(to="action"), VotesCounted(round=1, counts={"a": 1, "b": 12}),
                 PhaseAdvanced(to="reveal")], first)
    text = render(screens.plenary_reveal_view(ENGINE, state, MSG, 78), 80)
    check(text, 80)
    titles = [t for t in ("Stemmen", "Aanpakken en feedback", "Verborgen in deze casus",
                          "Kijk van de expert") if f"─ {t} ─" in text]
    assert len(titles) == 4  # each part in its own titled panel
    assert text.index("Stemmen") < text.index("Aanpakken") < text.index("Verborgen")
    assert "1 hand" in text and "12 handen" in text and "0 handen" in text


@pytest.mark.parametrize("width", [80, 200])
def test_the_scoreboard_says_what_its_bars_mean(width: int) -> None:
    state = run(ROUND_ONE)
    text = render(screens.scoreboard_view(ENGINE, state, MSG, width), width)
    check(text, width)
    lines = text.splitlines()
    tafel1 = next(line for line in lines if "Tafel 1" in line)
    assert tafel1.count("0,0") + tafel1.count("1,0") == 4  # a value beside every bar
    assert "gemiddelde reflectiescore per ronde, schaal 0-3" in " ".join(text.split())
    assert "Tafel 2: aanpak heroverwogen, C → B (±0 punten)" in text
    assert "…" not in text  # nothing cut at 80 columns
    if width == 200:  # centred, not pushed to the left
        panel = next(line for line in lines if "Scorebord" in line)
        left = len(panel) - len(panel.lstrip())
        assert left > 20 and abs(left - (width - len(panel.rstrip()))) <= 2
    english = render(screens.scoreboard_view(ENGINE, state, Messages("en"), width), width)
    assert "1.0" in english and "1,0" not in english


def test_the_scoreboard_speaks_of_a_player_in_solo_and_dutch_decimals_in_plenary() -> None:
    from casusspel.session.events import PhaseAdvanced, VotesCounted
    from tests.test_engine import started

    solo = run(ROUND_ONE[:2], started(mode="solo", teams=("Tafel 2",)))
    text = render(screens.scoreboard_view(ENGINE, solo, MSG, 80), 80)
    assert text.splitlines()[1].split()[1] == "speler"
    plenary = run([PhaseAdvanced(to="action"), VotesCounted(round=1, counts={"a": 1, "b": 3}),
                   PhaseAdvanced(to="reveal")], started(mode="plenary", teams=()))
    text = render(screens.scoreboard_view(ENGINE, plenary, MSG, 80), 80)
    assert re.search(r"\d,\d", text) and not re.search(r"\d\.\d", text)
    assert "Schaal 0-3, gemiddeld per ronde" in text


def test_solo_feedback_explains_its_marks() -> None:
    from tests.test_engine import started

    state = run(ROUND_ONE[:2], started(mode="solo", teams=("Tafel 2",)))
    text = render(screens.solo_feedback_view(ENGINE, state, ("factors", "Tafel 2"), MSG), 80)
    assert "✓ Taalvaardigheid" in text and "✗ Etniciteit" in text
    assert "✓ bepalend  ~ speelt mee  ✗ afleider" in text


def test_the_status_line_says_which_teams_are_writing_never_what() -> None:
    from casusspel.session.options import Mode as PlayMode
    from casusspel.session.turns import Ask
    from casusspel.ui.screens import turn_status

    ask = Ask("reflection", "reflection", team="B", pending=("B", "C"), answered=("A",),
              drafting=("B",), draft="")
    line = turn_status(ask, PlayMode.GROUP, Messages("nl"), 78).plain
    assert "B schrijft…" in line and "C schrijft" not in line and "… C" in line
