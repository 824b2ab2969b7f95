"""How a session is played, chosen once when it starts: mode, teams, scoreboard, timer, language.

``Mode`` and ``Scoreboard`` are string enums: their values are the words in journals, programme
files, JSON reports and on the command line (``group``, ``hidden``, ...), so every session ever
saved opens as it was, and a member compares equal to its word. ``team_names`` is the one set of
rules for team names, wherever they come from: ``--teams``, a programme file or the prompt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from casusspel.content.literal import clean
from casusspel.errors import UsageError
from casusspel.messages import Messages
from casusspel.scoring.framework import KeyedValueError


class _Word(str, Enum):
    """An enum whose members are their own words (``StrEnum`` arrived in Python 3.11)."""

    def __str__(self) -> str:
        return str(self.value)


class Mode(_Word):
    GROUP = "group"  # teams in the room, each answers every step
    SOLO = "solo"  # one player, feedback after every step
    PLENARY = "plenary"  # no teams: the trainer counts a show of hands

    @property
    def has_teams(self) -> bool:
        return self is not Mode.PLENARY


class Scoreboard(_Word):
    COMPETITIVE = "competitive"  # totals per team
    COOPERATIVE = "cooperative"  # the room's profile
    HIDDEN = "hidden"  # none between the rounds


@dataclass(frozen=True)
class SessionOptions:
    """Everything a new session is started with besides its cases and framework."""

    mode: Mode = Mode.GROUP
    teams: tuple[str, ...] = ()
    scoreboard: Scoreboard = Scoreboard.COMPETITIVE
    timer_seconds: int | None = None
    lang: str = "nl"

    def __post_init__(self) -> None:
        # a caller may pass the words ('plenary'); the options always hold the members
        object.__setattr__(self, "mode", Mode(self.mode))
        object.__setattr__(self, "scoreboard", Scoreboard(self.scoreboard))


def final_scoreboard(mode: Mode, scoreboard: Scoreboard) -> bool:
    """Whether the end of a session shows the scoreboard: not when it is hidden, not to one
    player."""
    return scoreboard is not Scoreboard.HIDDEN and mode is not Mode.SOLO


# -- team names ----------------------------------------------------------------------------------
MAX_TEAMS = 20  # a training has at most 20 participants
MAX_TEAM_NAME = 40  # characters: a name fits a team's panel and a phone's button


class TeamNamesError(UsageError, KeyedValueError):
    """Team names that break a rule (a usage error on the command line, a value error in a
    programme file); the message says which rule and what to do, in the run's language.
    ``key`` and ``values`` name the text (``KeyedValueError``), so that validate says it in the
    language of the run that shows it."""

    def __init__(self, key: str, **values: object) -> None:
        KeyedValueError.__init__(self, key, Messages()(key, **values), **values)


def team_names(names: Iterable[str]) -> tuple[str, ...]:
    """Team names by the one set of rules: spaces trimmed and runs of white space made one
    space, empty names left out, a name given twice (also in other capitals) kept once, the
    first time; nothing ``literal.clean`` would change (an escape code would move a panel, a
    direction mark hide text on the projector); at most ``MAX_TEAMS`` names of at most
    ``MAX_TEAM_NAME`` characters (``TeamNamesError`` otherwise)."""
    kept: dict[str, str] = {}
    for raw in names:
        name = " ".join(raw.split())
        shown = clean(name)  # what the projector could show of it
        if shown != name:
            raise TeamNamesError("teams.control", name=shown[:MAX_TEAM_NAME])
        if len(name) > MAX_TEAM_NAME:
            raise TeamNamesError("teams.too_long", name=name[:MAX_TEAM_NAME] + "…",
                                 max=MAX_TEAM_NAME)
        if name:
            kept.setdefault(name.casefold(), name)
    if len(kept) > MAX_TEAMS:
        raise TeamNamesError("teams.too_many", n=len(kept), max=MAX_TEAMS)
    return tuple(kept.values())


def parse_teams(text: str) -> tuple[str, ...]:
    """Team names typed on one line (``--teams``, the prompt), separated by commas."""
    return team_names(text.split(","))


def teams_for(mode: Mode, given: tuple[str, ...], solo_name: str) -> tuple[str, ...]:
    """The teams a session in ``mode`` plays with: none in plenary mode (the room votes), one
    in solo mode (the first name given, else ``solo_name``), else all names given (none: the
    front end asks for them)."""
    if mode is Mode.PLENARY:
        return ()
    if mode is Mode.SOLO:
        return given[:1] or (solo_name,)
    return given
