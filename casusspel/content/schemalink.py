"""The link from a case file to its JSON Schema, for editors (yaml-language-server, VS Code).

A case says which schema it follows in its first line::

    # yaml-language-server: $schema=../casus.schema.json

The editor resolves that link from the case's own folder. A link that does not resolve gives an
editor error on line 1 ("Unable to load schema"), so ``validate`` warns about it (CS072), and
``casusspel new`` and ``validate --fix-schema-link`` write a link that resolves: a relative path to
the nearest ``casus.schema.json`` in the file's folder or a folder above it (the schema the author
uses, maybe one for their own framework), or else a ``file://`` URI to the schema installed with
casusspel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from casusspel.content.loader import Document
from casusspel.content.problems import Problem
from casusspel.messages import Text, os_reason

SCHEMA_NAME = "casus.schema.json"
MODELINE = re.compile(r"^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(\S*)", re.M)
MODELINE_PREFIX = "# yaml-language-server: $schema="
#: folders that end the search for a local schema (a project's root)
_ROOT_MARKERS = (".git", ".vscode")


@dataclass(frozen=True)
class SchemaLink:
    """Where a file says its schema is: the target text and its position (1-based)."""

    target: str
    line: int
    col: int


def find_link(text: str, doc: Document | None = None) -> SchemaLink | None:
    """The editor's link in ``text``: the modeline comment, else a top-level ``$schema:`` key."""
    match = MODELINE.search(text)
    if match is not None:
        line = text.count("\n", 0, match.start(1)) + 1
        col = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1) + 1
        return SchemaLink(match.group(1), line, col)
    if doc is not None and isinstance(doc.data, dict) and isinstance(doc.data.get("$schema"),
                                                                     str):
        line, col = doc.position(("$schema",))
        return SchemaLink(doc.data["$schema"], line, col)
    return None


def target_path(target: str, folder: Path) -> Path | None:
    """The file a link points to, seen from ``folder``; None for a web address (not checked)."""
    parsed = urlparse(target)
    if parsed.scheme in ("http", "https"):
        return None
    if parsed.scheme == "file":
        from urllib.request import url2pathname  # (imports http and ssl: only when needed)

        return Path(url2pathname(unquote(parsed.path)))
    if len(parsed.scheme) > 1:  # some other scheme an editor would not load from disk either
        return Path(target)
    return folder / unquote(target)  # relative (or absolute; '/' joins to itself)


