"""Issue #19: every reflection scored once per session state, replay and loading linear.

No wall-clock bounds: the scorer's calls are counted, and growth is compared as a ratio of
operation counts or of times measured side by side in the same process.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from benchmarks.journal_events import builtin_engine, events_after, write_session
from benchmarks.report_session import long_reflections
from casusspel.content.casetest import next_event
from casusspel.content.library import load_framework
from casusspel.messages import Messages
from casusspel.reports import FORMATS, build_report, render
from casusspel.scoring import reflection as scorer
from casusspel.session.engine import DISCUSSION, Engine, EngineError, Round, SessionState
from casusspel.session.events import (
    ReflectionWritten,
    ScoreOverridden,
    SessionStarted,
)
from casusspel.session.folders import JOURNAL, open_session
from casusspel.session.journal import JournalError, encode_line, read_journal
from casusspel.session.options import Mode
from casusspel.session.persistent import IdSet, Log, evolve, update
from casusspel.session.scores import ScoreCache
from casusspel.ui import screens
from tests.conftest import builtin_cases

CASES = {c.id: c for c in builtin_cases()}
FRAMEWORK = load_framework()
TEAMS = tuple(f"Tafel {n}" for n in range(1, 5))


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the scorer really scored, in order (a counting wrapper around it)."""
    calls: list[str] = []
    real = scorer.score_reflection

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(scorer, "score_reflection", counting)
    return calls


def play(engine: Engine, case_ids: tuple[str, ...], texts: list[str],
         on_state: Callable[[SessionState], object] = lambda s: None,
         override_in: str | None = None) -> SessionState:
    """A whole group session; ``on_state`` sees every state (as a screen redrawing would)."""
    state = engine.start(SessionStarted(session_id="s", created="", version="t", mode=Mode.GROUP,
                                        teams=TEAMS, case_ids=case_ids))
    pool = iter(texts)
    while not state.finished:
        if state.phase == DISCUSSION and state.case_id == override_in and not any(
                state.round.overrides):
            state = engine.apply(state, ScoreOverridden(team=TEAMS[0], pillar="netwerk",
                                                        score=3, reason="goed gesprek"))
        event = next_event(engine, state, lambda options: options[-1].id)
        if isinstance(event, ReflectionWritten):
            event = replace(event, text=next(pool))
        state = engine.apply(state, event)
        on_state(state)
    return state


def draw_everything(engine: Engine, state: SessionState) -> None:
    """What a session shows and writes: reveal, scoreboard, report in every format."""
    console = Console(file=io.StringIO(), width=100)
    msg = Messages()
    console.print(screens.scoreboard_view(engine, state, msg, 100))
    for _ in range(3):
        engine.results(state)
        engine.totals(state)
        for team in state.teams:
            engine.pillar_profile(state, team)
    for fmt in FORMATS:
        render(build_report(engine, state), fmt)


def test_each_reflection_is_scored_once_however_often_it_is_shown(scored: list[str]) -> None:
    case_ids = tuple(CASES)[:3]
    texts = long_reflections(len(TEAMS) * len(case_ids), low=40, high=80)
    engine = Engine(CASES, FRAMEWORK)
    state = play(engine, case_ids, texts, override_in=case_ids[1],
                 on_state=lambda s: (engine.totals(s), engine.results(s),
                                     [engine.pillar_profile(s, t) for t in TEAMS]))
    draw_everything(engine, state)
    assert sorted(scored) == sorted(texts)  # every text once, none twice
    assert engine.scores.calls == len(texts)


def test_cached_results_equal_scoring_afresh(scored: list[str]) -> None:
    case_ids = tuple(CASES)[:2]
    texts = long_reflections(len(TEAMS) * len(case_ids), seed=3, low=40, high=80)
    engine = Engine(CASES, FRAMEWORK)
    state = play(engine, case_ids, texts, override_in=case_ids[0])
    cached = [engine.results(state, i) for i in range(len(case_ids))]
    fresh = Engine(CASES, FRAMEWORK)
    assert [fresh.results(state, i) for i in range(len(case_ids))] == cached
    report = build_report(engine, state).to_json()
    assert build_report(Engine(CASES, FRAMEWORK), state).to_json() == report
    overridden = report["cases"][0]["teams"][0]["reflection"]["pillars"]["netwerk"]
    assert overridden["score"] == 3 and overridden["override"]["reason"] == "goed gesprek"


