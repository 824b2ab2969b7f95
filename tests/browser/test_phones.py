"""The phone page in a real browser: Debian's chromium through Playwright at a 390 px phone
viewport with touch, against the real server (uvicorn in a thread, on loopback), one server
for the module; each test plays its own session on it (like the blocks of a programme)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from casusspel.messages import Messages
from casusspel.session.clock import format_seconds
from casusspel.session.controller import Controller
from casusspel.web.server import PhoneServer, start

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True,
         "device_scale_factor": 2}
#: ms: how long the browser may take to show something; generous for a loaded machine, and a
#: wait ends as soon as the page shows it
WAIT = 30_000
#: ms: the page saves a draft after this much quiet (DRAFT_DELAY in phone.js); the tests move the
#: phone's clock past it instead of waiting
QUIET = 1000
TICKS = 400  # ms: ticks tapped in a row go to the laptop together after 300 ms (phone.js)
POLL = 1500  # ms: how often a phone that lost the laptop asks whether it is back (phone.js)

pytestmark = pytest.mark.slow



Phone = Callable[..., Any]


@pytest.fixture
def phone(browser: Any, server: PhoneServer, controller: Controller) -> Iterator[Phone]:
    """Opens phones: ``phone(team)`` is one that scanned the QR code and tapped its team,
    ``phone()`` one on the join page. However the test ends, its phones are closed and the laptop
    has seen every one go before the next test: the module's server (and the phones it counts
    per team) outlives the test."""
    contexts: list[Any] = []

    def open_phone(team: str | None = None, **options: Any) -> Any:
        context = browser.new_context(**{**PHONE, **options})
        context.clock.install()  # its timers run as usual; a test may move them on
        contexts.append(context)
        page = context.new_page()
        if team is not None:
            page.goto(server.join_url)
            page.get_by_role("button", name=team).tap()
            page.wait_for_selector("#answer > *", timeout=WAIT)
        return page

    yield open_phone
    for context in contexts:
        context.close()
    wait_for(controller, lambda: not any(controller.phones.values()), "every phone gone")


def clock_stands(page: Any) -> None:
    """From now on the phone's timers fire only when the test moves its clock on
    (``fast_forward``), so text typed on it stays on the phone until then. After ``install``
    a phone's clock runs as usual, and on a loaded machine a second (the draft's quiet time)
    can pass between two steps of a test: the older-text test's second phone then saved its own
    text and was not warned. (The clock jumps a second ahead first: pausing it in the past is
    refused, and nothing is waiting on it yet.)"""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)


def trainer_types(controller: Controller, lines: tuple[str, ...]) -> None:
    """The trainer types ``lines`` at the laptop, one after the other."""
    for raw in lines:
        keyboard(controller, raw)


def keyboard(controller: Controller, raw: str, team: str | None = None) -> None:
    """The trainer types ``raw`` at the laptop (for ``team``), and the laptop takes it: a line
    it refuses (say, for a team that answers on its phone) fails here, not later as a page that
    waits in vain for the next step."""
    refused = [n.key for n in controller.answer(raw, team) if n.level in ("warn", "error")]
    assert not refused, f"the laptop refused {raw!r}: {refused}"


def take_over(controller: Controller, team: str) -> None:
    """F7 for ``team``: with several phone teams still to answer, F7 asks which one."""
    controller.command("takeover")
    if controller.ask().key == "takeover.which":
        controller.answer(team)


def wait_for(controller: Controller, condition: Callable[[], bool], what: str) -> None:
    """Wait until the controller reports a change after which ``condition`` holds (generous:
    the wait ends as soon as it holds)."""
    happened = threading.Event()
    unsubscribe = controller.subscribe(lambda state: happened.set() if condition() else None)
    try:
        assert condition() or happened.wait(WAIT / 1000), f"waited in vain for {what}"
    finally:
        unsubscribe()


def fits_the_phone(page: Any) -> None:
    """No sideways scrolling, readable text, and every tap target at least 44 px high."""
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    small = page.evaluate("""() => [...document.querySelectorAll(
        'button, label.check, label.choice, summary, textarea')]
        .filter(e => e.offsetParent !== null)
        .filter(e => e.getBoundingClientRect().height < 44)
        .map(e => e.outerHTML.slice(0, 80))""")
    assert small == []


def test_a_team_plays_every_step_on_its_phone(phone: Phone, controller: Controller) -> None:
    page = phone("Tafel 1")
    status = page.locator("#answer .status")
    assert "Lees de casus" in status.inner_text()
    assert page.locator("#case-text summary").inner_text().startswith("Casus 1 van 1")
    assert "Mevrouw A." in page.locator("#case-text").inner_text()
    assert "Tafel 1" in controller.joined
    fits_the_phone(page)
    page.locator("footer summary").tap()  # "Teamgenoot laten meedoen": the QR code is drawn
    qr = page.locator("footer img")
    expect(qr).to_be_visible(timeout=WAIT)
    page.wait_for_function("document.querySelector('footer img').complete", timeout=WAIT)
    assert qr.evaluate("img => img.naturalWidth") > 0

    controller.answer("")  # the trainer moves on: the phone follows by itself
    page.wait_for_selector("text=Welke factoren zijn hier bepalend?", timeout=WAIT)
    fits_the_phone(page)
    page.get_by_role("button", name="Inleveren").tap()  # the click may follow the tap later
    expect(page.locator("#message")).to_contain_text("minstens één factor", timeout=WAIT)
    page.get_by_label("Taalvaardigheid").check()
    page.get_by_label("Gezinssamenstelling").check()
    page.get_by_role("button", name="Inleveren").tap()
    page.wait_for_selector(".handed-in", timeout=WAIT)
    assert set(controller.state.round.factors["Tafel 1"]) == {"taal", "gezin"}
    assert controller.ask().answered == ("Tafel 1",)  # the projector: who, never what
    page.get_by_role("button", name="Wijzigen").tap()  # may change until the step closes
    page.get_by_label("Inkomen en armoede").check()
    page.get_by_role("button", name="Wijziging inleveren").tap()
    page.wait_for_selector(".handed-in >> text=Inkomen en armoede", timeout=WAIT)
    assert set(controller.state.round.factors["Tafel 1"]) == {"taal", "gezin", "armoede"}

    controller.answer("9", "Tafel 2")  # the trainer types for the team without a phone
    page.wait_for_selector("text=Welke aanpak kiezen jullie?", timeout=WAIT)
    page.get_by_label("professionele tolk").tap()  # B
    page.get_by_role("button", name="Inleveren").tap()
    page.wait_for_selector(".handed-in", timeout=WAIT)
    controller.answer("b", "Tafel 2")

    page.wait_for_selector("textarea#reflection", timeout=WAIT)
    fits_the_phone(page)
    text = "Wij gingen ervan uit dat Noor het wel kon.\nWe vragen wat mevrouw A. zelf wil."
    page.locator("#reflection").fill(text)
    page.clock.fast_forward(QUIET)
    wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1") == text,
             "the draft on the laptop")
    page.wait_for_selector("#draft-status >> text=Concept opgeslagen op de laptop",
                           timeout=WAIT)
    assert controller.state.round.reflections == {}  # a draft is never handed in
    page.get_by_role("button", name="Inleveren").tap()
    page.wait_for_selector(".handed-in", timeout=WAIT)
    assert controller.state.round.reflections["Tafel 1"] == text
    controller.answer("Tekst van tafel 2", "Tafel 2")

    page.wait_for_selector("text=Kijk mee op het scherm: Onthulling.", timeout=WAIT)
    controller.answer("")  # discussion
    controller.answer("")  # the second stage
    assert controller.state.phase == "stage"
    page.wait_for_selector(".stage h2", timeout=WAIT)
    assert page.locator(".stage h2").inner_text().startswith("Vervolg:")
    page.locator("label.choice").first.tap()
    page.get_by_role("button", name="Inleveren").tap()
    page.wait_for_selector(".handed-in", timeout=WAIT)
    controller.answer("a", "Tafel 2")
    page.wait_for_selector("text=Kijk mee op het scherm: Vervolg: onthulling.", timeout=WAIT)
    controller.answer("")
    page.wait_for_selector("text=De sessie is afgelopen", timeout=WAIT)


def test_two_phones_of_one_team_share_the_draft_and_the_answer(
        phone: Phone, controller: Controller) -> None:
    trainer_types(controller, ("", "9", "9", "a", "a"))
    assert controller.state.phase == "reflection"
    first = phone("Tafel 1")
    second = phone("Tafel 1")
    assert controller.phones["Tafel 1"] == 2
    first.locator("#reflection").fill("Eerst vragen wat zij wil.")
    first.clock.fast_forward(QUIET)
    # the other phone of the team sees the draft
    expect(second.locator("#reflection")).to_have_value("Eerst vragen wat zij wil.",
                                                        timeout=WAIT)
    second.get_by_role("button", name="Inleveren").tap()
    first.wait_for_selector(".handed-in >> text=Eerst vragen wat zij wil.", timeout=WAIT)
    assert controller.state.round.reflections == {"Tafel 1": "Eerst vragen wat zij wil."}
    first.context.close()
    wait_for(controller, lambda: controller.phones["Tafel 1"] == 1, "a phone going away")


def test_two_phones_of_one_team_share_their_factor_ticks(phone: Phone,
                                                        controller: Controller) -> None:
    """A tick on one phone shows on the team's other phone (never on another team's), as a
    reflection draft does; handing in over ticks a phone did not show yet is warned."""
    trainer_types(controller, ("",))
    assert controller.state.phase == "factors"
    first, second = phone("Tafel 1"), phone("Tafel 1")  # (a Tafel 2 phone would stay joined)
    first.locator("label:has(input[value=taal])").tap()
    first.clock.fast_forward(TICKS)
    expect(second.locator("input[value=taal]")).to_be_checked(timeout=WAIT)
    second.locator("label:has(input[value=gezin])").tap()
    second.clock.fast_forward(TICKS)
    expect(first.locator("input[value=gezin]")).to_be_checked(timeout=WAIT)
    expect(first.locator("input[value=taal]")).to_be_checked()
    assert controller.team_turn("Tafel 2").ticks is None
    assert controller.state.round.factors == {}  # ticked, not handed in
    first.get_by_role("button", name="Inleveren").tap()
    first.wait_for_selector(".handed-in", timeout=WAIT)
    assert controller.state.round.factors == {"Tafel 1": ("taal", "gezin")}
    second.wait_for_selector(".handed-in", timeout=WAIT)


def test_a_phone_that_reloads_its_page_is_counted_once(
        phone: Phone, controller: Controller) -> None:
    """Issue #18: a reload ends the old stream and opens a new one; the laptop never counts a
    phone twice, whichever of the two it sees first."""
    page = phone("Tafel 1")
    for _ in range(3):
        page.reload()
        page.wait_for_selector("#answer > *", timeout=WAIT)
    phone("Tafel 1")
    wait_for(controller, lambda: controller.phones == {"Tafel 1": 2}, "two phones, each once")


@pytest.mark.parametrize("reply", ["accepted", "refused"])
def test_a_late_reply_to_an_answer_never_takes_the_phone_back_a_step(
        phone: Phone, controller: Controller, reply: str) -> None:
    """A phone hands in, and before the reply reaches it the other team answers at the keyboard:
    the step moves on and the stream shows the phone the next question. The late reply (made
    before that) must not put the phone back on the step that is over, where it stayed until
    the stream's next heartbeat, ten seconds later: neither an answer taken nor one refused
    because a teammate's phone handed in another answer first (whose reply also sent the
    phone's ticks to the closed step and said so)."""
    controller.answer("")
    page = phone("Tafel 1")
    teammate = phone("Tafel 1") if reply == "refused" else None
    page.wait_for_selector("text=Welke factoren zijn hier bepalend?", timeout=WAIT)
    held: list[Any] = []
    page.route("**/api/answer", lambda route: held.append(route))  # the answer waits on its way
    page.get_by_label("Taalvaardigheid").check()
    button = page.get_by_role("button", name="Inleveren").element_handle()
    button.tap()
    while not held:  # (the route's handler runs while the test waits on the page)
        page.wait_for_timeout(20)
    if teammate is not None:  # meanwhile another phone of the team hands in something else
        teammate.get_by_label("Gezinssamenstelling").check()
        teammate.get_by_label("Taalvaardigheid").uncheck()
        teammate.get_by_role("button", name="Inleveren").tap()
        wait_for(controller, lambda: "Tafel 1" in controller.state.round.factors, "its answer")
    [route] = held
    answer = route.fetch()  # the laptop takes or refuses it and replies; the reply waits
    assert answer.status == (200 if reply == "accepted" else 409)
    assert "Tafel 1" in controller.state.round.factors
    keyboard(controller, "9", "Tafel 2")
    page.wait_for_selector("text=Welke aanpak kiezen jullie?", timeout=WAIT)
    route.fulfill(response=answer)
    page.wait_for_function("button => !button.disabled", arg=button, timeout=WAIT)  # handled
    expect(page.get_by_text("Welke aanpak kiezen jullie?")).to_be_visible()
    expect(page.get_by_text("Welke factoren zijn hier bepalend?")).to_have_count(0)
    assert "voorbij" not in page.locator("body").inner_text()
    page.get_by_label("professionele tolk").tap(timeout=2_000)  # at once, not after a heartbeat
    assert controller.state.phase == "action"


