"""Reports from recorded sessions (tests/data/sessions): every format, escaping, privacy."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.reports import Report, build_report, render
from casusspel.reports.markdown import esc
from casusspel.session.folders import open_session

SESSIONS = Path(__file__).parent / "data" / "sessions"
FINISHED, UNFINISHED, PLENARY = "groepjes-afgerond", "groepjes-onderbroken", "plenair"
runner = CliRunner()


def typed(name: str, **kwargs: Any) -> Report:
    session = open_session(SESSIONS / name)
    return build_report(session.engine, session.state, **kwargs)


def report_of(name: str, **kwargs: Any) -> dict[str, Any]:
    """The report in its documented JSON shape."""
    return typed(name, **kwargs).to_json()


def team_entry(report: dict[str, Any], case_index: int, team: str) -> dict[str, Any]:
    teams = report["cases"][case_index]["teams"]
    return next(t for t in teams if t["team"] == team)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href")]


def parse_html(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    return parser


# -- the data ------------------------------------------------------------------------------------
def test_finished_session_has_every_answer_override_and_reconsideration() -> None:
    report = report_of(FINISHED)
    assert report["version"] == 1 and report["session"]["finished"] is True
    assert report["teams"] == ["Tafel 1", "<b>Tafel 2</b>"]
    one, two = team_entry(report, 0, "Tafel 1"), team_entry(report, 0, "<b>Tafel 2</b>")
    assert one["factors"] == ["taal", "gezin", "armoede"]
    assert one["action"]["id"] == "b" and one["stage_action"]["id"] == "a"
    assert "Leeftijd" in report["cases"][0]["factor_names"]["levensfase"]
    assert two["reconsiderations"] == [{"from": "c", "to": "b"}]
    leefwereld = two["reflection"]["pillars"]["leefwereld"]
    assert leefwereld["override"] == {"score": 1, "reason": "eerlijk besproken"}
    assert leefwereld["automatic"] == 0 and leefwereld["score"] == 1
    assert two["reflection"]["flags"][0]["text"] == "In hun cultuur"
    assert one["reflection"]["text"].startswith("<script>")
    assert one["total"] == report["totals"]["Tafel 1"]
    kinds = {s["kind"] for s in report["shifts"]}
    assert kinds == {"action", "override"}
    assert report["contested"][0]["case"] == "tolk-aan-tafel"


def test_evidence_offsets_point_into_the_teams_own_text() -> None:
    report = report_of(FINISHED)
    for team in report["cases"][0]["teams"]:
        text = team["reflection"]["text"]
        for pillar in team["reflection"]["pillars"].values():
            for evidence in pillar["evidence"]:
                assert text[evidence["start"]:evidence["end"]] == evidence["text"]


def test_unfinished_session_reports_what_was_entered_and_says_so() -> None:
    report = report_of(UNFINISHED)
    assert report["session"]["finished"] is False
    assert [c["status"] for c in report["cases"]] == ["played", "in_progress"]
    assert team_entry(report, 1, "Tafel 1")["factors"] == ["verblijfsstatus", "beperking"]
    assert team_entry(report, 1, "Tafel 2")["factors"] is None
    assert "niet afgerond" in render(typed(UNFINISHED), "md")
    assert "niet afgerond" in render(typed(UNFINISHED), "html")


def test_plenary_report_shows_both_votes_and_the_shift() -> None:
    report = report_of(PLENARY)
    votes = report["cases"][0]["votes"]
    assert votes["before"] == {"a": 5, "b": 2, "c": 1, "d": 0}
    assert votes["after"] == {"a": 1, "b": 6, "c": 0, "d": 1}
    assert votes["shift"] == pytest.approx(0.625)
    markdown = render(typed(PLENARY), "md")
    assert "| 5 | 1 |" in markdown and "waarover de zaal" in markdown
    assert "63% van de stemmen" in markdown  # 62.5% rounds half up


# -- formats -------------------------------------------------------------------------------------
def test_markdown_escapes_user_text_and_keeps_structure() -> None:
    markdown = render(typed(FINISHED), "md")
    assert "<script>" not in markdown and "<b>" not in markdown
    assert r"\<script\>" in markdown and r"\<b\>Tafel 2\</b\>" in markdown
    assert "\x1b" not in markdown
    assert r"In hun cultuur \[bold\]" in markdown
    assert markdown.startswith("# Verslag van de sessie")
    assert "## Profiel per pijler" in markdown and "## 1. Een dochter als tolk" in markdown
    assert "| Tafel 1 | " in markdown
    assert "**professionele tolk**" in markdown  # evidence in the team's own words, in bold
    assert "**tolken**" not in markdown  # no points from a sentence that stereotypes


def test_markdown_escape_keeps_text_literal() -> None:
    assert esc("*niet vet* en `code` en [link](x)") == r"\*niet vet\* en \`code\` en \[link\](x)"
    assert esc("regel\n1. lijst\n- punt") == "regel\n1\\. lijst\n\\- punt"


def test_html_is_self_contained_escaped_and_has_charts() -> None:
    text = render(typed(FINISHED), "html")
    parsed = parse_html(text)
    assert "script" not in parsed.tags and parsed.tags.count("b") == text.count("<b>")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    assert "&lt;b&gt;Tafel 2&lt;/b&gt;" in text
    assert parsed.urls == []  # nothing loaded from anywhere
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "svg" in parsed.tags and "<style>" in text and "@page { size: A4" in text
    assert "\x1b" not in text
    assert text.count("<mark") >= 2


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_html_never_lets_user_text_make_tags(text: str) -> None:
    report = typed(FINISHED)
    case = report.cases[0]
    team = case.teams[0]
    assert team.reflection is not None
    reflection = replace(team.reflection, text=text, pillars={
        k: replace(v, evidence=()) for k, v in team.reflection.pillars.items()})
    changed = replace(team, team=text, reflection=reflection)
    report = replace(report, cases=(replace(case, teams=(changed, *case.teams[1:])),))
    rendered = render(report, "html")
    assert "script" not in parse_html(rendered).tags
    assert "<" not in text or "<" + text not in rendered


def test_csv_round_trips_with_one_row_per_team_per_case(tmp_path: Path) -> None:
    report = report_of(UNFINISHED)
    result = runner.invoke(app, ["report", str(SESSIONS / UNFINISHED), "--format", "csv",
                                 "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # byte-order mark: spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    played = [c for c in report["cases"] if c["status"] != "not_played"]
    assert len(rows) == sum(len(c["teams"]) for c in played) == 4
    first = rows[0]
    assert first["team"] == "Tafel 1" and first["casus"] == "tolk-aan-tafel"
    assert first["reflectie"] == team_entry(report, 0, "Tafel 1")["reflection"]["text"]
    assert first["score_leefwereld"] == str(
        team_entry(report, 0, "Tafel 1")["reflection"]["pillars"]["leefwereld"]["score"])
    assert rows[3]["status"] == "bezig toen de sessie stopte" and rows[3]["factoren"] == ""


def test_csv_keeps_diacritics_and_defuses_formulas() -> None:
    report = typed(FINISHED)
    case = report.cases[0]
    team = case.teams[0]
    assert team.reflection is not None
    text = "=SOM(A1) café,\x1b[31m één\x00 oriëntatie"
    changed = replace(team, reflection=replace(team.reflection, text=text))
    report = replace(report, cases=(replace(case, teams=(changed, *case.teams[1:])),))
    rows = list(csv.DictReader(io.StringIO(render(report, "csv")), delimiter=";"))
    assert rows[0]["reflectie"] == "'=SOM(A1) café,[31m één oriëntatie"
    assert rows[1]["team"] == "<b>Tafel 2</b>"


def test_json_has_version_and_documented_keys() -> None:
    data = json.loads(render(typed(FINISHED), "json"))
    assert data["version"] == 1
    assert set(data) == {"version", "session", "framework", "teams", "totals", "profiles", "room",
                         "cases", "contested", "shifts", "learning_questions"}
    documented = (Path(__file__).parent.parent / "docs" / "rapport.md").read_text(encoding="utf-8")
    for key in data:
        assert f"`{key}`" in documented


# -- privacy -------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_anonymise_replaces_team_names_everywhere(fmt: str) -> None:
    text = render(typed(FINISHED, anonymise=True), fmt)
    assert "Tafel 1" not in text and "Tafel 2" not in text
    assert "Team A" in text and "Team B" in text


def test_report_contains_only_this_sessions_data() -> None:
    report = report_of(FINISHED)
    assert [c["id"] for c in report["cases"]] == ["tolk-aan-tafel"]
    text = render(typed(FINISHED), "json")
    assert "angst-voor-de-brievenbus" not in text and str(SESSIONS) not in text


# -- live vs replay, CLI -------------------------------------------------------------------------
def test_play_writes_reports_and_report_command_reproduces_them(tmp_path: Path) -> None:
    lines = ["", "12 9", "b", "We vroegen door en regelden een tolk.", "", "", "", "a", ""]
    result = runner.invoke(app, ["play", "--session-dir", str(tmp_path), "--cases",
                                 "tolk-aan-tafel", "--teams", "Tafel 1"],
                           input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stdout
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert f"Verslag: {folder / 'verslag.md'}" in result.stdout.replace("\n", "")
    again = runner.invoke(app, ["report", folder.name[:12], "--session-dir", str(tmp_path),
                                "--format", "md"])
    assert again.exit_code == 0
    assert again.stdout == (folder / "verslag.md").read_text(encoding="utf-8")
    session = open_session(folder)
    replayed = build_report(session.engine, session.state)
    assert (folder / "verslag.html").read_text(encoding="utf-8") == render(replayed, "html")


def test_report_command_errors_are_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "bestaat-niet", "--session-dir", str(tmp_path)])
    assert result.exit_code == 2 and "niet gevonden" in result.stderr
    copy = tmp_path / "kapot"
    shutil.copytree(SESSIONS / FINISHED, copy)
    journal = copy / "journal.jsonl"
    lines = journal.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2][:20] + "XX"
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(copy)])
    assert result.exit_code != 0 and "journal.jsonl:3" in result.stderr
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["report", str(SESSIONS / FINISHED), "-o",
                                 str(tmp_path / "geen-map" / "r.html")])
    assert result.exit_code == 2 and "Kan" in result.stderr


def test_output_suffix_picks_the_format(tmp_path: Path) -> None:
    for name, marker in (("r.html", "<!DOCTYPE html>"), ("r.json", '"version": 1'),
                         ("r.md", "# Verslag")):
        result = runner.invoke(app, ["report", str(SESSIONS / FINISHED), "-o",
                                     str(tmp_path / name)])
        assert result.exit_code == 0
        assert marker in (tmp_path / name).read_text(encoding="utf-8")


def test_terminal_overview_fits_80_columns_and_shows_escape_codes_literally() -> None:
    from rich.console import Console

    from casusspel.ui.report_view import report_view

    report = typed(FINISHED)
    odd = "\x1b[2J[bold]Tafel 1"
    report = replace(report, teams=(odd, *report.teams[1:]),
                     profiles={**report.profiles, odd: report.profiles["Tafel 1"]},
                     totals={**report.totals, odd: report.totals["Tafel 1"]})
    console = Console(width=80, record=True, force_terminal=True, color_system="truecolor")
    console.print(report_view(report, 80))
    text = console.export_text()
    assert "\x1b[2J" not in console.export_text(styles=True)
    assert "␛[2J" in text and "[bold]" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "Stof voor de volgende keer" in text and "factoren verschilden 75%" in text


def test_report_lists_learning_questions_and_the_cases_that_addressed_them(
        tmp_path: Path) -> None:
    runner.invoke(app, ["leervragen", "add", "Wat doe je als een kind moet tolken?",
                        "Hoe bespreek ik seksuele oriëntatie?", "--training", str(tmp_path)])
    result = runner.invoke(app, ["report", str(SESSIONS / FINISHED), "--format", "json",
                                 "--training", str(tmp_path)])
    assert result.exit_code == 0, result.output
    questions = json.loads(result.stdout)["learning_questions"]
    assert [q["question"] for q in questions] == ["Wat doe je als een kind moet tolken?",
                                                  "Hoe bespreek ik seksuele oriëntatie?"]
    assert [c["case"] for c in questions[0]["cases"]] == ["tolk-aan-tafel"]
    assert questions[1]["cases"] == []
    markdown = runner.invoke(app, ["report", str(SESSIONS / FINISHED), "--format", "md",
                                   "--training", str(tmp_path)]).stdout
    assert "## Leervragen" in markdown and "nog niet aan bod gekomen" in markdown


# -- language, numbers, layout ---------------------------------------------------------------------
def test_report_speaks_the_sessions_language_with_its_number_format() -> None:
    dutch = typed(FINISHED)
    english = replace(dutch, session=replace(dutch.session, lang="en"))
    nl_md, en_md = render(dutch, "md"), render(english, "md")
    assert nl_md.startswith("# Verslag van de sessie") and "Profiel per pijler" in nl_md
    assert en_md.startswith("# Report of session") and "Profile per pillar" in en_md
    assert "Verslag" not in en_md and "punten" not in en_md
    assert "Report of session" in render(english, "html")
    profile = dutch.profiles["Tafel 1"]
    some = next(v for v in profile.values() if v != int(v) or v)
    assert f"{some:.1f}".replace(".", ",") in nl_md
    assert f"{some:.1f}" in en_md


def test_counts_use_singular_and_plural_forms() -> None:
    from casusspel.reports.text import Words

    words = Words("nl")
    assert words.points(1) == "1 punt" and words.points(0) == "0 punten"
    assert words.cases(1) == "1 casus" and words.cases(2) == "2 casussen"
    assert Words("en").points(1) == "1 point"
    markdown = render(typed(FINISHED), "md")
    assert "(1 punten)" not in markdown and "1 casussen" not in markdown


@pytest.mark.parametrize("name", [FINISHED, UNFINISHED, PLENARY])
def test_markdown_heading_levels_go_down_one_at_a_time(name: str) -> None:
    levels = [len(line) - len(line.lstrip("#")) for line in render(typed(name), "md").splitlines()
              if line.startswith("#")]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels


def test_html_chart_scales_with_the_page() -> None:
    text = render(typed(FINISHED), "html")
    svg = text[text.index("<svg"):text.index(">", text.index("<svg"))]
    assert "viewBox=" in svg and ' width="' not in svg and ' height="' not in svg
    assert "max-width" in text and "@media (max-width" in text
    # each case heading travels with its key and first team card on paper
    first_case = text.index("<h2>1. ")
    assert text.rfind('<div class="keep">', 0, first_case) > text.rfind("</div>", 0, first_case)


# -- wording a trainer reads (from a playtest) -----------------------------------------------------
def test_report_speaks_of_skipped_teams_full_factor_names_and_choice_letters(
        tmp_path: Path) -> None:
    lines = ["", "12 9", "/overslaan", "b", "c",
             "We vragen door en regelen een tolk.", "", "/overslaan", "", "", "a", "c", ""]
    result = runner.invoke(app, ["play", "--plain", "--session-dir", str(tmp_path), "--cases",
                                 "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2"],
                           input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stdout
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    session = open_session(folder)
    report = build_report(session.engine, session.state)
    two = next(t for t in report.cases[0].teams if t.team == "Tafel 2")
    assert two.skipped == ("factors", "reflection")
    markdown = render(report, "md")
    assert "- **Factoren:** overgeslagen" in markdown
    assert "- **Reflectie:** overgeslagen" in markdown
    assert "Inkomen en armoede" in markdown  # picked outside the key, still its full name
    assert "- **Aanpak B:**" in markdown and "**Aanpak b:**" not in markdown
    assert "Reflectie overgeslagen." in render(report, "html")


def test_report_lists_each_evidence_word_once_and_names_no_false_majority() -> None:
    report = typed(FINISHED)
    case = report.cases[0]
    team = case.teams[0]
    assert team.reflection is not None
    pillar_id, pillar = next((k, v) for k, v in team.reflection.pillars.items() if v.evidence)
    repeated = replace(pillar, evidence=pillar.evidence * 5)
    reflection = replace(team.reflection, pillars={**team.reflection.pillars,
                                                   pillar_id: repeated})
    changed = replace(team, reflection=reflection)
    contested = replace(report.contested[0],
                        contested=replace(report.contested[0].contested, action=2 / 3))
    report = replace(report, cases=(replace(case, teams=(changed, *case.teams[1:])),),
                     contested=(contested,))
    markdown = render(report, "md")
    word = pillar.evidence[0].text
    assert markdown.count(f"“{word}”") == 1
    assert "geen meerderheid" in markdown and "67% koos" not in markdown


def test_a_round_on_its_scoreboard_counts_as_played(tmp_path: Path) -> None:
    from casusspel.session.engine import SCOREBOARD

    session = open_session(SESSIONS / FINISHED)
    state = replace(session.state, phase=SCOREBOARD, ended=False)
    report = build_report(session.engine, state)
    assert report.cases[0].status == "played" and report.session.cases_played == 1


def test_a_team_skipped_with_a_draft_has_its_draft_in_the_report_literally(
        tmp_path: Path) -> None:
    """B typed a reflection and was skipped (F4, Enter): the report keeps what B typed as
    'overgeslagen, concept: …' in Markdown, HTML and JSON, as text, never as markup."""
    from casusspel.messages import run_language
    from casusspel.session.controller import Controller
    from tests.test_controller import FakeClock, new_session

    draft = "Wij zouden *eerst* [bold]Noor[/bold] <b>vragen</b>\n1. wat zij wil\n# geen kop"
    controller = Controller(new_session(tmp_path, teams=("A", "B")), FakeClock())
    for raw in ("", "12", "12", "b", "c", "Wij vroegen door."):
        controller.answer(raw)
    controller.draft(draft, "B")
    controller.enter("/overslaan")
    assert controller.ask().key == "skip.draft.confirm"
    controller.answer("")  # Enter: skip, the draft stays
    assert ("reflection", "B") in controller.state.round.skipped
    session = open_session(controller.session.folder)  # the report is made from the journal
    report = build_report(session.engine, session.state)
    entry = team_entry(report.to_json(), 0, "B")
    assert entry["draft"] == draft and entry["reflection"] is None
    assert team_entry(report.to_json(), 0, "A")["draft"] is None  # handed in: no draft
    markdown = render(report, "md")
    assert "- **Reflectie:** overgeslagen, concept:\n\n> Wij zouden \\*eerst\\* " in markdown
    assert esc("[bold]Noor[/bold] <b>vragen</b>") in markdown
    assert "> 1\\. wat zij wil\n> \\# geen kop" in markdown
    html = render(report, "html")
    assert "overgeslagen, concept:" in html
    assert "[bold]Noor[/bold] &lt;b&gt;vragen&lt;/b&gt;" in html
    assert parse_html(html).tags.count("b") == html.count("<b>")
    with run_language("en"):
        english = render(build_report(session.engine, session.state), "md")
    assert "- **Reflection:** skipped, draft:\n\n> Wij zouden" in english
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").lstrip("\ufeff")),
                               delimiter=";"))
    assert [(r["team"], r["reflectie"], r["concept"]) for r in rows] == [
        ("A", "Wij vroegen door.", ""), ("B", "", draft)]  # the draft literally, in its column
