"""A small Dutch lemma table for the words the built-in framework and deck use.

simplemma's full Dutch dictionary takes about 0.4 s to load, which would make the first score of a
session slow. Matching only needs lemmas that can equal an indicator word, so we ship the dictionary
entries whose lemma is such a word (``scoring/data/lemmas-nl.json``). When a custom framework or
case uses a word the table does not know, the scorer falls back to full simplemma (lazily, once).

Regenerate after changing the default framework or a case's indicators:

    python -m casusspel.scoring.lemma_table cases/framework/standaard.yaml cases/*.yaml
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

TABLE = "lemmas-nl.json"


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], frozenset[str]]:
    """(form -> lemma, known words) from the shipped table."""
    data = resources.files("casusspel.scoring").joinpath("data")
    raw = json.loads(data.joinpath(TABLE).read_text("utf-8"))
    forms: dict[str, str] = raw["forms"]
    return forms, frozenset(raw["lemmas"]) | frozenset(forms)


def build(words: Iterable[str]) -> dict[str, object]:
    """The table for ``words`` (folded indicator words): every dictionary form of their lemmas."""
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    from casusspel.scoring.text import fold

    def full(word: str) -> str:
        return fold(str(simplemma.lemmatize(word, lang="nl")).lower()).replace("_", "")

    covered = set()
    for word in words:
        covered.update({word, full(word)})
    forms = {}
    for form, lemma in DefaultDictionaryFactory().get_dictionary("nl").items():
        folded_form = fold(form.lower())
        if folded_form not in forms and fold(str(lemma).lower()) in covered:
            forms[folded_form] = full(folded_form)
    return {"lemmas": sorted(covered), "forms": dict(sorted(forms.items()))}


def phrase_words(paths: Iterable[Path]) -> set[str]:
    """Folded words of every indicator phrase in framework and case files."""
    import yaml

    from casusspel.scoring.text import tokenize_phrase

    words: set[str] = set()
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        phrases = [i["phrase"] for p in data.get("pillars", []) for i in p.get("indicators", [])]
        for values in (data.get("reflection") or {}).get("indicators", {}).values():
            phrases.extend(values)
        for phrase in phrases:
            words.update(w for w in tokenize_phrase(phrase) if w != "...")
    return words


def main(argv: list[str]) -> None:
    target = Path(__file__).with_name("data") / TABLE
    content = build(phrase_words(Path(a) for a in argv))
    target.write_text(json.dumps(content, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sys.stderr.write(f"{target}: {len(content['forms'])} vormen\n")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1:])