def test_the_trainer_types_for_a_team_and_its_phone_shows_it(
        phone: Phone, controller: Controller) -> None:
    controller.answer("")
    page = phone("Tafel 1")
    assert controller.ask().team == "Tafel 2"  # the team without a phone first
    controller.answer("9", "Tafel 2")
    ask = controller.ask()
    assert (ask.team, ask.remote) == ("Tafel 1", True)
    # its phone is flat: typing does not count until the trainer takes over (F7)
    assert [n.key for n in controller.answer("12 13", "Tafel 1")] == ["answer.remote"]
    controller.answer("", "Tafel 1")
    assert "Tafel 1" not in controller.state.round.factors
    controller.command("takeover")
    page.wait_for_selector("text=De trainer vult jullie antwoord", timeout=WAIT)
    controller.answer("12 13", "Tafel 1")
    page.wait_for_selector("text=Welke aanpak kiezen jullie?", timeout=WAIT)
    assert controller.state.round.factors["Tafel 1"] == ("taal", "gezin")


def test_the_phone_clock_matches_the_projector_within_a_second(
        phone: Phone, controller: Controller) -> None:
    controller.answer("")
    page = phone("Tafel 2")
    page.wait_for_selector("#clock:not([hidden])", timeout=WAIT)
    for _ in range(3):
        shown = page.locator("#clock").inner_text()
        projector = controller.remaining()
        minutes, seconds = re.search(r"(\d+):(\d\d)", shown).groups()  # type: ignore[union-attr]
        assert projector is not None
        assert abs(int(minutes) * 60 + int(seconds) - projector) <= 1, (shown, projector)
    controller.command("pause")
    page.wait_for_selector("text=Even pauze", timeout=WAIT)
    # the question stays (nothing typed is lost); handing in waits for the trainer
    expect(page.get_by_role("button", name="Inleveren")).to_be_disabled(timeout=WAIT)
    assert page.locator("label.check").count() == 14
    left = controller.remaining()
    assert left is not None
    expect(page.locator("#clock")).to_have_text(f"Pauze · nog {format_seconds(left)}",
                                                timeout=WAIT)


