"""`casusspel score` and `casusspel calibrate` from the command line (the SPEC contracts)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from casusspel.cli import app
from tests.conftest import DATA

runner = CliRunner()


def test_score_json_contract_with_text() -> None:
    text = "We gingen ervan uit dat hij een tolk nodig had. In hun cultuur is dat zo."
    result = runner.invoke(app, ["score", "--text", text, "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"pillars", "flags", "total"}
    assert payload["pillars"]["zelfreflectie"]["score"] >= 1
    evidence = payload["pillars"]["maatwerk"]["evidence"][0]
    assert text[evidence["start"]:evidence["end"]] == evidence["text"] == "tolk"
    assert payload["flags"][0]["kind"] == "stereotype"
    assert payload["total"] == sum(p["score"] for p in payload["pillars"].values())


def test_score_reads_stdin_with_dash_and_uses_case_indicators() -> None:
    text = "We zoeken een formulierenbrigade."
    plain = json.loads(runner.invoke(app, ["score", "-", "--json"], input=text).stdout)
    with_case = json.loads(runner.invoke(
        app, ["score", "-", "--json", "--case", "brief-van-de-gemeente"], input=text).stdout)
    assert plain["pillars"]["netwerk"]["score"] == 0
    assert with_case["pillars"]["netwerk"]["score"] >= 1


def test_score_needs_exactly_one_source() -> None:
    assert runner.invoke(app, ["score"]).exit_code == 2
    assert runner.invoke(app, ["score", "--text", "x", "-"]).exit_code == 2


def test_score_unknown_case_suggests_the_right_one() -> None:
    result = runner.invoke(app, ["score", "--text", "x", "--case", "brief-van-de-gemeent"])
    assert result.exit_code == 2
    assert "brief-van-de-gemeente" in result.stderr


def test_score_shows_markup_literally() -> None:
    result = runner.invoke(app, ["score", "--text", "[bold]tolk[/] en [red]"])
    assert result.exit_code == 0
    assert "[bold]tolk[/] en [red]" in result.stdout


def test_calibrate_table_and_json_items() -> None:
    path = str(DATA / "reflections" / "holdout.yaml")
    table = runner.invoke(app, ["calibrate", path])
    assert table.exit_code == 0
    assert "Macro-F1" in table.stdout and "stereotype-vlag" in table.stdout
    payload = json.loads(runner.invoke(app, ["calibrate", path, "--json"]).stdout)
    assert set(payload["pillars"]["leefwereld"]) >= {"precision", "recall", "f1", "kappa"}
    assert payload["items"][0]["id"] == "hold-001"
    assert set(payload["items"][0]["pillars"]["netwerk"]) == {"score"}


def test_calibrate_missing_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["calibrate", "bestaat-niet.yaml"])
    assert result.exit_code == 2
    assert "niet gevonden" in result.stderr
