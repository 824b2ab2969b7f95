"""Authored content as immutable data: cases, persons, choices, stages, examples.

This module is the one source of truth for the case format: the loader validates against it and
``casusspel schema`` exports its JSON Schema. The words an author reads in their editor (a
description of every model and field) are in the message catalogue, Dutch and English
(``jsonschema.<model>.<field>``, see ``casusspel.content.schema``), not here: importing the models
looks nothing up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

from pydantic import Field, model_validator

from casusspel.scoring.framework import (
    ID_PATTERN,
    Factor,
    Framework,
    Frozen,
    KeyedValueError,
    Pillar,
    StereotypePattern,
)

if TYPE_CHECKING:
    from casusspel.messages import Text

__all__ = [
    "ID_PATTERN", "Audience", "Case", "Choice", "Example", "Factor", "FactorKey", "Framework",
    "Frozen", "Person", "Pillar", "Points", "Reflection", "Stage", "StereotypePattern",
]

Audience = Literal["wijkteam", "gemeente", "clientenraad", "sociaal-domein"]
AUDIENCES: tuple[str, ...] = get_args(Audience)
Points = dict[str, int]

#: The one length rule for a situation; the guide, the skeleton, the schema and warning CS050 all
#: say it with these numbers (in words: ``situation_rule``). The room reads the situation on one
#: 80x24 screen: 24 lines minus the header, the panel's borders, the question and the prompt leave
#: 20 lines of 76 characters, which is about 200 words in three paragraphs (each new paragraph
#: costs a blank line).
SITUATION_WORDS = (120, 200)
SITUATION_MAX_LINES = 20


def situation_rule() -> Text:
    """The length rule for a situation as a text ('120-200 woorden en hoogstens 20 regels...')."""
    from casusspel.messages import Text

    return Text("situation.rule", min=SITUATION_WORDS[0], max=SITUATION_WORDS[1],
                lines=SITUATION_MAX_LINES)


class Person(Frozen):
    """A person in the case, with visible and invisible factors (factor id -> explanation)."""

    name: str = Field(min_length=1)
    description: str = ""
    visible: dict[str, str] = Field(default_factory=dict)
    invisible: dict[str, str] = Field(default_factory=dict)

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return tuple(self.visible) + tuple(self.invisible)


class FactorKey(Frozen):
    """The key: which factors are decisive in this case, which relevant, which distractors."""

    decisive: tuple[str, ...] = Field(min_length=1)
    relevant: tuple[str, ...] = ()
    distractor: tuple[str, ...] = ()


class Choice(Frozen):
    """A course of action, with feedback and points per pillar (0-3)."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)
    feedback: str = ""
    points: Points = Field(default_factory=dict)
    next: str | None = None

    @model_validator(mode="after")
    def _points_in_range(self) -> Choice:
        for pillar, value in self.points.items():
            if not 0 <= value <= 3:
                raise KeyedValueError("cs023.points_range", f"points for '{pillar}' must be "
                                      "0 to 3", pillar=pillar, value=value)
        return self


class Stage(Frozen):
    """A next stage of the case ('Twee weken later...'), reached by a choice's ``next``."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    situation: str = Field(min_length=1)
    question: str = "Wat doe je nu?"
    choices: tuple[Choice, ...] = Field(min_length=2, max_length=4)


class Reflection(Frozen):
    """The reflection prompt, with extra indicators per pillar and stereotypes for this case."""

    prompt: str = Field(min_length=1)
    indicators: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    stereotypes: tuple[StereotypePattern, ...] = ()


class Example(Frozen):
    """An example reflection with the scores its author expects (``casusspel test``)."""

    text: str = Field(min_length=1)
    expect: Points
    stereotype: bool = False
    tolerance: int = Field(default=1, ge=0, le=3)


class Case(Frozen):
    """A case: one situation from practice, with choices, reflection and discussion."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    language: Literal["nl", "en"] = "nl"
    audience: Audience
    tags: tuple[str, ...] = ()
    minutes: int = Field(ge=1, le=120)
    situation: str = Field(min_length=1)
    persons: tuple[Person, ...] = Field(min_length=1, max_length=6)
    question: str = "Wat doe je?"
    factors: FactorKey
    choices: tuple[Choice, ...] = Field(min_length=2, max_length=4)
    reflection: Reflection
    discussion: tuple[str, ...] = ()
    expert: str = Field(min_length=1)
    stages: tuple[Stage, ...] = ()
    examples: tuple[Example, ...] = ()

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def every_choice(self) -> tuple[Choice, ...]:
        """The choices of the case and of all its stages."""
        return (*self.choices, *(c for stage in self.stages for c in stage.choices))

    @property
    def all_factor_ids(self) -> tuple[str, ...]:
        key = self.factors
        return key.decisive + key.relevant + key.distractor
