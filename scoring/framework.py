"""The framework: pillars with indicators, the factor catalogue and stereotype patterns.

Authored as YAML (see ``cases/framework/standaard.yaml``); modelled here as immutable data so the
scorer can use it without importing anything from ``casusspel``.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Visibility = Literal["visible", "partly", "invisible"]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

#: The colours a pillar may have: the sixteen terminal colour names, or '#rrggbb'. Anything else
#: is refused when the framework loads, so an author's text never reaches a terminal as a style.
BASE_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
COLOUR_NAMES = frozenset(BASE_COLOURS + tuple(f"bright_{c}" for c in BASE_COLOURS))
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class KeyedValueError(ValueError):
    """A value an author must change, named by a message key and its values (``key``,
    ``values``) so that the program showing it says it in its own language; ``str()`` is a
    plain English fallback for other users of the scorer."""

    def __init__(self, key: str, fallback: str, **values: object) -> None:
        super().__init__(fallback)
        self.key = key
        self.values = values


class Frozen(BaseModel):
    """Base for authored content: immutable, unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Indicator(Frozen):
    """A word or phrase that shows a reflection addresses a pillar.

    ``phrase`` is matched on lemmas, case- and accent-insensitive; between its words two other
    words may stand, and ``...`` allows any words up to the end of the clause ("nam ... contact
    op", "met ... moeder praten").
    """

    phrase: str = Field(min_length=1, description="Woord of zinsdeel, bijvoorbeeld 'blinde vlek'.")
    weight: float = Field(default=1.0, gt=0, le=5, description="Gewicht van deze aanwijzing.")


class Pillar(Frozen):
    id: str = Field(pattern=ID_PATTERN, description="Vaste code van de pijler.")
    name: str = Field(min_length=1, description="Naam zoals de zaal die ziet.")
    short: str = Field(default="", description="Korte naam voor tabellen.")
    color: str = Field(default="cyan", description="Kleur van de markering op het scherm.")
    description: str = Field(default="", description="Wanneer een reflectie deze pijler raakt.")
    indicators: tuple[Indicator, ...] = Field(default=(), description="Woorden en zinsdelen.")
    examples: tuple[str, ...] = Field(default=(), description="Voorbeeldzinnen voor trainers.")

    @property
    def label(self) -> str:
        return self.short or self.name

    @field_validator("color")
    @classmethod
    def _known_colour(cls, value: str) -> str:
        if value.lower() in COLOUR_NAMES:
            return value.lower()
        if _HEX_COLOUR.fullmatch(value):
            return value
        raise KeyedValueError("framework.unknown_colour", f"unknown colour '{value}'",
                              colour=value, colours=", ".join(BASE_COLOURS))


class Factor(Frozen):
    id: str = Field(pattern=ID_PATTERN, description="Vaste code van de diversiteitsfactor.")
    name: str = Field(min_length=1, description="Naam van de factor.")
    visibility: Visibility = Field(description="Zichtbaar, deels zichtbaar of onzichtbaar.")
    description: str = Field(default="", description="Korte uitleg.")


class StereotypePattern(Frozen):
    """A generalising or culturalising statement that the game flags for discussion.

    ``phrases`` are written like indicators (words, lemmas, '...'); ``patterns`` are regular
    expressions on the lower-case text without accents (for framework authors who need them);
    ``labels`` are words in their base form, matched in every regular form
    (``groups_nl.label_forms``: 'allochtoon' also as 'allochtone', 'allochtonen', ...).
    """

    id: str = Field(default="", pattern=r"^$|" + ID_PATTERN, description="Vaste code.")
    phrases: tuple[str, ...] = Field(
        default=(), description="Zinsdelen zoals aanwijzingen, bijvoorbeeld 'die vrouwen ... "
        "altijd'."
    )
    patterns: tuple[str, ...] = Field(
        default=(), description="Reguliere expressies op de tekst in kleine letters zonder "
        "accenten."
    )
    labels: tuple[str, ...] = Field(
        default=(), description="Labelwoorden in hun grondvorm, bijvoorbeeld 'allochtoon'; elk "
        "telt in elke vorm (allochtone, allochtonen, allochtoontje)."
    )
    explanation: str = Field(min_length=1, description="Waarom dit een stereotype is.")
    question: str = Field(default="", description="Bespreekvraag voor de zaal.")

    @model_validator(mode="after")
    def _something_to_match(self) -> StereotypePattern:
        if not self.phrases and not self.patterns and not self.labels:
            raise KeyedValueError("framework.no_phrases", "give 'phrases' or 'patterns'")
        return self


class GeneralisationText(Frozen):
    """The words of a generalisation flag: ``{group}`` and ``{claim}`` are filled in."""

    explanation: str = Field(
        min_length=1, description="Uitleg bij een algemene uitspraak over een groep; "
        "{group} en {claim} worden ingevuld."
    )
    question: str = Field(default="", description="Bespreekvraag voor de zaal.")
    model: str | None = Field(
        default=None, pattern=ID_PATTERN, description="Naam van het meegeleverde model dat "
        "naast de regels zinsdelen over groepen leest (scoring/data/flag-<naam>.json); "
        "weglaten: alleen de regels."
    )


class ScoreScale(Frozen):
    """How summed indicator weights become a pillar score of 0-3."""

    thresholds: tuple[float, float, float] = Field(
        default=(1.0, 2.5, 4.5),
        description="Totaalgewicht voor score 1, 2 en 3.",
    )


class Framework(Frozen):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    language: str = "nl"
    description: str = ""
    scale: ScoreScale = ScoreScale()
    pillars: tuple[Pillar, ...] = Field(min_length=1)
    factors: tuple[Factor, ...] = Field(min_length=1)
    stereotypes: tuple[StereotypePattern, ...] = ()
    generalisation: GeneralisationText | None = Field(
        default=None, description="Herken algemene uitspraken over groepen (Nederlands) en "
        "leg ze zo uit; weglaten zet dat uit."
    )
    model: str | None = Field(
        default=None, pattern=ID_PATTERN, description="Naam van het meegeleverde taalmodel "
        "per pijler (alleen voor de standaardpijlers); weglaten: alleen aanwijzingen."
    )

    @property
    def pillar_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pillars)

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.factors)

    def pillar(self, pillar_id: str) -> Pillar:
        return next(p for p in self.pillars if p.id == pillar_id)

    def factor(self, factor_id: str) -> Factor:
        return next(f for f in self.factors if f.id == factor_id)
