"""kill -9 of the trainer's laptop process in the middle of a round with phones, then
`casusspel resume --phones`: the phones come back by themselves (same address, same room code,
their cookie still counts) and every answer and draft is still there."""

from __future__ import annotations

import os
import re
import signal
import socket
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
from playwright.sync_api import expect

from casusspel.session.events import Event
from casusspel.session.journal import read_journal
from tests.browser.test_phones import PHONE, QUIET, WAIT
from tests.e2e.test_kill_resume import spawn, until

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def journal_until(folder: Path, wanted: str, seconds: float = 10) -> list[Event]:
    """The journal once it holds an event matching ``wanted`` (a phone's request is on its
    way to the other process; there is nothing to subscribe to across processes)."""
    deadline = time.monotonic() + seconds
    while True:
        events, _ = read_journal(folder / "journal.jsonl")
        if any(wanted in str(e.to_json()) for e in events):
            return events
        assert time.monotonic() < deadline, f"the journal never got {wanted!r}"
        time.sleep(0.05)


def room_code(child: pexpect.spawn) -> str:
    child.expect(r"kamercode ([A-Z0-9]{5})")
    return str(child.match.group(1))


def test_kill_nine_and_resume_with_phones_keeps_every_answer_and_draft(
        browser: Any, tmp_path: Path) -> None:
    port = free_port()
    phones = ["--phones", "--host", "127.0.0.1", "--port", str(port)]
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--session-dir", str(tmp_path), *phones)
    code = room_code(child)
    until(child, "Enter = verder")
    context = browser.new_context(**PHONE)
    context.clock.install()  # its timers run as usual; the test moves them on
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{port}/?code={code}")
    page.get_by_role("button", name="Tafel 1").tap()
    child.expect("Tafel 1 doet mee met een telefoon")
    child.sendline("")
    until(child, "Tafel 2: welke factoren")  # the keyboard asks the team without a phone
    page.get_by_label("Taalvaardigheid").check()
    page.get_by_role("button", name="Inleveren").tap()
    child.expect("Tafel 1 heeft geantwoord")
    child.sendline("9")
    until(child, "Tafel 2: welke aanpak")
    page.get_by_label("professionele tolk").tap()
    page.get_by_role("button", name="Inleveren").tap()
    child.expect("Tafel 1 heeft geantwoord")
    child.sendline("c")
    until(child, "Tafel 2: jullie reflectie")
    child.sendline("Eerste regel van tafel 2")
    text = "Wij vroegen te snel aan Noor.\nDe volgende keer een tolk."
    page.locator("#reflection").fill(text)
    page.clock.fast_forward(QUIET)  # the second of quiet after which the draft is saved
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    journal_until(folder, "De volgende keer een tolk.")
    journal_until(folder, "Eerste regel van tafel 2")

    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    expect(page.locator("#connection")).to_be_visible(timeout=WAIT)

    resumed = spawn("resume", folder.name, "--session-dir", str(tmp_path), *phones)
    assert room_code(resumed) == code  # the same room: nobody types the code again
    until(resumed, "Eerste regel van tafel 2")  # the keyboard's draft is back
    # back by itself: the banner says so for two seconds (moved on here), then goes
    page.wait_for_function("""() => { const banner = document.getElementById('connection');
        return banner.hidden || banner.textContent === 'Weer verbonden.'; }""", timeout=WAIT)
    page.clock.fast_forward(2000)
    expect(page.locator("#connection")).to_be_hidden(timeout=WAIT)
    page.reload()  # what the laptop has, not what the phone kept
    expect(page.locator("#reflection")).to_have_value(text, timeout=WAIT)
    page.get_by_role("button", name="Inleveren").tap()
    page.wait_for_selector(".handed-in", timeout=WAIT)
    resumed.expect("Tafel 1 heeft geantwoord")
    resumed.sendline("")  # hands Tafel 2's draft in
    until(resumed, "Enter = verder")
    page.wait_for_selector("text=Kijk mee op het scherm: Onthulling.", timeout=WAIT)
    resumed.sendcontrol("c")
    resumed.expect("casusspel resume")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 130  # Ctrl-C: saved, and the exit code says interrupted
    page.context.close()

    events, warnings = read_journal(folder / "journal.jsonl")
    assert warnings == []
    answers = {(e.type, e.team): e for e in events if e.type in (  # type: ignore[attr-defined]
        "factors_answered", "action_chosen", "reflection_written")}
    assert answers[("factors_answered", "Tafel 1")].factors == ("taal",)  # type: ignore[attr-defined]
    assert answers[("action_chosen", "Tafel 1")].choice_id == "b"  # type: ignore[attr-defined]
    assert answers[("reflection_written", "Tafel 1")].text == text  # type: ignore[attr-defined]
    assert answers[("reflection_written", "Tafel 2")].text == "Eerste regel van tafel 2"  # type: ignore[attr-defined]
    assert len(answers) == 6
    assert re.fullmatch(r"t0-[0-9a-f]{32}", answers[("factors_answered", "Tafel 1")].id)
