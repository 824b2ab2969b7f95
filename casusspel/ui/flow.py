"""Short items side by side on as few lines as fit, each kept whole (measured in cells).

A factor with its verdict mark (``✓ Gezinssamenstelling``) is one item: a line never ends between
the mark and the name, whatever the width, the language or the characters in the name. Rich's own
word wrap only knows spaces, so from the back of the room a mark left at the end of a line read
as the verdict on the factor before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


class Flow:
    """``items`` separated by ``gap`` spaces, a new line before an item that does not fit whole
    on the current one. An item wider than a whole line gets lines of its own, wrapped with its
    continuation indented ``hang`` cells (under the name, not under the mark before it)."""

    def __init__(self, items: Iterable[Text], *, gap: int = 3, hang: int = 2) -> None:
        self.items: Sequence[Text] = tuple(items)
        self.gap = gap
        self.hang = hang

    def lines(self, console: Console, width: int) -> list[Text]:
        """The items laid out on lines of at most ``width`` cells."""
        lines: list[Text] = []
        line = Text()
        for item in self.items:
            size = item.cell_len
            if line and line.cell_len + self.gap + size <= width:
                line.append(" " * self.gap)
                line.append_text(item)
                continue
            if line:
                lines.append(line)
            if size <= width:
                line = item.copy()
                continue
            lines.extend(self.hanging(console, item, width))
            line = Text()
        if line:
            lines.append(line)
        return lines

    def hanging(self, console: Console, item: Text, width: int) -> list[Text]:
        """An item wider than ``width``: wrapped (by cells), continuation lines indented."""
        hang = self.hang if width > 2 * self.hang else 0
        wrapped = item.wrap(console, width - hang, overflow="fold")
        return [line if index == 0 else Text(" " * hang) + line
                for index, line in enumerate(wrapped)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options.max_width):
            line.no_wrap = True  # each fits: laid out above
            line.overflow = "crop"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        sizes = [item.cell_len for item in self.items] or [0]
        widest = sum(sizes) + self.gap * (len(sizes) - 1)
        return Measurement(min(max(sizes), options.max_width), min(widest, options.max_width))
