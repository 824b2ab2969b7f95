"""Messages for case authors from a playtest (play13): a forgotten '- ', a text line that is
indented too little, and the fields with a fixed set of values.

Each test breaks a clean case of its own in one place and checks the message, its line and
column, and that validate reports nothing else about the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casusspel.content.checks import validate_paths
from casusspel.content.problems import Problem
from casusspel.messages import Messages

DUTCH = Messages("nl")
ENGLISH = Messages("en")

CLEAN = """\
id: twee-buren
title: Twee buren
language: nl
audience: wijkteam
tags: [buren]
minutes: 15
situation: |
  Twee buren komen samen naar het spreekuur. De een spreekt goed Nederlands, de ander
  nauwelijks. Ze hebben allebei een brief gekregen over hun huur en willen weten wat ze
  moeten doen. De eerste buurman praat voor allebei.

  Je merkt dat de tweede buurman af en toe iets wil zeggen, maar steeds wordt onderbroken.
persons:
  - name: Buurman A.
    description: Woont al twintig jaar in de wijk.
    visible:
      taal: spreekt vlot Nederlands
    invisible:
      gezin: woont met zijn dochter
  - name: Buurman B.
    description: Woont sinds een jaar in de wijk.
    visible:
      taal: spreekt een paar woorden Nederlands
    invisible:
      opleiding: kan de brief niet lezen
question: Wat doe je?
factors:
  decisive: [taal, opleiding]
  relevant: [gezin]
choices:
  - id: a
    text: Je praat verder met de eerste buurman.
    feedback: >
      Dat gaat snel, maar je hoort de tweede buurman niet.
      Wat hij zelf wil, blijft onbekend.
    points: {zelfreflectie: 0, leefwereld: 0, maatwerk: 1, netwerk: 1}
  - id: b
    text: Je maakt een aparte afspraak met de tweede buurman, met een tolk.
    feedback: Hij kan zijn eigen vragen stellen.
    points: {zelfreflectie: 1, leefwereld: 2, maatwerk: 2, netwerk: 0}
  - id: c
    text: Je vraagt de tweede buurman in eenvoudige woorden wat hij wil.
    feedback: Je sluit aan bij hem, maar de buurman blijft erbij.
    points: {zelfreflectie: 1, leefwereld: 2, maatwerk: 1, netwerk: 0}
reflection:
  prompt: Wie praatte er eigenlijk, en waarom?
discussion:
  - Wanneer praat iemand voor een ander?
