"""The stereotype flag after train-round11 was read (eleventh round, second pass): the causes of
its false flags and misses, each as a general form with sentences of our own (none from the
corpus) that must stay unflagged beside nearby ones that must still be flagged. Rules and model
together (``score_reflection`` with the shipped framework); every flag names group and claim."""

from __future__ import annotations

import pytest

from casusspel.scoring.generalisation import find_generalisations
from tests.test_flag_round11 import check_form

FORMS = [
    # -- Saying that such people exist is no claim about the group ('er zijn ook ... die').
    ("Ik weet dat er ook Marokkaanse vaders zijn die elke dag koken.", False),
    ("Er zijn ook Eritrese jongens die graag over hun vlucht praten.", False),
    ("Natuurlijk zijn er Turkse vrouwen die fulltime werken.", False),
    # ... a clear generalising word still makes it one
    ("Er zijn nou eenmaal Polen die altijd dronken zijn, dat weet iedereen.", True),
    # -- After a relative 'die' and an adverb the group is that clause's object.
    ("Er is een stichting die al jaren Somalische moeders begeleidt.", False),
    ("We kennen een huisarts die vooral Poolse arbeidsmigranten ziet.", False),
    # ... 'die' right before the group points at it: still a claim
    ("Die Roemenen zijn altijd dronken.", True),
    # -- The group as the object of what the writer does.
    ("Wij bellen Afghaanse gezinnen altijd een dag van tevoren.", False),
    ("Ik zou Turkse vaders altijd eerst persoonlijk uitnodigen.", False),
    # ... an opinion or a perception of the writer is still a claim about them
    ("Ik vind Somaliërs altijd zo wantrouwig.", True),
    ("We zien Roemenen altijd dronken op het plein.", True),
    # -- What a professional sees with a condition is knowledge of the trade.
    ("Bij jongeren met een eetstoornis zie je dat vaak, dat ze het lang verbergen.", False),
    ("Dat hoor je bij mensen met een burn-out heel vaak.", False),
    # ... 'nou eenmaal' about a condition, and the same observation about an origin, flag
    ("Mensen met depressie zijn nou eenmaal lui.", True),
    ("Dat zie je bij Antilliaanse jongens zo vaak.", True),
    # -- What a broad group is well able to do is a strength, not a judgement.
    ("Mensen met niet-aangeboren hersenletsel kunnen vaak heel goed vertellen wat ze missen.",
     False),
    ("Ouderen kunnen vaak nog heel goed zelf koken.", False),
    # ... what they cannot do is still a claim, and so is an origin's ability
    ("Ouderen kunnen vaak niet goed met een smartphone omgaan.", True),
    ("Turkse vrouwen kunnen heel goed koken.", True),
    # -- A generalising word about another group in a later part is not this group's.
    ("Het plan kan zo: Syrische vaders erbij, en daarnaast ruimte voor moeders die net zijn "
     "aangekomen en heel onzeker zijn.", False),
    ("Polen werken gewoon hard, en Roemenen ook.", True),
    # -- A next sentence that only confirms the claim as a rule counts as a hedge does.
    ("In Somalische gezinnen eet je met de hele familie. Dat is gewoon zo.", True),
    ("Jongeren die in de jeugdzorg zijn opgegroeid, worden vaak zelf jonge ouders. Dat is "
     "niet hun schuld, maar het is wel zo.", True),
    # ... not a denial, a question or what the team agreed
    ("In Somalische gezinnen eet je met de hele familie. Dat is niet zo.", False),
    ("In Somalische gezinnen eet je met de hele familie. Is dat zo?", False),
    ("Bij Syrische gezinnen trek je je schoenen uit. Dat hebben we zo geleerd.", False),
    ("Jongeren die in de jeugdzorg zijn opgegroeid, worden vaak zelf jonge ouders.", False),
    # ... nor a broad group's plain fact, a duty or how a service works
    ("Ouderen wonen steeds langer thuis. Dat is gewoon zo.", False),
    ("Ouders moeten het formulier zelf ondertekenen. Dat is nou eenmaal zo.", False),
    ("Ouderen krijgen in december een brief over de toeslag. Zo werkt dat.", False),
    # -- A relative clause closed by a comma, then the claim with a clear generalising word.
    ("Jongeren die lang in een instelling hebben gewoond, hebben nou eenmaal geen ritme.",
     True),
    # ... not an offer ('kunnen altijd', 'mogen altijd') nor a fact with 'vaak'
    ("Mensen die niet met de computer overweg kunnen, kunnen altijd langskomen op het "
     "spreekuur.", False),
    ("Jongeren die een vraag hebben, mogen altijd binnenlopen.", False),
    ("Vrouwen die net zijn gescheiden, hebben vaak geen eigen rekening.", False),
    # ... and without a hedge only 'nou eenmaal' or a clear cue: the way a service is said
    ("Ouders die hun kind hebben aangemeld, krijgen allemaal een brief.", False),
    ("Mensen die in de wijk wonen, zijn altijd welkom in het buurthuis.", False),
    ("Mensen die uit een oorlog komen, zijn altijd wantrouwig, dat weet iedereen.", True),
    ("Ik wil niet generaliseren, maar mensen die uit een oorlog komen, zijn altijd wantrouwig.",
     True),
    # -- After a hedge, a named place with a subject of its own that speaks of people.
    ("Ik wil niet generaliseren, maar in Volendam zijn de mannen nou eenmaal de baas.", True),
    ("Ik wil niet generaliseren, maar in Zwolle zijn de wachttijden nou eenmaal lang.", False),
    # -- What narrows 'mensen' to a group narrows a broad noun too; 'onderschatten' is present.
    ("Vaders in de schuldsanering zijn vaak onbetrouwbaar.", True),
    ("Alleenstaande moeders in de bijstand onderschatten vaak hoeveel werk dat is.", True),
    ("Somalische moeders onderschatten vaak hoe zwaar de school is.", True),
    ("Statushouders praatten vaak over hun reis.", False),  # a simple past: what happened
    # -- What is offered to a group is no claim about it; a clear cue still is.
    ("Vaders met schulden kunnen bij de schuldhulp terecht.", False),
    ("Mensen met schulden kunnen bij de schuldhulp terecht.", False),
    ("Statushouders zijn welkom bij het taalcafé.", False),
    ("Marokkanen zijn nergens welkom, dat weet iedereen.", True),
    # -- What someone said and the writer takes as their own ('wat ik ook zie') is a claim.
    ("Mijn collega zegt iets wat ik ook zie: Poolse mannen drinken gewoon te veel.", True),
    ("Mijn collega zegt, en dat merk ik ook, dat Eritrese ouders nooit op tijd komen.", True),
    # ... hearing it too, or only reporting it, is not
    ("De buurman zegt iets wat ik ook vaak hoor: Poolse mannen drinken gewoon te veel.", False),
    ("De buurman zegt dat Poolse mannen gewoon te veel drinken.", False),
    ("De teamleider zei dat ik ook moest kijken of Syrische vaders altijd meekomen.", False),
    # -- A floating 'allemaal' after 'zijn'/'hebben' of a place's people no list knows.
    ("Mensen in Volendam zijn allemaal katholiek.", True),
    ("Boeren in Drenthe hebben allemaal een dikke auto.", True),
    ("Deelnemers hebben allemaal een certificaat.", False),  # a role, no place
    ("Vrijwilligers zijn allemaal welkom op de nieuwjaarsborrel.", False),
    ("Buurtbewoners hebben allemaal een brief nodig.", False),
    ("Medewerkers zijn allemaal gescreend.", False),
]


@pytest.mark.parametrize(("text", "flagged"), FORMS)
def test_each_form_read_on_train_round11(text: str, flagged: bool) -> None:
    check_form(text, flagged)  # flagged or not, and every flag names group and claim


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Er zijn nou eenmaal Polen die altijd dronken zijn, dat weet iedereen.", "Polen"),
        ("In Somalische gezinnen eet je met de hele familie. Dat is gewoon zo.",
         "Somalische gezinnen"),
        ("Jongeren die lang in een instelling hebben gewoond, hebben nou eenmaal geen ritme.",
         "Jongeren die lang in een instelling hebben gewoond"),
        ("Ik wil niet generaliseren, maar in Volendam zijn de mannen nou eenmaal de baas.",
         "in Volendam"),
        ("Alleenstaande moeders in de bijstand onderschatten vaak hoeveel werk dat is.",
         "moeders in de bijstand"),
        ("Mensen in Volendam zijn allemaal katholiek.", "Mensen in Volendam"),
    ],
)
def test_the_rules_name_the_group(text: str, group: str) -> None:
    """The rules themselves (not only the model) catch these forms, and name the group as the
    writer did."""
    found = find_generalisations(text)
    assert found, text
    assert text[slice(*found[0].group)] == group
