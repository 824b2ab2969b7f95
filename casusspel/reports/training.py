"""Reports of a training: the day's programme report and the self-assessment chart.

Built as typed data from what the run's journal and the self-assessment file say, drawn with the
same HTML kit as the session report (``htmlkit``: every string escaped, one look, phone and A4).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casusspel import __version__
from casusspel.content.model import Framework
from casusspel.messages import Messages
from casusspel.reports.htmlkit import Series, bar_chart, colours, h, legend, page
from casusspel.reports.model import PillarInfo
from casusspel.reports.text import Words
from casusspel.training.programme import Block, CasesBlock, EvaluationBlock, Programme, title_of
from casusspel.training.run import FEW_ANSWERS, RunState, marks_per_question, mean
from casusspel.training.selfassessment import FEW, MOMENTS, Overview, overview

#: a colour name per moment (as a framework names its pillars' colours; see ``htmlkit.colours``)
MOMENT_COLOURS = {"start": "white", "end": "cyan", "followup": "magenta"}


# -- the model -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class BlockLine:
    number: int
    title: str
    cases: int | None  # a block of cases: how many (named by the count when it has no title)
    session: str | None  # the session that played it, if it started


@dataclass(frozen=True)
class QuestionResult:
    question: str
    mean: float | None
    count: int


@dataclass(frozen=True)
class EvaluationResult:
    number: int  # the block's number in the day
    title: str
    teams: int  # how many teams answered
    questions: tuple[QuestionResult, ...]
    open_question: str
    answers: tuple[tuple[str, str], ...]  # (team, answer), only the non-empty ones

    @property
    def few(self) -> bool:
        return 0 < self.teams < FEW_ANSWERS


@dataclass(frozen=True)
class SelfAssessmentReport:
    pillars: tuple[PillarInfo, ...]
    overview: Overview


@dataclass(frozen=True)
class DayReport:
    title: str
    blocks: tuple[BlockLine, ...]
    evaluations: tuple[EvaluationResult, ...]
    selfassessment: SelfAssessmentReport | None


def block_line(number: int, block: Block, session: str | None = None) -> BlockLine:
    """The block as the day's overview names it (a title it has none of: in the run's
    language)."""
    return BlockLine(number, title_of(block, Messages()),
                     len(block.cases) if isinstance(block, CasesBlock) else None, session)


def block_name(line: BlockLine, w: Words) -> str:
    """The block's title, or for an untitled block of cases the number of cases."""
    return line.title or (w.cases(line.cases) if line.cases is not None else "")


def evaluation_result(number: int, block: EvaluationBlock, state: RunState) -> EvaluationResult:
    """The marks per question: the block's questions, and any the teams were asked in another
    language (the default questions of a run resumed with another --lang) after them."""
    msg = Messages()
    given = state.evaluations_of(number - 1)
    marks = marks_per_question(given)
    asked = dict.fromkeys([*block.evaluation.asked(msg), *marks])
    questions = tuple(QuestionResult(q, mean(marks.get(q, [])), len(marks.get(q, [])))
                      for q in asked)
    return EvaluationResult(number, title_of(block, msg), len(given), questions,
                            block.evaluation.open_question(msg),
                            tuple((e.team, e.answer) for e in given if e.answer))


def selfassessment_report(training: Path, framework: Framework) -> SelfAssessmentReport:
    return SelfAssessmentReport(
        tuple(PillarInfo(p.id, p.name, p.label, p.color) for p in framework.pillars),
        overview(training, framework.pillar_ids))


def build_day_report(programme: Programme, state: RunState,
                     selfassessment: SelfAssessmentReport | None) -> DayReport:
    blocks = tuple(block_line(index + 1, block, state.sessions.get(index))
                   for index, block in enumerate(programme.blocks))
    evaluations = tuple(evaluation_result(index + 1, block, state)
                        for index, block in enumerate(programme.blocks)
                        if isinstance(block, EvaluationBlock))
    return DayReport(programme.title, blocks, evaluations, selfassessment)


# -- HTML ----------------------------------------------------------------------------------------
def _blocks(report: DayReport, w: Words) -> list[object]:
    items = []
    for line in report.blocks:
        reference = ([" — ", w("day.report.session"), " ",
                      h("code", f"casusspel report {line.session}")] if line.session else [])
        items.append(h("li", block_name(line, w), *reference))
    return [h("h2", w("day.report.blocks")), h("ol", *items)]


def _evaluation(result: EvaluationResult, w: Words) -> list[object]:
    rows = [h("tr", h("th", w("day.report.question")), h("th", w("day.report.mean")),
              h("th", "n"))]
    for item in result.questions:
        rows.append(h("tr", h("td", item.question),
                      h("td", "-" if item.mean is None else w.number(item.mean)),
                      h("td", item.count)))
    out: list[object] = [h("div", h("h2", w("day.report.evaluation", title=result.title,
                                            block=result.number,
                                            teams=w.msg.plural("day.teams", result.teams))),
                           h("div", h("table", *rows), cls="scroll"), cls="keep")]
    if result.answers:
        out.append(h("p", h("b", result.open_question)))
        out.append(h("ul", *(h("li", f"{team}: {answer}") for team, answer in result.answers)))
    if result.few:
        out.append(h("p", w("day.report.few"), cls="notice"))
    return out


def selfassessment_section(report: SelfAssessmentReport, w: Words,
                           heading: str = "h2") -> list[object]:
    """Heading, legend, a bar per pillar and moment (1-5), and a small-numbers note."""
    counts = report.overview.counts
    series = [Series(w("selfassessment.moment.counted", moment=w(f"selfassessment.moment.{m}"),
                       n=counts[m]), colours(MOMENT_COLOURS[m])[0]) for m in MOMENTS]
    cells = report.overview.cells
    groups = [(p.short, [c.mean if (c := cells[p.id].get(m)) else None for m in MOMENTS])
              for p in report.pillars]
    out: list[object] = [
        h("div", h(heading, w("selfassessment.title")), h("p", w("selfassessment.scale")),
          legend([(s.name, MOMENT_COLOURS[m]) for s, m in zip(series, MOMENTS, strict=True)]),
          cls="keep"),
        bar_chart(w("selfassessment.title"), groups, series, maximum=5.0,
                  ticks=(0, 1, 2, 3, 4, 5), number=w.number)]
    if report.overview.empty:
        out.append(h("p", w("selfassessment.none"), cls="muted"))
    elif report.overview.few:
        out.append(h("p", w("selfassessment.few", few=FEW), cls="notice"))
    return out


def render_day_html(report: DayReport, lang: str) -> str:
    w = Words(lang)
    body: list[object] = [h("h1", report.title), *_blocks(report, w)]
    for result in report.evaluations:
        body += _evaluation(result, w)
    if report.selfassessment is not None:
        body += selfassessment_section(report.selfassessment, w)
    body.append(h("footer", w("report.footer", version=__version__)))
    return page(report.title, body, lang=w.lang)


def render_selfassessment_html(report: SelfAssessmentReport, lang: str) -> str:
    w = Words(lang)
    body = [*selfassessment_section(report, w, heading="h1"),
            h("footer", w("report.footer", version=__version__))]
    return page(w("selfassessment.title"), body, lang=w.lang)
