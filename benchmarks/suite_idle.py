"""Where the test suite waits instead of working (issue #18.8).

    python benchmarks/suite_idle.py [pytest arguments]      # the whole suite by default

Runs the suite with a small plugin (this file, loaded with ``-p``) that records for every test
its wall time, the CPU of its worker and the CPU of the processes the worker reaped during it,
then prints the tests and modules with the most wall time that no CPU accounts for: waits on a
browser, a process, a timer or a heartbeat. Processes that outlive a test (the browser, the
zygote of the end-to-end tests) are counted when they end, not in the test that used them, so
a browser test's "idle" includes Chromium's own work. A wait of seconds in a test that does
little is the first thing to read (session 10 found a phone that waited for the stream's 10 s
heartbeat this way).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

OUT = "CASUSSPEL_SUITE_IDLE_DIR"
_rows: list[tuple[str, float, float, float]] = []


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    start, (own, children) = time.perf_counter(), _cpu()
    yield
    end, (own_end, children_end) = time.perf_counter(), _cpu()
    _rows.append((item.nodeid, end - start, own_end - own, children_end - children))


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = os.environ.get(OUT)
    if folder:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(folder, f"{worker}.json").write_text(json.dumps(_rows), encoding="utf-8")


def report(folder: Path, top: int = 25) -> None:
    rows: list[Any] = []
    for path in sorted(folder.glob("*.json")):
        rows += [(path.stem, *row) for row in json.loads(path.read_text(encoding="utf-8"))]
    workers: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    modules: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for worker, nodeid, wall, own, children in rows:
        for totals, values in ((workers[worker], (wall, own, children)),
                               (modules[nodeid.split("::")[0]], (wall, own, children, 1))):
            for index, value in enumerate(values):
                totals[index] += value
    print("worker  tests' wall  own CPU  children's CPU")
    for worker, (wall, own, children) in sorted(workers.items()):
        print(f"{worker:6} {wall:11.1f} {own:8.1f} {children:15.1f}")
    print(f"\nidle (wall - own CPU - children's CPU), the {top} longest tests:")
    for _, nodeid, wall, own, children in sorted(rows, key=lambda r: r[3] + r[4] - r[2])[:top]:
        print(f"{wall - own - children:6.2f} s idle of {wall:6.2f} s  {nodeid[:100]}")
    print(f"\nmodules by wall time, the {top} longest:")
    ranked = sorted(modules.items(), key=lambda m: -m[1][0])[:top]
    for module, (wall, own, children, count) in ranked:
        print(f"{wall:6.1f} s wall {own:6.1f} s own {children:6.1f} s children "
              f"{int(count):4} tests  {module}")


def main(arguments: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(__file__).resolve().parent
        env = {**os.environ, OUT: folder,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(here),
                                                           os.environ.get("PYTHONPATH")]))}
        start = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", "pytest", "-p", "suite_idle",
                                "-p", "no:cacheprovider", *arguments], env=env)
        print(f"\nwhole run: {time.perf_counter() - start:.1f} s wall, exit code {code}\n")
        report(Path(folder))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
