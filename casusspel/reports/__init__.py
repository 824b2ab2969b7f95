"""Reports of a session: built once as typed data (``build_report``), drawn in several formats."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from casusspel.reports.build import build_report
from casusspel.reports.model import REPORT_VERSION, Report

FORMATS = ("md", "html", "csv", "json")
SUFFIX = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}

__all__ = ["FORMATS", "REPORT_VERSION", "Report", "build_report", "render", "render_parts",
           "write_reports"]


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


def render_parts(report: Report, fmt: str) -> Iterable[str]:
    """``render`` in pieces that add up to the same text (Markdown case by case), to write
    without holding a long session's whole report as one string."""
    if fmt == "md":
        from casusspel.reports.markdown import markdown_parts

        return markdown_parts(report)
    return (render(report, fmt),)


def write_text(path: Path, text: str | Iterable[str], fmt: str) -> None:
    """Write a report; CSV gets a byte-order mark so spreadsheets read it as UTF-8."""
    parts = (text,) if isinstance(text, str) else text
    with path.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as out:
        for part in parts:
            out.write(part)


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
