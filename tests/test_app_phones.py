"""The projector with phones (Textual pilot, no web server: a stand-in page): the QR code and
room code first, who joined, phone icons, and a typed line that never lands on another team."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.events import FactorsAnswered, ReflectionWritten
from casusspel.ui.app.live import LiveApp
from casusspel.ui.app.widgets import Entry
from casusspel.ui.qr import qr_size, qr_text
from tests.conftest import in_thread
from tests.test_app import screen_lines, screen_text, type_text
from tests.test_controller import FakeClock, new_session


@dataclass
class StandInPage:
    """What the app needs of a running phone page."""

    url: str = "http://192.168.1.20:8765/"
    code: str = "K7PXA"
    warning: str = ""

    @property
    def join_url(self) -> str:
        return f"{self.url}?code={self.code}"

    def attach(self, controller: Controller | None) -> None:
        pass

    def stop(self) -> None:
        pass


def play(tmp_path: Path, script: Callable[[LiveApp, Pilot[str]], Awaitable[None]], *,
         size: tuple[int, int] = (80, 24), page: StandInPage | None = None) -> None:
    controller = Controller(new_session(tmp_path, teams=("A", "B")), FakeClock())
    app = LiveApp(controller, Messages("nl"), page or StandInPage())

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await script(app, pilot)

    in_thread(lambda: asyncio.run(run()))


def test_the_room_sees_the_code_first_and_who_joined(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        text = screen_text(app)
        assert "Meedoen met je telefoon" in text and "http://192.168.1.20:8765/" in text
        assert " K 7 P X A " in text and "📱 K7PXA · 0 van 2" in text
        assert "Nog geen telefoons aangemeld." in text
        assert "▀" in text or "▄" in text  # the QR code
        app.controller.phone_joined("A")
        app.controller.phone_connected("A", 1)
        await pilot.pause()
        text = screen_text(app)
        assert "Aangemeld: A 📱" in text and "📱 K7PXA · 1 van 2" in text
        await pilot.press("enter")  # Enter puts the case on the screen; it does not move on
        assert app.controller.state.phase == "situation"
        assert "Meedoen met je telefoon" not in screen_text(app)
        await pilot.press("f6")  # the code again, for a team that comes in late
        assert "Meedoen met je telefoon" in screen_text(app)
        await pilot.press("f6")
        await pilot.press("enter")
        assert app.controller.state.phase == "factors"
        text = screen_text(app)
        assert "B: welke factoren?" in text  # the team without a phone at the keyboard
        assert "… A 📱" in text and "… B" in text  # still busy; A with a phone
        assert "(antwoorden verborgen tot de onthulling)" in text

    play(tmp_path, script)


def test_the_code_is_bigger_on_a_big_screen(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        assert "████" in screen_text(app)  # two columns a module

    play(tmp_path, script, size=(200, 60))


def test_a_line_typed_while_the_team_answered_on_its_phone_stays_in_the_entry(
        tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("enter", "enter")
        assert app.asked_team == "A"
        await type_text(pilot, "12 13")
        in_thread(lambda: app.controller.submit_for(  # the phone, from the server's thread
            "A", FactorsAnswered(team="A", factors=("armoede",)), 0, "factors"))
        await pilot.press("enter")
        assert app.controller.state.round.factors == {"A": ("armoede",)}
        assert app.query_one("#entry", Entry).text == "12 13"
        assert "A heeft net op de telefoon geantwoord" in screen_text(app)
        assert app.asked_team == "B"
        await pilot.press("enter")
        assert app.controller.state.round.factors["B"] == ("taal", "gezin")

    play(tmp_path, script)


def test_a_line_typed_for_a_team_that_joins_with_a_phone_stays_in_the_entry(
        tmp_path: Path) -> None:
    """A phone moves the question on (A joins: the keyboard asks B first): the line typed for
    A stays visible and is never handed in for A's turn nor silently for B."""
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("enter", "enter")
        assert app.asked_team == "A"
        await type_text(pilot, "12 13")
        in_thread(lambda: app.controller.phone_joined("A"))
        await pilot.pause()
        assert app.asked_team == "B"
        assert app.query_one("#entry", Entry).text == "12 13"
        await pilot.press("enter")
        assert app.controller.state.round.factors == {}
        assert "A is nu niet aan de beurt" in screen_text(app)
        assert app.query_one("#entry", Entry).text == "12 13"
        await pilot.press("enter")  # the trainer uses it for the team asked now
        assert app.controller.state.round.factors == {"B": ("taal", "gezin")}

    play(tmp_path, script)


