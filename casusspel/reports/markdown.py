"""The report as Markdown: readable as plain text, renders well on GitHub, GitLab and editors.

Heading levels go down one at a time: ``#`` report, ``##`` section or case, ``###`` team.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from casusspel.content.literal import clean
from casusspel.reports.model import CaseEntry, Report, TeamEntry
from casusspel.reports.text import Words, segments

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|~&])")
_NUMBERED = re.compile(r"(?<=\n)([ \t]*\d+)([.)])")  # a line that would start a list
_RULE = re.compile(r"(?<=\n)([ \t]*)([-=])")  # or a heading underline or a bullet


# each markup character with a backslash before it: what _SPECIAL.sub(r"\\\1", text) does, in C
_ESCAPED = {ord(c): "\\" + c for c in "\\`*_{}[]<>#+|~&"}


def esc(text: object) -> str:
    """User text as literal Markdown: markup characters escaped, control characters made visible,
    bidi overrides and zero-width characters removed (``clean``, as on every screen)."""
    return _esc(text if type(text) is str else str(text))


@lru_cache(maxsize=4096)
def _esc(text: str) -> str:
    """``esc`` of a text; the same texts come back in every round (team names, a choice and its
    feedback for each team that took it, factor lists): escaped once."""
    escaped = clean(text).translate(_ESCAPED)
    if "\n" not in escaped:
        return escaped
    escaped = _NUMBERED.sub(r"\1\\\2", escaped)
    return _RULE.sub(r"\1\\\2", escaped)


def cell(text: object) -> str:
    return esc(text).replace("\n", " ")


def bar(value: float, width: int = 6) -> str:
    filled = round(width * value / 3)
    return "█" * filled + "░" * (width - filled)


_LIST_START = re.compile(r"^([ \t]*\d+)([.)])")
_RULE_START = re.compile(r"^([ \t]*)([-=])")


def quote(text: str) -> str:
    """Escaped text as a block quote; a line that would start a list or heading stays text."""
    lines = []
    for line in text.split("\n"):
        first = line.lstrip(" \t")[:1]  # only a digit or '-', '=' there can start either
        if first.isdecimal():
            line = _LIST_START.sub(r"\1\\\2", line)
        elif first in ("-", "="):
            line = _RULE_START.sub(r"\1\\\2", line)
        lines.append("> " + line if line else ">")
    return "\n".join(lines)


def _profiles(report: Report, w: Words) -> list[str]:
    pillars = report.framework.pillars
    header = [w("report.team"), w("report.points_header"), *(p.name for p in pillars)]
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]

    def values(profile: dict[str, float]) -> list[str]:
        return [f"`{bar(profile[p.id])}` {w.number(profile[p.id])}" for p in pillars]

    for team in report.teams:
        lines.append("| " + " | ".join([cell(team), str(report.totals[team]),
                                        *values(report.profiles[team])]) + " |")
    lines.append("| " + " | ".join([f"**{w('report.room')}**", "", *values(report.room)])
                 + " |")
    return lines


def _highlighted(text: str, team: TeamEntry) -> str:
    assert team.reflection is not None
    pieces = []
    for piece, covering in segments(text, team.reflection.pillars):
        if covering and piece.strip():
            core = piece.strip()
            start = piece.index(core)
            pieces.append(f"{esc(piece[:start])}**{esc(core)}**{esc(piece[start + len(core):])}")
        else:
            pieces.append(esc(piece))
    return "".join(pieces)


def _no_reflection(team: TeamEntry, w: Words) -> list[str]:
    """No reflection handed in: the draft of a team skipped with one (as typed), else why not."""
    if team.draft is not None:
        return [f"- **{w('report.reflection')}:** {w('report.skipped_draft')}", "",
                quote(esc(team.draft)), ""]
    return [f"- **{w('report.reflection')}:** {w.missing('reflection' in team.skipped)}", ""]


def _team(team: TeamEntry, case: CaseEntry, report: Report, w: Words) -> list[str]:
    out = [f"### {esc(team.team)} — {w.points(team.total)}", ""]
    score = team.factor_score
    factors = w.factor_list(team.factors, case.factor_names, "factors" in team.skipped)
    if score:
        detail = w("report.of_points", points=score.points, max=score.max_points)
        if score.missed:
            detail += "; " + w("report.missed_inline",
                               factors=w.factor_list(score.missed, case.factor_names))
        factors += f" ({detail})"
    out.append(f"- **{w('report.factors')}:** {esc(factors)}")
    if team.action:
        out.append(f"- **{w('report.action')} {w.letter(team.action.id)}:** "
                   f"{esc(team.action.text)} "
                   f"({w.points(team.action_points)})")
        if team.action.feedback:
            out.append(f"  - *{w('report.feedback')}:* {esc(team.action.feedback)}")
    else:
        out.append(f"- **{w('report.action')}:** {w.missing('action' in team.skipped)}")
    for move in team.reconsiderations:
        out.append(f"- **{w('report.reconsidered')}:** {w.letter(move.before)} → "
                   f"{w.letter(move.after)}")
    if team.stage_action:
        out.append(f"- **{w('report.stage')}, {w('report.action').lower()} "
                   f"{w.letter(team.stage_action.id)}:** {esc(team.stage_action.text)} "
                   f"({w.points(team.stage_points)})")
    reflection = team.reflection
    if not reflection:
        return out + _no_reflection(team, w)
    names = w.pillar_names(report)
    out += ["", f"**{w('report.reflection')}** ({w('report.bold_words')})", "",
            quote(_highlighted(reflection.text, team)), "",
            f"| {w('report.pillar')} | {w('report.score')} | {w('report.words')} |",
            "|---|---|---|"]
    for pillar_id, pillar in reflection.pillars.items():
        words = ", ".join(f"“{cell(text)}”" for text in w.words(pillar.evidence)) or "—"
        value = w.score_of(pillar.score)
        if pillar.override:
            value += f" ({cell(w.override_note(pillar))})"
        out.append(f"| {cell(names.get(pillar_id, pillar_id))} | {value} | {words} |")
    for flag in reflection.flags:
        out += ["", f"> **{w('report.flag')}:** “{cell(flag.text)}” — {esc(flag.explanation)}"]
        if flag.question:
            out.append(f"> *{w('report.question')}:* {esc(flag.question)}")
    out.append("")
    return out


def _votes(case: CaseEntry, w: Words) -> list[str]:
    assert case.votes is not None
    votes = case.votes
    lines = [f"| {w('report.action')} | {w('report.votes.before')} | {w('report.votes.after')} |",
             "|---|---|---|"]
    for choice in case.choices:
        before = (votes.before or {}).get(choice.id, 0)
        after = (votes.after or {}).get(choice.id, "—") if votes.after else "—"
        lines.append(f"| {w.letter(choice.id)}. {cell(choice.text)} | {before} | {after} |")
    return lines


def _next_time(report: Report, w: Words) -> list[str]:
    out = [f"## {w('report.next_time')}", ""]
    if report.contested:
        out += [f"**{w.contested_title(report.session.mode)}**", ""]
        out += [f"{n}. {esc(item.title)}: {esc(w.contested(item))}"
                for n, item in enumerate(report.contested, 1)]
        out.append("")
    if report.shifts:
        out += [f"**{w('report.shifts')}**", ""]
        out += [f"- {esc(w.shift(s, report.framework.shorts))}" for s in report.shifts]
        out.append("")
    if not report.contested and not report.shifts:
        out += [w("report.nothing_yet"), ""]
    return out


def render_markdown(report: Report) -> str:
    return "".join(markdown_parts(report))


def markdown_parts(report: Report) -> Iterator[str]:
    """The Markdown report in pieces (the head, each case, the foot) to write one after the
    other: a report of thousands of rounds is never one string in memory."""
    w = Words(report.session.lang)
    session = report.session
    out = [f"# {w('report.title', id=esc(session.id))}", "", esc(w.meta(report)), ""]
    if not session.finished:
        out += [f"> {w('report.unfinished.md')}", ""]
    if session.ended_early:
        out += [f"> {w.ended_early(session)}", ""]
    if report.teams:
        out += [f"## {w('report.profile')}", "", w("report.profile.md"), "",
                *_profiles(report, w), ""]
    out += _next_time(report, w)
    if report.learning_questions:
        out += [f"## {w('report.learning_questions')}", ""]
        for item in report.learning_questions:
            out.append(f"- **{esc(item.question)}**")
            for match in item.cases:
                out.append(f"  - {esc(match.title)}: {esc('; '.join(match.reasons))}")
            if not item.cases:
                out.append(f"  - {w('report.question_open')}")
        out.append("")
    yield "\n".join(out) + "\n"
    for number, case in enumerate(report.cases, 1):
        yield "\n".join(_case(number, case, report, w)) + "\n"
    yield "\n".join(["---", "", f"*{w('report.footer', version=esc(session.casusspel))}*", ""])


def _case(number: int, case: CaseEntry, report: Report, w: Words) -> list[str]:
    out = [f"## {number}. {esc(case.title)}", "", f"*{w.status(case.status)}*", ""]
    if case.status == "not_played":
        return out
    key, names = case.key, case.factor_names
    out += [f"**{w('report.key')}.** " + w(
        "report.key.line", decisive=esc(w.factor_list(key.decisive, names)),
        relevant=esc(w.factor_list(key.relevant, names)),
        distractor=esc(w.factor_list(key.distractor, names))), ""]
    if case.votes:
        out += [*_votes(case, w), ""]
    for team in case.teams:
        out += _team(team, case, report, w)
    return out
