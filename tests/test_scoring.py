"""The reflection scorer: each mechanism, robustness properties, and agreement on held-out data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casusspel.content.calibration import calibrate, load_labelled
from casusspel.content.library import load_framework
from casusspel.scoring.framework import Framework, Indicator, Pillar
from casusspel.scoring.reflection import score_reflection
from tests.conftest import DATA

FRAMEWORK = load_framework()


def evidence(text: str, pillar: str, extra: dict[str, list[str]] | None = None) -> list[str]:
    return [e.indicator for e in score_reflection(text, FRAMEWORK, extra).pillars[pillar].evidence]


def tiny(*phrases: str) -> Framework:
    pillar = Pillar(id="p", name="P", indicators=tuple(Indicator(phrase=p, weight=2)
                                                       for p in phrases))
    return FRAMEWORK.model_copy(update={"pillars": (pillar,), "stereotypes": ()})


def hits(text: str, *phrases: str) -> list[str]:
    return [e.text for e in score_reflection(text, tiny(*phrases)).pillars["p"].evidence]


def test_lemma_match_past_tense_and_plural() -> None:
    assert hits("Ze vroegen het haar zelf.", "vragen") == ["vroegen"]
    assert hits("Er waren veel drempels.", "drempel") == ["drempels"]


def test_case_and_accent_insensitive() -> None:
    assert hits("HUISBEZOEK gepland, en een cafe-gesprek", "huisbezoek", "café") == [
        "HUISBEZOEK", "cafe"]


def test_gap_match_with_three_dots() -> None:
    assert hits("We namen daarna direct contact op met school.", "nam ... contact op") == [
        "namen daarna direct contact op"]
    assert hits("We namen contact met haar op.", "nam contact op") == ["namen contact met haar op"]


def test_compound_by_word_ending() -> None:
    assert hits("De wijkteammedewerker belde.", "medewerker") == ["wijkteammedewerker"]
    assert hits("Een telefoontolk inzetten.", "tolk") == ["telefoontolk"]


def test_separable_verb_split_in_sentence() -> None:
    assert hits("We vroegen nog een keer door.", "doorvragen") == ["vroegen nog een keer door"]


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("We hebben niet doorgevraagd.", False),
        ("We hebben geen tolk geregeld.", False),
        ("Zonder tolk lukt het niet.", False),
        ("We vroegen niet door.", False),
        ("We hadden moeten doorvragen.", True),
        ("Niet alleen een tolk maar ook een huisbezoek.", True),
        ("We regelden een tolk, maar we hebben niet gebeld.", True),
        ("Geen brief, wel een huisbezoek.", True),
    ],
)
def test_negation_is_scoped_to_the_clause(text: str, counted: bool) -> None:
    found = hits(text, "doorvragen", "tolk", "huisbezoek")
    assert bool(found) is counted, found


def test_indicator_with_its_own_negation_still_counts() -> None:
    assert evidence("We moeten niet invullen voor een ander.", "leefwereld")


def test_case_indicators_add_to_the_framework() -> None:
    text = "We zoeken een formulierenbrigade."
    assert evidence(text, "netwerk") == []
    assert evidence(text, "netwerk", {"netwerk": ["formulierenbrigade"]}) == ["formulierenbrigade"]


def test_score_grows_with_more_distinct_evidence() -> None:
    one = score_reflection("We regelen een tolk.", FRAMEWORK).pillars["maatwerk"].score
    more = score_reflection("We regelen een tolk, gaan op huisbezoek en nemen de tijd, "
                            "in eenvoudige taal.", FRAMEWORK).pillars["maatwerk"].score
    assert one == 1
    assert more == 3


@pytest.mark.parametrize(
    "text",
    [
        "In hun cultuur is dat normaal.",
        "Die mensen willen nou eenmaal geen hulp.",
        "Alle Marokkanen zijn zo.",
        "Ouderen willen nou eenmaal niet meer leren.",
        "Het gezin is allochtoon.",
        "Moslims accepteren homo's gewoon niet.",
    ],
)
def test_stereotypes_are_flagged(text: str) -> None:
    result = score_reflection(text, FRAMEWORK)
    assert result.flags, text
    flag = result.flags[0]
    assert text[flag.start:flag.end] == flag.text
    assert flag.explanation and flag.question


@pytest.mark.parametrize(
    "text",
    [
        "De collega zei 'in hun cultuur doen ze dat zo', maar dat is culturaliseren.",
        "Dat het 'in hun cultuur' zo is, is een stereotype.",
        "We vroegen wat haar geloof voor haar betekent.",
        "Die mensen van de woningcorporatie belden terug.",
        "Alle medewerkers moeten dit weten.",
        "Het woord allochtoon gebruiken we niet meer.",
        "Je kunt niet zeggen dat alle migranten hetzelfde willen.",
    ],
)
def test_near_misses_are_not_flagged(text: str) -> None:
    assert score_reflection(text, FRAMEWORK).flags == ()


def test_flags_do_not_change_pillar_scores() -> None:
    plain = score_reflection("We regelen een tolk.", FRAMEWORK)
    flagged = score_reflection("We regelen een tolk. In hun cultuur is dat zo.", FRAMEWORK)
    assert flagged.flags
    assert {p: s.score for p, s in plain.pillars.items()} == {
        p: s.score for p, s in flagged.pillars.items()}


def test_json_shape_is_the_contract() -> None:
    payload = score_reflection("We regelen een tolk. In hun cultuur...", FRAMEWORK).to_json()
    assert set(payload) == {"pillars", "flags", "total"}
    assert set(payload["pillars"]) == {"zelfreflectie", "leefwereld", "maatwerk", "netwerk"}
    assert set(payload["pillars"]["maatwerk"]["evidence"][0]) == {"start", "end", "text",
                                                                   "indicator"}
    assert set(payload["flags"][0]) == {"kind", "start", "end", "text", "explanation"}


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "🙂🙂 tolk 🙂", "Переводчик تولک 通訳 tolk", "[bold]tolk[/] \x1b[31m",
     "tolk " * 20_000],
)
def test_robust_input_keeps_offsets_valid(text: str) -> None:
    result = score_reflection(text, FRAMEWORK)
    for pillar in result.pillars.values():
        assert 0 <= pillar.score <= 3
        for item in pillar.evidence:
            assert text[item.start:item.end] == item.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_property_offsets_slice_the_input_and_scores_in_range(text: str) -> None:
    result = score_reflection(text, FRAMEWORK)
    assert result.total == sum(p.score for p in result.pillars.values())
    for pillar in result.pillars.values():
        assert 0 <= pillar.score <= 3
        for item in pillar.evidence:
            assert 0 <= item.start < item.end <= len(text)
            assert text[item.start:item.end] == item.text
    for flag in result.flags:
        assert text[flag.start:flag.end] == flag.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["tolk", "huisbezoek", "niet", "geen", "vragen", "door", ",",
                                 ".", "maar", "in", "hun", "cultuur", "[bold]", "wij", "aanname"]),
                max_size=40))
def test_property_domain_words_never_crash(words: list[str]) -> None:
    text = " ".join(words)
    result = score_reflection(text, FRAMEWORK)
    for pillar in result.pillars.values():
        for item in pillar.evidence:
            assert text[item.start:item.end] == item.text


def test_holdout_agreement_stays_above_the_bar() -> None:
    """Regression guard: the holdout was never used for tuning (see tests/data/reflections)."""
    result = calibrate(load_labelled(DATA / "reflections" / "holdout.yaml"), FRAMEWORK)
    assert result.macro_f1 >= 0.80, result.to_json(with_items=False)
    assert result.stereotype.precision >= 0.9


def test_dev_set_is_large_and_varied() -> None:
    items = []
    for name in ("dev", "holdout"):
        data = yaml.safe_load((DATA / "reflections" / f"{name}.yaml").read_text(encoding="utf-8"))
        items.extend(data["reflections"])
    assert len(items) >= 150
    assert len({item["case"] for item in items}) >= 6
    assert len({item["id"] for item in items}) == len(items)


def test_calibrate_reports_a_missing_or_broken_file(tmp_path: Path) -> None:
    from casusspel.errors import CasusspelError

    broken = tmp_path / "labels.yaml"
    broken.write_text("reflections:\n  - id: a\n    pillars: {x: 9}\n    text: t\n",
                      encoding="utf-8")
    with pytest.raises(CasusspelError, match="labels.yaml:2"):
        load_labelled(broken)


def test_shipped_lemma_table_is_current() -> None:
    """Regenerate: python -m casusspel.scoring.lemma_table FRAMEWORK CASES (see the module)."""
    import json

    from casusspel.scoring.lemma_table import build, phrase_words
    from tests.conftest import ROOT

    sources = [ROOT / "cases" / "framework" / "standaard.yaml", *(ROOT / "cases").glob("*.yaml")]
    shipped = json.loads((ROOT / "scoring" / "data" / "lemmas-nl.json").read_text("utf-8"))
    assert shipped == build(phrase_words(sources))


def test_words_outside_the_table_use_the_full_dictionary() -> None:
    # 'kopen' is not a word of the built-in framework: the matcher switches to simplemma.
    assert hits("Ze kocht brood.", "kopen") == ["kocht"]


def test_reflexive_pronoun_is_not_a_compound_of_zelf() -> None:
    result = score_reflection("De raad kijkt alleen vanuit zichzelf.", FRAMEWORK)
    assert all("zichzelf" not in e.text for p in result.pillars.values() for e in p.evidence)
