"""Shared fixtures: a clean terminal environment for every test (as rich's own tests do)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _clean_terminal_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # every variable rich (and Textual) read to decide colour, size and interactivity
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM_PROGRAM", "COLORTERM",
                 "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES",
                 "CASUSSPEL_LANG", "PAGER", "MANPAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("CASUSSPEL_DATA_DIR", str(tmp_path / "data"))
