"""Semantic checks on loaded content, each with a stable code (listed in docs/validatie.md)."""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
import re
import signal
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from casusspel.content.author_checks import author_checks, choices_with_locs, framework_ids
from casusspel.content.library import (
    Loaded,
    builtin_dir,
    display_name,
    expand_paths,
    load_cases,
    load_file,
    load_framework,
)
from casusspel.content.loader import Document, Loc
from casusspel.content.model import Case, Factor, Framework
from casusspel.content.problems import Problem, Severity
from casusspel.content.schemalink import Resolved, link_problem
from casusspel.messages import Text


@dataclass
class Report:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


PARALLEL_FROM = 200  # files; below this, starting worker processes costs more than it saves
CHUNK = 400  # files per task for a worker process


@dataclass
class FileResult:
    """What checking one file found: its problems, and what the cross-file checks need."""

    display: str
    problems: list[Problem]
    case_id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    programme: Loaded | None = None
    digest: str = ""  # of the text: a file identical to a built-in case is that case


def check_file(path: Path, framework: Framework, links: Resolved | None = None) -> FileResult:
    """Everything one file can be checked for on its own; ``links``: which schema links
    resolve, remembered over the files of one run."""
    item = load_file(path)
    result = FileResult(item.display, list(item.problems))
    link = link_problem(item.text, item.doc, path, item.display,
                        links) if item.kind == "case" else None
    if link is not None:
        result.problems.append(link)
    if item.case is not None and item.doc is not None:
        result.problems += check_case(item.case, item.doc, framework)
        result.problems += author_checks(item.case, item.doc, framework, item.text)
        result.case_id = item.case.id
        result.id_position = item.doc.position(("id",))
        if item.case.id in _builtin_cases():  # only CS073 compares it
            result.digest = _digest(item.text)
    if item.programme is not None:
        result.programme = item
    result.problems = capped(result.problems, item.display)
    return result


MAX_PROBLEMS_PER_FILE = 100  # a junk file (a list of 100,000 wrong items) stays one screen


def capped(problems: list[Problem], display: str) -> list[Problem]:
    """The first ``MAX_PROBLEMS_PER_FILE`` problems (top of the file first) and one CS005 line
    that counts the rest: memory and output stay bounded whatever a file holds."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    ordered = sorted(problems, key=lambda p: (p.line, p.col))
    rest = ordered[MAX_PROBLEMS_PER_FILE:]
    severity: Severity = "error" if any(p.severity == "error" for p in rest) else "warning"
    return ordered[:MAX_PROBLEMS_PER_FILE] + [Problem(
        display, rest[0].line, rest[0].col, severity, "CS005",
        Text.plural("cs005.more", len(rest)), Text("cs005.more.hint"))]


def _check_chunk(args: tuple[list[Path], Path | None]) -> list[FileResult]:
    """A worker process's task: the results of a few hundred files."""
    return list(_check_each(*args))


def _check_each(files: list[Path], framework_path: Path | None) -> Iterator[FileResult]:
    from casusspel.scoring.text import fold

    framework = load_framework(framework_path)
    links: Resolved = {}
    with few_collections():
        for path in files:
            yield check_file(path, framework, links)
            fold.cache_clear()  # one file's texts never come back: memory stays flat


