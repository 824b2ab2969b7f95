"""`casusspel repair SESSION`: keep everything before the first bad journal line, after asking."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text

from casusspel.errors import CasusspelError, HandledInterrupt
from casusspel.messages import Messages
from casusspel.session.folders import find_damage, journal_of, repair_session, resume_command
from casusspel.ui.console import make_console
from casusspel.ui.prompts import Interrupted, Prompter
from casusspel.ui.reporting import locate_session
from casusspel.ui.safe import literal

YES = ("j", "ja", "y", "yes")


def repair(reference: str, session_dir: Path | None, *, yes: bool) -> int:
    """Show the damage, ask, cut; returns the exit code (1 when nothing was repaired)."""
    msg = Messages()
    console = make_console()
    folder = locate_session(reference, session_dir)
    damage = find_damage(folder)
    if damage is None:
        console.print(literal(msg("repair.nothing", id=folder.name)))
        return 0
    if damage.line <= 1:
        raise CasusspelError(msg("repair.first_line", file=str(journal_of(folder))))
    console.print(literal(msg("repair.found", line=damage.line, reason=damage.reason), "bold"))
    console.print(literal(msg("repair.plan", keep=damage.line - 1, line=damage.line)))
    if not yes and not _confirm(Prompter(console, msg), msg("repair.ask")):
        console.print(Text(msg("repair.declined")))
        return 1
    done = repair_session(folder, damage.line, datetime.now())
    last = done.first_removed_line + done.removed_lines - 1
    console.print(literal(msg("repair.done", keep=done.first_removed_line - 1,
                              line=done.first_removed_line, last=last, backup=str(done.backup)),
                          "bold green"), soft_wrap=True)
    console.print(literal(msg("repair.next", command=resume_command(folder))), soft_wrap=True)
    return 0


def _confirm(prompter: Prompter, question: str) -> bool:
    try:
        answer = prompter.line(question)
    except Interrupted as stop:
        if stop.ctrl_c:  # nothing repaired; the command exits with 130 (Ctrl-D is no)
            raise HandledInterrupt from None
        return False
    return isinstance(answer, str) and answer.strip().lower() in YES
