"""What is asked (``Ask``) and reading what the room types: commands, numbers, letters, counts.

Pure functions shared by every front end. A problem comes back as a ``Note`` (a catalogue key
with parameters) that the front end shows in its own way; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from casusspel.content.model import Choice
from casusspel.messages import Messages
from casusspel.session.engine import Refusal

LETTERS = "ABCD"

COMMANDS = {
    "/help": "help", "/hulp": "help", "/?": "help",
    "/terug": "back", "/back": "back",
    "/overslaan": "skip", "/skip": "skip",
    "/pauze": "pause", "/pause": "pause",
    "/stop": "stop", "/quit": "stop",
    "/einde": "end", "/end": "end",
    "/overnemen": "takeover", "/takeover": "takeover",
}
#: what confirms a yes/no question (Enter alone, or anything else, is no)
YES = frozenset({"j", "ja", "y", "yes"})


@dataclass(frozen=True)
class Note:
    """Something to tell the room: a catalogue key with parameters, and how loud.

    ``level`` is one of info, ok, warn, error, alarm (the timer). Parameters may hold text typed
    by a team: a front end shows them literally; a tuple of names is said as a list ('A, B en
    C'). ``count``: the catalogue's plural form for that many (two teams 'hebben', not 'heeft').
    """

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    level: str = "info"
    count: int | None = None

    @classmethod
    def refused(cls, refusal: Refusal) -> Note:
        return cls(f"refusal.{refusal.code}", refusal.params, "warn")

    def text(self, msg: Messages) -> str:
        return msg.note(self.key, self.params, self.count)


def parse_command(raw: str) -> str | None:
    """The command a line holds ('help', 'back', ...), 'unknown' for another '/word', or None
    when the line is an answer."""
    word = raw.strip().lower()
    if not word.startswith("/"):
        return None
    return COMMANDS.get(word.split()[0], "unknown")


def parse_factors(raw: str, ids: Sequence[str]) -> tuple[str, ...] | Note:
    """'2 9 10', '2,9' or factor ids -> factor ids; a Note naming the parts not understood."""
    chosen, unknown = [], []
    for part in raw.replace(",", " ").replace(";", " ").split():
        if part.isdigit() and 1 <= int(part) <= len(ids):
            chosen.append(ids[int(part) - 1])
        elif part.lower() in ids:
            chosen.append(part.lower())
        else:
            unknown.append(part[:40])
    if unknown:  # every part that was not understood, so one retry is enough
        return Note("factors.invalid", {"value": ", ".join(dict.fromkeys(unknown[:5])),
                                        "max": len(ids)}, "warn")
    if not chosen:
        return Note("factors.empty", {}, "warn")
    return tuple(dict.fromkeys(chosen))


def parse_choice(raw: str, choices: Sequence[Choice]) -> str | Note:
    """'b', 'B.', '2' or a choice id -> the choice id."""
    value = raw.strip().upper().rstrip(".")
    if len(value) == 1 and value in LETTERS[:len(choices)]:
        return choices[LETTERS.index(value)].id
    if value.isdigit() and 1 <= int(value) <= len(choices):
        return choices[int(value) - 1].id
    ids = {c.id.upper(): c.id for c in choices}
    if value in ids:
        return ids[value]
    shown = LETTERS[:len(choices)]
    return Note("action.invalid", {"letters": ", ".join(shown[:-1]), "last": shown[-1:]}, "warn")


def parse_count(raw: str) -> int | Note:
    value = raw.strip()
    if value.isdigit() and len(value) <= 6:
        return int(value)
    return Note("votes.invalid", {}, "warn")


def letter_of(choices: Sequence[Choice], choice_id: str) -> str:
    """The letter the room sees for a choice ('-' when there is none)."""
    for letter, choice in zip(LETTERS, choices, strict=False):
        if choice.id == choice_id:
            return letter
    return choice_id or "-"


# What the front end asks for now (``Ask.kind``).
CONTINUE, FACTORS_ASK, CHOICE, REFLECTION_ASK = "continue", "factors", "choice", "reflection"
VOTES, MENU, DIALOG, FEEDBACK, PAUSED, FINISHED = (
    "votes", "menu", "dialog", "feedback", "paused", "finished")


@dataclass(frozen=True)
class Ask:
    """The question on screen: its kind, the catalogue key and parameters of the prompt, the team
    whose turn it is at the keyboard, and what a front end needs to draw around it."""

    kind: str
    phase: str
    key: str = ""
    params: Mapping[str, object] = field(default_factory=dict)
    team: str | None = None
    choices: tuple[Choice, ...] = ()
    letter: str = ""
    draft: str = ""
    pending: tuple[str, ...] = ()
    answered: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    #: solo feedback: the phase and team whose answer is shown
    feedback: tuple[str, str] | None = None
    #: teams with a phone connected now (the projector shows a phone icon)
    phones: tuple[str, ...] = ()
    #: the team asked at the keyboard answers on its phone: the keyboard shows nothing of its
    #: text and hands nothing in until the trainer takes over (/overnemen, F7)
    remote: bool = False
    #: the trainer took the asked team's answer over from its phone (the entry holds its draft)
    taken: bool = False
    #: teams still busy that have a draft (the projector says "schrijft…", never the text)
    drafting: tuple[str, ...] = ()


# What a phone can do now (``TeamTurn.kind``): answer, or watch the projector.
WATCH = "watch"


@dataclass(frozen=True)
class TeamTurn:
    """What one team's phone shows now: the step, what the team may answer (``kind`` is
    factors, choice, reflection, watch, paused (nothing to answer and a pause) or finished),
    its own answer so far, whether the trainer skipped it, whether the session is paused, and
    the seconds left on the step's clock (with fractions)."""

    kind: str
    phase: str
    case_index: int
    team: str
    choices: tuple[Choice, ...] = ()
    answer: object = None
    draft: str = ""
    skipped: bool = False
    seconds_left: float | None = None
    timer_paused: bool = False
    #: the session is paused: the phone keeps its question (typing goes on, drafts are kept)
    #: and hands nothing in until the trainer goes on
    paused: bool = False
    #: the trainer answers for the team on the laptop in this step (/overnemen)
    taken: bool = False
    #: factors ticked on the team's phones, not handed in (None: nobody ticked in this step)
    ticks: tuple[str, ...] | None = None
