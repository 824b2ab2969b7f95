"""Round 8 experiment: score per sentence, the text's score the best sentence's (multiple
instance), beside the text model; both cross-validations (scenarios out, writers out).

    python benchmarks/crossval_sentences.py [--json OUT] [--rounds N] [--penalty-scale S]

Each sentence that does not stereotype is an instance with the model's features of that
sentence alone (``model.features`` over its tokens: words, word groups, the framework's
indicators found in it, its length). Training, per pillar and fold, multiple-instance style:
every sentence of a text the labellers did not give the pillar is negative; of a text they did,
only the sentence the current model finds best is positive (the others are left out), starting
from the text model's weights and repeated ``--rounds`` times. A text's probability is its best
sentence's (``max``) or the noisy-or over its sentences (``noisy``). Reported beside the text
model of ``benchmarks/crossval.py`` and the mean of the two (``mean``), each with the threshold
the cross-validation chooses and the rule for a strong indicator in a proposal, as training
does. Needs numpy.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.crossval import tuning_data  # noqa: E402
from casusspel.scoring.framework import Framework  # noqa: E402
from casusspel.scoring.model import features  # noqa: E402
from casusspel.scoring.reflection import analyse, indicator_weights  # noqa: E402
from casusspel.scoring.train import (  # noqa: E402
    DEFAULT_CORPUS,
    MIN_COUNT,
    OVERRIDE_WORDS,
    Sparse,
    best_threshold,
    fit,
    folds_by_scenario,
    folds_by_writer,
)


def sentence_rows(items: Sequence[dict[str, Any]], framework: Framework
                  ) -> tuple[list[Any], list[Any], list[int], list[dict[str, float]]]:
    """Per item its text row (as training builds it), its sentence rows, the item each
    sentence row belongs to, and the proposed-indicator weights (the override rule)."""
    plain = framework.model_copy(update={"model": None})
    text_rows, sentences, owner, proposed = [], [], [], []
    for number, item in enumerate(items):
        found = analyse(item["text"], plain)
        weights = indicator_weights(found, item["text"], plain)
        proposed.append(indicator_weights(found, item["text"], plain, proposed_only=True,
                                          phrases_only=len(found.tokens) >= OVERRIDE_WORDS))
        text_rows.append((features(found.tokens, found.stereotyped, weights, found.refused,
                                   found.duty), weights))
        by_sentence: dict[int, list[Any]] = {}
        for token in found.tokens:
            if token.sentence not in found.stereotyped:
                by_sentence.setdefault(token.sentence, []).append(token)
        for sentence, tokens in sorted(by_sentence.items()):
            own = dataclasses.replace(found, matches=[
                m for m in found.matches if found.tokens[m.first].sentence == sentence])
            own_weights = indicator_weights(own, item["text"], plain)
            sentences.append((features(tokens, (), own_weights, found.refused, found.duty),
                              own_weights))
            owner.append(number)
    return text_rows, sentences, owner, proposed


def vocabulary(rows: Sequence[Any]) -> list[str]:
    counts: dict[str, int] = {}
    for found, _ in rows:
        for feature in found:
            counts[feature] = counts.get(feature, 0) + 1
    return sorted(f for f, c in counts.items() if c >= MIN_COUNT)


def _sigmoid(z: Any) -> Any:
    import numpy as np

    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def bag_max(p: Any, owner: Any, n: int) -> tuple[Any, Any]:
    """Per bag the highest instance probability and that instance's index (-1: none)."""
    import numpy as np

    best = np.zeros(n)
    which = np.full(n, -1)
    for index in np.argsort(p, kind="stable"):  # ascending: the last write is the best
        best[owner[index]] = p[index]
        which[owner[index]] = index
    return best, which


def noisy_or(p: Any, owner: Any, n: int) -> Any:
    import numpy as np

    log_none = np.zeros(n)
    np.add.at(log_none, owner, np.log1p(-np.minimum(p, 1 - 1e-9)))
    return 1 - np.exp(log_none)


