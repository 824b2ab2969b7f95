"""Dutch words for groups of people and for generic claims about them (folded: lower case, no
accents). Used by ``generalisation.py``; extend the lists here when a group is missed.

A *group* is named by a plural noun ('Marokkanen', 'moslims', 'ouderen'), an adjective with a
person noun ('Surinaamse ouderen', 'zware gereformeerde gezinnen'), a compound
('moslimvrouwen', 'bijstandsmoeders'), a phrase ('mensen met een beperking', 'mensen in de
bijstand') or a pointing phrase ('die mensen', 'dat soort gezinnen', 'in die wijk').
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Inflection (thirteenth round): a label or group word is listed in one form and matched in all
# of its regular forms, made here by Dutch spelling rules. A form that is no real word does no
# harm (it never occurs); the forms that could be another word are kept out ('-s' only after the
# endings that take it: 'turks' is an adjective, not the plural of 'turk').
_VOWELS = "aeiou"
_LONG = ("aa", "ee", "oo", "uu")
_SHORT_END = re.compile(r"(?<![aeiou])[aeiou](?:ng|[lnrm])$")
_S_PLURAL_ENDINGS = ("er", "el", "em", "en", "je", "ie", "a", "e", "i", "o", "u", "y")


def _stems(word: str) -> set[str]:
    """The stem before an ending that starts with a vowel: 'allochtoon' -> 'allochton' (a long
    vowel is written once in an open syllable, 's' and 'f' may become 'z' and 'v': 'chinees' ->
    'chinez'), 'brit' -> 'britt' (a short vowel keeps its syllable closed), else the word."""
    stems = {word}
    if len(word) > 3 and word[-1] not in _VOWELS and word[-3:-1] in _LONG:
        open_ = word[:-2] + word[-1]
        stems.add(open_)
        voiced = {"s": "z", "f": "v"}.get(word[-1])
        if voiced:
            stems.add(open_[:-1] + voiced)
    elif len(word) > 2 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS \
            and word[-3] not in _VOWELS and not word.endswith(("er", "el", "em", "en", "ig")):
        stems.add(word + word[-1])
    return stems


def plural_forms(word: str) -> set[str]:
    """Plurals of a singular noun: 'allochtoon' -> 'allochtonen', 'surinamer' -> 'surinamers'."""
    forms = {stem + "en" for stem in _stems(word)}
    if word.endswith(_S_PLURAL_ENDINGS):
        forms.add(word + "s")
    return forms


def adjective_forms(word: str) -> set[str]:
    """The inflected adjective: 'allochtoon' -> 'allochtone', 'marokkaans' -> 'marokkaanse'."""
    return {stem + "e" for stem in _stems(word)}


def diminutive_forms(word: str) -> set[str]:
    """Diminutives, singular and plural: 'allochtoon' -> 'allochtoontje(s)', 'turk' ->
    'turkje(s)', 'moslim' -> 'moslimpje(s)', 'vluchteling' -> 'vluchtelingetje(s)'."""
    if word[-1] in _VOWELS or word[-2:] in _LONG or word.endswith(("l", "n", "r", "w")):
        small = {word + "tje"}
    elif word.endswith("m"):
        small = {word + "pje"}
    else:
        small = {word + "je"}
    short = _SHORT_END.search(word)
    if short:  # a short vowel before l, n, r, m or ng: 'man' -> 'mannetje', 'ring' -> 'ringetje'
        small |= {stem + "etje" for stem in _stems(word)}
    return small | {form + "s" for form in small}


def label_forms(word: str) -> frozenset[str]:
    """Every regular form of a label word given in its base form (a singular noun or an
    uninflected adjective, folded): 'allochtoon' -> 'allochtone', 'allochtonen',
    'allochtoontje', ... Used for the framework's ``labels`` and the group lists below."""
    return frozenset({word} | plural_forms(word) | adjective_forms(word)
                     | diminutive_forms(word))


