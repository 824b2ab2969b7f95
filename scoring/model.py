"""A small linear model per pillar over the words of a reflection, explainable word by word.

Features are what a clause does, in words: lemma unigrams and bigrams within a clause, marked
with ``~`` when the clause is negated ('geen tolk' gives ``~tolk``), plus how much the framework's
own indicators found per pillar (``ind:<pillar>``) and the text's length in words (``len>=N``:
a long text holds more words by chance). Clauses in a sentence that stereotypes give no
features at all (no points from a stereotype). The weights are trained on labelled reflections
(``python -m casusspel.scoring.train``) and shipped as JSON; inference is plain Python.

The words with the largest positive weight that occur in a reflection are its evidence
(source "model"), so a trainer sees which words made the model say "addressed".
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from casusspel.scoring.concepts_nl import (
    BEFORE_LANGUAGE,
    CONCEPT_NAMES,
    CONCEPTS,
    CONTACT_WORDS,
    FIRST_PERSON,
    LANGUAGES,
    NETWORK_PEOPLE,
    PILLAR_CONCEPTS,
)
from casusspel.scoring.text import NEGATORS, Token, lemma, negates, others_duty, refusals

STOPWORDS = frozenset("""
de het een en of van in op aan met voor naar bij uit om te door over tot als dan dat die dit
deze er is was zijn ben bent wordt werd worden zal zou kan kunnen moet moeten heeft hebben had
hadden ook nog wel al maar want dus toen nu hier daar waar wat wie hoe zo heel erg even echt
gewoon toch dan eens meer veel nou ja nee oke ok bv evt etc enz
""".split())
INDICATOR_PREFIX = "ind:"
# Words that make a sentence a proposal or a plan, not a description of the problem.
PLAN_WORDS = frozenset({"zou", "zouden", "gaan", "ga", "moet", "moeten", "willen", "wil", "kunnen",
                        "kan", "volgende", "voortaan", "eerst", "daarna", "advies", "adviseren",
                        "voorstel", "voorstellen", "laten", "regelen", "zorgen", "vragen"})
SPEAKERS = FIRST_PERSON | frozenset({"je", "jij", "u"})


def proposing(tokens: Sequence[Token]) -> set[int]:
    """Sentences in which the writer speaks for themselves or proposes ('we regelen een tolk',
    'je zou eerst vragen', 'volgende keer ...'), not only describes the problem."""
    return {t.sentence for t in tokens if t.norm in SPEAKERS or t.norm in PLAN_WORDS}


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
    # Framework indicator weight that counts as addressed whatever the model says, or None:
    # chosen per pillar by cross-validation (one strong indicator helps some pillars only).
    indicator_override: float | None = None
    # ... as one word in a text shorter than this many words, in a longer one only as a phrase of
    # two or more words (None: one word at any length). A long text gives the model words
    # enough; a single 'tolk' there is often the problem named, not a move.
    override_words: int | None = None


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


def logistic(z: float) -> float:
    """The probability for a sum of weights (clamped, so no overflow)."""
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def shipped_json(kind: str, name: str) -> dict[str, Any] | None:
    """The shipped data file ``scoring/data/<kind>-<name>.json``, or None when there is none."""
    data = resources.files("casusspel.scoring").joinpath("data").joinpath(f"{kind}-{name}.json")
    if not data.is_file():
        return None
    raw: dict[str, Any] = json.loads(data.read_text("utf-8"))
    return raw


@lru_cache(maxsize=4)
def load_model(name: str) -> LinearModel | None:
    """The shipped model ``scoring/data/model-<name>.json``, or None when there is none."""
    raw = shipped_json("model", name)
    return None if raw is None else from_json(raw)


def from_json(raw: Mapping[str, object]) -> LinearModel:
    pillars_raw = raw["pillars"]
    assert isinstance(pillars_raw, dict)
    pillars = {pid: PillarModel(float(p["bias"]), float(p["threshold"]),
                                {str(k): float(v) for k, v in p["weights"].items()},
                                _optional_float(p.get("indicator_override", 2.0)),
                                _optional_int(p.get("override_words")))
               for pid, p in pillars_raw.items()}
    return LinearModel(str(raw.get("name", "")), pillars)


def _optional_float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _optional_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def _negated(tokens: Sequence[Token], refused: Collection[int] | None = None,
             duty: Collection[int] | None = None) -> tuple[set[int], Collection[int]]:
    """Negated clauses (also what the other must do: 'hij moet leren samenwerken'), and
    sentences that refuse ('vinden wij niet nodig'); ``refused`` and ``duty`` when the caller
    already knows them."""
    negated = set(others_duty(tokens) if duty is None else duty)
    for index, token in enumerate(tokens):
        if token.norm in NEGATORS and negates(tokens, index):
            negated.add(token.clause)
    return negated, (refusals(tokens) if refused is None else refused)


def word_key(token: Token) -> str:
    """The shipped table's lemma, whatever lemmatiser the indicators needed (stable features)."""
    return lemma(token.norm)


