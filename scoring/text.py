"""Dutch text handling with offsets kept: folding, tokens, lemmas and clauses.

Folding (lower case, accents removed) keeps the string length, so a position in the folded text
is the same position in the original. Lemmas come from simplemma, loaded lazily and once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import NamedTuple

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
NEGATORS = frozenset({"niet", "geen", "nooit", "niks", "niets", "zonder", "nergens", "noch"})
# 'niet alleen ... maar ook', 'niet meteen', 'niet te veel': not a negation of what follows.
# Only after 'niet': 'geen enkel' and 'nooit meer' do negate.
NOT_A_NEGATION_AFTER_NIET = frozenset({"alleen", "enkel", "slechts", "meteen", "direct", "te",
                                       "zomaar", "eens", "zo", "zozeer", "pas"})


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.lower())
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else char


# Latin letters with accents in one table (str.translate runs in C); other characters one by one.
_FOLD_TABLE = {code: fold_char(chr(code)) for code in (*range(65, 91), *range(0xC0, 0x250))}


@lru_cache(maxsize=256)  # a text is folded by several steps in a row; old texts never return
def fold(text: str) -> str:
    """Lower case without accents, same length as ``text``.

    Each character is folded on its own, so the text is folded in pieces: its runs of ASCII
    with ``lower`` (which changes only A-Z there, as the table does) and its runs of other
    characters through the table. ``str.translate`` with a dictionary looks up every character
    of a text that is not all ASCII, about 25 ns each: a case with one 'é' took 3.5x longer."""
    if text.isascii():
        return text.lower()
    # (a text with many characters outside ASCII, like a long text in another script, is
    # folded whole: its pieces would be a list as long as the text)
    if len(text.encode("utf-8", "surrogatepass")) - len(text) > len(text) // 32 + 32:
        return _fold_other(text)
    parts = _NOT_ASCII.split(text)  # ASCII, other, ASCII, ..., ASCII
    parts[0::2] = [part.lower() for part in parts[0::2]]
    parts[1::2] = [_fold_short(part) if len(part) <= _SHORT else _fold_other(part)
                   for part in parts[1::2]]
    return "".join(parts)


_NOT_ASCII = re.compile(r"([^\x00-\x7f]+)")
_SHORT = 8  # runs remembered: an accented letter, a quote, a dash (a long run is not kept)


@lru_cache(maxsize=1024)  # the same few accented letters and quotes, text after text
def _fold_short(run: str) -> str:
    return _fold_other(run)


def _fold_other(run: str) -> str:
    """A run of characters outside ASCII folded as ``fold`` always did: through the table,
    then what is still outside ASCII one by one."""
    folded = run.translate(_FOLD_TABLE)
    if folded.isascii():
        return folded
    return "".join(c if c.isascii() else fold_char(c) for c in folded)


_NOT_LETTER = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))


@lru_cache(maxsize=8)
def letter_runs(folded: str) -> frozenset[str]:
    """The runs of the letters a-z in a folded text (anything else separates them), split on
    bytes: much faster than a regular expression over a long text. The last few are kept:
    the stereotype and generalisation prefilters ask for the same text one after the other."""
    return frozenset(folded.encode("utf-8", "surrogatepass").translate(_NOT_LETTER).decode(
        "ascii").split())


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

        found = table()[0].get(word)
        return found if found is not None else _plural_with_diaeresis(word)
    result = dictionary_lemma(word)
    return _plural_with_diaeresis(result) if result == word else result


def _raw_lemma(word: str) -> str:
    return fold(_lemmatizer()(word).lower()).replace("_", "")


def dictionary_lemma(word: str, raw: Callable[[str], str] | None = None) -> str:
    """simplemma's lemma of a folded word, with one noun or verb stem per word family.

    simplemma gives each form one lemma, and where a noun is also a verb stem it crosses
    them: 'tolk' (also 'ik tolk') -> 'tolken', 'taxi' -> 'taxiën', while 'tolken' (also the
    plural) -> 'tolk' and 'bellen' -> 'bel' but 'belt' -> 'bellen'. So the family's stem is its
    key: a word whose lemma is its own infinitive keeps itself ('tolk', 'taxi'), and a verb
    form whose infinitive has a stem keeps that stem ('tolkt', 'tolken' -> 'tolk'; 'belt',
    'bellen' -> 'bel'; 'vragen' -> 'vraag')."""
    raw = raw or _raw_lemma
    first = raw(word)
    if first == word or _stem_of(word, first):
        return word
    second = raw(first)
    return second if second != first and _stem_of(second, first) else first


def verb_stems(infinitive: str) -> set[str]:
    """The stems of a Dutch infinitive: 'tolken' -> 'tolk', 'bellen' -> 'bel', 'vragen' ->
    'vraag', 'leven' -> 'leef' (and the infinitive without '-en')."""
    if not infinitive.endswith("en") or len(infinitive) < 4:
        return set()
    plain = infinitive[:-2]
    stem = plain
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stem = stem[:-1]  # bellen -> bel
    elif len(stem) > 2 and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
        stem = stem[:-1] + stem[-2] + stem[-1]  # vragen -> vraag
    stem = re.sub(r"z$", "s", re.sub(r"v$", "f", stem))
    return {plain, stem}


def _stem_of(word: str, infinitive: str) -> bool:
    return word in verb_stems(infinitive)


def _plural_with_diaeresis(word: str) -> str:
    """'moskeeën' and 'ideeën' fold to 'moskeeen', 'ideeen', which no dictionary knows:
    the singular is the word without 'en' ('moskee', 'idee', 'knie' from 'knieen')."""
    if len(word) > 5 and word.endswith(("eeen", "ieen")):
        return word[:-2]
    return word


def is_known(word: str) -> bool:
    """Whether the shipped lemma table knows ``word`` (else the full dictionary is needed)."""
    from casusspel.scoring.lemma_table import table

    return len(word) < 3 or word.isdigit() or word in table()[1]


class Token(NamedTuple):
    """A word: offsets in the original text, folded form, lemma, and where it stands.

    ``clause`` (the scope of a negation) ends at punctuation and at words like 'maar', 'en';
    ``part`` (the reach of an indicator's '...') at punctuation and 'maar', 'want', 'omdat', but
    not at 'en' or 'of'; ``sentence`` at '.', '!', '?', a line break or a list bullet.
    Immutable like a frozen dataclass, and made three times as fast (a text has hundreds).
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


# Token((...)) without the keyword handling of Token(...): a text makes hundreds
_token = partial(tuple.__new__, Token)


def negates(tokens: Sequence[Token], index: int) -> bool:
    """Whether the word at ``index`` negates its clause ('geen tolk', 'niks met instanties',
    'geen enkel gesprek'); 'niet alleen', 'niet meteen', 'niet te' do not."""
    norm = tokens[index].norm
    if norm not in NEGATORS:
        return False
    if norm != "niet" or index + 1 >= len(tokens):
        return True
    return tokens[index + 1].norm not in NOT_A_NEGATION_AFTER_NIET


# A sentence with one of these refuses what it mentions ('een tolk vinden wij overdreven').
REFUSALS = frozenset({"overdreven", "onnodig", "overbodig", "zinloos", "onzin"})
# ... or with both words of a pair, a few words apart in one clause ('apart spreken vinden wij
# niet nodig', 'een huisbezoek doen we niet', 'dat zien wij niet als onze taak').
REFUSAL_PAIRS = frozenset({("niet", "nodig"), ("te", "duur"), ("niet", "onze"), ("gaan", "niet"),
                           ("niet", "verantwoord"), ("hoeft", "niet"), ("niet", "zinvol"),
                           ("blijft", "zoals"), ("geen", "budget"), ("geen", "taak"),
                           ("niet", "aanpassen"), ("doen", "niet"), ("kost", "te"),
                           ("niet", "verstandig"), ("niet", "realistisch"), ("niet", "haalbaar"),
                           ("veel", "gedoe"), ("niet", "taak"), ("valt", "buiten"),
                           ("buiten", "opdracht"), ("niet", "wenselijk")})
REFUSAL_REACH = 3
REFUSAL_STARTS = REFUSALS | frozenset(first for first, _ in REFUSAL_PAIRS)


def refusals(tokens: Sequence[Token]) -> set[int]:
    """Sentences that refuse what they mention: a refusing word, or a refusing pair of words
    a few words apart in one clause (a 'niet' that is no negation, as in 'niet alleen', does not
    count)."""
    found: set[int] = set()
    for index, token in enumerate(tokens):
        if token.norm not in REFUSAL_STARTS or token.sentence in found:
            continue  # most words: one set look-up
        if token.norm in REFUSALS:
            found.add(token.sentence)
            continue
        if token.norm == "niet" and not negates(tokens, index):
            continue
        for other in tokens[index + 1:index + 1 + REFUSAL_REACH]:
            if other.clause != token.clause:
                break
            if (token.norm, other.norm) in REFUSAL_PAIRS:
                found.add(token.sentence)
                break
    return found


OTHER_SUBJECTS = frozenset({"hij", "zij", "ze", "meneer", "mevrouw"})
DUTY_VERBS = frozenset({"moet", "hoeft", "hoort"})
DUTY_PAIR_WORDS = OTHER_SUBJECTS | DUTY_VERBS


def others_duty(tokens: Sequence[Token]) -> set[int]:
    """Clauses that say what the other person must do ('hij moet wel leren samenwerken met
    het bestuur', 'dat moet ze zelf uitzoeken'): not a move of the writer's own."""
    found: set[int] = set()
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first.norm not in DUTY_PAIR_WORDS:
            continue
        if first.clause == second.clause and (
                (first.norm in OTHER_SUBJECTS and second.norm in DUTY_VERBS)
                or (first.norm in DUTY_VERBS and second.norm in OTHER_SUBJECTS)):
            found.add(first.clause)
    return found


# Verbs after which 'dat' opens a clause of its own ('we hadden ingevuld dat ze geen hulp wilde',
# 'ik merkte dat ik niet luisterde'): a negation there says what was thought or seen, it does
# not deny the thinking or the seeing. Thirteenth round.
THAT_VERBS = frozenset("""denk denken denkt dacht dachten weet weten wist wisten vind vinden vindt
    vond vonden zie zien ziet zag zagen merk merken merkt merkte merkten hoop hopen hoopt
    hoorde hoorden hoor horen bleek blijkt zeg zeggen zegt zei zeiden besef beseffen beseft
    besefte beseften realiseer realiseren realiseerde realiseerden begrijp begrijpen snap
    snappen verwacht verwachten verwachtte verwachtten vergeten vergat vergaten schrok
    schrokken voel voelen voelde voelden""".split())


def introduces(word: str) -> bool:
    """Whether 'dat' after ``word`` opens a clause: after a verb of thinking, seeing or saying,
    or after a past participle ('ingevuld', 'aangenomen', 'gedacht', 'gemerkt')."""
    if word in THAT_VERBS:
        return True
    stem = next((word[len(p):] for p in PARTICLES if word.startswith(p + "ge")), word)
    return len(stem) > 5 and stem.startswith("ge") and word.endswith(("d", "t", "en"))


# Separable particles before the 'ge' of a participle ('ingevuld', 'aangenomen', 'opgemerkt').
PARTICLES = ("in", "aan", "op", "uit", "mee", "na", "door", "af", "toe", "voor", "over", "bij")


def tokenize(text: str, full: bool = False) -> list[Token]:
    """Words of ``text`` with offsets, folded form, lemma and the clause they belong to."""
    folded = fold(text)
    tokens: list[Token] = []
    clause = part = sentence = 0
    last_end = 0
    lemma_of = _full_lemma if full else lemma  # lemma(word): the cache's quick one-key path
    for match in WORD.finditer(folded):
        start, end = match.span()
        word = folded[start:end]
        if tokens:
            plain = start - last_end == 1 and folded[last_end] == " "  # the common case
            if not plain and CLAUSE_BREAK.search(folded, last_end, start):
                clause, part = clause + 1, part + 1
            elif word in CLAUSE_WORDS or (word == "dat" and introduces(tokens[-1].norm)):
                clause, part = clause + 1, part + (word in PART_WORDS)
            if not plain and SENTENCE_BREAK.search(folded, last_end, start + 1):
                sentence += 1
        last_end = end
        tokens.append(_token((start, end, word, lemma_of(word), clause, part, sentence)))
    return tokens


def _full_lemma(word: str) -> str:
    return lemma(word, True)


def tokenize_phrase(phrase: str) -> list[str]:
    """Folded words of an indicator phrase; '...' stays as a gap marker."""
    parts: list[str] = []
    for chunk in re.split(r"(\.\.\.|…)", fold(phrase)):
        if chunk in ("...", "…"):
            parts.append("...")
        else:
            parts.extend(WORD.findall(chunk))
    return parts
