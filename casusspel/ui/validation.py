"""Printing the validation report: one line per problem (the contract), a summary on stderr.

Problems are written as they come (``iter_problems`` checks files while this prints), so a
folder of 100,000 files never holds all its problems in memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from casusspel.content.checks import Report, Tally
from casusspel.content.problems import Problem


def print_problems(problems: Iterable[Problem], tally: Tally, *, as_json: bool = False) -> None:
    """Write every problem (counting them in ``tally``), then the summary."""
    out = sys.stdout
    if as_json:
        # the problems first, the counts after them: they are only known at the end
        out.write('{\n  "problems": [')
        separator = "\n"
        for problem in problems:
            tally.add(problem)
            out.write(separator + _indented(problem.as_dict()))
            separator = ",\n"
        out.write(("\n  ]" if separator != "\n" else "]") + f',\n  "files": {tally.files},\n'
                  f'  "errors": {tally.errors},\n  "warnings": {tally.warnings}\n}}\n')
        return
    for problem in problems:
        out.write(tally.add(problem).format() + "\n")
    sys.stderr.write(summary(tally) + "\n")


def _indented(item: dict[str, object]) -> str:
    text = json.dumps(item, ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in text.split("\n"))


def summary(report: Report | Tally) -> str:
    files = "1 bestand" if report.files == 1 else f"{report.files} bestanden"
    errors = "1 fout" if report.errors == 1 else f"{report.errors} fouten"
    warnings = "1 waarschuwing" if report.warnings == 1 else f"{report.warnings} waarschuwingen"
    return f"{files} gecontroleerd: {errors}, {warnings}."
