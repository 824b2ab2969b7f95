"""The stereotype flag, twelfth round, second part: the kinds of false flags and misses read on
train-round12 (four writers the flag had never seen), each with sentences of our own (not from
the corpus) that must be flagged and nearby ones that must not: respectful talk about a group,
quoted and criticised stereotypes, developmental remarks. Rules and model together
(``score_reflection`` with the shipped framework)."""

from __future__ import annotations

import pytest

from casusspel.scoring.generalisation import find_generalisations
from tests.test_flag_round11 import check_form

FORMS = [
    # -- 'alle ...' after a singular verb with a subject of its own is what that subject acts
    # on, wherever the phrase stands ('bij alle ...', 'aan alle ...').
    ("Dat moet het wijkteam ook bij alle Somalische gezinnen nog eens navragen.", False),
    ("Dat kan de gemeente toch aan alle ouderen in de wijk uitleggen.", False),
    ("De huisarts stuurt de uitnodiging straks naar alle Turkse vrouwen boven de vijftig.",
     False),
    # ... not 'is het' (no subject of its own), nor a plural verb whose subject is the group
    ("Volgens mij is het bij alle Turkse families zo dat de man beslist.", True),
    ("Ik denk dat in alle Marokkaanse families de vader het laatste woord heeft.", True),
    ("Dat doen alle Poolse mannen.", True),
    # -- 'niet allemaal' says something of part of a group, like 'niet alle'.
    ("Statushouders spreken niet allemaal even goed Nederlands, dus we nemen een tolk mee.",
     False),
    ("Ouderen in de flat hebben niet allemaal een smartphone.", False),
    ("Turken zijn niet allemaal hetzelfde.", False),
    # ... 'allemaal' without 'niet', or another cue beside it, still counts
    ("Statushouders spreken allemaal slecht Nederlands.", True),
    ("Turken zijn niet allemaal hetzelfde, maar ze zijn nou eenmaal trots.", True),
    # -- A region's people ('Groningers', 'Zeeuwen') are a broad group, like a region's
    # adjective: a fact about them is no claim, 'nou eenmaal' or a hedge makes one.
    ("Zeeuwen hebben bij de watersnood veel verloren.", False),
    ("Drenten wonen ver van het ziekenhuis, dus we bellen eerst.", False),
    ("Zeeuwen zijn nou eenmaal zuinig.", True),
    ("Ik wil niet generaliseren, maar Drenten zijn binnenvetters.", True),
    # ... and a nature cue with a small word in it ('dat zit er zo in')
    ("Die oudere Zeeuwen vragen gewoon niet om hulp, dat zit er zo in.", True),
    ("Friezen zeggen weinig, dat zit er gewoon in.", True),
    ("Er zit gewoon veel in die folder.", False),
    # -- A group named by a relative clause without a comma whose verbs no list holds, then
    # the main verb: with 'nou eenmaal', a hedge or a confirming next sentence a claim ...
    ("Jongens die op straat opgroeien worden nou eenmaal crimineel.", True),
    ("Ik wil niet generaliseren, maar vaders die hun baan verliezen praten nooit over hun "
     "zorgen.", True),
    ("Vaders die hun baan verliezen praten nooit over hun zorgen. Dat zie je overal.", True),
    ("Mensen die in de opvang hebben gewoond vertrouwen nooit iemand. Dat weet iedereen.",
     True),
    # ... the way a service or a rule is said is not, nor a plain observation
    ("Ouders die hun kind aanmelden krijgen altijd binnen een week bericht.", False),
    ("Jongeren die een uitkering aanvragen moeten altijd eerst langs het loket.", False),
    ("Vaders die hun baan verliezen praten nooit over hun zorgen.", False),
    ("Kinderen die zoiets meemaken voelen dat, ook een kind van zeven voelt dat.", False),
    ("Ouders die elkaar al jaren kennen. Dat zie je overal in dit dorp.", False),
    # ... and a next sentence that only says where we see it, or that I know it, confirms
    # nothing
    ("Vaders die hun baan verliezen praten nooit over hun zorgen. Dat zie je hier ook.",
     False),
    ("Vaders die hun baan verliezen praten nooit over hun zorgen. Dat weet ik.", False),
    # -- A plural with a capital inside its sentence names people by where they come from
    # ('Walen', 'Antwerpenaren'), a group no list holds: after a hedge a claim ...
    ("Ik wil niet generaliseren, maar Walen werken minder hard.", True),
    ("Niet om te discrimineren, maar Antwerpenaren praten altijd over zichzelf.", True),
    # ... without a hedge or a clear cue a fact, and a capital for an office or a rule is none
    ("Ook Walen zijn welkom bij het inloopspreekuur.", False),
    ("Het gezin woont in Gent, en Vlamingen betalen bij de huisarts zelf een deel.", False),
    ("Ik wil niet generaliseren, maar Wmo-voorzieningen zijn in elke gemeente anders.", False),
    ("De Vlamingen uit de casus willen hun zoon in Gent laten behandelen.", False),
    ("Volgens de moeder zijn Vlamingen gewend dat de dokter alles regelt.", False),
    # -- After a hedge, a country of origin opening the claim with 'nou eenmaal' or a clear
    # cue says what its people hold or do, whatever the subject ...
    ("Niet om te oordelen, maar in Pakistan zijn katten nou eenmaal vies.", True),
    ("Ik wil niet generaliseren, maar in Somalië beslissen de ooms mee, dat weet iedereen.",
     True),
    # ... without a hedge a fact about a country, and after a hedge without such a cue a
    # remark, are no claim
    ("In Syrië is de zorg ingestort, dat weet iedereen.", False),
    ("In Afghanistan zijn honden nou eenmaal zeldzaam als huisdier, dus vraag hoe hij erover "
     "denkt.", False),
    ("Ik wil niet generaliseren, maar in Eritrea gaan kinderen pas laat naar school.", False),
    ("Niet om te oordelen, maar in Afghanistan is de winter nou eenmaal streng.", False),
    # -- 'vaste' before a role names the persons assigned to someone, not a group.
    ("Mevrouw liefst vaste vrijwilligers geven die ze kent, dat werkt bij ons heel goed.",
     False),
    ("Vaste klanten krijgen bij ons altijd koffie.", False),
    # ... the role without it is still a group with a clear cue
    ("Vrijwilligers zijn nou eenmaal onbetrouwbaar.", True),
    # -- A group after 'met' that opens its part, then a generic 'je', a negation and getting
    # along ('kom je niet ver', 'kun je niet praten'): what nobody can do with any of them;
    # a group by a view ('complotdenkers', 'wappies') is a group like a faith ...
    ("Met moslims kun je gewoon niet praten.", True),
    ("Eerlijk gezegd: met antivaxers kom je niet ver, die luisteren toch niet.", True),
    ("Met die wappies kun je niet praten, dat zie je elke dag.", True),
    # ... not a practical remark on how to reach people, not an age (what a child cannot do
    # yet), and not the writer's own experience with these persons
    ("Met dove ouders kun je niet bellen, dus we sturen een sms.", False),
    ("Met Syrische gezinnen kun je niet zonder tolk praten.", False),
    ("Met jongeren van die leeftijd kun je nog niet over geld praten.", False),
    ("Met een kind van zeven kun je niet over een scheiding praten, maar het voelt dat wel.",
     False),
    ("Ik kon met de Turkse buurvrouw niet praten, want we hadden geen tolk.", False),
    ("Complotdenkers zijn welkom bij de inloop.", False),
    ("De collega zei: 'met moslims kun je niet praten', maar dat is een vooroordeel.", False),
]


@pytest.mark.parametrize("form", FORMS, ids=[text[:40] for text, _ in FORMS])
def test_each_kind_read_on_train_round12(form: tuple[str, bool]) -> None:
    """Flagged exactly when it should be, and every flag names its group and claim."""
    check_form(*form)


@pytest.mark.parametrize(
    ("text", "group", "claim"),
    [
        ("Ik wil niet generaliseren, maar Walen werken minder hard.", "Walen", "werken"),
        ("Eerlijk gezegd: met antivaxers kom je niet ver.", "antivaxers", "je niet"),
        ("Jongens die op straat opgroeien worden nou eenmaal crimineel.",
         "Jongens die op straat opgroeien", "nou eenmaal"),
        ("Niet om te oordelen, maar in Pakistan zijn katten nou eenmaal vies.", "Pakistan",
         "nou eenmaal"),
    ],
)
def test_the_rules_name_the_group_and_the_claim(text: str, group: str, claim: str) -> None:
    """The rules themselves (not only the model) catch the new forms, and the explanation can
    name the group as the writer did and the words that make the claim."""
    found = find_generalisations(text)
    assert found, text
    assert text[slice(*found[0].group)] == group
    assert text[slice(*found[0].claim)].startswith(claim)
