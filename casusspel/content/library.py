"""Load cases and frameworks from files, collecting every problem with its position."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from casusspel.content.fixed_values import allowed_values
from casusspel.content.loader import Document, LoadFailed, parse, read_text
from casusspel.content.lookup import find
from casusspel.content.model import Case, Framework
from casusspel.content.problems import Problem
from casusspel.errors import ContentError, UsageError
from casusspel.messages import DEFAULT, Messages, Text, language

if TYPE_CHECKING:
    from casusspel.training.programme import Programme

Kind = Literal["case", "framework", "programme"]
M = TypeVar("M", bound=BaseModel)

FRAMEWORK_FILE = "framework/standaard.yaml"
SCHEMA_FILE = "casus.schema.json"


def builtin_dir() -> Path:
    """The folder of the built-in deck, installed with the package."""
    return Path(str(resources.files("casusspel.cases")))


def builtin_framework_path() -> Path:
    return builtin_dir() / FRAMEWORK_FILE


def schema_path(lang: str | None = None) -> Path:
    """The case schema installed with casusspel in ``lang`` (default: the run's language): the
    Dutch one beside the deck, another language's in a folder named after it (``en/``), all
    with the same file name (editors and ``--vscode`` settings know it by that name)."""
    code = language(lang)
    return (builtin_dir() if code == DEFAULT else builtin_dir() / code) / SCHEMA_FILE


@dataclass
class Loaded:
    """One file: its parsed document (if it parsed), model (if valid) and problems."""

    path: Path
    display: str
    kind: Kind = "case"
    doc: Document | None = None
    case: Case | None = None
    framework: Framework | None = None
    problems: list[Problem] = field(default_factory=list)
    text: str = ""
    programme: Programme | None = None

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def display_name(path: Path) -> str:
    """The path relative to the current folder (links resolved), else as given."""
    try:
        real = _real(path)
        cwd = _real_dir(os.getcwd())
    except OSError:
        return str(path)
    if real.startswith(cwd.rstrip(os.sep) + os.sep):
        return real[len(cwd.rstrip(os.sep)) + 1:]
    return "." if real == cwd else str(path)


def _real(path: Path) -> str:
    """``os.path.realpath`` of a file, with the realpath of its folder computed once per folder
    (validate shows the name of every one of thousands of files)."""
    text = os.fspath(path)
    folder, name = os.path.split(text)
    if not name or name in (".", "..") or os.path.islink(text):
        return os.path.realpath(text)
    if not os.path.isabs(folder):
        folder = os.path.join(os.getcwd(), folder)  # the cache must not outlive a chdir
    return os.path.join(_real_dir(folder), name)


@lru_cache(maxsize=1024)
def _real_dir(folder: str) -> str:
    return os.path.realpath(folder)


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Files as given, folders recursively (``*.yaml``, ``*.yml``); missing paths are problems.

    A ``.yaml`` entry that is not a regular file (a FIFO, a socket, a broken link) is listed too,
    so that loading it reports a coded problem instead of skipping it silently.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and path.suffix not in (".yaml", ".yml"):
            files.extend(in_order(_yaml_files(path)))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(display_name(path), 1, 1, "error", "CS001",
                                    Text("cs001.path_not_found"),
                                    Text("cs001.path_not_found.hint")))
    return files, problems


def in_order(paths: list[Path]) -> list[Path]:
    """``sorted(paths)`` for the files of one folder scan (``_yaml_files``), which lists them in
    that order on POSIX already: there a path compares by its parts, and the scan sorts each
    folder's entries by name and goes into a subfolder where its name comes. Elsewhere (Windows
    compares without case) they are sorted here. For 100,000 files: no ``Path`` comparison per
    step (1.4 s) and no key per path (a tuple each, kept by the path) in the main process."""
    return paths if os.name == "posix" else sorted(paths)


def _yaml_files(folder: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``folder`` that is not a folder; links to folders are
    not followed (no loops). One ``scandir`` per folder: no ``stat`` per file. Each folder's
    entries by name, a subfolder's files where its name comes (see ``in_order``)."""
    found: list[Path] = []
    todo = [_entries(str(folder))]
    while todo:
        entry = next(todo[-1], None)
        if entry is None:
            todo.pop()
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink():
                todo.append(_entries(entry.path))
        elif os.path.splitext(entry.name)[1] in (".yaml", ".yml"):
            found.append(Path(entry.path))
    return found


