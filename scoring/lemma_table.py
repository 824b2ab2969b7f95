"""A small Dutch lemma table for the words the built-in framework, deck and model use.

simplemma's full Dutch dictionary takes about 0.4 s to load, which would make the first score of a
session slow. Matching only needs lemmas that can equal an indicator word (and the model's word
groups), so we ship those lemmas with their forms (``scoring/data/lemmas-nl.json``). When a custom
framework or case uses a word the table does not know, the scorer falls back to full simplemma
(lazily, once).

The forms are found with simplemma's public ``lemmatize`` only: every word of the framework, the
deck and the training corpus, plus regular Dutch inflections of each lemma (plurals, verb forms,
adjective endings), is lemmatised, and kept when its lemma is one we need. Regenerate after
changing the default framework, a case's indicators or the corpus, from a checkout:

    python -m casusspel.scoring.lemma_table

which reads ``repository_sources()``: the framework, the deck and the sets the model is trained on
(``train.training_files``). Other files can be named instead, as arguments.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from casusspel.scoring.text import verb_stems

TABLE = "lemmas-nl.json"
VOWELS = "aeiou"


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], frozenset[str]]:
    """(form -> lemma, known words) from the shipped table."""
    data = resources.files("casusspel.scoring").joinpath("data")
    raw = json.loads(data.joinpath(TABLE).read_text("utf-8"))
    forms: dict[str, str] = raw["forms"]
    return forms, frozenset(raw["lemmas"]) | frozenset(forms)


def inflections(lemma: str) -> set[str]:
    """Regular Dutch forms of ``lemma``: candidates only, simplemma decides."""
    forms = {lemma, lemma + "s", lemma + "en", lemma + "e", lemma + "er", lemma + "st",
             lemma + "n", lemma + "'s"}
    if len(lemma) > 2 and lemma[-1] not in VOWELS:
        forms.add(lemma + lemma[-1] + "en")  # bus -> bussen
    if lemma.endswith("en") and len(lemma) > 4:
        for base in verb_stems(lemma):  # zeggen -> zeg, vragen -> vraag
            forms.update({base, base + "t", base + "de", base + "te", base + "den", base + "ten",
                          "ge" + base + "d", "ge" + base + "t", "ge" + lemma})
        forms.update(_ablaut(lemma[:-2]))
    return forms


VOWEL_GROUP = re.compile(r"(ij|ie|oe|ui|aa|ee|oo|uu|[aeiou])(?=[^aeiou]*$)")
STRONG_VOWELS = ("a", "aa", "e", "ee", "i", "ie", "o", "oo", "oe", "u", "ui", "ij")


def _ablaut(stem: str) -> set[str]:
    """Past forms of strong verbs by vowel change ('nemen' -> 'nam', 'namen', 'genomen')."""
    forms: set[str] = set()
    match = VOWEL_GROUP.search(stem)
    if match is None:
        return forms
    for vowel in STRONG_VOWELS:
        base = stem[:match.start()] + vowel + stem[match.end():]
        forms.update({base, base + "en", "ge" + base + "en", base + "t", base + "d"})
    return forms


def build(words: Iterable[str], texts: Iterable[str] = ()) -> dict[str, object]:
    """The table for ``words`` (folded indicator words): forms of their lemmas found among the
    words of ``texts`` and regular inflections."""
    import simplemma

    from casusspel.scoring.text import WORD, dictionary_lemma, fold

    @cache
    def raw(word: str) -> str:
        return fold(str(simplemma.lemmatize(word, lang="nl")).lower()).replace("_", "")

    def full(word: str) -> str:
        return dictionary_lemma(word, raw)

    covered: set[str] = set()
    for word in words:
        covered.update({word, full(word)})
    candidates: set[str] = set()
    for lemma in covered:
        candidates.update(inflections(lemma))
    for text in texts:
        candidates.update(WORD.findall(fold(text)))
    forms = {}
    for form in sorted(candidates):
        if len(form) >= 3 and not form.isdigit():
            lemma = full(form)
            if lemma in covered and lemma != form:
                forms[form] = lemma
    return {"lemmas": sorted(covered), "forms": dict(sorted(forms.items()))}


def phrase_words(paths: Iterable[Path]) -> set[str]:
    """Folded words of every indicator phrase in framework and case files, and of the model's
    word groups."""
    from casusspel.scoring.concepts_nl import CONCEPTS
    from casusspel.scoring.text import fold, tokenize_phrase
    from casusspel.scoring.train import read_yaml

    words: set[str] = {fold(w) for group in CONCEPTS.values() for w in group}
    for path in paths:
        data = read_yaml(path) or {}
        phrases = [i["phrase"] for p in data.get("pillars", []) for i in p.get("indicators", [])]
        for values in (data.get("reflection") or {}).get("indicators", {}).values():
            phrases.extend(values)
        for phrase in phrases:
            words.update(w for w in tokenize_phrase(phrase) if w != "...")
    return words


def build_from(paths: Iterable[Path]) -> dict[str, object]:
    paths = list(paths)
    return build(phrase_words(paths), (p.read_text(encoding="utf-8") for p in paths))


def repository_sources(root: Path | None = None) -> list[Path]:
    """The files the shipped table is built from, in a checkout at ``root``."""
    from casusspel.scoring.train import training_files

    root = root or Path(__file__).resolve().parents[1]
    return [root / "cases" / "framework" / "standaard.yaml",
            *sorted((root / "cases").glob("*.yaml")),
            *training_files(root / "tests" / "data" / "reflections" / "corpus")]


def main(argv: list[str]) -> None:
    target = Path(__file__).with_name("data") / TABLE
    sources = [Path(a) for a in argv] or repository_sources()
    missing = [str(p) for p in sources if not p.is_file()]
    if missing:
        sys.exit(f"lemma_table: niet gevonden: {', '.join(missing)} (draai dit in een checkout)")
    content = build_from(sources)
    target.write_text(json.dumps(content, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sys.stderr.write(f"{target}: {len(content['forms'])} vormen\n")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1:])
