"""`casusspel play programme.yaml` on screen: a training day, block by block, resumable.

What the run is and what its journal says lives in ``casusspel.training.run``; the day's report
is drawn by ``casusspel.reports.training``. Here: the prompts, the panels and the wiring.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from casusspel.errors import HandledInterrupt
from casusspel.messages import Messages, os_reason
from casusspel.session.options import Mode, parse_teams
from casusspel.session.phones import PhonePage, open_room
from casusspel.training.programme import (
    BreakBlock,
    CasesBlock,
    EvaluationBlock,
    SelfAssessmentBlock,
    title_of,
)
from casusspel.training.run import (
    FEW_ANSWERS,
    ProgrammeRun,
    marks_per_question,
    mean,
    open_run,
    source_of,
)
from casusspel.ui.console import lose_output, make_console, output_gone, unless_gone
from casusspel.ui.prompts import Command, Interrupted, Prompter
from casusspel.ui.safe import literal
from casusspel.ui.selfassessment_view import ask_marks, assess_teams

if TYPE_CHECKING:
    from casusspel.ui.live import PhoneStarter


class ProgrammeDay:
    """Plays the pending blocks of a run with one console and one prompter."""

    def __init__(self, run: ProgrammeRun, msg: Messages | None = None) -> None:
        self.run = run
        self.msg = msg or Messages()
        self.console = make_console()
        self.prompter = Prompter(self.console, self.msg)
        self.page: PhonePage | None = None

    def play(self) -> None:
        with self.prompter.interrupts.catching():  # Ctrl-C stops at a prompt, never midway
            self._play()

    def _play(self) -> None:
        try:
            for index, block in self.run.pending():
                # a stop signal that came after the last prompt of the block before (while it
                # was saved or its reports written): stop here, never go on into this block
                self.prompter.interrupts.check()
                self.console.rule(literal(self.block_title(index)), style="cyan")
                if isinstance(block, CasesBlock):
                    if not self.cases_block(index, block):
                        self.stopped()
                        return
                elif isinstance(block, BreakBlock):
                    self.break_block(block)
                elif isinstance(block, SelfAssessmentBlock):
                    assess_teams(self.run.training, self.run.framework, block.selfassessment,
                                 self.run.teams, self.prompter, self.console)
                else:
                    self.evaluation_block(index, block)
                self.run.finish(index)
        except Interrupted as stop:
            self.stopped()
            if stop.ctrl_c:
                raise HandledInterrupt from None  # saved; exit code 130
            return
        except HandledInterrupt:  # Ctrl-C in a session of the programme: saved
            self.stopped()
            raise
        except OSError:
            if not output_gone(self.console):
                raise
            lose_output(self.console)  # the terminal went away (SIGHUP) while drawing
            self.stopped()
            return
        self.console.print(literal(self.msg("programme.done", title=self.run.programme.title),
                                   "bold green"))
        self.evaluation_summary()
        self.write_report()

    def block_title(self, index: int) -> str:
        from casusspel.reports.text import Words
        from casusspel.reports.training import block_line, block_name

        line = block_line(index + 1, self.run.programme.blocks[index])
        return self.msg("programme.block", n=index + 1, total=len(self.run.programme.blocks),
                        name=block_name(line, Words(self.msg.lang)))

    def stopped(self) -> None:
        from casusspel.commandline import quote
        from casusspel.session.folders import continue_command

        command = continue_command(f"casusspel play {quote(self.run.source)}",
                                   self.run.folder)
        with unless_gone(self.console):  # (SIGHUP: the run's journal has everything)
            self.console.print(literal(self.msg("programme.saved", command=command),
                                       "bold green"), soft_wrap=True)

    # -- blocks ------------------------------------------------------------------------------
    def cases_block(self, index: int, block: CasesBlock) -> bool:
        """Play the block's session (new or resumed); True when it is finished."""
        session = self.run.block_session(index, block, self.msg.lang, datetime.now())
        try:
            if not session.state.finished:
                from casusspel.ui.live import run_live

                page = self.page if block.mode is Mode.GROUP else None
                run_live(session, self.msg, plain=True, training=self.run.training,
                         console=self.console, prompter=self.prompter, page=page)
        finally:
            session.close()
        return session.state.finished

    def break_block(self, block: BreakBlock) -> None:
        title = literal(f"{title_of(block, self.msg)}\n"
                        f"{self.msg.plural('programme.minutes', block.pause)}", "bold")
        title.justify = "center"
        self.console.print(Panel(title, border_style="cyan", padding=(1, 4)))
        self.ask(self.msg("continue"))

    def ask(self, prompt: str) -> str | None:
        """A line; /stop stops the programme, other commands return None."""
        answer = self.prompter.line(prompt)
        if isinstance(answer, Command):
            if answer.name == "stop":
                raise Interrupted
            return None
        return answer

    def evaluation_block(self, index: int, block: EvaluationBlock) -> None:
        questions = block.evaluation.asked(self.msg)
        self.console.print(Text(self.msg("programme.evaluation.intro"), style="grey62"))
        for team in self.run.teams_to_evaluate(index):
            scores = ask_marks(self.prompter, self.console,
                               {question: f"{team}: {question}" for question in questions})
            if scores is None:
                continue
            answer = self.ask(f"{team}: {block.evaluation.open_question(self.msg)}") or ""
            self.run.evaluate(index, team, scores, answer)
            self.console.print(literal(self.msg("programme.team_saved", team=team),
                                       "bold green"))

    def write_report(self) -> None:
        """``verslag-programma.html`` in the run folder: blocks, evaluations, self-assessment."""
        from casusspel.reports.training import (
            build_day_report,
            render_day_html,
            selfassessment_report,
        )

        selfassessment = (selfassessment_report(self.run.training, self.run.framework)
                          if self.run.has_selfassessment() else None)
        report = build_day_report(self.run.programme, self.run.state, selfassessment)
        try:
            target = self.run.write_report(render_day_html(report, self.msg.lang))
        except OSError as exc:
            self.console.print(literal(self.msg("programme.report.failed",
                                                error=os_reason(exc).said()), "yellow"))
            return
        self.console.print(literal(self.msg("programme.report.written", path=str(target))))

    def evaluation_summary(self) -> None:
        evaluations = self.run.state.evaluations
        if not evaluations:
            return
        from casusspel.reports.text import Words

        w = Words(self.msg.lang)
        table = Table(title=self.msg("programme.summary.title"), title_justify="left")
        table.add_column(self.msg("day.report.question"))
        table.add_column(self.msg("programme.summary.mean"), justify="right")
        table.add_column(self.msg("programme.summary.answers"), justify="right")
        for question, values in marks_per_question(evaluations).items():
            average = mean(values)
            table.add_row(literal(question), "-" if average is None else w.number(average),
                          str(len(values)))
        self.console.print(table)
        if len(evaluations) < FEW_ANSWERS:
            self.console.print(Text(self.msg("programme.summary.few"), style="yellow"))
        for evaluation in evaluations:
            if evaluation.answer:
                self.console.print(literal(f"• {evaluation.team}: {evaluation.answer}"))


def continue_run(run_folder: Path, phones: PhoneStarter | None = None) -> None:
    """`casusspel resume RUN`: go on with a programme run from its own folder."""
    play_programme(source_of(run_folder), run_folder.parent, None, phones,
                   run_folder=run_folder)


def play_programme(path: Path, session_dir: Path, teams_option: str | None,
                   phones: PhoneStarter | None = None, run_folder: Path | None = None) -> None:
    run = open_run(path, session_dir, parse_teams(teams_option or ""), datetime.now(), run_folder)
    try:
        day = ProgrammeDay(run)
        if run.resumed:
            for warning in run.warnings:
                day.console.print(literal(warning, "yellow"))
            day.console.print(literal(day.msg("programme.continue", title=run.programme.title,
                                              done=run.done, total=len(run.programme.blocks)),
                                      "bold"))
        if phones is None:
            day.play()
            return
        # one phone page for the whole day: the same room code in every block; phones wait
        # between the blocks and during plenary and solo ones
        page = phones(open_room(run.folder, run.teams), day.msg, None)
        day.page = page
        try:
            day.play()
        finally:
            page.stop()
    finally:
        run.close()
