"""End to end in a pseudo-terminal, the full-screen app: a team types a reflection, the process
dies (kill -9 while typing) or is told to stop (SIGHUP when the terminal closes, SIGTERM at
shutdown); the draft is in the journal, never handed in, and back in the editor after resume."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pexpect
import pytest

from casusspel.session.clock import format_seconds, stamp
from casusspel.ui.app.live import DRAFT_SECONDS_VARIABLE
from tests import zygote
from tests.conftest import ROOT

Lines = list[dict[str, object]]


#: the draft's quiet time in these processes (seconds; the app's own is a second)
QUIET = "0.2"


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           DRAFT_SECONDS_VARIABLE: QUIET}
    env.pop("NO_COLOR", None)
    return zygote.spawn(list(args), cwd=str(ROOT), env=env,
                        dimensions=(24, 80), encoding="utf-8", timeout=20)


def journal(folder: Path) -> Lines:
    paths = list(folder.glob("*/journal.jsonl"))
    if not paths:
        return []
    return [json.loads(line) for line in paths[0].read_text(encoding="utf-8").splitlines()
            if line.strip()]


def wait_for(child: pexpect.spawn, folder: Path, done: Callable[[Lines], bool]) -> Lines:
    """Until the journal satisfies ``done`` (the app answers through the journal, not the
    screen); keeps reading the pty so the app never blocks on output."""
    for _ in range(4000):
        lines = journal(folder)
        if done(lines):
            return lines
        try:
            child.read_nonblocking(100000, timeout=0.005)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass
    raise AssertionError(f"journal never got there: {journal(folder)[-3:]}")


def count(kind: str, n: int) -> Callable[[Lines], bool]:
    return lambda lines: sum(1 for e in lines if e["type"] == kind) >= n


def drafted(text: str) -> Callable[[Lines], bool]:
    return lambda lines: any(e["type"] == "reflection_drafted" and e["text"] == text
                             for e in lines)


def to_the_reflection(child: pexpect.spawn, folder: Path) -> None:
    child.expect("Enter = verder")  # the app is up (typeahead before that may be flushed)
    for line, kind, n in (("", "phase_advanced", 1), ("12 13", "factors_answered", 1),
                          ("9", "factors_answered", 2), ("b", "action_chosen", 1),
                          ("c", "action_chosen", 2)):
        child.send(line + "\r")
        wait_for(child, folder, count(kind, n))


@pytest.mark.slow
@pytest.mark.parametrize("how", ["kill -9", "SIGHUP", "SIGTERM"])
def test_a_draft_survives_and_comes_back_after_resume(tmp_path: Path, how: str) -> None:
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--timer", "5m", "--session-dir", str(tmp_path))
    to_the_reflection(child, tmp_path)
    child.send("Eerste regel\r")  # a new line is journaled at once
    wait_for(child, tmp_path, drafted("Eerste regel\n"))
    child.send("Tweede")  # and a moment of quiet journals the rest
    wait_for(child, tmp_path, drafted("Eerste regel\nTweede"))
    if how == "kill -9":
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    else:
        os.kill(child.pid, getattr(signal, how))
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
        kinds = [e["type"] for e in journal(tmp_path)]
        assert kinds[-2:] == ["timer_paused", "session_paused"] or kinds[-1] == "session_paused"
    events = journal(tmp_path)
    assert not any(e["type"] == "reflection_written" for e in events)  # never handed in

    [folder] = list(tmp_path.iterdir())
    before = len(journal(tmp_path))
    # the last moment the session is known to have been alive: when its journal was last written
    saved = stamp(datetime.fromtimestamp((folder / "journal.jsonl").stat().st_mtime))
    started = [e for e in events if e["type"] == "timer_started"][-1]  # the reflection's
    used = datetime.fromisoformat(saved) - datetime.fromisoformat(str(started["at"]))
    left = int(str(started["seconds"])) - int(used.total_seconds())
    resumed = spawn("resume", folder.name, "--session-dir", str(tmp_path))
    if how == "kill -9":  # it died: it opens paused, the clock stopped at the last entry
        resumed.expect("onverwacht")
        resumed.expect(f"pauze, nog {format_seconds(left)}")
        added = journal(tmp_path)[before:]
        assert [e["type"] for e in added] == ["timer_paused", "session_paused"]
        assert added[0]["at"] == saved
        resumed.send("\r")  # the trainer goes on
    resumed.expect("Tweede")  # the draft is back in the editor, at the same step
    resumed.expect(r"nog 4:\d\d")  # the clock runs on with the time that was left
    assert [e["type"] for e in journal(tmp_path)[before:]][-2:] == [
        "timer_resumed", "session_resumed"]
    resumed.send(" regel\r\r")  # finish the line, Enter on the empty line hands it in
    wait_for(resumed, tmp_path, count("reflection_written", 1))
    resumed.sendcontrol("c")
    resumed.expect("casusspel resume")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 130  # Ctrl-C: saved, and the exit code says interrupted
    written = [e for e in journal(tmp_path) if e["type"] == "reflection_written"]
    assert [(e["team"], e["text"]) for e in written] == [("Tafel 1",
                                                          "Eerste regel\nTweede regel")]


@pytest.mark.slow
def test_a_terminal_that_goes_away_saves_and_exits_with_0(tmp_path: Path) -> None:
    """The window closes (a real hang-up, not only the signal): the session is saved (paused)
    and the command exits with 0. The resume hint printed after the app could not be written,
    and Python's last flush of stdout made the exit code 120."""
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--session-dir", str(tmp_path))
    child.expect("Enter = verder")
    child.send("\r")
    wait_for(child, tmp_path, count("phase_advanced", 1))
    zygote.hang_up(child)
    assert (child.exitstatus, child.signalstatus) == (0, None)
    kinds = [e["type"] for e in journal(tmp_path)]
    assert kinds == ["session_started", "phase_advanced", "session_paused"]
