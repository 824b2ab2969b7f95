"""Self-assessment on screen: asking (teams or one person after another) and the change chart.

The responses, their summary and the HTML chart live in ``casusspel.training.selfassessment`` and
``casusspel.reports.training``; here only the prompts and the terminal table.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from casusspel.content.model import Framework
from casusspel.errors import HandledInterrupt, UsageError
from casusspel.messages import Messages, os_reason
from casusspel.reports.text import Words
from casusspel.training.run import training_framework
from casusspel.training.selfassessment import FEW, MOMENTS, journal, overview, save
from casusspel.ui.console import make_console
from casusspel.ui.prompts import Command, Interrupted, Prompter
from casusspel.ui.safe import colour, literal, pillar_label

#: what ends the follow-up (besides a command such as /stop)
DONE_WORDS = ("klaar", "k", "q", "done")


def ask_scale(prompter: Prompter, console: Console, prompt: str) -> int | None:
    """A mark from 1 to 5, asked again until valid; None for a command (/overslaan, ...),
    Interrupted for /stop."""
    while True:
        answer = prompter.line(prompter.msg("selfassessment.scale_prompt", prompt=prompt))
        if isinstance(answer, Command):
            if answer.name == "stop":
                raise Interrupted
            return None
        if answer.strip() in ("1", "2", "3", "4", "5"):
            return int(answer)
        console.print(Text(prompter.msg("selfassessment.scale_again"), style="yellow"))


def ask_marks(prompter: Prompter, console: Console, prompts: dict[str, str]) -> \
        dict[str, int] | None:
    """A mark for each prompt (key -> prompt); None when the respondent is skipped."""
    marks: dict[str, int] = {}
    for key, prompt in prompts.items():
        mark = ask_scale(prompter, console, prompt)
        if mark is None:
            return None
        marks[key] = mark
    return marks


def ask_one(prompter: Prompter, console: Console, framework: Framework, who: str) -> \
        dict[str, int] | None:
    """Scores per pillar for one respondent; None when skipped with a command."""
    return ask_marks(prompter, console, {p.id: f"{who}: {p.name}" for p in framework.pillars})


def assess_teams(training: Path, framework: Framework, moment: str, teams: tuple[str, ...],
                 prompter: Prompter, console: Console) -> None:
    """Every team rates itself once (programme block 'selfassessment: start|end')."""
    console.print(Text(prompter.msg("selfassessment.intro"), style="grey62"))
    store = journal(training)
    for team in teams:
        scores = ask_one(prompter, console, framework, team)
        if scores is not None:
            save(store, moment, scores, datetime.now())
            console.print(literal(prompter.msg("selfassessment.team_saved", team=team),
                                  "bold green"))


def followup(training: Path) -> None:
    """One person after another rates themselves; 'klaar' (or a command) ends. Ctrl-C ends as
    well, after saying how many were stored (each is saved as soon as it is complete), and the
    command then exits with 130 (interrupted), as every other command does."""
    console = make_console()
    msg = Messages()
    prompter = Prompter(console, msg)
    framework = training_framework(training)
    console.print(Text(msg("selfassessment.intro"), style="grey62"))
    store = journal(training)
    count = 0
    ctrl_c = False
    try:
        while True:
            answer = prompter.line(msg("selfassessment.next", n=count + 1))
            if isinstance(answer, Command) or answer.strip().lower() in DONE_WORDS:
                break
            scores = ask_one(prompter, console, framework,
                             msg("selfassessment.person", n=count + 1))
            if scores is None:
                continue
            save(store, "followup", scores, datetime.now())
            count += 1
            console.print(Text(msg("selfassessment.saved"), style="bold green"))
    except Interrupted as stop:
        ctrl_c = stop.ctrl_c
    console.print(literal(msg.plural("selfassessment.stored", count, folder=str(training)),
                          "bold"))
    if ctrl_c:
        raise HandledInterrupt  # said what was kept; exit code 130


def evaluation_view(training: Path, framework: Framework, msg: Messages) -> RenderableType:
    summed = overview(training, framework.pillar_ids)
    table = Table(title=msg("selfassessment.title.mean"), title_justify="left")
    table.add_column(msg("selfassessment.pillar"), no_wrap=True)
    for moment in MOMENTS:
        table.add_column(msg("selfassessment.moment.counted",
                             moment=msg(f"selfassessment.moment.{moment}"),
                             n=summed.counts[moment]), no_wrap=True)
    for pillar in framework.pillars:
        row = []
        for moment in MOMENTS:
            cell = summed.cells[pillar.id].get(moment)
            if cell is None:
                row.append(Text("-", style="grey50"))
                continue
            filled = round(cell.mean * 2)
            row.append(Text("█" * filled, style=colour(pillar.color))
                       + Text("░" * (10 - filled), style="grey30")
                       + Text(f" {Words(msg.lang).number(cell.mean)}"))
        table.add_row(pillar_label(pillar.label, pillar.color), *row)
    notes: list[RenderableType] = [table]
    if summed.empty:
        notes.append(Text(msg("selfassessment.none"), style="yellow"))
    elif summed.few:
        notes.append(Text(msg("selfassessment.few", few=FEW), style="yellow"))
    return Group(*notes)


def show_evaluation(training: Path, output: Path | None) -> None:
    framework = training_framework(training)
    console = make_console()
    msg = Messages()
    console.print(evaluation_view(training, framework, msg))
    if output is not None:
        from casusspel.reports.training import render_selfassessment_html, selfassessment_report
        from casusspel.session.folders import check_output

        check_output(output)
        text = render_selfassessment_html(selfassessment_report(training, framework), msg.lang)
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(msg("selfassessment.write_failed", path=str(output),
                                 error=os_reason(exc).said())) from None
        console.print(literal(msg("selfassessment.written", path=str(output))))
