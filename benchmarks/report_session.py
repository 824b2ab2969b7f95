"""A long day's session (20 teams x 12 built-in cases, 150-250-word reflections): how long the
report in every format and the final scoreboard take (issue #19 point 1).

    python benchmarks/report_session.py [--teams 20] [--cases 12] [--runs 3] [--folder DIR]

Every reflection is different and realistic: sentences of the labelled training reflections
(``tests/data/reflections/corpus/train*.yaml``) recombined with a fixed seed until the text has
150-250 words, so no scorer cache built for repeated texts helps. The session is a real session
folder (``casusspel report`` opens it); its journal is written in one go with the journal's own
line format. The cases are the first ``--cases`` of the built-in deck in its order (12: the deck
the issue measured had 12).

Measured, each in a fresh process (no score is remembered from an earlier run), median over the
runs: opening the session; ``report_F``: building the report and rendering format F, the first
format in the process scoring every reflection (``report_first``) and the others reusing the
scores; the final scoreboard ``scoreboard_warm`` after the report (as at the end of ``play``,
where every reflection was scored at its reveal) and ``scoreboard_cold`` as the first thing after
opening (a finished session resumed); and ``casusspel report --format F`` as a whole process
(``cli_F``). CPU seconds (``*_cpu``) say what an idle machine would take when others share it.
Prints a table against the bars (report < 1 s in every format, scoreboard < 0.2 s) and one JSON
line; exits 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casusspel.content.model import Choice

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = sorted((ROOT / "tests" / "data" / "reflections" / "corpus").glob("train*.yaml"))
FORMATS = ("md", "html", "csv", "json")


@functools.cache
def corpus_sentences() -> tuple[str, ...]:
    """Sentences of four words or more from the training reflections (read once per process,
    with libyaml's parser where PyYAML has it: about 1 MB of YAML)."""
    from casusspel.scoring.train import read_yaml

    found: list[str] = []
    for source in CORPUS:
        data = read_yaml(source)
        for item in data["reflections"]:
            found.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", item["text"])
                         if len(s.split()) >= 4)
    return tuple(found)


def long_reflections(count: int, seed: int = 19, low: int = 150,
                     high: int = 250) -> list[str]:
    """``count`` different reflections of ``low``-``high`` words from corpus sentences."""
    pool = corpus_sentences()
    chooser = random.Random(seed)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < count:
        target = chooser.randint(low, high)
        words: list[str] = []
        for sentence in chooser.sample(pool, len(pool)):
            more = sentence.split()
            if len(words) + len(more) > target:
                continue
            words.extend(more)
            if len(words) >= low and len(words) >= target - 8:
                break
        text = " ".join(words)
        if low <= len(words) <= high and text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def _pick(step: int, options: tuple[Choice, ...]) -> str:
    """A different choice each step (a plausible room, and the same one every run)."""
    return options[step % len(options)].id


def make_session(parent: Path, teams: int = 20, seed: int = 19, cases_count: int = 12) -> Path:
    """A finished group session folder under ``parent``: every team answers every case."""
    from casusspel.content.casetest import next_event
    from casusspel.content.library import builtin_framework_path, load_case_files, load_framework
    from casusspel.session.events import Event, ReflectionWritten
    from casusspel.session.folders import JOURNAL, create_session
    from casusspel.session.journal import encode_line
    from casusspel.session.options import SessionOptions

    cases = load_case_files()[:cases_count]
    names = tuple(f"Tafel {n}" for n in range(1, teams + 1))
    session = create_session(parent, cases, builtin_framework_path(), load_framework(),
                             SessionOptions(teams=names), now=datetime(2026, 11, 24, 9, 0))
    session.close()
    engine, state = session.engine, session.state
    texts = iter(long_reflections(teams * len(cases), seed))
    events: list[Event] = []
    step = 0
    while not state.finished:
        step += 1
        event = next_event(engine, state, functools.partial(_pick, step))
        if isinstance(event, ReflectionWritten):
            event = replace(event, text=next(texts))
        state = engine.apply(state, event)
        events.append(event)
    with (session.folder / JOURNAL).open("ab") as handle:
        for seq, event in enumerate(events, 2):
            handle.write(encode_line(replace(event, seq=seq).to_json()))
    return session.folder


class _Clock:
    """Wall and CPU seconds of a block, written into ``out`` under ``name``."""

    def __init__(self, out: dict[str, float], name: str) -> None:
        self.out, self.name = out, name

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.out[self.name] = time.perf_counter() - self.wall
        self.out[f"{self.name}_cpu"] = time.process_time() - self.cpu


