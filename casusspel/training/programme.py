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
from casusspel.messages import Messages, os_reason
from casusspel.scoring.framework import ID_PATTERN, Frozen
from casusspel.session.options import Mode, Scoreboard, team_names

QUESTIONS_FILE = "leervragen.yaml"
QUESTIONS_MAX_BYTES = 2_000_000
DURATION = r"^\d+\s*(s|m|min|u|h)?$"


# Texts a trainer does not write (a block's title, the evaluation's questions) are left empty
# here and come from the catalogue when shown, in the run's language (``title_of``, ``asked``).
class CasesBlock(Frozen):
    """A block of cases, played as one session."""

    cases: tuple[str, ...] = Field(min_length=1)  # case ids, in playing order
    mode: Mode = Mode.GROUP
    timer: str | None = Field(default=None, pattern=DURATION)  # per step, e.g. 5m
    scoreboard: Scoreboard = Scoreboard.COMPETITIVE  # between the rounds
    title: str = ""
    learning_questions: tuple[str, ...] = ()  # the ones this block answers ('casusspel plan')


class BreakBlock(Frozen):
    """A break of ``pause`` minutes."""

    pause: int = Field(ge=1, le=240)
    title: str = ""


class Evaluation(Frozen):
    """Questions with a scale of 1 to 5 and one open question (none given: the catalogue's)."""

    questions: tuple[str, ...] | None = Field(default=None, max_length=8)
    open: str | None = None

    def asked(self, msg: Messages) -> tuple[str, ...]:
        if self.questions is not None:
            return self.questions
        return msg("plan.eval.useful"), msg("plan.eval.safe")

    def open_question(self, msg: Messages) -> str:
        return self.open if self.open is not None else msg("plan.eval.open")


class EvaluationBlock(Frozen):
    """An evaluation moment: each team answers a few short questions."""

    evaluation: Evaluation = Field(default_factory=Evaluation)
    title: str = ""


class SelfAssessmentBlock(Frozen):
    """Self-assessment per pillar (1-5), anonymous, at the start or the end of the training."""

    selfassessment: Literal["start", "end"]
    title: str = ""


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
    # (the message is the catalogue's cs023.block_kind, shown by validate in the run's language)
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="a block begins with 'cases:', 'pause:', 'evaluation:' "
                                       "or 'selfassessment:'"),
]


def title_of(block: Block, msg: Messages) -> str:
    """The block's title, or the catalogue's name for its kind ('' for a block of cases: it is
    named by its number of cases)."""
    if block.title or isinstance(block, CasesBlock):
        return block.title
    kind = ("pause" if isinstance(block, BreakBlock) else
            "evaluation" if isinstance(block, EvaluationBlock) else "selfassessment")
    return msg(f"programme.title.{kind}")


class Programme(Frozen):
    """A training day: blocks of cases, breaks and evaluation moments."""

    title: str = Field(min_length=1)
    id: str = Field(default="programma", pattern=ID_PATTERN)
    teams: tuple[str, ...] = ()  # team names (never names of people)
    framework: str | None = None  # a path to a framework of the trainer's own
    blocks: tuple[Block, ...] = Field(min_length=1)  # in order

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
            os_reason(exc).said() if isinstance(exc, OSError) else type(exc).__name__)
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
    header = f"# {Messages()('questions.file_header')}\n"
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
