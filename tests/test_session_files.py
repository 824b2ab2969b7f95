"""Session folders (issue 15, points 2-5): one writer, private files, failures that tell the truth,
only regular files read, nothing overwritten inside a session folder.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.session.folders import open_session
from casusspel.session.journal import read_journal
from casusspel.session.lock import SessionLock
from tests import zygote
from tests.conftest import ROOT
from tests.test_journal import only_session, play  # one way to play a session in these tests

runner = CliRunner()
START = ["", "12 13"]  # situation, Tafel 1's factors


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "200"}
    return zygote.spawn(list(args), cwd=str(ROOT), env=env,
                        dimensions=(50, 200), encoding="utf-8", timeout=60)


# -- one writer (point 2) -----------------------------------------------------------------------
@pytest.mark.slow
def test_a_second_process_is_refused_and_a_killed_holder_is_taken_over(tmp_path: Path) -> None:
    first = spawn("play", "--plain", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--session-dir", str(tmp_path))
    first.expect("Enter = verder")
    first.sendline("")
    first.expect("Tafel 1: welke factoren")
    folder = only_session(tmp_path)
    before = (folder / "journal.jsonl").read_bytes()

    second = spawn("resume", "--plain", folder.name, "--session-dir", str(tmp_path))
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 1
    said = " ".join(second.before.split())
    assert f"is al open bij proces {first.pid} op {socket.gethostname()}" in said, said
    assert (folder / "journal.jsonl").read_bytes() == before  # nothing written

    os.kill(first.pid, signal.SIGKILL)  # the holder dies without releasing anything
    first.wait()
    assert (folder / "sessie.lock.json").exists()  # its record stays behind
    third = runner.invoke(app, ["resume", folder.name, "--session-dir", str(tmp_path)],
                          input="12 13\n/stop\n")
    assert third.exit_code == 0, third.output
    assert f"proces {first.pid}" in third.output and "overgenomen" in third.output
    factors = [e for e in read_journal(folder / "journal.jsonl")[0] if e.type == "factors_answered"]
    assert len(factors) == 1


def test_the_lock_holds_against_another_process_and_frees_when_it_ends(tmp_path: Path) -> None:
    from casusspel.session.lock import SessionLocked

    folder = tmp_path / "sessie"
    folder.mkdir()
    code = ("import sys; from pathlib import Path; from casusspel.session.lock import SessionLock;"
            " lock = SessionLock(Path(sys.argv[1])); lock.acquire(); print('vast', flush=True);"
            " sys.stdin.read(); lock.release()")
    with subprocess.Popen([sys.executable, "-c", code, str(folder)], cwd=ROOT, text=True,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "vast"
        with pytest.raises(SessionLocked) as refused:
            SessionLock(folder).acquire()
        assert refused.value.owner is not None and refused.value.owner.pid == holder.pid
        holder.stdin.close()
        holder.wait()
    lock = SessionLock(folder)
    lock.acquire()  # released by the other process: free, and nothing to take over
    assert lock.taken_over is None
    lock.release()


# -- private by default (point 3) ---------------------------------------------------------------
def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_session_folders_0700_files_0600_and_o_files_keep_the_umask(tmp_path: Path,
                                                                    umask_022: None) -> None:
    result = play(tmp_path / "s", ["", "12", "13", "b", "c", "Tekst een.", "", "Twee.", "", "",
                                   "", "a", "c", ""])
    assert result.exit_code == 0, result.output
    folder = only_session(tmp_path / "s")
    assert mode(tmp_path / "s") == 0o700
    assert mode(folder) == 0o700 and mode(folder / "cases") == 0o700
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"journal.jsonl", "framework.yaml", "tolk-aan-tafel.yaml",
                                       "verslag.md", "verslag.html", "sessie.lock"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    out = tmp_path / "verslag.csv"
    report = runner.invoke(app, ["report", folder.name, "--session-dir", str(tmp_path / "s"),
                                 "-o", str(out)])
    assert report.exit_code == 0 and mode(out) == 0o644
    training = tmp_path / "training"
    assert runner.invoke(app, ["leervragen", "add", "Wat doe ik met geloof?", "--training",
                               str(training)]).exit_code == 0
    assert mode(training / "leervragen.yaml") == 0o600
    assert runner.invoke(app, ["followup", "--training", str(training)],
                         input="\n3\n4\n2\n5\nklaar\n").exit_code == 0
    assert mode(training / "zelfbeoordeling.jsonl") == 0o600


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_resuming_an_older_session_makes_it_private(tmp_path: Path) -> None:
    result = play(tmp_path, START + ["/stop"])
    folder = only_session(tmp_path)
    os.chmod(folder, 0o755)
    os.chmod(folder / "journal.jsonl", 0o644)
    result = runner.invoke(app, ["resume", folder.name, "--session-dir", str(tmp_path)],
                           input="/stop\n")
    assert result.exit_code == 0
    assert (mode(folder), mode(folder / "journal.jsonl")) == (0o700, 0o600)


# -- failures tell the truth (point 4) ----------------------------------------------------------
FailWhen = Callable[[int], bool]


def failing_writes(monkeypatch: pytest.MonkeyPatch, fail: FailWhen, code: int) -> list[int]:
    """os.write raises ``code`` (ENOSPC, EROFS, ...) when ``fail(n)`` for the n-th journal write."""
    real = os.write
    count: list[int] = []

    def write(fd: int, data: Any) -> int:
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")) == "journal.jsonl":
            count.append(fd)
            if fail(len(count)):
                raise OSError(code, os.strerror(code))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    return count


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A tiny tmpfs where mounting is allowed (root on Linux), else None."""
    target = tmp_path / "klein"
    target.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(target)],
                              capture_output=True, check=False)
    except OSError:  # no mount command (not Linux)
        done = None
    if done is None or done.returncode != 0:
        yield None
        return
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def fill(folder: Path) -> Path:
    """Fill the filesystem of ``folder`` up to the last byte."""
    filler = folder / "vol"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_during_play_never_says_saved_and_keeps_the_text(
        tmp_path: Path, small_disk: Path | None, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = (small_disk or tmp_path) / "s"
    # long enough to need a new page of the small disk (a short line would fit in the last one)
    reflection = "Wij vragen door bij Noor en regelen een tolk. " * 150
    before = ["", "12 13", "9", "b", "c"]
    if small_disk is not None:  # a real full disk: filled while the session waits
        started = play(sessions, before + ["/stop"])
        assert started.exit_code == 0, started.output
        filler = fill(small_disk)
        result = runner.invoke(app, ["resume", only_session(sessions).name, "--session-dir",
                                     str(sessions)], input=f"{reflection}\n\n\n/stop\n")
        filler.unlink()
    else:  # no mount allowed here: the same error, made by hand for the 9th journal write
        failing_writes(monkeypatch, lambda n: n >= 9, errno.ENOSPC)
        result = play(sessions, before + [reflection, "", "", "/stop"])
        monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "Opgeslagen" not in result.output
    assert "Niet opgeslagen" in result.output and "de schijf is vol" in result.output
    assert reflection.strip() in " ".join(result.output.split())  # on screen, to copy
    assert result.output.count("Enter: opnieuw proberen") >= 2  # offered again after a retry
    folder = only_session(sessions)
    assert "reflection_written" not in [e.type for e in read_journal(folder / "journal.jsonl")[0]]
    resumed = runner.invoke(app, ["resume", folder.name, "--session-dir", str(sessions)],
                            input=f"{reflection}\n\n/stop\n")
    assert resumed.exit_code == 0, resumed.output
    texts = [e.text for e in read_journal(folder / "journal.jsonl")[0]  # type: ignore[attr-defined]
             if e.type == "reflection_written"]
    assert texts == [reflection.strip()]


def test_a_retry_after_a_failed_write_saves_the_same_answer_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing_writes(monkeypatch, lambda n: n == 3, errno.EROFS)  # read-only once, then fine
    result = play(tmp_path, ["", "12 13", "", "9", "/stop"])
    assert result.exit_code == 0, result.output
    assert "de schijf is alleen-lezen" in result.output and "Opgeslagen" in result.output
    events = read_journal(only_session(tmp_path) / "journal.jsonl")[0]
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert sum(e.type == "factors_answered" for e in events) == 2


def test_a_lost_session_folder_is_reported_not_saved(tmp_path: Path) -> None:
    import shutil
    from datetime import datetime

    from casusspel.messages import Messages
    from casusspel.session.controller import Controller
    from casusspel.ui.console import make_console
    from casusspel.ui.ending import SaveFailed
    from casusspel.ui.plain import PlainSession
    from casusspel.ui.prompts import Prompter

    play(tmp_path, ["", "/stop"])
    session = open_session(only_session(tmp_path), write=True)
    shutil.rmtree(session.folder)  # the USB stick was pulled
    answers = iter(["12 13", "/stop"])
    console = make_console(width=100)
    live = PlainSession(Controller(session, datetime.now), console,
                        Prompter(console, Messages(), reader=lambda: next(answers)), Messages())
    with pytest.raises(SaveFailed, match="Niet alles is opgeslagen"):
        live.run()
    session.close()


def test_creating_a_session_is_all_or_nothing(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    failing_writes(monkeypatch, lambda n: True, errno.ENOSPC)
    result = play(tmp_path, ["", "/stop"])
    assert result.exit_code == 1
    assert "Onverwachte fout" not in result.output
    assert "De sessie kon niet worden aangemaakt" in result.output
    assert "de schijf is vol" in result.output
    assert list(tmp_path.iterdir()) == []  # no half folder, no temporary folder


def test_o_never_overwrites_a_file_in_a_session_folder(tmp_path: Path) -> None:
    play(tmp_path / "s", ["", "/stop"])
    folder = only_session(tmp_path / "s")
    journal = (folder / "journal.jsonl").read_bytes()
    (tmp_path / "link.md").symlink_to(folder / "journal.jsonl")
    attempts = [
        ["report", folder.name, "--session-dir", str(tmp_path / "s"), "-o",
         str(folder / "journal.jsonl")],
        ["report", folder.name, "--session-dir", str(tmp_path / "s"), "-o",
         str(tmp_path / "link.md")],
        ["new", "-o", str(folder / "cases" / "tolk-aan-tafel.yaml")],
        ["new", "-o", str(folder / "framework.yaml")],
    ]
    for args in attempts:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "sessiemap" in result.output
    training = tmp_path / "t"
    runner.invoke(app, ["leervragen", "add", "Hoe vraag ik door?", "--training", str(training)])
    result = runner.invoke(app, ["plan", "--training", str(training), "-o",
                                 str(folder / "journal.jsonl")])
    assert result.exit_code == 2 and "sessiemap" in result.output
    assert (folder / "journal.jsonl").read_bytes() == journal


@pytest.mark.parametrize("cases", [",,,", "", " , "])
def test_an_empty_cases_option_is_a_usage_error(tmp_path: Path, cases: str) -> None:
    result = play(tmp_path, [""], "--cases", cases)
    assert result.exit_code == 2
    assert "Geen casussen gekozen" in result.output
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


# -- only regular files (point 5) ---------------------------------------------------------------
def run_guarded(*args: str) -> subprocess.CompletedProcess[str]:
    """Run casusspel in its own process; the timeout only turns a hang into a failure."""
    return subprocess.run([sys.executable, "-m", "casusspel", *args], cwd=ROOT, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_devices_and_sockets_are_refused_with_a_code_never_read(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    os.mkfifo(folder / "pijp.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.yaml"))
    try:
        result = run_guarded("validate", str(folder), "/dev/zero", "--format", "json")
    finally:
        server.close()
    assert result.returncode == 1
    import json

    problems = json.loads(result.stdout)["problems"]
    assert sorted((p["file"].rsplit("/", 1)[-1], p["code"]) for p in problems) == [
        ("pijp.yaml", "CS004"), ("socket.yaml", "CS004"), ("zero", "CS004")]
    play_result = run_guarded("play", str(folder / "pijp.yaml"), "--teams", "A",
                              "--session-dir", str(tmp_path / "s"))
    assert play_result.returncode == 1 and "CS004" in play_result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_link_inside_a_session_folder_is_refused(tmp_path: Path) -> None:
    play(tmp_path, ["", "/stop"])
    folder = only_session(tmp_path)
    copy = folder / "cases" / "tolk-aan-tafel.yaml"
    copy.unlink()
    os.mkfifo(copy)
    listing = run_guarded("sessions", "--session-dir", str(tmp_path))
    assert listing.returncode == 0 and "FIFO" in listing.stdout
    copy.unlink()
    outside = tmp_path / "elders.jsonl"
    (folder / "journal.jsonl").rename(outside)
    (folder / "journal.jsonl").symlink_to(outside)
    for command in ("resume", "report"):
        result = runner.invoke(app, [command, folder.name, "--session-dir", str(tmp_path)],
                               input="/stop\n")
        assert result.exit_code == 1 and "symbolische link" in result.output, result.output
    assert outside.read_bytes().count(b"\n") == 3  # never followed, never written


def test_a_growing_file_is_read_no_further_than_its_cap(tmp_path: Path) -> None:
    from casusspel.files import FileRefused, read_capped

    path = tmp_path / "groot.yaml"
    path.write_bytes(b"x" * 1000)
    assert len(read_capped(path, 1000)) == 1000
    with pytest.raises(FileRefused) as refused:
        read_capped(path, 999)
    assert refused.value.kind == "too_large"
