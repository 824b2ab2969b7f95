"""Tables of cases for ``casusspel list``."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from casusspel.content.model import Case, Framework
from casusspel.ui.console import make_console
from casusspel.ui.safe import colour, literal, visible

AUDIENCE_NL = {"wijkteam": "wijkteam", "gemeente": "gemeente", "clientenraad": "cliëntenraad",
               "sociaal-domein": "sociaal domein"}


def case_table(cases: Sequence[Case], framework: Framework) -> Table:
    """Code, title, audience, minutes, decisive factors, and the pillars the choices teach
    (first letter when some choice gives the pillar 2 or 3 points)."""
    letters = visible(" ".join(f"{p.label[:1]}={p.label}" for p in framework.pillars))
    table = Table(title=f"{len(cases)} casussen", title_justify="left", expand=False,
                  box=box.SIMPLE_HEAD, pad_edge=False,
                  caption=f"pijlers: {letters} (een keuze geeft er 2 of 3 punten voor)",
                  caption_justify="left")
    # a trainer types the id: it gets the room it needs and never breaks; titles wrap instead
    longest_id = max((len(case.id) for case in cases), default=10)
    table.add_column("casus (code)", width=longest_id)
    table.add_column("doelgroep", no_wrap=True)
    table.add_column("bepalend")
    table.add_column("pijlers", no_wrap=True, min_width=len(framework.pillars))
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
        table.add_row(name, f"{AUDIENCE_NL[case.audience]}\n{case.minutes} min", Text(decisive),
                      pillars)
    return table


def print_case_table(cases: Sequence[Case], framework: Framework) -> None:
    make_console().print(case_table(cases, framework))
