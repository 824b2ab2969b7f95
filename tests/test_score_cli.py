"""`casusspel score` and `casusspel calibrate` from the command line (the SPEC contracts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
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


CASE_WITH_OWN_PATTERNS = """\
id: eigen-patronen
title: Eigen patronen
language: nl
audience: wijkteam
tags: [test]
minutes: 10
situation: Een korte situatie in de wijk.
persons:
  - name: Mevrouw K.
    visible: {levensfase: oud}
question: Wat doe je?
expert: Kijk naar de persoon.
discussion: [Wat zie je?]
factors: {decisive: [levensfase]}
choices:
  - {id: a, text: Bellen, feedback: Goed., points: {maatwerk: 1}}
  - {id: b, text: Schrijven, feedback: Ook goed., points: {netwerk: 1}}
reflection:
  prompt: Wat valt je op?
  indicators: {maatwerk: [tolk]}
  stereotypes:
    - phrases: ["dorp ... kijkt weg"]
      explanation: Een dorp is geen persoon.
examples:
  - text: Het dorp kijkt altijd weg.
    expect: {zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 0}
    stereotype: true
  - text: De straat zwijgt altijd.
    expect: {zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 0}
    stereotype: true
"""


def test_score_text_names_indicator_source_and_lost_case_indicator(tmp_path: Path) -> None:
    case = tmp_path / "eigen.yaml"
    case.write_text(CASE_WITH_OWN_PATTERNS, encoding="utf-8")
    text = "We regelen een professionele tolk. Het dorp kijkt altijd weg."
    result = runner.invoke(app, ["score", "--text", text, "--case", str(case)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Waarom deze scores" in out
    assert "“professionele tolk”: professionele tolk (raamwerk)" in out
    assert "casus-aanwijzing “tolk” telde niet: overlapt met “professionele tolk”" in out
    assert "patroon “casus” (casus)" in out and "Een dorp is geen persoon." in out


def test_score_json_explain_is_opt_in() -> None:
    text = "We regelen een tolk. Afrikanen vertrouwen instanties niet."
    plain = json.loads(runner.invoke(app, ["score", "--text", text, "--json"]).stdout)
    assert set(plain["flags"][0]) == {"kind", "start", "end", "text", "explanation"}
    explained = json.loads(runner.invoke(app, ["score", "--text", text, "--json",
                                               "--explain"]).stdout)
    flag = explained["flags"][0]
    assert flag["source"] == "generalisation" and flag["group"] == "Afrikanen"
    assert explained["pillars"]["maatwerk"]["evidence"][0]["source"] == "framework"
    assert 0 <= explained["pillars"]["maatwerk"]["probability"] <= 1


def test_case_test_names_the_patterns_it_tried_on_a_missed_flag(tmp_path: Path) -> None:
    case = tmp_path / "eigen.yaml"
    case.write_text(CASE_WITH_OWN_PATTERNS, encoding="utf-8")
    result = runner.invoke(app, ["test", str(case)], env={"COLUMNS": "300"})
    out = " ".join(result.stdout.split())
    assert result.exit_code == 1, out
    assert "1 van 2 voorbeelden goed" in out  # the case's own pattern caught the first
    assert ("verwacht een stereotype-signaal, maar er is er geen; geprobeerd: herkenning van "
            "algemene uitspraken over groepen; patronen van het raamwerk (hun-cultuur, "
            "allochtoon); patronen van de casus: 'dorp ... kijkt weg'") in out


def test_calibrate_takes_sets_beyond_the_case_file_caps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #19: a labelled set has its own size cap (not a case file's 2 MB and 200,000 YAML
    nodes) and is read one reflection at a time. The texts repeat so that the real scorer, with
    a cache, runs once: this test is about size, the scores are tested elsewhere. 20,000 items
    are well past both caps; 100,000 is measured by benchmarks/run.py (calibrate)."""
    from casusspel.content import calibration
    from casusspel.content.library import load_framework
    from casusspel.content.loader import MAX_BYTES, MAX_NODES

    N = 20_000
    path = tmp_path / "labels.yaml"
    text = "We vroegen door naar wat zij zelf wil en betrokken de buurvrouw als sleutelfiguur."
    with path.open("w", encoding="utf-8") as out:
        out.write("# 20.000 reflecties\nsplit: groot\nreflections:\n")
        for n in range(N):
            out.write(f"- id: r{n}\n  text: '{text}'\n  writer: w{n % 7}\n"
                      f"  pillars: {{leefwereld: {n % 2}, netwerk: 1}}\n"
                      f"  stereotype: {'true' if n % 10 == 0 else 'false'}\n")
    assert path.stat().st_size > MAX_BYTES and N * 12 > MAX_NODES
    real, seen = calibration.score_reflection, {}  # type: ignore[attr-defined]  # patched below

    def once_per_text(reflection: str, framework: Any) -> Any:
        if reflection not in seen:
            seen[reflection] = real(reflection, framework)
        return seen[reflection]

    monkeypatch.setattr(calibration, "score_reflection", once_per_text)
    framework = load_framework()
    result = calibration.calibrate(calibration.iter_labelled(path), framework)
    assert len(result.items) == N and result.items[-1].id == f"r{N - 1}"
    assert list(seen) == [text]
    once = seen[text]
    found = once.pillars["leefwereld"].score >= 1
    leefwereld = result.pillars["leefwereld"]
    assert (leefwereld.tp, leefwereld.fp) == ((N // 2, N // 2) if found else (0, 0))
    assert result.pillars["zelfreflectie"].n == 0  # no labels for it
    assert result.stereotype.n == N
    assert result.stereotype.tp + result.stereotype.fn == N // 10


def test_calibrate_says_where_a_big_file_goes_wrong(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text("reflections:\n" + "- {id: a, text: goed}\n" * 30_000
                    + "- {id: b, pillars: {netwerk: 5}, text: fout}\n", encoding="utf-8")
    result = runner.invoke(app, ["calibrate", str(path)])
    assert result.exit_code != 0
    assert f"{path}:30002: 'pillars:' moet per pijler 0-3 geven" in result.stderr
