"""What validate finds on a corpus whose problems were put there on purpose (issue 15, point 7).

validate was made faster by doing less repeated work, never by checking less. This corpus holds
a clean case many times over and copies of it with one known problem each: every code validate
reports, each at a line chosen here. The expectation (file, line, code) follows from what each
check means (an e-mail address on line 25 is a CS056 on line 25; a missing field is reported at
the mapping that lacks it), not from validate's own output. The folder is over the parallel
threshold, so the worker processes are used; every problem file is also checked on its own
(one file: one process, no workers).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.checks import MAX_PROBLEMS_PER_FILE, PARALLEL_FROM

#: a clean case: validate finds nothing in it (with a schema beside it); line numbers below
CLEAN = """\
# yaml-language-server: $schema=casus.schema.json
id: casus-schoon
title: Een brief van de gemeente
language: nl
audience: wijkteam
tags: [brief, gemeente]
minutes: 20
situation: |
  Een moeder komt met een brief van de gemeente naar het wijkteam. Ze leest de brief
  met moeite en vraagt of je haar wilt helpen met het formulier dat erbij zit.
persons:
- name: Persoon A.
  description: Een moeder uit de wijk.
  visible:
    taal: Ze spreekt rustig en kiest haar woorden zorgvuldig.
  invisible:
    opleiding: Ze heeft weinig jaren school gehad.
question: Wat doe je?
factors:
  decisive: [taal, opleiding]
  relevant: [gezin]
  distractor: [religie]
choices:
- id: a
  text: Je vult het formulier samen met haar in.
  feedback: Ze voelt zich gehoord en leert hoe het formulier werkt.
  points: {zelfreflectie: 1, leefwereld: 2, maatwerk: 2, netwerk: 1}
- id: b
  text: Je vult het formulier voor haar in.
  feedback: Het is snel klaar, maar ze weet de volgende keer niet hoe het moet.
  points: {zelfreflectie: 0, leefwereld: 1, maatwerk: 1, netwerk: 0}
- id: c
  text: Je verwijst haar naar het taalhuis in de buurt.
  feedback: Een goede stap voor later, maar de brief moet nu beantwoord worden.
  points: {zelfreflectie: 1, leefwereld: 1, maatwerk: 0, netwerk: 2}
reflection:
  prompt: Wat deed je aannames over haar, en hoe merkte je dat?
