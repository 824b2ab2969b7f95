"""The YAML loader: positions for every node, duplicate keys, hostile input."""

from __future__ import annotations

import pytest

from casusspel.content.loader import LoadFailed, parse


def test_positions_point_at_values() -> None:
    doc = parse("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.position(("b", 1, "c")) == (4, 9)
    assert doc.position(("b", 0)) == (3, 5)


def test_duplicate_key_is_reported_at_second_occurrence() -> None:
    doc = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    [problem] = doc.problems
    assert (problem.line, problem.col, problem.code) == (3, 1, "CS015")
    assert "regel 1" in problem.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "CS010"),
        ("   \n\n", "CS010"),
        ("!!python/object/apply:os.system ['echo hacked']", "CS012"),
        ("a: \"niet gesloten\n", "CS070"),
        ("a: [1, 2\nb: 3\n", "CS011"),
        ("[" * 20000 + "]" * 20000, "CS013"),
        ("<<: {a: 1}\n", "CS014"),
    ],
)
def test_hostile_yaml_gives_one_problem(text: str, code: str) -> None:
    with pytest.raises(LoadFailed) as caught:
        parse(text, "f.yaml")
    assert caught.value.problem.code == code
    assert caught.value.problem.file == "f.yaml"


def test_alias_bomb_stops_with_a_problem() -> None:
    lines = ["a: &a [1,1,1,1,1,1,1,1,1]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(LoadFailed) as caught:
        parse("\n".join(lines), "bomb.yaml")
    assert caught.value.problem.code == "CS013"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_case_without_questions_asks_them_in_its_own_language(language: str) -> None:
    """The default questions are Dutch; a case in English that leaves them out gets English
    ones (the room would otherwise read "Wat doe je?" in an English session)."""
    from pathlib import Path

    import yaml

    from casusspel.content.model import Case

    deck = Path(__file__).resolve().parent.parent / "cases"
    data = yaml.safe_load((deck / "angst-voor-de-brievenbus.yaml").read_text(encoding="utf-8"))
    data = {**data, "language": language}
    data.pop("question", None)
    data["stages"] = [{k: v for k, v in stage.items() if k != "question"}
                      for stage in data["stages"]]
    case = Case.model_validate(data)
    asked = (case.question, case.stages[0].question)
    assert asked == (("What do you do?", "What do you do now?") if language == "en"
                     else ("Wat doe je?", "Wat doe je nu?"))
    data["question"] = "Wat zou jij doen?"  # a question the author wrote stays as written
    assert Case.model_validate(data).question == "Wat zou jij doen?"
