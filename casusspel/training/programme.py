"""A training day as a programme file, and the training folder with learning questions.

A programme is YAML (validated by `casusspel validate`): a title, the teams, optionally a
framework, and blocks in order: cases to play (with mode, timer and scoreboard), breaks and
evaluation moments. Learning questions live in ``leervragen.yaml`` in a training folder; they are
anonymous (no names are asked or stored).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Discriminator, Field, Tag, field_validator

from casusspel.errors import UsageError
from casusspel.files import FileRefused, read_capped, write_private
from casusspel.messages import Messages
from casusspel.scoring.framework import ID_PATTERN, Frozen
from casusspel.session.options import Mode, Scoreboard, team_names

QUESTIONS_FILE = "leervragen.yaml"
QUESTIONS_MAX_BYTES = 2_000_000
DURATION = r"^\d+\s*(s|m|min|u|h)?$"


class CasesBlock(Frozen):
    """Een blok casussen, gespeeld als één sessie."""

    cases: tuple[str, ...] = Field(min_length=1, description="Casuscodes, in speelvolgorde.")
    mode: Mode = Field(default=Mode.GROUP, description="Werkvorm.")
    timer: str | None = Field(default=None, pattern=DURATION,
                              description="Tijd per stap, bijvoorbeeld 5m.")
    scoreboard: Scoreboard = Field(default=Scoreboard.COMPETITIVE,
                                   description="Scorebord tussen de rondes.")
    title: str = Field(default="", description="Naam van het blok.")
    learning_questions: tuple[str, ...] = Field(
        default=(), description="De leervragen die dit blok beantwoordt (uit 'casusspel plan').")


class BreakBlock(Frozen):
    """Een pauze."""

    pause: int = Field(ge=1, le=240, description="Duur in minuten.")
    title: str = Field(default="Pauze", description="Wat er op het scherm staat.")


class Evaluation(Frozen):
    questions: tuple[str, ...] = Field(
        default=("Hoe bruikbaar was dit deel voor je werk?", "Hoe veilig voelde het gesprek?"),
        max_length=8, description="Vragen met een schaal van 1 tot 5.")
    open: str = Field(default="Wat neem je mee naar je werk?", description="Eén open vraag.")


class EvaluationBlock(Frozen):
    """Een evaluatiemoment: elk team beantwoordt een paar korte vragen."""

    evaluation: Evaluation = Field(default_factory=Evaluation)
    title: str = Field(default="Evaluatie", description="Naam van het moment.")


class SelfAssessmentBlock(Frozen):
    """Zelfbeoordeling per pijler (1-5), anoniem, aan het begin of het eind van de training."""

    selfassessment: Literal["start", "end"] = Field(description="start of end.")
    title: str = Field(default="Zelfbeoordeling", description="Naam van het moment.")


def _block_kind(value: object) -> str | None:
    """Which kind of block this is, by its key: cases, pause, evaluation or selfassessment."""
    keys = value.keys() if isinstance(value, dict) else vars(value) if hasattr(
        value, "__dict__") else ()
    for key in ("cases", "pause", "evaluation", "selfassessment"):
        if key in keys:
            return f"tag:{key}"  # 'tag:' marks it in error paths (see content.py)
    return None


Block = Annotated[
    Annotated[CasesBlock, Tag("tag:cases")] | Annotated[BreakBlock, Tag("tag:pause")]
    | Annotated[EvaluationBlock, Tag("tag:evaluation")]
    | Annotated[SelfAssessmentBlock, Tag("tag:selfassessment")],
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="een blok begint met 'cases:', 'pause:', 'evaluation:' "
                                       "of 'selfassessment:'"),
]


class Programme(Frozen):
    """Een trainingsdag: blokken met casussen, pauzes en evaluatiemomenten."""

    title: str = Field(min_length=1, description="Naam van de trainingsdag.")
    id: str = Field(default="programma", pattern=ID_PATTERN)
    teams: tuple[str, ...] = Field(default=(), description="Teamnamen (geen namen van mensen).")
    framework: str | None = Field(default=None, description="Pad naar een eigen raamwerk.")
    blocks: tuple[Block, ...] = Field(min_length=1, description="De blokken, in volgorde.")

    @field_validator("teams")
    @classmethod
    def _team_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return team_names(value)  # the rules of --teams and the prompt

    @property
    def case_ids(self) -> list[str]:
        return [c for b in self.blocks if isinstance(b, CasesBlock) for c in b.cases]


# -- learning questions --------------------------------------------------------------------------
def _read_items(folder: Path) -> list[dict[str, str]]:
    path = folder / QUESTIONS_FILE
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(read_capped(path, QUESTIONS_MAX_BYTES).decode("utf-8-sig")) or {}
    except (OSError, FileRefused, UnicodeDecodeError, yaml.YAMLError) as exc:
        detail = Messages()(f"file.kind.{exc.kind}") if isinstance(exc, FileRefused) else (
            getattr(exc, "strerror", None) or type(exc).__name__)
        raise UsageError(Messages()("questions.unreadable", path=path, detail=detail)) from None
    items = data.get("questions", []) if isinstance(data, dict) else []
    return [{k: str(v) for k, v in item.items() if k in ("text", "added")}
            for item in items if isinstance(item, dict) and item.get("text")]


def read_questions(folder: Path) -> list[str]:
    return [item["text"] for item in _read_items(folder)]


def add_questions(folder: Path, new: list[str], today: date) -> tuple[int, int]:
    """Add questions (deduplicated, ignoring case and spacing); returns (added, skipped)."""
    items = _read_items(folder)
    seen = {item["text"].casefold() for item in items}
    added = 0
    for question in new:
        clean = " ".join(question.split())
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            items.append({"text": clean, "added": today.isoformat()})
            added += 1
    folder.mkdir(parents=True, exist_ok=True)
    header = "# Leervragen van deze training. Anoniem: zet er geen namen bij.\n"
    text = header + yaml.safe_dump({"questions": items}, allow_unicode=True, sort_keys=False)
    write_private(folder / QUESTIONS_FILE, text.encode("utf-8"))  # 0600: they can be personal
    return added, len(new) - added


HEADER_WORDS = {"vraag", "leervraag", "leervragen", "question", "questions", "tekst", "text"}


def parse_question_file(text: str, suffix: str) -> list[str]:
    """Questions from a text file (one per line) or a CSV (the column called 'vraag' or
    'leervraag', else the first column; ',' or ';' separated, header optional)."""
    if suffix.lower() != ".csv":
        return [line.strip().lstrip("-•*").strip() for line in text.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    dialect = "excel" if text.count(",") >= text.count(";") else "excel-semicolon"
    if dialect == "excel-semicolon":
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    else:
        rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        return []
    column = 0
    header = [cell.strip().lower() for cell in rows[0]]
    if any(h in HEADER_WORDS for h in header):
        column = next(i for i, h in enumerate(header) if h in HEADER_WORDS)
        rows = rows[1:]
    return [r[column].strip() for r in rows if len(r) > column and r[column].strip()]


def programme_yaml(title: str, teams: list[str], blocks: list[dict[str, object]],
                   notes: list[str]) -> str:
    """A programme file with the planner's explanation as comments at the top."""
    comment = "".join(f"# {line}\n" if line else "#\n" for line in notes)
    body = yaml.safe_dump({"title": title, "teams": teams, "blocks": blocks},
                          allow_unicode=True, sort_keys=False, width=100)
    return comment + body
