"""Session folders: where they live, what they hold, and listing and opening them."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from casusspel.content.library import load_file, load_framework
from casusspel.content.model import Case, Framework
from casusspel.errors import CasusspelError, UsageError
from casusspel.session.engine import DONE, Engine, SessionState
from casusspel.session.events import Event, SessionStarted
from casusspel.session.journal import Journal, JournalError, read_journal

JOURNAL = "journal.jsonl"
CASES = "cases"
FRAMEWORK = "framework.yaml"


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
    import shlex

    if folder.parent.resolve() != sessions_dir().resolve():
        command += f" --session-dir {shlex.quote(str(folder.parent))}"
    return command


def resume_command(folder: Path) -> str:
    """The exact command that continues the session in ``folder``."""
    return continue_command(f"casusspel resume {folder.name}", folder)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_session_id(now: datetime) -> str:
    return f"{now:%Y-%m-%d-%H%M}-{secrets.token_hex(2)}"


def ensure_writable(folder: Path) -> None:
    """Fail now, with a clear message, if sessions cannot be saved here."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".schrijftest-{secrets.token_hex(3)}"
        with probe.open("wb") as handle:
            handle.write(b"x" * 65536)
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as exc:
        raise CasusspelError(
            f"Sessies kunnen niet worden opgeslagen in {folder}: {exc.strerror or exc}.\n"
            "Kies een andere map met --session-dir, of maak ruimte vrij. De sessie is niet "
            "gestart, er is niets verloren.") from None


@dataclass
class Session:
    folder: Path
    engine: Engine
    journal: Journal
    state: SessionState
    warnings: list[str]

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


def create_session(folder: Path, cases: list[tuple[Case, Path]], framework_path: Path,
                   framework: Framework, *, mode: str, teams: tuple[str, ...],
                   scoreboard: str, timer_seconds: int | None, lang: str,
                   version: str, now: datetime) -> Session:
    ensure_writable(folder)
    session_id = new_session_id(now)
    target = folder / session_id
    (target / CASES).mkdir(parents=True)
    for case, source in cases:
        shutil.copyfile(source, target / CASES / f"{case.id}.yaml")
    shutil.copyfile(framework_path, target / FRAMEWORK)
    started = SessionStarted(
        session_id=session_id, created=now.isoformat(timespec="seconds"), version=version,
        mode=mode, teams=teams, case_ids=tuple(c.id for c, _ in cases), scoreboard=scoreboard,
        timer_seconds=timer_seconds, lang=lang,
        case_hashes={c.id: digest(p) for c, p in cases}, framework_hash=digest(framework_path),
        sources={c.id: str(p.resolve()) for c, p in cases})
    engine = Engine({c.id: c for c, _ in cases}, framework)
    journal = Journal(target / JOURNAL)
    state = engine.start(journal.append(started))  # type: ignore[arg-type]
    return Session(target, engine, journal, state, [])


def open_session(folder: Path) -> Session:
    """Load a session with the case and framework copies recorded in its folder."""
    events, warnings = read_journal(folder / JOURNAL)
    first = events[0]
    if not isinstance(first, SessionStarted):
        raise JournalError(f"{folder / JOURNAL}:1: het logboek begint niet met een sessie")
    cases = {}
    for case_id in first.case_ids:
        loaded = load_file(folder / CASES / f"{case_id}.yaml")
        if loaded.case is None:
            raise CasusspelError(f"De opgeslagen casus {case_id} in {folder} is onleesbaar.")
        cases[case_id] = loaded.case
    framework = load_framework(folder / FRAMEWORK)
    engine = Engine(cases, framework)
    state = engine.replay(events)
    for case_id, source in first.sources.items():
        path = Path(source)
        if path.is_file() and digest(path) != first.case_hashes.get(case_id):
            warnings.append(f"De casus '{case_id}' is veranderd sinds het begin van de sessie; "
                            "we spelen verder met de versie van toen.")
    return Session(folder, engine, Journal(folder / JOURNAL, state.last_seq + 1), state, warnings)


@dataclass(frozen=True)
class SessionInfo:
    id: str
    folder: Path
    created: str
    case_ids: tuple[str, ...]
    teams: tuple[str, ...]
    mode: str
    case_index: int
    phase: str
    finished: bool
    problem: str = ""


def list_sessions(folder: Path) -> list[SessionInfo]:
    """All sessions in ``folder``, newest first; unreadable ones are listed with the problem."""
    infos: list[SessionInfo] = []
    if not folder.is_dir():
        return infos
    for path in sorted(folder.iterdir(), reverse=True):
        if not (path / JOURNAL).is_file():
            continue
        try:
            session = open_session(path)
        except CasusspelError as exc:
            infos.append(SessionInfo(path.name, path, "", (), (), "", 0, "", False, str(exc)))
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
        raise UsageError("Geef een sessie-id.")
    candidates = [p for p in folder.iterdir() if p.name.startswith(reference)] if (
        folder.is_dir()) else []
    exact = [p for p in candidates if p.name == reference]
    if exact:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise UsageError(f"Sessie '{reference}' niet gevonden in {folder}. "
                         "'casusspel sessions' toont alle sessies.")
    raise UsageError(f"'{reference}' past bij meer sessies: "
                     f"{', '.join(p.name for p in candidates)}")
