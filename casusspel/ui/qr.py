"""A QR code on the terminal, drawn with half blocks so two rows of modules share a line.

Black modules on a white field whatever the terminal's colours (phone cameras read dark on
light), with a quiet zone of two modules. ``scale=2`` doubles it for a big screen.
"""

from __future__ import annotations

from rich.text import Text

STYLE = "#000000 on #ffffff"
BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_text(data: str, scale: int = 1) -> Text:
    """``data`` as a QR code: ``scale`` 1 is one column and half a line per module."""
    import segno  # only a session with phones draws one

    rows = [[bool(v) for v in row]
            for row in segno.make(data, error="m").matrix_iter(scale=1, border=2)]
    lines = []
    if scale >= 2:
        for row in rows:
            lines.append("".join("██" if dark else "  " for dark in row))
    else:
        if len(rows) % 2:
            rows.append([False] * len(rows[0]))
        for top, bottom in zip(rows[::2], rows[1::2], strict=True):
            lines.append("".join(BLOCKS[pair] for pair in zip(top, bottom, strict=True)))
    return Text("\n".join(lines), style=STYLE, no_wrap=True, overflow="crop")


def qr_size(data: str, scale: int = 1) -> tuple[int, int]:
    """Columns and lines ``qr_text`` takes."""
    import segno

    modules = int(segno.make(data, error="m").symbol_size(scale=1, border=2)[0])
    return (modules * 2, modules) if scale >= 2 else (modules, (modules + 1) // 2)
