"""The stereotype flag's clause model (ninth round): it adds to the rules on groups no list
holds, never on quoted, criticised, reported or specific-group sentences, and its flag names the
group and the claim."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import load_framework
from casusspel.scoring.flag_model import candidates, load_flag_model
from casusspel.scoring.generalisation import find_generalisations
from casusspel.scoring.reflection import score_reflection
from casusspel.scoring.train_flag import choose_threshold, fit_texts, text_probability
from casusspel.scoring.train_flag import without_flag_model as rules_only

FRAMEWORK = load_framework()


def test_the_default_framework_names_the_shipped_flag_model() -> None:
    assert FRAMEWORK.generalisation is not None
    assert FRAMEWORK.generalisation.model == "standaard-nl"
    model = load_flag_model("standaard-nl")
    assert model is not None
    assert 0.5 <= model.threshold < 1
    assert len(model.weights) > 100
    assert load_flag_model("bestaat-niet") is None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Vissers zijn nou eenmaal koppig.", "Vissers"),
        ("Loodgieters zijn nou eenmaal oplichters.", "Loodgieters"),
        ("Tuinders zijn nou eenmaal gierig.", "Tuinders"),
    ],
)
def test_the_model_flags_a_generalisation_about_a_group_no_list_holds(text: str,
                                                                       group: str) -> None:
    assert find_generalisations(text) == []  # the rules alone miss it
    assert score_reflection(text, rules_only(FRAMEWORK)).flags == ()
    flags = score_reflection(text, FRAMEWORK).flags
    assert [(f.source, f.group) for f in flags] == [("model", group)]
    assert flags[0].probability is not None and flags[0].probability >= 0.5


def test_the_explanation_names_the_group_and_the_claim() -> None:
    text = "Ik ken Klaas al jaren. Vissers zijn nou eenmaal koppig, dus hij wil niks."
    (flag,) = score_reflection(text, FRAMEWORK).flags
    assert flag.group == "Vissers"
    assert "eenmaal koppig" in flag.claim
    assert "“Vissers”" in flag.explanation or '"Vissers"' in flag.explanation
    assert flag.claim in flag.explanation
    assert text[flag.start:flag.end] == flag.text and flag.text.startswith("Vissers")


@pytest.mark.parametrize(
    "text",
    [
        # quoted, reported, criticised, asked: never a flag, whatever the model says
        "Een collega zei: 'vissers zijn nou eenmaal koppig'. Dat vond ik te makkelijk.",
        "Mijn collega zegt altijd: vissers zijn nou eenmaal koppig.",
        "Volgens de buurman zijn vissers nou eenmaal koppig.",
        "Vissers zijn nou eenmaal koppig. Dat is een vooroordeel.",
        "Zijn vissers nou eenmaal koppig?",
        "We vielen in 'in hun cultuur'-denken.",
        # specific persons, not a group
        "De Afghaanse mannen in onze groep zijn de hele dag op hun telefoon.",
        "De vissers in onze groep zijn nou eenmaal koppig.",
        "De Syrische gezinnen uit de casus komen altijd op dinsdag.",
        # everyday sentences a review of round 8 found flagged by rules then taken back
        "Mensen met dementie hebben baat bij een vaste dagstructuur.",
        "De vraag is hoe Marokkaanse ouders hierover denken.",
        "Jongeren zijn de grootste groep in deze wijk.",
        "Ouders willen alleen het beste voor hun kind.",
        "Oudere mensen zijn vaker eenzaam dan jongeren, dus we bellen ze elke week.",
        "Groningers hebben door de aardbevingen veel verloren.",
        "Ouderen krijgen bij elke afspraak een herinnering.",
        # part of a group, now and then, a permission, an event
        "Statushouders wachten soms maanden op hun activeringscode.",
        "Andere groepen mogen ook een aanvraag doen, dat is gewoon beleid.",
        "Sommige vissers zijn koppig.",
        "Die mensen hebben het nooit gekregen.",
    ],
)
def test_no_flag_on_quoted_criticised_specific_or_everyday_sentences(text: str) -> None:
    assert score_reflection(text, FRAMEWORK).flags == ()


def test_a_hedge_never_cancels_a_flag() -> None:
    flags = score_reflection("Ik wil niet generaliseren, maar tuinders zijn nou eenmaal gierig.",
                             FRAMEWORK).flags
    assert [f.group for f in flags] == ["tuinders"]


def test_a_flagged_sentence_earns_no_pillar_points() -> None:
    text = "Vissers zijn nou eenmaal koppig, dus we regelen een tolk."
    with_model = score_reflection(text, FRAMEWORK)
    without = score_reflection(text, rules_only(FRAMEWORK))
    assert with_model.pillars["maatwerk"].score == 0
    assert without.pillars["maatwerk"].score >= 1


def test_a_case_text_is_judged_by_the_rules_only() -> None:
    from casusspel.scoring.stereotypes import find_flags

    assert FRAMEWORK.generalisation is not None
    text = "Vissers zijn nou eenmaal koppig."
    assert find_flags(text, (), FRAMEWORK.generalisation, case_text=True) == ()
    assert find_flags(text, (), FRAMEWORK.generalisation) != ()


def test_score_json_explain_names_the_model_as_source() -> None:
    result = CliRunner().invoke(app, ["score", "--text", "Tuinders zijn nou eenmaal gierig.",
                                      "--json", "--explain"])
    assert result.exit_code == 0, result.output
    (flag,) = json.loads(result.stdout)["flags"]
    assert flag["source"] == "model" and flag["group"] == "Tuinders"
    assert flag["claim"] == "zijn nou eenmaal gierig" and 0.5 <= flag["probability"] <= 1
    plain = CliRunner().invoke(app, ["score", "--text", "Tuinders zijn nou eenmaal gierig.",
                                     "--json"])
    assert set(json.loads(plain.stdout)["flags"][0]) == {"kind", "start", "end", "text",
                                                         "explanation"}


def test_score_text_says_the_model_found_the_flag() -> None:
    result = CliRunner().invoke(app, ["score", "--text", "Tuinders zijn nou eenmaal gierig."])
    assert result.exit_code == 0, result.output
    assert "gevonden door het model" in result.stdout
    assert "Tuinders" in result.stdout


def test_candidates_replace_the_group_by_one_mark() -> None:
    (clause,) = candidates("Tuinders zijn nou eenmaal gierig.")
    assert "b:G_zijn" in clause.features and "w:tuinders" not in clause.features
    assert "cue" in clause.features and not clause.vetoed


def test_training_learns_from_text_labels_and_keeps_the_rules_precision() -> None:
    texts = [("Kappers zijn nou eenmaal lui.", True), ("Bakkers zijn nou eenmaal lui.", True),
             ("Kappers werken op zaterdag in de winkel.", False),
             ("Bakkers werken vroeg in de ochtend.", False),
             ("We bellen de kappers morgen.", False)]
    found = [[c for c in candidates(t) if not c.vetoed] for t, _ in texts]
    labels = [y for _, y in texts]
    weights, bias = fit_texts(found, labels, range(len(texts)), penalty=0.1)
    unseen = [c for c in candidates("Slagers zijn nou eenmaal lui.") if not c.vetoed]
    calm = [c for c in candidates("Slagers werken in de winkel.") if not c.vetoed]
    assert text_probability(weights, bias, unseen) > 0.5 > text_probability(weights, bias, calm)
    assert fit_texts(found, labels, range(len(texts)), penalty=0.1) == (weights, bias)
    # the rules catch 1 of 2 without a false flag: a threshold that adds a false flag is no good
    rules = [True, False, False, False, False]
    assert choose_threshold([[0.9, 0.8, 0.85, 0.1, 0.1]], rules, labels) == 0.86
