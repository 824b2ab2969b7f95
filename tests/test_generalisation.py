"""Stereotype detection as generalisation detection: a group made the subject of a generic
claim is flagged; quoting, reporting, criticising, asking or narrowing it is not."""

from __future__ import annotations

import pytest

from casusspel.content.library import load_framework
from casusspel.scoring.generalisation import find_generalisations
from casusspel.scoring.reflection import score_reflection

FRAMEWORK = load_framework()


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Turkse vrouwen willen nooit een man over de vloer, dat weet iedereen.",
         "Turkse vrouwen"),
        ("Die Polen drinken toch allemaal te veel.", "Die Polen"),
        ("Ik wil niet generaliseren, maar bij moslims is het nou eenmaal zo dat de man beslist.",
         "moslims"),
        ("Afrikanen vertrouwen instanties niet.", "Afrikanen"),
        ("Zo gaat dat in Marokkaanse gezinnen.", "Marokkaanse gezinnen"),
        ("Moslimmeisjes mogen van thuis nou eenmaal niet sporten.", "Moslimmeisjes"),
        ("Ouderen willen nou eenmaal niet digitaal.", "Ouderen"),
        ("Eritreeërs praten niet over problemen.", "Eritreeërs"),
        ("Het is geen oordeel, maar in die wijk wordt nu eenmaal vaker gefraudeerd.", "die wijk"),
        ("Ik heb niks tegen homo's, maar die zijn meestal hoogopgeleid.", "homo's"),
        ("Mensen met een verstandelijke beperking kunnen geen begroting lezen, dat is zo.",
         "Mensen met een verstandelijke beperking"),
        ("Op het platteland zijn ze nou eenmaal wat behoudender.", "Op het platteland"),
        # a group defined by a property, an age or a relative clause (#14, second round)
        ("Mensen die hier zonder papieren zitten willen gewoon niks met instanties te maken "
         "hebben.", "Mensen die hier zonder papieren zitten"),
        ("Bij mensen met een buitenlandse achternaam is de taal vaak toch een probleem.",
         "mensen met een buitenlandse achternaam"),
        ("Eerlijk is eerlijk: vrouwen van zestig die hun hele leven aan de band hebben gestaan "
         "gaan echt niet meer solliciteren.",
         "vrouwen van zestig die hun hele leven aan de band hebben gestaan"),
        ("Jongens van die leeftijd laten toch nooit het achterste van hun tong zien.",
         "Jongens van die leeftijd"),
        ("Meiden van die leeftijd willen alleen maar op hun telefoon zitten.",
         "Meiden van die leeftijd"),
        ("Ik denk dat het bij die mensen nou eenmaal normaal is.", "die mensen"),
        ("Mensen uit de schuldhulp kunnen nou eenmaal slecht met geld omgaan.",
         "Mensen uit de schuldhulp"),
        ("Marokkaanse ouderen wantrouwen instanties altijd, wat je ook zegt.",
         "Marokkaanse ouderen"),
        ("Jonge moeders die praktijkonderwijs hebben gedaan snappen het gewoon niet, dat zie ik "
         "al jaren.", "Jonge moeders die praktijkonderwijs hebben gedaan"),
        ("Het is niet om te discrimineren hoor, maar je ziet toch dat veel Oost-Europeanen "
         "bij de eerste tegenslag aankloppen.", "Oost-Europeanen"),
        ("Boerenvrouwen van die generatie klagen nou eenmaal niet.",
         "Boerenvrouwen van die generatie"),
        ("Roma-gezinnen wantrouwen instanties altijd.", "Roma-gezinnen"),
        ("Het is geen oordeel, maar binnen de Hindoestaanse gemeenschap wordt voor een uitvaart "
         "gewoon veel geld uitgegeven.", "Hindoestaanse gemeenschap"),
        ("Ik wil niet generaliseren, maar mensen met autisme hebben nu eenmaal moeite met het "
         "overzien van gevolgen.", "mensen met autisme"),
        ("Ex-verslaafden zijn met geld toch vaak onbetrouwbaar.", "Ex-verslaafden"),
        # third round: the group as an object taken up by a pronoun, kinds of people, claims
        # announced before the group, hedges in other words, generic 'je' (#14)
        ("Als je Somaliërs eenmaal binnenlaat, blijven ze altijd om meer vragen.", "Somaliërs"),
        ("Je weet hoe het gaat met Antilliaanse jongens, die verdwijnen gewoon.",
         "Antilliaanse jongens"),
        ("Met moslims kun je daar nou eenmaal niet over praten.", "moslims"),
        ("Van Eritreeërs weet je dat ze alles voor zich houden.", "Eritreeërs"),
        ("Voor Turkse ouders is school nou eenmaal de taak van de juf.", "Turkse ouders"),
        ("Zulke ouders willen niet geholpen worden.", "Zulke ouders"),
        ("Bij dat soort families kom je er niet tussen.", "dat soort families"),
        ("Die lui kijken alleen naar wat ze kunnen krijgen.", "Die lui"),
        ("Het is een tweede huwelijk, en dat geeft alleen maar gedoe in zo'n familie.",
         "familie"),
        ("In zo'n gezin beslist de oudste man, zo werkt dat.", "gezin"),
        ("Iedereen weet dat Bulgaren hier alleen voor de toeslagen komen.", "Bulgaren"),
        ("Zo zijn Surinamers, die komen wanneer het hun uitkomt.", "Surinamers"),
        ("Dat is typisch voor Turkse mannen.", "Turkse mannen"),
        ("Misschien is het een vooroordeel van mij, maar Marokkaanse jongens luisteren niet naar "
         "vrouwen.", "Marokkaanse jongens"),
        ("Het klinkt misschien hard, maar Turkse vaders bemoeien zich niet met school.",
         "Turkse vaders"),
        ("Niet iedereen natuurlijk, maar mensen die in een woonwagen wonen regelen het meestal "
         "onderling.", "mensen die in een woonwagen wonen"),
        ("In de Turkse gemeenschap praat je niet over psychische problemen.",
         "Turkse gemeenschap"),
        ("Binnen de Marokkaanse cultuur is het nou eenmaal de man die beslist.",
         "Marokkaanse cultuur"),
        ("Mannen uit die cultuur accepteren geen vrouw als hulpverlener.",
         "Mannen uit die cultuur"),
        ("Jongeren tegenwoordig hebben nergens respect voor.", "Jongeren tegenwoordig"),
        ("Ik wil niet generaliseren, maar bewoners van tachtig zijn na een verhuizing allemaal "
         "in de war.", "bewoners van tachtig"),
        ("Eens een junk, altijd een junk.", "junk"),
        ("Eens verslaafd, altijd verslaafd, zo werkt dat.", "verslaafd"),
        ("Zo'n Marokkaan laat zich niet helpen, dat zit erin.", "Marokkaan"),
        ("De gemiddelde Pool drinkt toch te veel.", "gemiddelde Pool"),
        ("Dat is typisch Surinaams, die regelen alles met de familie.", "Surinaams"),
        ("Die Marokkaantjes luisteren nergens naar.", "Die Marokkaantjes"),
        # fourth round: a fronted 'bij'/'in' phrase with the verb straight after it, 'je weet
        # toch hoe ... zijn', 'iets van ...', '=' as a verb
        ("Bij Eritreeërs beslist de man.", "Eritreeërs"),
        ("Bij Turken is familie alles.", "Turken"),
        ("In Somalische gezinnen bepaalt de oudste broer wat er gebeurt.",
         "Somalische gezinnen"),
        ("Je weet toch hoe Polen zijn.", "Polen"),
        ("Dat is echt iets van Marokkanen.", "Marokkanen"),
        ("marokkaanse jongens = probleem", "marokkaanse jongens"),
        # fifth round: an origin after a first part, a group after a colon, an age without
        # 'van', a kind with a singular verb, a pointed group by origin, a hedged group named by
        # its relative clause, one person for a group, a country of origin
        ("Ik zeg het eerlijk, die Oost-Afrikaanse vaders bemoeien zich vaak nergens mee.",
         "die Oost-Afrikaanse vaders"),
        ("Marokkaans-Nederlandse jongens zijn nou eenmaal trots.",
         "Marokkaans-Nederlandse jongens"),
        ("Eerlijk gezegd: moeders boven de zeventig leren dat nooit meer.",
         "moeders boven de zeventig"),
        ("Dat soort vaders bemoeit zich nergens mee.", "Dat soort vaders"),
        ("Met alle respect, maar mensen die geen Nederlands spreken kunnen hier niet meepraten.",
         "mensen die geen Nederlands spreken"),
        ("Een Somaliër vraagt nooit om hulp.", "Een Somaliër"),
        ("Mannen uit Afghanistan zijn erg trots.", "Mannen uit Afghanistan"),
        ("Die vluchtelingen willen alleen maar een huis.", "Die vluchtelingen"),
        ("Niet alle, maar de meeste Bulgaren werken gewoon zwart.", "Bulgaren"),
        # round 6: forms unseen writers used that went unflagged
        ("Het is typisch voor Somalische mannen dat de vrouw alles regelt.",
         "Somalische mannen"),
        ("Die Bulgaren jatten.", "Die Bulgaren"),
        ("Ik wil niet generaliseren maar glazenwassers zijn allemaal zo.", "glazenwassers"),
        ("Stratenmakers drinken nou eenmaal veel, dat weet iedereen.", "Stratenmakers"),
        ("Niet om te oordelen, maar mensen in die portiekflats zijn gewoon wantrouwiger.",
         "mensen in die portiekflats"),
        ("Het is geen oordeel, maar meiden die lang op straat hebben geleefd, die gaan meestal "
         "terug.", "meiden die lang op straat hebben geleefd"),
        ("Ik wil niet generaliseren, maar jongens die uit een instelling komen en geen "
         "diploma hebben, zitten vaak snel weer in de problemen.",
         "jongens die uit een instelling komen en geen diploma hebben"),
        ("Niet om te discrimineren hoor, maar mensen met zoveel schulden moeten ook zelf "
         "iets doen.", "mensen met zoveel schulden"),
        ("In de Betuwe zijn ze nou eenmaal wantrouwig tegen nieuwkomers.", "In de Betuwe"),
        ("En Irakese moeders willen het liefst alles zelf beslissen.", "Irakese moeders"),
        # a review of round 8: the writer speaks again after 'maar' (no report any more)
        ("Zij beweert van alles, maar Somaliërs zijn gewoon lui.", "Somaliërs"),
        ("De folder suggereert iets anders, maar Polen drinken nou eenmaal veel.", "Polen"),
    ],
)
def test_a_group_as_subject_of_a_generic_claim_is_flagged(text: str, group: str) -> None:
    found = find_generalisations(text)
    assert found, text
    assert text[slice(*found[0].group)] == group
    flag = score_reflection(text, FRAMEWORK).flags[0]
    assert group in flag.explanation and flag.claim in flag.explanation  # names both
    assert text[flag.start:flag.end] == flag.text


