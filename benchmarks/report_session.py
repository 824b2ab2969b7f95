"""A long day's session (20 teams x the 12 built-in cases, 150-250-word reflections): how long the
report in every format and the final scoreboard take (issue #19 point 1).

    python benchmarks/report_session.py [--teams 20] [--runs 3] [--folder DIR]

Every reflection is different and realistic: sentences of the labelled training reflections
(``tests/data/reflections/corpus/train*.yaml``) recombined with a fixed seed until the text has
150-250 words, so no scorer cache built for repeated texts helps. The session is a real session
folder (``casusspel report`` opens it); its journal is written in one go with the journal's own
line format. Measured: in one process (open, build, render per format; the final scoreboard as
the app draws it) and ``casusspel report --format F`` as its own process. Prints one JSON line.
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


def corpus_sentences() -> list[str]:
    import yaml

    found: list[str] = []
    for source in CORPUS:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        for item in data["reflections"]:
            found.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", item["text"])
                         if len(s.split()) >= 4)
    return found


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


def make_session(parent: Path, teams: int = 20, seed: int = 19) -> Path:
    """A finished group session folder under ``parent``: every team answers every case."""
    from casusspel.content.casetest import next_event
    from casusspel.content.library import builtin_framework_path, load_case_files, load_framework
    from casusspel.session.events import Event, ReflectionWritten
    from casusspel.session.folders import JOURNAL, create_session
    from casusspel.session.journal import encode_line
    from casusspel.session.options import SessionOptions

    cases = load_case_files()
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


def in_process(folder: Path) -> dict[str, float]:
    """Seconds for opening, building the report, each format, and the final scoreboard."""
    from rich.console import Console

    from casusspel.messages import Messages
    from casusspel.reports import build_report, render
    from casusspel.session.folders import open_session
    from casusspel.ui import screens

    out: dict[str, float] = {}
    start = time.perf_counter()
    session = open_session(folder)
    out["open"] = time.perf_counter() - start
    for fmt in FORMATS:
        start = time.perf_counter()
        render(build_report(session.engine, session.state), fmt)
        out[f"report_{fmt}"] = time.perf_counter() - start
    console = Console(file=open(os.devnull, "w"), width=120)
    start = time.perf_counter()
    console.print(screens.scoreboard_view(session.engine, session.state, Messages(), 120))
    out["scoreboard"] = time.perf_counter() - start
    return out


def as_process(folder: Path, fmt: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casusspel", "report", str(folder), "--format", fmt],
                   cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def fresh(folder: Path) -> dict[str, float]:
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); "
            "from benchmarks.report_session import in_process; "
            "from pathlib import Path; print(json.dumps(in_process(Path(sys.argv[2]))))")
    output = subprocess.run([sys.executable, "-c", code, str(ROOT), str(folder)], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    parsed: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return parsed


def measure(teams: int = 20, runs: int = 3, folder: Path | None = None) -> dict[str, float]:
    """Medians over ``runs`` fresh processes (each opens the session anew: no warm cache)."""
    own = folder is None
    parent = Path(tempfile.mkdtemp()) if folder is None else folder
    try:
        session = make_session(parent, teams)
        samples = [fresh(session) for _ in range(runs)]
        result = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
        for fmt in FORMATS:
            result[f"cli_{fmt}"] = statistics.median(as_process(session, fmt)
                                                     for _ in range(runs))
        return {key: round(value, 3) for key, value in result.items()}
    finally:
        if own:
            shutil.rmtree(parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="keep the session here")
    args = parser.parse_args()
    print(json.dumps(measure(args.teams, args.runs, args.folder)))


if __name__ == "__main__":
    main()
