"""A small linear model per pillar over the words of a reflection, explainable word by word.

Features are what a clause does, in words: lemma unigrams and bigrams within a clause, marked
with ``~`` when the clause is negated ('geen tolk' gives ``~tolk``), plus how much the framework's
own indicators found per pillar (``ind:<pillar>``). Clauses in a sentence that stereotypes give no
features at all (no points from a stereotype). The weights are trained on labelled reflections
(``python -m casusspel.scoring.train``) and shipped as JSON; inference is plain Python.

The words with the largest positive weight that occur in a reflection are its evidence
(source "model"), so a trainer sees which words made the model say "addressed".
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from casusspel.scoring.concepts_nl import CONCEPTS, FIRST_PERSON, PILLAR_CONCEPTS
from casusspel.scoring.text import Token, lemma

NEGATORS = frozenset({"niet", "geen", "nooit", "niks", "niets", "zonder", "nergens", "noch"})
NOT_A_NEGATION_AFTER = frozenset({"alleen", "enkel", "slechts", "meteen", "direct", "te",
                                  "zomaar", "eens", "zo", "meer", "pas", "zozeer"})
STOPWORDS = frozenset("""
de het een en of van in op aan met voor naar bij uit om te door over tot als dan dat die dit
deze er is was zijn ben bent wordt werd worden zal zou kan kunnen moet moeten heeft hebben had
hadden ook nog wel al maar want dus toen nu hier daar waar wat wie hoe zo heel erg even echt
gewoon toch dan eens meer veel nou ja nee oke ok bv evt etc enz
""".split())
INDICATOR_PREFIX = "ind:"
# A sentence with one of these refuses what it mentions ('een tolk vinden wij overdreven').
REFUSALS = frozenset({"overdreven", "onnodig", "overbodig", "zinloos", "onzin"})
REFUSAL_PAIRS = frozenset({("niet", "nodig"), ("te", "duur"), ("niet", "onze"), ("gaan", "niet"),
                           ("niet", "verantwoord"), ("hoeft", "niet"), ("niet", "zinvol"),
                           ("blijft", "zoals"), ("geen", "budget"), ("geen", "taak"),
                           ("niet", "aanpassen"), ("doen", "niet"), ("kost", "te")})
# Words that make a sentence a proposal or a plan, not a description of the problem.
PLAN_WORDS = frozenset({"zou", "zouden", "gaan", "ga", "moet", "moeten", "willen", "wil", "kunnen",
                        "kan", "volgende", "voortaan", "eerst", "daarna", "advies", "adviseren",
                        "voorstel", "voorstellen", "laten", "regelen", "zorgen", "vragen"})
CONCEPT_INDEX: dict[str, tuple[str, ...]] = {}
for _concept, _words in CONCEPTS.items():
    for _word in _words:
        CONCEPT_INDEX[_word] = (*CONCEPT_INDEX.get(_word, ()), _concept)
MAX_INDICATOR = 6.0


@dataclass(frozen=True)
class PillarModel:
    bias: float
    threshold: float
    weights: Mapping[str, float]


@dataclass(frozen=True)
class LinearModel:
    name: str
    pillars: Mapping[str, PillarModel]


@dataclass(frozen=True)
class Prediction:
    probability: float
    addressed: bool
    # (feature, contribution, (start, end)) for present features with a positive contribution,
    # strongest first; indicator features are left out (they are shown as indicators).
    reasons: tuple[tuple[str, float, tuple[int, int]], ...]


@lru_cache(maxsize=4)
def load_model(name: str) -> LinearModel | None:
    """The shipped model ``scoring/data/model-<name>.json``, or None when there is none."""
    data = resources.files("casusspel.scoring").joinpath("data").joinpath(f"model-{name}.json")
    if not data.is_file():
        return None
    raw = json.loads(data.read_text("utf-8"))
    return from_json(raw)


def from_json(raw: Mapping[str, object]) -> LinearModel:
    pillars_raw = raw["pillars"]
    assert isinstance(pillars_raw, dict)
    pillars = {pid: PillarModel(float(p["bias"]), float(p["threshold"]),
                                {str(k): float(v) for k, v in p["weights"].items()})
               for pid, p in pillars_raw.items()}
    return LinearModel(str(raw.get("name", "")), pillars)


def _negated(tokens: Sequence[Token]) -> tuple[set[int], set[int]]:
    """Negated clauses, and sentences that refuse ('vinden wij niet nodig')."""
    negated: set[int] = set()
    refused: set[int] = set()
    for index, token in enumerate(tokens):
        following = tokens[index + 1].norm if index + 1 < len(tokens) else ""
        if token.norm in NEGATORS and following not in NOT_A_NEGATION_AFTER:
            negated.add(token.clause)
        if token.norm in REFUSALS or (token.norm, following) in REFUSAL_PAIRS:
            refused.add(token.sentence)
    return negated, refused


def word_key(token: Token) -> str:
    """The shipped table's lemma, whatever lemmatiser the indicators needed (stable features)."""
    return lemma(token.norm)


