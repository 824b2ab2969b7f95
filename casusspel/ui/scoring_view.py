"""Rendering a scored reflection (evidence in pillar colours, flags) and calibration tables."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from casusspel.content.calibration import Calibration
from casusspel.content.model import Framework
from casusspel.messages import Messages
from casusspel.scoring.types import Flag, PillarScore, ReflectionScore
from casusspel.ui.safe import colour, flowing, literal, pillar_label

BAR = "●"


def highlighted(text: str, result: ReflectionScore, framework: Framework) -> Text:
    """The team's own text with each piece of evidence in its pillar's colour."""
    shown = flowing(text)
    for pillar in framework.pillars:
        for evidence in result.pillars[pillar.id].evidence:
            shown.stylize(colour(pillar.color, bold=True, underline=True), evidence.start,
                          evidence.end)
    for flag in result.flags:
        shown.stylize("bold red reverse", flag.start, flag.end)
    return shown


def score_dots(score: int, color: str) -> Text:
    return Text(BAR * score, style=colour(color, bold=True)) + Text("○" * (3 - score),
                                                                    style="grey50")


def pillar_table(result: ReflectionScore, framework: Framework,
                 msg: Messages | None = None) -> Table:
    msg = msg or Messages()
    table = Table(show_header=False, box=None, pad_edge=False, expand=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    for pillar in framework.pillars:
        score = result.pillars[pillar.id]
        words = ", ".join(dict.fromkeys(e.text for e in score.evidence)) or "-"
        shown = flowing(words)
        if score.score == 0 and score.evidence:  # words that counted, but not enough for a point
            shown = flowing(words, "grey50") + Text(" " + msg("score.too_few"), "grey50")
        table.add_row(pillar_label(pillar.label, pillar.color),
                      score_dots(score.score, pillar.color), shown)
    return table


def flag_lines(result: ReflectionScore, msg: Messages | None = None) -> list[RenderableType]:
    msg = msg or Messages()
    lines: list[RenderableType] = []
    for flag in result.flags:
        head = Text(msg("score.flag") + " ", style="bold red") + flowing(f"“{flag.text}”")
        lines.append(head)
        lines.append(Padding(flowing(flag.explanation.strip()), (0, 0, 0, 2)))
        if flag.question:
            question = Text(msg("score.flag.question") + " ", style="bold") + literal(
                flag.question.strip())
            lines.append(Padding(question, (0, 0, 0, 2)))
    return lines


def why_lines(result: ReflectionScore, framework: Framework,
              msg: Messages) -> list[RenderableType]:
    """Per pillar: each piece of evidence with the indicator or model word behind it and its
    source, the model's certainty, and case indicators that lost to an overlapping one."""
    lines: list[RenderableType] = [Text(msg("score.why.title"), style="bold")]
    for pillar in framework.pillars:
        score = result.pillars[pillar.id]
        lines.append(pillar_label(pillar.label, pillar.color))
        lines.extend(Padding(line, (0, 0, 0, 2)) for line in _pillar_why(score, msg))
    for flag in result.flags:
        lines.append(Text("⚑ ", style="bold red") + literal(_flag_why(flag, msg)))
    return lines


def _pillar_why(score: PillarScore, msg: Messages) -> list[Text]:
    lines = [literal(msg("score.why.evidence", text=e.text, indicator=e.indicator,
                         source=msg(f"score.why.source.{e.source}")))
             for e in score.evidence]
    if not lines:
        lines.append(Text(msg("score.why.nothing"), style="grey50"))
    if score.probability is not None and score.threshold is not None:
        lines.append(Text(msg("score.why.model", percent=round(100 * score.probability),
                              threshold=round(100 * score.threshold)), style="grey50"))
    lines.extend(literal(msg("score.why.lost", indicator=lost.evidence.indicator,
                             winner=lost.winner.indicator), "yellow")
                 for lost in score.lost)
    return lines


def _flag_why(flag: Flag, msg: Messages) -> str:
    if flag.group and flag.probability is not None:
        return msg("score.why.flag.model", group=flag.group, claim=flag.claim,
                   percent=round(100 * flag.probability))
    if flag.group:
        return msg("score.why.flag.generalisation", group=flag.group, claim=flag.claim)
    return msg("score.why.flag.pattern", pattern=flag.pattern,
               source=msg(f"score.why.source.{flag.source}"))


def reflection_view(text: str, result: ReflectionScore, framework: Framework,
                    msg: Messages | None = None) -> Group:
    msg = msg or Messages()
    total = Text(msg("score.total", total=result.total, most=3 * len(framework.pillars)),
                 style="bold")
    return Group(highlighted(text, result, framework), Text(""),
                 pillar_table(result, framework, msg), *flag_lines(result, msg), total, Text(""),
                 *why_lines(result, framework, msg))


def calibration_table(calibration: Calibration, framework: Framework,
                      msg: Messages | None = None) -> Table:
    msg = msg or Messages()
    table = Table(title=msg("calibrate.title"), title_justify="left")
    table.add_column("", justify="left")
    for key in ("precision", "recall", "f1", "kappa", "n"):
        table.add_column(msg(f"calibrate.column.{key}"), justify="right")
    rows = [(framework.pillar(p).label, a) for p, a in calibration.pillars.items()]
    rows.append((msg("calibrate.stereotype"), calibration.stereotype))
    for label, agreement in rows:
        table.add_row(label, *(msg.decimal(value, 2) for value in (
            agreement.precision, agreement.recall, agreement.f1, agreement.kappa)),
            str(agreement.n))
    table.caption = msg("calibrate.macro_f1", value=msg.decimal(calibration.macro_f1, 2))
    return table
