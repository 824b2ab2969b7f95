"""Widgets of the live app: the countdown and the reflection editor."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static, TextArea

from casusspel.messages import Messages
from casusspel.session.clock import LAST_MINUTE, format_seconds
from casusspel.session.turns import parse_command


class Countdown(Static):
    """The time left in this step, redrawn every second by the app; yellow in the last minute,
    red at zero, and it says so when the clock is paused."""

    DEFAULT_CSS = """
    Countdown { width: auto; min-width: 14; padding: 0 1; text-style: bold; color: $accent; }
    Countdown.last-minute { color: $warning; }
    Countdown.up { background: $error; color: $text; }
    Countdown.paused { color: $warning; text-style: bold italic; }
    """

    shown = ""  # what the clock says now (also for tests: Textual's render types differ by version)

    def show_time(self, left: int | None, *, paused: bool, msg: Messages) -> None:
        self.set_class(left is not None and 0 < left <= LAST_MINUTE and not paused,
                       "last-minute")
        self.set_class(left == 0, "up")
        self.set_class(paused and left is not None, "paused")
        if left is None:
            self.shown = ""
        elif paused:
            self.shown = msg("timer.paused", time=format_seconds(left))
        elif left == 0:
            self.shown = msg("timer.zero")
        else:
            self.shown = msg("timer.left", time=format_seconds(left))
        self.update(Text(self.shown))


class ReflectionEditor(TextArea):
    """A multi-line editor with word wrap. Ctrl+S or Enter on an empty last line hands the text
    in; a line that is a trainer command (/pauze, /terug, ...) is taken out and carried out."""

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class CommandTyped(Message):
        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    def __init__(self, **kwargs: object) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                         **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            row, _ = self.cursor_location
            line = self.document.get_line(row)
            if parse_command(line) is not None:
                event.stop()
                event.prevent_default()
                lines = self.text.split("\n")
                del lines[row]
                self.load_text("\n".join(lines).rstrip("\n"))
                self.move_cursor(self.document.end)
                self.post_message(self.CommandTyped(line.strip()))
                return
            last = row == self.document.line_count - 1
            if last and not line.strip() and self.text.strip():
                event.stop()
                event.prevent_default()
                self.post_message(self.Submitted(self.text.strip()))
                return
        await super()._on_key(event)
