"""The JSON Schema of a case file, generated from the model (the one source of truth).

The model gives the structure and the Dutch descriptions. On top of that we add what makes an
editor helpful for authors: ``markdownDescription`` for every field, the factor and pillar ids of
the default framework as enumerations with their descriptions, and snippets for a whole case, a
choice and a person (VS Code's ``defaultSnippets``).
"""

from __future__ import annotations

import json
from typing import Any

from casusspel.content.model import Case, Framework

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "casus.schema.json"

# Snippets: every tabstop (${n:default}) once, so Tab moves through the fields and nothing is
# copied from one field into another; the defaults form a valid case (tests check both). The
# editor inserts the defaults as plain YAML values: no ': ' or ' #' in them.
CASE_SNIPPET: dict[str, Any] = {
    "label": "casus",
    "description": "Een complete nieuwe casus; spring met Tab van veld naar veld",
    "body": {
        "id": "${1:mijn-casus}",
        "title": "${2:Titel zoals de zaal die ziet}",
        "language": "nl",
        "audience": "${3:wijkteam}",
        "tags": ["${4:trefwoord}"],
        "minutes": 20,
        "situation": "${5:Wat er gebeurt. Wie komt er, met welke vraag, wat zie en hoor je?}",
        "persons": [{
            "name": "${6:Mevrouw D.}",
            "description": "${7:Wie is zij, in één zin}",
            "visible": {"levensfase": "${8:rond de zestig}"},
            "invisible": {"opleiding": "${9:kan slecht lezen en verbergt dat}"},
        }],
        "question": "${10:Wat doe je?}",
        "factors": {"decisive": ["opleiding"], "relevant": ["levensfase"]},
        "choices": [
            {"id": "a", "text": "${11:Een eerste aanpak}",
             "feedback": "${12:Wat er goed gaat en wat er schuurt}",
             "points": {"zelfreflectie": 1, "leefwereld": 1, "maatwerk": 1, "netwerk": 0}},
            {"id": "b", "text": "${13:Een tweede aanpak}",
             "feedback": "${14:Wat er goed gaat en wat er schuurt}",
             "points": {"zelfreflectie": 0, "leefwereld": 2, "maatwerk": 1, "netwerk": 1}},
            {"id": "c", "text": "${15:Een derde aanpak}",
             "feedback": "${16:Wat er goed gaat en wat er schuurt}",
             "points": {"zelfreflectie": 1, "leefwereld": 0, "maatwerk": 2, "netwerk": 2}},
        ],
        "reflection": {"prompt": "${17:Welke aanname had je bij het begin?}"},
        "discussion": ["${18:Een bespreekvraag voor de trainer}"],
        "expert": "${19:De kijk van de trainer. Wat speelt hier echt, en waarom?}",
    },
}
CHOICE_SNIPPET = {
    "label": "Nieuwe keuze",
    "description": "Een aanpak met feedback en punten per pijler",
    "body": {
        "id": "${1:b}",
        "text": "${2:Wat het groepje doet}",
        "feedback": "${3:Wat er goed gaat en wat er schuurt}",
        "points": {"zelfreflectie": 1, "leefwereld": 1, "maatwerk": 1, "netwerk": 1},
    },
}
PERSON_SNIPPET = {
    "label": "Nieuwe persoon",
    "description": "Een persoon met zichtbare en onzichtbare factoren",
    "body": {
        "name": "${1:Mevrouw D.}",
        "description": "${2:Wie is zij, in één of twee zinnen}",
        "visible": {"levensfase": "${3:45 jaar}"},
        "invisible": {"armoede": "${4:schulden waar ze zich voor schaamt}"},
    },
}


def case_schema(framework: Framework | None = None) -> dict[str, Any]:
    """The case schema; with a framework, its factor and pillar ids become enumerations."""
    schema = Case.model_json_schema()
    schema["properties"]["$schema"] = {
        "type": "string",
        "description": "Verwijzing naar dit schema, voor editors.",
    }
    schema["defaultSnippets"] = [CASE_SNIPPET]
    defs = schema["$defs"]
    defs["Choice"]["defaultSnippets"] = [CHOICE_SNIPPET]
    defs["Person"]["defaultSnippets"] = [PERSON_SNIPPET]
    if framework is not None:
        _add_enumerations(schema, framework)
    _polish(schema)
    _tune_skeleton(schema)
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **schema}


def _tune_skeleton(schema: dict[str, Any]) -> None:
    """Besides our snippet, yaml-language-server offers a skeleton of the required fields, named
    after the schema's title. Name it apart from the 'casus' snippet, and keep its tabstops
    distinct and its number in range: it renders a string list item without a default as a bare
    ``${1}`` that it does not renumber (so it mirrored the id), and an integer without an example
    as ``0`` (below the minimum of ``minutes``)."""
    schema["title"] = "casus: alleen de verplichte velden"
    schema["properties"]["minutes"]["examples"] = [CASE_SNIPPET["body"]["minutes"]]
    for group in ("decisive", "relevant", "distractor"):
        items = schema["$defs"]["FactorKey"]["properties"][group]["items"]
        if "enum" in items:
            items.pop("type", None)  # the ids say it all; no type, no bare ${1}


def _add_enumerations(schema: dict[str, Any], framework: Framework) -> None:
    defs = schema["$defs"]
    factor_ids = list(framework.factor_ids)
    factor_docs = [f"**{f.name}** ({_VISIBILITY_NL[f.visibility]}). {f.description}".strip()
                   for f in framework.factors]
    factor_item = {"type": "string", "enum": factor_ids, "markdownEnumDescriptions": factor_docs}
    for group in ("decisive", "relevant", "distractor"):
        defs["FactorKey"]["properties"][group]["items"] = dict(factor_item)
    factor_props = {f.id: {"type": "string", "description": f.name} for f in framework.factors}
    for side in ("visible", "invisible"):
        target = defs["Person"]["properties"][side]
        target["properties"] = factor_props
        target["propertyNames"] = {"enum": factor_ids}
    pillar_ids = list(framework.pillar_ids)
    pillar_points = {p.id: {"type": "integer", "minimum": 0, "maximum": 3,
                            "description": f"{p.name}: {p.description}".strip()}
                     for p in framework.pillars}
    for owner, field in (("Choice", "points"), ("Example", "expect")):
        target = defs[owner]["properties"][field]
        target["properties"] = pillar_points
        target["propertyNames"] = {"enum": pillar_ids}
    indicators = defs["Reflection"]["properties"]["indicators"]
    indicators["propertyNames"] = {"enum": pillar_ids}


_VISIBILITY_NL = {"visible": "zichtbaar", "partly": "deels zichtbaar", "invisible": "onzichtbaar"}


def _polish(node: Any) -> None:
    """Drop pydantic's English titles and mirror each description as markdownDescription."""
    if isinstance(node, list):
        for item in node:
            _polish(item)
        return
    if not isinstance(node, dict):
        return
    node.pop("title", None)
    if isinstance(node.get("description"), str) and "markdownDescription" not in node:
        node["markdownDescription"] = node["description"]
    for key, value in node.items():
        if key in ("properties", "$defs") and isinstance(value, dict):
            for child in value.values():  # keys here are field names, not schema keywords
                _polish(child)
        elif key not in ("defaultSnippets", "default", "enum", "propertyNames"):
            _polish(value)


def schema_text(framework: Framework | None = None) -> str:
    return json.dumps(case_schema(framework), ensure_ascii=False, indent=2) + "\n"
