"""The schema in the run's language (issue #18.4): every description, snippet and title comes from
the catalogue; the English schema has no Dutch left in the words that are ours (a framework's own
names stay as its trainer wrote them), and every model and field has both catalogue entries."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.model import Case
from casusspel.content.schema import case_schema, description_key
from casusspel.content.schemalink import installed_schema, link_for, settings_schema_key
from tests.test_messages import _entries
from tests.test_problem_language import DUTCH_WORDS, words

runner = CliRunner()
#: the keys whose values a person reads (and every text of a snippet)
READ = ("description", "markdownDescription", "label", "title")
#: texts the same in both languages: ids and codes in the snippets (factor ids too)
SAME = {"a", "b", "c", "${1:b}", "${3:wijkteam}", "opleiding", "levensfase"}


def texts(node: Any, path: str = "") -> dict[str, str]:
    """Every text a person reads in a schema, by where it is in the schema."""
    found: dict[str, str] = {}
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(
        node, list) else ()
    for key, value in items:
        where = f"{path}/{key}"
        if isinstance(value, str) and (key in READ or "/defaultSnippets/" in where):
            found[where] = value
        else:
            found.update(texts(value, where))
    return found


def framework_text(where: str) -> bool:
    """A framework's own text: the name of a factor or pillar under its id."""
    return re.search(r"/(visible|invisible|points|expect)/properties/", where) is not None


def models_in_schema() -> dict[str, type[BaseModel]]:
    """Every model the case schema describes, by its name there."""
    found: dict[str, type[BaseModel]] = {}
    todo: list[type[BaseModel]] = [Case]
    while todo:
        model = todo.pop()
        found[model.__name__] = model
        for field in model.model_fields.values():
            for kind in _types_in(field.annotation):
                if isinstance(kind, type) and issubclass(kind, BaseModel) and \
                        kind.__name__ not in found:
                    todo.append(kind)
    return found


def _types_in(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", ())
    return [annotation, *(kind for arg in args for kind in _types_in(arg))]


def test_every_model_and_field_of_the_schema_has_both_catalogue_entries() -> None:
    dutch, english = _entries("nl"), _entries("en")
    models = models_in_schema()
    assert {"Case", "Person", "FactorKey", "Choice", "Stage", "Reflection", "Example",
            "StereotypePattern"} <= set(models)
    needed = {description_key(name) for name in models} | {
        description_key(name, field) for name, model in models.items()
        for field in model.model_fields}
    for key in needed:
        assert dutch.get(key) and english.get(key), key
        assert dutch[key] != english[key], key
    ours = {key for key in dutch if key.startswith("jsonschema.")}
    unused = ours - needed - {k for k in ours if k.startswith("jsonschema.snippet.")} - {
        "jsonschema.title", "jsonschema.case.schema_link"}
    assert not unused, unused  # a field that went away takes its texts with it


def test_the_models_carry_no_words_of_their_own() -> None:
    """The catalogue is the one place of the words: no Dutch description left in a model (the
    schema would not show it, and it would drift from the catalogue)."""
    for name, model in models_in_schema().items():
        for field_name, field in model.model_fields.items():
            if model.__module__.startswith("casusspel.content"):
                assert field.description is None, (name, field_name)


@pytest.mark.parametrize("framework", [False, True])
def test_every_text_of_the_english_schema_is_english(framework: bool) -> None:
    from casusspel.content.library import load_framework

    chosen = load_framework() if framework else None
    dutch, english = texts(case_schema(chosen, "nl")), texts(case_schema(chosen, "en"))
    assert dutch.keys() == english.keys()
    ours = [where for where in dutch if not framework_text(where)]
    assert len([w for w in ours if w.endswith("/description")]) >= 55
    for where in ours:
        if english[where] in SAME:
            assert dutch[where] == english[where], where
            continue
        assert dutch[where] != english[where], (where, dutch[where])
        leaked = words(english[where]) & DUTCH_WORDS
        assert not leaked, (where, english[where], leaked)
    if framework:  # the framework's names are its own, the words around them ours
        item = case_schema(chosen, "en")["$defs"]["FactorKey"]["properties"]["decisive"]["items"]
        visibility = {doc.split("(")[1].split(")")[0] for doc in item["markdownEnumDescriptions"]}
        assert visibility == {"visible", "partly visible", "invisible"}


def test_the_english_snippet_still_makes_a_valid_english_case() -> None:
    from tests.test_schemalink import defaults

    body = defaults(case_schema(None, "en")["defaultSnippets"][0]["body"])
    case = Case.model_validate(body)
    assert case.language == "en" and case.question == "What do you do?"


def test_every_path_that_writes_a_schema_speaks_the_run_language(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 ) -> None:
    """``schema``, ``schema --vscode --framework`` (a file beside the cases) and the installed
    schema that ``new``, ``--fix-schema-link`` and ``--vscode`` link to."""
    from casusspel.content.library import builtin_framework_path

    monkeypatch.chdir(tmp_path)
    framework = str(builtin_framework_path())
    for lang, title in (("nl", "casus: alleen de verplichte velden"),
                        ("en", "case: only the required fields")):
        shown = runner.invoke(app, ["schema", "--lang", lang])
        assert json.loads(shown.stdout)["title"] == title
        folder = tmp_path / lang
        folder.mkdir()
        monkeypatch.chdir(folder)
        result = runner.invoke(app, ["--lang", lang, "schema", "--vscode", "--framework",
                                     framework])
        assert result.exit_code == 0, result.output
        assert json.loads((folder / "casus.schema.json").read_text("utf-8"))["title"] == title
        result = runner.invoke(app, ["--lang", lang, "new", "-o", "los/casus.yaml"])
        assert result.exit_code == 0, result.output
        link = (folder / "los" / "casus.yaml").read_text("utf-8").splitlines()[0]
        assert link.endswith("$schema=../casus.schema.json"), link  # the local one
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CASUSSPEL_LANG", "en")
    assert installed_schema().parent.name == "en"
    assert json.loads(installed_schema().read_text("utf-8"))["title"] == \
        "case: only the required fields"
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    assert link_for(elsewhere) == installed_schema().as_uri()
    assert settings_schema_key(elsewhere) == installed_schema().as_uri()
    monkeypatch.delenv("CASUSSPEL_LANG")
    assert json.loads(installed_schema().read_text("utf-8"))["title"] == \
        "casus: alleen de verplichte velden"


def test_a_dutch_schema_beside_the_cases_stays_dutch_for_a_dutch_author(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that does not ask for a language writes Dutch, also where an English one was."""
    from casusspel.content.library import builtin_framework_path

    monkeypatch.chdir(tmp_path)
    framework = str(builtin_framework_path())
    runner.invoke(app, ["schema", "--vscode", "--framework", framework, "--lang", "en"])
    runner.invoke(app, ["schema", "--vscode", "--framework", framework])
    schema = json.loads((tmp_path / "casus.schema.json").read_text("utf-8"))
    assert schema["title"] == "casus: alleen de verplichte velden"
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text("utf-8"))
    assert list(settings["yaml.schemas"]) == ["./casus.schema.json"]  # one entry, replaced
