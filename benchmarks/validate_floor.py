"""`casusspel validate` against the floor: parsing the same files with PyYAML's C loader.

    python benchmarks/validate_floor.py [--sizes 1000,10000] [--runs 3] [--pool DIR]

The floor is one process that reads every file and parses it with ``yaml.load(text,
Loader=yaml.CSafeLoader)``: nothing checked, nothing reported. The bar (issue #19 point 3):
validate within 2x the floor, in CPU time (all processes: validate uses a worker per core) and
in wall time, at 1,000 and 10,000 files, with peak memory flat in the number of files. Runs of
validate and of the floor alternate, so both see the same load; medians over ``--runs``. Prints
a table and one JSON line; exits 1 when a bar is not met.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.memory import run_measured  # noqa: E402
from benchmarks.validate_scale import linked, pool_of  # noqa: E402

FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the process and its children, peak MB of the largest."""
    return run_measured(command)


def measure(folder: Path, runs: int) -> dict[str, float]:
    validate = [sys.executable, "-m", "casusspel", "validate", str(folder)]
    floor = [sys.executable, "-c", FLOOR, str(folder)]
    samples: dict[str, list[float]] = {k: [] for k in
                                       ("wall", "cpu", "peak_mb", "floor_wall", "floor_cpu")}
    timed(validate)  # warm the file cache
    for _ in range(runs):
        wall, cpu, peak = timed(validate)
        samples["wall"].append(wall)
        samples["cpu"].append(cpu)
        samples["peak_mb"].append(peak)
        wall, cpu, _ = timed(floor)
        samples["floor_wall"].append(wall)
        samples["floor_cpu"].append(cpu)
    return {key: round(statistics.median(values), 3) for key, values in samples.items()}


def main() -> int:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pool", type=Path,
                        default=Path(tempfile.gettempdir()) / "casusspel-bench-pool")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    files = pool_of(args.pool, sizes[-1])
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            rows[size] = measure(linked(files[:size], Path(tmp) / f"n{size}"), args.runs)
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores "
          f"({'loaded' if load > 0.5 else 'quiet'})")
    print(f"{'files':>7} {'wall':>7} {'floor':>7} {'ratio':>6} {'cpu':>7} {'floor':>7} "
          f"{'ratio':>6} {'ms/file':>8} {'peak MB':>8}")
    ok = True
    for size, row in rows.items():
        row["wall_ratio"] = round(row["wall"] / row["floor_wall"], 2)
        row["cpu_ratio"] = round(row["cpu"] / row["floor_cpu"], 2)
        ok = ok and row["wall_ratio"] <= 2 and row["cpu_ratio"] <= 2
        print(f"{size:>7} {row['wall']:7.2f} {row['floor_wall']:7.2f} {row['wall_ratio']:5.2f}x "
              f"{row['cpu']:7.2f} {row['floor_cpu']:7.2f} {row['cpu_ratio']:5.2f}x "
              f"{1000 * row['cpu'] / size:8.2f} {row['peak_mb']:8.0f}")
    peaks = [row["peak_mb"] for row in rows.values()]
    flat = max(peaks) <= 1.25 * min(peaks)
    print(f"peak memory {'flat' if flat else 'NOT flat'}: {min(peaks):.0f}-{max(peaks):.0f} MB")
    print(json.dumps({"load": load, **{str(k): v for k, v in rows.items()}}))
    return 0 if ok and flat else 1


if __name__ == "__main__":
    sys.exit(main())
