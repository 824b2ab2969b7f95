"""Cross-validate the pillar model two ways: scenarios held out and writers held out.

    python benchmarks/crossval.py [CORPUS_FOLDER] [--json OUT]

Uses the features and the per-pillar regularisation of the shipped model
(``scoring/data/model-standaard-nl.json``, or ``--model FILE``) on every set
``scoring/train.py`` trains on, and
reports per pillar F1 with tp / fp / fn of the whole decision (model plus the rule for a strong
indicator in a proposal), the threshold chosen by the cross-validation itself, as training does:

- **scenarios**: the six groups of scenarios of ``train.folds_by_scenario`` (no scenario in
  training and validation);
- **writers**: one group of writers out at a time, the writers of one round of the corpus
  (``WRITER_GROUPS``: w1-w4, w5-w7, ... w36-w39, w40-w43, w44-w47, w48-w51, w52-w55), so the
  validation texts come from people the model never read; unseen writers are where the scorer
  failed on every new test set.

The stereotype flag is rules, not trained: its tp / fp / fn per set are counted as they are.
Needs numpy (``pip install ".[train]"``).
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

from casusspel.scoring.framework import Framework  # noqa: E402
from casusspel.scoring.reflection import analyse  # noqa: E402
from casusspel.scoring.train import (  # noqa: E402
    DEFAULT_CORPUS,
    DEFAULT_FRAMEWORK,
    Row,
    Sparse,
    best_threshold,
    fit,
    folds_by_scenario,
    folds_by_writer,
    matrix,
    read_yaml,
    training_files,
)

SHIPPED = ROOT / "scoring" / "data" / "model-standaard-nl.json"


def cross_validate(items: Sequence[dict[str, Any]], framework: Framework,
                   built: tuple[list[Row], list[str], Sparse], folds: Sequence[int],
                   penalties: dict[str, float], learn: Sequence[bool] | None = None
                   ) -> dict[str, Any]:
    """Per pillar the F1 (tp / fp / fn) of the out-of-fold decisions; with ``learn``, each
    fold's model learns only from the items outside the fold where it is true (a learning
    curve, ``benchmarks/learning_curve.py``), and is still validated on the whole fold."""
    import numpy as np

    full_rows, _, x = built
    fold_of = np.array(folds)
    allowed = np.ones(len(items), dtype=bool) if learn is None else np.array(learn, dtype=bool)
    result: dict[str, Any] = {}
    for pillar in framework.pillar_ids:
        y = np.array([int(item["pillars"].get(pillar, 0) >= 1) for item in items], dtype=float)
        out = np.zeros(len(items))
        for fold in sorted(set(folds)):
            train_rows, test_rows = (fold_of != fold) & allowed, fold_of == fold
            w, b = fit(x.take(train_rows), y[train_rows], penalties[pillar])
            out[test_rows] = 1 / (1 + np.exp(-(x.take(test_rows).dot(w) + b)))
        forced = [proposed.get(pillar, 0.0) >= 2.0 for _, _, proposed in full_rows]
        threshold, f1 = best_threshold(list(out), [int(v) for v in y], forced)
        said = [(p >= threshold or f) for p, f in zip(out, forced, strict=True)]
        tp = sum(1 for s, v in zip(said, y, strict=True) if s and v)
        fp = sum(1 for s, v in zip(said, y, strict=True) if s and not v)
        fn = sum(1 for s, v in zip(said, y, strict=True) if not s and v)
        result[pillar] = {"f1": round(f1, 4), "threshold": threshold, "tp": tp, "fp": fp,
                          "fn": fn, "said": [int(v) for v in said]}
    result["macro"] = round(sum(result[p]["f1"] for p in framework.pillar_ids)
                            / len(framework.pillar_ids), 4)
    return result


def flag_counts(folder: Path, framework: Framework) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for path in training_files(folder):
        tp = fp = fn = 0
        for item in (read_yaml(path) or {}).get("reflections") or []:
            flagged = bool(analyse(item["text"], framework).flags)
            tp += flagged and bool(item.get("stereotype"))
            fp += flagged and not item.get("stereotype")
            fn += not flagged and bool(item.get("stereotype"))
        counts[path.name] = [tp, fp, fn]
    return counts


def tuning_data(corpus: Path, model_file: Path = SHIPPED
                ) -> tuple[Framework, list[dict[str, Any]], dict[str, float]]:
    """The default framework, every text the model trains on in ``corpus``, and the
    regularisation per pillar of ``model_file``."""
    framework = Framework.model_validate(read_yaml(DEFAULT_FRAMEWORK))
    items = [i for p in training_files(corpus)
             for i in (read_yaml(p) or {}).get("reflections") or []]
    model = json.loads(model_file.read_text("utf-8"))
    return framework, items, {pid: float(p["penalty"]) for pid, p in model["pillars"].items()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--model", type=Path, default=SHIPPED,
                        help="the model file whose regularisation per pillar is used")
    parser.add_argument("--errors", type=Path, help="write the wrongly decided ids per pillar")
    args = parser.parse_args(argv)
    framework, items, penalties = tuning_data(args.corpus, args.model)
    built = matrix(items, framework)
    report: dict[str, Any] = {
        "items": len(items),
        "scenarios": cross_validate(items, framework, built, folds_by_scenario(items), penalties),
        "writers": cross_validate(items, framework, built, folds_by_writer(items), penalties),
        "flag": flag_counts(args.corpus, framework)}
    if args.errors:  # per pillar the ids the cross-validation decided wrongly, for reading
        errors = {scheme: {pid: [{"id": i["id"], "said": bool(s)} for i, s in zip(
            items, report[scheme][pid]["said"], strict=True)
            if bool(s) != (i["pillars"].get(pid, 0) >= 1)] for pid in penalties}
            for scheme in ("scenarios", "writers")}
        args.errors.write_text(json.dumps(errors, ensure_ascii=False, indent=0) + "\n",
                               encoding="utf-8")
    for scheme in ("scenarios", "writers"):
        for pid in penalties:
            del report[scheme][pid]["said"]
    text = json.dumps(report, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
