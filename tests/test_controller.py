"""The session controller without any UI: turns, parsing, the clock, pause, drafts, ids, back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest

from casusspel.content.library import builtin_framework_path, load_framework
from casusspel.messages import Messages
from casusspel.session.clock import format_seconds, parse_duration
from casusspel.session.controller import (
    CHOICE,
    CONTINUE,
    FACTORS_ASK,
    FEEDBACK,
    MENU,
    PAUSED,
    REFLECTION_ASK,
    VOTES,
    Controller,
)
from casusspel.session.engine import EngineError
from casusspel.session.events import (
    ActionChosen,
    Event,
    FactorsAnswered,
    ProgrammeStarted,
    event_from_json,
)
from casusspel.session.folders import Session, create_session, open_session
from casusspel.session.journal import read_journal
from casusspel.session.options import Mode, Scoreboard, SessionOptions
from tests.conftest import builtin_deck

T0 = datetime(2026, 11, 23, 10, 0, 0)


class FakeClock:
    """A clock the test moves by hand, forwards or backwards."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def move(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def new_session(tmp_path: Path, *, mode: str = "group", teams: tuple[str, ...] = ("A", "B"),
                case_id: str = "tolk-aan-tafel", timer: int | None = None,
                scoreboard: str = "competitive", cases: tuple[str, ...] = ()) -> Session:
    wanted = cases or (case_id,)
    found = {c.id: (c, p) for c, p in builtin_deck()}
    options = SessionOptions(Mode(mode), () if mode == "plenary" else teams,
                             Scoreboard(scoreboard), timer)
    return create_session(tmp_path, [found[c] for c in wanted], builtin_framework_path(),
                          load_framework(), options, now=T0)


def kinds(session: Session) -> list[str]:
    events, _ = read_journal(session.folder / "journal.jsonl")
    return [e.type for e in events]


def to_reflection(controller: Controller) -> None:
    for raw in ("", "12 13", "9", "b", "c"):
        controller.answer(raw)


def test_asks_each_team_in_turn_and_moves_on_when_nobody_is_pending(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path), FakeClock())
    assert controller.ask().kind == CONTINUE
    controller.answer("")
    ask = controller.ask()
    assert (ask.kind, ask.team, ask.pending) == (FACTORS_ASK, "A", ("A", "B"))
    notes = controller.answer("12 13")
    assert [(n.key, dict(n.params)) for n in notes] == [("answered", {"team": "A"})]
    assert controller.ask().team == "B" and controller.ask().answered == ("A",)
    controller.answer("9")
    ask = controller.ask()
    assert (ask.kind, ask.phase, ask.team) == (CHOICE, "action", "A")


