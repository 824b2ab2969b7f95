"""The zygote the end-to-end tests fork ``casusspel`` from (tests/zygote.py) gives each command a
process of its own, with the test's environment, and reports how it ended."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pexpect

from casusspel import __version__
from tests import zygote
from tests.conftest import ROOT


def spawn(*args: str, **env: str) -> pexpect.spawn:
    return zygote.spawn(list(args), env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                        cwd=str(ROOT), dimensions=(24, 80), encoding="utf-8", timeout=20)


def test_a_command_runs_in_a_process_of_its_own_and_its_exit_code_comes_back() -> None:
    child = spawn("--version")
    assert child.pid != os.getpid()
    child.expect(f"casusspel {__version__}")
    child.expect(pexpect.EOF)
    child.close()
    assert (child.exitstatus, child.signalstatus) == (0, None)
    wrong = spawn("bestaat-niet")
    wrong.expect(pexpect.EOF)
    wrong.close()
    assert wrong.exitstatus == 2 and wrong.pid != child.pid


def test_each_child_has_the_environment_it_was_given() -> None:
    for language, said in (("en", "No such command"), ("nl", "Onbekende opdracht")):
        child = spawn("bestaat-niet", CASUSSPEL_LANG=language)
        child.expect(said)
        child.expect(pexpect.EOF)
        child.close()


def test_a_killed_child_is_reported_killed(tmp_path: Path) -> None:
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "A,B", "--plain",
                  "--session-dir", str(tmp_path))
    child.expect(" › ")  # up and waiting for a key
    assert child.isalive()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert (child.exitstatus, child.signalstatus) == (None, signal.SIGKILL)
    assert not child.isalive()
    child.close()
