"""Reading and writing files safely: regular files only, a size cap before reading, private modes.

Every file casusspel reads (cases, frameworks, programmes, journals, learning questions) goes
through ``read_capped``: a FIFO, device or socket is refused before it is opened (a FIFO would
block for ever, ``/dev/zero`` never ends), and no read takes more than its cap, even when the
file grows or is swapped between the check and the read. Files that hold what a room entered are
written with ``write_private``: owner-only (0600 in 0700 folders on POSIX), atomically.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class FileRefused(Exception):
    """A path that is not read: ``kind`` is 'directory', 'fifo', 'device', 'socket', 'symlink',
    'other' or 'too_large' (then ``size`` is the size in bytes)."""

    def __init__(self, path: Path, kind: str, size: int = 0) -> None:
        super().__init__(f"{path}: {kind}")
        self.path = path
        self.kind = kind
        self.size = size


def kind_of(mode: int) -> str:
    """'regular', 'directory', 'fifo', 'device', 'socket', 'symlink' or 'other'."""
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISLNK(mode):
        return "symlink"
    return "other"


def read_capped(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises ``FileRefused`` for anything but a regular file (and for a symlink when
    ``follow_symlinks`` is false) or a file larger than ``limit``; ``OSError`` when it cannot be
    read. The type is checked before opening and again on the opened file.
    """
    kind = kind_of(os.stat(path, follow_symlinks=follow_symlinks).st_mode)
    if kind != "regular":
        raise FileRefused(path, kind)
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | (0 if follow_symlinks else _NOFOLLOW)
    fd = os.open(path, flags)
    try:
        opened = os.fstat(fd)
        if kind_of(opened.st_mode) != "regular":  # swapped between the check and the open
            raise FileRefused(path, kind_of(opened.st_mode))
        if opened.st_size > limit:
            raise FileRefused(path, "too_large", opened.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        want = opened.st_size + 1  # the whole file at once (small reads: no big allocation)
        while left > 0:
            chunk = os.read(fd, min(left, want))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            want = 1 << 16
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # the file grew after the size check
        raise FileRefused(path, "too_large", len(data))
    return data


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes (or fewer) of the regular file ``path``, never following a
    symlink (``FileRefused`` for anything else, ``OSError`` when it cannot be read)."""
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY | _NOFOLLOW)
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind != "regular":
            raise FileRefused(path, kind)
        return os.read(fd, size)
    finally:
        os.close(fd)


def tighten(path: Path, mode: int) -> None:
    """Set ``mode`` on POSIX when the current mode allows more (never follows a symlink)."""
    if os.name != "posix":
        return
    try:
        current = os.lstat(path)
        if stat.S_ISLNK(current.st_mode) or stat.S_IMODE(current.st_mode) & ~mode == 0:
            return
        os.chmod(path, stat.S_IMODE(current.st_mode) & mode)
    except OSError:
        pass  # someone else's file, or a filesystem without modes: reading still works


def sync_dir(folder: Path) -> None:
    """Make a new or renamed entry in ``folder`` durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until everything is written (a short write is not an error by itself)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename), owner-only.

    An existing symlink at ``path`` is replaced, never followed. On failure the old file is
    left as it was and the temporary file is removed.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY,
                 PRIVATE_FILE)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    sync_dir(path.parent)


def create_new(path: Path, data: bytes) -> None:
    """Write a new file with the user's umask; refuses when anything (even a dangling symlink)
    is already at ``path`` (``FileExistsError``)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o666)
    try:
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            pass
        raise
    os.close(fd)