def _entries(folder: str) -> Iterator[os.DirEntry[str]]:
    """The entries of ``folder`` sorted by name (none when it cannot be read)."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return iter(())
    listed.sort(key=lambda entry: entry.name)
    return iter(listed)


def detect_kind(data: Any) -> Kind:
    if isinstance(data, dict) and "pillars" in data:
        return "framework"
    if isinstance(data, dict) and "blocks" in data:
        return "programme"
    return "case"


def load_file(path: Path, kind: Kind | None = None) -> Loaded:
    """Read, parse and validate one file against its model; never raises for bad content."""
    loaded = Loaded(path, display_name(path))
    try:
        loaded.text = read_text(path, loaded.display)
        doc = parse(loaded.text, loaded.display)
    except LoadFailed as failed:
        loaded.problems.append(failed.problem)
        return loaded
    loaded.doc = doc
    loaded.problems.extend(doc.problems)
    loaded.kind = kind or detect_kind(doc.data)
    if not isinstance(doc.data, dict):
        what = Text("cs020.list" if isinstance(doc.data, list) else "cs020.text")
        loaded.problems.append(doc.problem((), "CS020", Text("cs020.no_fields", what=what),
                                           Text("cs020.no_fields.hint")))
        return loaded
    data = {k: v for k, v in doc.data.items() if k != "$schema"}
    if loaded.kind == "framework":
        loaded.framework = validate_model(Framework, data, doc, loaded.problems)
    elif loaded.kind == "programme":
        from casusspel.training.programme import Programme

        loaded.programme = validate_model(Programme, data, doc, loaded.problems)
    else:
        loaded.case = validate_model(Case, data, doc, loaded.problems)
    return loaded


def validate_model(model: type[M], data: Any, doc: Document, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(schema_problems(exc, doc, model))
        return None


_MESSAGES = {
    "missing": ("CS021", "cs021.missing", "cs021.missing.hint"),
}


def schema_problems(exc: ValidationError, doc: Document,
                    model: type[BaseModel] | None = None) -> list[Problem]:
    """Map pydantic errors to problems at the YAML position of the offending node; a missing
    field of ``model`` with a fixed set of values names them in its hint."""
    problems: list[Problem] = []
    errors = exc.errors(include_url=False)
    all_locs = [_strip_validator_names(tuple(error["loc"])) for error in errors]
    for error, loc in zip(errors, all_locs, strict=True):
        kind = error["type"]
        if kind == "too_short" and any(other[: len(loc)] == loc and len(other) > len(loc)
                                       for other in all_locs):
            continue  # pydantic counts failed items as missing; the item errors say more
        field_name = str(loc[-1]) if loc else ""
        if kind == "extra_forbidden":
            problems.append(doc.problem(loc, "CS022", _in("cs022.unknown", field_name, loc),
                                        _field_hint(field_name), key=True))
            continue
        if kind in _MESSAGES and not (loc and isinstance(loc[-1], int)):  # (not a list item)
            code, message, hint = _MESSAGES[kind]
            parent = loc[:-1] if kind == "missing" else loc
            options = allowed_values(model, loc) if model is not None else ()
            help_text = Text(f"{hint}.choose", field=field_name, options=_either(options)) \
                if options else Text(hint, field=field_name)
            problems.append(doc.problem(parent, code, _in(message, field_name, loc), help_text,
                                        key=kind != "missing"))
            continue
        problems.append(_wrong_value(error, loc, doc))
    return problems


def _either(options: Sequence[str]) -> Text:
    """Values as alternatives: "'a', 'b' of 'c'" ("'a', 'b' or 'c'")."""
    quoted = [f"'{option}'" for option in options]
    if len(quoted) == 1:
        return Text("as_is", text=quoted[0])
    return Text("list.either", first=", ".join(quoted[:-1]), last=quoted[-1])


def _wrong_value(error: Any, loc: tuple[str | int, ...], doc: Document) -> Problem:
    """CS023: a value of the wrong kind or out of bounds, said from the catalogue."""
    from casusspel.content import model_errors

    if error["type"] == "missing":  # an item of a list of fixed length: say where the list is
        loc = loc[:-1]
    where = _dotted(loc) or Text("cs023.file")
    return doc.problem(loc, "CS023", Text("cs023.at", where=where,
                                          reason=model_errors.reason(error)),
                       model_errors.hint(error))


DUTCH_FIELDS = {
    "titel": "title", "taal": "language", "doelgroep": "audience", "minuten": "minutes",
    "duur": "minutes", "situatie": "situation", "personen": "persons", "vraag": "question",
    "factoren": "factors", "keuzes": "choices", "opties": "choices", "reflectie": "reflection",
    "bespreking": "discussion", "bespreekvragen": "discussion", "expertvisie": "expert",
    "visie": "expert", "vervolg": "stages", "vervolgen": "stages", "voorbeelden": "examples",
    "naam": "name", "omschrijving": "description", "beschrijving": "description",
    "zichtbaar": "visible", "onzichtbaar": "invisible", "bepalend": "decisive",
    "afleider": "distractor", "afleidend": "distractor", "tekst": "text", "punten": "points",
    "volgende": "next", "verwachting": "expect", "verwacht": "expect", "vraagstelling": "prompt",
    "aanwijzingen": "indicators", "trefwoorden": "tags", "code": "id",
}


def _all_field_names() -> list[str]:
    from casusspel.content.model import Choice, Example, FactorKey, Person, Reflection, Stage

    names: set[str] = set()
    for model in (Case, Choice, Example, FactorKey, Person, Reflection, Stage, Framework):
        names.update(model.model_fields)
    return sorted(names)


def _in(key: str, field_name: str, loc: Sequence[str | int]) -> Text:
    """``key`` about a field, with ' in <parent>' (``key``.in) when the field is not at the top."""
    if len(loc) > 1:
        return Text(f"{key}.in", field=field_name, parent=_dotted(loc[:-1]))
    return Text(key, field=field_name)


def _field_hint(name: str) -> Text:
    if name.lower() in DUTCH_FIELDS:
        return Text("cs022.english_names", field=DUTCH_FIELDS[name.lower()])
    close = difflib.get_close_matches(name, _all_field_names(), n=1, cutoff=0.7)
    if close:
        return Text("check.did_you_mean", value=close[0])
    return Text("cs022.spelling")


def _strip_validator_names(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The path in the document, without pydantic's validator names and union tags."""
    return tuple(p for p in loc if isinstance(p, (str, int)) and not (
        isinstance(p, str) and p.startswith(("function-", "literal[", "tag:"))))


