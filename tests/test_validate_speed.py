"""The shortcuts validate takes for speed (issue 15.7, fifth round) give exactly what the plain
way gives. The timing itself is in benchmarks/validate_scale.py."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casusspel.content import author_checks
from casusspel.content.author_checks import _case_texts
from casusspel.content.library import builtin_dir, load_file
from casusspel.scoring import generalisation
from casusspel.scoring.text import _FOLD_TABLE, fold, fold_char

# ASCII, Latin-1 and Latin Extended (the table), what lower() lengthens ('İ'), what has no
# ASCII base ('ß', 'ø', 'ı'), combining marks, curly quotes, other scripts, emoji, surrogates
ODD = "İßøıŁæœÆŒ\u0301\u0308’‘“”–—…€ςΣДжي中😀\ud800\x00\t\n"
LETTERS = st.text(st.sampled_from(
    [chr(c) for c in range(32, 127)] + [chr(c) for c in range(0xC0, 0x250)] + list(ODD)),
    max_size=60)


def _fold_one_by_one(text: str) -> str:
    """``fold`` as it was: the whole text through the table, then the rest one by one."""
    folded = text.translate(_FOLD_TABLE)
    return "".join(c if c.isascii() else fold_char(c) for c in folded)


@settings(max_examples=400, deadline=None)
@given(LETTERS)
def test_fold_in_pieces_equals_folding_every_character(text: str) -> None:
    assert fold.__wrapped__(text) == _fold_one_by_one(text)
    assert len(fold.__wrapped__(text)) == len(text)


def test_fold_in_pieces_on_every_text_of_the_deck() -> None:
    texts = [t for path in sorted(builtin_dir().glob("*.yaml"))
             for case in [load_file(path).case] if case is not None
             for _, t in _case_texts(case)]
    assert sum(not t.isascii() for t in texts) > 50  # the deck has accents and curly quotes
    for text in texts + ["\n\n".join(texts), unicodedata.normalize("NFD", "\n".join(texts))]:
        assert fold.__wrapped__(text) == _fold_one_by_one(text)


CUE_WORDS = sorted(generalisation.CUE_VOCABULARY)


@settings(max_examples=400, deadline=None)
@given(st.frozensets(st.sampled_from([*CUE_WORDS, "de", "het", "zo", "alles", "altijdt"]),
                     max_size=12))
def test_cues_looked_up_by_their_longest_word_are_all_cues(words: frozenset[str]) -> None:
    assert generalisation._some_cue(words) == any(
        cue <= words for cue in generalisation.CUE_SETS)


def test_every_cue_is_found_by_its_longest_word() -> None:
    for cue in generalisation.CUE_SETS:
        assert generalisation._some_cue(cue)
        assert generalisation._some_cue(cue | {"de", "buurt"})
        for word in cue:  # one word missing: only another cue that fits may answer
            rest = cue - {word}
            assert generalisation._some_cue(rest) == any(
                other <= rest for other in generalisation.CUE_SETS)


def _lines_and_words_word_by_word(text: str, width: int) -> tuple[int, int]:
    """The greedy wrap as it was counted: one step per word."""
    total = words = 0
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines, used = 1, -1
        sizes = list(map(len, paragraph.split()))
        words += len(sizes)
        for size in sizes:
            if used + 1 + size > width and used > 0:
                lines, used = lines + 1, size
            else:
                used += 1 + size
        total += lines + 1
    return total - 1, words


PIECES = st.one_of(st.sampled_from(list(" \n\n\t\xa0\u2028\u3000\r\x0b\x1céß😀-.")),
                   st.builds(lambda c, n: c * n, st.sampled_from("abcxyz"),
                             st.integers(1, 90)))


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=80).map("".join), st.sampled_from([1, 2, 3, 7, 20, 76, 80]))
def test_lines_by_regular_expression_equal_lines_word_by_word(text: str, width: int) -> None:
    assert author_checks._lines_and_words(text, width) == \
        _lines_and_words_word_by_word(text, width)


def test_lines_of_every_situation_of_the_deck_and_the_generated_cases() -> None:
    from benchmarks.generate_cases import make_case

    rng = random.Random(3)
    texts = [str(make_case(i, rng)["situation"]) for i in range(200)]
    texts += [case.situation for path in sorted(builtin_dir().glob("*.yaml"))
              for case in [load_file(path).case] if case is not None]
    for text in texts:
        for width in (40, 76):
            assert author_checks._lines_and_words(text, width) == \
                _lines_and_words_word_by_word(text, width)


def test_fold_of_a_text_mostly_outside_ascii_is_the_same() -> None:
    """Such a text is folded whole, not in pieces (a list as long as the text); the same."""
    for text in ("aé" * 5_000, "Ελληνικά κείμενα " * 300, "İstanbul ß " * 50, "a" * 40 + "é" * 3):
        assert fold.__wrapped__(text) == _fold_one_by_one(text)


def test_a_case_text_seen_before_gets_what_a_fresh_search_gives(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    """Copies of a case share their texts; the stereotype search remembers a text's flags for
    the run. The second copy (its text two lines lower) gets its own warning at its own line, a
    copy without the sentence gets none, and each file alone with nothing remembered gives the
    same problems."""
    from casusspel.content.checks import validate_paths

    base = (builtin_dir() / "tolk-aan-tafel.yaml").read_text("utf-8")
    stereotyped = base.replace("Noor vertaalt vlot",
                               "In hun cultuur is dat normaal. Noor vertaalt vlot", 1)
    files = {"a.yaml": stereotyped.replace("id: tolk-aan-tafel", "id: kopie-a", 1),
             "b.yaml": "# kopie\n# van a\n" + stereotyped.replace("id: tolk-aan-tafel",
                                                                  "id: kopie-b", 1),
             "c.yaml": base.replace("id: tolk-aan-tafel", "id: kopie-c", 1)}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    together = validate_paths([tmp_path]).problems
    warnings = {(Path(p.file).name, p.line) for p in together if p.code == "CS055"}
    line = next(p.line for p in together if p.code == "CS055")
    assert warnings == {("a.yaml", line), ("b.yaml", line + 2)}
    alone = []
    for name in files:
        monkeypatch.setattr(author_checks, "_case_text_flags", author_checks._SeenTexts().flags)
        alone += validate_paths([tmp_path / name]).problems
    assert [p.format() for p in alone] == [p.format() for p in together]


def test_the_case_texts_remembered_stay_bounded() -> None:
    from casusspel.content.library import load_framework

    framework = load_framework()
    seen = author_checks._SeenTexts()
    seen.MOST = 3
    for number in range(10):
        seen.flags(f"Tekst {number}: die mensen zijn nou eenmaal zo.", framework,
                   framework.generalisation)
        assert len(seen.found) <= 3
    seen.flags("x" * (seen.LONGEST + 1), framework, None)
    assert all(len(text) <= seen.LONGEST for text, _ in seen.found)
    assert seen.flags("Die mensen zijn nou eenmaal zo.", framework, framework.generalisation)


# -- seventh round (validate17): rare characters among the few outside ASCII -------------------
RARE = st.text(st.sampled_from(
    [chr(c) for c in range(0, 0xA0)] + list(ODD) + ["\u202a", "\u202e", "\u2066", "\u2069",
                                                     "\ufffe", "\uffff", "\u00ad", "\u2028"]),
    max_size=40)


@settings(max_examples=200, deadline=None)
@given(RARE)
def test_outside_ascii_keeps_every_character_above_ascii_in_order(text: str) -> None:
    from casusspel.content.loader import outside_ascii

    assert outside_ascii(text) == "".join(c for c in text if ord(c) > 127)


@settings(max_examples=200, deadline=None)
@given(RARE)
def test_control_and_bidi_checks_among_the_characters_outside_ascii_are_exact(text: str) -> None:
    """The checks before parsing and the converter's bidi check see what a search of the
    whole text sees (``_may_have_control`` is now exact, not only 'maybe')."""
    from casusspel.content import loader

    assert loader._may_have_control(text) == bool(loader._CONTROL_CHAR.search(text))
    assert bool(loader._BIDI.search(loader.outside_ascii(text))) == bool(
        loader._BIDI.search(text))


def test_a_control_character_outside_ascii_is_still_reported_where_it_is() -> None:
    from casusspel.content.loader import LoadFailed, check_before_parsing

    for char, col in (("\x85\x9b", 7), ("\x9b", 6), ("\ufffe", 6), ("\uffff", 6)):
        with pytest.raises(LoadFailed) as failed:
            check_before_parsing(f"title: “Café”\nid: a{char}b\n", "f")
        problem = failed.value.problem
        assert (problem.code, problem.line, problem.col) == ("CS017", 2, col)


@pytest.mark.parametrize("value", [
    "0", "7", "10", "999", "1000", "00", "010", "0x1f", "0o7", "-0", "+3", "1_0", "0.5", "'0'",
    '"3"', "!!int 0", "!!str 0", "!!float 2", "٣", "１２"])
def test_small_numbers_read_as_the_safe_loader_reads_them(value: str) -> None:
    """A plain small number as a mapping value takes a short way; every other spelling the
    long one: the data is what PyYAML's safe loader makes of it, type included."""
    import yaml

    from casusspel.content.loader import parse

    text = f"points: {{a: {value}}}\nb: {value}\nc:\n  - {value}\n"
    data = parse(text, "f").data
    expected = yaml.safe_load(text)
    assert data == expected
    assert [type(v) for v in (data["points"]["a"], data["b"], data["c"][0])] == \
        [type(v) for v in (expected["points"]["a"], expected["b"], expected["c"][0])]


