"""The arrows of the house point one way: cli -> ui|web -> session -> content -> scoring.

The terminal (``ui``) and the phone page (``web``) are two front ends on one controller: neither
imports the other, and the session knows neither (a rule written in a front end is a bug)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = {
    "casusspel/ui": ("casusspel.web", "starlette", "uvicorn", "jinja2"),
    "casusspel/web": ("casusspel.ui", "rich", "textual"),
    "casusspel/session": ("casusspel.ui", "casusspel.web", "rich", "textual", "starlette",
                          "uvicorn", "segno"),
}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_front_ends_never_import_each_other(folder: str) -> None:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    wrong = [f"{path.relative_to(ROOT)}: {name}" for path in files for name in imported(path)
             if any(name == banned or name.startswith(banned + ".")
                    for banned in FORBIDDEN[folder])]
    assert wrong == []