def features(tokens: Sequence[Token], skip_sentences: Collection[int] = (),
             indicator_weights: Mapping[str, float] | None = None,
             refused: Collection[int] | None = None, duty: Collection[int] | None = None
             ) -> dict[str, tuple[int, int]]:
    """Feature -> the first span (start, end) where it occurs in the text."""
    found: dict[str, tuple[int, int]] = {}
    negated, refused = _negated(tokens, refused, duty)
    personal = {t.sentence for t in tokens if t.norm in FIRST_PERSON}
    planned = {t.sentence for t in tokens if t.norm in PLAN_WORDS}
    previous: Token | None = None
    separable = _separable_verbs(tokens)
    keys = [lemma(t.norm) for t in tokens]  # word_key of each token, once
    networked = {t.clause for t, k in zip(tokens, keys, strict=True)
                 if k in NETWORK_PEOPLE or t.norm in NETWORK_PEOPLE}
    described = _described(tokens, keys)
    for index, token in enumerate(tokens):
        if token.sentence in skip_sentences or token.norm.isdigit():
            previous = None
            continue
        mark = "~" if token.clause in negated or token.sentence in refused else ""
        key, concepts = _key_and_concepts(tokens, index, separable.get(index) or keys[index])
        if token.clause in networked and (key in CONTACT_WORDS or token.norm in CONTACT_WORDS):
            concepts = ("samen",)  # 'we bellen de buurvrouw': contact with the network
        if key not in STOPWORDS and token.norm not in NEGATORS:
            found.setdefault(mark + key, (token.start, token.end))
        if token.clause in described and concepts:  # 'de gemeente heeft ... stopgezet'
            concepts = tuple(c + SITUATION_MARK if c in SITUATION_CONCEPTS else c
                             for c in concepts)
        for concept in concepts:
            found.setdefault(f"{mark}c:{concept}", (token.start, token.end))
            if concept.endswith(SITUATION_MARK):
                continue  # a described situation: no '+ik' or '+plan' either
            if token.sentence in personal:
                found.setdefault(f"{mark}c:{concept}+ik", (token.start, token.end))
            if token.sentence in planned:
                found.setdefault(f"{mark}c:{concept}+plan", (token.start, token.end))
        if previous is not None and previous.clause == token.clause:  # tokens[index - 1]
            found.setdefault(f"{mark}{keys[index - 1]}_{key}", (previous.start, token.end))
        previous = token
    _whole_text(found, len(tokens), indicator_weights)
    return found


# Someone of the network or a rule in a clause that only describes the situation ('de gemeente
# heeft de uitkering stopgezet', 'brieven van de gemeente leest hij niet', 'de mentor meldt hem
# bij de leerplicht'): no partner the writer involves, so its word group counts apart, as
# 'c:dienst@situatie', never shown as evidence (twelfth round: test7 and test8 gave netwerk for
# services named as the problem or as background).
SITUATION_MARK = "@situatie"
SITUATION_CONCEPTS = frozenset({"dienst", "kring", "systeem"})
CONDITIONS = frozenset({"als", "wanneer", "indien", "mits"})
FINITE_FORMS = frozenset("""is was waren werd werden heeft had hadden hebben wordt worden kwam
    kwamen gaat ging gingen staat stond doet deed zegt zei zeiden weet wist vindt vond vonden
    kent kende ziet zag zagen""".split())