def test_a_reflection_typed_for_a_team_is_kept_when_the_keyboard_moves_on(
        tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        controller = app.controller
        for raw in ("", "9", "9", "a", "a"):
            controller.answer(raw)
        await pilot.press("f6")  # away from the code (Enter is a new line in the editor)
        assert app.asked_team == "A"
        await type_text(pilot, "Voor A getypt")
        controller.phone_joined("A")  # A joins with a phone: the keyboard asks B first
        await pilot.pause()
        assert app.asked_team == "B"
        assert controller.state.round.drafts["A"] == "Voor A getypt"  # nothing is lost
        in_thread(lambda: controller.submit_for(
            "A", ReflectionWritten(team="A", text="Van de telefoon"), 0, "reflection"))
        await pilot.pause()
        assert controller.state.round.reflections == {"A": "Van de telefoon"}

    play(tmp_path, script)


def test_no_network_is_said_on_the_screen(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        assert "Geen netwerk gevonden" in screen_text(app)

    play(tmp_path, script, page=StandInPage(
        url="http://127.0.0.1:8765/", warning=Messages("nl")("phones.no_network")),
        size=(120, 40))


@pytest.mark.parametrize("scale", [1, 2])
def test_the_terminal_qr_code_is_exactly_the_code_segno_made(scale: int) -> None:
    """Reading the half blocks back gives segno's modules (decoded with zbarimg when this was
    written: both sizes read as the address)."""
    import segno

    url = "http://192.168.178.23:8765/?code=K7PXA"
    text = qr_text(url, scale)
    assert text.style == "#000000 on #ffffff"
    rows: list[list[bool]] = []
    for line in text.plain.split("\n"):
        if scale == 1:
            rows += [[c in "█▀" for c in line], [c in "█▄" for c in line]]
        else:
            rows.append([c == "█" for c in line[::2]])
    modules = [[bool(v) for v in row]
               for row in segno.make(url, error="m").matrix_iter(scale=1, border=2)]
    assert rows[:len(modules)] == modules and not any(any(r) for r in rows[len(modules):])
    assert qr_size(url, scale) == (len(text.plain.split("\n")[0]), len(text.plain.split("\n")))


async def settled_footer(app: LiveApp, pilot: Pilot[str]) -> str:
    """The key line once it stops changing: a redraw fits it after the next refresh, which under
    load can take a few rounds of the event loop."""
    await pilot.pause()
    footer = screen_lines(app)[-1]
    for _ in range(10):
        await pilot.pause()
        if (now := screen_lines(app)[-1]) == footer:
            break
        footer = now
    return footer


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_footer_never_cuts_off_stop_or_the_phones_key(tmp_path: Path, lang: str) -> None:
    """At 80 columns the keys move closer and F2, F3, F7, F5, PgDn make room (F1 lists them);
    F6, F9 and F10 always show, in order, also when PgDn is offered (a long reveal); on a wide
    screen every key shows, with the usual space."""
    msg = Messages(lang)
    stop, phones_key = f"F10 {msg('key.stop')}", f"F6 {msg('key.phones')}"
    end = f"F9 {msg('key.end')}"
    footers: list[str] = []
    paged: list[bool] = []  # whether PgDn works on that screen (there is more to read)

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        for keys in ([], ["enter"], ["enter", "1", "enter", "1", "enter", "a", "enter", "a",
                                      "enter"],
                     ["x", "enter", "enter", "y", "enter", "enter"]):  # the reveal
            for key in keys:
                await pilot.press(key)
            footers.append(await settled_footer(app, pilot))
            paged.append(app.query_one("#main", VerticalScroll).max_scroll_y > 0)
        await pilot.resize_terminal(200, 50)
        footers.append(await settled_footer(app, pilot))

    controller = Controller(new_session(tmp_path, teams=("A", "B")), FakeClock())
    app = LiveApp(controller, msg, StandInPage())

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await script(app, pilot)

    in_thread(lambda: asyncio.run(run()))
    assert paged[3] and footers[3].lstrip().startswith("PgDn ")  # a long reveal: PgDn reads on
    for footer in footers:
        assert len(footer) <= 80 or footer is footers[-1]
        assert footer.index(phones_key) < footer.index(end) < footer.index(stop), footer
        assert footer.endswith(stop), footer
    for footer in footers[1:3]:  # the factor and the reflection step: F4 is how a team is skipped
        assert f"F4 {msg('key.skip')}" in footer, footer
    assert f"Ctrl-S {msg('key.submit')}" in footers[2]
    assert f"F4 {msg('key.skip')}" in footers[-1] and f"F3 {msg('key.back')}" in footers[-1]


def test_f7_with_two_phone_teams_asks_which_one_and_escape_takes_nobody(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        for team in ("A", "B"):
            app.controller.phone_joined(team)
        await pilot.press("enter", "enter", "enter")
        assert app.controller.state.phase == "factors"
        await pilot.press("f7")
        assert "Welk team neem je over? (1=A, 2=B)" in screen_text(app)
        await pilot.press("escape")
        assert app.controller.state.round.taken == frozenset()
        assert "Welk team neem je over?" not in screen_text(app)
        await pilot.press("f7")
        await type_text(pilot, "2")
        await pilot.press("enter")
        assert app.controller.state.round.taken == frozenset({("factors", "B")})
        assert app.asked_team == "B"
        assert "Overgenomen: je vult nu hier in voor B" in screen_text(app)

    play(tmp_path, script)


def test_f7_reaches_a_phone_team_behind_the_team_at_the_keyboard(tmp_path: Path) -> None:
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        app.controller.phone_joined("A")
        await pilot.press("enter", "enter", "enter")
        assert app.asked_team == "B"  # the keyboard asks B; A's phone went flat
        await pilot.press("f7")
        assert app.controller.state.round.taken == frozenset({("factors", "A")})
        assert app.asked_team == "A"  # the laptop types for A now, B after it
        assert "(overgenomen van de telefoon)" in screen_text(app)
        await type_text(pilot, "12 13")
        await pilot.press("enter")
        assert app.controller.state.round.factors == {"A": ("taal", "gezin")}
        assert app.asked_team == "B"

    play(tmp_path, script)


def test_f7_while_a_question_is_open_says_to_answer_it_first_then_works(tmp_path: Path) -> None:
    """F9 asked 'end after this case?': F7 takes nobody over behind the trainer's back and
    does not stay silent either; it says what to do, and after Escape F7 works."""
    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        app.controller.phone_joined("A")
        await pilot.press("enter", "enter", "enter")
        await pilot.press("f9")
        assert app.controller.ask().key == "end.confirm"
        await pilot.press("f7")
        assert app.controller.state.round.taken == frozenset()
        assert app.controller.ask().key == "end.confirm"  # the question stays, unanswered
        assert "Eerst de open vraag: beantwoord die, of annuleer hem met Esc" in " ".join(
            screen_text(app).split())
        await pilot.press("escape")
        await pilot.press("f7")
        assert app.controller.state.round.taken == frozenset({("factors", "A")})
        assert app.asked_team == "A"

    play(tmp_path, script)


def test_at_the_end_the_phone_keys_are_not_offered(tmp_path: Path) -> None:
    """The session is over: F6 would only put up a code to join nothing, F7 takes over nothing;
    help and stop (which closes, as Enter does) stay."""
    footers: list[str] = []

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("enter")  # the code goes
        answers = {"factors": "9", "choice": "a", "reflection": "Wij vroegen door."}
        while (kind := app.controller.ask().kind) != "finished":
            app.controller.answer(answers.get(kind, ""))
        await pilot.pause()
        footers.append(await settled_footer(app, pilot))
        await pilot.press("f6")
        await pilot.pause()
        assert "Meedoen met je telefoon" not in screen_text(app)

    play(tmp_path, script, size=(120, 30))
    [end] = footers
    assert "F1 Hulp" in end and "F10 Stop" in end, end
    assert not any(key in end for key in ("F6", "F7", "F9")), end


def test_f7_stays_in_its_place_and_never_selects_the_typed_text(tmp_path: Path) -> None:
    """The entry (a TextArea) had F7 as 'select all': it put F7 first in the key line, and
    pressed with no phone team to take over it selected the line typed so far."""
    footers: list[str] = []

    async def script(app: LiveApp, pilot: Pilot[str]) -> None:
        await pilot.press("enter", "enter", "enter")
        await type_text(pilot, "12 13")
        await pilot.press("f7")  # no phone team: nothing to take over, nothing selected
        entry = app.query_one("#entry", Entry)
        assert entry.selected_text == "" and entry.text == "12 13"
        app.controller.phone_joined("B")
        footers.append(await settled_footer(app, pilot))

    play(tmp_path, script, size=(200, 30))
    [footer] = footers
    assert footer.index("F6 ") < footer.index("F7 Overnemen") < footer.index("F9 "), footer
