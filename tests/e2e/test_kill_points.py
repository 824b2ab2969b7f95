"""SIGKILL at every input line of a scripted round (with a stage), then resume: nothing is lost.

One scripted 2-team session over ``tolk-aan-tafel`` (situation, factors, action, multi-line
reflection, reveal, discussion with an override and a reconsideration, stage, stage reveal).
The process is killed with SIGKILL after input line N, for every N; after each kill the journal
must hold every acknowledged answer exactly once, and ``casusspel resume`` must show the prompt
of the step where the kill happened. Finishing the resumed session must work.

To stay fast the kills are chained: play to kill point 1, kill, resume, play on to kill point 2,
kill, resume, ... Two chains (even and odd kill points) each end by finishing the session.
"""

from __future__ import annotations

import json
import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from casusspel.session.journal import read_journal
from tests import zygote
from tests.conftest import ROOT

MORE = "Enter voor meer"
# A prompt as the Prompter prints it: the (bold) prompt text, then " › " (bold cyan).
PROMPT = re.compile(r"\n(?:\x1b\[[0-9;]*m)*([^\x1b\r\n]+?)(?:\x1b\[[0-9;]*m)* › ")
MENU = "Enter = verder · s = score aanpassen"
CONTINUE = "Enter = verder"
ANSWER_TYPES = ("factors_answered", "action_chosen", "reflection_written", "score_overridden",
                "action_reconsidered")

Answer = tuple[object, ...]


@dataclass(frozen=True)
class Step:
    """One typed line: the prompt it answers (None: a further line of a reflection), the line,
    the answer it commits to the journal (if any), the text that acknowledges it on screen, and
    the index of the step whose prompt a resume shows when the process is killed right after."""

    prompt: str | None
    line: str
    resume_at: int
    answer: Answer | None = None
    ack: str | None = None


R1 = ("We regelen een professionele tolk.", "En we vragen Noor apart hoe het met haar gaat.")
R2 = ("In hun cultuur [bold]tolken[/] kinderen.", "Daar gaan we samen over in gesprek.",
      "Met het netwerk van het gezin.")

STEPS: list[Step] = [
    Step(CONTINUE, "", 1),                                                          # 0 situation
    Step("Tafel 1: welke factoren?", "12 13 9", 2,
         ("factors_answered", "Tafel 1", ("taal", "gezin", "armoede")),
         "Tafel 1 heeft geantwoord ✓"),
    Step("Tafel 2: welke factoren?", "12 7", 3,
         ("factors_answered", "Tafel 2", ("taal", "levensfase")), "Tafel 2 heeft geantwoord ✓"),
    Step("Tafel 1: welke aanpak?", "b", 4,
         ("action_chosen", "Tafel 1", "b"), "Tafel 1 heeft geantwoord ✓"),  # 3
    Step("Tafel 2: welke aanpak?", "c", 5,
         ("action_chosen", "Tafel 2", "c"), "Tafel 2 heeft geantwoord ✓"),  # 4
    # every reflection line is journaled as a draft: a kill after it resumes on the next line
    Step("Tafel 1: jullie reflectie", R1[0], 6),                                    # 5 line 1
    Step(None, R1[1], 7),                                                           # 6 line 2
    Step(None, "", 8, ("reflection_written", "Tafel 1", "\n".join(R1)),
         "Tafel 1 heeft geantwoord ✓"),                                                # 7 end
    Step("Tafel 2: jullie reflectie", R2[0], 9),                                    # 8 line 1
    Step(None, R2[1], 10),                                                          # 9 line 2
    Step(None, R2[2], 11),                                                          # 10 line 3
    Step(None, "", 12, ("reflection_written", "Tafel 2", "\n".join(R2)),
         "Tafel 2 heeft geantwoord ✓"),                                                # 11 end
    Step(CONTINUE, "", 13),                                                         # 12 reveal
    Step(MENU, "s", 13),                                                            # 13 override
    Step("Welk team?", "2", 13),                                                    # 14
    Step("4 = Netwerk (nu", "2", 13),  # one pillar a line: the last of the menu      # 15
    Step("Nieuwe score", "1", 13),                                                  # 16
    Step("Waarom pas je de score aan?", "eerlijk besproken", 18,
         ("score_overridden", "Tafel 2", "leefwereld", 1, "eerlijk besproken"),
         "Score aangepast"),                                                        # 17
    Step(MENU, "h", 18),                                                            # 18 reconsider
    Step("Welk team?", "2", 18),                                                    # 19
    Step("Tafel 2: welke aanpak?", "b", 21,
         ("action_reconsidered", "Tafel 2", "b"), "Tafel 2 kiest nu"),              # 20
    Step(MENU, "", 22),                                                             # 21 -> stage
    Step("Tafel 1: welke aanpak?", "a", 23,
         ("action_chosen", "Tafel 1", "a"), "Tafel 1 heeft geantwoord ✓"),  # 22 stage
    Step("Tafel 2: welke aanpak?", "c", 24,
         ("action_chosen", "Tafel 2", "c"), "Tafel 2 heeft geantwoord ✓"),  # 23 stage
    Step(CONTINUE, "", 25),                                                         # 24 reveal
]
END = len(STEPS)


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    # --plain: these tests read the line-based front end (the full-screen app has its own)
    return zygote.spawn([*args, "--plain"], cwd=str(ROOT), env=env,
                        dimensions=(24, 80), encoding="utf-8", timeout=20)


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def next_prompt(child: pexpect.spawn) -> tuple[str, str]:
    """The next prompt, as plain text of its last three screen lines (a long prompt wraps at 80
    columns), paging through '— Enter voor meer —'; and all output before it."""
    seen = ""
    while True:
        child.expect(PROMPT)
        seen += child.before
        tail = ANSI.sub("", child.before[-400:] + child.match.group(0)).replace("\r", "")
        region = tail.split("›")[-2]  # after the previous prompt, if that is in the tail
        text = " ".join(line.strip() for line in region.split("\n")[-3:])
        if MORE in text:
            child.sendline("")
            continue
        return text, seen


