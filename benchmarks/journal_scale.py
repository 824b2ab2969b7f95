"""Loading long sessions (issue #19 point 2): resume and report of 1k, 10k and 100k-event journals.

    python benchmarks/journal_scale.py [--sizes 1000,10000,100000] [--runs 3]

Each size is a real session folder (``journal_events.write_session``: five teams playing the
built-in deck round after round, its distinct case files behind thousands of rounds). Measured,
each in a fresh process, median over the runs: ``resume`` (open the session for writing: lock,
read and verify every line, parse the case copies, replay; then the controller as ``casusspel
resume`` makes it) and ``report`` (open read-only, build the report, write the Markdown part
by part as ``casusspel report`` does), with the peak memory of the report process. Every
reflection in these journals is the same text, so the report scores one text per case.

Bars: resume of 100k events < 2 s, its report < 5 s and < 200 MB; time(10k)/time(1k) and
time(100k)/time(10k) <= 12 (linear). Prints a table and one JSON line; exits 1 when a bar is
not met.
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
import json, sys, time
from benchmarks.memory import peak_mb
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
else:  # as 'casusspel report ID --format md > FILE' does: the Markdown written part by part
    import os
    from casusspel.reports import build_report, render_parts
    session = open_session(folder)
    with open(os.devnull, "w", encoding="utf-8") as out:
        for part in render_parts(build_report(session.engine, session.state), "md"):
            out.write(part)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "events": session.state.last_seq,
                  "peak_mb": peak_mb()}))
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
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rows = measure(sizes, args.runs)
    import os

    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores "
          f"({'loaded' if load > 0.5 else 'quiet'})")
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
        for what, value, bar in (("resume", big["resume_seconds"], 2),
                                 ("report", big["report_seconds"], 5),
                                 ("report peak MB", big["report_peak_mb"], 200)):
            print(f"100000 events {what}: {value:.2f} (bar < {bar}): "
                  f"{'yes' if value < bar else 'NO'}")
            ok = ok and value < bar
    print(json.dumps({str(k): v for k, v in rows.items()}))
    print("bars met" if ok else "bars NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