# One person named for a group ('zo'n Marokkaan', 'elke Turk', 'de gemiddelde Pool').
_LISTED_SINGULARS = _words("""
marokkaan turk pool surinamer antilliaan somalier eritreeer syrier afghaan afrikaan arabier
roemeen bulgaar moslim moslima christen jood hindoe hindoestaan allochtoon buitenlander
migrant vluchteling asielzoeker statushouder nieuwkomer nederlander hollander
""")
# ... and its diminutive ('zo'n Marokkaantje'), made by the rules above.
SINGULAR_IDENTITY = _LISTED_SINGULARS | frozenset(
    form for word in _LISTED_SINGULARS for form in diminutive_forms(word)
    if not form.endswith("s"))

# Plural nouns that name a group by origin, religion, identity, disability, income or education.
# These make any generic claim a generalisation.
_LISTED_PLURALS = _words("""
marokkanen turken polen surinamers antillianen arubanen kaapverdianen somaliers eritreeers
ethiopiers syriers irakezen iraniers afghanen koerden pakistanen indiers chinezen vietnamezen
filipijnen ghanezen nigerianen afrikanen arabieren aziaten bulgaren roemenen hongaren litouwers
oekrainers russen oosteuropeanen italianen spanjaarden portugezen grieken bosniers
albanezen hindoestanen molukkers indos javanen berbers roma sinti zigeuners woonwagenbewoners
woonwagenvolk kampers buitenlanders allochtonen migranten arbeidsmigranten expats vluchtelingen
asielzoekers statushouders nieuwkomers gelukszoekers nederlanders hollanders autochtonen
westerlingen belgen duitsers britten amerikanen brabanders friezen limburgers randstedelingen
moslims moslimas islamieten christenen katholieken protestanten gereformeerden refos
bevindelijken joden hindoes boeddhisten sikhs gelovigen atheisten salafisten orthodoxen
bekeerlingen
complotdenkers complotgelovigen wappies antivaxers vaccinweigeraars coronaontkenners
klimaatontkenners
pinkstergemeenten pinkstergemeentes pinkstergelovigen pinksterkerken evangelischen
homos lesbiennes lhbtiers transgenders transpersonen biseksuelen
doven blinden gehandicapten autisten daklozen verslaafden exverslaafden junkies gedetineerden
exgedetineerden polakken
uitkeringstrekkers bijstandsmoeders bijstandsgerechtigden bijstandsgezinnen laaggeletterden
laagopgeleiden hoogopgeleiden armen rijken werklozen
europeanen latinos caribiers scandinaviers
""")
# ... with the plurals and plural diminutives of the singulars above ('allochtonen',
# 'marokkaantjes', 'turkjes'), made by the rules, not listed one by one.
IDENTITY_NOUNS = _LISTED_PLURALS | frozenset(
    form for word in _LISTED_SINGULARS
    for form in plural_forms(word) | {f for f in diminutive_forms(word) if f.endswith("s")})

# Plural nouns for broad groups (age, gender, role, work). A claim about them needs a clear
# generalising word ('nou eenmaal', 'altijd', 'dat weet iedereen') before it is flagged.
BROAD_NOUNS = _words("""
mannen vrouwen meisjes meiden meids jongens vaders moeders ouders ouderen bejaarden senioren
jongeren pubers
tieners millennials boomers babyboomers alleenstaanden weduwen ondernemers zzpers boeren
chauffeurs vrachtwagenchauffeurs bouwvakkers ambtenaren politici studenten mensen types
boerinnen
groningers zeeuwen drenten twentenaren achterhoekers
families gezinnen culturen kringen jongeren vrouwtjes mannetjes ouwetjes
""")

