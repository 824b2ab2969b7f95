"""The session journal: one self-checking JSON line per event, synced before the screen moves on.

A line is the event's own JSON payload (whatever fields its type has) plus ``"v"`` (the format
version), ``"seq"`` (1, 2, 3, ... without gaps) and ``"crc"``: the CRC-32 of the canonical JSON of
everything else on the line (sorted keys, no spaces, ASCII). Reading verifies both: the first line
that fails stops the replay with the file, the line number and what is wrong. What the journal
promises is written down in docs/decisions.md ("The journal").

- A complete last line without its newline is a valid event; the next append adds the newline.
- Only a last line *without* a newline that fails to parse or to verify is a torn tail (a write
  cut off by a crash): it is skipped with a warning and moved to ``<journal>.torn`` on the next
  append. Any other bad line is damage: nothing is appended until ``casusspel repair``.
- Journals from before the checksum (format 1) still open, with one warning.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic_core import from_json

from casusspel.errors import CasusspelError
from casusspel.files import (
    PRIVATE_FILE,
    FileRefused,
    read_capped,
    sync_dir,
    write_all,
    write_private,
)
from casusspel.messages import Messages, os_reason
from casusspel.session.events import Event, EventFormatError, event_from_json

FORMAT_VERSION = 2
MAX_BYTES = 256_000_000  # ~500,000 events: far beyond any training day, and still fits in memory
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _msg(key: str, **values: object) -> str:
    return Messages()(key, **values)


class JournalError(CasusspelError):
    """A journal that cannot be read or written.

    ``line`` is the first bad line (0 when the problem is not one line), ``reason`` what is wrong
    with it; ``repairable`` says whether ``casusspel repair`` can keep everything before it.
    """

    def __init__(self, message: str, *, path: Path | None = None, line: int = 0,
                 reason: str = "", repairable: bool = False, empty: bool = False) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.reason = reason
        self.repairable = repairable
        self.empty = empty


def damaged(path: Path, line: int, reason: str) -> JournalError:
    return JournalError(_msg("journal.damaged", file=str(path), line=line, reason=reason),
                        path=path, line=line, reason=reason, repairable=True)


# -- one line ----------------------------------------------------------------------------------
# what json.dumps(body, sort_keys=True, separators=(",", ":")) does, without building an
# encoder for every line
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode
# ... and without making the C encoder anew for every line either (what ``encode`` does inside):
# the same encoder with the same settings, made once (a replay checks every line)
_c_canonical = json.encoder.c_make_encoder(  # type: ignore[attr-defined]
    None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None, ":", ",",
    True, False, True) if json.encoder.c_make_encoder is not None else None  # type: ignore[attr-defined]


def canonical(body: dict[str, Any]) -> str:
    """The canonical JSON of a line without its ``crc``: sorted keys, no spaces, ASCII."""
    return "".join(_c_canonical(body, 0)) if _c_canonical is not None else _canonical(body)


def checksum(body: dict[str, Any]) -> str:
    """CRC-32 (8 hex digits) of the canonical JSON of a line without its ``crc``."""
    return f"{zlib.crc32(canonical(body).encode('ascii')):08x}"


_CRC_TAIL = b',"crc":"'  # how a line written by ``encode_line`` ends: ,"crc":"<8 hex digits>"}


def _written_checksum(chunk: bytes) -> str | None:
    """The checksum of a line as ``encode_line`` writes an ASCII one, straight from its bytes:
    such a line *is* the canonical JSON of the rest, with the ``crc`` member added at the end,
    so the CRC of its bytes up to that member (and the closing brace) is the checksum; no need
    to encode the parsed line again. None for any other line (the checksum is then computed
    from the parsed line). Only an ASCII line is read this way: any damage to it changes the
    bytes the CRC is taken over, so every change of up to 32 bits is still found for certain.
    """
    if chunk[-18:-10] != _CRC_TAIL or not chunk.isascii():
        return None
    return f"{zlib.crc32(b'}', zlib.crc32(chunk[:-18])):08x}"


def _loads(text: str) -> Any:
    """``json.loads(text)``, read by pydantic-core's parser (about 1.5x as fast on a journal
    line). What that parser refuses, ``json.loads`` reads or says what is wrong with: it also
    takes a lone surrogate (``\\udcff``, which the journal writes for odd terminal input) and
    deeper nesting."""
    try:
        return from_json(text, allow_inf_nan=True, allow_partial=False)
    except ValueError:
        return json.loads(text)


def encode_line(payload: dict[str, Any]) -> bytes:
    """One journal line (with its newline) for an event payload that already carries ``seq``."""
    if "crc" in payload or "v" in payload:
        raise ValueError("an event field may not be called 'crc' or 'v'")
    body = {"v": FORMAT_VERSION, **payload}
    try:
        text = json.dumps(body, ensure_ascii=False)
        text.encode("utf-8")
        ascii_only = False
    except UnicodeEncodeError:  # a lone surrogate (from odd terminal input): escape it
        text, ascii_only = json.dumps(body), True
    parsed = json.loads(text)  # what a reader will see: the checksum is over exactly that
    exact = canonical(parsed)
    crc = f"{zlib.crc32(exact.encode('ascii')):08x}"
    # The line is the canonical JSON itself with the crc added at the end, so a reader checks
    # it from its bytes (``_written_checksum``); text with letters outside ASCII stays readable
    # in the same layout (and is checked from the parsed line).
    readable = exact if ascii_only else json.dumps(parsed, ensure_ascii=False, sort_keys=True,
                                                   separators=(",", ":"))
    layout = exact if readable.isascii() else readable  # (every ASCII line is the canonical one)
    return f'{layout[:-1]},"crc":"{crc}"}}\n'.encode()


class _BadLine(Exception):
    """Internal: a line that does not verify. ``torn``: it could be a write cut off by a crash."""

    def __init__(self, reason: str, *, torn: bool, newer: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.torn = torn
        self.newer = newer


@dataclass
class _Reader:
    expected: int = 1
    checked: bool = False  # a line with a checksum was seen: every later line needs one
    legacy: bool = False

    def verify(self, chunk: bytes) -> Event:
        try:
            payload = _loads(chunk.decode("utf-8"))
        except UnicodeDecodeError:
            raise _BadLine(_msg("journal.reason.utf8"), torn=True) from None
        except (ValueError, RecursionError):  # (nested thousands deep: never one we wrote)
            raise _BadLine(_msg("journal.reason.json"), torn=True) from None
        # (exact types: JSON gives exactly dict, int or bool, and a bool is no number here)
        if type(payload) is not dict:
            raise _BadLine(_msg("journal.reason.object"), torn=True)
        version = payload.get("v", 1)
        crc = payload.pop("crc", None)
        if crc is not None and crc != _written_checksum(chunk) and crc != checksum(payload):
            raise _BadLine(_msg("journal.reason.crc"), torn=True)
        if type(version) is not int or version < 1:
            raise _BadLine(_msg("journal.reason.version", value=version), torn=crc is None)
        if version > FORMAT_VERSION:
            raise _BadLine("", torn=False, newer=True)
        if crc is not None:
            self.checked = True
        elif self.checked or version >= 2:
            raise _BadLine(_msg("journal.reason.no_crc"), torn=True)
        else:
            self.legacy = True
        seq = payload.get("seq")
        if type(seq) is not int:
            raise _BadLine(_msg("journal.reason.seq_missing"), torn=False)
        if seq != self.expected:
            key = "journal.reason.seq_gap" if seq > self.expected else "journal.reason.seq_back"
            raise _BadLine(_msg(key, found=seq, expected=self.expected), torn=False)
        try:
            event = event_from_json(payload)
        except EventFormatError as exc:
            raise _BadLine(_msg(exc.key, **exc.values), torn=False) from None
        self.expected += 1
        return event


@dataclass
class JournalScan:
    """What reading a journal found, up to the first bad line.

    ``good_end`` is the byte offset just after the last good line (and its newline, if it has
    one); ``torn_line`` the number of a torn last line (0: none); ``damage`` the first bad line
    that is not a torn tail.
    """

    path: Path
    events: list[Event] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    legacy: bool = False
    good_end: int = 0
    torn_line: int = 0
    damage: JournalError | None = None
    #: good events (also when a sink took them instead of ``events``)
    count: int = 0
    #: bytes read, and the bytes of a torn last line (to move to ``.torn``)
    size: int = 0
    tail: bytes = b""
    #: the last good line has no newline (the next append adds it)
    open_end: bool = False

    @property
    def last_seq(self) -> int:
        return self.count


#: takes each good event with its line number (a replay that does not keep every event)
Sink = Callable[[Event, int], None]


def scan_bytes(raw: bytes, path: Path, sink: Sink | None = None) -> JournalScan:
    """Verify every line of a journal's bytes; never raises for damaged content.

    Good events are collected in ``events`` and ``lines``, or with ``sink`` handed to it one by
    one instead (what ``sink`` raises ends the scan)."""
    scan = JournalScan(path, size=len(raw))
    reader = _Reader()
    verify, events, lines = reader.verify, scan.events, scan.lines
    position = number = count = good_end = 0
    size = len(raw)
    while position < size:  # (locals in the loop: it runs once per line of a long journal)
        newline = raw.find(b"\n", position)
        end = following = size
        if newline >= 0:
            end, following = newline, newline + 1
        number += 1
        chunk = raw[position:end]
        if chunk and not chunk.isspace():  # (what chunk.strip() says, without a copy)
            try:
                event = verify(chunk)
            except _BadLine as bad:
                if bad.newer:
                    scan.damage = JournalError(_msg("journal.newer", file=str(path), line=number),
                                               path=path, line=number)
                elif newline < 0 and bad.torn:
                    scan.torn_line = number
                    scan.tail = raw[good_end:]
                    scan.warnings.append(_msg("journal.torn", line=number))
                else:
                    scan.damage = damaged(path, number, bad.reason)
                break
            if sink is None:
                events.append(event)
                lines.append(number)
            else:
                sink(event, number)
            count += 1
        good_end = position = following
    scan.good_end, scan.count = good_end, count
    scan.open_end = good_end > 0 and raw[good_end - 1:good_end] != b"\n"
    if reader.legacy:
        scan.legacy = True
        scan.warnings.insert(0, _msg("journal.legacy"))
    return scan


# -- files -------------------------------------------------------------------------------------
def read_bytes(path: Path) -> bytes:
    """The journal's bytes: a regular file (never a symlink), at most ``MAX_BYTES``."""
    try:
        return read_capped(path, MAX_BYTES, follow_symlinks=False)
    except FileRefused as refused:
        if refused.kind == "too_large":
            raise JournalError(_msg("journal.too_large", file=str(path),
                                    size=refused.size // 1_000_000,
                                    max=MAX_BYTES // 1_000_000), path=path) from None
        raise JournalError(_msg("journal.refused", file=str(path),
                                kind=_msg(f"file.kind.{refused.kind}")), path=path) from None
    except OSError as exc:
        raise JournalError(_msg("journal.unreadable", file=str(path),
                                error=os_reason(exc).said()), path=path) from None


def scan_journal(path: Path) -> JournalScan:
    return scan_bytes(read_bytes(path), path)


def read_verified(path: Path) -> JournalScan:
    """A journal with at least one event and no bad line (a torn tail is only a warning).

    Raises ``JournalError`` at the first bad line (with its number), or for an empty journal.
    """
    scan = scan_journal(path)
    if scan.damage is not None:
        raise scan.damage
    if not scan.events:
        raise empty_journal(path)
    return scan


def empty_journal(path: Path) -> JournalError:
    return JournalError(_msg("journal.empty", file=str(path)), path=path, empty=True)


def read_journal(path: Path) -> tuple[list[Event], list[str]]:
    """All events of a journal, and warnings (an old format, a torn last line skipped)."""
    scan = read_verified(path)
    return scan.events, scan.warnings


class Journal:
    """Append-only log of one session (one writer: the caller holds the session lock)."""

    def __init__(self, path: Path, next_seq: int = 1) -> None:
        self.path = path
        self.next_seq = next_seq
        self._size: int | None = None  # bytes known to be in the file; None: check first
        self._prefix = b""
        self._scanned: JournalScan | None = None

    @classmethod
    def after_scan(cls, path: Path, scan: JournalScan) -> Journal:
        """The journal of a session just read and verified (``scan``) by the process that holds
        its lock: the first append checks that the file still has the size it had then instead
        of reading and verifying all of it again."""
        journal = cls(path, scan.last_seq + 1)
        journal._scanned = scan
        return journal

    def append(self, event: Event) -> Event:
        """Write ``event`` durably (write + fsync) and return it with its sequence number.

        Raises ``JournalError`` (with ``event`` unsaved) when it could not be written: nothing
        of it is left in the journal then, so the same event can be tried again.
        """
        if self._size is None:
            self._prepare()
        stamped = replace(event, seq=self.next_seq)
        data = self._prefix + encode_line(stamped.to_json())
        self._write(data)
        self._prefix = b""
        self.next_seq += 1
        return stamped

    def _write(self, data: bytes) -> None:
        assert self._size is not None
        creating = self._size == 0 and self.next_seq == 1 and not _exists(self.path)
        flags = os.O_WRONLY | os.O_APPEND | _NOFOLLOW | _BINARY | (
            os.O_CREAT | os.O_EXCL if creating else 0)
        try:
            fd = os.open(self.path, flags, PRIVATE_FILE)
        except FileNotFoundError:
            raise self._not_saved(_msg("journal.gone", file=str(self.path))) from None
        except OSError as exc:
            raise self._not_saved(os_reason(exc).said()) from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size != self._size:
                raise JournalError(_msg("journal.changed", file=str(self.path)), path=self.path)
            try:
                write_all(fd, data)
                os.fsync(fd)
            except OSError as exc:
                self._take_back(fd)
                raise self._not_saved(os_reason(exc).said()) from None
        finally:
            os.close(fd)
        if creating:
            sync_dir(self.path.parent)
        self._size += len(data)

    def _take_back(self, fd: int) -> None:
        """Cut a half-written line off again, so a retry starts clean."""
        try:
            os.ftruncate(fd, self._size or 0)
        except OSError:
            self._size = None  # check the tail again before the next try

    def _not_saved(self, error: str) -> JournalError:
        return JournalError(_msg("journal.not_saved", file=str(self.path), error=error),
                            path=self.path)

    def _prepare(self) -> None:
        """Before the first append: check the file, move a torn tail away, add a missing newline."""
        if not _exists(self.path):
            if self.next_seq != 1:
                raise self._not_saved(_msg("journal.gone", file=str(self.path)))
            self._size = 0
            return
        scan, self._scanned = self._scanned, None
        if scan is None or _size_of(self.path) != scan.size:
            scan = scan_bytes(read_bytes(self.path), self.path)
        if scan.damage is not None:
            raise scan.damage
        if scan.last_seq + 1 != self.next_seq:
            raise JournalError(_msg("journal.changed", file=str(self.path)), path=self.path)
        if scan.torn_line:
            self._cut_torn(scan.tail, scan.good_end)
        self._size = scan.good_end
        self._prefix = b"\n" if scan.open_end else b""

    def _cut_torn(self, tail: bytes, keep: int) -> None:
        """Keep a torn last line in ``<journal>.torn`` and cut it off the journal."""
        try:
            torn = os.open(self.path.with_name(self.path.name + ".torn"),
                           os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _BINARY,
                           PRIVATE_FILE)
            try:
                write_all(torn, tail + b"\n")
                os.fsync(torn)
            finally:
                os.close(torn)
            fd = os.open(self.path, os.O_WRONLY | _NOFOLLOW | _BINARY)
            try:
                os.ftruncate(fd, keep)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise self._not_saved(os_reason(exc).said()) from None


def _size_of(path: Path) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return -1


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    return True


# -- repair ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Repair:
    """What ``cut_journal`` did: the backup of the original, and what was kept and cut off."""

    backup: Path
    first_removed_line: int
    removed_lines: int


def backup_name(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.bak-{stamp}")
    counter = 1
    while _exists(candidate):
        counter += 1
        candidate = path.with_name(f"{path.name}.bak-{stamp}-{counter}")
    return candidate


def cut_journal(path: Path, line: int, now: datetime) -> Repair:
    """Keep the lines before ``line`` (a backup of the whole original is written first).

    The cut is atomic: the journal is either the original or the kept part, never half.
    """
    raw = read_bytes(path)
    offset = 0
    for _ in range(line - 1):
        newline = raw.find(b"\n", offset)
        offset = len(raw) if newline < 0 else newline + 1
    kept = raw[:offset]
    if kept and not kept.endswith(b"\n"):
        kept += b"\n"
    backup = backup_name(path, now)
    write_private(backup, raw)
    write_private(path, kept)
    rest = raw[offset:]
    removed = rest.count(b"\n") + (1 if rest and not rest.endswith(b"\n") else 0)
    return Repair(backup, line, removed)
