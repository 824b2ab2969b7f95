"""The author's toolkit through the CLI: new, preview, test, list --coverage, stats."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.casetest import choice_paths, run_case_test
from casusspel.content.library import load_cases, load_framework
from tests.conftest import ROOT

runner = CliRunner()
WIDE = {"COLUMNS": "120"}


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.stdout, result.stderr


# -- new -----------------------------------------------------------------------------------------
def test_new_writes_a_skeleton_that_validates_with_only_todo_warnings(tmp_path: Path) -> None:
    target = tmp_path / "Mijn Casus.yaml"
    code, _, err = invoke("new", "-o", str(target), "--audience", "clientenraad")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=casus.schema.json\n")
    assert "id: mijn-casus" in text and "audience: clientenraad" in text
    assert (tmp_path / "casus.schema.json").is_file()
    code, out, _ = invoke("validate", str(target), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["errors"] == 0
    assert {p["code"] for p in report["problems"]} == {"CS057"}
    assert all(p["line"] > 5 for p in report["problems"])  # not the explanatory comments


def test_new_skeleton_passes_check_jsonschema(tmp_path: Path) -> None:
    checker = shutil.which("check-jsonschema")
    assert checker, "check-jsonschema is a test dependency"
    invoke("new", "-o", str(tmp_path / "casus.yaml"))
    result = subprocess.run([checker, "--schemafile", str(tmp_path / "casus.schema.json"),
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
    assert (tmp_path / "nieuwe-map" / "casus.schema.json").is_file()
    code, _, err = invoke("new", "-o", str(target / "x.yaml"))
    assert code == 2 and "geen map" in err


def test_new_vscode_merges_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = tmp_path / ".vscode" / "settings.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"editor.fontSize": 16}), encoding="utf-8")
    code, _, err = invoke("new", "--vscode")
    assert code == 0, err
    merged = json.loads(settings.read_text(encoding="utf-8"))
    assert merged["editor.fontSize"] == 16
    assert merged["yaml.schemas"]["./cases/casus.schema.json"][0] == "cases/*.yaml"
    assert (tmp_path / "cases" / "casus.schema.json").is_file()
    settings.write_text("{ // commentaar\n}", encoding="utf-8")
    code, _, err = invoke("new", "--vscode")
    assert code == 2 and "yaml.schemas" in err
    assert settings.read_text(encoding="utf-8") == "{ // commentaar\n}"


# -- preview -------------------------------------------------------------------------------------
def test_preview_shows_every_screen_and_stage_with_fit_notes() -> None:
    code, out, _ = invoke("preview", "tolk-aan-tafel")
    assert code == 0
    for title in ("Situatie", "Keuze", "Reflectie", "Onthulling: personen",
                  "Kijk van de expert", "Bespreking", "Vervolg: Twee weken later"):
        assert title in out, title
    assert "past niet op 80x24" in out
    assert "hartaandoening" in out  # invisible factors appear in the reveal


def test_preview_unknown_case_suggests_the_closest() -> None:
    code, _, err = invoke("preview", "tolk-aan-tafl")
    assert code == 2 and "tolk-aan-tafel" in err


# -- test ----------------------------------------------------------------------------------------
def test_builtin_deck_passes_casusspel_test() -> None:
    code, out, _ = invoke("test")
    assert code == 0, out
    assert "12 van 12 casussen geslaagd." in out
    assert "✓ tolk-aan-tafel: 8 paden, 2 van 2 voorbeelden goed" in out
    assert "niet gedekt:" in out


def test_failing_example_says_what_matched_and_what_is_missing(tmp_path: Path) -> None:
    source = (ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8")
    broken = source.replace("expect: {zelfreflectie: 0, leefwereld: 2, maatwerk: 3, netwerk: 0}",
                            "expect: {zelfreflectie: 3, leefwereld: 2, maatwerk: 0, netwerk: 0}"
                            "\n    tolerance: 0")
    assert broken != source
    (tmp_path / "casus.yaml").write_text(broken, encoding="utf-8")
    code, out, _ = invoke("test", str(tmp_path / "casus.yaml"))
    assert code == 1
    assert "✗ tolk-aan-tafel" in out
    assert "Zelfreflectie: verwacht 3, gekregen 0 (marge 0); gevonden: niets; ontbreekt:" in out
    assert "Maatwerk: verwacht 0, gekregen 3" in out and "'professionele tolk'" in out


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
    code, out, _ = invoke("list", "--coverage")
    assert code == 0
    assert "Factoren per casus" in out and "Pijlers per casus" in out
    row = next(line for line in out.splitlines() if line.startswith("│ verblijfsstatus"))
    cells = [cell.strip() for cell in row.strip("│").split("│")]
    decisive = sum("verblijfsstatus" in c.factors.decisive for c in load_cases())
    assert cells.count("B") == decisive and cells[-1] == str(decisive)
    assert "Nog in geen enkele casus bepalend: Etniciteit" in out


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
    assert code == 0 and "1 van 1 casussen geslaagd." in out
