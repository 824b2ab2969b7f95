"""One language per run, also across runs (issue #18.4): a session started in one language and
resumed or reported in the other speaks the language of the run that shows it (the room's own
content stays as typed); programmes, the planner, journals and the CSV header likewise."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import load_cases, load_framework
from casusspel.messages import Messages, run_language
from casusspel.session.events import EvaluationGiven, ProgrammeStarted
from casusspel.training.planning import plan
from casusspel.training.programme import Programme, add_questions, title_of
from casusspel.training.run import fold
from tests.conftest import ROOT

runner = CliRunner()
#: what the tool says in a round, in each language (none of it is in the case's own text)
SAID = {
    "nl": ("Opgeslagen", "Verder spelen", "Casus 1 van 1", "verborgen tot de onthulling",
           "welke aanpak", "heeft geantwoord", "Typ de reflectie", "jullie reflectie",
           "is veranderd sinds", "Keuze", "Reflectie"),
    "en": ("Saved", "Continue with", "Case 1 of 1", "hidden until the reveal",
           "which course of action", "has answered", "Type the reflection", "your reflection",
           "has changed since", "Choice", "Reflection"),
}


def said(text: str, lang: str) -> list[str]:
    return [phrase for phrase in SAID[lang] if phrase in text]


@pytest.fixture
def started(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """A session (in the language of the test's parameter) stopped at the choice, from a case
    file that was changed afterwards (so resuming warns about it)."""
    case = tmp_path / "eigen.yaml"
    case.write_text((ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8").replace(
        "id: tolk-aan-tafel", "id: eigen-tolk", 1), encoding="utf-8")
    sessions = tmp_path / "sessies"
    result = runner.invoke(app, ["play", str(case), "--teams", "A,B", "--plain",
                                 "--lang", request.param, "--session-dir", str(sessions)],
                           input="\n12 13\n9\n")
    assert result.exit_code == 0, result.output
    assert not set(SAID["nl"] + SAID["en"]) & {  # the phrases are never the case's own words
        p for p in SAID["nl"] + SAID["en"] if p in case.read_text(encoding="utf-8")}
    with case.open("a", encoding="utf-8") as handle:
        handle.write("# veranderd\n")
    [folder] = list(sessions.iterdir())
    return sessions, folder


def resume(sessions: Path, folder: Path, *lang: str) -> str:
    result = runner.invoke(app, ["resume", folder.name, "--plain", "--session-dir",
                                 str(sessions), *lang], input="b\nc\n/stop\n",
                           env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("started", ["nl"], indirect=True)
def test_resume_in_english_of_a_dutch_session_says_everything_in_english(
        started: tuple[Path, Path]) -> None:
    out = resume(*started, "--lang", "en")
    assert said(out, "nl") == [], out
    assert said(out, "en") == list(SAID["en"]), out
    assert "Je gaat door met Noor als tolk" in out  # the case as typed


@pytest.mark.parametrize("started", ["en"], indirect=True)
def test_resume_in_dutch_of_an_english_session_says_everything_in_dutch(
        started: tuple[Path, Path]) -> None:
    out = resume(*started, "--lang", "nl")
    assert said(out, "en") == [], out
    assert "Let op: De casus 'eigen-tolk' is veranderd sinds het begin" in out
    assert "Opgeslagen. Verder spelen: casusspel resume" in out


@pytest.mark.parametrize("started", ["en"], indirect=True)
def test_without_lang_a_resumed_session_speaks_its_own_language(
        started: tuple[Path, Path]) -> None:
    out = resume(*started)
    assert said(out, "nl") == [], out
    assert "Note: The case 'eigen-tolk' has changed since the session began" in out


@pytest.mark.parametrize("started", ["nl"], indirect=True)
def test_report_in_the_language_asked_for_and_its_csv_header(
        started: tuple[Path, Path], tmp_path: Path) -> None:
    sessions, folder = started
    base = ["report", folder.name, "--session-dir", str(sessions), "--format", "csv"]
    english = runner.invoke(app, [*base, "--lang", "en"])
    dutch = runner.invoke(app, base)
    assert english.exit_code == dutch.exit_code == 0, english.output
    header = {lang: next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
              for lang, result in (("en", english), ("nl", dutch))}
    assert header["nl"][:6] == ["sessie", "casus_nr", "casus", "titel", "status", "team"]
    assert "score_zelfreflectie" in header["nl"] and "automatisch_netwerk" in header["nl"]
    assert header["en"][:6] == ["session", "case_no", "case", "title", "status", "team"]
    assert "score_zelfreflectie" in header["en"] and "automatic_netwerk" in header["en"]
    assert len(header["en"]) == len(header["nl"])
    assert "The case 'eigen-tolk' has changed" in english.stderr
    reasons = {}
    for lang in ("en", "nl"):
        result = runner.invoke(app, [*base[:-2], "--format", "json", "--lang", lang])
        report = json.loads(result.stdout)
        assert report["session"]["lang"] == lang
        reasons[lang] = [r for case in report["cases"] for team in case["teams"]
                         if team["factor_score"] for r in team["factor_score"]["reasons"]]
    assert reasons["en"] and len(reasons["en"]) == len(reasons["nl"])
    assert all(re.search(r"decisive|plays a part|not here|Missed", r) for r in reasons["en"])
    assert not any(re.search(r"bepalend|speelt mee|Gemist", r) for r in reasons["en"])
    assert all(re.search(r"bepalend|speelt mee|hier niet|Gemist", r) for r in reasons["nl"])


def test_planner_reasons_in_the_run_language() -> None:
    cases, framework = load_cases(), load_framework()
    question = ["Hoe help je iemand die laaggeletterd is?"]
    with run_language("en"):
        english = plan(question, cases, framework, minutes=25).answers[0][0].reasons
    with run_language("nl"):
        dutch = plan(question, cases, framework, minutes=25).answers[0][0].reasons
    assert "factor Opleiding en geletterdheid (decisive) fits 'laaggeletterd'" in english
    assert "factor Opleiding en geletterdheid (bepalend) past bij 'laaggeletterd'" in dutch


def test_a_programmes_own_titles_and_questions_in_the_run_language(tmp_path: Path) -> None:
    from casusspel.reports.training import build_day_report, render_day_html

    programme = Programme.model_validate({"title": "Dag", "blocks": [
        {"pause": 10}, {"evaluation": {}}, {"selfassessment": "end"}, {"pause": 5,
                                                                       "title": "Koffie"}]})
    titles = {lang: [title_of(b, Messages(lang)) for b in programme.blocks]
              for lang in ("nl", "en")}
    assert titles == {"nl": ["Pauze", "Evaluatie", "Zelfbeoordeling", "Koffie"],
                      "en": ["Break", "Evaluation", "Self-assessment", "Koffie"]}
    evaluation = programme.blocks[1].evaluation  # type: ignore[union-attr]
    assert evaluation.asked(Messages("en")) == ("How useful was this part for your work?",
                                                "How safe did the conversation feel?")
    assert evaluation.open_question(Messages("nl")) == "Wat neem je mee naar je werk?"
    # answered in Dutch, reported in English: the marks stay with the questions as asked
    state = fold([ProgrammeStarted(programme_id="p", title="Dag", source="dag.yaml",
                                   created="c", teams=("A",)),
                  EvaluationGiven(index=1, team="A",
                                  scores={"Hoe veilig voelde het gesprek?": 4})])
    with run_language("en"):
        page = render_day_html(build_day_report(programme, state, None), "en")
    assert "<td>Hoe veilig voelde het gesprek?</td><td>4.0</td><td>1</td>" in page
    assert "<td>How safe did the conversation feel?</td><td>-</td><td>0</td>" in page
    assert "<li>Break</li>" in page and "Pauze" not in page


def test_the_learning_questions_file_header_in_the_run_language(tmp_path: Path) -> None:
    from datetime import date

    for lang, header in (("en", "# Learning questions for this training. Anonymous: never "),
                         ("nl", "# Leervragen van deze training. Anoniem: zet er geen namen")):
        folder = tmp_path / lang
        with run_language(lang):
            add_questions(folder, ["Wat doe ik met geloof?"], date(2026, 1, 5))
        assert (folder / "leervragen.yaml").read_text(encoding="utf-8").startswith(header)


def test_a_damaged_journal_line_is_explained_in_the_run_language(tmp_path: Path) -> None:
    import shutil

    sessions = tmp_path / "sessies"
    folder = sessions / "kapot"
    shutil.copytree(ROOT / "tests" / "data" / "sessions" / "groepjes-afgerond", folder)
    first = (folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (folder / "journal.jsonl").write_text(
        first + "\n" + json.dumps({"v": 1, "type": "iets_nieuws", "seq": 2}) + "\n",
        encoding="utf-8")
    english = runner.invoke(app, ["sessions", "--session-dir", str(sessions), "--lang", "en"],
                            env={"COLUMNS": "250"})
    dutch = runner.invoke(app, ["sessions", "--session-dir", str(sessions)],
                          env={"COLUMNS": "250"})
    assert "unknown kind of event 'iets_nieuws'" in english.output, english.output
    assert "onbekend soort gebeurtenis 'iets_nieuws'" in dutch.output, dutch.output


def test_preview_in_the_language_asked_for() -> None:
    english = runner.invoke(app, ["preview", "tolk-aan-tafel", "--all", "--lang", "en"],
                            env={"COLUMNS": "100"})
    dutch = runner.invoke(app, ["preview", "tolk-aan-tafel", "--all"], env={"COLUMNS": "100"})
    assert english.exit_code == dutch.exit_code == 0, english.output
    assert "Situation" in english.output and "Situatie" not in english.output
    assert "Situatie" in dutch.output

