"""The schema link of a case: validate warns when it does not resolve, --fix-schema-link repairs
it (and only what needs it), snippets are distinct and valid."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.library import schema_path
from casusspel.content.model import Case, Choice, Person
from casusspel.content.schema import CASE_SNIPPET, CHOICE_SNIPPET, PERSON_SNIPPET
from casusspel.content.schema import snippet as said
from casusspel.content.schemalink import find_link, resolves
from casusspel.messages import Messages
from tests.conftest import ROOT

CASE = (ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8").replace(
    "id: tolk-aan-tafel", "id: eigen-tolk", 1)
MODELINE = "# yaml-language-server: $schema="


def validate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def with_link(link: str) -> str:
    return CASE.replace(CASE.splitlines()[0], MODELINE + link, 1)


def test_a_link_that_does_not_resolve_is_warning_cs072_at_the_link(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text(with_link("../elders/casus.schema.json"), encoding="utf-8")
    code, out, _ = validate(str(path))
    assert code == 0
    assert out.startswith(f"{path}:1:33: warning CS072: de schema-link "
                          "'../elders/casus.schema.json' wijst naar een bestand dat er niet is")
    assert f"casusspel validate --fix-schema-link {path}" in out


def test_links_that_resolve_or_cannot_be_checked_are_fine(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "casus.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "leeg.json").write_text("", encoding="utf-8")
    folder = tmp_path / "sub"
    assert resolves("../casus.schema.json", folder)
    assert resolves((tmp_path / "casus.schema.json").as_uri(), folder)
    assert resolves("https://example.org/casus.schema.json", folder)  # no network: not checked
    assert not resolves("../leeg.json", folder)  # "No content" in the editor
    assert not resolves("casus.schema.json", folder)
    assert not resolves("", folder)


def test_a_schema_key_in_the_yaml_counts_too(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    text = "\n".join(CASE.splitlines()[1:]) + "\n$schema: weg.json\n"
    path.write_text(text, encoding="utf-8")
    _, out, _ = validate(str(path))
    line = len(text.splitlines())
    assert f"{path}:{line}:10: warning CS072" in out


def test_fix_rewrites_only_broken_links_and_keeps_the_file_otherwise(tmp_path: Path) -> None:
    (tmp_path / "casus.schema.json").write_text(schema_path().read_text(encoding="utf-8"),
                                                encoding="utf-8")
    (tmp_path / ".git").mkdir()
    broken = tmp_path / "a" / "kapot.yaml"
    broken.parent.mkdir()
    crlf = with_link("casus.schema.json").replace("\n", "\r\n")
    broken.write_bytes(crlf.encode("utf-8"))
    os.chmod(broken, 0o640)
    missing = tmp_path / "a" / "zonder.yaml"
    missing.write_text("\n".join(CASE.splitlines()[1:]).replace("eigen-tolk", "zonder") + "\n",
                       encoding="utf-8")
    good = tmp_path / "a" / "goed.yaml"
    good_text = with_link("../casus.schema.json").replace("eigen-tolk", "goed")
    good.write_text(good_text, encoding="utf-8")
    other = tmp_path / "a" / "geen-casus.yaml"
    other.write_text("naam: iets anders\n", encoding="utf-8")
    code, out, err = validate("--fix-schema-link", str(tmp_path / "a"))
    assert code == 1 and "CS072" not in out
    assert all("geen-casus.yaml" in line for line in out.splitlines() if " error " in line)
    assert f"{broken}: schema-link hersteld ($schema=../casus.schema.json)" in err
    assert f"{missing}: schema-link hersteld" in err and str(good) not in err
    assert broken.read_bytes() == crlf.replace(MODELINE + "casus.schema.json",
                                               MODELINE + "../casus.schema.json").encode("utf-8")
    assert stat.S_IMODE(broken.stat().st_mode) == 0o640
    assert missing.read_text(encoding="utf-8").startswith(MODELINE + "../casus.schema.json\n")
    assert good.read_text(encoding="utf-8") == good_text
    assert other.read_text(encoding="utf-8") == "naam: iets anders\n"
    assert not list(tmp_path.rglob("*.casusspel-tmp"))


def test_fix_reports_a_file_it_cannot_change(tmp_path: Path) -> None:
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    path = folder / "casus.yaml"
    path.write_text(with_link("weg.json"), encoding="utf-8")
    os.chmod(folder, 0o500)
    try:
        if os.access(folder, os.W_OK):  # root ignores permissions: use a file in the way
            os.chmod(folder, 0o700)
            (folder / ".casus.yaml.casusspel-tmp").mkdir()
        code, out, _ = validate("--fix-schema-link", str(path))
    finally:
        os.chmod(folder, 0o700)
    assert code == 1
    assert re.search(rf"{re.escape(str(path))}:1:1: error CS001: kan de schema-link niet "
                     "herstellen", out), out
    assert path.read_text(encoding="utf-8") == with_link("weg.json")


def test_find_link_reports_the_position_of_the_target() -> None:
    link = find_link("id: a\n  #  yaml-language-server:  $schema=x.json\n")
    assert link is not None and (link.target, link.line, link.col) == ("x.json", 2, 37)


# -- snippets ------------------------------------------------------------------------------------
TABSTOP = re.compile(r"\$\{(\d+)[:}]|\$(\d+)")


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def defaults(value: Any) -> Any:
    """The snippet's body as the author gets it when only pressing Tab."""
    if isinstance(value, str):
        return re.sub(r"\$\{\d+:([^}]*)\}", r"\1", value)
    if isinstance(value, dict):
        return {k: defaults(v) for k, v in value.items()}
    if isinstance(value, list):
        return [defaults(v) for v in value]
    return value


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_snippets_have_distinct_tabstops_and_valid_defaults(lang: str) -> None:
    for template, model in ((CASE_SNIPPET, Case), (CHOICE_SNIPPET, Choice),
                            (PERSON_SNIPPET, Person)):
        snippet = said(template, Messages(lang))
        body = snippet["body"]
        assert "@" not in json.dumps(snippet), snippet  # every text found in the catalogue
        numbers = [int(a or b) for text in strings(body) for a, b in TABSTOP.findall(text)]
        assert len(numbers) == len(set(numbers)), (snippet["label"], numbers)
        assert all("${" + str(n) + ":" in json.dumps(body) for n in numbers)  # each a default
        assert not any(": " in text or " #" in text for text in strings(defaults(body)))
        model.model_validate(defaults(body))
