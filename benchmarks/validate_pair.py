"""`casusspel validate` of two checkouts on one folder, interleaved: the way to compare a change
with main on a machine that others share (the load changes from minute to minute).

    python benchmarks/validate_pair.py FOLDER BASE_CHECKOUT OTHER_CHECKOUT [--rounds 4]

Each checkout needs its own venv in ``.venv`` (``python -m venv .venv && .venv/bin/pip install
-e .``); its modules are compiled first, as an installation does. The rounds alternate which
checkout goes first (ABBA...). Per run: wall seconds, CPU seconds of all processes, CPU seconds
of the main process alone (the rest is the workers') and the load average at the start; then
the medians. Make a folder with ``validate_scale.py``'s pools, e.g. the first 10,000 generated
cases or deck copies (``linked(pool[:10000], folder)``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# the main process writes its own CPU time at exit (the workers leave with os._exit)
_WRAP = ("import atexit, os, resource, runpy, sys\n"
         "def _own() -> None:\n"
         "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
         "    with open(os.environ['VALIDATE_PAIR_MAIN'], 'w') as out:\n"
         "        out.write(str(u.ru_utime + u.ru_stime))\n"
         "atexit.register(_own)\n"
         "sys.argv = ['casusspel', 'validate', sys.argv[1]]\n"
         "runpy.run_module('casusspel', run_name='__main__')\n")
# a small go-between, so that only the command and its workers count (see memory.py)
_GO_BETWEEN = ("import json, resource, subprocess, sys, time; start = time.perf_counter(); "
               "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
               "stderr=subprocess.DEVNULL); wall = time.perf_counter() - start; "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps([wall, u.ru_utime + u.ru_stime]))")


def run_once(checkout: Path, folder: Path, main_file: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of all processes, CPU seconds of the main process."""
    python = str(checkout / ".venv" / "bin" / "python")
    output = subprocess.run([python, "-c", _GO_BETWEEN, python, "-c", _WRAP, str(folder)],
                            cwd=checkout, capture_output=True, text=True, check=True,
                            env={**os.environ, "VALIDATE_PAIR_MAIN": str(main_file)}).stdout
    wall, cpu = json.loads(output)
    return wall, cpu, float(main_file.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("checkouts", type=Path, nargs=2)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    checkouts = [c.resolve() for c in args.checkouts]
    for checkout in checkouts:  # compiled as an installation would be (see bytecode.py)
        subprocess.run([str(checkout / ".venv" / "bin" / "python"), "-c",
                        "import sys; sys.path.insert(0, '.'); "
                        "from benchmarks.bytecode import ensure_bytecode; ensure_bytecode()"],
                       cwd=checkout, check=True)
    runs: dict[Path, list[tuple[float, float, float]]] = {c: [] for c in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        main_file = Path(tmp) / "main-cpu"
        for index in range(args.rounds):
            for checkout in checkouts if index % 2 == 0 else checkouts[::-1]:
                load = os.getloadavg()[0]
                wall, cpu, own = run_once(checkout, args.folder.resolve(), main_file)
                runs[checkout].append((wall, cpu, own))
                print(f"{time.strftime('%H:%M:%S')} {checkout.name:>16} wall {wall:7.2f} "
                      f"cpu {cpu:7.2f} main process {own:5.2f} load {load:5.2f}", flush=True)
    for checkout in checkouts:
        walls, cpus, owns = zip(*runs[checkout], strict=True)
        print(f"median {checkout.name:>16} wall {statistics.median(walls):7.2f} "
              f"cpu {statistics.median(cpus):7.2f} main process {statistics.median(owns):5.2f}")
    base, other = (statistics.median(r[1] for r in runs[c]) for c in checkouts)
    print(f"CPU {checkouts[1].name} / {checkouts[0].name}: {other / base:.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
