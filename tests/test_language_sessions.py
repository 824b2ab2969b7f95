"""One language per run for the session commands (issue #18.4): ``sessions``, ``resume``,
``report`` and ``play`` speak English with ``--lang en`` or ``CASUSSPEL_LANG=en``, Dutch
otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from tests.conftest import DATA

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
     "There is no case 'tolk-aan-tafl'. Did you mean 'tolk-aan-tafel'?"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_session_errors_in_english(folder: Path, args: list[str], english: str) -> None:
    result = runner.invoke(app, [*args, "--session-dir", str(folder)],
                           env={"CASUSSPEL_LANG": "en", "COLUMNS": "250"})
    assert result.exit_code == 2, result.output
    assert english in result.output
    assert dutch_words(result.output.replace(str(folder), "")) == [], result.output


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
