"""Measure casusspel against the quality bars of SPEC.md.

    python benchmarks/run.py [--runs N] [--only help,validate,scoring,journal,memory]

Each bar is measured as a median over N runs (default 5), next to a baseline measured in the same
run, with the ratio. Nothing here asserts: it reports, and exits 1 when a bar is not met.
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
    exe = shutil.which("casusspel")
    return [exe] if exe else [sys.executable, str(ROOT / "cli.py")]


def bench_help(runs: int) -> list[Result]:
    median_seconds([*casusspel_command(), "--help"], 1)  # warm the file cache
    measured = median_seconds([*casusspel_command(), "--help"], runs)
    baseline = median_seconds([sys.executable, "-c", "import typer"], runs)
    return [Result("casusspel --help", measured, baseline, "s", "<= 1.5x import typer",
                   measured <= 1.5 * baseline)]


def bench_validate(runs: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        write_cases(folder, 1000)
        schema = folder / "casus.schema.json"  # where the cases' first line points
        schema.write_text(subprocess.run([*casusspel_command(), "schema"], capture_output=True,
                                         text=True, check=True).stdout, encoding="utf-8")
        measured = median_seconds([*casusspel_command(), "validate", str(folder)], runs)
        checker = shutil.which("check-jsonschema")
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        baseline = (median_seconds([checker, "--schemafile", str(schema), *files],
                                   max(1, runs // 2)) if checker else None)
    ok = measured < 2.0 and (baseline is None or measured < baseline)
    return [Result("validate, 1000 cases", measured, baseline, "s",
                   "< 2 s and faster than check-jsonschema", ok)]


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
    (benchmarks/scoring.py; targets from issue #14)."""
    from benchmarks.scoring import first_score, linearity, throughput

    first = statistics.median(first_score() for _ in range(runs))
    base = statistics.median(_in_fresh_process(BASELINE_IMPORT)["first"] for _ in range(runs))
    rate, _ = throughput(3.0)
    per_char = linearity()
    flat = per_char["16x"] <= 2 * per_char["1x"]
    return [
        Result("first score, fresh process", first, base, "s", "<= 0.3 s", first <= 0.3),
        Result("scoring throughput, unique texts (warm)", rate, None, "/s", ">= 1000/s",
               rate >= 1000),
        Result("scoring time per character at 16x length", per_char["16x"], per_char["1x"],
               "us", "<= 2x the time at 1x (linear)", flat),
    ]


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
    values = [_in_fresh_process(JOURNAL) for _ in range(runs)]
    replay = statistics.median(v["replay"] for v in values)
    return [Result(f"journal replay, {int(values[0]['events'])} events", replay, None, "s",
                   "< 1 s", replay < 1.0)]


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
    "help": bench_help,
    "validate": bench_validate,
    "scoring": bench_scoring,
    "journal": bench_journal,
    "memory": bench_memory,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(BENCHES))
    args = parser.parse_args()
    results: list[Result] = []
    for name in args.only.split(","):
        results.extend(BENCHES[name](args.runs))
    print(f"{'bar':44} {'median':>10} {'baseline':>10} {'ratio':>7}  {'target':34} ok")
    for r in results:
        base = f"{r.baseline:.3f}" if r.baseline is not None else "-"
        print(f"{r.name:44} {r.measured:>8.3f}{r.unit:>2} {base:>10} {r.ratio:>7}  {r.bar:34} "
              f"{'yes' if r.ok else 'NO'}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
