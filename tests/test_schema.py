"""The exported JSON Schema: committed copy is current, valid, and accepts the shipped cases."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import builtin_dir, schema_path
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "cases" / "casus.schema.json"
#: the schema installed for each language (the Dutch one beside the deck)
INSTALLED = {"nl": SCHEMA_FILE, "en": ROOT / "cases" / "en" / "casus.schema.json"}


def shipped_cases() -> list[Path]:
    return sorted(p for p in (ROOT / "cases").glob("*.yaml"))


@pytest.mark.parametrize("lang", sorted(INSTALLED))
def test_committed_schema_equals_cli_output(lang: str) -> None:
    result = CliRunner().invoke(app, ["schema", "--lang", lang])
    assert result.exit_code == 0
    target = INSTALLED[lang].relative_to(ROOT).as_posix()
    assert result.stdout == INSTALLED[lang].read_text(encoding="utf-8"), (
        f"{target} is out of date: run 'casusspel schema --lang {lang} > {target}'")
    assert schema_path(lang) == builtin_dir() / INSTALLED[lang].relative_to(ROOT / "cases")


def test_the_default_schema_is_dutch_and_the_environment_can_ask_for_english() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["schema"], env={"CASUSSPEL_LANG": None}).stdout == \
        SCHEMA_FILE.read_text(encoding="utf-8")
    assert runner.invoke(app, ["schema"], env={"CASUSSPEL_LANG": "en"}).stdout == \
        INSTALLED["en"].read_text(encoding="utf-8")


def test_schema_is_draft_2020_12_with_editor_help() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    person = schema["$defs"]["Person"]
    assert person["defaultSnippets"][0]["body"]["name"]
    assert "armoede" in person["properties"]["invisible"]["propertyNames"]["enum"]
    points = schema["$defs"]["Choice"]["properties"]["points"]
    assert set(points["propertyNames"]["enum"]) == {
        "zelfreflectie", "leefwereld", "maatwerk", "netwerk"}
    assert schema["properties"]["situation"]["markdownDescription"]


def test_every_shipped_case_starts_with_the_schema_line() -> None:
    cases = shipped_cases()
    assert cases, "no built-in cases found"
    for path in cases:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=casus.schema.json", path.name


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema")
    command = [exe] if exe else [sys.executable, "-m", "check_jsonschema"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=120)


def test_check_jsonschema_accepts_every_shipped_case() -> None:
    result = _check_jsonschema("--schemafile", str(SCHEMA_FILE),
                               *[str(p) for p in shipped_cases()])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "mutation",
    [
        lambda text: text.replace("audience: ", "audience: nergens-", 1),
        lambda text: text + "onbekend_veld: 1\n",
    ],
)
def test_check_jsonschema_rejects_broken_case(tmp_path: Path, mutation: object) -> None:
    source = shipped_cases()[0].read_text(encoding="utf-8")
    broken = tmp_path / "kapot.yaml"
    broken.write_text(mutation(source), encoding="utf-8")  # type: ignore[operator]
    result = _check_jsonschema("--schemafile", str(SCHEMA_FILE), str(broken))
    assert result.returncode == 1
