"""The full-screen live app driven with Textual's pilot: clock, pause, editor and drafts, keys,
case beside the question, literal team names. The clock is injected and moved by hand."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.folders import Session, open_session
from casusspel.ui.app import live
from casusspel.ui.app.live import LiveApp
from casusspel.ui.app.widgets import Countdown, Entry, KeyLine
from tests.conftest import in_thread
from tests.test_controller import FakeClock, kinds, new_session

BEFORE_REFLECTION = ("", "12 13", "9", "b", "c")


def play(session: Session, clock: FakeClock, answers: tuple[str, ...] = (), *,
         size: tuple[int, int] = (80, 24), lang: str = "nl",
         script: Callable[[LiveApp, Pilot[str]], Awaitable[None]]) -> LiveApp:
    controller = Controller(session, clock)
    for raw in answers:
        controller.answer(raw)
    app = LiveApp(controller, Messages(lang))

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await script(app, pilot)

    in_thread(lambda: asyncio.run(run()))
    return app


def screen_text(app: LiveApp) -> str:
    """The text on the screen (from the SVG screenshot, without markup)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def screen_lines(app: LiveApp) -> list[str]:
    """The screen row by row (each text piece of the SVG screenshot placed at its column)."""
    svg = app.export_screenshot()
    rows: dict[int, dict[int, str]] = {}
    pattern = (r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
               r'clip-path="url\(#[\w-]*?line-(\d+)\)">([^<]*)</text>')
    for x, row, content in re.findall(pattern, svg):
        text = html.unescape(content).replace("\xa0", " ")
        for offset, char in enumerate(text):
            rows.setdefault(int(row), {})[round(float(x) / 12.2) + offset] = char
    return ["".join(cells.get(c, " ") for c in range(max(cells) + 1)).rstrip()
            for _, cells in sorted(rows.items())]


def clock_text(app: LiveApp) -> str:
    return app.query_one("#clock", Countdown).shown


async def type_text(pilot: Pilot[str], text: str) -> None:
    """Text into the focused entry or editor (one paste instead of a key press per letter)."""
    focused = pilot.app.focused
    assert isinstance(focused, Entry)
    focused.insert(text)
    await pilot.pause()


