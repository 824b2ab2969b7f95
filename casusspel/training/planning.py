"""Learning questions and the planner: which case answers which question, within a time budget.

Matching reuses the scorer's Dutch text machinery (folding, lemmas, compounds): a question about
"laaggeletterdheid" finds the factor "Opleiding en geletterdheid" because the compound ends in
"geletterdheid". A case earns points for a question by
- factors: words of the question that name a factor the case teaches, by its name or the words of
  its description in the framework (decisive 3, relevant 1);
- pillars: the question reads like a pillar (the framework's indicators) and a choice in the case
  gives that pillar 2 or 3 points (1 point; on its own this counts only for a question that
  matches no factor or word of any case, such as one about one's own prejudices);
- words: lemmas the question shares with the case's title, tags and situation, also as part of
  a compound (1 per word, at most 3; very common words are ignored).
Every point comes with a reason (in the run's language), so the trainer can see why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from casusspel.content.model import Case, Framework
from casusspel.messages import Messages
from casusspel.scoring.text import tokenize

DECISIVE, RELEVANT, PILLAR, WORD, MAX_WORDS = 3, 1, 1, 1, 3
MIN_WORD = 4
STOP = frozenset("""
aan af al alle alleen als andere bij daar dan dat de deze die dit doen door een en er gaat
geen groep hebben het hoe hun iets ik in is je jij jullie kan kunnen maar meer met mijn moet
naar niet nog of om omdat ons onze ook op over te tot u uit van veel voor wat we welke wie wij
wil willen worden zijn zo zou zich zelf mensen omgaan goed beter hoe leren weten vragen
iemand komen nooit eigen hulp vaak heeft nodig werk werken doe soms zien gaan maken krijgen
altijd steeds waar wanneer onze cliënt client cliënten clienten professional
""".split())
MIN_AFFIX = 6


@dataclass(frozen=True)
class Match:
    case_id: str
    points: int
    reasons: tuple[str, ...]
    #: only the pillar matched: counts for a question that names no factor or word of any case
    pillar_only: bool = False
    #: the question's words found in the case (title, tags, situation)
    words: tuple[str, ...] = ()


@dataclass
class Plan:
    case_ids: list[str] = field(default_factory=list)
    minutes: int = 0
    answers: dict[int, list[Match]] = field(default_factory=dict)  # question index -> matches
    unanswered: list[int] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # useful cases that did not fit the time
    days: list[list[str]] = field(default_factory=list)  # the case ids of each day


@lru_cache(maxsize=512)
def _lemmas(text: str) -> frozenset[str]:
    """The content words of ``text`` as lemmas (cached: a plan matches every question against
    every case's text)."""
    return frozenset(t.lemma for t in tokenize(text)
                     if len(t.norm) >= MIN_WORD and t.norm not in STOP and t.lemma not in STOP)


def _related(asked: str, word: str) -> bool:
    """Same lemma, or one is a compound of the other ('laaggeletterdheid' ~ 'geletterdheid',
    'inspraakavond' ~ 'inspraak')."""
    if asked == word:
        return True
    short, long = sorted((asked, word), key=len)
    return len(short) >= MIN_AFFIX and len(long) - len(short) >= 3 and (
        long.endswith(short) or long.startswith(short))  # 'be|spreken' is not a compound


def _mentions(question: frozenset[str], phrase: str) -> str | None:
    """The question word that names ``phrase``."""
    for word in sorted(_lemmas(phrase)):
        for asked in sorted(question):
            if _related(asked, word):
                return asked
    return None


def _question_pillars(text: str, framework: Framework) -> list[str]:
    from casusspel.scoring.reflection import score_reflection

    result = score_reflection(text, framework)
    return [p for p, s in result.pillars.items() if s.evidence]


def match_case(question: str, case: Case, framework: Framework) -> Match:
    msg = Messages()
    asked = _lemmas(question)
    points, reasons = 0, []
    factors = {f.id: f for f in framework.factors}
    for group, weight, label in ((case.factors.decisive, DECISIVE, "plan.decisive"),
                                 (case.factors.relevant, RELEVANT, "plan.relevant")):
        for factor_id in group:
            factor = factors.get(factor_id)
            if factor is None:
                continue
            word = _mentions(asked, f"{factor.name} {factor.id.replace('-', ' ')} "
                                    f"{factor.description}")
            if word:
                points += weight
                reasons.append(msg("plan.reason.factor", factor=factor.name,
                                   label=msg(label), word=word))
    choices = case.every_choice
    pillars = 0
    for pillar_id in _question_pillars(question, framework):
        if any(c.points.get(pillar_id, 0) >= 2 for c in choices):
            points += PILLAR
            pillars += 1
            reasons.append(msg("plan.reason.pillar", pillar=framework.pillar(pillar_id).label))
    own = _lemmas(" ".join([case.title, " ".join(case.tags), case.situation]))
    shared = sorted(a for a in asked if any(_related(a, w) for w in own))[:MAX_WORDS]
    if shared:
        points += WORD * len(shared)
        reasons.append(msg("plan.reason.words", words=", ".join(shared)))
    pillar_only = bool(reasons) and pillars == len(reasons)
    return Match(case.id, points, tuple(reasons), pillar_only, tuple(shared))


#: which cases suit a programme for an audience (GGZ, youth care, debt help also suit wijkteams)
SUITS = {"wijkteam": ("wijkteam", "sociaal-domein"), "gemeente": ("gemeente",),
         "clientenraad": ("clientenraad",), "sociaal-domein": ("sociaal-domein", "wijkteam")}


def for_audience(cases: Sequence[Case], audience: str | None) -> list[Case]:
    if audience is None:
        return list(cases)
    return [c for c in cases if c.audience in SUITS.get(audience, (audience,))]


def _answers(questions: Sequence[str], cases: Sequence[Case],
             framework: Framework) -> dict[int, list[Match]]:
    table = {}
    for q, text in enumerate(questions):
        matches = [m for c in cases if (m := match_case(text, c, framework)).points > 0]
        specific = [m for m in matches if not m.pillar_only]
        table[q] = specific or matches  # a pillar alone counts only when nothing else matches
    return table


def _pick_day(table: dict[int, list[Match]], by_id: dict[str, Case], remaining: set[str],
              covered: set[int], minutes: int, fill: bool) -> tuple[list[str], list[str]]:
    """One day: the cases with the best value per minute first (a question already answered
    counts a quarter), then, with ``fill``, the rest of the deck in order while time is left."""
    def gain(case_id: str) -> float:
        value = sum(m.points * (1 if q not in covered else 0.25)
                    for q, matches in table.items() for m in matches if m.case_id == case_id)
        return value / by_id[case_id].minutes

    chosen: list[str] = []
    left_out: list[str] = []
    used = 0
    candidates = set(remaining)
    while candidates:
        best = max(sorted(candidates), key=gain)
        if gain(best) <= 0:
            break
        candidates.discard(best)
        if used + by_id[best].minutes > minutes:
            left_out.append(best)
            continue
        chosen.append(best)
        used += by_id[best].minutes
        covered |= {q for q, matches in table.items() if any(m.case_id == best for m in matches)}
    if fill:
        for case_id in by_id:  # deck order
            if case_id in remaining and case_id not in chosen and (
                    used + by_id[case_id].minutes <= minutes):
                chosen.append(case_id)
                used += by_id[case_id].minutes
    return chosen, [c for c in left_out if c not in chosen]


def plan(questions: Sequence[str], cases: Sequence[Case], framework: Framework,
         minutes: int, *, days: int = 1, fill: bool = False) -> Plan:
    """Pick cases that answer the most questions within ``minutes`` per day, over ``days`` days,
    never the same case twice; with ``fill`` the time left is filled with other cases of the
    deck. Each day's cases keep deck order."""
    by_id = {c.id: c for c in cases}
    table = _answers(questions, cases, framework)
    result = Plan()
    covered: set[int] = set()
    remaining = set(by_id)
    order = [c.id for c in cases]
    for _ in range(max(1, days)):
        chosen, left_out = _pick_day(table, by_id, remaining, covered, minutes, fill)
        remaining -= set(chosen)
        day = sorted(chosen, key=order.index)
        result.days.append(day)
        result.left_out = [c for c in dict.fromkeys([*result.left_out, *left_out])
                           if c in remaining]
    result.case_ids = [c for day in result.days for c in day]
    result.minutes = sum(by_id[c].minutes for c in result.case_ids)
    for q, matches in table.items():
        # equal points: the case that shares the question's rarer words first ('mantelzorger'
        # in one case says more than 'jongeren' in many)
        often = Counter(word for m in matches for word in m.words)
        answered = sorted((m for m in matches if m.case_id in result.case_ids),
                          key=lambda m: (-m.points, -sum(1 / often[w] for w in m.words)))
        result.answers[q] = answered
        if not answered:
            result.unanswered.append(q)
    return result
