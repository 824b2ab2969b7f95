"""The message catalogue: every text a person reads, in Dutch (default) and English.

Texts live in gettext catalogues beside this file (``nl.po``, ``en.po``), keyed by stable ids such
as ``"phase.situation"``; code never holds the words themselves. The ``.po`` files are compiled to
``.mo`` (read by the standard library's ``gettext``, which costs nothing at start-up) with::

    python -m casusspel.messages.compile

A test fails when a ``.mo`` file is older than its ``.po`` or when the catalogues differ in keys.
Values use ``str.format`` placeholders (``{team}``); plurals use the catalogue's plural forms.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
HERE = Path(__file__).resolve().parent


def language(requested: str | None = None) -> str:
    """The language of this run: ``requested`` (``--lang``), else ``CASUSSPEL_LANG``, else Dutch."""
    for candidate in (requested, os.environ.get("CASUSSPEL_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    with (HERE / f"{lang}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


class Messages:
    """Look up and fill in texts for one language: ``msg("answered", team="Tafel 1")``."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = language(lang)
        self._table = translations(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        text = self._table.gettext(key)
        return text.format(**values) if values else text

    def plural(self, key: str, count: int, **values: object) -> str:
        """The form of ``key`` for ``count`` (``{n}`` is filled in with the count)."""
        text = self._table.ngettext(key, f"{key}.plural", count)
        return text.format(n=count, **values)

    def note(self, key: str, params: Mapping[str, object] | None = None) -> str:
        """A text with parameters from the session controller or engine: parameters named
        ``*_phase`` hold phase ids and are shown by their name; ``refusal.<code>`` keys get the
        'not allowed' frame around them."""
        values = {k: self(f"phase.{v}") if k.endswith("_phase") else v
                  for k, v in (params or {}).items()}
        if key.startswith("refusal."):
            return self("refusal", reason=self(key, **values))
        return self(key, **values)

    def refusal(self, code: str, params: Mapping[str, object] | None = None) -> str:
        """An engine refusal (a code with parameters) as a sentence."""
        return self.note(f"refusal.{code}", params)

    def has(self, key: str) -> bool:
        return self._table.gettext(key) != key
