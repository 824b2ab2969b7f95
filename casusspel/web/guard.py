"""What keeps the phone page safe: headers on every answer, the host and origin checks, CSRF,
size limits, JSON validation with pydantic, and rate limits per team token.

Every refusal is a ``Refused`` with a status code and a catalogue key; the app turns it into a
JSON answer with a sentence in the session's language. Nothing is stored for a refused request.
"""

from __future__ import annotations

import hmac
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 16 * 1024
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

Model = TypeVar("Model", bound=BaseModel)


class Refused(Exception):
    """A request that is not accepted: HTTP ``status`` and the catalogue ``key`` that says why."""

    def __init__(self, status: int, key: str, params: Mapping[str, object] | None = None,
                 retry_after: int | None = None) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = dict(params or {})
        self.retry_after = retry_after


class SecureHeaders:
    """ASGI middleware: the security headers on every response, and only the hosts the server
    was started for (a page on another site that points its own name at this laptop's address
    gets nothing: DNS rebinding)."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await send({"type": "http.response.start", "status": 421,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    *self._headers()]})
            await send({"type": "http.response.body", "body": b"Misdirected Request"})
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[h for h in self._headers() if h[0] not in names]]
            await send(message)

        await self.app(scope, receive, with_headers)

    @staticmethod
    def _headers() -> list[tuple[bytes, bytes]]:
        return [(k.encode(), v.encode()) for k, v in HEADERS.items()]


def check_post(request: Request, csrf: str) -> None:
    """A state-changing request must come from our own page: same origin, our CSRF token,
    JSON. (The team cookie is SameSite=Strict as well.)"""
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if origin is None or origin.lower() != f"{request.url.scheme}://{host}".lower():
        raise Refused(403, "web.error.origin")
    if not hmac.compare_digest(request.headers.get("x-csrf-token", "").encode(), csrf.encode()):
        raise Refused(403, "web.error.csrf")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise Refused(415, "web.error.json")


async def read_json(request: Request, model: type[Model]) -> Model:
    """The body as ``model``: at most ``MAX_BODY`` bytes (also when the length header lies),
    valid JSON, exactly the fields the model allows."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise Refused(413, "web.error.size")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, "web.error.size")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, "web.error.json") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        where = ".".join(str(part) for part in exc.errors()[0]["loc"]) or "-"
        raise Refused(422, "web.error.invalid", {"field": where[:40]}) from None


@dataclass
class Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimit:
    """A token bucket per key (a team token, or a phone's address before it joined): ``burst``
    requests at once, then ``rate`` per second. The clock is injected for tests."""

    burst: float
    rate: float
    clock: Callable[[], float] = time.monotonic
    buckets: dict[str, Bucket] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, key: str) -> None:
        """Refuse when ``key`` has nothing left, without using anything up."""
        with self.lock:
            bucket = self._fill(key)
            if bucket.tokens < 1:
                raise self._refusal(bucket)

    def take(self, key: str) -> None:
        with self.lock:
            bucket = self._fill(key)
            if bucket.tokens < 1:
                raise self._refusal(bucket)
            bucket.tokens -= 1

    def _refusal(self, bucket: Bucket) -> Refused:
        wait = max(1, int((1 - bucket.tokens) / self.rate + 0.999))
        return Refused(429, "web.error.rate", retry_after=wait)

    def _fill(self, key: str) -> Bucket:
        """The key's bucket, filled up for the time since it was last used (lock held)."""
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) > 10_000:  # a flood of addresses must not eat memory
                self.buckets.clear()
            bucket = self.buckets[key] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        return bucket
