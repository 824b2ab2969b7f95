"""The author's toolkit through the CLI: new, preview, test, list --coverage, stats."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.casetest import choice_paths, run_case_test
from casusspel.content.library import load_cases, load_framework, schema_path
from tests.conftest import ROOT

runner = CliRunner()
WIDE = {"COLUMNS": "120"}


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


# -- new -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_writes_a_skeleton_that_validates_with_only_todo_warnings(
        tmp_path: Path, lang: str) -> None:
    target = tmp_path / "Mijn Casus.yaml"
    code, _, err = invoke("--lang", lang, "new", "-o", str(target), "--audience", "clientenraad")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    comments = " ".join(line for line in text.splitlines() if line.startswith("#"))
    dutch, english = ("Vul alles in", "bepalend"), ("Fill in everything", "decisive")
    assert all(w in comments for w in (dutch if lang == "nl" else english)), comments
    assert not any(w in comments for w in (english if lang == "nl" else dutch)), comments
    installed = schema_path(lang).resolve().as_uri()  # (no local copy: the one in its language)
    assert text.startswith(f"# yaml-language-server: $schema={installed}\n")
    assert "id: mijn-casus" in text and "audience: clientenraad" in text
    assert not (tmp_path / "casus.schema.json").exists()
    code, out, _ = invoke("validate", str(target), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["errors"] == 0
    assert {p["code"] for p in report["problems"]} == {"CS057"}
    assert all(p["line"] > 5 for p in report["problems"])  # not the explanatory comments


def test_new_links_the_nearest_local_schema_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "casus.schema.json").write_text(schema_path().read_text(encoding="utf-8"),
                                                encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the project's root: the search stops here
    for name, link in (("x.yaml", "casus.schema.json"), ("cases/y.yaml", "../casus.schema.json"),
                       ("a/b/z.casus.yaml", "../../casus.schema.json")):
        code, _, err = invoke("new", "-o", str(tmp_path / name))
        assert code == 0, err
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema={link}\n"), name
    assert "id: z\n" in (tmp_path / "a" / "b" / "z.casus.yaml").read_text(encoding="utf-8")
    code, out, _ = invoke("validate", "--format", "json", str(tmp_path))
    assert code == 0 and "CS072" not in out


def test_new_skeleton_passes_check_jsonschema(tmp_path: Path) -> None:
    checker = shutil.which("check-jsonschema")
    assert checker, "check-jsonschema is a test dependency"
    invoke("new", "-o", str(tmp_path / "casus.yaml"))
    result = subprocess.run([checker, "--schemafile", str(schema_path()),
                             str(tmp_path / "casus.yaml")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_new_never_overwrites_and_prints_to_stdout_without_a_file(tmp_path: Path) -> None:
    target = tmp_path / "bestaat.yaml"
    target.write_text("mijn werk", encoding="utf-8")
    code, _, err = invoke("new", "-o", str(target))
    assert code == 2 and "bestaat al" in err
    assert target.read_text(encoding="utf-8") == "mijn werk"
    code, out, _ = invoke("new")
    assert code == 0 and out.startswith("# yaml-language-server: $schema=")
    code, _, err = invoke("new", "-o", str(tmp_path / "nieuwe-map" / "x.yaml"))
    assert code == 0, err  # the folder is made
    code, _, err = invoke("new", "-o", str(target / "x.yaml"))
    assert code == 2 and "geen map" in err


def test_schema_vscode_maps_named_cases_and_every_case_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"editor.fontSize": 16, "yaml.schemas": {
        "./cases/casus.schema.json": ["cases/*.yaml"], "andere.json": ["x.yaml"]}}),
        encoding="utf-8")
    invoke("new", "-o", "mijn casussen/een.yaml")
    invoke("new", "-o", "mijn casussen/diep/twee.yaml")
    (tmp_path / "node_modules" / "pakket").mkdir(parents=True)
    (tmp_path / "node_modules" / "pakket" / "x.yaml").write_text("id: a\nsituation: b\n",
                                                                 encoding="utf-8")
    code, out, err = invoke("schema", "--vscode")
    assert code == 0, err
    merged = json.loads(settings.read_text(encoding="utf-8"))
    assert merged["editor.fontSize"] == 16
    assert merged["yaml.schemas"] == {
        "andere.json": ["x.yaml"],  # someone else's schema stays; our old entry is replaced
        schema_path().resolve().as_uri(): ["**/*.casus.yaml", "**/*.casus.yml",
                                           "mijn casussen/**/*.yaml", "mijn casussen/**/*.yml"]}
    assert "**/*.casus.yaml" in out
    (tmp_path / "casus.schema.json").write_text(schema_path().read_text(encoding="utf-8"),
                                                encoding="utf-8")
    invoke("schema", "--vscode")
    schemas = json.loads(settings.read_text(encoding="utf-8"))["yaml.schemas"]
    assert list(schemas) == ["andere.json", "./casus.schema.json"]  # a local copy wins


def test_vscode_keeps_settings_it_cannot_read(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text("{ // commentaar\n}", encoding="utf-8")
    code, _, err = invoke("new", "--vscode")
    assert code == 2 and "yaml.schemas" in err
    assert settings.read_text(encoding="utf-8") == "{ // commentaar\n}"


def test_schema_vscode_with_own_framework_writes_its_schema(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    own = tmp_path / "eigen.yaml"
    own.write_text((ROOT / "cases" / "framework" / "standaard.yaml").read_text(encoding="utf-8")
                   .replace("id: leefstijl", "id: woonsituatie"), encoding="utf-8")
    code, _, err = invoke("schema", "--vscode", "--framework", str(own))
    assert code == 0, err
    schema = json.loads((tmp_path / "casus.schema.json").read_text(encoding="utf-8"))
    assert "woonsituatie" in schema["$defs"]["FactorKey"]["properties"]["decisive"]["items"][
        "enum"]
    (tmp_path / "casus.schema.json").write_text("mijn eigen bestand", encoding="utf-8")
    code, _, err = invoke("schema", "--vscode", "--framework", str(own))
    assert code == 2 and "niets overschreven" in err
    assert (tmp_path / "casus.schema.json").read_text(encoding="utf-8") == "mijn eigen bestand"


# -- preview -------------------------------------------------------------------------------------
def test_preview_all_shows_map_key_points_and_every_feedback() -> None:
    code, out, _ = invoke("preview", "--all", "tolk-aan-tafel")
    assert code == 0
    titles = re.findall(r"Scherm (\d+) van (\d+):\s+(.+?)\s+─", out)
    assert [t[2] for t in titles] == [
        "Kaart: keuzes en vervolgen  (voor jou)", "Situatie", "Factoren", "Keuze", "Reflectie",
        "Onthulling: personen en sleutel", "Onthulling: keuzes, feedback en punten",
        "Kijk van de expert", "Bespreking", "Vervolg: Twee weken later",
        "Vervolg: Twee weken later, feedback en punten"]
    case = next(c for c in load_cases() if c.id == "tolk-aan-tafel")
    # the map: A and B lead to the stage, C and D end
    assert re.search(r"A\. Je gaat door met Noor.*→ Twee weken later", out)
    assert re.search(r"C\. Je laat Noor even.*\(einde\)", out)
    # the key: group and visibility of each factor, and with whom
    assert re.search(r"Taalvaardigheid ◐\s+bepalend\s+● Mevrouw A\.", out)
    assert re.search(r"Etniciteit en culturele achtergrond ◐\s+afleider", out)
    assert re.search(r"Inkomen en armoede ○\s+relevant\s+○ Mevrouw A\.", out)
    # points and feedback of every choice, the stage's too
    for choice in case.every_choice:
        points = " · ".join(f"{label} {choice.points[pid]}" for pid, label in (
            ("zelfreflectie", "Zelfreflectie"), ("leefwereld", "Leefwereld"),
            ("maatwerk", "Maatwerk"), ("netwerk", "Netwerk")))
        assert f"punten: {points}" in out, choice.id
        assert " ".join(choice.feedback.split())[:40] in " ".join(out.split())
    assert "hartaandoening" in out  # invisible factors appear in the reveal
    # validate is clean, so no warning; that 'Wie' comes on a second screen is only said
    assert "⚠" not in out and "komt het vak 'Wie' op een tweede scherm" in out


def test_preview_without_a_terminal_prints_everything_as_all() -> None:
    _, piped, _ = invoke("preview", "tolk-aan-tafel")
    _, dumped, _ = invoke("preview", "--all", "tolk-aan-tafel")
    assert piped == dumped and "Scherm 11 van 11" in piped


def test_preview_fit_warning_exactly_when_validate_warns_cs050(tmp_path: Path) -> None:
    source = (ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8")
    longer = source.replace("  Je wilt weten hoe", "  " + "Mevrouw A. vertelt nog meer. " * 40
                            + "\n\n  Je wilt weten hoe", 1)
    for name, text, warned in (("kort.yaml", source, False), ("lang.yaml", longer, True)):
        path = tmp_path / name
        path.write_text(text.replace("id: tolk-aan-tafel", f"id: {path.stem}"), encoding="utf-8")
        _, report, _ = invoke("validate", "--format", "json", str(path))
        cs050 = [p for p in json.loads(report)["problems"] if p["code"] == "CS050"]
        _, out, _ = invoke("preview", "--all", str(path))
        assert bool(cs050) == warned == ("⚠ Op een scherm van 80x24 past de situatie niet" in out)
        if warned:
            numbers = re.search(r"(\d+) regels \(hoogstens 20\) en (\d+) woorden", out)
            assert numbers and f"{numbers.group(1)} regels" in cs050[0]["message"]


def pager(answers: list[str], height: int = 24) -> tuple[str, list[str]]:
    """Preview in a (fake) terminal; each prompt takes the next answer."""
    from casusspel.ui.author import preview

    buffer = io.StringIO()
    console = Console(file=buffer, width=80, height=height, force_terminal=True,
                      color_system=None, legacy_windows=False)
    asked: list[str] = []

    def read(prompt: str) -> str:
        asked.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    preview("tolk-aan-tafel", None, console=console, read=read)
    return buffer.getvalue(), asked


def test_preview_pages_screen_by_screen_and_stops_on_q() -> None:
    out, asked = pager(["", "", "q"])
    assert re.findall(r"Scherm (\d+) van 11", out) == ["1", "2", "2"]  # 2 pages at 80x24
    assert asked == ["Enter: volgend scherm · q: stoppen", "Enter: verder op dit scherm · q: "
                     "stoppen", "Enter: volgend scherm · q: stoppen"]
    assert "Speel hem met" not in out


def test_preview_pages_to_the_end_and_ctrl_d_stops_cleanly() -> None:
    out, asked = pager([""] * 40, height=60)
    assert re.findall(r"Scherm (\d+) van 11", out) == [str(n) for n in range(1, 12)]
    assert len(asked) == 10 and "Speel hem met: casusspel play tolk-aan-tafel" in out
    out, asked = pager([])  # Ctrl-D at the first prompt
    assert len(asked) == 1 and "Scherm 2" not in out


@pytest.mark.slow
def test_preview_in_a_real_terminal_of_80x24() -> None:
    import pexpect

    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    child = pexpect.spawn(sys.executable, ["-m", "casusspel", "preview", "tolk-aan-tafel"],
                          cwd=str(ROOT), env=env, dimensions=(24, 80), encoding="utf-8",
                          timeout=20)
    child.expect("Kaart: keuzes en vervolgen")
    child.expect("q: stoppen")
    child.sendline("")
    child.expect("Situatie")
    child.expect("q: stoppen")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_preview_unknown_case_suggests_the_closest() -> None:
    code, _, err = invoke("preview", "tolk-aan-tafl")
    assert code == 2 and "tolk-aan-tafel" in err


# -- test ----------------------------------------------------------------------------------------
def test_casusspel_test_on_a_built_in_case_file() -> None:
    """The whole deck is checked in tests/test_deck.py; here the command's output and exit code."""
    code, out, _ = invoke("test", str(ROOT / "cases" / "tolk-aan-tafel.yaml"))
    assert code == 0, out
    assert "✓ tolk-aan-tafel: 8 paden, 4 van 4 voorbeelden goed" in out
    assert "1 van 1 casus geslaagd." in out


