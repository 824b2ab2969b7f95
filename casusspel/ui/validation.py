"""Printing the validation report: one line per problem (the contract), a summary on stderr."""

from __future__ import annotations

import json
import sys

from casusspel.content.checks import Report


def print_report(report: Report, *, as_json: bool = False) -> None:
    if as_json:
        payload = {
            "files": report.files,
            "errors": report.errors,
            "warnings": report.warnings,
            "problems": [p.as_dict() for p in report.problems],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for problem in report.problems:
        sys.stdout.write(problem.format() + "\n")
    sys.stderr.write(summary(report) + "\n")


def summary(report: Report) -> str:
    files = "1 bestand" if report.files == 1 else f"{report.files} bestanden"
    errors = "1 fout" if report.errors == 1 else f"{report.errors} fouten"
    warnings = "1 waarschuwing" if report.warnings == 1 else f"{report.warnings} waarschuwingen"
    return f"{files} gecontroleerd: {errors}, {warnings}."
