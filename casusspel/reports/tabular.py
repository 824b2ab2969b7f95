"""The report as CSV (one row per team per case) and as JSON (the full documented shape).

Columns are keyed by stable ids here; the header row names them in the report's language from
the catalogue (``report.csv.column.<id>``): the Dutch names are the ids themselves, so a Dutch
report's header is what it always was.
"""

from __future__ import annotations

import csv
import io
import json
import re

from casusspel.reports.model import Report
from casusspel.reports.text import Words

DELIMITER = ";"  # what Excel expects in a Dutch locale; LibreOffice detects it
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def csv_columns(report: Report) -> list[str]:
    pillars = [p.id for p in report.framework.pillars]
    return ["sessie", "casus_nr", "casus", "titel", "status", "team", "factoren",
            "factorpunten", "factoren_max", "gemist", "afleiders", "aanpak", "aanpakpunten",
            "heroverwogen", "vervolg", "vervolgpunten", "reflectie",
            *(f"score_{p}" for p in pillars), *(f"automatisch_{p}" for p in pillars),
            "aanpassingen", "vlaggen", "totaal", "stemmen_eerst", "stemmen_daarna",
            "concept"]  # new columns go last: a spreadsheet's formulas keep their columns


def csv_header(report: Report) -> list[str]:
    """The column names in the report's language (a pillar's columns carry its id)."""
    w = Words(report.session.lang)
    pillars = {p.id for p in report.framework.pillars}
    names = []
    for column in csv_columns(report):
        kind, _, pillar = column.partition("_")
        if pillar in pillars and kind in ("score", "automatisch"):
            names.append(w(f"report.csv.column.{kind}", pillar=pillar))
        else:
            names.append(w(f"report.csv.column.{column}"))
    return names


def csv_rows(report: Report) -> list[dict[str, object]]:
    w = Words(report.session.lang)
    pillars = [p.id for p in report.framework.pillars]
    rows: list[dict[str, object]] = []
    for number, case in enumerate(report.cases, 1):
        base = {"sessie": report.session.id, "casus_nr": number, "casus": case.id,
                "titel": case.title, "status": w.status(case.status)}
        if case.votes:
            for choice in case.choices:
                rows.append({**base, "team": w("report.csv.room"), "aanpak": choice.id,
                             "stemmen_eerst": (case.votes.before or {}).get(choice.id, ""),
                             "stemmen_daarna": (case.votes.after or {}).get(choice.id, "")})
        for team in case.teams:
            score = team.factor_score
            reflection = team.reflection
            scores = reflection.pillars if reflection else {}
            row: dict[str, object] = {
                **base, "team": team.team,
                "factoren": " ".join(team.factors or []),
                "factorpunten": score.points if score else "",
                "factoren_max": score.max_points if score else "",
                "gemist": " ".join(score.missed) if score else "",
                "afleiders": " ".join(score.distractors_picked) if score else "",
                "aanpak": team.action.id if team.action else "",
                "aanpakpunten": team.action_points,
                "heroverwogen": " ".join(f"{m.before}>{m.after}" for m in team.reconsiderations),
                "vervolg": team.stage_action.id if team.stage_action else "",
                "vervolgpunten": team.stage_points,
                "reflectie": reflection.text if reflection else "",
                "aanpassingen": " | ".join(
                    f"{p}: {s.automatic}>{s.score} ({s.override.reason})"
                    for p, s in scores.items() if s.override),
                "vlaggen": " | ".join(f.text for f in reflection.flags) if reflection else "",
                "totaal": team.total,
                # a team skipped while it had typed a draft: the draft, never scored
                "concept": team.draft or "",
            }
            for pillar in pillars:
                row[f"score_{pillar}"] = scores[pillar].score if pillar in scores else ""
                row[f"automatisch_{pillar}"] = scores[pillar].automatic if pillar in scores else ""
            rows.append(row)
    return rows


def render_csv(report: Report) -> str:
    """CSV text; written with a byte-order mark (utf-8-sig) so spreadsheets see UTF-8."""
    buffer = io.StringIO()
    columns = csv_columns(report)
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=DELIMITER,
                            lineterminator="\r\n", restval="")
    writer.writerow(dict(zip(columns, csv_header(report), strict=True)))
    for row in csv_rows(report):
        writer.writerow({key: _safe_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _safe_cell(value: object) -> object:
    """Control bytes dropped; text starting with = + - @ is not run as a formula (CSV injection)."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
