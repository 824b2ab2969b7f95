"""The built-in deck itself (STYLE.md #8, issue #17): it validates, covers the catalogue and every
pillar, its examples pass `casusspel test`, and the planner can fill a leergang from it."""

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
    assert report.files >= 31  # 30 cases + the framework


def test_deck_size_and_audiences(deck: list[Case]) -> None:
    audiences = Counter(case.audience for case in deck)
    assert len(deck) >= 30
    assert audiences["wijkteam"] >= 12
    assert audiences["gemeente"] >= 8
    assert audiences["clientenraad"] >= 8
    assert audiences["sociaal-domein"] >= 2
    assert len({case.id for case in deck}) == len(deck)


def test_every_factor_is_decisive_in_three_cases(deck: list[Case]) -> None:
    from casusspel.content.coverage import Coverage

    coverage = Coverage(tuple(deck), load_framework())
    counts = {f: coverage.decisive_count(f) for f in load_framework().factor_ids}
    assert {f: n for f, n in counts.items() if n < 3} == {}


def test_invisible_factors_and_intersections(deck: list[Case]) -> None:
    from casusspel.content.coverage import Coverage

    coverage = Coverage(tuple(deck), load_framework())
    assert coverage.with_invisible >= 20
    assert coverage.intersections >= 15
    assert coverage.with_stage >= 10


def test_every_pillar_is_reachable_in_every_case(deck: list[Case]) -> None:
    from casusspel.content.coverage import Coverage

    framework = load_framework()
    coverage = Coverage(tuple(deck), framework)
    unreachable = [(case.id, p) for case in deck for p in framework.pillar_ids
                   if coverage.best_points(case, p) == 0]
    assert unreachable == []


def test_every_case_has_four_examples_and_a_stereotype_one(deck: list[Case]) -> None:
    few = [(case.id, len(case.examples)) for case in deck if len(case.examples) < 4]
    assert few == []
    without = [case.id for case in deck if not any(e.stereotype for e in case.examples)]
    # a case that invites no stereotype may do without one; the deck as a whole tests the flag
    assert len(without) <= len(deck) // 3, without


#: examples the scorer still gets wrong by more than the margin, each written up in
#: docs/casusreview.md ("Voorbeeldreflecties en de huidige scorer"): (case id, example number).
#: The test fails when one of them starts to pass, so the list only shrinks.
KNOWN_SCORER_MISSES: set[tuple[str, int]] = set()  # na-veertig-jaar-werk 3 passes since round 3


def test_casusspel_test_passes_for_every_case(deck: list[Case]) -> None:
    from casusspel.content.casetest import run_case_test

    framework = load_framework()
    failing = set()
    for case in deck:
        result = run_case_test(case, framework)
        assert result.failures == [], (case.id, result.failures)
        failing |= {(case.id, e.index) for e in result.examples if not e.ok}
    assert failing == KNOWN_SCORER_MISSES


def test_deck_uses_every_catalogue_factor(deck: list[Case]) -> None:
    used: set[str] = set()
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


@pytest.mark.parametrize("audience", ["wijkteam", "gemeente", "clientenraad", "sociaal-domein"])
def test_plan_fills_three_days_from_the_real_deck(deck: list[Case], audience: str) -> None:
    """Issue #17.5: three mornings of an hour of cases each, per audience, no case twice."""
    from casusspel.training.planning import for_audience, plan

    cases = for_audience(deck, audience)
    by_id = {c.id: c for c in cases}
    minutes = 60
    result = plan(["Hoe vraag je door zonder in te vullen?"], cases, load_framework(), minutes,
                  days=3, fill=True)
    played = [case_id for day in result.days for case_id in day]
    assert len(result.days) == 3 and len(played) == len(set(played))
    shortest = min(c.minutes for c in cases)
    for day in result.days:
        used = sum(by_id[c].minutes for c in day)
        assert minutes - shortest < used <= minutes, (audience, day, used)