async def type_line(pilot: Pilot[str], text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")


def test_countdown_ticks_changes_colour_and_rings_once_at_zero(tmp_path: Path) -> None:
    clock = FakeClock()

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        countdown = app.query_one("#clock", Countdown)
        assert clock_text(app) == "⏱ nog 2:00"
        clock.move(30)
        app.tick()
        assert clock_text(app) == "⏱ nog 1:30" and not countdown.has_class("last-minute")
        drawn = countdown.render()
        app.tick()  # the same second: not drawn again (a new text lays out the whole screen)
        assert countdown.render() is drawn and clock_text(app) == "⏱ nog 1:30"
        clock.move(35)
        app.tick()
        assert clock_text(app) == "⏱ nog 0:55" and countdown.has_class("last-minute")
        clock.move(60)  # no key pressed: the tick alone ends it
        app.tick()
        await pilot.pause()
        assert clock_text(app) == "⏰ Tijd is om" and countdown.has_class("up")
        assert app.rings == 1
        assert "De tijd is om" in str(app.query_one("#notes", Static).render())
        app.tick()
        assert app.rings == 1  # rings once
        await type_line(pilot, "12")  # answers are still taken
        assert app.controller.state.round.factors == {"A": ("taal",)}

    play(new_session(tmp_path, timer=120), clock, ("",), script=script)


def test_pause_stops_the_clock_and_says_so(tmp_path: Path) -> None:
    clock = FakeClock()

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        clock.move(10)
        await type_line(pilot, "/pauze")
        assert "De tijd staat stil" in screen_text(app)
        assert clock_text(app) == "⏸ pauze, nog 0:50"
        clock.move(300)
        app.tick()
        assert clock_text(app) == "⏸ pauze, nog 0:50" and app.rings == 0
        await pilot.press("f5")  # F5 (or Enter) goes on
        assert app.controller.ask().kind == "factors"
        clock.move(5)
        app.tick()
        assert clock_text(app) == "⏱ nog 0:45"

    play(new_session(tmp_path, timer=60), clock, ("",), script=script)


def test_editor_wraps_journals_drafts_and_never_hands_in_on_pause_or_ctrl_c(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the quiet timer is a real one (Textual's): a long second, so that a busy machine cannot
    # fire it between the typing and the check that it was set (seen under load); the test
    # calls save_draft itself where the timer would
    monkeypatch.setattr(live, "DRAFT_SECOND", 3600.0)
    session = new_session(tmp_path)
    clock = FakeClock()

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        editor = app.query_one("#entry", Entry)
        assert editor.has_focus and editor.soft_wrap and editor.multiline
        await pilot.press(*"Wij")  # real keys: the first one is not lost
        await type_text(pilot, " hebben")
        assert app._draft_timer is not None  # a second of quiet saves it
        await pilot.press("enter")  # a new line saves at once
        assert session.state.round.drafts == {"A": "Wij hebben\n"}
        await type_text(pilot, "ook")
        app.save_draft()  # what the quiet timer calls
        assert session.state.round.drafts == {"A": "Wij hebben\nook"}
        await pilot.press("f5")
        assert app.controller.state.paused
        await pilot.press("enter")
        assert editor.text == "Wij hebben\nook"  # back in the editor after the pause
        await type_text(pilot, " meer")
        await pilot.press("ctrl+c")
        await pilot.pause()

    app = play(session, clock, BEFORE_REFLECTION, script=script)
    assert app.return_value == "interrupted"  # saved like /stop; the command exits with 130
    reopened = open_session(session.folder)
    assert reopened.state.round.reflections == {}
    assert reopened.state.round.drafts == {"A": "Wij hebben\nook meer"}
    assert reopened.state.paused and "reflection_written" not in kinds(session)


def test_enter_on_an_empty_line_hands_in_and_commands_work_in_the_editor(
        tmp_path: Path) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        editor = app.query_one("#entry", Entry)
        await type_line(pilot, "Regel een")
        await type_line(pilot, "Foute regel")
        await type_line(pilot, "/terug")  # takes the last line back; typing goes on below it
        assert editor.text == "Regel een\n"
        assert "Regel weggehaald: Foute regel" in str(app.query_one("#notes", Static).render())
        await pilot.press("enter")
        assert session.state.round.reflections == {"A": "Regel een"}
        assert app.controller.ask().team == "B" and editor.text == ""
        await pilot.press("enter")  # an empty reflection: said, not a blank line
        assert editor.text == ""
        assert "De reflectie is nog leeg" in str(app.query_one("#notes", Static).render())
        await type_text(pilot, "Tekst van B")
        await pilot.press("ctrl+s")
        assert session.state.phase == "reveal"

    play(session, FakeClock(), BEFORE_REFLECTION, script=script)


def test_a_command_on_its_own_line_keeps_the_line_break(tmp_path: Path) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        entry = app.query_one("#entry", Entry)
        await burst(pilot, "Wij gingen te snel lezen.", "enter", *"/pauze", "enter")
        assert app.controller.state.paused
        assert session.state.round.drafts == {"A": "Wij gingen te snel lezen.\n"}
        await burst(pilot, "/pauze", "enter", *"Dat zagen we later.", "ctrl+s")
        assert session.state.round.reflections == {
            "A": "Wij gingen te snel lezen.\nDat zagen we later."}
        assert entry.text == "" and app.controller.ask().team == "B"

    play(session, FakeClock(), BEFORE_REFLECTION, script=script)


def test_keys_for_back_skip_and_the_case(tmp_path: Path) -> None:
    session = new_session(tmp_path, teams=("A", "B", "C"))

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        assert not app.query_one("#case").display  # 80 columns: the case is one key away
        await pilot.press("f2")
        assert app.query_one("#case").display and not app.query_one("#main").display
        await pilot.press("f2", "f4")
        assert app.controller.ask().skipped == ("A",)
        assert "Overgeslagen: A" in screen_text(app)
        await pilot.press("f3")
        assert app.controller.ask().team == "A"
        await type_line(pilot, "12")
        await type_line(pilot, "/onzin")
        assert "Onbekende opdracht /onzin" in str(app.query_one("#notes", Static).render())
        await pilot.press("f1")
        assert "Opdrachten die overal werken" in screen_text(app)
        await pilot.resize_terminal(200, 60)  # a resize redraws: now side by side
        await pilot.pause()
        assert app.query_one("#case").display and app.query_one("#main").display

    play(session, FakeClock(), ("",), script=script)


def test_team_names_and_typed_text_are_shown_literally(tmp_path: Path) -> None:
    evil = "Tafel\x1b]52;c;aGVsbG8=\x07 [bold]1[/bold]\u202e\u200b"
    session = new_session(tmp_path, teams=(evil, "B"))

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        shown = screen_text(app)
        assert "\x1b]52" not in shown and "\u202e" not in shown and "\u200b" not in shown
        assert "Tafel␛]52;c;aGVsbG8=␇ [bold]1[/bold]: welke factoren?" in str(
            app.query_one("#question", Static).render())
        await type_line(pilot, "12")
        assert "Tafel␛]52;c;aGVsbG8=␇ [bold]1[/bold] heeft geantwoord" in str(
            app.query_one("#notes", Static).render())

    play(session, FakeClock(), ("",), script=script)


def test_english_session_answers_in_english(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("f3")  # back at the situation: refused, in English
        assert "Not allowed: going back past the start" in str(
            app.query_one("#notes", Static).render())
        assert "Back" in screen_text(app) and "Pause" in screen_text(app)

    play(new_session(tmp_path), FakeClock(), (), lang="en", script=script)


def test_the_end_shows_the_scoreboard_and_enter_closes(tmp_path: Path) -> None:
    session = new_session(tmp_path, case_id="brief-van-de-gemeente", teams=("A",))
    answers = ("", "10", "b", "Wij vroegen door.", "", "")

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        assert app.controller.ask().kind == "finished"
        assert "Einde van de sessie" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()

    app = play(session, FakeClock(), answers, script=script)
    assert app.return_value == "done"
    assert open_session(session.folder).state.finished


def test_keys_that_do_nothing_are_not_offered_during_a_pause_or_at_the_end(
        tmp_path: Path) -> None:
    """During a pause F2, F3 and F4 would only go on (any line does): F5 stays, as "Verder".
    At the end nothing can be stepped back, skipped or paused: only help and stop remain."""
    msg = Messages("nl")
    keys = {name: f"{name} {msg(label)}" for name, label in (
        ("F2", "key.case"), ("F3", "key.back"), ("F4", "key.skip"), ("F5", "key.pause"),
        ("F1", "key.help"), ("F10", "key.stop"))}
    session = new_session(tmp_path, case_id="brief-van-de-gemeente", teams=("A",))
    footers: dict[str, str] = {}

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        # the footer is fitted after the first refresh (call_after_refresh); on a busy machine
        # one pause was not always enough (seen at load 15): wait, in turns of the event loop,
        # until it shows keys at all, then check which
        for _ in range(50):
            await pilot.pause()
            if keys["F10"] in screen_lines(app)[-1]:
                break
        footers["answering"] = screen_lines(app)[-1]
        # a notice that the bindings may have changed, when they have not, keeps the keys
        built = list(app.query_one(KeyLine).children)
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(app.query_one(KeyLine).children) == built
        await pilot.press("f5")
        await pilot.pause()
        assert app.controller.state.paused
        footers["paused"] = screen_lines(app)[-1]
        assert not set(app.query_one(KeyLine).children) & set(built)  # built again
        await pilot.press("f3")  # not offered: it must not go on (or back)
        await pilot.pause()
        assert app.controller.state.paused
        await pilot.press("f5")
        for line in ("10", "b", "Wij vroegen door.", "", ""):
            if app.controller.ask().kind == "reflection":
                await type_text(pilot, line)
                await pilot.press("ctrl+s")
            else:
                await type_line(pilot, line)
        await pilot.pause()
        assert app.controller.ask().kind == "finished"
        footers["end"] = screen_lines(app)[-1]

    play(session, FakeClock(), ("",), size=(200, 30), script=script)
    assert all(key in footers["answering"] for key in keys.values()), footers["answering"]
    paused = footers["paused"]
    assert f"F5 {msg('key.resume')}" in paused and keys["F10"] in paused, paused
    assert not any(keys[k] in paused for k in ("F2", "F3", "F4")), paused
    end = footers["end"]
    assert keys["F1"] in end and keys["F10"] in end, end
    assert not any(keys[k] in end for k in ("F2", "F3", "F4", "F5")), end


@pytest.mark.parametrize("key", ["ctrl+d", "f10"])
def test_ctrl_d_and_f10_save_and_exit(tmp_path: Path, key: str) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press(key)
        await pilot.pause()

    app = play(session, FakeClock(), ("",), script=script)
    assert app.return_value == "saved" and open_session(session.folder).state.paused


def test_an_answer_from_another_thread_shows_on_the_screen(tmp_path: Path) -> None:
    """The phone page will answer from its own thread: the screen follows the controller."""
    import threading

    from casusspel.session.events import FactorsAnswered

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        phone = threading.Thread(target=lambda: app.controller.submit(
            FactorsAnswered(team="B", factors=("taal",), id="phone-1")))
        phone.start()
        phone.join()
        await pilot.pause()
        assert "Al geantwoord: B" in screen_text(app)
        assert app.controller.ask().team == "A"  # the keyboard's team is still A

    play(new_session(tmp_path), FakeClock(), ("",), script=script)


async def burst(pilot: Pilot[str], text: str, *keys: str) -> None:
    """Keys as a paste from a remote-desktop tool or tmux send-keys delivers them: all queued
    at once, before the app has handled the first one (``pilot.press`` waits after each key)."""
    from textual import events
    from textual.keys import _character_to_key

    for key in [*text, *keys]:
        if len(key) == 1:
            name = key if key.isalnum() else _character_to_key(key)
            pilot.app.post_message(events.Key(name, key))
        else:
            pilot.app.post_message(events.Key(key, None))
    for _ in range(5):
        await pilot.pause()


def test_fast_keys_stay_with_the_team_they_were_typed_for(tmp_path: Path) -> None:
    session = new_session(tmp_path, teams=("A", "B", "C"))
    first = "Eerste team schrijft hier een wat langere zin, die eindigt met EINDE."
    second = "Tweede team schrijft hier ook een zin met het woord EINDE."

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        # A hands in with Ctrl-S, B starts typing at once, then hands in with an empty line
        await burst(pilot, first, "ctrl+s", *second, "enter", "enter", *"Begin van C")
        assert session.state.round.reflections == {"A": first, "B": second}
        assert app.controller.ask().team == "C"
        assert app.query_one("#entry", Entry).text == "Begin van C"

    play(session, FakeClock(), ("", "12", "12", "12", "b", "b", "b"), script=script)


def test_fast_keys_with_corrections_in_a_one_line_prompt(tmp_path: Path) -> None:
    session = new_session(tmp_path, teams=("A", "B", "C"))

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        # backspace is a key binding: it must act where it was typed, not after later keys
        await burst(pilot, "12 9", "backspace", *"13", "enter", *"9", "enter", *"1",
                    "backspace", *"2 13")
        assert session.state.round.factors == {"A": ("taal", "gezin"), "B": ("armoede",)}
        assert app.query_one("#entry", Entry).text == "2 13"
        # C hands in, all three choose, and A starts its reflection: nothing crosses over
        await burst(pilot, "", "enter", *"b", "enter", *"c", "enter", *"a", "enter",
                    *"Reflectie van A")
        assert session.state.round.factors["C"] == ("migratie", "gezin")
        assert session.state.round.actions == {"A": "b", "B": "c", "C": "a"}
        assert app.controller.ask().team == "A"
        assert app.query_one("#entry", Entry).text == "Reflectie van A"

    play(session, FakeClock(), ("",), script=script)


def test_help_closes_with_escape_and_says_so_and_keys_look_the_same_everywhere(
        tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("f1")
        shown = screen_text(app)
        assert "Opdrachten die overal werken" in shown and "Esc of F1 = hulp sluiten" in shown
        assert "F1 Hulp" in shown and "f1 Hulp" not in shown  # the footer as the help says
        await pilot.press("escape")
        assert "Opdrachten die overal werken" not in screen_text(app)
        await type_text(pilot, "12")
        await pilot.press("escape")  # without the help, Escape changes nothing
        assert app.query_one("#entry", Entry).text == "12"

    play(new_session(tmp_path), FakeClock(), ("",), script=script)


def test_the_last_answer_is_confirmed_but_not_carried_onto_the_next_step(
        tmp_path: Path) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await type_line(pilot, "Wij vragen door.")
        await pilot.press("enter")
        assert "A heeft geantwoord" in str(app.query_one("#notes", Static).render())
        await type_line(pilot, "Wij regelen een tolk.")
        await pilot.press("enter")
        assert session.state.phase == "reveal"
        assert "heeft geantwoord" not in screen_text(app)

    play(session, FakeClock(), BEFORE_REFLECTION, script=script)


def test_the_clock_comes_first_and_a_long_header_ends_in_an_ellipsis(tmp_path: Path) -> None:
    session = new_session(tmp_path, case_id="advies-over-het-aanmeldformulier", timer=60)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        top = screen_lines(app)[0]
        assert top.lstrip().startswith("⏱ nog 1:00")
        assert top.rstrip().endswith("…")  # the title is cut visibly, never silently
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        top = screen_lines(app)[0]
        assert top.lstrip().startswith("⏱ nog 1:00")
        assert "Advies over het aanmeldformulier" in top

    play(session, FakeClock(), ("",), script=script)


def test_a_half_typed_line_survives_a_pause_and_is_named_after_ctrl_c(tmp_path: Path) -> None:
    session = new_session(tmp_path)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        entry = app.query_one("#entry", Entry)
        await burst(pilot, "12 1", "f5")
        assert app.controller.state.paused and entry.text == ""
        await pilot.press("enter")  # the pause ends: the half answer is back
        assert entry.text == "12 1" and app.controller.ask().team == "A"
        await burst(pilot, "3", "ctrl+c")

    app = play(session, FakeClock(), ("",), script=script)
    assert app.return_value == "interrupted" and app.unsaved_line == ("A", "12 13")
    assert open_session(session.folder).state.round.factors == {}  # never handed in


def test_on_a_wide_screen_the_text_keeps_a_readable_width(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        lines = screen_lines(app)[1:-3]  # the situation, without the top line and the entry
        assert max(len(line.strip()) for line in lines) <= 120
        assert min(len(line) - len(line.lstrip()) for line in lines if line.strip()) >= 30

    play(new_session(tmp_path), FakeClock(), size=(200, 60), script=script)


def test_an_answer_not_understood_stays_in_the_entry_with_every_wrong_part_named(
        tmp_path: Path) -> None:
    """"3 99 abc" used to clear the line and name only 99 (a playtest): the trainer retyped it
    and met the next complaint. Now every wrong part is named and the line stays to correct."""
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await type_line(pilot, "3 99 abc")
        await pilot.pause()
        entry = app.query_one("#entry", Entry)
        assert entry.text == "3 99 abc" and entry.team == "A"
        assert "Dat begrijp ik niet: 99, abc." in str(app.query_one("#notes", Static).render())
        assert app.controller.state.round.factors == {}
        for _ in range(len("99 abc")):
            await pilot.press("backspace")
        await type_line(pilot, "12")
        [chosen] = app.controller.state.round.factors.values()
        assert len(chosen) == 2 and "taal" in chosen  # factor 3 and factor 12
        assert app.query_one("#entry", Entry).text == ""

    play(new_session(tmp_path, teams=("A", "B")), FakeClock(), ("",), script=script)


def test_escape_cancels_the_skip_with_a_draft_question_and_the_draft_stays(
        tmp_path: Path) -> None:
    """F4 on a team with a draft asks whether to hand it in; Escape cancels that question (as
    /terug): the team is not skipped, its draft is back in the editor. Escape also answers
    'no' to F9's question."""
    session = new_session(tmp_path, teams=("A", "B"))

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await type_text(pilot, "Wij vroegen door.")
        await pilot.press("f4")
        await pilot.pause()
        assert app.controller.ask().kind == "dialog"
        assert "A heeft een concept" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        ask = app.controller.ask()
        assert (ask.kind, ask.team) == ("reflection", "A")
        assert app.query_one("#entry", Entry).text == "Wij vroegen door."
        assert "Geannuleerd." in screen_text(app)
        await pilot.press("f9")
        await pilot.pause()
        assert app.controller.ask().kind == "dialog"
        await pilot.press("escape")
        await pilot.pause()
        assert app.controller.ask().kind == "reflection" and not app.controller.state.ending
        assert app.query_one("#entry", Entry).text == "Wij vroegen door."

    play(session, FakeClock(), ("", "12", "12", "b", "c"), script=script)
    state = open_session(session.folder).state
    assert not state.round.skipped and state.round.drafts == {"A": "Wij vroegen door."}
    assert "skipped" not in kinds(session)


def test_a_double_escape_on_a_dialog_never_steps_back_over_an_answer(tmp_path: Path) -> None:
    """Both Escapes of a quick double tap arrive while F9's question is open; the second finds
    it gone when its turn comes and does nothing (it stepped back over team B's action)."""
    session = new_session(tmp_path, teams=("A", "B"))

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("f9")
        await pilot.pause()
        assert app.controller.ask().kind == "dialog"
        app.simulate_key("escape")
        app.simulate_key("escape")
        for _ in range(4):
            await pilot.pause()
        ask = app.controller.ask()
        assert (ask.kind, ask.team) == ("reflection", "A")
        assert not app.controller.state.ending

    play(session, FakeClock(), ("", "12", "12", "b", "c"), script=script)
    state = open_session(session.folder).state
    assert state.round.actions == {"A": "b", "B": "c"}


def test_escape_cancels_the_whole_plenary_revote_and_the_first_vote_stays(
        tmp_path: Path) -> None:
    """The re-vote asks its counts one by one: Escape gives it up as a whole (F3 or /terug take
    back one count), back at the discussion, the first vote as it was; 's' starts it anew."""
    session = new_session(tmp_path, mode="plenary", cases=("brief-van-de-gemeente",))

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        for count in ("s", "3", "4"):
            await type_line(pilot, count)
        assert app.controller.ask().letter == "C"
        await pilot.press("escape")
        await pilot.pause()
        assert app.controller.ask().kind == "menu"
        assert "Herstemming geannuleerd: de eerste stemming blijft zoals ze was." in " ".join(
            screen_text(app).split())
        assert app.controller.state.round.votes == {1: {"a": 5, "b": 2, "c": 1, "d": 0}}
        await pilot.press("escape")  # nothing open any more: a second Escape changes nothing
        assert app.controller.ask().kind == "menu"
        await type_line(pilot, "s")
        assert app.controller.ask().letter == "A"  # a new re-vote starts at the first option

    play(session, FakeClock(), ("", "5", "2", "1", "0", ""), script=script)


@pytest.mark.parametrize(("value", "quiet"), [
    (None, 1.0), ("0.2", 0.2), ("60", 60.0), ("0", 1.0), ("-1", 1.0), ("nan", 1.0),
    ("inf", 1.0), ("61", 1.0), ("een", 1.0), ("", 1.0)])
def test_the_draft_quiet_time_is_a_second_unless_set_to_a_sensible_one(
        monkeypatch: pytest.MonkeyPatch, value: str | None, quiet: float) -> None:
    if value is not None:
        monkeypatch.setenv(live.DRAFT_SECONDS_VARIABLE, value)
    assert live.draft_quiet() == quiet


@pytest.mark.parametrize("size", [(80, 24), (120, 35), (200, 60)])
def test_a_reflection_being_written_gets_the_room_and_stays_in_view(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """A team that dictates sees its whole text: the editor takes the room the prompt above it
    does not need (at 80x24 it had four lines under eleven empty ones); F1 and the end of the
    step give the room back."""
    lines = [f"Regel {n} van wat de tafel dicteert over Noor en haar moeder." for n in
             range(1, 13)]

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await type_text(pilot, "\n".join(lines))
        await pilot.pause()
        shown = screen_lines(app)
        assert all(any(line in row for row in shown) for line in lines), "\n".join(shown)
        entry = app.query_one("#entry", Entry)
        assert entry.size.height >= 0.35 * size[1]  # (30% with its border before)
        assert app.query_one("#main").size.height <= 4 or size[0] >= live.WIDE
        await pilot.press("f1")  # the help gets the room it needs
        assert app.query_one("#main").size.height > size[1] // 2
        await pilot.press("f1")
        await type_text(pilot, "\n")
        await pilot.press("enter")  # handed in: the next team's empty editor, the same room
        assert "B: jullie reflectie" in str(app.query_one("#question", Static).render())
        assert app.query_one("#entry", Entry).size.height == entry.size.height

    play(new_session(tmp_path), FakeClock(), BEFORE_REFLECTION, size=size, script=script)


def test_a_long_reflection_question_still_scrolls_above_the_larger_editor(
        tmp_path: Path) -> None:
    """The editor's room is taken from empty lines only: a question longer than the room left
    above it can still be read page by page (PgDn is offered), the editor keeps its lines."""
    controller = Controller(new_session(tmp_path), FakeClock())
    for raw in BEFORE_REFLECTION:
        controller.answer(raw)
    engine = controller.engine
    case = engine.case(controller.state)
    prompt = " ".join(f"Vraag {n}: wat betekent het voor Noor als zij tolkt?" for n in range(30))
    engine.cases[case.id] = case.model_copy(update={"reflection": case.reflection.model_copy(
        update={"prompt": prompt})})
    app = LiveApp(controller, Messages())

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            main = app.query_one("#main")
            assert main.max_scroll_y > 0 and app.check_action("page", ()) is True
            assert app.query_one("#entry", Entry).size.height >= 6
            await pilot.press("pagedown")
            assert main.scroll_y > 0

    in_thread(lambda: asyncio.run(run()))