# Adjectives (inflected) that turn a person noun into a group: 'Marokkaanse mannen'.
GROUP_ADJECTIVES = _words("""
marokkaanse turkse poolse surinaamse antilliaanse arubaanse kaapverdiaanse somalische eritrese
ethiopische syrische iraakse irakese iraanse afghaanse koerdische pakistaanse indiase chinese
vietnamese filipijnse ghanese nigeriaanse afrikaanse arabische aziatische bulgaarse roemeense
hongaarse litouwse oekraiense russische oosteuropese italiaanse spaanse portugese griekse
bosnische albanese hindoestaanse molukse indische javaanse berberse koerdische
islamitische christelijke katholieke protestantse gereformeerde refo joodse hindoeistische
orthodoxe streng strenggelovige zwaargereformeerde gelovige religieuze allochtone buitenlandse
nederlandse hollandse autochtone westerse witte zwarte homoseksuele lesbische dove blinde
gehandicapte
arme rijke laagopgeleide hoogopgeleide traditionele nieuwe oudere jonge zware
amerikaanse europese caribische scandinavische balkan
friese groningse zeeuwse limburgse brabantse drentse twentse achterhoekse
""")
# Adjectives of a Dutch region (twelfth round, test8: 'Friese boerinnen van die leeftijd zijn
# binnenvetters'): they make a group, but a broad one, like 'oudere' ('Limburgse ouderen gaan
# graag naar de carnavalsmiddag' is no claim; with 'nou eenmaal' or after a hedge it is).
REGIONAL_ADJECTIVES = _words("friese groningse zeeuwse limburgse brabantse drentse twentse "
                             "achterhoekse")

# A faith's congregations ('die zware kerken', 'pinkstergemeentes'): as a place ('in die zware
# kerken heeft de man het laatste woord') they stand for their people, a religious group; as
# the subject of a plain statement they are organisations that act ('die pinkstergemeentes doen
# veel voor mensen'), no claim about people (eleventh round, test7 and the folds).
CONGREGATIONS = _words("""
kerken kerkgenootschappen gemeenten gemeentes moskeeen pinkstergemeenten pinkstergemeentes
pinksterkerken synagogen tempels
""")
# What congregations do for others ('doen veel voor mensen', 'vangen nieuwkomers op').
SERVICE_WORDS = _words("""
voor helpen helpt ondersteunen steunen organiseren organiseert bieden biedt vangen geven
doneren inzamelen zamelen koken
""")
# Adjectives that make congregations a religious group ('zware kerken', 'strenge gemeenten').
STRICT_ADJECTIVES = _words("""
zware strenge streng bevindelijke orthodoxe gereformeerde zwaargereformeerde strenggelovige
refo refoe evangelische islamitische salafistische conservatieve
""")
# Person nouns that follow such an adjective ('... mannen', '... gezinnen').
PERSON_HEADS = _words("""
mannen vrouwen meisjes jongens vaders moeders ouders ouderen jongeren gezinnen families mensen
kinderen echtparen culturen gemeenschappen huishoudens buurten wijken werknemers klanten
clienten patienten bewoners moslims gelovigen gereformeerden jongelui types kerken moskeeen
gemeenschap community cultuur groepen stellen koppels
""")

# Person heads that are verbs too ('Indiase stellen' and 'Eritreeërs stellen zich op'): after
# a group they are the verb.
VERB_HEADS = _words("stellen")

# Endings of compounds that name a group when their first part is a group word:
# 'moslimvrouwen', 'bijstandsmoeders', 'migrantengezinnen'.
COMPOUND_HEADS = ("vrouwen", "mannen", "meisjes", "jongens", "moeders", "vaders", "ouders",
                  "gezinnen", "families", "jongeren", "ouderen", "kinderen", "gemeenschap",
                  "gemeenschappen")
# Any other plural compound of these people nouns names a broad group ('boerenvrouwen',
# 'voetbalvaders'), counted only as a bare subject with a clear generalising word.
BROAD_COMPOUND_HEADS = ("vrouwen", "mannen", "meisjes", "jongens", "moeders", "vaders", "ouders",
                        "gezinnen", "families")
COMPOUND_PREFIXES = ("moslim", "homo", "trans", "lesbi", "bijstand", "migrant", "allochto",
                     "turk", "marokka", "surina", "pool", "vluchteling", "arbeidsmigrant",
                     "hindoe", "islam", "refo",
                     "woonwagen", "kampers", "asiel", "status", "uitkering", "zigeuner",
                     "buitenland", "roma", "doven", "joods", "chinees", "antilliaan")

