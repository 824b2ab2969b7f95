"""The session engine: every phase transition and rule, without a terminal (STYLE.md #1, #9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casusspel.content.library import load_framework
from casusspel.messages import Messages
from casusspel.session.engine import (
    ACTION,
    DISCUSSION,
    DONE,
    FACTORS,
    REFLECTION,
    REVEAL,
    SCOREBOARD,
    SITUATION,
    STAGE,
    STAGE_REVEAL,
    Engine,
    EngineError,
    SessionState,
)
from casusspel.session.events import (
    ActionChosen,
    ActionReconsidered,
    Event,
    FactorsAnswered,
    PhaseAdvanced,
    ReflectionWritten,
    ScoreOverridden,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    SessionStarted,
    Skipped,
    StepBack,
    TimerExpired,
    TimerPaused,
    TimerResumed,
    TimerStarted,
    VotesCounted,
    event_from_json,
)
from casusspel.session.journal import Journal, JournalError, encode_line, read_journal
from casusspel.session.options import Mode, Scoreboard
from tests.conftest import builtin_cases

CASES = {c.id: c for c in builtin_cases()}
FRAMEWORK = load_framework()
ENGINE = Engine(CASES, FRAMEWORK)
TEAMS = ("Tafel 1", "Tafel 2")


def started(case_ids: tuple[str, ...] = ("tolk-aan-tafel", "brief-van-de-gemeente"),
            mode: str = "group", scoreboard: str = "competitive",
            teams: tuple[str, ...] = TEAMS) -> SessionStarted:
    return SessionStarted(session_id="s", created="2026-11-22T10:00:00", version="t",
                          mode=Mode(mode),
                          teams=teams if mode != "plenary" else (), case_ids=case_ids,
                          scoreboard=Scoreboard(scoreboard))


def run(events: list[Event], first: SessionStarted | None = None) -> SessionState:
    state = ENGINE.start(first or started())
    for event in events:
        state = ENGINE.apply(state, event)
    return state


ROUND_ONE: list[Event] = [
    PhaseAdvanced(to=FACTORS),
    FactorsAnswered(team="Tafel 2", factors=("taal", "gezin", "etniciteit")),
    FactorsAnswered(team="Tafel 1", factors=("taal", "levensfase")),
    PhaseAdvanced(to=ACTION),
    ActionChosen(team="Tafel 1", choice_id="b"),
    ActionChosen(team="Tafel 2", choice_id="c"),
    PhaseAdvanced(to=REFLECTION),
    ReflectionWritten(team="Tafel 1", text="We regelen een professionele tolk."),
    ReflectionWritten(team="Tafel 2", text="In hun cultuur is dat zo."),
    PhaseAdvanced(to=REVEAL),
    PhaseAdvanced(to=DISCUSSION),
    ScoreOverridden(team="Tafel 2", pillar="leefwereld", score=1, reason="goed gesprek"),
    ActionReconsidered(team="Tafel 2", choice_id="b"),
]


def test_group_round_phases_in_order_and_answers_in_any_team_order() -> None:
    state = run(ROUND_ONE)
    assert state.phase == DISCUSSION
    rnd = state.round
    assert rnd.factors["Tafel 2"] == ("taal", "gezin", "etniciteit")
    assert rnd.actions == {"Tafel 1": "b", "Tafel 2": "b"}
    assert rnd.reconsiderations == (("Tafel 2", "c", "b"),)


def test_pending_teams_follow_team_order() -> None:
    state = run(ROUND_ONE[:2])
    assert ENGINE.pending(state) == ("Tafel 1",)


def test_stage_follows_the_rooms_action_then_scoreboard_then_next_case() -> None:
    state = run(ROUND_ONE)
    assert ENGINE.next_phase(state) == STAGE  # both teams chose 'b', which leads to a stage
    state = ENGINE.apply(state, PhaseAdvanced(to=STAGE))
    assert state.round.stage_id == "twee-weken-later"
    state = ENGINE.apply(state, ActionChosen(team="Tafel 1", choice_id="c"))
    with pytest.raises(EngineError, match="kies uit"):  # translated by the catalogue
        ENGINE.apply(state, ActionChosen(team="Tafel 2", choice_id="d"))
    state = ENGINE.apply(state, PhaseAdvanced(to=STAGE_REVEAL))
    state = ENGINE.apply(state, PhaseAdvanced(to=SCOREBOARD))
    state = ENGINE.apply(state, PhaseAdvanced(to=SITUATION))
    assert state.case_id == "brief-van-de-gemeente"
    assert state.case_index == 1


def test_last_case_ends_without_scoreboard() -> None:
    state = run(ROUND_ONE[:-1], started(("brief-van-de-gemeente",)))
    assert ENGINE.next_phase(state) == DONE


def test_hidden_scoreboard_skips_the_scoreboard() -> None:
    first = started(("brief-van-de-gemeente", "tolk-aan-tafel"), scoreboard="hidden")
    state = run(ROUND_ONE[:-1], first)
    assert ENGINE.next_phase(state) == SITUATION


@pytest.mark.parametrize(
    ("events", "bad", "code", "dutch"),
    [
        ([], FactorsAnswered(team="Tafel 1", factors=("taal",)), "wrong_phase",
         "dat kan alleen in de stap Factoren"),
        (ROUND_ONE[:1], FactorsAnswered(team="Tafel 9", factors=("taal",)), "unknown_team",
         "onbekend team 'Tafel 9'"),
        (ROUND_ONE[:1], FactorsAnswered(team="Tafel 1", factors=("taall",)), "unknown_factor",
         "onbekende factor: taall"),
        ([], PhaseAdvanced(to=REVEAL), "next_phase",
         "de volgende stap is Factoren, niet Onthulling"),
        (ROUND_ONE[:4], ActionChosen(team="Tafel 1", choice_id="z"), "choose_from", "kies uit"),
        (ROUND_ONE[:7], ReflectionWritten(team="Tafel 1", text="  "), "empty_reflection", "leeg"),
        (ROUND_ONE[:11], ScoreOverridden(team="Tafel 1", pillar="maatwerk", score=3, reason=""),
         "reason_missing", "reden"),
        (ROUND_ONE[:11], ScoreOverridden(team="Tafel 1", pillar="x", score=3, reason="r"),
         "unknown_pillar", "pijler"),
        (ROUND_ONE[:11], ScoreOverridden(team="Tafel 1", pillar="maatwerk", score=4,
                                         reason="r"), "score_range", "0, 1, 2 of 3"),
        (ROUND_ONE[:3], ActionReconsidered(team="Tafel 1", choice_id="a"), "wrong_phase",
         "Bespreking"),
        (ROUND_ONE[:1], VotesCounted(round=1, counts={"a": 1}), "not_plenary", "plenaire"),
        ([], StepBack(), "back_not_here", "terug"),
    ],
)
def test_rules_refuse_with_a_code_translated_by_the_catalogue(
        events: list[Event], bad: Event, code: str, dutch: str) -> None:
    state = run(events)
    refusal = ENGINE.check(state, bad)
    assert refusal is not None and refusal.code == code
    assert dutch in Messages("nl").refusal(refusal.code, refusal.params)
    with pytest.raises(EngineError) as raised:
        ENGINE.apply(state, bad)
    assert str(raised.value).startswith("Niet toegestaan: ")
    assert Messages("en").refusal(refusal.code, refusal.params).startswith("Not allowed: ")


def test_step_back_undoes_last_answer_then_goes_back_a_phase() -> None:
    state = run(ROUND_ONE[:3])
    state = ENGINE.apply(state, StepBack())
    assert "Tafel 1" not in state.round.factors and "Tafel 2" in state.round.factors
    state = ENGINE.apply(state, StepBack())
    assert state.round.factors == {}
    state = ENGINE.apply(state, StepBack())
    assert state.phase == SITUATION


def test_answering_twice_replaces_the_answer() -> None:
    state = run([*ROUND_ONE[:2], FactorsAnswered(team="Tafel 2", factors=("armoede",))])
    assert state.round.factors["Tafel 2"] == ("armoede",)


def test_skip_a_team() -> None:
    state = run([ROUND_ONE[0], Skipped(team="Tafel 1")])
    assert ENGINE.pending(state) == ("Tafel 2",)


def test_results_apply_overrides_and_add_up() -> None:
    state = run(ROUND_ONE)
    results = {r.team: r for r in ENGINE.results(state)}
    two = results["Tafel 2"]
    assert two.reflection is not None and two.reflection.flags
    assert two.reflection.pillars["leefwereld"].score == 1
    assert two.factors.distractors_picked == ("etniciteit",)
    assert two.total == (two.factors.points + sum(two.action_points.values())
                         + two.reflection.total)
    assert ENGINE.totals(state)["Tafel 1"] == results["Tafel 1"].total


def test_plenary_votes_and_revote() -> None:
    first = started(("brief-van-de-gemeente",), mode="plenary")
    state = run([PhaseAdvanced(to=ACTION), VotesCounted(round=1, counts={"a": 5, "b": 3}),
                 PhaseAdvanced(to=REVEAL), PhaseAdvanced(to=DISCUSSION),
                 VotesCounted(round=2, counts={"a": 1, "b": 7})], first)
    assert state.round.votes == {1: {"a": 5, "b": 3}, 2: {"a": 1, "b": 7}}
    assert ENGINE.check(state, VotesCounted(round=2, counts={"a": -1})) is not None


def test_timer_pause_and_end_events() -> None:
    state = run([ROUND_ONE[0], TimerStarted(seconds=60, at="t0"), TimerPaused(at="t1"),
                 TimerResumed(at="t2"), TimerExpired(at="t3"), SessionPaused(at="t4"),
                 SessionResumed(at="t5")])
    assert state.timer is not None and state.timer.expired and not state.paused
    ended = ENGINE.apply(state, SessionEnded(at="t6", reason="stopped"))
    assert ended.ended and ended.finished


ALL_EVENTS: list[Event] = [
    *ROUND_ONE, PhaseAdvanced(to=STAGE), ActionChosen(team="Tafel 1", choice_id="a"),
    Skipped(team="Tafel 2"), TimerStarted(seconds=30, at="a"), TimerPaused(at="b"),
    TimerResumed(at="c"), TimerExpired(at="d"), PhaseAdvanced(to=STAGE_REVEAL),
    SessionPaused(at="e"), SessionResumed(at="f"), PhaseAdvanced(to=SCOREBOARD),
    PhaseAdvanced(to=SITUATION), PhaseAdvanced(to=FACTORS), StepBack(),
    SessionEnded(at="g", reason="stopped"),
]


def test_journal_round_trip_gives_the_same_state_for_every_event_type(tmp_path: Path,
                                                                      monkeypatch:
                                                                      pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    import os
    import stat

    real_fsync = os.fsync

    def fsync(fd: int) -> None:  # count the syncs of the journal file (not of its folder)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    journal = Journal(tmp_path / "journal.jsonl")
    stamped = [journal.append(e) for e in [started(), *ALL_EVENTS]]
    assert len(synced) == len(stamped)
    live = ENGINE.start(stamped[0])  # type: ignore[arg-type]
    for event in stamped[1:]:  # apply copies; a replay changes one state in place: the same
        live = ENGINE.apply(live, event)
    events, warnings = read_journal(tmp_path / "journal.jsonl")
    assert warnings == []
    assert {type(e).__name__ for e in events} >= {
        "SessionStarted", "PhaseAdvanced", "FactorsAnswered", "ActionChosen",
        "ReflectionWritten", "ScoreOverridden", "ActionReconsidered", "StepBack", "Skipped",
        "TimerStarted", "TimerPaused", "TimerResumed", "TimerExpired", "SessionPaused",
        "SessionResumed", "SessionEnded"}
    assert ENGINE.replay(events) == live
    for event in events:
        assert event_from_json(json.loads(json.dumps(event.to_json()))) == event


def test_votes_round_trip(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl")
    first = started(("brief-van-de-gemeente",), mode="plenary")
    events = [journal.append(e) for e in [first, PhaseAdvanced(to=ACTION),
                                          VotesCounted(round=1, counts={"a": 2})]]
    read, _ = read_journal(tmp_path / "j.jsonl")
    assert ENGINE.replay(read) == ENGINE.replay(events)


def test_truncated_last_line_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    for event in [started(), *ROUND_ONE[:3]]:
        journal.append(event)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"v": 1, "type": "factors_ans')
    events, warnings = read_journal(path)
    assert len(events) == 4
    assert warnings and "half geschreven" in warnings[0]


def test_corrupt_middle_line_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    for event in [started(), *ROUND_ONE[:3]]:
        journal.append(event)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = "dit is geen json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(JournalError, match=r"journal.jsonl:3: .*beschadigd"):
        read_journal(path)


def test_unknown_event_type_and_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    Journal(path).append(started())
    with path.open("ab") as handle:
        handle.write(encode_line({"type": "ufo", "seq": 2}))  # a valid line of an unknown type
    with pytest.raises(JournalError, match="onbekend soort"):
        read_journal(path)
    path.write_text('{"v": 99, "type": "session_started"}\n', encoding="utf-8")
    with pytest.raises(JournalError, match="nieuwere versie"):
        read_journal(path)


def valid_next(state: SessionState, choice: int) -> Event:
    """One allowed event for ``state``, picked by ``choice`` (for property tests)."""
    pending = ENGINE.pending(state)
    case = ENGINE.case(state)
    if pending:
        team = pending[choice % len(pending)]
        if state.phase == FACTORS:
            ids = FRAMEWORK.factor_ids
            return FactorsAnswered(team=team, factors=(ids[choice % len(ids)],))
        if state.phase == ACTION:
            return ActionChosen(team=team, choice_id=case.choices[choice % len(case.choices)].id)
        if state.phase == STAGE:
            options = ENGINE.stage_choices(state)
            return ActionChosen(team=team, choice_id=options[choice % len(options)].id)
        if state.phase == REFLECTION:
            return ReflectionWritten(team=team, text=f"tekst {choice} met een tolk")
    if choice % 7 == 0 and ENGINE.check(state, StepBack()) is None:
        return StepBack()
    return PhaseAdvanced(to=ENGINE.next_phase(state))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=80))
def test_property_random_valid_sessions_replay_identically(choices: list[int]) -> None:
    events: list[Event] = [started(tuple(CASES)[:3])]
    state = ENGINE.start(events[0])  # type: ignore[arg-type]
    for choice in choices:
        if state.finished:
            break
        event = valid_next(state, choice)
        state = ENGINE.apply(state, event)
        events.append(event)
        assert 0 <= state.case_index < 3
    assert ENGINE.replay(events) == state