# -- round 18: work done once per file or per run ---------------------------------------------
def _too_deep_as_it_was(text: str) -> tuple[int, int] | None:
    """``loader._too_deep`` before round 18: whole-text counts before each scan."""
    from casusspel.content.loader import (
        _COMPACT_ITEMS,
        _LONG_ITEM_START,
        SCAN_DEPTH,
        _position,
    )

    depth = 0
    openers = text.count("[") + text.count("{")
    for index, char in enumerate(text if openers > SCAN_DEPTH else ""):
        if char in "[{":
            depth += 1
            if depth > SCAN_DEPTH:
                return _position(text, index)
        elif char in "]}" and depth:
            depth -= 1
    if text.count(" ") + text.count("-") >= 2 * SCAN_DEPTH and _LONG_ITEM_START.search(text):
        for match in _COMPACT_ITEMS.finditer(text):
            if match.group().count("-") > SCAN_DEPTH or len(match.group()) > 4 * SCAN_DEPTH:
                return _position(text, match.start())
    for match in re.finditer(rf"^[ ]{{{4 * SCAN_DEPTH},}}", text, re.M) if (
            " " * 4 * SCAN_DEPTH in text) else ():
        return _position(text, match.start())
    return None


def _nesting_texts() -> list[str]:
    """Texts around every edge of the nesting scan: brackets just under and over the limit,
    runs of spaces and dashes of 63-5,000 characters at a line's start and in its middle,
    dashes without spaces, '- ' lists, mixed with ordinary lines, and the deck's cases."""
    rng = random.Random(18)
    pieces = ["title: x\n", "- a\n", "  - - b\n", "c: [d, {e: f}]\n", "tekst met - streepjes\n",
              "\n", "x: |\n  blok\n"]
    texts = [path.read_text(encoding="utf-8") for path in sorted(builtin_dir().glob("*.yaml"))]
    for _ in range(150):
        parts = rng.sample(pieces, 3)
        kind = rng.randrange(6)
        size = rng.choice([63, 64, 65, 999, 1000, 1001, 1999, 2000, 2001, 3999, 4000, 4001, 5000])
        if kind == 0:
            run = " " * size
        elif kind == 1:
            run = "".join(rng.choice(" -") for _ in range(size))
        elif kind == 2:
            run = "- " * (size // 2)
        elif kind == 3:
            run = "-" * size
        elif kind == 4:
            run = "".join(rng.choice("[{") for _ in range(size)) + "]" * rng.randrange(size)
        else:
            run = "[" * (size // 2) + "]" * (size // 2) + "{" * (size // 2)
        at = rng.randrange(len(parts) + 1)
        prefix = rng.choice(["", "a: ", "\n", "  "])
        texts.append("".join(parts[:at]) + prefix + run + rng.choice(["x\n", "\n", ""])
                     + "".join(parts[at:]))
    return texts


def test_the_nesting_scan_finds_what_the_whole_text_counts_found() -> None:
    from casusspel.content.loader import _too_deep

    texts = _nesting_texts()
    found = [_too_deep(text) for text in texts]
    assert found == [_too_deep_as_it_was(text) for text in texts]
    assert sum(f is not None for f in found) > 20  # the limits are really crossed


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("[{]} -ab\n"), max_size=80), st.integers(0, 40))
def test_more_than_counts_as_a_count_does(text: str, most: int) -> None:
    from casusspel.content.loader import _more_than

    assert _more_than(text, "[{", most) == (text.count("[") + text.count("{") > most)


@settings(max_examples=200, deadline=None)
@given(st.lists(RARE, min_size=1, max_size=6))
def test_remembered_encodings_belong_to_their_own_text(texts: list[str]) -> None:
    """``utf8`` and ``outside_ascii`` keep the last texts' results: asked in any order, each
    text gets its own (lone surrogates included), as a fresh encoding gives."""
    from casusspel.content.loader import outside_ascii, utf8

    for text in texts + texts[::-1]:
        assert utf8(text) == text.encode("utf-8", "surrogatepass")
        assert outside_ascii(text) == "".join(c for c in text if ord(c) > 127)


def test_framework_ids_follow_the_framework_checked_against() -> None:
    """The ids made once per framework are those of the framework asked about: another
    framework (``--framework``) gets its own, and the first again its own."""
    from casusspel.content.author_checks import framework_ids
    from casusspel.content.library import load_framework

    first = load_framework()
    other = first.model_copy(update={"factors": first.factors[:2], "pillars": first.pillars[:1]})
    for framework in (first, other, first):
        assert framework_ids(framework) == (frozenset(f.id for f in framework.factors),
                                            frozenset(p.id for p in framework.pillars))
