"""The report as Markdown: readable as plain text, renders well on GitHub, GitLab and editors."""

from __future__ import annotations

import re
from typing import Any

from casusspel.reports.text import (
    MODE,
    STATUS,
    contested_text,
    contested_title,
    factor_list,
    pillar_names,
    segments,
    shift_text,
    without_control,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|~&])")


def esc(text: object) -> str:
    """User text as literal Markdown: markup characters escaped, control characters dropped."""
    clean = without_control(str(text))
    escaped = _SPECIAL.sub(r"\\\1", clean)
    escaped = re.sub(r"(?<=\n)([ \t]*\d+)([.)])", r"\1\\\2", escaped)
    return re.sub(r"(?<=\n)([ \t]*)([-=])", r"\1\\\2", escaped)


def cell(text: object) -> str:
    return esc(text).replace("\n", " ")


def bar(value: float, width: int = 6) -> str:
    filled = round(width * value / 3)
    return "█" * filled + "░" * (width - filled)


def quote(text: str) -> str:
    """Escaped text as a block quote; a line that would start a list or heading stays text."""
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^([ \t]*\d+)([.)])", r"\1\\\2", line)
        line = re.sub(r"^([ \t]*)([-=])", r"\1\\\2", line)
        lines.append("> " + line if line else ">")
    return "\n".join(lines)


