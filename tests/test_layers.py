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


#: developer tools run with ``python -m`` (never by a trainer); they report on stderr
DEVELOPER_SCRIPTS = ("casusspel/messages/compile.py", "scoring/lemma_table.py", "scoring/train.py",
                     "scoring/train_flag.py")


def terminal_writes(path: Path) -> list[str]:
    """Each ``print(...)`` and each use of ``sys.stdout``/``sys.stderr`` (or ``from sys import
    stdout``) in a file, as 'line: what'."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "print":
            found.append(f"{node.lineno}: print")
        elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") \
                and isinstance(node.value, ast.Name) and node.value.id == "sys":
            found.append(f"{node.lineno}: sys.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "sys" \
                and {a.name for a in node.names} & {"stdout", "stderr"}:
            found.append(f"{node.lineno}: from sys import")
    return found


def test_only_the_terminal_front_end_and_the_cli_write_to_the_terminal() -> None:
    """The engine, the session, content, scoring, reports and the phone page hand text to a front
    end; only ``casusspel/ui/`` and ``cli.py`` print or write to sys.stdout/sys.stderr."""
    files = [*sorted((ROOT / "casusspel").rglob("*.py")), *sorted((ROOT / "scoring").rglob("*.py"))]
    outside = [p for p in files if p.relative_to(ROOT).parts[:2] != ("casusspel", "ui")
               and p.relative_to(ROOT).as_posix() not in DEVELOPER_SCRIPTS]
    assert len(outside) > 50
    wrong = [f"{path.relative_to(ROOT)}:{hit}" for path in outside
             for hit in terminal_writes(path)]
    assert wrong == []
    # the check itself sees what it must: the front end and the developer scripts do write
    assert terminal_writes(ROOT / "casusspel" / "ui" / "console.py")
    assert all(terminal_writes(ROOT / script) for script in DEVELOPER_SCRIPTS)
