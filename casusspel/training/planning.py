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
Every point comes with a reason in Dutch, so the trainer can see why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from casusspel.content.model import Case, Framework
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


@dataclass
class Plan:
    case_ids: list[str] = field(default_factory=list)
    minutes: int = 0
    answers: dict[int, list[Match]] = field(default_factory=dict)  # question index -> matches
    unanswered: list[int] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # useful cases that did not fit the time


def _lemmas(text: str) -> set[str]:
    return {t.lemma for t in tokenize(text) if len(t.norm) >= MIN_WORD and t.norm not in STOP
            and t.lemma not in STOP}


def _related(asked: str, word: str) -> bool:
    """Same lemma, or one is a compound of the other ('laaggeletterdheid' ~ 'geletterdheid',
    'inspraakavond' ~ 'inspraak')."""
    if asked == word:
        return True
    short, long = sorted((asked, word), key=len)
    return len(short) >= MIN_AFFIX and len(long) - len(short) >= 3 and (
        long.endswith(short) or long.startswith(short))  # 'be|spreken' is not a compound


def _mentions(question: set[str], phrase: str) -> str | None:
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
    asked = _lemmas(question)
    points, reasons = 0, []
    factors = {f.id: f for f in framework.factors}
    for group, weight, label in ((case.factors.decisive, DECISIVE, "bepalend"),
                                 (case.factors.relevant, RELEVANT, "speelt mee")):
        for factor_id in group:
            factor = factors.get(factor_id)
            if factor is None:
                continue
            word = _mentions(asked, f"{factor.name} {factor.id.replace('-', ' ')} "
                                    f"{factor.description}")
            if word:
                points += weight
                reasons.append(f"factor {factor.name} ({label}) past bij '{word}'")
    choices = case.every_choice
    for pillar_id in _question_pillars(question, framework):
        if any(c.points.get(pillar_id, 0) >= 2 for c in choices):
            points += PILLAR
            reasons.append(f"pijler {framework.pillar(pillar_id).label}")
    own = _lemmas(" ".join([case.title, " ".join(case.tags), case.situation]))
    shared = sorted(a for a in asked if any(_related(a, w) for w in own))[:MAX_WORDS]
    if shared:
        points += WORD * len(shared)
        reasons.append("woorden: " + ", ".join(shared))
    pillar_only = bool(reasons) and all(r.startswith("pijler ") for r in reasons)
    return Match(case.id, points, tuple(reasons), pillar_only)


def plan(questions: Sequence[str], cases: Sequence[Case], framework: Framework,
         minutes: int) -> Plan:
    """Pick cases that answer the most questions within ``minutes`` (greedy: best value per
    minute first, each question counted once), in deck order."""
    by_id = {c.id: c for c in cases}
    table = {}
    for q, text in enumerate(questions):
        matches = [m for c in cases if (m := match_case(text, c, framework)).points > 0]
        specific = [m for m in matches if not m.pillar_only]
        table[q] = specific or matches  # a pillar alone counts only when nothing else matches
    result = Plan()
    covered: set[int] = set()
    chosen: list[str] = []
    remaining = set(by_id)
    def gain(case_id: str, covered: set[int]) -> float:
        """Points for the questions this case answers (a question already answered counts a
        quarter), per minute of playing time."""
        value = sum(m.points * (1 if q not in covered else 0.25)
                    for q, matches in table.items() for m in matches if m.case_id == case_id)
        return value / by_id[case_id].minutes

    while remaining:
        best = max(sorted(remaining), key=lambda case_id: gain(case_id, covered))
        if gain(best, covered) <= 0:
            break
        remaining.discard(best)
        if result.minutes + by_id[best].minutes > minutes:
            result.left_out.append(best)
            continue
        chosen.append(best)
        result.minutes += by_id[best].minutes
        covered |= {q for q, matches in table.items() if any(m.case_id == best for m in matches)}
    order = [c.id for c in cases]
    result.case_ids = sorted(chosen, key=order.index)
    for q, matches in table.items():
        answered = sorted((m for m in matches if m.case_id in chosen), key=lambda m: -m.points)
        result.answers[q] = answered
        if not answered:
            result.unanswered.append(q)
    return result
