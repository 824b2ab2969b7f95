"""Instructions per file of validate's worker loop, counted by callgrind: the figure to decide
small changes by on a machine that others share (the load changes CPU seconds, not this).

    python benchmarks/validate_instructions.py FOLDER [--files 60] [--python PYTHON]

Runs ``_check_each`` as a worker does, under ``valgrind --tool=callgrind``: first every 100th
file of FOLDER (for copies of the deck: one of each case, so that what a long run remembers is
remembered), then ``--files`` other files spread over the folder; the same run with no files
after the first part is subtracted (imports, start-up). ``PYTHONHASHSEED=0`` keeps the counts
the same from run to run. ``--python`` is another checkout's venv python, to compare with main.
Needs valgrind (``apt-get install valgrind``); about a minute for 60 files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

_LOOP = """
import sys
from pathlib import Path
from casusspel.content.checks import _check_each
from casusspel.content.library import expand_paths
files, _ = expand_paths([Path(sys.argv[1])])
list(_check_each(files[::100], None))
count = int(sys.argv[2])
step = max(1, len(files) // max(count, 1))
for _ in _check_each(files[7::step][:count], None):
    pass
"""


def instructions(python: str, folder: Path, count: int) -> int:
    """Instructions of one run over ``count`` files (after the first part)."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-c", _LOOP,
         str(folder), str(count)],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
        cwd=folder)  # (not a checkout: ``-c`` puts the working folder first on the path)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"no count from callgrind:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed", file=sys.stderr)
        return 2
    base = instructions(args.python, args.folder, 0)
    total = instructions(args.python, args.folder, args.files)
    print(f"{(total - base) / args.files:,.0f} instructions per file "
          f"({args.files} files of {args.folder}, {args.python})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
