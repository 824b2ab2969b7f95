"""Who does what to whom, per clause: the agent, the class of the main verb, the patient, the mood.

Thirteenth round. The model read words and word groups; a sentence's meaning for the pillars
often lies in who acts on whom ('wij hadden ingevuld dat ...' is the team assuming, 'we vragen
mevrouw wat zij wil' the team asking the client, 'de gemeente heeft de uitkering stopgezet' an
institution described). Here each clause gets

- an **agent**: ``team`` (the writer: 'ik', 'we', 'je' as the generic professional, 'ons
  team'), ``client`` (the client and the case's people: 'mevrouw', 'hij', 'de moeder', 'het
  gezin'), ``netwerk`` (someone of the network: 'school', 'huisarts', 'buurvrouw', a profession)
  or ``instelling`` (an institution or a rule: 'de gemeente', 'het systeem', 'de regels');
  the first such word that is no object ('hem', 'ons') and follows no preposition ('met de
  school'); a clause without one takes the agent of the clause before it in the sentence ('we
  bellen haar en vragen ...');
- an **action**: the class of its first verb from short closed lists (``ACTIONS``), else
  ``beschrijven`` (describe, have, be);
- a **patient**: the first other person word after the agent (an object or after a
  preposition: 'met de buurtvader');
- a **mood**: ``voorwaarde`` ('als ...'), ``vraag`` (a clause that opens with 'wat', 'hoe'),
  ``verleden``, ``plan`` (a modal or 'voortaan') or ``nu``.

Verb classes are lists of verbs, not of nouns: they generalise to writers nobody read. Plain
Python, one pass over the tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

from casusspel.scoring.concepts_nl import CONCEPTS
from casusspel.scoring.text import Token, verb_stems

ROLE_PREFIX = "rol:"

SEPARABLE = ("door", "op", "aan", "in", "uit", "mee", "na", "terug", "samen", "bij", "af",
             "toe", "over", "langs", "stop", "vast", "voor", "om", "rond", "weg", "ver")
UNSTRESSED = ("be", "ge", "ver", "her", "ont", "er")


def _forms(infinitive: str) -> set[str]:
    """Regular Dutch forms of a verb: the infinitive, its stems, stem+t, the past tense (-te,
    -de, -ten, -den) and the participle (ge-...-d/-t; after a separable particle too)."""
    particle = next((p for p in SEPARABLE if infinitive.startswith(p)
                     and len(infinitive) - len(p) >= 4), "")
    base = infinitive[len(particle):]
    found = {infinitive, base}
    for stem in verb_stems(base) or {base}:
        found |= {stem, stem + "t", stem + "te", stem + "de", stem + "ten", stem + "den"}
        prefix = "" if base.startswith(UNSTRESSED) else "ge"
        found |= {prefix + stem + "d", prefix + stem + "t"}
    return {infinitive} | {particle + form for form in found} if particle else found


def _verbs(regular: str, irregular: str = "") -> frozenset[str]:
    words: set[str] = set(irregular.split())
    for infinitive in regular.split():
        words |= _forms(infinitive)
    return frozenset(words)


# The action classes: short closed lists of verbs (and a few words of the same act).
ACTIONS: dict[str, frozenset[str]] = {
    # ask, listen, find out
    "vragen": _verbs(
        """vragen navragen doorvragen uitvragen luisteren uitzoeken nagaan checken informeren
        onderzoeken peilen aftasten verkennen""",
        """vraag vraagt vroeg vroegen gevraagd nagevraagd doorgevraagd uitgezocht
        nagegaan navraag benieuwd afvragen afgevraagd"""),
    # assume, fill in, judge
    "aannemen": _verbs(
        """aannemen invullen uitgaan veronderstellen oordelen veroordelen inschatten bestempelen
        labelen afdoen afschrijven concluderen verwachten denken""",
        """aangenomen nam namen ingevuld vulde vulden uitgegaan ging gingen dacht dachten gedacht
        denk denkt ingeschat verwacht geconcludeerd beoordeeld beoordeelden oordeelden"""),
    # feel, notice in oneself
    "ervaren": _verbs(
        """voelen merken schrikken schamen ergeren irriteren twijfelen realiseren beseffen
        betrappen ervaren opmerken""",
        """schrok schrokken geschrokken voel voelt merk merkt gemerkt schaam schaamt schaamde
        schaamden geschaamd ergerde ergerden geergerd geirriteerd besefte beseften besef
        realiseerde realiseerden betrapte betrapten ervaart ervoer"""),
    # contact, involve, refer, work together
    "contact": _verbs(
        """bellen mailen appen benaderen betrekken inschakelen doorverwijzen verwijzen
        samenwerken overleggen afstemmen aanmelden bespreken uitnodigen terugkoppelen
        contacteren opzoeken koppelen""",
        """bel belt belde belden gebeld betrokken ingeschakeld verwezen doorverwezen overlegd
        afgestemd besproken uitgenodigd contact"""),
    # adapt, explain, translate, visit
    "aanpassen": _verbs(
        """aanpassen uitleggen vertalen tolken langsgaan bezoeken voorlezen voordoen regelen
        organiseren afspreken herhalen vereenvoudigen opschrijven meegaan begeleiden
        langskomen""",
        """aangepast uitgelegd vertaald bezocht langsgegaan ging_langs afgesproken geregeld
        voorgelezen meegegaan begeleid"""),
    # signal, raise, change a procedure
    "signaleren": _verbs(
        """signaleren melden aankaarten agenderen veranderen wijzigen schrappen voorstellen
        adviseren aanbevelen evalueren herzien werven ontwikkelen""",
        """gemeld aangekaart geagendeerd veranderd gewijzigd geschrapt voorgesteld geadviseerd
        aanbevolen geevalueerd herzien geworven ontwikkeld"""),
}
VERB_CLASS: dict[str, str] = {}
for _action, _words in ACTIONS.items():
    for _word in _words:
        VERB_CLASS.setdefault(_word, _action)
DESCRIBE = "beschrijven"
EXPERIENCE = "ervaren"
# Words of an experience in a clause about someone ('voor meneer is het pijnlijk', 'zij is
# bang'): the person's experience, named as such.
EXPERIENCE_WORDS = frozenset("""pijnlijk moeilijk lastig eng spannend bang boos verdrietig
    beschaamd schaamte ongemakkelijk onzeker gekwetst vernederend kwetsbaar zwaar alleen eenzaam
    angstig bezorgd teleurgesteld""".split())

# Agents and patients.
TEAM = frozenset({"ik", "we", "wij", "je", "jij", "team", "wijkteam", "teamleden"})
TEAM_OBJECTS = frozenset({"me", "mij", "ons", "mezelf", "onszelf"})
CLIENT = frozenset("""hij zij ze mevrouw meneer client clienten clienten moeder vader ouders
    ouder gezin kind kinderen zoon dochter jongen meisje man vrouw bewoner bewoners jongere
    jongeren leerling leerlingen deelnemer deelnemers aanvrager echtpaar familie oma opa broer
    zus tiener huurder huurders inwoner inwoners statushouder nieuwkomer vluchteling gezinnen
    mensen""".split())
CLIENT_OBJECTS = frozenset({"hem", "hen"})
INSTITUTION = frozenset("""gemeente systeem regel regels beleid formulier procedure wet
    protocol uwv ind belastingdienst svb duo cak organisatie instantie instanties corporatie
    woningcorporatie overheid loket regeling website computer algoritme brief brieven""".split())
NETWORK = (CONCEPTS["kring"] | CONCEPTS["dienst"] | frozenset({"collega", "collegas"})) \
    - INSTITUTION - TEAM
ROLE_ENDINGS = ("arts", "docent", "agent", "kundige", "therapeut", "pedagoog", "coach",
                "consulent", "werker", "verlener", "begeleider", "ist")
PREPOSITIONS = frozenset("""met voor bij aan naar van over door tegen tot zonder namens via op
    in uit om""".split())
DETERMINERS = frozenset("""de het een haar zijn hun onze ons mijn je jouw die deze dat""".split())

CONDITIONS = frozenset({"als", "wanneer", "indien", "mits", "zodra"})
QUESTIONS = frozenset({"wat", "wie", "hoe", "waarom", "welke", "welk", "waar", "waarmee"})
MODALS = frozenset("""zou zouden zal zullen ga gaan gaat wil willen wilt moet moeten kan kunnen
    kun voortaan volgende straks probeer proberen""".split())
PAST = frozenset("""had hadden was waren werd werden dacht dachten moest moesten kon konden
    wilde wilden wou zag zagen ging gingen kwam kwamen vroeg vroegen zei zeiden vond vonden
    stond stonden deed deden nam namen schrok schrokken sprak spraken kreeg kregen bleek
    bleef bleven viel vielen wist wisten liep liepen""".split())
AUXILIARIES = frozenset({"heb", "hebt", "heeft", "hebben", "ben", "bent", "is", "zijn"})


def _role(norm: str, key: str) -> str | None:
    """The role a person word stands for, or None."""
    for word in (norm, key):
        if word in TEAM:
            return "team"
        if word in CLIENT:
            return "client"
        if word in INSTITUTION:
            return "instelling"
        if word in NETWORK:
            return "netwerk"
    if len(key) > 6 and key.endswith(ROLE_ENDINGS):
        return "netwerk"
    return None


# Words after 'haar' that make it an object ('we vragen haar zelf', 'belden haar op'), not a
# possessive ('haar uitkering').
AFTER_OBJECT = frozenset("""niet ook zelf wel even nog eerst uit op mee te om af door bij aan
    gewoon meteen direct hoe wat wie of dat waarom welke in terug na toe""".split())
# Words that open a subordinate part ('we vragen mevrouw wat zij wil'): the mood is that of the
# main verb, before them.
SUBORDINATE = frozenset({"dat", "wat", "wie", "hoe", "of", "om", "die", "waar", "waarom",
                         "welke", "zodat", "omdat"})


def _object_haar(tokens: Sequence[Token], index: int, end: int) -> bool:
    return index + 1 >= end or tokens[index + 1].norm in AFTER_OBJECT


def _participle(norm: str) -> bool:
    return len(norm) > 4 and norm.endswith(("d", "t", "en")) and (
        norm.startswith("ge") or any(norm.startswith(p + "ge") for p in SEPARABLE))


def _past_form(norm: str, key: str) -> bool:
    return norm in PAST or (key != norm and len(norm) > 4
                            and norm.endswith(("te", "de", "ten", "den")))


class Clause:
    """What one clause does: agent, action, patient, mood, and the span that shows it."""

    __slots__ = ("agent", "action", "patient", "mood", "start", "end", "sentence", "clause")

    def __init__(self, agent: str, action: str, patient: str | None, mood: str,
                 span: tuple[int, int], sentence: int, clause: int) -> None:
        self.agent, self.action, self.patient, self.mood = agent, action, patient, mood
        self.start, self.end = span
        self.sentence, self.clause = sentence, clause

    def __repr__(self) -> str:
        return (f"Clause({self.agent}>{self.action}>{self.patient}@{self.mood}, "
                f"{self.start}-{self.end})")


def clauses(tokens: Sequence[Token], keys: Sequence[str]) -> list[Clause]:
    """Per clause with an agent (its own or the sentence's before it): what it does."""
    found: list[Clause] = []
    start = 0
    carried: tuple[str, int, int] | None = None  # (agent, sentence, start offset)
    while start < len(tokens):
        end = start
        while end < len(tokens) and tokens[end].clause == tokens[start].clause:
            end += 1
        if carried is not None and carried[1] != tokens[start].sentence:
            carried = None
        result = _clause(tokens, keys, start, end, carried)
        if result is not None:
            found.append(result)
            carried = (result.agent, result.sentence, result.start)
        start = end
    return found


def _clause(tokens: Sequence[Token], keys: Sequence[str], start: int, end: int,
            carried: tuple[str, int, int] | None) -> Clause | None:
    agent: str | None = None
    agent_at = -1
    patient: str | None = None
    action: str | None = None
    action_at = -1
    experiencer: tuple[str, int] | None = None
    experienced = False
    condition = question = modal = past = auxiliary = participle = False
    first = tokens[start].norm
    condition = first in CONDITIONS
    question = first in QUESTIONS
    last_span_end = tokens[start].end
    main = True  # before a subordinate part: the words that set the mood
    experienced_at = end
    for index in range(start, end):
        token, key = tokens[index], keys[index]
        norm = token.norm
        if index > start and norm in SUBORDINATE:
            main = False
        if main:
            if norm in MODALS:
                modal = True
            if _past_form(norm, key):
                past = True
            if norm in AUXILIARIES:
                auxiliary = True
            elif _participle(norm):
                participle = True
        if norm in EXPERIENCE_WORDS and not experienced:
            experienced, experienced_at = True, index
        verb = VERB_CLASS.get(norm) or VERB_CLASS.get(key)
        if verb is not None and action is None:
            action, action_at = verb, index
            last_span_end = max(last_span_end, token.end)
            continue
        role = "client" if norm in CLIENT_OBJECTS or (norm == "haar" and _object_haar(
            tokens, index, end)) else (
            "team" if norm in TEAM_OBJECTS else _role(norm, key))
        if role is None:
            continue
        before = _before(tokens, index, start)
        objective = norm in CLIENT_OBJECTS or norm in TEAM_OBJECTS or (
            norm == "ze" and agent is not None) or (
            norm in ("haar", "ons", "je") and index + 1 < end
            and _role(tokens[index + 1].norm, keys[index + 1]) is not None)
        if norm in ("haar", "ons", "je") and objective:
            continue  # a possessive: the noun after it is the person
        prepositional = before in PREPOSITIONS
        if agent is None and not prepositional and not objective:
            agent, agent_at = role, index
        elif patient is None and index != agent_at:
            patient = role
            last_span_end = max(last_span_end, token.end)
        if before == "voor" and experiencer is None:
            experiencer = (role, index)
    if experienced and (action is None or experienced_at < action_at):
        action, action_at = EXPERIENCE, experienced_at
        if experiencer is not None:  # 'voor meneer is het pijnlijk': his experience
            agent, agent_at, patient = experiencer[0], experiencer[1], None
    span_start = tokens[agent_at].start if agent_at >= 0 else tokens[
        action_at if action_at >= 0 else start].start
    if agent is None:
        if carried is None or action is None:
            return None
        agent = carried[0]
    mood = ("voorwaarde" if condition else "vraag" if question
            else "verleden" if past or (auxiliary and participle) else "plan" if modal
            else "nu")
    span_end = max(last_span_end, tokens[agent_at].end if agent_at >= 0 else 0)
    return Clause(agent, action or DESCRIBE, patient, mood, (span_start, span_end),
                  tokens[start].sentence, tokens[start].clause)


def _before(tokens: Sequence[Token], index: int, start: int) -> str:
    """The word before a person word, skipping a determiner ('met de school' -> 'met')."""
    back = index - 1
    if back >= start and tokens[back].norm in DETERMINERS:
        back -= 1
    return tokens[back].norm if back >= start else ""


def role_features(clause: Clause) -> tuple[str, ...]:
    """The features of one clause: agent>action, with the patient, with the mood, and the
    agent in its mood."""
    base = f"{ROLE_PREFIX}{clause.agent}>{clause.action}"
    found = [base, f"{base}@{clause.mood}", f"{ROLE_PREFIX}{clause.agent}@{clause.mood}"]
    if clause.patient is not None:
        found.append(f"{base}>{clause.patient}")
    return tuple(found)


AGENT_NAMES = {"team": "het team", "client": "de cliënt", "netwerk": "het netwerk",
               "instelling": "een instantie of regel"}
PATIENT_NAMES = {"team": "het team", "client": "de cliënt", "netwerk": "het netwerk",
                 "instelling": "een instantie"}
ACTION_NAMES = {"vragen": "vraagt of zoekt uit", "aannemen": "neemt aan of vult in",
                "ervaren": "voelt of merkt", "contact": "neemt contact op",
                "aanpassen": "past aan of legt uit", "signaleren": "signaleert of verandert",
                "beschrijven": "wordt beschreven"}
MOOD_NAMES = {"verleden": "achteraf", "plan": "als plan", "voorwaarde": "als voorwaarde",
              "vraag": "als vraag", "nu": ""}
# Which actions are worth showing as evidence for which pillar (the model's weight must be
# positive too): the team's own frame, curiosity and the client's experience, an adapted
# contact, working with others and on the system.
SHOWN = {"zelfreflectie": frozenset({("team", "aannemen"), ("team", "ervaren")}),
         "leefwereld": frozenset({("team", "vragen"), ("client", "ervaren")}),
         "maatwerk": frozenset({("team", "aanpassen"), ("team", "contact")}),
         "netwerk": frozenset({("team", "contact"), ("team", "signaleren"),
                               ("netwerk", "contact")})}


def explain(feature: str, pillar: str) -> str | None:
    """A role feature in Dutch ('wie doet wat: het team vraagt of zoekt uit (de cliënt)'), or
    None when it is no evidence for ``pillar``."""
    body = feature[len(ROLE_PREFIX):]
    body, _, mood = body.partition("@")
    parts = body.split(">")
    if len(parts) < 2 or (parts[0], parts[1]) not in SHOWN.get(pillar, ()):
        return None
    if pillar == "netwerk" and parts[1] == "contact" and parts[0] == "team" and (
            len(parts) < 3 or parts[2] != "netwerk"):
        return None  # contact with the client is maatwerk, with the network netwerk
    if pillar == "maatwerk" and parts[1] == "contact" and (len(parts) < 3
                                                           or parts[2] != "client"):
        return None
    text = f"wie doet wat: {AGENT_NAMES[parts[0]]} {ACTION_NAMES[parts[1]]}"
    if len(parts) > 2:
        text += f" ({PATIENT_NAMES[parts[2]]})"
    if MOOD_NAMES.get(mood):
        text += f", {MOOD_NAMES[mood]}"
    return text
