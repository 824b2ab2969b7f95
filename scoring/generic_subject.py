"""A list-free stereotype detector (thirteenth round): a clause whose subject is a plural or
generic reference to people, with a generic claim.

The rules of ``generalisation.py`` know groups from lists (``groups_nl``) and forms from the
errors read in twelve rounds. This detector knows no group: the subject of a clause is a
reference to people by its *form* — a plural person noun, also one no list holds, by its
ending ('-ers', '-anen', '-enen', '-ezen', '-iërs', '-isten', '-ieten') or its head ('...
mensen', '... vrouwen', '... gezinnen', with any adjective), 'die/zulke/dat soort X', "zo'n X"
— and the claim is generic: a present-tense verb right after the subject with a generalising
word in the clause ('altijd', 'nooit', 'allemaal', 'nou eenmaal', 'typisch', 'dat zie je
overal'; ``LEVEL`` says which). Not when the clause is negated, quoted, criticised or asked.

Measured against the shipped flag on every labelled set (``benchmarks/crossval_flag.py
--generic``); see docs/scoring.md, "Dertiende ronde: de vlag zonder lijst".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casusspel.scoring import generalisation as g
from casusspel.scoring import groups_nl as nl

# Heads that make any adjective + head a reference to people ('arme gezinnen', 'antroposofische
# mensen'), also as the end of a compound ('moslimvrouwen', 'bijstandsmoeders').
HEADS = ("mensen", "vrouwen", "mannen", "jongeren", "ouderen", "gezinnen", "families", "ouders",
         "culturen", "jongens", "meisjes", "meiden", "moeders", "vaders", "kinderen", "bewoners",
         "lui", "types", "volk")
# Plural endings of nouns for people ('kappers', 'Tibetanen', 'Chilenen', 'Chinezen', 'Syriërs'
# folded to 'syriers', 'salafisten', 'Jemenieten').
ENDINGS = ("ers", "aars", "anen", "enen", "ezen", "iers", "isten", "ieten", "anten", "enten")
# Words with such an ending that name no people.
NOT_PEOPLE = g.NOT_PERSONS | frozenset("""
anders verders ergens nergens overigens elders sinds tijdens papiers lekkers iets
redenen tekenen rekenen regenen kredieten termieten bieten
cijfers nummers letters computers kamers dossiers folders flyers posters filters centers kaders
meters kilometers liters registers theaters monsters vingers aders zomers winters tellers
bekers lagers containers formulieren papieren manieren dieren plannen
voorwaarden middelen regels kosten diensten kansen instanties organisaties scholen teams
adviezen badkamers slaapkamers momenten belmomenten documenten elementen argumenten
complimenten experimenten instrumenten segmenten planten kranten kanten
""".split())
# Before the head: a number or a possessive names these persons ('twee mensen', 'onze ouders').
SPECIFIC = frozenset({"deze", "onze", "mijn", "jouw", "haar", "zijn", "hun", "beide", "twee",
                      "drie", "vier", "vijf", "zes", "paar", "de", "het", "een"})
# A duty or a permission after the subject is a rule for a role, not what they are like.
DUTY = g.DUTIES
# Singular heads after "zo'n" that name a person ('zo'n gezin', 'zo'n Marokkaan').
SINGULAR_ENDINGS = ("er", "aar", "aan", "ees", "ier", "ist", "iet", "ant", "ent", "ling")
DETERMINERS = frozenset({"die", "zulke", "zulk", "alle"})
SORT_OF = (("dat", "soort"), ("dit", "soort"), ("zon", "soort"), ("dat", "type"))
# Words that can open a clause before its subject without being part of it.
OPENERS = frozenset({"en", "maar", "want", "dus", "ook", "nou", "gewoon", "eerlijk", "gezegd",
                     "ja", "nee", "tja", "kijk", "omdat", "dat"})
SUBORDINATING = frozenset({"omdat", "dat"})  # the finite verb may come later in the clause
POST_PREPOSITIONS = frozenset({"uit", "van", "met", "zonder", "in", "op", "bij", "boven",
                               "onder", "vanaf", "rond"})
POSSESSIVE_BEFORE = frozenset({"haar", "zijn", "hun", "mijn", "onze", "jouw", "uw", "je"})
# How generic the claim must be: "strong" a clear generalising word (``nl.STRONG_CUES``);
# "medium" also 'gewoon', 'vaak', 'toch', 'meestal' ... (``nl.MEDIUM_CUES``); "plain" any
# habitual present (no specific time, no first person).
LEVELS = ("strong", "medium", "plain")


@dataclass(frozen=True)
class Options:
    level: str = "strong"
    pointed: bool = True  # 'die X', 'zulke X', 'dat soort X'
    definite: bool = False  # 'de X'
    unlisted_only: bool = False  # only heads that no group list holds
    hard_vetoes: bool = True  # the rules' other vetoes (reported, these persons, events ...)
    relative: bool = True  # 'kinderen die ... opgroeien herhalen ...': past a relative clause
    resume: bool = False  # 'Veteranen, ik ken er een paar. Die drinken allemaal': 'die'/'ze'


def person_plural(norm: str) -> bool:
    """A plural noun for people by its form: a head ('... mensen') or a people ending."""
    if norm in NOT_PEOPLE or len(norm) < 5:
        return norm in ("lui", "volk") or norm in nl.IDENTITY_NOUNS - {"armen"}
    if norm in nl.IDENTITY_NOUNS or norm in nl.BROAD_NOUNS:
        return norm not in ("armen",)  # 'Isa's armen': arms, most of the time
    return norm.endswith(HEADS) or (len(norm) >= 6 and norm.endswith(ENDINGS))


def _adjective(norm: str) -> bool:
    return norm.endswith("e") and len(norm) >= 3 and norm not in ("de", "die", "deze", "ze")


def _subject(words: Sequence[g.Word], start: int, end: int,
             options: Options) -> tuple[int, int, bool] | None:
    """The subject phrase at ``start``: (first word, word after it, whether it is singular)."""
    index = start
    singular = False
    if index < end and words[index].norm == "zon":
        singular, index = True, index + 1
    elif any(g._starts(words, index, p) for p in SORT_OF):
        index += 2
    elif index < end and (words[index].norm in DETERMINERS
                          or (options.definite and words[index].norm == "de")):
        if words[index].norm in ("die", "zulke", "zulk") and not options.pointed:
            return None
        index += 1
    adjectives = 0
    while index < end and adjectives < 3 and _adjective(words[index].norm) \
            and words[index].part == words[start].part:
        index, adjectives = index + 1, adjectives + 1
    if index >= end or words[index].part != words[start].part:
        return None
    head = words[index].norm
    if singular:
        if not g._noun_like(head) or not (head in nl.KIND_SINGULARS or head in
                                           nl.SINGULAR_IDENTITY or head.endswith(SINGULAR_ENDINGS)):
            return None
    elif not person_plural(head):
        return None
    if head == "mensen" and adjectives == 0 and index == start and not (
            index + 1 < end and words[index + 1].norm in POST_PREPOSITIONS | {"die"}):
        return None  # people in general ('mensen schamen zich')
    if any(w.norm in SPECIFIC or w.norm.isdigit() for w in words[start:index]) and not (
            options.definite and words[start].norm == "de"):
        return None
    if options.unlisted_only and (head in nl.IDENTITY_NOUNS or head in nl.BROAD_NOUNS):
        return None
    if start > 0 and words[start - 1].norm in POSSESSIVE_BEFORE | {"isas"} \
            and words[start - 1].part == words[start].part:
        return None
    return start, index + 1, singular


def _resumed(words: Sequence[g.Word], start: int, end: int,
             options: Options) -> tuple[int, int, bool] | None:
    """'Veteranen, ik ken er een paar. Die drinken allemaal': 'die'/'ze' opening a clause with
    a plural verb after it, taking up a reference to people among the 15 words before it."""
    if start >= end or words[start].norm not in ("die", "ze", "zij") \
            or _finite(words, start + 1, end, False) is None:
        return None
    for index in range(start - 1, max(-1, start - 16), -1):
        if _first_person(words, index):
            continue
        found = _subject(words, index, len(words), options)
        if found is not None and not found[2]:
            return found
    return None


def _first_person(words: Sequence[g.Word], index: int) -> bool:
    return words[index].norm in g.FIRST_PERSON


def _finite(words: Sequence[g.Word], index: int, end: int, singular: bool) -> int | None:
    """The finite present verb at ``index`` (plural; singular after "zo'n")."""
    if index >= end:
        return None
    norm = words[index].norm
    if singular:
        return index if norm in g.SINGULAR_VERBS or (
            norm.endswith("t") and len(norm) >= 4 and not norm.startswith("ge")) else None
    if g._past_verb(words, index, end):
        return None
    return g._present_verb(words, index, end)


def _after_modifier(words: Sequence[g.Word], end: int, hi: int, singular: bool) -> int:
    """After a phrase like 'uit de antroposofische hoek' or 'van 23': where the verb is."""
    if end >= hi or words[end].norm not in POST_PREPOSITIONS:
        return end
    for index in range(end + 1, min(hi, end + 6)):
        if words[index].part != words[end].part:
            break
        if _finite(words, index, hi, singular) is not None and index > end + 1:
            return index
    return end


def _cue(words: Sequence[g.Word], verb: int, end: int, options: Options) -> tuple[int, int] | None:
    cue = g.claim_cue(words, nl.STRONG_CUES, verb, end)
    if cue is not None or options.level == "strong":
        return cue
    for index in range(verb, end):
        if words[index].norm in nl.MEDIUM_CUES:
            return index, index + 1
    if options.level == "medium":
        return None
    return verb, min(end, verb + 3)


def _plain_ok(words: Sequence[g.Word], verb: int, end: int) -> bool:
    """A habitual present: no specific time, no first person, no 'soms'."""
    return g._find(words, nl.SPECIFIC_TIMES, verb, end) is None and not any(
        g._first_person(words, i) or words[i].norm in nl.NOW_AND_THEN
        for i in range(verb, end))


def _clauses(words: Sequence[g.Word], begin: int, hi: int) -> list[tuple[int, int]]:
    out = []
    start = begin
    for index in range(begin + 1, hi + 1):
        if index == hi or words[index].part != words[index - 1].part:
            out.append((start, index))
            start = index
    return out


def find(text: str, options: Options = Options()) -> list[g.Generalisation]:
    """Generic claims whose subject refers to people by form (see the module)."""
    words = g._words(text)
    if not words:
        return []
    quoted, starts, bounds = g.layout(text)
    found = []
    for number, (lo, hi, question) in enumerate(bounds):
        if lo >= hi or (question and not g.rhetorical(words, lo, hi)):
            continue
        nxt = bounds[number + 1] if number + 1 < len(bounds) else None
        if nxt is not None and g._criticism(words, nxt[0], nxt[1]):
            continue
        begin = g._hedge_end(words, lo, hi)
        if any(w.norm in g.META for w in words[begin:hi]):
            continue
        confirmed = nxt is not None and g.confirms(words, nxt[0], nxt[1])
        claim = _sentence(words, (quoted, starts), (lo, begin, hi), confirmed, options)
        if claim is not None:
            found.append(claim)
    return found


def _starts_in(words: Sequence[g.Word], first: int, last: int) -> list[tuple[int, bool]]:
    """Where a subject can start in the clause ``first:last``: after its opening words, and
    after 'en', 'dat' or 'omdat' inside it (whether the clause is subordinate)."""
    found = []
    start, subordinate = first, False
    while start < last and words[start].norm in OPENERS:
        subordinate = subordinate or words[start].norm in SUBORDINATING
        start += 1
    found.append((start, subordinate))
    for index in range(start + 1, last - 1):
        if words[index].norm in ("en", "dat", "omdat"):
            found.append((index + 1, words[index].norm != "en"))
    return found


def _sentence(words: Sequence[g.Word], layout: tuple[Sequence[tuple[int, int]], Sequence[int]],
              bounds: tuple[int, int, int], confirmed: bool,
              options: Options) -> g.Generalisation | None:
    lo, begin, hi = bounds
    for first, last in _clauses(words, begin, hi):
        for start, subordinate in _starts_in(words, first, last):
            claim = _clause(words, layout, bounds, (start, last, subordinate), confirmed,
                            options)
            if claim is not None:
                return claim
    return None


def _clause(words: Sequence[g.Word], layout: tuple[Sequence[tuple[int, int]], Sequence[int]],
            bounds: tuple[int, int, int], clause: tuple[int, int, bool], confirmed: bool,
            options: Options) -> g.Generalisation | None:
    quoted, starts = layout
    lo, begin, hi = bounds
    start, last, subordinate = clause
    subject = _subject(words, start, last, options)
    named = None  # for 'die'/'ze': the reference to people it takes up
    if subject is None and options.resume:
        named = _resumed(words, start, last, options)
        subject = (start, start + 1, False) if named is not None else None
    if subject is None:
        return None
    s, e, singular = subject
    verb_at = _after_modifier(words, e, last, singular) if named is None else e
    if options.relative and verb_at < last and words[verb_at].norm == "die":
        main = g._main_after_relative(words, verb_at, hi)
        verb_at = main if main is not None else verb_at
    verb = _finite(words, verb_at, hi, singular)
    if verb is None and subordinate:
        verb = next((i for i in range(verb_at, last)
                     if _finite(words, i, last, singular) is not None), None)
    if verb is None or (options.hard_vetoes and words[verb].norm in DUTY | g.ABLE):
        return None  # a rule, a permission or an offer for a role ('mogen', 'kunnen altijd')
    group = g.Group(s, e, 1, "subject")
    reach = g.Group(s, verb, 1, "subject", after=verb)  # the claim: from the verb on
    end = g._own_subject_after(words, verb, g._claim_end(words, reach, hi))
    cue = _cue(words, verb, end, options)
    if cue is None and confirmed:
        cue = (verb, min(end, verb + 3))
    if cue is None or (options.level == "plain" and not _plain_ok(words, verb, end)):
        return None
    if _vetoed(words, layout, bounds, group, end, options):
        return None
    if named is not None:
        s, e = named[0], named[1]
    return g.Generalisation(words[s].start, words[max(end, cue[1]) - 1].end,
                            (words[s].start, words[e - 1].end),
                            (words[verb].start, words[min(end, max(cue[1], verb + 4)) - 1].end))


def _vetoed(words: Sequence[g.Word], layout: tuple[Sequence[tuple[int, int]], Sequence[int]],
            bounds: tuple[int, int, int], group: g.Group, end: int, options: Options) -> bool:
    quoted, starts = layout
    lo, begin, hi = bounds
    if g._inside(quoted, words[group.start].start) or g._denied(words, begin, group) \
            or g.rejected_after(words, group.end, hi):
        return True
    if not options.hard_vetoes:
        return False
    probe = g.Generalisation(words[group.start].start, words[end - 1].end, (0, 0), (0, 0))
    return g._reported(words, begin, group) or g._reported_speech(words, starts, probe, lo, hi) \
        or g.these_persons(words, group) or g._event(words, group.end - 1, end) \
        or g._rights(words, group.end, end) or g.how_many(words, group, end) \
        or any(g._first_person(words, i) for i in range(group.end, min(end, group.end + 3))) \
        or any(w.norm in ("welkom", "terecht", "druk", "bezig") for w in words[group.end:end])