expert: De stem van de tweede buurman hoort erbij.
"""


def problems(tmp_path: Path, text: str, name: str = "casus.yaml") -> list[Problem]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return validate_paths([path]).problems


def shown(problem: Problem, lang: Messages = DUTCH) -> tuple[int, int, str, str, str]:
    return (problem.line, problem.col, problem.code, problem.text.said(lang),
            problem.help.said(lang) if problem.help else "")


def edited(old: str, new: str, count: int = 1) -> str:
    assert CLEAN.count(old) == count, old
    return CLEAN.replace(old, new)


def test_the_clean_case_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, CLEAN) == []


# -- 1. a forgotten '- ' ------------------------------------------------------------------------
def test_a_forgotten_dash_before_a_person_is_one_problem_that_says_so(tmp_path: Path) -> None:
    found = problems(tmp_path, edited("  - name: Buurman B.", "    name: Buurman B."))
    assert [shown(p) for p in found] == [(
        20, 5, "CS015",
        "'name', 'description', 'visible' en 'invisible' staan twee keer in deze persoon "
        "(eerst vanaf regel 14)",
        "begint hier een nieuwe persoon? Zet dan '- ' voor 'name:', recht onder de '- ' op "
        "regel 14")]
    assert [shown(p, ENGLISH)[3:] for p in found] == [(
        "'name', 'description', 'visible' and 'invisible' appear twice in this person "
        "(first from line 14)",
        "does a new person start here? Then put '- ' before 'name:', right below the '- ' on "
        "line 14")]


def test_the_list_names_its_own_item(tmp_path: Path) -> None:
    """A choice is a 'keuze'; keys the second item adds ('next') do not make it a repeat."""
    text = edited("  - id: c\n", "    id: c\n").replace(
        "    feedback: Je sluit aan bij hem", "    next: later\n    feedback: Je sluit aan bij hem")
    found = [p for p in problems(tmp_path, text) if p.code == "CS015"]
    assert [shown(p) for p in found] == [(
        41, 5, "CS015",
        "'id', 'text', 'feedback' en 'points' staan twee keer in deze keuze "
        "(eerst vanaf regel 37)",
        "begint hier een nieuwe keuze? Zet dan '- ' voor 'id:', recht onder de '- ' op regel 37")]


def test_two_forgotten_dashes_give_one_problem_each(tmp_path: Path) -> None:
    text = edited("  - id: b\n", "    id: b\n").replace("  - id: c\n", "    id: c\n")
    found = [p for p in problems(tmp_path, text) if p.code == "CS015"]
    assert [(p.line, p.col) for p in found] == [(37, 5), (41, 5)]
    assert [p.text.said(DUTCH).split(" (")[1] for p in found] == [
        "eerst vanaf regel 31)", "eerst vanaf regel 37)"]


def test_a_list_without_a_word_of_its_own_is_named(tmp_path: Path) -> None:
    found = problems(tmp_path, "lijst:\n  - a: 1\n    b: 2\n    a: 3\n    b: 4\n", "x.yaml")
    [problem] = [p for p in found if p.code == "CS015"]
    assert shown(problem)[:4] == (4, 5, "CS015",
                                  "'a' en 'b' staan twee keer in dit item van 'lijst' "
                                  "(eerst vanaf regel 2)")
    assert shown(problem)[4] == ("begint hier een nieuw item van 'lijst'? Zet dan '- ' voor "
                                 "'a:', recht onder de '- ' op regel 2")


@pytest.mark.parametrize(("old", "new", "where"), [
    # a key written twice in a person: not the start of a new one
    ("      gezin: woont met zijn dochter\n",
     "      gezin: woont met zijn dochter\n    description: Een tweede omschrijving.\n",
     (20, 5, "description", 15)),
    # the first key again, alone at the end of an item of several keys
    ("    feedback: Hij kan zijn eigen vragen stellen.\n",
     "    feedback: Hij kan zijn eigen vragen stellen.\n    id: d\n", (40, 5, "id", 37)),
    # outside a list: at the top of the file
    ("minutes: 15\n", "minutes: 15\ntitle: Nog een titel\n", (7, 1, "title", 2)),
])
def test_a_key_written_twice_keeps_its_message(tmp_path: Path, old: str, new: str,
                                               where: tuple[int, int, str, int]) -> None:
    line, col, key, first = where
    found = [p for p in problems(tmp_path, edited(old, new)) if p.code == "CS015"]
    assert [shown(p) for p in found] == [(
        line, col, "CS015", f"sleutel '{key}' staat er twee keer (eerst op regel {first})",
        "YAML gebruikt stilletjes de laatste; haal er één weg")]


# -- 2. a line of a text that is indented too little --------------------------------------------
DEDENT_HINT = "laat deze regel met {n} spaties beginnen, net als de andere regels van de tekst"


def dedented(field: str, first: int) -> str:
    return (f"YAML-fout: deze regel is minder ver ingesprongen dan de tekst van '{field}' "
            f"erboven (vanaf regel {first}), dus leest YAML hem niet als deel van die tekst")


@pytest.mark.parametrize(("old", "new", "where"), [
    # the middle line of the situation at the left margin (the rest follows it)
    ("  nauwelijks. Ze hebben", "nauwelijks. Ze hebben", (9, "situation", 8, 2)),
    # the same, with ': ' further on in the text (the parser gave up there)
    ("  nauwelijks. Ze hebben allebei een brief gekregen over hun huur en willen weten wat ze\n"
     "  moeten doen. De eerste buurman praat voor allebei.",
     "nauwelijks. Ze hebben allebei een brief gekregen over hun huur en willen weten wat ze\n"
     "  moeten doen. De eerste buurman zegt: ik praat voor allebei.", (9, "situation", 8, 2)),
    # the last line of a paragraph, halfway
    ("  moeten doen. De eerste", " moeten doen. De eerste", (10, "situation", 8, 2)),
    # the last line of the situation
    ("  Je merkt dat", "Je merkt dat", (12, "situation", 8, 2)),
    # with ': ' in the line itself: YAML reads a field 'Ze hebben allebei' (the file parses)
    ("  nauwelijks. Ze hebben allebei een", "Ze hebben allebei: een", (9, "situation", 8, 2)),
    # ... or a field 'Nauwelijks' whose value runs on until a ': ' further down
    ("  nauwelijks. Ze hebben allebei een brief gekregen over hun huur en willen weten wat ze\n"
     "  moeten doen. De eerste buurman praat voor allebei.",
     "Nauwelijks: Ze hebben allebei een brief gekregen over hun huur en willen weten wat ze\n"
     "  moeten doen. De eerste buurman zegt: ik praat voor allebei.", (9, "situation", 8, 2)),
    # the text's last line starts with a word like a field name ('volgende' is 'next'), but
    # the line above stops mid-sentence
    ("  Je merkt dat de tweede buurman af en toe iets wil zeggen, maar steeds wordt onderbroken.",
     "  Je merkt dat de tweede buurman af en toe iets wil zeggen, maar\n"
     "volgende keer wordt hij weer onderbroken.", (13, "situation", 8, 2)),
    # with ': ' in a line of a feedback in a list item, at the left margin
    ("      Wat hij zelf wil, blijft", "Wat hij zelf wil: blijft", (35, "feedback", 34, 6)),
    # a folded feedback in a list item, at the key's column and left of it
    ("      Wat hij zelf wil", "    Wat hij zelf wil", (35, "feedback", 34, 6)),
    ("      Wat hij zelf wil", "  Wat hij zelf wil", (35, "feedback", 34, 6)),
])
def test_a_line_indented_too_little_is_pointed_at(tmp_path: Path, old: str, new: str,
                                                  where: tuple[int, str, int, int]) -> None:
    line, field, first, indent = where
    found = problems(tmp_path, edited(old, new))
    assert [shown(p) for p in found] == [
        (line, 1, "CS011", dedented(field, first), DEDENT_HINT.format(n=indent))]


@pytest.mark.parametrize(("old", "new", "where"), [
    # the first line of the situation (the lines below show the indentation)
    ("  Twee buren komen", "Twee buren komen", (8, "situation", 2)),
    ("      Dat gaat snel", "    Dat gaat snel", (34, "feedback", 6)),
])
def test_the_first_line_of_a_text_indented_too_little(tmp_path: Path, old: str, new: str,
                                                      where: tuple[int, str, int]) -> None:
    line, field, indent = where
    found = problems(tmp_path, edited(old, new))
    assert [shown(p) for p in found] == [(
        line, 1, "CS011",
        f"YAML-fout: deze regel is minder ver ingesprongen dan de rest van de tekst van "
        f"'{field}' eronder, dus leest YAML hem niet als deel van die tekst",
        DEDENT_HINT.format(n=indent))]


def test_the_only_line_of_a_text_indented_too_little(tmp_path: Path) -> None:
    """Nothing below shows the indentation: two more than the field, as the guide does."""
    found = problems(tmp_path, edited("    feedback: Hij kan zijn eigen vragen stellen.",
                                      "    feedback: >\n    Hij kan zijn eigen vragen stellen."))
    assert [shown(p) for p in found] == [(
        40, 1, "CS011",
        "YAML-fout: de tekst van 'feedback' moet verder ingesprongen zijn dan 'feedback:' zelf; "
        "deze regel is dat niet, dus leest YAML hem niet als deel van die tekst",
        DEDENT_HINT.format(n=6))]


def test_the_english_text_says_the_same(tmp_path: Path) -> None:
    [problem] = problems(tmp_path, edited("  nauwelijks. Ze hebben", "nauwelijks. Ze hebben"))
    assert shown(problem, ENGLISH)[3:] == (
        "YAML error: this line is indented less than the text of 'situation' above it (from "
        "line 8), so YAML does not read it as part of that text",
        "start this line with 2 spaces, like the other lines of the text")


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    # a field without its colon after a text: a colon is missing, as before
    ("question: Wat doe je?", "question Wat doe je?", (27, 1),
     "YAML-fout: hier ontbreekt een dubbele punt na een veldnaam"),
    ("expert: De stem", "expert De stem", (50, 1), "YAML-fout: hier ontbreekt een dubbele punt "
                                                    "na een veldnaam"),
    # a field of another name after a text, with nothing of the text after it: CS022
    ("question: Wat doe je?", "Titel: Iets anders\nquestion: Wat doe je?", None, None),
    # a line indented too far (not too little)
    ("minutes: 15", "  minutes: 15", (6, 3),
     "YAML-fout: hier verwacht YAML een nieuw veld ('naam: waarde') of een lijstregel ('- ')"),
])
def test_other_mistakes_near_a_text_keep_their_message(
        tmp_path: Path, old: str, new: str, where: tuple[int, int] | None,
        message: str | None) -> None:
    found = problems(tmp_path, edited(old, new))
    assert found
    assert not any("ingesprongen dan de tekst" in p.text.said(DUTCH) for p in found)
    if new.startswith("Titel"):
        assert [(p.line, p.col, p.code, p.help.said(DUTCH) if p.help else "")
                for p in found] == [(26, 1, "CS022", "de veldnamen zijn Engels: bedoel je "
                                                     "'title'?")]
    if where is not None:
        assert [(p.line, p.col, p.code, p.text.said(DUTCH)) for p in found] == [
            (*where, "CS011", message)]


# -- 3. casusspel test: found and missing, and where a line breaks -------------------------------
def with_example(text: str, netwerk: int = 3) -> str:
    """The clean case with an own indicator for Netwerk and an example that expects more."""
    return CLEAN.replace(
        "  prompt: Wie praatte er eigenlijk, en waarom?\n",
        "  prompt: Wie praatte er eigenlijk, en waarom?\n"
        "  indicators:\n    netwerk: [buurtcentrum, sleutelpersoon]\n") + (
        "examples:\n"
        f"  - text: {text}\n"
        f"    expect: {{zelfreflectie: 0, leefwereld: 0, maatwerk: 0, netwerk: {netwerk}}}\n"
        "    tolerance: 0\n")


def netwerk_line(tmp_path: Path, text: str) -> tuple[str, str]:
    from casusspel.content.casetest import check_examples
    from casusspel.content.library import load_cases, load_framework

    path = tmp_path / "casus.yaml"
    path.write_text(with_example(text), encoding="utf-8")
    assert validate_paths([path]).problems == []
    [case] = load_cases([path])
    [result] = check_examples(case, load_framework())
    [line] = [p for p in result.problems if p.startswith("Netwerk:")]
    found, _, missing = line.partition("; ontbreekt: ")
    return found, missing


@pytest.mark.parametrize("text", [
    "We vragen het buurtcentrum om mee te denken.",
    "We vragen een sleutelpersoon uit de straat om mee te denken.",
])
def test_a_word_found_is_never_also_missing(tmp_path: Path, text: str) -> None:
    found, missing = netwerk_line(tmp_path, text)
    word = "buurtcentrum" if "buurtcentrum" in text else "sleutelpersoon"
    other = "sleutelpersoon" if word == "buurtcentrum" else "buurtcentrum"
    assert f"'{word}' ({word})" in found
    assert missing.startswith(f"woorden als '{other}', ")
    assert f"'{word}'" not in missing


def test_test_output_breaks_between_quoted_items(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from casusspel.cli import app

    path = tmp_path / "casus.yaml"
    path.write_text(with_example("We vragen het buurtcentrum en de huisarts en de school en de "
                                 "wijkagent om samen mee te denken over wat nodig is."),
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["test", str(path)], env={"COLUMNS": "64"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 64
    assert any(line.startswith("        '") for line in lines)  # broken before an item
    for line in lines:  # every quote that opens on a line closes on it
        quotes = re.findall(r"(?<![\w])'|'(?![\w])", line)
        assert len(quotes) % 2 == 0, line
    assert "      Netwerk: verwacht 3, gekregen " in result.stdout


def test_wrap_items_keeps_an_item_whole() -> None:
    from casusspel.ui.author import wrap_items

    text = "gevonden: 'een lange zin uit de tekst' (inschakelen), 'zo'n ding' (x); ontbreekt: a"
    assert wrap_items(text, 33, 2) == [
        "  gevonden:",
        "    'een lange zin uit de tekst' (inschakelen),",
        "    'zo'n ding' (x); ontbreekt: a"]
    assert wrap_items("kort", 30, 4) == ["    kort"]


# -- 4. a case code that does not exist --------------------------------------------------------
def deck(tmp_path: Path) -> Path:
    """Three cases of our own: two alike in code, one with a title a trainer would type."""
    folder = tmp_path / "cases"
    folder.mkdir()
    for code, title in [("twee-buren", "Twee buren"), ("twee-buren-later", "Twee buren, later"),
                        ("stille-buurman", "Geen woord, geen hulp")]:
        text = CLEAN.replace("id: twee-buren", f"id: {code}").replace(
            "title: Twee buren", f"title: {title}")
        (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_title_finds_its_case(tmp_path: Path) -> None:
    from casusspel.content.library import find_case

    folder = deck(tmp_path)
    for typed in ("Geen woord, geen hulp", "geen woord geen hulp", "geen-woord-geen-hulp",
                  "GEEN WOORD, GEEN HULP!", "Stille-Buurman"):
        assert find_case(typed, [folder]).id == "stille-buurman", typed
    assert find_case("twee-buren", [folder]).id == "twee-buren"  # a code before a title


def unknown(tmp_path: Path, typed: str) -> str:
    from casusspel.content.library import find_case
    from casusspel.errors import UsageError

    folder = deck(tmp_path)
    with pytest.raises(UsageError) as caught:
        find_case(typed, [folder])
    return str(caught.value).replace(str(folder), "CASES")


LIST = "'casusspel list CASES' toont alle casussen met hun code."


@pytest.mark.parametrize(("typed", "suggested"), [
    # a typing mistake in a code: the closest code
    ("twee-burne", " Bedoel je 'twee-buren' (Twee buren)?"),
    # several alike: all of them, by code
    ("buren", " Bedoel je 'twee-buren' (Twee buren) of 'twee-buren-later' (Twee buren, later)?"),
    # part of a title: that case
    ("geen hulp", " Bedoel je 'stille-buurman' (Geen woord, geen hulp)?"),
    # nothing alike: how to list them still
    ("xyz", ""),
])
def test_an_unknown_code_gets_the_closest_codes_and_how_to_list_them(
        tmp_path: Path, typed: str, suggested: str) -> None:
    assert unknown(tmp_path, typed) == f"Casus '{typed}' bestaat niet.{suggested} {LIST}"


def test_two_cases_with_one_title_are_both_named(tmp_path: Path) -> None:
    folder = deck(tmp_path)
    (folder / "kopie.yaml").write_text(
        (folder / "stille-buurman.yaml").read_text(encoding="utf-8").replace(
            "id: stille-buurman", "id: stille-buurman-kopie"), encoding="utf-8")
    from casusspel.content.library import find_case
    from casusspel.errors import UsageError

    with pytest.raises(UsageError) as caught:
        find_case("geen woord, geen hulp", [folder])
    assert str(caught.value).replace(str(folder), "CASES") == (
        "Meerdere casussen heten 'geen woord, geen hulp': 'stille-buurman' (Geen woord, geen hulp) "
        "of 'stille-buurman-kopie' (Geen woord, geen hulp). Kies er een met zijn code; "
        "'casusspel list CASES' toont alle casussen.")


def test_play_with_an_unknown_code_says_the_same(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from casusspel.cli import app

    folder = deck(tmp_path)
    result = CliRunner().invoke(app, ["play", str(folder), "--cases", "twee-buren,geen-hulp",
                                      "--teams", "A", "--session-dir", str(tmp_path / "s")],
                                env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert "Casus 'geen-hulp' bestaat niet. Bedoel je 'stille-buurman' (Geen woord, geen " \
           "hulp)?" in result.stderr
    assert not (tmp_path / "s").exists() or not any((tmp_path / "s").iterdir())


def test_play_takes_titles_also_one_with_a_comma(tmp_path: Path) -> None:
    from casusspel.ui.live import select_cases

    folder = deck(tmp_path)
    chosen = select_cases([folder], "Geen woord, geen hulp")
    assert [case.id for case, _ in chosen] == ["stille-buurman"]
    chosen = select_cases([folder], "twee buren,Geen-woord-geen-hulp")
    assert [case.id for case, _ in chosen] == ["twee-buren", "stille-buurman"]


def test_score_takes_a_title_of_the_deck() -> None:
    from typer.testing import CliRunner

    from casusspel.cli import app
    from casusspel.content.library import load_cases

    case = next(c for c in load_cases() if c.reflection.indicators)
    text = "We vragen wat zij zelf willen. " + " ".join(
        words[0] for words in case.reflection.indicators.values())
    runner = CliRunner()
    by_code = runner.invoke(app, ["score", "--json", "--case", case.id, "--text", text])
    by_title = runner.invoke(app, ["score", "--json", "--case", case.title.upper(),
                                   "--text", text])
    without = runner.invoke(app, ["score", "--json", "--text", text])
    assert by_code.exit_code == by_title.exit_code == 0
    assert by_title.stdout == by_code.stdout != without.stdout


# -- 5. fields with a fixed set of values --------------------------------------------------------
AUDIENCES = "'wijkteam', 'gemeente', 'clientenraad' of 'sociaal-domein'"


def test_a_missing_audience_lists_the_values(tmp_path: Path) -> None:
    found = problems(tmp_path, edited("audience: wijkteam\n", ""))
    assert [shown(p) for p in found] == [(
        1, 1, "CS021", "verplicht veld 'audience' ontbreekt",
        f"voeg 'audience:' toe, met als waarde {AUDIENCES}")]
    assert shown(found[0], ENGLISH)[4] == (
        "add 'audience:' with the value 'wijkteam', 'gemeente', 'clientenraad' or "
        "'sociaal-domein'")


def test_the_values_come_from_the_model() -> None:
    from casusspel.content.fixed_values import allowed_values
    from casusspel.content.model import AUDIENCES as MODEL_AUDIENCES
    from casusspel.content.model import Case, Framework
    from casusspel.session.options import Mode
    from casusspel.training.programme import Programme

    assert allowed_values(Case, ("audience",)) == MODEL_AUDIENCES
    assert allowed_values(Case, ("language",)) == ("nl", "en")
    assert allowed_values(Framework, ("factors", 3, "visibility")) == (
        "visible", "partly", "invisible")
    assert allowed_values(Programme, ("blocks", 0, "mode")) == tuple(m.value for m in Mode)
    assert allowed_values(Programme, ("blocks", 2, "selfassessment")) == ("start", "end")
    assert allowed_values(Case, ("title",)) == ()
    assert allowed_values(Case, ("persons", 0, "name")) == ()


@pytest.mark.parametrize(("typed", "hint"), [
    ("wijkteams", "bedoel je 'wijkteam'?"),
    ("Gemeente", "bedoel je 'gemeente'?"),
    ("cliëntenraad", "bedoel je 'clientenraad'?"),
    ("bibliotheek", ""),
])
def test_a_wrong_audience_names_the_values_and_the_nearest(tmp_path: Path, typed: str,
                                                           hint: str) -> None:
    found = problems(tmp_path, edited("audience: wijkteam", f"audience: {typed}"))
    assert [shown(p) for p in found] == [
        (4, 11, "CS023", f"audience: kies uit {AUDIENCES}", hint)]


def test_a_framework_factor_without_visibility_lists_the_values(tmp_path: Path) -> None:
    from casusspel.content.library import builtin_framework_path

    source = builtin_framework_path().read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("visibility:"))
    path = tmp_path / "raamwerk.yaml"
    path.write_text("".join(lines[:at] + lines[at + 1:]), encoding="utf-8")
    found = validate_paths([path]).problems
    assert [(p.code, p.text.said(DUTCH), p.help.said(DUTCH) if p.help else "")
            for p in found] == [(
        "CS021", "verplicht veld 'visibility' ontbreekt in factors[1]",
        "voeg 'visibility:' toe, met als waarde 'visible', 'partly' of 'invisible'")]


# -- the guide shows what validate says ------------------------------------------------------
@pytest.mark.parametrize(("edit", "name"), [
    (lambda text: text.replace("\n  - id: b\n", "\n    id: b\n", 1), "dash"),
    (lambda text: text.replace("\n  maar de koelkast", "\nmaar de koelkast", 1), "dedent"),
])
def test_the_guides_examples_are_what_validate_says(tmp_path: Path, edit: object,
                                                    name: str) -> None:
    """The guide's complete case, with the schema line 'casusspel new' writes above it, broken
    as the guide says: its two examples are validate's real lines."""
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "casussen-schrijven.md").read_text(encoding="utf-8")
    block = guide.split("### De complete casus", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert callable(edit)
    broken = edit(f"# yaml-language-server: $schema=casus.schema.json\n{block}")
    assert broken != f"# yaml-language-server: $schema=casus.schema.json\n{block}"
    folder = tmp_path / "cases"
    folder.mkdir()
    (tmp_path / "casus.schema.json").write_text("{}", encoding="utf-8")
    (folder / "afspraken-afgezegd.yaml").write_text(broken, encoding="utf-8")
    [problem] = [p for p in validate_paths([folder / "afspraken-afgezegd.yaml"]).problems
                 if p.severity == "error"]
    shown_lines = problem.format(DUTCH).replace(str(tmp_path) + "/", "").splitlines()
    for line in shown_lines:
        assert f"\n  {line}\n" in guide, line
