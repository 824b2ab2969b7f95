"""Self-assessment on screen: asking (teams or one person after another) and the change chart."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from casusspel.content.library import load_framework
from casusspel.content.model import Framework
from casusspel.errors import UsageError
from casusspel.messages import Messages
from casusspel.session.events import SelfAssessed
from casusspel.training.selfassessment import FEW, MOMENT_NL, MOMENTS, journal, responses, summary
from casusspel.ui.console import make_console
from casusspel.ui.prompts import Command, Interrupted, Prompter
from casusspel.ui.safe import colour, literal, pillar_label

INTRO = ("Zelfbeoordeling, anoniem: geef per pijler een cijfer van 1 (lukt me nog niet) tot 5 "
         "(lukt me goed). Er worden geen namen bewaard.")


def ask_scale(prompter: Prompter, console: Console, prompt: str) -> int | None:
    """A mark from 1 to 5, asked again until valid; None for a command (/overslaan, ...),
    Interrupted for /stop."""
    while True:
        answer = prompter.line(f"{prompt} (1-5)")
        if isinstance(answer, Command):
            if answer.name == "stop":
                raise Interrupted
            return None
        if answer.strip() in ("1", "2", "3", "4", "5"):
            return int(answer)
        console.print(Text("Typ een cijfer van 1 tot en met 5.", style="yellow"))


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


def ask_teams(training: Path, moment: str, teams: tuple[str, ...], prompter: Prompter,
              console: Console) -> None:
    """Every team rates itself once (programme block 'selfassessment: start|end')."""
    framework = load_framework()
    console.print(Text(INTRO, style="grey62"))
    store = journal(training)
    for team in teams:
        scores = ask_one(prompter, console, framework, team)
        if scores is not None:
            store.append(SelfAssessed(moment=moment, scores=scores,
                                      at=datetime.now().isoformat(timespec="seconds")))
            console.print(literal(f"{team}: bewaard ✓ (zonder naam)", "bold green"))


def followup(training: Path) -> None:
    """One person after another rates themselves; Enter on an empty line ends."""
    console = make_console()
    prompter = Prompter(console, Messages())
    framework = load_framework()
    console.print(Text(INTRO, style="grey62"))
    store = journal(training)
    count = 0
    try:
        while True:
            answer = prompter.line(f"Beoordeling {count + 1}: Enter om te beginnen, "
                                   "'klaar' om te stoppen")
            if isinstance(answer, Command) or answer.strip().lower() in ("klaar", "k", "q"):
                break
            scores = ask_one(prompter, console, framework, f"Persoon {count + 1}")
            if scores is None:
                continue
            store.append(SelfAssessed(moment="followup", scores=scores,
                                      at=datetime.now().isoformat(timespec="seconds")))
            count += 1
            console.print(Text("Bewaard ✓ (zonder naam)", style="bold green"))
    except Interrupted:
        pass
    console.print(literal(f"{count} beoordeling(en) bewaard in {training}. Bekijk het "
                          "verschil met: casusspel evaluation", "bold"))


def evaluation_view(training: Path, framework: Framework) -> RenderableType:
    items = responses(training)
    table = Table(title="Zelfbeoordeling per pijler (gemiddelde, 1-5)", title_justify="left")
    table.add_column("pijler", no_wrap=True)
    for moment in MOMENTS:
        count = sum(1 for r in items if r.moment == moment)
        table.add_column(f"{MOMENT_NL[moment]} (n={count})", no_wrap=True)
    cells = summary(items, framework.pillar_ids)
    for pillar in framework.pillars:
        row = []
        for moment in MOMENTS:
            cell = cells[pillar.id].get(moment)
            if cell is None:
                row.append(Text("-", style="grey50"))
                continue
            filled = round(cell.mean * 2)
            row.append(Text("█" * filled, style=colour(pillar.color)) + Text("░" * (10 - filled),
                                                                      style="grey30")
                       + Text(f" {cell.mean:.1f}".replace(".", ",")))
        table.add_row(pillar_label(pillar.label, pillar.color), *row)
    counts = [sum(1 for r in items if r.moment == m) for m in MOMENTS]
    notes: list[RenderableType] = [table]
    if not items:
        notes.append(Text("Nog geen zelfbeoordelingen. Ze komen uit een programma "
                          "('selfassessment: start' en 'end') en uit casusspel followup.",
                          style="yellow"))
    elif any(0 < c < FEW for c in counts):
        notes.append(Text(f"Let op: bij minder dan {FEW} antwoorden per moment zegt een "
                          "verschil weinig; het kan toeval zijn.", style="yellow"))
    return Group(*notes)


def evaluation_html(training: Path, framework: Framework) -> str:
    """A small self-contained HTML page with the change per pillar as inline SVG bars."""
    return ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
            "<title>Zelfbeoordeling</title><style>body{font-family:Arial,sans-serif;"
            "max-width:48rem;margin:2rem auto}@page{size:A4}</style></head><body>"
            f"{selfassessment_section(training, framework)}</body></html>\n")


def selfassessment_section(training: Path, framework: Framework) -> str:
    """Heading, legend, SVG bars per pillar and moment, and a small-numbers note (HTML)."""
    items = responses(training)
    cells = summary(items, framework.pillar_ids)
    colours = {"start": "#9e9e9e", "end": "#00798c", "followup": "#a2307f"}
    rows = []
    y = 10
    for pillar in framework.pillars:
        rows.append(f'<text x="0" y="{y + 22}" font-weight="bold">'
                    f"{html.escape(pillar.label)}</text>")
        for offset, moment in enumerate(MOMENTS):
            cell = cells[pillar.id].get(moment)
            width = 0 if cell is None else cell.mean / 5 * 300
            label = "-" if cell is None else f"{cell.mean:.1f} (n={cell.count})"
            top = y + offset * 14
            rows.append(f'<rect x="150" y="{top}" width="{width:.0f}" height="11" '
                        f'fill="{colours[moment]}"><title>{MOMENT_NL[moment]}</title></rect>'
                        f'<text x="{155 + width:.0f}" y="{top + 10}">{html.escape(label)}</text>')
        y += 60
    legend = " ".join(f'<span style="color:{colours[m]}">■ {MOMENT_NL[m]}</span>'
                      for m in MOMENTS)
    counts = [sum(1 for r in items if r.moment == m) for m in MOMENTS]
    warning = (f"<p><b>Let op:</b> bij minder dan {FEW} antwoorden per moment zegt een verschil "
               "weinig.</p>" if any(0 < c < FEW for c in counts) else "")
    return ("<h2>Zelfbeoordeling per pijler</h2><p>Gemiddelde van 1 tot 5, anoniem.</p>"
            f"<p>{legend}</p><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" "
            f'height="{y + 10}" font-size="12" font-family="Arial">{"".join(rows)}</svg>'
            f"{warning}")


def show_evaluation(training: Path, output: Path | None) -> None:
    framework = load_framework()
    console = make_console()
    console.print(evaluation_view(training, framework))
    if output is not None:
        from casusspel.session.folders import check_output

        check_output(output)
        try:
            output.write_text(evaluation_html(training, framework), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Kan {output} niet schrijven: {exc.strerror or exc}") from None
        console.print(literal(f"Grafiek geschreven: {output}"))
