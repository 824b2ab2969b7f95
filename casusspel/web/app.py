"""The phone page: a second front end on the session controller (ASGI, Starlette).

Teams join with the room code and pick their team; the page then follows the session over
server-sent events (``/api/events``; ``/api/state`` is the same view on request) and sends
answers and drafts as JSON. Every answer carries an id the phone made, so a resent request is
applied once. No rule of the round lives here: ``Controller.team_turn`` says what a team may
answer now and ``Controller.submit_for`` accepts or refuses it.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
import segno
from pydantic import BaseModel, ConfigDict, Field
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from casusspel.content.literal import clean
from casusspel.messages import Messages
from casusspel.session.clock import seconds_left
from casusspel.session.controller import UNSEEN, Controller
from casusspel.session.engine import SessionState
from casusspel.session.events import (
    ActionChosen,
    Event,
    FactorsAnswered,
    ReflectionDrafted,
    ReflectionWritten,
)
from casusspel.session.phones import Room
from casusspel.session.turns import Note
from casusspel.web.guard import RateLimit, Refused, SecureHeaders, check_post, read_json
from casusspel.web.hub import Hub
from casusspel.web.stream import EventStream, event
from casusspel.web.views import same_screen, team_view

HERE = Path(__file__).resolve().parent
COOKIE = "casusspel_team"
COOKIE_AGE = 7 * 24 * 3600
MAX_REFLECTION = 5000
HEARTBEAT = 10.0
STREAMS_PER_TEAM = 12
ID = r"^[A-Za-z0-9_-]{8,64}$"
#: texts the page's script shows (from the catalogue, in the session's language)
SCRIPT_TEXTS = (
    "web.factors.title", "web.factors.hint", "web.choices.title", "web.reflection.title",
    "web.submit", "web.resubmit", "web.change", "web.handed_in", "web.handed_in.change",
    "web.handed_in.reflection", "web.draft.saved", "web.draft.saving", "web.draft.offline",
    "web.draft.unsent", "web.offline", "web.reconnected", "web.timer.left", "web.timer.paused",
    "web.timer.up", "web.persons", "web.question", "web.case", "web.sending", "web.error.network",
    "web.chars", "web.factors.none", "web.choice.none", "web.reflection.empty", "web.situation",
    "web.stage", "web.visible", "web.draft.newer", "web.draft.use", "web.too_long",
    "web.leave.confirm", "web.taken.unsent")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class JoinBody(Strict):
    code: str = Field(max_length=20)
    team: str = Field(max_length=200)


class AnswerBody(Strict):
    id: str = Field(pattern=ID)
    case: int = Field(ge=0, le=10_000)
    phase: Literal["factors", "action", "reflection", "stage"]
    factors: list[str] | None = Field(default=None, max_length=60)
    choice: str | None = Field(default=None, max_length=64)
    text: str | None = Field(default=None, max_length=MAX_REFLECTION)
    #: what the phone last knew of the team's draft (a reflection) or answer: a teammate's
    #: newer one is not replaced silently
    seen: str | list[str] | None = Field(default=None, max_length=MAX_REFLECTION)
    #: the factors ticks the phone last had from the laptop (a teammate's newer ones: warned)
    seen_ticks: list[list[str]] | None = Field(default=None, max_length=4)


class TicksBody(Strict):
    """Factors ticked and unticked on a phone since it last said so (not handed in)."""

    case: int = Field(ge=0, le=10_000)
    phase: Literal["factors"]
    add: list[str] = Field(max_length=60)
    remove: list[str] = Field(max_length=60)
    #: what the phone's form started from (its team's answer), for the team's first ticks
    start: list[str] = Field(max_length=60)


class DraftBody(Strict):
    id: str = Field(pattern=ID)
    case: int = Field(ge=0, le=10_000)
    phase: Literal["reflection"]
    text: str = Field(max_length=MAX_REFLECTION)


@dataclass
class Site:
    """What the page serves: the room, the session's controller (swapped between the blocks of
    a programme; None while no block is being played), and the limits."""

    room: Room
    msg: Messages
    join_url: str = ""
    controller: Controller | None = None
    hub: Hub = field(default_factory=Hub)
    answers: RateLimit = field(default_factory=lambda: RateLimit(burst=30, rate=5))
    reads: RateLimit = field(default_factory=lambda: RateLimit(burst=30, rate=5))
    joins: RateLimit = field(default_factory=lambda: RateLimit(burst=10, rate=0.2))
    heartbeat: float = HEARTBEAT
    streams: dict[str, int] = field(default_factory=dict)
    #: phones following the page now, per team (carried over to the next block's controller)
    connected: dict[str, int] = field(default_factory=dict)
    _unsubscribe: Callable[[], None] = lambda: None
    _views: dict[str, tuple[tuple[SessionState, int], dict[str, Any]]] = field(
        default_factory=dict)

    def detach(self) -> None:
        """Stop listening to the controller (the phones keep what they show)."""
        self._unsubscribe()
        self._unsubscribe = lambda: None

    def attach(self, controller: Controller | None) -> None:
        """Serve ``controller`` from now on (phones follow at once)."""
        self.detach()
        self.controller = controller
        self._views.clear()
        if controller is not None:  # (the page speaks the run's language: ``msg``)
            for team in self.room.tokens:
                controller.phone_joined(team)
            for team, count in self.connected.items():
                if count and team in controller.state.teams:
                    controller.phone_connected(team, count)
            self._unsubscribe = controller.subscribe(self.hub.changed)
        self.hub.changed()

    def follows(self, team: str, change: int) -> None:
        """A phone of ``team`` started (+1) or stopped (-1) following the page."""
        self.connected[team] = max(0, self.connected.get(team, 0) + change)
        controller = self.controller
        if controller is not None and team in controller.state.teams:
            controller.phone_connected(team, change)

    def view(self, team: str) -> dict[str, Any]:
        controller = self.controller
        if controller is None or team not in controller.state.teams:
            return {"team": clean(team), "kind": "waiting", "phase_name": "",
                    "status": self.msg("web.status.waiting"), "timer": None}
        with controller.lock:
            state = controller.state
            cached = self._views.get(team)
            # (a take-over is an event too: it makes a new state; factor ticks are not events)
            made_of = (state, controller.ticks_version)
            if cached is None or cached[0][0] is not state or cached[0][1] != made_of[1]:
                cached = (made_of, team_view(controller, team, self.msg))
                self._views[team] = cached
            # (made under the lock: a view with a higher version shows a later state)
            view = {**cached[1], "epoch": controller.epoch, "version": controller.changes}
            left = seconds_left(state.timer, controller.now())
            if view["timer"] is not None and left is not None:  # the one thing time changes
                view = {**view, "timer": {**view["timer"], "left": round(left, 2)}}
            return view


def create_app(site: Site, allowed_hosts: frozenset[str] | None = None) -> Starlette:
    templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                   autoescape=True)
    handlers = Handlers(site, templates)
    routes = [
        Route("/", handlers.page),
        Route("/qr.svg", handlers.qr),
        Route("/api/texts", handlers.guarded(handlers.texts)),
        Route("/api/state", handlers.guarded(handlers.state)),
        Route("/api/events", handlers.events),
        Route("/api/join", handlers.guarded(handlers.join), methods=["POST"]),
        Route("/api/leave", handlers.guarded(handlers.leave), methods=["POST"]),
        Route("/api/answer", handlers.guarded(handlers.answer), methods=["POST"]),
        Route("/api/draft", handlers.guarded(handlers.draft), methods=["POST"]),
        Route("/api/ticks", handlers.guarded(handlers.ticks), methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(SecureHeaders, allowed_hosts=allowed_hosts)
    return app


class Handlers:
    def __init__(self, site: Site, templates: jinja2.Environment) -> None:
        self.site = site
        self.templates = templates

    @property
    def msg(self) -> Messages:
        return self.site.msg

    def guarded(self, handler: Callable[[Request], Awaitable[Response]]
                ) -> Callable[[Request], Awaitable[Response]]:
        """Run ``handler``; a refusal becomes JSON with a sentence for the phone's screen."""
        async def run(request: Request) -> Response:
            try:
                response = await handler(request)
            except Refused as refused:
                response = self.refusal(refused)
            response.headers["cache-control"] = "no-store"
            return response
        return run

    def refusal(self, refused: Refused) -> JSONResponse:
        headers = {"retry-after": str(refused.retry_after)} if refused.retry_after else None
        return JSONResponse({"error": self.msg.note(refused.key, refused.params)},
                            status_code=refused.status, headers=headers)

    # -- who is asking -------------------------------------------------------------------------
    def team(self, request: Request) -> tuple[str, str]:
        """The team of the phone's cookie and the token; 403 when it has none (join first)."""
        token = request.cookies.get(COOKIE, "")
        team = self.site.room.team_of(token)
        controller = self.site.controller
        teams = controller.state.teams if controller is not None else self.site.room.teams
        if team is None or team not in teams:
            raise Refused(403, "web.error.join")
        return team, token

    def client(self, request: Request) -> str:
        return request.client.host if request.client else "?"

    # -- pages ----------------------------------------------------------------------------------
    async def page(self, request: Request) -> Response:
        site = self.site
        try:
            team, _ = self.team(request)
        except Refused:
            team = None
        code = request.query_params.get("code", "")[:20]
        teams = site.controller.state.teams if site.controller else site.room.teams
        name = "play.html" if team else "join.html"
        html = self.templates.get_template(name).render(
            t=self.msg, lang=self.msg.lang, csrf=site.room.csrf, team=team, teams=teams,
            code=code, code_ok=bool(code) and site.room.code_matches(code))
        return HTMLResponse(html, headers={"cache-control": "no-store"})

    async def qr(self, request: Request) -> Response:
        # a file of its own (with xmlns; ``svg_inline`` leaves it out, and a browser then draws
        # only the alt text of the <img>)
        out = io.BytesIO()
        segno.make(self.site.join_url or str(request.base_url), error="m").save(
            out, kind="svg", scale=6, border=2, dark="#000", light="#fff",
            title=self.msg("web.qr.title"), xmldecl=False)
        return Response(out.getvalue(), media_type="image/svg+xml")

    async def texts(self, request: Request) -> Response:
        self.team(request)
        return JSONResponse({key.removeprefix("web."): self.msg(key) for key in SCRIPT_TEXTS})

    async def state(self, request: Request) -> Response:
        team, token = self.team(request)
        self.site.reads.take(token)
        return JSONResponse(await run_in_threadpool(self.site.view, team))

    # -- joining --------------------------------------------------------------------------------
    async def join(self, request: Request) -> Response:
        site = self.site
        check_post(request, site.room.csrf)
        site.joins.check(self.client(request))  # only wrong codes use it up: no guessing
        body = await read_json(request, JoinBody)
        if not site.room.code_matches(body.code):
            site.joins.take(self.client(request))
            raise Refused(403, "web.error.code")
        controller = site.controller
        teams = controller.state.teams if controller else site.room.teams
        if body.team not in teams:
            raise Refused(404, "web.error.team")
        token = await run_in_threadpool(site.room.token_for, body.team)
        if controller is not None:
            await run_in_threadpool(controller.phone_joined, body.team)
        response = JSONResponse({"ok": True, "team": body.team})
        response.set_cookie(COOKIE, token, max_age=COOKIE_AGE, httponly=True, samesite="strict",
                            path="/")
        return response

    async def leave(self, request: Request) -> Response:
        check_post(request, self.site.room.csrf)
        try:  # a phone of the room keeps the code: it only picks another team
            self.team(request)
            payload: dict[str, Any] = {"ok": True, "code": self.site.room.code}
        except Refused:
            payload = {"ok": True}
        response = JSONResponse(payload)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response

    # -- answering ------------------------------------------------------------------------------
    async def answer(self, request: Request) -> Response:
        team, token = self.accepted(request)
        body = await read_json(request, AnswerBody)
        seen = body.seen if "seen" in body.model_fields_set else UNSEEN
        seen_ticks = body.seen_ticks if body.seen_ticks is not None else UNSEEN
        return await self.submit(team, self.answer_event(team, body), body.case, body.phase,
                                 seen=seen, seen_ticks=seen_ticks)

    async def draft(self, request: Request) -> Response:
        team, token = self.accepted(request)
        body = await read_json(request, DraftBody)
        event = ReflectionDrafted(team=team, text=body.text, id=self.event_id(team, body.id))
        return await self.submit(team, event, body.case, body.phase, with_view=False)

    async def ticks(self, request: Request) -> Response:
        """Ticks shared with the team's other phones (the laptop keeps them, never shows
        them); a step that is over or a skipped team: 409 with the reason, as for a draft."""
        team, _ = self.accepted(request)
        body = await read_json(request, TicksBody)
        controller = self.site.controller
        assert controller is not None
        notes: list[Note] = await run_in_threadpool(
            lambda: controller.tick_factors(team, body.case, body.phase, add=body.add,
                                            remove=body.remove, start=body.start))
        if notes:
            return JSONResponse({"error": notes[0].text(self.msg), "code": notes[0].key},
                                status_code=409)
        # the team's view with these ticks in it, and its version: the phone knows from it
        # which ticks the laptop has now, whichever comes first, this reply or the stream's view
        return JSONResponse({"ok": True, "view": await run_in_threadpool(self.site.view, team)})

    def accepted(self, request: Request) -> tuple[str, str]:
        check_post(request, self.site.room.csrf)
        team, token = self.team(request)
        self.site.answers.take(token)
        if self.site.controller is None:
            raise Refused(409, "web.status.waiting")
        return team, token

    def event_id(self, team: str, client_id: str) -> str:
        """The phone's id, kept apart per team (one team can never cancel another's answer by
        sending the same id)."""
        teams = self.site.controller.state.teams if self.site.controller else ()
        return f"t{teams.index(team) if team in teams else 'x'}-{client_id}"

    def answer_event(self, team: str, body: AnswerBody) -> Event:
        event_id = self.event_id(team, body.id)
        if body.phase == "factors" and body.factors is not None:
            return FactorsAnswered(team=team, factors=tuple(body.factors), id=event_id)
        if body.phase in ("action", "stage") and body.choice is not None:
            return ActionChosen(team=team, choice_id=body.choice, id=event_id)
        if body.phase == "reflection" and body.text is not None:
            return ReflectionWritten(team=team, text=body.text.strip(), id=event_id)
        field_name = {"factors": "factors", "reflection": "text"}.get(body.phase, "choice")
        raise Refused(422, "web.error.invalid", {"field": field_name})

    async def submit(self, team: str, event: Event, case: int, phase: str, *,
                     with_view: bool = True, seen: object = UNSEEN,
                     seen_ticks: object = UNSEEN) -> Response:
        controller = self.site.controller
        assert controller is not None
        notes: list[Note] = await run_in_threadpool(controller.submit_for, team, event, case,
                                                    phase, seen, seen_ticks)
        refused = [n for n in notes if n.level in ("warn", "error")]
        if refused:
            said: dict[str, Any] = {"error": refused[0].text(self.msg), "code": refused[0].key}
            if refused[0].key in ("phone.draft.newer", "phone.answer.newer",
                                  "phone.ticks.newer"):
                said["view"] = await run_in_threadpool(self.site.view, team)
            return JSONResponse(said, status_code=409)
        payload: dict[str, Any] = {"ok": True}
        if with_view:
            payload["view"] = await run_in_threadpool(self.site.view, team)
        return JSONResponse(payload)

    # -- following ------------------------------------------------------------------------------
    async def events(self, request: Request) -> Response:
        site = self.site
        try:
            team, token = self.team(request)
            if site.streams.get(token, 0) >= STREAMS_PER_TEAM:
                raise Refused(429, "web.error.rate", retry_after=5)
        except Refused as refused:
            return self.refusal(refused)
        site.streams[token] = site.streams.get(token, 0) + 1
        await run_in_threadpool(site.follows, team, 1)

        async def closed() -> None:
            site.streams[token] -= 1
            await run_in_threadpool(site.follows, team, -1)

        return EventStream(self.follow(team), closed)  # type: ignore[return-value]

    async def follow(self, team: str) -> AsyncIterator[str]:
        """The team's view now, then again whenever it changes, and every ``heartbeat``
        seconds (with the seconds left, so the phone's clock stays right)."""
        site = self.site
        hub = site.hub
        yield "retry: 2000\n\n"
        last = ""
        sent = 0.0
        counter = 0
        loop = asyncio.get_running_loop()
        while not hub.closed:
            version = hub.version
            view = await run_in_threadpool(site.view, team)
            screen = json.dumps(same_screen(view), ensure_ascii=False, sort_keys=True)
            now = loop.time()
            if screen != last or now - sent >= site.heartbeat:
                counter += 1
                yield event(json.dumps(view, ensure_ascii=False), counter)
                last, sent = screen, now
            await hub.wait(version, max(0.05, site.heartbeat - (loop.time() - sent)))
        yield event(json.dumps({"kind": "closed", "status": self.msg("web.status.closed")},
                               ensure_ascii=False))

