"""The built-in deck itself (STYLE.md #8): it validates, covers the catalogue and every pillar."""

from __future__ import annotations

from collections import Counter

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.content.checks import validate_paths
from casusspel.content.library import builtin_dir, load_cases, load_framework
from casusspel.content.model import Case


@pytest.fixture(scope="module")
def deck() -> list[Case]:
    return load_cases()


def test_deck_validates_without_errors_or_warnings() -> None:
    report = validate_paths([builtin_dir()])
    assert [p.format() for p in report.problems] == []
    assert report.files >= 13  # 12 cases + the framework


def test_deck_size_and_audiences(deck: list[Case]) -> None:
    audiences = Counter(case.audience for case in deck)
    assert len(deck) >= 12
    assert audiences["wijkteam"] + audiences["gemeente"] >= 8
    assert audiences["clientenraad"] >= 4
    assert len({case.id for case in deck}) == len(deck)


def test_deck_uses_every_catalogue_factor(deck: list[Case]) -> None:
    used = set()
    for case in deck:
        used.update(case.all_factor_ids)
        for person in case.persons:
            used.update(person.factor_ids)
    assert set(load_framework().factor_ids) - used == set()


def test_every_pillar_can_score_in_the_deck(deck: list[Case]) -> None:
    framework = load_framework()
    for pillar in framework.pillar_ids:
        best = max(choice.points.get(pillar, 0) for case in deck for choice in case.choices)
        assert best == 3, pillar
        assert framework.pillar(pillar).indicators, pillar


def test_at_least_three_cases_have_a_second_stage(deck: list[Case]) -> None:
    assert sum(1 for case in deck if case.stages) >= 3


def test_situations_fit_one_screen(deck: list[Case]) -> None:
    for case in deck:
        words = len(case.situation.split())
        assert 100 <= words <= 300, (case.id, words)
        assert 2 <= len(case.choices) <= 4


def test_list_shows_every_case_at_80_columns(deck: list[Case]) -> None:
    result = CliRunner().invoke(app, ["list"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    flat = result.stdout.replace("│", " ").replace("\n", " ")
    for case in deck:
        assert case.id[:20] in flat


def test_docs_casussen_is_the_current_coverage_of_the_deck() -> None:
    from casusspel.content.coverage import coverage_markdown
    from casusspel.content.library import load_cases, load_framework
    from tests.conftest import ROOT

    expected = coverage_markdown(load_cases(), load_framework())
    written = (ROOT / "docs" / "casussen.md").read_text(encoding="utf-8")
    assert written == expected, "run: casusspel list --coverage --format md > docs/casussen.md"
