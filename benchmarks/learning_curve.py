"""Learning curve: cross-validated F1 per pillar when the model learns from part of the corpus.

    python benchmarks/learning_curve.py [CORPUS] [--fractions 0.25,0.5,0.75,1] [--writers]

Does more labelled data help, and how much? The folds are those of ``benchmarks/crossval.py``
(scenarios held out; with ``--writers`` also writers held out) and every fold is validated on
all its texts, but each model learns only from the texts of a fixed share of the scenarios
(always the same ones, chosen by the hash of their code, so a larger share holds the smaller)
outside its fold. The regularisation per pillar is that of the shipped model, as in
``crossval.py`` (its ``cross_validate``), and so is the threshold (the best F1 over all
out-of-fold probabilities).
Prints one JSON object: per share and scheme the F1 per pillar and the macro F1 (docs/scoring.md,
"Elfde ronde"). Needs numpy, like training.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.crossval import SHIPPED, cross_validate, tuning_data  # noqa: E402
from casusspel.scoring.train import (  # noqa: E402
    DEFAULT_CORPUS,
    folds_by_scenario,
    folds_by_writer,
    matrix,
)


def chosen_scenarios(items: Sequence[dict[str, Any]], fraction: float) -> set[str]:
    """The scenarios a model may learn from at ``fraction``: the first ones in the order of the
    MD5 hash of their code (stable, whatever the order of the items, and not alphabetical, so a
    share is a spread of rounds and settings; a larger share holds every smaller one)."""
    scenarios = sorted({str(item.get("scenario")) for item in items},
                       key=lambda s: hashlib.md5(s.encode("utf-8")).hexdigest())
    return set(scenarios[:max(1, round(fraction * len(scenarios)))])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--fractions", default="0.25,0.5,0.75,1")
    parser.add_argument("--writers", action="store_true", help="also hold out writers")
    parser.add_argument("--model", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    framework, items, penalties = tuning_data(args.corpus, args.model)
    built = matrix(items, framework)
    schemes = {"scenarios": folds_by_scenario(items)}
    if args.writers:
        schemes["writers"] = folds_by_writer(items)
    report: dict[str, Any] = {"items": len(items)}
    for fraction in (float(f) for f in args.fractions.split(",")):
        chosen = chosen_scenarios(items, fraction)
        learn = [str(item.get("scenario")) in chosen for item in items]
        for scheme, folds in schemes.items():
            result = cross_validate(items, framework, built, folds, penalties, learn)
            summary = {p: result[p]["f1"] for p in framework.pillar_ids}
            report[f"{fraction:g} {scheme}"] = {**summary, "macro": result["macro"]}
            sys.stderr.write(f"{fraction:g} {scheme}: {report[f'{fraction:g} {scheme}']}\n")
    sys.stdout.write(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