def test_the_cache_is_keyed_by_text_and_case_content_and_bounded(scored: list[str]) -> None:
    plain, own = list(CASES.values())[:2]
    assert plain.reflection.indicators != own.reflection.indicators
    cache = ScoreCache(FRAMEWORK, size=3)
    text = "We vroegen door naar wat zij zelf wil; samen met de school."
    assert cache(text, plain.reflection) is cache(text, plain.reflection)
    copy = plain.reflection.model_copy(deep=True)
    assert cache(text, copy) is cache(text, plain.reflection)  # the content counts, not the object
    assert len(scored) == 1
    cache(text, own.reflection)  # other case indicators: scored again
    assert len(scored) == 2
    for n in range(5):
        cache(f"Tekst {n}: we vroegen door.", plain.reflection)
    assert len(cache._scores) == 3  # bounded: the oldest went
    cache(text, plain.reflection)
    assert len(scored) == 8


# -- loading (point 2) ---------------------------------------------------------------------------
def calls_during(action: Callable[[], object]) -> int:
    """How many functions (Python and C) ``action`` calls: a count of work that the machine's
    load does not change, so growth can be compared at small sizes."""
    import sys

    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


def test_loading_grows_linearly_with_the_journal(tmp_path: Path) -> None:
    """Opening a session (read, verify, replay) does the same work for every further thousand
    events: the calls made for events 2,001-3,000 are as many as for 1,001-2,000 (measured:
    equal within 0.5%). A replay that redoes earlier events, a read per event of the journal or
    of a case file, or a check over all earlier rounds per event makes each thousand cost more.
    Counted calls, not seconds: the same on a busy machine, so small journals suffice. Times
    for 1,000 to 100,000 events (also copying that happens inside one C call) are measured in
    benchmarks/journal_scale.py."""
    import shutil

    full = write_session(tmp_path / "full", 3_000)
    lines = (full / JOURNAL).read_bytes().splitlines(keepends=True)
    calls = []
    for size in (1_000, 2_000, 3_000):
        folder = tmp_path / str(size)
        shutil.copytree(full, folder)
        (folder / JOURNAL).write_bytes(b"".join(lines[:size]))
        assert open_session(folder).state.last_seq == size
        calls.append(calls_during(lambda: open_session(folder)))  # noqa: B023 - called here
    first, second = calls[1] - calls[0], calls[2] - calls[1]
    assert first > 10_000 and second <= 1.1 * first, calls


SCORE_AHEAD = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from benchmarks.report_session import make_session
from casusspel.reports import build_report
from casusspel.scoring import reflection as scorer
from casusspel.session.folders import open_session

folder = make_session(Path(sys.argv[1]), teams=8, cases_count=6)  # 48 different reflections
calls = []
real = scorer.score_reflection

def counting(*args, **kwargs):
    calls.append(1)
    return real(*args, **kwargs)

scorer.score_reflection = counting
ahead = open_session(folder)
ahead.engine.score_ahead(ahead.state)
print(len(calls), ahead.engine.scores.calls)
plain = open_session(folder)
assert build_report(plain.engine, plain.state).to_json() == build_report(
    ahead.engine, ahead.state).to_json()
print(len(calls), ahead.engine.scores.calls, plain.engine.scores.calls)
"""


def test_a_report_scores_ahead_in_worker_processes_with_the_same_scores(tmp_path: Path) -> None:
    """``casusspel report`` (a process without other threads) scores the reflections of a long
    day in forked workers first: this process scores one, the workers the rest, and the report
    (scores, evidence, flags, probabilities) equals the one scored in this process alone."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", SCORE_AHEAD, str(tmp_path), str(root)],
                          capture_output=True, text=True, check=True, cwd=root)
    first, last = done.stdout.split("\n")[:2]
    if (os.cpu_count() or 1) >= 2:
        assert first == "1 48"  # here: the one that warms the workers up; the cache holds 48
        assert last == "49 48 48"  # the plain report scored all 48 here, the first one none
    else:  # one core: nothing is scored ahead, the report scores as it goes
        assert (first, last) == ("0 0", "96 48 48")


def copying_fold(engine: Engine, events: list[Any]) -> SessionState:
    """The events folded with ``apply``, which makes a new state per event (as a live session
    does): what a replay, which changes one state in place, must equal."""
    state = engine.start(events[0])
    for event in events[1:]:
        state = engine.apply(state, event)
    return state


