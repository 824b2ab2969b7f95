"""The report in the terminal: profiles as bar charts, then what to discuss next time."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from casusspel.reports.text import MODE, STATUS, contested_text, pillar_names, shift_text
from casusspel.ui.safe import colour, pillar_label, visible


def bar(value: float, width: int, name: str) -> Text:
    filled = round(width * min(value, 3.0) / 3)
    return Text("█" * filled, style=colour(name)) + Text("░" * (width - filled), style="grey30")


def report_view(report: dict[str, Any], width: int) -> RenderableType:
    session = report["session"]
    names = pillar_names(report)
    parts: list[RenderableType] = [Text.assemble(
        (f"Sessie {visible(session['id'])}", "bold"),
        f"  ·  {session['created'].replace('T', ' ')}  ·  "
        f"{MODE.get(session['mode'], session['mode'])}  ·  {session['cases_played']} van "
        f"{session['cases_total']} casussen gespeeld")]
    if not session["finished"]:
        parts.append(Text("Deze sessie is niet afgerond; verder spelen kan met casusspel resume.",
                          style="yellow"))
    bar_width = 5 if width < 100 else 16
    if report["teams"]:
        table = Table(title="Profiel per pijler (gemiddelde reflectiescore, 0-3)",
                      title_justify="left")
        table.add_column("team", overflow="fold")
        table.add_column("punten", justify="right")
        for pillar in report["framework"]["pillars"]:
            table.add_column(pillar_label(pillar["short"], pillar["color"], bold=False),
                             no_wrap=True,
                             min_width=bar_width + 4)
        rows = [(t, report["profiles"][t], str(report["totals"][t])) for t in report["teams"]]
        rows.append(("Hele zaal", report["room"], ""))
        for name, profile, total in rows:
            table.add_row(Text(visible(name), style="bold" if not total else ""), total,
                          *[bar(profile[p["id"]], bar_width, p["color"])
                            + Text(f" {profile[p['id']]:.1f}")
                            for p in report["framework"]["pillars"]])
        parts.append(table)
    lines = Text()
    for item in report["contested"]:
        lines.append("• ", style="cyan")
        lines.append(visible(item["title"]), style="bold")
        lines.append(f": {contested_text(item)}\n")
    for shift in report["shifts"]:
        lines.append("• ", style="cyan")
        lines.append(visible(shift_text(shift, names)) + "\n")
    lines.rstrip()
    parts.append(Panel(lines if lines.plain else Text("Nog geen verschillen of verschuivingen."),
                       title="Stof voor de volgende keer", title_align="left",
                       border_style="cyan"))
    cases = Table(show_header=False, box=None)
    for number, case in enumerate(report["cases"], 1):
        cases.add_row(f"{number}.", Text(visible(case["title"])),
                      Text(STATUS[case["status"]], style="grey62"))
    parts.append(cases)
    return Group(*parts)
