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
SENTENCE_BREAK = re.compile(r"[!?\n]|\.(?!\d)")
# Words that start a new clause: the scope of a negation ends there. 'en' and 'of' end a clause
# for negation ("geen tolk en wel een huisbezoek") but not for an indicator's '...' gap, which
# runs to the end of the part ("met Dounia en haar moeder praten").
CLAUSE_WORDS = frozenset({"maar", "want", "omdat", "terwijl", "dus", "en", "zodat", "toen",
                          "daarom", "behalve", "of"})
PART_WORDS = CLAUSE_WORDS - {"en", "of"}
PRONOUNS = frozenset({"hij", "zij", "ze", "hem", "haar", "hen", "hun", "jij", "je", "u"})
PRONOUN = "<pers>"


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.lower())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else char


# Latin letters with accents in one table (str.translate runs in C); other characters one by one.
_FOLD_TABLE = {code: fold_char(chr(code)) for code in (*range(65, 91), *range(0xC0, 0x250))}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, same length as ``text``."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLD_TABLE)
    if folded.isascii():
        return folded
    return "".join(c if c.isascii() else fold_char(c) for c in folded)


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
    """A word: offsets in the original text, folded form, lemma, and where it stands.

    ``clause`` (the scope of a negation) ends at punctuation and at words like 'maar', 'en';
    ``part`` (the reach of an indicator's '...') at punctuation and 'maar', 'want', 'omdat', but
    not at 'en' or 'of'; ``sentence`` at '.', '!', '?', a line break or a list bullet.
    """

    start: int
    end: int
    norm: str
    lemma: str
    clause: int
    part: int = 0
    sentence: int = 0

    @property
    def key(self) -> str:
        return PRONOUN if self.norm in PRONOUNS else self.norm


def tokenize(text: str, full: bool = False) -> list[Token]:
    """Words of ``text`` with offsets, folded form, lemma and the clause they belong to."""
    folded = fold(text)
    tokens: list[Token] = []
    clause = part = sentence = 0
    last_end = 0
    for match in WORD.finditer(folded):
        word = match.group()
        start = match.start()
        if tokens:
            plain = start - last_end == 1 and folded[last_end] == " "  # the common case
            if not plain and CLAUSE_BREAK.search(folded, last_end, start):
                clause, part = clause + 1, part + 1
            elif word in CLAUSE_WORDS:
                clause, part = clause + 1, part + (word in PART_WORDS)
            if not plain and SENTENCE_BREAK.search(folded, last_end, start + 1):
                sentence += 1
        tokens.append(Token(start, match.end(), word, lemma(word, full), clause, part, sentence))
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
