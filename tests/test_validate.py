"""`casusspel validate`: the output contract, exit codes, and every class of bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from tests.conftest import ROOT

LINE = re.compile(r"^[^\n]+:\d+:\d+: (error|warning) CS\d{3}: .+$")
GOOD = ROOT / "cases" / "brief-van-de-gemeente.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def problem_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if not line.startswith("    hint: ")]


def write(tmp_path: Path, text: str | bytes, name: str = "casus.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def good_text() -> str:
    """A built-in case, its schema link made to work from any folder (else CS072)."""
    installed = (ROOT / "cases" / "casus.schema.json").as_uri()
    return GOOD.read_text(encoding="utf-8").replace("$schema=casus.schema.json",
                                                    f"$schema={installed}", 1)


def test_valid_case_exits_zero_and_prints_nothing() -> None:
    code, out, err = run(str(GOOD))
    assert code == 0
    assert out == ""
    assert "1 bestand gecontroleerd: 0 fouten" in err


def test_no_paths_is_a_usage_error() -> None:
    code, _, _ = run()
    assert code == 2


@pytest.mark.parametrize(
    ("content", "code", "line", "col"),
    [
        ("", "CS010", 1, 1),
        ("- een\n- lijst\n", "CS020", 1, 1),
        ("alleen tekst\n", "CS020", 1, 1),
        ("id: a\ntitle: b\n\tx: 1\n", "CS016", 3, 1),
        ('id: a\ntitle: "niet gesloten\n', "CS070", 2, 8),
        ("id: a\ntags: [a, b\ntitle: x\n", "CS011", 3, 6),
        ("id: !!python/object/apply:os.system ['echo gehackt']\n", "CS012", 1, 5),
        ("id: a\ntitle: \x1b[31mrood\n", "CS017", 2, 8),
        (b"id: a\ntitle: caf\xe9\n", "CS003", 2, 11),
        (b"id: a\x00\n", "CS003", 1, 6),
    ],
)
def test_bad_files_give_one_positioned_error(
    tmp_path: Path, content: str | bytes, code: str, line: int, col: int
) -> None:
    path = write(tmp_path, content)
    exit_code, out, _ = run(str(path))
    assert exit_code == 1
    lines = problem_lines(out)
    assert lines, out
    assert all(LINE.match(item) for item in lines), out
    assert lines[0].startswith(f"{path}:{line}:{col}: error {code}:"), out


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "x: " + "[" * 20000 + "]" * 20000 + "\n")
    exit_code, out, _ = run(str(path))
    assert exit_code == 1
    assert "error CS013" in out


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a: &a [1,1,1,1,1,1,1,1,1]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    exit_code, out, _ = run(str(write(tmp_path, "\n".join(lines))))
    assert exit_code == 1
    assert "error CS013" in out


def test_huge_file_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    with path.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    exit_code, out, _ = run(str(path))
    assert exit_code == 1
    assert out.startswith(f"{path}:1:1: error CS002:")


def test_folder_named_yaml_and_missing_path_are_reported_and_others_checked(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    (folder / "binnen.yaml").write_text(good_text(), encoding="utf-8")
    exit_code, out, err = run(str(folder), str(tmp_path / "bestaat-niet.yaml"), str(GOOD))
    assert exit_code == 2  # a missing path is a usage error; the rest is still checked
    assert f"{folder}:1:1: error CS001:" in out
    assert "bestaat-niet.yaml:1:1: error CS001:" in out
    assert "2 bestanden gecontroleerd" in err


def test_subfolder_named_yaml_is_skipped_when_recursing(tmp_path: Path) -> None:
    (tmp_path / "sub.yaml").mkdir()
    write(tmp_path, good_text(), "echt.yaml")
    exit_code, out, err = run(str(tmp_path))
    assert exit_code == 0, out
    assert "1 bestand gecontroleerd" in err


def mutate(tmp_path: Path, old: str, new: str, name: str = "casus.yaml") -> Path:
    text = good_text()
    assert old in text
    return write(tmp_path, text.replace(old, new, 1), name)


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "code", "fragment"),
    [
        ("  decisive: [opleiding, armoede]", "  decisive: [opleiding, armoed]", "decisive:",
         "CS030", "bedoel je 'armoede' (Inkomen en armoede)?"),
        ("points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 1, netwerk: 0}",
         "points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 1, netwerkk: 0}", "netwerkk",
         "CS031", "bedoel je 'netwerk'?"),
        ("audience: wijkteam", "audience: wijkteem", "audience:", "CS023", "kies uit"),
        ("minutes: 20", "minutes: twintig", "minutes:", "CS023", "heel getal"),
        ("title: De stapel ongeopende post", "titel: De stapel ongeopende post", "titel:",
         "CS022", "bedoel je 'title'?"),
        ("language: nl\n", "language: nl\nid: dubbel\n", "id: dubbel", "CS015", "twee keer"),
    ],
)
def test_content_errors_point_at_the_line(
    tmp_path: Path, old: str, new: str, needle: str, code: str, fragment: str
) -> None:
    path = mutate(tmp_path, old, new)
    exit_code, out, _ = run(str(path))
    assert exit_code == 1
    expected_line = line_of(path, needle)
    matching = [item for item in out.split(f"{path}:")[1:] if f" {code}: " in item]
    assert matching, out
    assert matching[0].startswith(f"{expected_line}:"), out
    assert fragment in matching[0]


def test_missing_required_field(tmp_path: Path) -> None:
    text = good_text()
    start = text.index("expert: |")
    end = text.index("examples:")
    path = write(tmp_path, text[:start] + text[end:])
    exit_code, out, _ = run(str(path))
    assert exit_code == 1
    assert ": error CS021: verplicht veld 'expert' ontbreekt" in out


def test_stage_problems(tmp_path: Path) -> None:
    old = "    points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 2}\n"
    path = mutate(tmp_path, old,
                  "    points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 2}\n"
                  "    next: later\n")
    exit_code, out, _ = run(str(path))
    assert exit_code == 1
    assert f"{path}:{line_of(path, 'next: later')}:" in out
    assert "error CS032" in out


def test_unreachable_stage_and_missing_feedback_are_warnings(tmp_path: Path) -> None:
    text = good_text().replace("examples:", "stages:\n  - id: los\n    title: Los\n"
                               "    situation: Niemand komt hier.\n    choices:\n"
                               "      - {id: a, text: A, feedback: F}\n"
                               "      - {id: b, text: B}\nexamples:", 1)
    path = write(tmp_path, text)
    exit_code, out, _ = run(str(path))
    assert exit_code == 0, out
    assert "warning CS033" in out
    assert "warning CS035" in out


def test_duplicate_case_ids_across_files_name_both_places(tmp_path: Path) -> None:
    write(tmp_path, GOOD.read_text(encoding="utf-8"), "een.yaml")  # unchanged copies
    write(tmp_path, GOOD.read_text(encoding="utf-8"), "twee.yaml")
    exit_code, out, _ = run(str(tmp_path))
    assert exit_code == 0  # a warning: the files may be two versions of one case
    line = line_of(GOOD, "id: brief-van-de-gemeente")
    assert f"twee.yaml:{line}:5: warning CS040: casuscode 'brief-van-de-gemeente' bestaat al in " \
           f"{tmp_path / 'een.yaml'}:{line}:5" in out
    assert "CS073" not in out  # unchanged copies of a built-in case are that case


def test_two_cases_with_one_id_cannot_be_played_together(tmp_path: Path) -> None:
    """A session keys its cases by id: where cases are played (and listed) it is an error."""
    from casusspel.content.library import load_cases
    from casusspel.errors import ContentError

    write(tmp_path, GOOD.read_text(encoding="utf-8"), "een.yaml")
    write(tmp_path, GOOD.read_text(encoding="utf-8") + "# versie 2\n", "twee.yaml")
    with pytest.raises(ContentError) as caught:
        load_cases([tmp_path])
    message = str(caught.value)
    assert "twee.yaml" in message and "CS040" in message and "een.yaml" in message
    assert "niet samen spelen" in message
    assert [c.id for c in load_cases([tmp_path / "een.yaml"])] == ["brief-van-de-gemeente"]


def test_an_id_of_a_built_in_case_is_a_warning_naming_both_files(tmp_path: Path) -> None:
    path = mutate(tmp_path, "title: De stapel ongeopende post", "title: Mijn eigen versie")
    exit_code, out, _ = run(str(path))
    assert exit_code == 0, out
    line = line_of(path, "id: brief-van-de-gemeente")
    [warning] = [item for item in out.splitlines() if "CS073" in item]
    builtin = re.search(r"\((.+brief-van-de-gemeente\.yaml):(\d+):(\d+)\)", warning)
    assert warning.startswith(f"{path}:{line}:5: warning CS073: "), warning
    assert builtin and int(builtin.group(2)) == line_of(Path(builtin.group(1)),
                                                        "id: brief-van-de-gemeente")


@pytest.mark.parametrize(("code", "meant"), [
    ("laaggeletterdheid", "'opleiding' (Opleiding en geletterdheid)"),
    ("schulden", "'armoede' (Inkomen en armoede)"),
    ("mantelzorg", "'gezin' (Gezinssamenstelling) of 'levensfase'"),
    ("seksuele-oriëntatie", "'seksuele-orientatie'"),
    ("leeftijd", "'levensfase'"),
])
def test_unknown_factor_suggests_the_closest_codes_not_all(tmp_path: Path, code: str,
                                                          meant: str) -> None:
    path = mutate(tmp_path, "  decisive: [opleiding, armoede]", f"  decisive: [opleiding, {code}]")
    _, out, _ = run(str(path))
    hint = out.split(f"onbekende factor '{code}'")[1].splitlines()[1]
    assert f"bedoel je {meant}" in hint and "kies uit" not in hint, hint


def test_unknown_factor_like_nothing_lists_the_codes(tmp_path: Path) -> None:
    path = mutate(tmp_path, "  decisive: [opleiding, armoede]", "  decisive: [opleiding, xyz]")
    _, out, _ = run(str(path))
    assert "geen code lijkt erop; kies uit: etniciteit, migratie" in out


def test_markup_in_values_is_printed_literally(tmp_path: Path) -> None:
    path = mutate(tmp_path, "  decisive: [opleiding, armoede]",
                  "  decisive: [opleiding, '[bold]x[/]']")
    _, out, _ = run(str(path))
    assert "onbekende factor '[bold]x[/]'" in out


def test_json_format(tmp_path: Path) -> None:
    path = mutate(tmp_path, "audience: wijkteam", "audience: wijkteem")
    exit_code, out, _ = run("--format", "json", str(path), str(GOOD))
    assert exit_code == 1
    payload = json.loads(out)
    assert payload["files"] == 2
    assert payload["errors"] == 1
    [problem] = [p for p in payload["problems"] if p["code"] != "CS073"]  # an edited built-in
    assert set(problem) == {"file", "line", "col", "severity", "code", "message", "hint"}
    assert problem["code"] == "CS023"


def test_every_code_is_documented() -> None:
    sources = [*ROOT.glob("casusspel/**/*.py"), ROOT / "cli.py"]
    used = set()
    for source in sources:
        used.update(re.findall(r'"(CS\d{3})"', source.read_text(encoding="utf-8")))
    documented = set(re.findall(r"\| (CS\d{3}) \|", (ROOT / "docs" / "validatie.md").read_text(
        encoding="utf-8")))
    assert used, "no codes found"
    assert used - documented == set()


def test_parallel_check_of_many_files_equals_the_serial_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks.generate_cases import write_cases
    from casusspel.content import checks

    paths = write_cases(tmp_path / "cases", 210)
    paths[5].write_text(paths[5].read_text(encoding="utf-8").replace("id: gegenereerd-0005",
                                                                      "id: gegenereerd-0004"),
                        encoding="utf-8")
    paths[9].write_text("id: [", encoding="utf-8")
    parallel = checks.validate_paths([tmp_path / "cases"])
    monkeypatch.setattr(checks, "PARALLEL_FROM", 10_000)
    serial = checks.validate_paths([tmp_path / "cases"])
    assert parallel.problems == serial.problems and parallel.files == serial.files == 210
    assert {"CS040", "CS011"} <= {p.code for p in serial.problems}


def test_the_built_in_ids_read_from_id_lines_are_the_deck() -> None:
    from casusspel.content.checks import _builtin_cases
    from casusspel.content.library import load_case_files

    assert _builtin_cases() == {case.id: path for case, path in load_case_files()}
