"""The phone page's protocol through Starlette's TestClient: joining, answering, and every kind of
bad request, each refused with a clear message (Dutch, or English for an English session) and
nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.phones import open_room
from casusspel.web.app import COOKIE, Site, create_app
from casusspel.web.guard import RateLimit
from tests.test_controller import FakeClock, kinds, new_session

TEAMS = ("Tafel 1", "Tafel 2")
HOST = "testserver"


class Room:
    """A session at the factors step, its phone page, and a phone (the test client)."""

    def __init__(self, tmp_path: Path, *, teams: tuple[str, ...] = TEAMS, lang: str = "nl",
                 hosts: frozenset[str] | None = None) -> None:
        session = new_session(tmp_path, teams=teams, timer=300)
        if lang != "nl":
            from dataclasses import replace

            session.state = replace(session.state,
                                    started=replace(session.state.started, lang=lang))
        self.clock = FakeClock()
        self.controller = Controller(session, self.clock)
        self.room = open_room(session.folder, teams)
        self.site = Site(self.room, Messages(lang))
        self.site.attach(self.controller)
        self.client = TestClient(create_app(self.site, hosts), base_url=f"http://{HOST}")
        self.headers = {"X-CSRF-Token": self.room.csrf, "Origin": f"http://{HOST}"}

    def join(self, team: str = "Tafel 1", code: str | None = None) -> Any:
        return self.client.post("/api/join", json={"code": code or self.room.code, "team": team},
                                headers=self.headers)

    def answer(self, body: dict[str, Any], **headers: str) -> Any:
        return self.client.post("/api/answer", json=body, headers={**self.headers, **headers})

    def journal(self) -> list[str]:
        return kinds(self.controller.session)


@pytest.fixture
def room(tmp_path: Path) -> Room:
    room = Room(tmp_path)
    room.controller.answer("")  # on to the factors
    return room


def factors(ids: list[str], event_id: str = "phone-0001", case: int = 0) -> dict[str, Any]:
    return {"id": event_id, "case": case, "phase": "factors", "factors": ids}


def test_join_sets_a_private_cookie_and_the_page_follows_the_team(room: Room) -> None:
    page = room.client.get("/")
    assert page.status_code == 200 and 'data-page="join"' in page.text
    assert all(f">{team}</button>" in page.text for team in TEAMS)
    response = room.join(code=room.room.code.lower())
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert room.room.tokens["Tafel 1"] in cookie
    assert "Tafel 1" in room.controller.joined
    played = room.client.get("/")
    assert 'data-page="play"' in played.text and "Tafel 1" in played.text
    state = room.client.get("/api/state")
    assert state.headers["cache-control"] == "no-store"
    view = state.json()
    assert (view["team"], view["kind"], view["phase"]) == ("Tafel 1", "factors", "factors")
    assert view["timer"] == {"left": 300.0, "paused": False}
    assert len(view["factors"]) == 14 and view["answer"] is None


def test_a_qr_link_with_the_right_code_asks_only_for_the_team(room: Room) -> None:
    page = room.client.get(f"/?code={room.room.code}")
    assert 'class="field" hidden' in page.text
    wrong = room.client.get("/?code=XXXXX")
    assert 'class="field" hidden' not in wrong.text and 'value="XXXXX"' in wrong.text
    svg = room.client.get("/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and "<svg" in svg.text


def test_every_response_has_the_security_headers(room: Room) -> None:
    for path in ("/", "/static/phone.js", "/static/phone.css", "/api/state", "/qr.svg"):
        headers = room.client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


def test_the_page_has_no_inline_script_and_nothing_from_elsewhere(room: Room) -> None:
    room.join()
    for path in ("/", "/static/phone.js", "/static/phone.css"):
        text = room.client.get(path).text
        assert "http://" not in text.replace(f"http://{HOST}", "") and "https://" not in text
    html = room.client.get("/").text
    assert "<script>" not in html and "<script src=" in html and "style=" not in html
    script = room.client.get("/static/phone.js").text
    assert ".innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "eval(" not in script and "document.write" not in script


def test_an_answer_is_journaled_once_and_only_the_own_team_is_seen(room: Room) -> None:
    room.join()
    first = room.answer(factors(["taal", "gezin"]))
    assert first.status_code == 200 and first.json()["view"]["answer"] == ["taal", "gezin"]
    again = room.answer(factors(["taal", "gezin"]))  # the same request sent again
    assert again.status_code == 200
    assert room.journal().count("factors_answered") == 1
    room.controller.answer("9")  # Tafel 2 at the keyboard
    view = room.client.get("/api/state").json()
    assert view["phase"] == "action" and view["answer"] is None
    assert "Tafel 2" not in json.dumps(view)  # nothing about another team


@pytest.mark.parametrize(("body", "status"), [
    (factors(["taal"], case=3), 409),  # another case
    ({"id": "phone-0002", "case": 0, "phase": "action", "choice": "a"}, 409),  # wrong phase
    ({"id": "phone-0002", "case": 0, "phase": "reflection", "text": "x"}, 409),
    (factors([]), 409),  # nothing ticked
    (factors(["geen-factor"]), 409),
    ({"id": "phone-0002", "case": 0, "phase": "factors"}, 422),  # no factors
    ({"id": "kort", "case": 0, "phase": "factors", "factors": ["taal"]}, 422),
    ({"id": "phone-0002", "case": "0", "phase": "factors", "factors": ["taal"]}, 422),
    ({**factors(["taal"]), "team": "Tafel 2"}, 422),  # no extra fields: never another team
    ({"id": "phone-0002", "case": 0, "phase": "situation"}, 422),
    ({"id": "phone-0002", "case": 0, "phase": "factors", "factors": ["taal"] * 61}, 422),
])
def test_a_bad_answer_is_refused_with_a_message_and_nothing_is_stored(
        room: Room, body: dict[str, Any], status: int) -> None:
    room.join()
    before = room.journal()
    response = room.answer(body)
    assert response.status_code == status
    message = response.json()["error"]
    assert message and message.endswith(".") and "Traceback" not in message
    assert room.journal() == before


def test_bad_requests_are_refused_before_anything_happens(room: Room) -> None:
    before = room.journal()
    no_team = room.answer(factors(["taal"]))
    assert no_team.status_code == 403 and "kamercode" in no_team.json()["error"]
    assert room.join(code="AAAAA").status_code == 403
    assert "klopt niet" in room.join(code="AAAAA").json()["error"]
    assert room.join(team="Tafel 9").status_code == 404
    assert room.client.get("/api/state").status_code == 403
    room.join()
    assert room.answer(factors(["taal"]), **{"X-CSRF-Token": "fout"}).status_code == 403
    missing = room.client.post("/api/answer", json=factors(["taal"]),
                               headers={"Origin": f"http://{HOST}"})
    assert missing.status_code == 403 and "verouderd" in missing.json()["error"]
    evil = room.answer(factors(["taal"]), Origin="http://evil.example")
    assert evil.status_code == 403 and "niet van de casusspel-pagina" in evil.json()["error"]
    no_origin = room.client.post("/api/answer", json=factors(["taal"]),
                                 headers={"X-CSRF-Token": room.room.csrf})
    assert no_origin.status_code == 403
    malformed = room.client.post("/api/answer", content=b'{"id": "phone-0001", "case"',
                                 headers={**room.headers, "Content-Type": "application/json"})
    assert malformed.status_code == 400 and "niet lezen" in malformed.json()["error"]
    form = room.client.post("/api/answer", data={"id": "x"}, headers=room.headers)
    assert form.status_code == 415
    huge = room.client.post("/api/draft", content=b"x" * 20_000,
                            headers={**room.headers, "Content-Type": "application/json"})
    assert huge.status_code == 413 and "te lang" in huge.json()["error"]
    assert room.client.get("/api/answer").status_code == 405
    assert room.journal() == before


def test_a_reflection_longer_than_five_thousand_characters_is_refused(room: Room) -> None:
    room.join()
    room.answer(factors(["taal"]))
    room.controller.answer("9")  # Tafel 2 at the keyboard
    room.controller.answer("a")
    room.answer({"id": "phone-0003", "case": 0, "phase": "action", "choice": "a"})
    room.controller.answer("")  # all handed in: the trainer closes the step
    assert room.controller.state.phase == "reflection"
    before = room.journal()
    long = {"id": "phone-0004", "case": 0, "phase": "reflection", "text": "x" * 5001}
    assert room.answer(long).status_code == 422
    draft = {**long, "id": "phone-0005"}
    assert room.client.post("/api/draft", json=draft, headers=room.headers).status_code == 422
    assert room.journal() == before
    ok = {**long, "text": "é" * 5000, "id": "phone-0006"}
    assert room.client.post("/api/draft", json=ok, headers=room.headers).status_code == 200
    assert room.controller.state.round.drafts["Tafel 1"] == "é" * 5000


def test_drafts_are_journaled_as_drafts_and_a_resent_draft_once(room: Room) -> None:
    room.join()
    room.answer(factors(["taal"]))
    room.controller.answer("9")
    room.answer({"id": "phone-0002", "case": 0, "phase": "action", "choice": "b"})
    room.controller.answer("a")
    body = {"id": "phone-0003", "case": 0, "phase": "reflection", "text": "Wij vragen"}
    for _ in range(2):
        response = room.client.post("/api/draft", json=body, headers=room.headers)
        assert response.status_code == 200 and "view" not in response.json()
    assert room.journal().count("reflection_drafted") == 1
    assert room.client.get("/api/state").json()["draft"] == "Wij vragen"
    assert "reflection_written" not in room.journal()


def test_too_many_requests_from_one_team_are_slowed_down(tmp_path: Path) -> None:
    room = Room(tmp_path)
    room.controller.answer("")
    now = [0.0]
    room.site.answers = RateLimit(burst=3, rate=1, clock=lambda: now[0])
    room.join()
    codes = [room.answer(factors(["taal"], f"phone-{n:04d}")).status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    slowed = room.answer(factors(["taal"], "phone-0009"))
    assert slowed.headers["retry-after"] == "1" and "rustig" in slowed.json()["error"]
    now[0] += 1.0  # a second later the bucket has one again
    assert room.answer(factors(["taal"], "phone-0010")).status_code == 200
    assert room.journal().count("factors_answered") == 4  # the refused ones stored nothing


def test_guessing_the_room_code_is_slowed_down_per_address(tmp_path: Path) -> None:
    room = Room(tmp_path)
    now = [0.0]
    room.site.joins = RateLimit(burst=5, rate=0.5, clock=lambda: now[0])
    assert all(room.join(team).status_code == 200 for team in TEAMS * 4)  # the room joins
    codes = [room.join(code=f"AAAA{n}").status_code for n in range(7)]
    assert codes == [403] * 5 + [429] * 2
    assert room.join().status_code == 429  # after guessing, even the right code waits
    now[0] += 2.0
    assert room.join().status_code == 200


def test_only_the_hosts_the_server_listens_on_are_served(tmp_path: Path) -> None:
    room = Room(tmp_path, hosts=frozenset({"192.168.1.20:8765"}))
    response = room.client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 421
    assert room.client.get("/", headers={"Host": "192.168.1.20:8765"}).status_code == 200


def test_team_names_and_case_text_are_escaped_on_the_page(tmp_path: Path) -> None:
    room = Room(tmp_path, teams=("<script>alert(1)</script>", "Tafel \u202e2"))
    page = room.client.get("/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    room.join(team="Tafel \u202e2")
    view = room.client.get("/api/state").json()
    assert view["team"] == "Tafel 2"  # a bidi override never reaches the phone


def test_an_english_session_answers_in_english(tmp_path: Path) -> None:
    room = Room(tmp_path, lang="en")
    assert "Join your team" in room.client.get("/").text
    response = room.join(code="AAAAA")
    assert response.json()["error"].startswith("That room code is not right")
    room.join()
    texts = room.client.get("/api/texts").json()
    assert texts["submit"] == "Hand in"


def test_a_phone_that_lost_its_session_is_sent_to_join_again(tmp_path: Path) -> None:
    room = Room(tmp_path)
    room.join()
    room.site.attach(None)  # between the blocks of a programme
    assert room.client.get("/api/state").json()["kind"] == "waiting"
    assert room.answer(factors(["taal"])).status_code == 409
    room.room.tokens.clear()  # a new room: the old cookie no longer counts
    assert room.client.get("/api/state").status_code == 403


def test_phones_following_the_page_carry_over_to_the_next_block(tmp_path: Path) -> None:
    room = Room(tmp_path / "a")
    room.join()
    room.site.follows("Tafel 1", 1)  # a phone's stream opened
    assert room.controller.phones == {"Tafel 1": 1}
    following = Controller(new_session(tmp_path / "b", teams=TEAMS), FakeClock())
    room.site.attach(following)  # the next block of a programme
    assert following.phones == {"Tafel 1": 1} and following.joined == {"Tafel 1"}
    room.site.follows("Tafel 1", -1)
    assert following.phones == {"Tafel 1": 0}


def test_a_phone_hears_at_once_that_the_trainer_took_over(room: Room) -> None:
    room.join()
    room.controller.answer("9", "Tafel 2")  # the keyboard's team first
    assert room.controller.ask().remote
    assert room.client.get("/api/state").json()["kind"] == "factors"
    room.controller.command("takeover")
    view = room.client.get("/api/state").json()
    assert "De trainer vult jullie antwoord" in view["status"]
    refused = room.answer(factors(["taal"]))
    assert refused.status_code == 409 and "op de laptop" in refused.json()["error"]


def test_ticks_reach_the_teams_other_phones_and_are_checked_like_answers(room: Room) -> None:
    room.join()
    body = {"case": 0, "phase": "factors", "add": ["taal"], "remove": [], "start": []}
    response = room.client.post("/api/ticks", json=body, headers=room.headers)
    assert response.status_code == 200 and response.json()["ok"] is True
    # the reply carries the view with the ticks the laptop has now, and that view's version
    assert response.json()["view"]["ticks"] == ["taal"]
    assert response.json()["view"]["version"] == room.controller.changes
    assert room.client.get("/api/state").json()["ticks"] == ["taal"]  # (the view is fresh)
    other = TestClient(create_app(room.site), base_url=f"http://{HOST}")  # a teammate's phone
    other.cookies.set(COOKIE, room.room.tokens["Tafel 1"])
    assert other.get("/api/state").json()["ticks"] == ["taal"]
    stale = room.answer({**factors(["gezin"]), "seen_ticks": [[]]})  # never saw 'taal'
    assert stale.status_code == 409 and "teamgenoot" in stale.json()["error"]
    assert stale.json()["view"]["ticks"] == ["taal"] and room.controller.state.round.factors == {}
    for bad in ({**body, "phase": "reflection"}, {**body, "add": "taal"},
                {**body, "extra": 1}, {**body, "add": ["x"] * 61}):
        refused = room.client.post("/api/ticks", json=bad, headers=room.headers)
        assert refused.status_code == 422 and refused.json()["error"]
    moved = room.client.post("/api/ticks", json={**body, "case": 1}, headers=room.headers)
    assert moved.status_code == 409 and room.client.get("/api/state").json()["ticks"] == ["taal"]
    assert "factors_answered" not in room.journal()
