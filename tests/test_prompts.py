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


def test_ctrl_c_while_help_is_printed_counts_as_ctrl_c_at_the_prompt() -> None:
    from rich.console import Console

    from casusspel.messages import Messages

    class Interrupting(prompts.Prompter):
        def command(self, raw: str) -> prompts.Command | None:
            raise KeyboardInterrupt  # e.g. while /help is printed

    prompter = Interrupting(Console(file=io.StringIO()), Messages("nl"), reader=lambda: "/help")
    with pytest.raises(prompts.Interrupted) as stop:
        prompter.line("Teams")
    assert stop.value.ctrl_c


def test_a_signal_between_prompts_is_kept_for_the_next_prompt() -> None:
    """Caught: a signal outside a read changes nothing there (no exception midway); the next
    read raises it at once, without reading; a Ctrl-C that no prompt met any more still ends
    the command as interrupted (130), a SIGTERM as saved (0)."""
    from casusspel.errors import HandledInterrupt

    reads: list[str] = []
    guard = prompts.Interrupts()
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(HandledInterrupt):
        with guard.catching():
            signal.raise_signal(signal.SIGINT)
            reads.append("still here")  # the signal raised nothing here
            with pytest.raises(prompts.Interrupted) as stop, guard.reading():
                reads.append("read")
            assert stop.value.ctrl_c
    assert reads == ["still here"]
    assert signal.getsignal(signal.SIGINT) is before  # given back
    with guard.catching():
        signal.raise_signal(signal.SIGTERM)
    with pytest.raises(prompts.Interrupted) as stop, guard.catching(), guard.reading():
        signal.raise_signal(signal.SIGHUP)  # while waiting for the keyboard: at once
        reads.append("not reached")
    assert not stop.value.ctrl_c and reads == ["still here"]
