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
from casusspel.session.options import Mode

REFLECTION_TEXT = ("We gingen ervan uit dat ze ons begreep. We vroegen door naar haar netwerk "
                   "en regelden een tolk; samen met de buurvrouw maakten we een plan.")


ROTATIONS = 400  # 4,800 rounds: room for 100,000 events


def builtin_engine() -> Engine:
    from casusspel.content.library import load_cases

    return Engine({case.id: case for case in load_cases()}, load_framework())


def rotating(step: int) -> Callable[[tuple[Choice, ...]], str]:
    """Pick a different option at each step, so the journal has varied choices."""
    return lambda options: options[step % len(options)].id


def events_after(engine: Engine, started: SessionStarted, count: int) -> list[Event]:
    """``started`` and the events that follow it, ``count`` in all (or until the end)."""
    state = engine.start(started)
    events: list[Event] = [started]
    while len(events) < count and not state.finished:
        event = next_event(engine, state, rotating(len(events)), REFLECTION_TEXT)
        state = engine.apply(state, event)
        events.append(event)
    return events


def write_events(path: Path, events: list[Event], first_seq: int = 1) -> None:
    with path.open("ab") as handle:  # the journal's own line format (seq and checksum)
        for seq, event in enumerate(events, first_seq):
            handle.write(encode_line(replace(event, seq=seq).to_json()))


def write_journal(path: Path, count: int) -> Path:
    engine = builtin_engine()
    ids = tuple(engine.cases) * ROTATIONS
    started = SessionStarted(session_id="bench", created="2026-11-22T10:00:00", version="bench",
                             mode=Mode.GROUP, teams=tuple(f"Tafel {n}" for n in range(1, 6)),
                             case_ids=ids)
    path.unlink(missing_ok=True)
    write_events(path, events_after(engine, started, count))
    return path


def write_session(parent: Path, count: int) -> Path:
    """A session folder (as ``casusspel play`` makes it) whose journal has ``count`` events: five
    teams playing the built-in deck again and again (a long rotation, 12 distinct case files)."""
    from datetime import datetime

    from casusspel.content.library import builtin_framework_path, load_case_files
    from casusspel.session.folders import JOURNAL, create_session
    from casusspel.session.options import SessionOptions

    deck = load_case_files()
    session = create_session(parent, deck * ROTATIONS, builtin_framework_path(),
                             load_framework(),
                             SessionOptions(teams=tuple(f"Tafel {n}" for n in range(1, 6))),
                             now=datetime(2026, 11, 24, 9, 0))
    session.close()
    events = events_after(session.engine, session.state.started, count)
    write_events(session.folder / JOURNAL, events[1:], first_seq=2)
    return session.folder
