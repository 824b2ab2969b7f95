"""The report in the terminal: profiles as bar charts, then what to discuss next time."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from casusspel.reports.model import Report
from casusspel.reports.text import Words
from casusspel.ui.safe import colour, pillar_label, visible


def bar(value: float, width: int, name: str) -> Text:
    filled = round(width * min(value, 3.0) / 3)
    return Text("█" * filled, style=colour(name)) + Text("░" * (width - filled), style="grey30")


def report_view(report: Report, width: int) -> RenderableType:
    w = Words(report.session.lang)
    session = report.session
    parts: list[RenderableType] = [Text.assemble(
        (w("report.view.session", id=visible(session.id)), "bold"),
        f"  ·  {visible(w.meta(report))}")]
    if not session.finished:
        parts.append(Text(w("report.view.unfinished"), style="yellow"))
    pillars = report.framework.pillars
    # team name and points first; the bars share what is left (each with its value)
    names = max((len(t) for t in (*report.teams, w("report.room"))), default=8)
    spare = width - min(names, 24) - 12 - 7 * len(pillars)
    bar_width = max(3, min(16, spare // max(1, len(pillars))))
    if report.teams:
        table = Table(title=w("report.view.profile"), title_justify="left")
        table.add_column(w("report.team"), overflow="fold", min_width=min(names, 12))
        table.add_column(w("report.points_header"), justify="right")
        for pillar in pillars:
            header = pillar_label(pillar.short, pillar.color, bold=False)
            header.overflow = "ellipsis"
            table.add_column(header, no_wrap=True, min_width=bar_width + 4)
        rows = [(t, report.profiles[t], str(report.totals[t])) for t in report.teams]
        rows.append((w("report.room"), report.room, ""))
        for name, profile, total in rows:
            table.add_row(Text(visible(name), style="bold" if not total else ""), total,
                          *[bar(profile[p.id], bar_width, p.color)
                            + Text(f" {w.number(profile[p.id])}") for p in pillars])
        parts.append(table)
    lines = Text()
    for item in report.contested:
        lines.append("• ", style="cyan")
        lines.append(visible(item.title), style="bold")
        lines.append(f": {w.contested(item)}\n")
    for shift in report.shifts:
        lines.append("• ", style="cyan")
        lines.append(visible(w.shift(shift, report.framework.shorts)) + "\n")
    lines.rstrip()
    parts.append(Panel(lines if lines.plain else Text(w("report.nothing_yet")),
                       title=w("report.next_time"), title_align="left", border_style="cyan"))
    cases = Table(show_header=False, box=None)
    for number, case in enumerate(report.cases, 1):
        cases.add_row(f"{number}.", Text(visible(case.title)),
                      Text(w.status(case.status), style="grey62"))
    parts.append(cases)
    return Group(*parts)