def _dotted(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_paths(paths: Sequence[Path]) -> tuple[list[Loaded], list[Problem]]:
    files, problems = expand_paths(paths)
    return [load_file(p) for p in files], problems


@lru_cache(maxsize=8)
def _load_framework_cached(path: str) -> Framework:
    loaded = load_file(Path(path), kind="framework")
    if loaded.framework is None or loaded.has_errors:
        first = next((p for p in loaded.problems if p.severity == "error"), None)
        msg = Messages()
        detail = first.format() if first else msg("library.unknown_error")
        raise ContentError(msg("library.framework_failed", detail=detail), loaded.problems)
    return loaded.framework


def load_framework(path: Path | None = None) -> Framework:
    """The framework at ``path``, or the built-in default."""
    target = path or builtin_framework_path()
    if path is not None and not path.is_file():
        raise UsageError(Messages()("library.framework_missing", path=str(path)))
    return _load_framework_cached(str(target.resolve()))


def load_cases(paths: Sequence[Path] | None = None) -> list[Case]:
    """Valid cases from ``paths`` (default: the built-in deck); errors raise ContentError."""
    return [case for case, _ in load_case_files(paths)]


def find_case(reference: str, paths: Sequence[Path] | None = None) -> Case:
    """A case by file path, or by code (or its title) in ``paths`` (default: the built-in
    deck)."""
    as_path = Path(reference)
    if as_path.suffix in (".yaml", ".yml") or as_path.is_file():
        cases = load_cases([as_path])
        if not cases:
            raise UsageError(Messages()("library.no_case_in", path=reference))
        return cases[0]
    return find(reference, load_cases(paths), listing_command(paths))


def listing_command(paths: Sequence[Path] | None) -> str:
    """The command that lists the cases in ``paths`` (default: the built-in deck)."""
    from casusspel.commandline import quote

    return " ".join(["casusspel list", *(quote(str(path)) for path in paths or ())])


def load_case_files(paths: Sequence[Path] | None = None) -> list[tuple[Case, Path]]:
    """Valid cases with the file each came from (default: the built-in deck)."""
    targets = list(paths) if paths else [builtin_dir()]
    loaded, problems = load_paths(targets)
    found: list[tuple[Case, Path]] = []
    first: dict[str, Loaded] = {}
    for item in loaded:
        if item.kind != "case":
            continue
        problems.extend(p for p in item.problems if p.severity == "error")
        if item.case is not None and not item.has_errors:
            found.append((item.case, item.path))
            problems.extend(_same_id(item, first))
    if problems:
        lines = "\n".join(p.format() for p in problems[:10])
        raise ContentError(Messages()("library.cases_not_ok", problems=lines), problems)
    return found


def _same_id(item: Loaded, first: dict[str, Loaded]) -> list[Problem]:
    """CS040 as an error where cases are played: a session keys its cases by id, so two files
    with one id cannot be played together (validate only warns: the files may be versions)."""
    assert item.case is not None and item.doc is not None
    earlier = first.setdefault(item.case.id, item)
    if earlier is item or earlier.text == item.text and earlier.path == item.path:
        return []
    assert earlier.doc is not None
    line, col = earlier.doc.position(("id",))
    where = f"{earlier.display}:{line}:{col}"
    return [item.doc.problem(("id",), "CS040", Text("cs040.exists", id=item.case.id, where=where),
                             Text("cs040.play.hint"))]