@pytest.mark.parametrize(
    "text",
    [
        "We vielen in 'in hun cultuur'-denken.",
        "De collega zei: Turken willen altijd alles zelf regelen. Dat klopt niet.",
        'Aan tafel zei iemand "ouderen van die generatie praten daar nou eenmaal niet over".',
        "Marokkanen willen altijd alles zelf regelen. Dat vond ik te makkelijk.",
        "Wie zijn dat, Afghanen, vaders, mensen met een migratieachtergrond?",
        "Niet alle Marokkanen zijn hetzelfde.",
        "Voor sommige Eritrese vrouwen is de kerk een plek waar nieuws wordt gedeeld.",
        "Nou, die mensen hebben het nooit gekregen.",
        "Vrouwen die nooit leerden zwemmen, doen nu niet mee.",
        "We vragen mevrouw zelf wat zij wil.",
        "Alsof alle Polen hetzelfde willen.",
        "Woonwagenbewoners zijn in het verleden van plek naar plek gestuurd.",
        "Ik zou het plan schrijven voor alle jongeren in die straten.",
        "Mensen die hier zonder papieren zitten, hebben vaak geen huisarts.",
        "Vrouwen van zestig die ontslagen worden, krijgen bij ons een eigen klantmanager.",
        "Mensen die schulden hebben krijgen van ons altijd een vaste contactpersoon.",
        "Mensen zonder papieren hebben recht op medische zorg.",
        "Jongeren van zestien mogen zelf beslissen over hun behandeling.",
        "Mannen die hun baan verloren hebben gaan vaak minder naar buiten, dus ik zou langsgaan.",
        "Hij valt op mannen en heeft dat nog nooit aan iemand verteld.",
        "Statushouders legden bij hun inschrijving vaak al een verklaring af.",
        "De jongeren komen altijd op zondag.",
        "Onze pleegouders komen altijd op tijd.",
        "Ik zou vragen of er meer dove ouders zijn die het buurthuis niet kennen.",
        "Woonwagenbewoners zijn jarenlang van plek naar plek gestuurd en dat weet iedereen.",
        # third round: denials, indirect questions, 'sommige', inversion, faith practice,
        # persons met in the case, 'maar' that is no hedge
        "Het is niet zo dat vluchtelingen altijd getraumatiseerd zijn.",
        "Ik zou nooit zeggen dat Surinamers te laat komen.",
        "Of Turkse vrouwen nooit een man over de vloer willen, weten we niet; we vragen het.",
        "Sommige Turkse vaders willen graag meedenken.",
        "Hindoestaanse families hebben we uitgenodigd voor de bijeenkomst.",
        "Moslims vieren het suikerfeest, dus we plannen het gesprek niet die week.",
        "We spraken vorige week met Turkse vaders, ze waren heel open.",
        "Met Roma-families werken we al jaren samen, ze weten ons altijd te vinden.",
        "We gaan langs bij de Poolse familie, ze willen graag praten.",
        "Niet iedereen weet dat statushouders recht hebben op een tolk.",
        "Ik heb respect voor haar keuze, maar we moeten wel over het geld praten.",
        "Het is misschien een vooroordeel van mij, dus ik vraag het haar gewoon.",
        "In zo'n situatie bel ik altijd eerst de wijkagent.",
        "Zulke vragen stel je niet zomaar.",
        "De collega dacht dat Polen altijd drinken, maar dat bleek niet zo.",
        "Vader apart bellen doen we niet, dat vraagt alleen maar om uitleg aan zijn vrouw.",
        "Iedere statushouder krijgt van ons een buddy.",
        "De Pool die bij ons werkt komt altijd op tijd.",
        "We vragen haar wat typisch Marokkaans is voor haar en wat niet.",
        "Bij Syrische gezinnen gaan we eerst langs met een tolk.",
        "Bij Poolse werknemers in de kas is de taal een drempel.",
        "Bij Eritrese jongeren uit de casus speelt schuld een rol.",
        "Bij moslims in de wijk hebben we een sleutelfiguur gevraagd.",
        "Ik weet niet hoe Polen zijn, ik ken er maar twee.",
        "We vroegen hoe Eritreeërs in de wijk wonen.",
        "Laaggeletterdheid komt in alle groepen voor.",
        "doel = zijn doel: weer alleen naar de markt.",
        # fifth round
        "Er zijn werkgevers die juist zulke jongens zoeken.",
        "Ouderen boven de tachtig krijgen van ons een papieren formulier.",
        "Mensen uit Syrië krijgen bij ons een vaste contactpersoon.",
        "Mensen uit Oekraïne krijgen een tijdelijke verblijfsstatus.",
        "In Syrië is het nooit veilig geweest.",
        "In Marokko gaat dat altijd via de familie, zegt meneer.",
        "De Marokkaan uit de casus vraagt nooit om hulp, dus wij bellen hem.",
        "In Syrië was oorlog, dus hij heeft veel meegemaakt.",
        "Niet alle ouders kwamen, maar we hebben de rest gebeld.",
        "Mensen die slecht Nederlands spreken, krijgen een tolk.",
        "Ik wil niet generaliseren, dus we vragen eerst wat zij zelf wil.",
        # round 6: lookalikes of the new forms
        "Het is typisch voor deze casus dat niemand doorvraagt.",
        "Het is niet typisch voor Somalische mannen dat de vrouw alles regelt.",
        "De buurman zei: 'die Bulgaren jatten'. Dat vond ik te makkelijk.",
        "Wij zien die mensen nooit aan het loket, dus we gaan bij hen langs.",
        "Ik wil niet generaliseren, maar ik denk dat we eerst met meneer moeten praten.",
        "Het is geen oordeel, maar de brief van de gemeente was onduidelijk.",
        "Niet om te oordelen, maar mensen die lang in de bijstand zaten, hebben we toen extra "
        "begeleid.",
        "Niet om te oordelen, maar ouders die hun kind thuis houden, moeten we eerst spreken.",
        "Vrijwilligers moeten altijd eerst een verklaring omtrent gedrag aanvragen.",
        "Bezoekers zijn altijd welkom in het buurthuis.",
        "Werkgevers krijgen van ons altijd een vaste contactpersoon.",
        "In het buurthuis zijn ze altijd open op woensdag.",
        "In de wijk zijn ze nou eenmaal druk met de verbouwing, dus we wachten even.",
        "Bij de gemeente zeggen ze altijd dat het geld op is.",
        "Glazenwassers hebben recht op een veilige ladder.",
        # a review after round 6: good news, a negated put-down, a role's or a place's fact
        "Die Syrische gezinnen profiteren van de nieuwe regeling voor kinderopvang.",
        "Die Eritreeërs liegen niet; ze zijn bang voor instanties.",
        "Die Turkse moeders zeuren niet, ze vragen terecht om een tolk.",
        "Docenten hebben het nou eenmaal druk in de toetsweek, dus we plannen het gesprek later.",
        "Bewoners hebben nou eenmaal recht op een tolk.",
        "Hulpverleners zijn nou eenmaal ook mensen, dus we bespreken onze eigen aannames.",
        "Werkgevers moeten nou eenmaal de wet volgen.",
        "In Den Haag zijn ze nou eenmaal bezig met een nieuw beleid.",
        # round 7: reported speech, the speaker after the claim or named before it
        "Turkse vrouwen willen geen man over de vloer, zegt de cliënt zelf, dat moeten we "
        "respecteren.",
        "Syrische mannen praten niet over hun gevoelens, zegt meneer zelf.",
        "Eritreeërs vertrouwen de overheid niet, zei ze, en daar had ze haar redenen voor.",
        "Volgens mevrouw zelf praten Turkse vrouwen nooit over geld.",
        "Mevrouw vertelt dat Somalische vrouwen nooit alleen naar de dokter gaan.",
        # round 7: false flags of released test3 and train-round6, in their forms
        "Samen koken erbij, daar komen mensen altijd op af!",
        "Mensen schamen zich het meest tegenover de mensen die het dichtst bij hen staan.",
        "Dus niet van uitgaan dat alle Turkse ouderen hetzelfde willen.",
        "De Eritrese en Ethiopische vrouwen koken al maanden voor buurtgenoten.",
        "Petra kent een groep waar ook moslimjongeren komen, die gaat ze opzoeken.",
        # round 8: false flags of released test4, in their general forms
        "Dat hebben ze vroeger over ons ook gezegd: die Somaliërs gaan toch weer terug.",
        "Ze hebben het me letterlijk verteld: Polen werken gewoon harder.",
        "Zijn opmerking gaat ervan uit dat Roma stelen.",
        "De folder veronderstelt dat moslims nooit alcohol drinken.",
        "Eritreeërs vertrouwen de overheid niet. Dat is gewoon een vooroordeel.",
        "Turken zijn altijd te laat. Dat klopt natuurlijk niet.",
        "Ik zou hem niet vragen om namens alle Marokkanen te spreken.",
        "Het wordt een regel voor alle statushouders in de gemeente.",
        # a review of round 8: someone else's saying after 'ik hoorde ...', and a report that
        # goes on after 'maar'
        "Ik hoorde een collega zeggen dat Ghanezen nooit op tijd komen, maar dat klopt niet.",
        "Wij hoorden de buurman zeggen dat Bulgaren altijd stelen.",
        "De collega beweerde dat ze het niet zo bedoelde, maar dat Roma nou eenmaal stelen.",
    ],
)
def test_quoted_reported_criticised_or_narrowed_claims_are_not_flagged(text: str) -> None:
    assert find_generalisations(text) == [], text
    assert score_reflection(text, FRAMEWORK).flags == ()