def in_process(folder: Path, scoreboard_first: bool = False) -> dict[str, float]:
    """Seconds for opening, building and rendering the report in each format, and the final
    scoreboard (after the reports, or with ``scoreboard_first`` before them: cold)."""
    from rich.console import Console

    from casusspel.messages import Messages
    from casusspel.reports import build_report, render
    from casusspel.session.folders import open_session
    from casusspel.ui import screens

    out: dict[str, float] = {}
    with _Clock(out, "open"):
        session = open_session(folder)
    console = Console(file=open(os.devnull, "w"), width=120)

    def scoreboard(name: str) -> None:
        with _Clock(out, name):
            console.print(screens.scoreboard_view(session.engine, session.state, Messages(), 120))

    if scoreboard_first:
        scoreboard("scoreboard_cold")
        return out
    for index, fmt in enumerate(FORMATS):
        with _Clock(out, "report_first" if index == 0 else f"report_{fmt}"):
            render(build_report(session.engine, session.state), fmt)
    out["scored"] = session.engine.scores.calls
    scoreboard("scoreboard_warm")
    return out


def as_process(folder: Path, fmt: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casusspel", "report", str(folder), "--format", fmt],
                   cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def fresh(folder: Path, scoreboard_first: bool = False) -> dict[str, float]:
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
            "from benchmarks.report_session import in_process; from pathlib import Path; "
            "print(json.dumps(in_process(Path(sys.argv[2]), sys.argv[3] == '1')))")
    output = subprocess.run([sys.executable, "-c", code, str(ROOT), str(folder),
                             "1" if scoreboard_first else "0"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    parsed: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return parsed


def measure(teams: int = 20, runs: int = 3, folder: Path | None = None,
            cases: int = 12) -> dict[str, float]:
    """Medians over ``runs`` fresh processes (each opens the session anew: no warm cache)."""
    own = folder is None
    parent = Path(tempfile.mkdtemp()) if folder is None else folder
    try:
        session = make_session(parent, teams, cases_count=cases)
        samples = []
        for _ in range(runs):  # alternated, so both kinds see the same load
            samples.append({**fresh(session), **fresh(session, scoreboard_first=True)})
        result = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
        for fmt in FORMATS:
            result[f"cli_{fmt}"] = statistics.median(as_process(session, fmt)
                                                     for _ in range(runs))
        return {key: round(value, 3) for key, value in result.items()}
    finally:
        if own:
            shutil.rmtree(parent, ignore_errors=True)


REPORT_BAR, SCOREBOARD_BAR = 1.0, 0.2


def verdict(result: dict[str, float]) -> list[tuple[str, float, float | None, str, bool]]:
    """(what, seconds, CPU seconds, bar, met) for each bar of issue #19 point 1."""
    rows = [(f"report {fmt} (build + render)", result[key], result.get(f"{key}_cpu"),
             f"< {REPORT_BAR} s", result[key] < REPORT_BAR)
            for fmt, key in zip(FORMATS, ["report_first", *(f"report_{f}" for f in FORMATS[1:])],
                                strict=True)]
    rows += [(f"casusspel report --format {fmt} (whole process)", result[f"cli_{fmt}"], None,
              f"< {REPORT_BAR} s", result[f"cli_{fmt}"] < REPORT_BAR) for fmt in FORMATS]
    rows += [(f"final scoreboard ({kind})", result[f"scoreboard_{kind}"],
              result[f"scoreboard_{kind}_cpu"], f"< {SCOREBOARD_BAR} s",
              result[f"scoreboard_{kind}"] < SCOREBOARD_BAR) for kind in ("warm", "cold")]
    return rows


def main() -> int:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--cases", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="keep the session here")
    args = parser.parse_args()
    result = measure(args.teams, args.runs, args.folder, args.cases)
    load = os.getloadavg()[0]
    print(f"{args.teams} teams x {args.cases} cases, {int(result['scored'])} reflections scored; "
          f"load average {load:.1f} on {os.cpu_count()} cores "
          f"({'loaded' if load > 0.5 else 'quiet'})")
    rows = verdict(result)
    for what, seconds, cpu, bar, met in rows:
        cpu_text = f"{cpu:6.2f}" if cpu is not None else "     -"
        print(f"{what:48} {seconds:7.3f} s  cpu {cpu_text} s  {bar:9} {'yes' if met else 'NO'}")
    print(json.dumps({"load": load, **result}))
    return 0 if all(row[-1] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
