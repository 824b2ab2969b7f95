"""The full-screen live round (Textual)."""

from __future__ import annotations

from pathlib import Path

from casusspel.messages import Messages
from casusspel.session.controller import Controller


def run_app(controller: Controller, msg: Messages, training: Path | None = None) -> None:
    raise NotImplementedError
