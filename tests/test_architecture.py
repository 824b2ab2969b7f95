"""docs/architecture.md tells the truth: its picture holds every package, only packages that
exist, and every import between packages follows its arrows."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from tests.conftest import ROOT


def shared() -> set[str]:
    """Used by every layer (said in the text of architecture.md, not drawn as arrows): the
    catalogue and the small leaf modules directly in casusspel/ (errors.py, files.py, ...)."""
    leaves = {p.stem for p in (ROOT / "casusspel").glob("*.py")} - {"__init__", "__main__"}
    return {"messages"} | leaves


def picture() -> tuple[set[str], set[tuple[str, str]], set[tuple[str, str]]]:
    """(nodes, solid arrows, dotted arrows) of the mermaid block in docs/architecture.md."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```mermaid\n(.*?)```", text, re.S)
    nodes = set(re.findall(r"^\s*(\w+)\[", block, re.M))
    solid = set(re.findall(r"^\s*(\w+) --> (\w+)\s*$", block, re.M))
    dotted = set(re.findall(r"^\s*(\w+) -\.->(?:\|[^|]*\|)? (\w+)\s*$", block, re.M))
    return nodes, solid, dotted


def packages() -> set[str]:
    """Every package of the house: casusspel's subpackages, the mapped scoring/ and cases/, and
    cli.py."""
    inside = {p.parent.name for p in (ROOT / "casusspel").glob("*/__init__.py")}
    return inside | {"scoring", "cases", "cli"}


def exists(node: str) -> bool:
    return ((ROOT / "casusspel" / node / "__init__.py").is_file()
            or (ROOT / node / "__init__.py").is_file() or (ROOT / f"{node}.py").is_file())


def owner(path: Path) -> str:
    """The package a source file belongs to (top-level modules of casusspel by their name)."""
    parts = path.relative_to(ROOT).parts
    if parts[0] == "casusspel":
        return parts[1].removesuffix(".py")
    return parts[0].removesuffix(".py")


@cache
def imports_between_packages() -> frozenset[tuple[str, str, str]]:
    """(from package, to package, file) for every import of another casusspel package, also the
    ones inside functions."""
    found = set()
    files = [*ROOT.glob("casusspel/**/*.py"), *ROOT.glob("scoring/**/*.py"), ROOT / "cli.py"]
    for path in files:
        source = owner(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module
                and not node.level else [])
            for name in names:
                parts = name.split(".")
                if parts[0] == "casusspel" and len(parts) > 1 and parts[1] != source:
                    found.add((source, parts[1], str(path.relative_to(ROOT))))
    return frozenset(found)


def below(start: str, solid: set[tuple[str, str]]) -> set[str]:
    """Every package reached from ``start`` along the solid arrows."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        for a, b in solid:
            if a == node and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def test_every_package_is_in_the_picture_and_every_node_exists() -> None:
    nodes, solid, dotted = picture()
    assert len(nodes) >= 9 and solid and dotted
    assert sorted(n for n in nodes if not exists(n)) == []
    assert sorted(packages() - nodes) == []
    assert {n for edge in solid | dotted for n in edge} <= nodes


def test_every_import_follows_an_arrow_of_the_picture() -> None:
    nodes, solid, dotted = picture()
    common = shared()
    assert {"errors", "files"} <= common
    wrong = sorted(f"{path}: {a} -> {b}" for a, b, path in imports_between_packages()
                   if b not in common and a != "__main__"
                   and b not in below(a, solid) and (a, b) not in dotted)
    assert wrong == []  # (a leaf module may only import the catalogue and other leaves)


def test_the_arrow_check_would_see_an_import_upwards() -> None:
    _, solid, dotted = picture()
    assert "ui" not in below("session", solid) and ("session", "ui") not in dotted
    assert "web" not in below("ui", solid) and "ui" not in below("web", solid)
    assert "scoring" in below("cli", solid)  # arrows are followed all the way down
    assert ("content", "session", "casusspel/content/casetest.py") in imports_between_packages()