def _profiles(report: dict[str, Any], names: dict[str, str]) -> list[str]:
    pillars = [p["id"] for p in report["framework"]["pillars"]]
    header = ["Team", "Punten", *(names[p] for p in pillars)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for team in report["teams"]:
        profile = report["profiles"][team]
        lines.append("| " + " | ".join([cell(team), str(report["totals"][team]),
                                        *(f"`{bar(profile[p])}` {profile[p]:.1f}"
                                          for p in pillars)]) + " |")
    room = report["room"]
    lines.append("| " + " | ".join(["**Hele zaal**", "",
                                    *(f"`{bar(room[p])}` {room[p]:.1f}" for p in pillars)])
                 + " |")
    return lines


def _highlighted(reflection: dict[str, Any], names: dict[str, str]) -> str:
    pieces = []
    for piece, covering in segments(reflection["text"], reflection["pillars"]):
        if covering and piece.strip():
            lead, core, tail = _split_space(piece)
            pieces.append(f"{esc(lead)}**{esc(core)}**{esc(tail)}")
        else:
            pieces.append(esc(piece))
    return "".join(pieces)


def _split_space(piece: str) -> tuple[str, str, str]:
    core = piece.strip()
    start = piece.index(core)
    return piece[:start], core, piece[start + len(core):]


def _team(team: dict[str, Any], case: dict[str, Any], names: dict[str, str]) -> list[str]:
    out = [f"#### {esc(team['team'])} — {team['total']} punten", ""]
    factor_names = case["factor_names"]
    score = team["factor_score"]
    factors = factor_list(team["factors"], factor_names)
    if score:
        factors += f" ({score['points']} van {score['max_points']} punten"
        if score["missed"]:
            factors += "; gemist: " + factor_list(score["missed"], factor_names)
        factors += ")"
    out.append(f"- **Factoren:** {esc(factors)}")
    action = team["action"]
    if action:
        out.append(f"- **Aanpak {esc(action['id'])}:** {esc(action['text'])} "
                   f"({team['action_points']} punten)")
        if action["feedback"]:
            out.append(f"  - *Feedback:* {esc(action['feedback'])}")
    else:
        out.append("- **Aanpak:** geen antwoord")
    for move in team["reconsiderations"]:
        out.append(f"- **Heroverwogen na de bespreking:** {esc(move['from'] or '-')} → "
                   f"{esc(move['to'])}")
    if team["stage_action"]:
        out.append(f"- **Vervolg, aanpak {esc(team['stage_action']['id'])}:** "
                   f"{esc(team['stage_action']['text'])} ({team['stage_points']} punten)")
    reflection = team["reflection"]
    if not reflection:
        out += ["- **Reflectie:** geen antwoord", ""]
        return out
    out += ["", "**Reflectie** (vetgedrukt: woorden die meetelden)", "",
            quote(_highlighted(reflection, names)), "",
            "| Pijler | Score | Woorden die meetelden |", "|---|---|---|"]
    for pillar_id, score in reflection["pillars"].items():
        words = ", ".join(f"“{cell(e['text'])}”" for e in score["evidence"]) or "—"
        value = f"{score['score']} van 3"
        if score["override"]:
            value += (f" (trainer; automatisch {score['automatic']}: "
                      f"{cell(score['override']['reason'])})")
        out.append(f"| {names.get(pillar_id, pillar_id)} | {value} | {words} |")
    for flag in reflection["flags"]:
        out += ["", f"> **Let op:** “{cell(flag['text'])}” — {esc(flag['explanation'])}"]
        if flag["question"]:
            out.append(f"> *Bespreekvraag:* {esc(flag['question'])}")
    out.append("")
    return out


def _votes(case: dict[str, Any]) -> list[str]:
    votes = case["votes"]
    lines = ["| Aanpak | Eerste stemming | Na de bespreking |", "|---|---|---|"]
    for choice in case["choices"]:
        before = (votes["before"] or {}).get(choice["id"], 0)
        after = (votes["after"] or {}).get(choice["id"], "—") if votes["after"] else "—"
        lines.append(f"| {esc(choice['id'])}. {cell(choice['text'])} | {before} | {after} |")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    session = report["session"]
    names = pillar_names(report)
    out = [f"# Verslag van de sessie {esc(session['id'])}", "",
           f"{esc(session['created'].replace('T', ' '))} · werkvorm: "
           f"{MODE.get(session['mode'], session['mode'])} · "
           f"{session['cases_played']} van {session['cases_total']} casussen gespeeld · "
           f"kader: {esc(report['framework']['name'])}", ""]
    if not session["finished"]:
        out += ["> **Deze sessie is niet afgerond.** Het verslag toont wat tot nu toe is "
                "ingevoerd; verder spelen kan met `casusspel resume`.", ""]
    if report["teams"]:
        out += ["## Profiel per pijler", "",
                "Gemiddelde reflectiescore per pijler (0-3) en de punten per team.", "",
                *_profiles(report, names), ""]
    out += ["## Stof voor de volgende keer", ""]
    if report["contested"]:
        out += [f"**{contested_title(session['mode'])}**", ""]
        out += [f"{n}. {esc(item['title'])}: {esc(contested_text(item))}"
                for n, item in enumerate(report["contested"], 1)]
        out.append("")
    if report["shifts"]:
        out += ["**Grootste verschuivingen na de bespreking**", ""]
        out += [f"- {esc(shift_text(s, names))}" for s in report["shifts"]]
        out.append("")
    if not report["contested"] and not report["shifts"]:
        out += ["Nog geen verschillen of verschuivingen om te bespreken.", ""]
    if report["learning_questions"]:
        out += ["## Leervragen", ""]
        for item in report["learning_questions"]:
            out.append(f"- **{esc(item['question'])}**")
            for case in item["cases"]:
                out.append(f"  - {esc(case['title'])}: {esc('; '.join(case['reasons']))}")
            if not item["cases"]:
                out.append("  - nog niet aan bod gekomen in deze sessie")
        out.append("")
    for number, case in enumerate(report["cases"], 1):
        out += [f"## {number}. {esc(case['title'])}", "", f"*{STATUS[case['status']]}*", ""]
        if case["status"] == "not_played":
            continue
        key, factor_names = case["key"], case["factor_names"]
        out += [f"**Sleutel.** Bepalend: {esc(factor_list(key['decisive'], factor_names))}. "
                f"Relevant: {esc(factor_list(key['relevant'], factor_names))}. "
                f"Afleidend: {esc(factor_list(key['distractor'], factor_names))}.", ""]
        if case["votes"]:
            out += [*_votes(case), ""]
        for team in case["teams"]:
            out += _team(team, case, names)
    out += ["---", "", f"*Gemaakt met casusspel {esc(session['casusspel'])}. Dit verslag bevat "
            "alleen teamnamen en wat de teams zelf invoerden.*", ""]
    return "\n".join(out)
