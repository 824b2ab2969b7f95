"""Widgets of the live app: the countdown, the entry (one line or a reflection), the key line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer, Static, TextArea

from casusspel.messages import Messages
from casusspel.session.clock import LAST_MINUTE, format_seconds
from casusspel.session.turns import parse_command


class KeyLine(Footer):
    """Textual's footer, built again only when the keys it would show have changed.

    Textual's footer throws away and builds anew every key (a widget each, styled one by one,
    and styled again when its compact flag is bound) whenever the screen's bindings may have
    changed: the focus moving, the screen stack, the app fitting the line to the width. When
    the live screen starts, four such notices arrive in one frame and the footer was built four
    times for the same keys; that was about a seventh of the CPU of every test that runs the app
    (docs/performance.md, sixth round). The keys shown come from the screen's active bindings
    (each binding, whether it is enabled, its tooltip), so when those are what the keys on
    screen were built from, there is nothing to build."""

    _built_from: object = None  # the active bindings the keys on screen were composed from

    def compose(self) -> ComposeResult:
        self._built_from = self.bindings_shown()
        return super().compose()

    async def recompose(self) -> None:
        if self.is_attached and self.children and self.bindings_shown() == self._built_from:
            return  # the same keys (no keys yet: the bindings were not ready, so build them)
        await super().recompose()

    def bindings_shown(self) -> object:
        if not self.is_attached:
            return None
        return tuple((binding, enabled, tooltip)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values())


class Countdown(Static):
    """The time left in this step, redrawn every second by the app: a bold block at the start of
    the top line (readable from the back of the room), yellow in the last minute, red at zero,
    and it says so when the clock is paused."""

    DEFAULT_CSS = """
    Countdown { width: auto; min-width: 14; padding: 0 2; text-style: bold;
                background: $primary; color: $text; }
    Countdown.last-minute { background: $warning; color: $background; }
    Countdown.up { background: $error; color: $text; }
    Countdown.paused { background: $warning-muted; color: $text; text-style: bold italic; }
    """

    shown = ""  # what the clock says now (also for tests: Textual's render types differ by version)

    def show_time(self, left: int | None, *, paused: bool, msg: Messages) -> None:
        self.set_class(left is not None and 0 < left <= LAST_MINUTE and not paused,
                       "last-minute")
        self.set_class(left == 0, "up")
        self.set_class(paused and left is not None, "paused")
        if left is None:
            shown = ""
        elif paused:
            shown = msg("timer.paused", time=format_seconds(left))
        elif left == 0:
            shown = msg("timer.zero")
        else:
            shown = msg("timer.left", time=format_seconds(left))
        if shown != self.shown:  # four ticks a second; a new text lays the whole screen out
            self.shown = shown
            self.update(Text(shown))


class Entry(TextArea):
    """The one place where the room types: a one-line answer (Enter hands it in) or, in
    ``multiline`` mode, a reflection with word wrap (Ctrl-S or Enter on an empty last line hands
    it in; a line that is a trainer command, /pauze or /terug, is taken out and carried out).

    Keys typed fast (a paste from a remote-desktop tool, ``tmux send-keys``) queue up before the
    first one is handled. So everything that depends on their order happens here, one key after
    the other: handing in calls ``submit`` directly (a message would arrive after the keys that
    follow it, which then land in the text of the team that just handed in, or are lost), and
    this widget's own key bindings (backspace, arrows) run here instead of after the key bubbled
    up to the app, where later keys would overtake them; Ctrl-S is one of them. The app runs
    its own keys (F-keys) through ``call_later`` on this widget for the same reason. ``team``
    is the team whose text this is: the app hands it in for that team only.
    """

    def __init__(self, submit: Callable[[str], None], command: Callable[[str], None], *,
                 submit_label: str, **kwargs: Any) -> None:  # kwargs: Textual's widget options
        super().__init__(soft_wrap=False, show_line_numbers=False, tab_behavior="focus",
                         highlight_cursor_line=False, **kwargs)
        self.submit = submit
        self.command = command
        self.multiline = False
        self.team: str | None = None
        self.cursor_blink = False
        self._bindings.bind("ctrl+s", "submit_text", submit_label, key_display="Ctrl-S")
        # F6 and F7 are the app's (the phones' code, take over a phone team); left here they
        # would come first in the footer, where on 80 columns they push F10 Stop off the
        # screen, and F7 with no team to take over would select the typed text
        for key in ("f6", "f7"):
            self._bindings.key_to_bindings.pop(key, None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_text":  # a one-line answer is handed in with Enter
            return self.multiline
        return True

    def action_submit_text(self) -> None:
        if self.multiline:
            self.submit(self.text)

    def show(self, text: str, *, team: str | None, multiline: bool) -> None:
        """Start on a new question: ``text`` (a team's draft) for ``team``."""
        self.multiline = multiline
        self.soft_wrap = multiline
        self.set_class(multiline, "multiline")
        self.team = team
        self.load_text(text)
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self._enter():
            event.stop()
            event.prevent_default()
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            event.stop()
            event.prevent_default()
            await self.run_action(binding.action)
            return
        # anything else (a letter, or Enter that starts a new line): TextArea inserts it

    def _enter(self) -> bool:
        """Enter: hand in, carry out a command line, or (False) a new line in a reflection."""
        if not self.multiline:
            self.submit(self.text)
            return True
        row, _ = self.cursor_location
        line = self.document.get_line(row)
        if parse_command(line) is not None:
            lines = self.text.split("\n")
            lines[row] = ""  # the line break before the command stays: typing goes on below
            self.load_text("\n".join(lines))
            self.move_cursor((row, 0))
            self.command(line.strip())
            return True
        if row == self.document.line_count - 1 and not line.strip():
            self.submit(self.text)  # an empty reflection is refused with a note, not a new line
            return True
        return False

    async def _on_paste(self, event: events.Paste) -> None:
        if not self.multiline and ("\n" in event.text or "\r" in event.text):
            event.stop()
            event.prevent_default()
            self.insert(" ".join(event.text.split()))  # one line: lines become words
