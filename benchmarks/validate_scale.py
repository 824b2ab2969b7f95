"""`casusspel validate` at scale: wall time, time per file and peak memory for growing folders.

    python benchmarks/validate_scale.py [--sizes 10000,50000,100000] [--runs 3] [--pool DIR]
        [--junk N] [--source generated|deck|both] [--no-floor]

The bar (SPEC.md, issue 15): 100,000 valid cases in under 60 s on a 2-core machine, and linear
in the number of files (the CPU time per file of the largest folder at most 1.3x that of the one
before it). The generated cases are made once in ``--pool`` (default: a folder in the system
temp folder, kept for the next run); each size is a folder of hard links to the first N of them.
``--source deck`` checks copies of the built-in deck instead (each with an id of its own, the
schema beside them: real cases, with their quotes, stages, examples and silenced warnings);
``both`` measures each kind of folder. ``--junk`` adds a run over junk files (huge lists,
binary, deep nesting, files over the size cap, a link to ``/dev/zero``, a FIFO) to show memory
stays bounded. Nothing here asserts: it reports, and exits 1 when a bar is not met.

The machine is shared, so each folder is measured ``--runs`` times (medians), and each run of
validate is followed by a run of the floor on the same folder (the baseline measured in the
same minutes): every file read and parsed with PyYAML's C loader, in one worker process per core
as validate does, nothing checked. The ratio validate / floor hardly moves with the load, where
the wall time does. The speed of the machine itself (a loop of 10 million additions, which
took 1.4-1.7 s on 2026-11-24 and 0.67 s on 2026-11-25) is printed before and after, so figures
of different days can be compared.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_cases import write_cases  # noqa: E402


def pool_of(folder: Path, count: int) -> list[Path]:
    """At least ``count`` generated cases in ``folder`` (made once, then reused)."""
    have = sorted(folder.glob("gegenereerd-*.yaml")) if folder.is_dir() else []
    if len(have) < count:
        print(f"{count} casussen maken in {folder} (eenmalig) ...", file=sys.stderr)
        have = write_cases(folder, count)
    return sorted(have)[:count]


_ID_LINE = re.compile(r"^id:[ \t]*(\S+)[ \t]*$", re.M)


def deck_pool_of(folder: Path, count: int) -> list[Path]:
    """At least ``count`` copies of the built-in deck's cases in ``folder`` (made once), each
    with an id of its own ('tolk-aan-tafel-k00031') and the case schema beside them, so that
    the copies are valid cases with a working schema link, as an author's folder would be."""
    from casusspel.content.library import SCHEMA_FILE, builtin_dir

    have = sorted(folder.glob("*-k[0-9]*.yaml")) if folder.is_dir() else []
    if len(have) < count:
        print(f"{count} kopieën van het spel maken in {folder} (eenmalig) ...", file=sys.stderr)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(builtin_dir() / SCHEMA_FILE, folder / SCHEMA_FILE)
        deck = [(p.stem, p.read_text(encoding="utf-8"))
                for p in sorted(builtin_dir().glob("*.yaml"))]
        have = []
        for index in range(count):
            stem, text = deck[index % len(deck)]
            copy, found = _ID_LINE.subn(rf"id: \g<1>-k{index:05d}", text, count=1)
            assert found == 1, stem
            path = folder / f"{stem}-k{index:05d}.yaml"
            path.write_text(copy, encoding="utf-8")
            have.append(path)
    # in the order validate reads them (by name), the first ``count`` of the index order
    return sorted(sorted(have, key=lambda p: p.stem.rsplit("-k", 1)[1])[:count])


