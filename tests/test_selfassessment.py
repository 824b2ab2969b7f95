"""Anonymous self-assessment: programme blocks at start and end, follow-up, the change chart."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.training.selfassessment import responses, summary

runner = CliRunner()
PILLARS = ("zelfreflectie", "leefwereld", "maatwerk", "netwerk")
PROGRAMME = """\
title: Dag met zelfbeoordeling
teams: [Tafel 1, Tafel 2]
blocks:
  - selfassessment: start
  - pause: 5
  - selfassessment: end
"""


def invoke(args: list[str], lines: list[str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, args, input="\n".join(lines or []) + "\n",
                           env={"COLUMNS": "120"})
    return result.exit_code, result.stdout + result.stderr


def test_programme_start_and_end_then_followup_and_evaluation(tmp_path: Path) -> None:
    (tmp_path / "dag.yaml").write_text(PROGRAMME, encoding="utf-8")
    start = ["2", "2", "1", "1", "3", "2", "2", "1"]      # Tafel 1, Tafel 2 (four pillars each)
    end = ["4", "3", "3", "2", "9", "4", "4", "3", "3"]   # a 9 is asked again
    code, out = invoke(["play", str(tmp_path / "dag.yaml"), "--session-dir",
                        str(tmp_path / "s")], [*start, "", *end])
    assert code == 0, out
    assert "Typ een cijfer van 1 tot en met 5." in out
    stored = responses(tmp_path)
    assert [r.moment for r in stored] == ["start", "start", "end", "end"]
    text = (tmp_path / "zelfbeoordeling.jsonl").read_text(encoding="utf-8")
    assert "Tafel" not in text  # anonymous: not even the team name
    code, out = invoke(["followup", "--training", str(tmp_path)],
                       ["", "5", "4", "4", "3", "klaar"])
    assert code == 0 and "1 beoordeling bewaard" in out
    cells = summary(responses(tmp_path), PILLARS)
    assert cells["zelfreflectie"]["start"].mean == 2.5 and cells["zelfreflectie"]["end"].mean == 4
    assert cells["zelfreflectie"]["followup"].count == 1
    target = tmp_path / "grafiek.html"
    code, out = invoke(["evaluation", "--training", str(tmp_path), "--html", str(target)])
    assert code == 0
    assert "begin (n=2)" in out and "eind (n=2)" in out and "follow-up (n=1)" in out
    assert "zegt een verschil weinig" in out
    page = target.read_text(encoding="utf-8")
    assert "<svg" in page and "begin (n=2)" in page and "zegt een verschil weinig" in page
    assert ">2,5</text>" in page and ">4,0</text>" in page  # zelfreflectie at start and end
    HTMLParser().feed(page)


def test_evaluation_without_data_explains_where_it_comes_from(tmp_path: Path) -> None:
    code, out = invoke(["evaluation", "--training", str(tmp_path)])
    assert code == 0 and "Nog geen zelfbeoordelingen" in out


def test_followup_survives_ctrl_d_and_keeps_complete_answers(tmp_path: Path) -> None:
    code, out = invoke(["followup", "--training", str(tmp_path)], ["", "3", "3", "3", "3", "",
                                                                   "2"])
    assert code == 0, out
    assert len(responses(tmp_path)) == 1  # the half-finished second person is not stored


def test_a_programme_with_its_own_framework_asks_and_sums_its_pillars(tmp_path: Path) -> None:
    import yaml

    from casusspel.content.library import builtin_framework_path

    data = yaml.safe_load(builtin_framework_path().read_text(encoding="utf-8"))
    data["id"] = "eigen"
    data["pillars"] = [{**data["pillars"][0], "id": "bril", "name": "Eigen bril",
                        "short": "Eigen bril"},
                       {**data["pillars"][3], "id": "samen", "name": "Samen met het netwerk",
                        "short": "Samen"}]
    (tmp_path / "raamwerk.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                            encoding="utf-8")
    (tmp_path / "dag.yaml").write_text(PROGRAMME.replace("blocks:", "framework: raamwerk.yaml\n"
                                                         "blocks:"), encoding="utf-8")
    code, out = invoke(["play", str(tmp_path / "dag.yaml"), "--session-dir",
                        str(tmp_path / "s")], ["2", "3", "4", "4", "", "3", "4", "5", "5"])
    assert code == 0, out
    assert "Tafel 1: Eigen bril" in out and "Tafel 2: Samen met het netwerk" in out
    assert "Zelfreflectie" not in out
    assert [r.scores for r in responses(tmp_path)] == [
        {"bril": 2, "samen": 3}, {"bril": 4, "samen": 4},
        {"bril": 3, "samen": 4}, {"bril": 5, "samen": 5}]
    # asked later from the same folder: the programme's framework, not the built-in one
    code, out = invoke(["followup", "--training", str(tmp_path)], ["", "4", "2", "klaar"])
    assert code == 0 and "1 beoordeling bewaard" in out, out
    assert responses(tmp_path)[-1].scores == {"bril": 4, "samen": 2}
    code, out = invoke(["evaluation", "--training", str(tmp_path)])
    assert code == 0 and "Eigen bril" in out and "Samen" in out and "Zelfreflectie" not in out
    report = next((tmp_path / "s").rglob("verslag-programma.html")).read_text(encoding="utf-8")
    assert "Eigen bril" in report and "Zelfreflectie" not in report
