"""Output on terminals that cannot show every character: degrade, never crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casusspel.ui.console import STAND_INS, _stand_in

REFLECTION = ("In hun cultuur is dat zo. We vroegen door, bouwden vertrouwen op met een tolk "
              "en gingen samen met de moskee in gesprek. Café ✓")


def run(encoding: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "casusspel", *args], capture_output=True,
                          env=env, cwd=cwd, timeout=60)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_score_and_list_degrade_on_a_narrow_encoding(encoding: str, tmp_path: Path) -> None:
    shown: dict[str, str] = {}
    for args in (("score", "--text", REFLECTION), ("list",), ("list", "--coverage")):
        result = run(encoding, *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode(encoding, "replace")
        text = result.stdout.decode(encoding)  # every byte is valid in the narrow encoding
        assert "UnicodeEncodeError" not in result.stderr.decode(encoding, "replace")
        assert text.strip()
        shown[args[0]] = text
    assert "tolk" in shown["score"] and "vroegen door" in shown["score"]


def test_stand_ins_are_themselves_ascii() -> None:
    for char, stand_in in STAND_INS.items():
        assert stand_in.isascii(), char
    assert _stand_in("ë") == "e"
    assert _stand_in("─") == "-" and _stand_in("│") == "|" and _stand_in("┼") == "+"
    assert _stand_in("█") == "#"
    assert _stand_in("漢") == "?"
