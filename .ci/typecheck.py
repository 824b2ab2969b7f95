"""mypy --strict over the package as it is installed (one import name, ``casusspel``), the tests
and the benchmarks they import.

The repository keeps ``cli.py``, ``scoring/`` and ``cases/`` at the top level; the wheel maps them
into ``casusspel`` (pyproject.toml). mypy cannot follow that mapping, so this script checks a
temporary tree of symlinks laid out like the installed package; paths print as in the repo.

    python .ci/typecheck.py        # exit code of mypy

mypy's cache lives outside the checkout (``cache_dir``), so a fresh clone (as CI makes) checks
incrementally instead of from nothing: a cold check costs about 14 s of CPU, a warm one under a
second. The cache is only a cache: mypy checks each module's size and hash (and the interfaces of
what it imports) against it and checks again what changed, so it never weakens the check; writes
are atomic, so checkouts sharing it run side by side. ``MYPY_CACHE_DIR`` chooses another place.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"cli.py": "cli.py", "scoring": "scoring", "cases": "cases"}


def build_tree(target: Path) -> Path:
    package = target / "casusspel"
    package.mkdir()
    for entry in (ROOT / "casusspel").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    for source, name in MAPPED.items():
        (package / name).symlink_to(ROOT / source)
    (target / "tests").symlink_to(ROOT / "tests")
    (target / "benchmarks").symlink_to(ROOT / "benchmarks")
    return package


def cache_dir() -> Path:
    """``MYPY_CACHE_DIR``, else one per mypy and Python version in the user's cache folder."""
    chosen = os.environ.get("MYPY_CACHE_DIR")
    if chosen:
        return Path(chosen)
    from mypy.version import __version__ as mypy_version
    from platformdirs import user_cache_path

    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    return user_cache_path("casusspel") / "mypy" / f"{mypy_version}-{python}"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="casusspel-mypy-") as tmp:
        tree = Path(tmp)
        build_tree(tree)
        env = {**os.environ, "MYPYPATH": str(tree)}
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
             "--cache-dir", str(cache_dir()), "-p", "casusspel", "-p", "tests"],
            cwd=tree, env=env, capture_output=True, text=True)
        output = (result.stdout + result.stderr).replace(f"casusspel{os.sep}scoring", "scoring")
        output = output.replace(f"casusspel{os.sep}cli.py", "cli.py")
        sys.stdout.write(output)
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
