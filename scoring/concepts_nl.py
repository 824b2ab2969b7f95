"""Dutch word groups for what a reflection can do, used as features of the model.

A concept fires when a word's lemma (or folded form) is in its set, or a word starts with one
of its stems; like words, a concept in a negated clause becomes ``~c:...``. Concepts let the
model learn from 'sms', 'mail' and 'beeldbellen' together what one word alone cannot show on a
few hundred texts. Written from the pillar rubric in DOMAIN.md, not from labelled texts.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CONCEPTS: dict[str, frozenset[str]] = {
    # maatwerk: the contact adapted
    "kanaal": _words("""bellen sms mail email mailen whatsapp app appen appje beeldbellen
        telefonisch telefoon langsgaan langskomen langs huisbezoek mondeling mondelinge
        spraakbericht spraakberichten videobellen kanaal brief brieven papier papieren online
        persoonlijk face"""),
    "taal": _words("""tolk tolken tolkendienst telefoontolk gebarentolk vertalen vertaling taal
        talen moedertaal ngt eenvoudig
        eenvoudige makkelijk makkelijke begrijpelijk begrijpelijke simpel simpele b1 plaatjes
        pictogrammen voorlezen voorleessoftware uitleggen uitleg samenvatting korter kort
        voordoen voorgedaan terugvertellen"""),
    "setting": _words("""tijd tempo rustig rustige avond avonds zaterdag ochtend middag tijdstip
        locatie plek ruimte opvang oppas kinderopvang vervoer taxi reiskosten vergoeding
        rooster avondles avondspreekuur thuis keukentafel gemak veilig veilige prikkelarm
        vergaderen vergadering"""),
    "aanwezig": _words("""apart vrouwelijke mannelijke erbij aanwezig
        vertrouwenspersoon zonder begeleider maatje"""),
    "vertrouwen": _words("""vertrouwen vertrouwd geruststellen gerust beloven vertrouwelijk
        excuses"""),
    # netwerk: others and the system
    "dienst": _words("""school huisarts poh ggz uwv wmo corporatie woningcorporatie gemeente bestuur
        raad organisatie wethouder politiek beleid wijkverpleging thuiszorg jeugdarts
        leerplicht schuldhulp voedselbank buurthuis bibliotheek taalschool werkgever
        werkgevers uitzendbureau ind ondernemersloket kvk coc vereniging zelforganisatie
        moskee kerk dominee imam pastor parochie mandir tempel sleutelfiguur buurtvader
        buurtwerker welzijn vrijwilliger vrijwilligers netwerk partner partners instantie
        ergotherapeut diëtist dietist psycholoog praktijkondersteuner consulent handhaving
        ambtenaar beleidsmedewerker teamleider collega collega's team"""),
    "samen": _words("""samenwerken samenwerking inschakelen betrekken overleggen overleg afstemmen
        doorverwijzen verwijzen bespreken terugkoppelen terugleggen signaleren signaal
        agenderen aankaarten melden adviseren advies aanbevelen voorstellen voorstel eisen"""),
    "systeem": _words("""formulier aanmeldformulier procedure regeling regel regels werkwijze
        systeem dossier intake contract protocol beleid werving werven vacature aanbod
        folder verwijsbrief verwijzing jaarverslag rapport evaluatie structureel standaard
        voortaan vragenlijst aanpassen schrappen optioneel vakje toegankelijk toegankelijkheid
        zorgplan huisregels"""),
    # netwerk: the client's own circle (informal network)
    "kring": _words("""buurvrouw buurman buren buurvrouwen buurmannen mantelzorger
        mantelzorgers mantelzorg neef nicht neven nichten tante tantes oom ooms vriendin vriend
        vrienden vriendinnen kennis kennissen familieleden schoonzus zwager schoonmoeder
        buddy maatje"""),
    # zelfreflectie: own frame
    "zelf": _words("""mezelf onszelf mijzelf wijzelf ikzelf schrok schrokken betrapte betrapten
        schaam schaamde schaamden eerlijk toegeven bekennen aanname aannames vooroordeel
        vooroordelen beeld bril blind blinde vlek ingevuld invullen uitgegaan dacht dachten
        reflex ongemakkelijk irritatie erger ergerde geirriteerd achteraf zelf vergeten vergat
        vergaten"""),
    # leefwereld: curiosity about the other
    "vraag": _words("""vragen vraag vroeg vroegen doorvragen navragen luisteren vertellen verhaal
        betekent betekenen betekenis nodig wil willen wensen wens zelf mist missen ervaring
        ervaart voelt voelen belangrijk angst bang zorgen leven gewend waarom"""),
}

FIRST_PERSON = _words("we wij ik ons onze mijn me mij")

# Ways of getting in touch or making arrangements: with the client an adapted channel
# (maatwerk), but in a clause that names someone of the network or a service ('we bellen de
# buurvrouw', 'de school mailen', 'met school afspreken dat hij later mag beginnen') working with
# others (netwerk).
CONTACT_WORDS = _words("""bel bellen mailen mail appen app whatsapp whatsappen sms smsen
    langsgaan langskomen beeldbellen videobellen telefonisch afspreken afspraak afspraken
    spreken""")
NETWORK_PEOPLE = CONCEPTS["dienst"] | CONCEPTS["kring"]

# Names of languages are also adjectives of origin ('Poolse jongeren'): they count for the word
# group 'taal' only after a word that makes them a language ('in het Pools', 'spreekt Tarifit').
LANGUAGES = _words("""engels pools arabisch turks tigrinya papiaments tarifit berbers nederlands
    frans duits somalisch farsi dari koerdisch russisch oekraiens roemeens portugees spaans
    chinees""")
BEFORE_LANGUAGE = _words("het in spreekt spreken praat praten sprak taal tolk")

# Which word groups belong to which default pillar (shown as evidence only for their pillar).
PILLAR_CONCEPTS = {
    "zelfreflectie": frozenset({"zelf"}),
    "leefwereld": frozenset({"vraag"}),
    "maatwerk": frozenset({"kanaal", "taal", "setting", "aanwezig", "vertrouwen"}),
    "netwerk": frozenset({"dienst", "samen", "systeem", "kring"}),
}


# How a word group is named for a trainer when one of its words is evidence ('"sms": een andere
# manier van contact (model)'); the group's code means nothing in a room.
CONCEPT_NAMES = {
    "kanaal": "een andere manier van contact",
    "taal": "taal of uitleg op maat",
    "setting": "tijd, plek of tempo",
    "aanwezig": "wie erbij is",
    "vertrouwen": "vertrouwen",
    "dienst": "een dienst, beroep of organisatie",
    "samen": "samenwerken, overleggen of signaleren",
    "systeem": "regels, formulieren of beleid",
    "kring": "iemand uit de eigen kring",
    "zelf": "kijken naar de eigen blik",
    "vraag": "vragen en luisteren naar de ander",
}
