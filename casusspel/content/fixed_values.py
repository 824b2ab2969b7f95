"""The fixed set of values a field of a content model takes (``audience``: wijkteam, gemeente,
...), found from the model's types: a hint names them when the field is missing, and stays
right when a value is added to the model."""

from __future__ import annotations

import enum
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


def allowed_values(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[str, ...]:
    """The values the field at ``loc`` (a path in a document of ``model``) may take, when
    they are a fixed set (a Literal or an Enum); else ()."""
    kinds: list[Any] = [model]
    for step in loc:
        kinds = [inner for kind in kinds for inner in _step(kind, step)]
    for kind in kinds:
        values = _values(kind)
        if values:
            return values
    return ()


def _members(kind: Any) -> list[Any]:
    """``kind`` without Annotated, and each member of a union."""
    origin = get_origin(kind)
    if origin is Annotated:
        return _members(get_args(kind)[0])
    if origin is Union or origin is types.UnionType:
        return [inner for arg in get_args(kind) for inner in _members(arg)]
    return [kind]


def _step(kind: Any, step: str | int) -> list[Any]:
    found = []
    for member in _members(kind):
        if isinstance(step, str) and isinstance(member, type) and issubclass(member, BaseModel):
            field = member.model_fields.get(step)
            if field is not None:
                found.append(field.annotation)
        elif isinstance(step, int) and get_origin(member) in (tuple, list):
            args = [arg for arg in get_args(member) if arg is not Ellipsis]
            found.extend(args[:1])
    return found


def _values(kind: Any) -> tuple[str, ...]:
    for member in _members(kind):
        if get_origin(member) is Literal:
            return tuple(str(value) for value in get_args(member))
        if isinstance(member, type) and issubclass(member, enum.Enum):
            return tuple(str(item.value) for item in member)
    return ()
