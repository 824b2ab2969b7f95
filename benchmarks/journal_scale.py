"""Loading long sessions (issue #19 point 2): resume and report of 1k, 10k and 100k-event journals.

    python benchmarks/journal_scale.py [--sizes 1000,10000,100000] [--runs 3]

Each size is a real session folder (``journal_events.write_session``: five teams playing the
built-in deck round after round, 12 distinct case files behind thousands of rounds). Measured,
each in a fresh process, median over the runs: ``resume`` (open the session for writing: lock,
read and verify every line, parse the case copies, replay; then the controller as ``casusspel
resume`` makes it) and ``report`` (open read-only, build the report, render Markdown), with the
peak memory of the report process. Bars: resume of 100k events < 2 s, its report < 5 s and
< 200 MB; time(10k)/time(1k) and time(100k)/time(10k) <= 12 (linear). Prints a table and one
JSON line; exits 1 when a bar is not met.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASURE = """
import json, resource, sys, time
from datetime import datetime
from pathlib import Path
folder, what = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
cpu = time.process_time()
from casusspel.session.folders import open_session
if what == "resume":
    from casusspel.session.controller import Controller
    session = open_session(folder, write=True)
    Controller(session, datetime.now)
    session.close()
else:
    from casusspel.reports import build_report, render
    session = open_session(folder)
    render(build_report(session.engine, session.state), "md")
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "events": session.state.last_seq,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(folder: Path, what: str) -> dict[str, float]:
    output = subprocess.run([sys.executable, "-c", MEASURE, str(folder), what], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    parsed: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return parsed


def measure(sizes: list[int], runs: int) -> dict[int, dict[str, float]]:
    from benchmarks.journal_events import write_session

    found: dict[int, dict[str, float]] = {}
    parent = Path(tempfile.mkdtemp())
    try:
        for size in sizes:
            folder = write_session(parent, size)
            row: dict[str, float] = {}
            for what in ("resume", "report"):
                samples = [run(folder, what) for _ in range(runs)]
                row["events"] = samples[0]["events"]
                for key in ("seconds", "cpu", "peak_mb"):
                    row[f"{what}_{key}"] = round(statistics.median(s[key] for s in samples), 3)
            found[size] = row
            print(f"{size}: {row}", file=sys.stderr)
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rows = measure(sizes, args.runs)
    print(f"{'events':>8} {'resume s':>9} {'cpu':>6} {'report s':>9} {'cpu':>6} {'peak MB':>8}")
    for row in rows.values():
        print(f"{int(row['events']):>8} {row['resume_seconds']:9.2f} {row['resume_cpu']:6.2f} "
              f"{row['report_seconds']:9.2f} {row['report_cpu']:6.2f} "
              f"{row['report_peak_mb']:8.0f}")
    ok = True
    for smaller, larger in zip(sizes, sizes[1:], strict=False):
        for what in ("resume", "report"):
            ratio = rows[larger][f"{what}_cpu"] / rows[smaller][f"{what}_cpu"]
            print(f"{what} cpu {larger}/{smaller}: {ratio:.1f}x (bar <= 12x)")
            ok = ok and ratio <= 12
    if 100_000 in rows:
        big = rows[100_000]
        ok = ok and big["resume_seconds"] < 2 and big["report_seconds"] < 5 \
            and big["report_peak_mb"] < 200
    print(json.dumps({str(k): v for k, v in rows.items()}))
    print("bars met" if ok else "bars NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