def test_bad_answers_come_back_as_notes_and_change_nothing(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    controller = Controller(session, FakeClock())
    controller.answer("")
    before = kinds(session)
    [note] = controller.answer("99 [bold]x")
    assert note.text(Messages()) == ("Dat begrijp ik niet: 99, [bold]x. Typ nummers van 1 tot en "
                                     "met 14.")  # every part not understood
    [note] = controller.answer("   ")
    assert note.key == "factors.empty"
    controller.answer("12")
    controller.answer("9")
    [note] = controller.answer("z")
    assert note.text(Messages("en")) == "Choose A, B, C or D."
    assert kinds(session) == [*before, "factors_answered", "factors_answered", "phase_advanced"]


def test_a_clock_that_jumps_back_or_ahead(tmp_path: Path) -> None:
    clock = FakeClock()
    controller = Controller(new_session(tmp_path, timer=60), clock)
    assert controller.remaining() is None  # no timer on the situation screen
    controller.answer("")
    assert controller.remaining() == 60
    clock.move(29.5)
    assert controller.remaining() == 31  # rounded up: 0:31 until a whole second has passed
    clock.move(-3600)  # the laptop's clock jumped back: never more than the full minute
    assert controller.remaining() == 60
    assert controller.tick() is None
    clock.move(3600 + 7200)  # and far ahead: time is up, recorded once
    assert controller.remaining() == 0
    note = controller.tick()
    assert note is not None and note.level == "alarm" and note.key == "timer.up"
    assert controller.tick() is None
    assert controller.state.timer is not None and controller.state.timer.expired
    assert controller.ask().kind == FACTORS_ASK  # nobody's answer is thrown away or forced


def test_pause_stops_the_clock_and_resume_goes_on_where_it_was(tmp_path: Path) -> None:
    clock = FakeClock()
    session = new_session(tmp_path, timer=60)
    controller = Controller(session, clock)
    controller.answer("")
    clock.move(10)
    assert [n.key for n in controller.command("pause")] == ["pause.screen"]
    assert controller.ask().kind == PAUSED
    clock.move(500)
    assert controller.remaining() == 50
    assert controller.tick() is None  # never expires during a pause
    controller.answer("")  # Enter ends the pause
    assert controller.ask().kind == FACTORS_ASK
    assert controller.remaining() == 50
    clock.move(49)
    assert controller.tick() is None
    clock.move(1)
    assert controller.tick() is not None
    reopened = Controller(open_session(session.folder), clock)
    assert reopened.state.timer == controller.state.timer  # the same after a replay


@pytest.mark.parametrize("how", ["ctrl-c", "kill -9"])
def test_resume_goes_on_with_the_time_that_was_left(tmp_path: Path, how: str) -> None:
    """Ctrl-C, /stop, SIGHUP and SIGTERM all call ``suspend``; kill -9 records nothing. After
    an outage of an hour, the clock never says the time is up when 0:40 were left."""
    clock = FakeClock()
    session = new_session(tmp_path, timer=60)
    controller = Controller(session, clock)
    controller.answer("")
    clock.move(15)
    controller.answer("12")
    saved_at = clock.now  # the last entry in the journal before the outage
    clock.move(5)
    assert controller.remaining() == 40
    if how == "ctrl-c":
        controller.suspend()
    clock.move(3600)
    reopened = Controller(open_session(session.folder), clock)
    # without a recorded pause the outage counted: "time is up" straight after resume
    assert reopened.remaining() == (40 if how == "ctrl-c" else 0)
    notes = reopened.reopen(saved_at)
    if how == "ctrl-c":  # the trainer stopped it: it goes on at once
        assert notes == [] and reopened.ask().kind == FACTORS_ASK
    else:  # it died: it waits for the trainer, the outage does not count
        assert [n.key for n in notes] == ["resume.crashed"]
        assert reopened.ask().kind == PAUSED
        clock.move(120)
        assert reopened.remaining() == 45 and reopened.tick() is None
        reopened.answer("")  # Enter: go on
        assert reopened.ask().kind == FACTORS_ASK
    left = 40 if how == "ctrl-c" else 45
    clock.move(left - 1)
    assert reopened.remaining() == 1 and reopened.tick() is None
    clock.move(1)
    assert reopened.tick() is not None
    # and the same after a replay of the journal
    again = Controller(open_session(session.folder), clock)
    assert again.state.timer == reopened.state.timer


def test_resume_after_a_crash_without_a_clock_goes_on_at_once(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    controller = Controller(session, FakeClock())
    controller.answer("")
    reopened = Controller(open_session(session.folder), FakeClock())
    assert reopened.reopen(T0) == [] and reopened.ask().kind == FACTORS_ASK


def test_drafts_are_journaled_once_per_change_and_never_handed_in(tmp_path: Path) -> None:
    clock = FakeClock()
    session = new_session(tmp_path, timer=60)
    controller = Controller(session, clock)
    to_reflection(controller)
    assert controller.ask().kind == REFLECTION_ASK
    controller.draft("Eerste regel")
    controller.draft("Eerste regel")  # unchanged: nothing new in the journal
    controller.draft("Eerste regel\nTweede")
    assert kinds(session).count("reflection_drafted") == 2
    clock.move(120)
    controller.tick()  # time is up: the draft stays a draft
    controller.command("pause")
    controller.suspend("Eerste regel\nTweede\nDerde")  # Ctrl-C, SIGTERM: saved, not handed in
    assert "reflection_written" not in kinds(session)
    reopened = Controller(open_session(session.folder), clock)
    reopened.resume()
    ask = reopened.ask()
    assert (ask.kind, ask.team, ask.draft) == (REFLECTION_ASK, "A", "Eerste regel\nTweede\nDerde")
    reopened.answer(ask.draft)
    assert reopened.state.round.reflections == {"A": "Eerste regel\nTweede\nDerde"}
    assert reopened.state.round.drafts == {}
    assert reopened.ask().team == "B"


def test_an_answer_is_only_ever_handed_in_for_the_team_it_was_typed_for(
        tmp_path: Path) -> None:
    from casusspel.session.events import ReflectionWritten

    session = new_session(tmp_path, teams=("A", "B", "C"))
    controller = Controller(session, FakeClock())
    controller.answer("")
    [note] = controller.answer("12", team="B")  # typed for B while A is asked
    assert note.key == "answer.not_now" and session.state.round.factors == {}
    controller.answer("12", team="A")
    assert session.state.round.factors == {"A": ("taal",)}
    for raw in ("12", "12", "a", "a", "a"):
        controller.answer(raw)
    # A's text was on its way from the keyboard when A answered from a phone
    controller.submit(ReflectionWritten(team="A", text="Van de telefoon", id="phone-a"))
    [note] = controller.answer("Van het toetsenbord", team="A")
    assert note.key == "answer.not_now"
    assert session.state.round.reflections == {"A": "Van de telefoon"}
    # B's half-typed text, handed in while C was asked (B skipped meanwhile): never C's
    controller.command("skip")
    controller.draft("C begint", team="C")
    [note] = controller.answer("Tekst van B", team="B")
    assert note.key == "answer.not_now"
    assert session.state.round.reflections == {"A": "Van de telefoon"}
    assert session.state.round.drafts == {"C": "C begint"}
    # a reflection for a team that is still pending, though not first, stays its draft
    controller.command("back")
    assert controller.ask().team == "B"
    [note] = controller.answer("C schreef verder", team="C")
    assert note.key == "answer.not_now.draft"  # says where the text went
    assert session.state.round.drafts["C"] == "C schreef verder"
    assert "B" not in session.state.round.reflections


def test_an_event_id_is_applied_once(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    controller = Controller(session, FakeClock())
    controller.answer("")
    event = FactorsAnswered(team="B", factors=("taal",), id="phone-123")
    assert [n.key for n in controller.submit(event)] == ["answered"]
    assert controller.submit(event) == []  # the same answer again: a no-op, not an error
    again = FactorsAnswered(team="B", factors=("armoede",), id="phone-123")  # resent, changed
    assert controller.submit(again) == []
    assert controller.state.round.factors == {"B": ("taal",)}
    assert kinds(session).count("factors_answered") == 1
    reopened = open_session(session.folder)
    assert reopened.engine.is_duplicate(reopened.state, again)


def test_old_journal_lines_without_ids_still_replay(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    controller = Controller(session, FakeClock())
    controller.answer("")
    controller.answer("12")
    path = session.folder / "journal.jsonl"
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:  # as written before event ids (and before checksums: format 1)
        line.pop("id")
        line.pop("crc")
        line["v"] = 1
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    reopened = open_session(session.folder)
    assert reopened.state.round.factors == {"A": ("taal",)}
    assert event_from_json(lines[-1]).id == ""


def test_unknown_events_are_engine_errors(tmp_path: Path) -> None:
    session = new_session(tmp_path)

    @dataclass(frozen=True)
    class Ufo(Event):
        type: ClassVar[str] = "ufo"

    for event in (Ufo(), ProgrammeStarted(programme_id="p", title="t", source="s", created="c",
                                          teams=())):
        with pytest.raises(EngineError) as raised:
            session.engine.apply(session.state, event)
        assert raised.value.refusal.code == "unknown_event"
        [note] = Controller(session, FakeClock()).submit(event)
        assert note.key == "refusal.unknown_event"


def test_back_steps_across_teams_and_phases(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path), FakeClock())
    for raw in ("", "12 13", "9"):
        controller.answer(raw)
    assert (controller.ask().phase, controller.ask().team) == ("action", "A")
    [note] = controller.command("back")  # first prompt of a step: back to the last team
    assert note.text(Messages()) == "Terug naar: Factoren"
    ask = controller.ask()
    assert (ask.phase, ask.team, ask.answered) == ("factors", "B", ("A",))
    controller.command("back")
    assert controller.ask().team == "A" and controller.state.round.factors == {}
    controller.command("back")
    assert controller.ask().phase == "situation"
    [refused] = controller.command("back")
    assert refused.text(Messages("en")) == (
        "Not allowed: going back past the start of this case is not possible.")


def test_back_from_the_reveal_brings_the_reflection_back_as_a_draft(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path), FakeClock())
    to_reflection(controller)
    controller.answer("Tekst van A")
    controller.answer("Tekst van B")
    assert controller.ask().phase == "reveal"
    controller.command("back")
    ask = controller.ask()
    assert (ask.kind, ask.team, ask.draft) == (REFLECTION_ASK, "B", "Tekst van B")


def test_skip_a_team_shows_as_skipped_not_answered(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path, teams=("A", "B", "C")), FakeClock())
    controller.answer("")
    controller.command("skip")
    ask = controller.ask()
    assert (ask.team, ask.answered, ask.skipped) == ("B", (), ("A",))
    controller.command("back")  # undoes the skip
    assert controller.ask().team == "A"


def test_solo_speaks_to_one_player_and_shows_feedback(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path, mode="solo", teams=("Speler",)), FakeClock())
    controller.answer("")
    ask = controller.ask()
    assert Messages()(ask.key, **ask.params) == "Welke factoren zijn voor jou bepalend?"
    assert controller.answer("12") == []  # no "has answered" for one player
    assert controller.ask().kind == FEEDBACK
    controller.answer("")
    ask = controller.ask()
    assert Messages()(ask.key, **ask.params) == "Welke aanpak kies je? (A B C D)"


