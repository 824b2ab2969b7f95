"""30 phones on one laptop: how long from a phone's answer until the projector shows it.

    python benchmarks/phones_load.py [--teams 30] [--phones-per-team 1] [--drafts 10]

The laptop runs in a child process exactly as `play --phones` does: the session controller with
its journal (fsync per event), the phone page (uvicorn in a thread, on 127.0.0.1 only) and a
headless stand-in for the projector: a listener on the controller that hands every change to
its own thread (as the Textual app does with post_message) and there draws the step with the
same rich renderables into an off-screen console. The phones are this process: each follows
the page over server-sent events, types a reflection draft about once a second, and answers
the round (factors, action, reflection) when its screen asks for it. Every request goes to the
loopback address only and the run stops by itself.

Reported: median and p99 of answer -> projector (the phone's time just before it sends the
answer until the stand-in has drawn a screen on which that answer counts), the laptop process's
CPU time and peak memory. Prints one JSON object; exits 1 when p99 is 0.5 s or more.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import queue
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BAR = 0.5
REFLECTION = ("We gingen ervan uit dat de dochter wel kon tolken; dat was onze eigen aanname. "
              "Volgende keer vragen we wat mevrouw zelf wil en regelen we een tolk.")


# -- the laptop (child process) ---------------------------------------------------------------
def laptop(teams: list[str], ready: Any, results: Any, stop: Any) -> None:
    from datetime import datetime
    from io import StringIO

    from rich.console import Console

    from casusspel.content.library import builtin_framework_path, load_case_files, load_framework
    from casusspel.messages import Messages
    from casusspel.session.controller import Controller
    from casusspel.session.folders import create_session
    from casusspel.session.options import SessionOptions
    from casusspel.session.phones import open_room
    from casusspel.ui import screens
    from casusspel.web.server import start

    cases = [(c, p) for c, p in load_case_files() if c.id == "tolk-aan-tafel"]
    session = create_session(Path(tempfile.mkdtemp()), cases, builtin_framework_path(),
                             load_framework(),
                             SessionOptions(teams=tuple(teams), timer_seconds=600),
                             now=datetime.now())
    controller = Controller(session, datetime.now)
    msg = Messages("nl")
    room = open_room(session.folder, tuple(teams))
    page = start(room, msg, controller, host="127.0.0.1", port=0)

    seen: dict[str, float] = {}
    changes: queue.SimpleQueue[int] = queue.SimpleQueue()
    controller.subscribe(lambda state: changes.put(1))  # like the app's post_message
    console = Console(file=StringIO(), width=100, height=30, color_system="truecolor")
    redraws = [0]

    def projector() -> None:
        while True:
            changes.get()
            while True:  # one redraw for a burst of changes, as the app does
                try:
                    changes.get_nowait()
                except queue.Empty:
                    break
            with controller.lock:  # one consistent snapshot, as the app's redraw reads it
                state = controller.state
                ask = controller.ask()
            console.print(screens.phase_view(controller.engine, state, ask, msg, 100))
            console.file.truncate(0)  # type: ignore[attr-defined]
            console.file.seek(0)  # type: ignore[attr-defined]
            applied = state.round.seen
            now = time.monotonic()
            redraws[0] += 1
            for event_id in applied:
                seen.setdefault(event_id.split("-", 1)[-1], now)

    threading.Thread(target=projector, daemon=True).start()
    controller.answer("")  # the trainer starts: factors
    ready.put({"url": page.url, "code": room.code})
    stop.wait()
    page.stop()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results.put({"seen": seen, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                 "peak_rss_mb": usage.ru_maxrss / 1024, "redraws": redraws[0],
                 "phase": controller.state.phase,
                 "reflections": len(controller.state.round.reflections)})


# -- the phones (this process) -----------------------------------------------------------------
class Phone:
    def __init__(self, url: str, code: str, team: str, drafts: int, rng: random.Random,
                 answers: bool = True) -> None:
        import httpx2 as httpx

        self.client = httpx.AsyncClient(base_url=url, timeout=30)
        self.url = url
        self.code = code
        self.team = team
        self.drafts = drafts
        self.rng = rng
        self.sent: dict[str, float] = {}
        self.phase: dict[str, str] = {}
        self.done: set[str] = set()
        self.errors: list[str] = []
        self.answers = answers  # one phone of a team hands in; the others only type along
        self.tasks: list[asyncio.Future[None]] = []

    async def post(self, path: str, body: dict[str, Any]) -> Any:
        import httpx2 as httpx

        try:
            response = await self.client.post(path, json=body, headers=self.headers)
        except httpx.TransportError as exc:
            self.errors.append(f"{path} {type(exc).__name__}")
            return None
        if response.status_code != 200:
            self.errors.append(f"{path} {response.status_code} {response.text[:100]}")
        return response

    async def run(self) -> None:
        import httpx2 as httpx

        try:
            await self.follow()
        except httpx.TransportError as exc:  # the laptop stopped the page: the run is over
            self.errors.append(f"stream: {type(exc).__name__}")
        await asyncio.gather(*self.tasks)

    async def follow(self) -> None:
        page = await self.client.get(f"/?code={self.code}")
        csrf = page.text.split('name="csrf-token" content="')[1].split('"')[0]
        self.headers = {"X-CSRF-Token": csrf, "Origin": self.url.rstrip("/")}
        await self.post("/api/join", {"code": self.code, "team": self.team})
        async with self.client.stream("GET", "/api/events") as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data: "):
                    continue
                view = json.loads(line[6:])
                if view.get("kind") in ("closed", "finished") or view.get("phase") == "reveal":
                    return
                step = f"{view['case_index']}:{view['phase']}"
                if view["kind"] in ("factors", "choice", "reflection") and (
                        step not in self.done and view.get("answer") is None):
                    self.done.add(step)
                    self.tasks.append(asyncio.ensure_future(self.answer(view)))

    async def answer(self, view: dict[str, Any]) -> None:
        await asyncio.sleep(self.rng.uniform(0.2, 2.0))  # the team talks it over
        body: dict[str, Any] = {"case": view["case_index"], "phase": view["phase"]}
        if view["kind"] == "factors":
            body["factors"] = self.rng.sample([f["id"] for f in view["factors"]], 3)
        elif view["kind"] == "choice":
            body["choice"] = self.rng.choice(view["choices"])["id"]
        else:
            text = ""
            for word in REFLECTION.split()[: self.drafts * 3]:
                text += word + " "
                if len(text.split()) % 3 == 0:  # about a second of typing
                    await asyncio.sleep(self.rng.uniform(0.8, 1.2))
                    draft_id = f"d{self.rng.getrandbits(64):016x}"
                    await self.post("/api/draft", {**body, "id": draft_id, "text": text})
            body["text"] = REFLECTION
        if not self.answers:
            return
        event_id = f"a{self.rng.getrandbits(64):016x}"
        self.phase[event_id] = view["phase"]
        self.sent[event_id] = time.monotonic()
        await self.post("/api/answer", {**body, "id": event_id})


async def phones(url: str, code: str, teams: list[str], per_team: int, drafts: int,
                 seconds: float) -> list[Phone]:
    rng = random.Random(13)
    crowd = [Phone(url, code, team, drafts, random.Random(rng.random()), answers=n == 0)
             for team in teams for n in range(per_team)]
    try:
        await asyncio.wait_for(asyncio.gather(*(p.run() for p in crowd)), seconds)
    except asyncio.TimeoutError:
        print(f"stopped after {seconds} s: the round did not finish", file=sys.stderr)
    for phone in crowd:
        await phone.client.aclose()
    return crowd


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


def main() -> int:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=30)
    parser.add_argument("--phones-per-team", type=int, default=1)
    parser.add_argument("--drafts", type=int, default=10, help="drafts per phone")
    parser.add_argument("--seconds", type=float, default=120, help="stop after this long")
    args = parser.parse_args()
    teams = [f"Tafel {n}" for n in range(1, args.teams + 1)]
    context = multiprocessing.get_context("spawn")
    ready, results, stop = context.Queue(), context.Queue(), context.Event()
    child = context.Process(target=laptop, args=(teams, ready, results, stop))
    child.start()
    address = ready.get(timeout=60)
    started = time.monotonic()
    crowd = asyncio.run(phones(address["url"], address["code"], teams, args.phones_per_team,
                               args.drafts, args.seconds))
    elapsed = time.monotonic() - started
    stop.set()
    laptop_side = results.get(timeout=60)
    child.join(timeout=30)
    latencies = [laptop_side["seen"][event_id] - sent
                 for phone in crowd for event_id, sent in phone.sent.items()
                 if event_id in laptop_side["seen"]]
    missing = sum(len(p.sent) for p in crowd) - len(latencies)
    slowest = sorted(((laptop_side["seen"][event_id] - sent, phone.phase[event_id])
                      for phone in crowd for event_id, sent in phone.sent.items()
                      if event_id in laptop_side["seen"]), reverse=True)[:3]
    report = {
        "phones": len(crowd), "teams": len(teams), "answers": len(latencies),
        "answers_not_seen": missing,
        "drafts": sum(args.drafts for _ in crowd), "phones_per_team": args.phones_per_team,
        "answer_to_projector_median_ms": round(statistics.median(latencies) * 1000, 1),
        "answer_to_projector_p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "answer_to_projector_max_ms": round(max(latencies) * 1000, 1),
        "laptop_cpu_seconds": round(laptop_side["cpu_seconds"], 2),
        "laptop_cpu_share": round(laptop_side["cpu_seconds"] / elapsed, 3),
        "laptop_peak_rss_mb": round(laptop_side["peak_rss_mb"], 1),
        "slowest_ms": [f"{phase} {ms * 1000:.0f}" for ms, phase in slowest],
        "projector_redraws": laptop_side["redraws"], "wall_seconds": round(elapsed, 1),
        "final_phase": laptop_side["phase"], "errors": [e for p in crowd for e in p.errors][:5],
    }
    print(json.dumps(report, indent=2))
    return 0 if report["answer_to_projector_p99_ms"] < BAR * 1000 and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
