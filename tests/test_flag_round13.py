"""The stereotype flag, thirteenth round (play13, findings 5 and 10): a label word in every form
('allochtone', not only 'allochtoon'), explaining people by their group's culture ('dat komt
door hun cultuur'), and a quote that reads as a piece of the writer's own sentence. Sentences of
our own, not from the corpus; the shipped framework, rules and model together."""

from __future__ import annotations

from pathlib import Path

import pytest

from casusspel.content.checks import validate_paths
from casusspel.content.library import load_framework
from casusspel.scoring.framework import StereotypePattern
from casusspel.scoring.groups_nl import (
    IDENTITY_NOUNS,
    SINGULAR_IDENTITY,
    adjective_forms,
    diminutive_forms,
    label_forms,
    plural_forms,
)
from casusspel.scoring.reflection import score_reflection
from casusspel.scoring.stereotypes import find_flags
from tests.test_authoring import BASE, edit

FRAMEWORK = load_framework()


def quotes(text: str) -> list[str]:
    return [flag.text for flag in score_reflection(text, FRAMEWORK).flags]


# -- one mechanism for every form of a word ------------------------------------------------------
@pytest.mark.parametrize(("word", "forms"), [
    ("allochtoon", {"allochtoon", "allochtone", "allochtonen", "allochtoontje",
                    "allochtoontjes"}),
    ("marokkaans", {"marokkaanse"}),
    ("chinees", {"chinese", "chinezen"}),
    ("brit", {"britten"}),
    ("surinamer", {"surinamers", "surinamertje"}),
    ("turk", {"turken", "turkje", "turkjes"}),
    ("vluchteling", {"vluchtelingen", "vluchtelingetje"}),
    ("moslim", {"moslimpje"}),
])
def test_label_forms_follow_dutch_spelling(word: str, forms: set[str]) -> None:
    assert forms <= label_forms(word)


def test_no_form_that_is_another_word() -> None:
    """'-s' only after the endings that take it: 'turks' is the adjective, not a plural."""
    assert "turks" not in plural_forms("turk")
    assert "pools" not in plural_forms("pool")
    assert adjective_forms("allochtoon") >= {"allochtone"}
    assert diminutive_forms("pool") == {"pooltje", "pooltjes"}


def test_group_lists_hold_every_form_of_their_singulars() -> None:
    """The plurals and diminutives of the singular identity words are made, not listed."""
    for word in ("allochtonen", "allochtoontjes", "marokkaantjes", "turkjes", "moslimpjes",
                 "buitenlandertjes", "vluchtelingetjes"):
        assert word in IDENTITY_NOUNS, word
    assert {"marokkaantje", "turkje"} <= SINGULAR_IDENTITY


# -- finding 5: a label in every form ------------------------------------------------------------
@pytest.mark.parametrize(("text", "quote"), [
    ("We hebben veel allochtone cliënten.", "allochtone"),
    ("Die allochtone vader snapt het niet.", "allochtone"),
    ("Het is een allochtoon gezin, dus we regelen een tolk.", "allochtoon"),
    ("In de wachtkamer zaten vooral allochtonen.", "allochtonen"),
    ("Ze noemen die kinderen allochtoontjes.", None),  # 'noemen': talk about the word
    ("Twee allochtoontjes speelden op het plein.", "allochtoontjes"),
])
def test_the_label_in_every_form(text: str, quote: str | None) -> None:
    assert quotes(text) == ([quote] if quote else [])


@pytest.mark.parametrize("text", [
    "Het woord 'allochtone' gebruiken we niet meer.",
    "Wij zeggen niet meer allochtone gezinnen maar gezinnen met een migratieachtergrond.",
    "Het label allochtoon is sinds 2016 verdwenen.",
])
def test_the_label_quoted_negated_or_discussed(text: str) -> None:
    assert quotes(text) == []


def test_labels_of_a_case_count_in_every_form() -> None:
    own = (StereotypePattern(labels=("gelukzoeker",), explanation="Een label."),)
    [flag] = find_flags("Het zijn gelukzoekers, dus we letten op.", own, source="case")
    assert flag.text == "gelukzoekers" and flag.source == "case"
    assert find_flags("Een gelukzoekertje meer of minder.", own)[0].text == "gelukzoekertje"


def test_a_pattern_needs_something_to_match() -> None:
    with pytest.raises(ValueError, match="phrases"):
        StereotypePattern(explanation="Niets.")
    assert StereotypePattern(labels=("allochtoon",), explanation="Een label.").labels


