"""Learning questions, the planner and programme files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import load_framework
from casusspel.content.model import Case, Framework
from casusspel.training.planning import Match, match_case, plan
from casusspel.training.programme import parse_question_file
from tests.conftest import builtin_cases

runner = CliRunner()
CASES = builtin_cases()
FRAMEWORK = load_framework()
QUESTIONS = [
    "Hoe herken ik laaggeletterdheid bij een cliënt?",
    "Hoe werk ik met een tolk als iemand slecht Nederlands spreekt?",
    "Wat doe je als iemand zonder verblijfsvergunning hulp nodig heeft?",
    "Hoe betrek ik jongeren die mantelzorger zijn?",
    "Hoe ga ik om met mijn eigen vooroordelen?",
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    return result.exit_code, result.stdout, result.stderr


# -- planner -------------------------------------------------------------------------------------
def test_question_about_laaggeletterdheid_selects_the_case_that_teaches_it() -> None:
    teaching = {c.id for c in CASES if "opleiding" in c.factors.decisive}
    result = plan([QUESTIONS[0]], CASES, FRAMEWORK, minutes=25)
    assert len(result.case_ids) == 1 and result.case_ids[0] in teaching
    [best, *_] = result.answers[0]
    assert any("Opleiding en geletterdheid (bepalend)" in r for r in best.reasons)


def test_each_question_finds_a_fitting_case_when_time_allows() -> None:
    result = plan(QUESTIONS, CASES, FRAMEWORK, minutes=600)
    assert result.unanswered == []
    best = {q: result.answers[q][0].case_id for q in range(len(QUESTIONS))}
    assert best[1] == "tolk-aan-tafel"
    assert "verblijfsstatus" in next(c for c in CASES if c.id == best[2]).factors.decisive
    assert best[3] == "mantelzorg-op-school"
    assert all(m.pillar_only for m in result.answers[4])  # only the pillar can answer this one


def test_unrelated_words_do_not_match() -> None:
    match = match_case("Hoe werk ik met de planning van het rooster?",
                       next(c for c in CASES if c.id == "na-veertig-jaar-werk"), FRAMEWORK)
    assert not any("factor" in r for r in match.reasons)


#: match_case per (question, case id), made once: the examples below draw from the same few
#: questions, and matching all of them against every case 40 times took nine tenths of the test
_MATCHES: dict[tuple[str, str], Match] = {}


def remembered_match(question: str, case: Case, framework: Framework) -> Match:
    key = (question, case.id)
    if key not in _MATCHES:
        _MATCHES[key] = match_case(question, case, framework)
    return _MATCHES[key]


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=300),
       st.lists(st.sampled_from(QUESTIONS), min_size=1, max_size=5, unique=True))
def test_plan_never_exceeds_the_time(minutes: int, questions: list[str]) -> None:
    """What fits the time, whatever the questions (the matches are the real ones, remembered)."""
    from unittest.mock import patch

    from casusspel.training import planning

    with patch.object(planning, "match_case", remembered_match):
        result = plan(questions, CASES, FRAMEWORK, minutes)
    minutes_of = {c.id: c.minutes for c in CASES}
    assert sum(minutes_of[c] for c in result.case_ids) == result.minutes <= minutes
    assert len(set(result.case_ids)) == len(result.case_ids)


# -- learning questions --------------------------------------------------------------------------
def test_add_list_and_import_deduplicate(tmp_path: Path) -> None:
    code, out, _ = invoke("leervragen", "add", "Hoe herken ik armoede?", "--training",
                          str(tmp_path))
    assert code == 0 and "1 vraag toegevoegd" in out
    csv_file = tmp_path / "formulier.csv"
    csv_file.write_bytes("naam;Leervraag\n;Hoe herken ik ARMOEDE?\n;Wat doe ik met één "
                         "geloof?\n".encode("utf-8-sig"))
    code, out, _ = invoke("leervragen", "import", str(csv_file), "--training", str(tmp_path))
    assert code == 0 and "1 vraag toegevoegd (1 stond er al)" in out
    text_file = tmp_path / "vragen.txt"
    text_file.write_text("- Hoe spreek ik over seksualiteit?\n\n# notitie\n", encoding="utf-8")
    invoke("leervragen", "import", str(text_file), "--training", str(tmp_path))
    code, out, _ = invoke("leervragen", "list", "--training", str(tmp_path))
    assert code == 0
    stored = yaml.safe_load((tmp_path / "leervragen.yaml").read_text(encoding="utf-8"))
    assert [q["text"] for q in stored["questions"]] == [
        "Hoe herken ik armoede?", "Wat doe ik met één geloof?",
        "Hoe spreek ik over seksualiteit?"]
    assert "naam" not in json.dumps(stored)  # nothing but the questions is kept
    assert "Wat doe ik met één geloof?" in out


@pytest.mark.parametrize(("content", "suffix", "expected"), [
    ("Vraag\nEen\nTwee\n", ".csv", ["Een", "Twee"]),
    ("Een,x\nTwee,y\n", ".csv", ["Een", "Twee"]),
    ("• Een\n* Twee\n", ".txt", ["Een", "Twee"]),
])
def test_question_file_formats(content: str, suffix: str, expected: list[str]) -> None:
    assert parse_question_file(content, suffix) == expected


def test_bad_question_input_gives_clear_messages(tmp_path: Path) -> None:
    code, _, err = invoke("leervragen", "add", "  ", "--training", str(tmp_path))
    assert code == 2 and "Geef een vraag" in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Hoe ga ik om met één vraag?".encode("latin-1"))
    code, _, err = invoke("leervragen", "import", str(latin), "--training", str(tmp_path))
    assert code == 2 and "UTF-8" in err
    code, _, err = invoke("leervragen", "import", str(tmp_path / "weg.txt"))
    assert code == 2 and "niet gevonden" in err


# -- plan and programme files --------------------------------------------------------------------
def test_plan_writes_a_programme_that_validates(tmp_path: Path) -> None:
    invoke("leervragen", "add", *QUESTIONS[:3], "--training", str(tmp_path))
    target = tmp_path / "dag.yaml"
    code, out, err = invoke("plan", "--training", str(tmp_path), "--minutes", "60", "-o",
                            str(target))
    assert code == 0, err
    assert "Opleiding en geletterdheid (bepalend)" in out
    programme = yaml.safe_load(target.read_text(encoding="utf-8"))
    minutes = {c.id: c.minutes for c in CASES}
    assert sum(minutes[c] for c in programme["blocks"][0]["cases"]) <= 60
    assert "# Leervraag 1: Hoe herken ik laaggeletterdheid" in target.read_text(encoding="utf-8")
    code, out, _ = invoke("validate", str(target))
    assert code == 0, out
    code, _, err = invoke("plan", "--training", str(tmp_path), "-o", str(target))
    assert code == 2 and "bestaat al" in err


def test_plan_without_questions_says_how_to_start(tmp_path: Path) -> None:
    code, _, err = invoke("plan", "--training", str(tmp_path))
    assert code == 2 and "leervragen add" in err


def test_programme_validation_points_at_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "dag.yaml"
    path.write_text("title: Dag\nblocks:\n  - cases: [tolk-aan-tafl]\n", encoding="utf-8")
    code, out, _ = invoke("validate", str(path))
    assert code == 1
    assert "dag.yaml:3:13: error CS060: onbekende casus 'tolk-aan-tafl'" in out
    assert "bedoel je 'tolk-aan-tafel'?" in out
    path.write_text("title: Dag\nblocks:\n  - cases: [tolk-aan-tafel]\n  - pauze: 10\n"
                    "  - cases: [mijn-casus]\n    mode: groep\n", encoding="utf-8")
    code, out, _ = invoke("validate", str(path))
    assert code == 1
    assert "dag.yaml:4:5: error CS023: blocks[2]: een blok begint met 'cases:'" in out
    assert "dag.yaml:6:11: error CS023: blocks[3].mode: kies uit" in out


def test_programme_may_use_case_files_validated_with_it(tmp_path: Path) -> None:
    source = Path(__file__).parent.parent / "cases" / "tolk-aan-tafel.yaml"
    own = source.read_text(encoding="utf-8").replace("id: tolk-aan-tafel", "id: mijn-casus")
    (tmp_path / "mijn-casus.yaml").write_text(own, encoding="utf-8")
    (tmp_path / "dag.yaml").write_text("title: Dag\nblocks:\n  - cases: [mijn-casus, "
                                       "brief-van-de-gemeente]\n  - pause: 15\n"
                                       "  - evaluation: {}\n", encoding="utf-8")
    code, out, _ = invoke("validate", str(tmp_path))
    assert code == 0, out


# -- a leergang: several days, each full, no case twice --------------------------------------------
def _deck_with(copies: int) -> list[Case]:
    """The built-in deck plus copies of its cases under other ids (a bigger deck to plan from)."""
    deck = list(CASES)
    return deck + [case.model_copy(update={"id": f"{case.id}-{n}"})
                   for n in range(copies) for case in deck]


@pytest.mark.parametrize("audience", ["wijkteam", "gemeente", "clientenraad"])
def test_plan_fills_three_days_for_an_audience_without_repeating_a_case(audience: str) -> None:
    from casusspel.training.planning import for_audience, plan

    cases = for_audience(_deck_with(3), audience)
    assert cases and {c.audience for c in cases} <= {audience, "sociaal-domein", "wijkteam"}
    longest = max(c.minutes for c in cases)
    minutes = 60
    result = plan(QUESTIONS[:4], cases, FRAMEWORK, minutes, days=3, fill=True)
    assert len(result.days) == 3
    played = [case_id for day in result.days for case_id in day]
    assert len(played) == len(set(played)), "a case was planned twice"
    by_id = {c.id: c for c in cases}
    for day in result.days:
        used = sum(by_id[c].minutes for c in day)
        assert minutes - longest < used <= minutes, (day, used)


def test_plan_days_writes_one_programme_per_day(tmp_path: Path) -> None:
    invoke("leervragen", "add", *QUESTIONS[:3], "--training", str(tmp_path))
    target = tmp_path / "leergang.yaml"
    code, out, err = invoke("plan", "--training", str(tmp_path), "--minutes", "45", "--days",
                            "2", "-o", str(target))
    assert code == 0, err
    days = [tmp_path / "leergang-dag-1.yaml", tmp_path / "leergang-dag-2.yaml"]
    blocks = [yaml.safe_load(d.read_text(encoding="utf-8"))["blocks"][0]["cases"] for d in days]
    assert blocks[0] and blocks[1] and not set(blocks[0]) & set(blocks[1])
    assert "Dag 1:" in out and "Dag 2:" in out
    for day in days:
        code, report, _ = invoke("validate", str(day))
        assert code == 0, report
    code, _, err = invoke("plan", "--training", str(tmp_path), "--days", "0")
    assert code == 2 and "aantal dagen" in err