def mil_fit(xs: Sparse, owner: Any, y_bag: Any, penalty: float, rounds: int,
            start: tuple[Any, float]) -> tuple[Any, float]:
    """Multiple-instance logistic regression from ``start``: negatives' instances all 0,
    per positive bag its best instance 1, the rest left out; ``rounds`` times."""

    w, b = start
    n = len(y_bag)
    for _ in range(rounds):
        p = _sigmoid(xs.dot(w) + b)
        _, which = bag_max(p, owner, n)
        keep = y_bag[owner] == 0
        chosen = which[(y_bag == 1) & (which >= 0)]
        keep[chosen] = True
        labels = (y_bag[owner] == 1).astype(float)
        w, b = fit(xs.take(keep), labels[keep], penalty)
    return w, b


def cross_validate(items: Sequence[dict[str, Any]], framework: Framework, built: Any,
                   folds: Sequence[int], penalties: dict[str, float], rounds: int,
                   scale: float) -> dict[str, Any]:
    import numpy as np

    text_rows, sentences, owner_list, proposed = built
    words = vocabulary(list(text_rows) + list(sentences))
    xt = Sparse(text_rows, words)
    xs = Sparse(sentences, words)
    owner = np.array(owner_list)
    fold_of = np.array(folds)
    n = len(items)
    result: dict[str, Any] = {}
    for pillar in framework.pillar_ids:
        y = np.array([int(item["pillars"].get(pillar, 0) >= 1) for item in items], dtype=float)
        outs = {k: np.zeros(n) for k in ("text", "max", "noisy", "mean")}
        for fold in sorted(set(folds)):
            train_bags, test_bags = fold_of != fold, fold_of == fold
            w, b = fit(xt.take(train_bags), y[train_bags], penalties[pillar])
            outs["text"][test_bags] = _sigmoid(xt.take(test_bags).dot(w) + b)
            train_inst = train_bags[owner]
            renumber = np.cumsum(train_bags) - 1
            wm, bm = mil_fit(xs.take(train_inst), renumber[owner[train_inst]],
                             y[train_bags], penalties[pillar] * scale, rounds, (w, b))
            p = _sigmoid(xs.dot(wm) + bm)
            best, _ = bag_max(p, owner, n)
            outs["max"][test_bags] = best[test_bags]
            outs["noisy"][test_bags] = noisy_or(p, owner, n)[test_bags]
        outs["mean"] = (outs["text"] + outs["max"]) / 2
        forced = [v.get(pillar, 0.0) >= 2.0 for v in proposed]
        result[pillar] = {}
        for kind, out in outs.items():
            threshold, f1 = best_threshold(list(out), [int(v) for v in y], forced)
            result[pillar][kind] = round(f1, 4)
    result["macro"] = {k: round(sum(result[p][k] for p in framework.pillar_ids) / 4, 4)
                       for k in ("text", "max", "noisy", "mean")}
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--penalty-scale", type=float, default=1.0)
    parser.add_argument("--scheme", choices=("scenarios", "writers"), action="append",
                        help="only this cross-validation (default: both)")
    args = parser.parse_args(argv)
    framework, items, penalties = tuning_data(args.corpus)
    built = sentence_rows(items, framework)
    report = {"items": len(items), "sentences": len(built[1]), "rounds": args.rounds,
              "penalty_scale": args.penalty_scale}
    for scheme, folds in (("scenarios", folds_by_scenario(items)),
                          ("writers", folds_by_writer(items))):
        if args.scheme and scheme not in args.scheme:
            continue
        report[scheme] = cross_validate(items, framework, built, folds, penalties,
                                        args.rounds, args.penalty_scale)
        sys.stderr.write(f"{scheme}: {report[scheme]['macro']}\n")
    text = json.dumps(report, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
