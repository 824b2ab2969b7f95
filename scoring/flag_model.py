"""A learned second opinion for the stereotype flag: a small logistic model over clauses that
name a group (ninth round).

The rules of ``generalisation.py`` catch the forms they were written for; new writers find
others. This model reads every *candidate clause*: a part of a sentence that names a group
(a listed group, a kind like 'zo'n gezin', or a plural noun for people the lists do not know,
'kappers', 'werkgevers'). Its features are what makes a claim generic, said as words the
writer used: the group's kind and strength, the word before and after it, generalising words
('altijd', 'nou eenmaal', 'gewoon'), a hedge, a present-tense verb after the group, negation,
a first person, and the words and word pairs of the clause with the group itself replaced by
``G`` (so 'G zijn allemaal zo' counts for a group no list holds). It adds to the rules: a text
is flagged when the rules flag it or when its best clause passes the model's threshold.

Hard rules stay in front of the model: a quoted claim, someone else's reported claim, one that
is criticised or denied, a question, a group inside a 'waar' clause, and a sentence about
stereotypes ('dat is een vooroordeel') never raise a flag, whatever the model says; nor do
'mensen' alone (people in general), a group narrowed by a relative clause with no main clause
after it ('vrouwen die nooit leerden zwemmen'), the persons present ('de Afghaanse mannen in onze
groep'),
an event in the perfect tense, a right, what we do, an offer or a workload ('zijn altijd
welkom', 'hebben het druk'), and without a clear generalising word part of a group or now and
then ('sommige', 'soms'), a permission ('mogen') or the simple past. A hedge never cancels one
(it is a feature that makes a flag more likely).

The weights ship as ``scoring/data/flag-<name>.json``, trained by ``scoring/train_flag.py`` on
the text-level stereotype labels of the corpus (a text is flagged when its best clause passes
the threshold; that clause is the evidence). Scoring needs no numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from casusspel.scoring import generalisation as g
from casusspel.scoring import groups_nl as nl
from casusspel.scoring.model import logistic, shipped_json

WINDOW_BEFORE = 6  # words of the clause before the group that the model reads
WINDOW_AFTER = 12  # ... and after it
SPECIFIC_POINTERS = frozenset({"deze", "onze", "mijn", "jouw", "haar", "zijn", "hun", "beide",
                               "twee", "drie", "vier", "vijf"})
# A part of the group or now and then ('soms'), without a clear generalising word: no claim
# about the group (the rules' own rule for 'sommige', 'veel').
NOW_AND_THEN = frozenset({"soms", "weleens", "af", "sommigen"})
PERMISSION = frozenset({"mogen", "mag"})
# An offer or a workload, not what a group is like ('bezoekers zijn altijd welkom', 'kunnen
# altijd bij ons terecht', 'docenten hebben het nou eenmaal druk'); and 'zijn ook (gewoon)
# mensen' (a veto of its own in ``_no_claim``).
STATES = frozenset({"welkom", "terecht", "druk", "bezig"})
# What a group no list holds must do is a rule for a role, not what they are like
# ('bezoekers moeten altijd eerst bellen', 'werkgevers moeten nou eenmaal de wet volgen').
DUTY = frozenset({"moeten", "moet", "hoeven", "dienen"})
RIGHT: tuple[tuple[str, ...], ...] = (("recht", "op"),)  # 'hebben nou eenmaal recht op een tolk'


# Words with a people ending that name no people ('anders', 'verders').
NO_PEOPLE = frozenset({"anders", "verders", "ergens", "nergens", "overigens", "elders", "sinds",
                       "tijdens", "buitenshuis", "binnenshuis", "papiers"})


@dataclass(frozen=True)
class Candidate:
    """A clause that names a group: where the group and the claim are, and its features."""

    sentence: int  # number of the sentence in the text
    group: tuple[int, int]  # character range of the group
    claim: tuple[int, int]  # character range of the words after it that make the claim
    span: tuple[int, int]  # character range of the clause
    features: tuple[str, ...]  # empty when vetoed
    vetoed: bool  # quoted, reported, denied or criticised: never flagged


@dataclass(frozen=True)
class FlagModel:
    name: str
    bias: float
    threshold: float
    weights: dict[str, float]

    def probability(self, features: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return logistic(z)

    def strongest(self, features: Sequence[str], count: int = 3) -> list[str]:
        """The features that pushed the clause most towards a flag (for the explanation)."""
        ranked = sorted(((self.weights.get(f, 0.0), f) for f in set(features)), reverse=True)
        return [f for w, f in ranked[:count] if w > 0]


@lru_cache(maxsize=4)
def load_flag_model(name: str) -> FlagModel | None:
    """The shipped flag model ``scoring/data/flag-<name>.json``, or None when there is none."""
    raw = shipped_json("flag", name)
    if raw is None:
        return None
    return FlagModel(raw["name"], float(raw["bias"]), float(raw["threshold"]),
                     {k: float(v) for k, v in raw["weights"].items()})


def candidates(text: str) -> list[Candidate]:
    """Every clause of ``text`` that names a group, with its features."""
    words = g._words(text)
    if not words:
        return []
    quoted, starts, bounds = g.layout(text)
    possible = [i for i, w in enumerate(words) if _may_anchor(w.norm)]
    found: list[Candidate] = []
    for number, (lo, hi, question) in enumerate(bounds):
        if lo >= hi or g._bisect(possible, lo) == g._bisect(possible, hi):
            continue  # no word that can name a group: most sentences
        criticised = number + 1 < len(bounds) and g._criticism(
            words, bounds[number + 1][0], bounds[number + 1][1])
        found.extend(_sentence_candidates(words, (quoted, starts, possible), number, (lo, hi),
                                          (question and not g.rhetorical(words, lo, hi))
                                          or criticised))
    return found


ANCHOR_WORDS = g.STARTERS | g.KIND_STARTS | nl.KIND_SINGULARS | nl.SINGULAR_IDENTITY
ANCHOR_ENDINGS = (*nl.COMPOUND_HEADS, *g.PERSON_ENDINGS)


def _may_anchor(norm: str) -> bool:
    """A cheap test: can a group phrase ``_anchors`` finds contain this word?"""
    return norm in ANCHOR_WORDS or norm.endswith(ANCHOR_ENDINGS)


def _anchors(words: Sequence[g.Word], lo: int, hi: int,
             possible: Sequence[int]) -> list[g.Group]:
    """Group phrases in ``lo:hi``: listed ones (with their role), kinds, and plural nouns for
    people the lists do not know (strength 0). Only words in ``possible`` (``_may_anchor``)
    can start one."""
    found: list[g.Group] = []
    after = lo  # the end of the last group phrase: no new one starts inside it
    for index in possible[g._bisect(possible, lo):g._bisect(possible, hi)]:
        if index < after:
            continue
        np = g._noun_phrase(words, index)
        if np is not None:
            role = g._role(words, index, lo) or "none"
            found.append(g.Group(index, min(np[0], hi), np[1], role))
            after = max(np[0], index + 1)
            continue
        norm = words[index].norm
        if g._person_plural(norm) and norm not in NO_PEOPLE:
            found.append(g.Group(index, index + 1, 0, g._role(words, index, lo) or "none"))
    found.extend(g._kinds(words, lo, hi))
    return found


def _sentence_candidates(words: Sequence[g.Word],
                         found: tuple[Sequence[tuple[int, int]], Sequence[int], Sequence[int]],
                         number: int, bounds: tuple[int, int],
                         excused: bool) -> list[Candidate]:
    """The candidates of one sentence; ``found``: the text's quoted spans, word starts and
    words that may start a group."""
    quoted, starts, possible = found
    lo, hi = bounds
    norms = {w.norm for w in words[lo:hi]}
    begin = g._hedge_end(words, lo, hi, "maar" in norms)
    meta = any(w.norm in g.META for w in words[lo:hi])
    out = []
    for group in _anchors(words, begin, hi, possible):
        end = g._claim_end(words, group, hi)
        end = g._own_subject_after(words, group.end, end)
        vetoed = excused or meta or g._inside(quoted, words[group.start].start) \
            or g._reported(words, begin, group) or g._denied(words, begin, group) \
            or g.answered(words, lo, group) \
            or (group.role == "subject" and (g.after_singular_verb(words, group, begin)
                                             or g.after_relative_pronoun(words, group, begin)
                                             or g.own_verbs_object(words, group, begin))) \
            or g._placed_by_where(words, begin, hi, group) or g.these_persons(words, group) \
            or (begin == lo and g._people(words, group)) \
            or (begin == lo and _narrowed(words, group, hi)) \
            or _no_claim(words, group, begin, end) or g.rejected_after(words, group.end, hi)
        if not vetoed:
            probe = g.Generalisation(words[group.start].start, words[end - 1].end, (0, 0),
                                     (0, 0))
            vetoed = g._reported_speech(words, starts, probe, lo, hi)
        # a vetoed clause is never flagged, nor trained on: its features are not worked out
        features = () if vetoed else tuple(_features(words, group, (lo, begin, hi, end)))
        claim_end = min(end, group.end + 4)
        claim = (words[group.end].start, words[claim_end - 1].end) if claim_end > group.end \
            else (words[group.start].start, words[group.end - 1].end)
        first = max(lo, group.start - WINDOW_BEFORE)
        out.append(Candidate(number, (words[group.start].start, words[group.end - 1].end),
                             claim, (words[first].start, words[end - 1].end),
                             features, vetoed))
    return out


def _narrowed(words: Sequence[g.Word], group: g.Group, hi: int) -> bool:
    """'volwassen vrouwen die nooit leerden zwemmen, dat is ...': a relative clause narrows the
    group and no main clause follows it, as the rules read it (``g._relative_group``)."""
    return group.end < hi and words[group.end].norm in g.RELATIVES \
        and words[group.end].part == words[group.start].part \
        and g._main_after_relative(words, group.end, hi) is None


def _no_claim(words: Sequence[g.Word], group: g.Group, begin: int, end: int) -> bool:
    """What the rules never flag either: an event ('die mensen hebben het nooit gekregen'), a
    right ('hebben nou eenmaal recht op'), a duty of a role no list holds ('werkgevers moeten
    ...'), what we do ('... krijgen van ons'), an offer or a
    workload ('zijn altijd welkom', 'hebben het nou eenmaal druk'), how many there are ('zijn
    hier niet zeldzaam'), 'zijn ook mensen'; and
    without a clear generalising word part of a group, now and then, a permission, the past or
    congregations at work ('sommige statushouders ...', 'wachten soms maanden', 'andere groepen
    mogen ook ...', 'statushouders legden ...', 'pinksterkerken helpen nieuwkomers')."""
    if g._event(words, group.end - 1, end) or g._rights(words, group.end, end) or any(
            g._first_person(words, i) for i in range(group.end, min(end, group.end + 3))):
        return True
    said = words[group.end:end]
    if group.strength == 0 and said and said[0].norm in DUTY:
        return True  # 'werkgevers moeten nou eenmaal de wet volgen': a rule for a role
    if any(w.norm in STATES for w in said) or g.how_many(words, group, end) \
            or g._find(words, RIGHT, group.end, end) or any(
            w.norm == "mensen" and any(v.norm == "ook" for v in said[max(0, i - 3):i])
            for i, w in enumerate(said)):
        return True
    if g.claim_cue(words, nl.STRONG_CUES, max(begin, group.start - WINDOW_BEFORE), end) \
            is not None:
        return False
    if g._find(words, nl.STRONG_CUES, max(begin, group.start - WINDOW_BEFORE), end) is not None:
        return True  # 'niet allemaal' alone: part of a group
    return group.role == "part" or any(w.norm in NOW_AND_THEN for w in words[group.end:end]) \
        or g.congregation_acts(words, group, end) \
        or (group.end < end and words[group.end].norm in PERMISSION) \
        or g._past_verb(words, group.end, end)


def _features(words: Sequence[g.Word], group: g.Group,
              bounds: tuple[int, int, int, int]) -> list[str]:
    """The group's own features, what the clause says about it, and its words and word pairs
    with the group as ``G`` (``bounds``: sentence start, start after a hedge, sentence end, and
    where the claim about the group ends)."""
    return [*_group_features(words, group, bounds), *_claim_features(words, group, bounds),
            *_ngrams(words, group, bounds[1], bounds[3])]


def _group_features(words: Sequence[g.Word], group: g.Group,
                    bounds: tuple[int, int, int, int]) -> list[str]:
    lo, begin, hi, _ = bounds
    part = words[group.start].part
    before = words[group.start - 1].norm if group.start > lo \
        and words[group.start - 1].part == part else "^"
    after = words[group.end].norm if group.end < hi else "$"
    features = [f"strength:{group.strength}", f"role:{group.role}", f"before:{before}",
                f"after:{after}"]
    flags = (("kind", group.kind), ("hedged", begin > lo),
             # 'vrouwen die nooit leerden zwemmen': the relative clause narrows the group
             ("relative", after in g.RELATIVES),
             ("opens", group.start == begin or before == "^"),
             ("pointed-specific", before in SPECIFIC_POINTERS))
    return features + [name for name, on in flags if on]


def _claim_features(words: Sequence[g.Word], group: g.Group,
                    bounds: tuple[int, int, int, int]) -> list[str]:
    _, begin, hi, end = bounds
    said = words[group.end:end]
    features = []
    cue = g.claim_cue(words, nl.STRONG_CUES, max(begin, group.start - WINDOW_BEFORE), end)
    if cue is not None:
        features += ["cue", "cue:" + "_".join(w.norm for w in words[cue[0]:cue[1]])]
    flags = (
        ("leading", g._find(words, nl.LEADING_CUES, max(begin, group.start - 6), group.start)
         is not None),
        ("medium", any(w.norm in nl.MEDIUM_CUES for w in said)),
        ("verb:present", g._present_verb(words, group.end, end) is not None),
        ("verb:past", g._past_verb(words, group.end, end)),
        ("event", g._event(words, group.end - 1, hi)),
        ("negated", any(w.norm in nl.NEGATED_BEFORE for w in said)),
        ("first-person", any(g._first_person(words, i) for i in range(group.end, end))),
        ("you", g._generic_you(words, group.end, end) is not None),
        ("rights", g._rights(words, group.end, end)),
        ("specific-time", g._find(words, nl.SPECIFIC_TIMES, group.end, end) is not None))
    return features + [name for name, on in flags if on]


def _ngrams(words: Sequence[g.Word], group: g.Group, begin: int, end: int) -> list[str]:
    window = ["G" if group.start <= i < group.end else words[i].norm
              for i in range(max(begin, group.start - WINDOW_BEFORE),
                             min(end, group.end + WINDOW_AFTER))]
    collapsed = [w for i, w in enumerate(window) if not (w == "G" and i and window[i - 1] == "G")]
    return [*(f"w:{w}" for w in set(collapsed)),
            *(f"b:{a}_{b}" for a, b in set(zip(collapsed, collapsed[1:], strict=False)))]
