"""Operating-system errors in the run's language (issue #18.4): every error code the system can
give is said from the catalogue, by a text of our own or as 'systeemfout CODE' with what to do;
the system's own (English) sentence never reaches a Dutch run."""

from __future__ import annotations

import errno
import os

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.messages import Messages, error_text, os_reason
from tests.test_problem_language import ENGLISH_WORDS, words

DUTCH, ENGLISH = Messages("nl"), Messages("en")


def test_no_system_sentence_for_any_error_code() -> None:
    own = 0
    for number, name in sorted(errno.errorcode.items()):
        exc = OSError(number, os.strerror(number), "/data/casus.yaml")
        dutch, english = os_reason(exc).said(DUTCH), os_reason(exc).said(ENGLISH)
        assert os.strerror(number) not in dutch, (name, dutch)
        assert not words(dutch) & ENGLISH_WORDS and dutch != english, (name, dutch)
        if name in dutch:  # no text of its own: the code, and what to do
            assert dutch == f"systeemfout {name}; controleer of het bestand of de map bestaat " \
                "en bereikbaar is, en probeer het opnieuw", (name, dutch)
            assert english.startswith(f"system error {name}; check that"), (name, english)
        else:
            own += 1
    assert own >= 30  # the errors a trainer meets have a text of their own


def test_an_error_without_a_code_is_named_by_its_kind() -> None:
    reason = os_reason(OSError("Something English happened"))
    assert reason.said(DUTCH).startswith("systeemfout OSError;")
    assert "English" not in error_text(OSError("Something English happened"))


def test_the_line_names_the_file() -> None:
    exc = OSError(errno.EXDEV, "Invalid cross-device link", "/data/verslag.html")
    assert error_text(exc) == ("/data/verslag.html: kan niet verplaatsen naar een andere "
                               "schijf; kies een map op dezelfde schijf")
    assert error_text(ValueError("eigen tekst")) == "eigen tekst"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_os_error_that_reaches_the_command_line_is_said_in_the_run_language(
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPROTO, "Protocol error", "/mnt/net/casus.schema.json")

    monkeypatch.setattr("casusspel.ui.dataout.schema_command", fails)
    result = CliRunner().invoke(app, ["schema", "--lang", lang])
    assert result.exit_code == 1  # the work could not be done (not a bug: that is 3)
    assert "Protocol error" not in result.output and "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first == {
        "nl": "Kan niet verder: /mnt/net/casus.schema.json: systeemfout EPROTO; controleer of "
              "het bestand of de map bestaat en bereikbaar is, en probeer het opnieuw",
        "en": "Cannot go on: /mnt/net/casus.schema.json: system error EPROTO; check that the "
              "file or folder exists and can be reached, and try again"}[lang]
