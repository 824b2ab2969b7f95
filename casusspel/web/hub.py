"""From the controller's thread to the phones' streams: one wake-up per change.

The controller calls ``Hub.changed`` after every change, in whatever thread made it and with
its lock held; the hub only schedules a wake-up on the server's event loop (never waits), so a
phone can never hold up the terminal. Each stream then computes its team's view once and sends
it when it differs from what that phone saw last.
"""

from __future__ import annotations

import asyncio
from typing import Any


class Hub:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.waiters: set[asyncio.Event] = set()
        self.closed = False
        self.version = 0

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def changed(self, state: Any = None) -> None:
        """Any thread: something changed (a cheap, non-blocking call)."""
        loop = self.loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._wake)
            except RuntimeError:  # the loop just closed: nobody is listening any more
                pass

    def close(self) -> None:
        """End every stream (the session is over or the server stops)."""
        self.closed = True
        self.changed()

    def _wake(self) -> None:
        self.version += 1
        for event in self.waiters:
            event.set()

    async def wait(self, seen: int, timeout: float) -> int:
        """Wait until the version moves past ``seen`` (or ``timeout`` seconds); the version."""
        if self.version != seen or self.closed:
            return self.version
        event = asyncio.Event()
        self.waiters.add(event)
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        finally:
            self.waiters.discard(event)
        return self.version
