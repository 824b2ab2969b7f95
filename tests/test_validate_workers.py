"""validate over many files (issue 15, point 7): the worker processes give what one process
gives, in the same order; files without an end or over the size cap are refused with their code
and never read; and PyYAML's pure-Python parser (the fallback without libyaml) finds what the C
parser finds. The timing itself is measured in benchmarks/validate_scale.py."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from typer.testing import CliRunner

from benchmarks.generate_cases import write_cases
from benchmarks.validate_corpus import write_corpus
from casusspel.cli import app
from casusspel.content import checks, loader
from casusspel.content.problems import Problem
from casusspel.files import FileRefused, read_capped


def validate_output(folder: Path, *args: str) -> tuple[str, str, int]:
    here = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, ["validate", ".", *args])
    finally:
        os.chdir(here)
    return result.stdout, result.stderr, result.exit_code


def test_workers_print_what_one_process_prints_in_the_same_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus of valid, mutated and junk files, handed to the workers one file per task
    (results arrive from two processes in turn): the whole output, hints and the summary line,
    is byte for byte what one process prints."""
    folder = write_corpus(tmp_path / "corpus")
    monkeypatch.setattr(checks, "PARALLEL_FROM", 2)
    monkeypatch.setattr(checks, "CHUNK", 1)
    parallel = validate_output(folder)
    monkeypatch.setattr(checks, "PARALLEL_FROM", 1_000_000)
    serial = validate_output(folder)
    assert parallel == serial
    output, summary, code = serial
    assert code == 1 and output.count("error CS011") > 10 and "gecontroleerd" in summary


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"),
                    reason="FIFOs and /dev/zero are POSIX")
