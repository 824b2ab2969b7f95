"""YAML mistakes reported where the author made them, in Dutch, with a hint."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casusspel.content import loader
from casusspel.content.loader import LoadFailed, parse
from casusspel.content.problems import Problem
from tests.conftest import ROOT

CASE = (ROOT / "cases" / "tolk-aan-tafel.yaml").read_text(encoding="utf-8")
ENGLISH = re.compile(r"\b(found|expected|while|allowed|could|scanning|parsing|character|stream|"
                     r"token|scalar|indicator|mapping|but|the|not|cannot)\b", re.IGNORECASE)


@pytest.fixture(params=["C", "Python"])
def either_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """libyaml (the default) and PyYAML's own parser word their messages differently."""
    if request.param == "Python":
        monkeypatch.setattr(loader, "_LOADER", yaml.SafeLoader)
    return str(request.param)


def replace_line(number: int, old: str, new: str) -> str:
    lines = CASE.splitlines(keepends=True)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new)
    return "".join(lines)


def problems_of(text: str) -> list[Problem]:
    try:
        return parse(text, "casus.yaml").problems
    except LoadFailed as failed:
        return [failed.problem]


def the_problem(text: str) -> Problem:
    [problem] = problems_of(text)
    return problem


def test_unclosed_single_quote_in_the_title_is_reported_where_it_opens(
        either_parser: str) -> None:
    problem = the_problem(replace_line(3, "title: Een", "title: 'Een"))
    assert (problem.line, problem.col, problem.code) == (3, 8, "CS070")
    gave_up = re.search(r"vast op regel (\d+), kolom (\d+)", problem.message)
    assert gave_up and int(gave_up.group(1)) > 3, problem.message  # the second location
    assert "'" in problem.hint


def test_missing_closing_quote_on_line_47_is_reported_at_line_47(either_parser: str) -> None:
    text = replace_line(46, "text: Je gaat door met Noor als tolk;",
                        'text: "Je gaat door met Noor als tolk;')
    problem = the_problem(text)
    assert (problem.line, problem.col, problem.code) == (46, 11, "CS070")
    assert "sluit niet op deze regel maar pas op regel 91" in problem.message


def test_a_quote_that_closes_too_early_names_the_apostrophe(either_parser: str) -> None:
    problem = the_problem(replace_line(3, "title: Een dochter als tolk",
                                       "title: 'Zo'n dochter als tolk'"))
    assert (problem.line, problem.col, problem.code) == (3, 8, "CS070")
    assert "kolom 11" in problem.message and "''" in problem.hint


def test_a_quote_that_swallows_fields_is_reported_even_when_the_file_parses() -> None:
    text = "id: a\ntitle: 'Een titel\nlanguage: nl\naudience: 'wijkteam'\n"
    problem = the_problem(text)
    assert (problem.line, problem.col, problem.code) == (2, 8, "CS070")
    assert "pas op regel 4" in problem.message


def test_a_multiline_quoted_text_without_fields_is_fine() -> None:
    doc = parse('id: a\ntitle: "Een titel die\n  doorloopt op de volgende regel"\n', "f.yaml")
    assert doc.problems == []
    assert doc.data["title"] == "Een titel die doorloopt op de volgende regel"


@pytest.mark.parametrize("value", ["“Wat doe je: bellen of mailen?”",
                                   "‘Wat doe je: bellen of mailen?’"])
def test_curly_quotes_with_a_colon_name_the_curly_quotes(either_parser: str, value: str) -> None:
    problem = the_problem(f"id: a\nquestion: {value}\nexpert: x\n")
    assert (problem.line, problem.col, problem.code) == (2, 11, "CS071")
    assert "“ ”" in problem.hint and "‘ ’" in problem.hint
    assert not ENGLISH.search(problem.message)


def test_curly_quotes_around_a_value_without_a_colon_are_an_error_too() -> None:
    problems = problems_of("id: a\nquestion: “Wat doe je?”\ntags: [‘een’, twee]\n")
    assert [(p.line, p.col, p.code, p.severity) for p in problems] == [
        (2, 11, "CS071", "error"), (3, 8, "CS071", "error")]


@pytest.mark.parametrize("text", [
    "situation: |\n  “Het gaat prima,” zegt hij.\n  “Echt?”\n",  # a block: text as written
    "question: “Het gaat prima,” zegt hij. Wat doe je?\n",  # a quote inside the sentence
    "question: \"“Wat doe je?”\"\n",  # in straight quotes: meant
])
def test_curly_quotes_inside_text_are_fine(text: str) -> None:
    assert problems_of(text) == []


BROKEN = [
    "id: a\ntitle: x\n  language: nl\n",
    "id: a\ntags: [a, b\ntitle: x\n",
    "id: a\ntitle: {a: 1\n",
    "id: a\n- b\n",
    "id: \"a\\qb\"\n",
    "id: @x\n",
    "id: `x\n",
    "a: 1\n---\nb: 2\n",
    "a: *x\n",
    "a: &x 1\nb: &x 2\n",
    "a: |0\n x\n",
    "a: !foo x\n",
    "a: !<x\n",
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
    "a: 'x\n",
    "a: \"\\u12\"\n",
    "a:\n  - x\n - y\n",
    "a: b: c\n",
    "? a\n: b\n: c\n",
    "[a, b]: c\nd\n",
    "a: |x\n  y\n",
    "- a\nb: c\n",
    "a: [b, c]]\n",
    "a: x\n...\nb: y\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_every_parser_message_is_dutch_with_a_hint(either_parser: str, text: str) -> None:
    problem = the_problem(text)
    assert problem.severity == "error" and problem.code.startswith("CS0")
    assert problem.hint, problem
    assert not ENGLISH.search(problem.message + " " + problem.hint), problem


YAML_CHARACTERS = st.sampled_from(list("'\"“”‘’:-[]{}#&*!|>%@`,?\t\n ") + ["\n  ", ": ", "- "])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(CASE)), YAML_CHARACTERS), min_size=1, max_size=4))
def test_mutated_cases_never_show_english_parser_text(edits: list[tuple[int, str]]) -> None:
    text = CASE
    for offset, inserted in sorted(edits, reverse=True):
        text = text[:offset] + inserted + text[offset:]
    for problem in problems_of(text):
        assert not ENGLISH.search(problem.message + " " + problem.hint), problem
        assert problem.line >= 1 and problem.col >= 1


def test_impossible_dates_and_huge_numbers_stay_text() -> None:
    doc = parse("minutes: 2024-02-30\nid: 1" + "0" * 5000 + "\n", "f.yaml")
    assert doc.data["minutes"] == "2024-02-30"
    assert doc.data["id"] == "1" + "0" * 5000
