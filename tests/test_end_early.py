"""Ending a session early (/einde, /end, F9): confirmed, it ends after the current case with the
final scoreboard and a report of the cases played, like a session that played them all."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from typer.testing import CliRunner

from casusspel.cli import app as cli_app
from casusspel.messages import Messages
from casusspel.reports import build_report
from casusspel.reports.markdown import render_markdown
from casusspel.session.controller import CONTINUE, DIALOG, FINISHED, Controller
from casusspel.session.folders import open_session
from casusspel.ui.app.live import LiveApp
from casusspel.ui.screens import scoreboard_view
from tests.test_app import play, screen_text, type_line
from tests.test_controller import FakeClock, new_session

THREE = ("tolk-aan-tafel", "brief-van-de-gemeente", "een-stille-ruimte")
#: one case played by two teams, up to its reveal
TO_REVEAL = ("", "12 13", "9", "b", "c", "Wij vroegen door bij haar.", "Wij zochten een tolk.")


def test_end_after_this_case_is_confirmed_and_goes_to_the_final_scoreboard(
        tmp_path: Path) -> None:
    session = new_session(tmp_path, cases=THREE)
    controller = Controller(session, FakeClock())
    for raw in TO_REVEAL:
        controller.answer(raw)
    assert controller.state.phase == "reveal"
    controller.enter("/einde")
    ask = controller.ask()
    assert ask.kind == DIALOG and ask.key == "end.confirm"
    assert Messages("nl")(ask.key, **ask.params).startswith(
        "Sessie afronden na deze casus (1 van 3 casussen gespeeld)?")
    assert [n.key for n in controller.answer("")] == ["end.not"]  # Enter is no
    assert not controller.state.ending and controller.ask().kind == CONTINUE
    controller.enter("/end")
    assert [n.key for n in controller.answer("j")] == ["end.set"]
    assert controller.state.ending and controller.state.phase == "reveal"  # the case goes on
    controller.answer("")  # reveal -> discussion
    controller.answer("")  # discussion -> (the stage of this case) or the end
    while controller.ask().kind != FINISHED:
        ask = controller.ask()
        controller.answer("a" if ask.kind == "choice" else "")
    state = open_session(session.folder).state  # the fold of the journal says the same
    assert state.finished and state.cases_played == 1 and state.ended_early
    assert state.case_index == 0


def test_between_cases_it_ends_at_once_and_the_next_case_does_not_count(tmp_path: Path) -> None:
    session = new_session(tmp_path, cases=THREE[1:] + THREE[:1], teams=("A",))
    controller = Controller(session, FakeClock())
    for raw in ("", "10", "b", "Wij vroegen door.", "", ""):
        controller.answer(raw)
    while controller.state.phase != "scoreboard":
        controller.answer("")
    controller.answer("")  # the situation of case 2: nothing of it answered yet
    assert controller.state.phase == "situation" and controller.state.case_index == 1
    controller.enter("/einde")
    assert controller.ask().key == "end.confirm.now"
    assert Messages("en")(controller.ask().key, **controller.ask().params).startswith(
        "End the session now (1 of 3 cases played)?")
    controller.answer("ja")
    state = controller.state
    assert state.finished and state.cases_played == 1 and state.ended_early
    console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
    console.print(scoreboard_view(controller.engine, state, Messages("nl"), 80))
    assert "Scorebord na 1 van 3 casussen" in console.export_text()  # not "2 van 3"
    report = build_report(controller.engine, state)
    assert [c.id for c in report.cases] == ["brief-van-de-gemeente"]  # only the case played
    assert report.session.ended_early and report.session.finished
    assert (report.session.cases_played, report.session.cases_total) == (1, 3)
    assert report.to_json()["session"]["ended_early"] is True
    text = render_markdown(report)
    assert "vroeg afgerond: 1 van 3 casussen gespeeld" in text
    assert "Een dochter als tolk" not in text


def test_asked_again_the_end_can_be_taken_back(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path, cases=THREE), FakeClock())
    controller.answer("")
    controller.enter("/einde")
    controller.answer("j")
    controller.enter("/einde")
    assert controller.ask().key == "end.undo.confirm"
    assert [n.key for n in controller.answer("n")] == ["end.kept"]
    assert controller.state.ending
    controller.enter("/einde")
    assert [n.key for n in controller.answer("j")] == ["end.undone"]
    assert not controller.state.ending
    assert not open_session(controller.session.folder).state.ending


def test_a_session_that_plays_every_case_is_not_ended_early(tmp_path: Path) -> None:
    session = new_session(tmp_path, case_id="brief-van-de-gemeente", teams=("A",))
    controller = Controller(session, FakeClock())
    for raw in ("", "10", "b", "Wij vroegen door.", "", "", ""):
        controller.answer(raw)
    state = controller.state
    assert state.finished and state.cases_played == 1 and not state.ended_early
    assert not build_report(controller.engine, state).session.ended_early


def test_f9_asks_and_the_closing_screen_says_how_many_were_played(tmp_path: Path) -> None:
    session = new_session(tmp_path, cases=THREE)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("f9")
        await pilot.pause()
        assert "Sessie afronden na deze casus (1 van 3 casussen gespeeld)?" in screen_text(app)
        await type_line(pilot, "j")
        await pilot.pause()
        assert "laatste casus" in screen_text(app)  # the top line says it from now on
        while app.controller.ask().kind != FINISHED:
            await type_line(pilot, "a" if app.controller.ask().kind == "choice" else "")
        await pilot.pause()
        shown = screen_text(app)
        assert "Einde van de sessie" in shown
        assert "Vroeg afgerond: 1 van 3 casussen gespeeld." in shown
        assert "Scorebord" in shown
        await pilot.press("f1")
        assert "/einde" in screen_text(app) and "F9" in screen_text(app)

    play(session, FakeClock(), TO_REVEAL, size=(100, 40), script=script)
    assert open_session(session.folder).state.ended_early


def test_plain_mode_in_english_ends_early_and_exits_0(tmp_path: Path) -> None:
    lines = ["", "12 13", "b", "We asked her what she wants.", "", "/help", "/end", "y",
             "", "", "a", ""]  # reveal, discussion, the next stage and its reveal: the end
    result = CliRunner().invoke(cli_app, [
        "play", "--session-dir", str(tmp_path), "--cases", ",".join(THREE), "--teams", "A",
        "--lang", "en", "--plain"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert "/end          end after this case: scoreboard and report" in out
    assert "End the session after this case (1 of 3 cases played)?" in out
    assert "The session ends after this case" in out
    assert "last case" in out
    assert "Ended early: 1 of 3 cases played." in out
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    report = (folder / "verslag.md").read_text(encoding="utf-8")
    assert "ended early: 1 of 3 cases played" in report
    events = [json.loads(line)["type"] for line in
              (folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()]
    assert "end_requested" in events and events[-1] == "session_ended"


def test_help_names_the_command_in_both_languages() -> None:
    assert "/einde" in Messages("nl")("help") and "/end" in Messages("en")("help")
    assert "F9" in Messages("nl")("app.keys") and "F9" in Messages("en")("app.keys")


def test_a_count_of_one_case_is_said_in_the_singular_in_both_languages(tmp_path: Path) -> None:
    """One case in the session: '0 van 1 casus', never '0 van 1 casussen' (the dialog and the
    final scoreboard), in Dutch and in English."""
    session = new_session(tmp_path, case_id="brief-van-de-gemeente", teams=("A",))
    controller = Controller(session, FakeClock())
    controller.enter("/einde")
    ask = controller.ask()
    assert Messages("nl")(ask.key, **ask.params).startswith(
        "Sessie nu afronden (0 van 1 casus gespeeld)?")
    assert Messages("en")(ask.key, **ask.params).startswith(
        "End the session now (0 of 1 case played)?")
    controller.answer("n")
    for raw in ("", "10", "b", "Wij vroegen door.", "", "", ""):
        controller.answer(raw)
    assert controller.state.finished
    for lang, title in (("nl", "Scorebord na 1 van 1 casus"),
                        ("en", "Scoreboard after 1 of 1 case")):
        console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
        console.print(scoreboard_view(controller.engine, controller.state, Messages(lang), 80))
        shown = console.export_text()
        assert title in shown and f"{title}s" not in shown


def test_f9_on_a_one_case_session_says_one_case_on_screen(tmp_path: Path) -> None:
    session = new_session(tmp_path, case_id="tolk-aan-tafel")

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("f9")
        await pilot.pause()
        shown = screen_text(app)
        assert "(0 van 1 casus gespeeld)" in shown and "casussen" not in shown

    play(session, FakeClock(), (), size=(100, 40), script=script)
