"""`casusspel docs`: the guides, from any installed copy (the wheel carries docs/)."""

from __future__ import annotations

from pathlib import Path

from rich.markdown import Markdown
from rich.table import Table

from casusspel.errors import UsageError
from casusspel.messages import Messages
from casusspel.ui.console import make_console


def docs_dir() -> Path:
    """docs/ inside an installed package, or beside the package in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "docs", package.parent / "docs"):
        if candidate.is_dir():
            return candidate
    raise UsageError(Messages()("docs.missing"))


def documents() -> dict[str, Path]:
    return {path.stem: path for path in sorted(docs_dir().glob("*.md"))}


def title_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def show_docs(name: str | None, *, path_only: bool, raw: bool) -> None:
    msg = Messages()
    console = make_console()
    found = documents()
    if name is None:
        table = Table(title=msg("docs.title"), title_justify="left", show_header=False,
                      box=None, padding=(0, 2))
        for stem, path in found.items():
            table.add_row(stem, title_of(path))
        console.print(table)
        console.print(msg("docs.how"))
        return
    key = name.removesuffix(".md")
    if key not in found:
        raise UsageError(msg("docs.unknown", name=name, names=", ".join(found)))
    path = found[key]
    if path_only:
        console.print(str(path), markup=False, highlight=False, soft_wrap=True)
        return
    text = path.read_text(encoding="utf-8")
    if raw:
        console.print(text, markup=False, highlight=False, soft_wrap=True)
        return
    if console.is_terminal:
        with console.pager(styles=True):
            console.print(Markdown(text))
    else:
        console.print(Markdown(text))
