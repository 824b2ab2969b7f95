"""Write N varied, valid case files for benchmarks and property tests.

    python benchmarks/generate_cases.py OUT_DIR [N]

The cases are synthetic (Dutch-looking filler), deterministic for a given seed, and vary in
length, number of persons, choices, stages and examples.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the same text, ten times faster

FACTORS = ["etniciteit", "migratie", "verblijfsstatus", "religie", "sekse-gender",
           "seksuele-orientatie", "levensfase", "beperking", "armoede", "opleiding", "arbeid",
           "taal", "gezin", "leefstijl"]
PILLARS = ["zelfreflectie", "leefwereld", "maatwerk", "netwerk"]
AUDIENCES = ["wijkteam", "gemeente", "clientenraad"]
WORDS = ("de buurt het gesprek een brief zij hij wijkteam vraagt hulp thuis school werk geld "
         "zorgen tijd samen eerst later niet vaak soms moeder vader zoon dochter buurvrouw "
         "afspraak huisbezoek vertrouwen taal formulier gemeente collega raad advies").split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    parts = []
    while words > 0:
        n = min(words, rng.randint(8, 16))
        parts.append(sentence(rng, n))
        words -= n
    return " ".join(parts)


def choice(rng: random.Random, cid: str, next_id: str | None = None) -> dict[str, object]:
    points = {p: rng.randint(0, 3) for p in PILLARS}
    points[rng.choice(PILLARS)] = rng.randint(1, 3)
    item: dict[str, object] = {"id": cid, "text": sentence(rng, rng.randint(6, 14)),
                               "feedback": paragraph(rng, rng.randint(15, 40)), "points": points}
    if next_id:
        item["next"] = next_id
    return item


def make_case(index: int, rng: random.Random) -> dict[str, object]:
    decisive = rng.sample(FACTORS, rng.randint(1, 3))
    rest = [f for f in FACTORS if f not in decisive]
    relevant = rng.sample(rest, rng.randint(0, 2))
    distractor = rng.sample([f for f in rest if f not in relevant], rng.randint(0, 2))
    persons = []
    for p in range(rng.randint(1, 3)):
        own = decisive if p == 0 else rng.sample(FACTORS, 2)
        persons.append({
            "name": f"Persoon {chr(65 + p)}.",
            "description": sentence(rng, 10),
            "visible": {f: sentence(rng, 3) for f in own[:1]},
            "invisible": {f: sentence(rng, 4) for f in own[1:]},
        })
    has_stage = rng.random() < 0.3
    n_choices = rng.randint(3, 4)
    choices = [choice(rng, "abcd"[i], "vervolg" if has_stage and i == 0 else None)
               for i in range(n_choices)]
    case: dict[str, object] = {
        "id": f"gegenereerd-{index:04d}",
        "title": f"Gegenereerde casus {index}",
        "language": "nl",
        "audience": rng.choice(AUDIENCES),
        "tags": rng.sample(WORDS, 2),
        "minutes": rng.randint(10, 30),
        "situation": paragraph(rng, rng.randint(150, 280)),
        "persons": persons,
        "question": "Wat doe je?",
        "factors": {"decisive": decisive, "relevant": relevant, "distractor": distractor},
        "choices": choices,
        "reflection": {"prompt": sentence(rng, 12),
                       "indicators": {rng.choice(PILLARS): [rng.choice(WORDS)]}},
        "discussion": [sentence(rng, 10) for _ in range(rng.randint(1, 3))],
        "expert": paragraph(rng, rng.randint(60, 120)),
    }
    if has_stage:
        case["stages"] = [{"id": "vervolg", "title": "Twee weken later",
                           "situation": paragraph(rng, rng.randint(60, 120)),
                           "question": "Wat doe je nu?",
                           "choices": [choice(rng, "abc"[i]) for i in range(3)]}]
    return case


def write_cases(out: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = out / f"gegenereerd-{index:04d}.yaml"
        text = yaml.dump(make_case(index, rng), Dumper=DUMPER, allow_unicode=True,
                         sort_keys=False)
        path.write_text("# yaml-language-server: $schema=casus.schema.json\n" + text,
                        encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1])
    amount = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    write_cases(target, amount)
    print(f"{amount} casussen geschreven naar {target}")