def test_cs055_finds_the_adjective_in_a_case_text(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text(edit("Noor vertaalt vlot", "De allochtone vader leest de brieven niet. "
                         "Noor vertaalt vlot", BASE), encoding="utf-8")
    [problem] = [p for p in validate_paths([path]).problems if p.code == "CS055"]
    assert "'allochtone'" in problem.message and problem.severity == "warning"
    path.write_text(edit("Noor vertaalt vlot", "De vader leest de brieven niet. "
                         "Noor vertaalt vlot", BASE), encoding="utf-8")
    assert "CS055" not in [p.code for p in validate_paths([path]).problems]


# -- finding 5, second half: explaining people by their group's culture --------------------------
@pytest.mark.parametrize(("text", "quote"), [
    ("Dat komt door hun cultuur, dus we passen ons aan.", "Dat komt door hun cultuur"),
    ("Het ligt aan hun afkomst dat ze zo laat komen.", "Het ligt aan hun afkomst"),
    ("Ze komen te laat en dat komt gewoon door hun achtergrond.",
     "dat komt gewoon door hun achtergrond"),
    ("Hij drinkt veel, dat komt door zijn achtergrond.", "dat komt door zijn achtergrond"),
    ("Ze blijft op vrijdag thuis; dat ligt aan haar geloof.", "dat ligt aan haar geloof"),
    ("Vanwege hun geloof willen ze geen vrouwelijke hulpverlener.", "Vanwege hun geloof"),
    ("Ze eten apart door hun culturele achtergrond.", "door hun culturele achtergrond"),
])
def test_culturalising_by_cause_is_flagged(text: str, quote: str) -> None:
    assert quotes(text) == [quote]


@pytest.mark.parametrize("text", [
    # negated, asked, quoted, reported or criticised
    "Het komt niet door hun cultuur, maar door de lange werkdagen.",
    "Is dat door hun cultuur, of door het werk?",
    "We vragen haar of dat door haar geloof komt.",
    "De buurman zegt: 'dat komt door hun afkomst'.",
    "Iedereen denkt dat het door zijn afkomst komt.",
    "Dat komt door hun cultuur. Dat is een vooroordeel.",
    "Dat komt door hun cultuur. Dat klopt gewoon niet.",
    # another sense of the same words
    "Door hun cultuur te leren kennen begrijpen we de vraag beter.",
    "Door haar achtergrond als verpleegkundige weet ze veel van medicijnen.",
    "Ze worden vanwege hun afkomst vaker gecontroleerd.",
    "Vanwege haar geloof wil ze geen mannelijke hulpverlener.",
    "Hij wordt vanwege zijn afkomst vaker aangehouden.",
])
def test_culturalising_by_cause_judged_per_clause(text: str) -> None:
    assert quotes(text) == []


# -- finding 10: the quote and the explanation ---------------------------------------------------
@pytest.mark.parametrize(("text", "quote"), [
    ("Bij Marokkaanse gezinnen beslist de man over het geld, dus we praten met hem.",
     "Bij Marokkaanse gezinnen beslist de man"),
    ("Bij Turkse families regelt hij de papieren.", "Bij Turkse families regelt hij"),
    ("In Eritrese gezinnen zorgen de dochters altijd voor de ouders.",
     "In Eritrese gezinnen zorgen de dochters altijd"),
    ("Binnen de Somalische gemeenschap praat je nou eenmaal niet over schulden.",
     "Binnen de Somalische gemeenschap praat je nou eenmaal"),
    # not beyond the clause, and no preposition where none stood
    ("Die Polen drinken toch allemaal te veel.", "Die Polen drinken toch allemaal"),
])
def test_the_quote_is_a_piece_of_the_writers_sentence(text: str, quote: str) -> None:
    [found] = quotes(text)
    assert found == quote
    assert found in text


def test_the_explanation_fits_a_case_without_that_group() -> None:
    [flag] = score_reflection("Die Polen drinken toch allemaal te veel.", FRAMEWORK).flags
    assert "deze persoon" not in flag.explanation
    assert "zegt niets over iemand uit die groep" in flag.explanation
    assert '"Die Polen"' in flag.explanation


def test_every_shipped_pattern_keeps_a_cheap_prefilter() -> None:
    """validate reads thousands of case texts: each regex of the shipped framework names words
    of which one must be in a text, also behind a trailing lookahead, so most texts skip it."""
    from casusspel.scoring.stereotypes import regexes, required_literal, required_words

    assert required_words(r"\bdoor hun (cultuur|geloof)\b(?! (als|in)\b)(?![^.]*\bte\b)") == \
        frozenset({"cultuur", "geloof"})
    for pattern in FRAMEWORK.stereotypes:
        for regex in regexes(pattern):
            assert required_words(regex) or required_literal(regex), regex


# -- the writer's own belief is a claim, a report of someone else's is not ------------------------
@pytest.mark.parametrize("text", [
    "We denken dat Ghanezen nou eenmaal altijd te laat komen.",
    "Wij denken dat Poolse mannen nooit hulp vragen.",
    "We denken dat het in hun cultuur gewoon is dat de oudste zoon beslist.",
    "Ik denk dat Eritreeërs altijd hun problemen binnenhouden.",
    "Eerlijk gezegd komt het gewoon door hun cultuur.",
])
def test_a_belief_the_writer_holds_now_is_flagged(text: str) -> None:
    """'we denken dat' is a hedge: a hedge never cancels a flag (issue 14, point 2). Before, the
    rules and the framework's patterns took 'denken' after 'we' for a report of others."""
    assert quotes(text)


@pytest.mark.parametrize("text", [
    "Wij dachten eerst dat Ghanezen altijd te laat komen, maar dat was ons eigen vooroordeel.",
    "De collega's denken dat het in hun cultuur gewoon is. Dat vinden wij een vooroordeel.",
    "Iedereen op de afdeling denkt dat Polen nooit hulp vragen, maar dat klopt niet.",
])
def test_a_belief_looked_back_on_or_reported_and_criticised_is_not(text: str) -> None:
    assert quotes(text) == []