def _finite(token: Token, key: str) -> bool:
    """A finite verb form ('meldt', 'heeft', 'stuurde'), roughly: a known form, or a form
    whose lemma is an infinitive and that ends like a present or past tense."""
    return token.norm in FINITE_FORMS or (
        key != token.norm and key.endswith("en")
        and token.norm.endswith(("t", "de", "te", "den", "ten")))


def _described(tokens: Sequence[Token], keys: Sequence[str]) -> set[int]:
    """Clauses that describe the situation: a finite verb, and no word of the writer speaking
    or planning ('de gemeente heeft de uitkering stopgezet', 'brieven van de gemeente leest
    hij niet'); not 'we bellen de huisarts', 'Kevin moet de buurman vragen', 'huisarts
    bellen', nor a condition of a plan ('als moeder het goed vindt ook even met school
    bellen')."""
    speaking: set[int] = set()
    finite: set[int] = set()
    for token, key in zip(tokens, keys, strict=True):
        if token.norm in SPEAKERS or token.norm in PLAN_WORDS or token.norm in CONDITIONS:
            speaking.add(token.clause)
        elif _finite(token, key):
            finite.add(token.clause)
    return finite - speaking


def _key_and_concepts(tokens: Sequence[Token], index: int,
                      key: str) -> tuple[str, tuple[str, ...]]:
    """The feature key of the token at ``index`` (its separable verb or ``word_key``, given)
    and the concepts it stands for."""
    token = tokens[index]
    if token.norm not in CONTEXT_WORDS and key != "zelf":
        found = _PLAIN.get((key, token.norm))  # most words: what they stand for, looked up
        if found is None:
            if len(_PLAIN) >= MAX_PLAIN:
                _PLAIN.clear()
            found = _PLAIN[(key, token.norm)] = _plain_concepts(key, token.norm)
        return key, found
    concepts = CONCEPT_INDEX.get(key, ()) or CONCEPT_INDEX.get(token.norm, ())
    if token.norm in LANGUAGES and index and tokens[index - 1].norm in BEFORE_LANGUAGE:
        concepts = ("taal",)
    elif token.norm in QUESTION_WORDS and _asks(tokens, index):
        concepts = ("vraag",)  # 'wie zorgt er voor haar?', 'nagaan wie ...'; not 'wat meer'
    if not concepts and key.endswith(ROLE_ENDINGS) and len(key) > 6:
        concepts = ("dienst",)  # 'logopedist', 'gymdocent', 'wijkagent': someone to work with
    if key == "zelf":  # 'ik heb zelf DigiD' is not 'wat zij zelf wil'
        key, concepts = ("zelf", ("zelf",)) if _own(tokens, index) else (
            "zelf" + OTHER_MARK, ("vraag",))
    return key, concepts


def _plain_concepts(key: str, norm: str) -> tuple[str, ...]:
    """The concepts of a word whose meaning does not depend on the words around it (not in
    ``CONTEXT_WORDS``, not 'zelf'): what ``_key_and_concepts`` finds for it."""
    concepts = CONCEPT_INDEX.get(key, ()) or CONCEPT_INDEX.get(norm, ())
    if not concepts and key.endswith(ROLE_ENDINGS) and len(key) > 6:
        concepts = ("dienst",)
    return concepts


# Endings of the names of professions and services ('logopedist', 'gymdocent', 'jeugdarts',
# 'wijkagent', 'schuldhulpverlener'): the network around a client, whatever its exact name.
ROLE_ENDINGS = ("arts", "docent", "agent", "kundige", "therapeut", "pedagoog", "coach",
                "consulent", "werker", "verlener", "begeleider", "ist", "loket", "dienst")


