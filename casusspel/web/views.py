"""What one team's phone shows, as JSON: the controller's ``TeamTurn`` plus the case text.

Only the team's own question and answer are in it, never another team's. Every text that an
author or a team wrote goes through ``clean`` (no control, bidi or zero-width characters); the
page puts it into the document with ``textContent``, never as HTML.
"""

from __future__ import annotations

from typing import Any

from casusspel.content.literal import clean, paragraphs
from casusspel.content.model import Case, Framework
from casusspel.messages import Messages
from casusspel.session.controller import (
    CHOICE,
    FACTORS_ASK,
    FINISHED,
    PAUSED,
    REFLECTION_ASK,
    Controller,
    TeamTurn,
)
from casusspel.session.engine import STAGE, SessionState
from casusspel.session.turns import LETTERS


def case_view(case: Case, framework: Framework) -> dict[str, Any]:
    names = {f.id: f.name for f in framework.factors}
    persons = [{"name": clean(p.name), "about": clean(p.description),
                "factors": [{"name": clean(names.get(f, f)), "note": clean(note)}
                            for f, note in p.visible.items()]}
               for p in case.persons]
    return {"title": clean(case.title), "situation": paragraphs(case.situation),
            "persons": persons, "question": clean(case.question)}


def status_text(turn: TeamTurn, state: SessionState, msg: Messages) -> str:
    """What a phone says when there is nothing to answer (or the team was skipped)."""
    if turn.kind == FINISHED:
        return msg("web.status.finished")
    if turn.kind == PAUSED:
        return msg("web.status.paused")
    if turn.skipped:
        return msg("web.status.skipped")
    if turn.taken:
        return msg("web.status.taken.reflection" if turn.kind == REFLECTION_ASK
                   else "web.status.taken")
    if state.phase == "situation":
        return msg("web.status.situation")
    return msg("web.status.watch", phase=msg(f"phase.{state.phase}"))


def team_view(controller: Controller, team: str, msg: Messages) -> dict[str, Any]:
    """The phone's whole screen for ``team`` now (one consistent snapshot)."""
    with controller.lock:
        turn = controller.team_turn(team)
        state = controller.state
        engine = controller.engine
        case = engine.case(state)
        view: dict[str, Any] = {
            "team": clean(team), "kind": turn.kind, "phase": turn.phase,
            "phase_name": msg(f"phase.{turn.phase}"), "case_index": turn.case_index,
            "case_number": state.case_index + 1, "case_total": len(state.started.case_ids),
            "case": case_view(case, engine.framework), "stage": None, "status": "",
            "skipped": turn.skipped, "taken": turn.taken, "draft": clean(turn.draft),
            "answer": None,
            "paused": turn.paused, "paused_text": msg("web.status.paused") if turn.paused else "",
            "timer": None if turn.seconds_left is None else {
                "left": round(turn.seconds_left, 2), "paused": turn.timer_paused},
        }
        stage = case.stage(state.round.stage_id or "") if state.phase == STAGE else None
        if stage is not None:
            view["stage"] = {"title": clean(stage.title), "situation": paragraphs(stage.situation),
                             "question": clean(stage.question)}
        if turn.kind not in (FACTORS_ASK, CHOICE, REFLECTION_ASK) or turn.skipped or turn.taken:
            view["status"] = status_text(turn, state, msg)
            return view
        if turn.kind == FACTORS_ASK:
            view["factors"] = [
                {"id": f.id, "name": clean(f.name), "visibility": f.visibility,
                 "visibility_name": msg(f"visibility.{f.visibility}")}
                for f in engine.framework.factors]
            view["answer"] = list(turn.answer) if isinstance(turn.answer, tuple) else None
            view["ticks"] = list(turn.ticks) if turn.ticks is not None else None
        elif turn.kind == CHOICE:
            view["question"] = clean(stage.question if stage else case.question)
            view["choices"] = [{"id": c.id, "letter": letter, "text": clean(c.text)}
                               for letter, c in zip(LETTERS, turn.choices, strict=False)]
            view["answer"] = turn.answer if isinstance(turn.answer, str) else None
        else:
            view["prompt"] = clean(case.reflection.prompt)
            view["answer"] = clean(turn.answer) if isinstance(turn.answer, str) else None
        return view


def same_screen(view: dict[str, Any]) -> dict[str, Any]:
    """``view`` without what changes every moment (the seconds left) and without its version:
    two views with the same result show the same screen, so a phone is only sent a view when
    something on it changed."""
    timer = view.get("timer")
    same = {key: value for key, value in view.items() if key not in ("epoch", "version")}
    return {**same, "timer": None if timer is None else {"paused": timer["paused"]}}
