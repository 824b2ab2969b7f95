"""A scripted group session over the whole built-in deck; prints peak RSS (MB) as JSON.

Runs the real play loop in this process with four teams, every case and every phase. The
scripted prompter answers each question the way a group would (factors, an action, a two-line
reflection, Enter to go on).
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import datetime
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casusspel.ui.prompts import Prompter

REFLECTION = ["We gingen ervan uit dat hij ons begreep; dat was onze eigen aanname.",
              "We vroegen door en regelden samen met de buurvrouw een tolk.", ""]


class ScriptedPrompter(Prompter):
    """Answers by looking at the prompt it was about to show."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.reader = self._answer
        self.prompt = ""
        self.queue: list[str] = []

    def show_prompt(self, prompt: str) -> None:
        super().show_prompt(prompt)
        self.prompt = prompt.lower()

    def _answer(self) -> str:
        if self.queue:
            return self.queue.pop(0)
        if self.prompt.endswith("welke factoren?"):
            return "1 9 12"
        if "welke aanpak?" in self.prompt:
            return "b"
        if self.prompt.endswith("jullie reflectie"):
            self.queue = REFLECTION[1:]
            return REFLECTION[0]
        return ""


def main() -> None:
    from benchmarks.bytecode import ensure_bytecode

    ensure_bytecode()
    from casusspel.content.library import builtin_framework_path, load_case_files, load_framework
    from casusspel.messages import Messages
    from casusspel.session.controller import Controller
    from casusspel.session.folders import create_session
    from casusspel.session.options import SessionOptions
    from casusspel.ui.console import make_console
    from casusspel.ui.plain import PlainSession

    folder = Path(tempfile.mkdtemp())
    session = create_session(folder, load_case_files(), builtin_framework_path(),
                             load_framework(),
                             SessionOptions(teams=("Tafel 1", "Tafel 2", "Tafel 3", "Tafel 4")),
                             now=datetime.now())
    console = make_console(StringIO(), width=100)
    messages = Messages()
    PlainSession(Controller(session, datetime.now), console, ScriptedPrompter(console, messages),
                 messages).run()
    if not session.state.finished:
        raise SystemExit(f"session did not finish: stuck in {session.state.phase}")
    from benchmarks.memory import peak_mb

    print(json.dumps({"peak_mb": peak_mb(), "events": session.journal.next_seq - 1}))


if __name__ == "__main__":
    main()
