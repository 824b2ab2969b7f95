"""The end of a live session, the same for every terminal front end: reports and the resume hint."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from casusspel.errors import CasusspelError
from casusspel.messages import Messages, error_text
from casusspel.session.folders import Session, resume_command
from casusspel.session.journal import JournalError
from casusspel.ui.safe import literal


class SaveFailed(CasusspelError):
    """A journal write failed: the program ends with exit code 1 and never says 'Opgeslagen'."""


def not_saved(console: Console, error: JournalError, typed: str, session: Session,
              msg: Messages) -> SaveFailed:
    """Say what was not saved and keep the typed text on screen (to copy, or to type again
    after ``resume``); returns the error that ends the program."""
    console.print(literal(str(error), "bold red"))
    console.print(literal(msg("save.failed.typed") if typed.strip() else msg("save.failed.step"),
                          "bold red"))
    if typed.strip():
        console.print(literal(typed))
    return SaveFailed(msg("save.failed.exit", command=resume_command(session.folder)))


def write_session_reports(session: Session, msg: Messages,
                          training: Path | None = None) -> list[tuple[str, str]]:
    """Markdown and HTML reports into the session folder; lines (text, style) to show.

    A failure never costs the session: the journal is safe, and the lines say how to retry.
    """
    from casusspel.reports import build_report, write_reports
    from casusspel.training.programme import read_questions

    try:
        questions = read_questions(training) if training else []
        report = build_report(session.engine, session.state, learning_questions=questions)
        paths = write_reports(report, session.folder)
    except Exception as exc:  # noqa: BLE001 - the journal is safe; say so and go on
        return [(msg("report.failed", error=error_text(exc), id=session.id), "yellow")]
    return [(msg("report.written", path=str(path)), "") for path in paths]


def resume_hint(session: Session, msg: Messages) -> str:
    """One line with the exact command that continues the session."""
    return msg("saved", command=resume_command(session.folder))