def test_plenary_votes_revote_and_the_rooms_profile(tmp_path: Path) -> None:
    session = new_session(tmp_path, mode="plenary", cases=("brief-van-de-gemeente",
                                                           "tolk-aan-tafel"),
                          scoreboard="cooperative")
    controller = Controller(session, FakeClock())
    controller.answer("")
    assert controller.ask().key == "votes.ask"  # the first vote is asked plainly
    for count in ("5", "2", "1"):
        controller.answer(count)
        assert controller.ask().kind == VOTES
    controller.command("back")  # takes the last count back
    assert controller.ask().letter == "C"
    [note] = controller.answer("veel")
    assert note.key == "votes.invalid"
    [note] = controller.answer("999")  # more hands than a room holds: asked again
    assert note.key == "votes.confirm" and controller.ask().letter == "C"
    [note] = controller.answer("998")  # another big number: asked again for that one
    assert note.key == "votes.confirm"
    assert controller.answer("998") == []  # the same number again: the trainer means it
    controller.command("back")
    for count in ("1", "0"):
        controller.answer(count)
    assert controller.state.round.votes[1] == {"a": 5, "b": 2, "c": 1, "d": 0}
    controller.answer("")  # reveal -> discussion
    assert controller.ask().kind == MENU
    controller.answer("s")
    assert controller.ask().key == "votes.reask"  # a re-vote says it is one
    for count in ("1", "6", "0", "1"):
        controller.answer(count)
    assert controller.state.round.votes[2] == {"a": 1, "b": 6, "c": 0, "d": 1}
    while controller.state.phase != "scoreboard":
        controller.answer("")
    profile = controller.engine.vote_profile(controller.state)
    assert any(value > 0 for value in profile.values())


