"""The training day's report and the self-assessment chart: typed data drawn with the HTML kit."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from casusspel.content.library import load_framework
from casusspel.errors import UsageError
from casusspel.reports.training import (
    build_day_report,
    render_day_html,
    render_selfassessment_html,
    selfassessment_report,
)
from casusspel.session.events import (
    BlockFinished,
    BlockStarted,
    EvaluationGiven,
    ProgrammeStarted,
    SessionStarted,
)
from casusspel.session.options import Mode, teams_for
from casusspel.training.programme import Programme
from casusspel.training.run import RunState, fold, marks_per_question
from casusspel.training.selfassessment import journal, overview, save

HOSTILE = '<script>alert("x")</script> & [bold]\x1b[31m'
QUESTION = "Was het <i>nuttig</i>?"
NOW = datetime(2025, 3, 1, 9, 30)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def tags_of(page: str) -> set[str]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def programme() -> Programme:
    return Programme.model_validate({
        "title": f"Dag {HOSTILE}", "teams": ["Tafel 1", "Tafel 2"],
        "blocks": [{"cases": ["brief-van-de-gemeente"], "mode": "plenary"},
                   {"pause": 10, "title": "Koffie & thee"},
                   {"evaluation": {"questions": [QUESTION], "open": "Wat & waarom?"}},
                   {"selfassessment": "start"}]})


def state() -> RunState:
    return fold([
        ProgrammeStarted(programme_id="p", title="Dag", source="dag.yaml", created="c",
                         teams=("Tafel 1", "Tafel 2")),
        BlockStarted(index=0, session="2025-03-01-0930-ab12"), BlockFinished(index=0),
        BlockFinished(index=1),
        EvaluationGiven(index=2, team='<Tafel "1">', scores={QUESTION: 4}, answer=HOSTILE),
        EvaluationGiven(index=2, team="Tafel 2", scores={QUESTION: 3})])


def test_the_day_report_escapes_user_text_and_holds_blocks_and_evaluations(
        tmp_path: Path) -> None:
    save(journal(tmp_path), "start", {"zelfreflectie": 2, "leefwereld": 3, "maatwerk": 4,
                                      "netwerk": 1}, NOW)
    report = build_day_report(programme(), state(),
                              selfassessment_report(tmp_path, load_framework()))
    page = render_day_html(report, "nl")
    assert tags_of(page) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "ol",
                             "li", "code", "div", "table", "tr", "th", "td", "p", "b", "ul",
                             "svg", "line", "text", "rect", "footer", "span", "i"}
    assert "<script>" not in page and "\x1b" not in page and "<i>nuttig" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; [bold]" in page
    assert "Was het &lt;i&gt;nuttig&lt;/i&gt;?" in page and "Koffie &amp; thee" in page
    assert "<li>1 casus — verslag: <code>casusspel report 2025-03-01-0930-ab12</code></li>" in page
    assert "<td>Was het &lt;i&gt;nuttig&lt;/i&gt;?</td><td>3,5</td><td>2</td>" in page
    assert "Evaluatie (blok 3, 2 teams)" in page and "&lt;Tafel &quot;1&quot;&gt;: " in page
    assert "zegt het gemiddelde nog weinig" in page  # two answers: the mean says little
    assert "Zelfbeoordeling per pijler" in page and "begin (n=1)" in page
    assert 'viewBox="' in page and "width=\"560\"" not in page  # scales with the page


def test_the_day_report_in_english(tmp_path: Path) -> None:
    report = build_day_report(programme(), state(), None)
    page = render_day_html(report, "en")
    assert '<html lang="en">' in page and "<h2>Blocks</h2>" in page
    assert "<td>3.5</td>" in page and "(block 3, 2 teams)" in page
    assert "Self-assessment" not in page and "<svg" not in page  # none without its data


def test_the_selfassessment_chart_shows_means_counts_and_missing_moments(
        tmp_path: Path) -> None:
    store = journal(tmp_path)
    for marks in ((2, 3, 4, 1), (3, 3, 4, 2)):
        save(store, "start", dict(zip(("zelfreflectie", "leefwereld", "maatwerk", "netwerk"),
                                      marks, strict=True)), NOW)
    save(store, "end", {"zelfreflectie": 5}, NOW)  # an older framework: one pillar only
    summed = overview(tmp_path, load_framework().pillar_ids)
    assert summed.counts == {"start": 2, "end": 1, "followup": 0} and summed.few
    page = render_selfassessment_html(selfassessment_report(tmp_path, load_framework()), "nl")
    assert ">2,5</text>" in page and ">5,0</text>" in page and ">–</text>" in page
    assert "begin (n=2)" in page and "eind (n=1)" in page and "follow-up (n=0)" in page
    assert "het kan toeval zijn" in page


def test_an_empty_selfassessment_says_where_answers_come_from(tmp_path: Path) -> None:
    page = render_selfassessment_html(selfassessment_report(tmp_path, load_framework()), "en")
    assert "No self-assessments yet" in page and "chance" not in page


def test_the_run_fold_and_the_teams_of_a_block() -> None:
    folded = fold([
        ProgrammeStarted(programme_id="p", title="Dag", source="s", created="c", teams=("A",)),
        BlockStarted(index=0, session="x"), BlockFinished(index=0),
        EvaluationGiven(index=2, team="A", scores={"q": 4, "r": 2}),
        EvaluationGiven(index=5, team="A", scores={"q": 1})])
    assert folded.sessions == {0: "x"} and folded.finished == {0}
    assert [e.index for e in folded.evaluations_of(2)] == [2]
    assert marks_per_question(folded.evaluations) == {"q": [4, 1], "r": [2]}
    assert teams_for(Mode.PLENARY, ("A", "B"), "Speler") == ()
    assert teams_for(Mode.SOLO, ("A", "B"), "Speler") == ("A",)
    assert teams_for(Mode.SOLO, (), "Speler") == ("Speler",)
    assert teams_for(Mode.GROUP, ("A", "B"), "Speler") == ("A", "B")
    with pytest.raises(UsageError):
        fold([SessionStarted(session_id="s", created="c", version="v", mode=Mode.GROUP,
                             teams=(), case_ids=())])
