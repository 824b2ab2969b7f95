"""A fixed corpus for `casusspel validate`: valid, mutated and junk files, the same every time.

    python benchmarks/validate_corpus.py OUT_DIR            # write the corpus
    python benchmarks/validate_corpus.py OUT_DIR --expect   # and print what validate finds

What validate finds on it is kept in ``tests/data/validate/corpus-problems.txt``:
``tests/test_validate_scale.py`` checks that a faster validate finds exactly the same problems
(file, line, column, severity, code, message). After a deliberate change in the checks, write
the file again with ``--expect`` (from the repository folder) and read the difference.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_cases import write_cases  # noqa: E402

EXPECTED = ROOT / "tests" / "data" / "validate" / "corpus-problems.txt"
VALID, MUTATED = 60, 180  # with the junk files above validate's parallel threshold (200)

INSERTS = [
    "jan@example.nl", "06-12345678", "NL91ABNA0417164300", "1234 AB 12", "Dorpsstraat 12",
    "geboren 12-03-1980", "TODO", "“curly”", "\t", "\x1b[31m", "\\e", "‮", "[bold]x[/]",
    ": ", "- ", "{", "[", "'", '"', "&a ", "*a", "!!python/object ", "\u00a0", "~", "<<: x",
    "In hun cultuur is dat zo.", "Die mensen willen nou eenmaal geen hulp.", "factors:",
]


def _line_edit(rng: random.Random, lines: list[str]) -> None:
    at = rng.randrange(len(lines))
    kind = rng.randrange(6)
    if kind == 0:
        del lines[at]
    elif kind == 1:
        lines.insert(at, lines[at])
    elif kind == 2:
        lines[at] = " " * rng.randint(1, 3) + lines[at]
    elif kind == 3:
        lines[at] = lines[at].lstrip()
    elif kind == 4:
        cut = rng.randint(0, len(lines[at]))
        lines[at] = lines[at][:cut] + rng.choice(INSERTS) + lines[at][cut:]
    else:
        lines[at] = lines[at].replace(":", "", 1)


def mutated(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        _line_edit(rng, lines)
    return "\n".join(lines)


JUNK: list[Callable[[random.Random], bytes]] = [
    lambda rng: b"choices:\n" + b"  - {id: 1, text: 2}\n" * 3_000,
    lambda rng: bytes(rng.randrange(256) for _ in range(20_000)),
    lambda rng: b"[" * 3_000 + b"]" * 3_000,
    lambda rng: b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}] \n".encode() for i in range(30)),
    lambda rng: b"",
    lambda rng: b"- just\n- a\n- list\n",
    lambda rng: "id: Été\ntitle: \u202eomgekeerd\n".encode(),
    lambda rng: b"\xef\xbb\xbfid: bom\n\x00",
    lambda rng: b"id: dubbel\nid: dubbel\n",
    lambda rng: b"pillars: []\nid: x\n",
    lambda rng: b"title: Dag\nblocks:\n  - cases: [bestaat-niet, tolk-aan-tafel]\n",
    lambda rng: "  ".join(["id:"] * 200).encode(),
]


def write_corpus(folder: Path, seed: int = 19) -> Path:
    """Valid generated cases, mutated copies of others, junk, and two copies of a built-in
    case (one changed): every code path of validate, in 250 files."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = write_cases(folder / "geldig", VALID + MUTATED)
    rng = random.Random(seed)
    target = folder / "gemuteerd"
    target.mkdir(exist_ok=True)
    for path in cases[VALID:]:
        (target / path.name).write_text(mutated(path.read_text(encoding="utf-8"), rng),
                                        encoding="utf-8")
        path.unlink()
    junk = folder / "rommel"
    junk.mkdir(exist_ok=True)
    for index, make in enumerate(JUNK):
        (junk / f"rommel-{index:02d}.yaml").write_bytes(make(rng))
    builtin = ROOT / "cases"
    (folder / "kopie-tolk.yaml").write_bytes((builtin / "tolk-aan-tafel.yaml").read_bytes())
    (folder / "kopie-tolk-2.yaml").write_bytes((builtin / "tolk-aan-tafel.yaml").read_bytes())
    (folder / "veranderd-brief.yaml").write_text(
        (builtin / "brief-van-de-gemeente.yaml").read_text(encoding="utf-8").replace(
            "minutes:", "minutes: 25\n#", 1), encoding="utf-8")
    return folder


def problem_lines(folder: Path) -> list[str]:
    """What ``casusspel validate`` prints on ``folder`` (run from inside it), one line per
    problem without its hint; the built-in deck's folder is written as ``<ingebouwd>``."""
    import os

    from typer.testing import CliRunner

    from casusspel.cli import app
    from casusspel.content.library import builtin_dir

    here = os.getcwd()
    os.chdir(folder)
    try:
        output = CliRunner().invoke(app, ["validate", "."]).stdout
    finally:
        os.chdir(here)
    return [line.replace(str(builtin_dir()), "<ingebouwd>") for line in output.splitlines()
            if not line.startswith("    hint:")]


def by_file(lines: list[str]) -> dict[str, list[str]]:
    """Problem lines per file, in the order printed (the contract: sorted per file by line)."""
    files: dict[str, list[str]] = {}
    for line in lines:
        files.setdefault(line.split(":", 1)[0], []).append(line)
    return files


def main() -> None:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    folder = write_corpus(Path(sys.argv[1]))
    if "--expect" in sys.argv:
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text("\n".join(problem_lines(folder)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
