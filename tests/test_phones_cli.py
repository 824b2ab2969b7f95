"""`--phones` on the command line: when it is refused, and a programme sharing one page."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.journal import read_journal
from casusspel.session.phones import ROOM_FILE, Room

runner = CliRunner()


def test_host_and_port_belong_to_phones(tmp_path: Path) -> None:
    result = runner.invoke(app, ["play", "--demo", "--teams", "A", "--host", "0.0.0.0",
                                 "--session-dir", str(tmp_path)])
    assert result.exit_code == 2 and "--host en --port horen bij --phones" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("mode", ["plenary", "solo"])
def test_phones_are_for_group_mode_only(tmp_path: Path, mode: str) -> None:
    result = runner.invoke(app, ["play", "--demo", "--mode", mode, "--phones",
                                 "--session-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "Telefoons werken alleen in de groepsvorm" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was started


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "Poort {port} is bezet op 127.0.0.1. Kies een andere met --port."),
    ("en", "Port {port} is taken on 127.0.0.1. Choose another one with --port.")])
def test_a_taken_port_is_a_clear_error(tmp_path: Path, lang: str, said: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["play", "--cases", "tolk-aan-tafel", "--teams", "A",
                                     "--phones", "--host", "127.0.0.1", "--port", str(port),
                                     "--session-dir", str(tmp_path), "--plain", "--lang", lang],
                               input="")
    assert result.exit_code == 2
    assert said.format(port=port) in result.stderr
    assert "Traceback" not in result.output


class StandInPage:
    def __init__(self, room: Room, msg: Messages, controller: Controller | None) -> None:
        self.room = room
        self.url = "http://127.0.0.1:8765/"
        self.warning = ""
        self.attached: list[str] = []
        self.stopped = False
        assert controller is None  # a programme's page starts before any block
        PAGES.append(self)

    @property
    def code(self) -> str:
        return self.room.code

    @property
    def join_url(self) -> str:
        return f"{self.url}?code={self.code}"

    def attach(self, controller: Controller | None) -> None:
        self.attached.append(controller.state.mode if controller else "-")

    def stop(self) -> None:
        self.stopped = True


PAGES: list[StandInPage] = []
PROGRAMME = """\
title: Dag met telefoons
teams: [Tafel 1, Tafel 2]
blocks:
  - cases: [brief-van-de-gemeente]
    mode: plenary
  - cases: [tolk-aan-tafel]
"""


def test_a_programme_keeps_one_page_for_the_day(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import casusspel.web.server

    monkeypatch.setattr(casusspel.web.server, "start", lambda room, msg, controller, **_: (
        StandInPage(room, msg, controller)))
    programme = tmp_path / "dag.yaml"
    programme.write_text(PROGRAMME, encoding="utf-8")
    plenary = ["", "5", "2", "1", "0", "", "", ""]
    group = ["", "12", "9", "b", "b", "Tekst", "Tekst", "", "", "a", "a", ""]
    result = runner.invoke(app, ["play", str(programme), "--phones", "--session-dir",
                                 str(tmp_path / "s")], input="\n".join(plenary + group) + "\n")
    assert result.exit_code == 0, result.output
    [page] = PAGES
    assert page.attached == ["group", "-"]  # phones wait during the plenary block
    assert page.stopped
    assert "Telefoons: http://127.0.0.1:8765/ · kamercode" in result.output
    [run] = [p for p in (tmp_path / "s").iterdir() if p.name.endswith("-programma")]
    assert (run / ROOM_FILE).is_file() and page.room.teams == ("Tafel 1", "Tafel 2")


def test_the_resume_hint_of_a_phone_session_brings_the_phones_back(tmp_path: Path) -> None:
    """The exact printed command resumes with the phones on the port they know (issue: it left
    out --phones and the phones stayed on "Geen verbinding")."""
    from casusspel.session.folders import resume_command
    from casusspel.session.phones import open_room
    from casusspel.ui.ending import resume_hint
    from tests.test_controller import new_session

    session = new_session(tmp_path)
    try:
        folder = session.folder
        assert "--phones" not in resume_command(folder)  # played without phones
        open_room(folder, session.state.teams).remember_port(8765)
        hint = resume_hint(session, Messages("nl"))
        assert f"casusspel resume {folder.name} --phones --port 8765" in hint
        open_room(folder, session.state.teams).remember_port(8765, "127.0.0.1")
        assert resume_command(folder).startswith(
            f"casusspel resume {folder.name} --phones --host 127.0.0.1 --port 8765")
        (folder / ROOM_FILE).write_text("{kapot", encoding="utf-8")
        assert resume_command(folder).startswith(f"casusspel resume {folder.name} --phones")
    finally:
        session.close()


def test_a_resume_without_host_keeps_the_host_the_phones_know(tmp_path: Path) -> None:
    """A page started with --host and resumed without it listens there again, and the room
    still remembers the host for the next resume hint (a review: it was saved as null)."""
    from casusspel.session.phones import open_room
    from casusspel.web.server import start

    room = open_room(tmp_path, ("Tafel 1", "Tafel 2"))
    first = start(room, Messages("nl"), None, host="127.0.0.1", port=0)
    first.stop()
    again = open_room(tmp_path, ("Tafel 1", "Tafel 2"))
    second = start(again, Messages("nl"), None)
    try:
        assert again.host == "127.0.0.1"
        assert open_room(tmp_path, ("Tafel 1", "Tafel 2")).host == "127.0.0.1"  # on disk too
    finally:
        second.stop()


def test_a_stopped_phone_page_lets_go_of_its_port(tmp_path: Path) -> None:
    """After stop nothing listens any more: the listening socket is closed by us, whatever the
    uvicorn version does with a socket it was given (the lowest supported one left it open)."""
    from casusspel.session.phones import open_room
    from casusspel.web.server import start

    page = start(open_room(tmp_path, ("Tafel 1",)), Messages("nl"), None, host="127.0.0.1",
                 port=0)
    socket.create_connection(("127.0.0.1", page.port), timeout=5).close()  # it listened
    page.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", page.port), timeout=5)


class Killed(Exception):
    """What the test makes of a SIGTERM that reaches no handler of casusspel's (which would
    otherwise end the test's own process)."""


def test_sigterm_while_the_phone_page_starts_saves_and_stops(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGTERM while the phone page starts (line by line, before the first screen): the first
    prompt saves the session (paused) and stops, exit code 0, nothing read. It used to end the
    process at once (its default action), the session left as if it had crashed."""
    import signal

    import casusspel.web.server

    class Page(StandInPage):
        def __init__(self, room: Room, msg: Messages, controller: Controller | None) -> None:
            super().__init__(room, msg, None)
            signal.raise_signal(signal.SIGTERM)  # the page takes a moment to start

    def killed(signum: int, frame: object) -> None:
        raise Killed

    monkeypatch.setattr(casusspel.web.server, "start", lambda room, msg, controller, **_: (
        Page(room, msg, controller)))
    monkeypatch.setattr(f"{__name__}.PAGES", [])  # (the programme's test counts its pages)
    before = signal.signal(signal.SIGTERM, killed)
    try:
        result = runner.invoke(app, ["play", "--cases", "tolk-aan-tafel", "--teams", "A,B",
                                     "--phones", "--session-dir", str(tmp_path)], input="9\n")
    finally:
        signal.signal(signal.SIGTERM, before)
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "casusspel resume" in result.output and PAGES[-1].stopped
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    events, _ = read_journal(folder / "journal.jsonl")
    assert [e.type for e in events] == ["session_started", "session_paused"]
