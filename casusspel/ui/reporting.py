"""`casusspel report SESSION`: the report on screen, on stdout or in a file (wiring for cli.py).

Apart from ``live`` (play and resume), so a report does not import the live session's
controller, phones and prompts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.text import Text

from casusspel.errors import UsageError
from casusspel.messages import Messages, os_reason
from casusspel.session.folders import (
    JOURNAL,
    check_output,
    find_session,
    open_session,
    sessions_dir,
)
from casusspel.ui.console import make_console
from casusspel.ui.safe import literal


def locate_session(reference: str, session_dir: Path | None) -> Path:
    """A session by folder path, journal path, id or unique id prefix."""
    candidate = Path(reference).expanduser()
    if candidate.is_file() and candidate.name == JOURNAL:
        return candidate.parent
    if candidate.is_dir() and (candidate / JOURNAL).is_file():
        return candidate
    return find_session(sessions_dir(session_dir), reference)


def show_report(reference: str, session_dir: Path | None, *, fmt: str | None,
                output: Path | None, anonymise: bool, training: Path | None = None) -> None:
    from casusspel.reports import build_report, render_parts, write_text

    session = open_session(locate_session(reference, session_dir))
    console = make_console()
    msg = Messages()
    errors = make_console(stderr=True)
    for warning in session.warnings:  # on stderr: the report on stdout stays clean
        errors.print(literal(warning, "yellow"))
    questions: list[str] = []
    if training:
        from casusspel.training.programme import read_questions

        questions = read_questions(training)
    session.engine.score_ahead(session.state)  # (a process of its own: no other threads)
    report = build_report(session.engine, session.state, anonymise=anonymise,
                          learning_questions=questions)
    if output is None and fmt is None and sys.stdout.isatty():
        from casusspel.ui.report_view import report_view

        console.print(report_view(report, console.width))
        console.print(Text(msg("report.as_file", session=session.id), style="grey62"))
        return
    by_suffix = {".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}
    chosen = fmt or (by_suffix.get(output.suffix.lower(), "md") if output else "md")
    parts = render_parts(report, chosen)
    if output is None:
        for part in parts:
            sys.stdout.write(part)
        return
    check_output(output)
    try:
        write_text(output, parts, chosen)
    except OSError as exc:
        raise UsageError(msg("report.write_failed", path=output,
                                 reason=os_reason(exc).said())) from None
    errors.print(literal(msg("report.file_written", path=output)))
