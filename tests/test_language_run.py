"""One language per run (issue #18.4): ``sessions``, ``resume``, ``report``, ``play`` and
``test`` speak English with ``--lang en`` or ``CASUSSPEL_LANG=en``, Dutch otherwise."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.casetest import run_case_test
from casusspel.content.library import load_cases, load_framework
from casusspel.messages import run_language
from tests.conftest import DATA, ROOT
from tests.test_author_cli import broken_example_case

runner = CliRunner()
RECORDED = DATA / "sessions"
# Dutch words the session texts used before they came from the catalogue
DUTCH = ("Sessies", "sessie", "datum", "casussen", "voortgang", "klaar", "casus 2 van",
         "factoren", "beschadigd", "Herstellen", "Verder spelen", "verslag", "niet gevonden",
         "past bij", "bestaat niet", "Bedoel je", "Onbekende tijd", "Gebruik", "Fout")


def dutch_words(text: str) -> list[str]:
    return [word for word in DUTCH if word in text]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A sessions folder with a finished, an unfinished and a damaged session."""
    sessions = tmp_path / "sessies-map"
    for name in ("groepjes-afgerond", "groepjes-onderbroken"):
        shutil.copytree(RECORDED / name, sessions / name)
    damaged = sessions / "kapot"
    shutil.copytree(RECORDED / "groepjes-afgerond", damaged)
    journal = damaged / "journal.jsonl"
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][:-11] + b'00000000"}\n'  # a wrong checksum on line 3
    journal.write_bytes(b"".join(lines))
    return sessions


@pytest.mark.parametrize("how", ["option", "environment"])
def test_sessions_lists_in_english(folder: Path, how: str) -> None:
    args = ["sessions", "--session-dir", str(folder)]
    env = {"COLUMNS": "250"}
    if how == "option":
        args.append("--lang=en")
    else:
        env["CASUSSPEL_LANG"] = "en"
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"Sessions in {folder}" in out
    for column in ("session", "date", "cases", "teams", "progress"):
        assert f" {column} " in out
    assert "finished" in out and "case 2 of 2, factors" in out
    assert "damaged at line 3" in out and "To repair: casusspel repair kapot" in out
    assert "To play on: casusspel resume SESSION · report: casusspel report SESSION" in out
    assert dutch_words(out.replace(str(folder), "")) == [], out


