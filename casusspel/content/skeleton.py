"""`casusspel new`: a complete, commented case skeleton (comments in Dutch or English) that
validates as it is.

Every place the author must fill in says TODO, so `casusspel validate` lists exactly what is left
(warning CS057) and nothing else.
"""

from __future__ import annotations

from casusspel.content.model import situation_rule
from casusspel.messages import Messages

SKELETON = """\
# yaml-language-server: $schema={schema}
#
# Een nieuwe casus voor casusspel. Vul alles in waar TODO staat; 'casusspel validate {name}'
# laat zien wat er nog ontbreekt. Uitleg van elk veld: casusspel docs casussen-schrijven
# Tip: in VS Code met de YAML-extensie krijg je uitleg en aanvulling terwijl je typt.

# Vaste code: kleine letters, cijfers en streepjes. Verander hem niet meer als je ermee speelt.
id: {case_id}
title: TODO titel zoals de zaal die ziet
language: nl
# Voor wie: wijkteam, gemeente, clientenraad of sociaal-domein.
audience: {audience}
tags: [TODO]
# Geschatte speelduur in minuten.
minutes: 20

# De situatie: {rule}.
# Schrijf in de tegenwoordige tijd, vanuit de professional ('je').
# Anoniem: geen echte namen, adressen, data of andere herkenbare details.
# Een lege regel begint een nieuwe alinea.
situation: |
  TODO Beschrijf wat er gebeurt: wie komt er, met welke vraag, wat zie en hoor je?

  TODO Wat maakt het lastig? Wat weet je (nog) niet?

# De personen (1 tot 6). 'visible' is wat de zaal meteen ziet; 'invisible' komt pas bij de
# onthulling. Gebruik factorcodes uit de catalogus (casusspel list --coverage toont ze).
persons:
  - name: TODO Mevrouw D.
    description: TODO Wie is zij, in één zin.
    visible:
      levensfase: TODO bijvoorbeeld 'rond de zestig'
    invisible:
      opleiding: TODO wat de zaal niet ziet, maar wat er wel toe doet

question: Wat doe je?

# De sleutel: welke factoren hier bepalend zijn, welke meespelen en welke op het verkeerde
# been zetten. Een bepalende factor hoort bij een persoon hierboven.
factors:
  decisive: [opleiding]
  relevant: [levensfase]
  distractor: []

# Drie of vier aanpakken. Geen enkele hoeft 'de goede' te zijn. Punten per pijler: 0 tot en met 3.
choices:
  - id: a
    text: TODO een aanpak
    feedback: TODO wat gaat er goed, wat schuurt?
    points: {{zelfreflectie: 1, leefwereld: 1, maatwerk: 1, netwerk: 0}}
  - id: b
    text: TODO een tweede aanpak
    feedback: TODO wat gaat er goed, wat schuurt?
    points: {{zelfreflectie: 0, leefwereld: 2, maatwerk: 1, netwerk: 1}}
    # Met 'next' gaat de casus verder in een vervolg (zie 'stages' onderaan).
    next: vervolg
  - id: c
    text: TODO een derde aanpak
    feedback: TODO wat gaat er goed, wat schuurt?
    points: {{zelfreflectie: 1, leefwereld: 0, maatwerk: 2, netwerk: 2}}

reflection:
  prompt: TODO de reflectievraag, bijvoorbeeld 'Welke aanname had je bij het begin?'
  # Extra woorden per pijler die in deze casus laten zien dat een groepje het ziet.
  indicators:
    maatwerk: [TODO]

discussion:
  - TODO een bespreekvraag voor de trainer

expert: |
  TODO De kijk van de trainer of expert: wat speelt hier echt, en waarom?

# Een vervolg ('twee weken later'), bereikt via 'next: vervolg' bij een keuze. Mag weg.
stages:
  - id: vervolg
    title: Twee weken later
    situation: |
      TODO Hoe ontwikkelt de situatie zich?
    choices:
      - id: a
        text: TODO een aanpak in het vervolg
        feedback: TODO
        points: {{zelfreflectie: 1, leefwereld: 1, maatwerk: 1, netwerk: 1}}
      - id: b
        text: TODO een andere aanpak
        feedback: TODO
        points: {{zelfreflectie: 0, leefwereld: 1, maatwerk: 2, netwerk: 1}}

# Voorbeeldreflecties met de scores die je verwacht; 'casusspel test' controleert ze.
examples:
  - text: TODO een reflectie zoals een groepje die zou schrijven
    expect: {{zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 0}}
"""


