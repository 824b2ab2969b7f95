"""Train the stereotype flag's clause model on the corpus: one command, reproducible.

    python -m casusspel.scoring.train_flag [CORPUS_FOLDER] [--name NAME]

Reads the same labelled sets as the pillar model (``train.training_files``), cuts every text
into candidate clauses that name a group (``flag_model.candidates``) and fits an L2-regularised
logistic regression on them with the text-level ``stereotype`` labels as multiple instances:
every clause of a text without a stereotype is a negative; of a text with one, first every
clause counts a little (together one), then, twice, only the clause the model finds most
generic counts. Vetoed clauses (quoted, reported, criticised, denied) are left out: they can
never flag. Full-batch, no randomness: the same data gives the same file.

The threshold is chosen by both cross-validations (scenarios held out,
``train.folds_by_scenario``, and writers held out, ``train.folds_by_writer``), as the lowest one
at which the whole flag (the rules, or the model) keeps a precision of at least
``MIN_PRECISION`` and at least that of the rules alone in both; the model flags a clause on its
own only above it. Writes
``scoring/data/flag-<NAME>.json``. Needs numpy, like ``train.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from casusspel.scoring.flag_model import Candidate, candidates
from casusspel.scoring.framework import Framework
from casusspel.scoring.model import logistic
from casusspel.scoring.train import (
    DEFAULT_CORPUS,
    Item,
    Sparse,
    fit,
    folds_by_scenario,
    folds_by_writer,
    load_items,
)

PENALTY = 3.0
ITERATIONS = 300
MIN_COUNT = 2  # a feature must occur in at least this many clauses
MIN_WEIGHT = 0.01
MIN_PRECISION = 0.95
ROUNDS = 2  # re-picks of the best clause per stereotyping text
THRESHOLDS = tuple(step / 100 for step in range(30, 100))


Clauses = list[list[Candidate]]  # per text its clauses that may flag (not vetoed)


def clauses(items: Sequence[Item]) -> Clauses:
    return [[c for c in candidates(item["text"]) if not c.vetoed] for item in items]


def vocabulary(found: Clauses, texts: Sequence[int]) -> list[str]:
    counts: dict[str, int] = {}
    for t in texts:
        for clause in found[t]:
            for feature in set(clause.features):
                counts[feature] = counts.get(feature, 0) + 1
    return sorted(f for f, c in counts.items() if c >= MIN_COUNT)


def fit_texts(found: Clauses, labels: Sequence[bool], texts: Sequence[int],
              penalty: float = PENALTY) -> tuple[dict[str, float], float]:
    """Weights and bias from the clauses of ``texts`` (multiple-instance, see the module)."""
    import numpy as np

    words = vocabulary(found, texts)
    rows = [(t, c) for t in texts for c in found[t]]
    x = Sparse([(dict.fromkeys(c.features, (0, 0)), {}) for _, c in rows], words)
    y = np.array([float(labels[t]) for t, _ in rows])
    per_text: dict[int, int] = {}
    for t, _ in rows:
        per_text[t] = per_text.get(t, 0) + 1
    weight = np.array([1.0 if not labels[t] else 1.0 / per_text[t] for t, _ in rows])
    w, b = fit(x, y, penalty, weight, ITERATIONS)
    for _ in range(ROUNDS):
        p = x.dot(w) + b
        best: dict[int, int] = {}
        for row, (t, _) in enumerate(rows):
            if labels[t] and (t not in best or p[row] > p[best[t]]):
                best[t] = row
        chosen = set(best.values())
        weight = np.array([1.0 if not labels[t] or row in chosen else 0.0
                           for row, (t, _) in enumerate(rows)])
        w, b = fit(x, y, penalty, weight, ITERATIONS)
    return {f: float(v) for f, v in zip(words, w, strict=True)}, float(b)


def text_probability(weights: dict[str, float], bias: float, clauses_: Sequence[Candidate]
                     ) -> float:
    best = 0.0
    for clause in clauses_:
        z = bias + sum(weights.get(f, 0.0) for f in clause.features)
        best = max(best, logistic(z))
    return best


def out_of_fold(found: Clauses, labels: Sequence[bool], folds: Sequence[int],
                penalty: float = PENALTY) -> list[float]:
    """Each text's best-clause probability from a model that never saw its fold."""
    result = [0.0] * len(found)
    for fold in sorted(set(folds)):
        train = [t for t, f in enumerate(folds) if f != fold]
        weights, bias = fit_texts(found, labels, train, penalty)
        for t, f in enumerate(folds):
            if f == fold:
                result[t] = text_probability(weights, bias, found[t])
    return result


