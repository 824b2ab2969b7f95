"""Checks for case authors: warnings that help write a good, safe case (codes CS050-CS058).

Each warning can be silenced on its line with a comment, when it is intended:

    situation: |   # casusspel: negeer CS050
    - "Alle jongeren zitten op hun telefoon", zegt de buurman.   # casusspel: negeer

A comment alone on the line above works too; for text in a block (``situation: |``), where a
comment would be part of the text, put it on the line of the field name. ``# casusspel: negeer``
without codes silences every author warning on that line. Errors can never be silenced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from casusspel.content.loader import Document, Loc, outside_ascii, utf8
from casusspel.content.model import (
    SITUATION_MAX_LINES,
    SITUATION_WORDS,
    Case,
    Choice,
    Framework,
)
from casusspel.content.problems import Problem
from casusspel.messages import Text

if TYPE_CHECKING:
    from casusspel.scoring.framework import GeneralisationText
    from casusspel.scoring.types import Flag

SCREEN_WIDTH = 80
AUTHOR_CODES = ("CS050", "CS051", "CS052", "CS053", "CS054", "CS055", "CS056", "CS057",
                "CS058")
SILENCE = re.compile(r"#\s*casusspel:\s*negeer\b([^#\n]*)", re.IGNORECASE)


# -- personal data -------------------------------------------------------------------------------
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?|0)[1-9](?:[\s-]?\d){8}(?!\d)")
NINE_DIGITS = re.compile(r"(?<![\d.,-])(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{9})(?!\d|[,.-]\d)")
IBAN = re.compile(r"\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?)\b")
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b(?:\s*,?\s*\d{1,5}\s?[a-zA-Z]?\b)?"
                      r"|\b[A-Z][a-zà-ÿ]+(?:straat|laan|weg|plein|singel|gracht|kade|dreef|hof)"
                      r"\s+\d{1,5}\s?[a-zA-Z]?\b")
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
          "december")
BIRTH = re.compile(r"\b(?:geboren|geb\.|geboortedatum)\s*(?:op\s*)?:?\s*(?:\d{1,2}[-/.]\d{1,2}"
                   rf"[-/.]\d{{2,4}}|\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})", re.IGNORECASE)
FULL_DATE = re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}\b"
                       rf"|\b\d{{1,2}}\s+(?:{MONTHS})\s+(?:19|20)\d{{2}}\b", re.IGNORECASE)


MAYBE_PERSONAL = re.compile(r"[\d@]")


def bsn_valid(digits: str) -> bool:
    """The Dutch BSN 'elfproef': 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_valid(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def personal_data(line: str) -> Iterator[tuple[int, Text]]:
    """(column offset, what) for each piece of personal data in one line of text."""
    yield from _contact_data(line)
    yield from _numbers(line)
    yield from _addresses_and_dates(line)


def _contact_data(line: str) -> Iterator[tuple[int, Text]]:
    # (an address needs an '@'; the search for one tries up to 64 characters at every place)
    for match in EMAIL.finditer(line) if "@" in line else ():
        yield match.start(), Text("cs056.email", value=match.group())
    ibans = [m.span(1) for m in IBAN.finditer(line) if iban_valid(m.group(1))]
    for match in PHONE.finditer(line):
        if not any(start <= match.start() < end for start, end in ibans):
            yield match.start(), Text("cs056.phone", value=match.group())


def _numbers(line: str) -> Iterator[tuple[int, Text]]:
    for match in NINE_DIGITS.finditer(line):
        digits = re.sub(r"\D", "", match.group(1))
        if bsn_valid(digits):
            yield match.start(1), Text("cs056.bsn", value=match.group(1))
    for match in IBAN.finditer(line):
        if iban_valid(match.group(1)):
            yield match.start(1), Text("cs056.iban", value=match.group(1).strip())


def _addresses_and_dates(line: str) -> Iterator[tuple[int, Text]]:
    for match in POSTCODE.finditer(line):
        if re.search(r"\d\s*[a-zA-Z]?$", match.group()) and re.search(r"[A-Z]{2}\b.*\d|\D\s+\d",
                                                                      match.group()):
            yield match.start(), Text("cs056.address", value=match.group().strip())
    for match in BIRTH.finditer(line):
        yield match.start(), Text("cs056.birth", value=match.group())
    if not BIRTH.search(line):
        for match in FULL_DATE.finditer(line):
            yield match.start(), Text("cs056.date", value=match.group())


# -- the checks ----------------------------------------------------------------------------------
def author_checks(case: Case, doc: Document, framework: Framework, text: str) -> list[Problem]:
    """All author warnings for one valid case, minus the ones silenced by a comment."""
    problems: list[Problem] = []
    problems += _screen_fit(case, doc)
    problems += _factor_checks(case, doc, framework)
    problems += _choice_checks(case, doc, framework)
    # most files silence nothing: their lines are only split when one does
    lines = text.splitlines() if SILENCE.search(text) else []
    problems += _stereotypes(case, doc, framework, lines)
    problems += _raw_text_checks(text, doc.file)
    return silence(problems, text, lines) if lines else problems


def silence(problems: list[Problem], text: str, lines: list[str] | None = None) -> list[Problem]:
    """Drop author warnings silenced on their line or by a comment alone on the line above."""
    lines = text.splitlines() if lines is None else lines

    def silenced(problem: Problem) -> bool:
        if problem.code not in AUTHOR_CODES:
            return False
        above = problem.line - 1
        comment_above = above >= 1 and lines[above - 1].lstrip().startswith("#")
        return _silenced_on(lines, problem.line, problem.code) or (
            comment_above and _silenced_on(lines, above, problem.code))

    return [p for p in problems if not silenced(p)]


def text_lines(text: str, width: int = SCREEN_WIDTH - 4) -> int:
    """Lines a text needs in a panel on an 80-column screen (greedy word wrap, as on screen)."""
    return _lines_and_words(text, width)[0]


def _lines_and_words(text: str, width: int) -> tuple[int, int]:
    """``text_lines`` and the number of words, from one split of each paragraph.

    Greedy word wrap: a line takes words while they fit in ``width`` columns (one space
    between them); a longer word stands on a line of its own. With the words one space apart
    that is a regular expression per line (``_wrapped_line``), not a step per word."""
    total = words = 0
    line = _wrapped_line(max(1, width))
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        split = paragraph.split()
        words += len(split)
        total += (len(line.findall(" ".join(split))) or 1) + 1
    return total - 1, words


@lru_cache(maxsize=8)
def _wrapped_line(width: int) -> re.Pattern[str]:
    """One line of greedy word wrap: the longest run of words (one space apart) that fits in
    ``width`` columns, or a single word longer than that."""
    return re.compile(rf"[^ ].{{0,{width - 1}}}(?= |$)|[^ ]+")


def situation_fits(text: str) -> tuple[bool, int, int]:
    """(fits, lines, words): the one length rule for a situation (see ``SITUATION_RULE``)."""
    lines, words = _lines_and_words(text, SCREEN_WIDTH - 4)
    return lines <= SITUATION_MAX_LINES and words <= SITUATION_WORDS[1], lines, words


def _screen_fit(case: Case, doc: Document) -> list[Problem]:
    """The situation text itself must fit one 80x24 screen; the persons may page to the next."""
    fits, lines, words = situation_fits(case.situation)
    if fits:
        return []
    return [doc.problem(("situation",), "CS050",
                        Text("cs050.too_long", lines=lines, max_lines=SITUATION_MAX_LINES,
                             words=words, max_words=SITUATION_WORDS[1]),
                        Text("cs050.too_long.hint", rule=Text(
                            "situation.rule", min=SITUATION_WORDS[0], max=SITUATION_WORDS[1],
                            lines=SITUATION_MAX_LINES)),
                        severity="warning", key=True)]


class _FrameworkIds:
    """The factor ids and pillar ids of a framework as sets, made once for the framework object
    a run checks every file against (the properties build a tuple at each call, and a tuple is
    searched item by item). One framework is kept, so memory stays as it is."""

    def __init__(self) -> None:
        self.framework: object = None  # kept alive, so no other framework can take its id
        self.ids: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    def __call__(self, framework: Framework) -> tuple[frozenset[str], frozenset[str]]:
        if framework is not self.framework:
            self.framework = framework
            self.ids = frozenset(framework.factor_ids), frozenset(framework.pillar_ids)
        return self.ids


#: (factor ids, pillar ids) of a framework, as sets
framework_ids = _FrameworkIds()


def _factor_checks(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    known = framework_ids(framework)[0]
    on_persons = {f for p in case.persons for f in (*p.visible, *p.invisible)}
    key = case.factors
    for index, factor in enumerate(key.decisive):
        if factor in known and factor not in on_persons:
            problems.append(doc.problem(
                ("factors", "decisive", index), "CS051",
                Text("cs051.no_person", factor=factor), Text("cs051.no_person.hint", factor=factor),
                severity="warning"))
    groups = ("decisive", "relevant", "distractor")
    seen: dict[str, str] = {}
    for group in groups:
        for index, factor in enumerate(getattr(key, group)):
            if factor in seen and seen[factor] != group:
                problems.append(doc.problem(
                    ("factors", group, index), "CS052",
                    Text("cs052.twice", factor=factor, first=Text(f"cs052.{seen[factor]}"),
                         then=Text(f"cs052.{group}")),
                    Text("cs052.twice.hint"), severity="warning"))
            seen.setdefault(factor, group)
    in_key = set(case.all_factor_ids)
    for p_index, person in enumerate(case.persons):
        for side in ("visible", "invisible"):
            for factor in getattr(person, side):
                if factor in known and factor not in in_key:
                    problems.append(doc.problem(
                        ("persons", p_index, side, factor), "CS058",
                        Text("cs058.not_in_key", factor=factor, person=person.name),
                        Text("cs058.not_in_key.hint"), severity="warning", key=True))
    return problems


def choices_with_locs(case: Case) -> list[tuple[Loc, Choice]]:
    """Every choice of the case and its stages, with its place in the document."""
    found: list[tuple[Loc, Choice]] = [(("choices", i), c) for i, c in enumerate(case.choices)]
    for s_index, stage in enumerate(case.stages):
        found += [(("stages", s_index, "choices", i), c) for i, c in enumerate(stage.choices)]
    return found


def _choice_checks(case: Case, doc: Document, framework: Framework) -> list[Problem]:
    problems: list[Problem] = []
    for loc, choice in choices_with_locs(case):
        if not any(choice.points.values()):
            problems.append(doc.problem(
                loc, "CS053", Text("cs053.no_points", choice=choice.id),
                Text("cs053.no_points.hint"), severity="warning"))
    reached = {p for _, c in choices_with_locs(case) for p, v in c.points.items() if v > 0}
    for pillar in framework.pillars:
        if pillar.id in reached:
            continue
        has_words = bool(pillar.indicators) or bool(case.reflection.indicators.get(pillar.id))
        hint = Text("cs054.reflection_only.hint" if has_words else "cs054.nothing.hint",
                    pillar=pillar.id)
        problems.append(doc.problem(("choices",), "CS054",
                                    Text("cs054.no_choice", pillar=pillar.id, name=pillar.name),
                                    hint, severity="warning", key=True))
    return problems


def _case_texts(case: Case) -> Iterator[tuple[Loc, str]]:
    yield ("title",), case.title
    yield ("situation",), case.situation
    yield ("question",), case.question
    for p_index, person in enumerate(case.persons):
        yield ("persons", p_index, "name"), person.name
        yield ("persons", p_index, "description"), person.description
        for side in ("visible", "invisible"):
            for factor, text in getattr(person, side).items():
                yield ("persons", p_index, side, factor), text
    for loc, choice in choices_with_locs(case):
        yield (*loc, "text"), choice.text
        yield (*loc, "feedback"), choice.feedback
    for s_index, stage in enumerate(case.stages):
        yield ("stages", s_index, "title"), stage.title
        yield ("stages", s_index, "situation"), stage.situation
        yield ("stages", s_index, "question"), stage.question
    yield ("reflection", "prompt"), case.reflection.prompt
    for d_index, question in enumerate(case.discussion):
        yield ("discussion", d_index), question
    yield ("expert",), case.expert


def _silenced_on(lines: list[str], number: int, code: str) -> bool:
    if not 1 <= number <= len(lines):
        return False
    match = SILENCE.search(lines[number - 1])
    if match is None:
        return False
    return not match.group(1).strip() or code in match.group(1).upper()


def _stereotypes(case: Case, doc: Document, framework: Framework,
                 lines: list[str]) -> list[Problem]:
    """Stereotyping phrases in the case's own text: the framework's patterns and, when the
    framework detects generalisations, a group with a clear generalising word ('nou eenmaal',
    'altijd'); quoted speech of persons in the case is fine. Inside a block of text (``|``) a
    comment is text, so such a warning is silenced on the line of the field name instead."""
    from casusspel.scoring.stereotypes import might_flag

    problems: list[Problem] = []
    texts = list(_case_texts(case))
    joined = "\n\n".join(t for _, t in texts)
    # a cue whose words are not all in the case is in none of its texts
    general = framework.generalisation if _cue_in(joined) else None
    if general is None and not might_flag(joined, framework.stereotypes):
        return problems
    for loc, text in texts:
        flags = _case_text_flags(text, framework, general)
        # (positions only for a text with flags, in a file that silences something: ``lines``
        # is empty when the file silences nothing)
        if not flags or lines and _silenced_on(lines, doc.position(loc, key=True)[0], "CS055"):
            continue
        for flag in flags:
            line, col = doc.position(loc)
            offset_line = text[:flag.start].count("\n")
            problems.append(Problem(
                doc.file, line + offset_line + (1 if offset_line and col > 1 else 0), col,
                "warning", "CS055", Text("cs055.stereotype", text=flag.text),
                Text("cs055.stereotype.hint", explanation=flag.explanation)))
    return problems


#: a case's joined texts up to this many characters: whether they hold a generalising cue is
#: remembered for the last cases (copies and variants of a case have the same texts)
CUE_REMEMBERED = 20_000


def _cue_in(joined: str) -> bool:
    """Whether a case's texts hold a generalising cue (remembered: ``_cue_in_remembered``)."""
    from casusspel.scoring.generalisation import has_cue

    return has_cue(joined) if len(joined) > CUE_REMEMBERED else _cue_in_remembered(joined)


@lru_cache(maxsize=256)
def _cue_in_remembered(joined: str) -> bool:
    from casusspel.scoring.generalisation import has_cue

    return has_cue(joined)


class _SeenTexts:
    """What the stereotype search found in a case text, per text, while the framework is the
    same object (``load_framework`` keeps it for the process: a validate run, or longer in a
    long-lived process; still exact, since the key holds all the search depends on).

    Cases in a folder share texts: copies of a case with another id, variants of one case, a
    standard question or feedback line. The search is a pure function of the text, the
    framework and whether the case holds a generalising cue anywhere, so a text seen before with
    the same framework gets the same flags without searching again. Only texts up to
    ``LONGEST`` characters are remembered, at most ``MOST`` of them (then it starts afresh):
    memory stays bounded whatever a folder holds."""

    LONGEST = 4_000
    MOST = 4_096

    def __init__(self) -> None:
        self.framework: object = None  # kept alive, so no other framework can take its id
        self.found: dict[tuple[str, bool], tuple[Flag, ...]] = {}

    def flags(self, text: str, framework: Framework,
              general: GeneralisationText | None) -> tuple[Flag, ...]:
        from casusspel.scoring.stereotypes import find_flags

        if len(text) > self.LONGEST:
            return find_flags(text, framework.stereotypes, general, case_text=True)
        if framework is not self.framework or len(self.found) >= self.MOST:
            self.framework, self.found = framework, {}
        key = (text, general is not None)
        seen = self.found.get(key)
        if seen is None:
            seen = self.found[key] = find_flags(text, framework.stereotypes, general,
                                                case_text=True)
        return seen


_case_text_flags = _SeenTexts().flags


CANDIDATE_LINE = re.compile(r"^.*(?:[\d@]|\bTODO\b).*$", re.M)
#: digits as '9', capitals as 'A', ASCII whitespace but the line end as ' ' (what ``\s`` matches
#: in a text with no other whitespace): one translation for every fast scan below
_CLASSES = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\x0b\x0c\r\x1c\x1d\x1e\x1f",
                           b"9" * 10 + b"A" * 26 + b" " * 8)
_STREETS = (b"straat", b"laan", b"weg", b"plein", b"singel", b"gracht", b"kade", b"dreef", b"hof")
_STREET_NUMBER = re.compile(r"(?:straat|laan|weg|plein|singel|gracht|kade|dreef|hof)\s+\d")
_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a digit other than 0-9 (Arabic-Indic, fullwidth...)
_WIDE_SPACE = re.compile(r"\s")  # (in the characters outside ASCII: NBSP, U+2028...)
_NOT_DIGIT_OR_LINE_END = bytes(b for b in range(256) if b not in b"9\n")


def _candidate_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of every line that could hold personal data or TODO.

    Every pattern of ``personal_data`` needs one of: an '@', four digits in a row, nine digits
    on the line, two capitals and two digits (IBAN), 'geb' (geboren), a street with a number;
    TODO needs 'TODO'. Those are found with a few fast scans of the whole text (validate reads
    thousands of files); a text with digits other than 0-9 takes the slower line-by-line path.
    """
    raw = utf8(text)  # (both made once per file: the loader made them before parsing)
    # the characters outside ASCII (a dozen in a case of the deck): see ``outside_ascii``
    wide = outside_ascii(text)
    if wide and _OTHER_DIGIT.search(wide):
        return _candidate_lines_slowly(text)
    masked = raw.translate(_CLASSES)
    offsets: list[int] = []  # byte offsets of hits
    for haystack, needle in ((raw, b"@"), (raw, b"TODO"), (masked, b"9999"), (masked, b"AA99"),
                             (raw.lower(), b"geb")):
        found = haystack.find(needle)
        while found >= 0:
            offsets.append(found)
            found = haystack.find(needle, found + 1)
    numbers = {raw.count(b"\n", 0, offset) for offset in offsets}
    # only the digits and the line ends: a line with nine digits is nine 9s in a row here
    digits = masked.translate(None, _NOT_DIGIT_OR_LINE_END)
    if b"999999999" in digits:
        numbers.update(n for n, line in enumerate(digits.split(b"\n")) if len(line) >= 9)
    if _street_number_possible(wide, raw, masked):
        numbers.update(text.count("\n", 0, m.start()) for m in _STREET_NUMBER.finditer(text))
    if not numbers:
        return []
    last = max(numbers)
    shown = text.split("\n", last + 1)  # the lines up to the last one needed (often line 2)
    return [(n + 1, shown[n]) for n in sorted(numbers)]


def _street_number_possible(wide: str, raw: bytes, masked: bytes) -> bool:
    """Whether ``_STREET_NUMBER`` can match in the text ``raw`` (UTF-8) whose characters outside
    ASCII are ``wide``, whose digits are 0-9 and whose ``_CLASSES`` are ``masked``: a street word
    right before the whitespace in front of a digit. When all whitespace is ASCII, that is one
    search of ``masked`` backwards (there the digit comes first, a literal prefix the regular
    expression engine skips to); otherwise a street word is looked for in the whole text (nine
    scans)."""
    if _WIDE_SPACE.search(wide):
        return any(street in raw for street in _STREETS)
    return _NUMBER_STREET.search(masked[::-1]) is not None


#: ``_STREET_NUMBER`` backwards, over a text's ``_CLASSES`` (whitespace ' ' or a line end, digits
#: '9'; street words are lower case, so they stay as they are): a digit, whitespace, a street
_NUMBER_STREET = re.compile(b"9[ \n]+(?:" + b"|".join(s[::-1] for s in _STREETS) + b")")


def _candidate_lines_slowly(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    number, counted_to = 1, 0
    for candidate in CANDIDATE_LINE.finditer(text):
        number += text.count("\n", counted_to, candidate.start())
        counted_to = candidate.start()
        found.append((number, candidate.group()))
    return found


def _raw_text_checks(text: str, file: str) -> list[Problem]:
    """Personal data and TODO markers, line by line (only lines that could have them)."""
    problems: list[Problem] = []
    for number, line in _candidate_lines(text):
        content = SILENCE.sub("", line) if "#" in line else line
        for col, what in personal_data(content) if MAYBE_PERSONAL.search(content) else ():
            problems.append(Problem(file, number, col + 1, "warning", "CS056",
                                    Text("cs056.personal", what=what), Text("cs056.personal.hint")))
        todo = TODO.search(content)
        if todo and not content.lstrip().startswith("#"):  # a note to self in a comment is fine
            problems.append(Problem(file, number, todo.start() + 1, "warning", "CS057",
                                    Text("cs057.todo"), Text("cs057.todo.hint")))
    return problems


TODO = re.compile(r"\bTODO\b")
