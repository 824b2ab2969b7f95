"""The session report as one self-contained HTML file (shared page and chart: ``htmlkit``)."""

from __future__ import annotations

from casusspel.reports.htmlkit import Safe, Series, bar_chart, colours, h, legend, page
from casusspel.reports.model import CaseEntry, Report, TeamEntry
from casusspel.reports.text import Words, segments


def profile_chart(report: Report, w: Words) -> Safe:
    """One group per team and one for the room, one bar per pillar (0-3)."""
    pillars = report.framework.pillars
    groups = [(team, [report.profiles[team].get(p.id, 0.0) for p in pillars])
              for team in report.teams]
    groups.append((w("report.room"), [report.room.get(p.id, 0.0) for p in pillars]))
    return bar_chart(w("report.chart.title"), groups,
                     [Series(p.name, colours(p.color)[0]) for p in pillars],
                     maximum=3.0, ticks=(0, 1, 2, 3), bold_last=True, number=w.number)


def _legend(report: Report) -> Safe:
    return legend([(p.name, p.color) for p in report.framework.pillars])


def _highlighted(team: TeamEntry, report: Report) -> Safe:
    assert team.reflection is not None
    colour = {p.id: colours(p.color) for p in report.framework.pillars}
    names = report.framework.names
    out: list[object] = []
    for piece, covering in segments(team.reflection.text, team.reflection.pillars):
        if not covering:
            out.append(piece)
            continue
        strong, light = colour.get(covering[0], ("#555", "#eee"))
        out.append(h("mark", piece, style=f"background:{light};border-bottom:2px solid {strong}",
                     title=", ".join(names.get(p, p) for p in covering)))
    return h("blockquote", *out)


def _team(team: TeamEntry, case: CaseEntry, report: Report, w: Words) -> Safe:
    names = case.factor_names
    rows: list[tuple[str, object]] = []
    score = team.factor_score
    factors: list[object] = [w.factor_list(team.factors, names, "factors" in team.skipped)]
    if score:
        factors.append(h("span", " (" + w("report.of_points", points=score.points,
                                           max=score.max_points) + ")", cls="muted"))
        if score.missed:
            factors += [h("br"), h("span", w("report.missed_inline",
                                             factors=w.factor_list(score.missed, names)),
                                   cls="muted")]
    rows.append((w("report.factors"), factors))
    if team.action:
        rows.append((w("report.action"), [
            h("b", f"{w.letter(team.action.id)}."), " ", team.action.text, " ",
            h("span", f"({w.points(team.action_points)})", cls="muted"),
            h("div", team.action.feedback, cls="feedback") if team.action.feedback else None]))
    else:
        rows.append((w("report.action"), h("span", w.missing("action" in team.skipped),
                                           cls="muted")))
    for move in team.reconsiderations:
        rows.append((w("report.reconsidered.short"),
                     f"{w.letter(move.before)} → {w.letter(move.after)}"))
    if team.stage_action:
        rows.append((w("report.stage"), [
            h("b", f"{w.letter(team.stage_action.id)}."), " ", team.stage_action.text, " ",
            h("span", f"({w.points(team.stage_points)})", cls="muted")]))
    body: list[object] = [
        h("h3", h("span", team.team), h("span", w.points(team.total), cls="total")),
        h("dl", *(part for label, value in rows for part in (h("dt", label), h("dd", value))))]
    reflection = team.reflection
    if reflection is None and team.draft is not None:
        body += [h("p", w("report.reflection") + ": " + w("report.skipped_draft"), cls="muted"),
                 h("blockquote", team.draft, cls="draft")]
        return h("section", *body, cls="card")
    if reflection is None:
        body.append(h("p", w("report.skipped_reflection" if "reflection" in team.skipped
                             else "report.no_reflection"), cls="muted"))
        return h("section", *body, cls="card")
    body.append(_highlighted(team, report))
    table_rows = [h("tr", h("th", w("report.pillar")), h("th", w("report.score")),
                        h("th", w("report.words")))]
    for pillar_id, pillar in reflection.pillars.items():
        value: list[object] = [w.score_of(pillar.score)]
        if pillar.override:
            value += [" ", h("span", f"({w.override_note(pillar)})", cls="muted")]
        words = ", ".join(f"“{text}”" for text in w.words(pillar.evidence)) or "—"
        table_rows.append(h("tr", h("td", report.framework.names.get(pillar_id, pillar_id)),
                            h("td", value, cls="nowrap" if not pillar.override else None),
                            h("td", words)))
    body.append(h("div", h("table", *table_rows), cls="scroll"))
    for flag in reflection.flags:
        body.append(h("div", h("b", w("report.flag") + ":"), f" “{flag.text}” — ",
                      flag.explanation,
                      [h("br"), h("i", f"{w('report.question')}: {flag.question}")]
                      if flag.question else None, cls="flag"))
    return h("section", *body, cls="card")


