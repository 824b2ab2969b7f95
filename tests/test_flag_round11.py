"""The stereotype flag, eleventh round: the causes of the false flags read on the released
test7 and in both cross-validations, each with sentences of our own that must stay unflagged
and nearby ones that must still be flagged (hedged, habitual present, 'die mensen', ages,
gender, religion). Rules and model together (``score_reflection`` with the shipped framework)."""

from __future__ import annotations

import pytest

from casusspel.content.library import load_framework
from casusspel.scoring.reflection import score_reflection

FRAMEWORK = load_framework()


def _flags(text: str) -> tuple[str, ...]:
    return tuple(f.group for f in score_reflection(text, FRAMEWORK).flags)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # 'alle ...' as the subject, also after 'ik denk dat' and with a plural verb
        ("Alle Marokkaanse jongens zijn brutaal tegen vrouwen.", "Marokkaanse jongens"),
        ("Ik denk dat alle Turkse moeders hun zoons verwennen.", "Turkse moeders"),
        ("Volgens mij willen alle ouderen van die generatie geen computer.", "ouderen"),
        ("Ik wil niet generaliseren, maar alle moslimmannen beslissen voor hun vrouw.",
         "moslimmannen"),
    ],
)
def test_all_of_a_group_as_subject_is_still_flagged(text: str, group: str) -> None:
    flags = score_reflection(text, FRAMEWORK).flags
    assert flags, text
    assert group in flags[0].group and flags[0].claim and flags[0].claim in flags[0].explanation


@pytest.mark.parametrize(
    "text",
    [
        # 'alle ...' as whom someone else gets, meets or touches (test7, the folds)
        "Als Turkse collega krijg ik altijd alle Turkse cliënten op mijn bord.",
        "Er was een consulent die alle Somalische gezinnen toegewezen kreeg.",
        "De nieuwe bezuiniging raakt alle ouderen met een laag inkomen.",
        "Op die manier bereik je nooit alle Poolse arbeidsmigranten in de wijk.",
    ],
)
def test_all_of_a_group_as_someone_elses_object_is_not_flagged(text: str) -> None:
    assert _flags(text) == (), text


