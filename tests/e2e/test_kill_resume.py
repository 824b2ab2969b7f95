"""End to end in a pseudo-terminal: kill -9 in the middle of a round, resume, nothing lost."""

from __future__ import annotations

import os
import platform
import signal
import time
from pathlib import Path

import pexpect
import pytest

from casusspel.session.journal import read_journal
from tests import zygote
from tests.conftest import ROOT

MORE = "Enter voor meer"


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    # --plain: these tests read the line-based front end (the full-screen app has its own)
    return zygote.spawn([*args, "--plain"], cwd=str(ROOT), env=env,
                        dimensions=(24, 80), encoding="utf-8", timeout=20)


def until(child: pexpect.spawn, text: str) -> None:
    """Wait for ``text``, pressing Enter through any '-- Enter voor meer --' pages."""
    while child.expect([MORE, text]) == 0:
        child.sendline("")


@pytest.mark.slow
def test_kill_nine_mid_round_then_resume_keeps_every_answer(tmp_path: Path) -> None:
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--session-dir", str(tmp_path))
    until(child, "Enter = verder")
    child.sendline("")
    until(child, "Tafel 1: welke factoren")
    child.sendline("12 13")
    until(child, "Tafel 2: welke factoren")
    child.sendline("9 7")
    until(child, "Tafel 1: welke aanpak")
    child.sendline("b")
    until(child, "Tafel 2: welke aanpak")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    [folder] = list(tmp_path.iterdir())
    resumed = spawn("resume", folder.name, "--session-dir", str(tmp_path))
    until(resumed, "Tafel 2: welke aanpak")  # the exact step where the kill happened
    resumed.sendline("c")
    until(resumed, "Tafel 1: jullie reflectie")
    resumed.sendcontrol("c")
    resumed.expect("casusspel resume")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 130  # Ctrl-C: saved, and the exit code says interrupted

    events, warnings = read_journal(folder / "journal.jsonl")
    assert warnings == []
    factors = [(e.team, e.factors) for e in events if e.type == "factors_answered"]  # type: ignore[attr-defined]
    actions = [(e.team, e.choice_id) for e in events if e.type == "action_chosen"]  # type: ignore[attr-defined]
    assert factors == [("Tafel 1", ("taal", "gezin")), ("Tafel 2", ("armoede", "levensfase"))]
    assert actions == [("Tafel 1", "b"), ("Tafel 2", "c")]


@pytest.mark.slow
def test_ctrl_d_at_the_first_prompt_saves_cleanly(tmp_path: Path) -> None:
    child = spawn("play", "--cases", "brief-van-de-gemeente", "--teams", "A",
                  "--session-dir", str(tmp_path))
    until(child, "Enter = verder")
    child.sendeof()
    child.expect("casusspel resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_sighup_and_sigterm_save_like_ctrl_c_in_the_plain_front_end(tmp_path: Path,
                                                                     signum: int) -> None:
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "A,B",
                  "--session-dir", str(tmp_path))
    until(child, "Enter = verder")
    child.sendline("")
    until(child, "A: welke factoren")
    child.sendline("12")
    until(child, "B: welke factoren")
    os.kill(child.pid, signum)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [folder] = list(tmp_path.iterdir())
    events, _ = read_journal(folder / "journal.jsonl")
    assert [e.type for e in events][-1] == "session_paused"
    assert [e.type for e in events].count("factors_answered") == 1


#: the number of the ``write`` system call in /proc/PID/syscall, per machine
WRITE_CALL = {"x86_64": 1, "aarch64": 64}[platform.machine()]


def writing_to_the_terminal(pid: int) -> bool:
    """Whether ``pid`` waits in a write to its standard output (the terminal is full)."""
    call = Path(f"/proc/{pid}/syscall").read_text().split()
    return len(call) > 1 and call[0] == str(WRITE_CALL) and int(call[1], 16) == 1


@pytest.mark.slow
@pytest.mark.parametrize("when", ["drawing", "prompt"])
def test_a_terminal_that_goes_away_saves_and_exits_with_0(tmp_path: Path, when: str) -> None:
    """The terminal closes while the screen is being drawn (the drawing waits for a terminal
    nobody reads: a write fails with EIO, before or after the SIGHUP) or at a prompt: either
    way the session is saved (paused) and the command exits with 0, as for a SIGHUP at a
    prompt. It used to end with EIO while drawing: nothing saved, exit code 120 (the error could
    not be written either, nor could Python's last flush of stdout), and 120 even at a prompt."""
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "A,B",
                  "--session-dir", str(tmp_path))
    until(child, "Enter = verder")
    if when == "drawing":
        child.send("/help\r" * 300)  # far more help than a terminal holds unread
        deadline = time.monotonic() + 20
        while not writing_to_the_terminal(child.pid):
            assert time.monotonic() < deadline, "the drawing never waited for the terminal"
            time.sleep(0.01)
    zygote.hang_up(child)
    assert (child.exitstatus, child.signalstatus) == (0, None)
    [folder] = list(tmp_path.iterdir())
    events, warnings = read_journal(folder / "journal.jsonl")
    assert warnings == []
    assert [e.type for e in events] == ["session_started", "session_paused"]


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_at_the_team_names_question_stops_with_0(tmp_path: Path, signum: int) -> None:
    """Before the session exists (the team names are asked) a SIGTERM or SIGHUP stops as
    Ctrl-D does there: said, nothing created, exit code 0. It used to kill the process (no
    handler was installed yet: exit status 'killed by SIGTERM')."""
    child = spawn("play", "--cases", "tolk-aan-tafel", "--session-dir", str(tmp_path))
    until(child, "Teamnamen")
    os.kill(child.pid, signum)
    child.expect("Gestopt voordat de sessie begon")
    child.expect(pexpect.EOF)
    child.close()
    assert (child.exitstatus, child.signalstatus) == (0, None)
    assert list(tmp_path.iterdir()) == []
