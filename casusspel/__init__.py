"""casusspel: a case-study game engine for trainings in diversity-sensitive work.

An installed copy holds everything under this one import name: ``casusspel.cli``,
``casusspel.scoring`` and ``casusspel.cases`` are built from the repository's top-level ``cli.py``,
``scoring/`` and ``cases/`` (see ``[tool.hatch.build]`` in pyproject.toml). In a source checkout
those sit beside this folder, so the package also looks there.
"""

import os as _os

__version__ = "0.2.0"


def _find_source_tree_parts() -> None:
    here = _os.path.dirname(_os.path.abspath(__file__))
    root = _os.path.dirname(here)
    installed = _os.path.isdir(_os.path.join(here, "scoring"))
    checkout = all(_os.path.exists(_os.path.join(root, part))
                   for part in ("cli.py", "scoring", "cases", "pyproject.toml"))
    if checkout and not installed and root not in __path__:
        __path__.append(root)


_find_source_tree_parts()
