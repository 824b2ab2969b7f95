"""The phone page in WebKit, the engine of Safari on every iPhone: Debian's WebKitGTK browser
(MiniBrowser) driven over WebDriver by its own driver (`WebKitWebDriver`, package
webkit2gtk-driver) through Selenium, on a virtual screen (Xvfb). Playwright's WebKit is a download
from outside the package registries; this is the same engine (WebKit with JavaScriptCore) from
Debian. One browser for the module, its narrowest window, against the real server."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.web.server import PhoneServer, start
from tests.browser.test_phones import trainer_types, wait_for

MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
WAIT = 15  # s: how long the test waits for the page to show something
STARTS = 3  # tries to start the driver and its browser

pytestmark = [
    pytest.mark.slow,
    # Selenium's own WebKitGTK driver still passes the address the old way (selenium 4.51).
    pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
]


def needed() -> tuple[str, str, str]:
    """WebKitWebDriver, MiniBrowser and Xvfb. CI installs them (CASUSSPEL_REQUIRE_BROWSER=1), so
    there these tests always run; elsewhere they are skipped with what to install."""
    driver, xvfb = shutil.which("WebKitWebDriver"), shutil.which("Xvfb")
    if not (driver and xvfb and os.path.exists(MINIBROWSER)):
        reason = "WebKit is needed for these tests: apt-get install webkit2gtk-driver xvfb"
        if os.environ.get("CASUSSPEL_REQUIRE_BROWSER"):
            raise RuntimeError(reason)
        pytest.skip(reason)
    return driver, MINIBROWSER, xvfb


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A virtual screen of its own (Xvfb picks a free display number and tells it on a pipe)."""
    xvfb = needed()[2]
    read, write = os.pipe()
    screen = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as told:
        number = told.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    screen.terminate()
    screen.wait(10)


@pytest.fixture(scope="module")
def webkit(display: str) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    driver, minibrowser, _ = needed()
    options = Options()
    options.binary_location = minibrowser
    options.add_argument("--automation")
    for attempt in range(1, STARTS + 1):
        # only the start-up is tried again (the driver, or the browser it launches, not coming
        # up on a loaded machine), never a test's step: Selenium waits for the driver's port
        # and stops a driver whose session did not start
        service = Service(executable_path=driver, env={**os.environ, "DISPLAY": display})
        try:
            browser = webdriver.WebKitGTK(options=options, service=service)
            break
        except WebDriverException:
            if attempt == STARTS:
                raise
    browser.set_window_size(390, 844)
    yield browser
    browser.quit()


def new_phone(browser: Any) -> None:
    """The module's browser as a phone that never joined: no cookie of an earlier test's team.
    WebKit's driver answers Delete All Cookies when it has asked its network process to delete
    them, not when they are gone, so a page loaded at once could still send the old team's
    cookie (seen: the join page test got Tafel 1's page). Reading the cookies back goes the same
    way to the same process, after the deletion: once none is left, none is sent."""
    browser.delete_all_cookies()
    until(browser, lambda b: not b.get_cookies(), "the cookies to be gone")



def until(browser: Any, condition: Callable[[Any], Any], what: str) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(browser, WAIT, poll_frequency=0.05).until(condition)
    except TimeoutException:
        # what the page showed instead, so that a failure says more than its timeout
        try:
            text = browser.execute_script(
                "return document.body ? document.body.innerText : document.readyState")
            seen = f"{browser.current_url}: {str(text)[:300]!r}"
        except Exception as error:  # noqa: BLE001 - the browser itself may be the trouble
            seen = f"(no page: {error!r:.200})"
        raise AssertionError(f"WebKit waited in vain for {what}; the page showed {seen}") from None


def shows(css: str, text: str = "") -> Callable[[Any], Any]:
    """The first visible element for ``css`` (that holds ``text``), or False."""
    def look(browser: Any) -> Any:
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By

        try:
            for element in browser.find_elements(By.CSS_SELECTOR, css):
                if element.is_displayed() and text in element.text:
                    return element
        except StaleElementReferenceException:
            return False
        return False
    return look


def tap(browser: Any, css: str, text: str = "") -> None:
    until(browser, shows(css, text), f"{css} {text!r}").click()


def label(browser: Any, text: str) -> None:
    tap(browser, "label", text)