SKELETON_EN = """\
# yaml-language-server: $schema={schema}
#
# A new case for casusspel. Fill in everything that says TODO; 'casusspel validate {name}'
# shows what is still missing. Every field explained (in Dutch): casusspel docs casussen-schrijven
# Tip: in VS Code with the YAML extension you get explanations and completion as you type.
# casusspel scores reflections in Dutch: a case in English plays, but its reflections are read
# with the Dutch indicators (write 'language: nl' and Dutch texts for a Dutch room).

# Fixed code: lower-case letters, digits and hyphens. Do not change it once you play with it.
id: {case_id}
title: TODO title as the room sees it
language: en
# For whom: wijkteam, gemeente, clientenraad or sociaal-domein.
audience: {audience}
tags: [TODO]
# Estimated playing time in minutes.
minutes: 20

# The situation: {rule}.
# Write in the present tense, from the professional's point of view ('you').
# Anonymous: no real names, addresses, dates or other recognisable details.
# An empty line starts a new paragraph.
situation: |
  TODO Describe what happens: who comes, with what question, what do you see and hear?

  TODO What makes it difficult? What do you not know (yet)?

# The people (1 to 6). 'visible' is what the room sees at once; 'invisible' only comes out at
# the reveal. Use factor codes from the catalogue (casusspel list --coverage shows them).
persons:
  - name: TODO Mrs D.
    description: TODO Who she is, in one sentence.
    visible:
      levensfase: TODO for example 'around sixty'
    invisible:
      opleiding: TODO what the room does not see, but what matters

question: What do you do?

# The key: which factors are decisive here, which play a part and which lead the room astray.
# A decisive factor belongs to a person above.
factors:
  decisive: [opleiding]
  relevant: [levensfase]
  distractor: []

# Three or four approaches. None has to be 'the right one'. Points per pillar: 0 to 3.
choices:
  - id: a
    text: TODO an approach
    feedback: TODO what goes well, what chafes?
    points: {{zelfreflectie: 1, leefwereld: 1, maatwerk: 1, netwerk: 0}}
  - id: b
    text: TODO a second approach
    feedback: TODO what goes well, what chafes?
    points: {{zelfreflectie: 0, leefwereld: 2, maatwerk: 1, netwerk: 1}}
    # With 'next' the case goes on in a follow-up (see 'stages' at the bottom).
    next: vervolg
  - id: c
    text: TODO a third approach
    feedback: TODO what goes well, what chafes?
    points: {{zelfreflectie: 1, leefwereld: 0, maatwerk: 2, netwerk: 2}}

reflection:
  prompt: TODO the reflection question, for example 'What did you assume at the start?'
  # Extra words per pillar that show, in this case, that a group sees it.
  indicators:
    maatwerk: [TODO]

discussion:
  - TODO a discussion question for the trainer

expert: |
  TODO The view of the trainer or expert: what is really going on, and why?

# A follow-up ('two weeks later'), reached through 'next: vervolg' on a choice. May go.
stages:
  - id: vervolg
    title: Two weeks later
    situation: |
      TODO How does the situation develop?
    choices:
      - id: a
        text: TODO an approach in the follow-up
        feedback: TODO
        points: {{zelfreflectie: 1, leefwereld: 1, maatwerk: 1, netwerk: 1}}
      - id: b
        text: TODO another approach
        feedback: TODO
        points: {{zelfreflectie: 0, leefwereld: 1, maatwerk: 2, netwerk: 1}}

# Example reflections with the scores you expect; 'casusspel test' checks them.
examples:
  - text: TODO a reflection as a group would write it
    expect: {{zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 0}}
"""


def skeleton(case_id: str, audience: str, schema: str, name: str, lang: str = "nl") -> str:
    """The skeleton with its comments in ``lang`` (Dutch or English)."""
    rule = situation_rule().said(Messages(lang))
    template = SKELETON_EN if lang == "en" else SKELETON
    return template.format(case_id=case_id, audience=audience, schema=schema, name=name, rule=rule)
