"""The report as CSV (one row per team per case) and as JSON (the full documented shape)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from casusspel.reports.text import STATUS, without_control

DELIMITER = ";"  # what Excel expects in a Dutch locale; LibreOffice detects it


def csv_columns(report: dict[str, Any]) -> list[str]:
    pillars = [p["id"] for p in report["framework"]["pillars"]]
    return ["sessie", "casus_nr", "casus", "titel", "status", "team", "factoren",
            "factorpunten", "factoren_max", "gemist", "afleiders", "aanpak", "aanpakpunten",
            "heroverwogen", "vervolg", "vervolgpunten", "reflectie",
            *(f"score_{p}" for p in pillars), *(f"automatisch_{p}" for p in pillars),
            "aanpassingen", "vlaggen", "totaal", "stemmen_eerst", "stemmen_daarna"]


def csv_rows(report: dict[str, Any]) -> list[dict[str, object]]:
    pillars = [p["id"] for p in report["framework"]["pillars"]]
    rows: list[dict[str, object]] = []
    for number, case in enumerate(report["cases"], 1):
        base = {"sessie": report["session"]["id"], "casus_nr": number, "casus": case["id"],
                "titel": case["title"], "status": STATUS[case["status"]]}
        if case["votes"]:
            for choice in case["choices"]:
                votes = case["votes"]
                rows.append({**base, "team": "(zaal)", "aanpak": choice["id"],
                             "stemmen_eerst": (votes["before"] or {}).get(choice["id"], ""),
                             "stemmen_daarna": (votes["after"] or {}).get(choice["id"], "")})
        for team in case["teams"]:
            score = team["factor_score"] or {}
            reflection = team["reflection"] or {}
            scores = reflection.get("pillars", {})
            row: dict[str, object] = {
                **base, "team": team["team"],
                "factoren": " ".join(team["factors"] or []),
                "factorpunten": score.get("points", ""),
                "factoren_max": score.get("max_points", ""),
                "gemist": " ".join(score.get("missed", [])),
                "afleiders": " ".join(score.get("distractors_picked", [])),
                "aanpak": (team["action"] or {}).get("id", ""),
                "aanpakpunten": team["action_points"],
                "heroverwogen": " ".join(f"{m['from']}>{m['to']}"
                                         for m in team["reconsiderations"]),
                "vervolg": (team["stage_action"] or {}).get("id", ""),
                "vervolgpunten": team["stage_points"],
                "reflectie": reflection.get("text", ""),
                "aanpassingen": " | ".join(
                    f"{p}: {s['automatic']}>{s['score']} ({s['override']['reason']})"
                    for p, s in scores.items() if s["override"]),
                "vlaggen": " | ".join(f["text"] for f in reflection.get("flags", [])),
                "totaal": team["total"],
            }
            for pillar in pillars:
                row[f"score_{pillar}"] = scores[pillar]["score"] if pillar in scores else ""
                row[f"automatisch_{pillar}"] = (scores[pillar]["automatic"]
                                                if pillar in scores else "")
            rows.append(row)
    return rows


def render_csv(report: dict[str, Any]) -> str:
    """CSV text; written with a byte-order mark (utf-8-sig) so spreadsheets see UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(report), delimiter=DELIMITER,
                            lineterminator="\r\n", restval="")
    writer.writeheader()
    for row in csv_rows(report):
        writer.writerow({key: _safe_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _safe_cell(value: object) -> object:
    """Text without control bytes (ESC, NUL: as in the other formats); text starting with
    = + - @ is not run as a formula by spreadsheets (CSV injection)."""
    if not isinstance(value, str):
        return value
    value = without_control(value)
    if value[:1] in ("=", "+", "-", "@", "\t"):
        return "'" + value
    return value


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