def shown_prompt(index: int) -> str:
    """The prompt on screen at step ``index``: a further reflection line is typed under the
    reflection's prompt (after a resume, below the draft so far)."""
    while STEPS[index].prompt is None:
        index -= 1
    return str(STEPS[index].prompt)


def expect_step(child: pexpect.spawn, index: int) -> str:
    """Wait for the prompt of step ``index`` and check it is the one expected; returns output."""
    text, seen = next_prompt(child)
    expected = shown_prompt(index)
    assert expected in text, f"step {index}: expected {expected!r}, got {text!r}"
    if expected == CONTINUE:
        assert MENU not in text, f"step {index}: got the discussion menu"
    assert "Traceback" not in seen
    return seen


def play_steps(child: pexpect.spawn, start: int, stop: int) -> None:
    """Type steps start..stop (inclusive); the prompt of ``start`` has already been seen."""
    for index in range(start, stop + 1):
        step = STEPS[index]
        child.sendline(step.line)
        following = index + 1
        if following < END and STEPS[following].prompt is None:
            wait_for_draft(child, step.line)  # no prompt in between: the journal shows it
            continue
        if following == END:
            child.expect("Sessie opgeslagen in")
            child.expect(pexpect.EOF)
            assert "Traceback" not in child.before
            return
        seen = expect_step(child, following)
        if step.ack:
            assert step.ack in seen, f"step {index}: no {step.ack!r} on screen"


def wait_for_draft(child: pexpect.spawn, line: str) -> None:
    """Until the reflection line typed last is in the journal as part of a draft."""
    folder = Path(child.args[-2].decode() if isinstance(child.args[-2], bytes) else
                  child.args[-2])
    for _ in range(2000):
        journals = list(folder.glob("*/journal.jsonl"))
        if journals and any(json.loads(raw).get("type") == "reflection_drafted"
                            and json.loads(raw)["text"].endswith(line)
                            for raw in journals[0].read_text(encoding="utf-8").splitlines()
                            if raw.strip()):
            return
        child.expect([pexpect.TIMEOUT], timeout=0.01)
    raise AssertionError(f"draft {line!r} never journaled")


def kill(child: pexpect.spawn) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.close()


def journal_answers(folder: Path) -> tuple[list[Answer], list[int], list[str], list[str]]:
    events, warnings = read_journal(folder / "journal.jsonl")
    answers: list[Answer] = []
    for event in events:
        data = event.to_json()
        if data["type"] not in ANSWER_TYPES:
            continue
        if data["type"] == "factors_answered":
            answers.append(("factors_answered", data["team"], tuple(data["factors"])))
        elif data["type"] == "reflection_written":
            answers.append(("reflection_written", data["team"], data["text"]))
        elif data["type"] == "score_overridden":
            answers.append(("score_overridden", data["team"], data["pillar"], data["score"],
                            data["reason"]))
        else:
            answers.append((data["type"], data["team"], data["choice_id"]))
    return answers, [e.seq for e in events], [e.type for e in events], warnings


