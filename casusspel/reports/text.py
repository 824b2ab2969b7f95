"""Shared pieces for every report format: Dutch labels, evidence segments, names of things."""

from __future__ import annotations

import re
from typing import Any

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # dropped from user text in every format


def without_control(text: str) -> str:
    """Text without control characters (ESC, NUL, CR, ...); line breaks and tabs stay."""
    return CONTROL.sub("", text)


MODE = {"group": "groepjes", "solo": "solo", "plenary": "plenair"}
STATUS = {"played": "gespeeld", "in_progress": "bezig toen de sessie stopte",
          "not_played": "niet gespeeld"}


def segments(text: str, pillars: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """The text cut at every evidence boundary: (piece, pillars whose evidence covers it)."""
    cuts = {0, len(text)}
    spans: list[tuple[int, int, str]] = []
    for pillar_id, score in pillars.items():
        for evidence in score["evidence"]:
            start, end = max(0, evidence["start"]), min(len(text), evidence["end"])
            if start < end:
                spans.append((start, end, pillar_id))
                cuts.update((start, end))
    points = sorted(cuts)
    out: list[tuple[str, tuple[str, ...]]] = []
    for start, end in zip(points, points[1:], strict=False):
        covering = tuple(dict.fromkeys(p for s, e, p in spans if s <= start and end <= e))
        if out and out[-1][1] == covering:
            out[-1] = (out[-1][0] + text[start:end], covering)
        else:
            out.append((text[start:end], covering))
    return out


def factor_list(ids: list[str] | None, names: dict[str, str]) -> str:
    if ids is None:
        return "geen antwoord"
    return ", ".join(names.get(f, f) for f in ids) or "geen"


def pillar_names(report: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["name"] for p in report["framework"]["pillars"]}


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def shift_text(shift: dict[str, Any], pillars: dict[str, str]) -> str:
    """One line about a change after discussion, in Dutch."""
    where = shift["title"]
    if shift["kind"] == "action":
        return f"{shift['team']} koos na de bespreking {shift['to']} in plaats van " \
               f"{shift['from'] or '(niets)'} ({where})."
    if shift["kind"] == "override":
        return (f"De trainer zette {pillars.get(shift['pillar'], shift['pillar'])} van "
                f"{shift['team']} van {shift['from']} op {shift['to']}: {shift['reason']} "
                f"({where}).")
    return (f"Na de bespreking verschoof {percent(shift['size'])} van de stemmen naar een "
            f"andere aanpak ({where}).")


def contested_text(item: dict[str, Any]) -> str:
    parts = []
    if item.get("factors") is not None:
        parts.append(f"factoren verschilden {percent(item['factors'])}")
    if item.get("action") is not None:
        parts.append(f"{percent(item['action'])} koos een andere aanpak dan de meerderheid")
    return "; ".join(parts)


def contested_title(mode: str) -> str:
    who = "de zaal het minst eens was" if mode == "plenary" else "de teams het minst eens waren"
    return f"Casussen waarover {who}"