def test_sessions_stays_dutch_by_default(folder: Path) -> None:
    result = runner.invoke(app, ["sessions", "--session-dir", str(folder)],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 0
    for text in (f"Sessies in {folder}", " sessie ", " voortgang ", "klaar",
                 "casus 2 van 2, factoren", "beschadigd bij regel 3",
                 "Verder spelen: casusspel resume SESSIE · verslag: casusspel report SESSIE"):
        assert text in result.output


def test_no_sessions_and_no_open_sessions_in_english(tmp_path: Path, folder: Path) -> None:
    empty = runner.invoke(app, ["sessions", "--session-dir", str(tmp_path / "leeg"),
                                "--lang", "en"], env={"COLUMNS": "250"})
    assert empty.exit_code == 0 and "No sessions yet in" in empty.output
    shutil.rmtree(folder / "groepjes-onderbroken")
    shutil.rmtree(folder / "kapot")
    none_open = runner.invoke(app, ["sessions", "--open", "--session-dir", str(folder),
                                    "--lang", "en"])
    assert none_open.exit_code == 0 and "No unfinished sessions." in none_open.output


@pytest.mark.parametrize(("args", "english"), [
    (["resume", "nope"], "Session 'nope' not found in"),
    (["resume", "groepjes"], "'groepjes' matches more than one session: "),
    (["report", "nope"], "'casusspel sessions' shows all sessions."),
    (["play", "--timer", "zz", "--plain"], "Unknown time 'zz'. Use, for example, 5m"),
    (["play", "--cases", "tolk-aan-tafl", "--plain"],
     "There is no case 'tolk-aan-tafl'. Did you mean 'tolk-aan-tafel' ("),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_session_errors_in_english(folder: Path, args: list[str], english: str) -> None:
    result = runner.invoke(app, [*args, "--session-dir", str(folder)],
                           env={"CASUSSPEL_LANG": "en", "COLUMNS": "250"})
    assert result.exit_code == 2, result.output
    assert english in result.output
    # a suggested case is named with its title, which is the case's own (Dutch) text
    shown = re.sub(r"'([a-z-]+)' \([^)]*\)", r"'\1'", result.output)
    assert dutch_words(shown.replace(str(folder), "")) == [], result.output


def test_session_errors_stay_dutch(folder: Path) -> None:
    result = runner.invoke(app, ["resume", "groepjes", "--session-dir", str(folder)],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 2
    assert "'groepjes' past bij meer sessies: " in result.output


def test_a_report_written_to_a_file_says_so_in_english(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "verslag.md"
    result = runner.invoke(app, ["report", "groepjes-afgerond", "--session-dir", str(folder),
                                 "-o", str(output), "--lang", "en"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert f"Report written: {output}" in result.stderr
    assert "Verslag geschreven" not in result.stderr


# -- casusspel test ------------------------------------------------------------------------------
# the words of the test report itself (pillar names and indicator words are the case's content)
DUTCH_TEST = ("verwacht", "gekregen", "marge", "gevonden", "ontbreekt", "niets", "woorden als",
              "paden", "voorbeelden", "geslaagd", "eindigt", "pad ", "vervolg")


def test_casusspel_test_reports_in_english(tmp_path: Path) -> None:
    result = runner.invoke(app, ["test", str(broken_example_case(tmp_path)), "--lang", "en"],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 1
    out = result.stdout
    assert "Zelfreflectie: expected 3, got 0 (margin 0); found: nothing; missing: words such as" \
        in out
    assert "Maatwerk: expected 0, got 3 (margin 0); found: " in out
    assert [word for word in DUTCH_TEST if word in out] == [], out


def test_casusspel_test_stays_dutch_by_default() -> None:
    result = runner.invoke(app, ["test", str(ROOT / "cases" / "tolk-aan-tafel.yaml")],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 0
    # which pillar lands within the margin depends on the trained model; the words are Dutch
    assert re.search(r"goed, binnen de marge: \w+: verwacht \d, gekregen \d", result.stdout), \
        result.stdout


def test_path_problems_and_gaps_in_the_run_language() -> None:
    case = next(c for c in load_cases() if c.id == "tolk-aan-tafel")
    stage = case.stages[0]
    looping = case.model_copy(update={"examples": (), "stages": (stage.model_copy(update={
        "choices": tuple(c.model_copy(update={"next": stage.id}) for c in stage.choices)}),)})
    with run_language("en"):
        english = run_case_test(looping, load_framework())
    with run_language("nl"):
        dutch = run_case_test(looping, load_framework())
    assert english.failures and all(f.startswith("path ") and "never ends" in f
                                    for f in english.failures)
    assert english.not_covered == ["no example reflections (add 'examples:')"]
    assert all(f.startswith("pad ") and "eindigt nooit" in f for f in dutch.failures)
    assert dutch.not_covered == ["geen voorbeeldreflecties (voeg 'examples:' toe)"]


def test_unreadable_learning_questions_in_the_run_language(tmp_path: Path) -> None:
    from casusspel.errors import UsageError
    from casusspel.training.programme import read_questions

    (tmp_path / "leervragen.yaml").write_bytes(b"\xff\xfe niet te lezen")
    said = {}
    for lang in ("nl", "en"):
        with run_language(lang), pytest.raises(UsageError) as raised:
            read_questions(tmp_path)
        said[lang] = str(raised.value)
    assert "kan niet worden gelezen (UnicodeDecodeError)" in said["nl"]
    assert "cannot be read (UnicodeDecodeError). Is it a plain text file" in said["en"]