def test_a_phone_that_loses_the_laptop_comes_back_by_itself_with_its_text(
        phone: Phone, server: PhoneServer, controller: Controller) -> None:
    trainer_types(controller, ("", "9", "9", "a", "a"))
    page = phone("Tafel 1")
    room = server.site.room
    server.stop()  # the laptop's page goes away (a stop, or the network)
    page.wait_for_selector("#connection:not([hidden])", timeout=WAIT)
    page.locator("#reflection").fill("Getypt zonder verbinding.")
    again = start(room, Messages("nl"), controller, host="127.0.0.1", port=server.port)
    try:
        page.clock.fast_forward(POLL)  # the phone asks again now, not up to POLL ms later
        wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1") == (
            "Getypt zonder verbinding."), "the draft typed while the laptop was away")
        expect(page.locator("#connection")).to_be_hidden(timeout=WAIT)
        page.get_by_role("button", name="Inleveren").tap()
        page.wait_for_selector(".handed-in", timeout=WAIT)
        assert controller.state.round.reflections["Tafel 1"] == "Getypt zonder verbinding."
        # the laptop counts the phone once: its stream to the stopped page went away
        wait_for(controller, lambda: controller.phones == {"Tafel 1": 1}, "one phone, once")
    finally:
        server.server = again.server  # the module's server is this one now (stopped at the end)
        server.thread = again.thread
        server.site = again.site


