"""YAML parser errors, explained in Dutch at the place where the author made the mistake.

PyYAML reports where it gave up, which is often far from the mistake: an unclosed quote on line 3
runs on until the next quote in the file, and the parser stops there, a hundred lines further.
So before reporting, we look for the likely cause:

- a tab in the indentation (CS016);
- curly quotes from a word processor around a value (CS071): YAML only knows straight quotes;
- a line of a text block (``situation: |``) that is less indented than the lines above it:
  the parser reads it as the start of a new field and gives up lines later, about a colon
  (CS011, at that line, about its indentation);
- a quote that opens and does not close on its line, or closes too early (CS070), reported where
  the quote opens, with the place where the parser gave up as a second location;
- otherwise the parser's own message, translated (CS011). No English parser text reaches a
  Dutch author: an unknown message gets a general one from the catalogue.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from casusspel.content.problems import Problem
from casusspel.messages import Text

CURLY_OPEN = "“‘„‚"
CURLY_CLOSE = "”’“‘"
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
        return Problem(display, gave_up[0], tab, "error", "CS016", Text("cs016.tab"),
                       Text("cs016.tab.hint"))
    context = exc.context_mark
    for number in dict.fromkeys((gave_up[0], context.line + 1 if context else gave_up[0])):
        curly = _curly_value(lines, number)
        if curly is not None:
            return curly_problem(display, (number, curly))
    dedented = _dedented_line(exc, lines)
    if dedented is not None:
        return dedented_problem(display, dedented)
    quote = _quote_cause(exc, text, gave_up)
    if quote is not None:
        return quote_problem(display, *quote, gave_up)
    reason, hint = translate(exc)
    return Problem(display, gave_up[0], gave_up[1], "error", "CS011",
                   Text("cs011.yaml", reason=reason), hint)


def curly_problem(display: str, at: Position) -> Problem:
    return Problem(display, at[0], at[1], "error", "CS071", Text("cs071.curly"),
                   Text("cs071.curly.hint"))


def quote_problem(display: str, opened: Position, quote: str, closed: Position | None,
                  gave_up: Position | None) -> Problem:
    """CS070 at the opening quote; where the parser gave up is named as the second place (or,
    when it did not give up, what the quote swallowed)."""
    where = (Text("cs070.gave_up", line=gave_up[0], col=gave_up[1])
             if gave_up else Text("cs070.swallowed"))
    if closed is not None and closed[0] == opened[0]:
        other = "\"" if quote == "'" else "'"
        inner = "''" if quote == "'" else "\\\""
        return Problem(display, opened[0], opened[1], "error", "CS070",
                       Text("cs070.early", quote=quote, col=closed[1], where=where),
                       Text("cs070.early.hint", quote=quote, inner=inner, other=other))
    if closed is not None:
        message = Text("cs070.later", quote=quote, line=closed[0], where=where)
    else:
        message = Text("cs070.never", quote=quote, where=where)
    return Problem(display, opened[0], opened[1], "error", "CS070", message,
                   Text("cs070.close.hint", quote=quote))


#: a line that starts a text block: 'key: |', '- key: >-', '- |' (with an optional comment)
_BLOCK_HEADER = re.compile(
    r"^(?P<indent>[ ]*)(?:-[ ]+)*(?:(?P<key>[^\s#'\"][^#]*?):[ ]+)?(?:-[ ]+)?"
    r"[|>][-+0-9]*[ ]*(?:#.*)?$")
#: a line with a field: 'name: ...', '- id: a'; and one that YAML reads as a key ('Kacper zegt: ')
_FIELD = re.compile(r"^[ ]*(?:-[ ]+)*[A-Za-z_$][\w$-]*:(?:[ ]|$)")
_KEY_LINE = re.compile(r"^[ ]*(?:-[ ]+)*[^\s#'\"-][^#:]*:(?:[ ]|$)")
_WORD = re.compile(r"[^\W\d_]+")


def _dedented_line(exc: yaml.MarkedYAMLError, lines: list[str]) -> Dedented | None:
    """(line, the block's indentation, its field, the line where its text starts) when the
    parser stopped on, or lines after, a line of a text block that is less indented than the
    block: the rest of the text follows it at the block's indentation, or it is no field (its
    first word is not a field name). None when the line is a field or a list item, or the
    parser's marks point elsewhere."""
    marks = [mark.line + 1 for mark in (exc.context_mark, exc.problem_mark) if mark is not None]
    for number in sorted(set(marks)):
        found = _in_block(lines, number)
        if found is not None:
            return found
    # 'Open: in werkkleding ...' at the left margin: YAML read a field whose value ran on over
    # the rest of the text, and gave up at a ': ' further down; the field's line is above
    start = _run_start(lines, marks[-1]) if marks else None
    return _in_block(lines, start, key_line=True) if start is not None else None


