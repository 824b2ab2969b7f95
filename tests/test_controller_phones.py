"""The controller's phone side, without any web server: what a team's phone may do now, refusals
that store nothing, answers applied once, and the keyboard and the phones never clashing."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from casusspel.messages import Messages
from casusspel.session.controller import (
    CHOICE,
    FACTORS_ASK,
    FINISHED,
    PAUSED,
    REFLECTION_ASK,
    WATCH,
    Controller,
)
from casusspel.session.events import (
    ActionChosen,
    FactorsAnswered,
    ReflectionDrafted,
    ReflectionWritten,
)
from casusspel.session.phones import CODE_ALPHABET, ROOM_FILE, normal_code, open_room
from tests.test_controller import FakeClock, kinds, new_session

TEAMS = ("A", "B", "C")


def controller_at_factors(tmp_path: Path, teams: tuple[str, ...] = TEAMS) -> Controller:
    controller = Controller(new_session(tmp_path, teams=teams), FakeClock())
    controller.answer("")
    return controller


def test_a_phone_sees_its_own_question_and_answer_only(tmp_path: Path) -> None:
    controller = Controller(new_session(tmp_path, teams=TEAMS, timer=60), FakeClock())
    assert controller.team_turn("A").kind == WATCH  # the situation: read along
    controller.answer("")
    turn = controller.team_turn("A")
    assert (turn.kind, turn.phase, turn.case_index, turn.answer) == (FACTORS_ASK, "factors", 0,
                                                                     None)
    assert turn.seconds_left == 60.0 and not turn.timer_paused
    assert controller.submit_for("B", FactorsAnswered(team="B", factors=("taal",)), 0,
                                 "factors")[0].level == "ok"
    assert controller.team_turn("A").answer is None  # never another team's answer
    assert controller.team_turn("B").answer == ("taal",)
    controller.now.move(12.5)  # type: ignore[attr-defined]
    assert controller.team_turn("B").seconds_left == 47.5


def test_every_answer_phase_from_the_phone_then_watch_and_finished(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A",))
    steps = [(FACTORS_ASK, FactorsAnswered(team="A", factors=("taal", "gezin"))),
             (CHOICE, ActionChosen(team="A", choice_id="b")),
             (REFLECTION_ASK, ReflectionWritten(team="A", text="Wij vragen wat zij wil."))]
    for kind, event in steps:
        turn = controller.team_turn("A")
        assert turn.kind == kind
        if kind == CHOICE:
            assert [c.id for c in turn.choices] == ["a", "b", "c", "d"]
        assert controller.submit_for("A", event, turn.case_index, turn.phase)
        # the last answer came from a phone: the step waits for the trainer (teams may change)
        assert (controller.state.phase, controller.ask().key) == (turn.phase, "all.answered")
        controller.answer("")
    assert controller.state.phase == "reveal"
    assert controller.team_turn("A").kind == WATCH
    controller.answer("")  # the discussion
    controller.answer("")  # the stage the room reached
    turn = controller.team_turn("A")
    assert (turn.phase, turn.kind) == ("stage", CHOICE) and turn.choices
    controller.submit_for("A", ActionChosen(team="A", choice_id=turn.choices[0].id), 0, "stage")
    controller.answer("")
    assert controller.state.phase == "stage_reveal"
    controller.command("stop")
    turn = controller.team_turn("A")
    assert (turn.kind, turn.paused) == (PAUSED, True)
    controller.resume()
    controller.answer("")
    assert controller.team_turn("A").kind == FINISHED


def test_refusals_say_why_and_store_nothing(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path)
    before = kinds(controller.session)

    def refused(team: str, event: object, case: int = 0, phase: str = "factors") -> str:
        notes = controller.submit_for(team, event, case, phase)  # type: ignore[arg-type]
        assert len(notes) == 1 and notes[0].level == "warn"
        return notes[0].key

    assert refused("A", FactorsAnswered(team="B", factors=("taal",))) == "phone.not_yours"
    assert refused("A", FactorsAnswered(team="A", factors=("taal",)), phase="action") == (
        "phone.moved_on")
    assert refused("A", FactorsAnswered(team="A", factors=("taal",)), case=1) == (
        "phone.moved_on")
    assert refused("A", FactorsAnswered(team="A", factors=())) == "phone.factors.empty"
    assert refused("A", FactorsAnswered(team="A", factors=("geen-factor",))) == (
        "refusal.unknown_factor")
    assert refused("A", ActionChosen(team="A", choice_id="a")) == "refusal.wrong_phase"
    controller.command("skip")  # the keyboard skips A (the first team without a phone)
    assert refused("A", FactorsAnswered(team="A", factors=("taal",))) == "phone.skipped"
    controller.command("pause")
    turn = controller.team_turn("B")
    assert (turn.kind, turn.paused) == (FACTORS_ASK, True)  # the question stays on the phone
    assert refused("B", FactorsAnswered(team="B", factors=("taal",))) == "phone.paused"
    assert kinds(controller.session) == [*before, "skipped", "session_paused"]
    # a draft is still kept during a pause (nothing typed is lost)
    controller.resume()
    for raw in ("1", "1", "a", "a", "a"):
        controller.answer(raw)
    assert controller.state.phase == "reflection"
    controller.command("pause")
    assert controller.submit_for("B", ReflectionDrafted(team="B", text="Eerst"), 0,
                                 "reflection") == []
    assert controller.state.round.drafts == {"B": "Eerst"}


def test_a_resent_answer_is_applied_once_even_after_the_step_closed(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    first = FactorsAnswered(team="A", factors=("taal",), id="t0-phone-1")
    assert controller.submit_for("A", first, 0, "factors")[0].level == "ok"
    assert controller.submit_for("A", first, 0, "factors") == []  # resent: nothing new
    controller.answer("9")  # B at the keyboard: the step closes
    assert controller.state.phase == "action"
    assert controller.submit_for("A", first, 0, "factors") == []  # a late resend: still fine
    assert kinds(controller.session).count("factors_answered") == 2


def test_a_team_may_change_its_answer_until_the_step_closes(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    controller.submit_for("A", FactorsAnswered(team="A", factors=("taal",)), 0, "factors")
    controller.submit_for("A", FactorsAnswered(team="A", factors=("gezin",)), 0, "factors")
    assert controller.state.round.factors == {"A": ("gezin",)}
    controller.answer("9")
    for raw in ("a", "b"):
        controller.answer(raw)
    written = ReflectionWritten(team="A", text="Eerste versie")
    controller.submit_for("A", written, 0, "reflection")
    # after handing in, the team writes on: its draft is kept beside the handed-in text
    controller.submit_for("A", ReflectionDrafted(team="A", text="Tweede versie"), 0,
                          "reflection")
    turn = controller.team_turn("A")
    assert (turn.answer, turn.draft) == ("Eerste versie", "Tweede versie")
    controller.submit_for("A", ReflectionWritten(team="A", text="Tweede versie"), 0,
                          "reflection")
    assert controller.state.round.reflections == {"A": "Tweede versie"}
    assert controller.state.round.drafts == {}


def test_the_keyboard_asks_teams_without_a_phone_first(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path)
    seen: list[str] = []
    controller.subscribe(lambda state: seen.append(state.phase))
    controller.phone_joined("A")
    controller.phone_connected("A", 1)
    assert seen  # the projector hears about phones joining
    ask = controller.ask()
    assert (ask.team, ask.remote, ask.phones, ask.pending) == ("B", False, ("A",), TEAMS)
    controller.answer("9")
    controller.answer("9")  # C
    ask = controller.ask()
    assert (ask.team, ask.remote) == ("A", True)  # the trainer can still type for A
    controller.phone_connected("A", -1)
    assert controller.ask().phones == ()


def test_a_line_typed_for_a_team_that_answered_on_its_phone_is_not_used(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    shown = controller.ask().team
    assert shown == "A"
    controller.submit_for("A", FactorsAnswered(team="A", factors=("taal",)), 0, "factors")
    notes = controller.enter("12 13", shown)  # typed while A's phone answered
    assert [n.key for n in notes] == ["keyboard.moved_on"]
    assert controller.state.round.factors == {"A": ("taal",)}  # not overwritten, not B's
    assert controller.ask().team == "B"
    # the last team answering on its phone completes the step, which waits for the trainer's
    # Enter: a line typed for B meanwhile neither counts nor moves on
    controller.submit_for("B", FactorsAnswered(team="B", factors=("gezin",)), 0, "factors")
    assert (controller.state.phase, controller.ask().key) == ("factors", "all.answered")
    assert [n.key for n in controller.answer("", "B")] == ["keyboard.moved_on"]
    assert controller.state.phase == "factors"
    controller.answer("")
    assert controller.state.phase == "action"


def test_the_room_file_is_private_and_survives_a_restart(tmp_path: Path) -> None:
    room = open_room(tmp_path, TEAMS)
    assert len(room.code) == 5 and set(room.code) <= set(CODE_ALPHABET)
    token = room.token_for("A")
    assert room.token_for("A") == token  # a second phone of the team shares it
    room.remember_port(8766)
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / ROOM_FILE).stat().st_mode) == 0o600
    again = open_room(tmp_path, TEAMS)
    assert (again.code, again.csrf, again.port) == (room.code, room.csrf, 8766)
    assert again.team_of(token) == "A" and again.team_of("nep") is None
    assert again.team_of("") is None and again.team_of(None) is None
    assert again.code_matches(f" {room.code.lower()[:2]}-{room.code[2:]} ")
    assert normal_code("k7 px-a") == "K7PXA"
    (tmp_path / ROOM_FILE).write_text("{kapot", encoding="utf-8")
    fresh = open_room(tmp_path, TEAMS)  # unreadable: a new room, nothing else is lost
    assert fresh.tokens == {} and fresh.team_of(token) is None


def at_reflection_with_phone(tmp_path: Path) -> Controller:
    """Teams A and B at the reflection; B answers on its phone and has a draft there."""
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    controller.phone_joined("B")
    for raw, team in (("9", "A"), ("9", "B"), ("a", "A"), ("a", "B")):
        ask = controller.ask()
        if ask.remote:
            controller.command("takeover")
        controller.answer(raw, team)
    assert controller.state.phase == "reflection"
    controller.submit_for("B", ReflectionDrafted(team="B", text="Telefoon van B"), 0,
                          "reflection")
    return controller


def test_a_phone_teams_draft_never_reaches_the_keyboard_or_the_projector(
        tmp_path: Path) -> None:
    controller = at_reflection_with_phone(tmp_path)
    controller.answer("Tekst van A", "A")
    ask = controller.ask()
    assert (ask.team, ask.remote, ask.draft, ask.drafting) == ("B", True, "", ("B",))
    # Ctrl-S or Enter at the keyboard hands nothing in for B, nor overwrites its draft
    assert [n.key for n in controller.answer("Oude tekst", "B")] == ["answer.remote"]
    assert [n.key for n in controller.answer("Oude tekst")] == ["answer.remote"]
    controller.draft("Oude tekst")  # the editor's draft timer
    controller.suspend("Oude tekst")  # /stop with the editor's text
    controller.resume()
    assert controller.state.round.reflections == {"A": "Tekst van A"}
    assert controller.state.round.drafts == {"B": "Telefoon van B"}


def test_the_trainer_takes_over_with_the_newest_draft_and_the_phone_is_told(
        tmp_path: Path) -> None:
    controller = at_reflection_with_phone(tmp_path)
    controller.answer("Tekst van A", "A")
    controller.submit_for("B", ReflectionDrafted(team="B", text="Telefoon van B, nieuwer"), 0,
                          "reflection")
    assert [n.key for n in controller.command("takeover")] == ["takeover.done"]
    ask = controller.ask()
    assert (ask.team, ask.remote, ask.taken, ask.draft) == ("B", False, True,
                                                           "Telefoon van B, nieuwer")
    turn = controller.team_turn("B")
    assert turn.taken
    late = controller.submit_for("B", ReflectionDrafted(team="B", text="te laat"), 0,
                                 "reflection")
    assert [n.key for n in late] == ["phone.taken"]
    controller.answer(ask.draft + " (aangevuld)", "B")
    assert controller.state.round.reflections["B"] == "Telefoon van B, nieuwer (aangevuld)"
    assert controller.state.phase == "reveal"  # the keyboard closed the step: no waiting
    assert [n.key for n in controller.command("takeover")] == ["takeover.none"]


def test_a_phone_with_older_text_is_warned_instead_of_overwriting_a_teammate(
        tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    first = controller.submit_for("A", FactorsAnswered(team="A", factors=("taal",)), 0,
                                  "factors", seen=None)
    assert [n.key for n in first] == ["answered"]
    # the second phone still showed the empty form: it is warned, the ticks are not replaced
    stale = controller.submit_for("A", FactorsAnswered(team="A", factors=("gezin",)), 0,
                                  "factors", seen=None)
    assert [n.key for n in stale] == ["phone.answer.newer"]
    assert controller.state.round.factors["A"] == ("taal",)
    # having seen the teammate's answer, it may change it
    controller.submit_for("A", FactorsAnswered(team="A", factors=("gezin",)), 0, "factors",
                          seen=["taal"])
    assert controller.state.round.factors["A"] == ("gezin",)
    controller.answer("9", "B")
    for raw in ("a", "b"):
        controller.answer(raw)
    assert controller.state.phase == "reflection"
    controller.submit_for("A", ReflectionDrafted(team="A", text="Eerste telefoon"), 0,
                          "reflection")
    controller.submit_for("A", ReflectionDrafted(team="A", text="Tweede telefoon, nieuwer"), 0,
                          "reflection")
    old = controller.submit_for("A", ReflectionWritten(team="A", text="Eerste telefoon"), 0,
                                "reflection", seen="Eerste telefoon")
    assert [n.key for n in old] == ["phone.draft.newer"]
    assert controller.state.round.reflections == {}
    assert controller.state.round.drafts["A"] == "Tweede telefoon, nieuwer"  # nothing lost
    newest = controller.submit_for("A", ReflectionWritten(team="A", text="Tweede telefoon, "
                                                          "nieuwer"), 0, "reflection",
                                   seen="Eerste telefoon")
    assert [n.key for n in newest] == ["answered"]


def test_skipping_a_team_with_a_draft_asks_to_hand_it_in_or_skip(tmp_path: Path) -> None:
    controller = at_reflection_with_phone(tmp_path)
    controller.answer("Tekst van A", "A")
    ask = controller.ask()
    assert ask.drafting == ("B",)  # the projector can say "schrijft…", never the text
    assert controller.command("skip") == []
    ask = controller.ask()
    assert (ask.kind, ask.key, ask.params) == ("dialog", "skip.draft.confirm", {"team": "B"})
    controller.answer("j")
    assert controller.state.round.reflections["B"] == "Telefoon van B"


def test_skipping_a_team_with_a_draft_keeps_the_draft(tmp_path: Path) -> None:
    controller = at_reflection_with_phone(tmp_path)
    controller.answer("Tekst van A", "A")
    controller.command("skip")
    assert [n.key for n in controller.answer("")] == ["skipped.draft"]
    assert "B" not in controller.state.round.reflections
    assert ("reflection", "B") in controller.state.round.skipped
    assert controller.state.round.drafts["B"] == "Telefoon van B"


def test_a_step_held_for_enter_is_held_again_after_a_resume(tmp_path: Path) -> None:
    """The last phone's answer completed the step, which waits for the trainer's Enter; after
    a stop and resume it still waits, so teams can still change (a review: it closed by
    itself)."""
    from casusspel.session.folders import open_session

    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    for team, factor in (("A", "taal"), ("B", "gezin")):
        controller.submit_for(team, FactorsAnswered(team=team, factors=(factor,)), 0, "factors")
    assert (controller.state.phase, controller.ask().key) == ("factors", "all.answered")
    folder = controller.session.folder
    controller.session.close()

    again = Controller(open_session(folder, write=True), FakeClock())
    try:
        assert (again.state.phase, again.ask().key) == ("factors", "all.answered")
        again.submit_for("A", FactorsAnswered(team="A", factors=("taal", "gezin")), 0,
                         "factors")  # still open for a change
        assert again.state.round.factors["A"] == ("taal", "gezin")
        again.answer("")
        assert again.state.phase == "action"
    finally:
        again.session.close()



def test_a_take_over_is_journaled_and_survives_a_kill_and_a_resume(tmp_path: Path) -> None:
    """F7 is an event in the journal (``taken_over``, with its seq and checksum): after the
    laptop died and the session was reopened, with B's phone back, the keyboard still types
    for B (it was remote again before), and B's phone still hands nothing in for this step."""
    from casusspel.session.events import TakenOver, event_from_json
    from casusspel.session.folders import open_session
    from casusspel.session.journal import read_journal

    controller = at_reflection_with_phone(tmp_path)
    controller.answer("Tekst van A", "A")
    assert controller.ask().remote
    controller.command("takeover")
    controller.draft("Telefoon van B, aangevuld op de laptop", "B")
    folder = controller.session.folder
    events, warnings = read_journal(folder / "journal.jsonl")
    taken = [e for e in events if isinstance(e, TakenOver)]
    assert warnings == [] and [e.team for e in taken] == ["B"] * 3  # factors, action, reflection
    line = taken[-1]
    assert event_from_json(line.to_json()) == line
    controller.session.close()  # kill -9: nothing more is written, the lock goes with it

    again = Controller(open_session(folder, write=True), FakeClock())
    try:
        again.reopen(datetime(2026, 1, 1))
        again.phone_joined("B")  # the phone comes back by itself
        ask = again.ask()
        assert (ask.team, ask.remote, ask.taken) == ("B", False, True)
        assert ask.draft == "Telefoon van B, aangevuld op de laptop"
        late = again.submit_for("B", ReflectionDrafted(team="B", text="van de telefoon"), 0,
                                "reflection")
        assert [n.key for n in late] == ["phone.taken"]
        assert again.team_turn("B").taken
        again.answer(ask.draft, "B")
        assert again.state.round.reflections["B"] == "Telefoon van B, aangevuld op de laptop"
    finally:
        again.session.close()


