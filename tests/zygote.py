"""``casusspel`` processes in a pseudo-terminal without paying Python's start-up for each.

The end-to-end tests kill real ``casusspel`` processes (SIGKILL, SIGHUP, SIGTERM) at dozens of
points and resume them. A fresh ``python -m casusspel`` spends about half a second of CPU
importing typer, pydantic, rich, Textual and casusspel before it reads its first key; the kill
chains start some fifty of them. So each test process starts one *zygote* (the name Android gives
the same idea): a Python process that imports those modules once and then forks a child for every
command. The child is a real, separate process, with its own pid, session and controlling
terminal (the pty), its own environment, working folder and argv, and runs
``python -m casusspel`` as the interpreter would (``runpy``, then a normal interpreter exit with
atexit handlers and thread joins). It can be killed, hung up on or interrupted like one.

``spawn`` returns a ``pexpect.spawn``, so the tests read and type as before. What differs from a
fresh interpreter: the modules are already imported (their import-time code ran before the
fork, with the same environment variables that start an interpreter; a zygote is kept per set of
those), and the hash seed is the zygote's. Start-up itself is tested in a fresh process
elsewhere (tests/test_startup.py, tests/test_package.py and the subprocess tests).

The zygote is single-threaded (a fork copies one thread) and serves one client: requests are one
JSON line each on a Unix socket, the pty's terminal side passed along as a file descriptor.
"""

from __future__ import annotations

import array
import atexit
import fcntl
import io
import json
import os
import pty
import runpy
import signal
import socket
import subprocess
import sys
import termios
import threading
from pathlib import Path
from typing import Any

import pexpect
from pexpect.pty_spawn import ptyprocess

ROOT = Path(__file__).resolve().parent.parent

#: what a test's ``python -m casusspel`` imports before it reads a key: the command line, both
#: front ends, the session and the scorer
PRELOAD = ("casusspel.cli", "casusspel.ui.live", "casusspel.ui.plain", "casusspel.ui.app",
           "casusspel.ui.scoring_view", "casusspel.scoring.reflection",
           "casusspel.session.controller", "casusspel.commandline", "casusspel.reports.build",
           "casusspel.ui.programme_run", "casusspel.ui.selfassessment_view", "filelock",
           "platformdirs")

#: environment variables that the interpreter reads as it starts (before any module runs): a
#: zygote started with other values would not be the interpreter a test asked for
_STARTUP = ("LANG", "LANGUAGE", "PYTHONPATH", "PYTHONHOME", "PYTHONIOENCODING", "PYTHONUTF8",
            "PYTHONHASHSEED", "PYTHONWARNINGS", "PYTHONDEVMODE", "PYTHONSAFEPATH")


def _startup_key(env: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((name, value) for name, value in env.items()
                        if name in _STARTUP or name.startswith("LC_")
                        or name.startswith("PYTHONX")))


# -- the test's side -----------------------------------------------------------------------------