def broken_example_case(folder: Path) -> Path:
    """tolk-aan-tafel with one example expecting the opposite of what it scores (margin 0)."""
    source = (ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8")
    broken = source.replace("expect: {zelfreflectie: 0, leefwereld: 2, maatwerk: 3, netwerk: 0}",
                            "expect: {zelfreflectie: 3, leefwereld: 2, maatwerk: 0, netwerk: 0}"
                            "\n    tolerance: 0")
    assert broken != source
    path = folder / "casus.yaml"
    path.write_text(broken, encoding="utf-8")
    return path


def test_failing_example_says_what_matched_and_what_is_missing(tmp_path: Path) -> None:
    code, out, _ = invoke("test", str(broken_example_case(tmp_path)))
    assert code == 1
    assert "✗ tolk-aan-tafel" in out
    assert "Zelfreflectie: verwacht 3, gekregen 0 (marge 0); gevonden: niets; ontbreekt:" in out
    flat = " ".join(out.split())  # the console wraps long lines
    assert "Maatwerk: verwacht 0, gekregen 3" in flat and "'professionele tolk'" in flat


def test_test_refuses_invalid_files(tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text("id: [", encoding="utf-8")
    code, out, _ = invoke("test", str(tmp_path / "kapot.yaml"))
    assert code == 1 and "CS011" in out


def test_every_path_is_found_and_cycles_are_failures() -> None:
    case = next(c for c in load_cases() if c.id == "tolk-aan-tafel")
    paths, problems = choice_paths(case)
    assert problems == [] and len(paths) == len(set(paths)) == 8
    stage = case.stages[0]
    looping = case.model_copy(update={"stages": (stage.model_copy(update={"choices": tuple(
        c.model_copy(update={"next": stage.id}) for c in stage.choices)}),)})
    result = run_case_test(looping, load_framework())
    assert not result.ok and any("eindigt nooit" in f for f in result.failures)


# -- coverage, stats -----------------------------------------------------------------------------
def test_list_coverage_shows_factor_and_pillar_matrices() -> None:
    result = runner.invoke(app, ["list", "--coverage"], env={**WIDE, "COLUMNS": "80"})
    code, out = result.exit_code, result.stdout
    assert code == 0
    assert "Factoren per casus" in out and "Pijlers per casus" in out
    rows = [line for line in out.splitlines() if line.startswith("│ verblijfsstatus")]
    cells = [cell.strip() for row in rows for cell in row.strip("│ ").split("│")]
    decisive = sum("verblijfsstatus" in c.factors.decisive for c in load_cases())
    assert cells.count("B") == decisive and cells[-1] == str(decisive)
    # 30 cases do not fit one table at 80 columns: the case columns come in parts, none cut off
    assert len(rows) > 1 and all(len(line) <= 80 for line in out.splitlines())
    headers = " ".join(line for line in out.splitlines() if line.startswith("┃ factor"))
    assert all(f" {n} " in headers for n in range(1, len(load_cases()) + 1))
    assert "Nog in geen enkele casus bepalend" not in out  # the deck covers every factor


def test_list_coverage_names_factors_that_are_never_decisive() -> None:
    code, out, _ = invoke("list", "--coverage", str(ROOT / "cases" / "tolk-aan-tafel.yaml"))
    assert code == 0
    line = next(line for line in out.splitlines() if "Nog in geen enkele casus bepalend" in line)
    assert "Etniciteit" in line and "Taal" not in line


def test_stats_counts_words_and_stages() -> None:
    code, out, _ = invoke("stats")
    assert code == 0
    assert "tolk-aan-tafel" in out and "totaal" in out
    row = next(line for line in out.splitlines() if "tolk-aan-tafel" in line)
    situation_words = len(next(c for c in load_cases() if c.id == "tolk-aan-tafel")
                          .situation.split())
    assert f"│ {situation_words:>8} │" in row or f" {situation_words} " in row


def test_new_filled_with_example_values_validates_clean_and_passes_test(tmp_path: Path) -> None:
    target = tmp_path / "casus.yaml"
    invoke("new", "-o", str(target))
    filled = (target.read_text(encoding="utf-8").replace("[TODO]", "[voorbeeld]")
              .replace("TODO ", "").replace(": TODO\n", ": Voorbeeldtekst.\n"))
    target.write_text(filled, encoding="utf-8")
    code, out, _ = invoke("validate", str(target), "--format", "json")
    assert code == 0 and json.loads(out)["problems"] == [], out
    code, out, _ = invoke("test", str(target))
    assert code == 0 and "1 van 1 casus geslaagd." in out


def test_the_guides_complete_case_validates_clean_and_passes_test(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "casussen-schrijven.md").read_text(encoding="utf-8")
    block = guide.split("### De complete casus", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    invoke("new", "-o", str(tmp_path / "cases" / "afspraken-afgezegd.yaml"))
    path = tmp_path / "cases" / "afspraken-afgezegd.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{first}\n{block}", encoding="utf-8")
    code, out, _ = invoke("validate", "--format", "json", str(path))
    assert code == 0 and json.loads(out)["problems"] == [], out
    code, out, _ = invoke("test", str(path))
    assert code == 0 and "3 van 3 voorbeelden goed" in out, out


def test_stats_keeps_case_ids_whole_at_80_columns() -> None:
    from rich.console import Console

    from casusspel.content.library import load_cases
    from casusspel.ui.author import stats_view

    cases = load_cases()
    console = Console(width=80, record=True)
    console.print(stats_view(cases))
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    for case in cases:
        assert case.id in text, case.id


def test_test_shows_scores_that_differ_within_the_margin(tmp_path: Path) -> None:
    """An expectation one point off still passes, but the author sees the difference."""
    import yaml

    from casusspel.content.library import load_framework
    from casusspel.scoring.reflection import score_reflection

    data = yaml.safe_load((ROOT / "cases" / "tolk-aan-tafel.yaml").read_text("utf-8"))
    data["id"] = "mijn-tolk"
    example = data["examples"][0]
    got = score_reflection(example["text"], load_framework()).pillars["netwerk"].score
    example["expect"] = {"netwerk": got + 1 if got < 3 else got - 1}
    example["tolerance"] = 1
    path = tmp_path / "mijn-tolk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    code, out, _ = invoke("test", str(path))
    assert code == 0, out
    assert (f"voorbeeld 1 goed, binnen de marge: Netwerk: verwacht {example['expect']['netwerk']}"
            f", gekregen {got}") in " ".join(out.split())


def test_new_makes_the_code_from_a_file_name_with_accents(tmp_path: Path) -> None:
    """The code keeps the letters of an accented name ('Één brief' -> 'een-brief'), as a case
    reference is read (content.lookup), instead of dropping them ('n-brief')."""
    target = tmp_path / "Één brief te veel.yaml"
    code, _, err = invoke("new", "-o", str(target))
    assert code == 0, err
    assert "id: een-brief-te-veel" in target.read_text(encoding="utf-8")
