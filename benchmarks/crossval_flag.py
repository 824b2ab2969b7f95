"""Cross-validate the stereotype flag: the rules alone against the rules with the clause model.

    python benchmarks/crossval_flag.py [CORPUS_FOLDER] [--json OUT]

On every set ``scoring/train.py`` trains on, the clause model (``scoring/flag_model.py``) is
trained without one group and scored on it, twice: scenarios held out
(``train.folds_by_scenario``) and writers held out (``train.folds_by_writer``), at the
threshold of the shipped ``scoring/data/flag-standaard-nl.json``. A text counts as flagged when
the rules flag it or its best clause passes the threshold. Per scheme tp / fp / fn, precision
and recall, beside the rules alone (not trained: the same in both schemes, and tuned on these
sets over eight rounds, so their figures here are optimistic), and per writer group (the
group of a test split whose errors the rules were never tuned on is the fairest comparison),
and per labelled set (its file name). Needs numpy.

(Round 13 measured a list-free detector here with ``--generic SPEC``; it was not kept: commit
6e26a96 has it, docs/scoring.md "Dertiende ronde: de vlag zonder lijst" the figures.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casusspel.scoring.train import (  # noqa: E402
    DEFAULT_CORPUS,
    WRITER_GROUPS,
    folds_by_scenario,
    folds_by_writer,
    read_yaml,
    training_files,
)
from casusspel.scoring.train_flag import clauses, counts, out_of_fold, rule_flags  # noqa: E402

SHIPPED = ROOT / "scoring" / "data" / "flag-standaard-nl.json"


def figures(said: Sequence[bool], labels: Sequence[bool]) -> dict[str, Any]:
    tp, fp, fn = counts(said, labels)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(tp / (tp + fp), 4) if tp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--threshold", type=float, help="instead of the shipped model's")
    args = parser.parse_args(argv)
    threshold = args.threshold or json.loads(SHIPPED.read_text("utf-8"))["threshold"]
    items, sets = _load(args.corpus)
    labels = [bool(i.get("stereotype")) for i in items]
    rules = rule_flags(items)
    found = clauses(items)
    groups = folds_by_writer(items)
    names = list(dict.fromkeys(sets))
    numbers = [names.index(s) for s in sets]
    report: dict[str, Any] = {"items": len(items), "threshold": threshold,
                              "rules": figures(rules, labels)}
    for scheme, folds in (("scenarios", folds_by_scenario(items)), ("writers", groups)):
        out = out_of_fold(found, labels, folds)
        said = [r or p >= threshold for r, p in zip(rules, out, strict=True)]
        report[scheme] = figures(said, labels)
        kinds = {"rules": rules, "with_model": said}
        report[scheme]["per_writer_group"] = {
            _name(group): {kind: list(counts(*_only(flags, labels, groups, group)))
                           for kind, flags in kinds.items()}
            for group in sorted(set(groups))}
        report[scheme]["per_set"] = {
            name: {kind: list(counts(*_only(flags, labels, numbers, number)))
                   for kind, flags in kinds.items()}
            for number, name in enumerate(names)}
    text = json.dumps(report, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")


def _load(folder: Path) -> tuple[list[Any], list[str]]:
    """The items ``train.load_items`` reads, in its order, with the name of each one's set."""
    items: list[Any] = []
    sets: list[str] = []
    for path in training_files(folder):
        found = (read_yaml(path) or {}).get("reflections") or []
        items.extend(found)
        sets.extend([path.stem] * len(found))
    return items, sets


def _only(said: Sequence[bool], labels: Sequence[bool], groups: Sequence[int],
          group: int) -> tuple[list[bool], list[bool]]:
    keep = [g == group for g in groups]
    return ([s for s, k in zip(said, keep, strict=True) if k],
            [y for y, k in zip(labels, keep, strict=True) if k])


def _name(group: int) -> str:
    if group < len(WRITER_GROUPS):
        low, high = WRITER_GROUPS[group]
        return f"w{low}-w{high}"
    return f"other-{group}"


if __name__ == "__main__":
    main()
