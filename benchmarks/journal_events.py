"""Write a journal of N events: a long group session over the built-in deck, for benchmarks.

Every event is one the engine accepts at that point, so replaying the file exercises the real
rules. The file is written in one go (the benchmark measures replay, not fsync).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from casusspel.content.casetest import next_event
from casusspel.content.library import load_framework
from casusspel.content.model import Choice
from casusspel.session.engine import Engine
from casusspel.session.events import Event, SessionStarted
from casusspel.session.journal import encode_line

REFLECTION_TEXT = ("We gingen ervan uit dat ze ons begreep. We vroegen door naar haar netwerk "
                   "en regelden een tolk; samen met de buurvrouw maakten we een plan.")


def builtin_engine() -> Engine:
    from casusspel.content.library import load_cases

    return Engine({case.id: case for case in load_cases()}, load_framework())


def rotating(step: int) -> Callable[[tuple[Choice, ...]], str]:
    """Pick a different option at each step, so the journal has varied choices."""
    return lambda options: options[step % len(options)].id


def write_journal(path: Path, count: int) -> Path:
    engine = builtin_engine()
    ids = tuple(engine.cases) * 200
    started = SessionStarted(session_id="bench", created="2026-11-22T10:00:00", version="bench",
                             mode="group", teams=tuple(f"Tafel {n}" for n in range(1, 6)),
                             case_ids=ids)
    state = engine.start(started)
    events: list[Event] = [started]
    while len(events) < count and not state.finished:
        event = next_event(engine, state, rotating(len(events)), REFLECTION_TEXT)
        state = engine.apply(state, event)
        events.append(event)
    with path.open("wb") as handle:  # the journal's own line format (seq and checksum)
        for seq, event in enumerate(events, 1):
            handle.write(encode_line(replace(event, seq=seq).to_json()))
    return path
