"""Factor and action scoring: the documented formula."""

from __future__ import annotations

from casusspel.scoring.game import choice_points, score_factors

VIS = {"opleiding": "invisible", "levensfase": "visible", "taal": "partly", "armoede": "invisible"}


def test_invisible_decisive_counts_most_and_distractors_cost() -> None:
    result = score_factors(["opleiding", "levensfase", "taal"], decisive=["opleiding", "armoede"],
                           relevant=["levensfase"], distractor=["taal"], visibility=VIS)
    assert result.points == 3 + 1 - 1
    assert result.max_points == 3 + 3 + 1
    assert result.missed == ("armoede",)
    assert result.distractors_picked == ("taal",)
    assert [(m.kind, m.factor, m.points) for m in result.marks] == [
        ("decisive_hidden", "opleiding", 3), ("relevant", "levensfase", 1),
        ("distractor", "taal", -1), ("missed_hidden", "armoede", 0)]


def test_score_never_negative_and_duplicates_count_once() -> None:
    assert score_factors(["taal", "taal"], ["opleiding"], [], ["taal"], VIS).points == 0
    assert score_factors(["opleiding", "opleiding"], ["opleiding"], [], [], VIS).points == 3


def test_visible_decisive_counts_two() -> None:
    assert score_factors(["levensfase"], ["levensfase"], [], [], VIS).points == 2


def test_choice_points_fill_missing_pillars() -> None:
    points = choice_points({"maatwerk": 3}, ["zelfreflectie", "maatwerk"])
    assert points == {"zelfreflectie": 0, "maatwerk": 3}