def test_an_end_question_keeps_a_first_votes_counts_and_drops_a_revotes(
        tmp_path: Path) -> None:
    """Found in review: Escape on 'end after this case?' wiped a first vote's counts, and a
    re-vote given up for /einde left its counts behind for the next re-vote's journal line."""
    controller = Controller(new_session(tmp_path, mode="plenary",
                                       cases=("brief-van-de-gemeente",)), FakeClock())
    for raw in ("", "5", "3"):
        controller.answer(raw)
    controller.command("end")
    assert [n.key for n in controller.cancel_dialog()] == ["dialog.cancelled"]
    assert controller.ask().letter == "C"  # the counts typed so far stay
    for raw in ("1", "0", ""):
        controller.answer(raw)
    assert controller.state.round.votes[1] == {"a": 5, "b": 3, "c": 1, "d": 0}
    controller.answer("s")  # re-vote
    for raw in ("7", "6"):
        controller.answer(raw)
    controller.command("end")  # the re-vote is given up for the end question
    controller.answer("n")
    controller.answer("s")  # a new re-vote starts from A, with nothing left over
    assert controller.ask().key == "votes.reask" and controller.ask().letter == "A"
    for raw in ("2", "2", "2", "2"):
        controller.answer(raw)
    assert controller.state.round.votes[2] == {"a": 2, "b": 2, "c": 2, "d": 2}


def test_cancelling_the_revote_keeps_the_first_vote(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path, mode="plenary",
                                       cases=("brief-van-de-gemeente",)), FakeClock())
    for raw in ("", "5", "2", "1", "0", "", "s", "3"):
        controller.answer(raw)
    assert controller.dialog_open() and controller.ask().letter == "B"
    assert [n.key for n in controller.cancel_dialog()] == ["revote.cancelled"]
    assert not controller.dialog_open() and controller.ask().kind == MENU
    assert controller.state.round.votes == {1: {"a": 5, "b": 2, "c": 1, "d": 0}}
    assert controller.cancel_dialog() == []  # nothing open: nothing happens