def _run_start(lines: list[str], number: int) -> int | None:
    """The line above ``number`` where the lines indented like it (or more) begin: the line
    whose value they continue, or whose mapping they belong to."""
    if not 1 <= number <= len(lines):
        return None
    indent = _indent(lines[number - 1])
    above = number - 1
    while above >= 1 and (not lines[above - 1].strip() or _indent(lines[above - 1]) >= indent):
        above -= 1
    return above if above >= 1 and _KEY_LINE.match(lines[above - 1]) else None


#: the line, the block's indentation, its field ('' for '- |'), the line where its text starts
#: (the line itself when it is the first, 0 when it is the only one)
Dedented = tuple[int, int, str, int]


def dedented_problem(display: str, found: Dedented) -> Problem:
    """CS011 at a text-block line that is indented less than the block."""
    line, indent, field, block = found
    variant = ".first" if block == line else ".only" if block == 0 else ""
    key = "yaml.dedented" + variant + ("" if field else ".item")
    reason = Text(key, field=field, line=block)
    return Problem(display, line, 1, "error", "CS011", Text("cs011.yaml", reason=reason),
                   Text("yaml.dedented.hint", n=indent))


def dedented_key(lines: list[str], number: int) -> Dedented | None:
    """For a key on line ``number`` that is no field name: whether that line is a line of the
    text block above, indented too little, that YAML read as a field because it has ': ' in it
    ('Kacper zegt: ...'): its key holds a space (no field does), or the text goes on below it,
    and it is not (close to) a field name."""
    return _in_block(lines, number, key_line=True)


def _in_block(lines: list[str], number: int, *, key_line: bool = False) -> Dedented | None:
    if not 1 <= number <= len(lines):
        return None
    line = lines[number - 1]
    indent = _indent(line)
    if not line.strip() or line.lstrip().startswith(("#", "- ")) or (
            _FIELD.match(line) and (not key_line or _field_word(line))):
        return None  # a field (a key that is no field name may be a line of text)
    for above in range(number - 1, 0, -1):  # up to the block's header
        current = lines[above - 1]
        header = _BLOCK_HEADER.match(current)
        if header is not None:
            break
        if current.strip() and _indent(current) <= indent:
            return None
    else:
        return None
    text = [(i + 1, lines[i]) for i in range(above, number - 1) if lines[i].strip()]
    continues = next((item for item in lines[number:] if item.strip()), "")
    key_column = len(current) - len(current.lstrip(" -"))  # where the header's key begins
    if text:
        block = min(_indent(item) for _, item in text)
    elif _FIELD.match(continues) or continues.lstrip().startswith(("#", "- ")) or not continues:
        block = key_column + 2  # the text's only line: indented as the guide does
    else:  # the text's first line: the lines below it show the block's indentation
        block = _indent(continues)
    if not indent < block or block <= key_column:
        return None
    if indent <= key_column and _indent(continues) < block and not _mid_sentence(text) and (
            key_line and " " not in line.split(":", 1)[0].strip() or _field_word(line)):
        # 'question Wat doe je?' under a text: a field without its colon; 'Titel: ...' or
        # 'Opmerking: ...' with no text after it: a field of another name (unless the text
        # above stops in the middle of a sentence)
        return None
    first = text[0][0] if text else (0 if block == key_column + 2 and not (
        continues and _indent(continues) == block) else number)
    return number, block, (header.group("key") or "").strip(), first


