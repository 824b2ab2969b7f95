"""The trainer's dialogs: in the discussion, override a score or let a team reconsider its action;
anywhere, confirm ending the session after the current case ('end').

Pure: a dialog says what it asks next and turns one typed answer into a Note, or into the event
that closes it (the controller records it). 'revote' (plenary) is a dialog too, but its questions
are the vote counts, which the controller asks like the first vote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casusspel.messages import Text
from casusspel.session.engine import SCOREBOARD, SITUATION, Engine, SessionState
from casusspel.session.events import (
    ActionReconsidered,
    EndRequested,
    Event,
    ReflectionWritten,
    ScoreOverridden,
    Skipped,
    TakenOver,
)
from casusspel.session.turns import DIALOG, LETTERS, YES, Ask, Note, letter_of, parse_choice


@dataclass(frozen=True)
class Step:
    """What one answer did: notes to show, the event that ends the dialog (if any, with the note
    that confirms it once recorded), and whether the dialog is over."""

    notes: list[Note]
    event: Event | None = None
    close: bool = False


@dataclass
class Dialog:
    """A dialog being typed: 'override', 'reconsider', 'revote', 'end', 'skipdraft' or
    'takeover'; ``values`` so far (a 'takeover': the teams that handed in meanwhile);
    ``options``: the teams a 'takeover' chooses from."""

    kind: str
    values: list[object] = field(default_factory=list)
    options: tuple[str, ...] = ()

    def ask(self, engine: Engine, state: SessionState) -> Ask:
        phase = state.phase
        if self.kind == "end":  # yes or no: end after this case, or (asked again) go on after all
            between = phase in (SITUATION, SCOREBOARD)  # no case under way: it ends at once
            key = "end.undo.confirm" if state.ending else (
                "end.confirm.now" if between else "end.confirm")
            played = Text.plural("report.played", len(state.started.case_ids),
                                 played=state.cases_under_way)  # '0 van 1 casus gespeeld'
            return Ask(DIALOG, phase, key, {"played": played})
        if self.kind == "skipdraft":  # a team with a draft: hand it in, or skip (draft kept)
            return Ask(DIALOG, phase, "skip.draft.confirm", {"team": self.values[0]},
                       str(self.values[0]))
        if self.kind == "takeover":  # several phone teams still to answer: which one
            listing = ", ".join(f"{n}={t}" for n, t in enumerate(self.options, 1))
            return Ask(DIALOG, phase, "takeover.which", {"teams": listing})
        step = len(self.values)
        if step == 0:
            listing = ", ".join(f"{n}={t}" for n, t in enumerate(state.teams, 1))
            return Ask(DIALOG, phase, "override.team", {"teams": listing})
        team = str(self.values[0])
        if self.kind == "reconsider":
            choices = engine.case(state).choices
            letters = " ".join(LETTERS[:len(choices)])
            return Ask(DIALOG, phase, "action.ask", {"team": team, "letters": letters}, team,
                       choices)
        if step == 1:
            results = {r.team: r for r in engine.results(state)}
            reflection = results[team].reflection
            # '1 = Zelfreflectie (nu 2)': the number to type and the score now, never alike
            items = [Text("override.pillar.item", n=n, pillar=p.label,
                          score=reflection.pillars[p.id].score if reflection else 0)
                     for n, p in enumerate(engine.framework.pillars, 1)]
            return Ask(DIALOG, phase, "override.pillar", {"pillars": items}, team)
        return Ask(DIALOG, phase, "override.score" if step == 2 else "override.reason", {}, team)

    def step(self, engine: Engine, state: SessionState, raw: str) -> Step:
        if self.kind == "end":
            if raw.strip().lower() not in YES:
                return Step([Note("end.kept" if state.ending else "end.not", {}, "warn")],
                            close=True)
            return Step([Note("end.undone" if state.ending else "end.set", {}, "ok")],
                        EndRequested(at="", end=not state.ending), close=True)
        # (a team that hands in on its phone meanwhile closes these two: Controller.submit_for)
        if self.kind == "skipdraft":
            return self._skip_draft(state, str(self.values[0]), raw)
        if self.kind == "takeover":
            return self._take_over(raw)
        if not self.values:
            return self._team(state, raw)
        team = str(self.values[0])
        if self.kind == "reconsider":
            choices = engine.case(state).choices
            choice = parse_choice(raw, choices)
            if isinstance(choice, Note):
                return Step([choice])
            old = state.round.actions.get(team, "")
            done = Note("reconsider.done", {"team": team, "new": letter_of(choices, choice),
                                            "old": letter_of(choices, old)}, "ok")
            return Step([done], ActionReconsidered(team=team, choice_id=choice), close=True)
        return self._override(engine, team, raw)

    @staticmethod
    def _skip_draft(state: SessionState, team: str, raw: str) -> Step:
        """/overslaan on a team with an unsubmitted reflection: 'j' hands the draft in as the
        team's answer; anything else skips the team (the draft stays in the journal and the
        report shows it as a draft)."""
        draft = state.round.drafts.get(team, "").strip()
        if raw.strip().lower() in YES and draft:
            return Step([], ReflectionWritten(team=team, text=draft), close=True)
        return Step([Note("skipped.draft", {"team": team}, "warn")], Skipped(team=team),
                    close=True)

    def _take_over(self, raw: str) -> Step:
        """/overnemen with several phone teams still to answer: the number (or name) of the one
        whose answer the trainer types at the laptop."""
        team = pick_team(self.options, raw)
        if team is None:
            return Step([Note("pick.invalid", {"max": len(self.options)}, "warn")])
        return Step([Note("takeover.done", {"team": team}, "warn")], TakenOver(team=team),
                    close=True)

    def _team(self, state: SessionState, raw: str) -> Step:
        teams = state.teams
        team = pick_team(teams, raw)
        if team is None:
            return Step([Note("pick.invalid", {"max": len(teams)}, "warn")])
        if self.kind == "override" and team not in state.round.reflections:
            return Step([Note("override.none", {"team": team}, "warn")], close=True)
        self.values.append(team)
        return Step([])

    def _override(self, engine: Engine, team: str, raw: str) -> Step:
        pillars = engine.framework.pillars
        step = len(self.values)
        if step == 1:
            pillar = pillars[int(raw) - 1].id if raw.isdigit() and 1 <= int(raw) <= len(
                pillars) else (raw if raw in engine.framework.pillar_ids else None)
            if pillar is None:
                return Step([Note("pick.invalid", {"max": len(pillars)}, "warn")])
            self.values.append(pillar)
            return Step([])
        if step == 2:
            if raw not in ("0", "1", "2", "3"):
                return Step([Note("override.score.invalid", {}, "warn")])
            self.values.append(int(raw))
            return Step([])
        if not raw:
            return Step([Note("override.reason.empty", {}, "warn")])
        pillar, score = str(self.values[1]), int(str(self.values[2]))
        label = engine.framework.pillar(pillar).label
        done = Note("override.done", {"team": team, "pillar": label, "score": score,
                                      "reason": raw}, "ok")
        return Step([done], ScoreOverridden(team=team, pillar=pillar, score=score, reason=raw),
                    close=True)


def pick_team(teams: tuple[str, ...], raw: str) -> str | None:
    """The team typed as its number in ``teams`` (from 1) or as its name; None for anything else."""
    raw = raw.strip()
    if raw.isdigit() and 1 <= int(raw) <= len(teams):
        return teams[int(raw) - 1]
    return raw if raw in teams else None
