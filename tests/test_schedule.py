"""The suite's own order (tests/schedule.py): longest first on every worker, fixtures kept
together, every test once, and the same slices xdist's worksteal hands out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.schedule import estimate, load, order, slice_sizes, store, summarise

SECONDS = {"a": 9.0, "b": 1.0, "c": 8.0, "d": 0.1, "e": 0.2, "f": 7.0, "g": 0.1, "h": 0.3}


def run(names: str, workers: int, groups: dict[str, str] | None = None) -> list[str]:
    return order(list(names), workers, SECONDS.__getitem__, (groups or {}).get)


def test_slices_are_the_ones_worksteal_hands_out() -> None:
    assert slice_sizes(8, 2) == [4, 4]
    assert slice_sizes(9, 2) == [4, 5]
    assert slice_sizes(10, 3) == [3, 3, 4]
    assert slice_sizes(2, 3) == [0, 1, 1]


def test_each_worker_starts_with_its_longest_and_the_seconds_are_shared() -> None:
    ran = run("abcdefgh", 2)
    assert sorted(ran) == sorted("abcdefgh")
    first, second = ran[:4], ran[4:]
    assert (first[0], second[0]) == ("a", "c")  # the two longest, one per worker
    assert "f" in second  # the third longest goes where fewer seconds are
    for part in (first, second):
        assert [SECONDS[n] for n in part] == sorted((SECONDS[n] for n in part), reverse=True)


def test_one_worker_runs_longest_first() -> None:
    assert run("abcdefgh", 1) == sorted("abcdefgh", key=lambda n: (-SECONDS[n], n))


def test_tests_that_share_a_module_fixture_stay_together_in_their_order() -> None:
    ran = run("abcdefgh", 2, {"d": "m", "b": "m", "h": "m"})
    start = ran.index("b")
    assert ran[start:start + 3] == ["b", "d", "h"]
    assert sorted(ran) == sorted("abcdefgh")


def test_an_early_test_starts_a_worker_whatever_its_seconds() -> None:
    ran = order(list("abcdefgh"), 2, SECONDS.__getitem__, {"h": "m", "g": "m"}.get,
                lambda name: name in "dh")
    first, second = ran[:4], ran[4:]
    assert {first[0], second[0]} == {"d", "h"}  # one on each worker, before "a" and "c"
    assert "g" not in (first[0], second[0])  # (an early test is a unit of its own)
    assert sorted(ran) == sorted("abcdefgh")
    alone = order(list("abcdefgh"), 1, SECONDS.__getitem__, lambda name: None,
                  lambda name: name == "g")
    assert run("abcdefgh", 1)[0] == "a" and alone[0] == "g"


def test_an_unknown_test_counts_as_its_modules_mean(tmp_path: Path) -> None:
    durations = {"tests/t.py::slow": 12.34, "tests/t.py::quick": 0.1, "tests/t.py::quicker": 0.3,
                 "tests/t.py::long[" + "x" * 300 + "]": 3.0}
    path = tmp_path / "durations.json"
    store(durations, path)
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == summarise(durations)
    assert stored["tests/t.py::slow"] == 12.3
    assert stored["mean tests/t.py"] == round((0.1 + 0.3 + 3.0) / 3, 2)  # long ids: mean only
    seconds = estimate(load(path))
    assert seconds("tests/t.py::slow") == 12.3
    assert seconds("tests/t.py::new") == stored["mean tests/t.py"]
    assert seconds("tests/other.py::new") == 0.5
    assert load(tmp_path / "missing.json") == {}
