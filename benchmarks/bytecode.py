"""Compile casusspel's modules before measuring, as an installation does.

``pip install`` writes the ``.pyc`` files of a package, so a user's ``casusspel`` never compiles
its own source. An editable install (a developer's, these benchmarks') writes them on first
import, unless ``PYTHONDONTWRITEBYTECODE`` is set: then every process compiles every casusspel
module it imports from source again (about 10% of ``casusspel list``, a few % of the rest),
while ``import typer``, the start-up baseline, comes from site-packages already compiled. Each
benchmark calls ``ensure_bytecode`` first, so what it measures is what a user runs.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ensure_bytecode() -> None:
    for folder in ("casusspel", "scoring", "cases"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)
