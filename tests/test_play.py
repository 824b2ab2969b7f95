"""The live session driven through the CLI with typed input (CliRunner), and resuming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.session.journal import read_journal

runner = CliRunner()


def play(tmp_path: Path, lines: list[str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["play", "--session-dir", str(tmp_path), *args],
                           input="\n".join(lines) + "\n")
    return result.exit_code, result.stdout


def journal(tmp_path: Path) -> list[dict[str, object]]:
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    return [json.loads(line) for line in (folder / "journal.jsonl").read_text(
        encoding="utf-8").splitlines()]


TOLK_ROUND = [
    "",                      # situation
    "/help",                 # help at a prompt
    "99",                    # invalid factor number: asked again
    "12 13 9",               # Tafel 1: taal, gezin, armoede
    "12 7",                  # Tafel 2: taal, levensfase
    "Z", "b",                # invalid letter, then B
    "c",
    "We regelen een professionele tolk en vragen Noor apart hoe het met haar gaat.", "",
    "In hun cultuur [bold]tolken[/] kinderen.", "",
    "",                      # reveal
    "s", "2", "2", "1", "eerlijk besproken",   # override Tafel 2 leefwereld = 1
    "h", "2", "b",           # Tafel 2 reconsiders to B
    "",                      # end discussion -> stage (both teams now on B)
    "a", "c",                # stage choices
    "",                      # stage reveal -> done (single case)
]


def test_full_group_round_with_stage_override_and_reconsideration(tmp_path: Path) -> None:
    code, out = play(tmp_path, TOLK_ROUND, "--cases", "tolk-aan-tafel",
                     "--teams", "Tafel 1,Tafel 2")
    assert code == 0, out
    assert "Opdrachten die overal werken" in out
    assert "Dat begrijp ik niet: 99" in out
    assert "Kies A, B, C of D." in out
    assert "Tafel 1 heeft geantwoord ✓" in out
    assert "Al geantwoord: Tafel 1 ✓" in out  # still visible on the next team's screen
    assert "In hun cultuur [bold]tolken[/] kinderen." in out
    assert "Bespreekpunt" in out
    assert "Twee weken later" in out
    assert "Sessie opgeslagen in" in out
    kinds = [e["type"] for e in journal(tmp_path)]
    assert kinds[0] == "session_started"
    assert kinds.count("factors_answered") == 2
    assert "score_overridden" in kinds and "action_reconsidered" in kinds
    assert kinds[-1] == "session_ended"
    reflection = next(e for e in journal(tmp_path) if e["type"] == "reflection_written"
                      and e["team"] == "Tafel 2")
    assert reflection["text"] == "In hun cultuur [bold]tolken[/] kinderen."


def test_back_and_skip_commands(tmp_path: Path) -> None:
    lines = ["", "12", "/terug", "13", "/overslaan", "a", "/stop"]
    code, out = play(tmp_path, lines, "--cases", "tolk-aan-tafel", "--teams", "A,B")
    assert code == 0
    events = journal(tmp_path)
    kinds = [e["type"] for e in events]
    assert "step_back" in kinds and "skipped" in kinds
    factors = [e for e in events if e["type"] == "factors_answered"]
    assert [f["factors"] for f in factors] == [["taal"], ["gezin"]]
    assert "casusspel resume" in out


def test_end_of_input_saves_and_resume_continues_with_answers_intact(tmp_path: Path) -> None:
    code, out = play(tmp_path, ["", "12 13", "9"], "--cases", "tolk-aan-tafel",
                     "--teams", "A,B")
    assert code == 0
    assert "Opgeslagen. Verder spelen: casusspel resume" in out
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    result = runner.invoke(app, ["resume", folder.name[:12], "--session-dir", str(tmp_path)],
                           input="b\nc\n")
    assert result.exit_code == 0, result.stdout
    events, warnings = read_journal(folder / "journal.jsonl")
    assert warnings == []
    answered = [e for e in events if e.type == "factors_answered"]
    assert [(e.team, e.factors) for e in answered] == [  # type: ignore[attr-defined]
        ("A", ("taal", "gezin")), ("B", ("armoede",))]
    chosen = [(e.team, e.choice_id) for e in events if e.type == "action_chosen"]  # type: ignore[attr-defined]
    assert chosen == [("A", "b"), ("B", "c")]
    assert [e.type for e in events].count("session_resumed") == 1


def test_solo_mode_gives_feedback_at_once(tmp_path: Path) -> None:
    lines = ["", "10 9", "", "b", "", "We vroegen door en bouwden vertrouwen op.", "", "", ""]
    code, out = play(tmp_path, lines, "--cases", "brief-van-de-gemeente", "--mode", "solo")
    assert code == 0, out
    assert "Feedback" in out
    assert "✓ Opleiding en geletterdheid" in out and "✓ Inkomen en armoede" in out
    assert "Je sluit aan bij wat hij zelf aanreikt" in out


def test_plenary_votes_chart_and_revote_shift(tmp_path: Path) -> None:
    lines = ["", "5", "999", "2", "x", "1", "0", "", "s", "1", "6", "0", "1", "", ""]
    code, out = play(tmp_path, lines, "--cases", "brief-van-de-gemeente", "--mode", "plenary",
                     "--teams", "Tafel 1,Tafel 2")
    assert code == 0, out
    assert "--teams wordt niet gebruikt in de plenaire vorm" in out
    assert "999 handen voor B? Dat is meer dan 200." in out  # a typo for 9? asked again
    assert "Typ een heel getal" in out
    assert "(-4)" in out and "(+4)" in out
    votes = [e for e in journal(tmp_path) if e["type"] == "votes_counted"]
    assert votes[0]["counts"] == {"a": 5, "b": 2, "c": 1, "d": 0}
    assert votes[1]["counts"] == {"a": 1, "b": 6, "c": 0, "d": 1}


def test_teams_are_asked_when_not_given_and_english_works(tmp_path: Path) -> None:
    code, out = play(tmp_path, ["Table 1", "", "/stop"], "--cases", "brief-van-de-gemeente",
                     "--lang", "en")
    assert code == 0
    assert "Team names, separated by commas" in out
    assert "Which diversity factors are decisive here?" in out
    assert journal(tmp_path)[0]["teams"] == ["Table 1"]


def test_unknown_case_and_bad_timer_are_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["play", "--cases", "tolk-aan-tafl", "--teams", "A",
                                 "--session-dir", str(tmp_path)])
    assert result.exit_code == 2 and "tolk-aan-tafel" in result.stderr
    result = runner.invoke(app, ["play", "--timer", "soms", "--teams", "A",
                                 "--session-dir", str(tmp_path)])
    assert result.exit_code == 2 and "5m" in result.stderr


def test_timer_is_recorded_and_shown(tmp_path: Path) -> None:
    code, out = play(tmp_path, ["", "/stop"], "--cases", "brief-van-de-gemeente",
                     "--teams", "A", "--timer", "2m")
    assert code == 0
    assert "⏱ nog 2:00" in out or "⏱ nog 1:5" in out
    assert any(e["type"] == "timer_started" and e["seconds"] == 120 for e in journal(tmp_path))


def test_read_only_session_folder_fails_before_the_session(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["play", "--teams", "A", "--session-dir", str(blocker / "sub")],
                           input="\n")
    assert result.exit_code == 1
    assert "kunnen niet worden opgeslagen" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_sessions_lists_unfinished_first(tmp_path: Path) -> None:
    play(tmp_path, ["", "/stop"], "--cases", "brief-van-de-gemeente", "--teams", "A")
    result = runner.invoke(app, ["sessions", "--session-dir", str(tmp_path)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "brief-van-de-gemeente" in result.stdout and "casus 1 van 1" in result.stdout


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_english_session_says_that_reflections_are_scored_in_dutch(
        tmp_path: Path, lang: str) -> None:
    """A trainer who plays with --lang en is told on the first screen that the scorer reads
    Dutch (a playtest scored a strong English reflection 0 without any warning)."""
    code, out = play(tmp_path, ["/stop"], "--cases", "tolk-aan-tafel", "--teams", "A,B",
                     "--lang", lang)
    assert code == 0
    english = "reflections are scored with Dutch indicators"
    assert (english in " ".join(out.split())) is (lang == "en")
    assert "Nederlandse aanwijzingen" not in out


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_signal_after_the_last_prompt_ends_a_finished_session_as_finished(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: str) -> None:
    """SIGTERM while the last answer is saved and the reports are written: no prompt follows to
    act on it, and none needs to. The session is finished and in its journal (the save that
    SIGTERM asks for), the reports are written, and the command ends there with 0, as SIGTERM
    always does; a Ctrl-C that came then still says 130 (interrupted)."""
    import signal

    from casusspel.ui.ending import write_session_reports as written

    def signal_then_write(*args: object, **kwargs: object) -> object:
        signal.raise_signal(getattr(signal, signum))  # (kept: no prompt is waiting)
        return written(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("casusspel.ui.plain.write_session_reports", signal_then_write)
    code, out = play(tmp_path, ["", "5", "2", "1", "0", "", ""], "--cases",
                     "brief-van-de-gemeente", "--mode", "plenary")
    assert code == (130 if signum == "SIGINT" else 0), out
    assert "Einde van de sessie" in out and "Verslag: " in out
    kinds = [e["type"] for e in journal(tmp_path)]
    assert kinds[-1] == "session_ended" and "session_paused" not in kinds