def run_chain(tmp_path: Path, kill_points: list[int]) -> None:
    """Kill after each point in ``kill_points`` (index of the last typed line; -1 = before
    any input), resume, and finally finish the session."""
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--session-dir", str(tmp_path))
    expect_step(child, 0)
    position = 0  # the step whose prompt is on screen (or whose line comes next)
    resumes = 0
    for point in kill_points:
        assert point >= position - 1
        if point >= position:
            play_steps(child, position, point)
        kill(child)
        [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
        answers, seqs, kinds, warnings = journal_answers(folder)
        expected = [s.answer for s in STEPS[:point + 1] if s.answer is not None]
        assert answers == expected, f"after killing at line {point}"
        assert seqs == list(range(1, len(seqs) + 1)), f"seq not 1..n after line {point}: {seqs}"
        assert warnings == []
        assert kinds.count("session_resumed") == resumes
        assert "session_ended" not in kinds

        child = spawn("resume", folder.name, "--session-dir", str(tmp_path))
        resumes += 1
        position = STEPS[point].resume_at if point >= 0 else 0
        expect_step(child, position)
    play_steps(child, position, END - 1)
    child.close()
    assert child.exitstatus == 0

    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    answers, seqs, kinds, warnings = journal_answers(folder)
    assert answers == [s.answer for s in STEPS if s.answer is not None]
    assert seqs == list(range(1, len(seqs) + 1))
    assert warnings == []
    assert kinds.count("session_resumed") == resumes
    assert kinds[-1] == "session_ended"
    assert (folder / "verslag.md").is_file()


def test_script_covers_every_kind_of_step() -> None:
    kinds = {s.prompt.split(":")[-1].strip() if s.prompt else "reflection-line" for s in STEPS}
    assert {"welke factoren?", "welke aanpak?", "jullie reflectie", "reflection-line",
            CONTINUE, MENU, "Waarom pas je de score aan?"} <= kinds
    for index, step in enumerate(STEPS):
        # a kill never moves a resume past the next step, nor back past an unanswered step
        assert step.resume_at <= index + 1
        assert all(s.answer is None for s in STEPS[step.resume_at:index + 1]) or \
            step.resume_at == index + 1


@pytest.mark.slow
def test_kill_at_every_even_line_then_resume(tmp_path: Path) -> None:
    # -1: at the situation, before any input; then every other typed line, including line 6
    # (between the two lines of Tafel 1's reflection) and 10 (between lines of Tafel 2's).
    points = [-1, *range(0, END - 1, 2)]
    assert len(points) >= 12
    run_chain(tmp_path, points)


@pytest.mark.slow
def test_kill_at_every_odd_line_then_resume(tmp_path: Path) -> None:
    # 5 and 9: after the first line of a reflection; 13-16: inside the override dialogue.
    points = list(range(1, END - 1, 2))
    assert len(points) >= 12
    run_chain(tmp_path, points)


@pytest.mark.slow
def test_kill_without_waiting_for_the_screen_never_duplicates(tmp_path: Path) -> None:
    """Kill right after typing an answer (no wait for the acknowledgement): the answer is in the
    journal at most once, and resume shows either the same step or the next one."""
    child = spawn("play", "--cases", "tolk-aan-tafel", "--teams", "Tafel 1,Tafel 2",
                  "--session-dir", str(tmp_path))
    expect_step(child, 0)
    play_steps(child, 0, 0)
    resumes = 0
    for index in (1, 2, 3):
        child.sendline(STEPS[index].line)
        kill(child)
        [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
        answers, seqs, kinds, warnings = journal_answers(folder)
        before = [s.answer for s in STEPS[:index] if s.answer is not None]
        assert answers in (before, [*before, STEPS[index].answer]), answers
        assert all("half geschreven" in w for w in warnings)
        assert seqs == sorted(set(seqs))
        child = spawn("resume", folder.name, "--session-dir", str(tmp_path))
        resumes += 1
        expect_step(child, index + 1 if len(answers) > len(before) else index)
        if len(answers) == len(before):
            play_steps(child, index, index)
    child.sendline("/stop")
    child.expect("casusspel resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
