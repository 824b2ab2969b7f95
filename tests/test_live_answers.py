"""Who answered stays in view on its own line, and F3 (/terug) offers the answer it takes back."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Static
from typer.testing import CliRunner

from casusspel.cli import app as cli_app
from casusspel.messages import Messages
from casusspel.session.controller import CHOICE, FACTORS_ASK, Controller
from casusspel.session.folders import open_session
from casusspel.session.journal import read_journal
from casusspel.ui.app.live import LiveApp
from casusspel.ui.app.widgets import Entry
from casusspel.ui.screens import fit_names
from tests.test_app import BEFORE_REFLECTION, play, screen_lines, type_line, type_text
from tests.test_controller import FakeClock, kinds, new_session

TEAMS = ("Tafel een bij het raam", "Tafel twee achterin", "Tafel drie", "Tafel vier bij de deur",
         "Tafel vijf", "Tafel zes", "Tafel zeven")


def test_names_that_do_not_fit_are_counted_never_cut() -> None:
    msg = Messages("nl")
    assert fit_names(("A", "B"), 80, msg) == "A, B"
    assert fit_names(TEAMS[:4], 40, msg) == "Tafel een bij het raam en 3 andere"
    assert fit_names(TEAMS[:4], 10, msg) == "Tafel een bij het raam en 3 andere"  # one, whole
    assert fit_names(TEAMS[:4], 55, Messages("en")) == (
        "Tafel een bij het raam, Tafel twee achterin and 2 more")


def test_who_answered_is_on_its_own_line_at_80_columns_and_never_cut(tmp_path: Path) -> None:
    session = new_session(tmp_path, teams=TEAMS)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        for factors in ("12", "13", "9", "2"):
            await type_line(pilot, factors)
        await pilot.press("f4")  # Tafel vijf is skipped
        await pilot.pause()
        status = str(app.query_one("#status", Static).render())
        assert status.startswith("Al geantwoord: Tafel een bij het raam")
        assert "andere ✓" in status and "Overgeslagen: Tafel vijf" in status
        assert cell_len(status) <= 78
        named = [t for t in TEAMS[:4] if t in status]
        more = 4 - len(named)
        assert f"en {more} andere" in status
        lines = screen_lines(app)
        assert any(line.strip() == status.strip() for line in lines)  # on screen, whole
        assert "Al geantwoord" not in str(app.query_one("#main-view", Static).render())

    play(session, FakeClock(), ("",), script=script)


def test_f3_puts_the_factors_back_in_the_entry_and_journals_nothing_until_enter(
        tmp_path: Path) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await type_line(pilot, "3 10 13")
        await type_text(pilot, "4")  # B's half answer
        await pilot.press("f3")
        await pilot.pause()
        entry = app.query_one("#entry", Entry)
        assert app.controller.ask().team == "A"
        assert entry.text == "3 10 13" and entry.team == "A"
        before = kinds(session)
        assert app.controller.state.round.factors == {}
        await type_line(pilot, " 12")
        assert kinds(session)[len(before):] == ["factors_answered"]
        assert app.controller.state.round.factors["A"][-1] == "taal"
        assert entry.text == "4" and entry.team == "B"  # B's half answer is back

    play(session, FakeClock(), ("",), script=script)


def test_f3_puts_back_a_choice_and_a_reflection_with_its_lines(tmp_path: Path) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        entry = app.query_one("#entry", Entry)
        await pilot.press("f3")  # from A's reflection back to B's action
        await pilot.pause()
        assert app.controller.ask().kind == CHOICE and app.controller.ask().team == "B"
        assert entry.text == "C" and not entry.multiline
        await type_line(pilot, "")  # Enter keeps it
        assert app.controller.state.round.actions["B"] == "c"
        await type_text(pilot, "Eerste regel.\nTweede regel.")
        await pilot.press("ctrl+s")
        await pilot.press("f3")
        await pilot.pause()
        assert entry.multiline and entry.team == "A"
        assert entry.text == "Eerste regel.\nTweede regel."

    play(session, FakeClock(), BEFORE_REFLECTION, script=script)
    assert open_session(session.folder).state.round.reflections == {}  # taken back, not given


def test_an_answer_taken_back_survives_a_resume_and_enter_keeps_it(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    controller = Controller(session, FakeClock())
    for raw in ("", "3 10 13", "12"):
        controller.answer(raw)
    controller.enter("/terug")
    session.close()
    reopened = open_session(session.folder, write=True)
    again = Controller(reopened, FakeClock())
    ask = again.ask()
    assert ask.kind == FACTORS_ASK and ask.team == "B" and ask.draft == "12"
    again.answer("")
    assert again.state.round.factors["B"] == ("taal",)
    assert again.ask().kind == CHOICE and again.ask().draft == ""
    events, _ = read_journal(reopened.folder / "journal.jsonl")
    assert [e.type for e in events].count("factors_answered") == 3
    reopened.close()


def test_plain_mode_says_the_earlier_answer_and_enter_keeps_it(tmp_path: Path) -> None:
    lines = ["", "3 10 13", "/terug", "", "12"]
    result = CliRunner().invoke(cli_app, [
        "play", "--session-dir", str(tmp_path), "--cases", "tolk-aan-tafel", "--teams", "A,B",
        "--plain"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stdout
    assert "A: welke factoren? [eerder: 3 10 13; Enter = zo laten]" in result.stdout
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    state = open_session(folder).state
    assert len(state.round.factors["A"]) == 3 and state.round.factors["B"] == ("taal",)