def test_the_join_page_says_what_is_wrong(phone: Phone, server: PhoneServer,
                                          controller: Controller) -> None:
    page = phone(viewport={"width": 360, "height": 740})
    page.goto(server.url)
    fits_the_phone(page)  # also on a small phone
    page.get_by_label("Kamercode").fill("AAAAA")
    page.get_by_role("button", name="Tafel 2").tap()
    page.wait_for_selector("text=Deze kamercode klopt niet", timeout=WAIT)
    page.get_by_label("Kamercode").fill(server.code.lower())
    page.get_by_role("button", name="Tafel 2").tap()
    page.wait_for_selector("#answer .status", timeout=WAIT)
    fits_the_phone(page)
    controller.answer("")
    page.wait_for_selector("label.check", timeout=WAIT)
    fits_the_phone(page)
    page.once("dialog", lambda dialog: dialog.accept())  # "Ander team kiezen?" asks first
    page.get_by_role("button", name="Ander team kiezen").tap()
    page.wait_for_selector("text=Meedoen met je team", timeout=WAIT)
    assert page.locator("#code").input_value() == server.code  # the room code stays


def test_enter_in_the_room_code_asks_for_the_team_and_joins_none(
        phone: Phone, server: PhoneServer, controller: Controller) -> None:
    """A phone keyboard's Enter ("Go") after the code handed the form in with its first button:
    a member of Tafel 2 was put in Tafel 1 without choosing."""
    page = phone()
    page.goto(server.url)
    page.get_by_label("Kamercode").fill(server.code)
    page.get_by_label("Kamercode").press("Enter")
    page.wait_for_selector("#message:has-text('Kies je team')", timeout=WAIT)
    assert page.locator("#join").count() == 1  # still choosing
    assert page.evaluate("document.activeElement.textContent") == "Tafel 1"
    page.wait_for_load_state("networkidle")
    assert not any(controller.phones.values())  # no team joined
    page.get_by_role("button", name="Tafel 2").tap()
    page.wait_for_selector("#answer > *", timeout=WAIT)
    wait_for(controller, lambda: bool(controller.phones.get("Tafel 2")), "the phone in Tafel 2")
    assert not controller.phones.get("Tafel 1")


