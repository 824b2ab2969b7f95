"""Stereotype detection as generalisation detection (Dutch).

A sentence generalises when a *group* of people (``groups_nl``) is the subject or topic of a
*generic claim*: a generalising word ('nou eenmaal', 'altijd', 'dat weet iedereen', 'typisch',
'bij hen') or, for groups by origin, religion, identity, disability, income or education, a
plain present-tense statement ('Afrikanen vertrouwen instanties niet'). Judged per sentence:

- a hedge never cancels it ('ik wil niet generaliseren, maar ...', also in other words: 'misschien
  is het een vooroordeel van mij, maar ...'; the claim after 'maar' stands);
- a group can also be an object taken up by 'ze'/'die' ('als je Somaliërs binnenlaat, blijven ze
  altijd ...'), a kind ('zulke ouders', 'dat soort families', 'in zo'n gezin', 'elke Turk'), or
  come after a claim that everybody knows it ('iedereen weet dat Bulgaren ...', 'zo zijn ...');
- a quoted claim, a reported one ('de collega zei: ...'), one that is criticised in the same
  sentence or the next ('dat klopt niet', 'dat is een vooroordeel'), a question, a claim about
  part of a group ('sommige', 'veel') without a generalising word, and an event in the perfect
  tense ('die mensen hebben het nooit gekregen') are not flagged, nor are denials ('het is niet
  zo dat ...'), indirect questions ('of ... , weten we niet') and a faith's feasts and rites
  ('moslims vieren het suikerfeest') without a generalising word.

Precision first: a false accusation in front of a room is worse than a miss.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import NamedTuple

from casusspel.scoring import groups_nl as nl
from casusspel.scoring.text import fold, letter_runs

WORD = re.compile(r"\w+(?:[-'’]\w+)*|(?<=\s)=(?=\s)")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
QUOTE_PAIRS = (("\"", "\""), ("“", "”"), ("„", "”"), ("«", "»"))
SINGLE_QUOTES = "'‘’"
PARTICIPLE = re.compile(r"^ge\w{3,}(?:d|t|en)$")
STRONG_PARTICIPLE = re.compile(r"^ge\w+(?:aan|ien|oen)$")  # 'gestaan', 'gezien', 'gedaan'

AUXILIARIES = frozenset({"heeft", "hebben", "had", "hadden"})
# A part break or a sentence end between two words (``$`` matches at the end of the gap).
GAP_BREAK = re.compile(r"[,;:()\n]|[.!?](?=\s|$)")
PART_WORDS = frozenset({"maar", "want", "omdat", "terwijl", "dus", "zodat", "toen", "daarom"})
# A following part that starts with one of these still belongs to the claim
# ('..., dat weet iedereen', '..., die vragen nooit hulp').
CONTINUATIONS = frozenset({"dat", "zo", "die", "daar", "dit", "en", "ze", "zij"})
RELATIVES = frozenset({"die", "wie", "dat", "waarvan", "waar"})
PAST_MARKERS = frozenset({"verleden", "jarenlang", "vroeger", "ooit", "toen", "destijds",
                          "eeuwenlang", "decennialang"})
FIRST_PERSON = frozenset({"we", "wij", "ik", "jullie", "u"})
ADVERBIAL_BEFORE_MAAR = frozenset({"alleen", "toch", "nou", "eens", "even"})  # 'alleen maar'
WINDOW = 40  # words around a group that can belong to its claim (keeps the work linear)


class Word(NamedTuple):  # immutable, and quick to make: a text has hundreds
    start: int
    end: int
    norm: str
    part: int


_word = partial(tuple.__new__, Word)  # Word((...)): no keyword handling, a text has hundreds


@dataclass(frozen=True)
class Generalisation:
    """A generic claim about a group: where it is, which group, which words make it generic."""

    start: int
    end: int
    group: tuple[int, int]  # character range of the words naming the group
    claim: tuple[int, int]  # character range of the words that make the claim generic


@lru_cache(maxsize=2)
def _words(text: str) -> list[Word]:
    """The words of ``text`` with their part numbers (kept for the last texts: the rules and
    the flag model read the same text one after the other; nobody changes the list)."""
    folded = fold(text)
    words: list[Word] = []
    part, last = 0, 0
    for match in WORD.finditer(folded):
        start, end = match.span()
        norm = folded[start:end]
        if not norm.isalnum():
            if norm == "=":  # a copula between words: 'marokkaanse jongens = probleem'
                norm = "is"
            else:
                norm = _origin(norm)
        # one search of the gap between two words; a single space (most gaps) holds nothing
        if (start - last > 1 or folded[last:start] != " ") and GAP_BREAK.search(
                folded, last, start) or (norm in PART_WORDS and not (
                    norm == "maar" and words and words[-1].norm in ADVERBIAL_BEFORE_MAAR)):
            part += 1
        last = end
        words.append(_word((start, end, norm, part)))
    return words


ORIGIN_WORDS = nl.GROUP_ADJECTIVES | nl.IDENTITY_NOUNS


def _origin(word: str) -> str:
    """A word with a hyphen or quote, joined ('homo's' -> 'homos'); an origin after a first
    part is the origin ('Zuid-Amerikaanse' -> 'amerikaanse', 'Marokkaans-Nederlandse' ->
    'nederlandse'), unless the whole word is known ('Oost-Europeanen')."""
    joined = word.replace("-", "").replace("'", "").replace("’", "")
    if joined in ORIGIN_WORDS or "-" not in word:
        return joined
    last = word.rsplit("-", 1)[1]
    return last if last in ORIGIN_WORDS else joined


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (double, curly, and single quotes used as such)."""
    spans: list[tuple[int, int]] = []
    for opening, closing in QUOTE_PAIRS:
        index = 0
        while (start := text.find(opening, index)) >= 0:
            end = text.find(closing, start + 1)
            if end < 0:
                end = len(text)
            spans.append((start, end + 1))
            index = end + 1
    for match in re.finditer(r"(?:^|(?<=[\s(:\-]))['‘’](?=\w)(.{1,300}?)(?<=[\w.!?,])['‘’]"
                             r"(?!\w)", text, re.S):
        spans.append(match.span())
    return spans


def _inside(spans: Sequence[tuple[int, int]], position: int) -> bool:
    return any(a <= position < b for a, b in spans)


def _starts(words: Sequence[Word], index: int, phrase: Sequence[str]) -> bool:
    if index + len(phrase) > len(words):
        return False
    for offset, word in enumerate(phrase):  # a plain loop: called for most words of a text
        if words[index + offset].norm != word:
            return False
    return True


_BY_FIRST: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _index(phrases: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word (built once per phrase list)."""
    found = _BY_FIRST.get(id(phrases))
    if found is None:
        found = {}
        for phrase in phrases:
            found.setdefault(phrase[0], []).append(phrase)
        _BY_FIRST[id(phrases)] = found
    return found


def _find(words: Sequence[Word], phrases: Sequence[tuple[str, ...]], lo: int,
          hi: int) -> tuple[int, int] | None:
    by_first = _index(phrases)
    for index in range(lo, hi):
        for phrase in by_first.get(words[index].norm, ()):
            if index + len(phrase) <= hi and _starts(words, index, phrase):
                return index, index + len(phrase)
    return None


GROUP_PHRASES_BY_FIRST = _index(nl.GROUP_PHRASES)
STARTERS = (nl.GROUP_ADJECTIVES | nl.IDENTITY_NOUNS | nl.BROAD_NOUNS | nl.PERSON_HEADS
            | frozenset(GROUP_PHRASES_BY_FIRST) | nl.STRICT_ADJECTIVES)


@dataclass(frozen=True)
class Group:
    start: int  # word index
    end: int  # word index after the group phrase
    strength: int  # 2: origin, religion, identity...; 1: broad (age, gender, work)
    role: str  # "subject", "topic", "part", "pointed"
    named: Group | None = None  # for a pronoun: the group it stands for
    after: int = -1  # where the claim starts after a relative clause without a comma
    head: int = -1  # the group's last word before such a relative clause
    kind: bool = False  # named as a kind ('zulke ouders', 'dat soort families')


def _is_compound_group(word: str) -> bool:
    if not word.endswith(nl.COMPOUND_HEADS) or not word.startswith(nl.COMPOUND_PREFIXES):
        return False
    return any(word.endswith(head) and len(word) > len(head) + 2
               and word[:-len(head)].startswith(nl.COMPOUND_PREFIXES)
               for head in nl.COMPOUND_HEADS)


def _is_broad_compound(word: str) -> bool:
    """'boerenvrouwen', 'voetbalvaders': a people noun after a first part of 4+ letters."""
    return word.endswith(nl.BROAD_COMPOUND_HEADS) and any(  # one test first: most words
        word.endswith(head) and len(word) >= len(head) + 4 for head in nl.BROAD_COMPOUND_HEADS)


def _bare(words: Sequence[Word], index: int) -> bool:
    """No article, possessive or number before ``index``: a group, not these persons."""
    return index == 0 or words[index - 1].part != words[index].part or (
        words[index - 1].norm not in nl.SPECIFIC_BEFORE
        and not words[index - 1].norm.isdigit())


GENERIC_ADJECTIVES = frozenset({"nieuwe", "zware", "oudere", "jonge", "streng", "traditionele",
                                *nl.REGIONAL_ADJECTIVES})


def _noun_phrase(words: Sequence[Word], index: int) -> tuple[int, int] | None:
    """(end, strength) of a group phrase starting at ``index``, or None."""
    first = words[index].norm
    if first not in STARTERS and not first.endswith(nl.COMPOUND_HEADS):
        return None  # most words: nothing to look up
    for phrase in GROUP_PHRASES_BY_FIRST.get(words[index].norm, ()):
        if _starts(words, index, phrase):
            return index + len(phrase), 2
    if first in nl.STRICT_ADJECTIVES and index + 1 < len(words) \
            and words[index + 1].norm in nl.CONGREGATIONS:
        return index + 2, 2  # 'in die bevindelijke kerken': a faith's people
    position, identity_adjective = index, False
    while (position < len(words) and position - index < 3
           and words[position].norm in nl.GROUP_ADJECTIVES):
        identity_adjective |= words[position].norm not in GENERIC_ADJECTIVES
        position += 1
    if position >= len(words):
        return None
    head = words[position].norm
    strength = _head_strength(words, index, position, identity_adjective)
    if strength is None:
        return None
    return _extended(words, position + 1, head, strength)


def _head_strength(words: Sequence[Word], index: int, position: int,
                   identity_adjective: bool) -> int | None:
    """How surely the noun at ``position`` (after adjectives from ``index``) names a group: 2
    (origin, religion, identity...), 1 (broad: 'mensen', 'jongeren'), or None (no group)."""
    head = words[position].norm
    if head in nl.IDENTITY_NOUNS or _is_compound_group(head):
        return 2
    if head in nl.CONGREGATIONS and position > index \
            and words[position - 1].norm in nl.STRICT_ADJECTIVES:
        return 2  # 'in die zware kerken': a faith's people
    if _is_broad_compound(head) and position == index and _bare(words, index):
        return 1
    if head in nl.PERSON_HEADS and identity_adjective:
        return 2
    if head in nl.BROAD_NOUNS:
        return 2 if identity_adjective and position != index else 1
    if head in nl.PERSON_HEADS and _age(words, position + 1) is not None:
        return 1  # 'bewoners van negentig'
    return None


def _extended(words: Sequence[Word], end: int, head: str, strength: int) -> tuple[int, int]:
    """(end, strength) of a group phrase with what narrows it after its head noun."""
    for narrower in nl.NARROWERS:
        if _starts(words, end, narrower):
            end += len(narrower)
            strength = 2
    if head in nl.BROAD_NOUNS and head != "mensen":  # 'moeders in de bijstand', 'vaders met
        # schulden': what makes 'mensen' a group makes them one too (train-round11)
        for tail in PEOPLE_TAILS.get(words[end].norm if end < len(words) else "", ()):
            if _starts(words, end, tail):
                end, strength = end + len(tail), 2
                break
    age = _age(words, end)
    if age is not None and (head in nl.BROAD_NOUNS or head in nl.PERSON_HEADS):
        # 'vrouwen van zestig', 'bewoners van negentig'
        end, strength = age, 2
    if head in nl.BROAD_NOUNS and end < len(words) and words[end].norm in ("met", "zonder"):
        found = _property(words, end + 1)  # 'mensen met een buitenlandse achternaam'
        if found is not None:
            end, identity = found
            strength = max(strength, 2 if identity else 1)
    if _starts(words, end, ("uit",)) and end + 2 < len(words) \
            and words[end + 1].norm in ("die", "dat", "zon"):  # 'mannen uit die cultuur'
        end, strength = end + 3, 2
    elif _starts(words, end, ("uit",)) and end + 1 < len(words):
        if words[end + 1].norm in nl.COUNTRIES and head not in VAGUE:
            strength = 2  # 'mannen uit Afghanistan'; 'mensen uit Syrië' may be a fact
        end += 2 if words[end + 1].norm not in ("de", "het") else 3
    return end, strength


# What follows 'mensen' in a group phrase ('in de bijstand', 'met schulden'), by its first word.
PEOPLE_TAILS = _index(tuple(p[1:] for p in nl.GROUP_PHRASES if p[0] == "mensen" and len(p) > 1))


def _age(words: Sequence[Word], index: int) -> int | None:
    """End of an age after a group noun ('van zestig', 'van 60 jaar', 'van boven de 70',
    'boven de tachtig', 'vanaf 65')."""
    position = index + 1 if _starts(words, index, ("van",)) else index
    if position >= len(words) or (position == index and words[index].norm not in AGE_BOUNDS):
        return None
    if words[position].norm in AGE_BOUNDS:
        position += 1
        if _starts(words, position, ("de",)):
            position += 1
    elif _starts(words, position, ("in", "de")):
        position += 2
    if position >= len(words):
        return None
    number = words[position].norm
    if not (number.isdigit() or number in nl.AGE_NUMBERS):
        return None
    position += 1
    if position < len(words) and words[position].norm in ("jaar", "plus", "jarigen"):
        position += 1
    return position


AGE_BOUNDS = frozenset({"boven", "onder", "rond", "vanaf"})
PROPERTY_DETERMINERS = frozenset({"een", "weinig", "veel", "geen", "hun", "de", "het", "zon",
                                  "zo", "n", "andere", "zoveel", "te"})


def _property(words: Sequence[Word], index: int) -> tuple[int, bool] | None:
    """(end, names an identity) of what defines a group after 'met' or 'zonder':
    'een buitenlandse achternaam', 'papieren', 'weinig geld'; None when a verb comes first."""
    position, identity = index, False
    while position < min(len(words), index + 5) and words[position].part == words[index].part:
        norm = words[position].norm
        if norm in nl.PRESENT_VERBS or norm in RELATIVES:
            return None
        identity |= norm in nl.GROUP_ADJECTIVES or norm in nl.IDENTITY_PROPERTIES
        following = words[position + 1] if position + 1 < len(words) else None
        last = following is None or following.part != words[index].part or (
            following.norm in nl.PRESENT_VERBS or following.norm in RELATIVES)
        if norm in PROPERTY_DETERMINERS or (norm.endswith(("e", "end")) and len(norm) > 4
                                            and norm not in nl.IDENTITY_PROPERTIES and not last):
            position += 1
            continue
        return position + 1, identity
    return None


def _main_after_relative(words: Sequence[Word], relative: int, hi: int) -> int | None:
    """Where the main clause goes on after a relative clause without a comma: the verbs of
    the relative clause end it and a finite verb follows ('mensen die hier zonder papieren
    zitten | willen gewoon niks', 'vrouwen die ... hebben gestaan | gaan niet meer
    solliciteren')."""
    part = words[relative].part
    last = min(hi - 1, relative + 16)
    for index in range(relative + 2, last):
        norm, following = words[index].norm, words[index + 1].norm
        ends = norm in nl.PRESENT_VERBS or PARTICIPLE.match(norm) \
            or STRONG_PARTICIPLE.match(norm) or _present_verb(words, index, hi) is not None \
            or words[index - 1].norm in ("zijn", "hebben", "worden")  # 'zijn opgegroeid'
        if words[index + 1].part != part:
            # 'mensen die lang op straat hebben geleefd, hebben nou eenmaal ...': a comma
            # after the relative clause's last verb, then the main verb (train-round11)
            last = index
            if ends and words[index].part == part and following in nl.PRESENT_VERBS \
                    and following.endswith("n"):
                return index + 1
            # a plural main verb: not '(een club voor) mensen met ... die ... kan, heeft ...'
            break
        if (norm in nl.PRESENT_VERBS or PARTICIPLE.match(norm) or STRONG_PARTICIPLE.match(norm)) \
                and following in nl.PRESENT_VERBS:
            return index + 1
    # verbs no list holds, only inside the part and when no listed pair ended it
    return next((i + 1 for i in range(relative + 2, last - 1) if _verb_pair(words, i, hi)), None)


def _verb_pair(words: Sequence[Word], index: int, hi: int) -> bool:
    """'mannen die hun werk kwijtraken | praten nooit ...', 'vrouwen die ... hebben gezeten |
    dragen dat altijd mee': the relative clause's last verb and the main verb right after it,
    verbs the lists do not hold (twelfth round, two misses in train-round12). Both look like
    plural verbs, the first not after a word of time or an article ('die elkaar al jaren
    kennen' is no verb pair) and the main clause goes on after the second."""
    norm = words[index].norm
    first = PARTICIPLE.match(norm) or STRONG_PARTICIPLE.match(norm) or (
        _present_verb(words, index, hi) is not None
        and words[index - 1].norm not in NOUN_BEFORE | nl.NOT_SUBJECT_BEFORE
        and words[index - 1].norm != "al"
        and not words[index - 1].norm.isdigit())
    return bool(first) and index + 2 < hi and _present_verb(words, index + 1, hi) is not None \
        and words[index + 2].part == words[index].part


def _groups(words: Sequence[Word], lo: int, hi: int) -> Iterator[Group]:
    index = lo
    while index < hi:
        np = _noun_phrase(words, index)
        if np is None and words[index].norm in nl.POINTED_HEADS and _role(
                words, index, lo) == "pointed":
            np = index + 1, 2
        if np is None:
            index += 1
            continue
        end, strength = np
        while end + 1 < hi and words[end].norm in ("en", "of"):
            more = _noun_phrase(words, end + 1)
            if more is None:
                break
            end, strength = more[0], max(strength, more[1])
        if end < hi and words[end].norm in RELATIVES and words[end].part == words[index].part:
            yield _relative_group(words, index, end, hi, strength)
        else:
            yield from _placed_group(words, index, end, lo, hi, strength)
        index = end


def _relative_group(words: Sequence[Word], index: int, end: int, hi: int,
                    strength: int) -> Group:
    """A group phrase followed by a relative clause ('vrouwen die nooit leerden zwemmen'): what
    follows narrows the group; only a claim after the relative clause ('..., dat weet
    iedereen') can still be about it."""
    main = _main_after_relative(words, end, hi)
    if main is None:
        return Group(index, min(end, hi), strength, "relative")
    # the relative clause names the group: 'mensen die zonder papieren zitten'
    if any(w.norm in nl.IDENTITY_PROPERTIES for w in words[end:main]):
        strength = 2
    # after a comma only a clear generalising word makes a claim ('Mensen die hier zonder
    # papieren zitten, hebben vaak geen huisarts' is a fact; '..., hebben nou eenmaal ...' not)
    subject = strength >= 2 and words[main].part == words[end].part
    return Group(index, main, strength, "subject" if subject else "relative", after=main,
                 head=end - 1)


def _placed_group(words: Sequence[Word], index: int, end: int, lo: int, hi: int,
                  strength: int) -> Iterator[Group]:
    """The group phrase ``index:end`` with its role in the sentence, if it has one."""
    role = _role(words, index, lo)
    if role == "part" and strength < 2 and index > lo and words[index - 1].norm == "de":
        role = None  # 'de jongeren komen altijd op zondag': these young people
    if role is None and strength >= 2 and index > lo and (
            words[index - 1].norm in nl.NOT_SUBJECT_BEFORE or (
                words[index - 1].norm in nl.POINTERS and index - 1 > lo
                and words[index - 2].norm in nl.NOT_SUBJECT_BEFORE)):
        role = "object"  # 'met moslims kun je daar nou eenmaal niet over praten', 'met die
        # wappies kun je niet praten, dat zie je op tv ook' (twelfth round, train-round12)
    if role == "pointed" and _kind(words, index):
        if not _relative_object(words, index, lo):
            yield Group(index, min(end, hi), 2, role, kind=True)
    elif role is not None:
        if role == "pointed":  # an origin's adjective keeps its strength: 'die Zuid-Amerikaanse
            # vrouwen' is a group, 'die mensen' may be these people
            strength = max(strength, _pointed_strength(words, index, end))
        yield Group(index, min(end, hi), strength, role)


POINTED_GROUP_HEADS = frozenset({"mensen", "types", "figuren", "lui", "volk", "gezinnen",
                                 "families", "kringen", "wijk", "groepen"})


def _pointed_strength(words: Sequence[Word], index: int, end: int) -> int:
    """'die Marokkanen', 'dat soort mensen': pointed at as a kind of people (2), or maybe just
    these people (1; 'die mensen' may be 'de dingen die mensen zeggen')."""
    head = words[end - 1].norm
    if words[index - 1].norm == "die" and head in VAGUE:
        return 1
    return 2 if head in nl.IDENTITY_NOUNS or head in POINTED_GROUP_HEADS else 1


def _kind(words: Sequence[Word], index: int) -> bool:
    """'zulke ouders', 'dat soort families': a kind of people, not persons in the case."""
    if words[index].norm in ("lui", "volk", "figuren", "types"):  # 'die lui', 'dat volk'
        return True
    return (index > 0 and words[index - 1].norm in nl.KIND_POINTERS) or any(
        index >= len(s) and _starts(words, index - len(s), s) for s in nl.SORT_OF)


def _relative_object(words: Sequence[Word], index: int, lo: int) -> bool:
    """A kind as the object of a relative clause: 'er zijn bedrijven die juist zulke jongens
    zoeken' ('die', after a word of its own part, a few words before the pointer)."""
    pointer = index - 1
    part = words[index].part
    for back in range(pointer - 1, max(lo, pointer - 4) - 1, -1):
        if words[back].part != part or back == lo:
            return False
        if words[back].norm == "die" and words[back - 1].part == part:
            return True
    return False


ADJECTIVE_ENDINGS = ("se", "sche", "ische", "ige", "ele", "ale", "ieke")


def _role(words: Sequence[Word], index: int, lo: int) -> str | None:
    """How a group phrase at ``index`` stands in its sentence, or None when it is no group."""
    skipped = 0
    while index > lo and skipped < 2 and words[index - 1].norm.endswith(ADJECTIVE_ENDINGS) \
            and words[index - 1].norm not in nl.SPECIFIC_BEFORE \
            and words[index - 1].norm not in nl.PART_BEFORE:
        index -= 1  # 'van Caribische Nederlanders': look past an adjective we do not know
        skipped += 1
    if index > lo and words[index - 1].norm == "alle":
        role = _role(words, index - 1, lo)
        return None if role is None else "subject"
    # only words of the group's own part ('Laten we eerlijk zijn: ouderen ...' is no 'zijn
    # ouderen', his parents)
    part = words[index].part
    before = words[index - 1].norm if index > lo and words[index - 1].part == part else ""
    two_before = words[index - 2].norm if before and index - 1 > lo \
        and words[index - 2].part == part else ""
    if any(_starts(words, index - len(s), s) for s in nl.SORT_OF if index - len(s) >= lo):
        return "pointed"
    if before in nl.POINTERS or before in nl.KIND_POINTERS:
        return "pointed" if two_before not in nl.NOT_SUBJECT_BEFORE else None
    return _role_after(before, two_before, words, index)


def _role_after(before: str, two_before: str, words: Sequence[Word], index: int) -> str | None:
    """The role a group phrase gets from the one or two words before it."""
    if before in nl.NEGATED_BEFORE or (before == "alle" and two_before in nl.NEGATED_BEFORE):
        return None
    if before == "hoe" and two_before in KNOWING:  # 'je weet toch hoe Polen zijn'
        return "subject"
    if before in nl.QUESTION_BEFORE:  # 'of Turkse vrouwen ..., weten we niet'
        return None
    if before == "zijn" and two_before == "zo":  # 'zo zijn Surinamers'
        return "subject"
    if before == "zijn" and two_before in VERB_SECOND_OPENERS and all(
            words[i].part != words[index].part or words[i].norm in OPENER_LEADS
            for i in range(max(0, index - 4), index - 2)):
        return "subject"  # 'Eerlijk gezegd zijn Indiase mannen ...': the verb, not 'his'
    if before == "de" and two_before in ("in", "binnen", "bij", "onder") and any(
            w.norm in nl.COLLECTIVE_HEADS for w in words[index:index + 4]):
        return "topic"  # 'binnen de Hindoestaanse gemeenschap'
    if before in nl.SPECIFIC_BEFORE or before.isdigit() or before in ("groep", "aantal"):
        return "part" if before == "de" else None
    if before in nl.PART_BEFORE or (before == "deel" and two_before == "een"):
        return "part"
    if before in nl.NOT_SUBJECT_BEFORE:
        return None
    if before in nl.TOPIC_BEFORE:
        return "topic"
    return "subject"


# Openers of a part after which 'zijn' is the verb in second place ('eerlijk gezegd zijn ...',
# 'eigenlijk zijn ...'; eleventh round, a miss in the folds); not 'hij heeft eigenlijk zijn
# ...' (the opener is not the first of its part).
VERB_SECOND_OPENERS = frozenset({"gezegd", "eigenlijk", "helaas"})
OPENER_LEADS = frozenset({"eerlijk", "kort", "maar", "en", "dus", "want"})
KNOWING = frozenset({"weet", "toch", "wel"})  # 'je weet (toch) hoe ...', not 'vragen hoe'
NOUN_BEFORE = frozenset({"de", "het", "een", "van", "met", "voor", "op", "aan", "over", "die",
                         "deze", "hun", "haar", "zijn", "geen"})


def _event(words: Sequence[Word], lo: int, hi: int) -> bool:
    """A perfect-tense clause ('hebben het nooit gekregen') tells what happened, not a habit."""
    norms = [w.norm for w in words[lo:min(hi, lo + WINDOW)] if w.part == words[lo].part]
    marker = next((i for i, n in enumerate(norms) if n in AUXILIARIES or n in PAST_MARKERS), None)
    # 'hebben het nooit gekregen' is a past event; 'gevolgen' in 'moeite met het overzien van
    # gevolgen' is a noun (after an article or a preposition)
    return marker is not None and any(
        PARTICIPLE.match(norms[i]) and norms[i - 1] not in NOUN_BEFORE
        for i in range(marker + 1, len(norms)))


def _past_verb(words: Sequence[Word], lo: int, hi: int) -> bool:
    """A simple past right after the group ('legden', 'kwamen'): an event, not a habit."""
    if lo >= hi:
        return False
    word = words[lo].norm
    return word not in nl.PRESENT_VERBS and not SHORT_TT.search(word) and (
        (word.endswith(("den", "ten")) and len(word) > 5) or word in nl.PAST_VERBS)


# A short vowel before 'tten' is the present of a verb whose stem ends in 't' ('onderschatten',
# 'zitten', 'opletten'); a simple past doubles the vowel or has a consonant ('praatten',
# 'wachtten'; eleventh round, a miss in train-round11).
SHORT_TT = re.compile(r"(?:^|[^aeiou])[aeiou]tten$")


def _present_verb(words: Sequence[Word], lo: int, hi: int) -> int | None:
    """The plural finite verb right after a subject group ('Afrikanen vertrouwen ...')."""
    if lo >= hi:
        return None
    word = words[lo].norm
    if word in nl.PRESENT_VERBS or (
            word.endswith("en") and len(word) >= 5 and not word.startswith("ge")
            and word not in nl.NOT_VERBS and word not in nl.BROAD_NOUNS
            and word not in nl.IDENTITY_NOUNS
            and (word not in nl.PERSON_HEADS or word in nl.VERB_HEADS)):
        return lo
    return None


def _claim_end(words: Sequence[Word], group: Group, hi: int) -> int:
    """Where a claim about ``group`` can end: its own part and parts that continue it."""
    end = group.end
    part = words[group.after if 0 <= group.after < len(words) else group.start].part
    hi = min(hi, group.end + WINDOW)
    while end < hi:
        if words[end].part != part:
            if words[end].norm not in CONTINUATIONS:
                break
            part = words[end].part
        end += 1
    return end


def _hedge_end(words: Sequence[Word], lo: int, hi: int, maar: bool = True) -> int:
    """Index after a leading hedge ('ik wil niet generaliseren, maar'), else ``lo``."""
    found = _find(words, nl.HEDGES, lo, min(hi, lo + 12))
    if found is None or found[0] > lo + 4:  # a hedge opens the sentence
        return _loose_hedge_end(words, lo, hi) if maar else lo
    for index in range(found[1], min(hi, found[1] + 12)):
        if words[index].norm == "maar":
            return index + 1
    return found[1]


def _loose_hedge_end(words: Sequence[Word], lo: int, hi: int) -> int:
    """Index after a hedge in other words ('misschien is het een vooroordeel van mij, maar',
    'niet allemaal natuurlijk, maar'): a first part with a hedging word and no group, then
    'maar'; else ``lo``."""
    for index in range(lo + 1, min(hi - 1, lo + 15)):
        if words[index].norm == "maar":
            if any(w.norm in nl.HEDGE_WORDS for w in words[lo:index]) and all(
                    _noun_phrase(words, i) is None for i in range(lo, index)):
                return index + 1
            return lo
    return lo


META = frozenset({"vooroordeel", "vooroordelen", "stereotype", "stereotypen", "cliche", "hokje",
                  "alsof", "culturaliseren", "doelgroepdenken", "label", "etiket"})


def _reported(words: Sequence[Word], lo: int, group: Group) -> bool:
    """A reporting or criticising word before the group in its sentence ('de collega zei',
    'dat hebben ze over ons ook gezegd: ...', 'Henks grap gaat ervan uit dat ...'), not the
    writer's own saying ('ik mag het zeggen want ik ben er zelf een: ...', 'ik heb altijd
    gezegd: ...', 'ik ga ervan uit dat ...')."""
    first = max(lo, group.start - WINDOW)
    return any((words[i].norm in nl.REPORTING or (
        words[i].norm == "ervan" and i + 1 < group.start and words[i + 1].norm == "uit"))
        and not (words[i].norm in OWN_SAYING and any(
            words[j].norm in OWN_SAYERS and words[j].part == words[i].part and not any(
                w.norm in OTHER_SAYERS for w in words[j + 1:i])  # 'ik hoorde een collega
            for j in range(max(lo, i - 4), i)))                   # zeggen dat ...': reported
        and not (words[i].norm in REPORTED_PARTICIPLES and not any(
            w.norm in REPORT_AUXILIARIES and w.part == words[i].part
            for w in words[max(lo, i - 6):i]))  # 'eerlijk gezegd: ...' is the writer's own
        and not _own_again(words, i, group) and not endorsed(words, i, group.start)
        for i in range(first, group.start))


ENDORSING = frozenset({"zie", "zien", "merk", "merken", "ervaar", "ervaren"})


def endorsed(words: Sequence[Word], report: int, start: int) -> bool:
    """'De docente zegt wel iets wat ik als taalmaatje ook zie, Syrische mannen ...': the
    writer takes what was said as their own ('ik ... ook zie', 'dat merk ik ook') between the
    report and the group (eleventh round, a miss in the folds); hearing it too ('wat ik ook vaak
    hoor') is no agreement."""
    own = next((i for i in range(report + 1, min(start, report + 10))
                if words[i].norm in OWN_SAYERS), None)
    return own is not None and any(
        words[i].norm == "ook" for i in range(own, min(start, own + 6))) and any(
        words[i].norm in ENDORSING for i in range(own - 2, min(start, own + 6)))


def _own_again(words: Sequence[Word], report: int, group: Group) -> bool:
    """'Hij beweert van alles, maar Marokkanen zijn altijd ...': a part that opens with 'maar'
    after the reporting word and holds the group is the writer speaking again ('zei dat ...,
    maar dat ...' goes on reporting)."""
    part = words[group.start].part
    return any(words[m].norm == "maar" and words[m].part == part != words[report].part
               and words[m - 1].part != part and words[m + 1].norm not in CONTINUED_REPORT
               for m in range(report + 1, group.start))


# after 'maar', words that go on with what someone else said ('maar dat', 'maar volgens hem')
CONTINUED_REPORT = frozenset({"dat", "volgens", "zegt", "zei", "vindt", "vond", "denkt"})


# A participle reports only with its auxiliary ('dat hebben ze ook gezegd: ...'); alone it is
# the writer's own turn of phrase ('eerlijk gezegd', 'kort gezegd').
REPORTED_PARTICIPLES = frozenset({"gezegd", "verteld", "geroepen", "beweerd"})
REPORT_AUXILIARIES = AUXILIARIES | {"is", "werd", "wordt", "zijn", "werden", "worden"}


OWN_SAYERS = frozenset({"ik", "we", "wij"})
OTHER_SAYERS = frozenset({"hij", "ze", "zij", "een", "de", "mijn", "onze", "men", "iemand",
                          "collega", "collega's", "mensen"})
# 'ik mag het zeggen', 'ik heb het altijd gezegd', 'ik ga ervan uit', 'we denken dat': the
# writer's own claim (a belief held now is a hedge, and a hedge never cancels a flag); not 'ik
# zou adviseren dat', nor 'we dachten eerst dat' (a belief looked back on)
OWN_SAYING = frozenset({"zeggen", "zeg", "gezegd", "beweer", "beweren", "ervan", "denken"})


def own_saying(norms: Sequence[str], index: int) -> bool:
    """Whether the reporting word at ``index`` of a clause's plain words is the writer's own
    saying, as ``_reported`` judges it ('we denken dat ...', 'ik heb altijd gezegd ...',
    'eerlijk gezegd: ...'), not someone else's ('ik hoorde een collega zeggen dat ...')."""
    word = norms[index]
    if word in OWN_SAYING:
        for j in range(max(0, index - 4), index):
            if norms[j] in OWN_SAYERS and not any(w in OTHER_SAYERS for w in norms[j + 1:index]):
                return True
    return word in REPORTED_PARTICIPLES and not any(
        w in REPORT_AUXILIARIES for w in norms[max(0, index - 6):index])


Bounds = tuple[int, int, bool]  # a sentence's first word, the word after it, whether it asks


@lru_cache(maxsize=2)
def layout(text: str) -> tuple[list[tuple[int, int]], list[int], list[Bounds]]:
    """The quoted spans of ``text``, where its words (``_words``) start, and per sentence its
    ``Bounds`` (kept for the last texts, like ``_words``: the rules and the flag model read the
    same text one after the other; nobody changes the lists)."""
    starts = [w.start for w in _words(text)]
    bounds = [(_bisect(starts, start), _bisect(starts, end),
               text[start:end].rstrip().endswith("?")) for start, end in _sentences(text)]
    return quoted_spans(text), starts, bounds


def find_generalisations(text: str, cues_only: bool = False) -> list[Generalisation]:
    """Generic claims about groups in ``text``. With ``cues_only`` (a case's own text, which
    describes persons and facts in the present tense) only a clear generalising word counts
    ('nou eenmaal', 'altijd', 'dat weet iedereen'), not a plain present-tense statement."""
    if cues_only and not _has_cue_phrase(text):
        return []
    words = _words(text)
    if not words:
        return []
    quoted, starts, bounds = layout(text)
    found: list[Generalisation] = []
    for number, (lo, hi, question) in enumerate(bounds):
        if lo >= hi or (question and not rhetorical(words, lo, hi)):
            continue
        nxt = bounds[number + 1] if number + 1 < len(bounds) else None
        if nxt is not None and _criticism(words, nxt[0], nxt[1]):
            continue
        if cues_only and not _cue_in_reach(words, lo, hi):
            continue  # no generalising word in reach: _claim finds nothing here
        claim = _claim(words, quoted, lo, hi, cues_only,
                       nxt is not None and confirms(words, nxt[0], nxt[1]), text)
        if claim is None and not cues_only:
            claim = _place_they(words, quoted, text, lo, hi) \
                or _country_norm(words, quoted, lo, hi)
        if claim is not None and not _reported_speech(words, starts, claim, lo, hi) \
                and not rejected_after(words, _bisect(starts, claim.group[1]), hi):
            found.append(claim)
    return found


_CRITICISM_BY_FIRST = _index(nl.CRITICISM)


def rhetorical(words: Sequence[Word], lo: int, hi: int) -> bool:
    """'Is het niet (gewoon) zo dat ...?', 'Is het niet logisch dat ...?': a question that says
    what it asks (eleventh round, misses in the folds); any other question claims nothing."""
    norms = [w.norm for w in words[lo:min(hi, lo + 8)] if w.norm not in nl.CRITICISM_FILLERS]
    return norms[:3] == ["is", "het", "niet"] and any(
        tuple(norms[i:i + 2]) in (("zo", "dat"), ("logisch", "dat")) for i in (3, 4))


def _criticism(words: Sequence[Word], lo: int, hi: int) -> bool:
    """Whether the sentence ``lo:hi`` opens with a criticism of what came before ('dat klopt
    niet', 'dat is (gewoon) een vooroordeel'), small words like 'gewoon' left out."""
    if lo >= hi:
        return False
    norms = tuple(w.norm for w in words[lo:min(hi, lo + 12)]
                  if w.norm not in nl.CRITICISM_FILLERS)
    return any(norms[:len(p)] == p for p in _CRITICISM_BY_FIRST.get(norms[0] if norms else "",
                                                                       ()))


def rejected_after(words: Sequence[Word], first: int, hi: int) -> bool:
    """Whether the rest of the sentence from ``first`` (the word after the group) rejects the
    claim ('dat het wijkteam expats niet als doelgroep ziet, klopt gewoon niet'; eleventh
    round, a false flag in the folds): a rejection (``nl.REJECTIONS``), small words like
    'gewoon' left out."""
    norms = tuple(w.norm for w in words[first:min(hi, first + WINDOW)]
                  if w.norm not in nl.CRITICISM_FILLERS)  # within reach: linear in the text
    return any(norms[i:i + len(p)] == p for p in nl.REJECTIONS for i in range(len(norms)))


SAYING = frozenset({"zegt", "zei", "zeiden", "zeggen", "vertelt", "vertelde", "vertelden",
                    "vertellen", "aldus", "schrijft", "schreef"})
# Who follows a parenthetical 'zegt': someone else speaking ('zegt de cliënt', 'zei ze'), not
# the writer ('zeg ik') and not a thing ('dat zegt genoeg').
SPEAKER_START = frozenset({"hij", "ze", "zij", "de", "het", "een", "mevrouw", "meneer", "haar",
                           "zijn", "hun", "mijn", "onze", "men", "iemand", "hijzelf", "zijzelf"})
NOT_REPORTED = frozenset({"mij", "ons", "mijzelf", "ik", "we", "wij"})


def _reported_speech(words: Sequence[Word], starts: Sequence[int], claim: Generalisation,
                     lo: int, hi: int) -> bool:
    """Whether ``claim`` is what someone else said, reported by the writer: after it a
    parenthetical ', zegt de cliënt zelf, ...' or ', zei ze'; before it 'volgens meneer' or
    'mevrouw vertelt dat'. A report says what the other thinks, not what the writer claims
    (the writer's own agreement after it, 'dat is daar gewoon zo', is a claim of its own)."""
    first = _bisect(starts, claim.start)
    for index in range(first + 1, min(hi, first + WINDOW)):
        word = words[index]
        if word.norm in SAYING and word.part != words[index - 1].part and index + 1 < hi \
                and words[index + 1].norm in SPEAKER_START \
                and (index + 2 >= hi or words[index + 2].norm not in NO_SPEAKERS):
            return True
    for index in range(max(lo, first - 12), first):
        word = words[index]
        following = words[index + 1].norm if index + 1 < hi else ""
        if word.norm == "volgens" and following not in NOT_REPORTED:
            return True
        if word.norm in SAYING and index > lo and words[index - 1].norm not in NOT_REPORTED \
                and following not in NOT_REPORTED and not any(
                    w.norm in OWN_SAYERS for w in words[max(lo, index - 4):index]) \
                and not endorsed(words, index, first):
            return True  # not 'toen ik het team vertelde dat ...': the writer's own words
    return False


# 'zegt de ervaring', 'zegt het onderzoek': the writer's own claim with a source, no person
NO_SPEAKERS = frozenset({"ervaring", "onderzoek", "praktijk", "statistiek", "statistieken",
                         "cijfers", "literatuur", "wetenschap", "geschiedenis", "media",
                         "krant", "nieuws", "logica"})


# The rarest word of each generalising cue: a text without any of them has no cue at all.
CUE_WORDS = frozenset({max(cue, key=len) for cue in nl.STRONG_CUES} | {"alle", "typisch"})


def might_have_cue(text: str) -> bool:
    """A quick test on the words of ``text`` (validate reads thousands of case texts)."""
    return not CUE_WORDS.isdisjoint(WORD.findall(fold(text)))


# With ``cues_only`` a claim needs one of the STRONG_CUES, whole, between the start of its
# sentence and the end of the claim; a claim ends in its sentence, or (a place like 'op het
# platteland' that runs on past the sentence end) at most this many words after it.
PLACE_REACH = max(len(p) for p in nl.PLACES)


def _cue_in_reach(words: Sequence[Word], lo: int, hi: int) -> bool:
    """Whether a generalising cue stands where a claim in the sentence ``lo``-``hi`` can use
    it (with ``cues_only``, ``_claim`` returns a claim only for such a cue)."""
    return _find(words, nl.STRONG_CUES, lo, min(len(words), hi + PLACE_REACH)) is not None


CUE_SETS = tuple(frozenset(cue) for cue in nl.STRONG_CUES)
CUE_VOCABULARY = frozenset().union(*CUE_SETS)


def _by_longest_word(cues: Sequence[frozenset[str]]) -> dict[str, tuple[frozenset[str], ...]]:
    """The cues by their longest word: a cue can only be among words that hold that one."""
    found: dict[str, tuple[frozenset[str], ...]] = {}
    for cue in cues:
        key = max(sorted(cue), key=len)
        found[key] = (*found.get(key, ()), cue)
    return found


_CUES_BY_KEY = _by_longest_word(CUE_SETS)
_CUE_KEYS = frozenset(_CUES_BY_KEY)


def _some_cue(words: AbstractSet[str]) -> bool:
    """``any(cue <= words for cue in CUE_SETS)``, trying only the cues whose longest word is
    among ``words`` (a text's few hundred words: a set intersection instead of 59 tests)."""
    return any(cue <= words for key in _CUE_KEYS.intersection(words)
               for cue in _CUES_BY_KEY[key])


def _has_cue_phrase(text: str) -> bool:
    """Whether every word of some generalising cue occurs in ``text`` (as ``_words`` spells
    words): without that, ``cues_only`` finds nothing, and ``_words`` need not run."""
    return has_cue(text)


def has_cue(text: str) -> bool:
    """``might_have_cue`` and every word of some generalising cue in ``text``, spelled as
    ``_words`` spells words (a necessary condition for a claim in a case's text)."""
    folded = fold(text)
    joined = "-" in folded or "'" in folded or "’" in folded  # '_words' drops these in a word
    if not joined:  # then each cue word (a-z) in the text is also a run of letters
        runs = letter_runs(folded)
        if not _some_cue(runs):
            return False
    tokens = WORD.findall(folded)
    if CUE_WORDS.isdisjoint(tokens):
        return False
    present = set(CUE_VOCABULARY.intersection(tokens))
    if joined:
        present.update(CUE_VOCABULARY.intersection(
            t.replace("-", "").replace("'", "").replace("’", "") for t in tokens
            if not t.isalnum()))
    return _some_cue(present)


_bisect = bisect_left  # _bisect(starts, position): the first word at or after ``position``


VAGUE = frozenset({"mensen", "types"})  # too vague for a claim without a generalising word
WORLDS = ("wereld", "branche", "sector", "milieu")


def _carried(words: Sequence[Word], lo: int, begin: int, hi: int) -> list[Group]:
    """'Ik heb niks tegen homo's, maar die zijn ...': the group named in the hedge is the
    subject of the pronoun after 'maar'."""
    if begin == lo or begin >= hi or words[begin].norm not in ("die", "ze", "zij"):
        return []
    for index in range(max(lo, begin - 12), begin):
        np = _noun_phrase(words, index)
        if np is not None and np[1] >= 2:
            return [Group(begin, begin + 1, 2, "subject", Group(index, np[0], 2, "subject"))]
    return []


def _worlds(words: Sequence[Word], lo: int, hi: int) -> list[Group]:
    """'in de transportwereld', 'een mannenwereld': a line of work or milieu as a topic; and
    places whose people are spoken of as one ('op het platteland')."""
    found = [Group(i, i + 1, 1, "topic") for i in range(lo, hi)
             if len(words[i].norm) > 9 and words[i].norm.endswith(WORLDS)]
    places = _index(nl.PLACES)
    for index in range(lo, hi):
        phrases = places.get(words[index].norm)
        if phrases:
            found.extend(Group(index, index + len(p), 1, "topic") for p in phrases
                         if _starts(words, index, p))
    return found


def _first_person(words: Sequence[Word], index: int) -> bool:
    norm = words[index].norm
    return norm in FIRST_PERSON or (norm in ("ons", "mij", "me") and index > 0
                                    and words[index - 1].norm in OWN_PREPOSITIONS)


OWN_PREPOSITIONS = frozenset({"van", "bij", "door", "met", "voor"})
# A plain present-tense statement about rights is no claim about how a group is
# ('mensen zonder papieren hebben recht op zorg', 'jongeren van zestien mogen zelf beslissen').
RIGHTS = frozenset({"mogen", "mag"})


def _rights(words: Sequence[Word], verb: int, end: int) -> bool:
    """'hebben recht op zorg', 'mogen zelf beslissen': rights, not how a group is."""
    return any(words[i].norm == "recht" or (words[i].norm in RIGHTS and i + 1 < end
                                            and words[i + 1].norm == "zelf")
               for i in range(verb, min(end, verb + 2)))


# Words that, as the subject of a singular verb, still speak of what came before ('en dat is
# gewoon zo', 'en dan is het altijd ...'): no new subject of its own.
NO_OWN_SUBJECT = frozenset({"dat", "dit", "het", "er", "men", "je", "dan", "zo", "ze", "zij",
                            "die", "wat", "daar", "nu", "toen", "ook", "is", "en"})
THEN_WORDS = frozenset({"dan", "nu", "toen", "daarna", "zo"})
# How many of a group there are somewhere, not what they are like (twelfth round, test8).
HOW_MANY = frozenset({"zeldzaam", "zeldzamer", "schaars", "ondervertegenwoordigd"})


def how_many(words: Sequence[Word], group: Group, end: int) -> bool:
    """'friestalige ouderen zijn in die regio echt niet zeldzaam': how many of a group there are
    somewhere, not what they are like (twelfth round, test8)."""
    return any(words[i].norm in HOW_MANY for i in range(group.end, end))


def _own_subject_after(words: Sequence[Word], lo: int, end: int) -> int:
    """Where a later clause with its own singular subject starts ('..., en Lotte heeft het
    toch zelf verteld', '... en dan gaat Dennis nooit meer iets vertellen'): a word like
    'toch' or 'nooit' there is about that person, not about the group (twelfth round, test8);
    ``end`` when there is none. Not 'en dat is gewoon zo', 'en dan is het altijd ...'."""
    for index in range(lo, end - 2):
        if words[index].norm != "en":
            continue
        first, second = words[index + 1].norm, words[index + 2].norm
        if second in SINGULAR_VERBS and first not in NO_OWN_SUBJECT \
                and first not in nl.MEDIUM_CUES:
            return index  # 'en Lotte heeft'
        if first in THEN_WORDS and second in SINGULAR_VERBS and index + 3 < end \
                and words[index + 3].norm not in NO_OWN_SUBJECT \
                and words[index + 3].norm not in nl.MEDIUM_CUES:
            return index  # 'en dan gaat Dennis'
    return end


def _denied(words: Sequence[Word], begin: int, group: Group) -> bool:
    """'het is niet zo dat vluchtelingen ...', 'ik zou nooit zeggen dat ...': in the group's
    own part, before it."""
    part = words[group.start].part
    start = next(i for i in range(max(begin, group.start - 12), group.start + 1)
                 if words[i].part == part)
    found = _find(words, nl.DENIALS, start, group.start)
    return found is not None and not (  # 'Is het niet zo dat ...?' asks what it says
        found[0] >= 2 and words[found[0] - 2].norm == "is" and words[found[0] - 1].norm == "het")


def _claim(words: Sequence[Word], quoted: Sequence[tuple[int, int]], lo: int,
           hi: int, cues_only: bool = False, confirmed: bool = False,
           text: str = "") -> Generalisation | None:
    norms = {w.norm for w in words[lo:hi]}  # cheap checks before the rarer rules
    begin = _hedge_end(words, lo, hi, "maar" in norms)
    meta = any(w.norm in META for w in words[begin:hi])
    if meta:
        return None
    typical = _typical(words, begin, hi) if "typisch" in norms else None
    if typical is not None and not _inside(quoted, words[typical[0].start].start):
        return _make(words, *typical)
    once = _once_always(words, begin, hi) if "eens" in norms else None
    if once is not None and not _inside(quoted, words[once.start].start):
        return _make(words, once, (once.end, once.end + 1))
    groups = list(itertools.chain(_carried(words, lo, begin, hi), _groups(words, begin, hi),
                                  _worlds(words, begin, hi)))
    if not norms.isdisjoint(KIND_STARTS):
        groups.extend(_kinds(words, begin, hi))
    pronouns = _pronouns(words, begin, hi) if not norms.isdisjoint(SUBJECT_PRONOUNS) \
        and not norms.isdisjoint(CUE_STARTS) else ()
    for group in itertools.chain(groups, pronouns):
        if _inside(quoted, words[group.start].start) or _placed_by_where(words, begin, hi, group) \
                or (begin == lo and _people(words, group)) or these_persons(words, group):
            continue
        if _reported(words, begin, group) or _event(words, group.end - 1, hi) \
                or _denied(words, begin, group) or answered(words, lo, group):
            continue
        found = _group_claim(words, quoted, group, (lo, begin, hi), cues_only, confirmed)
        if found is not None:
            return found
    if cues_only:
        return None
    return _unlisted_claim(words, quoted, lo, begin, hi, text)


# A sentence part that only confirms the sentence before it as a rule ('Dat is gewoon zo.',
# 'Zo is het nou eenmaal.'), after leaving out CONFIRMING_FILLERS.
CONFIRMATIONS = frozenset({("dat", "is", "zo"), ("het", "is", "zo"), ("zo", "is", "het"),
                           ("zo", "zijn", "ze"),  # not 'zo werkt dat': how a service works
                           # a next sentence that says everybody sees or knows it (twelfth
                           # round, train-round12: '... praten nooit over wat ze voelen. Dat
                           # zie je overal.'); not 'dat zie je hier', 'dat weet ik'
                           ("dat", "zie", "je", "overal"), ("dat", "weet", "iedereen"),
                           ("iedereen", "weet", "dat")})
CONFIRMING_FILLERS = frozenset({"gewoon", "gewoonweg", "nou", "nu", "eenmaal", "wel", "echt",
                                "toch", "daar", "ook", "en", "maar", "dus", "altijd"})
DUTIES = frozenset({"moeten", "moet", "hoeven", "hoeft", "dienen", "mogen", "mag"})


def _confirmable(words: Sequence[Word], group: Group, end: int) -> bool:
    """Whether a confirming next sentence makes this group's plain statement a rule: a group
    by origin, faith or the like, or one named by its relative clause; not a broad group
    ('Ouderen wonen steeds langer thuis. Dat is gewoon zo.' is a fact) nor a duty ('moeten het
    formulier zelf ondertekenen. Dat is nou eenmaal zo.'; own probe sentences)."""
    return (group.strength >= 2 or group.after >= 0) and not any(
        w.norm in DUTIES for w in words[group.end:min(end, group.end + 3)])


def confirms(words: Sequence[Word], lo: int, hi: int) -> bool:
    """Whether the sentence ``lo:hi`` holds a part that only confirms the sentence before it
    as a rule: 'Dat is gewoon zo.', 'Dat is niet hun schuld, maar het is wel zo.' (eleventh
    round, misses in train-round11 and the folds); not 'Dat is niet zo.' (a denial)."""
    if hi - lo > 16:
        return False
    said: list[str] = []
    for index in range(lo, hi + 1):
        if index == hi or (said and words[index].part != words[index - 1].part):
            if tuple(said) in CONFIRMATIONS:
                return True
            said = []
        if index < hi and words[index].norm not in CONFIRMING_FILLERS:
            said.append(words[index].norm)
    return False


def answered(words: Sequence[Word], lo: int, group: Group) -> bool:
    """'En tegen die collega: expats hebben geen geld genoeg', 'tegen de teamleider zou ik
    zeggen: ...': what the writer answers someone who said something, in a part after 'tegen'
    and the one addressed (eleventh round, a false flag in the folds): a reply, not the
    writer's claim about the group."""
    part = words[group.start].part
    for index in range(max(lo, group.start - WINDOW), group.start - 1):
        if words[index].norm == "tegen" and words[index].part != part and any(
                words[i].norm in nl.ADDRESSED and words[i].part == words[index].part
                for i in range(index + 1, min(group.start, index + 4))):
            return True
    return False


def _placed_by_where(words: Sequence[Word], lo: int, hi: int, group: Group) -> bool:
    """A group in a clause opened by 'waar' ('een groep waar ook moslimjongeren komen'): it
    says who is somewhere, the clause is no claim about them; unless the sentence holds a clear
    generalising word ('een wijk waar Marokkanen altijd overlast geven')."""
    if _find(words, nl.STRONG_CUES, lo, hi) is not None:
        return False
    for index in range(group.start - 1, max(lo, group.start - 3) - 1, -1):
        if words[index].norm == "waar":
            return True
        if words[index].norm not in ("ook", "veel", "vooral", "vaak"):
            return False
    return False


def these_persons(words: Sequence[Word], group: Group) -> bool:
    """'de Afghaanse mannen in onze groep', 'de gezinnen uit de casus': the persons present,
    not a group (``nl.THESE_PERSONS_AFTER`` right after the group phrase)."""
    named = group.named or group
    after = _index(nl.THESE_PERSONS_AFTER)
    return any(_starts(words, index, p)
               for index in range(named.start + 1, min(named.end + 1, len(words)))
               for p in after.get(words[index].norm, ()))  # also inside: 'gezinnen uit de casus'


def _people(words: Sequence[Word], group: Group) -> bool:
    """'Mensen' alone, without a word that makes them a kind ('daar komen mensen altijd op
    af', 'mensen schamen zich ...'): people in general, not a group."""
    if group.end - group.start != 1 or words[group.start].norm != "mensen" or group.kind:
        return False
    before = words[group.start - 1].norm if group.start else ""
    after = words[group.end].norm if group.end < len(words) else ""
    # 'oude mensen', 'arme mensen': an adjective makes them a group
    return before not in nl.POINTERS and not before.endswith("e") \
        and after not in ("die", "met", "zonder", "uit", "van")


def _group_claim(words: Sequence[Word], quoted: Sequence[tuple[int, int]], group: Group,
                 bounds: tuple[int, int, int], cues_only: bool,
                 confirmed: bool = False) -> Generalisation | None:
    """The generic claim ``group`` makes in its part of the sentence, if any; ``bounds`` are
    the part's start, where it starts after a hedge, and its end; ``confirmed``: the next
    sentence confirms this one as a rule ('Dat is gewoon zo.'), like a hedge announces one."""
    lo, begin, hi = bounds
    reach = end = _claim_end(words, group, hi)
    own = next((i for i in range(group.end, end) if _first_person(words, i)), None)
    if own is not None:  # '... krijgen van ons': about what we do, not about them
        end = own
    end = _own_subject_after(words, group.end, end)
    leading = _find(words, nl.LEADING_CUES, max(begin, group.start - 6), group.start)
    if leading is not None and group.role in ("subject", "object", "topic", "pointed") \
            and not cues_only and words[max(lo, leading[0] - 1)].norm not in nl.NEGATED_BEFORE \
            and not _rights(words, group.end, end):  # 'iedereen weet dat Bulgaren ...'
        return _make(words, group, leading)
    if group.role == "pointed" and _our_object(words, group, begin):
        return None  # 'wij zien die mensen nooit aan het loket': what we see, not them
    if (group.start > begin and words[group.start - 1].norm == "alle"
            and _all_as_object(words, group.start - 1, begin)) \
            or (group.role == "subject" and (after_singular_verb(words, group, begin)
                                             or after_relative_pronoun(words, group, begin)
                                             or own_verbs_object(words, group, begin))):
        return None  # 'krijg ik altijd alle Marokkaanse jongens': whom I get
    if group.role in ("object", "carried", "zon", "one"):
        cue = None if cues_only else _role_cue(words, group, begin, end)
        return None if cue is None else _make(words, group, cue)
    practice = begin == lo and any(w.norm in nl.PRACTICES for w in words[group.end:end]
                                   if w.part == words[group.start].part)
    start = _claim_start(words, group, lo, begin, end)
    cue = claim_cue(words, COMMA_CUES if (_after_comma(words, group) or _loose_pair(
        words, group)) and not (begin > lo or confirmed) else nl.STRONG_CUES, start, reach)
    # ('dat zie ik' may end with 'ik')
    if cue is not None and (cue[0] >= end or _observed_condition(words, group, cue)  # with 'ik'
                            or _offer(words, cue)):
        cue = None
    if cue is None and group.role == "pointed" and group.strength >= 2:
        cue = claim_cue(words, KIND_CUES, start, end)  # 'die statushouders willen alleen maar ...'
    if cue is None and group.start > begin and words[group.start - 1].norm in ("alle",
                                                                               "typisch") \
            and not (group.end - group.start == 1 and words[group.start].norm in EVERY_GROUP) \
            and not _inside_phrase(words, group.start - 1, begin):
        cue = (group.start - 1, group.start)  # not 'komt in alle groepen voor'
    if cue is not None and not _inside(quoted, words[cue[0]].start):
        return _make(words, group, cue)
    hedged = begin > lo or (confirmed and _confirmable(words, group, end))
    if (group.role == "relative" and not (hedged and group.after >= 0)) or cues_only \
            or practice:
        return None
    if _no_plain_claim(words, group, end, hedged) or existential(words, group, begin) \
            or how_many(words, group, end) or _find(words, NOT_ALL, group.end, end):
        return None
    return _plain_claim(words, group, hedged=hedged, end=end, own=own)


NOT_ALL = (("niet", "allemaal"),)  # 'spreken niet allemaal goed Nederlands': not all alike


def claim_cue(words: Sequence[Word], phrases: Sequence[tuple[str, ...]], lo: int,
              hi: int) -> tuple[int, int] | None:
    """The first generalising cue of ``phrases`` in ``lo:hi`` that says something of a whole
    group: 'niet allemaal' says it of part of it ('en die spreken niet allemaal goed
    Nederlands'; twelfth round, a false flag in train-round12), like 'niet alle'."""
    while lo < hi:
        cue = _find(words, phrases, lo, hi)
        if cue is None or not (words[cue[0]].norm == "allemaal" and cue[0] > 0
                               and words[cue[0] - 1].norm == "niet"):
            return cue
        lo = cue[1]
    return None


# Prepositions whose phrase names who something is for or about ('namens alle migranten
# spreken', 'een regel voor alle statushouders'): inside a clause that phrase is no claim.
PHRASE_PREPOSITIONS = frozenset({"namens", "voor", "met", "tegen", "over", "aan", "tussen",
                                 "onder", "van", "naar"})


def _inside_phrase(words: Sequence[Word], alle: int, begin: int) -> bool:
    """Whether 'alle' at ``alle`` follows a preposition in the middle of its part ('vragen om
    namens alle migranten te spreken'); not at its start ('voor alle Turken is familie ...')."""
    before = alle - 1
    return before - 1 >= begin and words[before].norm in PHRASE_PREPOSITIONS \
        and words[before - 1].part == words[alle].part


# Subjects that make 'alle ...' after them the object of someone else's verb.
OTHER_SUBJECTS = FIRST_PERSON | {"je", "jij", "hij"}
SUBORDINATORS = frozenset({"dat", "omdat", "als", "of", "wanneer", "doordat", "zodat"})
# Adverbs between a verb and 'alle' ('raakt ook alle jongeren').
VERB_ADVERBS = frozenset({"altijd", "ook", "nu", "al", "dan", "toch", "bijna", "echt", "wel"})


def _all_as_object(words: Sequence[Word], alle: int, begin: int) -> bool:
    """Whether 'alle ...' names whom someone else gets, meets or touches, the object of another
    subject (eleventh round, false flags of the released test7 and the folds): a person before
    it in its part ('krijg ik altijd alle Marokkaanse jongens'), a relative 'die' after a noun
    ('een collega die alle Turkse gezinnen kreeg') or a singular verb right before it ('de
    regeling raakt alle jongeren met een beperking'); the plural group cannot be the subject
    of that verb. Not 'dat doen alle oude mannen' (a plural verb: the group is the subject)."""
    part = words[alle].part
    first = alle
    while first > max(begin, alle - WINDOW) and words[first - 1].part == part \
            and words[first - 1].norm not in SUBORDINATORS:  # 'ik denk dat alle Turken ...'
        first -= 1
    if any(words[i].norm in OTHER_SUBJECTS for i in range(first, alle)):
        return True
    if alle - 1 > begin and words[alle - 1].norm == "die":  # a relative after a noun
        return True
    if _own_singular_subject(words, first, alle):  # 'dat moet de vervoerder ook bij alle
        return True                                  # chauffeurs nog eens neerleggen'
    verb = alle - 1
    while verb > first and words[verb].norm in VERB_ADVERBS:
        verb -= 1
    return verb >= first and verb < alle and (
        words[verb].norm in SINGULAR_VERBS or _finite_t(words[verb].norm))


def _own_singular_subject(words: Sequence[Word], first: int, alle: int) -> bool:
    """Whether a singular verb with a subject of its own ('moet de vervoerder', 'de
    gemeente moet') stands before 'alle' in its part: then 'alle ...' is what that subject
    acts on, wherever it stands ('dat moet de vervoerder ook bij alle chauffeurs nog eens
    neerleggen'; twelfth round, a false flag in train-round12); not 'is het' ('volgens mij is
    het in alle Turkse families zo dat ...': 'het' says nothing of its own)."""
    for index in range(first, alle):
        if words[index].norm not in SINGULAR_VERBS:
            continue
        if index + 2 < alle and words[index + 1].norm in ARTICLES \
                and _noun_like(words[index + 2].norm):
            return True
        if index - 2 >= first and words[index - 2].norm in ARTICLES \
                and _noun_like(words[index - 1].norm):
            return True
    return False


ARTICLES = frozenset({"de", "het"})


def _noun_like(norm: str) -> bool:
    """A word after 'de'/'het' that can be a noun: not 'het in', 'het zo', 'de Turkse'."""
    return norm.isalpha() and norm not in nl.GROUP_ADJECTIVES and norm not in (
        nl.NOT_SUBJECT_BEFORE | nl.TOPIC_BEFORE | VERB_ADVERBS | {"zo", "niet", "wel"})


def after_singular_verb(words: Sequence[Word], group: Group, begin: int) -> bool:
    """'De gemeente geeft Eritrese gezinnen altijd een tolk': a plural group right after a
    singular verb that has its own subject before it is that verb's object, not its subject
    (eleventh round, own probe sentences)."""
    part = words[group.start].part
    verb = group.start - 1
    while verb > begin and words[verb].part == part and words[verb].norm in VERB_ADVERBS:
        verb -= 1
    if verb <= begin or words[verb].part != part or words[verb - 1].part != part:
        return False  # the verb opens its part: 'want Marokkanen ...', or no verb at all
    norm = words[verb].norm  # 'geeft', 'gebruikt': a participle never stands here
    return norm in SINGULAR_VERBS or (norm.endswith("t") and len(norm) >= 4
                                      and norm not in NOT_FINITE)


# Words between a relative 'die' and a group that is that clause's object ('die al', 'die
# ook', 'die vooral').
RELATIVE_ADVERBS = VERB_ADVERBS | {"vooral", "nog", "juist", "graag", "zelf", "gewoon"}


def after_relative_pronoun(words: Sequence[Word], group: Group, begin: int) -> bool:
    """'organisaties die al transvrouwen opnemen', 'een buurman die ook moslims helpt': after a
    relative 'die' and an adverb the group is the object (or the predicate) of that clause,
    whose subject is 'die' (eleventh round, a false flag in train-round11); a pointer 'die'
    stands right before its noun ('die Marokkanen zijn altijd ...'), never with an adverb
    between."""
    part = words[group.start].part
    index = group.start - 1
    while index > begin and words[index].part == part and words[index].norm in RELATIVE_ADVERBS:
        index -= 1
    return index < group.start - 1 and index > begin and words[index].norm == "die" \
        and words[index].part == part and words[index - 1].part == part


BEING = frozenset({"zijn", "is", "bestaan", "bestaat", "waren", "was"})
THERE_FILLERS = frozenset({"ook", "nog", "wel", "echt", "best", "natuurlijk", "gewoon", "toch",
                           "zeker", "heus", "al"})


def existential(words: Sequence[Word], group: Group, begin: int) -> bool:
    """'dat er ook moslims zijn die homo zijn', 'er zijn ook Marokkaanse vaders die koken':
    saying that such people exist (often a counter-example) is no claim about the group
    (eleventh round, a false flag in train-round11); a plain statement only, a clear
    generalising word still counts."""
    part = words[group.start].part
    index = group.start - 1
    while index > begin and words[index].part == part and words[index].norm in THERE_FILLERS:
        index -= 1
    if index < begin or words[index].part != part:
        return False
    if words[index].norm in BEING and index > begin and words[index - 1].norm == "er":
        return True  # 'er zijn (ook) moslims die ...'
    after = words[group.end].norm if group.end < len(words) else ""
    return words[index].norm == "er" and (after in BEING or (
        index > begin and words[index - 1].norm in BEING))  # 'dat er ... zijn', 'zijn er ...'


def _after_comma(words: Sequence[Word], group: Group) -> bool:
    """A group named by a relative clause closed by a comma ('Mensen die ..., hebben ...'):
    the way a service is said ('Ouders die hun kind hebben aangemeld, krijgen allemaal een
    brief', 'Mensen die in de wijk wonen, zijn altijd welkom'), so without a hedge only 'nou
    eenmaal' or a clear cue ('dat weet iedereen') makes it a claim (own probe sentences)."""
    return group.role == "relative" and 0 <= group.head < group.after \
        and words[group.after].part != words[group.head].part


def _loose_pair(words: Sequence[Word], group: Group) -> bool:
    """A relative clause whose end only ``_verb_pair`` found ('ouders die hun kind aanmelden
    krijgen altijd een brief', 'jongeren die een uitkering aanvragen moeten altijd eerst
    ...'): the way a service is said, like a relative clause before a comma, so without a
    hedge or a confirming sentence only 'nou eenmaal' or a clear cue makes it a claim (own
    probe sentences)."""
    if group.after <= 0 or words[group.after].part != words[group.after - 1].part:
        return False
    norm = words[group.after - 1].norm
    return not ((norm in nl.PRESENT_VERBS or PARTICIPLE.match(norm)
                 or STRONG_PARTICIPLE.match(norm)) and words[group.after].norm in nl.PRESENT_VERBS)


ABLE = frozenset({"kunnen", "kan"})
POSSIBLE = ABLE | {"mogen", "mag"}


def _offer(words: Sequence[Word], cue: tuple[int, int]) -> bool:
    """'... kunnen altijd bellen', 'mogen altijd langskomen': 'altijd' after a verb of
    possibility or permission offers something, it says nothing of what a group is like
    (eleventh round: a false flag in the folds once a relative clause before a comma was
    read)."""
    before = cue[0] - 1
    if before >= 0 and words[before].norm == "ook":
        before -= 1
    return words[cue[0]].norm == "altijd" and before >= 0 and words[before].norm in POSSIBLE


# What a professional sees ('dat zie je bij mensen met trauma zo vaak'): said of a condition
# (a group by a property that names no identity), knowledge of the trade, not a judgement.
OBSERVATIONS = frozenset({"zie", "ziet", "zien", "hoor", "hoort"})


def _observed_condition(words: Sequence[Word], group: Group, cue: tuple[int, int]) -> bool:
    """'dat zie je bij mensen met trauma zo vaak': an observation cue about a group named by a
    condition ('mensen met/zonder ...' of strength 1: no origin, faith or disability in the
    list of identities) is no generalising word (eleventh round, a false flag in
    train-round11); 'nou eenmaal', 'altijd' still are."""
    return group.strength < 2 and any(
        words[i].norm in VAGUE and words[i + 1].norm in ("met", "zonder")
        for i in range(group.start, group.end - 1)) \
        and any(words[i].norm in OBSERVATIONS for i in range(*cue))


def own_verbs_object(words: Sequence[Word], group: Group, begin: int) -> bool:
    """'Wij bellen Eritrese gezinnen altijd van tevoren', 'ik zou Marokkaanse ouders eerst
    bellen': a group right after 'ik'/'we' and their verb (and adverbs) is the object of what
    the writer does (eleventh round: the kind of false flag train-round11 showed, with own
    probe sentences); not an opinion or a perception ('ik vind Marokkanen altijd ...', 'we
    zien Polen altijd dronken') nor a verb that lets the group act ('we laten ...')."""
    part = words[group.start].part
    verb = group.start - 1
    while verb > begin and words[verb].part == part and words[verb].norm in VERB_ADVERBS:
        verb -= 1
    subject = verb - 1
    return subject >= begin and words[subject].part == part and words[verb].part == part \
        and words[subject].norm in OWN_SAYERS and words[verb].norm not in OPINION_VERBS \
        and words[verb].norm not in OBSERVATIONS and words[verb].norm not in ("laten", "laat")


OPINION_VERBS = frozenset({"vind", "vinden", "vond", "vonden", "denk", "denken", "dacht",
                           "dachten", "weet", "weten", "ken", "kennen", "noem", "noemen"})


def _our_object(words: Sequence[Word], group: Group, begin: int) -> bool:
    """A group pointed at as the object of our own verb ('wij zien die mensen nooit', 'we
    bereiken die gezinnen nooit'): a first person one or two words before the pointer, in the
    same part; not an opinion ('ik vind die mensen ...' still says what they are)."""
    part = words[group.start].part
    for index in range(max(begin, group.start - 4), group.start - 1):
        if words[index].part == part and _first_person(words, index):
            verb = words[index + 1].norm if index + 1 < group.start else ""
            return verb not in OPINION_VERBS
    return False


def _role_cue(words: Sequence[Word], group: Group, begin: int,
              end: int) -> tuple[int, int] | None:
    """The cue of a claim about a group that is an object, is carried by a pronoun, or stands
    after 'zo'n' (each needs its own kind of cue)."""
    if group.role == "object":  # 'met moslims kun je daar nou eenmaal niet over praten'
        cue = _find(words, OBJECT_CUES, group.end, end)
        if cue is not None and (_generic_you(words, group.end, end) is not None
                                or words[cue[0]].norm in ("nou", "nu")):
            return cue
        return _cannot_with(words, group)
    if group.role == "carried":  # 'als je Somaliërs binnenlaat, blijven ze altijd ...'
        return claim_cue(words, nl.STRONG_CUES, group.start, end) or next(
            ((i, i + 1) for i in range(group.end, end) if words[i].norm in nl.MEDIUM_CUES),
            None)
    if group.role == "one":  # 'De Marokkaan is van nature ...'
        return _find(words, nl.STRONG_CUES, group.end, end)
    # 'zon': 'dat geeft alleen maar gedoe in zo'n gezin'
    start = next(i for i in range(max(begin, group.start - WINDOW), group.start + 1)
                 if words[i].part == words[group.start].part)
    return _find(words, KIND_CUES, start, end) or next(
        ((m, m + 1) for m in range(group.end, end) if words[m].norm in nl.MEDIUM_CUES
         and words[group.end - 1].norm in nl.SINGULAR_IDENTITY), None)


def _cannot_with(words: Sequence[Word], group: Group) -> tuple[int, int] | None:
    """'met complotdenkers kom je niet ver', 'met moslims kun je niet praten': a group after
    'met' that opens its part, then a generic 'je' and a negation in that part, says what
    nobody can do with any of them (twelfth round, train-round12), like 'in de Turkse
    gemeenschap praat je niet over ...'."""
    part = words[group.start].part
    first = group.start - 1
    if first > 0 and words[first].norm in nl.POINTERS:
        first -= 1
    if words[first].norm != "met" or (first > 0 and words[first - 1].part == part
                                      and words[first - 1].norm not in OPENER_LEADS):
        return None
    end, last = group.end, min(len(words), group.end + WINDOW)  # within reach: linear
    while end < last and words[end].part == part:
        end += 1
    you = _generic_you(words, group.end, end)
    negation = next((i for i in range(group.end, end) if words[i].norm in nl.NEGATED_BEFORE),
                    None)
    said = {w.norm for w in words[group.end:end]}
    if you is None or negation is None or said.isdisjoint(GETTING_ALONG) \
            or not said.isdisjoint(MEANS) or words[negation - 1].norm == "nog" or not any(
                w.norm in nl.IDENTITY_NOUNS or (w.norm in nl.GROUP_ADJECTIVES
                                                and w.norm not in GENERIC_ADJECTIVES)
                for w in words[group.start:group.end]):
        return None  # only a group by origin, faith, identity or view: not 'met jongeren van
        # die leeftijd kun je nog niet praten over geld' (an age, what they cannot do yet)
    return min(you, negation), max(you, negation) + 1


# What one cannot get done with a whole group ('kom je niet ver', 'kun je niet praten'), and
# words of a means that make it a practical remark ('met dove ouders kun je niet bellen, dus
# ...', 'met Syrische gezinnen kun je niet zonder tolk praten': own probe sentences).
GETTING_ALONG = frozenset({"ver", "praten", "opschieten", "samenwerken", "redeneren",
                           "discussieren"})
MEANS = frozenset({"zonder", "via", "per", "telefoon", "tolk", "tolken", "bellen"})


def _claim_start(words: Sequence[Word], group: Group, lo: int, begin: int, end: int) -> int:
    """Where to look for a cue about ``group``."""
    start = group.start
    if group.role == "relative":  # only what follows the relative clause
        start = group.after if group.after >= 0 else next(
            (i for i in range(group.end, end) if words[i].part != words[group.start].part),
            end)
    if group.role in ("topic", "pointed"):  # 'zo gaat dat in Marokkaanse gezinnen'
        start = next(i for i in range(max(begin, group.start - WINDOW), group.start + 1)
                     if words[i].part == words[group.start].part)
    if begin > lo:  # after a hedge: 'niet om te discrimineren, maar je ziet toch dat ...'
        start = min(start, begin)
    return start


def _plain_claim(words: Sequence[Word], group: Group, *, hedged: bool, end: int,
                 own: int | None) -> Generalisation | None:
    """A claim without a strong cue: a medium cue after a group that surely is one, what one
    does not do in a community, or a present-tense verb after the group as subject."""
    part = words[group.start].part
    other = next((i for i in range(group.end, end) if words[i].part != part
                  and _noun_phrase(words, i) is not None), end)
    medium = next((i for i in range(group.end, other) if words[i].norm in nl.MEDIUM_CUES),
                  None)  # not a word about another group further on ('..., en vrouwen die
    # net binnenkomen en heel angstig zijn')
    # After a hedge ('ik wil niet generaliseren, maar') the writer announces a
    # generalisation: a claim about part of a group ('veel Oost-Europeanen') counts too,
    # and so does a group named by a relative clause ('mensen die op een park wonen').
    roles = ("subject", "topic", "pointed", "part", "relative") if hedged else (
        "subject", "topic", "pointed")
    if (group.strength >= 2 or (hedged and group.after >= 0)) and medium is not None \
            and group.role in roles:
        return _make(words, group, (max(group.end, medium - 3), medium + 1))
    if group.role in ("topic", "pointed") and group.strength >= 2:
        # 'in de Turkse gemeenschap praat je niet over ...': what one does there
        you = _generic_you(words, group.end, end)
        negation = next((i for i in range(group.end, end)
                         if words[i].norm in nl.NEGATED_BEFORE), None)
        if you is not None and (negation is not None or hedged):  # 'in Marokkaanse
            # families trouw je eerst. Dat is gewoon zo.'
            last = you if negation is None else max(you, negation)
            return _make(words, group, (you if negation is None else min(you, negation),
                                        last + 1))
    if group.role == "topic" and group.strength >= 2 and _fronted(words, group, end, own) \
            and words[group.end - 1].norm not in nl.CONGREGATIONS:  # 'in strenge kerken is
        # er veel steun voor elkaar': a place of worship needs a generalising word
        return _make(words, group, (group.end, group.end + 1))  # 'Bij Eritreeërs beslist ...'
    if group.role == "pointed" and group.strength >= 2 and group.end < end \
            and words[group.end].norm in nl.PEJORATIVE_VERBS and not (
                group.end + 1 < end and words[group.end + 1].norm in nl.NEGATED_BEFORE):
        # 'Die Polen zuipen.'; not 'die Eritreeërs liegen niet; ze zijn bang voor instanties'
        return _make(words, group, (group.end, group.end + 1))
    # after a hedge a group named by its relative clause is announced as one ('niet om te
    # discrimineren, maar mensen die slecht Nederlands spreken kunnen de stukken niet volgen')
    announced = hedged and group.role == "relative" and group.after >= 0
    if group.role != "subject" and not group.kind and not announced:
        return None
    verb = _present_verb(words, group.end, end)
    if verb is not None and _the_cases_persons(words, group, verb, end, hedged):
        return None
    if verb is None and group.kind:  # 'dat soort mensen leeft van dag tot dag'
        verb = _singular_verb(words, group.end, end)
        verb = _generic_you(words, group.end, end) if verb is None else verb
    if verb is None or _rights(words, verb, end) or (
            own is not None and own <= verb + 2):  # 'Hindoestaanse families hebben we
        return None  # uitgenodigd', '... krijgen van ons ...': what we do
    if group.strength >= 2 or hedged:
        return _make(words, group, (verb, min(end, verb + 3)))
    head = group.head if group.head >= 0 else group.end - 1
    if medium is not None and medium > verb and words[head].norm not in VAGUE:
        return _make(words, group, (verb, medium + 1))
    return None


# 'in alle groepen', 'in alle culturen': everywhere, the opposite of a claim about one group.
EVERY_GROUP = frozenset({"groepen", "culturen", "kringen", "lagen"})
NOT_FINITE = frozenset({"niet", "echt", "best", "juist", "vast", "zelfs", "uit", "met", "wat",
                        "dat", "het", "tot", "thuis", "samen"})
SPEAKERS = FIRST_PERSON | {"je", "men"}


SINGULAR_VERBS = frozenset({"is", "heeft", "wil", "kan", "moet", "mag", "gaat", "doet", "komt",
                            "blijft", "weet", "zal", "wordt", "zit", "staat", "ziet", "denkt"})


def congregation_acts(words: Sequence[Word], group: Group, end: int) -> bool:
    """'die pinkstergemeentes doen heel veel voor mensen', 'moskeeën organiseren ...':
    congregations as the subject of a plain statement of what they do for others are
    organisations at work, no claim about people; not 'in (veel) zware kerken heeft de man
    ...' (a place that stands for its people) nor 'pinkstergemeenten staan wantrouwig
    tegenover de geneeskunde' (an attitude)."""
    if words[group.end - 1].norm not in nl.CONGREGATIONS:
        return False
    before = group.start - 1
    while before >= max(0, group.start - 4) and words[before].norm in PLACE_FILLERS:
        before -= 1
    if before >= 0 and words[before].norm in nl.TOPIC_BEFORE:
        return False
    return any(w.norm in nl.SERVICE_WORDS for w in words[group.end:end])


PLACE_FILLERS = nl.POINTERS | {"veel", "de", "alle", "sommige", "zulke", "zo", "n"}


def _no_plain_claim(words: Sequence[Word], group: Group, end: int, hedged: bool) -> bool:
    """What happened ('statushouders legden vaak een verklaring af'; after a hedge, with
    'gewoon' or 'vaak', the past is a habit: 'Niet om te discrimineren, maar Turkse vrouwen van
    die generatie zaten gewoon thuis'), now and then without a generalising word ('Turkse
    vrouwen gaan soms niet naar de dokter') or congregations at work ('die pinkstergemeentes
    doen heel veel voor mensen'): no plain claim (the last three: eleventh round)."""
    said = {w.norm for w in words[group.end:end]}
    if (group.strength < 2 and _can_do_well(words, group.end, end)) \
            or not said.isdisjoint(OFFERED):  # 'kunnen bij de schuldhulp terecht'
        return True
    plain = said.isdisjoint(nl.MEDIUM_CUES)
    if _past_verb(words, group.end, end):
        return plain or not hedged
    return (plain and not said.isdisjoint(nl.NOW_AND_THEN)) \
        or congregation_acts(words, group, end)


# What is offered to a group, in a plain statement no claim about it ('vaders met schulden
# kunnen bij de schuldhulp terecht', 'zijn welkom'; the flag model has the same veto).
OFFERED = frozenset({"welkom", "terecht"})


def _can_do_well(words: Sequence[Word], verb: int, end: int) -> bool:
    """'Mensen met dementie kunnen vaak heel goed zeggen wat ze fijn vinden': what a broad
    group (an age, a condition) is well able to do, without a clear generalising word, is a
    strength a professional points at, not a judgement (eleventh round, a false flag in
    train-round11); not 'kunnen (vaak) niet goed ...' (a denial of an ability)."""
    if verb >= end or words[verb].norm not in ABLE:
        return False
    for index in range(verb + 1, min(end, verb + 5)):
        norm = words[index].norm
        if norm == "goed":
            return True
        if norm not in nl.MEDIUM_CUES and norm not in ("ook", "wel", "nog", "zelf", "best"):
            return False
    return False


def _the_cases_persons(words: Sequence[Word], group: Group, verb: int, end: int,
                       hedged: bool) -> bool:
    """'de Eritrese vrouwen koken al maanden ...': these women, not a habit; 'De Eritrese en
    Ethiopische vrouwen koken elke maand ...': the case's persons (``_definite``)."""
    return _find(words, nl.SPECIFIC_TIMES, verb, end) is not None \
        or (not hedged and _definite(words, group))


def _definite(words: Sequence[Word], group: Group) -> bool:
    """'de Eritrese en Ethiopische vrouwen': 'de' before a first adjective joined with 'en'
    belongs to the whole group, which in a plain statement without a generalising word is the
    persons of the case, as 'de Ghanese vrouwen' already is (role 'part'; eleventh round, a
    false flag in the folds)."""
    before = group.start - 1
    if before >= 1 and words[before].norm in ("en", "of") \
            and words[before - 1].norm in nl.GROUP_ADJECTIVES:
        before -= 2
    return before >= 0 and words[before].norm == "de" \
        and words[before].part == words[group.start].part


def _singular_verb(words: Sequence[Word], lo: int, hi: int) -> int | None:
    """A singular finite verb right after a kind ('dat soort mensen leeft ...')."""
    if lo >= hi:
        return None
    norm = words[lo].norm
    return lo if norm in SINGULAR_VERBS or _finite_t(norm) else None


def _finite_t(norm: str) -> bool:
    """A word that looks like a present singular verb ('beslist', 'leeft')."""
    return norm.endswith("t") and len(norm) >= 4 and not norm.startswith("ge") \
        and norm not in NOT_FINITE


def _fronted(words: Sequence[Word], group: Group, end: int, own: int | None) -> bool:
    """'Bij Eritreeërs beslist de man', 'In Turkse gezinnen is familie alles': a group in a
    fronted 'bij'/'in' phrase that opens the sentence, straight followed by a finite verb (the
    verb second: the whole sentence is about how things are with them), not by 'we' or 'je'
    ('bij Syrische gezinnen gaan we eerst langs')."""
    opener = group.start - 1
    verb = group.end
    if opener < 0 or verb >= end or own is not None or words[opener].norm not in nl.TOPIC_BEFORE:
        return False
    if opener > 0 and words[opener - 1].part == words[opener].part:
        return False  # not the first words of its part
    if any(words[i].norm == "uit" and words[i + 1].norm in ("de", "het", "deze")
           for i in range(group.start, group.end - 1)):
        return False  # 'bij Eritrese jongeren uit de casus': these persons
    norm = words[verb].norm
    finite = norm in nl.PRESENT_VERBS or _present_verb(words, verb, end) is not None \
        or _finite_t(norm)
    return finite and not (verb + 1 < end and words[verb + 1].norm in SPEAKERS)


# Cue lists are looked up by identity (``_index``): built once here.
OBJECT_CUES = nl.STRONG_CUES + nl.LEADING_CUES
KIND_CUES = nl.STRONG_CUES + (("alleen", "maar"),)
GENERIC_YOU = frozenset({"je", "men"})


def _generic_you(words: Sequence[Word], lo: int, hi: int) -> int | None:
    """Index of a generic 'je' or 'men' as a subject ('praat je', 'kun je'), else None."""
    return next((i for i in range(lo, hi) if words[i].norm in GENERIC_YOU and (
        i == 0 or words[i - 1].norm not in OWN_PREPOSITIONS | nl.NOT_SUBJECT_BEFORE)), None)


SUBJECT_PRONOUNS = frozenset({"ze", "zij", "die"})
# Words that can start a generalising cue: a carried claim needs one.
CUE_STARTS = frozenset(cue[0] for cue in nl.STRONG_CUES) | nl.MEDIUM_CUES


def _pronouns(words: Sequence[Word], lo: int, hi: int) -> Iterator[Group]:
    """A group named as an object and then taken up as the subject of a claim: 'als je
    Somaliërs binnenlaat, blijven ze altijd ...', '... met Antilliaanse jongens, die verdwijnen
    gewoon'. Only with a generalising word (the claim checks that)."""
    for index in range(lo, hi):
        np = _noun_phrase(words, index)
        if np is None or np[1] < 2 or (index > lo and words[index - 1].norm in UNFIT_BEFORE):
            continue
        for pronoun in range(np[0] + 1, min(hi, np[0] + 12)):
            if _first_person(words, pronoun):
                break
            if words[pronoun].norm in SUBJECT_PRONOUNS and _subject(words, pronoun, hi):
                yield Group(pronoun, pronoun + 1, 2, "carried",
                            Group(index, np[0], 2, "subject"))
                break


UNFIT_BEFORE = (nl.SPECIFIC_BEFORE - {"het"}) | nl.PART_BEFORE | nl.NEGATED_BEFORE \
    | nl.QUESTION_BEFORE


def _subject(words: Sequence[Word], index: int, hi: int) -> bool:
    """'ze blijven', 'blijven ze', ', die verdwijnen': a pronoun next to a finite verb
    ('die' only before it: after it, 'die' is an object or a relative)."""
    after = _present_verb(words, index + 1, hi) is not None
    if words[index].norm == "die":
        return after and index > 0 and words[index - 1].part != words[index].part
    before = index > 0 and _present_verb(words, index - 1, hi) is not None \
        and words[index - 1].part == words[index].part
    return after or before


KIND_STARTS = nl.GENERIC_SINGULAR_BEFORE | {"zon", "gemiddelde", "echte"} | nl.SINGULAR_IDENTITY


def _kinds(words: Sequence[Word], lo: int, hi: int) -> list[Group]:
    """'in zo'n gezin', 'bij zo'n familie': a kind of family spoken of as one; 'zo'n
    Marokkaan', 'elke Turk', 'de gemiddelde Pool': one person standing for a group."""
    found = []
    for i in range(max(lo, 1), hi):
        norm, before = words[i].norm, words[i - 1].norm
        if words[i - 1].part != words[i].part:
            continue
        if norm in nl.KIND_SINGULARS and before == "zon":
            found.append(Group(i, i + 1, 2, "zon"))
        elif norm in nl.SINGULAR_IDENTITY and before in ("de", "een") and (
                i < 2 or words[i - 2].part != words[i].part) \
                and _singular_verb(words, i + 1, hi) is not None:
            # 'De Marokkaan is van nature ...', 'Een Turk vraagt nooit ...' (a clear
            # generalising word only: 'de Pool' may be the man in the case)
            found.append(Group(i - 1, i + 1, 2, "one"))
        elif norm in nl.SINGULAR_IDENTITY and (before in nl.GENERIC_SINGULAR_BEFORE or (
                i > 1 and (words[i - 2].norm, before) in (("de", "gemiddelde"),
                                                          ("een", "echte")))):
            found.append(Group(i - 1 if before in ("gemiddelde", "echte") else i, i + 1, 2,
                               "zon"))
    return found


def _typical(words: Sequence[Word], lo: int,
             hi: int) -> tuple[Group, tuple[int, int]] | None:
    """'dat is typisch Marokkaans', 'typisch Turks om ...', 'het is typisch voor Afrikaanse
    vrouwen dat ...': an origin as an explanation (the group and the words 'typisch (voor)')."""
    for i in range(max(lo, 1), hi):
        if words[i - 1].norm != "typisch" or words[i - 1].part != words[i].part or (
                i >= 2 and words[i - 2].norm in ("wat", "niet", "geen")):
            continue
        if words[i].norm in nl.TYPICAL_OF:
            return Group(i, i + 1, 2, "subject"), (i - 1, i + 1)
        np = _noun_phrase(words, i + 1) if words[i].norm == "voor" and i + 1 < hi else None
        if np is not None and np[1] >= 2:  # 'typisch voor Afrikaanse vrouwen dat ...'
            return Group(i + 1, min(np[0], hi), 2, "subject"), (i - 1, i + 1)
    return None


def _once_always(words: Sequence[Word], lo: int, hi: int) -> Group | None:
    """'Eens een junk, altijd een junk', 'eens verslaafd, altijd verslaafd': a label that
    never goes away."""
    for index in range(lo, hi - 2):
        if words[index].norm != "eens":
            continue
        first = index + 1 + (words[index + 1].norm == "een")
        if first >= hi:
            return None
        label = words[first].norm
        for other in range(first + 1, min(hi, first + 4)):
            if words[other].norm == "altijd":
                then = other + 1 + (other + 1 < hi and words[other + 1].norm == "een")
                if then < hi and words[then].norm == label:
                    return Group(first, first + 1, 2, "subject")
    return None


def _make(words: Sequence[Word], group: Group, cue: tuple[int, int]) -> Generalisation:
    first, last = min(group.start, cue[0]), max(group.end, cue[1]) - 1
    if group.named is not None:
        first = group.named.start
    named = group.named or group
    if named.role == "pointed":  # name the group as the writer did: 'die mensen', 'dat soort'
        begin = named.start
        for pointer in (*nl.SORT_OF, *((p,) for p in nl.POINTERS)):
            if begin >= len(pointer) and _starts(words, begin - len(pointer), pointer):
                named = Group(begin - len(pointer), named.end, named.strength, named.role)
                first = min(first, named.start)
                break
    return Generalisation(words[first].start, words[last].end,
                          (words[named.start].start, words[named.end - 1].end),
                          (words[cue[0]].start, words[cue[1] - 1].end))


# Plural nouns for people the group lists do not know ('kappers', 'marktlui', 'veteranen',
# 'werkgevers'), by their ending; and words with such an ending that are no people.
PERSON_ENDINGS = ("ers", "aars", "lui", "isten", "anten", "enten", "anen", "ezen", "ieren")
NOT_PERSONS = frozenset("""
cijfers papiers computers posters folders flyers nummers letters kamers dossiers kaders
filters centers formulieren papieren manieren dieren
""".split())
NARROWING = frozenset({"in", "met", "uit", "zonder", "van", "op", "bij"})
PLACE_WORDS = frozenset({"hier", "daar", "tegenwoordig"})
# Without a hedge an unlisted group needs one of these (not 'altijd' or 'nooit': 'bezoekers
# moeten altijd eerst bellen' is a rule, not a claim about what they are like; and not 'nou
# eenmaal' alone: 'docenten hebben het nou eenmaal druk in de toetsweek', 'bewoners hebben nou
# eenmaal recht op een tolk', 'in Den Haag zijn ze nou eenmaal bezig met nieuw beleid' state a
# fact about a role or a place, so after a hedge only, see EENMAAL).
CLEAR_CUES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
weet iedereen
iedereen weet
zie je overal
dat zie je
dat is gewoon zo
zo zijn ze
allemaal zo
""".strip().splitlines())
EENMAAL: tuple[tuple[str, ...], ...] = (("nou", "eenmaal"), ("nu", "eenmaal"))
COMMA_CUES = EENMAAL + CLEAR_CUES  # after a relative clause and a comma (``_after_comma``)
# What a place's office is doing, not what its people are like ('in Den Haag zijn ze nou
# eenmaal bezig met nieuw beleid').
BUSY = frozenset({"bezig", "druk", "met", "aan", "begonnen", "gestart"})


def demonym(words: Sequence[Word], index: int, lo: int, text: str) -> bool:
    """'Vlamingen', 'Walen', 'Antwerpenaren': a plural with a capital inside its sentence
    names people by where they come from, a group no list needs to hold (twelfth round: three
    misses in train-round12, 'Ik wil niet generaliseren, maar Vlamingen zijn ...'). Not the
    sentence's first word (a capital there says nothing), and a plural ending only ('-en',
    '-ers'); like any group no list holds it needs a hedge or a clear cue."""
    word = words[index]
    rest = text[word.start + 1:word.end]  # 'Wmo-voorzieningen', 'GGZ-teams': no people
    return index > lo and bool(text) and text[word.start].isupper() and rest.isalpha() \
        and rest.islower() and len(word.norm) >= 5 and word.norm.endswith(("en", "ers")) \
        and word.norm not in NOT_PERSONS and word.norm not in nl.NOT_VERBS


def _person_plural(norm: str) -> bool:
    return norm not in NOT_PERSONS and (norm in nl.BROAD_NOUNS or norm in nl.PERSON_HEADS
                                        or norm in nl.IDENTITY_NOUNS
                                        or (len(norm) >= 6 and norm.endswith(PERSON_ENDINGS)))


def _unlisted_claim(words: Sequence[Word], quoted: Sequence[tuple[int, int]], lo: int,
                    begin: int, hi: int, text: str = "") -> Generalisation | None:
    """A group the lists do not know, as the bare subject opening its sentence (or the claim
    after a hedge), with a present-tense verb and a generalising word in the same part: 'Ik
    wil niet generaliseren, maar kappers zijn allemaal zo', 'werkgevers hier willen nou eenmaal
    geen ...', 'mensen in die flats zijn gewoon ...'. After a hedge a medium word ('gewoon',
    'vaak', 'toch') is enough; without one it takes a clear cue ('nou eenmaal', 'dat weet
    iedereen', 'allemaal zo')."""
    start = begin + (begin < hi and words[begin].norm == "en")
    if start >= hi or not (_person_plural(words[start].norm)
                           or demonym(words, start, lo, text)) \
            or _inside(quoted, words[start].start):
        return None
    hedged = begin > lo
    part = words[start].part
    verb = start + 1
    if hedged and verb < hi and words[verb].norm == "die":
        return _hedged_relative(words, quoted, start, hi)
    if verb < hi and words[verb].norm in PLACE_WORDS:
        verb += 1
    elif verb < hi and words[verb].norm in NARROWING:  # 'mensen in die nieuwbouwwijken'
        verb = next((i for i in range(verb + 1, min(hi, verb + 5))
                     if _present_verb(words, i, hi) is not None), hi)
    if verb >= hi or words[verb].part != part or _present_verb(words, verb, hi) is None \
            or _rights(words, verb, hi):
        return None
    group = Group(start, verb, 1, "subject")
    end = _claim_end(words, group, hi)
    if _event(words, verb, end):
        return None  # 'woonwagenbewoners zijn jarenlang weggestuurd': what happened
    own = next((i for i in range(verb, end) if _first_person(words, i)), None)
    if own is not None and own <= verb + 2:
        return None  # 'werkgevers hebben we gebeld': what we do
    cue = _find(words, CLEAR_CUES, verb, end)
    if cue is None and verb > start + 1:  # 'mensen in Staphorst', 'boeren hier': a place's
        cue = _all_of_them(words, verb, end)  # people ('deelnemers hebben allemaal ...' not)
    if cue is None and hedged:
        cue = _find(words, EENMAAL, verb, end) or _find(words, nl.STRONG_CUES, verb, end) or next(
            ((i, i + 1) for i in range(verb, end) if words[i].norm in nl.MEDIUM_CUES), None)
    if cue is None and hedged and demonym(words, start, lo, text):
        cue = (verb, min(end, verb + 3))  # 'ik wil niet generaliseren, maar Vlamingen zijn
        # gewend dat ...': announced, like a listed origin's plain statement
    if cue is None or _inside(quoted, words[cue[0]].start):
        return None
    return _make(words, group, cue)


# Verbs after which a floating 'allemaal' says what all of a group are or have.
ALL_OF_THEM_VERBS = frozenset({"zijn", "hebben"})
NOT_ALL_OF_THEM = frozenset({"welkom", "nodig", "uitgenodigd", "aanwezig", "op", "bij", "in"})


def _all_of_them(words: Sequence[Word], verb: int, end: int) -> tuple[int, int] | None:
    """'Mensen in Staphorst zijn allemaal heel streng gelovig': 'allemaal' right after the
    verb of a bare plural narrowed by a place or origin says it of all of them (eleventh round,
    a miss in train-round11; not a role alone: 'deelnemers hebben allemaal een certificaat'); not
    an offer or a place ('zijn allemaal welkom', 'hebben allemaal een pas nodig', 'zijn
    allemaal op de cursus geweest') nor a state after a participle ('zijn allemaal
    gescreend')."""
    index = verb + 1
    if words[verb].norm not in ALL_OF_THEM_VERBS or index >= end \
            or words[index].norm != "allemaal":
        return None
    rest = [w.norm for w in words[index + 1:end] if w.part == words[verb].part]
    if any(n in NOT_ALL_OF_THEM or PARTICIPLE.match(n) for n in rest):
        return None
    return index, index + 1


RESUMPTIVES = frozenset({"die", "ze", "zij"})


def _hedged_relative(words: Sequence[Word], quoted: Sequence[tuple[int, int]], start: int,
                     hi: int) -> Generalisation | None:
    """After a hedge, a group the writer names by a relative clause, whatever its tense, then
    the claim: 'ik wil niet generaliseren, maar jongens die in de drugs hebben gezeten, die
    vallen bijna allemaal terug' / '..., gaan meestal weer de fout in'. The claim starts at a
    new part or a resumptive 'die'/'ze' and needs a present verb and a generalising word."""
    for index in range(start + 3, min(hi, start + 16)):
        resumes = words[index].norm in RESUMPTIVES and words[index - 1].norm not in ("en", "of")
        if not resumes and words[index].part == words[index - 1].part:
            continue
        verb = index + 1 if resumes else index
        if _present_verb(words, verb, hi) is None:
            continue
        group = Group(start, index, 1, "subject")
        claim = Group(verb, verb + 1, 1, "subject")
        end = _claim_end(words, claim, hi)
        if _event(words, verb, end) or _past_verb(words, verb, end):
            return None
        cue = _find(words, nl.STRONG_CUES, verb, end) or next(
            ((i, i + 1) for i in range(verb, end) if words[i].norm in nl.MEDIUM_CUES), None)
        if cue is None or _inside(quoted, words[cue[0]].start):
            return None
        return _make(words, group, cue)
    return None


def _impersonal(words: Sequence[Word], verb: int, hi: int) -> bool:
    """'in bepaalde wijken in Heerlen wordt nou eenmaal meer gefraudeerd': a passive without
    a subject (a participle a few words on), what the place's people do (eleventh round, a
    miss in the folds); not 'wordt de brief ... gestuurd' (a subject after 'wordt')."""
    part = words[verb].part
    for index in range(verb + 2, min(hi, verb + 6)):
        if words[index].part != part or words[index].norm in ("de", "het", "een", "er"):
            return False
        if PARTICIPLE.match(words[index].norm):
            return True
    return False


PLACE_OPENERS = frozenset({"in", "op", "bij"})
THEY = frozenset({"ze", "zij", "men"})
PEOPLE_WORDS = nl.BROAD_NOUNS | nl.PERSON_HEADS | nl.KIND_SINGULARS | THEY


def _people_said(words: Sequence[Word], verb: int, hi: int) -> bool:
    """Whether the part after ``verb`` (a subject of its own after 'de'/'het') speaks of
    people: 'zijn de rollen tussen man en vrouw ...', 'zijn de mannen ...'."""
    if words[verb + 1].norm not in ("de", "het"):
        return False
    part = words[verb].part
    return any(words[i].norm in PEOPLE_WORDS for i in range(verb + 2, min(hi, verb + 8))
               if words[i].part == part)


def _country_norm(words: Sequence[Word], quoted: Sequence[tuple[int, int]], lo: int,
                  hi: int) -> Generalisation | None:
    """A country of origin as the place of a norm, opening the sentence or the claim after a
    hedge: 'in India is het toch heel normaal dat de man het geld beheert', 'in Arabische
    landen is het wel zo dat de vrouw ...' (eleventh round, misses in the folds): the norm is
    said of its people. Only 'is het' with a word of normality (``nl.NORMALITY``), not 'in
    Syrië is het oorlog' nor the writer's own country ('in Nederland is het normaal dat je
    een afspraak maakt' explains a rule)."""
    begin = _hedge_end(words, lo, hi)
    if begin + 4 >= hi or words[begin].norm != "in":
        return None
    place = begin + 1
    if words[place].norm in nl.COUNTRIES:
        verb = place + 1
    elif words[place].norm in nl.GROUP_ADJECTIVES and words[place + 1].norm == "landen" \
            and words[place].norm not in GENERIC_ADJECTIVES:
        verb = place + 2
    else:
        return None
    if verb + 1 >= hi or words[verb].norm != "is" or words[verb + 1].norm != "het" \
            or words[verb + 1].part != words[begin].part:
        return _hedged_country(words, quoted, (lo, begin, hi), place, verb)
    part = words[begin].part
    end = verb + 2
    while end < hi and words[end].part == part and end < verb + 10:
        end += 1
    cue = _find(words, nl.NORMALITY, verb + 2, end)
    if cue is None or _inside(quoted, words[cue[0]].start) or any(
            w.norm in RULE_SUBJECTS for w in words[cue[1]:min(hi, cue[1] + 3)]):
        return None  # 'in Turkije is het zo dat je een visum nodig hebt': a rule for anyone
    if begin == lo and words[cue[0]].norm != "nou" and not any(
            w.norm in nl.MEDIUM_CUES for w in words[verb + 2:cue[0]]):
        return None  # 'in India is het gebruikelijk dat de familie meebeslist': a custom,
        # said without a hedge or a generalising word
    return _make(words, Group(place, verb, 2, "topic"), cue)


RULE_SUBJECTS = frozenset({"je", "jij", "u", "men", "iedereen"})


def _hedged_country(words: Sequence[Word], quoted: Sequence[tuple[int, int]],
                    bounds: tuple[int, int, int], place: int,
                    verb: int) -> Generalisation | None:
    """After a hedge, a country of origin opening the claim with a plural present verb and
    'nou eenmaal' or a clear cue, whatever the subject: 'Niet om te discrimineren, maar in
    Afghanistan zijn honden gewoon onrein, dat weet iedereen' says what its people hold
    (twelfth round, a miss in train-round12). Without a hedge a fact about a country ('in
    Syrië is de zorg ingestort, dat weet iedereen') stays unflagged."""
    lo, begin, hi = bounds
    if begin == lo or verb >= hi or words[verb].part != words[begin].part \
            or _present_verb(words, verb, hi) is None or not words[verb].norm.endswith("n"):
        return None  # a plural verb: its people or their ways, not 'is de winter streng'
    group = Group(place, verb, 2, "topic")
    end = _claim_end(words, group, hi)
    cue = _find(words, CLEAR_CUES, verb, end) or _find(words, EENMAAL, verb, end)
    if cue is None or _inside(quoted, words[cue[0]].start):
        return None
    return _make(words, group, cue)


def _place_they(words: Sequence[Word], quoted: Sequence[tuple[int, int]], text: str,
                begin: int, hi: int) -> Generalisation | None:
    """A place by its name opening the sentence, whose people are 'ze' or 'men', with a clear
    generalising word: 'In de Achterhoek zijn ze nou eenmaal gesloten, dat weet iedereen'. Not
    'altijd' or 'nooit' ('in het buurthuis zijn ze altijd open' says when, not what people are
    like), and not a place without a capital ('in de wijk zijn ze nou eenmaal druk met de
    verbouwing' may be the staff)."""
    lo = begin
    begin = _hedge_end(words, begin, hi)  # 'ik wil niet generaliseren, maar in ...'
    if begin + 3 >= hi or words[begin].norm not in PLACE_OPENERS:
        return None
    part = words[begin].part
    for verb in range(begin + 2, min(hi - 1, begin + 7)):
        if words[verb].part != part:
            return None
        if (_present_verb(words, verb, hi) is not None and (
                words[verb + 1].norm in THEY or (begin > lo and _people_said(words, verb, hi)))) \
                or (words[verb].norm == "wordt" and _impersonal(words, verb, hi)):
            # after a hedge also a subject of its own that speaks of people: 'niet om te
            # discrimineren, maar in Staphorst zijn de rollen tussen man en vrouw nou eenmaal
            # strak verdeeld' (train-round11); not '... zijn de wachtlijsten nou eenmaal lang'
            if not any(text[w.start].isupper() for w in words[begin + 1:verb]):
                return None
            place = Group(begin, verb, 1, "topic")  # 'In de Achterhoek'
            end = _claim_end(words, place, hi)
            cue = _find(words, CLEAR_CUES, verb, end)
            if cue is None:  # 'zijn ze nou eenmaal wantrouwig', not '... nou eenmaal bezig met'
                cue = _find(words, EENMAAL, verb, end)
                if cue is not None and cue[1] < end and words[cue[1]].norm in BUSY:
                    cue = None
            if cue is None or _inside(quoted, words[cue[0]].start):
                return None
            return _make(words, place, cue)
    return None