def resolves(target: str, folder: Path) -> bool:
    """Whether an editor can load the schema behind ``target`` (a web address counts as yes)."""
    if not target:
        return False
    path = target_path(target, folder)
    if path is None:
        return True
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return False
    return _is_schema(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _is_schema(path: str, mtime: int, size: int) -> bool:
    """A readable JSON object (cached per file version: many cases share one schema)."""
    del mtime  # part of the cache key only
    if size == 0 or size > 10_000_000:
        return False
    try:
        with open(path, encoding="utf-8") as handle:
            return isinstance(json.load(handle), dict)
    except (OSError, ValueError):
        return False


#: whether a link resolves, by (folder as given, link): one run's memory (see ``link_problem``)
Resolved = dict[tuple[str, str], bool]
_REMEMBERED = 1024  # (folder, link) pairs; a folder of files with as many different links


def link_problem(text: str, doc: Document | None, path: Path, display: str,
                 resolved: Resolved | None = None) -> Problem | None:
    """CS072 when the file's schema link does not resolve from its folder.

    With ``resolved`` (kept by the caller for one run), a link is looked up on disk once per
    folder: the thousands of cases of a folder usually share one link and one schema."""
    link = find_link(text, doc)
    if link is None:
        return None
    key = (os.path.dirname(path), link.target)
    ok = resolved.get(key) if resolved is not None else None
    if ok is None:
        ok = resolves(link.target, folder_of(path))
        if resolved is not None:
            if len(resolved) >= _REMEMBERED:
                resolved.clear()
            resolved[key] = ok
    if ok:
        return None
    shown = link.target or Text("cs072.empty")
    return Problem(display, link.line, link.col, "warning", "CS072",
                   Text("cs072.broken", link=shown), Text("cs072.broken.hint", file=display))


def local_schema(folder: Path) -> Path | None:
    """The nearest ``casus.schema.json`` in ``folder`` or a folder above it (up to a project's
    root, the home folder or the top of the disk)."""
    home = Path.home()
    for candidate in (folder, *folder.parents):
        schema = candidate / SCHEMA_NAME
        if schema.is_file() and resolves(schema.as_uri(), candidate):
            return schema
        if candidate == home or any((candidate / m).exists() for m in _ROOT_MARKERS):
            return None
    return None


def installed_schema() -> Path:
    from casusspel.content.library import schema_path

    return schema_path().resolve()


def folder_of(path: Path) -> Path:
    """The folder an editor resolves a file's relative links from (as opened, not resolved)."""
    return Path(os.path.abspath(path)).parent


def link_for(folder: Path) -> str:
    """A link that resolves from ``folder``: relative to a local schema, else the installed one."""
    folder = Path(os.path.abspath(folder))
    local = local_schema(folder)
    if local is None:
        return installed_schema().as_uri()
    try:
        return Path(os.path.relpath(local, folder)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return local.as_uri()


def with_link(text: str, link: str) -> str:
    """``text`` with its modeline pointing at ``link`` (a first line is added if it has none)."""
    match = MODELINE.search(text)
    if match is not None:
        return text[:match.start(1)] + link + text[match.end(1):]
    return f"{MODELINE_PREFIX}{link}\n{text}"


@dataclass(frozen=True)
class Fixed:
    """One file whose link was rewritten: where, and the new link."""

    display: str
    link: str


def fix_links(files: list[Path]) -> tuple[list[Fixed], list[Problem]]:
    """Give every case among ``files`` a link that resolves (only files that need it change)."""
    from casusspel.content.library import load_file

    fixed: list[Fixed] = []
    problems: list[Problem] = []
    for path in files:
        item = load_file(path)
        if not item.text:
            continue
        has_modeline = MODELINE.search(item.text) is not None
        if not has_modeline and not _is_case(item.doc):
            continue  # not a case (or not readable): only an existing broken link is repaired
        link = find_link(item.text, item.doc)
        folder = folder_of(path)
        if link is not None and resolves(link.target, folder):
            continue
        new_link = link_for(folder)
        newline = "\r\n" if "\r\n" in item.text else "\n"
        text = with_link(item.text, new_link)
        if not has_modeline and newline != "\n":
            text = text.replace("\n", newline, 1)
        try:
            _write_atomically(path, text)
        except OSError as exc:
            problems.append(Problem(item.display, 1, 1, "error", "CS001",
                                    Text("cs001.link_not_fixed", reason=os_reason(exc)),
                                    Text("cs001.link_not_fixed.hint")))
            continue
        fixed.append(Fixed(item.display, new_link))
    return fixed, problems


def _is_case(doc: Document | None) -> bool:
    """Clearly a case: other YAML in the same folder (a framework, a programme, a tool's
    settings) gets no link it never asked for."""
    data = doc.data if doc is not None else None
    return isinstance(data, dict) and bool({"situation", "choices"} & set(data)) and not (
        {"pillars", "blocks"} & set(data))


def _write_atomically(path: Path, text: str) -> None:
    """Write next to the file, then replace it: a crash never leaves half a case."""
    temporary = path.with_name(f".{path.name}.casusspel-tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


# -- VS Code: settings by file pattern -----------------------------------------------------------
NAMED_PATTERNS = ("**/*.casus.yaml", "**/*.casus.yml")
_CASE_SIGNS = (re.compile(r"^id:", re.M), re.compile(r"^situation:", re.M))
_SKIPPED_FOLDERS = {"node_modules", "__pycache__", "site-packages", "build", "dist"}
SCAN_FILES = 5000
SCAN_DEPTH = 5  # folders deep: a workspace, not a whole disk


def case_folders(root: Path) -> list[str]:
    """Folders under ``root`` (relative, '/'-separated, outermost only) that hold case files."""
    found: set[str] = set()
    seen = 0
    for folder, subfolders, names in os.walk(root):
        deep = len(Path(folder).relative_to(root).parts) >= SCAN_DEPTH
        subfolders[:] = [] if deep else sorted(
            d for d in subfolders if not d.startswith(".") and d not in _SKIPPED_FOLDERS
            and not (Path(folder) / d / "pyvenv.cfg").exists())
        for name in names:
            if not name.endswith((".yaml", ".yml")) or name.endswith((".casus.yaml",
                                                                       ".casus.yml")):
                continue  # (named cases have their own pattern)
            seen += 1
            if seen > SCAN_FILES:
                return _outermost(found)
            if _looks_like_case(Path(folder) / name):
                found.add(Path(os.path.relpath(folder, root)).as_posix())
    return _outermost(found)


def _looks_like_case(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(65_536)
    except OSError:
        return False
    return all(sign.search(head) for sign in _CASE_SIGNS)


def _outermost(folders: set[str]) -> list[str]:
    ordered = sorted(f for f in folders if f != ".")
    return [f for f in ordered if not any(f.startswith(other + "/") for other in ordered)]


def vscode_patterns(root: Path) -> list[str]:
    """File patterns for ``yaml.schemas``: any ``*.casus.yaml``, plus every folder with cases
    (``cases`` when there are none yet). Patterns with a '/' are relative to the workspace."""
    folders = case_folders(root) or ["cases"]
    return [*NAMED_PATTERNS, *(f"{folder}/**/*.{ext}" for folder in folders
                               for ext in ("yaml", "yml"))]


def settings_schema_key(root: Path) -> str:
    """How the settings name the schema: a local copy relative to the workspace, else the
    installed schema's URI."""
    for candidate in (root / SCHEMA_NAME, root / "cases" / SCHEMA_NAME):
        if candidate.is_file() and resolves(candidate.as_uri(), root):
            return "./" + candidate.relative_to(root).as_posix()
    return installed_schema().as_uri()


def with_vscode_schemas(settings: dict[str, object], key: str,
                        patterns: list[str]) -> dict[str, object]:
    """``settings`` with casusspel's entry in ``yaml.schemas`` (an earlier one replaced; other
    schemas and settings kept)."""
    schemas = settings.get("yaml.schemas")
    kept = {k: v for k, v in schemas.items() if not k.endswith(SCHEMA_NAME)} if isinstance(
        schemas, dict) else {}
    return {**settings, "yaml.schemas": {**kept, key: patterns}}
