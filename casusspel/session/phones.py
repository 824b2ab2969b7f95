"""The room's phones: a short room code and one token per team, kept in the session folder.

A team's phones share one token (a second phone of the same team, or the same phone after its
battery died, gets the same one), so nothing about a participant is stored: no names, no
accounts, no device ids. The file (``telefoons.json``, 0600 in the 0700 session folder) is
written atomically and read back on ``resume --phones``, so phones that still hold their cookie
come back without typing the code again. Tokens are credentials, not game state: they never go
into the journal or a report.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from casusspel.errors import CasusspelError
from casusspel.messages import Messages, os_reason

if TYPE_CHECKING:
    from casusspel.session.controller import Controller

ROOM_FILE = "telefoons.json"
#: no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B: nothing two people read differently off a projector
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 5


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(typed: str) -> str:
    """What a person typed as the room code, the way the room code is written (case, spaces and
    dashes do not matter)."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


@dataclass
class Room:
    """The room code, the page's CSRF token, one token per team, and the port phones use."""

    path: Path
    code: str
    csrf: str
    tokens: dict[str, str] = field(default_factory=dict)
    port: int | None = None
    #: the --host the page was started with (None: the laptop's own address)
    host: str | None = None
    #: the teams that can join (not saved: the session or programme says which)
    teams: tuple[str, ...] = ()
    #: phones of several teams join at once (from the server's threads): one writer at a time
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def code_matches(self, typed: str) -> bool:
        return hmac.compare_digest(normal_code(typed).encode(), self.code.encode())

    def token_for(self, team: str) -> str:
        """The team's token (made and saved the first time a phone of the team joins)."""
        with self.lock:
            if team not in self.tokens:
                self.tokens[team] = secrets.token_urlsafe(32)
                self._save()
            return self.tokens[team]

    def team_of(self, token: str | None) -> str | None:
        """The team a token belongs to (compared in constant time), or None."""
        if not token:
            return None
        found = None
        for team, known in self.tokens.items():
            if hmac.compare_digest(known.encode(), token.encode()):
                found = team
        return found

    def remember_port(self, port: int, host: str | None = None) -> None:
        """The port (and ``--host``) the page listens on: the resume hint repeats them."""
        with self.lock:
            if (port, host) != (self.port, self.host):
                self.port, self.host = port, host
                self._save()

    def save(self) -> None:
        with self.lock:
            self._save()

    def _save(self) -> None:
        payload = {"code": self.code, "csrf": self.csrf, "tokens": self.tokens,
                   "port": self.port, "host": self.host}
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            raise CasusspelError(Messages()("phones.save_failed", path=self.path,
                                            reason=os_reason(exc).said())) from None


#: what reading a room file that is there but broken raises
UNREADABLE = (OSError, ValueError, KeyError, TypeError, AttributeError)


def _read_room(path: Path) -> Room:
    """The room saved in ``path``; FileNotFoundError when there is none, one of
    ``UNREADABLE`` when it cannot be read."""
    data = json.loads(path.read_text(encoding="utf-8"))
    port, host = data.get("port"), data.get("host")
    return Room(path, str(data["code"]), str(data["csrf"]),
                {str(k): str(v) for k, v in data["tokens"].items()},
                port if isinstance(port, int) and 0 < port < 65536 else None,
                host if isinstance(host, str) and host else None)


def open_room(folder: Path, teams: tuple[str, ...]) -> Room:
    """The room of a session (or programme) folder for ``teams``: read back, or made new and
    saved."""
    path = folder / ROOM_FILE
    try:
        room = _read_room(path)
    except UNREADABLE:
        # none yet, or unreadable: a fresh room (phones join again with the new code; no
        # answer is lost)
        room = Room(path, new_code(), secrets.token_urlsafe(24))
        room.save()
    room.teams = teams
    return room


def phones_used(folder: Path) -> tuple[bool, int | None, str | None]:
    """Whether the session in ``folder`` was played with phones, and the port and ``--host``
    they used (from its room file; nothing is written)."""
    try:
        room = _read_room(folder / ROOM_FILE)
    except FileNotFoundError:
        return False, None, None
    except UNREADABLE:  # unreadable: --phones makes a new room
        return True, None, None
    return True, room.port, room.host


class PhonePage(Protocol):
    """A running phone page (``casusspel.web.server.PhoneServer``), as the terminal sees it:
    where phones go, which session it serves, and stopping it. The terminal never imports the
    web package; the command line hands it the page."""

    url: str
    warning: str

    @property
    def code(self) -> str: ...

    @property
    def join_url(self) -> str: ...

    def attach(self, controller: Controller | None) -> None: ...

    def stop(self) -> None: ...