def counts(said: Sequence[bool], labels: Sequence[bool]) -> tuple[int, int, int]:
    tp = sum(1 for s, y in zip(said, labels, strict=True) if s and y)
    fp = sum(1 for s, y in zip(said, labels, strict=True) if s and not y)
    fn = sum(1 for s, y in zip(said, labels, strict=True) if not s and y)
    return tp, fp, fn


def choose_threshold(probabilities: Sequence[Sequence[float]], rules: Sequence[bool],
                     labels: Sequence[bool]) -> float:
    """The lowest threshold at which the rules or the model together keep, in every
    cross-validation given, a precision of at least ``MIN_PRECISION`` and at least that of the
    rules alone (1.0, never, when none does): the model may add recall, not false flags."""
    tp, fp, _ = counts(rules, labels)
    floor = max(MIN_PRECISION, tp / (tp + fp) if tp else 0.0)
    for threshold in THRESHOLDS:
        if all(_precision([r or p >= threshold for r, p in zip(rules, out, strict=True)],
                          labels) >= floor for out in probabilities):
            return threshold
    return 1.0


def _precision(said: Sequence[bool], labels: Sequence[bool]) -> float:
    tp, fp, _ = counts(said, labels)
    return tp / (tp + fp) if tp else 0.0


def train(items: Sequence[Item], rules: Sequence[bool], name: str,
          log: Any = sys.stderr) -> dict[str, Any]:
    labels = [bool(i.get("stereotype")) for i in items]
    found = clauses(items)
    schemes = {"scenarios": folds_by_scenario(items), "writers": folds_by_writer(items)}
    outs = {scheme: out_of_fold(found, labels, folds) for scheme, folds in schemes.items()}
    threshold = choose_threshold(list(outs.values()), rules, labels)
    cross_validated = {"rules": list(counts(rules, labels))}
    for scheme, out in outs.items():
        said = [r or p >= threshold for r, p in zip(rules, out, strict=True)]
        cross_validated[scheme] = list(counts(said, labels))
        log.write(f"threshold {threshold:.2f}: rules or model {counts(said, labels)} "
                  f"(tp / fp / fn, cross-validated over {scheme}); rules alone "
                  f"{counts(rules, labels)}\n")
    weights, bias = fit_texts(found, labels, range(len(items)))
    kept = {f: round(v, 3) for f, v in sorted(weights.items()) if abs(v) >= MIN_WEIGHT}
    return {"name": name, "trained_on": len(items), "penalty": PENALTY,
            "threshold": threshold, "cross_validated": cross_validated,
            "bias": round(bias, 4), "weights": kept}


def rule_flags(items: Sequence[Item]) -> list[bool]:
    """Whether the shipped rules (no flag model) flag each text."""
    from casusspel.scoring.framework import Framework
    from casusspel.scoring.reflection import analyse
    from casusspel.scoring.train import DEFAULT_FRAMEWORK, read_yaml

    framework = without_flag_model(Framework.model_validate(read_yaml(DEFAULT_FRAMEWORK)))
    return [bool(analyse(i["text"], framework).flags) for i in items]


def without_flag_model(framework: Framework) -> Framework:
    if framework.generalisation is None:
        return framework
    return framework.model_copy(update={
        "generalisation": framework.generalisation.model_copy(update={"model": None})})


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--name", default="standaard-nl")
    args = parser.parse_args(argv)
    items = load_items(args.corpus)
    if not items:
        raise SystemExit(f"{args.corpus}: geen train*.yaml met reflecties gevonden")
    model = train(items, rule_flags(items), args.name)
    target = Path(__file__).with_name("data") / f"flag-{args.name}.json"
    target.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sys.stderr.write(f"{target}: {len(model['weights'])} gewichten uit {len(items)} "
                     f"reflecties\n")


if __name__ == "__main__":
    main()
