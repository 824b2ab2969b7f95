"""The journal as trustworthy as a database (issue 15, point 1): every line self-checking and in
order, a fault-injection run over every byte of a real journal, torn tails, old journals, repair.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casusspel.cli import app
from casusspel.session.events import (
    FactorsAnswered,
    PhaseAdvanced,
    ReflectionWritten,
    SessionStarted,
)
from casusspel.session.folders import open_session
from casusspel.session.journal import (
    FORMAT_VERSION,
    Journal,
    JournalError,
    _written_checksum,
    checksum,
    encode_line,
    read_journal,
    scan_bytes,
)
from casusspel.session.options import Mode
from tests.conftest import DATA

runner = CliRunner()
ROUND = ["", "12 13 9", "12 7", "b", "c",
         "We regelen een tolk en vragen \x1b[31mNoor\x1b[0m apart: 🙂 İß\u2028.", "",
         "In hun cultuur [bold]tolken[/] kinderen.", "", "", "", "a", "c", ""]


def play(folder: Path, lines: list[str], *args: str) -> Any:
    return runner.invoke(app, ["play", "--session-dir", str(folder), "--cases", "tolk-aan-tafel",
                               "--teams", "Tafel 1,Tafel 2", *args],
                         input="\n".join(lines) + "\n")


def only_session(folder: Path) -> Path:
    [session] = [p for p in folder.iterdir() if p.is_dir()]
    return session


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real session played to the end through the command line (hostile text included)."""
    folder = tmp_path_factory.mktemp("played")
    result = play(folder, ROUND)
    assert result.exit_code == 0, result.output
    return only_session(folder)


def started(seq: int = 0) -> SessionStarted:
    return SessionStarted(session_id="s", created="2026-11-24T10:00:00", version="t",
                          mode=Mode.GROUP, teams=("A", "B"), case_ids=("tolk-aan-tafel",), seq=seq)


# -- the line format ----------------------------------------------------------------------------
def test_every_line_carries_version_seq_and_a_checksum_of_the_rest(played: Path) -> None:
    lines = (played / "journal.jsonl").read_bytes().splitlines()
    assert len(lines) > 15
    for number, raw in enumerate(lines, 1):
        payload = json.loads(raw)
        assert payload["v"] == FORMAT_VERSION and payload["seq"] == number
        crc = payload.pop("crc")
        assert crc == checksum(payload)
        assert len(crc) == 8


def test_any_event_payload_is_carried_generically(tmp_path: Path) -> None:
    """New event fields (a client-made id, a future event type) need no journal change."""
    line = encode_line({"type": "reflection_drafted", "seq": 7, "id": "c-1", "text": "x"})
    payload = json.loads(line)
    assert payload["id"] == "c-1" and payload["text"] == "x"
    assert payload.pop("crc") == checksum(payload)
    with pytest.raises(ValueError):
        encode_line({"type": "x", "seq": 1, "crc": "0"})


