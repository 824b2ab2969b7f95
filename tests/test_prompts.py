"""Waiting for the keyboard never hides a signal (casusspel/ui/prompts.py ``wait_for_line``):
SIGHUP, SIGTERM and Ctrl-C save and exit even when they come just before the read."""

from __future__ import annotations

import io
import os
import select
import signal
import threading
from collections.abc import Iterator
from types import FrameType, SimpleNamespace
from typing import Any

import pytest

from casusspel.ui import prompts
from casusspel.ui.prompts import wait_for_line

pytestmark = pytest.mark.skipif(os.name != "posix", reason="terminals and signals are POSIX")


class Stopped(Exception):
    pass


@pytest.fixture
def terminal() -> Iterator[tuple[int, int]]:
    """(keyboard side, program side) of a pseudo-terminal."""
    keyboard, program = os.openpty()
    yield keyboard, program
    os.close(keyboard)
    os.close(program)


def test_a_signal_the_read_did_not_see_still_ends_the_wait(
        terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The signal goes to another thread, so it does not cut short the main thread's wait (as
    with one that comes just before the read): the handler still runs, within a slice."""
    keyboard, program = terminal
    monkeypatch.setattr(prompts, "SIGNAL_CHECK", 0.05)
    waiting = threading.Event()

    def watched(*args: Any) -> Any:
        waiting.set()
        return select.select(*args)

    monkeypatch.setattr(prompts, "select", SimpleNamespace(select=watched))

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped

    def send() -> None:  # once the main thread waits, to this thread
        waiting.wait()
        signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)

    previous = signal.signal(signal.SIGUSR1, stop)
    sender = threading.Thread(target=send)
    pressed = threading.Event()

    def press() -> None:  # if the wait missed the signal, a key ends it (and the test fails)
        pressed.set()
        os.write(keyboard, b"\n")

    failsafe = threading.Timer(30, press)
    failsafe.start()
    try:
        with os.fdopen(program, "r", closefd=False) as stream, pytest.raises(Stopped):
            sender.start()
            wait_for_line(stream)
        assert not pressed.is_set(), "the signal waited for a key"
    finally:
        failsafe.cancel()
        sender.join()
        signal.signal(signal.SIGUSR1, previous)


def test_a_line_or_a_pipe_ends_the_wait_at_once(terminal: tuple[int, int]) -> None:
    keyboard, program = terminal
    os.write(keyboard, b"12 13\n")
    with os.fdopen(program, "r", closefd=False) as stream:
        wait_for_line(stream)
        assert stream.readline() == "12 13\n"
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "r") as pipe:  # not a terminal: input() reads it as it is
        wait_for_line(pipe)
    os.close(write_end)


def test_function_and_arrow_keys_never_become_part_of_a_line() -> None:
    """F5 at the team-name prompt used to make a team called '\\x1b[15~' (seen in a play test)."""
    from rich.console import Console

    from casusspel.messages import Messages

    lines = iter(["\x1b[15~Tafel 1, \x1b[AB\x1bOP", "wij \x1b[1;5Cvragen\x07 door\tsamen"])
    prompter = prompts.Prompter(Console(file=io.StringIO(), width=80), Messages("nl"),
                                reader=lambda: next(lines))
    assert prompter.line("Teams") == "Tafel 1, B"
    assert prompter.line("Reflectie") == "wij vragen door\tsamen"
