"""Validation problems in the run's language (issue #18.4): every code the checks can give, from
files that make it, said in Dutch and in English from the catalogue; no Dutch words in the English
texts and no English words in the Dutch ones; the Dutch contract line unchanged."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.checks import iter_problems
from casusspel.content.problems import Problem
from casusspel.content.schemalink import fix_links
from casusspel.messages import Messages, Text, os_reason
from tests.conftest import ROOT

runner = CliRunner()
DUTCH = Messages("nl")
ENGLISH = Messages("en")
GOOD = (ROOT / "cases" / "brief-van-de-gemeente.yaml").read_text(encoding="utf-8").replace(
    "id: brief-van-de-gemeente", "id: eigen-brief", 1).replace(
    "$schema=casus.schema.json", f"$schema={(ROOT / 'cases' / 'casus.schema.json').as_uri()}", 1)
#: words that show a text is Dutch, and words that show it is English (whole words, any case);
#: checked after the values (paths, ids, an author's text) are left out and quoted parts removed
DUTCH_WORDS = frozenset("""
de het een niet geen bestand regel kolom hier staat bedoel kies ontbreekt onbekende onbekend
verwijst zet voeg haal tekst moet mag keuze pijler vervolg sleutel veld hoort wordt bij leeg van
voor met naar twee keer je zijn dat deze dit schijf toestemming getal lijst waarde map
""".split())
ENGLISH_WORDS = frozenset("""
the not file line column missing unknown choose did you mean field must may empty here with this
that from and or points belongs quote folder permission disk number list value text appears twice
""".split())
CODES = sorted(set(re.findall(r"\"(CS0\d\d)\"", "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "casusspel" / "content").glob("*.py")))))


def mutated(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def bad_files(folder: Path) -> list[Path]:
    """A folder of files that together make every problem code (and most variants)."""
    files: dict[str, str | bytes] = {
        "leeg.yaml": "",
        "lijst.yaml": "- een\n- lijst\n",
        "tab.yaml": "id: a\ntitle: b\n\tx: 1\n",
        "quote.yaml": 'id: a\ntitle: "niet gesloten\n',
        "quote-vroeg.yaml": "id: a\ntitle: 'al dicht' en meer\nx: 1\n",
        "yaml.yaml": "id: a\ntags: [a, b\ntitle: x\n",
        "blok.yaml": "id: a\ntags: {a: 1\ntitle: x\n",
        "tag.yaml": "id: !!python/object/apply:os.system ['echo gehackt']\n",
        "stuurteken.yaml": "id: a\ntitle: \x1b[31mrood\n",
        "latin1.yaml": b"id: a\ntitle: caf\xe9\n",
        "nul.yaml": b"id: a\x00\n",
        "diep.yaml": "x: " + "[" * 2000 + "]" * 2000 + "\n",
        "niveaus.yaml": "x: " + "[" * 80 + "]" * 80 + "\n",
        "sleutel.yaml": "? [a, b]\n: 1\n",
        "gekruld.yaml": mutated("title: De stapel ongeopende post", "title: “De stapel”"),
        "dubbel.yaml": mutated("language: nl\n", "language: nl\nlanguage: nl\n"),
        "escape.yaml": mutated("title: De stapel ongeopende post", 'title: "De \\e stapel"'),
        "velden.yaml": mutated("title: De stapel ongeopende post\n", "titel: De stapel\n"),
        "soort.yaml": mutated("minutes: 20", "minutes: [20]"),
        "keuzes.yaml": mutated("audience: wijkteam", "audience: buurt"),
        "punten.yaml": mutated("netwerk: 0}\n  - id: b", "netwerk: 7}\n  - id: b"),
        "factoren.yaml": mutated("decisive: [opleiding, armoede]",
                                 "decisive: [opleiding, armoede, beperking, migrati, xyzzy]"),
        "twee-plekken.yaml": mutated("relevant: [gezin, levensfase, arbeid]",
                                     "relevant: [gezin, levensfase, arbeid, opleiding]"),
        "sleutel-mist.yaml": mutated("distractor: [taal, etniciteit]", "distractor: [taal]"),
        "pijler.yaml": mutated("maatwerk: 1, netwerk: 0}", "maatwerk: 1, netwerk: 0, netwrek: 1}"),
        "vervolg.yaml": mutated("netwerk: 0}\n  - id: b", "netwerk: 0}\n    next: later\n  - id: b")
        + "stages:\n" + "".join(
            f"  - id: {sid}\n    title: Later\n    situation: Het gaat verder.\n    choices:\n"
            "      - {id: a, text: Dit, points: {netwerk: 1}}\n"
            "      - {id: b, text: Dat, points: {netwerk: 1}}\n" for sid in ("laat", "laat")),
        "keuze.yaml": mutated("  - id: b\n    text: Je neemt", "  - id: a\n    text: Je neemt"),
        "geen-feedback.yaml": mutated("feedback: >\n      Goed bedoeld", "feedback: ''\n    x_: >\n"
                                      "      Goed bedoeld").replace("    x_: >", "    notes: >"),
        "geen-punten.yaml": mutated("{zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 2}",
                                    "{zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: 0}"
                                    ).replace("netwerk: 1}", "netwerk: 0}").replace(
                                    "netwerk: 2}", "netwerk: 0}"),
        "lang.yaml": mutated("  geen idee hoe hij ervoor staat.\n",
                             "  geen idee hoe hij ervoor staat.\n" + "\n  Nog een alinea.\n" * 8),
        "stereotype.yaml": mutated("  geen idee hoe hij ervoor staat.\n",
                                   "  geen idee hoe hij ervoor staat. In hun cultuur is dat zo.\n"),
        "persoonsgegevens.yaml": mutated(
            "  geen idee hoe hij ervoor staat.\n",
            "  geen idee hoe hij ervoor staat. Mail: jan@voorbeeld.nl, tel. 06-12345678, TODO\n"),
        "link.yaml": GOOD.replace(
            (ROOT / "cases" / "casus.schema.json").as_uri(), "bestaat-niet.schema.json", 1),
        "kopie-1.yaml": GOOD,
        "kopie-2.yaml": GOOD,
        "ingebouwd.yaml": GOOD.replace("id: eigen-brief", "id: brief-van-de-gemeente", 1),
        "programma.yaml": "title: Dag\nblocks:\n  - cases: [bestaat-niet]\n  - pause: 5\n",
        "programma-blok.yaml": "title: Dag\nblocks:\n  - pauze: 5\n",
        "raamwerk.yaml": "id: eigen\nname: Eigen\npillars:\n  - {id: a, name: A, color: paars}\n"
                         "factors:\n  - {id: f, name: F, visibility: visible}\n"
                         "stereotypes:\n  - {explanation: Zomaar}\n",
        "veel.yaml": "".join(f"x{i}: 1\nx{i}: 2\n" for i in range(110)),
    }
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    with (folder / "groot.yaml").open("wb") as handle:
        handle.truncate(3_000_000)
    (folder / "map.yaml").mkdir()
    os.mkfifo(folder / "pijp.yaml")
    return [folder, folder / "bestaat-niet.yaml"]


def masked(text: Text, lang: Messages) -> str:
    """``text`` in ``lang`` with every value that is not a catalogue text (a path, an id, an
    author's words) left out: what remains are the catalogue's own words."""
    values = {name: masked(value, lang) if isinstance(value, Text) else "…"
              for name, value in text.values.items()}
    shown = Text.plural(text.key, text.count, **values) if text.count is not None else Text(
        text.key, **values)
    return shown.said(lang)


def keys(text: Text) -> list[tuple[str, int | None]]:
    """Every catalogue key a text uses (its own and its values')."""
    found = [(text.key, text.count)]
    for value in text.values.values():
        items = value if isinstance(value, tuple) else (value,)
        found += [key for item in items if isinstance(item, Text) for key in keys(item)]
    return found


def words(text: str) -> set[str]:
    unquoted = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’", " ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]+", unquoted)}


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [str(path) for path in bad_files(tmp_path_factory.mktemp("slecht"))]


@pytest.fixture(scope="module")
def problems(paths: list[str]) -> list[Problem]:
    found = list(iter_problems([Path(p) for p in paths]))
    unfixable = Path(paths[0]) / "link.yaml"
    # where the repaired file would be written: a folder, so writing fails (CS001)
    (unfixable.parent / ".link.yaml.casusspel-tmp").mkdir()
    found += fix_links([unfixable])[1]
    (unfixable.parent / ".link.yaml.casusspel-tmp").rmdir()
    return found


def test_the_files_make_every_code_the_checks_can_give(problems: list[Problem]) -> None:
    assert len(CODES) >= 40, CODES
    assert sorted({p.code for p in problems}) == CODES


@pytest.mark.parametrize(("lang", "foreign"), [(ENGLISH, DUTCH_WORDS), (DUTCH, ENGLISH_WORDS)])
def test_every_problem_in_one_language(problems: list[Problem], lang: Messages,
                                       foreign: frozenset[str]) -> None:
    for problem in problems:
        for text in (problem.text, problem.help):
            if text is None:
                continue
            for key, count in keys(text):
                assert lang.plural(key, 1) != key if count is not None else lang.has(key), key
            leaked = words(masked(text, lang)) & foreign
            assert not leaked, (problem.code, lang.lang, leaked, masked(text, lang))


def test_every_problem_text_in_the_catalogue_has_both_languages() -> None:
    """Also the variants the files above do not make (an unreadable file, a full disk...)."""
    from tests.test_messages import _entries

    dutch, english = _entries("nl"), _entries("en")
    ours = [k for k in dutch if re.match(r"(cs0\d\d|yaml|os|check|calibrate|framework)\.", k)]
    assert len(ours) > 100
    for key in ours:
        assert not words(re.sub(r"\{\w+\}", "", english[key])) & DUTCH_WORDS, (key, english[key])
        assert not words(re.sub(r"\{\w+\}", "", dutch[key])) & ENGLISH_WORDS, (key, dutch[key])


def test_the_dutch_contract_line_is_unchanged(problems: list[Problem]) -> None:
    """Byte for byte what validate printed before the texts came from the catalogue."""
    def shown(name: str, code: str, lang: Messages) -> str:
        return next(p.format(lang) for p in problems if p.file.endswith(name) and p.code == code)

    assert shown("dubbel.yaml", "CS015", DUTCH).endswith(
        "error CS015: sleutel 'language' staat er twee keer (eerst op regel 4)\n"
        "    hint: YAML gebruikt stilletjes de laatste; haal er één weg")
    assert "error CS022: onbekend veld 'titel'\n    hint: de veldnamen zijn Engels: bedoel je " \
           "'title'?" in shown("velden.yaml", "CS022", DUTCH)
    assert "error CS023: pillars[1].color: onbekende kleur 'paars': kies black, red, " in shown(
        "raamwerk.yaml", "CS023", DUTCH)
    reasons = [p.text.values["reason"] for p in problems if p.file.endswith("raamwerk.yaml")]
    assert [r.said(ENGLISH) for r in reasons if isinstance(r, Text)] == [
        "unknown colour 'paars': choose black, red, green, yellow, blue, magenta, cyan, white "
        "(also with 'bright_' in front, such as bright_blue) or a code such as #1f5fbf",
        "give 'phrases' (words and phrases) or 'patterns' (regular expressions)"]
    assert shown("dubbel.yaml", "CS015", ENGLISH).endswith(
        "error CS015: key 'language' appears twice (first on line 4)\n"
        "    hint: YAML silently uses the last one; remove one of them")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_validate_speaks_the_run_language(paths: list[str], problems: list[Problem],
                                          how: str) -> None:
    args, env = ["validate", "--format", "json", *paths], {}
    if how == "option":
        args.insert(1, "--lang=en")
    else:
        env["CASUSSPEL_LANG"] = "en"
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2, result.output  # a missing path
    shown = json.loads(result.stdout)["problems"]
    assert set(shown[0]) == {"file", "line", "col", "severity", "code", "message", "hint"}
    assert {p["code"] for p in shown} == {p.code for p in problems}
    messages = {p["message"] for p in shown}
    assert "file not found" not in messages  # a missing path, not a missing file
    assert "file or folder not found" in messages and "the file is empty" in messages
    assert "this is a FIFO (named pipe), not a regular file; casusspel does not read it" \
        in messages
    assert not any(words(m) & {"bestand", "niet", "regel", "hier"} for m in messages)


def test_validate_lines_and_summary_in_english(paths: list[str]) -> None:
    result = runner.invoke(app, ["validate", *paths, "--lang", "en"])
    assert "error CS010: the file is empty\n    hint: start with 'casusspel new' for a " \
           "filled-in example\n" in result.stdout
    assert re.search(r"\d+ files checked: \d+ errors", result.stderr), result.stderr


def test_validate_stays_dutch_by_default(paths: list[str]) -> None:
    result = runner.invoke(app, ["validate", *paths])
    assert "error CS001: bestand of map niet gevonden" in result.stdout
    assert "    hint: controleer de naam; gebruik 'casusspel list' voor de ingebouwde casussen" \
        in result.stdout
    assert "error CS010: bestand is leeg" in result.stdout


@pytest.mark.parametrize(("number", "dutch", "english"), [
    (errno.EACCES, "geen toestemming", "permission denied"),
    (errno.EISDIR, "dit is een map", "this is a folder"),
    (errno.ENOENT, "bestaat niet", "does not exist"),
    (errno.ENOSPC, "de schijf is vol", "the disk is full"),
])
def test_operating_system_errors_in_the_run_language(number: int, dutch: str,
                                                     english: str) -> None:
    reason = os_reason(OSError(number, os.strerror(number)))
    assert (reason.said(DUTCH), reason.said(ENGLISH)) == (dutch, english)
    unknown = os_reason(OSError(errno.EPROTO, "Protocol error"))  # no text of its own
    assert unknown.said(DUTCH).startswith("systeemfout EPROTO; controleer of het bestand")


def test_calibrate_and_new_speak_the_run_language(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.yaml"
    empty.write_text("", encoding="utf-8")
    english = runner.invoke(app, ["--lang", "en", "calibrate", str(empty)])
    assert "error CS010: the file is empty" in english.output, english.output
    dutch = runner.invoke(app, ["calibrate", str(empty)])
    assert "error CS010: bestand is leeg" in dutch.output, dutch.output


def test_a_labelled_set_with_two_documents_in_both_languages(tmp_path: Path) -> None:
    labelled = tmp_path / "labels.yaml"
    labelled.write_text("reflections:\n  - {id: a, text: Ik vroeg door.}\n---\nx: 1\n",
                        encoding="utf-8")
    english = runner.invoke(app, ["calibrate", str(labelled), "--lang", "en"])
    dutch = runner.invoke(app, ["calibrate", str(labelled)])
    assert "error CS011: more than one document in the file\n    hint: remove the line '---'" \
        in english.output, english.output
    assert "error CS011: meer dan één document in het bestand\n    hint: haal de regel '---' weg" \
        in dutch.output, dutch.output


def test_english_texts_that_point_to_the_dutch_docs_say_so() -> None:
    """The guides are Dutch only: an English hint that names a section or a guide says where
    and that it is in Dutch (CS056 pointed English readers to 'Een echte casus anonimiseren')."""
    from tests.test_messages import _entries

    english = _entries("en")
    pointing = {key: text for key, text in english.items()
                if re.search(r"\bguide\b|README|docs/|casusspel docs \w", text)
                and any(words(quoted) & DUTCH_WORDS or "-" in quoted
                        for quoted in re.findall(r"'([^'{}]{3,})'", text))}
    assert "cs056.personal.hint" in pointing
    for key, text in pointing.items():
        assert "in Dutch" in text, (key, text)
    assert "casusspel docs casussen-schrijven" in english["cs056.personal.hint"]
    assert not any("docs/" in text for text in english.values() if "casusspel docs" not in text
                   and "Markdown" not in text), "an installed copy has no docs/ folder"