def _votes(case: CaseEntry, w: Words) -> Safe:
    assert case.votes is not None
    votes = case.votes
    rows = [h("tr", h("th", w("report.action")), h("th", w("report.votes.before")),
              h("th", w("report.votes.after")))]
    for choice in case.choices:
        before = (votes.before or {}).get(choice.id, 0)
        after = (votes.after or {}).get(choice.id, "—") if votes.after else "—"
        rows.append(h("tr", h("td", h("b", f"{w.letter(choice.id)}."), " ", choice.text),
                      h("td", before), h("td", after)))
    return h("div", h("table", *rows), cls="scroll")


def _case(number: int, case: CaseEntry, report: Report, w: Words) -> list[object]:
    """A case: its heading, status and key kept together with the first card on paper."""
    head: list[object] = [h("h2", f"{number}. {case.title}"),
                          h("p", w.status(case.status), cls="muted")]
    if case.status == "not_played":
        return [h("div", *head, cls="keep")]
    key, names = case.key, case.factor_names
    head.append(h("p", h("b", w("report.key") + "."), " ", w(
        "report.key.line", decisive=w.factor_list(key.decisive, names),
        relevant=w.factor_list(key.relevant, names),
        distractor=w.factor_list(key.distractor, names))))
    if case.votes:
        head.append(_votes(case, w))
    cards = [_team(team, case, report, w) for team in case.teams]
    return [h("div", *head, *cards[:1], cls="keep"), *cards[1:]]


def _next_time(report: Report, w: Words) -> list[object]:
    out: list[object] = [h("h2", w("report.next_time"))]
    if report.contested:
        out.append(h("div", h("h3", w.contested_title(report.session.mode)), h("ol", *(
            h("li", h("b", item.title), ": ", w.contested(item)) for item in report.contested)),
            cls="keep"))
    if report.shifts:
        out.append(h("div", h("h3", w("report.shifts")), h("ul", *(
            h("li", w.shift(s, report.framework.shorts)) for s in report.shifts)), cls="keep"))
    if not report.contested and not report.shifts:
        out.append(h("p", w("report.nothing_yet")))
    return out


def render_html(report: Report) -> str:
    w = Words(report.session.lang)
    session = report.session
    body: list[object] = [h("h1", w("report.title", id=session.id)),
                          h("p", w.meta(report), cls="meta")]
    if not session.finished:
        body.append(h("p", h("b", w("report.unfinished")), " ", w("report.unfinished.how"),
                      " ", h("code", "casusspel resume"), ".", cls="notice"))
    if session.ended_early:
        body.append(h("p", w.ended_early(session), cls="notice"))
    if report.teams:
        totals = ", ".join(f"{t}: {report.totals[t]}" for t in report.teams)
        body += [h("div", h("h2", w("report.profile")),
                   h("p", w("report.profile.html", totals=totals)), _legend(report),
                   cls="keep"), profile_chart(report, w)]
    body += _next_time(report, w)
    if report.learning_questions:
        items = []
        for item in report.learning_questions:
            answers = [h("li", match.title, ": ", h("span", "; ".join(match.reasons),
                                                     cls="muted")) for match in item.cases]
            items.append(h("li", h("b", item.question), h("ul", *answers or [
                h("li", w("report.question_open"), cls="muted")])))
        body.append(h("h2", w("report.learning_questions")))
        body.append(h("ul", *items))
    if any(c.status != "not_played" and c.teams for c in report.cases):
        body.append(_legend(report))
    for number, case in enumerate(report.cases, 1):
        body += _case(number, case, report, w)
    body.append(h("footer", w("report.footer", version=session.casusspel)))
    return page(w("report.page_title", id=session.id), body, lang=w.lang)