class _Zygote:
    """A started zygote and the socket to it (one per test process and start-up environment)."""

    def __init__(self, env: dict[str, str]) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.zygote", str(theirs.fileno())], cwd=ROOT, env=env,
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        theirs.close()
        self.socket = ours
        self.replies = ours.makefile("r", encoding="utf-8")
        self.lock = threading.Lock()
        if self.ask({"op": "ready"}) != {"ready": True}:
            raise RuntimeError("the zygote did not start")

    def ask(self, request: dict[str, Any], descriptor: int | None = None) -> Any:
        data = (json.dumps(request) + "\n").encode("utf-8")
        with self.lock:
            if descriptor is None:
                self.socket.sendall(data)
            else:
                fds = array.array("i", [descriptor])
                self.socket.sendmsg([data], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
            line = self.replies.readline()
        if not line:
            raise RuntimeError(f"the zygote ended (exit code {self.process.poll()})")
        reply = json.loads(line)
        if "error" in reply:
            raise OSError(reply["error"])
        return reply

    def stop(self) -> None:
        self.socket.close()  # the zygote reads the end of its socket and exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_ZYGOTES: dict[tuple[tuple[str, str], ...], _Zygote] = {}


def _zygote_for(env: dict[str, str]) -> _Zygote:
    key = _startup_key(env)
    if key not in _ZYGOTES:
        if not _ZYGOTES:
            atexit.register(_stop_all)
        _ZYGOTES[key] = _Zygote(env)
    return _ZYGOTES[key]


def _stop_all() -> None:
    for zygote in _ZYGOTES.values():
        zygote.stop()
    _ZYGOTES.clear()


class ForkedProcess(ptyprocess.PtyProcess):  # type: ignore[misc]
    """A child of the zygote: ptyprocess's interface, with ``waitpid`` asked of the zygote
    (the child's parent) instead of called here."""

    zygote: _Zygote
    terminated: bool
    status: int | None
    exitstatus: int | None
    signalstatus: int | None

    @classmethod
    def spawn(cls, argv: list[bytes | str], cwd: str | None = None,
              env: dict[str, str] | None = None, echo: bool = True, preexec_fn: Any = None,
              dimensions: tuple[int, int] = (24, 80), pass_fds: tuple[int, ...] = ()
              ) -> ForkedProcess:
        if preexec_fn is not None or pass_fds or not echo:
            raise ValueError("the zygote runs casusspel as pexpect does by default only")
        environment = dict(os.environ if env is None else env)
        args = [a.decode() if isinstance(a, bytes) else a for a in argv]
        if args[1:3] != ["-m", "casusspel"]:
            raise ValueError(f"the zygote only runs python -m casusspel, not {args}")
        zygote = _zygote_for(environment)
        master, terminal = pty.openpty()
        try:
            rows, columns = dimensions
            fcntl.ioctl(terminal, termios.TIOCSWINSZ,
                        array.array("H", [rows, columns, 0, 0]).tobytes())
            reply = zygote.ask({"op": "run", "argv": args[3:], "env": environment,
                                "cwd": cwd or os.getcwd()}, terminal)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(terminal)  # the child holds the terminal side: its end is our EOF
        process = cls(reply["pid"], master)
        process.zygote = zygote
        process.argv = argv
        return process

    def _status(self, block: bool) -> bool:
        """Ask the zygote for the child's wait status; True once the child has ended."""
        if self.terminated:
            return True
        status = self.zygote.ask({"op": "wait" if block else "poll", "pid": self.pid})["status"]
        if status is None:
            return False
        self.status = status
        if os.WIFEXITED(status):
            self.exitstatus, self.signalstatus = os.WEXITSTATUS(status), None
        else:
            self.exitstatus, self.signalstatus = None, os.WTERMSIG(status)
        self.terminated = True
        return True

    def isalive(self) -> bool:
        return not self._status(block=False)

    def close(self, force: bool = True) -> None:
        if self.terminated:  # already waited for (a kill): no need to give it time to end
            self.delayafterclose = 0
        super().close(force)

    def wait(self) -> int | None:
        self._status(block=True)
        return self.exitstatus


class _Spawn(pexpect.spawn):  # type: ignore[misc]
    def _spawnpty(self, args: list[bytes | str], **kwargs: Any) -> ForkedProcess:
        return ForkedProcess.spawn(args, **kwargs)


def spawn(args: list[str], *, env: dict[str, str], cwd: str, dimensions: tuple[int, int],
          encoding: str, timeout: float) -> pexpect.spawn:
    """``pexpect.spawn(sys.executable, ["-m", "casusspel", *args], ...)``, forked from the
    zygote instead of started afresh (see the module's docstring)."""
    child = _Spawn(sys.executable, ["-m", "casusspel", *args], env=env, cwd=cwd,
                   dimensions=dimensions, encoding=encoding, timeout=timeout)
    # pexpect waits 50 ms before every send, for programs that flush what was typed early;
    # casusspel keeps typed input (no tcflush) and the tests wait for its prompts, so the pause
    # only added seconds to the kill chains.
    child.delaybeforesend = None
    return child


def hang_up(child: pexpect.spawn) -> None:
    """The terminal goes away (a window closed, an ssh connection lost): the kernel sends the
    child SIGHUP, and every write to the terminal fails with EIO from then on. Returns once the
    child has ended."""
    child.ptyproc.fileobj.close()  # (the pty's side the test reads and types on)
    child.wait()
    child.close()


# -- the zygote's side ---------------------------------------------------------------------------


class _Server:
    """The zygote's end of the socket: one request at a time, each answered with one line."""

    def __init__(self, channel: socket.socket) -> None:
        self.channel = channel
        self.buffered = b""
        self.terminal = -1  # the pty passed with the last request
        self.ended: dict[int, int] = {}  # wait statuses of children already reaped
        self.started: list[int] = []

    def receive(self) -> dict[str, Any] | None:
        """The next request (None: the client has gone)."""
        while b"\n" not in self.buffered:
            data, ancillary, _flags, _address = self.channel.recvmsg(
                65536, socket.CMSG_SPACE(array.array("i").itemsize))
            if not data:
                return None
            self.buffered += data
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                    received = array.array("i")
                    received.frombytes(payload[:len(payload) - len(payload) % received.itemsize])
                    self.terminal = received[0]
        line, self.buffered = self.buffered.split(b"\n", 1)
        request: dict[str, Any] = json.loads(line)
        return request

    def status(self, pid: int, block: bool) -> dict[str, Any]:
        try:
            if pid not in self.ended:
                done, status = os.waitpid(pid, 0 if block else os.WNOHANG)
                if done:
                    self.ended[pid] = status
        except OSError as error:
            return {"error": str(error)}
        return {"status": self.ended.get(pid)}

    def serve(self) -> dict[str, Any] | None:
        """Answer requests until one asks for a child; returns that request in the child (None
        in the zygote once the client has gone)."""
        while (request := self.receive()) is not None:
            reply: dict[str, Any]
            if request["op"] == "ready":
                reply = {"ready": True}
            elif request["op"] != "run":  # "wait" or "poll"
                reply = self.status(request["pid"], block=request["op"] == "wait")
            elif self.terminal < 0:
                reply = {"error": "a run needs the terminal passed with it"}
            elif threading.active_count() != 1:
                reply = {"error": "the zygote has threads; it cannot fork safely"}
            else:
                pid = os.fork()
                if pid == 0:
                    return {**request, "terminal": self.terminal}
                os.close(self.terminal)
                self.terminal = -1
                self.started.append(pid)
                reply = {"pid": pid}
            self.channel.sendall((json.dumps(reply) + "\n").encode("utf-8"))
        self.end_children()
        return None

    def end_children(self) -> None:
        """The client has gone (its test process ended): no child outlives it."""
        for pid in self.started:
            if pid not in self.ended:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except OSError:
                    pass


def _become(request: dict[str, Any], channel: socket.socket) -> None:
    """In the forked child: take the terminal, the environment, the folder and the arguments
    of the request, as a process started in that pty would have them."""
    channel.close()
    terminal = request["terminal"]
    os.setsid()
    fcntl.ioctl(terminal, termios.TIOCSCTTY, 0)
    for descriptor in (0, 1, 2):
        os.dup2(terminal, descriptor)
    os.close(terminal)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    # the streams the interpreter makes for a terminal (line-buffered, as at start-up)
    encoding, errors = sys.stdout.encoding, sys.stdout.errors
    streams = {
        "stdin": io.TextIOWrapper(open(0, "rb", closefd=False), encoding=encoding,
                                  errors=errors),
        "stdout": io.TextIOWrapper(open(1, "wb", closefd=False), encoding=encoding,
                                   errors=errors, line_buffering=True),
        "stderr": io.TextIOWrapper(open(2, "wb", closefd=False), encoding=encoding,
                                   errors="backslashreplace", line_buffering=True,
                                   write_through=True)}
    for name, stream in streams.items():  # also sys.__stdout__ and the like, which Textual uses
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
    sys.argv = ["casusspel", *request["argv"]]


def main(descriptor: int) -> None:
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    assert "readline" not in sys.modules  # input() would edit lines as no fresh process does
    channel = socket.socket(fileno=descriptor)
    request = _Server(channel).serve()
    if request is None:
        return
    _become(request, channel)
    runpy.run_module("casusspel", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
