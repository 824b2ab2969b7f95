"""The HTML reports in a real browser: a 360-390 px phone, a laptop, and A4 paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casusspel.reports import build_report, render
from casusspel.session.folders import open_session
from tests.conftest import DATA

SESSIONS = DATA / "sessions"


def session_html(name: str) -> str:
    session = open_session(SESSIONS / name)
    return render(build_report(session.engine, session.state), "html")


@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 390, 1280])
@pytest.mark.parametrize("name", ["groepjes-afgerond", "plenair"])
def test_report_fits_the_screen_without_sideways_scrolling(browser: Any, tmp_path: Path,
                                                            width: int, name: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.set_content(session_html(name))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px sideways scrolling at {width}px"
    if name == "groepjes-afgerond":
        chart = page.locator("svg.chart").bounding_box()
        assert chart is not None and chart["x"] >= 0 and chart["x"] + chart["width"] <= width
        body_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body_size >= 16  # readable without zooming
    page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
    assert (tmp_path / f"{name}-{width}.png").stat().st_size > 5_000
    page.close()


@pytest.mark.slow
def test_report_prints_on_a4_with_headings_kept_with_their_cards(browser: Any,
                                                                 tmp_path: Path) -> None:
    page = browser.new_page()
    page.set_content(session_html("groepjes-afgerond"))
    page.emulate_media(media="print")
    kept = page.evaluate("""() => [...document.querySelectorAll('h2')]
        .filter(h => !h.closest('.keep') && getComputedStyle(h).breakAfter !== 'avoid')
        .map(h => h.textContent)""")
    assert kept == []
    cards = page.evaluate("""() => [...document.querySelectorAll('.card, .keep')]
        .map(e => getComputedStyle(e).breakInside)""")
    assert cards and set(cards) == {"avoid"}
    pdf = tmp_path / "verslag.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    raw = pdf.read_bytes()
    assert raw.startswith(b"%PDF") and raw.count(b"/Type /Page") >= 1
    page.close()
