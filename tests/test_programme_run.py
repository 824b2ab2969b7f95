"""Playing a programme file: blocks in order, evaluation answers in the journal, resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.session.events import (
    BlockFinished,
    BlockStarted,
    EvaluationGiven,
    Event,
    ProgrammeStarted,
)
from casusspel.session.folders import open_session
from casusspel.session.journal import read_journal

runner = CliRunner()
PROGRAMME = """\
title: Proefdag
teams: [Tafel 1, Tafel 2]
blocks:
  - cases: [brief-van-de-gemeente]
    mode: plenary
  - pause: 10
    title: Koffie
  - evaluation:
      questions: [Hoe bruikbaar was dit?, Hoe veilig voelde het?]
      open: Wat neem je mee?
"""
PLENARY = ["", "5", "2", "1", "0", "", "", ""]  # situation, votes a-d, reveal, discussion, end


def play(tmp_path: Path, lines: list[str]) -> tuple[int, str]:
    programme = tmp_path / "dag.yaml"
    if not programme.exists():
        programme.write_text(PROGRAMME, encoding="utf-8")
    result = runner.invoke(app, ["play", str(programme), "--session-dir", str(tmp_path / "s")],
                           input="\n".join(lines) + "\n")
    return result.exit_code, result.stdout + result.stderr


def progress(tmp_path: Path) -> list[Event]:
    [run] = [p for p in (tmp_path / "s").iterdir() if p.name.endswith("-programma")]
    events, warnings = read_journal(run / "programma.jsonl")
    assert warnings == []
    return events


def test_a_programme_runs_every_block_and_keeps_the_evaluation(tmp_path: Path) -> None:
    code, out = play(tmp_path, [*PLENARY, "",                  # the break
                                "9", "4", "5", "De tolkvraag",   # Tafel 1 (9 is asked again)
                                "3", "4", ""])                  # Tafel 2, no open answer
    assert code == 0, out
    assert "Blok 1 van 3" in out and "Koffie" in out and "Blok 3 van 3: Evaluatie" in out
    assert "Typ een cijfer van 1 tot en met 5." in out
    assert "Het programma 'Proefdag' is klaar." in out and "3,5" in out
    events = progress(tmp_path)
    assert isinstance(events[0], ProgrammeStarted) and events[0].teams == ("Tafel 1", "Tafel 2")
    [block] = [e for e in events if isinstance(e, BlockStarted)]
    assert open_session(tmp_path / "s" / block.session).state.finished
    given = [e for e in events if isinstance(e, EvaluationGiven)]
    assert [(e.team, e.scores, e.answer) for e in given] == [
        ("Tafel 1", {"Hoe bruikbaar was dit?": 4, "Hoe veilig voelde het?": 5}, "De tolkvraag"),
        ("Tafel 2", {"Hoe bruikbaar was dit?": 3, "Hoe veilig voelde het?": 4}, "")]
    assert [e.index for e in events if isinstance(e, BlockFinished)] == [0, 1, 2]
    [run] = [p for p in (tmp_path / "s").iterdir() if p.name.endswith("-programma")]
    page = (run / "verslag-programma.html").read_text(encoding="utf-8")
    assert "<td>Hoe bruikbaar was dit?</td><td>3,5</td><td>2</td>" in page
    assert "Tafel 1: De tolkvraag" in page and f"casusspel report {block.session}" in page


def test_stop_during_the_evaluation_then_play_again_continues(tmp_path: Path) -> None:
    code, out = play(tmp_path, [*PLENARY, "", "4", "5", "Veel", "/stop"])
    assert code == 0
    assert "Programma opgeslagen. Verder met: casusspel play" in out
    code, out = play(tmp_path, ["2", "2", "Minder"])
    assert code == 0, out
    assert "Verder met het programma 'Proefdag' (2 van 3 blokken klaar)" in out
    assert "Tafel 1: Hoe bruikbaar" not in out  # Tafel 1 already answered
    given = [e for e in progress(tmp_path) if isinstance(e, EvaluationGiven)]
    assert [e.team for e in given] == ["Tafel 1", "Tafel 2"]


def test_stop_inside_a_case_block_resumes_that_session(tmp_path: Path) -> None:
    code, _ = play(tmp_path, ["", "5", "/stop"])
    assert code == 0
    code, out = play(tmp_path, ["", "2", "1", "0", "", "", "", "", "5", "5", "", "5", "5", ""])
    assert code == 0, out
    [block] = [e for e in progress(tmp_path) if isinstance(e, BlockStarted)]
    sessions = [p for p in (tmp_path / "s").iterdir() if not p.name.endswith("-programma")]
    assert [p.name for p in sessions] == [block.session]  # the same session, not a new one


def test_invalid_or_teamless_programmes_are_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "dag.yaml").write_text("title: Dag\nblocks:\n  - cases: [bestaat-niet]\n",
                                       encoding="utf-8")
    code, out = play(tmp_path, [])
    assert code == 2 and "casusspel validate" in out
    (tmp_path / "dag.yaml").write_text("title: Dag\nblocks:\n  - cases: [tolk-aan-tafel]\n",
                                       encoding="utf-8")
    code, out = play(tmp_path, [])
    assert code == 2 and "--teams" in out


def test_resume_lists_and_continues_a_programme(tmp_path: Path) -> None:
    code, _ = play(tmp_path, [*PLENARY, "", "/stop"])  # the case block and the break
    assert code == 0
    listing = runner.invoke(app, ["resume", "--session-dir", str(tmp_path / "s")], input="\n")
    assert "Programma 'Proefdag' (2 van 3 blokken klaar): casusspel resume" in listing.stdout
    [run] = [p for p in (tmp_path / "s").iterdir() if p.name.endswith("-programma")]
    result = runner.invoke(app, ["resume", run.name, "--session-dir", str(tmp_path / "s")],
                           input="\n".join(["4", "4", "", "3", "3", ""]) + "\n")
    assert result.exit_code == 0, result.output
    assert "Het programma 'Proefdag' is klaar." in result.stdout
    assert len([p for p in (tmp_path / "s").iterdir() if p.name.endswith("-programma")]) == 1


def test_a_run_played_in_english_resumes_in_english(tmp_path: Path) -> None:
    programme = tmp_path / "dag.yaml"
    programme.write_text(PROGRAMME, encoding="utf-8")
    sessions = str(tmp_path / "s")
    first = runner.invoke(app, ["play", str(programme), "--session-dir", sessions, "--lang", "en"],
                          input="\n".join([*PLENARY, "", "/stop"]) + "\n")
    assert first.exit_code == 0, first.output
    [run] = [p for p in (tmp_path / "s").iterdir() if p.name.endswith("-programma")]
    again = runner.invoke(app, ["resume", run.name, "--session-dir", sessions],
                          input="\n".join(["4", "4", "", "3", "3", ""]) + "\n")
    assert again.exit_code == 0, again.output
    assert "The programme 'Proefdag' is done." in again.stdout, again.stdout
    assert "Het programma" not in again.stdout
    dutch = runner.invoke(app, ["resume", run.name, "--session-dir", sessions, "--lang", "nl"])
    assert "Het programma 'Proefdag' is klaar." in dutch.stdout  # --lang wins


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_signal_in_the_last_steps_of_a_block_stops_before_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: str) -> None:
    """SIGTERM (a shutdown) while the case block's last step is saved and its reports are
    written: no prompt of that block follows to act on it. The block is finished and kept, and
    the programme stops there, saved, without starting the break (it used to go on into the
    next block and stop only at its first prompt; with no prompt there it went on further).
    SIGTERM and SIGHUP exit with 0, Ctrl-C with 130; `play` again goes on at the break."""
    import signal

    from casusspel.ui.ending import write_session_reports as written

    def signal_then_write(*args: object, **kwargs: object) -> object:
        signal.raise_signal(getattr(signal, signum))  # (kept: no prompt is waiting)
        return written(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("casusspel.ui.plain.write_session_reports", signal_then_write)
    code, out = play(tmp_path, [*PLENARY, "", "4", "4", "", "3", "3", ""])
    assert code == (130 if signum == "SIGINT" else 0), out
    assert "Einde van de sessie" in out  # the block ended and was shown
    assert "Koffie" not in out and "Blok 2 van 3" not in out
    assert "Programma opgeslagen. Verder met: casusspel play" in out
    events = progress(tmp_path)
    assert [e.index for e in events if isinstance(e, BlockFinished)] == [0]
    monkeypatch.undo()
    code, out = play(tmp_path, ["", "4", "4", "", "3", "3", ""])
    assert code == 0, out
    assert "Blok 2 van 3" in out and "Het programma 'Proefdag' is klaar." in out