def test_a_lone_surrogate_from_odd_terminal_input_is_written_and_read_back(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.jsonl")
    journal.append(started())
    journal.append(ReflectionWritten(team="A", text="kapot \udcff teken"))
    events, warnings = read_journal(tmp_path / "journal.jsonl")
    assert (events[1].text, events[1].seq) == ("kapot \udcff teken", 2)  # type: ignore[attr-defined]
    assert warnings == []


def test_an_ascii_line_is_the_canonical_json_of_the_rest_with_the_crc_last() -> None:
    """What lets a reader check a line from its bytes: an ASCII line is exactly the canonical
    JSON (sorted keys, no spaces) of everything but the crc, which comes last; a line with
    letters outside ASCII keeps them readable and is checked from the parsed line."""
    for event, plain in ((FactorsAnswered(team="A", factors=("taal",), seq=3), True),
                         (ReflectionWritten(team="A", text='zei "nee" \\ \x7f\t[b]', seq=4), True),
                         (ReflectionWritten(team="A", text="kapot \udcff", seq=5), True),
                         (ReflectionWritten(team="A", text="café ’ \u2028 😀", seq=6), False)):
        line = encode_line(event.to_json())
        payload = json.loads(line)
        crc = payload.pop("crc")
        assert line.endswith(f',"crc":"{crc}"}}\n'.encode()) and crc == checksum(payload)
        if plain:
            canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
            assert line[:-19] + b"}" == canonical.encode()
            assert _written_checksum(line[:-1]) == crc
        else:
            assert "café ’ \u2028 😀" in line.decode() and _written_checksum(line[:-1]) is None


def old_layout(raw: bytes) -> bytes:
    """The same journal as casusspel wrote it before: keys in event order, spaces, UTF-8."""
    lines = []
    for line in raw.splitlines():
        payload = json.loads(line)
        crc = payload.pop("crc")
        body = {"v": payload.pop("v"), "type": payload.pop("type"), **payload}
        lines.append(json.dumps({**body, "crc": crc}, ensure_ascii=False) + "\n")
    return "".join(lines).encode()


def test_a_journal_in_the_layout_of_earlier_versions_reads_the_same_and_is_checked() -> None:
    events = [started(), PhaseAdvanced(to="factors"),
              ReflectionWritten(team="A", text="café, \"tolk\""),
              FactorsAnswered(team="B", factors=("taal", "gezin"))]
    new = b"".join(encode_line(replace(e, seq=n).to_json()) for n, e in enumerate(events, 1))
    old = old_layout(new)
    assert old != new
    original = scan_bytes(new, Path("journal.jsonl")).events
    assert scan_bytes(old, Path("journal.jsonl")).events == original
    assert [_written_checksum(line) for line in old.splitlines()] == [None] * len(events)
    results = set()
    for offset in range(len(old)):
        changed = old[:offset] + bytes([old[offset] ^ 0x01]) + old[offset + 1:]
        results.add(outcome(changed, original))
    assert "prefix" not in results and "detected" in results


# -- fault injection over every byte ------------------------------------------------------------
def outcome(raw: bytes, original: list[Any]) -> str:
    """'detected' (a bad line with its number), 'torn' (a torn last line, with its number),
    'same' (exactly the original events) or 'prefix' (the first k events, as after a crash)."""
    scan = scan_bytes(raw, Path("journal.jsonl"))
    if scan.damage is not None:
        assert scan.damage.line >= 1
        assert f"journal.jsonl:{scan.damage.line}:" in str(scan.damage)
        return "detected"
    if scan.torn_line:
        assert any(f"regel {scan.torn_line}" in w for w in scan.warnings)
        assert scan.events == original[:len(scan.events)]
        return "torn"
    if scan.events == original:
        return "same"
    assert scan.events == original[:len(scan.events)], "a silently changed answer"
    return "prefix"


def test_every_single_byte_change_is_detected_with_its_line_or_harmless(played: Path) -> None:
    raw = (played / "journal.jsonl").read_bytes()
    original = scan_bytes(raw, Path("journal.jsonl")).events
    rng = random.Random(15)
    seen: dict[str, int] = {}
    for offset in range(len(raw)):
        for value in (raw[offset] ^ 0x01, rng.randrange(256)):
            if value == raw[offset]:
                continue
            changed = raw[:offset] + bytes([value]) + raw[offset + 1:]
            result = outcome(changed, original)
            assert result != "prefix", f"offset {offset}: an event vanished without a word"
            seen[result] = seen.get(result, 0) + 1
    assert seen["detected"] > 0.95 * sum(seen.values())


def test_truncation_at_every_offset_keeps_a_prefix_and_names_a_torn_line(played: Path) -> None:
    raw = (played / "journal.jsonl").read_bytes()
    original = scan_bytes(raw, Path("journal.jsonl")).events
    ends = {i + 1 for i, byte in enumerate(raw) if byte == ord("\n")}
    for offset in range(len(raw)):
        result = outcome(raw[:offset], original)
        if offset == 0 or offset in ends or offset + 1 in ends:  # whole lines: shorter journal
            assert result in ("prefix", "same")
        else:
            assert result == "torn", offset


def test_a_deleted_duplicated_or_swapped_line_is_reported_with_its_number(played: Path) -> None:
    lines = (played / "journal.jsonl").read_bytes().splitlines(keepends=True)
    cases = {
        "deleted": (lines[:4] + lines[5:], 5, "er ontbreken regels"),
        "duplicated": (lines[:5] + lines[4:], 6, "dubbel of in de verkeerde volgorde"),
        "swapped": (lines[:4] + [lines[5], lines[4]] + lines[6:], 5, "er ontbreken regels"),
    }
    for name, (changed, line, words) in cases.items():
        scan = scan_bytes(b"".join(changed), Path("j.jsonl"))
        assert scan.damage is not None, name
        assert (scan.damage.line, words in scan.damage.reason) == (line, True), name


def test_a_bad_line_stops_resume_and_report_with_file_and_line(played: Path,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "s" / played.name
    copy_session(played, folder)
    path = folder / "journal.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[3] = lines[3].replace(b'"taal"', b'"gezin"')  # an answer changed by hand
    path.write_bytes(b"".join(lines))
    for command in ("resume", "report"):
        result = runner.invoke(app, [command, folder.name, "--session-dir", str(folder.parent)],
                               input="b\n")
        assert result.exit_code == 1, result.output
        assert "journal.jsonl:4:" in result.output and "controlegetal" in result.output
        assert f"casusspel repair {folder.name}" in result.output
    assert path.read_bytes() == b"".join(lines)  # nothing was appended


@pytest.mark.parametrize("line", [3, 0])
def test_a_line_nested_thousands_deep_is_damage_not_a_crash(played: Path, tmp_path: Path,
                                                           line: int) -> None:
    folder = tmp_path / "s" / played.name
    copy_session(played, folder)
    path = folder / "journal.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[line] = b"[" * 5000 + b"]" * 5000 + b"\n"  # tampered: json would recurse too deep
    path.write_bytes(b"".join(lines))
    scan = scan_bytes(path.read_bytes(), path)
    assert scan.damage is not None and scan.damage.line == line + 1
    for command in ("report", "resume", "sessions"):
        args = [command, *([folder.name] if command != "sessions" else []),
                "--session-dir", str(folder.parent)]
        result = runner.invoke(app, args, env={"COLUMNS": "250"})
        assert "Onverwachte fout" not in result.output and "Recursion" not in result.output
        assert result.exit_code == (0 if command == "sessions" else 1), result.output
        if command != "sessions":
            assert f"journal.jsonl:{line + 1}:" in result.output


def copy_session(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)
    for name in ("sessie.lock", "sessie.lock.json"):
        (target / name).unlink(missing_ok=True)


# -- the last line ------------------------------------------------------------------------------
def test_a_complete_last_line_without_newline_counts_and_gets_its_newline(tmp_path: Path) -> None:
    """Regression: such a line was moved to .torn on the next write (an answer lost)."""
    path = tmp_path / "journal.jsonl"
    journal = Journal(path)
    journal.append(started())
    journal.append(PhaseAdvanced(to="factors"))
    journal.append(FactorsAnswered(team="A", factors=("taal",)))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    events, warnings = read_journal(path)
    assert (events[-1].factors, events[-1].seq) == (("taal",), 3)  # type: ignore[attr-defined]
    assert warnings == []
    Journal(path, 4).append(FactorsAnswered(team="B", factors=("gezin",)))
    events, _ = read_journal(path)
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert not (tmp_path / "journal.jsonl.torn").exists()
    assert path.read_bytes().count(b"\n") == 4


def test_a_torn_last_line_is_skipped_with_a_warning_and_kept_in_torn(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    Journal(path).append(started())
    torn = encode_line(PhaseAdvanced(to="factors", seq=2).to_json())[:-9]
    with path.open("ab") as handle:
        handle.write(torn)
    events, warnings = read_journal(path)
    assert len(events) == 1 and "regel 2" in warnings[0] and "half geschreven" in warnings[0]
    Journal(path, 2).append(PhaseAdvanced(to="factors"))
    assert (tmp_path / "journal.jsonl.torn").read_bytes() == torn + b"\n"
    events, warnings = read_journal(path)
    assert [e.seq for e in events] == [1, 2] and warnings == []


def test_a_bad_last_line_with_its_newline_is_damage_not_a_torn_write(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    Journal(path).append(started())
    line = bytearray(encode_line(PhaseAdvanced(to="factors", seq=2).to_json()))
    line[30] ^= 0x01
    with path.open("ab") as handle:
        handle.write(bytes(line))
    with pytest.raises(JournalError) as raised:
        read_journal(path)
    assert raised.value.line == 2 and raised.value.repairable
    with pytest.raises(JournalError):
        Journal(path, 2).append(PhaseAdvanced(to="factors"))  # never written after damage
    assert path.read_bytes().endswith(bytes(line))


def test_a_second_writer_behind_our_back_is_noticed_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    ours = Journal(path)
    ours.append(started())
    Journal(path, 2).append(PhaseAdvanced(to="factors"))  # someone else
    with pytest.raises(JournalError, match="ander programma"):
        ours.append(PhaseAdvanced(to="factors"))
    assert [e.seq for e in read_journal(path)[0]] == [1, 2]


# -- journals from before the checksum ----------------------------------------------------------
def test_an_old_journal_opens_says_so_once_and_gets_checked_lines_appended(tmp_path: Path) -> None:
    folder = tmp_path / "s" / "oud"
    copy_session(DATA / "sessions" / "groepjes-onderbroken", folder)
    session = open_session(folder)
    old = [w for w in session.warnings if "oudere casusspel" in w]
    assert len(old) == 1
    result = runner.invoke(app, ["resume", "oud", "--session-dir", str(folder.parent)],
                           input="/stop\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("oudere casusspel") == 1
    lines = (folder / "journal.jsonl").read_bytes().splitlines()
    assert b'"crc"' not in lines[0] and b'"crc"' in lines[-1]
    events, warnings = read_journal(folder / "journal.jsonl")
    assert len(events) == len(lines) and len(warnings) == 1
    # after a checked line, a line without a checksum is damage
    (folder / "journal.jsonl").write_bytes(b"\n".join([*lines, lines[0]]) + b"\n")
    with pytest.raises(JournalError, match="controlegetal ontbreekt"):
        read_journal(folder / "journal.jsonl")


def test_a_journal_from_a_newer_casusspel_is_refused_and_not_repairable(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    Journal(path).append(started())
    payload = json.loads(path.read_bytes())
    payload.pop("crc")
    payload["v"] = FORMAT_VERSION + 1
    path.write_text(json.dumps({**payload, "crc": checksum(payload)}) + "\n", encoding="utf-8")
    with pytest.raises(JournalError, match="nieuwere versie") as raised:
        read_journal(path)
    assert not raised.value.repairable


# -- sessions and repair ------------------------------------------------------------------------
def damaged_copy(played: Path, tmp_path: Path, line: int) -> Path:
    folder = tmp_path / "s" / played.name
    copy_session(played, folder)
    path = folder / "journal.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[line - 1] = lines[line - 1][:-11] + b'00000000"}\n'  # a wrong checksum
    path.write_bytes(b"".join(lines))
    return folder


def test_sessions_lists_a_damaged_session_with_its_line(played: Path, tmp_path: Path) -> None:
    folder = damaged_copy(played, tmp_path, 6)
    result = runner.invoke(app, ["sessions", "--session-dir", str(folder.parent)],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "beschadigd bij regel 6" in result.output
    assert f"casusspel repair {folder.name}" in result.output


def test_repair_asks_keeps_everything_before_the_damage_and_backs_up(played: Path,
                                                                    tmp_path: Path) -> None:
    folder = damaged_copy(played, tmp_path, 6)
    path = folder / "journal.jsonl"
    original = path.read_bytes()
    args = ["repair", folder.name, "--session-dir", str(folder.parent)]
    declined = runner.invoke(app, args, input="n\n")
    assert declined.exit_code == 1 and "Niet hersteld" in declined.output
    assert path.read_bytes() == original
    closed = runner.invoke(app, args, input="")  # no answer (closed input) is no
    assert closed.exit_code == 1 and path.read_bytes() == original
    result = runner.invoke(app, args, input="j\n")
    assert result.exit_code == 0, result.output
    assert "regel 6 van het logboek is beschadigd" in result.output.lower()
    assert "Bewaard: regel 1 tot en met 5" in result.output
    [backup] = folder.glob("journal.jsonl.bak-*")
    assert backup.read_bytes() == original
    assert path.read_bytes() == b"".join(original.splitlines(keepends=True)[:5])
    assert len(read_journal(path)[0]) == 5
    again = runner.invoke(app, [*args, "--yes"])
    assert again.exit_code == 0 and "niets te herstellen" in again.output
    resumed = runner.invoke(app, ["resume", folder.name, "--session-dir", str(folder.parent)],
                            input="/stop\n")
    assert resumed.exit_code == 0, resumed.output


def test_repair_with_yes_for_scripts_and_nothing_to_keep_on_line_one(played: Path,
                                                                    tmp_path: Path) -> None:
    folder = damaged_copy(played, tmp_path, 9)
    args = ["repair", folder.name, "--session-dir", str(folder.parent)]
    result = runner.invoke(app, [*args, "--yes"])
    assert result.exit_code == 0 and len(read_journal(folder / "journal.jsonl")[0]) == 8
    first = damaged_copy(played, tmp_path / "2", 1)
    result = runner.invoke(app, ["repair", first.name, "--session-dir", str(first.parent),
                                 "--yes"])
    assert result.exit_code == 1 and "eerste regel" in result.output
    assert not list(first.glob("journal.jsonl.bak-*"))


def test_an_event_the_rules_refuse_is_damage_at_its_line(played: Path, tmp_path: Path) -> None:
    """Regression: two writers left 'Niet toegestaan: ...' without a line number."""
    folder = tmp_path / "s" / played.name
    copy_session(played, folder)
    path = folder / "journal.jsonl"
    events = read_journal(path)[0]
    bogus = encode_line(FactorsAnswered(team="Tafel 1", factors=("taal",),
                                        seq=len(events) + 1).to_json())
    with path.open("ab") as handle:
        handle.write(bogus)
    result = runner.invoke(app, ["report", folder.name, "--session-dir", str(folder.parent)])
    assert result.exit_code == 1
    assert f"journal.jsonl:{len(events) + 1}:" in result.output
    assert "Niet toegestaan" in result.output
