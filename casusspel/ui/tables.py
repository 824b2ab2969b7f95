"""Tables of cases for ``casusspel list``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich import box
from rich.table import Table
from rich.text import Text

from casusspel.content.model import Case, Framework
from casusspel.messages import Messages
from casusspel.ui.console import make_console
from casusspel.ui.safe import colour, literal, visible


def list_command(paths: Sequence[Path] | None, framework_path: Path | None, *, coverage: bool,
                 markdown: bool) -> None:
    """``casusspel list``: the table, the coverage matrices, or the Markdown for the docs."""
    from casusspel.content.library import load_cases, load_framework

    if markdown:
        from casusspel.content.coverage import coverage_markdown

        sys.stdout.write(coverage_markdown(load_cases(paths), load_framework(framework_path)))
        return
    if coverage:
        from casusspel.ui.author import show_coverage

        show_coverage(paths, framework_path)
        return
    print_case_table(load_cases(paths), load_framework(framework_path))


def case_table(cases: Sequence[Case], framework: Framework) -> Table:
    """Code, title, audience, minutes, decisive factors, and the pillars the choices teach
    (first letter when some choice gives the pillar 2 or 3 points)."""
    msg = Messages()
    letters = visible(" ".join(f"{p.label[:1]}={p.label}" for p in framework.pillars))
    table = Table(title=msg.plural("list.cases", len(cases)), title_justify="left",
                  expand=False, box=box.SIMPLE_HEAD, pad_edge=False,
                  caption=msg("list.caption", letters=letters), caption_justify="left")
    # a trainer types the id: it gets the room it needs and never breaks; titles wrap instead
    longest_id = max((len(case.id) for case in cases), default=10)
    table.add_column(msg("list.column.case"), width=longest_id)
    table.add_column(msg("list.column.audience"), no_wrap=True)
    table.add_column(msg("list.column.decisive"))
    table.add_column(msg("list.column.pillars"), no_wrap=True, min_width=len(framework.pillars))
    known = set(framework.factor_ids)
    for case in cases:
        decisive = ", ".join(f if f in known else f"{f}?" for f in case.factors.decisive)
        choices = case.every_choice
        pillars = Text()
        for pillar in framework.pillars:
            best = max((c.points.get(pillar.id, 0) for c in choices), default=0)
            pillars.append(visible(pillar.label[:1]) if best >= 2 else "·",
                           style=colour(pillar.color))
        name = literal(case.title, "bold")
        name.append("\n")
        name.append(case.id, style="muted")
        audience = msg(f"audience.{case.audience}")
        table.add_row(name, msg("list.audience_minutes", audience=audience,
                                minutes=case.minutes), Text(decisive), pillars)
    return table


def print_case_table(cases: Sequence[Case], framework: Framework) -> None:
    make_console().print(case_table(cases, framework))
