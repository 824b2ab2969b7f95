"""Commands that draw nothing start without the heavy modules (rich, Textual, the web stack).

``casusspel --help``, ``validate`` and ``score --json`` run on every author's save and in CI;
ruff's TID253 keeps these modules out of module-level imports outside ui/ and web/, and this test
checks what a real start-up actually loads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = ("rich", "textual", "starlette", "uvicorn", "segno", "jinja2", "numpy")
CASE = str(ROOT / "cases" / "tolk-aan-tafel.yaml")
PROBE = """
import json, sys
from casusspel.cli import main
heavy_names = set(json.loads(sys.argv[2]))
sys.argv = ["casusspel", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
heavy = sorted({name.split(".")[0] for name in sys.modules} & heavy_names)
sys.__stderr__.write("LOADED " + json.dumps(heavy) + "\\n")
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["validate", CASE],
                                  ["score", "--text", "Wij vroegen wat zij nodig had.", "--json"]],
                         ids=["help", "version", "validate", "score"])
def test_commands_that_draw_nothing_load_no_heavy_module(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    [line] = [x for x in result.stderr.splitlines() if x.startswith("LOADED ")]
    assert json.loads(line.removeprefix("LOADED ")) == [], result.stderr
    assert result.stdout.strip() or len(result.stderr.splitlines()) > 1  # it did its work


def test_the_probe_sees_a_heavy_module_when_one_is_loaded() -> None:
    """The check above can fail: a command that draws (``list``) does load rich."""
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(["list"]),
                             json.dumps(HEAVY)], capture_output=True, text=True, timeout=60,
                            cwd=ROOT)
    [line] = [x for x in result.stderr.splitlines() if x.startswith("LOADED ")]
    assert "rich" in json.loads(line.removeprefix("LOADED "))


WEB = ("starlette", "uvicorn", "segno", "jinja2")


def test_a_resume_without_phones_loads_no_web_stack(tmp_path: Path) -> None:
    """A session played without phones resumes without importing the phone page's server (a
    third of a second on every resume); one played with phones brings them back (the browser
    tests)."""
    played = subprocess.run(
        [sys.executable, "-m", "casusspel", "play", "--cases", "tolk-aan-tafel", "--teams",
         "Tafel 1,Tafel 2", "--plain", "--session-dir", str(tmp_path)],
        input="/stop\n", capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert played.returncode == 0, played.stderr
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    args = ["resume", folder.name, "--session-dir", str(tmp_path), "--plain"]
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(WEB)],
                            input="", capture_output=True, text=True, timeout=60, cwd=ROOT)
    [line] = [x for x in result.stderr.splitlines() if x.startswith("LOADED ")]
    assert json.loads(line.removeprefix("LOADED ")) == [], result.stderr
    assert "casusspel resume" in result.stdout + result.stderr  # it resumed, then saved
