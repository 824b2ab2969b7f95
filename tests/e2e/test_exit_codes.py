"""Exit codes of a live session in a real process (the table in docs/opdrachtregel.md): Ctrl-C or
SIGINT saves and exits with 130 (interrupted), in the full-screen app, line by line and with the
phone page running; /stop, F10 and Ctrl-D save and exit with 0."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pexpect
import pytest

from casusspel.session.journal import read_journal
from casusspel.training.selfassessment import responses
from tests import zygote
from tests.conftest import ROOT
from tests.e2e.test_kill_resume import until


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    return zygote.spawn(list(args), cwd=str(ROOT), env=env, dimensions=(24, 80),
                        encoding="utf-8", timeout=20)


def ends(child: pexpect.spawn) -> int:
    child.expect("casusspel resume")  # the way back is said before the exit
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def last_event(folder: Path) -> str:
    [journal] = list(folder.glob("*/journal.jsonl"))
    events, _ = read_journal(journal)
    return events[-1].type


def start(tmp_path: Path, *extra: str) -> pexpect.spawn:
    return spawn("play", "--cases", "tolk-aan-tafel", "--teams", "A,B",
                 "--session-dir", str(tmp_path), *extra)


@pytest.mark.slow
@pytest.mark.parametrize(("front", "how"), [
    ("app", "SIGINT"), ("app", "Ctrl-C"), ("plain", "SIGINT"), ("plain", "Ctrl-C"),
    ("app+phones", "SIGINT"), ("plain+phones", "Ctrl-C")])  # (one of each is enough there)
def test_an_interrupt_saves_and_exits_130(tmp_path: Path, front: str, how: str) -> None:
    extra = (["--plain"] if "plain" in front else []) + (
        ["--phones", "--host", "127.0.0.1", "--port", str(free_port())] if "phones" in front
        else [])
    child = start(tmp_path, *extra)
    until(child, "Enter = verder")  # the first screen is up, its question asked
    if how == "SIGINT":
        os.kill(child.pid, signal.SIGINT)
    else:
        child.sendcontrol("c")
    assert ends(child) == 130
    assert last_event(tmp_path) == "session_paused"  # saved: resume goes on here


@pytest.mark.slow
@pytest.mark.parametrize(("front", "keys"), [("app", "\x1b[21~"), ("app", "\x04"),
                                             ("plain", "/stop\r")],
                         ids=["app-F10", "app-Ctrl-D", "plain-/stop"])  # plain Ctrl-D: kill_resume
def test_stop_and_end_of_input_save_and_exit_0(tmp_path: Path, front: str, keys: str) -> None:
    child = start(tmp_path, *(["--plain"] if front == "plain" else []))
    until(child, "Enter = verder")
    child.send(keys)
    assert ends(child) == 0
    assert last_event(tmp_path) == "session_paused"


@pytest.mark.slow
def test_ctrl_c_at_the_team_names_exits_130_before_anything_is_made(tmp_path: Path) -> None:
    child = spawn("play", "--cases", "tolk-aan-tafel", "--session-dir", str(tmp_path),
                  "--plain")
    child.expect("Teamnamen")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("where", ["between people", "mid-rating"])
def test_ctrl_c_in_followup_keeps_who_rated_and_exits_130(tmp_path: Path, where: str) -> None:
    """``followup`` on Ctrl-C: says how many ratings it stored (a person whose rating was not
    complete is not stored) and exits with 130 like every other command; it used to end as if
    'klaar' had been typed, with 0. ('klaar' and Ctrl-D end with 0: test_selfassessment.py.)"""
    child = spawn("followup", "--training", str(tmp_path))
    child.expect("Beoordeling 1")
    child.sendline("")
    for _ in range(4):  # one mark per pillar
        child.expect(r"\(1-5\)")
        child.sendline("4")
    child.expect("Beoordeling 2")
    if where == "mid-rating":
        child.sendline("")
        child.expect(r"\(1-5\)")
        child.sendline("2")
        child.expect(r"\(1-5\)")
    child.sendcontrol("c")
    child.expect("1 beoordeling bewaard")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert len(responses(tmp_path)) == 1