@contextmanager
def few_collections() -> Iterator[None]:
    """Python's cycle collector, tuned for many small files: what exists now (modules, the
    framework) is never scanned again, and it runs after 50,000 new objects instead of 700 (a
    YAML file makes thousands; almost none are cycles). About 7% of validate's time."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _check_all(files: list[Path], framework_path: Path | None) -> Iterator[FileResult]:
    """Every file checked, in order, as the results come in; on several cores and many files in
    worker processes (fork)."""
    cores = os.cpu_count() or 1
    if len(files) < PARALLEL_FROM or cores < 2:
        yield from _check_each(files, framework_path)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork (Windows, some macOS setups): one process is fine
        yield from _check_each(files, framework_path)
        return
    # The first file here: the lazy imports and caches it fills are inherited by every worker
    # (about 40 ms a process), and its problems can be shown while the workers start.
    yield from _check_each(files[:1], framework_path)
    rest = files[1:]
    workers = min(cores, 8)
    # small chunks: no worker idles long at the end while another finishes a big one
    size = max(1, min(CHUNK, -(-len(rest) // (workers * 4))))
    chunks = [(rest[i:i + size], framework_path) for i in range(0, len(rest), size)]
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_leave_ctrl_c)
    try:
        with few_collections():
            with _ctrl_c_held():  # the workers are forked here (map submits every chunk)
                results = pool.map(_check_chunk, chunks)
            for chunk in results:
                yield from chunk
    except BaseException:  # Ctrl-C, the reader went away (the generator closed), a crash
        # The chunks not started are cancelled; the few the workers have in hand (at most one
        # each, plus one queued: under a second) are finished. Terminating the workers could
        # cut one off while it wrote a result, and the pool's thread then waited for the rest
        # of that message for ever ('Afgebroken.', then a hang, about 1 in 10).
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """SIGINT held back while the workers are forked: a Ctrl-C in that moment is neither lost
    in this process (it arrives when the workers exist, and stops them) nor taken by a worker
    before it has set itself to ignore Ctrl-C (``_leave_ctrl_c``)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _leave_ctrl_c() -> None:
    """In a worker: Ctrl-C (sent by the terminal to every process of the command) is for the
    main process, which stops the workers; a worker that took it would carry on with its next
    files, and the main process would wait for them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@dataclass
class Tally:
    """How many files were checked, and the errors and warnings among the problems shown."""

    files: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, problem: Problem) -> Problem:
        if problem.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        return problem


def validate_paths(paths: Sequence[Path], framework_path: Path | None = None) -> Report:
    """Check every file under ``paths`` and collect all problems of all files."""
    tally = Tally()
    problems = list(iter_problems(paths, framework_path, tally))
    return Report(files=tally.files, problems=problems)


def iter_problems(paths: Sequence[Path], framework_path: Path | None = None,
                  tally: Tally | None = None) -> Iterator[Problem]:
    """Every problem of every file under ``paths``, file by file in order (each file's problems
    by line), while the files are being checked.

    Nothing is kept but what the checks across files need (the first file of each case id), so
    memory stays flat however many files there are. Programmes come last: they may name a case
    from any file. ``tally.files`` counts the files.
    """
    tally = tally if tally is not None else Tally()
    files, missing = expand_paths(paths)
    load_framework(framework_path)  # a broken framework stops here, before any worker starts
    yield from missing
    first_of: dict[str, tuple[str, int, int]] = {}  # case id -> file, line, column
    programmes: list[FileResult] = []
    for result in _check_all(files, framework_path):
        tally.files += 1
        if result.programme is not None:
            programmes.append(result)
            continue
        yield from _by_line(result.problems + _across_files(result, first_of))
    if programmes:
        known = sorted({c.id for c in load_cases()} | set(first_of))
        for result in programmes:
            assert result.programme is not None
            yield from _by_line(result.problems + _check_programme(result.programme, known))


def _by_line(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.col))  # stable: the order found otherwise


def _across_files(result: FileResult,
                  first_of: dict[str, tuple[str, int, int]]) -> list[Problem]:
    """CS040 (an id used by an earlier file) and CS073 (the id of a built-in case)."""
    if result.case_id is None:
        return []
    first = first_of.get(result.case_id)
    if first is None:
        first_of[result.case_id] = (result.display, *result.id_position)
        return _builtin_clash(result)
    line, col = result.id_position
    return [Problem(
        result.display, line, col, "warning", "CS040",
        Text("cs040.exists", id=result.case_id, where=f"{first[0]}:{first[1]}:{first[2]}"),
        Text("cs040.exists.hint"))]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)", re.M)


@lru_cache(maxsize=1)
def _builtin_cases() -> dict[str, Path]:
    """Ids of the built-in deck by their 'id:' line (reading is enough; they are validated)."""
    found: dict[str, Path] = {}
    for path in sorted(builtin_dir().glob("*.yaml")):
        match = _ID_LINE.search(path.read_text(encoding="utf-8"))
        if match:
            found[match.group(1)] = path
    return found


def _builtin_clash(result: FileResult) -> list[Problem]:
    """CS073: a case with the id of a built-in case (unless it is that case, unchanged)."""
    path = _builtin_cases().get(result.case_id or "")
    if path is None:
        return []
    item = _builtin_file(path)
    if item.doc is None or _digest(item.text) == result.digest:
        return []
    line, col = item.doc.position(("id",))
    return [Problem(
        result.display, *result.id_position, "warning", "CS073",
        Text("cs073.builtin", id=result.case_id,
             where=f"{display_name(path)}:{line}:{col}"),  # from today's folder, not the cached one
        Text("cs073.builtin.hint"))]


@lru_cache(maxsize=64)
def _builtin_file(path: Path) -> Loaded:
    return load_file(path)


def _check_programme(item: Loaded, known: list[str]) -> list[Problem]:
    """Every case of a programme must exist (built in, or among the files checked)."""
    from casusspel.training.programme import CasesBlock

    problems: list[Problem] = []
    assert item.programme is not None and item.doc is not None
    for b_index, block in enumerate(item.programme.blocks):
        if not isinstance(block, CasesBlock):
            continue
        for c_index, case_id in enumerate(block.cases):
            if case_id not in known:
                hint = did_you_mean(case_id, known) or Text("cs060.unknown.hint")
                problems.append(item.doc.problem(("blocks", b_index, "cases", c_index), "CS060",
                                                 Text("cs060.unknown", id=case_id), hint))
    return problems


def check_case(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_factor_ids(case, doc, framework)
    problems += _check_pillar_ids(case, doc, framework)
    problems += _check_stages(case, doc)
    problems += _check_feedback(case, doc)
    return problems


def did_you_mean(value: str, options: Iterable[str]) -> Text | None:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return Text("check.did_you_mean", value=close[0]) if close else None


def _unknown(doc: Document, loc: Loc, value: str, options: Sequence[str], code: str,
             what: str) -> Problem:
    hint = did_you_mean(value, options) or Text("check.choose_from", options=", ".join(options))
    return doc.problem(loc, code, Text(f"{code.lower()}.unknown.{what}", value=value), hint)


CLOSE_ENOUGH = 0.7  # similarity (0-1) from which a factor counts as meant
_WORD = re.compile(r"[^\W\d_]{4,}")


def closest_factors(value: str, framework: Framework) -> list[Factor]:
    """The factors an unknown code most likely means: by its id, or by a word of its name or
    description ('laaggeletterdheid' -> opleiding, 'mantelzorg' -> gezin, levensfase)."""
    value = value.lower()

    def similarity(factor: Factor) -> float:
        words = [factor.id, *factor.id.split("-"),
                 *_WORD.findall(f"{factor.name} {factor.description}".lower())]
        return max(difflib.SequenceMatcher(None, value, word).ratio() for word in words)

    ranked = sorted(((similarity(f), i, f) for i, f in enumerate(framework.factors)),
                    key=lambda item: (-item[0], item[1]))
    if not ranked or ranked[0][0] < CLOSE_ENOUGH:
        return []
    best = ranked[0][0]
    return [f for score, _, f in ranked[:3] if score >= max(CLOSE_ENOUGH, best - 0.1)]


def _unknown_factor(doc: Document, loc: Loc, value: str, framework: Framework) -> Problem:
    close = closest_factors(value, framework)
    if close:
        hint = Text("cs030.did_you_mean", factors=tuple(f"'{f.id}' ({f.name})" for f in close))
    else:
        hint = Text("cs030.none_close", options=", ".join(framework.factor_ids))
    return doc.problem(loc, "CS030", Text("cs030.unknown", value=value), hint)


def _check_factor_ids(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    known = framework_ids(framework)[0]
    problems: list[Problem] = []
    for group in ("decisive", "relevant", "distractor"):
        for index, factor in enumerate(getattr(case.factors, group)):
            if factor not in known:
                problems.append(_unknown_factor(doc, ("factors", group, index), factor,
                                                framework))
    for p_index, person in enumerate(case.persons):
        for side in ("visible", "invisible"):
            for factor in getattr(person, side):
                if factor not in known:
                    problems.append(_unknown_factor(doc, ("persons", p_index, side, factor),
                                                    factor, framework))
    return problems


def _check_pillar_ids(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    known = framework_ids(framework)[1]  # (the options in a hint: in the framework's order)
    problems: list[Problem] = []
    for loc, choice in choices_with_locs(case):
        for pillar in choice.points:
            if pillar not in known:
                problems.append(_unknown(doc, (*loc, "points", pillar), pillar,
                                         framework.pillar_ids, "CS031", "pillar"))
    for pillar in case.reflection.indicators:
        if pillar not in known:
            problems.append(_unknown(doc, ("reflection", "indicators", pillar), pillar,
                                     framework.pillar_ids, "CS031", "pillar"))
    for e_index, example in enumerate(case.examples):
        for pillar in example.expect:
            if pillar not in known:
                problems.append(_unknown(doc, ("examples", e_index, "expect", pillar), pillar,
                                         framework.pillar_ids, "CS031", "pillar"))
    return problems


def _check_stages(case: Case, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    stage_ids = [s.id for s in case.stages]
    for loc, choice in choices_with_locs(case):
        if choice.next is not None and choice.next not in stage_ids:
            hint = did_you_mean(choice.next, stage_ids) or (
                Text("cs032.stages", stages=", ".join(stage_ids)) if stage_ids
                else Text("cs032.no_stages"))
            problems.append(doc.problem((*loc, "next"), "CS032",
                                        Text("cs032.missing", next=choice.next), hint))
    reachable = reachable_stages(case)
    for s_index, stage in enumerate(case.stages):
        if stage.id not in reachable:
            problems.append(doc.problem(("stages", s_index), "CS033",
                                        Text("cs033.unreachable", stage=stage.id),
                                        Text("cs033.unreachable.hint", stage=stage.id),
                                        severity="warning"))
    for i, stage_id in enumerate(stage_ids):
        if stage_id in stage_ids[:i]:
            problems.append(doc.problem(("stages", i, "id"), "CS034",
                                        Text("cs034.twice", stage=stage_id)))
    return problems


def reachable_stages(case: Case) -> set[str]:
    """Stages a path from the first question can reach (through other stages too)."""
    reachable: set[str] = set()
    todo = [c.next for c in case.choices if c.next]
    while todo:
        stage_id = todo.pop()
        stage = case.stage(stage_id) if stage_id else None
        if stage is None or stage.id in reachable:
            continue
        reachable.add(stage.id)
        todo += [c.next for c in stage.choices if c.next]
    return reachable


def _check_feedback(case: Case, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    for loc, choice in choices_with_locs(case):
        if not choice.feedback.strip():
            problems.append(doc.problem(loc, "CS035", Text("cs035.no_feedback", choice=choice.id),
                                        Text("cs035.no_feedback.hint"), severity="warning"))
    ids = [c.id for c in case.choices]
    for i, choice_id in enumerate(ids):
        if choice_id in ids[:i]:
            problems.append(doc.problem(("choices", i, "id"), "CS036",
                                        Text("cs036.twice", choice=choice_id)))
    return problems
