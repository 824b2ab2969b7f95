"""validate at scale (issue 15, point 7): the fast paths find exactly what the plain ones find,
and memory stays flat on junk. The timing itself is measured in benchmarks/validate_scale.py."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate_cases import write_cases
from casusspel.content import author_checks
from casusspel.content.checks import MAX_PROBLEMS_PER_FILE, validate_paths
from casusspel.content.loader import parse

FRAGMENTS = [
    "jan@example.nl", "0612345678", "06-12 34 56 78", "+31 (0)6 12 34 56 78", "0031 20 123 4567",
    "NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "111222333", "1112.22.333", "1234 AB",
    "1234AB 12", "Dorpsstraat 12", "Dorpsstraat\u00a012a", "Kerklaan\n3", "geboren 12-03-1980",
    "GEBOREN op 1 maart 1980", "Geb. 3/4/75", "12 maart 2020", "01-02-1999", "TODO", "todo",
    "xTODOx", "# casusspel: negeer CS056", "٣٤٥٦٧٨٩٠١", "１２３４", "é", "ß", "İ", "straat", "12",
    "9", " ", "  ", "\n", "\r\n", "-", ":", "@", "AB12", "ab12", "2026", "(0)", "x" * 30,
    "1 2 3 4 5 6 7 8 9", "1234 5678", "12345678", "0", "id: casus-0001", "Kerkweg\t7",
    "hof  \n 3", "Laan 5", "dreef\x0b9", "plein", " 1", "kade12",
    # (outside ASCII: curly quotes, whitespace a street may stand before, capitals)
    "\u201cDorpsstraat 12\u201d", "\u2019", "Kerkstraat\u2028 7", "weg\u00855", "laan\u3000",
    "STRAAT 4", "Hof 3", "weg\r\n5", "gracht\x1c8", "é 1234 AB",
]


def reference(text: str) -> list[object]:
    """The plain line-by-line scan (every line with a digit, '@' or TODO)."""
    fast = author_checks._candidate_lines
    author_checks._candidate_lines = author_checks._candidate_lines_slowly
    try:
        return list(author_checks._raw_text_checks(text, "f"))
    finally:
        author_checks._candidate_lines = fast


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_the_fast_personal_data_scan_finds_what_the_line_scan_finds(parts: list[str]) -> None:
    text = "".join(parts)
    assert author_checks._raw_text_checks(text, "f") == reference(text)


def test_the_fast_scan_on_a_realistic_line_mix() -> None:
    rng = random.Random(15)
    for _ in range(200):
        text = "\n".join(" ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 6)))
                         for _ in range(rng.randint(1, 12)))
        assert author_checks._raw_text_checks(text, "f") == reference(text)


PLAIN_VALUES = ["name", "nl", "no", "No", "null", "~", "", "true", "tekst", "yes", "on", "off",
                "2", "010", "0x1f", "1_000", "-3", "+4", "1.5", ".5", ".inf", "-.inf", ".nan",
                "1e3", "2024-02-30", "2024-01-01 10:00", "<<", "=", "12:30", "190:20:30", "Y",
                "n", "ooit", "fout", "-", "- x", "0.", "1:2", "True", "FALSE", "nul", "x" * 50]


@pytest.mark.parametrize("repeat", [1, 2], ids=["first", "remembered"])
def test_plain_values_get_the_tags_the_safe_loader_gives(repeat: int) -> None:
    """The resolver remembers the tags of short plain values: the same tags as PyYAML's own
    SafeLoader, the first time and from memory."""
    import yaml

    from casusspel.content.loader import _LOADER

    def tags(node: yaml.Node | None) -> list[str]:
        assert node is not None
        if isinstance(node, yaml.MappingNode):
            return [t for k, v in node.value for t in (*tags(k), *tags(v))]
        if isinstance(node, yaml.SequenceNode):
            return [node.tag, *(t for item in node.value for t in tags(item))]
        return [node.tag]

    block = "".join(f"- {value}\n" for value in PLAIN_VALUES)
    keys = "".join(f"{value or 'x'}: {value}\n" for value in PLAIN_VALUES
                   if not value.startswith(("-", "<<")))
    for document in (block, keys, block + block):
        for _ in range(repeat):
            assert tags(yaml.compose(document, Loader=_LOADER)) == \
                tags(yaml.compose(document, Loader=yaml.SafeLoader))


def test_positions_are_kept_for_keys_values_and_numbers() -> None:
    doc = parse("a: 1\nb:\n  - x\n  - 010\n  - {c: true, 7: d}\n", "f")
    assert doc.data == {"a": 1, "b": ["x", 8, {"c": True, "7": "d"}]}
    assert doc.position(("b", 1)) == (4, 5) and doc.position(("b", 2, "7"), key=True) == (5, 15)
    assert doc.position(("b", 2, "7")) == (5, 18) and doc.position(("b",), key=True) == (2, 1)
    assert doc.position(("b", 9, "x")) == doc.position(("b",)) == (3, 3)  # the nearest parent
    assert doc.position(("b", 2, "<key>")) == (5, 5) and doc.position(()) == (1, 1)


def test_a_junk_file_reports_at_most_a_screenful(tmp_path: Path) -> None:
    items = "\n".join(f"  - id: {i}\n    text: 5" for i in range(300))
    (tmp_path / "rommel.yaml").write_text(
        f"id: rommel\ntitle: x\nchoices:\n{items}\n", encoding="utf-8")
    report = validate_paths([tmp_path])
    assert len(report.problems) == MAX_PROBLEMS_PER_FILE + 1
    last = report.problems[-1]
    assert last.code == "CS005" and last.severity == "error"
    assert [p.line for p in report.problems] == sorted(p.line for p in report.problems)


def test_memory_stays_flat_over_many_files(tmp_path: Path) -> None:
    from casusspel.scoring.text import fold

    write_cases(tmp_path, 30)
    fold.cache_clear()
    validate_paths([tmp_path])
    assert fold.cache_info().currsize == 0  # no file's texts are kept after it is checked


@pytest.mark.parametrize("count", [3])
def test_folder_scan_lists_yaml_files_in_order_without_following_folder_links(
        tmp_path: Path, count: int) -> None:
    write_cases(tmp_path / "a", count)
    (tmp_path / "a" / "sub.yaml").mkdir()
    (tmp_path / "a" / "sub.yaml" / "diep.yml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "a" / ".yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "lus").symlink_to(tmp_path / "a")
    from casusspel.content.library import expand_paths

    files, problems = expand_paths([tmp_path])
    assert problems == []
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        *(f"a/gegenereerd-{i:04d}.yaml" for i in range(count)), "a/sub.yaml/diep.yml"]


def test_the_same_problems_as_before_on_a_corpus_with_mutated_and_junk_files(
        tmp_path: Path) -> None:
    """Issue #19: validate was made faster by profiling, never by checking less. The corpus
    (valid, mutated and junk files, over the parallel threshold) gives exactly the problems
    recorded before the work (tests/data/validate/corpus-problems.txt), per file in line order.
    Only where a programme's problems appear changed: after all other files (it may name a case
    from any of them)."""
    from benchmarks.validate_corpus import EXPECTED, by_file, problem_lines, write_corpus

    found = problem_lines(write_corpus(tmp_path / "corpus"))
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert by_file(found) == by_file(expected)
    programmes = [line for line in found if "CS060" in line]
    assert programmes and found[-len(programmes):] == programmes


def test_problems_come_out_while_files_are_still_being_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays flat in the number of files: each file's problems are handed on (and
    printed) before the next files are read, never collected for the whole folder."""
    from casusspel.content import checks

    write_cases(tmp_path, 40)
    checked: list[Path] = []
    real = checks.check_file

    def counting(path: Path, *args: object) -> object:
        checked.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "check_file", counting)
    stream = checks.iter_problems([tmp_path])
    first = next(stream)
    assert first.file.endswith("gegenereerd-0000.yaml") and len(checked) == 1
    assert len(list(stream)) > 40 and len(checked) == 40


def test_folder_files_come_in_the_order_of_sorted_paths(tmp_path: Path) -> None:
    """A folder's files come out of the scan in the order of sorting their paths (without
    comparing 100,000 paths), also where '-', '.' or ' ' sort before '/' and with capitals."""
    from casusspel.content.library import expand_paths

    names = ["a/x.yaml", "a-b/x.yaml", "a.b/x.yaml", "a b/x.yaml", "A/x.yaml", "é/x.yaml",
             "a/b/c.yaml", "ab.yaml", "a.yaml", "a/x.yml", "z/0.yaml", "a/X.yaml", "a/b.yaml",
             "a/b-c/d.yaml", "a/b/a.yaml", "a/a/z/z.yaml", "a0/x.yaml", "a/.yaml/x.yaml"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    files, _ = expand_paths([tmp_path])
    assert files == sorted(tmp_path / name for name in names)
