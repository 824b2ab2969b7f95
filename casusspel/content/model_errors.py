"""Pydantic's validation errors, said from the catalogue (CS023's reason and hint).

Every error type the content models (case, framework, programme) can raise has a text of its own,
in Dutch and English; ``tests/test_model_errors.py`` makes each one from a real YAML file and
walks the models' validators, so a new kind of field without a text here fails a test. An error
type we do not know gets a general text with pydantic's id for it (``cs023.other``), never
pydantic's own English sentence.
"""

from __future__ import annotations

import math
import re
from typing import Any

from casusspel.errors import CasusspelError
from casusspel.messages import Text
from casusspel.scoring.framework import ID_PATTERN

#: pydantic error types that only say which kind of value belongs here
WRONG_TYPE = {
    **dict.fromkeys(("string_type", "string_sub_type", "string_unicode"), "cs023.string"),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float", "int_parsing_size"),
                    "cs023.int"),
    **dict.fromkeys(("float_type", "float_parsing"), "cs023.number"),
    **dict.fromkeys(("finite_number",), "cs023.finite"),
    **dict.fromkeys(("bool_type", "bool_parsing"), "cs023.bool"),
    **dict.fromkeys(("list_type", "tuple_type", "iterable_type", "set_type", "frozen_set_type"),
                    "cs023.list"),
    **dict.fromkeys(("dict_type", "mapping_type", "model_type", "model_attributes_type",
                     "dataclass_type"), "cs023.fields"),
    **dict.fromkeys(("block_kind", "union_tag_not_found", "union_tag_invalid"),
                    "cs023.block_kind"),
}
BOUNDS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")
#: every error type with a text of its own (the rest: ``cs023.other``); CS021 and CS022 say
#: ``missing`` and ``extra_forbidden`` (``library.schema_problems``)
KNOWN = frozenset((*WRONG_TYPE, *BOUNDS, "literal_error", "enum", "string_pattern_mismatch",
                   "too_short", "string_too_short", "too_long", "string_too_long", "value_error",
                   "missing", "extra_forbidden"))
#: the patterns of our models, each with a text that says it in words (the duration is
#: ``training.programme.DURATION``, which content may not import; a test makes each one)
_PATTERNS = {ID_PATTERN: "cs023.pattern", r"^$|" + ID_PATTERN: "cs023.pattern",
             r"^\d+\s*(s|m|min|u|h)?$": "cs023.pattern.duration"}


def reason(error: Any) -> Text:
    """What is wrong, from the catalogue."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in WRONG_TYPE or kind in BOUNDS and _not_finite(value):
        return Text(WRONG_TYPE.get(kind, "cs023.finite"))
    if kind in ("literal_error", "enum"):
        return Text("cs023.choose", options=tuple(str(ctx.get("expected", "")).split(" or ")))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        key = _PATTERNS.get(pattern)
        return Text(key) if key else Text("cs023.pattern.other", pattern=pattern)
    if kind in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        return Text("cs023.empty") if minimum == 1 else Text("cs023.at_least", n=minimum)
    if kind in ("too_long", "string_too_long"):
        return Text("cs023.at_most", n=ctx.get("max_length"))
    if kind in BOUNDS:
        return Text(f"cs023.{kind}", bound=_number(next(iter(ctx.values()), "")))
    if kind == "missing":  # an item of a list of fixed length (a field is CS021)
        return Text("cs023.item_missing", n=int(error["loc"][-1]) + 1)
    if kind == "value_error":
        return _value_error(ctx.get("error"))
    return Text("cs023.other", kind=kind)


def _value_error(raised: object) -> Text:
    key = getattr(raised, "key", None)
    if isinstance(key, str):  # a check of ours that names its text (KeyedValueError)
        return Text(key, **getattr(raised, "values", {}))
    if isinstance(raised, CasusspelError):  # said from the catalogue when it was raised
        return Text("as_is", text=str(raised))
    return Text("cs023.other", kind=f"value_error: {type(raised).__name__}")


def hint(error: Any) -> Text | None:
    """What to do, where the kind of error or the value says more than the reason."""
    kind = error["type"]
    value = error.get("input")
    if value is None and kind in WRONG_TYPE:
        return Text("cs023.nothing.hint")
    if kind == "string_type" and isinstance(value, (bool, int, float)):  # (dates stay text)
        return Text("cs023.quote.hint", read_as=Text(
            "cs023.read_as.bool" if isinstance(value, bool) else "cs023.read_as.number"))
    if kind in ("list_type", "tuple_type"):
        return Text("cs023.list.hint")
    if kind in ("literal_error", "enum") and isinstance(value, str):
        return _closest_option(value, str((error.get("ctx") or {}).get("expected", "")))
    if kind not in KNOWN:
        return Text("cs023.other.hint")
    return None


def _closest_option(value: str, expected: str) -> Text | None:
    """'bedoel je 'wijkteam'?' for a value of a fixed set that is nearly right ('wijkteams',
    'Wijkteam'); the message names every value already."""
    import difflib

    options = re.findall(r"'([^']*)'", expected)
    close = difflib.get_close_matches(value.strip().lower(), options, n=1, cutoff=0.6)
    return Text("check.did_you_mean", value=close[0]) if close else None


def _not_finite(value: object) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _number(bound: object) -> object:
    """A bound as the author would write it: ``5``, not ``5.0``."""
    if isinstance(bound, float) and bound.is_integer():
        return int(bound)
    return bound