def test_a_phone_with_older_text_is_warned_and_a_long_text_is_never_cut(
        phone: Phone, controller: Controller) -> None:
    trainer_types(controller, ("", "9", "9", "a", "a"))
    first = phone("Tafel 1")
    second = phone("Tafel 1")
    clock_stands(second)  # its text never reaches the laptop
    second.locator("#reflection").fill("Tekst van de tweede telefoon")
    first.locator("#reflection").fill("Tekst van de eerste telefoon, nieuwer")
    first.clock.fast_forward(QUIET)
    wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1", "").startswith(
        "Tekst van de eerste"), "the first phone's draft")
    second.get_by_role("button", name="Inleveren").tap()  # still holds its own, older text
    expect(second.locator("#message")).to_contain_text("teamgenoot", timeout=WAIT)
    expect(second.locator("#newer")).to_contain_text("Tekst van de eerste telefoon, nieuwer")
    assert controller.state.round.reflections == {}
    assert second.locator("#reflection").input_value() == "Tekst van de tweede telefoon"
    long = "x" * 5003
    first.locator("#reflection").fill(long)
    assert first.locator("#reflection").input_value() == long  # nothing cut off
    expect(first.locator("#chars")).to_contain_text("Te lang")
    first.get_by_role("button", name="Inleveren").tap()
    expect(first.locator("#message")).to_contain_text("Te lang", timeout=WAIT)
    assert controller.state.round.reflections == {}


