"""The report of a session as plain data (the JSON shape); every format is drawn from this.

Pure: a session's engine and state in, a dict out. Nothing but the session's own data goes in:
team names (or letters with ``anonymise``), what the teams entered, the cases and the framework
the session recorded. The shape is documented in docs/rapport.md; ``REPORT_VERSION`` changes when
it does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from casusspel.content.model import Case, Choice
from casusspel.scoring.reflection import score_reflection
from casusspel.session.engine import DONE, SITUATION, Engine, Round, SessionState, TeamResult

REPORT_VERSION = 1
TOP = 3


def team_letters(teams: tuple[str, ...]) -> dict[str, str]:
    """'Team A', 'Team B', ... in the order the teams were entered (AA, AB, ... after Z)."""
    def letter(n: int) -> str:
        return chr(65 + n) if n < 26 else letter(n // 26 - 1) + chr(65 + n % 26)

    return {team: f"Team {letter(n)}" for n, team in enumerate(teams)}


def _played(state: SessionState, index: int) -> str:
    rnd = state.rounds[index]
    has_data = bool(rnd.factors or rnd.actions or rnd.reflections or rnd.votes)
    if index < state.case_index or (index == state.case_index and state.phase == DONE):
        return "played"
    if index == state.case_index and (has_data or state.phase != SITUATION):
        return "in_progress"
    return "not_played"


def _choice(choice: Choice | None) -> dict[str, Any] | None:
    if choice is None:
        return None
    return {"id": choice.id, "text": choice.text, "feedback": choice.feedback,
            "points": dict(choice.points)}


def _reflection(engine: Engine, case: Case, rnd: Round, team: str,
                result: TeamResult) -> dict[str, Any] | None:
    if result.reflection is None:
        return None
    text = rnd.reflections[team]
    automatic = score_reflection(text, engine.framework, case.reflection.indicators)
    pillars = {}
    for pillar_id, score in result.reflection.pillars.items():
        override = rnd.overrides.get((team, pillar_id))
        pillars[pillar_id] = {
            "score": score.score,
            "automatic": automatic.pillars[pillar_id].score,
            "evidence": [e.to_json() for e in score.evidence],
            "override": {"score": override[0], "reason": override[1]} if override else None,
        }
    return {"text": text, "pillars": pillars, "total": result.reflection.total,
            "flags": [{**f.to_json(), "question": f.question} for f in result.reflection.flags]}


def _disagreement(answers: list[set[str]]) -> float:
    """Mean pairwise Jaccard distance: 0 when all teams agree, 1 when no two overlap."""
    pairs = list(combinations(answers, 2))
    if not pairs:
        return 0.0
    return sum(1 - len(a & b) / len(a | b) if a | b else 0.0 for a, b in pairs) / len(pairs)


def _action_spread(counts: dict[str, int]) -> float:
    """Share of the room that did not pick the most popular action (0 = unanimous)."""
    total = sum(counts.values())
    return 0.0 if total == 0 else 1 - max(counts.values()) / total


def _case_report(engine: Engine, state: SessionState, index: int,
                 names: dict[str, str]) -> dict[str, Any]:
    case = engine.cases[state.started.case_ids[index]]
    rnd = state.rounds[index]
    status = _played(state, index)
    factor_names = {f.id: f.name for f in engine.framework.factors}
    stage = case.stage(rnd.stage_id or "")
    entry: dict[str, Any] = {
        "id": case.id, "title": case.title, "status": status,
        "key": {"decisive": list(case.factors.decisive), "relevant": list(case.factors.relevant),
                "distractor": list(case.factors.distractor)},
        "factor_names": {f: factor_names.get(f, f) for f in case.all_factor_ids},
        "choices": [_choice(c) for c in case.choices],
        "stage": {"id": stage.id, "title": stage.title,
                  "choices": [_choice(c) for c in stage.choices]} if stage else None,
        "teams": [], "votes": None, "contested": None,
    }
    if status == "not_played":
        return entry
    if state.mode == "plenary":
        before, after = rnd.votes.get(1), rnd.votes.get(2)
        entry["votes"] = {"before": before, "after": after, "stage": rnd.votes.get(3),
                          "shift": _vote_shift(before, after)}
        if before:
            entry["contested"] = {"score": round(_action_spread(before), 3),
                                  "factors": None, "action": round(_action_spread(before), 3)}
        return entry
    for result in engine.results(state, index):
        team = result.team
        picked = rnd.factors.get(team)
        entry["teams"].append({
            "team": names[team],
            "factors": list(picked) if picked is not None else None,
            "factor_score": result.factors.to_json() if picked is not None else None,
            "action": _choice(case.choice(result.action)) if result.action else None,
            "action_points": sum(result.action_points.values()),
            "stage_action": (_choice(next(c for c in stage.choices
                                          if c.id == result.stage_action))
                             if stage and result.stage_action else None),
            "stage_points": sum(result.stage_points.values()),
            "reflection": _reflection(engine, case, rnd, team, result),
            "reconsiderations": [{"from": old, "to": new} for who, old, new in rnd.reconsiderations
                                 if who == team and old != new],
            "total": result.total,
        })
    factor_sets = [set(f) for f in rnd.factors.values()]
    actions = list(rnd.actions.values())
    if len(factor_sets) >= 2 or len(actions) >= 2:
        first_actions = _first_actions(rnd)
        factor_part = _disagreement(factor_sets)
        action_part = _action_spread(Counter(first_actions))
        entry["contested"] = {"score": round((factor_part + action_part) / 2, 3),
                              "factors": round(factor_part, 3), "action": round(action_part, 3)}
    return entry


def _first_actions(rnd: Round) -> list[str]:
    """Each team's action before any reconsideration (what the room first thought)."""
    first = dict(rnd.actions)
    for team, old, _ in reversed(rnd.reconsiderations):
        if old:
            first[team] = old
    return list(first.values())