@pytest.mark.parametrize("parallel", [True, False])
def test_endless_and_huge_files_are_refused_with_their_code_and_never_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> None:
    """A 50 MB file (sparse: no disk used), a link to /dev/zero and a FIFO among valid cases:
    CS002 and CS004 at 1:1, in the order of the file names, with the workers and without; in
    one process nothing is read from them (only the valid cases' bytes are read)."""
    folder = tmp_path / "map"
    cases = write_cases(folder, 3)
    with (folder / "b-groot.yaml").open("wb") as huge:
        huge.truncate(50_000_000)
    (folder / "c-nul.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "d-pijp.yaml")
    got: list[int] = []
    real_read = os.read

    inside = {folder.resolve(), Path("/dev")}

    def read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        try:  # only this folder's files count (and /dev/zero): a first run in a process also
            # reads the framework, whatever the order of the tests
            where: Path | None = Path(os.readlink(f"/proc/self/fd/{fd}")).parent
        except OSError:  # no /proc: every read counts
            where = None
        if where is None or where in inside:
            got.append(len(data))
        return data

    monkeypatch.setattr(os, "read", read)
    monkeypatch.setattr(checks, "PARALLEL_FROM", 2 if parallel else 1_000_000)
    problems = list(checks.iter_problems([folder]))
    assert [(Path(p.file).name, p.line, p.col, p.code) for p in problems
            if p.code in ("CS002", "CS004")] == [
        ("b-groot.yaml", 1, 1, "CS002"), ("c-nul.yaml", 1, 1, "CS004"),
        ("d-pijp.yaml", 1, 1, "CS004")]
    assert not [p for p in problems if p.severity == "error" and p.code not in (
        "CS002", "CS004")]
    if not parallel:  # (the workers read in their own processes)
        assert sum(got) == sum(path.stat().st_size for path in cases)


def test_reading_stops_at_the_cap_on_a_file_that_claims_to_be_small(tmp_path: Path) -> None:
    """The cap holds even when the size the file system reports is wrong (a file that grows
    while it is read, /proc): at most ``limit`` + 1 bytes are asked for in all."""
    path = tmp_path / "groeit.yaml"
    path.write_bytes(b"x" * 10_000)
    with pytest.raises(FileRefused) as refused:
        read_capped(path, 4_000)
    assert refused.value.kind == "too_large"
    if os.path.exists("/proc/self/status"):  # a regular file whose size says 0
        assert len(read_capped(Path("/proc/self/status"), 100_000)) > 0
        with pytest.raises(FileRefused):
            read_capped(Path("/proc/self/status"), 10)


_PURE_PYTHON: Any = yaml.SafeLoader


class _PythonLoader(_PURE_PYTHON):  # type: ignore[misc]
    """What ``loader._Loader`` is when PyYAML has no libyaml: the pure-Python parser with
    validate's own tag resolver."""

    _implicit = loader._Loader._implicit
    descend_resolver = slice
    ascend_resolver = tuple
    resolve = loader._Loader.resolve


def test_the_pure_python_parser_finds_what_the_c_parser_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every problem of the corpus (valid, mutated and junk files: syntax errors, duplicate
    keys, tags, controls, quotes, schema problems) with the same line, column, code and
    message, whichever parser reads it. One known difference between the parsers: a tab inside
    a plain value ('mi<TAB>nutes: 15') is text to libyaml, and a syntax error (CS011) to
    PyYAML's own scanner."""
    folder = write_corpus(tmp_path / "corpus")
    monkeypatch.setattr(checks, "PARALLEL_FROM", 1_000_000)

    def found() -> dict[str, list[tuple[int, int, str, str, str]]]:
        problems: dict[str, list[tuple[int, int, str, str, str]]] = {}
        # (the valid generated cases left out: what the parsers read differently is elsewhere)
        paths = sorted(path for path in folder.iterdir() if path.name != "geldig")
        for p in checks.iter_problems(paths):
            problems.setdefault(p.file, []).append(
                (p.line, p.col, p.code, str(p.message), str(p.hint)))
        return problems

    with_c = found()
    monkeypatch.setattr(loader, "_LOADER", _PythonLoader)
    with_python = found()
    assert with_c.keys() == with_python.keys() and len(with_c) > 150
    differ = [name for name in with_c if with_c[name] != with_python[name]]
    for name in differ:
        assert "\t" in Path(name).read_text(encoding="utf-8"), name
        assert [c for _, _, c, _, _ in with_python[name]].count("CS011") == 1, name
        assert "CS011" not in [c for _, _, c, _, _ in with_c[name]], name
    assert len(differ) <= 2


def copies(tmp_path: Path, count: int) -> Path:
    """A folder of ``count`` copies (hard links) of one generated case: each gives the same
    problems (CS040 for its id, the case's own warnings)."""
    [case] = write_cases(tmp_path / "een", 1)
    folder = tmp_path / "map"
    folder.mkdir()
    for index in range(count):
        os.link(case, folder / f"kopie-{index:04d}.yaml")
    return folder


def in_workers(monkeypatch: pytest.MonkeyPatch, log: Path, note: Callable[[Path], str], *,
               chunk: int) -> None:
    """Files checked in worker processes from the second on, ``chunk`` per task; for every
    file checked, wherever, a line ``note(path)`` is added to ``log``."""
    real = checks.check_file

    def noting(path: Path, *args: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{note(path)}\n")
        return real(path, *args)

    monkeypatch.setattr(checks, "check_file", noting)
    monkeypatch.setattr(checks, "PARALLEL_FROM", 2)
    monkeypatch.setattr(checks, "CHUNK", chunk)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_ctrl_c_while_the_workers_check_exits_130_and_leaves_no_worker(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to every process of the command, as a terminal sends it) once the
    workers' results come in: exit 130 with 'Afgebroken.', no traceback, no process left."""
    import signal
    import subprocess
    import sys

    folder = copies(tmp_path, 3_000)
    root = Path(__file__).resolve().parent.parent
    child = subprocess.Popen(
        [sys.executable, "-m", "casusspel", "validate", str(folder)], cwd=root,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"})
    with child:
        try:
            assert child.stdout is not None
            for line in child.stdout:  # the first file is checked before the workers start
                if line.startswith(str(folder / "kopie-0001.yaml")):
                    break
            else:
                pytest.fail("no result from a worker")
            os.killpg(child.pid, signal.SIGINT)
            _, errors = child.communicate(timeout=120)  # (only turns a hang into a failure)
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
    assert child.returncode == 130, errors
    assert "Afgebroken." in errors and "Traceback" not in errors
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)  # no worker of the command is left


def test_the_workers_leave_ctrl_c_to_the_main_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that took Ctrl-C as the error of one task would go on with its next files."""
    import signal

    write_cases(tmp_path / "map", 4)
    seen = tmp_path / "signalen"
    in_workers(monkeypatch, seen, lambda path: f"{os.getpid()} "
               f"{signal.getsignal(signal.SIGINT) == signal.SIG_IGN}", chunk=1)
    list(checks.iter_problems([tmp_path / "map"]))
    noted = seen.read_text(encoding="utf-8").splitlines()
    assert noted[0] == f"{os.getpid()} False"  # the first file: here, Ctrl-C works as ever
    assert len(noted) == 4 and all(line.endswith(" True") for line in noted[1:])
    assert signal.getsignal(signal.SIGINT) != signal.SIG_IGN


def test_a_reader_that_stops_early_stops_the_workers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the problems are no longer read (output to '| head', Ctrl-C in the main process),
    the workers are ended: the files not yet checked are not checked first (a guard: the
    pool's own ``map`` already cancelled the chunks not yet started)."""
    import multiprocessing

    folder = copies(tmp_path, 2_000)
    log = tmp_path / "gecontroleerd"
    in_workers(monkeypatch, log, lambda path: path.name, chunk=5)
    problems = cast(Generator[Problem, None, None], checks.iter_problems([folder]))
    first = [next(problems) for _ in range(20)]  # from the first file and a worker's chunk
    problems.close()
    assert {Path(p.file).name for p in first} >= {"kopie-0000.yaml", "kopie-0001.yaml"}
    assert multiprocessing.active_children() == []
    assert len(log.read_text(encoding="utf-8").splitlines()) < 1_000
