"""The order the suite runs in: longest tests first on every xdist worker, so none is left
running a long test alone at the end (issue #18: the whole suite under 90 s on two cores).

pytest-xdist's ``worksteal`` hands worker *i* a contiguous slice of the collected order, then
lets a worker that runs dry take half of the longest queue, from its end. So the order is cut
into one slice per worker, each slice holding about the same number of seconds and starting
with its longest tests; the short tests at the slices' ends are what gets stolen.

Seconds come from ``tests/durations.json``, written by a whole run in a fresh clone like CI's
(no pyc files; mypy's cache lives outside the clone, so it is warm there as in CI):

    python -m pytest --store-durations

A test marked ``early`` runs first on its worker, before the longest tests: a check whose length
the file cannot know. The mypy check takes 2 s when its cache is warm, but 10-30 s after a change
to a module that much imports (it checks that again, and what imports it); placed by its warm
seconds it could start late and be the one test left running at the end.

Tests that share an expensive fixture stay together (``shared_fixture`` in conftest.py): the
browser tests on one worker, so one Chromium starts, not one per worker; a module's tests that
share a module-scoped fixture (a server, an installed copy), so it is made once. A test the file
does not know counts as the mean of its module's other tests; the order is the same in every
worker (xdist checks that).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Generic, TypeVar

DURATIONS = Path(__file__).resolve().parent / "durations.json"
#: a test shorter than this is stored only in its module's mean
SHORT = 0.5
#: node ids longer than this (parametrised with long text) are stored only in the mean
LONGEST_ID = 200
#: seconds for a test of a module the file does not know
UNKNOWN = 0.5

Item = TypeVar("Item")


@dataclass
class Unit(Generic[Item]):
    """Tests that run one after another on one worker (one test, or a module's tests that share a
    module-scoped fixture)."""

    items: list[Item]
    seconds: float
    first: int  # position in the collected order (ties keep that order)
    early: bool = False  # runs before the others on its worker


@dataclass
class Slice(Generic[Item]):
    size: int  # how many tests xdist will hand this worker
    units: list[Unit[Item]] = field(default_factory=list)
    seconds: float = 0.0
    count: int = 0

    def room(self) -> int:
        return self.size - self.count

    def add(self, unit: Unit[Item]) -> None:
        self.units.append(unit)
        self.seconds += unit.seconds
        self.count += len(unit.items)


def slice_sizes(total: int, workers: int) -> list[int]:
    """How many tests worksteal hands each worker at the start (as ``check_schedule`` does)."""
    sizes = []
    left = total
    for index in range(workers):
        size = left // (workers - index)
        sizes.append(size)
        left -= size
    return sizes


def order(items: Sequence[Item], workers: int, seconds: Callable[[Item], float],
          group: Callable[[Item], Hashable | None],
          early: Callable[[Item], bool] = lambda item: False) -> list[Item]:
    """``items`` in the order to run them on ``workers`` workers (see the module's docstring).
    ``group`` names the unit an item must stay with (None: the item is a unit of its own);
    ``early`` items (units of their own) go first, each on the worker with the fewest seconds."""
    units: list[Unit[Item]] = []
    grouped: dict[Hashable, Unit[Item]] = {}
    for index, item in enumerate(items):
        key = group(item)
        if early(item):
            units.append(Unit([item], seconds(item), index, early=True))
        elif key is None:
            units.append(Unit([item], seconds(item), index))
        elif key in grouped:
            grouped[key].items.append(item)
            grouped[key].seconds += seconds(item)
        else:
            grouped[key] = Unit([item], seconds(item), index)
            units.append(grouped[key])
    if workers < 2:
        slices = [Slice[Item](len(items))]
    else:
        slices = [Slice[Item](size) for size in slice_sizes(len(items), workers)]
    for unit in sorted(units, key=lambda u: (not u.early, -u.seconds, u.first)):
        fits = [s for s in slices if s.room() >= len(unit.items)]
        target = (min(fits, key=lambda s: s.seconds) if fits
                  else max(slices, key=lambda s: s.room()))
        target.add(unit)
    return [item for piece in slices for unit in piece.units for item in unit.items]


def load(path: Path = DURATIONS) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def estimate(known: dict[str, float]) -> Callable[[str], float]:
    """Seconds for a node id: its own, else its module's mean, else ``UNKNOWN``."""
    def seconds(nodeid: str) -> float:
        if nodeid in known:
            return known[nodeid]
        return known.get(module_key(nodeid), UNKNOWN)
    return seconds


def module_key(nodeid: str) -> str:
    return "mean " + nodeid.split("::")[0]


def summarise(durations: dict[str, float]) -> dict[str, float]:
    """What to store of one run's seconds per node id: the long tests each, every module's
    mean of the rest."""
    stored: dict[str, float] = {}
    rest: dict[str, list[float]] = {}
    for nodeid, seconds in durations.items():
        if seconds >= SHORT and len(nodeid) <= LONGEST_ID:
            stored[nodeid] = round(seconds, 1)
        else:
            rest.setdefault(module_key(nodeid), []).append(seconds)
    for key, values in rest.items():
        stored[key] = round(fmean(values), 2)
    return dict(sorted(stored.items()))


def store(durations: dict[str, float], path: Path = DURATIONS) -> None:
    path.write_text(json.dumps(summarise(durations), indent=0, ensure_ascii=False) + "\n",
                    encoding="utf-8")