def test_a_reload_right_after_typing_keeps_the_text(phone: Phone,
                                                     controller: Controller) -> None:
    trainer_types(controller, ("", "9", "9", "a", "a"))
    page = phone("Tafel 1")
    page.locator("#reflection").fill("Net getypt, nog niet op de laptop")
    page.reload()  # before the draft reached the laptop
    page.wait_for_selector("textarea#reflection", timeout=WAIT)
    assert page.locator("#reflection").input_value() == "Net getypt, nog niet op de laptop"
    page.clock.fast_forward(QUIET)
    wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1") ==
             "Net getypt, nog niet op de laptop", "the kept text on the laptop")


def test_choosing_another_team_asks_first(phone: Phone, controller: Controller) -> None:
    page = phone("Tafel 1")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Ander team kiezen").tap()
    page.wait_for_timeout(0)
    assert page.locator("#play").count() == 1  # still the team's page


def test_a_copy_kept_in_the_tab_never_goes_to_another_team(phone: Phone,
                                                           controller: Controller) -> None:
    """Text typed for Tafel 1 and not yet on the laptop stays Tafel 1's: after "Ander team
    kiezen" the same tab joins Tafel 2 with an empty reflection (a review: the tab's copy was
    keyed by the step only and came back as the other team's draft)."""
    trainer_types(controller, ("", "9", "9", "a", "a"))
    page = phone("Tafel 1")
    clock_stands(page)
    page.locator("#reflection").fill("Alleen van Tafel 1")  # not sent yet
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ander team kiezen").tap()
    page.get_by_role("button", name="Tafel 2").tap()
    page.wait_for_selector("textarea#reflection", timeout=WAIT)
    assert page.locator("#reflection").input_value() == ""
    page.clock.fast_forward(QUIET)
    page.wait_for_timeout(0)
    assert "Tafel 2" not in controller.state.round.drafts


def test_a_phone_taken_over_says_what_reached_the_laptop_and_shows_what_did_not(
        phone: Phone, controller: Controller) -> None:
    """F7 on a team typing on its phone: the phone says the trainer goes on from the last draft
    that reached the laptop and that the team can tell the trainer the rest; the text typed on
    the phone that never reached the laptop is shown, literally, to read out. It never says the
    text is kept on the laptop when it is not."""
    trainer_types(controller, ("", "9", "9", "a", "a"))
    page = phone("Tafel 1")
    clock_stands(page)
    page.locator("#reflection").fill("Op de laptop")
    page.clock.fast_forward(QUIET)
    wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1") == "Op de laptop",
             "the first draft on the laptop")
    page.locator("#reflection").fill("Op de laptop, en <b>nog</b> niet")  # not sent
    controller.answer("Tekst van tafel 2", "Tafel 2")  # the keyboard's team first
    assert controller.ask().remote and controller.ask().team == "Tafel 1"
    take_over(controller, "Tafel 1")
    status = page.locator("#answer .status")
    expect(status).to_contain_text("vanaf het laatste concept dat daar binnen was", timeout=WAIT)
    expect(status).to_contain_text("zeg het tegen de trainer")
    expect(page.locator("#answer")).not_to_contain_text("daar bewaard")
    expect(page.locator("#unsent")).to_have_text("Op de laptop, en <b>nog</b> niet")
    assert page.locator("#answer b").count() == 0  # shown as typed, never as markup
    assert controller.ask().draft == "Op de laptop"  # what the laptop has: nothing more


#: a page script that keeps every view the stream delivers in ``window.streamed`` (a listener
#: added before the page's own, so a view is in the list when the page handles it)
KEEP_STREAMED = """(() => {
  const Stream = window.EventSource;
  window.streamed = [];
  window.EventSource = function (url, options) {
    const source = new Stream(url, options);
    source.addEventListener("message", (event) => window.streamed.push(JSON.parse(event.data)));
    return source;
  };
  window.EventSource.prototype = Stream.prototype;
})()"""


