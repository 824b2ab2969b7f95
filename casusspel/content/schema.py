"""The JSON Schema of a case file, generated from the model (the one source of truth).

The model gives the structure; the words come from the message catalogue in the run's language
(``--lang``, ``CASUSSPEL_LANG``, else Dutch): a description for every model and field
(``jsonschema.<model>.<field>``), the snippets' texts and the skeleton's title. On top of that we
add what makes an editor helpful for authors: ``markdownDescription`` for every field, the factor
and pillar ids of the framework as enumerations with their descriptions, and snippets for a whole
case, a choice and a person (VS Code's ``defaultSnippets``).

The schema installed with casusspel is written once per language (``library.schema_path``);
a test keeps those files equal to what ``casusspel schema`` prints.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from casusspel.content.model import Case, Framework, situation_rule
from casusspel.messages import Messages

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "casus.schema.json"

# Snippets: every tabstop (${n:default}) once, so Tab moves through the fields and nothing is
# copied from one field into another; the defaults form a valid case (tests check both). The
# editor inserts the defaults as plain YAML values: no ': ' or ' #' in them. ``@name`` is the
# catalogue's ``jsonschema.snippet.<name>`` (``snippet`` fills it in).
CASE_SNIPPET: dict[str, Any] = {
    "label": "@case.label",
    "description": "@case.description",
    "body": {
        "id": "${1:@case.id}",
        "title": "${2:@case.title}",
        "language": "@language",
        "audience": "${3:wijkteam}",
        "tags": ["${4:@case.tag}"],
        "minutes": 20,
        "situation": "${5:@case.situation}",
        "persons": [{
            "name": "${6:@person.name}",
            "description": "${7:@case.person}",
            "visible": {"levensfase": "${8:@case.visible}"},
            "invisible": {"opleiding": "${9:@case.invisible}"},
        }],
        "question": "${10:@case.question}",
        "factors": {"decisive": ["opleiding"], "relevant": ["levensfase"]},
        "choices": [
            {"id": "a", "text": "${11:@case.choice1}", "feedback": "${12:@feedback}",
             "points": {"zelfreflectie": 1, "leefwereld": 1, "maatwerk": 1, "netwerk": 0}},
            {"id": "b", "text": "${13:@case.choice2}", "feedback": "${14:@feedback}",
             "points": {"zelfreflectie": 0, "leefwereld": 2, "maatwerk": 1, "netwerk": 1}},
            {"id": "c", "text": "${15:@case.choice3}", "feedback": "${16:@feedback}",
             "points": {"zelfreflectie": 1, "leefwereld": 0, "maatwerk": 2, "netwerk": 2}},
        ],
        "reflection": {"prompt": "${17:@case.prompt}"},
        "discussion": ["${18:@case.discussion}"],
        "expert": "${19:@case.expert}",
    },
}
CHOICE_SNIPPET: dict[str, Any] = {
    "label": "@choice.label",
    "description": "@choice.description",
    "body": {
        "id": "${1:b}",
        "text": "${2:@choice.text}",
        "feedback": "${3:@feedback}",
        "points": {"zelfreflectie": 1, "leefwereld": 1, "maatwerk": 1, "netwerk": 1},
    },
}
PERSON_SNIPPET: dict[str, Any] = {
    "label": "@person.label",
    "description": "@person.description",
    "body": {
        "name": "${1:@person.name}",
        "description": "${2:@person.who}",
        "visible": {"levensfase": "${3:@person.visible}"},
        "invisible": {"armoede": "${4:@person.invisible}"},
    },
}
_SNIPPET_TEXT = re.compile(r"@([a-z0-9_.]+)")


def snippet(template: Any, msg: Messages) -> Any:
    """A snippet with its ``@name`` texts from the catalogue, in ``msg``'s language."""
    if isinstance(template, str):
        return _SNIPPET_TEXT.sub(lambda m: msg(f"jsonschema.snippet.{m.group(1)}"), template)
    if isinstance(template, dict):
        return {key: snippet(value, msg) for key, value in template.items()}
    if isinstance(template, list):
        return [snippet(item, msg) for item in template]
    return template


def case_schema(framework: Framework | None = None, lang: str | None = None) -> dict[str, Any]:
    """The case schema in ``lang`` (default: the run's language); with a framework, its factor
    and pillar ids become enumerations."""
    msg = Messages(lang)
    schema = described(Case.model_json_schema(), msg)
    schema["properties"]["$schema"] = {
        "type": "string",
        "description": msg("jsonschema.case.schema_link"),
    }
    schema["defaultSnippets"] = [snippet(CASE_SNIPPET, msg)]
    defs = schema["$defs"]
    defs["Choice"]["defaultSnippets"] = [snippet(CHOICE_SNIPPET, msg)]
    defs["Person"]["defaultSnippets"] = [snippet(PERSON_SNIPPET, msg)]
    if framework is not None:
        _add_enumerations(schema, framework, msg)
    _polish(schema)
    _tune_skeleton(schema, msg)
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **schema}


def description_key(model: str, field: str | None = None) -> str:
    """The catalogue key of a model's description (``Case`` -> ``jsonschema.case``) or of one
    of its fields (``FactorKey``, ``decisive`` -> ``jsonschema.factor_key.decisive``)."""
    key = "jsonschema." + re.sub(r"(?<!^)(?=[A-Z])", "_", model).lower()
    return f"{key}.{field}" if field is not None else key


def described(schema: dict[str, Any], msg: Messages) -> dict[str, Any]:
    """``schema`` (pydantic's, of ``Case``) with the catalogue's description of every model and
    field, in pydantic's own key order. The models carry no descriptions of their own: the
    words live in the catalogue, in both languages, and cost nothing when the model is imported
    (``validate`` and ``list`` never build a schema)."""
    values = {"rule": situation_rule().said(msg)}
    for name, node in [(Case.__name__, schema), *schema["$defs"].items()]:
        node["description"] = msg(description_key(name))
        for field, prop in node.get("properties", {}).items():
            template = msg.template(description_key(name, field))
            prop["description"] = template.format_map(values) if "{" in template else template
    return GenerateJsonSchema().sort(schema)


def _tune_skeleton(schema: dict[str, Any], msg: Messages) -> None:
    """Besides our snippet, yaml-language-server offers a skeleton of the required fields, named
    after the schema's title. Name it apart from the 'casus' snippet, and keep its tabstops
    distinct and its number in range: it renders a string list item without a default as a bare
    ``${1}`` that it does not renumber (so it mirrored the id), and an integer without an example
    as ``0`` (below the minimum of ``minutes``)."""
    schema["title"] = msg("jsonschema.title")
    schema["properties"]["minutes"]["examples"] = [CASE_SNIPPET["body"]["minutes"]]
    for group in ("decisive", "relevant", "distractor"):
        items = schema["$defs"]["FactorKey"]["properties"][group]["items"]
        if "enum" in items:
            items.pop("type", None)  # the ids say it all; no type, no bare ${1}


def _add_enumerations(schema: dict[str, Any], framework: Framework, msg: Messages) -> None:
    """The framework's ids as enumerations, described by its own texts (a framework is written
    in one language: its names are shown as the trainer wrote them)."""
    defs = schema["$defs"]
    factor_ids = list(framework.factor_ids)
    factor_docs = [f"**{f.name}** ({msg('visibility.' + f.visibility)}). {f.description}".strip()
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


def schema_text(framework: Framework | None = None, lang: str | None = None) -> str:
    """The schema as a file's text, in ``lang`` (default: the run's language)."""
    return json.dumps(case_schema(framework, lang), ensure_ascii=False, indent=2) + "\n"
