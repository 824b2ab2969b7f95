"""Every phase renders at 80 and 200 columns as plain text, nothing wider than the screen."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from casusspel.content.library import load_framework
from casusspel.messages import Messages
from casusspel.session.engine import Engine, SessionState
from casusspel.session.events import FactorsAnswered
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


MARKS = "✓~✗·"


def all_factors_round(framework_names: dict[str, str] | None = None
                      ) -> tuple[Engine, SessionState]:
    """Tafel 2 picks every factor of the catalogue (✓ ~ ✗ and · all occur), optionally with
    other names for them (wide, emoji, accents)."""
    from tests.test_engine import started

    framework = FRAMEWORK
    if framework_names:
        framework = FRAMEWORK.model_copy(update={"factors": tuple(
            f.model_copy(update={"name": framework_names.get(f.id, f.name)})
            for f in FRAMEWORK.factors)})
    engine = Engine(CASES, framework)
    every = tuple(f.id for f in framework.factors)
    state = engine.start(started())
    picked = FactorsAnswered(team="Tafel 2", factors=every)
    for event in [ROUND_ONE[0], picked, *ROUND_ONE[2:]]:
        state = engine.apply(state, event)
    return engine, state


def verdict_items(engine: Engine, state: SessionState, team: str) -> list[str]:
    """'✓ Taalvaardigheid' for each factor the team picked, as the reveal should show it."""
    key = engine.case(state).factors
    names = {f.id: f.name for f in engine.framework.factors}
    picked = state.round.factors[team]
    return [("✓" if f in key.decisive else "~" if f in key.relevant else
             "✗" if f in key.distractor else "·") + " " + names[f] for f in picked]


def inner_lines(text: str) -> list[str]:
    """Each screen line without panel borders (side-by-side panels become separate parts)."""
    return [part.strip() for line in text.splitlines() for part in line.split("│")]


WIDE_NAMES = {"taal": "言語と読み書き 🗣 Taalvaardigheid", "gezin": "Gezinssamenstelling 👪 家族",
              "etniciteit": "Etniciteit en culturele achtergrond ééé"}


@pytest.mark.parametrize(("names", "lang"), [(None, "nl"), (WIDE_NAMES, "en")],
                         ids=["catalogue-nl", "wide-names-en"])
def test_a_verdict_mark_stays_with_its_factor_at_every_width(lang: str, names: dict[str, str]
                                                             | None) -> None:
    """From the back of the room a mark at the end of a line reads as the verdict on the factor
    before it: at every width each mark is on the line of its whole factor name."""
    engine, state = all_factors_round(names)
    items = verdict_items(engine, state, "Tafel 2")
    assert {item[0] for item in items} == set(MARKS)
    msg = Messages(lang)
    for width in [*range(80, 200, 5), 200]:
        text = render(screens.reveal_view(engine, state, msg, width), width)
        check(text, width)
        parts = inner_lines(text)
        for item in items:
            assert any(item in part for part in parts), (width, item, text)
        ends = [p for p in parts if p and p[-1] in MARKS and not p.startswith(("✓ ", "● "))]
        assert not ends, (width, ends)
        solo = render(screens.solo_feedback_view(engine, state, ("factors", "Tafel 2"), msg),
                      width)
        assert all(any(item in part for part in inner_lines(solo)) for item in items), solo


def test_a_factor_name_wider_than_a_line_wraps_under_its_name_not_its_mark() -> None:
    from rich.text import Text

    from casusspel.ui.flow import Flow

    flow = Flow([Text("✓ Kort"), Text("✗ " + "lang woord " * 6 + "漢字漢字"), Text("~ Eind")])
    lines = render(flow, 30).splitlines()
    assert lines[0] == "✓ Kort"
    assert lines[1].startswith("✗ lang woord")
    assert all(line.startswith("  ") and line[2] != " " for line in lines[2:-1]), lines
    assert lines[-1] == "~ Eind"
    assert all(cell_len(line) <= 30 for line in lines)


@pytest.mark.parametrize("width", [80, 98, 120, 200])
def test_wide_and_combining_characters_never_cut_a_word_of_the_reflection(width: int) -> None:
    """Rich counts a wrapped line's trailing space in characters: after an emoji the line was
    one cell too long and an ellipsis cut the last word ('regele…'). Every word the team wrote
    is on the screen whole, and no line is wider than the screen in cells."""
    from casusspel.session.events import ReflectionWritten

    words = ["Wij", "vragen", "de", "moeder", "zelf", "wat", "ze", "nodig", "heeft", "🙂", "—",
             "en", "regelen", "een", "tolk", "(Engels/Tigrinya).", "漢字", "Ⅻ", "Z̴̡͝a̷l̶g̸o͢",
             "café", "[bold]klik[/bold]"]
    for shift in range(12):  # the wide characters at every place near a line's end
        text = " ".join(["woord"] * shift + words * 3)
        events = [*ROUND_ONE[:7], ReflectionWritten(team="Tafel 1", text=text), *ROUND_ONE[8:10]]
        shown = render(screens.reveal_view(ENGINE, run(events), MSG, width), width)
        assert all(cell_len(line) <= width for line in shown.splitlines()), shown
        assert "…" not in shown, shown
        body = " ".join(part for part in inner_lines(shown) if part)
        for word in set(words):
            assert body.count(word) >= 3, (word, shown)


def test_a_very_long_reflection_is_shortened_at_a_space_by_cells() -> None:
    from casusspel.session.events import ReflectionWritten

    text = "🙂🙂 regelen " * 400  # 4,400 characters, 2,400 of them wide
    events = [*ROUND_ONE[:7], ReflectionWritten(team="Tafel 1", text=text), *ROUND_ONE[8:10]]
    shown = render(screens.reveal_view(ENGINE, run(events), MSG, 120), 120)
    body = " ".join(part for part in inner_lines(shown) if part)
    kept = body[body.index("Reflectie") + len("Reflectie"):body.index(
        " … (ingekort op het scherm; de hele tekst is opgeslagen)")].split()
    assert set(kept) == {"🙂🙂", "regelen"}  # cut between words
    assert screens.MAX_SHOWN - 10 <= cell_len(" ".join(kept)) <= screens.MAX_SHOWN  # in cells


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [80, 120, 200])
def test_a_team_with_a_flag_is_marked_on_the_scoreboard_without_losing_points(
        lang: str, width: int) -> None:
    """Tafel 2 wrote a stereotype ('In hun cultuur is dat zo.'): ⚑ before its name and one line
    that says what it means; the points are what they were."""
    state = run(ROUND_ONE)
    flagged = [r.team for r in ENGINE.results(state) if r.reflection and r.reflection.flags]
    assert flagged == ["Tafel 2"]
    text = render(screens.scoreboard_view(ENGINE, state, Messages(lang), width), width)
    check(text, width)
    rows = {name: next(line for line in text.splitlines() if name in line)
            for name in ("Tafel 1", "Tafel 2")}
    assert "⚑ Tafel 2" in rows["Tafel 2"] and "⚑" not in rows["Tafel 1"]
    totals = ENGINE.totals(state)
    assert rows["Tafel 2"].split("│")[1].split()[:4] == ["⚑", "Tafel", "2",
                                                        str(totals["Tafel 2"])]
    assert rows["Tafel 1"].split("│")[1].split()[:3] == ["Tafel", "1", str(totals["Tafel 1"])]
    key = {"nl": "⚑ = bespreekpunt in de reflectie bij deze casus (een stereotype). Dat kost "
                 "geen punten, dus de stand zegt niet alles.",
           "en": "⚑ = discussion point in the reflection on this case (a stereotype). It costs "
                 "no points, so the ranking does not tell the whole story."}[lang]
    assert key in " ".join(" ".join(inner_lines(text)).split())
    assert "…" not in text


def test_no_flag_no_mark_and_a_long_name_gives_way_before_a_score() -> None:
    from casusspel.session.events import (
        ActionChosen,
        FactorsAnswered,
        PhaseAdvanced,
        ReflectionWritten,
    )
    from tests.test_engine import started

    long = "De hele lange tafel bij het raam achterin"
    first = started(teams=(long, "Tafel 2"))
    events = [PhaseAdvanced(to="factors"), FactorsAnswered(team=long, factors=("taal",)),
              FactorsAnswered(team="Tafel 2", factors=("taal",)), PhaseAdvanced(to="action"),
              ActionChosen(team=long, choice_id="b"), ActionChosen(team="Tafel 2", choice_id="c"),
              PhaseAdvanced(to="reflection"), ReflectionWritten(team=long, text="Een tolk."),
              ReflectionWritten(team="Tafel 2", text="Wij vragen door."),
              PhaseAdvanced(to="reveal")]
    state = run(events, first)
    text = render(screens.scoreboard_view(ENGINE, state, MSG, 80), 80)
    check(text, 80)
    assert "⚑" not in text
    assert all(line.count(",") == 4 for line in text.splitlines() if "░" in line)  # 4 values
    assert "De hele lange" in text


def test_authored_text_with_wide_characters_keeps_its_words_too() -> None:
    """The same fold for a case's own paragraphs (feedback, the expert's view): an author who
    writes an emoji or a CJK word loses no word either."""
    case = CASES["tolk-aan-tafel"]
    expert = ("De moeder 🙂 weet wat ze nodig heeft — vraag het haar, 漢字 en al, en regel een "
              "tolk. ") * 3
    choices = tuple(c.model_copy(update={"feedback": expert}) if c.id == "b" else c
                    for c in case.choices)
    engine = Engine({**CASES, case.id: case.model_copy(update={"expert": expert,
                                                               "choices": choices})}, FRAMEWORK)
    state = run(ROUND_ONE)
    for width in range(80, 120):
        text = render(screens.reveal_view(engine, state, MSG, width), width)
        assert "…" not in text, (width, text)
        said = " ".join(" ".join(inner_lines(text)).split())
        assert said.count("regel een tolk.") == 3 * 3  # the expert, and B for both teams
