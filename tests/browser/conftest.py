"""A real browser for page tests: Playwright driving Debian's chromium (no browser download);
the phone page's server and a session for each test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.phones import open_room
from casusspel.web.server import PhoneServer, start
from tests.test_controller import new_session

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path() -> str:
    """Debian's chromium. CI installs it and sets CASUSSPEL_REQUIRE_BROWSER=1, so there these
    tests always run; on a laptop without Chromium they are skipped with this reason."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        reason = "Chromium is needed for the browser tests: apt-get install chromium"
        if os.environ.get("CASUSSPEL_REQUIRE_BROWSER"):
            raise RuntimeError(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


TEAMS = ("Tafel 1", "Tafel 2")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PhoneServer]:
    """The real phone page (uvicorn in a thread, on loopback), one per module."""
    room = open_room(tmp_path_factory.mktemp("kamer"), TEAMS)
    page = start(room, Messages("nl"), None, host="127.0.0.1", port=0)
    yield page
    page.stop()


@pytest.fixture
def controller(server: PhoneServer, tmp_path: Path) -> Iterator[Controller]:
    """A session of its own for each test, attached to the module's server, in a room no phone
    has joined yet. The room outlives the test (as a programme's room outlives its blocks), and
    a team that joined it in an earlier test would count as answering on its phone: the keyboard
    refuses to type for it until the trainer takes over (F7), so a test's ``controller.answer(...,
    "Tafel 2")`` did nothing when an earlier test on the worker had a Tafel 2 phone (the
    late-reply test then waited 30 s for a step that never came); and a team cookie a shared
    browser still holds from an earlier test (WebKit's) would still open that team's page."""
    server.site.room.tokens.clear()
    played = Controller(new_session(tmp_path, teams=TEAMS, timer=600), datetime.now)
    server.attach(played)
    yield played
    server.attach(None)