def test_with_several_phone_teams_to_answer_the_trainer_chooses_which_to_take_over(
        tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path)
    for team in TEAMS:
        controller.phone_joined(team)
    assert controller.command("takeover") == []  # A, B and C all answer on phones: which?
    ask = controller.ask()
    assert (ask.kind, ask.key, ask.params) == ("dialog", "takeover.which",
                                               {"teams": "1=A, 2=B, 3=C"})
    assert [n.key for n in controller.answer("4")] == ["pick.invalid"]
    assert controller.ask().key == "takeover.which"  # still asked
    assert [n.key for n in controller.answer("2")] == ["takeover.done"]
    assert controller.state.round.taken == frozenset({("factors", "B")})
    ask = controller.ask()  # the keyboard now asks B, the only team it answers for
    assert (ask.team, ask.remote, ask.taken) == ("B", False, True)
    assert kinds(controller.session).count("taken_over") == 1
    # Escape gives the question up without taking anyone over
    controller.command("takeover")
    assert controller.ask().key == "takeover.which"
    assert controller.ask().params == {"teams": "1=A, 2=C"}
    assert [n.key for n in controller.command("back")] == ["dialog.cancelled"]
    assert controller.state.round.taken == frozenset({("factors", "B")})


def test_a_team_at_the_keyboard_does_not_hide_a_phone_team_to_take_over(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    controller.phone_joined("B")
    assert controller.ask().team == "A"  # the keyboard asks A; B's phone stopped working
    assert [n.key for n in controller.command("takeover")] == ["takeover.done"]
    ask = controller.ask()  # the team taken over is asked first: "je vult nu hier in voor B"
    assert (ask.team, ask.remote, ask.taken) == ("B", False, True)
    controller.answer("9", "B")
    assert controller.ask().team == "A"


def test_a_team_that_hands_in_on_its_phone_while_asked_about_is_neither_taken_nor_skipped(
        tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path)
    for team in TEAMS:
        controller.phone_joined(team)
    controller.command("takeover")
    controller.submit_for("B", FactorsAnswered(team="B", factors=("taal",)), 0, "factors")
    ask = controller.ask()  # still a choice, between the two teams still to answer
    assert (ask.key, ask.params) == ("takeover.which", {"teams": "1=A, 2=C"})
    controller.submit_for("C", FactorsAnswered(team="C", factors=("gezin",)), 0, "factors")
    assert controller.ask().key == "factors.ask"  # no question left: the keyboard asks A
    assert [n.key for n in controller.take_news()] == ["dialog.answered.meanwhile"]
    assert controller.take_news() == []  # told once
    assert controller.state.round.taken == frozenset()
    assert controller.state.round.factors == {"B": ("taal",), "C": ("gezin",)}
    assert "taken_over" not in kinds(controller.session)
    controller.command("takeover")  # A only: taken over at once, no question
    assert controller.state.round.taken == frozenset({("factors", "A")})

    reflection = at_reflection_with_phone(tmp_path / "skip")
    reflection.answer("Tekst van A", "A")
    assert reflection.command("skip") == []  # B has a draft: hand it in, or skip?
    assert reflection.ask().key == "skip.draft.confirm"
    reflection.submit_for("B", ReflectionWritten(team="B", text="Af op de telefoon"), 0,
                          "reflection")
    assert reflection.ask().key != "skip.draft.confirm"  # the question went at once
    assert [n.key for n in reflection.take_news()] == ["dialog.answered.meanwhile"]
    assert reflection.state.round.reflections["B"] == "Af op de telefoon"
    assert reflection.state.round.skipped == frozenset()


def test_teams_that_handed_in_meanwhile_are_named_together_with_the_plural_verb(
        tmp_path: Path) -> None:
    """Three phone teams, the trainer asked which one to take over; A and then B hand in on
    their phones: the note names both (A closed nothing by itself) with the plural verb."""
    controller = controller_at_factors(tmp_path)
    for team in TEAMS:
        controller.phone_joined(team)
    controller.command("takeover")
    for team in ("A", "B"):
        controller.submit_for(team, FactorsAnswered(team=team, factors=("taal",)), 0, "factors")
    [note] = controller.take_news()
    assert note.text(Messages("nl")) == (
        "A en B hebben intussen zelf ingeleverd op hun telefoon; er is niets overgeslagen of "
        "overgenomen.")
    assert note.text(Messages("en")) == (
        "A and B handed in on their phones in the meantime; nothing was skipped or taken over.")

    one = at_reflection_with_phone(tmp_path / "one")
    one.answer("Tekst van A", "A")
    one.command("skip")  # B has a draft: hand it in, or skip?
    one.submit_for("B", ReflectionWritten(team="B", text="Af"), 0, "reflection")
    [note] = one.take_news()
    assert note.text(Messages("nl")).startswith("B heeft intussen zelf ingeleverd op de telefoon")
    assert note.text(Messages("en")).startswith("B handed in on its phone in the meantime")


def test_names_in_a_sentence() -> None:
    assert [Messages("nl").names(n) for n in ((), ("A",), ("A", "B"), ("A", "B", "C"))] == [
        "", "A", "A en B", "A, B en C"]
    assert Messages("en").names(("Tafel 1", "Tafel 2", "Tafel 3")) == "Tafel 1, Tafel 2 and Tafel 3"


def test_a_phone_handing_in_while_its_own_draft_is_on_its_way_is_not_warned(
        tmp_path: Path) -> None:
    """The phone sends as ``seen`` both the draft it last had from the laptop and the draft it
    was still sending itself: that one arriving first is no teammate's change."""
    controller = at_reflection_with_phone(tmp_path)
    controller.answer("Tekst van A", "A")
    controller.submit_for("B", ReflectionDrafted(team="B", text="Telefoon van B, verder"), 0,
                          "reflection")  # the phone's own draft, still on its way when ...
    other = controller.submit_for(  # ... another phone of B, which never saw it, hands in
        "B", ReflectionWritten(team="B", text="Iets anders"), 0, "reflection",
        seen=["Telefoon van B", "Nog een concept"])
    assert [n.key for n in other] == ["phone.draft.newer"]
    own = controller.submit_for(
        "B", ReflectionWritten(team="B", text="Telefoon van B, verder en af"), 0, "reflection",
        seen=["Telefoon van B", "Telefoon van B, verder"])
    assert [n.key for n in own] == ["answered"]
    assert controller.state.round.reflections["B"] == "Telefoon van B, verder en af"


def test_takeover_while_a_question_is_open_says_so_and_changes_nothing(tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    controller.phone_joined("A")
    controller.command("end")  # "end after this case?" is open
    assert controller.can_take_over()  # (the key is offered: it explains)
    assert [n.key for n in controller.command("takeover")] == ["takeover.after_dialog"]
    assert controller.ask().key == "end.confirm"
    assert controller.state.round.taken == frozenset()
    controller.command("back")  # cancelled: now it works
    assert [n.key for n in controller.command("takeover")] == ["takeover.done"]


def test_factor_ticks_are_shared_between_a_teams_phones_and_never_journaled(
        tmp_path: Path) -> None:
    controller = controller_at_factors(tmp_path, teams=("A", "B"))
    for team in ("A", "B"):
        controller.phone_joined(team)
    journaled = kinds(controller.session)
    assert controller.team_turn("A").ticks is None  # nobody ticked yet
    assert controller.tick_factors("A", 0, "factors", add=["taal", "gezin"], remove=[],
                                   start=[]) == []
    # another phone of A taps at the same moment, from a form that did not have those yet
    controller.tick_factors("A", 0, "factors", add=["armoede"], remove=["gezin"], start=[])
    assert controller.team_turn("A").ticks == ("armoede", "taal")  # catalogue order, merged
    assert controller.team_turn("B").ticks is None  # never another team's
    assert kinds(controller.session) == journaled  # not journaled, not on the projector
    assert controller.ask().draft == ""
    # a phone that never saw those ticks hands in something else: warned, nothing replaced
    [note] = controller.submit_for("A", FactorsAnswered(team="A", factors=("religie",)), 0,
                                   "factors", seen_ticks=[])
    assert note.key == "phone.ticks.newer" and controller.state.round.factors == {}
    assert "teamgenoot heeft intussen andere factoren aangevinkt" in note.text(Messages("nl"))
    [note] = controller.submit_for("A", FactorsAnswered(team="A", factors=("religie",)), 0,
                                   "factors", seen_ticks=[["armoede", "taal"]])
    assert note.key == "answered"  # it had seen them and chose otherwise
    assert controller.team_turn("A").ticks is None  # handed in: the answer counts
    # a late tap from a phone whose form started empty builds on the answer, never on nothing
    controller.tick_factors("A", 0, "factors", add=["armoede"], remove=[], start=[])
    assert controller.team_turn("A").ticks == ("religie", "armoede")
    assert controller.state.round.factors["A"] == ("religie",)  # the answer itself stays
    # a step that is over or a team taken over keeps no ticks
    [note] = controller.tick_factors("B", 0, "action", add=["taal"], remove=[], start=[])
    assert note.key == "phone.moved_on"
    controller.tick_factors("B", 0, "factors", add=["taal", "religie"], remove=[], start=[])
    controller.command("takeover")  # B: the laptop types, starting from B's ticks
    ask = controller.ask()
    assert (ask.team, ask.taken, ask.draft) == ("B", True, "4 12")  # religie, taal
    [note] = controller.tick_factors("B", 0, "factors", add=["gezin"], remove=[], start=[])
    assert note.key == "phone.taken"


def test_a_draft_left_from_the_reflection_does_not_say_writing_at_the_stage(
        tmp_path: Path) -> None:
    """Seen in a play test: B was skipped with a draft at the reflection; at the stage's
    choice the projector still said 'B 📱 schrijft…'."""
    controller = at_reflection_with_phone(tmp_path)
    assert controller.ask().drafting == ("B",)
    controller.answer("Tekst van A", "A")
    controller.command("skip")
    controller.answer("")  # skip B; its draft stays
    while controller.state.phase != "stage":
        controller.answer("")
    assert controller.ask().team is not None and controller.ask().drafting == ()
