"""Each reflection scored once: a bounded cache around ``score_reflection`` for one framework.

A session asks for the same scores many times (the reveal, the scoreboard's totals and profiles,
every report format); scoring is pure, so the result for the same text, the same case indicators
and stereotype patterns and the same framework is the same object every time. The scorer's own
internals are not touched: this sits around its public entry point.

Keys: the text and a small number standing for the case's indicators and stereotype patterns
(their content, hashed once per ``Reflection`` object, not per look-up: hashing frozen models walks
them). The framework is the cache's own (its identity): an engine has one framework for life.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from casusspel.content.model import Framework, Reflection

if TYPE_CHECKING:
    from casusspel.scoring.types import ReflectionScore

MAX_SCORES = 4096  # reflections kept (a long training day has a few hundred)


class ScoreCache:
    """``score_reflection`` for one framework, remembered for the last ``size`` texts (LRU)."""

    def __init__(self, framework: Framework, size: int = MAX_SCORES) -> None:
        self.framework = framework
        self.size = size
        self.calls = 0  # times the scorer really ran (for tests and benchmarks)
        self._scores: OrderedDict[tuple[str, int], ReflectionScore] = OrderedDict()
        # Reflection object (by identity, kept alive here) -> number for its content
        self._by_object: dict[int, tuple[Reflection, int]] = {}
        self._by_content: dict[object, int] = {}

    def _case_key(self, reflection: Reflection) -> int:
        known = self._by_object.get(id(reflection))
        if known is not None and known[0] is reflection:
            return known[1]
        content = (tuple(sorted((p, tuple(v)) for p, v in reflection.indicators.items())),
                   reflection.stereotypes)
        number = self._by_content.setdefault(content, len(self._by_content))
        self._by_object[id(reflection)] = (reflection, number)
        return number

    def __call__(self, text: str, reflection: Reflection) -> ReflectionScore:
        key = (text, self._case_key(reflection))
        found = self._scores.get(key)
        if found is not None:
            self._scores.move_to_end(key)
            return found
        self.calls += 1
        # imported here: opening or resuming a session scores nothing until a reflection is
        # shown (the scorer's modules are about 15% of what resume spends on imports)
        from casusspel.scoring import reflection as scorer

        score = scorer.score_reflection(text, self.framework, reflection.indicators,
                                        reflection.stereotypes)
        self._scores[key] = score
        if len(self._scores) > self.size:
            self._scores.popitem(last=False)
        return score