def test_a_replay_in_place_equals_the_copying_fold_and_leaves_the_engine_copying(
        tmp_path: Path) -> None:
    folder = write_session(tmp_path, 3_000)
    session = open_session(folder)  # replays the journal in place as it reads it
    events, _ = read_journal(folder / JOURNAL)
    folded = copying_fold(session.engine, events)
    assert folded == session.state and folded.last_seq == 3_000
    assert list(folded.rounds) == list(session.state.rounds)
    assert session.engine.standings(folded) == session.engine.standings(session.state)
    assert session.engine.replay(events) == folded
    # afterwards, and after a replay that stopped at a refused event, apply copies again
    engine = session.engine
    with pytest.raises(EngineError):
        engine.replay([*events, ReflectionWritten(team="niemand", text="x")])
    state = session.state
    kept = (dict(vars(state)), dict(vars(state.current)), len(state.current.seen))
    after = engine.apply(state, next_event(engine, state, lambda options: options[0].id, "x"))
    assert after is not state and after.last_seq == 3_000  # (seq 0: a live event before saving)
    assert (vars(state), vars(state.current), len(state.current.seen)) == kept


def test_replay_shares_the_played_rounds_instead_of_copying_them() -> None:
    """Per event, replay makes a new current round only: every state of a long replay shares one
    list of played rounds (copying the rounds per event made replay quadratic)."""
    engine = builtin_engine()
    long_deck = SessionStarted(session_id="s", created="", version="t", mode=Mode.GROUP,
                               teams=("A", "B"), case_ids=tuple(engine.cases) * 50)
    events = events_after(engine, long_deck, 6_000)
    state = engine.start(long_deck)
    lists = set()
    for event in events[1:]:
        state = engine.apply(state, event)
        lists.add(id(state.played._items))
    assert state.case_index > 200 and len(lists) == 1
    assert state == engine.replay(events)
    assert [state.rounds[i] for i in range(len(state.rounds))] == list(state.rounds)
    assert state.rounds[state.case_index] is state.round


def test_each_distinct_case_file_is_parsed_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from casusspel.session import folders

    folder = write_session(tmp_path, 400)  # the deck 400 times over: 4,800 rounds
    assert len(list((folder / "cases").iterdir())) == len(CASES)
    parsed: list[Path] = []
    real = folders.load_file  # type: ignore[attr-defined]  # patched where folders looks it up

    def counting(path: Path, *args: Any) -> Any:
        parsed.append(path)
        return real(path, *args)

    monkeypatch.setattr(folders, "load_file", counting)
    session = open_session(folder)
    assert len(session.state.started.case_ids) == 400 * len(CASES)
    assert sorted(p.stem for p in parsed) == sorted(CASES)


def test_resume_appends_after_the_scan_it_made_torn_tail_and_missing_newline(
        tmp_path: Path) -> None:
    folder = write_session(tmp_path, 30)
    journal = folder / JOURNAL
    whole = journal.read_bytes()
    torn = b'{"v": 2, "type": "phase_adv'
    journal.write_bytes(whole + torn)
    session = open_session(folder, write=True)
    try:
        assert session.journal._scanned is not None  # no second full read before the append
        event = next_event(session.engine, session.state, lambda options: options[0].id)
        session.record(event)
    finally:
        session.close()
    assert (folder / (JOURNAL + ".torn")).read_bytes() == torn + b"\n"
    events, warnings = read_journal(journal)
    assert len(events) == 31 and warnings == []
    # a complete last line without its newline: kept, and the newline added before the next one
    journal.write_bytes(journal.read_bytes().rstrip(b"\n"))
    session = open_session(folder, write=True)
    try:
        session.record(next_event(session.engine, session.state,
                                  lambda options: options[0].id))
    finally:
        session.close()
    events, _ = read_journal(journal)
    assert [e.seq for e in events] == list(range(1, 33))


def test_a_journal_changed_after_resume_read_it_is_not_written(tmp_path: Path) -> None:
    folder = write_session(tmp_path, 30)
    session = open_session(folder, write=True)
    try:
        other = next_event(session.engine, session.state, lambda options: options[0].id)
        with (folder / JOURNAL).open("ab") as handle:  # behind the lock's back
            handle.write(encode_line(replace(other, seq=31).to_json()))
        with pytest.raises(JournalError):
            session.record(other)
    finally:
        session.close()
    assert len(read_journal(folder / JOURNAL)[0]) == 31


