"""Printing the validation report: one line per problem (the contract), a summary on stderr.

Problems are written as they come (``iter_problems`` checks files while this prints), so a
folder of 100,000 files never holds all its problems in memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path

from casusspel.content.checks import Report, Tally
from casusspel.content.problems import Problem
from casusspel.errors import MISSING_OR_UNREADABLE, ExitCode
from casusspel.messages import Messages


def validate_command(paths: Sequence[Path], framework: Path | None, *, fix_links: bool,
                     as_json: bool) -> ExitCode:
    """``casusspel validate``: every problem of every file, then the exit code: 2 when a path
    is missing or unreadable (CS001), else 1 when any error, else 0."""
    from casusspel.content.checks import iter_problems

    unfixed: list[Problem] = []
    if fix_links:
        from casusspel.ui.author import fix_schema_links

        unfixed = fix_schema_links(paths)
    tally = Tally()
    codes: set[str] = set()
    # a link that could not be fixed is an error of its own, not a path that is missing
    problems = chain(unfixed, _noting_codes(iter_problems(paths, framework, tally), codes))
    print_problems(problems, tally, as_json=as_json)
    if MISSING_OR_UNREADABLE in codes:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if tally.errors else ExitCode.OK


def _noting_codes(problems: Iterable[Problem], codes: set[str]) -> Iterator[Problem]:
    for problem in problems:
        if problem.severity == "error":
            codes.add(problem.code)
        yield problem


def print_problems(problems: Iterable[Problem], tally: Tally, *, as_json: bool = False) -> None:
    """Write every problem (counting them in ``tally``), then the summary; in the run's
    language (the JSON keys and codes are the same in every language)."""
    out = sys.stdout
    msg = Messages()
    if as_json:
        # the problems first, the counts after them: they are only known at the end
        out.write('{\n  "problems": [')
        separator = "\n"
        for problem in problems:
            tally.add(problem)
            out.write(separator + _indented(problem.as_dict(msg)))
            separator = ",\n"
        out.write(("\n  ]" if separator != "\n" else "]") + f',\n  "files": {tally.files},\n'
                  f'  "errors": {tally.errors},\n  "warnings": {tally.warnings}\n}}\n')
        return
    for problem in problems:
        out.write(tally.add(problem).format(msg) + "\n")
    sys.stderr.write(summary(tally) + "\n")


def _indented(item: dict[str, object]) -> str:
    text = json.dumps(item, ensure_ascii=False, indent=2)
    return "\n".join("    " + line for line in text.split("\n"))


def summary(report: Report | Tally) -> str:
    msg = Messages()
    return msg("validate.summary", files=msg.plural("validate.files", report.files),
               errors=msg.plural("validate.errors", report.errors),
               warnings=msg.plural("validate.warnings", report.warnings))