discussion:
- Wanneer neem je iets over, en wanneer doe je het samen?
expert: Samen invullen houdt de regie bij haar en laat zien wat ze al kan.
"""

Lines = list[str]
Expected = list[tuple[int, str]]


def at(line: int, new: str) -> Callable[[Lines], None]:
    """Replace line ``line`` (1-based)."""
    def edit(lines: Lines) -> None:
        lines[line - 1] = new
    return edit


def after(line: int, *new: str) -> Callable[[Lines], None]:
    """Insert lines after line ``line`` (1-based)."""
    def edit(lines: Lines) -> None:
        lines[line:line] = list(new)
    return edit


STAGE = ["stages:", "- id: vervolg", "  title: Later", "  situation: Het is een week later.",
         "  question: Wat nu?", "  choices:", "  - {id: a, text: Ga, feedback: Goed.,"
         " points: {maatwerk: 1}}", "  - {id: b, text: Wacht, feedback: Ook goed.,"
         " points: {netwerk: 1}}", "  - {id: c, text: Bel, feedback: Prima.,"
         " points: {leefwereld: 1}}"]
LONG_SITUATION = [f"  Regel {n} van een situatie die veel te lang is voor een scherm." for n in
                  range(25)]
MAILS = [f"- Mail je naar jan{n}@example.nl?" for n in range(MAX_PROBLEMS_PER_FILE + 5)]

#: name -> (edits of the clean lines, the problems they must give: (line, code))
CASES: dict[str, tuple[list[Callable[[Lines], None]], Expected]] = {
    "cs003-nul": ([at(3, "title: Een\x00brief")], [(3, "CS003")]),
    "cs005-te-veel": ([at(39, MAILS[0]), after(39, *MAILS[1:])],
                      [(39 + n, "CS056") for n in range(MAX_PROBLEMS_PER_FILE)]
                      + [(39 + MAX_PROBLEMS_PER_FILE, "CS005")]),
    "cs011-yaml": ([at(25, "  text: Je vult: het formulier in.")], [(25, "CS011")]),
    "cs012-tag": ([at(3, "title: !!python/object Een brief")], [(3, "CS012")]),
    "cs013-diep": ([at(40, "expert: " + "[" * 1100 + "]" * 1100)], [(40, "CS013")]),
    "cs014-samenvoegen": ([after(7, "<<: {x: 1}")], [(8, "CS014")]),
    "cs015-dubbel": ([after(3, "title: Nog een titel")], [(4, "CS015")]),
    "cs016-tab": ([at(25, "\ttext: Je vult het formulier samen met haar in.")],
                  [(25, "CS016")]),
    "cs017-stuurteken": ([at(3, "title: Een \x1b[31mbrief")], [(3, "CS017")]),
    "cs018-escape": ([at(3, 'title: "Een \\e[31mbrief"')], [(3, "CS018")]),
    "cs021-ontbreekt": ([at(3, "# (geen titel)")], [(2, "CS021")]),  # at the mapping
    "cs022-onbekend": ([after(3, "titel: Een brief")], [(4, "CS022")]),
    "cs023-soort": ([at(7, "minutes: twintig")], [(7, "CS023")]),
    "cs030-factor": ([at(22, "  distractor: [religi]")], [(22, "CS030")]),
    "cs031-pijler": ([at(27, "  points: {zelfreflectie: 1, leefwerld: 2, maatwerk: 2,"
                             " netwerk: 1}")], [(27, "CS031")]),
    "cs032-next": ([after(27, "  next: vervolg")], [(28, "CS032")]),
    "cs033-onbereikbaar": ([after(40, *STAGE)], [(42, "CS033")]),
    "cs034-twee-vervolgen": ([after(27, "  next: vervolg"), after(40, *STAGE, *STAGE[1:])],
                             [(51, "CS034")]),
    "cs035-feedback": ([at(26, '  feedback: ""')], [(24, "CS035")]),  # at the choice
    "cs036-keuze-dubbel": ([at(28, "- id: a")], [(28, "CS036")]),
    "cs050-te-lang": ([at(9, LONG_SITUATION[0]), at(10, LONG_SITUATION[1]),
                       after(10, *LONG_SITUATION[2:])], [(8, "CS050")]),  # at the key
    "cs051-bij-niemand": ([at(20, "  decisive: [taal, opleiding, armoede]")], [(20, "CS051")]),
    "cs052-twee-groepen": ([at(22, "  distractor: [gezin]")], [(22, "CS052")]),
    "cs053-geen-punten": ([at(31, "  points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 0,"
                                  " netwerk: 0}")], [(28, "CS053")]),
    "cs054-pijler-nergens": ([at(27, "  points: {zelfreflectie: 1, leefwereld: 2, maatwerk: 2,"
                                     " netwerk: 0}"),
                              at(35, "  points: {zelfreflectie: 1, leefwereld: 1, maatwerk: 1,"
                                     " netwerk: 0}")], [(23, "CS054")]),
    "cs055-stereotype": ([at(40, "expert: Marokkaanse moeders laten het papierwerk nou eenmaal"
                                 " aan hun kinderen over.")], [(40, "CS055")]),
    "cs056-mail": ([at(25, "  text: Je mailt haar op jan@example.nl.")], [(25, "CS056")]),
    "cs056-telefoon": ([at(13, "  description: Bereikbaar op 06-12345678.")], [(13, "CS056")]),
    "cs056-postcode": ([at(10, "  met moeite. Ze woont op 1234 AB 12.")], [(10, "CS056")]),
    "cs056-straat": ([at(9, "  Ze woont in de Dorpsstraat 12 en komt met een brief.")],
                     [(9, "CS056")]),
    "cs056-iban": ([at(33, "  text: Je maakt het over naar NL91ABNA0417164300.")],
                   [(33, "CS056")]),
    "cs056-bsn": ([at(37, "  prompt: Haar nummer is 111222333, wat doe je ermee?")],
                  [(37, "CS056")]),
    "cs056-geboren": ([at(13, "  description: Geboren 12-03-1980 in de wijk.")],
                      [(13, "CS056")]),
    "cs056-stil": ([at(25, "  text: Je mailt jan@example.nl.  # casusspel: negeer CS056")], []),
    "cs057-todo": ([at(37, "  prompt: TODO een betere vraag")], [(37, "CS057")]),
    "cs058-niet-in-sleutel": ([after(17, "    arbeid: Ze werkt 's nachts.")], [(18, "CS058")]),
    "cs070-aanhalingsteken": ([at(3, 'title: "Een brief van de gemeente')], [(3, "CS070")]),
    "cs071-krul": ([at(3, "title: \u201cEen brief\u201d")], [(3, "CS071")]),
    "cs073-ingebouwd": ([at(2, "id: tolk-aan-tafel")], [(2, "CS073")]),
}

#: whole files, not edits of the clean one
OTHER_FILES: dict[str, tuple[bytes, Expected]] = {
    "cs002-groot": (b"id: x\n# " + b"x" * 2_000_001 + b"\n", [(1, "CS002")]),
    "cs003-utf8": (b"id: x\ntitle: \xff\n", [(2, "CS003")]),
    "cs010-leeg": (b"", [(1, "CS010")]),
    "cs020-lijst": (b"- een\n- lijst\n", [(1, "CS020")]),
    "cs060-programma": (b"title: Dag\nblocks:\n  - cases: [casus-0003, bestaat-niet]\n",
                        [(3, "CS060")]),
}

CLEAN_FILES = PARALLEL_FROM + 40  # with the others, well over the parallel threshold
NO_SCHEMA = 12  # clean cases in a folder without casus.schema.json: CS072 each


def edited(edits: list[Callable[[Lines], None]], case_id: str) -> str:
    lines = CLEAN.splitlines()
    lines[1] = f"id: {case_id}"
    for edit in reversed(edits):  # bottom first: the line numbers above stay as written
        edit(lines)
    return "\n".join(lines) + "\n"


def write_corpus(root: Path) -> tuple[dict[str, Expected], list[Path]]:
    """The corpus, what each file must give ('a/x.yaml' -> [(line, code)]), and every file with
    a problem on purpose."""
    expected: dict[str, Expected] = {}
    problem_files: list[Path] = []
    here, bare = root / "a", root / "b"
    here.mkdir(parents=True)
    bare.mkdir()
    (here / "casus.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    for n in range(CLEAN_FILES):
        (here / f"schoon-{n:04d}.yaml").write_text(edited([], f"casus-{n:04d}"), "utf-8")
    for n in range(NO_SCHEMA):
        name = f"b/zonder-schema-{n:02d}.yaml"
        (root / name).write_text(edited([], f"zonder-schema-{n:02d}"), encoding="utf-8")
        expected[name] = [(1, "CS072")]
    for name, (edits, problems) in CASES.items():
        case_id = "tolk-aan-tafel" if name == "cs073-ingebouwd" else name
        text = edited(edits, case_id)
        if name == "cs073-ingebouwd":
            text = text.replace("id: cs073-ingebouwd", "id: tolk-aan-tafel")
        path = here / f"{name}.yaml"
        path.write_bytes(text.encode("utf-8"))
        if problems:
            expected[f"a/{name}.yaml"] = problems
        problem_files.append(path)
    for name, (data, problems) in OTHER_FILES.items():
        path = here / f"{name}.yaml"
        path.write_bytes(data)
        expected[f"a/{name}.yaml"] = problems
        problem_files.append(path)
    # CS040: the second file with an id (in the order checked) names the first
    (here / "zz-dubbel.yaml").write_text(edited([], "casus-0007"), encoding="utf-8")
    expected["a/zz-dubbel.yaml"] = [(2, "CS040")]
    problem_files.append(here / "zz-dubbel.yaml")
    if hasattr(os, "mkfifo"):  # CS004: never opened (validate would wait on it for ever)
        os.mkfifo(here / "cs004-pijp.yaml")
        expected["a/cs004-pijp.yaml"] = [(1, "CS004")]
    return expected, problem_files


#: the codes that are warnings (CS005 too, when what it counts are warnings, as here)
WARNINGS = {"CS005", "CS018", "CS033", "CS035", "CS040", "CS050", "CS051", "CS052", "CS053",
            "CS054", "CS055", "CS056", "CS057", "CS058", "CS072", "CS073"}
PROBLEM = re.compile(r"^(.+?):(\d+):(\d+): (error|warning) (CS\d{3}): ")


def found(root: Path, *args: str) -> tuple[dict[str, Expected], int]:
    """(file -> [(line, code)] in the order printed, exit code) of ``casusspel validate``
    run in ``root``."""
    here = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(app, ["validate", *args])
    finally:
        os.chdir(here)
    problems: dict[str, Expected] = {}
    for line in result.stdout.splitlines():
        match = PROBLEM.match(line)
        if match:
            problems.setdefault(match.group(1), []).append((int(match.group(2)),
                                                            match.group(5)))
        else:
            assert line.startswith("    hint: "), line
    return problems, result.exit_code


def test_every_kind_of_problem_is_found_where_it_was_put(tmp_path: Path) -> None:
    expected, _ = write_corpus(tmp_path)
    problems, code = found(tmp_path, "a", "b", "weg.yaml")
    assert problems.pop("weg.yaml") == [(1, "CS001")]
    assert code == 2  # a path that is missing
    assert problems == expected
    codes = {c for listed in expected.values() for _, c in listed} | {"CS001"}
    documented = set(re.findall(r"\| (CS\d{3}) \|", (Path(__file__).parent.parent / "docs" /
                                                     "validatie.md").read_text("utf-8")))
    assert codes == documented  # every code validate documents is in the corpus


def test_each_problem_file_alone_gives_the_same(tmp_path: Path) -> None:
    """One file: checked in the process itself (no workers), the same problems."""
    expected, problem_files = write_corpus(tmp_path)
    for path in problem_files:
        name = path.relative_to(tmp_path).as_posix()
        if name in ("a/zz-dubbel.yaml", "a/cs060-programma.yaml"):
            continue  # CS040 needs the file before it, the programme the case it names
        problems, code = found(tmp_path, name)
        listed = expected.get(name, [])
        assert problems == ({name: listed} if listed else {}), name
        errors = any(c not in WARNINGS for _, c in listed)
        assert code == (1 if errors else 0), name


@pytest.mark.parametrize("folder", ["a", "b"])
def test_the_clean_case_is_clean_beside_a_schema(tmp_path: Path, folder: str) -> None:
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "schoon.yaml").write_text(CLEAN, encoding="utf-8")
    if folder == "a":
        (tmp_path / "a" / "casus.schema.json").write_text("{}", encoding="utf-8")
    problems, code = found(tmp_path, folder)
    assert problems == ({} if folder == "a" else {"b/schoon.yaml": [(1, "CS072")]})
    assert code == 0