@pytest.mark.parametrize("text", [
    "Eritreeërs vertrouwen de overheid niet, zeg ik altijd.",
    "Volgens mij vertrouwen Eritreeërs de overheid nooit.",
    "Polen drinken allemaal te veel, dat zegt genoeg.",
    "Oude mensen kunnen nou eenmaal slecht tegen verandering.",
    "Die pinkstergemeenten laten alles aan God over, dat weet iedereen.",
    "Ik wil niet generaliseren, maar mensen zonder papieren willen gewoon niks met ons.",
    # a review of round 7: the narrowing rules must not hide these
    "Het is een wijk waar Marokkanen altijd overlast geven.",
    "Het is een land waar vrouwen nou eenmaal niks te zeggen hebben.",
    "Daar waar moslims komen is het nou eenmaal onrustig.",
    "Polen drinken elke week te veel.",
    "Roma stelen iedere week in de winkel.",
    "Turkse vrouwen zitten elke week thuis.",
    "Marokkanen stelen sinds een paar jaar steeds meer.",
    "Toen ik het team vertelde dat Marokkanen nou eenmaal lui zijn, was het stil.",
    "Turken zijn nou eenmaal lui, zegt de ervaring.",
    "Marokkanen zijn nou eenmaal lui, zegt het onderzoek, en dat klopt.",
    # round 8: the writer's own saying and assuming stay claims; a criticism is not 'geen'
    "Eerlijk gezegd, jongeren van nu willen allemaal snel rijk worden.",
    "Ik heb het altijd gezegd: Polen drinken te veel.",
    "Ik ga ervan uit dat asielzoekers fietsen stelen.",
    "Asielzoekers stelen fietsen. Dat is geen vooroordeel, dat is gewoon zo.",
    "Alle Marokkanen zijn hetzelfde, dus we praten met de familie.",
    # round 8, the miss of released test4: 'de hele dag' is a habit like 'altijd'
    "jongeren zitten de hele dag op hun telefoon, dat kiezen ze zelf.",
    "Statushouders zitten de hele tijd op hun telefoon.",
])
def test_the_writers_own_voice_is_no_report(text: str) -> None:
    assert score_reflection(text, FRAMEWORK).flags, text


