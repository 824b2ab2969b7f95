"""Running the phone page in the trainer's process: uvicorn in a background thread.

The server gets its own thread and event loop, so the terminal (the Textual app or the plain
front end) keeps its own; both drive the one session controller, which takes a lock. It binds to
the laptop's address on the local network, never to every interface unless asked with
``--host 0.0.0.0``, and only when ``--phones`` is given. It stops when the session ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
import threading
from dataclasses import dataclass

import uvicorn

from casusspel.errors import UsageError
from casusspel.messages import Messages
from casusspel.session.controller import Controller
from casusspel.session.phones import Room
from casusspel.web.app import Site, create_app

DEFAULT_PORT = 8765
PORTS_TRIED = 10
STARTUP_SECONDS = 10.0


def lan_address() -> str | None:
    """The address other devices on the local network reach this laptop at, or None.

    A UDP socket 'connected' to an address outside this machine makes the system pick the
    outgoing interface; no packet is sent.
    """
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): documentation only, never used
        address = str(s.getsockname()[0])
        if not address.startswith(("127.", "0.")):
            return address
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if not address.startswith(("127.", "0.")):
                return address
    return None


def bind(host: str, port: int | None, remembered: int | None) -> socket.socket:
    """A listening socket: ``port`` if given (an error when it is taken), else the port this
    room used before (so phones reconnect after a resume), else the first free one from
    ``DEFAULT_PORT``."""
    if port is not None:
        candidates = [port]
    else:
        start = remembered or DEFAULT_PORT
        candidates = [start, *(p for p in range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED)
                               if p != start)]
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    for candidate in candidates:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
            sock.listen(128)
            sock.setblocking(False)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    if last is not None and last.errno == errno.EADDRNOTAVAIL:
        raise UsageError(Messages()("phones.host_not_here", host=host))
    which = str(port) if port is not None else f"{candidates[0]}-{candidates[-1]}"
    raise UsageError(Messages()("phones.port_taken", port=which, host=host))


@dataclass
class PhoneServer:
    """A running phone page: its address, and how to switch sessions and stop it."""

    site: Site
    url: str
    host: str
    port: int
    server: uvicorn.Server
    thread: threading.Thread
    #: said on the terminal when phones cannot reach the page (no network found)
    warning: str = ""

    @property
    def code(self) -> str:
        return self.site.room.code

    @property
    def join_url(self) -> str:
        return f"{self.url}?code={self.site.room.code}"

    def attach(self, controller: Controller | None) -> None:
        self.site.attach(controller)

    def stop(self) -> None:
        """End every phone's stream and the server (waits a few seconds at most). The phones
        keep their screen and what was typed on it, and come back when a page starts again."""
        self.site.hub.close()
        self.site.detach()
        self.server.should_exit = True
        self.thread.join(timeout=5)


def start(room: Room, msg: Messages, controller: Controller | None = None, *,
          host: str | None = None, port: int | None = None) -> PhoneServer:
    """Start the phone page for ``room`` (and ``controller``) in a background thread: on
    ``host`` and ``port``, else where the room's phones knew it (a resumed session), else on
    the laptop's own address and a free port."""
    found = host or room.host or lan_address()
    chosen = found or "127.0.0.1"
    sock = bind(chosen, port, room.port)
    bound_port = int(sock.getsockname()[1])
    room.remember_port(bound_port, host or room.host)  # a resume without --host keeps it
    shown = f"[{chosen}]" if ":" in chosen else chosen
    url = f"http://{shown}:{bound_port}/"
    site = Site(room, msg)
    site.join_url = f"{url}?code={room.code}"
    wildcard = chosen in ("0.0.0.0", "::")
    hosts = None if wildcard else frozenset({f"{shown}:{bound_port}", shown}
                                            | ({f"localhost:{bound_port}"}
                                               if chosen.startswith("127.") else set()))
    config = uvicorn.Config(create_app(site, hosts), log_level="warning", access_log=False,
                            lifespan="off", http="h11", ws="none", loop="asyncio",
                            timeout_graceful_shutdown=2, server_header=False)
    server = uvicorn.Server(config)
    ready = threading.Event()

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        site.hub.bind(loop)
        loop.call_soon(ready.set)
        try:
            loop.run_until_complete(server.serve(sockets=[sock]))
        finally:
            ready.set()
            loop.close()
            sock.close()  # ours: older uvicorn leaves a socket it was given open

    thread = threading.Thread(target=serve, name="casusspel-telefoons", daemon=True)
    thread.start()
    ready.wait(STARTUP_SECONDS)
    site.attach(controller)
    return PhoneServer(site, url, chosen, bound_port, server, thread,
                       "" if found else msg("phones.no_network"))
