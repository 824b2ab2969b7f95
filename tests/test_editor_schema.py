"""The editor really uses our schema: the real yaml-language-server (npm), driven over stdio.

Cases in several folders, each with the link ``casusspel new`` or ``validate --fix-schema-link``
wrote: a schema beside the case, a schema folders up, no local schema (the installed one), and
files that only ``casusspel schema --vscode`` settings connect, and a case an English author
made (its hovers in English). One server serves them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import schema_path
from tests.lsp import LanguageServer, server_command

runner = CliRunner()


def casusspel(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return result.stdout + result.stderr


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def spoil(path: Path) -> None:
    """Two mistakes an editor should underline: a Dutch field name and too few minutes."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle:", "\ntitel:", 1).replace("minutes: 20", "minutes: 0"),
                    encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """0-based number of the first line that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if line.startswith(start))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("werkmap")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        (root / "naast").mkdir()
        (root / "naast" / "casus.schema.json").write_text(casusspel("schema"), encoding="utf-8")
        (root / "project" / "casussen").mkdir(parents=True)
        (root / "project" / "casus.schema.json").write_text(casusspel("schema"),
                                                            encoding="utf-8")
        casusspel("new", "-o", "naast/een.yaml")
        casusspel("new", "-o", "project/casussen/twee.yaml")
        casusspel("new", "-o", "los/drie.yaml")
        casusspel("--lang", "en", "new", "-o", "engels/zeven.yaml")  # the English schema
        moved = root / "verhuisd" / "vier.yaml"  # a copy whose relative link no longer works
        moved.parent.mkdir()
        moved.write_text((root / "naast" / "een.yaml").read_text(encoding="utf-8"),
                         encoding="utf-8")
        before_fix = casusspel("validate", "verhuisd")
        casusspel("validate", "--fix-schema-link", "verhuisd")
        # no link at all: only the settings of 'schema --vscode' connect these
        text = (root / "naast" / "een.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
        (root / "mijn-casussen").mkdir()
        (root / "mijn-casussen" / "vijf.yaml").write_text(text, encoding="utf-8")
        (root / "ergens").mkdir()
        (root / "ergens" / "zes.casus.yaml").write_text(text, encoding="utf-8")
        (root / "ergens" / "geen-casus.yaml").write_text("naam: iets anders\n",
                                                         encoding="utf-8")
        casusspel("schema", "--vscode")
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for path in [*root.glob("*/*.yaml"), *root.glob("*/*/*.yaml")]:
        spoil(path)
    server = LanguageServer(server_command(), root, {"yaml": {
        "validate": True, "hover": True, "completion": True,
        "schemas": settings["yaml.schemas"]}})
    try:
        yield {"root": root, "server": server, "before_fix": before_fix, "settings": settings}
    finally:
        server.close()


def schema_errors(server: LanguageServer, path: Path, schema: Path | None = None,
                  ) -> dict[int, str]:
    """Line (0-based) -> message of each schema diagnostic (all from ``schema``, if given)."""
    found: dict[int, str] = {}
    for item in server.open(path):
        assert "yaml-schema" in item.get("source", ""), item
        if schema is not None:
            assert item["data"]["schemaUri"] == [schema.resolve().as_uri()], item
        found[item["range"]["start"]["line"]] = item["message"]
    return found


CASES = {
    "naast/een.yaml": ("casus.schema.json", "naast/casus.schema.json"),
    "project/casussen/twee.yaml": ("../casus.schema.json", "project/casus.schema.json"),
    "los/drie.yaml": (None, None),  # the installed schema
    "verhuisd/vier.yaml": (None, None),
}


def test_the_editor_uses_our_schema_in_every_folder(workspace: dict[str, Any]) -> None:
    """One server for all folders (the checks share it: one test, not one per worker)."""
    check_links_and_diagnostics(workspace)
    check_hover_in_dutch(workspace)
    check_hover_in_english(workspace)
    check_completion_and_snippets(workspace)
    check_vscode_settings(workspace)


def check_links_and_diagnostics(workspace: dict[str, Any]) -> None:
    root, server = workspace["root"], workspace["server"]
    assert re.search(r"verhuisd/vier\.yaml:1:\d+: warning CS072", workspace["before_fix"])
    assert "casusspel validate --fix-schema-link" in workspace["before_fix"]
    for name, (link, schema) in CASES.items():
        path = root / name
        target = first_line(path).removeprefix("# yaml-language-server: $schema=")
        assert target == (link or schema_path().resolve().as_uri()), name
        errors = schema_errors(server, path, root / schema if schema else schema_path())
        assert "titel" in errors[line_of(path, "titel:")], (name, errors)
        assert "minimum" in errors[line_of(path, "minutes:")], (name, errors)


def check_hover_in_dutch(workspace: dict[str, Any]) -> None:
    for name in CASES:
        path = workspace["root"] / name
        text = workspace["server"].hover(path, line_of(path, "situation:"), 2)
        assert "120-200 woorden" in text and "regels" in text, (name, text)
        text = workspace["server"].hover(path, line_of(path, "audience:"), 2)
        assert "Voor wie" in text, (name, text)


def check_hover_in_english(workspace: dict[str, Any]) -> None:
    path = workspace["root"] / "engels" / "zeven.yaml"
    english = schema_path("en").resolve().as_uri()
    assert first_line(path) == f"# yaml-language-server: $schema={english}"
    text = workspace["server"].hover(path, line_of(path, "situation:"), 2)
    assert "120-200 words" in text and "lines" in text, text
    text = workspace["server"].hover(path, line_of(path, "audience:"), 2)
    assert "For whom" in text and "Voor wie" not in text, text


TABSTOP = re.compile(r"\$\{(\d+)[:}]|\$(\d+)")


def tabstops(snippet: str) -> list[int]:
    return [int(a or b) for a, b in TABSTOP.findall(snippet)]


def with_defaults(snippet: str) -> str:
    """The text an author gets by pressing Tab through the snippet without typing."""
    return re.sub(r"\$\{\d+:([^}]*)\}|\$\{\d+\}|\$\d+", lambda m: m.group(1) or "", snippet)


def check_completion_and_snippets(workspace: dict[str, Any]) -> None:
    root, server = workspace["root"], workspace["server"]
    path = root / "los" / "drie.yaml"
    line = line_of(path, "audience:")
    labels = {item["label"] for item in server.completion(path, line, len("audience: "))}
    assert {"wijkteam", "gemeente", "clientenraad", "sociaal-domein"} <= labels, labels
    empty = root / "los" / "leeg.yaml"
    empty.write_text(first_line(path) + "\n\n", encoding="utf-8")
    items = server.completion(empty, 1, 0)
    labels = {item["label"] for item in items}
    assert {"title", "situation", "choices"} <= labels, labels
    snippets = [item for item in items if item.get("insertTextFormat") == 2
                and "\n" in item.get("insertText", "")]
    assert len(snippets) >= 2, snippets  # ours, and the server's skeleton of required fields
    for item in snippets:
        numbers = tabstops(item["insertText"])
        assert len(numbers) == len(set(numbers)), (item["label"], item["insertText"])
    [case] = [item for item in snippets if item["label"] == "casus"]
    filled = root / "los" / "uit-de-snippet.yaml"
    filled.write_text(first_line(path) + "\n" + with_defaults(case["insertText"]) + "\n",
                      encoding="utf-8")
    report = json.loads(casusspel("validate", "--format", "json", str(filled)))
    assert report["errors"] == 0, report
    assert server.open(filled) == []
    [skeleton] = [item for item in snippets if item["label"].startswith("casus: ")]
    assert re.search(r"^minutes: \$\{\d+:20\}$", skeleton["insertText"], re.M), skeleton


def check_vscode_settings(workspace: dict[str, Any]) -> None:
    root, server = workspace["root"], workspace["server"]
    patterns = next(iter(workspace["settings"]["yaml.schemas"].values()))
    assert "**/*.casus.yaml" in patterns and "mijn-casussen/**/*.yaml" in patterns
    for name in ("mijn-casussen/vijf.yaml", "ergens/zes.casus.yaml"):
        path = root / name
        assert not first_line(path).startswith("# yaml-language-server")
        errors = schema_errors(server, path)
        assert "titel" in errors[line_of(path, "titel:")], (name, errors)
    assert server.open(root / "ergens" / "geen-casus.yaml") == []  # other YAML is left alone