def _mid_sentence(text: list[tuple[int, str]]) -> bool:
    """Whether the last line of a text stops in the middle of a sentence (the next line goes
    on with it)."""
    end = text[-1][1].rstrip()[-1:] if text else ""
    return end.isalnum() or end == ","


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _field_word(line: str) -> bool:
    """Whether a line begins with (something close to) a field name: then a colon is missing."""
    import difflib

    from casusspel.content.library import DUTCH_FIELDS, _all_field_names

    word = _WORD.match(line.strip())
    if word is None:
        return False
    names = [*_all_field_names(), *DUTCH_FIELDS]
    return bool(difflib.get_close_matches(word.group().lower(), names, n=1, cutoff=0.75))


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


# (pattern on the parser's message, both libyaml's and PyYAML's wording) -> the catalogue's
# yaml.<name> (the reason) and the hint: yaml.<name>.hint, or a shared one
_INDENT_HINT = "yaml.indent.hint"
_QUOTE_HINT = "yaml.quote.hint"
_TRANSLATIONS: tuple[tuple[str, str, str], ...] = (
    (r"mapping values are not allowed", "yaml.colon", "yaml.colon.hint"),
    (r"could not find expected ':'", "yaml.no_colon", "yaml.no_colon.hint"),
    (r"did not find expected key|expected <block end>", "yaml.expected_key", _INDENT_HINT),
    (r"did not find expected '-' indicator|block collection", "yaml.expected_item",
     _INDENT_HINT),
    (r"block sequence entries are not allowed", "yaml.list_here", "yaml.list_here.hint"),
    (r"expected ',' or '\]'|did not find expected ',' or '\]'", "yaml.flow_list",
     "yaml.flow_list.hint"),
    (r"expected ',' or '\}'|did not find expected ',' or '\}'", "yaml.flow_map",
     "yaml.flow_map.hint"),
    (r"cannot start any token", "yaml.bad_start", _QUOTE_HINT),
    (r"unknown escape character|escape sequence|hexdecimal|Unicode character escape",
     "yaml.escape", "yaml.escape.hint"),
    (r"undefined alias", "yaml.alias", _QUOTE_HINT),
    (r"duplicate anchor", "yaml.anchor_twice", _QUOTE_HINT),
    (r"alphabetic or numeric character", "yaml.anchor_name", _QUOTE_HINT),
    (r"tag|'!'|URI|'>'", "yaml.tag", _QUOTE_HINT),
    (r"single document|another document|document start|<document start>|document indicator",
     "yaml.documents", "yaml.documents.hint"),
    (r"indentation indicator", "yaml.indicator", "yaml.indicator.hint"),
    (r"comment or (a )?line break", "yaml.line_end", "yaml.line_end.hint"),
    (r"mapping keys are not allowed|unexpected ':'", "yaml.question_mark", _QUOTE_HINT),
    (r"tab character", "yaml.tab", "yaml.tab.hint"),
    (r"node content|expected the node content", "yaml.no_value", "yaml.no_value.hint"),
    (r"directive|%YAML|%TAG|version number", "yaml.directive", _QUOTE_HINT),
    (r"UTF-8|UTF-16|control characters|special characters|Unicode", "yaml.character",
     "yaml.character.hint"),
    (r"end of stream", "yaml.end", "yaml.end.hint"),
)
_GENERAL = ("yaml.general", "yaml.general.hint")


def translate(exc: yaml.YAMLError) -> tuple[Text, Text]:
    """A reason and hint for a parser message, from the catalogue; never the parser's text."""
    reason, hint = _GENERAL
    if isinstance(exc, yaml.MarkedYAMLError):
        reason, hint = next(((reason, hint) for said in (exc.problem, exc.context) if said
                             for pattern, reason, hint in _TRANSLATIONS
                             if re.search(pattern, str(said))), _GENERAL)
    if reason == "yaml.flow_map":  # the braces as values: a catalogue text with '{' is a field
        return Text(reason, open="{", close="}"), Text(hint, close="}")
    return Text(reason), Text(hint)
