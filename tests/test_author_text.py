"""Author text is shown literally everywhere (issue 15, point 6): escapes in text fields are a
coded warning, pillar colours are names (never style strings). (CSV: tests/test_report.py)"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import builtin_framework_path
from tests.conftest import ROOT

runner = CliRunner()
GOOD = ROOT / "cases" / "brief-van-de-gemeente.yaml"
OSC_LINK = "\x1b]8;;file:///etc/passwd\x07klik\x1b]8;;\x07"


def case_with(tmp_path: Path, **fields: str) -> Path:
    data = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    data.update(fields)
    path = tmp_path / "casus.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["validate", *args, "--format", "json"])
    parsed: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return parsed


def test_an_escaped_control_character_in_a_text_field_is_a_positioned_warning(
        tmp_path: Path) -> None:
    path = case_with(tmp_path, title="Titel \x1b[31mrood", question="Wat\u202e doe je?")
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\\e[31m" in text  # escaped in the file: not a CS017 error
    found = [p for p in problems(str(path)) if p["code"] == "CS018"]
    assert [p["severity"] for p in found] == ["warning", "warning"]
    lines = text.splitlines()
    for problem, needle in zip(found, ("\\e", "\u202e"), strict=True):
        line, col = int(str(problem["line"])), int(str(problem["col"]))
        assert lines[line - 1][col - 1:].startswith(needle), (problem, needle)


def test_a_clean_case_has_no_control_warning() -> None:
    assert not [p for p in problems(str(GOOD)) if p["code"] == "CS018"]


def test_list_shows_an_escaped_title_literally(tmp_path: Path) -> None:
    path = case_with(tmp_path, title=f"Titel {OSC_LINK} [bold]vet[/]")
    result = runner.invoke(app, ["list", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "␛]8;;file:///" in result.output and "[bold]vet[/]" in result.output


def framework_with(tmp_path: Path, **pillar: str) -> Path:
    data = yaml.safe_load(builtin_framework_path().read_text(encoding="utf-8"))
    data["pillars"][0].update(pillar)
    path = tmp_path / "raamwerk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_pillar_colour_must_be_a_colour_name(tmp_path: Path) -> None:
    bad = framework_with(tmp_path, color="link file:///etc/passwd")
    [problem] = [p for p in problems(str(bad)) if p["severity"] == "error"]
    assert problem["code"] == "CS023" and "onbekende kleur" in str(problem["message"])
    from casusspel.scoring.framework import Pillar

    for good, kept in (("bright_blue", "bright_blue"), ("MAGENTA", "magenta"),
                       ("#1f5fbf", "#1f5fbf")):
        assert Pillar.model_validate({"id": "p", "name": "P", "color": good}).color == kept


def test_a_pillar_short_name_with_a_terminal_link_is_shown_as_text(tmp_path: Path) -> None:
    framework = framework_with(tmp_path, short=f"Zelf{OSC_LINK}")
    result = runner.invoke(app, ["score", "--text", "Ik merkte bij mezelf een aanname.",
                                 "--framework", str(framework)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "␛]8;;file:///etc/passwd" in result.output
