"""Scorer speed on unique, realistic reflections (issue #14 point 5).

    python benchmarks/scoring.py [--seconds S]

- first score in a fresh process (imports, framework, lemma table, model): target <= 0.3 s;
- warm throughput on texts that were never scored before in the process (no cache helps):
  sentences of the labelled reflections recombined into new texts with a fixed seed;
  target >= 1,000 reflections/s;
- linear in text length: time per character for texts of 1x, 4x and 16x the length.
Prints one JSON line; ``benchmarks/run.py --only scoring`` runs it too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCES = ["tests/data/reflections/corpus/train.yaml", "tests/data/reflections/corpus/dev.yaml",
           "tests/data/reflections/dev.yaml", "tests/data/reflections/holdout.yaml"]

FIRST_SCORE = """
import json, time
start = time.perf_counter()
from casusspel.content.library import load_framework
from casusspel.scoring.reflection import score_reflection
text = "We gingen ervan uit dat hij een tolk nodig had; we vroegen door."
score_reflection(text, load_framework())
print(json.dumps({"first": time.perf_counter() - start}))
"""


def sentences() -> list[str]:
    import yaml

    found: list[str] = []
    for source in SOURCES:
        data = yaml.safe_load((ROOT / source).read_text(encoding="utf-8"))
        for item in data["reflections"]:
            found.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", item["text"]) if s.strip())
    return found


def unique_texts(count: int, seed: int = 14) -> list[str]:
    """``count`` different reflections of 1-6 sentences, each with a numbered detail."""
    pool = sentences()
    chooser = random.Random(seed)
    texts = []
    for number in range(count):
        picked = chooser.sample(pool, chooser.randint(1, 6))
        texts.append(" ".join(picked) + f" (tafel {number})")
    return texts


def first_score() -> float:
    output = subprocess.run([sys.executable, "-c", FIRST_SCORE], capture_output=True, text=True,
                            cwd=ROOT, check=True).stdout
    return float(json.loads(output.strip().splitlines()[-1])["first"])


def throughput(seconds: float) -> tuple[float, float]:
    from casusspel.content.library import load_framework
    from casusspel.scoring.reflection import score_reflection

    framework = load_framework()
    texts = unique_texts(20_000)
    score_reflection("warm", framework)
    start = time.perf_counter()
    count = 0
    for text in texts:
        score_reflection(text, framework)
        count += 1
        if time.perf_counter() - start > seconds:
            break
    took = time.perf_counter() - start
    mean_chars = sum(len(t) for t in texts[:count]) / count
    return count / took, mean_chars


def linearity() -> dict[str, float]:
    """Microseconds per character at 1x, 4x and 16x a 2,000-character text (unique words)."""
    from casusspel.content.library import load_framework
    from casusspel.scoring.reflection import score_reflection

    framework = load_framework()
    base = " ".join(unique_texts(400, seed=7))
    per_char = {}
    for factor in (1, 4, 16):
        text = base[:2000 * factor]
        start = time.perf_counter()
        score_reflection(text, framework)
        per_char[f"{factor}x"] = round(1e6 * (time.perf_counter() - start) / len(text), 2)
    return per_char


def measure(seconds: float = 3.0) -> dict[str, object]:
    rate, chars = throughput(seconds)
    return {"first_score_s": round(min(first_score() for _ in range(3)), 3),
            "unique_per_s": round(rate), "mean_chars": round(chars),
            "us_per_char": linearity()}


def main() -> None:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    print(json.dumps(measure(parser.parse_args().seconds)))


if __name__ == "__main__":
    main()