def tick_with_the_reply_held(page: Any, factor: str) -> tuple[Any, Any]:
    """The phone ticks ``factor``; the laptop takes the tick, and its reply is held on the way
    (returned with the request's route, for ``release``)."""
    held: list[Any] = []
    page.route("**/api/ticks", lambda route: held.append(route))
    page.locator(f"label:has(input[value={factor}])").tap()
    page.clock.fast_forward(TICKS)
    while not held:  # (the route's handler runs while the test waits on the page)
        page.wait_for_timeout(20)
    [route] = held
    reply = route.fetch()
    assert reply.ok
    return route, reply


def release(page: Any, route: Any, reply: Any) -> None:
    """The held reply reaches the page (returns once the page has it)."""
    with page.expect_event("requestfinished", lambda r: r.url.endswith("/api/ticks")):
        route.fulfill(response=reply)


def test_a_phones_own_ticks_on_their_way_are_never_a_teammates(
        phone: Phone, server: PhoneServer, controller: Controller) -> None:
    """A teammate ticks 'gezin'; this phone ticks 'taal', and while the laptop's reply to that is
    on its way the stream brings the view with 'taal' and 'gezin' (the laptop took the tick).
    Then the phone ticks 'armoede' and hands in at once: the only change since it saw the
    teammate's tick is its own, so the answer is taken, without "een teamgenoot heeft intussen
    andere factoren aangevinkt". (The page ignored views while its ticks were on their way, so it
    handed in as if it had never seen its own tick on the laptop.)"""
    trainer_types(controller, ("",))
    page = phone()
    page.add_init_script(KEEP_STREAMED)
    page.goto(server.join_url)
    page.get_by_role("button", name="Tafel 1").tap()
    page.wait_for_selector("#answer > *", timeout=WAIT)
    teammate = phone("Tafel 1")
    teammate.locator("label:has(input[value=gezin])").tap()
    teammate.clock.fast_forward(TICKS)
    expect(page.locator("input[value=gezin]")).to_be_checked(timeout=WAIT)
    route, reply = tick_with_the_reply_held(page, "taal")
    page.wait_for_function("""() => window.streamed.some(v => v.ticks
        && v.ticks.includes('taal') && v.ticks.includes('gezin'))""", timeout=WAIT)
    release(page, route, reply)
    # one more tick and the hand-in in one go (before the tick is sent: no timer in between)
    page.evaluate("""() => { document.querySelector("input[value=armoede]").click();
                             document.querySelector("#answer form").requestSubmit(); }""")
    page.wait_for_selector(".handed-in, #message:not(:empty)", timeout=WAIT)  # taken or refused
    assert page.locator("#message").inner_text() == ""
    assert set(controller.state.round.factors["Tafel 1"]) == {"taal", "gezin", "armoede"}
    expect(page.locator(".handed-in")).to_be_visible()


def test_a_teammates_tick_shows_while_the_phones_own_is_on_its_way(
        phone: Phone, controller: Controller) -> None:
    """While this phone's tick ('taal') waits for the laptop's reply, a teammate ticks 'gezin':
    the phone shows it at once, its own tick stays, and neither flips back when the reply
    comes (the page used to ignore the team's ticks until its own reply was in)."""
    trainer_types(controller, ("",))
    page, teammate = phone("Tafel 1"), phone("Tafel 1")
    route, reply = tick_with_the_reply_held(page, "taal")
    teammate.locator("label:has(input[value=gezin])").tap()
    teammate.clock.fast_forward(TICKS)
    wait_for(controller, lambda: controller.team_turn("Tafel 1").ticks == ("taal", "gezin"),
             "the teammate's tick")
    expect(page.locator("input[value=gezin]")).to_be_checked(timeout=WAIT)
    expect(page.locator("input[value=taal]")).to_be_checked()
    release(page, route, reply)
    expect(page.locator("input[value=gezin]")).to_be_checked()
    expect(page.locator("input[value=taal]")).to_be_checked()
    page.get_by_role("button", name="Inleveren").tap()
    page.wait_for_selector(".handed-in, #message:not(:empty)", timeout=WAIT)
    assert page.locator("#message").inner_text() == ""
    assert controller.state.round.factors["Tafel 1"] == ("taal", "gezin")
