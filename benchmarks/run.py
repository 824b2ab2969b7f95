"""Measure casusspel against its quality bars (SPEC.md, issues #15 and #19), each figure beside
the baseline measured in the same run, with the ratio and the target.

    python benchmarks/run.py [--runs N] [--only startup,validate,...] [--skip scale,calibrate]

Bars, grouped (``--only`` / ``--skip`` take these names):

- ``startup``  ``--help`` <= 1.5x, ``list`` and ``validate`` on a small deck <= 2x
               ``python -c "import typer"`` (benchmarks/startup.py)
- ``validate`` 1,000 generated cases < 2 s and faster than ``check-jsonschema`` (SPEC.md); and
               1,000 and 10,000 files within 2x the floor of parsing them with PyYAML's C loader
               in one process, with flat peak memory (benchmarks/validate_floor.py)
- ``scale``    100,000 valid cases validate in < 60 s (issue #15 point 7; benchmarks/
               validate_scale.py; several minutes)
- ``scoring``  first score in a fresh process <= 0.3 s, >= 1,000 unique realistic
               reflections/s warm, time per character flat from 1x to 16x (benchmarks/scoring.py)
- ``report``   20 teams x 12 cases with 150-250-word reflections: every report format < 1 s,
               the final scoreboard < 0.2 s (benchmarks/report_session.py)
- ``journal``  replay of 10,000 events < 1 s (SPEC.md); resume of 100,000 events < 2 s, their
               report < 5 s and < 200 MB, growth per 10x at most 12x (benchmarks/journal_scale.py)
- ``calibrate`` a labelled set of 100,000 reflections is accepted (benchmarks/labelled.py)
- ``memory``   peak RSS of a scripted session over the built-in deck < 150 MB

Each line: the median over ``--runs`` (or what the sub-benchmark reports), the baseline measured
in the same run where the bar has one, the ratio, the target, and whether it is met. The machine's
load average is printed: on a shared machine wall times grow, CPU times much less. Nothing here
asserts in the test suite; the script exits 1 when a bar is not met.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_cases import write_cases  # noqa: E402


@dataclass
class Result:
    name: str
    measured: float
    baseline: float | None
    unit: str
    bar: str
    ok: bool
    baseline_name: str = ""

    @property
    def ratio(self) -> str:
        return f"{self.measured / self.baseline:.2f}x" if self.baseline else "-"


def median_seconds(command: Sequence[str], runs: int, cwd: Path | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def casusspel_command() -> list[str]:
    exe = shutil.which("casusspel", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "casusspel"]


def bench_startup(runs: int) -> list[Result]:
    from benchmarks.startup import BARS, measure

    found = measure(max(runs, 9))
    base = found["baseline"]
    results = [Result("floor (typer, yaml, one pydantic model)", found["floor"], base,
                      "s", "(information)", True, "import typer"),
               Result("floor of list (the same and rich.table)", found["floor_list"], base,
                      "s", "(information)", True, "import typer")]
    results += [Result(f"casusspel {'--help' if name == 'help' else name + ' (3 cases)'}",
                       found[name], base, "s", f"<= {bar}x import typer",
                       found[name] <= bar * base, "import typer")
                for name, bar in BARS.items()]
    return results


def bench_validate(runs: int) -> list[Result]:
    from benchmarks.validate_floor import measure as against_floor
    from benchmarks.validate_scale import linked, pool_of

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        write_cases(folder, 1000)
        schema = folder / "casus.schema.json"  # where the cases' first line points
        schema.write_text(subprocess.run([*casusspel_command(), "schema"], capture_output=True,
                                         text=True, check=True).stdout, encoding="utf-8")
        measured = median_seconds([*casusspel_command(), "validate", str(folder)], runs)
        checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        baseline = (median_seconds([checker, "--schemafile", str(schema), *files],
                                   max(1, runs // 2)) if checker else None)
        results.append(Result("validate, 1,000 cases", measured, baseline, "s",
                              "< 2 s and < check-jsonschema",
                              measured < 2.0 and (baseline is None or measured < baseline),
                              "check-jsonschema"))
        pool = pool_of(Path(tempfile.gettempdir()) / "casusspel-bench-pool", 10_000)
        peaks = []
        for size in (1_000, 10_000):
            row = against_floor(linked(pool[:size], Path(tmp) / f"n{size}"), max(3, runs // 2))
            peaks.append(row["peak_mb"])
            results.append(Result(f"validate {size:,} files, wall", row["wall"],
                                  row["floor_wall"], "s", "<= 2x the C loader",
                                  row["wall"] <= 2 * row["floor_wall"], "yaml CSafeLoader"))
            results.append(Result(f"validate {size:,} files, CPU (all processes)", row["cpu"],
                                  row["floor_cpu"], "s", "<= 2x the C loader",
                                  row["cpu"] <= 2 * row["floor_cpu"], "yaml CSafeLoader"))
        results.append(Result("validate peak memory, 10,000 / 1,000 files", peaks[1] / peaks[0],
                              None, "x", "<= 1.25 (flat)", peaks[1] <= 1.25 * peaks[0]))
    return results


def bench_scale(runs: int) -> list[Result]:
    from benchmarks.validate_scale import linked, measure, pool_of

    files = pool_of(Path(tempfile.gettempdir()) / "casusspel-bench-pool", 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        small = measure(linked(files[:10_000], Path(tmp) / "n10k"))
        seconds, cpu, peak = measure(linked(files, Path(tmp) / "n100k"))
    per_file = cpu / 100_000
    return [Result("validate 100,000 valid cases, wall", seconds, None, "s", "< 60 s",
                   seconds < 60),
            Result("  CPU per file, 100,000 against 10,000", 1000 * per_file,
                   1000 * small[1] / 10_000, "ms", "<= 1.3x (linear)",
                   per_file <= 1.3 * small[1] / 10_000, "10,000 files"),
            Result("  peak memory of the largest process", peak, None, "MB", "(information)",
                   True)]


def _in_fresh_process(code: str) -> dict[str, float]:
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True).stdout
    parsed: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return parsed


BASELINE_IMPORT = """
import json, time
start = time.perf_counter()
import typer
print(json.dumps({"first": time.perf_counter() - start}))
"""


def bench_scoring(runs: int) -> list[Result]:
    """First score in a fresh process, throughput on unique texts, time per character
    (benchmarks/scoring.py; targets from issues #14 and #19)."""
    from benchmarks.scoring import first_score, linearity, throughput

    first = statistics.median(first_score() for _ in range(runs))
    base = statistics.median(_in_fresh_process(BASELINE_IMPORT)["first"] for _ in range(runs))
    rate = statistics.median(throughput(3.0)[0] for _ in range(3))
    per_char = linearity()
    flat = per_char["16x"] <= 2 * per_char["1x"]
    return [
        Result("first score, fresh process (imports included)", first, base, "s", "<= 0.3 s",
               first <= 0.3, "import typer"),
        Result("scoring throughput, unique texts (warm)", rate, None, "/s", ">= 1000/s",
               rate >= 1000),
        Result("scoring time per character at 16x length", per_char["16x"], per_char["1x"],
               "us", "<= 2x the time at 1x (linear)", flat, "1x length"),
    ]


def bench_report(runs: int) -> list[Result]:
    from benchmarks.report_session import measure, verdict

    found = measure(20, max(3, runs // 2), cases=12)
    return [Result(what, seconds, None, "s", bar, met)
            for what, seconds, _, bar, met in verdict(found)]


JOURNAL = """
import json, time, tempfile
from pathlib import Path
from benchmarks.journal_events import write_journal
from casusspel.session.journal import read_journal
from casusspel.session.engine import Engine
folder = Path(tempfile.mkdtemp())
path = write_journal(folder / "journal.jsonl", 10_000)
start = time.perf_counter()
events, warnings = read_journal(path)
from benchmarks.journal_events import builtin_engine
state = builtin_engine().replay(events)
print(json.dumps({"replay": time.perf_counter() - start, "events": len(events)}))
"""


def bench_journal(runs: int) -> list[Result]:
    from benchmarks.journal_scale import measure

    values = [_in_fresh_process(JOURNAL) for _ in range(runs)]
    replay = statistics.median(v["replay"] for v in values)
    results = [Result(f"journal replay, {int(values[0]['events']):,} events", replay, None, "s",
                      "< 1 s", replay < 1.0)]
    rows = measure([1_000, 10_000, 100_000], max(3, runs // 2))
    big = rows[100_000]
    results += [
        Result("resume, 100,000 events", big["resume_seconds"], None, "s", "< 2 s",
               big["resume_seconds"] < 2),
        Result("report, 100,000 events", big["report_seconds"], None, "s", "< 5 s",
               big["report_seconds"] < 5),
        Result("report peak memory, 100,000 events", big["report_peak_mb"], None, "MB",
               "< 200 MB", big["report_peak_mb"] < 200)]
    for what in ("resume", "report"):
        for small, large in ((1_000, 10_000), (10_000, 100_000)):
            results.append(Result(
                f"{what} CPU, {large:,} / {small:,} events", rows[large][f"{what}_cpu"],
                rows[small][f"{what}_cpu"], "s", "<= 12x (linear)",
                rows[large][f"{what}_cpu"] <= 12 * rows[small][f"{what}_cpu"],
                f"{small:,} events"))
    return results


def bench_calibrate(runs: int) -> list[Result]:
    from benchmarks.labelled import write_labelled

    with tempfile.TemporaryDirectory() as tmp:
        path = write_labelled(Path(tmp) / "labelled.yaml", 100_000)
        start = time.perf_counter()
        done = subprocess.run([*casusspel_command(), "calibrate", str(path), "--json"],
                              capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
    scored = json.loads(done.stdout)["pillars"] if done.returncode == 0 else {}
    counted = min((p.get("n", 0) for p in scored.values()), default=0)
    return [Result("calibrate, 100,000 labelled reflections", seconds, None, "s",
                   "accepted, every item scored", done.returncode == 0 and counted == 100_000)]


def bench_memory(runs: int) -> list[Result]:
    script = ROOT / "benchmarks" / "scripted_session.py"
    peaks = []
    for _ in range(runs):
        output = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                                cwd=ROOT, check=True, env={**os.environ, "COLUMNS": "100"})
        peaks.append(json.loads(output.stdout.strip().splitlines()[-1])["peak_mb"])
    peak = statistics.median(peaks)
    return [Result("peak RSS, scripted session (built-in deck)", peak, None, "MB", "< 150 MB",
                   peak < 150)]


BENCHES: dict[str, Callable[[int], list[Result]]] = {
    "startup": bench_startup,
    "validate": bench_validate,
    "scale": bench_scale,
    "scoring": bench_scoring,
    "report": bench_report,
    "journal": bench_journal,
    "calibrate": bench_calibrate,
    "memory": bench_memory,
}


def main() -> int:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(BENCHES))
    parser.add_argument("--skip", default="")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    results: list[Result] = []
    loads = [os.getloadavg()[0]]
    for name in args.only.split(","):
        if name not in skip:
            results.extend(BENCHES[name](args.runs))
            loads.append(os.getloadavg()[0])
    print(f"load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores during the "
          f"run ({'quiet' if max(loads) <= 0.5 else 'loaded: wall times are longer'})")
    print(f"{'bar':52} {'measured':>11} {'baseline':>10} {'ratio':>7}  {'target':30} ok")
    for r in results:
        base = f"{r.baseline:.3f}" if r.baseline is not None else "-"
        print(f"{r.name:52} {r.measured:>9.3f}{r.unit:>2} {base:>10} {r.ratio:>7}  {r.bar:30} "
              f"{'yes' if r.ok else 'NO'}")
    baselines = sorted({r.baseline_name for r in results if r.baseline_name})
    if baselines:
        print("baselines: " + "; ".join(baselines))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
