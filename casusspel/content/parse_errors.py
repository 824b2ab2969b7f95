"""YAML parser errors, explained in Dutch at the place where the author made the mistake.

PyYAML reports where it gave up, which is often far from the mistake: an unclosed quote on line 3
runs on until the next quote in the file, and the parser stops there, a hundred lines further.
So before reporting, we look for the likely cause:

- a tab in the indentation (CS016);
- curly quotes from a word processor around a value (CS071): YAML only knows straight quotes;
- a quote that opens and does not close on its line, or closes too early (CS070), reported where
  the quote opens, with the place where the parser gave up as a second location;
- otherwise the parser's own message, translated (CS011). No English parser text reaches the
  author: an unknown message gets a general Dutch one.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from casusspel.content.problems import Problem

CURLY_OPEN = "“‘„‚"
CURLY_CLOSE = "”’“‘"
CURLY_HINT = ("rond deze waarde staan gekrulde aanhalingstekens (“ ” of ‘ ’), bijvoorbeeld uit "
              "Word; YAML kent alleen rechte: \" en '. Typ rechte aanhalingstekens, of laat ze weg "
              "(zet tekst met ': ' erin dan tussen rechte aanhalingstekens)")
# a value (after 'key: ' or '- ') that begins with a curly quote
_CURLY_VALUE = re.compile(r"^[ ]*(?:-[ ]+)*(?:[^\s#'\"][^#]*?:[ ]+)?(?:-[ ]+)?([“‘„‚])")

Position = tuple[int, int]
SCAN_LIMIT = 200_000  # characters


def explain(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """The problem to show for a parser error: the likely cause, where the author can fix it."""
    mark = exc.problem_mark or exc.context_mark
    gave_up = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    tab = _tab_near(lines, gave_up[0])
    if tab is not None:
        return Problem(display, gave_up[0], tab, "error", "CS016",
                       "tab-teken gevonden; YAML springt alleen in met spaties",
                       "vervang de tabs door spaties (bijvoorbeeld twee per niveau)")
    context = exc.context_mark
    for number in dict.fromkeys((gave_up[0], context.line + 1 if context else gave_up[0])):
        curly = _curly_value(lines, number)
        if curly is not None:
            return curly_problem(display, (number, curly))
    quote = _quote_cause(exc, text, gave_up)
    if quote is not None:
        return quote_problem(display, *quote, gave_up)
    reason, hint = translate(exc)
    return Problem(display, gave_up[0], gave_up[1], "error", "CS011", f"YAML-fout: {reason}", hint)


def curly_problem(display: str, at: Position) -> Problem:
    return Problem(display, at[0], at[1], "error", "CS071",
                   "gekrulde aanhalingstekens rond een waarde", CURLY_HINT)


def quote_problem(display: str, opened: Position, quote: str, closed: Position | None,
                  gave_up: Position | None) -> Problem:
    """CS070 at the opening quote; where the parser gave up is named as the second place (or,
    when it did not give up, what the quote swallowed)."""
    where = (f"de YAML-lezer liep daardoor vast op regel {gave_up[0]}, kolom {gave_up[1]}"
             if gave_up else "alle velden daartussen worden zo deel van deze tekst")
    if closed is not None and closed[0] == opened[0]:
        other = "\"" if quote == "'" else "'"
        inner = "''" if quote == "'" else "\\\""
        return Problem(display, opened[0], opened[1], "error", "CS070",
                       f"de tekst tussen {quote} houdt al op bij kolom {closed[1]}; daarna staat "
                       f"nog tekst ({where})",
                       f"een {quote} in de tekst zelf schrijf je als {inner}, of zet de hele "
                       f"tekst tussen {other}")
    if closed is not None:
        message = (f"aanhalingsteken {quote} sluit niet op deze regel maar pas op regel "
                   f"{closed[0]}; {where}")
    else:
        message = f"aanhalingsteken {quote} wordt nergens gesloten; {where}"
    return Problem(display, opened[0], opened[1], "error", "CS070", message,
                   f"sluit de tekst met {quote} aan het eind van de regel; tekst over meer regels "
                   "schrijf je met '|' en de tekst ingesprongen op de regels eronder")


def _tab_near(lines: list[str], line: int) -> int | None:
    """Column of a tab in the leading whitespace of ``line`` or the line before, if any."""
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            current = lines[number - 1]
            indent = current[: len(current) - len(current.lstrip(" \t"))]
            if "\t" in indent:
                return indent.index("\t") + 1
    return None


def _curly_value(lines: list[str], number: int) -> int | None:
    if not 1 <= number <= len(lines):
        return None
    match = _CURLY_VALUE.match(lines[number - 1])
    return match.start(1) + 1 if match else None


def _quote_cause(exc: yaml.MarkedYAMLError, text: str,
                 gave_up: Position) -> tuple[Position, str, Position | None] | None:
    """(where a quote opens, the quote, where it closed or None) if a quote explains the error."""
    context = exc.context_mark
    unclosed = "end of stream" in str(exc.problem or "") or "document indicator" in str(
        exc.problem or "")
    if context is not None and "quoted scalar" in str(exc.context or "") and unclosed:
        quote = text[context.index] if context.index < len(text) else '"'
        return (context.line + 1, context.column + 1), quote, None
    last: Any = None
    end = _offset_after_line(text, gave_up[0])
    if end > SCAN_LIMIT:  # a case is a few kilobytes; the pure-Python scanner is slow on more
        return None
    try:
        for token in yaml.scan(text[:end], Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    if last is None:
        return None
    start, stop = last.start_mark, last.end_mark
    opened = (start.line + 1, start.column + 1)
    closed = (stop.line + 1, stop.column)
    spans_lines = stop.line > start.line and stop.line + 1 >= gave_up[0] - 1
    closes_early = stop.line + 1 == gave_up[0] and gave_up[1] - closed[1] <= 1
    if spans_lines or closes_early:
        return opened, last.style, closed
    return None


def _offset_after_line(text: str, line: int) -> int:
    offset = 0
    for _ in range(line):
        found = text.find("\n", offset)
        if found < 0:
            return len(text)
        offset = found + 1
    return offset


# (pattern on the parser's message, both libyaml's and PyYAML's wording) -> (reason, hint)
_INDENT_HINT = ("controleer de inspringing van deze regel en de regel erboven: wat bij elkaar "
                "hoort, staat even ver ingesprongen")
_QUOTE_HINT = "zet de hele waarde tussen rechte aanhalingstekens (\"...\")"
_TRANSLATIONS: tuple[tuple[str, str, str], ...] = (
    (r"mapping values are not allowed",
     "een dubbele punt met een spatie erna op een plek waar geen nieuw veld kan beginnen",
     "staat er ': ' in een tekst? Zet de tekst dan tussen rechte aanhalingstekens (\"...\") of "
     "gebruik '|'. Of staat deze regel te ver ingesprongen?"),
    (r"could not find expected ':'",
     "hier ontbreekt een dubbele punt na een veldnaam",
     "schrijf 'veld: waarde', met een spatie na de dubbele punt"),
    (r"did not find expected key|expected <block end>",
     "hier verwacht YAML een nieuw veld ('naam: waarde') of een lijstregel ('- ')",
     _INDENT_HINT),
    (r"did not find expected '-' indicator|block collection",
     "hier verwacht YAML een volgende lijstregel ('- ')", _INDENT_HINT),
    (r"block sequence entries are not allowed",
     "een lijstregel ('- ') op een plek waar geen lijst kan beginnen",
     "zet de lijst op de regels onder het veld, verder ingesprongen"),
    (r"expected ',' or '\]'|did not find expected ',' or '\]'",
     "een lijst tussen [ ] wordt niet gesloten, of er ontbreekt een komma",
     "sluit de lijst met ] op dezelfde regel; zet tekst met een komma of dubbele punt tussen "
     "rechte aanhalingstekens"),
    (r"expected ',' or '\}'|did not find expected ',' or '\}'",
     "een blok tussen { } wordt niet gesloten, of er ontbreekt een komma",
     "sluit het blok met } op dezelfde regel"),
    (r"cannot start any token",
     "een waarde kan niet met dit teken beginnen (zoals @ of `)", _QUOTE_HINT),
    (r"unknown escape character|escape sequence|hexdecimal|Unicode character escape",
     "een \\ tussen dubbele aanhalingstekens met een onbekende code erna",
     "schrijf een \\ als \\\\, of zet de tekst tussen enkele aanhalingstekens"),
    (r"undefined alias",
     "een * vooraan een waarde is in YAML een verwijzing, maar die bestaat niet", _QUOTE_HINT),
    (r"duplicate anchor",
     "een & vooraan een waarde is in YAML een anker, en dit anker staat er twee keer",
     _QUOTE_HINT),
    (r"alphabetic or numeric character",
     "na & of * vooraan een waarde verwacht YAML een naam", _QUOTE_HINT),
    (r"tag|'!'|URI|'>'",
     "een waarde die met ! begint, leest YAML als een tag", _QUOTE_HINT),
    (r"single document|another document|document start|<document start>|document indicator",
     "het bestand bevat meer dan één document (een regel '---' of '...')",
     "één casus per bestand: haal de regel '---' weg of splits het bestand"),
    (r"indentation indicator",
     "na '|' of '>' mag geen 0 staan", "schrijf alleen '|' of '>' en spring de tekst in"),
    (r"comment or (a )?line break",
     "na dit teken hoort de regel op te houden", "zet de tekst op de regels eronder, "
     "ingesprongen, of begin een opmerking met ' #'"),
    (r"mapping keys are not allowed|unexpected ':'",
     "een '?' of ':' op een plek waar YAML dat niet verwacht", _QUOTE_HINT),
    (r"tab character",
     "een tab-teken waar YAML spaties verwacht", "vervang de tabs door spaties"),
    (r"node content|expected the node content",
     "hier ontbreekt een waarde", "zet na de dubbele punt een waarde, of laat het veld weg"),
    (r"directive|%YAML|%TAG|version number",
     "een regel die met % begint, leest YAML als een opdracht", _QUOTE_HINT),
    (r"UTF-8|UTF-16|control characters|special characters|Unicode",
     "een teken dat niet in een tekstbestand hoort", "sla het bestand op als UTF-8-tekst"),
    (r"end of stream",
     "het bestand houdt onverwacht op", "controleer of elk aanhalingsteken ook wordt gesloten"),
)
_GENERAL = ("het bestand is hier geen geldige YAML",
            "controleer inspringing, dubbele punten en aanhalingstekens rond deze regel")


def translate(exc: yaml.YAMLError) -> tuple[str, str]:
    """A Dutch reason and hint for a parser message; never the English text itself."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return _GENERAL
    for said in (exc.problem, exc.context):
        for pattern, reason, hint in _TRANSLATIONS:
            if said and re.search(pattern, str(said)):
                return reason, hint
    return _GENERAL
