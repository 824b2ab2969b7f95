"""Anonymous self-assessment per pillar (1-5) at the start, the end and a follow-up of a training.

Stored in the training folder as ``zelfbeoordeling.jsonl`` (one durable line per response; no
names, no team names). ``overview`` gives, per pillar and moment, the mean and the number of
responses, and says when there are too few to read a difference from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from casusspel.session.events import SelfAssessed
from casusspel.session.journal import Journal, JournalError, read_journal

FILE = "zelfbeoordeling.jsonl"
MOMENTS = ("start", "end", "followup")
FEW = 5  # fewer responses than this: the mean says little


@dataclass(frozen=True)
class Cell:
    mean: float
    count: int


def responses(training: Path) -> list[SelfAssessed]:
    path = training / FILE
    if not path.is_file():
        return []
    try:
        events, _ = read_journal(path)
    except JournalError as exc:
        if exc.empty:
            return []
        raise
    return [e for e in events if isinstance(e, SelfAssessed)]


def journal(training: Path) -> Journal:
    """The self-assessment journal (0600 on POSIX: the answers are personal)."""
    training.mkdir(parents=True, exist_ok=True)
    return Journal(training / FILE, len(responses(training)) + 1)


def summary(items: list[SelfAssessed], pillars: tuple[str, ...]) -> dict[str, dict[str, Cell]]:
    """pillar -> moment -> mean and count (moments without responses are left out)."""
    table: dict[str, dict[str, Cell]] = {}
    for pillar in pillars:
        row: dict[str, Cell] = {}
        for moment in MOMENTS:
            values = [r.scores[pillar] for r in items if r.moment == moment and pillar in r.scores]
            if values:
                row[moment] = Cell(sum(values) / len(values), len(values))
        table[pillar] = row
    return table


@dataclass(frozen=True)
class Overview:
    """Every response summed up: pillar -> moment -> mean and count, and responses per moment."""

    cells: dict[str, dict[str, Cell]]
    counts: dict[str, int]

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())

    @property
    def few(self) -> bool:
        """Some moment has responses, but fewer than ``FEW``: a difference may be chance."""
        return any(0 < count < FEW for count in self.counts.values())


def overview(training: Path, pillars: tuple[str, ...]) -> Overview:
    items = responses(training)
    return Overview(summary(items, pillars),
                    {moment: sum(1 for r in items if r.moment == moment) for moment in MOMENTS})


def save(store: Journal, moment: str, scores: dict[str, int], now: datetime) -> None:
    """One anonymous response, durably (no name, no team)."""
    store.append(SelfAssessed(moment=moment, scores=scores,
                              at=now.isoformat(timespec="seconds")))
