"""Start-up of the everyday commands against ``python -c "import typer"`` (issue #19 point 4).

    python benchmarks/startup.py [--runs 15]

``casusspel --help``, ``casusspel list DECK`` and ``casusspel validate DECK`` on a small deck
(three built-in cases copied into a temporary folder, with the schema their first line points
to), each as a whole process, against the baseline ``python -c "import typer"``. The commands and
the baseline take turns in every round, so all of them see the same load; medians over the
rounds. Bars: ``--help`` at most 1.5x the baseline (SPEC.md), ``list`` and ``validate`` at most
2x. Prints a table and one JSON line; exits 1 when a bar is missed.

Also measured, for what the bar can be held against: ``floor``, a process that only does what
``list`` and ``validate`` cannot do without while cases are validated with pydantic: import typer
and PyYAML, and build one pydantic model (the first model imports most of pydantic's internals:
as long again as ``from pydantic import BaseModel``); ``list`` also draws with rich's table
(``floor_list``). typer's own pydantic adapters for the options are not part of it (they could
be avoided only through typer's private modules; see docs/decisions.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DECK = ("tolk-aan-tafel", "twee-slaapzalen", "een-stille-ruimte")
BARS = {"help": 1.5, "list": 2.0, "validate": 2.0}


def casusspel() -> list[str]:
    exe = shutil.which("casusspel", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "casusspel"]


def small_deck(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for case_id in DECK:
        shutil.copy(ROOT / "cases" / f"{case_id}.yaml", folder)
    shutil.copy(ROOT / "cases" / "casus.schema.json", folder)
    return folder


def commands(deck: Path) -> dict[str, list[str]]:
    floor = "import typer, yaml\nfrom pydantic import BaseModel\nclass One(BaseModel):\n  x: int"
    return {"baseline": [sys.executable, "-c", "import typer"],
            "floor": [sys.executable, "-c", floor],
            "floor_list": [sys.executable, "-c", "import rich.table\n" + floor],
            "help": [*casusspel(), "--help"],
            "list": [*casusspel(), "list", str(deck)],
            "validate": [*casusspel(), "validate", str(deck)]}


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False, env={**os.environ, "COLUMNS": "100"})
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):  # validate exits 1 on errors; anything else is broken
        raise RuntimeError(f"{command} failed: {done.stderr.decode()[-500:]}")
    return took


def measure(runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        todo = commands(small_deck(Path(tmp) / "deck"))
        for command in todo.values():  # warm the file cache and the bytecode
            seconds(command)
        samples: dict[str, list[float]] = {name: [] for name in todo}
        for _ in range(runs):
            for name, command in todo.items():
                samples[name].append(seconds(command))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> int:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    result = measure(args.runs)
    load = os.getloadavg()[0]
    base = result["baseline"]
    print(f"load average {load:.1f} on {os.cpu_count()} cores "
          f"({'loaded' if load > 0.5 else 'quiet'}); baseline import typer {base:.3f} s")
    print(f"floor     {result['floor']:.3f} s  {result['floor'] / base:.2f}x  (typer, yaml, "
          "one pydantic model)")
    print(f"floor_list {result['floor_list']:.3f} s  {result['floor_list'] / base:.2f}x  (the same "
          "and rich.table)")
    ok = True
    for name, bar in BARS.items():
        ratio = result[name] / base
        ok = ok and ratio <= bar
        print(f"{name:9} {result[name]:.3f} s  {ratio:.2f}x  (bar <= {bar}x)  "
              f"{'yes' if ratio <= bar else 'NO'}")
    print(json.dumps({"load": load, **{k: round(v, 4) for k, v in result.items()}}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
