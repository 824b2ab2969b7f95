"""Dutch text handling with offsets kept: folding, tokens, lemmas and clauses.

Folding (lower case, accents removed) keeps the string length, so a position in the folded text
is the same position in the original. Lemmas come from simplemma, loaded lazily and once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"\w+")
CLAUSE_BREAK = re.compile(r"[.;:!?,()\n\"“”]")
CLAUSE_WORDS = frozenset({"maar", "want", "omdat", "terwijl", "dus", "en", "zodat", "toen",
                          "daarom", "behalve", "of"})
PRONOUNS = frozenset({"hij", "zij", "ze", "hem", "haar", "hen", "hun", "jij", "je", "u"})
PRONOUN = "<pers>"


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.lower())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else char


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, same length as ``text``."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


_LEMMATIZER: list[Callable[[str], str]] = []


def _lemmatizer() -> Callable[[str], str]:
    """simplemma's Dutch lemmatizer, imported on first use (its dictionary loads once)."""
    if not _LEMMATIZER:
        import simplemma

        def lemmatize(word: str) -> str:
            return str(simplemma.lemmatize(word, lang="nl"))

        _LEMMATIZER.append(lemmatize)
    return _LEMMATIZER[0]


# Stressed and unstressed forms of the same pronoun ('wij gingen' = 'we gingen').
VARIANTS = {"wij": "we", "mij": "me", "jij": "je", "zij": "ze", "jou": "je"}


@lru_cache(maxsize=65536)
def lemma(word: str, full: bool = False) -> str:
    """The folded lemma of a folded word ('vroegen' -> 'vragen', 'drempels' -> 'drempel').

    Without ``full`` the shipped table is used (enough for the words of the built-in framework
    and deck); with ``full`` simplemma's whole dictionary (loaded once, on first use).
    """
    if word in VARIANTS:
        return VARIANTS[word]
    if len(word) < 3 or word.isdigit():
        return word
    if not full:
        from casusspel.scoring.lemma_table import table

        return table()[0].get(word, word)
    result = fold(_lemmatizer()(word).lower())
    return result.replace("_", "")


def is_known(word: str) -> bool:
    """Whether the shipped lemma table knows ``word`` (else the full dictionary is needed)."""
    from casusspel.scoring.lemma_table import table

    return len(word) < 3 or word.isdigit() or word in table()[1]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str
    lemma: str
    clause: int

    @property
    def key(self) -> str:
        return PRONOUN if self.norm in PRONOUNS else self.norm


def tokenize(text: str, full: bool = False) -> list[Token]:
    """Words of ``text`` with offsets, folded form, lemma and the clause they belong to."""
    folded = fold(text)
    tokens: list[Token] = []
    clause = 0
    last_end = 0
    for match in WORD.finditer(folded):
        if CLAUSE_BREAK.search(folded, last_end, match.start()):
            clause += 1
        word = match.group()
        if word in CLAUSE_WORDS:
            clause += 1
        tokens.append(Token(match.start(), match.end(), word, lemma(word, full), clause))
        last_end = match.end()
    return tokens


def tokenize_phrase(phrase: str) -> list[str]:
    """Folded words of an indicator phrase; '...' stays as a gap marker."""
    parts: list[str] = []
    for chunk in re.split(r"(\.\.\.|…)", fold(phrase)):
        if chunk in ("...", "…"):
            parts.append("...")
        else:
            parts.extend(WORD.findall(chunk))
    return parts
