"""Shared fixtures: a clean terminal environment for every test (as rich's own tests do)."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest

from casusspel.content.library import load_case_files
from casusspel.content.model import Case
from tests import schedule

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--store-durations", action="store_true",
                     help="write this run's durations to tests/durations.json (run the whole "
                          "suite in a fresh clone, as CI does; see tests/schedule.py)")


def pytest_configure(config: pytest.Config) -> None:
    """Settings for the whole run, made before the xdist workers start so that they and every
    process they start inherit them. Python's default: compiled modules are cached
    (``__pycache__``, ignored by git), also where PYTHONDONTWRITEBYTECODE is set, as on CI's
    machine; otherwise every ``casusspel`` process the tests start compiles the whole package
    again. Temporary folders in memory; no hypothesis plugins (below)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    _temporary_folders_in_memory(config)
    # hypothesis loads every installed plugin when first imported; the only one here is trio's
    # (selenium brings trio), which imports all of trio into every worker (about 0.25 s of CPU
    # each) to register a random generator no test of ours uses
    os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")


#: a file system in memory that Linux mounts for every machine
MEMORY = Path("/dev/shm")
#: bytes free there for tmpfs to be used: a whole run writes about 60 MB, pytest keeps three runs
MEMORY_NEEDED = 1 << 30


def _temporary_folders_in_memory(config: pytest.Config) -> None:
    """``tmp_path`` in memory (tmpfs) where the machine has one: sessions write their journal with
    an fsync per event, and on a disk each costs a few milliseconds and kernel time (thousands of
    them in a run, slow on a busy disk). On tmpfs an fsync returns at once; what the tests check
    (bytes, order, what a kill -9 leaves behind) is the same, since the page cache outlives a
    killed process either way. pytest's own variable for the root of its temporary folders, so
    numbering, the three kept runs and concurrent runs work as before; ``--basetemp`` or a
    ``PYTEST_DEBUG_TEMPROOT`` already set win."""
    if config.option.basetemp or "PYTEST_DEBUG_TEMPROOT" in os.environ:
        return
    if not (MEMORY.is_dir() and os.access(MEMORY, os.W_OK | os.X_OK)):
        return
    free = os.statvfs(MEMORY)
    if free.f_bavail * free.f_frsize >= MEMORY_NEEDED:  # a container's is often 64 MB
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers more than cores. Many tests mostly wait (a browser page, a
    process starting, Textual letting the screen settle, the browser tests all on one worker);
    on two cores a third and a fourth worker run while they wait (docs/performance.md has the
    figures: the cores were busy about 1.4 of 2 with three workers)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 2


@pytest.hookimpl(tryfirst=True)  # before --failed-first and the like, which then still apply
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest tests first on every worker (tests/schedule.py)."""
    workerinput: dict[str, Any] = getattr(config, "workerinput", {})
    workers = int(workerinput.get("workercount", 1))
    seconds = schedule.estimate(schedule.load())
    items[:] = schedule.order(items, workers, lambda item: seconds(item.nodeid), shared_fixture,
                              lambda item: item.get_closest_marker("early") is not None)


def shared_fixture(item: pytest.Item) -> str | None:
    """What a test must run beside: the browser tests all on one worker (one Chromium, not one
    per worker), a test that uses a module-scoped fixture with its module's other tests."""
    if "browser" in getattr(item, "fixturenames", ()):
        return "browser"
    info = getattr(item, "_fixtureinfo", None)
    definitions = getattr(info, "name2fixturedefs", {})
    if any(d.scope == "module" for defs in definitions.values() for d in defs):
        return item.nodeid.split("::")[0]
    return None


def _build_the_command_line_once() -> None:
    """typer's ``CliRunner.invoke`` builds the click command from the typer app on every call
    (about 8 ms of CPU for ``casusspel``; the suite invokes it hundreds of times). Built once per
    app instead, as a real ``casusspel`` process builds it once: the command objects keep no state
    between runs (each run gets its own context). The one thing typer reads from the environment
    while building, its switch that names the shell for completion instead of detecting it, is
    part of the key. Where typer has no such hook, nothing changes."""
    import typer
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None:
        return
    built: dict[tuple[typer.Typer, str | None], Any] = {}

    def command(typer_instance: typer.Typer) -> Any:  # click's Command (typer may vendor click)
        key = (typer_instance, os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"))
        if key not in built:
            built[key] = build(typer_instance)
        return built[key]

    typer.testing._get_command = command  # type: ignore[attr-defined]


_build_the_command_line_once()

def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector, tuned for a worker that has imported everything it will test:
    what exists after collection (modules, classes, the shared deck) is left out of its later
    passes (``gc.freeze``, after one last pass, so no garbage is kept), and it runs after 10,000
    new objects instead of 700. Cycles the tests make are still collected, and pytest's last
    passes for unraisable exceptions still run; the collector's share of the Textual, CLI and
    scoring tests went from about 14% to 5% of their CPU. (``validate`` tunes it the same way
    while it runs: ``casusspel.content.checks.few_collections``.)"""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


_DURATIONS: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _DURATIONS[report.nodeid] = _DURATIONS.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if config.getoption("store_durations") and not hasattr(config, "workerinput"):
        schedule.store(_DURATIONS)


@pytest.fixture(autouse=True)
def _clean_terminal_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # every variable rich (and Textual) read to decide colour, size and interactivity
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM_PROGRAM", "COLORTERM",
                 "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES",
                 "CASUSSPEL_LANG", "PAGER", "MANPAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("CASUSSPEL_DRAFT_SECONDS", raising=False)  # the app's own quiet time
    monkeypatch.setenv("CASUSSPEL_DATA_DIR", str(tmp_path / "data"))


@cache
def builtin_deck() -> tuple[tuple[Case, Path], ...]:
    """The shipped deck with each case's file, read once per test process.

    Tests that only need the deck to play (``new_session``, module-level tables) share this one
    load: reading and validating the ~30 files costs a tenth of a second, and sessions are made
    hundreds of times. Cases are frozen models, so sharing them cannot leak changes between tests.
    Tests of loading itself call ``load_case_files`` directly.
    """
    return tuple(load_case_files())


def builtin_cases() -> list[Case]:
    """The shipped cases, in deck order (see ``builtin_deck``)."""
    return [case for case, _ in builtin_deck()]


def in_thread(call: Callable[[], T]) -> T:
    """Run ``call`` in a fresh thread and return its result (or raise its exception).

    Textual apps start their own asyncio loop; the session-wide Playwright browser keeps a loop
    running in the main thread of an xdist worker, so apps are run beside it, not inside it.
    """
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]
