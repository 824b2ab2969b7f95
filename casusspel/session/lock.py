"""One writer per session: an operating-system lock on ``sessie.lock`` in the session folder.

The lock itself is ``filelock`` (``flock`` on Linux and macOS, ``LockFileEx`` on Windows): the
operating system releases it when the process ends in any way, ``kill -9`` and a power cut
included, so a lock left by a dead process is simply free and is taken over without guessing.
Who holds it (process id, host, since when) is written next to it in ``sessie.lock.json``, only
to tell the second trainer who to ask.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from casusspel.errors import CasusspelError
from casusspel.files import PRIVATE_FILE, FileRefused, read_capped, write_private
from casusspel.messages import Messages, os_reason

LOCK_FILE = "sessie.lock"
OWNER_FILE = "sessie.lock.json"


@dataclass(frozen=True)
class Owner:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return Messages()("lock.owner", pid=self.pid, host=self.host,
                          since=self.since.replace("T", " "))


class SessionLocked(CasusspelError):
    """Another process writes this session; ``owner`` says who, when it is known."""

    def __init__(self, message: str, owner: Owner | None) -> None:
        super().__init__(message)
        self.owner = owner


def read_owner(folder: Path) -> Owner | None:
    try:
        data: Any = json.loads(read_capped(folder / OWNER_FILE, 4096, follow_symlinks=False))
        return Owner(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, FileRefused, ValueError, KeyError, TypeError):
        return None


class SessionLock:
    """``acquire`` or raise ``SessionLocked``; ``release`` (also done by the OS at exit)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken_over: Owner | None = None  # the owner of a lock whose process had ended
        self._lock: Any = None

    def acquire(self) -> None:
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.folder / LOCK_FILE), timeout=0, mode=PRIVATE_FILE)
        msg = Messages()
        try:
            lock.acquire()
        except Timeout:
            owner = read_owner(self.folder)
            who = owner.describe() if owner else msg("lock.owner.unknown")
            raise SessionLocked(msg("lock.held", folder=self.folder.name, owner=who),
                                owner) from None
        except OSError as exc:
            raise CasusspelError(msg("lock.failed", folder=str(self.folder),
                                     error=os_reason(exc).said())) from None
        self._lock = lock
        previous = read_owner(self.folder)
        if previous is not None and (previous.pid, previous.host) != (os.getpid(), host()):
            self.taken_over = previous
        me = {"pid": os.getpid(), "host": host(),
              "since": datetime.now().isoformat(timespec="seconds"),
              "command": " ".join(os.path.basename(a) for a in sys.argv[:2])}
        try:
            write_private(self.folder / OWNER_FILE, json.dumps(me).encode("utf-8"))
        except OSError:
            pass  # the lock holds without it; only the message for a second trainer is poorer

    def release(self) -> None:
        if self._lock is None:
            return
        try:
            (self.folder / OWNER_FILE).unlink()
        except OSError:
            pass
        self._lock.release()
        self._lock = None


def host() -> str:
    return socket.gethostname() or "?"
