"""Every validation error an author can get from the content models, from a real bad YAML file,
said from the catalogue in Dutch and in English with where it is (issue #18.4); an error type
without a text of its own shows its id, never pydantic's English sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from casusspel.content.library import load_file, schema_problems
from casusspel.content.loader import parse
from casusspel.content.model import Case, Framework
from casusspel.content.model_errors import KNOWN
from casusspel.content.problems import Problem
from casusspel.messages import Messages
from casusspel.training.programme import Programme
from tests.conftest import ROOT
from tests.test_problem_language import DUTCH_WORDS, ENGLISH_WORDS, masked, words

DUTCH, ENGLISH = Messages("nl"), Messages("en")
CASE = (ROOT / "cases" / "brief-van-de-gemeente.yaml").read_text(encoding="utf-8").split(
    "\n", 1)[1]
FRAMEWORK = ("id: eigen\nname: Eigen\npillars:\n  - {id: a, name: A, indicators: "
             "[{phrase: x, weight: 1}]}\nfactors:\n  - {id: f, name: F, visibility: visible}\n")
PROGRAMME = "title: Dag\nblocks:\n  - {cases: [brief-van-de-gemeente], mode: group}\n"
#: the error types each kind of core-schema node can raise (with its constraints)
NODE_ERRORS: dict[str, tuple[str, ...]] = {
    "str": ("string_type",), "int": ("int_type", "int_parsing", "int_from_float"),
    "float": ("float_type", "float_parsing"), "bool": ("bool_type", "bool_parsing"),
    "literal": ("literal_error",), "enum": ("enum",), "tuple": ("tuple_type", "missing"),
    "dict": ("dict_type",), "model": ("model_type",), "model-fields": ("missing",
                                                                        "extra_forbidden"),
    "function-after": ("value_error",), "function-before": ("value_error",),
    "function-plain": ("value_error",), "function-wrap": ("value_error",),
    "tagged-union": (), "nullable": (), "default": (), "model-field": (), "definitions": (),
    "definition-ref": (), "lax-or-strict": (), "is-instance": (),
}
#: error types the models can raise that no YAML file can make (the loader keeps every key and
#: date as text)
UNMADE: set[str] = set()
#: constraint -> (its error type, its error type on text)
CONSTRAINTS = {"min_length": ("too_short", "string_too_short"),
               "max_length": ("too_long", "string_too_long"),
               "pattern": ("string_pattern_mismatch",) * 2,
               "ge": ("greater_than_equal",) * 2, "le": ("less_than_equal",) * 2,
               "gt": ("greater_than",) * 2, "lt": ("less_than",) * 2}


def reachable_errors(node: Any, found: set[str]) -> set[str]:
    """The error types a core schema can raise, by walking it (a new kind of node fails)."""
    if isinstance(node, list):
        for item in node:
            reachable_errors(item, found)
    if not isinstance(node, dict):
        return found
    kind = node.get("type")
    if isinstance(kind, str) and not ("schema" in node or "fields" in node or kind in
                                      NODE_ERRORS or kind in ("field", "model-field")):
        return found  # a plain value named 'type' (a field called 'type')
    if isinstance(kind, str):
        assert kind in NODE_ERRORS, f"a new kind of field ({kind}): give its errors a text"
        found.update(NODE_ERRORS[kind])
        found.update(errors[kind == "str"] for key, errors in CONSTRAINTS.items()
                     if node.get(key) is not None)
        if kind == "tagged-union":
            found.add(node.get("custom_error_type") or "union_tag_invalid")
    for value in node.values():
        reachable_errors(value, found)
    return found


def test_every_error_type_the_models_can_raise_has_a_text() -> None:
    found: set[str] = set()
    for model in (Case, Framework, Programme):
        reachable_errors(model.__pydantic_core_schema__, found)
    assert {"string_pattern_mismatch", "literal_error", "enum", "block_kind", "value_error",
            "greater_than", "less_than_equal", "too_long", "dict_type"} <= found
    assert found <= KNOWN, sorted(found - KNOWN)
    made = {error for _, _, error, _ in BAD}  # each checked below with a real file
    assert found - made <= UNMADE, sorted(found - made - UNMADE)


def mutated(old: str, new: str, base: str = CASE) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


#: (name, file text, the error type it makes, what the Dutch reason says)
BAD: list[tuple[str, str, str, str]] = [
    ("tekst-als-getal", mutated("title: De stapel ongeopende post", "title: 1984"),
     "string_type", "title: hier hoort tekst"),
    ("tekst-als-nee", mutated("title: De stapel ongeopende post", "title: no"),
     "string_type", "title: hier hoort tekst"),
    ("tekst-leeg", mutated("title: De stapel ongeopende post", "title:"),
     "string_type", "title: hier hoort tekst"),
    ("tekst-spaties", mutated("title: De stapel ongeopende post", "title: '  '"),
     "string_too_short", "title: mag niet leeg zijn"),
    ("code", mutated("id: brief-van-de-gemeente", "id: Mijn Casus"),
     "string_pattern_mismatch", "id: gebruik alleen kleine letters"),
    ("taal", mutated("language: nl", "language: de"), "literal_error",
     "language: kies uit 'nl' of 'en'"),
    ("minuten-tekst", mutated("minutes: 20", "minutes: twintig"), "int_parsing",
     "minutes: hier hoort een heel getal"),
    ("minuten-komma", mutated("minutes: 20", "minutes: 20.5"), "int_from_float",
     "minutes: hier hoort een heel getal"),
    ("minuten-lijst", mutated("minutes: 20", "minutes: [20]"), "int_type",
     "minutes: hier hoort een heel getal"),
    ("minuten-nul", mutated("minutes: 20", "minutes: 0"), "greater_than_equal",
     "minutes: moet minstens 1 zijn"),
    ("minuten-veel", mutated("minutes: 20", "minutes: 500"), "less_than_equal",
     "minutes: moet hoogstens 120 zijn"),
    ("trefwoorden", mutated("tags: [laaggeletterdheid, schulden, schaamte]", "tags: schulden"),
     "tuple_type", "tags: hier hoort een lijst"),
    ("personen", mutated("persons:\n", "persons:\n" + "  - {name: A}\n" * 6), "too_long",
     "persons: hoogstens 6 toegestaan"),
    ("keuzes", CASE[:CASE.index("  - id: b\n")] + CASE[CASE.index("reflection:"):],
     "too_short", "choices: minstens 2 nodig"),
    ("sleutel", mutated("factors:\n  decisive:", "factors: []\nx_factors:\n  decisive:").replace(
        "x_factors:", "notes:"), "model_type", "factors: hier horen velden"),
    ("punten", mutated("{zelfreflectie: 0, leefwereld: 0, maatwerk: 1, netwerk: 0}", "[1, 2]"),
     "dict_type", "choices[1].points: hier horen velden"),
    ("punten-tekst", mutated("{zelfreflectie: 0,", "{zelfreflectie: veel,"), "int_parsing",
     "choices[1].points.zelfreflectie: hier hoort een heel getal"),
    ("vervolg-getal", mutated("    points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 1",
                              "    next: 5\n    points: {zelfreflectie: 0, leefwereld: 0, "
                              "maatwerk: 1"), "string_type", "choices[1].next: hier hoort tekst"),
    ("vlag", CASE + "examples:\n  - text: Ik vroeg door.\n    expect: {leefwereld: 1}\n"
     "    stereotype: misschien\n", "bool_parsing", "examples[1].stereotype: hier hoort true"),
    ("vlag-lijst", CASE + "examples:\n  - text: Ik vroeg door.\n    expect: {leefwereld: 1}\n"
     "    stereotype: [ja]\n", "bool_type", "examples[1].stereotype: hier hoort true"),
    ("onbekend-veld", CASE + "auteur: Ik\n", "extra_forbidden", "onbekend veld 'auteur'"),
    ("ontbreekt", CASE.replace("expert:", "notes:", 1).replace("notes:", "xpert:", 1),
     "missing", "verplicht veld 'expert' ontbreekt"),
    ("punten-bereik", mutated("maatwerk: 1, netwerk: 0}", "maatwerk: 1, netwerk: 7}"),
     "value_error", "punten voor 'netwerk' moeten 0 tot en met 3 zijn"),
    ("gewicht", mutated("weight: 1", "weight: zwaar", FRAMEWORK), "float_parsing",
     "pillars[1].indicators[1].weight: hier hoort een getal"),
    ("gewicht-lijst", mutated("weight: 1", "weight: [1]", FRAMEWORK), "float_type",
     "pillars[1].indicators[1].weight: hier hoort een getal"),
    ("gewicht-nul", mutated("weight: 1", "weight: 0", FRAMEWORK), "greater_than",
     "pillars[1].indicators[1].weight: moet groter dan 0 zijn"),
    ("gewicht-oneindig", mutated("weight: 1", "weight: .inf", FRAMEWORK), "less_than_equal",
     "weight: hier hoort een gewoon getal (geen .inf of .nan)"),
    ("zichtbaarheid", mutated("visibility: visible", "visibility: zichtbaar", FRAMEWORK),
     "literal_error", "factors[1].visibility: kies uit 'visible', 'partly' of 'invisible'"),
    ("drempels", FRAMEWORK + "scale: {thresholds: [1, 2]}\n", "missing",
     "scale.thresholds: onderdeel 3 ontbreekt"),
    ("drempels-veel", FRAMEWORK + "scale: {thresholds: [1, 2, 3, 4]}\n", "too_long",
     "scale.thresholds: hoogstens 3 toegestaan"),
    ("kleur", mutated("{id: a, name: A,", "{id: a, name: A, color: paars,", FRAMEWORK),
     "value_error", "pillars[1].color: onbekende kleur 'paars'"),
    ("model", FRAMEWORK + "model: Groot Model\n", "string_pattern_mismatch",
     "model: gebruik alleen kleine letters"),
    ("modus", mutated("mode: group", "mode: samen", PROGRAMME), "enum",
     "blocks[1].mode: kies uit 'group', 'solo' of 'plenary'"),
    ("timer", mutated("mode: group", "timer: vijf minuten", PROGRAMME),
     "string_pattern_mismatch", "blocks[1].timer: hier hoort een duur"),
    ("blok", "title: Dag\nblocks:\n  - pauze: 5\n", "block_kind",
     "blocks[1]: een blok begint met 'cases:'"),
    ("pauze", "title: Dag\nblocks:\n  - pause: 0\n", "greater_than_equal",
     "blocks[1].pause: moet minstens 1 zijn"),
    ("zelfbeoordeling", "title: Dag\nblocks:\n  - selfassessment: midden\n", "literal_error",
     "blocks[1].selfassessment: kies uit 'start' of 'end'"),
    ("teams", "title: Dag\nteams: [" + ",".join(f"t{i}" for i in range(30)) + "]\nblocks:\n"
     "  - pause: 5\n", "value_error", "teams: 30 teams is te veel"),
    ("evaluatie", "title: Dag\nblocks:\n  - evaluation: 5\n", "model_type",
     "blocks[1].evaluation: hier horen velden"),
]


def _model(text: str) -> type[BaseModel]:
    return Programme if text.startswith("title: Dag") else Framework if text.startswith(
        "id: eigen\nname:") else Case


def _errors(name: str) -> set[str]:
    text = next(t for n, t, _, _ in BAD if n == name)
    try:
        _model(text).model_validate(parse(text, "x.yaml").data)
    except ValidationError as exc:
        return {error["type"] for error in exc.errors()}
    return set()


def problems_of(tmp_path: Path, name: str, text: str) -> list[Problem]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    kind = {Programme: "programme", Framework: "framework", Case: "case"}[_model(text)]
    loaded = load_file(path, kind=kind)  # type: ignore[arg-type]
    return [p for p in loaded.problems if p.code in ("CS021", "CS022", "CS023")]


@pytest.mark.parametrize(("name", "text", "error", "dutch"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_gets_its_error_in_both_languages(tmp_path: Path, name: str, text: str,
                                                     error: str, dutch: str) -> None:
    assert error in _errors(name), _errors(name)  # the file really makes this error type
    problems = problems_of(tmp_path, name, text)
    assert problems, name
    shown = [p.format(DUTCH) for p in problems]
    assert any(dutch in line for line in shown), shown
    for problem in problems:
        for text_ in (problem.text, problem.help):
            if text_ is None:
                continue
            assert not words(masked(text_, DUTCH)) & ENGLISH_WORDS, problem.format(DUTCH)
            assert not words(masked(text_, ENGLISH)) & DUTCH_WORDS, problem.format(ENGLISH)
        assert problem.format(DUTCH) != problem.format(ENGLISH)
        assert "Input should" not in problem.format(ENGLISH)  # pydantic's own words


def test_a_value_read_as_a_number_or_yes_no_says_to_quote_it(tmp_path: Path) -> None:
    [number] = problems_of(tmp_path, "getal", BAD[0][1])
    [no] = problems_of(tmp_path, "nee", BAD[1][1])
    [empty] = problems_of(tmp_path, "leeg", BAD[2][1])
    assert number.help is not None and no.help is not None and empty.help is not None
    assert number.help.said(DUTCH) == ("YAML leest dit als een getal; bedoel je tekst, zet die dan "
                                       "tussen aanhalingstekens ('...')")
    assert no.help.said(ENGLISH) == ("YAML reads this as a yes/no value (true or false); if you "
                                     "mean text, put it in quotes ('...')")
    assert "er staat niets na de dubbele punt" in empty.help.said(DUTCH)


class _Strange(BaseModel):
    """A model with a check that raises an error type we have no text for."""

    name: str
    other: str = ""

    @field_validator("name")
    @classmethod
    def _odd(cls, value: str) -> str:
        raise PydanticCustomError("odd_thing", "Something English went wrong")

    @field_validator("other")
    @classmethod
    def _foreign(cls, value: str) -> str:
        raise ValueError("Some library said this in English")


def test_an_unknown_error_type_shows_its_id_never_pydantics_english() -> None:
    doc = parse("name: x\nother: y\n", "vreemd.yaml")
    try:
        _Strange.model_validate(doc.data)
    except ValidationError as exc:
        problems = schema_problems(exc, doc)
    lines = [p.format(DUTCH) for p in problems]
    assert lines[0] == ("vreemd.yaml:1:7: error CS023: name: ongeldige waarde (soort fout: "
                        "odd_thing)\n    hint: 'casusspel schema' toont wat er in elk veld mag; "
                        "'casusspel docs validatie' legt CS023 uit")
    assert "soort fout: value_error: ValueError" in lines[1]
    assert not any("English" in line for line in lines + [p.format(ENGLISH) for p in problems])
    assert "invalid value (kind of error: odd_thing)" in problems[0].format(ENGLISH)