def test_a_line_with_a_missing_field_is_damage_at_its_line(tmp_path: Path) -> None:
    folder = write_session(tmp_path, 10)
    journal = folder / JOURNAL
    with journal.open("ab") as handle:
        handle.write(encode_line({"type": "reflection_written", "team": "Tafel 1", "seq": 11,
                                  "id": "x"}))
    with pytest.raises(JournalError) as caught:
        open_session(folder)
    assert caught.value.line == 11 and "text ontbreekt" in str(caught.value)


def test_shared_logs_behave_like_tuples_and_sets_also_when_branched() -> None:
    base = Log[int]().append(1).append(2)
    left, right = base.append(3), base.append(4)  # the second one copies
    assert (list(base), list(left), list(right)) == ([1, 2], [1, 2, 3], [1, 2, 4])
    assert left[-1] == 3 and right[1:] == (2, 4) and left != right and base == Log([1, 2])
    with pytest.raises(IndexError):
        base[2]
    ids = IdSet[str]().add("a")
    one, two = ids.add("b"), ids.add("c")
    assert ("b" in one, "b" in two, "c" in one, "c" in two) == (True, False, False, True)
    assert "b" not in ids and len(ids) == 1 and one.add("a") is one
    assert IdSet({"x": 0, "y": 1}) == IdSet({"y": 0, "x": 1})
    with pytest.raises(TypeError):
        evolve(Round(), colour="blue")
    assert (left.last(), right.last(), Log[int]().last()) == (3, 4, None)
    rnd = Round()
    assert update(rnd, stage_id="s") is rnd and rnd.stage_id == "s"
    with pytest.raises(TypeError):
        update(rnd, colour="blue")
    assert vars(rnd) == vars(Round(seen=rnd.seen, stage_id="s"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["a", " ", "\n", "\r", "\r\n", "\t", "\x1b", "\x00", "\x7f", "\x85", "\x9b", "\u2028",
     "\u2029", "\u202e", "\u200b", "\u2066", "\ufeff", "\u061c", "é", "[", "*", "1.", "-",
     *"\\`_{}]<>#+|~&="])))
def test_the_fast_path_of_clean_and_esc_changes_nothing(pieces: list[str]) -> None:
    """``clean`` skips its substitutions when none can apply; the result is what the four
    substitutions give (the report bytes before and after are compared in the benchmark)."""
    import re

    from casusspel.content import literal
    from casusspel.reports.markdown import esc

    text = "".join(pieces)
    slow = literal._LINE_SEPARATORS.sub("\n", text.replace("\r\n", "\n"))
    slow = literal._INVISIBLE.sub("", slow)
    slow = literal._CONTROL.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20
                                else ("␡" if m.group() == "\x7f" else "�"), slow)
    assert literal.clean(text) == slow
    escaped = re.sub(r"([\\`*_{}\[\]<>#+|~&])", r"\\\1", slow)
    escaped = re.sub(r"(?<=\n)([ \t]*\d+)([.)])", r"\1\\\2", escaped)
    assert esc(text) == re.sub(r"(?<=\n)([ \t]*)([-=])", r"\1\\\2", escaped)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=8)


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(st.text(max_size=12), JSON_VALUES, max_size=6))
def test_the_checksum_is_the_crc_of_the_canonical_json(body: dict[str, Any]) -> None:
    """The encoder made once gives what json.dumps(sort_keys, compact, ASCII) gives."""
    import json
    import zlib

    from casusspel.session.journal import checksum

    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    assert checksum(body) == f"{zlib.crc32(canonical.encode('ascii')):08x}"


@settings(max_examples=120, deadline=None)
@given(st.one_of(st.dictionaries(st.text(), JSON_VALUES, max_size=6).map(
    lambda d: __import__("json").dumps(d)), st.text(alphabet='{}[]":, 0123abc\\tn\n')))
def test_reading_a_line_is_json_loads(text: str) -> None:
    for line in (text, " " + text, text + " "):
        assert_read_as_json_loads(line)


def assert_read_as_json_loads(line: str) -> None:
    """The journal's ``_loads`` gives what ``json.loads`` gives (the same types and key order
    too), or raises the same error."""
    import json

    from casusspel.session.journal import _loads

    try:
        expected = json.loads(line)
    except ValueError as error:
        with pytest.raises(ValueError) as caught:
            _loads(line)
        assert str(caught.value) == str(error)
    else:
        assert repr(_loads(line)) == repr(expected)


