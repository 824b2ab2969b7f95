"""Author checks in validate (CS050-CS058): each fires on a real mistake, is silenced by the
documented comment, and the built-in deck is clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casusspel.content.author_checks import bsn_valid, iban_valid, personal_data, situation_fits
from casusspel.content.checks import validate_paths
from casusspel.content.model import SITUATION_MAX_LINES, SITUATION_WORDS, situation_rule
from casusspel.content.problems import Problem
from casusspel.content.skeleton import skeleton
from casusspel.messages import Messages
from tests.conftest import ROOT

DUTCH = Messages("nl")

# a copy of a built-in case under its own id (an edited copy under the same id is CS073), with a
# schema link that works from any folder (else CS072)
BASE = (ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8").replace(
    "id: tolk-aan-tafel", "id: eigen-tolk-aan-tafel", 1).replace(
    "$schema=casus.schema.json", f"$schema={(ROOT / 'cases' / 'casus.schema.json').as_uri()}", 1)


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    return validate_paths([path]).problems


def codes(tmp_path: Path, text: str) -> list[str]:
    return [p.code for p in problems_of(tmp_path, text)]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_builtin_deck_has_no_errors_and_no_warnings() -> None:
    report = validate_paths([ROOT / "cases"])
    assert [p.format() for p in report.problems] == []


def test_unchanged_case_is_clean(tmp_path: Path) -> None:
    assert codes(tmp_path, BASE) == []


# -- personal data -------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "mail naar j.jansen@example.nl voor vragen",
    "bel 06-12345678 of 06 1234 5678",
    "bereikbaar op +31 6 12345678",
    "het nummer is 020-1234567",
    "BSN 111222333",
    "bsn: 1112.22.333",
    "rekening NL91ABNA0417164300",
    "rekening NL91 ABNA 0417 1643 00",
    "woont op 1234 AB 12",
    "adres: 3512AB, 7",
    "woont aan de Dorpsstraat 12a",
    "geboren op 12-03-1980",
    "geb. 3 maart 1980",
    "geboortedatum: 01/02/1975",
])
def test_personal_data_is_found(line: str) -> None:
    assert list(personal_data(line)), line


@pytest.mark.parametrize("line", [
    "In 2024 kwamen er 150 mensen naar het spreekuur.",
    "Het gesprek is om 10:00 uur; de huur is € 1.250 per maand.",
    "Een nummer van negen cijfers: 123456789",          # fails the elfproef
    "rekening NL00ABNA0417164300",                       # wrong IBAN check digits
    "Ze woont sinds 2019 in de wijk, in groep 8 van de basisschool.",
    "Hij is 70 jaar en heeft 3 kinderen.",
    "mevrouw A. (42) woont op driehoog",
])
def test_ordinary_text_is_not_personal_data(line: str) -> None:
    assert list(personal_data(line)) == [], line


def test_bsn_and_iban_checks() -> None:
    assert bsn_valid("111222333") and not bsn_valid("111222334") and not bsn_valid("000000000")
    assert iban_valid("NL91ABNA0417164300") and not iban_valid("NL91ABNA0417164301")


def test_personal_data_warning_points_at_line_and_column(tmp_path: Path) -> None:
    text = edit("Ze komt binnen met haar dochter",
                "Ze (tel. 06-12345678) komt binnen met haar dochter")
    [problem] = problems_of(tmp_path, text)
    assert (problem.code, problem.severity, problem.line) == ("CS056", "warning", 10)
    assert problem.col == text.splitlines()[9].index("06-") + 1
    assert "telefoonnummer" in problem.message


# -- content checks ------------------------------------------------------------------------------
def test_decisive_factor_without_person(tmp_path: Path) -> None:
    text = edit("decisive: [taal, gezin, levensfase]",
                "decisive: [taal, gezin, levensfase, religie]")
    assert "CS051" in codes(tmp_path, text)


def test_factor_both_decisive_and_distractor(tmp_path: Path) -> None:
    text = edit("distractor: [etniciteit]", "distractor: [etniciteit, taal]")
    found = [p for p in problems_of(tmp_path, text) if p.code == "CS052"]
    assert len(found) == 1 and "bepalend" in found[0].message and "afleider" in found[0].message


def test_choice_without_points_and_unreachable_pillar(tmp_path: Path) -> None:
    text = edit("points: {zelfreflectie: 1, leefwereld: 1, maatwerk: 3, netwerk: 1}",
                "points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 0}")
    assert "CS053" in codes(tmp_path, text)
    no_network = BASE
    for value in ("netwerk: 1}", "netwerk: 2}", "netwerk: 3}"):
        no_network = no_network.replace(value, "netwerk: 0}")
    found = [p for p in problems_of(tmp_path, no_network) if p.code == "CS054"]
    assert len(found) == 1 and "'netwerk'" in found[0].message


def test_stereotype_in_the_case_text(tmp_path: Path) -> None:
    text = edit("Noor vertaalt vlot", "In hun cultuur is dat normaal. Noor vertaalt vlot")
    [problem] = [p for p in problems_of(tmp_path, text) if p.code == "CS055"]
    assert problem.line == 14 and "In hun cultuur" in problem.message
    quoted = edit("Noor vertaalt vlot", "Een buurman zegt: 'In hun cultuur is dat normaal.' Noor")
    assert "CS055" not in codes(tmp_path, quoted)


def test_generalisation_in_the_case_voice(tmp_path: Path) -> None:
    """CS055 also finds a group with a clear generalising word, without a framework pattern;
    a fact about persons in the present tense, a person's quoted words and a line wrapped
    inside a block of text raise nothing."""
    text = edit("Noor vertaalt vlot",
                "Marokkaanse moeders laten het\n  papierwerk nou eenmaal aan hun kinderen over. "
                "Noor vertaalt vlot")
    [problem] = [p for p in problems_of(tmp_path, text) if p.code == "CS055"]
    assert "Marokkaanse moeders" in problem.message
    for fine in ("Nieuwkomers hebben soms nog geen DigiD. Noor vertaalt vlot",
                 "Ook joodse families willen een graf dat blijft. Noor vertaalt vlot",
                 "De buurman zegt: 'Die mensen willen altijd alles gratis.' Noor vertaalt vlot",
                 "De problemen gaan dwars door\n  alle groepen heen. Noor vertaalt vlot"):
        assert "CS055" not in codes(tmp_path, edit("Noor vertaalt vlot", fine)), fine


def test_todo_and_factor_missing_from_key(tmp_path: Path) -> None:
    text = edit("question: Wat doe je in dit gesprek?", "question: TODO vraag")
    assert "CS057" in codes(tmp_path, text)
    text = edit("      levensfase: twaalf jaar, zit in groep 8",
                "      levensfase: twaalf jaar, zit in groep 8\n      religie: gaat naar de moskee")
    assert "CS058" in codes(tmp_path, text)


def test_situation_too_long_for_one_screen(tmp_path: Path) -> None:
    longer = "\n  ".join(["Mevrouw A. vertelt nog meer over haar week en de brieven die komen."]
                         * 25)
    text = edit("  Je wilt weten hoe", f"  {longer}\n\n  Je wilt weten hoe")
    [problem] = [p for p in problems_of(tmp_path, text) if p.code == "CS050"]
    assert problem.line == 8 and "80x24" in problem.message
    assert re.search(r"\d+ regels \(hoogstens 20\) en \d+ woorden \(hoogstens 200\)",
                     problem.message), problem.message


def situation_of(paragraphs: int, words: int) -> str:
    """A situation of ``words`` words in ``paragraphs`` paragraphs, indented as a block."""
    each = [" ".join(["woord"] * (words // paragraphs))] * paragraphs
    return "\n\n".join(f"  {p}" for p in each) + "\n"


@pytest.mark.parametrize(("paragraphs", "words", "warned"), [
    (3, 195, False),  # 195 words in 15 lines: fits
    (3, 210, True),  # more words than the rule allows, even though the lines would fit
    (12, 168, True),  # few words, but eleven blank lines: 23 lines, more than one screen
])
def test_one_length_rule_counts_lines_and_words(tmp_path: Path, paragraphs: int, words: int,
                                               warned: bool) -> None:
    start = BASE.index("situation: |\n") + len("situation: |\n")
    end = BASE.index("persons:")
    text = BASE[:start] + situation_of(paragraphs, words) + BASE[end:]
    found = [p for p in problems_of(tmp_path, text) if p.code == "CS050"]
    assert bool(found) == warned, [p.message for p in found]
    fits, lines, counted = situation_fits(situation_of(paragraphs, words))
    assert fits == (not warned) and counted == words - words % paragraphs
    if found:
        assert f"{lines} regels" in found[0].message and f"{counted} woorden" in found[0].message


def test_guide_skeleton_schema_and_cs050_state_the_same_rule(tmp_path: Path) -> None:
    low, high = SITUATION_WORDS
    guide = (ROOT / "docs" / "casussen-schrijven.md").read_text(encoding="utf-8")
    codes_doc = (ROOT / "docs" / "validatie.md").read_text(encoding="utf-8")
    for text in (guide, codes_doc):
        assert f"{high} woorden" in text and f"{SITUATION_MAX_LINES} regels" in text
        stated = {int(n) for n in re.findall(r"(\d{3}) (?:tot|-) ?\d{3} woorden|meer dan (\d{3}) "
                                              r"woorden", text) for n in n if n}
        assert stated <= {low, high}, stated
    assert f"{low} tot {high} woorden" in guide
    rule = situation_rule().said(Messages("nl"))
    assert rule == f"{low}-{high} woorden en hoogstens {SITUATION_MAX_LINES} regels op een " \
        "scherm van 80 tekens breed"
    schema = json.loads((ROOT / "cases" / "casus.schema.json").read_text(encoding="utf-8"))
    assert rule in schema["properties"]["situation"]["description"]
    assert rule in skeleton("a", "wijkteam", "x", "y")
    english = situation_rule().said(Messages("en"))
    schema = json.loads((ROOT / "cases" / "en" / "casus.schema.json").read_text(encoding="utf-8"))
    assert f"{high} words" in english and english in schema["properties"]["situation"][
        "description"]
    assert english in skeleton("a", "wijkteam", "x", "y", lang="en")
    long_text = situation_of(3, 240)
    start = BASE.index("situation: |\n") + len("situation: |\n")
    [problem] = [p for p in problems_of(tmp_path, BASE[:start] + long_text +
                                        BASE[BASE.index("persons:"):]) if p.code == "CS050"]
    assert rule in problem.hint


# -- silencing -----------------------------------------------------------------------------------
def test_a_comment_silences_one_code_on_its_line_or_the_line_above(tmp_path: Path) -> None:
    phone = "description: De oudste dochter, bel 06-12345678."
    text = edit("description: De oudste dochter, twaalf jaar.", phone)
    assert codes(tmp_path, text) == ["CS056"]
    assert codes(tmp_path, text.replace(phone, phone + "  # casusspel: negeer CS056")) == []
    assert codes(tmp_path, text.replace(phone, phone + "  # casusspel: negeer")) == []
    assert codes(tmp_path, text.replace(phone, phone + "  # casusspel: negeer CS050")) == [
        "CS056"]
    above = text.replace(f"    {phone}", f"    # casusspel: negeer CS056\n    {phone}")
    assert codes(tmp_path, above) == []


def test_block_text_is_silenced_on_the_field_line(tmp_path: Path) -> None:
    text = edit("Noor vertaalt vlot", "In hun cultuur is dat normaal. Noor vertaalt vlot")
    silenced = edit("situation: |", "situation: |  # casusspel: negeer CS055", text)
    assert "CS055" not in codes(tmp_path, silenced)


def test_silencing_one_text_keeps_the_others_stereotypes_where_they_are(tmp_path: Path) -> None:
    """A file that silences one text: the other texts' CS055 keep their lines and columns (the
    positions are looked up only for texts with a finding, and only there for silencing)."""
    text = edit("Noor vertaalt vlot", "In hun cultuur is dat normaal. Noor vertaalt vlot")
    text = edit("expert: |\n  ", "expert: |\n  Zo zijn die mensen nou eenmaal. ", text)
    found = [p for p in problems_of(tmp_path, text) if p.code == "CS055"]
    assert len(found) == 2 and found[0].line == 14
    silenced = edit("situation: |", "situation: |  # casusspel: negeer CS055", text)
    assert [p for p in problems_of(tmp_path, silenced) if p.code == "CS055"] == found[1:]


def test_errors_cannot_be_silenced(tmp_path: Path) -> None:
    text = edit("decisive: [taal, gezin, levensfase]",
                "decisive: [taal, gezin, levensfas]  # casusspel: negeer")
    assert "CS030" in codes(tmp_path, text)


def test_personal_data_edge_cases_found_by_an_author() -> None:
    assert [w.said(DUTCH) for _, w in personal_data("BSN 111222333, IBAN")] == [
        "een burgerservicenummer (111222333)"]
    assert any("volledige datum" in w.said(DUTCH)
               for _, w in personal_data("Op 3 maart 2024 belde ze."))
    found = [w.said(DUTCH) for _, w in personal_data("IBAN NL91 ABNA 0417 1643 00")]
    assert len(found) == 1 and found[0].startswith("een IBAN")
    assert list(personal_data("Ze verdient 123456789,50 per jaar")) == []