def _vote_shift(before: dict[str, int] | None, after: dict[str, int] | None) -> float | None:
    """Share of the room that moved between options (total variation distance)."""
    if not before or not after:
        return None
    total_before, total_after = sum(before.values()), sum(after.values())
    if not total_before or not total_after:
        return None
    options = set(before) | set(after)
    return round(sum(abs(before.get(o, 0) / total_before - after.get(o, 0) / total_after)
                     for o in options) / 2, 3)


def _shifts(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Changes after discussion: reconsidered actions, overridden scores, re-votes."""
    shifts: list[dict[str, Any]] = []
    for case in cases:
        points = {c["id"]: sum(c["points"].values()) for c in case["choices"]}
        for team in case["teams"]:
            for move in team["reconsiderations"]:
                shifts.append({"case": case["id"], "title": case["title"], "team": team["team"],
                               "kind": "action", "from": move["from"], "to": move["to"],
                               "size": abs(points.get(move["to"], 0)
                                           - points.get(move["from"], 0)) + 1})
            for pillar, score in ((team["reflection"] or {}).get("pillars") or {}).items():
                if score["override"]:
                    shifts.append({"case": case["id"], "title": case["title"],
                                   "team": team["team"], "kind": "override", "pillar": pillar,
                                   "from": score["automatic"], "to": score["score"],
                                   "reason": score["override"]["reason"],
                                   "size": abs(score["score"] - score["automatic"])})
        votes = case["votes"]
        if votes and votes["shift"]:
            shifts.append({"case": case["id"], "title": case["title"], "team": None,
                           "kind": "vote", "from": votes["before"], "to": votes["after"],
                           "size": votes["shift"]})
    return sorted(shifts, key=lambda s: -float(s["size"]))


def _learning_questions(engine: Engine, cases: list[dict[str, Any]],
                        questions: Sequence[str]) -> list[dict[str, Any]]:
    """Each learning question with the cases of this session that addressed it, and why."""
    from casusspel.training.planning import match_case

    played = [c for c in cases if c["status"] != "not_played"]
    out = []
    for question in questions:
        matches = []
        for case in played:
            match = match_case(question, engine.cases[case["id"]], engine.framework)
            if match.points > 0 and not match.pillar_only:
                matches.append({"case": case["id"], "title": case["title"],
                                "reasons": list(match.reasons)})
        out.append({"question": question, "cases": matches})
    return out


def build_report(engine: Engine, state: SessionState, *, anonymise: bool = False,
                 learning_questions: Sequence[str] = ()) -> dict[str, Any]:
    """Everything a report shows, as JSON-ready data."""
    started = state.started
    names = team_letters(started.teams) if anonymise else {t: t for t in started.teams}
    cases = [_case_report(engine, state, i, names) for i in range(len(started.case_ids))]
    framework = engine.framework
    contested = sorted((c for c in cases if c["contested"] and c["contested"]["score"] > 0),
                       key=lambda c: -c["contested"]["score"])
    played = sum(1 for c in cases if c["status"] == "played")
    return {
        "version": REPORT_VERSION,
        "session": {"id": started.session_id, "created": started.created, "mode": started.mode,
                    "scoreboard": started.scoreboard, "casusspel": started.version,
                    "finished": state.finished and state.phase == DONE,
                    "cases_played": played, "cases_total": len(cases),
                    "anonymised": anonymise},
        "framework": {"id": framework.id, "name": framework.name,
                      "pillars": [{"id": p.id, "name": p.name, "short": p.label,
                                   "color": p.color} for p in framework.pillars]},
        "teams": [names[t] for t in started.teams],
        "totals": {names[t]: v for t, v in engine.totals(state).items()},
        "profiles": {names[t]: engine.pillar_profile(state, t) for t in started.teams},
        "room": engine.pillar_profile(state),
        "cases": cases,
        "contested": [{"case": c["id"], "title": c["title"], **c["contested"]}
                      for c in contested[:TOP]],
        "shifts": _shifts(cases)[:TOP * 2],
        "learning_questions": _learning_questions(engine, cases, learning_questions),
    }