# Nouns after a pointing word that make a group of individuals: 'die mensen', 'zulke gezinnen'.
POINTED_HEADS = PERSON_HEADS | IDENTITY_NOUNS | _words("types figuren lui volk wijk wijken groep "
                                                        "families kringen culturen buurt "
                                                        "landen dorpen huishoudens wereld")
POINTERS = _words("die zulke")
SORT_OF = (("dat", "soort"), ("dit", "soort"), ("zo", "n", "soort"), ("dat", "type"))

# Phrases that name a group: checked as token sequences ('mensen met een beperking').
GROUP_PHRASES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
mensen met een beperking
mensen met een verstandelijke beperking
mensen met een lichamelijke beperking
mensen met een psychische aandoening
mensen met een migratieachtergrond
mensen met een uitkering
mensen in de bijstand
mensen in de schuldhulp
mensen in de schuldsanering
mensen in de schulden
mensen uit de bijstand
mensen van kleur
mensen uit het middenoosten
mannen uit het middenoosten
vrouwen uit het middenoosten
mensen uit oosteuropa
arbeidsmigranten uit oosteuropa
mensen uit afrika
mensen uit azie
mensen uit dat land
mensen uit die landen
ouderen met een migratieachtergrond
jongeren met een migratieachtergrond
ouders met een migratieachtergrond
mensen die het zwaar hebben
mensen met weinig geld
mensen met schulden
sommige culturen
sommige groepen
andere culturen
die cultuur
die culturen
hun cultuur
de islam
""".strip().splitlines())

# Places whose people are spoken of as one ('op het platteland zijn ze nou eenmaal ...'):
# a topic, flagged only with a clear generalising word.
PLACES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
op het platteland
in de randstad
in die dorpen
in die buurt
in die buurten
in de bijbelgordel
in het zuiden
in het noorden
in het oosten
in oosteuropa
in afrika
in het middenoosten
""".strip().splitlines())

# Countries and regions of origin: 'mannen uit Afghanistan' is a group by origin ('mensen uit
# Syrië' stays broad: 'mensen uit Oekraïne krijgen een tijdelijke status' is a fact).
COUNTRIES = _words("""
syrie turkije marokko suriname afghanistan eritrea somalie ethiopie irak iran bulgarije roemenie
afrika azie ghana nigeria china india pakistan oekraine rusland albanie bosnie curacao aruba
antillen kaapverdie egypte libanon koerdistan jemen soedan congo indonesie vietnam polen
oosteuropa middenoosten zuidamerika latijnsamerika balkan
""")

# A group's scope narrowed to a generation or age: 'Marokkaanse mannen van die leeftijd'.
NARROWERS = (("van", "die", "leeftijd"), ("van", "die", "generatie"), ("van", "hun", "leeftijd"),
              ("van", "vroeger"), ("van", "tegenwoordig"), ("van", "nu"), ("tegenwoordig",),
              ("van", "vandaag", "de", "dag"))

# Ages after a group noun: 'vrouwen van zestig', 'mannen van boven de 70'.
AGE_NUMBERS = _words("""
twintig dertig veertig vijftig zestig zeventig tachtig negentig zestien zeventien achttien
negentien twaalf dertien veertien vijftien
""")
# What defines a group after 'met'/'zonder' or in its relative clause and names an identity
# (origin, residence status, faith, disability): 'mensen zonder papieren', 'mensen met een
# buitenlandse achternaam', 'mensen die hier zonder papieren zitten'.
IDENTITY_PROPERTIES = _words("""
papieren verblijfsvergunning verblijfsstatus migratieachtergrond achternaam hoofddoek
hoofddoekje boerka nikab accent huidskleur kleur beperking handicap autisme lvb
""")

