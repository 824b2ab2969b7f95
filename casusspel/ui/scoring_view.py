"""Rendering a scored reflection (evidence in pillar colours, flags) and calibration tables."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from casusspel.content.calibration import Calibration
from casusspel.content.model import Framework
from casusspel.scoring.types import ReflectionScore
from casusspel.ui.safe import literal

BAR = "●"


def highlighted(text: str, result: ReflectionScore, framework: Framework) -> Text:
    """The team's own text with each piece of evidence in its pillar's colour."""
    shown = literal(text)
    for pillar in framework.pillars:
        for evidence in result.pillars[pillar.id].evidence:
            shown.stylize(f"bold {pillar.color} underline", evidence.start, evidence.end)
    for flag in result.flags:
        shown.stylize("bold red reverse", flag.start, flag.end)
    return shown


def score_dots(score: int, color: str) -> Text:
    return Text(BAR * score, style=f"bold {color}") + Text("○" * (3 - score), style="grey50")


def pillar_table(result: ReflectionScore, framework: Framework) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False, expand=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for pillar in framework.pillars:
        score = result.pillars[pillar.id]
        words = ", ".join(dict.fromkeys(e.text for e in score.evidence)) or "-"
        shown = literal(words)
        if score.score == 0 and score.evidence:  # words that counted, but not enough for a point
            shown = literal(words, "grey50") + Text(" (nog te weinig voor een punt)", "grey50")
        table.add_row(Text(pillar.label, style=f"bold {pillar.color}"),
                      score_dots(score.score, pillar.color), shown)
    return table


def flag_lines(result: ReflectionScore) -> list[RenderableType]:
    lines: list[RenderableType] = []
    for flag in result.flags:
        head = Text("⚑ Bespreekpunt: ", style="bold red") + literal(f"“{flag.text}”")
        lines.append(head)
        lines.append(Padding(literal(flag.explanation.strip()), (0, 0, 0, 2)))
        if flag.question:
            question = Text("Vraag: ", style="bold") + literal(flag.question.strip())
            lines.append(Padding(question, (0, 0, 0, 2)))
    return lines


def reflection_view(text: str, result: ReflectionScore, framework: Framework) -> Group:
    total = Text(f"Totaal: {result.total} van {3 * len(framework.pillars)}", style="bold")
    return Group(highlighted(text, result, framework), Text(""), pillar_table(result, framework),
                 *flag_lines(result), total)


def calibration_table(calibration: Calibration, framework: Framework) -> Table:
    table = Table(title="Overeenstemming met de labels (\"geraakt\" = score 1 of hoger)",
                  title_justify="left")
    for name in ("", "precisie", "recall", "F1", "kappa", "n"):
        table.add_column(name, justify="left" if not name else "right")
    rows = [(framework.pillar(p).label, a) for p, a in calibration.pillars.items()]
    rows.append(("stereotype-vlag", calibration.stereotype))
    for label, agreement in rows:
        table.add_row(label, f"{agreement.precision:.2f}", f"{agreement.recall:.2f}",
                      f"{agreement.f1:.2f}", f"{agreement.kappa:.2f}", str(agreement.n))
    table.caption = f"Macro-F1 over de pijlers: {calibration.macro_f1:.2f}"
    return table
