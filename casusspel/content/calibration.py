"""Load a labelled set of reflections and measure the scorer's agreement with it.

A labelled set can be large (100,000 reflections, far more than a case file's 2 MB and 200,000
YAML nodes): it is read as a stream of YAML events, one reflection at a time, under its own size
cap, and scored one reflection at a time; only the scores are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casusspel.content.loader import (
    _LOADER,
    _PLAIN_TAGS,
    LoadFailed,
    check_before_parsing,
    read_text,
    yaml_problem,
)
from casusspel.content.model import Framework
from casusspel.content.parse_errors import explain
from casusspel.content.problems import Problem
from casusspel.errors import ContentError, UsageError
from casusspel.messages import Messages, Text
from casusspel.scoring.metrics import Agreement, agreement, macro_f1
from casusspel.scoring.reflection import score_reflection
from casusspel.scoring.types import Flag

#: a labelled set of 100,000 reflections of up to about 2,500 characters each
MAX_BYTES = 256_000_000
MAX_DEPTH = 16  # an item is {id, text, pillars: {...}, stereotype}; other keys may nest a little
END = object()  # what ``_Events.value`` gives at the end of a list or mapping
_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"


@dataclass(frozen=True)
class LabelledReflection:
    id: str
    text: str
    pillars: dict[str, int]
    stereotype: bool


@dataclass(frozen=True)
class ScoredItem:
    """What calibration keeps of a scored reflection: its id, the pillar scores and flags."""

    id: str
    scores: dict[str, int]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Calibration:
    pillars: dict[str, Agreement]
    stereotype: Agreement
    items: list[ScoredItem] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        return macro_f1(list(self.pillars.values()))

    def to_json(self, *, with_items: bool) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "pillars": {p: a.to_json() for p, a in self.pillars.items()},
            "macro_f1": round(self.macro_f1, 3),
            "stereotype": self.stereotype.to_json(),
        }
        if with_items:
            payload["items"] = [
                {"id": item.id,
                 "pillars": {p: {"score": score} for p, score in item.scores.items()},
                 "flags": [f.to_json() for f in item.flags]}
                for item in self.items
            ]
        return payload


def iter_labelled(path: Path) -> Iterator[LabelledReflection]:
    """The labelled reflections of ``path`` one by one (``ContentError`` at the first bad one,
    with its line; ``UsageError`` when the file is missing)."""
    if not path.is_file():
        raise UsageError(Messages()("calibrate.missing", path=str(path)))
    display = str(path)
    try:
        text = read_text(path, display, MAX_BYTES, Text("calibrate.too_large.hint"))
        if not text.strip():
            raise LoadFailed(Problem(display, 1, 1, "error", "CS010", Text("cs010.empty")))
        check_before_parsing(text, display)
        for index, (line, raw) in enumerate(_items(text, display)):
            yield _labelled(raw, index, f"{path}:{line}")
    except LoadFailed as failed:
        raise ContentError(failed.problem.format(), [failed.problem]) from None


def _labelled(raw: Any, index: int, where: str) -> LabelledReflection:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise ContentError(Messages()("calibrate.needs_text", where=where))
    pillars = raw.get("pillars") or {}
    if not isinstance(pillars, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3
            for v in pillars.values()):
        raise ContentError(Messages()("calibrate.pillars_range", where=where))
    return LabelledReflection(str(raw.get("id", index + 1)), raw["text"],
                              {str(k): v for k, v in pillars.items()},
                              bool(raw.get("stereotype", False)))


class _Events:
    """YAML events from the C parser, turned into plain values one item at a time."""

    def __init__(self, text: str, display: str) -> None:
        self.loader = _LOADER(text)
        self.text, self.display = text, display
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, Any] = {}

    def next(self) -> Any:
        try:
            return self.loader.get_event()
        except yaml.MarkedYAMLError as exc:
            raise LoadFailed(explain(exc, self.text, self.display)) from None
        except yaml.YAMLError as exc:
            raise LoadFailed(yaml_problem(exc, self.display)) from None

    def peek(self) -> Any:
        try:
            return self.loader.peek_event()
        except yaml.MarkedYAMLError as exc:
            raise LoadFailed(explain(exc, self.text, self.display)) from None

    def fail(self, event: Any, message: Text, hint: Text | None = None) -> LoadFailed:
        mark = event.start_mark
        return LoadFailed(Problem(self.display, mark.line + 1, mark.column + 1, "error",
                                  "CS011", message, hint))

    def value(self, depth: int = 0) -> Any:
        """The next value as plain data; ``END`` for the end of the list or mapping around it."""
        event = self.next()
        kind = type(event)
        if kind is yaml.ScalarEvent and not event.anchor:
            return self.scalar(event)
        if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            return END
        if kind is yaml.AliasEvent:  # the same value again (shared, never copied)
            if event.anchor not in self.anchors:
                raise self.fail(event, Text("calibrate.alias", anchor=event.anchor))
            return self.anchors[event.anchor]
        if event.anchor:
            self.anchors[event.anchor] = value = self.build(event, kind, depth)
            return value
        return self.build(event, kind, depth)

    def build(self, event: Any, kind: type, depth: int) -> Any:
        if kind is yaml.ScalarEvent:
            return self.scalar(event)
        if depth > MAX_DEPTH:
            raise self.fail(event, Text("cs013.levels", max=MAX_DEPTH))
        if kind is yaml.SequenceStartEvent:
            items = []
            while (item := self.value(depth + 1)) is not END:
                items.append(item)
            return items
        if kind is yaml.MappingStartEvent:
            mapping: dict[str, Any] = {}
            while (key := self.value(depth + 1)) is not END:
                mapping[str(key)] = self.value(depth + 1)
            return mapping
        raise self.fail(event, Text("calibrate.end"))

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if event.style:  # quoted or a block: always text
                return value
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        if tag == _INT and value.isascii() and value.isdigit() and (
                value[:1] != "0" or value == "0") and len(value) < 19:
            return int(value)  # a plain decimal (YAML 1.1 reads '010' as octal)
        if tag not in _PLAIN_TAGS:
            raise self.fail(event, Text("cs012.tag", tag=tag))
        node = yaml.ScalarNode(tag, value, style=event.style)
        try:
            constructed = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            return value
        return constructed if isinstance(constructed, (str, int, float, bool, type(None))) \
            else value


def _items(text: str, display: str) -> Iterator[tuple[int, Any]]:
    """(line, value) of every item under the top-level ``reflections:``."""
    events = _Events(text, display)
    expected = Messages()("calibrate.expected", where=f"{display}:1:1")
    events.next()  # the start of the stream
    if not isinstance(events.next(), yaml.DocumentStartEvent):
        raise ContentError(expected)
    if not isinstance(events.next(), yaml.MappingStartEvent):
        raise ContentError(expected)
    found = False
    while (key := events.value(1)) is not END:
        if key != "reflections" or found:
            events.value(1)  # another key: read and ignored
            continue
        found = True
        if not isinstance(events.next(), yaml.SequenceStartEvent):
            raise ContentError(expected)
        while not isinstance(upcoming := events.peek(), yaml.SequenceEndEvent):
            yield upcoming.start_mark.line + 1, events.value(2)
        events.next()
    if not found:
        raise ContentError(expected)
    events.next()  # the end of the document
    if not isinstance(events.peek(), yaml.StreamEndEvent):
        raise events.fail(events.peek(), Text("calibrate.documents"),
                          Text("calibrate.documents.hint"))


def calibrate(items: Iterable[LabelledReflection], framework: Framework) -> Calibration:
    """Score every reflection once, keeping only the scores, and compare with the labels."""
    scored: list[ScoredItem] = []
    found: dict[str, list[bool]] = {p: [] for p in framework.pillar_ids}
    labelled: dict[str, list[bool]] = {p: [] for p in framework.pillar_ids}
    flagged: list[bool] = []
    stereotyped: list[bool] = []
    for item in items:
        result = score_reflection(item.text, framework)
        scores = {p: s.score for p, s in result.pillars.items()}
        scored.append(ScoredItem(item.id, scores, result.flags))
        for pillar in framework.pillar_ids:
            if pillar in item.pillars:
                found[pillar].append(scores[pillar] >= 1)
                labelled[pillar].append(item.pillars[pillar] >= 1)
        flagged.append(bool(result.flags))
        stereotyped.append(item.stereotype)
    pillars = {p: agreement(found[p], labelled[p]) for p in framework.pillar_ids}
    return Calibration(pillars, agreement(flagged, stereotyped), scored)
