"""Do two versions of the scorer give the same results? (speed work must not change scores)

    python benchmarks/scoring_equivalence.py [--base main]

Scores every reflection in tests/data/reflections/corpus/*.yaml (files with a 'reflections'
list) with the default framework, and every example reflection of the built-in deck with its
case's indicators and stereotype patterns, once with this checkout's code and once with the
code of git revision ``--base`` (exported to a temporary folder), each in its own process, and
compares the full ``score --json --explain`` output text by text. Prints one JSON line; exits 1
when any text differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DUMP = r"""
import json, sys
from pathlib import Path
import yaml
from casusspel.content.library import load_cases, load_framework
from casusspel.scoring.reflection import score_reflection

root = Path(sys.argv[1])
framework = load_framework()
out = {}
for path in sorted((root / "tests/data/reflections/corpus").glob("*.yaml")):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("reflections"), list):
        continue
    for number, item in enumerate(data["reflections"]):
        key = f"{path.name}#{number}"
        out[key] = score_reflection(item["text"], framework).to_json(explain=True)
for case in load_cases():
    for number, example in enumerate(case.examples):
        out[f"{case.id}#{number}"] = score_reflection(
            example.text, framework, case.reflection.indicators,
            case.reflection.stereotypes).to_json(explain=True)
json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
"""


def dump(source: Path) -> dict[str, object]:
    """Scores of every text with the code in ``source`` (a checkout's top folder)."""
    command = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
               "exec(sys.argv[2])", str(source), DUMP]
    # casusspel/__init__.py maps scoring/ and cases/ of the checkout it is imported from
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=source)
    result: dict[str, object] = json.loads(output.stdout)
    return result


def export(revision: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main")
    base = parser.parse_args().base
    with tempfile.TemporaryDirectory() as folder:
        theirs = dump(export(base, Path(folder)))
    ours = dump(ROOT)
    differ = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    print(json.dumps({"texts": len(ours), "base": base, "differ": len(differ),
                      "first": differ[:5]}))
    sys.exit(1 if differ or len(ours) != len(theirs) else 0)


if __name__ == "__main__":
    main()
