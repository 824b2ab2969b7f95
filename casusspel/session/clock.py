"""Time for the live round: durations typed by a trainer and the countdown of a step.

Nothing here reads the clock: ``now`` is always passed in (the controller gets it injected), so
a test can move time forward, backward or past the end in one step.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime

from casusspel.session.engine import Timer

Clock = Callable[[], datetime]
LAST_MINUTE = 60


def parse_duration(text: str) -> int:
    """'5m', '90s', '1m30s', '1u' (or '1h', '1uur') or '2' (minutes) -> seconds; ValueError for
    anything else. Programme files use the same words (``training.programme.DURATION``)."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned.isdigit():
        return int(cleaned) * 60
    match = re.fullmatch(r"(?:(\d+)(?:uur|u|h))?(?:(\d+)m(?:in)?)?(?:(\d+)s(?:ec)?)?", cleaned)
    if not cleaned or not match or not any(match.groups()):
        raise ValueError(text)
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def format_seconds(seconds: int) -> str:
    return f"{max(0, seconds) // 60}:{max(0, seconds) % 60:02d}"


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def seconds_left(timer: Timer | None, now: datetime) -> float | None:
    """Seconds left on ``timer`` at ``now``, with fractions (what a phone counts down from, so
    its clock and the projector's agree); pauses do not count; a clock that jumps back never adds
    time, one that jumps ahead ends it."""
    if timer is None:
        return None
    try:
        started = datetime.fromisoformat(timer.started)
        until = datetime.fromisoformat(timer.paused_at) if timer.paused_at else now
    except ValueError:
        return 0.0
    elapsed = max(0.0, (until - started).total_seconds() - timer.paused_total)
    return max(0.0, min(float(timer.seconds), timer.seconds - elapsed))


def remaining(timer: Timer | None, now: datetime) -> int | None:
    """Whole seconds left on ``timer`` at ``now`` (rounded up, so a fresh 1m timer shows 1:00)."""
    left = seconds_left(timer, now)
    return None if left is None else math.ceil(left)


def is_due(timer: Timer | None, now: datetime) -> bool:
    """Whether the timer reached zero and its expiry is not recorded yet (never while paused)."""
    return (timer is not None and not timer.expired and timer.paused_at is None
            and remaining(timer, now) == 0)
