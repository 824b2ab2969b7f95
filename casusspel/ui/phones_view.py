"""The phones panel on the projector: QR code, address, room code, and who has joined."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from casusspel.messages import Messages
from casusspel.ui.qr import qr_size, qr_text
from casusspel.ui.safe import literal

PHONE = "📱"


def big_code(code: str) -> Text:
    """The room code, spaced out and in reverse so the back of the room reads it."""
    return Text(f" {' '.join(code)} ", style="bold reverse")


def joined_text(teams: Sequence[str], joined: set[str], phones: Mapping[str, int],
                msg: Messages) -> Text:
    """'Aangemeld: Tafel 1 📱, Tafel 2 📱📱' (a phone per phone connected now)."""
    present = [t for t in teams if t in joined]
    if not present:
        return Text(msg("app.phones.none"), style="grey62")
    names = ", ".join(f"{t} {PHONE * min(phones.get(t, 0), 5)}".rstrip() for t in present)
    return literal(msg("app.phones.joined", teams=names), "green")


def phones_view(url: str, join_url: str, code: str, teams: Sequence[str], joined: set[str],
                phones: Mapping[str, int], msg: Messages, width: int,
                height: int) -> RenderableType:
    """QR code beside the words on a wide screen, above them on a narrow one; twice as big
    when the screen has room (from the back of the room a bigger code scans better)."""
    words = Group(
        Text(msg("app.phones.title"), style="bold cyan"), Text(""),
        Text(msg("app.phones.scan")), Text(url, style="bold underline"), Text(""),
        Text(msg("app.phones.code")), big_code(code), Text(""),
        joined_text(teams, joined, phones, msg), Text(""),
        Text(msg("app.phones.wifi"), style="grey62"),
        Text(msg("app.phones.hint"), style="grey62"))
    scale = 2 if qr_size(join_url, 2)[0] + 40 <= width and qr_size(join_url, 2)[1] <= height else 1
    columns, _ = qr_size(join_url, scale)
    if columns + 30 > width:
        return Group(qr_text(join_url, scale), words)
    grid = Table.grid(padding=(0, 3))
    grid.add_column(width=columns, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(qr_text(join_url, scale), words)
    return grid


def phones_short(code: str, teams: Sequence[str], joined: set[str], msg: Messages) -> Text:
    """The top line's reminder: '📱 K7PXA · 2 van 3'."""
    return Text(msg("app.phones.short", code=code, joined=len([t for t in teams if t in joined]),
                    total=len(teams)), style="bold")
