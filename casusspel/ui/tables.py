"""Tables of cases for ``casusspel list``."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from casusspel.model import Case, Framework
from casusspel.ui.console import make_console

AUDIENCE_NL = {"wijkteam": "wijkteam", "gemeente": "gemeente", "clientenraad": "cliëntenraad"}


def case_table(cases: Sequence[Case], framework: Framework) -> Table:
    table = Table(title=f"{len(cases)} casussen", title_justify="left", expand=False)
    table.add_column("casus (code)", ratio=3)
    table.add_column("doelgroep", no_wrap=True)
    table.add_column("min", justify="right", no_wrap=True)
    table.add_column("bepalende factoren", ratio=2)
    known = set(framework.factor_ids)
    for case in cases:
        decisive = ", ".join(f if f in known else f"{f}?" for f in case.factors.decisive)
        name = Text(case.title, style="bold", overflow="fold")
        name.append("\n")
        name.append(case.id, style="muted")
        table.add_row(name, AUDIENCE_NL[case.audience], str(case.minutes), Text(decisive))
    return table


def print_case_table(cases: Sequence[Case], framework: Framework) -> None:
    make_console().print(case_table(cases, framework))
