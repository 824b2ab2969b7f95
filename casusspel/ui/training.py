"""Learning questions and the planner on screen: leervragen add|list|import, plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from casusspel.content.library import load_cases, load_framework
from casusspel.errors import UsageError
from casusspel.files import FileRefused, create_new, read_capped
from casusspel.messages import Messages
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
        raise UsageError('Geef een vraag, bijvoorbeeld: casusspel leervragen add "Hoe herken '
                         'ik laaggeletterdheid?"')
    added, skipped = _store(folder, questions)
    _say_added(folder, added, skipped)


def import_file(folder: Path, source: Path) -> None:
    try:
        text = read_capped(source, MAX_IMPORT_BYTES).decode("utf-8-sig")
    except FileRefused as refused:
        if refused.kind == "too_large":
            raise UsageError(f"{source} is groter dan 2 MB; is dit wel een lijst met vragen?") \
                from None
        raise UsageError(f"{source} is {Messages()(f'file.kind.{refused.kind}')}, geen gewoon "
                         "bestand; geef een tekstbestand of CSV.") from None
    except FileNotFoundError:
        raise UsageError(f"Bestand {source} niet gevonden.") from None
    except UnicodeDecodeError:
        raise UsageError(f"{source} is geen UTF-8-tekst. Sla het op als 'CSV UTF-8' of als "
                         "platte tekst (UTF-8).") from None
    except OSError as exc:
        raise UsageError(f"Kan {source} niet lezen: {exc.strerror or exc}") from None
    questions = parse_question_file(text, source.suffix)
    if not questions:
        raise UsageError(f"Geen vragen gevonden in {source}: zet één vraag per regel.")
    added, skipped = _store(folder, questions)
    _say_added(folder, added, skipped)


def _store(folder: Path, questions: list[str]) -> tuple[int, int]:
    try:
        return add_questions(folder, questions, date.today())
    except OSError as exc:
        raise UsageError(f"Kan niet opslaan in {folder}: {exc.strerror or exc}") from None


def _say_added(folder: Path, added: int, skipped: int) -> None:
    console = make_console()
    message = f"{added} vraag toegevoegd" if added == 1 else f"{added} vragen toegevoegd"
    if skipped:
        message += f" ({skipped} stond(en) er al)"
    console.print(literal(f"{message}; in totaal {len(read_questions(folder))} in "
                          f"{folder / 'leervragen.yaml'}"))


def show(folder: Path) -> None:
    questions = read_questions(folder)
    console = make_console()
    if not questions:
        console.print(literal(f"Nog geen leervragen in {folder}. Voeg toe met: casusspel "
                              "leervragen add \"...\" of leervragen import BESTAND"))
        return
    table = Table(title=f"Leervragen ({len(questions)})", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("vraag")
    for number, question in enumerate(questions, 1):
        table.add_row(str(number), literal(question))
    console.print(table)


def plan_training(folder: Path, minutes: int, paths: list[Path] | None,
                  output: Path | None, title: str, *, days: int = 1,
                  audience: str | None = None) -> None:
    """Plan one training day, or ``days`` days (a leergang: each day full, no case twice)."""
    from casusspel.training.planning import for_audience, plan

    questions = read_questions(folder)
    if not questions:
        raise UsageError(f"Nog geen leervragen in {folder}. Begin met: casusspel leervragen "
                         "add \"...\"")
    if minutes < 5:
        raise UsageError("Geef de beschikbare tijd in minuten, bijvoorbeeld --minutes 120.")
    if not 1 <= days <= 10:
        raise UsageError("Geef het aantal dagen van 1 tot en met 10, bijvoorbeeld --days 3.")
    cases = for_audience(load_cases(paths), audience)
    if not cases:
        raise UsageError(f"Geen casussen voor doelgroep '{audience}'.")
    result = plan(questions, cases, load_framework(), minutes, days=days, fill=days > 1)
    titles = {c.id: c.title for c in cases}
    console = make_console()
    _show_answers(console, questions, result, titles, minutes, days)
    outputs = _day_files(output, days)
    for day, case_ids in enumerate(result.days, 1):
        day_title = title if days == 1 else f"{title}, dag {day}"
        answered = [q for i, q in enumerate(questions)
                    if any(m.case_id in case_ids for m in result.answers.get(i, []))]
        text = _programme(day_title, questions, result, case_ids, answered, minutes)
        target = outputs[day - 1] if outputs else None
        if days > 1:
            used = sum(c.minutes for c in cases if c.id in case_ids)
            console.print(literal(f"Dag {day}: {len(case_ids)} casussen, {used} van {minutes} "
                                  f"minuten: {', '.join(case_ids) or '(geen)'}", "bold"))
        _write_programme(console, text, target)


def _show_answers(console: Any, questions: list[str], result: Any, titles: dict[str, str],
                  minutes: int, days: int) -> None:
    budget = minutes * days
    table = Table(title=f"Plan: {len(result.case_ids)} casussen, {result.minutes} van "
                        f"{budget} minuten", title_justify="left")
    table.add_column("leervraag", ratio=2)
    table.add_column("beantwoord door", ratio=3)
    for index, question in enumerate(questions):
        answers = result.answers.get(index, [])
        cell = Text()
        for match in answers[:2]:
            cell.append(literal(titles[match.case_id], "bold"))
            cell.append(f" ({match.case_id})\n", style="grey62")
            cell.append(visible("  " + "; ".join(match.reasons)) + "\n")
        if not answers:
            cell.append("nog geen casus in deze tijd; zie hieronder", style="yellow")
        table.add_row(literal(question), cell)
    console.print(table)
    if result.left_out:
        console.print(literal("Past niet meer in de tijd, maar sluit ook aan: "
                              + ", ".join(result.left_out), "grey62"))


def _day_files(output: Path | None, days: int) -> list[Path]:
    if output is None:
        return []
    if days == 1:
        return [output]
    return [output.with_name(f"{output.stem}-dag-{day}{output.suffix or '.yaml'}")
            for day in range(1, days + 1)]


def _programme(title: str, questions: list[str], result: Any, case_ids: list[str],
               answered: list[str], minutes: int) -> str:
    used = sum(1 for _ in case_ids)
    notes = [f"Programma gemaakt met 'casusspel plan' op {date.today().isoformat()}:",
             f"{used} casussen, binnen {minutes} minuten.", ""]
    for index, question in enumerate(questions):
        ids = [m.case_id for m in result.answers.get(index, []) if m.case_id in case_ids]
        notes.append(f"Leervraag {index + 1}: {question}")
        notes.append("  -> " + (", ".join(ids) if ids else "(niet op deze dag)"))
    blocks: list[dict[str, Any]] = [
        {"title": "Casussen", "cases": case_ids, "mode": Mode.GROUP.value,
         "scoreboard": Scoreboard.COOPERATIVE.value, "learning_questions": answered},
        {"evaluation": {"questions": ["Hoe bruikbaar was dit deel voor je werk?",
                                      "Hoe veilig voelde het gesprek?"],
                        "open": "Wat neem je mee naar je werk?"}},
    ]
    return programme_yaml(title, ["Tafel 1", "Tafel 2", "Tafel 3"], blocks, notes)


def _write_programme(console: Any, text: str, output: Path | None) -> None:
    if output is None:
        console.print(Text("Programma (bewaar met -o programma.yaml):", style="bold"))
        print(text, end="")
        return
    check_output(output)
    try:
        create_new(output, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{output} bestaat al; kies een andere naam (er wordt niets "
                         "overschreven).") from None
    except OSError as exc:
        raise UsageError(f"Kan {output} niet schrijven: {exc.strerror or exc}") from None
    console.print(literal(f"Programma geschreven: {output} (controleer met casusspel validate "
                          f"{output})", "bold green"))
