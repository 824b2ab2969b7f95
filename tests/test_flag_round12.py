"""The stereotype flag, twelfth round: the false flags read on the released test8 (a generalising
word in a later clause that has a person of its own as subject; how many of a group there are)
and a missed one (a Dutch region's adjective, 'Friese boerinnen'),
with sentences of our own that must stay unflagged and nearby ones that must still be flagged.
Rules and model together (``score_reflection`` with the shipped framework)."""

from __future__ import annotations

import pytest

from tests.test_flag_round11 import check_form

FORMS = [
    # a later clause with its own singular subject: its 'toch' or 'nooit' is about that person
    ("Ook vaders worden mishandeld, en Sanne heeft het zelf toch gezien.", False),
    ("Dan zeg je eigenlijk dat vaders geen slachtoffer kunnen zijn en dan gaat Pieter nooit "
     "meer praten.", False),
    ("Ook moeders worden geslagen, en Fatma heeft dat toch zelf verteld.", False),
    # ... but the claim about the group before it is still one
    ("Mannen huilen nooit, en dan gaat Pieter ook niet praten.", True),
    ("Jongens van die leeftijd liegen altijd en Kevin weet dat.", True),
    ("Polen drinken gewoon te veel, en de buurman heeft dat ook gezien.", True),
    # ... and a later clause that goes on about the same thing is no subject of its own
    ("Turkse vrouwen zitten altijd thuis en dan is het gewoon zo.", True),
    ("Polen drinken veel en dat is gewoon zo.", True),
    ("Marokkaanse jongens hangen op straat en dan is het altijd gedoe.", True),
    # how many of a group there are somewhere, not what they are like
    ("Friestalige ouderen zijn in die regio echt niet zeldzaam.", False),
    ("Turkse vaders zijn hier echt niet zeldzaam.", False),
    ("Dove ouders zijn heus niet zeldzaam.", False),
    ("Turkse vaders zijn hier echt heel streng.", True),
    ("Dove ouders zijn nou eenmaal wantrouwig.", True),
    # a Dutch region's adjective makes a broad group, like 'oudere': after a hedge or with a
    # clear generalising word a claim, in a plain sentence not
    ("Ik wil niet generaliseren, maar Friese boerinnen zijn binnenvetters.", True),
    ("Groningse mannen zijn nou eenmaal stug.", True),
    ("Twentse boeren helpen elkaar altijd bij de oogst, dat weet iedereen.", True),
    ("Er wonen veel Friese boerinnen in het dorp.", False),
    ("In het Fries praten Friese ouderen makkelijker over hun zorgen.", False),
    ("De Zeeuwse gemeenten hebben een tekort aan woningen.", False),
    ("Veel Drentse dorpen hebben een eigen dorpshuis.", False),
]


@pytest.mark.parametrize(("text", "flagged"), FORMS)
def test_a_later_clause_with_its_own_subject(text: str, flagged: bool) -> None:
    check_form(text, flagged)
