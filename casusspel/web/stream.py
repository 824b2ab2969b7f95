"""Server-sent events: one long response per phone that ends when the phone goes away.

Written as a small ASGI callable (not Starlette's ``StreamingResponse``) so that a phone that
disconnects is noticed at once, whatever ASGI version the server speaks: one task sends the
events, another waits for the disconnect and cancels the first.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

from starlette.types import Receive, Scope, Send

HEADERS = [(b"content-type", b"text/event-stream; charset=utf-8"),
           (b"cache-control", b"no-store"), (b"x-accel-buffering", b"no")]


def event(data: str, event_id: int | None = None) -> str:
    """One server-sent event (``data`` is one line of JSON)."""
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}data: {data}\n\n"


class EventStream:
    def __init__(self, events: AsyncIterator[str],
                 closed: Callable[[], Awaitable[None]] | None = None) -> None:
        self.events = events
        self.closed = closed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
        sender = asyncio.ensure_future(self._send_all(send))
        watcher = asyncio.ensure_future(self._wait_for_disconnect(receive))
        try:
            await asyncio.wait({sender, watcher}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sender, watcher):
                task.cancel()
            await asyncio.gather(sender, watcher, return_exceptions=True)
            if self.closed is not None:
                await self.closed()

    async def _send_all(self, send: Send) -> None:
        try:
            async for chunk in self.events:
                await send({"type": "http.response.body", "body": chunk.encode("utf-8"),
                            "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except OSError:  # the phone went away while we wrote
            pass

    @staticmethod
    async def _wait_for_disconnect(receive: Receive) -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
