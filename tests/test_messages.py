"""The message catalogue: gettext files that agree with each other and with the code."""

from __future__ import annotations

import re
import string

import pytest

from casusspel.messages import HERE, LANGUAGES, Messages, language
from tests.conftest import ROOT


def _entries(lang: str) -> dict[str, str]:
    """Every key of a .po file with its text (plural entries: the singular form)."""
    from babel.messages.pofile import read_po

    with (HERE / f"{lang}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    out = {}
    for message in catalog:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            text = message.string[0] if isinstance(message.string, tuple) else message.string
            out[str(key)] = str(text)
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_compiled_catalogues_match_their_po_files_byte_for_byte() -> None:
    """The committed .mo files are exactly what compiling the .po files gives, at any time of day
    (no compile-time stamp), so a recompile without a .po change leaves git clean."""
    from casusspel.messages import compile as compile_module

    for lang in LANGUAGES:
        assert (HERE / f"{lang}.mo").read_bytes() == compile_module.compiled(lang), (
            f"{lang}.mo is out of date: run python -m casusspel.messages.compile")


def test_every_language_has_every_key_with_the_same_placeholders() -> None:
    dutch, english = _entries("nl"), _entries("en")
    assert set(dutch) == set(english)
    for key, text in dutch.items():
        assert _fields(text) == _fields(english[key]), key


def test_every_literal_key_in_the_code_exists() -> None:
    keys = set(_entries("nl"))
    used: set[str] = set()
    sources = [*ROOT.glob("casusspel/**/*.py"), *ROOT.glob("scoring/**/*.py"), ROOT / "cli.py"]
    for path in sources:
        used |= set(re.findall(r"\b(?:msg|w|Text|KeyedValueError)(?:\.plural)?\("
                               r"\s*\"([a-z_][a-z0-9_.]+)\"", path.read_text("utf-8")))
    assert used, "the scan found no message keys at all"
    assert sorted(used - keys) == []


def test_language_comes_from_the_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CASUSSPEL_LANG", raising=False)
    assert language(None) == "nl"
    monkeypatch.setenv("CASUSSPEL_LANG", "en_GB.UTF-8")
    assert language(None) == "en"
    assert language("nl") == "nl"
    monkeypatch.setenv("CASUSSPEL_LANG", "fr")
    assert language(None) == "nl"


def test_lookup_fills_in_values() -> None:
    assert Messages("en")("header", n=2, total=5) == "Case 2 of 5"
    assert Messages("nl")("header", n=2, total=5) == "Casus 2 van 5"
