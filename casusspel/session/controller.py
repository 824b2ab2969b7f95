"""The round's rules for every front end: what is asked now and of whom, and what an answer does.

A front end (the full-screen terminal app, the plain line-based one, later the phone page) shows
``controller.ask()`` and turns keys or requests into ``answer``, ``command``, ``draft``,
``submit`` and ``tick`` calls; it renders ``controller.state`` and the ``Note``\\ s it gets back.
The controller does no I/O besides the session journal (every change is durable before it is
applied) and reads the time only through the injected ``now``.

All public methods take one lock, so a web server thread and the terminal can drive the same
controller; ``subscribe`` tells listeners about every change. Transient things (an open score
dialog, vote counts being typed, solo feedback on screen) live here, not in the journal: a crash
loses at most that half-finished dialog, never an answer or a draft.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from casusspel.content.model import Choice
from casusspel.session.clock import Clock, is_due, remaining, seconds_left, stamp
from casusspel.session.dialogs import Dialog
from casusspel.session.engine import (
    ACTION,
    ANSWER_PHASES,
    DISCUSSION,
    DONE,
    FACTORS,
    PREVIOUS,
    REFLECTION,
    SCOREBOARD,
    SITUATION,
    STAGE,
    EngineError,
    Refusal,
    SessionState,
)
from casusspel.session.events import (
    ActionChosen,
    EndRequested,
    Event,
    FactorsAnswered,
    PhaseAdvanced,
    ReflectionDrafted,
    ReflectionWritten,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    Skipped,
    StepBack,
    TakenOver,
    TimerExpired,
    TimerPaused,
    TimerResumed,
    TimerStarted,
    VotesCounted,
)
from casusspel.session.folders import Session
from casusspel.session.options import Mode
from casusspel.session.turns import (
    CHOICE,
    CONTINUE,
    DIALOG,
    FACTORS_ASK,
    FEEDBACK,
    FINISHED,
    LETTERS,
    MENU,
    PAUSED,
    REFLECTION_ASK,
    VOTES,
    WATCH,
    Ask,
    Note,
    TeamTurn,
    letter_of,
    parse_choice,
    parse_command,
    parse_count,
    parse_factors,
)

__all__ = ["CHOICE", "CONTINUE", "DIALOG", "FACTORS_ASK", "FEEDBACK", "FINISHED", "MENU",
           "PAUSED", "REFLECTION_ASK", "VOTES", "WATCH", "Ask", "Controller", "TeamTurn"]

#: the kind of question a phone answers in each answer phase
PHONE_KINDS = {FACTORS: FACTORS_ASK, ACTION: CHOICE, STAGE: CHOICE, REFLECTION: REFLECTION_ASK}

Listener = Callable[[SessionState], None]
#: ``submit_for`` without what the phone saw (no check for a teammate's newer text)
UNSEEN = object()
#: more hands than this for one option is asked again (a typo like 999 for 9)
MOST_HANDS = 200


class Controller:
    def __init__(self, session: Session, now: Clock) -> None:
        self.session = session
        self.engine = session.engine
        self.now = now
        self.lock = threading.RLock()
        self.listeners: list[Listener] = []
        self.stopped = False
        self._dialog: Dialog | None = None
        self._votes: dict[str, int] = {}
        self._feedback: tuple[str, str] | None = None
        self._news: list[Note] = []  # for the laptop's screen, from a phone's answer
        self._big_count: tuple[str, int] | None = None  # a count over MOST_HANDS, said once
        #: phones connected now, per team; teams that joined with a phone in this session
        self.phones: dict[str, int] = {}
        self.joined: set[str] = set()
        #: factors ticked on a team's phones, not handed in, with the (case, step) they are
        #: for: shared with the team's other phones, never journaled or shown on the projector
        self._ticks: dict[str, tuple[tuple[int, str], tuple[str, ...]]] = {}
        self.ticks_version = 0  # counts their changes (a phone's view depends on them)
        #: counts every change the listeners heard of: a phone's view carries it, so that a
        #: view made earlier (an answer's reply that arrives late) never replaces a newer one
        self.changes = 0
        #: this controller's own mark on those views: a version counts only within one
        #: controller (a block of a programme, a start of the laptop's process)
        self.epoch = secrets.token_hex(4)
        #: the (case, step) a phone's answer completed: it waits for the trainer's Enter, so
        #: teams can still change their answer (the phone says so)
        self._hold: tuple[int, str] | None = self._held_on_reopen()
        with self.lock:
            self._settle()

    def _held_on_reopen(self) -> tuple[int, str] | None:
        """A step every team answered but that did not move on was held for the trainer's
        Enter (a phone's answer completed it; the keyboard's moves on at once): after a resume
        it waits again, so teams can still change their answer, instead of closing by itself.
        Not when every team was skipped there: then nobody answered."""
        state = self.session.state
        if state.finished or state.phase not in (FACTORS, ACTION, REFLECTION) \
                or not state.mode.has_teams or self.engine.pending(state):
            return None
        skipped = {team for phase, team in state.round.skipped if phase == state.phase}
        if set(state.teams) <= skipped:
            return None
        return (state.case_index, state.phase)

    # -- reading -----------------------------------------------------------------------------
    @property
    def state(self) -> SessionState:
        return self.session.state

    @property
    def solo(self) -> bool:
        return self.state.mode is Mode.SOLO

    def choices(self) -> tuple[Choice, ...]:
        if self.state.phase == STAGE:
            return self.engine.stage_choices(self.state)
        return self.engine.case(self.state).choices

    def remaining(self) -> int | None:
        with self.lock:
            return remaining(self.state.timer, self.now())

    def ask(self) -> Ask:
        with self.lock:
            return self._ask()

    def _ask(self) -> Ask:
        state = self.state
        phase = state.phase
        if state.finished:
            return Ask(FINISHED, phase)
        if state.paused:
            return Ask(PAUSED, phase, "pause.screen")
        if self._feedback is not None:
            return Ask(FEEDBACK, phase, "continue", feedback=self._feedback)
        pending = self.engine.pending(state)
        rnd = state.round
        answered = tuple(t for t in state.teams if t in rnd.answers(phase))
        skipped = rnd.skipped_in(phase)
        suffix = ".solo" if self.solo else ""
        if self._dialog is not None:
            return self._votes_ask() if self._dialog.kind == "revote" else self._dialog.ask(
                self.engine, state)
        if state.mode is Mode.PLENARY and phase in (ACTION, STAGE):
            return self._votes_ask()
        if phase in ANSWER_PHASES and pending:
            team = self._keyboard_team(pending)
            remote = self._on_phone(team)
            ask = self._team_ask(phase, team, suffix, rnd.drafts.get(team, ""))
            return replace(ask, pending=pending, answered=answered, skipped=skipped,
                           phones=tuple(t for t in state.teams if self.phones.get(t)),
                           remote=remote, taken=self._taken(team),
                           # a phone team's text is never on the projector before the reveal
                           draft="" if remote else ask.draft,
                           # (a draft is a reflection's: at a later step it writes nothing)
                           drafting=tuple(t for t in pending if phase == REFLECTION
                                          and rnd.drafts.get(t, "").strip()))
        if phase in ANSWER_PHASES and self._hold == (state.case_index, phase):
            return Ask(CONTINUE, phase, "all.answered", answered=answered, skipped=skipped,
                       phones=tuple(t for t in state.teams if self.phones.get(t)))
        if phase == DISCUSSION:
            key = "discussion.revote" if state.mode is Mode.PLENARY else "discussion.menu" + suffix
            return Ask(MENU, phase, key)
        return Ask(CONTINUE, phase, "continue")

    def _team_ask(self, phase: str, team: str, suffix: str, draft: str) -> Ask:
        if phase == REFLECTION:
            return Ask(REFLECTION_ASK, phase, "reflection.ask" + suffix, {"team": team}, team,
                       draft=draft)
        earlier = self._earlier(phase, team)
        if phase == FACTORS:
            ticks = self._ticks_of(team) if self._taken(team) else None
            if ticks and not earlier:  # taken over: from what its phones ticked, as a draft
                earlier = self._as_typed(ticks)
            return Ask(FACTORS_ASK, phase, "factors.ask" + suffix, {"team": team}, team,
                       draft=earlier)
        letters = " ".join(LETTERS[:len(self.choices())])
        return Ask(CHOICE, phase, "action.ask" + suffix, {"team": team, "letters": letters},
                   team, self.choices(), draft=earlier)

    def _earlier(self, phase: str, team: str) -> str:
        """The answer /terug took back from ``team`` here, as it would be typed ('2 9 10',
        'B'): offered to edit, and Enter on an empty line keeps it."""
        answer = self.state.round.undone.get((phase, team))
        if isinstance(answer, tuple):
            return self._as_typed(answer)
        if isinstance(answer, str):
            return letter_of(self.choices(), answer)
        return ""

    def _as_typed(self, factors: Sequence[str]) -> str:
        """Factor ids as the trainer types them: their numbers in the catalogue ('2 9 10')."""
        ids = self.engine.framework.factor_ids
        return " ".join(str(ids.index(f) + 1) if f in ids else str(f) for f in factors)

    def _keyboard_team(self, pending: tuple[str, ...]) -> str:
        """The team asked at the keyboard: one whose answer the trainer took over (F7: it is
        typed for now), else the first one without a phone, else the first."""
        return next((t for t in pending if self._taken(t)),
                    next((t for t in pending if not self._on_phone(t)), pending[0]))

    def _taken(self, team: str) -> bool:
        return (self.state.phase, team) in self.state.round.taken

    def _on_phone(self, team: str) -> bool:
        """Whether ``team`` answers this step on its phone: the keyboard neither shows nor
        hands in its text until the trainer takes over (/overnemen, F7)."""
        return team in self.joined and not self._taken(team)

    def team_turn(self, team: str) -> TeamTurn:
        """What ``team``'s phone shows now: its own question and answer, never another team's."""
        with self.lock:
            state = self.state
            phase = state.phase
            left = seconds_left(state.timer, self.now())
            timer_paused = state.timer is not None and state.timer.paused_at is not None
            base = {"phase": phase, "case_index": state.case_index, "team": team,
                    "seconds_left": left, "timer_paused": timer_paused, "paused": state.paused}
            if state.finished:
                return TeamTurn(FINISHED, **base)  # type: ignore[arg-type]
            kind = PHONE_KINDS.get(phase, WATCH) if state.mode is Mode.GROUP else WATCH
            if phase == STAGE and not self.choices():
                kind = WATCH
            rnd = state.round
            answer = rnd.answers(phase).get(team) if kind != WATCH else None
            if state.paused and kind == WATCH:
                kind = PAUSED
            return TeamTurn(
                kind, choices=self.choices() if kind == CHOICE else (),
                answer=answer, draft=rnd.drafts.get(team, ""),
                ticks=self._ticks_of(team) if kind == FACTORS_ASK else None,
                skipped=(phase, team) in rnd.skipped, taken=self._taken(team),
                **base)  # type: ignore[arg-type]

    # -- phones ------------------------------------------------------------------------------
    def phone_joined(self, team: str) -> None:
        """A phone of ``team`` joined (or the session resumed with the team's phones): the
        keyboard asks teams without a phone first."""
        with self.lock:
            if team in self.state.teams and team not in self.joined:
                self.joined.add(team)
                self._notify()

    def phone_connected(self, team: str, change: int) -> None:
        """A phone of ``team`` started (+1) or stopped (-1) following the session."""
        with self.lock:
            self.phones[team] = max(0, self.phones.get(team, 0) + change)
            self._notify()

    def submit_for(self, team: str, event: Event, case_index: int, phase: str,
                   seen: object = UNSEEN, seen_ticks: object = UNSEEN) -> list[Note]:
        """An answer or draft from ``team``'s phone, made for the step it saw (``case_index``,
        ``phase``): refused with a Note when that step is over, the session is paused (drafts
        are still kept), or the trainer skipped the team here. A resent event changes nothing.

        ``seen``: what the phone last knew of the team's text (a reflection: the team's draft)
        or answer (factors, an action). When another phone of the team changed it since, the
        answer is refused with a warning instead of silently replacing the newer one; so are
        factors handed in over ticks that another phone of the team made (``seen_ticks``: the
        ticks this phone last had from the laptop)."""
        with self.lock:
            if self.engine.is_duplicate(self.state, event):
                return []
            refusal = self._phone_refusal(team, event, case_index, phase) or self._conflict(
                team, event, seen) or self._ticks_conflict(team, event, seen_ticks)
            if refusal is not None:
                return [refusal]
            notes = self._submit(event)
            if any(n.level == "ok" for n in notes) and not self.engine.pending(self.state):
                self._hold = (self.state.case_index, self.state.phase)
            self._close_answered_dialog()
            self._settle()
            self._notify()
            return notes

    def _phone_refusal(self, team: str, event: Event, case_index: int,
                       phase: str) -> Note | None:
        if getattr(event, "team", None) != team:
            return Note("phone.not_yours", {}, "warn")
        refusal = self._step_refusal(team, case_index, phase,
                                     draft=isinstance(event, ReflectionDrafted))
        if refusal is None and isinstance(event, FactorsAnswered) and not event.factors:
            return Note("phone.factors.empty", {}, "warn")
        return refusal

    def _step_refusal(self, team: str, case_index: int, phase: str, *,
                      draft: bool) -> Note | None:
        """Why ``team``'s phone cannot answer (or, ``draft``, keep a draft for) the step it saw
        now, or None."""
        state = self.state
        if state.finished:
            return Note.refused(Refusal("finished"))
        if (case_index, phase) != (state.case_index, state.phase) or (
                PHONE_KINDS.get(phase) is None or state.mode is not Mode.GROUP):
            return Note("phone.moved_on", {"to_phase": state.phase}, "warn")
        if (phase, team) in state.round.skipped:
            return Note("phone.skipped", {}, "warn")
        if self._taken(team):
            return Note("phone.taken", {}, "warn")
        if state.paused and not draft:
            return Note("phone.paused", {}, "warn")
        return None

    def tick_factors(self, team: str, case_index: int, phase: str, *, add: Sequence[str],
                     remove: Sequence[str], start: Sequence[str]) -> list[Note]:
        """Factors ticked (``add``) or unticked (``remove``) on one of ``team``'s phones,
        not handed in: merged into the team's ticks (``start``: what that phone's form started
        from, when the team has none yet), so two phones tapping at once both count. The
        team's other phones show them; the projector never does; nothing is journaled."""
        with self.lock:
            refusal = self._step_refusal(team, case_index, phase, draft=True)
            if refusal is None and phase != FACTORS:
                refusal = Note("phone.moved_on", {"to_phase": self.state.phase}, "warn")
            if refusal is not None:
                return [refusal]
            ids = self.engine.framework.factor_ids
            current = self._ticks_of(team)
            if current is None:  # a team that handed in starts from its answer, not a phone's form
                handed_in = self.state.round.factors.get(team)
                current_or_start = set(start if handed_in is None else handed_in)
            else:
                current_or_start = set(current)
            chosen = current_or_start - set(remove) | set(add)
            ticks = tuple(f for f in ids if f in chosen)
            if ticks != current:
                self._ticks[team] = ((case_index, phase), ticks)
                self.ticks_version += 1
                self._notify()
            return []

    def _ticks_of(self, team: str) -> tuple[str, ...] | None:
        """The team's ticks for the step the session is at (None: no phone ticked here)."""
        kept = self._ticks.get(team)
        if kept is None or kept[0] != (self.state.case_index, self.state.phase):
            return None
        return kept[1]

    def _ticks_conflict(self, team: str, event: Event, seen_ticks: object) -> Note | None:
        newest = self._ticks_of(team)
        if (not isinstance(event, FactorsAnswered) or seen_ticks is UNSEEN or newest is None
                or set(newest) == set(event.factors)):
            return None
        seen = seen_ticks if isinstance(seen_ticks, list) else [seen_ticks]
        if any(isinstance(s, (list, tuple)) and set(s) == set(newest) for s in seen):
            return None
        return Note("phone.ticks.newer", {}, "warn")

    def _conflict(self, team: str, event: Event, seen: object) -> Note | None:
        if seen is UNSEEN:
            return None
        rnd = self.state.round
        if isinstance(event, ReflectionWritten):
            # a list: the draft the phone saw and the one it was still sending itself
            texts = set(seen) if isinstance(seen, list) else {seen}
            newest = rnd.drafts.get(team, "")
            if newest.strip() and newest.strip() != event.text.strip() and newest not in texts:
                return Note("phone.draft.newer", {}, "warn")
        elif isinstance(event, (FactorsAnswered, ActionChosen)):
            known = tuple(seen) if isinstance(seen, list) else seen
            if rnd.answers(self.state.phase).get(team) != known:
                return Note("phone.answer.newer", {}, "warn")
        return None

    def _votes_ask(self) -> Ask:
        choices = self.choices() if self._dialog is None else self.engine.case(self.state).choices
        letter = LETTERS[len(self._votes)]
        key = "votes.ask" if self._dialog is None else "votes.reask"  # a re-vote says so
        return Ask(VOTES, self.state.phase, key, {"letter": letter}, choices=choices, letter=letter)

    # -- listening ---------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(state)`` after every change; returns a function that unsubscribes."""
        with self.lock:
            self.listeners.append(listener)

        def unsubscribe() -> None:
            with self.lock:
                if listener in self.listeners:
                    self.listeners.remove(listener)

        return unsubscribe

    def _notify(self) -> None:
        self.changes += 1
        for listener in list(self.listeners):
            listener(self.state)

    # -- writing -----------------------------------------------------------------------------
    def submit(self, event: Event) -> list[Note]:
        """Record one event from any front end: applied once per id, refused with a Note.

        A journal that cannot be written raises ``JournalError`` (the front end stops and says
        so: nothing after the last saved entry is lost).
        """
        with self.lock:
            notes = self._submit(event)
            self._settle()
            self._notify()
            return notes

    def _submit(self, event: Event) -> list[Note]:
        if self.engine.is_duplicate(self.state, event):
            return []
        try:
            self.session.record(event)
        except EngineError as exc:
            return [Note.refused(exc.refusal)]
        return self._after(event)

    def _record(self, event: Event) -> None:
        """Record an event the controller itself made (always allowed by construction)."""
        self.session.record(event)

    def _after(self, event: Event) -> list[Note]:
        team = getattr(event, "team", None)
        if isinstance(event, FactorsAnswered):
            self._ticks.pop(event.team, None)  # handed in: the answer counts now
        if not isinstance(event, (FactorsAnswered, ActionChosen, ReflectionWritten)):
            return []
        assert isinstance(team, str)
        if self.solo:
            if self.state.phase in (FACTORS, ACTION):
                self._feedback = (self.state.phase, team)
            return []
        return [Note("answered", {"team": team}, "ok")]

    def _advance(self) -> None:
        self._hold = None
        self._record(PhaseAdvanced(to=self.engine.next_phase(self.state)))

    def _settle(self) -> None:
        """Move on when nobody is pending, start the step's timer, end the session at the end."""
        while not self.state.finished:
            state = self.state
            if state.paused or self._feedback is not None or self._dialog is not None:
                break
            if self._hold == (state.case_index, state.phase):
                break  # the last answer came from a phone: Enter closes the step
            no_stage = state.phase == STAGE and not self.engine.stage_choices(state)
            waiting = state.phase in ANSWER_PHASES and state.mode.has_teams and not (
                self.engine.pending(state))
            ending = state.ending and state.phase in (SITUATION, SCOREBOARD)  # between cases
            if not (no_stage or waiting or ending):
                break
            self._advance()
        state = self.state
        if state.phase == DONE and not state.ended:
            self._record(SessionEnded(at=stamp(self.now()), reason="done"))
        seconds = state.started.timer_seconds
        if (seconds and not state.finished and state.timer is None
                and state.phase in ANSWER_PHASES):
            self._record(TimerStarted(seconds=seconds, at=stamp(self.now())))

    def enter(self, raw: str, team: str | None = None) -> list[Note]:
        """A line typed at the one keyboard: a trainer command ('/terug', '/stop', ...) or an
        answer to the current question (for ``team``, see ``answer``). During a pause any line
        but /stop and /help goes on."""
        command = parse_command(raw)
        if command is None:
            return self.answer(raw, team)
        if command == "unknown":
            return [Note("unknown.command", {"command": raw.strip().split()[0][:40]}, "warn")]
        with self.lock:
            if self.state.paused and command not in ("help", "stop"):
                self.resume()
                return []
            return self.command(command)

    def answer(self, raw: str, team: str | None = None) -> list[Note]:
        """What the one keyboard typed at the current question (commands go to ``command``).

        ``team``: the team the text was typed for, when the front end knows it (the team the
        screen asked when the line was typed). A team's answer is never handed in for another
        team or used for another question: when the question moved on in the meantime (the team
        answered on its phone, joined with a phone so the keyboard asks another team first, or
        was skipped), it is refused with a Note, and a reflection is kept as that team's draft.
        """
        with self.lock:
            ask = self._ask()
            if team is not None and ask.team != team:
                return self._not_for_now(raw, team)
            if ask.remote and ask.team is not None:  # its phone answers: take over first
                return [Note("answer.remote", {"team": ask.team}, "warn")]
            notes = self._answer(raw, ask)
            self._settle()
            self._notify()
            return notes

    def _answered_meanwhile(self, team: str | None) -> bool:
        """Whether ``team`` has handed in a one-line answer (factors, an action) for this step or
        the one just closed: a line the keyboard typed for it meanwhile is not used, and the
        front end keeps it in the entry (a reflection instead stays the team's draft while it
        is still asked; see ``answer``)."""
        state = self.state
        if team is None or state.phase == REFLECTION:  # the text may be a reflection
            return False
        return any(phase in (FACTORS, ACTION, STAGE) and team in state.round.answers(phase)
                   for phase in (state.phase, PREVIOUS.get(state.phase, "")))

    def _not_for_now(self, raw: str, team: str) -> list[Note]:
        state = self.state
        if self._answered_meanwhile(team):  # it answered on its phone meanwhile
            return [Note("keyboard.moved_on", {"team": team}, "warn")]
        if state.phase == REFLECTION and raw.strip() and team in self.engine.pending(state):
            self._submit(ReflectionDrafted(team=team, text=raw))
            self._notify()
            return [Note("answer.not_now.draft", {"team": team}, "warn")]
        return [Note("answer.not_now", {"team": team}, "warn")]

    def _answer(self, raw: str, ask: Ask) -> list[Note]:
        if ask.kind in (PAUSED, FEEDBACK, CONTINUE):
            self._go_on(ask.kind)
            return []
        if ask.kind in (FACTORS_ASK, CHOICE, REFLECTION_ASK):
            return self._team_answer(raw, ask)
        if ask.kind == VOTES:
            return self._vote(raw, ask)
        if ask.kind == MENU:
            return self._menu(raw.strip().lower())
        if ask.kind == DIALOG and self._dialog is not None:
            return self._dialog_step(self._dialog, raw.strip())
        return []

    def _go_on(self, kind: str) -> None:
        """Enter where the screen only waits: the pause ends, the feedback goes, or the room
        moves to the next step."""
        if kind == PAUSED:
            self._unpause()
        elif kind == FEEDBACK:
            self._feedback = None
        else:
            self._advance()

    def _team_answer(self, raw: str, ask: Ask) -> list[Note]:
        """A team's factors, action or reflection handed in, or a note why it cannot be."""
        if ask.kind != REFLECTION_ASK and not raw.strip() and ask.draft:
            raw = ask.draft  # an answer taken back with /terug, kept as it was
        if ask.kind == FACTORS_ASK:
            factors = parse_factors(raw, self.engine.framework.factor_ids)
            if isinstance(factors, Note):
                return [factors]
            return self._submit(FactorsAnswered(team=str(ask.team), factors=factors))
        if ask.kind == CHOICE:
            choice = parse_choice(raw, ask.choices)
            if isinstance(choice, Note):
                return [choice]
            return self._submit(ActionChosen(team=str(ask.team), choice_id=choice))
        if not raw.strip():
            return [Note("reflection.empty", {}, "warn")]
        return self._submit(ReflectionWritten(team=str(ask.team), text=raw.strip()))

    def _vote(self, raw: str, ask: Ask) -> list[Note]:
        count = parse_count(raw)
        if isinstance(count, Note):
            return [count]
        if count > MOST_HANDS and self._big_count != (ask.letter, count):
            self._big_count = (ask.letter, count)  # the same number again confirms it
            return [Note("votes.confirm", {"count": count, "letter": ask.letter,
                                           "max": MOST_HANDS}, "warn")]
        self._big_count = None
        self._votes[ask.choices[len(self._votes)].id] = count
        if len(self._votes) < len(ask.choices):
            return []
        counts, self._votes = self._votes, {}
        revote = self._dialog is not None
        self._dialog = None
        notes = self._submit(VotesCounted(round=2 if revote else 1, counts=counts))
        if not notes and not revote:
            self._advance()
        return notes

    def _menu(self, choice: str) -> list[Note]:
        plenary = self.state.mode is Mode.PLENARY
        if not choice:
            self._advance()
        elif choice == "s" and plenary:
            self._dialog = Dialog("revote")
        elif choice in ("s", "h") and not plenary:
            self._dialog = Dialog("override" if choice == "s" else "reconsider")
            if len(self.state.teams) == 1:  # one player: no need to ask which team
                return self._dialog_step(self._dialog, "1")
        else:
            key = "menu.invalid.plenary" if plenary else "menu.invalid"
            return [Note(key, {"value": choice[:20]}, "warn")]
        return []

    def _dialog_step(self, dialog: Dialog, raw: str) -> list[Note]:
        step = dialog.step(self.engine, self.state, raw)
        if step.close:
            self._dialog = None
        if step.event is None:
            return step.notes
        event = step.event
        if isinstance(event, EndRequested):
            event = replace(event, at=stamp(self.now()))
        return self._submit(event) or step.notes

    def draft(self, text: str, team: str | None = None) -> None:
        """Journal the reflection typed so far (only when it changed); never submits it."""
        with self.lock:
            pending = self.engine.pending(self.state)
            who = team or (self._keyboard_team(pending) if pending else None)
            if who is None or self.state.phase != REFLECTION or (
                    team is None and self._on_phone(who)):
                return  # never the keyboard's text over what a team types on its phone
            if text == self.state.round.drafts.get(who, ""):
                return
            self._submit(ReflectionDrafted(team=who, text=text))
            self._notify()

    # -- commands ----------------------------------------------------------------------------
    def command(self, name: str) -> list[Note]:
        """A trainer command: help, back, skip, pause, stop, end (see ``turns.COMMANDS``)."""
        with self.lock:
            handlers: dict[str, Callable[[], list[Note]]] = {
                "help": lambda: [Note("help")], "back": self._back, "skip": self._skip,
                "pause": self._pause, "stop": self._stop, "end": self._end,
                "takeover": self._take_over}
            handler = handlers.get(name)
            notes = handler() if handler else [Note("unknown.command", {"command": name}, "warn")]
            self._settle()
            self._notify()
            return notes

    def _back(self) -> list[Note]:
        if self.state.paused:
            return []
        if self._dialog is not None:
            if self._dialog.kind == "revote" and self._votes:
                self._votes.popitem()
                return []
            self._drop_dialog()
            return [Note("dialog.cancelled", {}, "warn")]
        if self._votes:
            self._votes.popitem()
            return []
        self._feedback = None
        refusal = self.engine.check(self.state, StepBack())
        if refusal:
            return [Note.refused(refusal)]
        self._hold = None
        self._record(StepBack())
        return [Note("back.done", {"to_phase": self.state.phase}, "warn")]

    def dialog_open(self) -> bool:
        """Whether a trainer's question is open (Escape cancels it): a dialog, also the
        plenary re-vote, which asks its counts one by one."""
        with self.lock:
            return self._dialog is not None and not (self.state.paused or self.state.finished)

    def cancel_dialog(self) -> list[Note]:
        """Escape: give up the open question as a whole; nothing is skipped, ended or changed
        (a re-vote's counts typed so far go, the first vote stays as it was, and the counts of
        a first vote that an end question interrupted stay)."""
        with self.lock:
            dialog = self._dialog
            if dialog is None or self.state.paused or self.state.finished:
                return []
            self._drop_dialog()
            self._big_count = None
            self._settle()
            self._notify()
            return [Note("revote.cancelled" if dialog.kind == "revote" else "dialog.cancelled",
                         {}, "warn")]

    def _skip(self) -> list[Note]:
        if self.state.paused or self.state.finished:
            return []
        if self._dialog is not None:
            self._drop_dialog()
            return [Note("dialog.cancelled", {}, "warn")]
        self._votes = {}
        ask = self._ask()
        if ask.kind in (FACTORS_ASK, CHOICE, REFLECTION_ASK) and ask.team:
            if ask.kind == REFLECTION_ASK and self.state.round.drafts.get(ask.team, "").strip():
                self._dialog = Dialog("skipdraft", [ask.team])  # hand the draft in, or skip
                return []
            self._record(Skipped(team=ask.team))
            return [Note("skipped", {"team": ask.team}, "warn")]
        self._feedback = None
        if ask.kind == FEEDBACK:
            return []
        self._advance()
        return []

    def _take_over(self) -> list[Note]:
        """/overnemen (F7): the keyboard answers for the phone team asked now, starting from
        the team's newest draft; its phones say so and hand nothing in for this step."""
        if self.state.paused or self.state.finished:
            return []
        teams = self._phone_teams_asked()
        if not teams:
            return [Note("takeover.none", {}, "warn")]
        if self._dialog is not None:  # never silently: the question first, then F7 again
            return [Note("takeover.after_dialog", {}, "warn")]
        if len(teams) > 1:  # the phone of another team than the first may be the one in trouble
            ask = self._ask()
            first = (ask.team,) if ask.remote and ask.team in teams else ()
            self._dialog = Dialog("takeover", options=first + tuple(t for t in teams
                                                                     if t not in first))
            return []
        self._record(TakenOver(team=teams[0]))
        return [Note("takeover.done", {"team": teams[0]}, "warn")]

    def _close_answered_dialog(self) -> None:
        """A team that handed in on its phone while the trainer was asked to skip it or to take
        it over: the question goes (no longer true), with a note that says why; a take-over
        question between teams still to answer only loses that team."""
        dialog = self._dialog
        if dialog is None or dialog.kind not in ("skipdraft", "takeover"):
            return
        pending = self.engine.pending(self.state)
        asked = [str(v) for v in dialog.values] if dialog.kind == "skipdraft" else list(
            dialog.options)
        done = [t for t in asked if t not in pending]
        left = tuple(t for t in asked if t in pending)
        if not done:
            return
        if dialog.kind == "takeover":  # (its values: the teams that handed in meanwhile)
            dialog.values += done
            done = [str(t) for t in dialog.values]
            if len(left) > 1:
                dialog.options = left
                return
        self._dialog = None
        self._news.append(Note("dialog.answered.meanwhile", {"team": tuple(done)}, "ok",
                               count=len(done)))

    def take_news(self) -> list[Note]:
        """Notes for the laptop's screen about what phones did meanwhile (once each)."""
        with self.lock:
            news, self._news = self._news, []
            return news

    def can_take_over(self) -> bool:
        """Whether /overnemen (F7) has a team to take over (the footer offers F7 then); also
        while a question is open, which F7 then says to answer or cancel first."""
        with self.lock:
            return not self.state.paused and bool(self._phone_teams_asked())

    def _phone_teams_asked(self) -> tuple[str, ...]:
        """The teams still to answer this step that answer it on their phones."""
        state = self.state
        if state.finished or state.phase not in ANSWER_PHASES:
            return ()
        return tuple(t for t in self.engine.pending(state) if self._on_phone(t))

    def _end(self) -> list[Note]:
        """/einde: ask to confirm ending the session after the current case (asked again once
        confirmed: go on with every case after all). A dialog of the discussion is given up
        for it, as /overslaan does; votes typed so far stay."""
        if self.state.finished:
            return []
        self._drop_dialog()
        self._dialog = Dialog("end")
        return []

    def _drop_dialog(self) -> None:
        """Close the open question. A re-vote takes the counts typed for it along; the counts
        of a first vote that another question interrupted stay."""
        if self._dialog is not None and self._dialog.kind == "revote":
            self._votes = {}
        self._dialog = None

    def _pause(self) -> list[Note]:
        state = self.state
        if state.paused or state.finished:
            return []
        self._record(SessionPaused(at=stamp(self.now())))
        if state.timer and state.timer.paused_at is None:
            self._record(TimerPaused(at=stamp(self.now())))
        return [Note("pause.screen", {}, "warn")]

    def _unpause(self) -> None:
        state = self.state
        if state.timer and state.timer.paused_at is not None:
            self._record(TimerResumed(at=stamp(self.now())))
        self._record(SessionResumed(at=stamp(self.now())))

    def resume(self) -> None:
        """Go on after /pauze: the timer runs again."""
        with self.lock:
            self._unpause()
            self._settle()
            self._notify()

    def reopen(self, saved_at: datetime) -> list[Note]:
        """``casusspel resume``. A session that was stopped (/stop, Ctrl-C, Ctrl-D, SIGHUP,
        SIGTERM) recorded its pause and goes on at once with the time that was left then.

        A session that died (kill -9, a crash, the power) recorded nothing after its last entry,
        ``saved_at`` (when the journal was last written). With a clock running, the clock counts
        as paused from then, so the outage does not eat the room's time, and the session opens
        paused, so the trainer goes on when the room is ready (Enter). The clock then shows the
        time that was left at the last entry: a little more than at the crash when nobody typed
        for a while. Without a running clock there is nothing to wait for: it goes on at once.
        """
        with self.lock:
            state = self.state
            if state.finished:
                return []
            timer = state.timer
            if state.paused or timer is None or timer.paused_at is not None or timer.expired:
                self.resume()  # recorded also when nothing was paused: the journal shows resumes
                return []
            try:
                since = max(datetime.fromisoformat(timer.started), min(saved_at, self.now()))
            except ValueError:  # an unreadable start: the clock shows 0 anyway
                since = self.now()
            self._record(TimerPaused(at=stamp(since)))
            self._record(SessionPaused(at=stamp(self.now())))
            self._notify()
            return [Note("resume.crashed", {}, "warn")]

    def _stop(self) -> list[Note]:
        self.stopped = True
        self._suspend()
        return []

    def suspend(self, draft: str | None = None) -> None:
        """Save for an exit (/stop, Ctrl-C, Ctrl-D, SIGHUP, SIGTERM): the draft as a draft, the
        timer paused. Nothing is submitted."""
        with self.lock:
            if draft is not None:
                self.draft(draft)  # notifies; the pause below notifies again
            self._suspend()
            self._notify()

    def _suspend(self) -> None:
        state = self.state
        if state.finished:
            return
        if state.timer and state.timer.paused_at is None:
            self._record(TimerPaused(at=stamp(self.now())))
        if not state.paused:
            self._record(SessionPaused(at=stamp(self.now())))

    def tick(self) -> Note | None:
        """Record a timer that reached zero (once); the front end rings and shows the Note."""
        with self.lock:
            timer = self.state.timer
            if self.state.paused or not is_due(timer, self.now()):
                return None
            self._record(TimerExpired(at=stamp(self.now())))
            self._notify()
            return Note("timer.up", {}, "alarm")