def test_a_hedge_never_cancels_the_flag() -> None:
    for hedge in ("Ik wil niet generaliseren, maar", "Niet om te discrimineren hoor, maar",
                  "Het is geen oordeel, maar"):
        assert find_generalisations(f"{hedge} Surinamers zijn heel familiegericht.")


def test_no_points_from_a_sentence_that_stereotypes() -> None:
    inside = score_reflection("Die mensen moet je altijd met een tolk benaderen, zo zijn ze.",
                              FRAMEWORK)
    assert inside.flags and inside.pillars["maatwerk"].score == 0
    beside = score_reflection("Polen vragen nooit hulp. We regelen een professionele tolk.",
                              FRAMEWORK)
    assert beside.flags and beside.pillars["maatwerk"].score >= 1


def test_detection_can_be_switched_off_by_the_framework() -> None:
    silent = FRAMEWORK.model_copy(update={"generalisation": None})
    text = "Afrikanen vertrouwen instanties niet."
    assert score_reflection(text, FRAMEWORK).flags
    assert score_reflection(text, silent).flags == ()


def _texts_with_cues() -> list[str]:
    """Every text of the built-in deck and the labelled reflections (many with 'altijd',
    'nou eenmaal', 'dat zie je'), and places that run past a sentence end."""
    import yaml

    from benchmarks.report_session import CORPUS
    from casusspel.content.author_checks import _case_texts
    from casusspel.content.library import load_cases

    texts = [text for case in load_cases() for _, text in _case_texts(case)]
    for source in CORPUS:
        data = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        texts += [item["text"] for item in data["reflections"][::2]]
    return texts + ["Ze wonen op het. Platteland is nou eenmaal zo.",
                    "Dat zie je. Op het platteland altijd.", "Altijd op het platteland"]


