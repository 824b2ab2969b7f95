"""The full-screen live round (Textual) and what is printed after it closes."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from casusspel.errors import HandledInterrupt
from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.phones import PhonePage
from casusspel.session.turns import Note
from casusspel.ui import screens
from casusspel.ui.console import lose_output, make_console, output_gone
from casusspel.ui.ending import not_saved, resume_hint, write_session_reports
from casusspel.ui.safe import literal


def run_app(controller: Controller, msg: Messages, training: Path | None = None,
            phones: PhonePage | None = None, notes: list[Note] | None = None) -> None:
    """Play in the full-screen app; afterwards, on the normal screen, the reports (finished)
    or the one-line command to resume (stopped, Ctrl-C, Ctrl-D, SIGHUP, SIGTERM)."""
    from casusspel.ui.app.live import LiveApp

    app = LiveApp(controller, msg, phones)
    app.notes = [*app.notes, *(notes or [])]  # e.g. why a resumed session opens paused
    result = app.run()
    console = make_console()
    session = controller.session
    if app.failure is not None:  # never 'Opgeslagen', never exit code 0
        raise not_saved(console, app.failure, app.current_draft_text or app.typed, session, msg)
    if result is None and not controller.state.finished:  # closed some other way: save
        controller.suspend(app.current_draft_text)
    try:
        if app.error:
            console.print(literal(app.error, "bold red"))
        if app.unsaved_line and not controller.state.finished:
            team, text = app.unsaved_line
            console.print(literal(msg("app.line.unsaved", team=team, text=text), "yellow"))
        if controller.state.finished:
            console.print(Text(msg("done.title"), style="bold"))
            early = screens.ended_early(controller.state, msg)
            if early is not None:
                console.print(early)
            console.print(literal(msg("done.saved", folder=str(session.folder))))
            for line, style in write_session_reports(session, msg, training):
                console.print(literal(line, style))
            return
        console.print(literal(resume_hint(session, msg), "bold green"), soft_wrap=True)
    except OSError:  # the terminal is gone (SIGHUP): the journal has everything
        if output_gone(console):
            lose_output(console)  # (or Python's last flush of stdout would make it 120)
    if result == "interrupted" and not controller.state.finished:
        raise HandledInterrupt  # saved; the command exits with 130 (Ctrl-C)
