"""The session journal: one JSON line per event, flushed and fsynced before the screen moves on."""

from __future__ import annotations

import json
import os
from pathlib import Path

from casusspel.errors import CasusspelError
from casusspel.session.events import Event, EventFormatError, event_from_json

FORMAT_VERSION = 1


class JournalError(CasusspelError):
    """A journal that cannot be read: edited, corrupt, or from a newer casusspel."""


class Journal:
    """Append-only log of one session."""

    def __init__(self, path: Path, next_seq: int = 1) -> None:
        self.path = path
        self.next_seq = next_seq
        self._tail_checked = False

    def append(self, event: Event) -> Event:
        """Write ``event`` durably (flush + fsync) and return it with its sequence number."""
        from dataclasses import replace

        if not self._tail_checked and self.path.exists():
            try:  # a line torn by a crash must not get the next event glued onto it
                repair_torn_tail(self.path)
            except OSError as exc:
                raise JournalError(f"Kan niet opslaan in {self.path}: {exc.strerror or exc}. "
                                   "Er is niets verloren tot de vorige invoer.") from None
        self._tail_checked = True
        stamped = replace(event, seq=self.next_seq)
        line = json.dumps({"v": FORMAT_VERSION, **stamped.to_json()}, ensure_ascii=False)
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise JournalError(f"Kan niet opslaan in {self.path}: {exc.strerror or exc}. "
                               "Er is niets verloren tot de vorige invoer.") from None
        self.next_seq += 1
        return stamped


def repair_torn_tail(path: Path) -> bool:
    """Cut a half-written last line off before appending (kept in ``<journal>.torn``).

    Without this the next event would be glued to the torn line and the journal would get a
    corrupt line in the middle. Returns whether anything was cut.
    """
    raw = path.read_bytes()
    if not raw or raw.endswith(b"\n"):
        return False
    keep = raw.rfind(b"\n") + 1
    with path.with_name(path.name + ".torn").open("ab") as torn:
        torn.write(raw[keep:] + b"\n")
    with path.open("r+b") as handle:
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def read_journal(path: Path) -> tuple[list[Event], list[str]]:
    """All events of a journal, and warnings (a half-written last line is dropped with one)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise JournalError(f"Kan het logboek {path} niet lezen: {exc.strerror or exc}") from None
    lines = raw.split(b"\n")
    complete = raw.endswith(b"\n")
    events: list[Event] = []
    warnings: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        is_last = number == len(lines) or (number == len(lines) - 1 and complete)
        try:
            payload = json.loads(line.decode("utf-8"))
            if not isinstance(payload, dict):
                raise ValueError("geen object")
            if int(payload.get("v", 1)) > FORMAT_VERSION:
                raise JournalError(f"{path}:{number}: dit logboek is gemaakt met een nieuwere "
                                   "versie van casusspel; werk casusspel bij.")
            events.append(event_from_json(payload))
        except JournalError:
            raise
        except (ValueError, UnicodeDecodeError, EventFormatError) as exc:
            if is_last and not complete:
                warnings.append(f"De laatste regel van het logboek was half geschreven "
                                f"(regel {number}) en is overgeslagen; alles daarvoor is er nog.")
                continue
            raise JournalError(f"{path}:{number}: deze regel van het logboek is beschadigd of "
                               f"aangepast ({exc}). Herstel of verwijder de regel; alles "
                               "daarvoor is nog bruikbaar.") from None
    if not events:
        raise JournalError(f"{path}: het logboek is leeg.")
    return events, warnings