def _whole_text(found: dict[str, tuple[int, int]], length: int,
                indicator_weights: Mapping[str, float] | None) -> None:
    """Features of the whole text: which pillars' indicators it has, and how long it is."""
    for pillar, weight in (indicator_weights or {}).items():
        if weight > 0:
            found[INDICATOR_PREFIX + pillar] = (0, 0)
    for bound in LENGTHS:  # a long text holds more words by chance: the model can weigh that
        if length >= bound:
            found[f"{LENGTH_PREFIX}{bound}"] = (0, 0)


LENGTH_PREFIX = "len>="
LENGTHS = (10, 25, 50, 100, 200)


SEPARABLE_PARTICLES = frozenset({"door", "op", "aan", "in", "uit", "mee", "na", "terug", "samen",
                                 "bij", "af", "toe", "over", "langs"})
SEPARABLE_REACH = 6


def _separable_verbs(tokens: Sequence[Token]) -> dict[int, str]:
    """Verb positions whose particle follows later in the clause ('we vroegen nog even door',
    'ze gingen mee'): the verb counts as the whole verb ('doorvragen', 'meegaan') when the
    table knows that verb."""
    from casusspel.scoring.lemma_table import table

    known = table()[1]
    found: dict[int, str] = {}
    for index, token in enumerate(tokens):
        if token.norm not in SEPARABLE_PARTICLES:
            continue
        for back in range(index - 1, max(-1, index - SEPARABLE_REACH), -1):
            verb = tokens[back]
            if verb.clause != token.clause:
                break
            # the form joined ('vroegen door' -> 'doorvroegen'), else the lemma joined ('gingen
            # mee' -> 'meegaan'); the key is the joined verb's lemma, as when written as one word
            whole = next((token.norm + w for w in (verb.norm, verb.lemma)
                          if len(w) >= 4 and token.norm + w in known), None)
            if whole is not None:
                found[back] = lemma(whole)
                break
    return found


QUESTION_WORDS = frozenset({"wat", "wie", "hoe", "welk", "welke", "waar"})

# Words whose concepts depend on the words before or after them (see ``_key_and_concepts``);
# the others' are kept per (key, form): words repeat from text to text.
CONTEXT_WORDS = LANGUAGES | QUESTION_WORDS
_PLAIN: dict[tuple[str, str], tuple[str, ...]] = {}
MAX_PLAIN = 50_000

ASKING = frozenset({"vragen", "vraag", "vraagt", "vroeg", "vroegen", "navragen", "nagaan", "na",
                    "uitzoeken", "weten", "checken", "benieuwd", "afvragen", "af", "horen"})


def _asks(tokens: Sequence[Token], index: int) -> bool:
    """A question word that opens its clause ('wie zorgt er voor haar?', 'wat vindt hij')
    or follows a word of asking ('vragen wat', 'nagaan wie'): curiosity, not 'wat meer'."""
    if index == 0 or tokens[index - 1].clause != tokens[index].clause:
        return True
    return tokens[index - 1].norm in ASKING


OTHER_MARK = "@ander"  # 'zelf' about the other person ('mevrouw zelf'), not about the writer
OWN_WORDS = frozenset({"ik", "we", "wij", "me", "mij", "ons", "onze", "mijn", "mezelf"})
OTHER_WORDS = frozenset({"hij", "zij", "ze", "hem", "haar", "hen", "hun", "jij", "je", "u",
                         "mevrouw", "meneer", "client", "moeder", "vader", "zoon",
                         "dochter", "ouders"})


def _own(tokens: Sequence[Token], index: int) -> bool:
    """Whether 'zelf' at ``index`` is about the writer ('ik heb zelf', 'wij zelf'): the
    nearest person word before it in its clause is 'ik', 'we', 'ons', with only small words
    between ('hoe het met Noor zelf gaat' is about Noor)."""
    clause = tokens[index].clause
    for back in range(index - 1, max(-1, index - 8), -1):
        word = tokens[back]
        if word.clause != clause:
            break
        if word.norm in OWN_WORDS:
            return True
        if word.norm in OTHER_WORDS or (word.norm not in STOPWORDS
                                        and word.norm not in SMALL_VERBS):
            return False
    return False


