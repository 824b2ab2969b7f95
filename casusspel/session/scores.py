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

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from casusspel.content.model import Framework, Reflection

if TYPE_CHECKING:
    from casusspel.scoring.types import ReflectionScore

MAX_SCORES = 4096  # reflections kept (a long training day has a few hundred)
PARALLEL_FROM = 40  # reflections to score; fewer are scored before worker processes start
#: what forked workers score: (text, case reflection) pairs and the framework, set just before
#: the fork and inherited (nothing of it is pickled); a worker gets the indexes to score
_JOBS: list[tuple[list[tuple[str, Reflection]], Framework]] = []


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

    def fill(self, items: Sequence[tuple[str, Reflection]]) -> None:
        """Score the (text, case reflection) ``items`` not remembered yet on several cores, when
        there are many: ``casusspel report`` of a long day asks for hundreds at once. Worker
        processes are forked, so only a process without other threads does this (a live
        session has some: the clock, the phone page); anywhere else, and without fork or with
        one core, nothing happens here and each score is made when it is asked for. The same
        function scores in every process: the scores are the ones ``__call__`` would make."""
        waiting: dict[tuple[str, int], tuple[str, Reflection]] = {}
        for text, reflection in items:
            key = (text, self._case_key(reflection))
            if key not in self._scores:
                waiting.setdefault(key, (text, reflection))
        todo = list(waiting.values())
        cores = os.cpu_count() or 1
        if len(todo) < PARALLEL_FROM or cores < 2 or threading.active_count() > 1:
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork here (Windows, some macOS setups)
            return
        self(*todo[0])  # the lazy imports and tables it fills are inherited by the workers
        rest = todo[1:]
        workers = min(cores, 8)
        size = -(-len(rest) // (workers * 2))
        _JOBS[:] = [(rest, self.framework)]
        try:
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                chunks = [range(i, min(i + size, len(rest))) for i in range(0, len(rest), size)]
                for chunk, scores in zip(chunks, pool.map(_score_chunk, chunks), strict=True):
                    for index, score in zip(chunk, scores, strict=True):
                        text, reflection = rest[index]
                        self._remember((text, self._case_key(reflection)), score)
                        self.calls += 1
        except (OSError, BrokenProcessPool):
            pass  # no workers to be had (out of processes or memory): scored when asked for
        finally:
            _JOBS.clear()

    def _remember(self, key: tuple[str, int], score: ReflectionScore) -> None:
        self._scores[key] = score
        if len(self._scores) > self.size:
            self._scores.popitem(last=False)

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
        self._remember(key, score)
        return score


def _score_chunk(indexes: range) -> list[ReflectionScore]:
    """A worker's task: the scores of some of the pairs in ``_JOBS`` (inherited by fork)."""
    from casusspel.scoring import reflection as scorer

    pairs, framework = _JOBS[0]
    return [scorer.score_reflection(text, framework, reflection.indicators,
                                    reflection.stereotypes)
            for text, reflection in (pairs[i] for i in indexes)]