# Each rule or veto of this round: sentences that must stay unflagged beside nearby ones that
# must still be flagged.
FORMS = [
    # -- Now and then, and a rejection later in the same sentence.
    # now and then, without a generalising word: what happens, not what they are like
    ("Afghaanse jongens bellen soms niet terug na een gesprek.", False),
    ("Ook niet-Turkse meiden zeggen weleens niks tegen hun ouders.", False),
    # ... but a habit or a clear generalising word is still a claim
    ("Afghaanse jongens bellen nooit terug, dat weet iedereen.", True),
    ("Eritreeërs vertrouwen de gemeente niet.", True),
    ("Ghanese vrouwen gaan soms naar de kerk en zijn nou eenmaal gelovig.", True),
    # a claim the same sentence rejects
    ("Dat ons team Poolse gezinnen nooit als doelgroep ziet, klopt gewoon niet.", False),
    ("Dat Roma altijd stelen is onzin.", False),
    ("Dat Roma altijd stelen klopt gewoon.", True),
    # -- A strict faith's congregations: a place for its people, or organisations at work.
    # a strict faith's congregations as a place stand for its people ...
    ("Ik wil niet generaliseren, maar in die strenge kerken zwijgt de vrouw nou eenmaal.",
     True),
    ("Bij die orthodoxe gemeenten beslissen de mannen gewoon alles.", True),
    ("Eerlijk gezegd worden in die bevindelijke kerken meisjes gewoon klein gehouden.", True),
    # ... and an attitude of a faith's congregations is still a claim about its people
    ("Pinkstergemeentes staan wantrouwig tegenover psychologen.", True),
    # what congregations do for others is organisations at work, and a respectful mention
    # of a practice is no claim
    ("Die pinksterkerken doen in de Bijlmer ontzettend veel voor nieuwkomers.", False),
    ("De moskeeën in Noord organiseren elke vrijdag een inloop voor ouderen.", False),
    ("In strenge kerken zingen ze psalmen zonder orgel.", False),
    ("In orthodoxe kerken is er veel steun voor elkaar.", False),  # no generalising word
    # -- The article before two origins joined with 'en'.
    # 'de' before two origins joined with 'en': the case's persons, as with one origin
    ("De Eritrese en Somalische moeders koken elke week voor de buurt.", False),
    ("De Ghanese vrouwen koken elke week voor de buurt.", False),
    # ... a clear generalising word still makes it a claim, and without 'de' it is one
    ("De Eritrese en Somalische moeders laten hun kinderen nooit alleen, dat weet iedereen.",
     True),
    ("Somalische moeders laten hun dochters niet sporten.", True),
    # -- 'groepen' alone is no kind of people.
    # 'groepen' alone is clubs, classes, teams in a system, not a kind of people ...
    ("Nieuwe groepen krijgen bij de verdeling van de velden nooit een plek.", False),
    # ... but pointed at, or with an origin, it is
    ("Die groepen willen nou eenmaal niet integreren.", True),
    ("Antilliaanse groepen hangen altijd rond bij het station.", True),
    # -- An answer to someone is no claim.
    # what the writer answers the one who said it: a reply
    ("En tegen die teamleider: statushouders hebben echt niet allemaal een huis.", False),
    ("Tegen de collega zou ik zeggen: Polen werken gewoon keihard.", False),
    # the writer's own saying to everybody is still a claim, as is 'tegen' before a group
    ("Ik zeg het tegen iedereen: Polen drinken nou eenmaal te veel.", True),
    ("Ik heb niks tegen homo's, maar die willen altijd aandacht.", True),
    # -- Couples, converts, a hedged past, 'zijn' as a verb.
    # couples by origin as a place, converts as a religious group
    ("Bij Pakistaanse stellen beslist de schoonmoeder gewoon mee.", True),
    ("Ik wil niet generaliseren, maar bekeerlingen zijn altijd fanatieker.", True),
    ("Wij stellen die vragen nooit aan het gezin.", False),
    ("Eritreeërs stellen zich tegenover de gemeente nou eenmaal wantrouwig op.", True),
    # after a hedge, the past with 'gewoon' or 'vaak' is a habit of a generation
    ("Niet om te oordelen, maar Marokkaanse vaders van die leeftijd werkten gewoon in de "
     "fabriek en spraken geen Nederlands.", True),
    ("Statushouders legden vaak een verklaring af bij de IND.", False),
    # 'zijn' in second place after an opener is the verb, not 'his'
    ("Eerlijk gezegd zijn Surinaamse vaders vaak gewoon afwezig.", True),
    ("Eigenlijk zijn vrouwen van zestig gewoon te oud voor een opleiding.", True),
    ("Hij heeft eigenlijk zijn Turkse ouders nooit gesproken.", False),
    ("Daar zijn Marokkaanse ouders altijd welkom.", False),
    # -- A country of origin as the place of a norm.
    # a country of origin as the place of a norm is said of its people, hedged or not
    ("Ik wil niet generaliseren, maar in Afghanistan is het gewoon normaal dat de vader "
     "de man voor zijn dochter kiest.", True),
    ("In Eritrea is het nou eenmaal zo dat de oudste zoon beslist.", True),
    # not a fact about a country, a rule for anyone, or the writer's own country
    ("In Syrië is het al jaren oorlog.", False),
    ("In Marokko is het zo dat je voor een paspoort naar het consulaat moet.", False),
    ("In Nederland is het normaal dat je eerst een afspraak maakt.", False),
    # without a hedge or a generalising word a custom, said to adapt, is no claim
    ("In Ghana is het gebruikelijk dat de familie meebeslist, dus we vragen wie ze erbij wil.",
     False),
    ("In Ghana is het toch gewoon normaal dat de familie alles beslist.", True),
    # -- A plural group right after a singular verb with its own subject is its object.
    ("De gemeente geeft Eritrese gezinnen altijd een tolk.", False),
    ("Het wijkteam helpt Poolse arbeidsmigranten nooit.", False),
    ("Volgens mij willen Turken altijd alles zelf doen.", True),
    ("Ik vind Marokkanen altijd zo luidruchtig.", True),
    # -- A rhetorical question says what it asks.
    # a rhetorical question says what it asks ...
    ("Is het niet gewoon zo dat alle meiden van vijftien alleen aan hun telefoon denken?",
     True),
    ("Is het niet zo dat Somaliërs altijd in groepen leven?", True),
    # ... a real question, and a denial, do not
    ("Is het zo dat Somaliërs altijd in groepen leven?", False),
    ("Zijn Turkse vaders altijd zo streng?", False),
    ("Het is niet zo dat Somaliërs altijd in groepen leven.", False),
    # -- A named place in a passive without subject.
    # a named place whose people do something, in a passive without subject, hedged or not
    ("Ik wil niet generaliseren, maar in sommige buurten in Venlo wordt nou eenmaal meer "
     "gestolen dan elders.", True),
    ("In de Schilderswijk wordt nou eenmaal veel gevochten, dat weet iedereen.", True),
    # not a thing done there, nor a place without a name (maybe the staff)
    ("In Den Bosch wordt nou eenmaal de post op maandag bezorgd.", False),
    ("In het buurthuis wordt nou eenmaal veel gekookt.", False),
]


def check_form(text: str, flagged: bool) -> None:
    """``text`` is flagged exactly when ``flagged``, and every flag's explanation names the
    group and the claim (shared with ``test_flag_train11``)."""
    flags = score_reflection(text, FRAMEWORK).flags
    assert bool(flags) is flagged, text
    for flag in flags:
        assert flag.group and flag.claim and flag.group in flag.explanation
        assert flag.claim in flag.explanation


@pytest.mark.parametrize(("text", "flagged"), FORMS)
def test_each_new_rule_and_veto(text: str, flagged: bool) -> None:
    check_form(text, flagged)


def test_a_cases_own_patterns_still_add_to_the_rules_and_the_model() -> None:
    """Issue #14 point 4: a case adds its own stereotype patterns; they flag beside the rules
    (with the case as source and its own explanation) and keep the vetoes of a pattern."""
    from casusspel.scoring.framework import StereotypePattern

    own = (StereotypePattern(phrases=("eiland ... redt zich",),
                             explanation="Een eiland is geen persoon."),)
    text = ("Het eiland redt zich altijd zelf. Ik wil niet generaliseren, maar Friezen zijn nou "
            "eenmaal stug.")
    assert [f.source for f in score_reflection(text, FRAMEWORK).flags] == ["generalisation"]
    flags = score_reflection(text, FRAMEWORK, stereotypes=own).flags
    assert sorted((f.source, f.explanation if f.source == "case" else f.group) for f in flags) \
        == [("case", "Een eiland is geen persoon."), ("generalisation", "Friezen")]
    criticised = "De collega zei dat het eiland zich altijd zelf redt, maar dat klopt niet."
    assert score_reflection(criticised, FRAMEWORK, stereotypes=own).flags == ()