def test_listeners_hear_every_change(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path), FakeClock())
    heard: list[str] = []
    stop = controller.subscribe(lambda state: heard.append(state.phase))
    controller.answer("")
    controller.answer("12")
    stop()
    controller.answer("9")
    assert heard == ["factors", "factors"]


def test_override_and_reconsider_dialogs(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path), FakeClock())
    to_reflection(controller)
    controller.answer("Wij regelen een tolk.")
    controller.answer("Wij vragen door.")
    controller.answer("")
    controller.answer("s")
    assert [n.key for n in controller.answer("7")] == ["pick.invalid"]
    assert controller.answer("2") == []
    ask = controller.ask()  # the number to type and the current score, never alike
    engine, state = controller.session.engine, controller.session.state
    scores = engine.results(state)[1].reflection  # team 2 wrote "Wij vragen door."
    assert scores is not None
    for lang, question, now in (("nl", "Welke pijler pas je aan? Typ het nummer:\n", "nu"),
                                ("en", "Which pillar do you change? Type its number:\n", "now")):
        listed = "\n".join(f"{n} = {p.label} ({now} {scores.pillars[p.id].score})"
                            for n, p in enumerate(load_framework().pillars, 1))
        assert Messages(lang)(ask.key, **ask.params) == question + listed
    assert scores.pillars["leefwereld"].score >= 1  # 'vragen door' is curiosity
    for raw in ("2", "1"):
        assert controller.answer(raw) == []
    ask = controller.ask()
    assert Messages()(ask.key, **ask.params) == (
        "Waarom pas je de score aan? (komt in het verslag)")
    [done] = controller.answer("eerlijk besproken")
    assert done.key == "override.done"
    controller.answer("h")
    controller.answer("1")
    [moved] = controller.answer("a")
    assert moved.text(Messages()) == "A kiest nu A (was B)"
    controller.answer("s")
    assert [n.key for n in controller.command("back")] == ["dialog.cancelled"]
    assert controller.ask().kind == MENU


def test_durations() -> None:
    assert parse_duration("1m30s") == 90 and parse_duration("2") == 120
    assert parse_duration("1u") == parse_duration("1h") == parse_duration("1 uur") == 3600
    assert parse_duration("1u15m") == 4500
    with pytest.raises(ValueError):
        parse_duration("soms")
    with pytest.raises(ValueError):
        parse_duration("1m1u")  # hours first, as people write it


def test_every_timer_a_programme_file_accepts_can_be_started() -> None:
    """A programme's `timer:` passes its schema only if the session can use it (a '1u' that
    validated and then failed at the start of the block was an unexpected error)."""
    import re

    from casusspel.training.programme import DURATION

    for text in ["5", "90s", "5m", "5 min", "1u", "1h", "2 u"]:
        assert re.match(DURATION, text), text
        assert parse_duration(text) > 0
    assert format_seconds(61) == "1:01" and format_seconds(-5) == "0:00"


def test_a_second_stage_and_its_points(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path), FakeClock())
    for raw in ("", "12", "9", "b", "b", "Tekst", "Tekst", "", ""):
        controller.answer(raw)
    assert controller.state.phase == "stage"
    controller.submit(ActionChosen(team="A", choice_id="a"))
    controller.submit(ActionChosen(team="B", choice_id="a"))
    assert controller.state.phase == "stage_reveal"
    stages = controller.engine.stage_totals(controller.state)
    results = {r.team: r for r in controller.engine.results(controller.state)}
    assert stages["A"] == sum(results["A"].stage_points.values()) > 0


def test_the_reveal_says_skipped_for_a_skipped_team(tmp_path: Path) -> None:
    from rich.console import Console

    from casusspel.ui.screens import reveal_view

    controller = Controller(new_session(tmp_path), FakeClock())
    for raw in ("", "12", "/overslaan", "b", "c", "Tekst"):
        controller.enter(raw)
    controller.enter("/overslaan")
    console = Console(width=200, record=True, color_system=None)
    console.print(reveal_view(controller.engine, controller.state, Messages(), 200))
    text = console.export_text()
    assert text.count("overgeslagen") == 2  # B's factors and B's reflection
    assert "geen antwoord" not in text
