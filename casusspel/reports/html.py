"""The report as one self-contained HTML file: inline CSS and SVG, no scripts, prints on A4.

Every piece of user text goes through ``esc`` (html.escape plus removal of control characters);
nothing from the session is ever inserted unescaped.
"""

from __future__ import annotations

import html
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

# Print-friendly versions of the terminal colours a framework can give its pillars
# (strong, light); an unknown name or a '#rrggbb' value is handled in ``colours``.
PALETTE = {
    "magenta": ("#a2307f", "#f6d9ee"), "green": ("#2e7d32", "#d8efd9"),
    "yellow": ("#a66a00", "#fbeac4"), "cyan": ("#00798c", "#d2eef2"),
    "blue": ("#1f5fbf", "#d9e5f8"), "red": ("#b3261e", "#f8d9d6"),
    "white": ("#555555", "#eeeeee"), "black": ("#222222", "#dddddd"),
}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def esc(text: object) -> str:
    return html.escape(without_control(str(text)), quote=True)


def colours(name: str) -> tuple[str, str]:
    """(strong, light) CSS colours for a pillar colour name such as 'bright_magenta'."""
    base = name.lower().removeprefix("bright_").removeprefix("dark_")
    if base in PALETTE:
        return PALETTE[base]
    if _HEX.fullmatch(name):
        red, green, blue = (int(name[i:i + 2], 16) for i in (1, 3, 5))

        def light(c: int) -> int:
            return c + (255 - c) * 4 // 5

        return name, f"#{light(red):02x}{light(green):02x}{light(blue):02x}"
    return ("#555555", "#e6e6e6")


