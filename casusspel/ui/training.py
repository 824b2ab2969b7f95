"""Learning questions and the planner on screen: leervragen add|list|import, plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from casusspel.commandline import command_line
from casusspel.content.library import load_cases, load_framework
from casusspel.errors import UsageError
from casusspel.files import FileRefused, create_new, read_capped
from casusspel.messages import Messages, os_reason
from casusspel.session.folders import check_output
from casusspel.session.options import Mode, Scoreboard
from casusspel.training.programme import (
    add_questions,
    parse_question_file,
    programme_yaml,
    read_questions,
)
from casusspel.ui.console import make_console
from casusspel.ui.safe import literal, visible

MAX_IMPORT_BYTES = 2_000_000


def add(folder: Path, questions: list[str]) -> None:
    if not any(q.strip() for q in questions):
        raise UsageError(Messages()("learning.add.empty"))
    added, skipped = _store(folder, questions)
    _say_added(folder, added, skipped)


def import_file(folder: Path, source: Path) -> None:
    msg = Messages()
    path = str(source)
    try:
        text = read_capped(source, MAX_IMPORT_BYTES).decode("utf-8-sig")
    except FileRefused as refused:
        if refused.kind == "too_large":
            raise UsageError(msg("learning.import.too_large", path=path)) from None
        raise UsageError(msg("learning.import.not_regular", path=path,
                             kind=msg(f"file.kind.{refused.kind}"))) from None
    except FileNotFoundError:
        raise UsageError(msg("learning.import.missing", path=path)) from None
    except UnicodeDecodeError:
        raise UsageError(msg("learning.import.not_utf8", path=path)) from None
    except OSError as exc:
        raise UsageError(msg("file.cannot_read", path=path,
                             reason=os_reason(exc).said())) from None
    questions = parse_question_file(text, source.suffix)
    if not questions:
        raise UsageError(msg("learning.import.none", path=path))
    added, skipped = _store(folder, questions)
    _say_added(folder, added, skipped)


def _store(folder: Path, questions: list[str]) -> tuple[int, int]:
    try:
        return add_questions(folder, questions, date.today())
    except OSError as exc:
        raise UsageError(Messages()("learning.cannot_save", folder=str(folder),
                                    reason=os_reason(exc).said())) from None


def _say_added(folder: Path, added: int, skipped: int) -> None:
    console = make_console()
    msg = Messages()
    message = msg.plural("learning.added", added)
    if skipped:
        message += " " + msg.plural("learning.skipped", skipped)
    console.print(literal(msg("learning.total", added=message, total=len(read_questions(folder)),
                              file=str(folder / "leervragen.yaml"))))


def show(folder: Path) -> None:
    questions = read_questions(folder)
    console = make_console()
    msg = Messages()
    if not questions:
        console.print(literal(msg("learning.none", folder=str(folder))))
        return
    table = Table(title=msg("learning.title", n=len(questions)), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column(msg("learning.column.question"))
    for number, question in enumerate(questions, 1):
        table.add_row(str(number), literal(question))
    console.print(table)


def plan_training(folder: Path, minutes: int, paths: list[Path] | None,
                  output: Path | None, title: str, *, days: int = 1,
                  audience: str | None = None) -> None:
    """Plan one training day, or ``days`` days (a leergang: each day full, no case twice)."""
    from casusspel.training.planning import for_audience, plan

    msg = Messages()
    questions = read_questions(folder)
    if not questions:
        raise UsageError(msg("plan.no_questions", folder=str(folder)))
    if minutes < 5:
        raise UsageError(msg("plan.minutes"))
    if not 1 <= days <= 10:
        raise UsageError(msg("plan.days"))
    cases = for_audience(load_cases(paths), audience)
    if not cases:
        raise UsageError(msg("plan.no_cases", audience=audience))
    result = plan(questions, cases, load_framework(), minutes, days=days, fill=days > 1)
    titles = {c.id: c.title for c in cases}
    console = make_console()
    _show_answers(console, questions, result, titles, minutes, days)
    outputs = _day_files(output, days)
    for day, case_ids in enumerate(result.days, 1):
        day_title = title if days == 1 else msg("plan.day_title", title=title, day=day)
        answered = [q for i, q in enumerate(questions)
                    if any(m.case_id in case_ids for m in result.answers.get(i, []))]
        text = _programme(day_title, questions, result, case_ids, answered, minutes)
        target = outputs[day - 1] if outputs else None
        if days > 1:
            used = sum(c.minutes for c in cases if c.id in case_ids)
            console.print(literal(msg("plan.day_line", day=day, cases=msg.plural(
                "list.cases", len(case_ids)), used=used, minutes=minutes,
                ids=", ".join(case_ids) or msg("plan.none")), "bold"))
        _write_programme(console, text, target)


def _show_answers(console: Any, questions: list[str], result: Any, titles: dict[str, str],
                  minutes: int, days: int) -> None:
    msg = Messages()
    table = Table(title=msg("plan.title", cases=msg.plural("list.cases", len(result.case_ids)),
                            used=result.minutes, budget=minutes * days), title_justify="left")
    table.add_column(msg("plan.column.question"), ratio=2)
    table.add_column(msg("plan.column.answered"), ratio=3)
    for index, question in enumerate(questions):
        answers = result.answers.get(index, [])
        cell = Text()
        for match in answers[:2]:
            cell.append(literal(titles[match.case_id], "bold"))
            cell.append(f" ({match.case_id})\n", style="grey62")
            cell.append(visible("  " + "; ".join(match.reasons)) + "\n")
        if not answers:
            cell.append(msg("plan.no_case_in_time"), style="yellow")
        table.add_row(literal(question), cell)
    console.print(table)
    if result.left_out:
        console.print(literal(msg("plan.left_out", ids=", ".join(result.left_out)), "grey62"))


def _day_files(output: Path | None, days: int) -> list[Path]:
    if output is None:
        return []
    if days == 1:
        return [output]
    word = Messages()("plan.day_file")
    return [output.with_name(f"{output.stem}-{word}-{day}{output.suffix or '.yaml'}")
            for day in range(1, days + 1)]


def _programme(title: str, questions: list[str], result: Any, case_ids: list[str],
               answered: list[str], minutes: int) -> str:
    msg = Messages()
    notes = [msg("plan.note.made", date=date.today().isoformat()),
             msg("plan.note.cases", cases=msg.plural("list.cases", len(case_ids)),
                 minutes=minutes), ""]
    for index, question in enumerate(questions):
        ids = [m.case_id for m in result.answers.get(index, []) if m.case_id in case_ids]
        notes.append(msg("plan.note.question", n=index + 1, question=question))
        notes.append("  -> " + (", ".join(ids) if ids else msg("plan.note.not_today")))
    blocks: list[dict[str, Any]] = [
        {"title": msg("plan.block.cases"), "cases": case_ids, "mode": Mode.GROUP.value,
         "scoreboard": Scoreboard.COOPERATIVE.value, "learning_questions": answered},
        {"evaluation": {"questions": [msg("plan.eval.useful"), msg("plan.eval.safe")],
                        "open": msg("plan.eval.open")}},
    ]
    teams = [msg("plan.team", n=n) for n in (1, 2, 3)]
    return programme_yaml(title, teams, blocks, notes)


def _write_programme(console: Any, text: str, output: Path | None) -> None:
    msg = Messages()
    if output is None:
        console.print(Text(msg("plan.programme_header"), style="bold"))
        print(text, end="")
        return
    check_output(output)
    try:
        create_new(output, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(msg("file.exists", path=str(output))) from None
    except OSError as exc:
        raise UsageError(msg("file.cannot_write", path=str(output),
                             reason=os_reason(exc).said())) from None
    console.print(literal(msg("plan.written", path=str(output),
                              command=command_line("validate", output)), "bold green"),
                  soft_wrap=True)
