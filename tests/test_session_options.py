"""Session options: modes and scoreboards as enums that keep their words, one set of rules for
team names, and a resumed session that says when its framework changed."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from casusspel.content.library import builtin_framework_path, load_case_files, load_framework
from casusspel.session.events import EventFormatError, SessionStarted, event_from_json
from casusspel.session.folders import create_session, open_session
from casusspel.session.options import (
    MAX_TEAM_NAME,
    MAX_TEAMS,
    Mode,
    Scoreboard,
    SessionOptions,
    TeamNamesError,
    parse_teams,
    team_names,
)
from casusspel.training.programme import Programme

NOW = datetime(2026, 11, 24, 10, 0)


def test_members_are_their_words_in_json_text_and_comparisons() -> None:
    word: object = "plenary"  # a word from a journal, as the type checker sees it
    assert Mode.PLENARY == word and f"{Scoreboard.HIDDEN}" == "hidden"
    assert json.dumps({"mode": Mode.SOLO}) == '{"mode": "solo"}'
    assert [m.has_teams for m in Mode] == [True, True, False]
    assert SessionOptions("plenary", (), "hidden").mode is Mode.PLENARY  # type: ignore[arg-type]


def test_a_journal_line_keeps_its_words_and_reads_back_as_members() -> None:
    started = SessionStarted(session_id="s", created="c", version="v", mode=Mode.PLENARY,
                             teams=(), case_ids=("x",), scoreboard=Scoreboard.COOPERATIVE)
    payload = json.loads(json.dumps(started.to_json()))
    assert payload["mode"] == "plenary" and payload["scoreboard"] == "cooperative"
    again = event_from_json(payload)
    assert isinstance(again, SessionStarted) and again == started
    assert again.mode is Mode.PLENARY and again.scoreboard is Scoreboard.COOPERATIVE
    old = {"type": "session_started", "session_id": "s", "created": "c", "version": "0.1.0",
           "mode": "group", "teams": ["A"], "case_ids": ["x"]}  # a journal from 0.1
    assert event_from_json(old).scoreboard is Scoreboard.COMPETITIVE  # type: ignore[attr-defined]
    with pytest.raises(EventFormatError) as raised:
        event_from_json({**old, "mode": "groep"})
    assert raised.value.key == "journal.reason.event_mode"


def test_one_set_of_rules_for_team_names() -> None:
    assert parse_teams(" Tafel 1 ,,Tafel\t 2,  ,tafel 1, TAFEL 2 ") == ("Tafel 1", "Tafel 2")
    assert parse_teams("") == () and parse_teams(" , ") == ()
    assert team_names(["Groep [bold]", "Groep [bold]"]) == ("Groep [bold]",)
    longest = "x" * MAX_TEAM_NAME
    assert team_names([longest]) == (longest,)
    with pytest.raises(TeamNamesError, match=f"hoogstens {MAX_TEAM_NAME} tekens"):
        team_names([longest + "y"])
    with pytest.raises(TeamNamesError, match=f"hoogstens {MAX_TEAMS}"):
        parse_teams(",".join(f"T{n}" for n in range(MAX_TEAMS + 1)))
    assert len(parse_teams(",".join(f"T{n}" for n in range(MAX_TEAMS)))) == MAX_TEAMS


@pytest.mark.parametrize("name", ["\x1b[15~Tafel 1", "Tafel\x1b]52;c;aGk=\x07", "A\u202eB",
                                  "Groep\x00"])
def test_a_team_name_with_a_control_character_is_refused(name: str) -> None:
    """An escape code (a function key typed at the prompt, a pasted colour code) or a hidden
    direction mark would become part of what the room sees: refused, with the name shown safely."""
    with pytest.raises(TeamNamesError, match="stuurteken") as caught:
        parse_teams(f"B, {name}")
    assert "\x1b" not in str(caught.value) and "\u202e" not in str(caught.value)


def test_a_programme_file_follows_the_same_rules() -> None:
    programme = Programme.model_validate({"title": "Dag", "teams": ["Tafel 1", " tafel  1 "],
                                          "blocks": [{"pause": 5}]})
    assert programme.teams == ("Tafel 1",)
    with pytest.raises(ValidationError, match="te lang"):
        Programme.model_validate({"title": "Dag", "teams": ["x" * 41], "blocks": [{"pause": 5}]})
    block = Programme.model_validate({"title": "Dag", "blocks": [{"cases": ["a"],
                                                                  "mode": "solo"}]}).blocks[0]
    assert block.mode is Mode.SOLO  # type: ignore[union-attr]


def test_a_resumed_session_says_its_framework_changed(tmp_path: Path) -> None:
    framework = tmp_path / "raamwerk.yaml"
    framework.write_bytes(builtin_framework_path().read_bytes())
    cases = [c for c in load_case_files() if c[0].id == "tolk-aan-tafel"]
    session = create_session(tmp_path / "s", cases, framework, load_framework(framework),
                             SessionOptions(teams=("A",)), now=NOW)
    session.close()
    assert open_session(session.folder).warnings == []
    framework.write_text(framework.read_text(encoding="utf-8") + "\n# een nieuwe regel\n",
                         encoding="utf-8")
    [warning] = open_session(session.folder).warnings
    assert "raamwerk" in warning and str(framework.resolve()) in warning
    assert "versie van toen" in warning


def play(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from casusspel.cli import app

    result = CliRunner().invoke(app, ["play", "--cases", "tolk-aan-tafel", "--plain",
                                      "--session-dir", str(tmp_path), *args],
                                input="\n".join(lines) + "\n")
    return result.exit_code, result.stdout + result.stderr


def started_teams(tmp_path: Path) -> tuple[str, ...]:
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    return open_session(folder).state.teams


def test_teams_on_the_command_line_follow_the_rules(tmp_path: Path) -> None:
    code, out = play(tmp_path / "a", ["/stop"], "--teams", " Tafel 1, tafel 1 ,,Tafel  2")
    assert code == 0, out
    assert started_teams(tmp_path / "a") == ("Tafel 1", "Tafel 2")
    code, out = play(tmp_path / "b", [], "--teams", " , ")
    assert code == 2 and "Geef minstens één teamnaam." in out
    code, out = play(tmp_path / "c", [], "--teams", "x" * 200)
    assert code == 2 and "is te lang: hoogstens 40 tekens" in out
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())


def test_the_prompt_for_teams_follows_the_same_rules(tmp_path: Path) -> None:
    code, out = play(tmp_path, ["y" * 41, ",", "Rood, rood, Blauw", "/stop"])
    assert code == 0, out
    assert "is te lang: hoogstens 40" in out and "Geef minstens één teamnaam." in out
    assert started_teams(tmp_path) == ("Rood", "Blauw")