def linked(files: list[Path], target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in files:
        os.link(path, target / path.name)
    schema = files[0].parent / "casus.schema.json" if files else None
    if schema is not None and schema.exists():  # the deck's copies link to it
        os.link(schema, target / schema.name)
    return target


def junk(target: Path, count: int) -> Path:
    """Files that are no case at all: big lists, random bytes, deep nesting, many aliases."""
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    for index in range(count):
        kind = index % 4
        path = target / f"rommel-{index:05d}.yaml"
        if kind == 0:
            path.write_text("choices:\n" + "  - {id: 1, text: 2}\n" * 20_000, encoding="utf-8")
        elif kind == 1:
            path.write_bytes(bytes(rng.randrange(256) for _ in range(200_000)))
        elif kind == 2:
            path.write_text("[" * 5_000 + "]" * 5_000, encoding="utf-8")
        else:
            path.write_text("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
                f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}] \n" for i in range(50)),
                encoding="utf-8")
    # over the size cap (refused before it is read: CS002), hard-linked so that many cost no
    # disk; a link to an endless device and a FIFO (refused before they are opened: CS004)
    huge = target / "te-groot-00000.yaml"
    with huge.open("wb") as out:
        out.truncate(50_000_000)
    for index in range(1, max(1, count // 4)):
        os.link(huge, target / f"te-groot-{index:05d}.yaml")
    if os.path.exists("/dev/zero"):
        (target / "nul.yaml").symlink_to("/dev/zero")
    if hasattr(os, "mkfifo"):
        os.mkfifo(target / "pijp.yaml")
    return target


def measure(folder: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (all processes) and peak resident memory (MB) of one run.

    The CPU time says what the wall time would be on an idle machine (CPU / cores) when other
    work shares the machine. The run is started from a small go-between process, so the memory
    of this one (the list of 100,000 paths) does not count as validate's."""
    from benchmarks.memory import run_measured

    return run_measured([sys.executable, "-m", "casusspel", "validate", str(folder)])


#: the floor: every file read and parsed with the C loader, one worker process per core (fork),
#: in chunks as validate hands them out; nothing checked, nothing printed
FLOOR = """
import os, sys, yaml
from multiprocessing import get_context
from pathlib import Path
def parse(paths):
    for path in paths:
        with open(path, "rb") as file:
            yaml.load(file.read(), Loader=yaml.CSafeLoader)
    return len(paths)
files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.yaml"))
chunks = [files[i:i + 400] for i in range(0, len(files), 400)]
with get_context("fork").Pool(os.cpu_count() or 1) as pool:
    assert sum(pool.imap(parse, chunks)) == len(files)
"""

SPEED = ("import time; start = time.process_time(); total = 0\n"
         "for i in range(10_000_000): total += i\n"
         "print(time.process_time() - start)")


def machine_speed() -> float:
    """CPU seconds of a loop of 10 million additions (median of three): how fast a CPU second
    is on this machine today (it changes from day to day on a shared cloud machine)."""
    return statistics.median(float(subprocess.run(
        [sys.executable, "-c", SPEED], capture_output=True, text=True, check=True).stdout)
        for _ in range(3))


def floor(folder: Path) -> tuple[float, float, float]:
    from benchmarks.memory import run_measured

    return run_measured([sys.executable, "-c", FLOOR, str(folder)])


def measured_runs(folder: Path, runs: int, with_floor: bool) -> dict[str, float]:
    """Medians of ``runs`` runs of validate and (alternating with them) of the floor."""
    samples: dict[str, list[float]] = {key: [] for key in (
        "wall", "cpu", "peak", "floor_wall", "floor_cpu", "load")}
    for _ in range(runs):
        samples["load"].append(os.getloadavg()[0])
        wall, cpu, peak = measure(folder)
        samples["wall"].append(wall)
        samples["cpu"].append(cpu)
        samples["peak"].append(peak)
        print(f"  {folder.name}: validate {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MB, "
              f"load {samples['load'][-1]:.1f}", file=sys.stderr, flush=True)
        if with_floor:
            wall, cpu, _ = floor(folder)
            samples["floor_wall"].append(wall)
            samples["floor_cpu"].append(cpu)
            print(f"  {folder.name}: floor {wall:.1f} s wall, {cpu:.1f} s CPU",
                  file=sys.stderr, flush=True)
    return {key: statistics.median(values) if values else float("nan")
            for key, values in samples.items()}


def main() -> int:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--runs", type=int, default=3, help="medians over this many runs")
    parser.add_argument("--no-floor", action="store_true",
                        help="skip the baseline runs of the C loader alone")
    parser.add_argument("--pool", type=Path,
                        default=Path(tempfile.gettempdir()) / "casusspel-bench-pool")
    parser.add_argument("--deck-pool", type=Path,
                        default=Path(tempfile.gettempdir()) / "casusspel-bench-deck")
    parser.add_argument("--source", choices=("generated", "deck", "both"), default="generated")
    parser.add_argument("--junk", type=int, default=0, help="also this many junk files")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    sources = ("generated", "deck") if args.source == "both" else (args.source,)
    rows = []
    ok = True
    speed_before = machine_speed()
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            files = (pool_of(args.pool, sizes[-1]) if source == "generated"
                     else deck_pool_of(args.deck_pool, sizes[-1]))
            measured = []
            for size in sizes:
                folder = linked(files[:size], Path(tmp) / f"{source}-{size}")
                floor(folder)  # warm the file cache (reads every file)
                row = measured_runs(folder, args.runs, not args.no_floor)
                measured.append((f"{size} {source}", size, row))
                shutil.rmtree(folder)
            rows += measured
            ok = _bar_met([(n, c, r["wall"], r["cpu"], r["peak"]) for n, c, r in measured]) \
                and ok
        if args.junk:
            seconds, cpu, peak = measure(junk(Path(tmp) / "junk", args.junk))
            rows.append((f"{args.junk} junk files", args.junk, {
                "wall": seconds, "cpu": cpu, "peak": peak, "floor_wall": float("nan"),
                "floor_cpu": float("nan"), "load": os.getloadavg()[0]}))
    speed_after = machine_speed()
    cores = os.cpu_count() or 1
    print(f"machine speed (10 million additions): {speed_before:.2f} s before, "
          f"{speed_after:.2f} s after; {args.runs} runs each, medians; {cores} cores")
    print(f"{'what':>20} {'load':>5} {'wall s':>7} {'cpu s':>7} {'cpu ms/file':>11} "
          f"{'floor wall':>10} {'floor cpu':>9} {'wall x':>6} {'cpu x':>6} {'peak MB':>8}")
    for name, count, row in rows:
        print(f"{name:>20} {row['load']:5.1f} {row['wall']:7.1f} {row['cpu']:7.1f} "
              f"{1000 * row['cpu'] / count:11.3f} {row['floor_wall']:10.1f} "
              f"{row['floor_cpu']:9.1f} {row['wall'] / row['floor_wall']:6.2f} "
              f"{row['cpu'] / row['floor_cpu']:6.2f} {row['peak']:8.0f}")
    print("bar met" if ok else "bar NOT met: < 60 s for 100,000 and at most 1.3x CPU per file")
    return 0 if ok else 1


def _bar_met(rows: list[tuple[str, int, float, float, float]]) -> bool:
    """Linear (the CPU time per file of the largest folder at most 1.3x that of the next one:
    the smallest runs are dominated by starting Python), and 100,000 files under 60 s."""
    smaller, largest = rows[-2] if len(rows) > 1 else rows[-1], rows[-1]
    ok = largest[3] / largest[1] <= 1.3 * smaller[3] / smaller[1]
    return ok and (largest[1] < 100_000 or largest[2] < 60)


if __name__ == "__main__":
    sys.exit(main())