CSS = """
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1d1d1d;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #ddd; padding-bottom: .2rem;
     margin-top: 2rem; break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; break-after: avoid; }
.meta { color: #555; margin-top: 0; }
.notice { background: #fff4ce; border-left: 4px solid #a66a00; padding: .5rem .8rem; }
.team { border: 1px solid #ddd; border-radius: 6px; padding: .4rem .9rem .6rem;
        margin: .8rem 0; break-inside: avoid; }
.team h3 { margin-top: .3rem; }
.team .total { float: right; font-weight: 600; color: #333; }
dl { display: grid; grid-template-columns: 8.5rem 1fr; gap: .15rem .8rem; margin: .3rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.feedback { color: #444; font-style: italic; }
blockquote { margin: .4rem 0; padding: .4rem .8rem; background: #fafafa;
             border-left: 3px solid #bbb; white-space: pre-wrap; }
mark { padding: 0 .1em; border-radius: 2px; color: inherit; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { text-align: left; padding: .15rem .6rem .15rem 0; vertical-align: top; }
th { font-size: .9rem; color: #444; }
.flag { border-left: 4px solid #b3261e; background: #fbeeed; padding: .3rem .7rem;
        margin: .4rem 0; }
.legend span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px;
          vertical-align: -.05rem; margin-right: .3rem; }
.muted { color: #666; }
footer { margin-top: 2rem; color: #666; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def _legend(report: dict[str, Any]) -> str:
    items = []
    for pillar in report["framework"]["pillars"]:
        strong, light = colours(pillar["color"])
        items.append(f'<span><i class="swatch" style="background:{light};border:1px solid '
                     f'{strong}"></i>{esc(pillar["name"])}</span>')
    return f'<p class="legend">{"".join(items)}</p>'


def profile_svg(report: dict[str, Any]) -> str:
    """Grouped horizontal bars: one group per team and one for the room, one bar per pillar."""
    pillars = report["framework"]["pillars"]
    rows = [(team, report["profiles"][team]) for team in report["teams"]]
    rows.append(("Hele zaal", report["room"]))
    bar_h, gap, label_w, chart_w = 14, 10, 150, 360
    group_h = len(pillars) * bar_h + gap
    height = len(rows) * group_h + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + chart_w + 60}"'
             f' height="{height}" viewBox="0 0 {label_w + chart_w + 60} {height}" '
             'font-family="Arial, sans-serif" font-size="12">',
             f"<title>{esc('Profiel per pijler, per team en voor de hele zaal (0-3)')}</title>"]
    for tick in range(4):
        x = label_w + chart_w * tick / 3
        parts.append(f'<line x1="{x:.0f}" y1="0" x2="{x:.0f}" y2="{height - 18}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{x:.0f}" y="{height - 4}" text-anchor="middle" '
                     f'fill="#666">{tick}</text>')
    for index, (name, profile) in enumerate(rows):
        top = index * group_h
        weight = "bold" if index == len(rows) - 1 else "normal"
        parts.append(f'<text x="0" y="{top + len(pillars) * bar_h / 2 + 4:.0f}" '
                     f'font-weight="{weight}">{esc(name[:22])}</text>')
        for p_index, pillar in enumerate(pillars):
            value = float(profile.get(pillar["id"], 0.0))
            strong, _ = colours(pillar["color"])
            y = top + p_index * bar_h
            width = chart_w * min(value, 3.0) / 3
            parts.append(f'<rect x="{label_w}" y="{y + 1}" width="{width:.1f}" '
                         f'height="{bar_h - 3}" fill="{strong}">'
                         f'<title>{esc(pillar["name"])}: {value:.1f}</title></rect>')
            parts.append(f'<text x="{label_w + width + 4:.1f}" y="{y + bar_h - 3}" '
                         f'fill="#333">{value:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _highlighted(reflection: dict[str, Any], report: dict[str, Any]) -> str:
    colour = {p["id"]: colours(p["color"]) for p in report["framework"]["pillars"]}
    names = pillar_names(report)
    out = []
    for piece, covering in segments(reflection["text"], reflection["pillars"]):
        if not covering:
            out.append(esc(piece))
            continue
        strong, light = colour.get(covering[0], ("#555", "#eee"))
        title = ", ".join(names.get(p, p) for p in covering)
        out.append(f'<mark style="background:{light};border-bottom:2px solid {strong}" '
                   f'title="{esc(title)}">{esc(piece)}</mark>')
    return "".join(out)


def _team(team: dict[str, Any], case: dict[str, Any], report: dict[str, Any]) -> str:
    names = pillar_names(report)
    factor_names = case["factor_names"]
    rows = []
    score = team["factor_score"]
    factors = esc(factor_list(team["factors"], factor_names))
    if score:
        factors += f' <span class="muted">({score["points"]} van {score["max_points"]} punten)'
        factors += "</span>"
        if score["missed"]:
            factors += f'<br><span class="muted">Gemist: ' \
                       f'{esc(factor_list(score["missed"], factor_names))}</span>'
    rows.append(("Factoren", factors))
    action = team["action"]
    if action:
        text = f'<b>{esc(action["id"])}.</b> {esc(action["text"])} ' \
               f'<span class="muted">({team["action_points"]} punten)</span>'
        if action["feedback"]:
            text += f'<div class="feedback">{esc(action["feedback"])}</div>'
        rows.append(("Aanpak", text))
    else:
        rows.append(("Aanpak", '<span class="muted">geen antwoord</span>'))
    for move in team["reconsiderations"]:
        rows.append(("Heroverwogen", f'{esc(move["from"] or "-")} → {esc(move["to"])}'))
    if team["stage_action"]:
        stage = team["stage_action"]
        rows.append(("Vervolg", f'<b>{esc(stage["id"])}.</b> {esc(stage["text"])} '
                                f'<span class="muted">({team["stage_points"]} punten)</span>'))
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    parts = [f'<section class="team"><span class="total">{team["total"]} punten</span>'
             f'<h3>{esc(team["team"])}</h3><dl>{body}</dl>']
    reflection = team["reflection"]
    if reflection is None:
        parts.append('<p class="muted">Geen reflectie.</p></section>')
        return "".join(parts)
    parts.append(f"<blockquote>{_highlighted(reflection, report)}</blockquote>")
    parts.append("<table><tr><th>Pijler</th><th>Score</th><th>Woorden die meetelden</th></tr>")
    for pillar_id, pillar in reflection["pillars"].items():
        value = f"{pillar['score']} van 3"
        if pillar["override"]:
            value += (f' <span class="muted">(trainer; automatisch {pillar["automatic"]}: '
                      f'{esc(pillar["override"]["reason"])})</span>')
        words = ", ".join(f"“{esc(e['text'])}”" for e in pillar["evidence"]) or "—"
        parts.append(f"<tr><td>{esc(names.get(pillar_id, pillar_id))}</td><td>{value}</td>"
                     f"<td>{words}</td></tr>")
    parts.append("</table>")
    for flag in reflection["flags"]:
        question = (f'<br><i>Bespreekvraag: {esc(flag["question"])}</i>'
                    if flag["question"] else "")
        parts.append(f'<div class="flag"><b>Let op:</b> “{esc(flag["text"])}” — '
                     f'{esc(flag["explanation"])}{question}</div>')
    parts.append("</section>")
    return "".join(parts)


def _votes(case: dict[str, Any]) -> str:
    votes = case["votes"]
    rows = ["<table><tr><th>Aanpak</th><th>Eerste stemming</th><th>Na de bespreking</th></tr>"]
    for choice in case["choices"]:
        before = (votes["before"] or {}).get(choice["id"], 0)
        after = (votes["after"] or {}).get(choice["id"], "—") if votes["after"] else "—"
        rows.append(f'<tr><td><b>{esc(choice["id"])}.</b> {esc(choice["text"])}</td>'
                    f"<td>{before}</td><td>{after}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def render_html(report: dict[str, Any]) -> str:
    session = report["session"]
    names = pillar_names(report)
    body = [f"<h1>Verslag van de sessie {esc(session['id'])}</h1>",
            f'<p class="meta">{esc(session["created"].replace("T", " "))} · werkvorm: '
            f'{esc(MODE.get(session["mode"], session["mode"]))} · {session["cases_played"]} van '
            f'{session["cases_total"]} casussen gespeeld · kader: '
            f'{esc(report["framework"]["name"])}</p>']
    if not session["finished"]:
        body.append('<p class="notice"><b>Deze sessie is niet afgerond.</b> Het verslag toont '
                    "wat tot nu toe is ingevoerd; verder spelen kan met "
                    "<code>casusspel resume</code>.</p>")
    if report["teams"]:
        totals = ", ".join(f"{esc(t)}: {report['totals'][t]}" for t in report["teams"])
        body += ["<h2>Profiel per pijler</h2>",
                 "<p>Gemiddelde reflectiescore per pijler (0-3), per team en voor de hele zaal."
                 f" Punten: {totals}.</p>", _legend(report), profile_svg(report)]
    body.append("<h2>Stof voor de volgende keer</h2>")
    if report["contested"]:
        items = "".join(f"<li><b>{esc(c['title'])}</b>: {esc(contested_text(c))}</li>"
                        for c in report["contested"])
        body.append(f"<h3>{contested_title(session['mode'])}</h3><ol>{items}</ol>")
    if report["shifts"]:
        items = "".join(f"<li>{esc(shift_text(s, names))}</li>" for s in report["shifts"])
        body.append(f"<h3>Grootste verschuivingen na de bespreking</h3><ul>{items}</ul>")
    if not report["contested"] and not report["shifts"]:
        body.append("<p>Nog geen verschillen of verschuivingen om te bespreken.</p>")
    if report["learning_questions"]:
        questions = []
        for item in report["learning_questions"]:
            answers = "".join(f"<li>{esc(c['title'])}: "
                              f"<span class=\"muted\">{esc('; '.join(c['reasons']))}</span></li>"
                              for c in item["cases"]) or (
                "<li class=\"muted\">nog niet aan bod gekomen in deze sessie</li>")
            questions.append(f"<li><b>{esc(item['question'])}</b><ul>{answers}</ul></li>")
        body.append(f"<h2>Leervragen</h2><ul>{''.join(questions)}</ul>")
    if any(c["status"] != "not_played" and c["teams"] for c in report["cases"]):
        body.append(_legend(report))
    for number, case in enumerate(report["cases"], 1):
        body.append(f"<h2>{number}. {esc(case['title'])}</h2>"
                    f'<p class="muted">{STATUS[case["status"]]}</p>')
        if case["status"] == "not_played":
            continue
        key, factor_names = case["key"], case["factor_names"]
        kinds = [esc(factor_list(key[k], factor_names))
                 for k in ("decisive", "relevant", "distractor")]
        body.append(f"<p><b>Sleutel.</b> Bepalend: {kinds[0]}. Relevant: {kinds[1]}. "
                    f"Afleidend: {kinds[2]}.</p>")
        if case["votes"]:
            body.append(_votes(case))
        body.extend(_team(team, case, report) for team in case["teams"])
    body.append(f"<footer>Gemaakt met casusspel {esc(session['casusspel'])}. Dit verslag bevat "
                "alleen teamnamen en wat de teams zelf invoerden.</footer>")
    return ('<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Verslag casusspel {esc(session['id'])}</title>\n<style>{CSS}</style>\n"
            "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
