"""Commands whose output is data (JSON, the schema) unless asked to draw: they import rich
only when they draw, so that ``score --json``, ``calibrate --json`` and ``schema`` start fast
(``tests/test_startup.py``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from casusspel.messages import Messages

MAX_STDIN = 1_000_000  # characters: every read has a cap


def score_command(text: str | None, stdin: TextIO, case: str | None, framework_path: Path | None,
                  *, as_json: bool, explain: bool) -> None:
    """``casusspel score``: one reflection (``text``, or read from ``stdin`` when None) scored
    on the pillars, as a view or as JSON."""
    from casusspel.content.library import find_case, load_framework
    from casusspel.errors import UsageError
    from casusspel.scoring.reflection import score_reflection

    reflection = text if text is not None else stdin.read(MAX_STDIN + 1)
    if len(reflection) > MAX_STDIN:
        msg = Messages()
        raise UsageError(msg("score.stdin_too_long", limit=msg.integer(MAX_STDIN)))
    chosen = load_framework(framework_path)
    found = find_case(case) if case else None
    result = score_reflection(reflection, chosen, found.reflection.indicators if found else None,
                              found.reflection.stereotypes if found else ())
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(explain=explain), ensure_ascii=False) + "\n")
        return
    from casusspel.ui.console import make_console
    from casusspel.ui.scoring_view import reflection_view

    make_console().print(reflection_view(reflection, result, chosen))


def calibrate_command(file: Path, framework_path: Path | None, *, as_json: bool) -> None:
    """``casusspel calibrate``: every labelled item is checked before the first is scored."""
    from casusspel.content.calibration import calibrate, iter_labelled
    from casusspel.content.library import load_framework

    chosen = load_framework(framework_path)
    for _ in iter_labelled(file):
        pass
    result = calibrate(iter_labelled(file), chosen)
    if as_json:
        payload = result.to_json(with_items=True)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    from casusspel.ui.console import make_console
    from casusspel.ui.scoring_view import calibration_table

    make_console().print(calibration_table(result, chosen))


# -- schema --------------------------------------------------------------------------------------
def schema_command(framework_path: Path | None, *, vscode: bool) -> None:
    """``casusspel schema``: the JSON Schema on stdout, or (``--vscode``) the editor settings."""
    from casusspel.content.library import load_framework

    if vscode:
        from casusspel.ui.author import write_vscode_settings
        from casusspel.ui.console import make_console

        write_vscode_settings(Path.cwd(), make_console(), framework_path)
        return
    from casusspel.content.schema import schema_text

    sys.stdout.write(schema_text(load_framework(framework_path)))
