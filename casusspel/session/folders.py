"""Session folders: where they live, what they hold, and creating, listing, opening and repairing
them.

A session folder is private (0700, its files 0600 on POSIX), holds no symlinks, is created
atomically (built under a temporary name, renamed when complete) and is written by one process at
a time (``SessionLock``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import secrets
import shutil
import stat
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from casusspel import __version__
from casusspel.content.library import load_file, load_framework
from casusspel.content.loader import MAX_BYTES as MAX_CONTENT_BYTES
from casusspel.content.model import Case, Framework
from casusspel.errors import CasusspelError, UsageError
from casusspel.files import (
    PRIVATE_DIR,
    PRIVATE_FILE,
    FileRefused,
    read_capped,
    read_head,
    sync_dir,
    tighten,
    write_private,
)
from casusspel.messages import Messages, os_reason
from casusspel.session.engine import DONE, Engine, EngineError, SessionState
from casusspel.session.events import Event, SessionStarted
from casusspel.session.journal import (
    Journal,
    JournalError,
    Repair,
    cut_journal,
    damaged,
    empty_journal,
    read_bytes,
    read_journal,
    scan_bytes,
)
from casusspel.session.lock import LOCK_FILE, OWNER_FILE, SessionLock
from casusspel.session.options import Mode, SessionOptions

JOURNAL = "journal.jsonl"
PROGRAMME_JOURNAL = "programma.jsonl"
CASES = "cases"
FRAMEWORK = "framework.yaml"
STAGING = ".nieuw-"  # a session folder under construction; never listed
FIRST_LINE = 1 << 16  # bytes: far more than a session's first event holds


def sessions_dir(explicit: Path | None = None) -> Path:
    """``--session-dir``, else $CASUSSPEL_DATA_DIR/sessions, else the user data folder."""
    if explicit is not None:
        return explicit
    env = os.environ.get("CASUSSPEL_DATA_DIR")
    if env:
        return Path(env) / "sessions"
    import platformdirs

    return Path(platformdirs.user_data_dir("casusspel", appauthor=False)) / "sessions"


def continue_command(command: str, folder: Path) -> str:
    """``command`` with ``--session-dir`` added when ``folder`` is not in the default place."""
    from casusspel.commandline import quote

    if folder.parent.resolve() != sessions_dir().resolve():
        command += f" --session-dir {quote(folder.parent)}"
    return command


def resume_command(folder: Path) -> str:
    """The exact command that continues the session in ``folder``: with ``--phones`` and the
    port the phones know when the session was played with phones (they come back by
    themselves at the same address)."""
    command = f"casusspel resume {folder.name}"
    from casusspel.session.phones import phones_used

    used, port, host = phones_used(folder)
    if used:
        from casusspel.commandline import quote

        command += " --phones" + (f" --host {quote(host)}" if host else "") + (
            f" --port {port}" if port else "")
    return continue_command(command, folder)


def repair_command(folder: Path) -> str:
    """The exact command that repairs the session in ``folder``."""
    return continue_command(f"casusspel repair {folder.name}", folder)


def new_session_id(now: datetime) -> str:
    return f"{now:%Y-%m-%d-%H%M}-{secrets.token_hex(2)}"


def ensure_writable(folder: Path) -> None:
    """Fail now, with a clear message, if sessions cannot be saved here."""
    try:
        if not folder.exists():
            folder.mkdir(mode=PRIVATE_DIR, parents=True)
        probe = folder / f".schrijftest-{secrets.token_hex(3)}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        try:
            os.write(fd, b"x" * 65536)
            os.fsync(fd)
        finally:
            os.close(fd)
            probe.unlink()
    except OSError as exc:
        raise CasusspelError(Messages()("session.not_writable", folder=folder,
                                        reason=os_reason(exc).said())) from None


@dataclass
class Session:
    folder: Path
    engine: Engine
    journal: Journal
    state: SessionState
    warnings: list[str]
    lock: SessionLock | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.folder.name

    def saved_at(self) -> datetime:
        """When the journal was last written (local time, like the session's clock): after a
        crash, the last moment the session is known to have been alive."""
        return datetime.fromtimestamp((self.folder / JOURNAL).stat().st_mtime)

    def record(self, event: Event) -> SessionState:
        """Check, write durably, then apply: nothing reaches the screen before it is saved."""
        self.engine.ensure_allowed(self.state, event)
        stamped = self.journal.append(event)
        self.state = self.engine.apply(self.state, stamped)
        return self.state

    def close(self) -> None:
        """Let another process write this session (the OS does this too when we exit)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


# -- creating ------------------------------------------------------------------------------------
def _content_bytes(path: Path) -> bytes:
    try:
        return read_capped(path, MAX_CONTENT_BYTES)
    except FileRefused as refused:
        msg = Messages()
        raise CasusspelError(msg("session.copy_refused", path=path,
                                 kind=msg(f"file.kind.{refused.kind}"))) from None


def create_session(folder: Path, cases: list[tuple[Case, Path]], framework_path: Path,
                   framework: Framework, options: SessionOptions, *, now: datetime) -> Session:
    """A new session folder, complete or not at all; the caller holds its lock (``close``)."""
    if not cases:
        raise UsageError(Messages()("session.no_cases"))
    ensure_writable(folder)
    session_id = new_session_id(now)

    def build(staging: Path) -> SessionStarted:
        return _build(staging, cases, framework_path, session_id, options, now)

    started = build_atomically(folder / session_id, build)
    target = folder / session_id
    lock = SessionLock(target)
    lock.acquire()
    engine = Engine({c.id: c for c, _ in cases}, framework)
    state = engine.start(started)
    return Session(target, engine, Journal(target / JOURNAL, 2), state, [], lock)


T = TypeVar("T")


def build_atomically(target: Path, build: Callable[[Path], T]) -> T:
    """Fill a private temporary folder with ``build``, then rename it to ``target``: the folder
    is there complete or not at all (disk full, Ctrl-C), and nothing half is left behind."""
    staging = target.with_name(f"{STAGING}{target.name}-{secrets.token_hex(3)}")
    try:
        staging.mkdir(mode=PRIVATE_DIR)
        tighten(staging, PRIVATE_DIR)
        result = build(staging)
        os.rename(staging, target)
        sync_dir(target.parent)
    except (OSError, JournalError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        error = os_reason(exc).said() if isinstance(exc, OSError) else str(exc)
        raise CasusspelError(Messages()("session.create_failed", folder=str(target.parent),
                                        error=error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result


def _build(staging: Path, cases: list[tuple[Case, Path]], framework_path: Path, session_id: str,
           options: SessionOptions, now: datetime) -> SessionStarted:
    """Everything of a new session under its temporary name; returns the stamped first event."""
    (staging / CASES).mkdir(mode=PRIVATE_DIR)
    tighten(staging / CASES, PRIVATE_DIR)
    hashes = {}
    for case, source in cases:
        if case.id in hashes:  # a deck may play a case more than once: one copy
            continue
        data = _content_bytes(source)
        write_private(staging / CASES / f"{case.id}.yaml", data)
        hashes[case.id] = hashlib.sha256(data).hexdigest()
    framework_data = _content_bytes(framework_path)
    write_private(staging / FRAMEWORK, framework_data)
    resolved: dict[Path, str] = {}  # each file resolved once: a long day repeats the deck
    for _, source in cases:
        if source not in resolved:
            resolved[source] = str(source.resolve())
    started = SessionStarted(
        session_id=session_id, created=now.isoformat(timespec="seconds"), version=__version__,
        mode=options.mode, teams=options.teams, case_ids=tuple(c.id for c, _ in cases),
        scoreboard=options.scoreboard, timer_seconds=options.timer_seconds, lang=options.lang,
        case_hashes=hashes, framework_hash=hashlib.sha256(framework_data).hexdigest(),
        framework_source=str(framework_path.resolve()),
        sources={c.id: resolved[p] for c, p in cases})
    stamped = Journal(staging / JOURNAL).append(started)
    assert isinstance(stamped, SessionStarted)
    return stamped


# -- opening -------------------------------------------------------------------------------------
def _no_link(path: Path) -> None:
    """Refuse a symlink (or anything but a regular file) inside a session folder."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return  # the reader says what is missing
    except OSError:
        return
    if stat.S_ISLNK(mode):
        raise CasusspelError(Messages()("session.symlink", path=str(path)))


def open_session(folder: Path, *, write: bool = False) -> Session:
    """Load a session with the case and framework copies recorded in its folder.

    With ``write`` the session lock is taken first (``SessionLocked`` when another process
    holds it) and the folder is made private; call ``close`` when done.
    """
    _no_link(folder)
    lock = None
    if write:
        lock = SessionLock(folder)
        lock.acquire()
        _make_private(folder)
    try:
        session = _load(folder, locked=lock is not None)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    session.lock = lock
    if lock is not None and lock.taken_over is not None:
        session.warnings.append(Messages()("lock.taken_over",
                                           owner=lock.taken_over.describe()))
    return session


def _load(folder: Path, locked: bool = False) -> Session:
    """Read, verify and replay the journal line by line (the events are not all kept)."""
    journal_path = folder / JOURNAL
    try:
        with _Replay(folder, journal_path) as replay:
            scan = scan_bytes(read_bytes(journal_path), journal_path, replay)
        if scan.damage is not None:
            raise scan.damage
        if replay.state is None:
            raise empty_journal(journal_path)
    except JournalError as exc:
        if not (exc.repairable and exc.line > 1):
            raise
        hint = Messages()("session.repair_hint", command=repair_command(folder))
        raise JournalError(f"{exc}\n{hint}", path=exc.path, line=exc.line, reason=exc.reason,
                           repairable=True) from None
    state, engine = replay.state, replay.engine
    assert engine is not None
    journal = (Journal.after_scan(journal_path, scan) if locked
               else Journal(journal_path, state.last_seq + 1))
    return Session(folder, engine, journal, state,
                   scan.warnings + _changed_sources(state.started))


class _Replay:
    """Replays a journal as it is read: the first event makes the engine (from the case and
    framework copies in the folder), each later one is applied; an event the rules refuse is
    damage at its line."""

    def __init__(self, folder: Path, path: Path) -> None:
        self.folder, self.path = folder, path
        self.engine: Engine | None = None
        self.state: SessionState | None = None
        self._replaying = ExitStack()  # the engine changes the state in place until the end

    def __enter__(self) -> _Replay:
        # The cyclic garbage collector pauses meanwhile, and what the replay made is then left
        # out of its later passes (``gc.freeze``): a replay makes objects that live as long as
        # the session and no cycles, so passes over them would find nothing (about 4% of
        # opening a long session). Objects still die as soon as nothing refers to them.
        if gc.isenabled():
            gc.disable()
            self._replaying.callback(gc.enable)
            self._replaying.callback(gc.freeze)
        return self

    def __exit__(self, *exc: object) -> None:
        self._replaying.close()

    def __call__(self, event: Event, line: int) -> None:
        try:
            if self.engine is None or self.state is None:
                if not isinstance(event, SessionStarted):
                    raise damaged(self.path, line, Messages()("session.no_start"))
                self.engine = Engine(_saved_cases(self.folder, event),
                                     _saved_framework(self.folder))
                self.state = self.engine.start(event)
                self._replaying.enter_context(self.engine.replaying())
            else:
                self.state = self.engine.apply(self.state, event)
        except EngineError as exc:
            raise damaged(self.path, line, Messages()("journal.reason.refused",
                                                      detail=str(exc))) from None


def _saved_cases(folder: Path, first: SessionStarted) -> dict[str, Case]:
    cases = {}
    _no_link(folder / CASES)
    for case_id in dict.fromkeys(first.case_ids):  # each distinct case once (a deck may repeat)
        path = folder / CASES / f"{case_id}.yaml"
        _no_link(path)
        loaded = load_file(path)
        if loaded.case is None:
            problem = next((p.format() for p in loaded.problems if p.severity == "error"), "")
            raise CasusspelError(Messages()("session.saved_case_unreadable", case=case_id,
                                            folder=folder, problem=problem).strip())
        cases[case_id] = loaded.case
    return cases


def _saved_framework(folder: Path) -> Framework:
    _no_link(folder / FRAMEWORK)
    return load_framework(folder / FRAMEWORK)


def session_language(folder: Path) -> str | None:
    """The language a session was started in, from the first line of its journal (read only to
    choose the language of the screen before the session is opened; None when it cannot be
    read: opening it says why)."""
    try:
        first = json.loads(read_head(folder / JOURNAL, FIRST_LINE).partition(b"\n")[0])
    except (OSError, ValueError, RecursionError, FileRefused):
        return None
    lang = first.get("lang") if isinstance(first, dict) else None
    return lang if isinstance(lang, str) else None


def _changed_sources(first: SessionStarted) -> list[str]:
    warnings = []
    for case_id, source in first.sources.items():
        try:
            data = read_capped(Path(source), MAX_CONTENT_BYTES)
        except (OSError, FileRefused):
            continue
        if hashlib.sha256(data).hexdigest() != first.case_hashes.get(case_id):
            warnings.append(Messages()("session.case_changed", case=case_id))
    if first.framework_source and first.framework_hash:  # sessions from before 0.2 have none
        try:
            data = read_capped(Path(first.framework_source), MAX_CONTENT_BYTES)
        except (OSError, FileRefused):
            return warnings  # gone or unreadable: the copy in the folder is what counts
        if hashlib.sha256(data).hexdigest() != first.framework_hash:
            warnings.append(Messages()("session.framework_changed",
                                       path=first.framework_source))
    return warnings


def _make_private(folder: Path) -> None:
    """Tighten an older session folder to 0700/0600 (only our own files, never via a link)."""
    tighten(folder, PRIVATE_DIR)
    tighten(folder / CASES, PRIVATE_DIR)
    for name in (JOURNAL, FRAMEWORK, LOCK_FILE, OWNER_FILE, "verslag.md", "verslag.html"):
        tighten(folder / name, PRIVATE_FILE)
    try:
        entries = list((folder / CASES).iterdir())
    except OSError:
        entries = []
    for entry in entries:
        tighten(entry, PRIVATE_FILE)


# -- listing -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionInfo:
    id: str
    folder: Path
    created: str
    case_ids: tuple[str, ...]
    teams: tuple[str, ...]
    mode: Mode | None  # None: the session could not be read (see ``problem``)
    case_index: int
    phase: str
    finished: bool
    problem: str = ""


def _has_journal(folder: Path) -> bool:
    try:
        os.lstat(folder / JOURNAL)
    except OSError:
        return False
    return True


def list_sessions(folder: Path) -> list[SessionInfo]:
    """All sessions in ``folder``, newest first; unreadable ones are listed with the problem."""
    infos: list[SessionInfo] = []
    if not folder.is_dir():
        return infos
    for path in sorted(folder.iterdir(), reverse=True):
        if path.name.startswith(STAGING) or not _has_journal(path):
            continue
        try:
            session = open_session(path)
        except CasusspelError as exc:
            problem = str(exc)
            if isinstance(exc, JournalError) and exc.repairable and exc.line > 1:
                problem = Messages()("sessions.damaged", line=exc.line, reason=exc.reason,
                                     command=repair_command(path))
            infos.append(SessionInfo(path.name, path, "", (), (), None, 0, "", False, problem))
            continue
        state = session.state
        started = state.started
        infos.append(SessionInfo(path.name, path, started.created, started.case_ids,
                                 started.teams, started.mode, state.case_index, state.phase,
                                 state.finished or state.phase == DONE))
    return infos


def find_session(folder: Path, reference: str | None) -> Path:
    """A session folder by id or unique prefix."""
    if reference is None:
        raise UsageError(Messages()("session.id_missing"))
    candidates = [p for p in folder.iterdir() if p.name.startswith(reference)
                  and not p.name.startswith(STAGING)] if folder.is_dir() else []
    exact = [p for p in candidates if p.name == reference]
    if exact:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UsageError(Messages()("session.not_found", reference=reference, folder=folder))
    raise UsageError(Messages()("session.ambiguous", reference=reference,
                                matches=", ".join(p.name for p in candidates)))


# -- files written with -o ---------------------------------------------------------------------
def session_folder_of(path: Path) -> Path | None:
    """The session (or programme run) folder that ``path`` lies in, links resolved; or None."""
    real = Path(os.path.realpath(path))
    for parent in real.parents:
        if _has_journal(parent) or (parent / PROGRAMME_JOURNAL).exists():
            return parent
    return None


def check_output(path: Path) -> None:
    """Refuse to overwrite anything inside a session folder (``report -o``, ``new -o``, ...):
    the journal and the copies there are what the session is made of."""
    if not (path.exists() or path.is_symlink()):
        return
    folder = session_folder_of(path)
    if folder is not None:
        raise UsageError(Messages()("output.in_session", path=str(path), folder=str(folder)))


# -- repairing -----------------------------------------------------------------------------------
def journal_of(folder: Path) -> Path:
    """The journal of a session folder, or of a programme run folder."""
    if not _has_journal(folder) and (folder / PROGRAMME_JOURNAL).exists():
        return folder / PROGRAMME_JOURNAL
    return folder / JOURNAL


def find_damage(folder: Path) -> JournalError | None:
    """The first bad line of a session (or programme run), or None when it opens cleanly."""
    path = journal_of(folder)
    try:
        if path.name == JOURNAL:
            _load(folder)
        else:
            read_journal(path)
    except JournalError as exc:
        if exc.repairable:
            return exc
        raise
    return None


def repair_session(folder: Path, line: int, now: datetime) -> Repair:
    """Keep the lines before ``line`` of the folder's journal (with a backup), under the lock."""
    lock = SessionLock(folder)
    lock.acquire()
    try:
        current = find_damage(folder)
        if current is None or current.line != line:
            raise CasusspelError(Messages()("repair.changed"))
        return cut_journal(journal_of(folder), line, now)
    finally:
        lock.release()