def fits_the_phone(browser: Any) -> None:
    """As in the Chromium tests: no sideways scrolling, 16 px text, tap targets of 44 px."""
    script = browser.execute_script
    assert script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert script("return parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    small = script("""return [...document.querySelectorAll(
        'button, label.check, label.choice, summary, textarea')]
        .filter(e => e.offsetParent !== null)
        .filter(e => e.getBoundingClientRect().height < 44)
        .map(e => e.outerHTML.slice(0, 80))""")
    assert small == []


def join(browser: Any, server: PhoneServer, team: str) -> None:
    new_phone(browser)
    browser.get(server.join_url)
    tap(browser, "button", team)
    until(browser, shows("#answer > *"), "the answer area")


def test_it_is_webkit(webkit: Any) -> None:
    agent = webkit.execute_script("return navigator.userAgent")
    assert "AppleWebKit" in agent and "Chrome" not in agent
    # MiniBrowser's window cannot get narrower than about 450 px (its toolbar); the 360 and
    # 390 px phone widths themselves are checked in Chromium (test_phones.py).
    assert webkit.execute_script("return window.innerWidth") < 480


def test_a_team_plays_every_step_in_webkit(webkit: Any, server: PhoneServer,
                                           controller: Controller) -> None:
    join(webkit, server, "Tafel 1")
    assert "Lees de casus" in until(webkit, shows("#answer .status"), "the status").text
    assert "Tafel 1" in controller.joined
    fits_the_phone(webkit)

    controller.answer("")  # the trainer moves on: the phone follows by itself (EventSource)
    until(webkit, shows("#answer", "Welke factoren zijn hier bepalend?"), "the factor step")
    fits_the_phone(webkit)
    tap(webkit, "button", "Inleveren")
    assert "minstens één factor" in until(webkit, shows("#message", "factor"), "a message").text
    label(webkit, "Taalvaardigheid")
    label(webkit, "Gezinssamenstelling")
    tap(webkit, "button", "Inleveren")
    until(webkit, shows(".handed-in"), "handed in")
    wait_for(controller, lambda: set(controller.state.round.factors.get("Tafel 1", ()))
             == {"taal", "gezin"}, "the factors on the laptop")

    controller.answer("9", "Tafel 2")
    until(webkit, shows("#answer", "Welke aanpak kiezen jullie?"), "the approach step")
    label(webkit, "professionele tolk")
    tap(webkit, "button", "Inleveren")
    until(webkit, shows(".handed-in"), "handed in")
    controller.answer("b", "Tafel 2")

    box = until(webkit, shows("textarea#reflection"), "the reflection box")
    fits_the_phone(webkit)
    text = "Wij gingen ervan uit dat Noor het wel kon. We vragen wat mevrouw A. zelf wil. ë ✓"
    box.send_keys(text)
    wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1") == text,
             "the draft on the laptop")
    until(webkit, shows("#draft-status", "Concept opgeslagen op de laptop"), "the draft status")
    assert controller.state.round.reflections == {}
    tap(webkit, "button", "Inleveren")
    until(webkit, shows(".handed-in"), "handed in")
    assert controller.state.round.reflections["Tafel 1"] == text
    controller.answer("Tekst van tafel 2", "Tafel 2")
    until(webkit, shows("#answer", "Kijk mee op het scherm: Onthulling."), "the reveal")


def test_the_join_page_in_webkit_says_what_is_wrong(webkit: Any, server: PhoneServer,
                                                    controller: Controller) -> None:
    from selenium.webdriver.common.by import By

    new_phone(webkit)
    webkit.get(server.url)
    fits_the_phone(webkit)
    code = until(webkit, shows("input"), "the room code field")
    assert webkit.find_element(By.CSS_SELECTOR, f"label[for='{code.get_attribute('id')}']"
                               ).text.startswith("Kamercode")
    code.clear()
    code.send_keys("AAAAA")
    tap(webkit, "button", "Tafel 2")
    until(webkit, shows("body", "Deze kamercode klopt niet"), "the wrong-code message")
    code = until(webkit, shows("input"), "the room code field")
    code.clear()
    code.send_keys(server.code.lower())
    tap(webkit, "button", "Tafel 2")
    until(webkit, shows("#answer .status"), "the team's page")
    assert "Tafel 2" in controller.joined


def test_a_webkit_phone_that_loses_the_laptop_comes_back_with_its_text(
        webkit: Any, server: PhoneServer, controller: Controller) -> None:
    trainer_types(controller, ("", "9", "9", "a", "a"))
    join(webkit, server, "Tafel 1")
    box = until(webkit, shows("textarea#reflection"), "the reflection box")
    room = server.site.room
    server.stop()  # the laptop's page goes away (a stop, or the network)
    until(webkit, shows("#connection"), "the lost-connection notice")
    box.send_keys("Getypt zonder verbinding.")
    again = start(room, Messages("nl"), controller, host="127.0.0.1", port=server.port)
    try:
        wait_for(controller, lambda: controller.state.round.drafts.get("Tafel 1") == (
            "Getypt zonder verbinding."), "the draft typed while the laptop was away")
        until(webkit, lambda browser: not shows("#connection")(browser), "the notice to go")
        tap(webkit, "button", "Inleveren")
        until(webkit, shows(".handed-in"), "handed in")
        assert controller.state.round.reflections["Tafel 1"] == "Getypt zonder verbinding."
    finally:
        server.server = again.server  # the module's server is this one now (stopped at the end)
        server.thread = again.thread
        server.site = again.site
