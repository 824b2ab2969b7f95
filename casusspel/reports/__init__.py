"""Reports of a session: built once as typed data (``build_report``), drawn in several formats."""

from __future__ import annotations

from pathlib import Path

from casusspel.reports.build import build_report
from casusspel.reports.model import REPORT_VERSION, Report

FORMATS = ("md", "html", "csv", "json")
SUFFIX = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}

__all__ = ["FORMATS", "REPORT_VERSION", "Report", "build_report", "render", "write_reports"]


def render(report: Report, fmt: str) -> str:
    if fmt == "md":
        from casusspel.reports.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from casusspel.reports.html import render_html

        return render_html(report)
    if fmt == "csv":
        from casusspel.reports.tabular import render_csv

        return render_csv(report)
    if fmt == "json":
        from casusspel.reports.tabular import render_json

        return render_json(report)
    raise ValueError(f"unknown report format {fmt!r}")


def write_text(path: Path, text: str, fmt: str) -> None:
    """Write a report; CSV gets a byte-order mark so spreadsheets read it as UTF-8."""
    path.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")


def write_reports(report: Report, folder: Path,
                  formats: tuple[str, ...] = ("md", "html")) -> list[Path]:
    """Write ``verslag.<ext>`` files into ``folder`` (the session folder at the end of play):
    private (0600), like everything else in a session folder."""
    from casusspel.files import write_private

    paths = []
    for fmt in formats:
        path = folder / f"verslag{SUFFIX[fmt]}"
        write_private(path, render(report, fmt).encode("utf-8-sig" if fmt == "csv" else "utf-8"))
        paths.append(path)
    return paths
