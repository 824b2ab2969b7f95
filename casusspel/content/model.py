"""Authored content as immutable data: cases, persons, choices, stages, examples.

This module is the one source of truth for the case format: the loader validates against it and
``casusspel schema`` exports its JSON Schema. Field descriptions are Dutch because authors read
them in their editor.
"""

from __future__ import annotations

from typing import Literal, get_args

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

__all__ = [
    "ID_PATTERN", "Audience", "Case", "Choice", "Example", "Factor", "FactorKey", "Framework",
    "Frozen", "Person", "Pillar", "Points", "Reflection", "Stage", "StereotypePattern",
]

Audience = Literal["wijkteam", "gemeente", "clientenraad", "sociaal-domein"]
AUDIENCES: tuple[str, ...] = get_args(Audience)
Points = dict[str, int]

#: The one length rule for a situation; the guide, the skeleton, the schema and warning CS050 all
#: say it with these numbers. The room reads the situation on one 80x24 screen: 24 lines minus the
#: header, the panel's borders, the question and the prompt leave 20 lines of 76 characters, which
#: is about 200 words in three paragraphs (each new paragraph costs a blank line).
SITUATION_WORDS = (120, 200)
SITUATION_MAX_LINES = 20
SITUATION_RULE = (f"{SITUATION_WORDS[0]}-{SITUATION_WORDS[1]} woorden en hoogstens "
                  f"{SITUATION_MAX_LINES} regels op een scherm van 80 tekens breed")


class Person(Frozen):
    """Een persoon in de casus, met zichtbare en onzichtbare diversiteitsfactoren."""

    name: str = Field(min_length=1, description="Naam of omschrijving, bijvoorbeeld 'Mevrouw D.'.")
    description: str = Field(default="", description="Wie is deze persoon, in één of twee zinnen.")
    visible: dict[str, str] = Field(
        default_factory=dict,
        description="Factoren die de zaal meteen ziet: factorcode -> korte toelichting.",
    )
    invisible: dict[str, str] = Field(
        default_factory=dict,
        description="Factoren die pas bij de onthulling zichtbaar worden: "
        "factorcode -> toelichting.",
    )

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return tuple(self.visible) + tuple(self.invisible)


class FactorKey(Frozen):
    """De sleutel: welke factoren in deze casus bepalend zijn, welke relevant en welke afleiden."""

    decisive: tuple[str, ...] = Field(min_length=1, description="Bepalend voor wat je doet.")
    relevant: tuple[str, ...] = Field(
        default=(), description="Spelen mee, maar zijn niet bepalend."
    )
    distractor: tuple[str, ...] = Field(
        default=(), description="Lijken belangrijk, maar zijn het hier niet."
    )


class Choice(Frozen):
    """Een mogelijke aanpak, met feedback en punten per pijler."""

    id: str = Field(pattern=ID_PATTERN, description="Korte code, bijvoorbeeld 'a'.")
    text: str = Field(min_length=1, description="De aanpak zoals de zaal die leest.")
    feedback: str = Field(default="", description="Wat er goed gaat en wat er schuurt.")
    points: Points = Field(
        default_factory=dict, description="Punten per pijler, 0 tot en met 3."
    )
    next: str | None = Field(
        default=None, description="Code van het vervolg (stage), als dat er is."
    )

    @model_validator(mode="after")
    def _points_in_range(self) -> Choice:
        for pillar, value in self.points.items():
            if not 0 <= value <= 3:
                raise KeyedValueError("cs023.points_range", f"points for '{pillar}' must be "
                                      "0 to 3", pillar=pillar, value=value)
        return self


class Stage(Frozen):
    """Een vervolg van de casus ('Twee weken later...'), bereikt via `next:` van een keuze."""

    id: str = Field(pattern=ID_PATTERN, description="Code waarnaar `next:` verwijst.")
    title: str = Field(min_length=1, description="Bijvoorbeeld 'Twee weken later'.")
    situation: str = Field(min_length=1, description="Hoe de situatie zich ontwikkelt.")
    question: str = Field(default="Wat doe je nu?", description="De vraag aan de groepjes.")
    choices: tuple[Choice, ...] = Field(
        min_length=2, max_length=4, description="Twee tot vier aanpakken in dit vervolg."
    )


class Reflection(Frozen):
    """De reflectievraag, met eventueel extra woorden per pijler voor deze casus."""

    prompt: str = Field(min_length=1, description="De vraag waarop de groepjes reflecteren.")
    indicators: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Extra aanwijzingen voor deze casus: pijlercode -> woorden of zinsdelen.",
    )
    stereotypes: tuple[StereotypePattern, ...] = Field(
        default=(),
        description="Extra stereotypepatronen voor deze casus, elk met 'phrases' (zinsdelen "
        "zoals aanwijzingen, '...' voor woorden ertussen) en 'explanation' (uitleg voor de "
        "zaal).",
    )


class Example(Frozen):
    """Een voorbeeldreflectie met de scores die de auteur verwacht (voor `casusspel test`)."""

    text: str = Field(min_length=1, description="De voorbeeldreflectie.")
    expect: Points = Field(description="Verwachte score per pijler, 0 tot en met 3.")
    stereotype: bool = Field(
        default=False, description="Moet deze tekst een stereotype-vlag geven?"
    )
    tolerance: int = Field(default=1, ge=0, le=3, description="Toegestaan verschil per pijler.")


class Case(Frozen):
    """Een casus: één situatie uit de praktijk, met keuzes, reflectie en bespreking."""

    id: str = Field(pattern=ID_PATTERN, description="Vaste, unieke code van de casus.")
    title: str = Field(min_length=1, description="Titel zoals de zaal die ziet.")
    language: Literal["nl", "en"] = Field(default="nl", description="Taal van de casus.")
    audience: Audience = Field(description=(
        "Voor wie: wijkteam, gemeente, clientenraad of sociaal-domein (ander werk in het sociaal "
        "domein: ggz, jeugdzorg, schuldhulp, sport en cultuur)."))
    tags: tuple[str, ...] = Field(default=(), description="Trefwoorden om casussen te vinden.")
    minutes: int = Field(ge=1, le=120, description="Geschatte speelduur in minuten.")
    situation: str = Field(min_length=1, description=(
        f"De situatie: {SITUATION_RULE} (een lege regel tussen alinea's telt mee). Daarboven "
        "waarschuwt `casusspel validate` (CS050)."))
    persons: tuple[Person, ...] = Field(
        min_length=1, max_length=6, description="De personen in de casus (1 tot 6)."
    )
    question: str = Field(default="Wat doe je?", description="De vraag aan de groepjes.")
    factors: FactorKey = Field(description="Welke factoren bepalend, relevant of afleidend zijn.")
    choices: tuple[Choice, ...] = Field(
        min_length=2,
        max_length=4,
        description="Twee tot vier aanpakken waaruit de groepjes kiezen.",
    )
    reflection: Reflection = Field(description="De reflectievraag en eventuele extra aanwijzingen.")
    discussion: tuple[str, ...] = Field(default=(), description="Bespreekvragen voor de trainer.")
    expert: str = Field(min_length=1, description="De kijk van de trainer of expert.")
    stages: tuple[Stage, ...] = Field(default=(), description="Vervolgen, bereikt via `next:`.")
    examples: tuple[Example, ...] = Field(default=(), description="Voorbeeldreflecties.")

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
