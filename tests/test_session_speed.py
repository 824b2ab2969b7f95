"""Issue #19: every reflection scored once per session state, replay and loading linear.

No wall-clock bounds: the scorer's calls are counted, and growth is compared as a ratio of
operation counts or of times measured side by side in the same process.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from rich.console import Console

from benchmarks.report_session import long_reflections
from casusspel.content.casetest import next_event
from casusspel.content.library import load_cases, load_framework
from casusspel.messages import Messages
from casusspel.reports import FORMATS, build_report, render
from casusspel.scoring import reflection as scorer
from casusspel.session.engine import DISCUSSION, Engine, SessionState
from casusspel.session.events import (
    ReflectionWritten,
    ScoreOverridden,
    SessionStarted,
)
from casusspel.session.scores import ScoreCache
from casusspel.ui import screens

CASES = {c.id: c for c in load_cases()}
FRAMEWORK = load_framework()
TEAMS = tuple(f"Tafel {n}" for n in range(1, 5))


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the scorer really scored, in order (a counting wrapper around it)."""
    calls: list[str] = []
    real = scorer.score_reflection

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(scorer, "score_reflection", counting)
    return calls


def play(engine: Engine, case_ids: tuple[str, ...], texts: list[str],
         on_state: Callable[[SessionState], None] = lambda s: None,
         override_in: str | None = None) -> SessionState:
    """A whole group session; ``on_state`` sees every state (as a screen redrawing would)."""
    state = engine.start(SessionStarted(session_id="s", created="", version="t", mode="group",
                                        teams=TEAMS, case_ids=case_ids))
    pool = iter(texts)
    while not state.finished:
        if state.phase == DISCUSSION and state.case_id == override_in and not any(
                state.round.overrides):
            state = engine.apply(state, ScoreOverridden(team=TEAMS[0], pillar="netwerk",
                                                        score=3, reason="goed gesprek"))
        event = next_event(engine, state, lambda options: options[-1].id)
        if isinstance(event, ReflectionWritten):
            event = replace(event, text=next(pool))
        state = engine.apply(state, event)
        on_state(state)
    return state


def draw_everything(engine: Engine, state: SessionState) -> None:
    """What a session shows and writes: reveal, scoreboard, report in every format."""
    console = Console(file=io.StringIO(), width=100)
    msg = Messages()
    console.print(screens.scoreboard_view(engine, state, msg, 100))
    for _ in range(3):
        engine.results(state)
        engine.totals(state)
        for team in state.teams:
            engine.pillar_profile(state, team)
    for fmt in FORMATS:
        render(build_report(engine, state), fmt)


def test_each_reflection_is_scored_once_however_often_it_is_shown(scored: list[str]) -> None:
    case_ids = tuple(CASES)[:3]
    texts = long_reflections(len(TEAMS) * len(case_ids), low=40, high=80)
    engine = Engine(CASES, FRAMEWORK)
    state = play(engine, case_ids, texts, override_in=case_ids[1],
                 on_state=lambda s: (engine.totals(s), engine.results(s),
                                     [engine.pillar_profile(s, t) for t in TEAMS]))
    draw_everything(engine, state)
    assert sorted(scored) == sorted(texts)  # every text once, none twice
    assert engine.scores.calls == len(texts)


def test_cached_results_equal_scoring_afresh(scored: list[str]) -> None:
    case_ids = tuple(CASES)[:2]
    texts = long_reflections(len(TEAMS) * len(case_ids), seed=3, low=40, high=80)
    engine = Engine(CASES, FRAMEWORK)
    state = play(engine, case_ids, texts, override_in=case_ids[0])
    cached = [engine.results(state, i) for i in range(len(case_ids))]
    fresh = Engine(CASES, FRAMEWORK)
    assert [fresh.results(state, i) for i in range(len(case_ids))] == cached
    report = build_report(engine, state).to_json()
    assert build_report(Engine(CASES, FRAMEWORK), state).to_json() == report
    overridden = report["cases"][0]["teams"][0]["reflection"]["pillars"]["netwerk"]
    assert overridden["score"] == 3 and overridden["override"]["reason"] == "goed gesprek"


def test_the_cache_is_keyed_by_text_and_case_content_and_bounded(scored: list[str]) -> None:
    plain, own = list(CASES.values())[:2]
    assert plain.reflection.indicators != own.reflection.indicators
    cache = ScoreCache(FRAMEWORK, size=3)
    text = "We vroegen door naar wat zij zelf wil; samen met de school."
    assert cache(text, plain.reflection) is cache(text, plain.reflection)
    copy = plain.reflection.model_copy(deep=True)
    assert cache(text, copy) is cache(text, plain.reflection)  # the content counts, not the object
    assert len(scored) == 1
    cache(text, own.reflection)  # other case indicators: scored again
    assert len(scored) == 2
    for n in range(5):
        cache(f"Tekst {n}: we vroegen door.", plain.reflection)
    assert len(cache._scores) == 3  # bounded: the oldest went
    cache(text, plain.reflection)
    assert len(scored) == 8
