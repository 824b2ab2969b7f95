"""validate over many files (issue 15, point 7): the worker processes give what one process
gives, in the same order; files without an end or over the size cap are refused with their code
and never read; and PyYAML's pure-Python parser (the fallback without libyaml) finds what the C
parser finds. The timing itself is measured in benchmarks/validate_scale.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from benchmarks.generate_cases import write_cases
from benchmarks.validate_corpus import write_corpus
from casusspel.cli import app
from casusspel.content import checks, loader
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

    def read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
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
        for p in checks.iter_problems([folder]):
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