SMALL_VERBS = frozenset({"heb", "ben", "ga", "kan", "wil", "moet", "doe", "weet", "zal", "vind",
                         "denk", "dacht", "dachten", "vond", "vonden", "heel", "wel", "eerst"})


def indicator_value(feature: str, indicator_weights: Mapping[str, float]) -> float:
    return min(indicator_weights.get(feature[len(INDICATOR_PREFIX):], 0.0), MAX_INDICATOR) / 3


def predict(model: PillarModel, found: Mapping[str, tuple[int, int]],
            indicator_weights: Mapping[str, float], pillar: str | None = None) -> Prediction:
    """The model's decision; with ``pillar``, the reasons are only the words that ``readable``
    names as evidence for that pillar (the others are never shown)."""
    weights = model.weights
    kinds = _kinds(model, pillar)
    present = weights.keys() & found.keys()  # set operations in C, not a loop per feature
    indicators = present & kinds.indicators
    # an exact sum (math.fsum): the same in every process, whatever order the set has
    total = math.fsum(itertools.chain(
        (model.bias,), map(weights.__getitem__, present - indicators),
        (weights[f] * indicator_value(f, indicator_weights) for f in indicators)))
    reasons = sorted(((f, weights[f], found[f]) for f in present & kinds.shown),
                     key=lambda r: (-r[1], r[0]))  # strongest first; ties by name
    probability = logistic(total)
    return Prediction(probability, probability >= model.threshold, tuple(reasons))


@dataclass(frozen=True)
class _Kinds:
    indicators: frozenset[str]  # ``ind:<pillar>`` features: weighted by the indicators found
    shown: frozenset[str]  # words with a positive weight: what can be a reason


_KINDS: dict[tuple[int, str | None], tuple[PillarModel, _Kinds]] = {}


def _kinds(model: PillarModel, pillar: str | None) -> _Kinds:
    """The model's features sorted by kind, once per model and pillar (kept by identity)."""
    known = _KINDS.get((id(model), pillar))
    if known is not None and known[0] is model:
        return known[1]
    kinds = _Kinds(frozenset(f for f in model.weights if f.startswith(INDICATOR_PREFIX)),
                   frozenset(f for f, w in model.weights.items() if w > 0
                             and not f.startswith((INDICATOR_PREFIX, LENGTH_PREFIX))
                             and (pillar is None or readable(f, w, pillar) is not None)))
    if len(_KINDS) > 64:
        _KINDS.clear()
    _KINDS[(id(model), pillar)] = (model, kinds)
    return kinds


MIN_EVIDENCE_WEIGHT = 0.8


def readable(feature: str, weight: float, pillar: str) -> str | None:
    """How a feature is named as evidence, or None when it is not worth showing: a negated
    word, a weak one, only small words like 'met het', or a word group of another pillar."""
    if feature.startswith(("~", INDICATOR_PREFIX, LENGTH_PREFIX)):
        return None
    if feature.startswith("c:"):
        concept = feature[2:].split("+")[0]
        if concept not in PILLAR_CONCEPTS.get(pillar, ()):
            return None
        return f"woorden voor {CONCEPT_NAMES.get(concept, concept)}"
    if weight < MIN_EVIDENCE_WEIGHT:
        return None
    words = feature.replace(OTHER_MARK, "").split("_")
    if any(w in STOPWORDS or w in FIRST_PERSON or w in NOT_EVIDENCE or len(w) < 4
           for w in words):
        return None
    return " ".join(words)


# Words too general to show as the reason for a score (also as a word group's word).
NOT_EVIDENCE = frozenset("""
hij zij ze hem haar hun hen zijn jij je jou u men iemand niemand iets niets alles dezelfde
hetzelfde ander andere anders willen gaan komen doen maken zeggen zien weten vinden denken
staan zitten liggen krijgen geven laten eerst daarna meteen misschien eigenlijk natuurlijk
""".split())


def quiet(words: str) -> bool:
    """Whether a piece of text is only small words ('wie', 'haar ze'): never shown as evidence."""
    return all(w in STOPWORDS or w in NOT_EVIDENCE or w in QUESTION_WORDS
               for w in words.lower().split())