def features(tokens: Sequence[Token], skip_sentences: Collection[int] = (),
             indicator_weights: Mapping[str, float] | None = None
             ) -> dict[str, tuple[int, int]]:
    """Feature -> the first span (start, end) where it occurs in the text."""
    found: dict[str, tuple[int, int]] = {}
    negated, refused = _negated(tokens)
    personal = {t.sentence for t in tokens if t.norm in FIRST_PERSON}
    planned = {t.sentence for t in tokens if t.norm in PLAN_WORDS}
    previous: Token | None = None
    for token in tokens:
        if token.sentence in skip_sentences or token.norm.isdigit():
            previous = None
            continue
        mark = "~" if token.clause in negated or token.sentence in refused else ""
        key = word_key(token)
        if key not in STOPWORDS and token.norm not in NEGATORS:
            found.setdefault(mark + key, (token.start, token.end))
        for concept in CONCEPT_INDEX.get(key, ()) or CONCEPT_INDEX.get(token.norm, ()):
            found.setdefault(f"{mark}c:{concept}", (token.start, token.end))
            if token.sentence in personal:
                found.setdefault(f"{mark}c:{concept}+ik", (token.start, token.end))
            if token.sentence in planned:
                found.setdefault(f"{mark}c:{concept}+plan", (token.start, token.end))
        if previous is not None and previous.clause == token.clause:
            found.setdefault(f"{mark}{word_key(previous)}_{key}", (previous.start, token.end))
        previous = token
    for pillar, weight in (indicator_weights or {}).items():
        if weight > 0:
            found[INDICATOR_PREFIX + pillar] = (0, 0)
    return found


def indicator_value(feature: str, indicator_weights: Mapping[str, float]) -> float:
    return min(indicator_weights.get(feature[len(INDICATOR_PREFIX):], 0.0), MAX_INDICATOR) / 3


def predict(model: PillarModel, found: Mapping[str, tuple[int, int]],
            indicator_weights: Mapping[str, float]) -> Prediction:
    total = model.bias
    reasons: list[tuple[str, float, tuple[int, int]]] = []
    weights = model.weights
    for feature in weights.keys() & found.keys():  # set intersection in C
        weight = weights[feature]
        span = found[feature]
        if feature.startswith(INDICATOR_PREFIX):
            total += weight * indicator_value(feature, indicator_weights)
            continue
        total += weight
        if weight > 0:
            reasons.append((feature, weight, span))
    probability = 1 / (1 + math.exp(-max(-30.0, min(30.0, total))))
    reasons.sort(key=lambda r: -r[1])
    return Prediction(probability, probability >= model.threshold, tuple(reasons))


MIN_EVIDENCE_WEIGHT = 0.8


def readable(feature: str, weight: float, pillar: str) -> str | None:
    """How a feature is named as evidence, or None when it is not worth showing: a negated
    word, a weak one, only small words like 'met het', or a word group of another pillar."""
    if feature.startswith(("~", INDICATOR_PREFIX)):
        return None
    if feature.startswith("c:"):
        concept = feature[2:].split("+")[0]
        return f"woordgroep {concept}" if concept in PILLAR_CONCEPTS.get(pillar, ()) else None
    if weight < MIN_EVIDENCE_WEIGHT:
        return None
    words = feature.split("_")
    if any(w in STOPWORDS or w in FIRST_PERSON or w in NOT_EVIDENCE or len(w) < 4
           for w in words):
        return None
    return " ".join(words)


# Words too general to show as the reason for a score.
NOT_EVIDENCE = frozenset("""
hij zij ze hem haar hun hen zijn jij je jou u men iemand niemand iets niets alles dezelfde
hetzelfde ander andere anders willen gaan komen doen maken zeggen zien weten vinden denken
staan zitten liggen krijgen geven laten eerst daarna meteen misschien eigenlijk natuurlijk
""".split())