# Words before a group noun that make it a particular set of people, not the group.
SPECIFIC_BEFORE = _words("""
de het deze onze mijn zijn haar jullie uw welke wie twee drie vier vijf zes zeven acht negen
tien elf twaalf andere beide enkele paar diens wiens eigen zo'n zon een
vaste
""")
# ('vaste': 'vaste chauffeurs', 'vaste vrijwilligers' are the persons assigned to someone, no
# group; twelfth round, a false flag in train-round12.)
# Words before a group noun that make the claim about part of the group (a hedge that
# stands: 'sommige', 'veel'); only a clear generalising word still flags then.
PART_BEFORE = _words("sommige veel vele enkele een deel meeste heel wat meer minder weinig genoeg "
                     "hoeveel")
# Prepositions before a group noun that make it something other than the subject or topic.
NOT_SUBJECT_BEFORE = _words("""
met naar aan van over tegen door zoals tussen onder om als voor tot zonder vanuit richting op
""")
TOPIC_BEFORE = _words("bij in binnen")
# Collective nouns spoken of with 'de' as a whole: 'binnen de Hindoestaanse gemeenschap'.
COLLECTIVE_HEADS = _words("gemeenschap gemeenschappen cultuur community")

# Words that make a claim about a group generic ('nou eenmaal', 'altijd', 'dat weet iedereen').
STRONG_CUES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
nou eenmaal
nu eenmaal
altijd
de hele dag
de hele tijd
hele dagen
nooit
allemaal
alle
iedereen weet
weet iedereen
weten we allemaal
algemeen bekend
wel bekend
is bekend
bekend fenomeen
dat zie je
dat zie ik
je ziet
een patroon
zie je toch
zie je overal
zie je vaak
dat hoor je
dat is gewoon zo
dat is zo
zo is het
zo zijn ze
zo gaat dat
zo gaat het
zo werkt dat
zo werkt het
typisch
van nature
in hun dna
in hun bloed
daar normaal
daar heel normaal
daar gewoon normaal
daar gewoon zo
zit erin
zit er in
zit er zo in
zit er gewoon in
zit er echt in
al generaties
generaties zo
bij hen
bij hun geloof
bij hun soort
bij hun thuis
bij hun mensen
hun cultuur
cultureel
sowieso
echte reden
dat hoort erbij
hoort er bij
hoort erbij
hoort bij hun
dat is logisch
is daar taboe
een taboe
weten precies
precies hoe
""".strip().splitlines())

# Weaker words that still mark a generic claim when the group names origin, religion or the like.
MEDIUM_CUES = _words("gewoon vaak toch meestal heel erg echt graag liever prima heus zeker "
                     "nergens overal")

# Present-tense verbs that carry a generic claim after a group ('Afrikanen vertrouwen ...').
PRESENT_VERBS = _words("""
zijn is willen wil hebben heeft kunnen kan mogen mag moeten moet laten laat gaan gaat doen doet
komen komt praten vragen leven werken blijven houden regelen lossen zien vinden weten denken
vertrouwen wantrouwen hechten kiezen drinken eten lezen snappen begrijpen accepteren klagen
haken vullen worden wordt staan zitten slaan krijgen geven nemen zorgen zoeken spreken
trouwen bepalen beslissen luisteren schamen voelen durven hoeven verwachten respecteren
gebruiken betalen sparen stelen liegen schreeuwen vechten roken wonen geloven zuipen jatten
blowen frauderen profiteren zeuren zeiken luieren bedriegen dealen
""")
# Verbs that put a whole group down ('die Polen zuipen', 'die Marokkanen jatten'): after a
# group pointed at with 'die' they make a claim on their own (other verbs need a generalising
# word there, since 'die Polen' may be the men in the case). Not 'profiteren': 'die gezinnen
# profiteren van de regeling' is good news, not a put-down.
PEJORATIVE_VERBS = _words("""
zuipen jatten stelen liegen blowen frauderen klaplopen zeuren zeiken luieren
bedriegen dealen tetteren
""")
# Strong simple past forms after a group: it tells what happened ('kwamen', 'gingen').
PAST_VERBS = _words("""
kwamen gingen waren hadden werden kregen zagen namen gaven bleven stonden zaten lieten
""")
# Words ending in -en after a group that are not its verb.
NOT_VERBS = _words("""
tegen boven beneden binnen buiten volgens tussen zonder even open alleen meteen samen eigen
kinderen mensen vrouwen mannen jongeren ouderen anderen allen
""")

# Words in a sentence that show it reports, quotes or criticises a generalisation rather
# than making one ('de collega zei...', 'dat is een vooroordeel', 'alsof').
REPORTING = _words("""
zei zegt zeggen zeiden noemt noemde noemen riep vroeg opmerking reactie reflex gedachte
gedachten idee beeld beelden vooroordeel vooroordelen stereotype stereotypen stereotiep
cliche hokje hokjes etiket label culturaliseren culturaliseert doelgroepdenken alsof
dachten dacht denken denkt geloofden valkuil oppassen letterlijk citaat uitspraak
adviseren adviseer adviseert voorstel voorstellen pleiten
gezegd verteld geroepen beweerd beweert beweren beweerde veronderstelt veronderstellen
suggereert suggereren impliceert impliceren
""")
# Fixed hedges that do NOT excuse a generalisation: the claim after 'maar' stands.
HEDGES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
ik wil niet generaliseren
niet om te generaliseren
wil niet generaliseren
zonder te generaliseren
niet om te discrimineren
het is geen oordeel
geen oordeel
ik zeg het voorzichtig
ik wil niemand beledigen
met alle respect
ik heb niks tegen
ik heb niets tegen
niet om lullig te doen
eerlijk is eerlijk
""".strip().splitlines())
# A next sentence that starts like this criticises the sentence before.
CRITICISM = tuple(tuple(p.split()) for p in """
dat vond ik
dat vonden wij
dat vonden we
daar ben ik het niet mee eens
daar zijn we het niet mee eens
ik ben het daar niet mee eens
dat klopt niet
dat klopt gewoon niet
maar dat klopt
onzin
dat is niet waar
dat is te makkelijk
dat is een vooroordeel
dat is een stereotype
dat is een cliche
dat is racisme
dat is discriminatie
""".strip().splitlines())
# Words that make 'in <land> is het ...' a norm of its people ('in India is het normaal dat
# ...', 'in Arabische landen is het zo dat ...').
NORMALITY: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
normaal
gebruikelijk
gewoonte
zo dat
nou eenmaal
""".strip().splitlines())
# Whom a writer answers after 'tegen' ('tegen die collega: ...', 'tegen de teamleider zou ik
# zeggen: ...'): what follows is a reply, not the writer's claim.
ADDRESSED = _words("""
collega collegas teamleider leidinggevende manager trainer mentor voorzitter docent docente
juf meester buurman buurvrouw wethouder consulent hem haar hen ze
""")
# Later in the same sentence, words that reject what came before ('dat het team expats niet
# als doelgroep ziet klopt gewoon niet'); small words left out as in a criticism.
REJECTIONS = tuple(tuple(p.split()) for p in """
klopt niet
klopt dus niet
is niet waar
is onzin
""".strip().splitlines())
# Small words that may stand in a criticism without changing it ('dat is gewoon een
# vooroordeel', 'dat klopt natuurlijk niet'; round 8, released test4); never 'geen'.
CRITICISM_FILLERS = _words("gewoon gewoonweg echt ook natuurlijk toch wel puur pure eigenlijk "
                           "volgens mij simpelweg")
# Negations right before a group ('niet alle', 'lang niet alle'): no claim about all.
NEGATED_BEFORE = _words("niet geen nooit")

# Words in the first part of a sentence that make it a hedge when 'maar' follows ('misschien is
# het een vooroordeel van mij, maar ...', 'niet allemaal natuurlijk, maar ...'): the claim after
# 'maar' stands, and the hedge's own words ('vooroordeel') do not make it a criticism.
HEDGE_WORDS = _words("""
generaliseren generaliseer generalisatie oordeel oordelen vooroordeel discrimineren
discriminerend racistisch racist beledigen kwetsen lullig respect correct bocht hard
allemaal iedereen alle
""")
# Words before a group that deny the claim that follows ('het is niet zo dat ...',
# 'ik zou nooit zeggen dat ...').
DENIALS: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
niet zo dat
niet waar dat
klopt niet dat
nooit zeggen
niet zeggen
niet denken
niet dat
onzin dat
misverstand dat
niet van uitgaan dat
niet vanuit gaan dat
niet van uit gaan dat
niet aannemen dat
""".strip().splitlines())
# Words before a group that open an indirect question ('of Turkse vrouwen ..., weten we niet').
QUESTION_BEFORE = _words("of waarom hoe wanneer hoeverre")
# A claim that a group knows, or that everybody knows, said before the group ('iedereen weet dat
# Bulgaren ...', 'zo zijn Surinamers', 'dat is typisch voor Turkse mannen').
LEADING_CUES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
iedereen weet
weet iedereen
je weet dat
je weet hoe
weet je dat
weet je hoe
je weet toch hoe
weet toch hoe
van bekend dat
algemeen bekend
zo zijn
typisch voor
is iets van
is echt iets van
is typisch iets van
is gewoon iets van
typisch iets voor
""".strip().splitlines())
# Pointing words that name a kind of people, not persons met in the case ('zulke ouders', 'dat
# soort families'): a plain present-tense claim about them generalises.
KIND_POINTERS = _words("zulke zulk")
# Singular person nouns after "zo'n": 'in zo'n gezin' is a kind of family (flagged with a clear
# generalising word, or 'alleen maar').
KIND_SINGULARS = _words("gezin familie man vrouw vader moeder jongen meisje type figuur cultuur "
                        "wijk buurt")
# Religious practice: a present-tense statement about a faith's feasts and rites is respectful
# talk about faith ('moslims vieren het suikerfeest'), not a claim about how its people are.
PRACTICES = _words("""
ramadan suikerfeest offerfeest vasten vastenmaand bidden gebed gebeden kerst pasen pinksteren
sabbat diwali holi vieren viert feestdag feestdagen kerkdienst vrijdaggebed halal koosjer
psalmen psalm zingen zingt liederen kerkdiensten eredienst erediensten preek
""")
GENERIC_SINGULAR_BEFORE = _words("zon elke iedere typische")
# 'typisch Marokkaans', 'typisch Hollands': an origin's adjective (without -e) as a label.
TYPICAL_OF = frozenset(a[:-1] for a in GROUP_ADJECTIVES if a.endswith("se") or a.endswith("che")
                       or a in ("hollandse", "nederlandse")) | _words("marokkaans turks pools")
# Now and then: a plain present-tense statement with one of these and no generalising word
# says what happens, not what a group is like ('Turkse vrouwen gaan soms niet naar de dokter';
# eleventh round, a false flag in the folds; the model has the same rule).
NOW_AND_THEN = _words("soms weleens sommigen")
# A time that anchors a plain present-tense statement to these people ('de Eritrese vrouwen
# koken al maanden voor buurtgenoten'): what they do now, not a habit of their group.
SPECIFIC_TIMES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
al maanden
al weken
sinds kort
sinds vorige
deze week
deze maand
vorige week
""".strip().splitlines())
# Words right after a group that make it the persons in the room or the case, not a group
# ('de Afghaanse mannen in onze groep zijn de hele dag ...', 'de Syrische gezinnen uit de
# casus'); ninth round, a false flag found in review. Not 'in onze wijk': that is a group.
THESE_PERSONS_AFTER: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in """
in onze groep
in ons groepje
in mijn groep
in deze groep
in die groep
in de groep
in het groepje
in onze klas
in mijn klas
in de klas
in ons team
in mijn team
in onze cursus
in de cursus
in de training
in deze training
in de casus
in deze casus
uit de casus
uit deze casus
van de casus
van deze casus
""".strip().splitlines())
