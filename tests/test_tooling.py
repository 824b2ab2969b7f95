"""The code base stays clean under the strict tools STYLE.md asks for (ruff and mypy --strict)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.early  # its length varies with what changed since the cache (tests/schedule.py)
def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([sys.executable, str(ROOT / ".ci" / "typecheck.py")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