JSON_NUMBERS = st.one_of(st.integers(), st.floats(), st.decimals(allow_nan=False).map(str),
                         st.from_regex(r"-?\d{1,30}(\.\d{1,30})?([eE][+-]?\d{1,4})?",
                                       fullmatch=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    JSON_NUMBERS.map(str), st.text().map(lambda t: __import__("json").dumps(t)),
    st.text(alphabet='"\\u0123456789abcdefABCDEFdD8nrtbf/ \x00\x1f\x7f\u00e9'),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "true", "null", "[", "]", "{}", ",", ":",
                     '"\\ud800"', '"\\udcff\\u00e9"', '"\\ud83d\\ude00"', "01", "1.", ".5",
                     "-", "+1", "1e", "\ufeff", "\r", "\t"])), max_size=5))
def test_reading_a_line_is_json_loads_for_numbers_escapes_and_odd_text(parts: list[str]) -> None:
    """The journal reads a line with pydantic-core's parser and falls back on ``json.loads``:
    whatever the line, the result (types and key order included) or the error is json's."""
    for line in ('{"a":' + "".join(parts) + "}", '{"k":[' + ",".join(parts) + "]}",
                 "".join(parts)):
        assert_read_as_json_loads(line)


def test_applying_an_event_never_changes_an_earlier_state() -> None:
    """``apply`` writes the event's seq and id into the state and round its rule just made; every
    earlier state (the controller and screens keep some) stays as it was."""
    engine = builtin_engine()
    started = SessionStarted(session_id="s", created="", version="t", mode=Mode.GROUP,
                             teams=("A", "B"), case_ids=tuple(engine.cases)[:3])
    events = [replace(e, seq=n) for n, e in enumerate(events_after(engine, started, 400), 1)]
    state = engine.start(started)
    seen: list[tuple[SessionState, int, int, int]] = []
    for event in events[1:]:
        seen.append((state, state.last_seq, len(state.current.seen), len(state.played)))
        state = engine.apply(state, event)
        duplicate = engine.apply(state, event)  # an id applied twice: only the seq may move
        assert duplicate.current.seen is state.current.seen and duplicate is not state
    assert state.finished and state.last_seq == len(events)
    assert all((s.last_seq, len(s.current.seen), len(s.played)) == (seq, ids, played)
               for s, seq, ids, played in seen)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["zelfreflectie", "leefwereld", "netwerk"]),
                          st.integers(-3, 45), st.integers(-3, 45)), max_size=8))
def test_report_segments_are_the_pieces_each_evidence_span_covers(
        spans: list[tuple[str, int, int]]) -> None:
    """The sweep in ``segments`` gives what testing every span for every piece gives."""
    from casusspel.reports.model import PillarResult
    from casusspel.reports.text import segments
    from casusspel.scoring.types import Evidence

    text = "We vroegen door en regelden samen een tolk."
    pillars = {pillar: PillarResult(1, 1, tuple(
        Evidence(s, e, text[max(0, s):max(0, e)], "x", 1.0, "framework")
        for p, s, e in spans if p == pillar), None) for pillar, _, _ in spans}
    cuts, flat = {0, len(text)}, []
    for pillar_id, result in pillars.items():
        for evidence in result.evidence:
            start, end = max(0, evidence.start), min(len(text), evidence.end)
            if start < end:
                flat.append((start, end, pillar_id))
                cuts.update((start, end))
    points = sorted(cuts)
    expected: list[tuple[str, tuple[str, ...]]] = []
    for start, end in zip(points, points[1:], strict=False):
        covering = tuple(dict.fromkeys(p for s, e, p in flat if s <= start and end <= e))
        if expected and expected[-1][1] == covering:
            expected[-1] = (expected[-1][0] + text[start:end], covering)
        else:
            expected.append((text[start:end], covering))
    assert segments(text, pillars) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n1.)-=a٣²#", max_size=16))
def test_a_quoted_reflection_escapes_list_and_rule_starts_as_before(text: str) -> None:
    """``quote`` runs its two substitutions only where a line can start a list or a rule."""
    import re

    from casusspel.reports.markdown import quote

    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^([ \t]*\d+)([.)])", r"\1\\\2", line)
        line = re.sub(r"^([ \t]*)([-=])", r"\1\\\2", line)
        lines.append("> " + line if line else ">")
    assert quote(text) == "\n".join(lines)