def test_the_cue_shortcuts_of_case_texts_find_what_the_whole_search_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #19: a case's text (``cues_only``) skips the search where no generalising cue
    stands; without those shortcuts exactly the same claims are found."""
    from casusspel.scoring import generalisation, groups_nl

    texts = _texts_with_cues()
    texts += ["Ze zijn nou-eenmaal zo.", "Dat is nou een-maal zo.", "Al'tijd zo'n gedoe.",
              "Zij komen AL-TIJD te laat.", "Álle Polen."]
    for text in texts:  # the quick test on letters is the plain test on words
        norms = {w.norm for w in generalisation._words(text)}
        assert generalisation.has_cue(text) == (generalisation.might_have_cue(text) and any(
            set(cue) <= norms for cue in groups_nl.STRONG_CUES)), text
    fast = [find_generalisations(text, cues_only=True) for text in texts]
    monkeypatch.setattr(generalisation, "_has_cue_phrase", lambda text: True)
    monkeypatch.setattr(generalisation, "_cue_in_reach", lambda words, lo, hi: True)
    assert [find_generalisations(text, cues_only=True) for text in texts] == fast
    assert sum(1 for found in fast if found) >= 20  # the corpus does exercise the claims



@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # round 9 (review): the persons in the room or the case are no group ...
        ("De Afghaanse mannen in onze groep zijn de hele dag op hun telefoon.", False),
        ("De Syrische gezinnen uit de casus komen altijd op dinsdag.", False),
        ("Die Polen in de klas zijn altijd te laat.", False),
        # ... but the people of a neighbourhood are
        ("Marokkanen in onze wijk zijn altijd luidruchtig.", True),
        ("Afghaanse mannen zijn de hele dag op hun telefoon.", True),
    ],
)
def test_the_persons_present_are_no_group(text: str, flagged: bool) -> None:
    assert bool(find_generalisations(text)) is flagged
