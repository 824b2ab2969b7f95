"""YAML text -> plain data with a file:line:col position for every node.

PyYAML composes a node tree whose marks give positions; we convert that tree ourselves so that
(1) every value keeps its position for error messages, (2) duplicate keys are reported, which
PyYAML silently accepts, (3) only plain YAML types are built (no ``!!python/...`` tags, ever), and
(4) alias bombs and absurd nesting stop with a clear problem instead of eating memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from casusspel.content.parse_errors import (
    CURLY_CLOSE,
    CURLY_OPEN,
    curly_problem,
    dedented_key,
    dedented_problem,
    explain,
    quote_problem,
    translate,
)
from casusspel.content.problems import Problem
from casusspel.files import FileRefused, read_capped
from casusspel.messages import Text, os_reason

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64

Loc = tuple[str | int, ...]

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_CONTROL_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
#: in a value (after YAML escapes like "\e" or "\x1b" are read): control characters, and the
#: bidirectional overrides and isolates that can make text read differently than it is stored
_VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SCALAR = yaml.ScalarNode
#: plain decimals without a leading zero, as the safe constructor reads them ('010' is octal)
_SMALL_INTS = {str(number): number for number in range(1000)}
_BLOCK = ("|", ">")


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """The safe (C) loader with a leaner tag resolver: the same implicit-tag table, without the
    path resolvers a safe loader never has (the parser calls this once per node)."""

    _implicit: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
        first: tuple(resolvers) for first, resolvers in
        _BASE_LOADER.yaml_implicit_resolvers.items() if first is not None}

    # called for every node; a safe loader has no path resolvers, so they do nothing: builtins
    # that take the same arguments skip a Python call each time
    descend_resolver = slice
    ascend_resolver = tuple

    if _BASE_LOADER is getattr(yaml, "CSafeLoader", None):

        def __init__(self, stream: Any) -> None:
            # only the C parser composes: the constructor's and resolver's state is never used
            # (_Converter makes the data, tags are resolved below): fewer Python calls per file
            _BASE_LOADER.__bases__[0].__init__(self, stream)  # CParser

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _SCALAR:
            if implicit[0]:
                tag = _RESOLVED.get(value)  # most plain values: keys, ids, numbers
                if tag is not None:
                    return tag
                resolvers = self._implicit.get(value[:1])
                if resolvers is None:
                    return _STR_TAG
                tag = next((str(tag) for tag, regexp in resolvers if regexp.match(value)),
                           _STR_TAG)
                if len(value) <= 40 and len(_RESOLVED) < 10_000:
                    _RESOLVED[value] = tag
                return tag
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


#: the tags of short plain values seen before ('name', 'nl', 'no', '2'): the same in every file,
#: and a dictionary look-up is quicker than the resolvers' regular expressions
_RESOLVED: dict[str, str] = {}


assert None not in _BASE_LOADER.yaml_implicit_resolvers and not _BASE_LOADER.yaml_path_resolvers
_LOADER: Any = _Loader


class LoadFailed(Exception):
    """Internal: stops conversion with one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass
class Document:
    """Plain data from one YAML file, and where every key and value is in it.

    Positions are looked up in the YAML node tree when a problem needs one (a few per file),
    not recorded for every value: validate reads thousands of files that have few problems.
    """

    file: str
    data: Any
    problems: list[Problem] = field(default_factory=list)
    root: yaml.Node | None = field(default=None, repr=False)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the node at ``loc``, or of its nearest parent; with
        ``key``, of the key that names it (when it is a value in a mapping)."""
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for step in loc:
            found = _child(node, step)
            if found is None:
                break
            key_node, node = found
            mark = key_node.start_mark if key and key_node is not None else node.start_mark
        return mark.line + 1, mark.column + 1

    def problem(self, loc: Loc, code: str, message: Text, hint: Text | None = None, *,
                severity: str = "error", key: bool = False) -> Problem:
        line, col = self.position(loc, key=key)
        return Problem(self.file, line, col, "error" if severity == "error" else "warning",
                       code, message, hint)


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node or None, value node) of ``step`` below ``node``: the last of equal keys, as the
    data keeps it (keys are text: the converter names a key by what the author wrote)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in reversed(node.value):
            if key_node.value == step and isinstance(key_node, yaml.ScalarNode):
                return key_node, value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
            and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


_FIELD_LINE = re.compile(r"^[ ]*(?:-[ ]+)?[A-Za-z_$][\w$-]*:(?:[ ]|$)")
SCAN_DEPTH = 1000  # far above any real file, far below what crashes the C parser's stack
_COMPACT_ITEMS = re.compile(r"^[ ]*(?:-[ ]+)+", re.M)
_LONG_ITEM_START = re.compile(rf"^[ -]{{{2 * SCAN_DEPTH},}}", re.M)


def _too_deep(text: str) -> tuple[int, int] | None:
    """A linear scan before parsing: the C parser recurses per level and would overflow the
    stack (a segfault, no message) on tens of thousands of levels, before MAX_DEPTH is checked."""
    depth = 0
    for index, char in enumerate(text if _more_than(text, "[{", SCAN_DEPTH) else ""):
        if char in "[{":
            depth += 1
            if depth > SCAN_DEPTH:
                return _position(text, index)
        elif char in "]}" and depth:
            depth -= 1
    # both scans below need a run of spaces and dashes at least 2 * SCAN_DEPTH long; a real file
    # has no run of even _RUN spaces once its dashes are spaces (two quick searches)
    spaced = text.replace("-", " ")
    if _RUN not in spaced:
        return None
    if " " * 2 * SCAN_DEPTH in spaced and _LONG_ITEM_START.search(text):
        for match in _COMPACT_ITEMS.finditer(text):
            if match.group().count("-") > SCAN_DEPTH or len(match.group()) > 4 * SCAN_DEPTH:
                return _position(text, match.start())
    for match in re.finditer(rf"^[ ]{{{4 * SCAN_DEPTH},}}", text, re.M) if (
            " " * 4 * SCAN_DEPTH in text) else ():
        return _position(text, match.start())
    return None


_RUN = " " * 64


def _more_than(text: str, chars: str, most: int) -> bool:
    """Whether ``text`` holds more than ``most`` of ``chars`` in all: one quick search per
    occurrence (a real file has a few brackets), at most ``most`` + 1 of them (a count of the
    whole text was 4 us per character asked for, in every file)."""
    found = 0
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found += 1
            if found > most:
                return True
            at = text.find(char, at + 1)
    return False


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_KINDS = ("fifo", "device", "socket", "symlink")


def read_text(path: Path, display: str, limit: int = MAX_BYTES,
              hint: Text | None = None) -> str:
    """Read a regular file (at most ``limit`` bytes) as UTF-8 text, or raise LoadFailed with a
    positioned problem (``hint`` for a file that is too large). FIFOs, devices and sockets are
    refused before they are opened."""
    try:
        raw = read_capped(path, limit)
    except FileRefused as refused:
        raise LoadFailed(_refused(refused, display, limit,
                                  hint or Text("cs002.hint"))) from None
    except FileNotFoundError:
        raise LoadFailed(Problem(display, 1, 1, "error", "CS001", Text("cs001.not_found"),
                                 Text("cs001.not_found.hint"))) from None
    except OSError as exc:
        raise LoadFailed(Problem(display, 1, 1, "error", "CS001",
                                 Text("cs001.unreadable", reason=os_reason(exc)))) from None
    return decode(raw, display)


def _refused(refused: FileRefused, display: str, limit: int, hint: Text) -> Problem:
    if refused.kind == "directory":
        return Problem(display, 1, 1, "error", "CS001", Text("cs001.folder"),
                       Text("cs001.folder.hint"))
    if refused.kind == "too_large":
        return Problem(display, 1, 1, "error", "CS002",
                       Text("cs002.too_large", size=refused.size // 1_000_000,
                            max=limit // 1_000_000), hint)
    kind = refused.kind if refused.kind in _KINDS else "other"
    return Problem(display, 1, 1, "error", "CS004",
                   Text("cs004.not_regular", kind=Text(f"file.kind.{kind}")),
                   Text("cs004.not_regular.hint"))


def decode(raw: bytes, display: str) -> str:
    """Decode UTF-8 (a BOM is allowed); NUL bytes and invalid bytes are problems with a position."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        raise LoadFailed(Problem(display, line, col, "error", "CS003", Text("cs003.nul"),
                                 Text("cs003.nul.hint")))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise LoadFailed(Problem(display, line, col, "error", "CS003", Text("cs003.utf8"),
                                 Text("cs003.utf8.hint"))) from None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


_ASCII_ALLOWED = bytes(b for b in range(128) if not re.match(_CONTROL_CHAR, chr(b)))


ASCII_BYTES = bytes(range(128))
#: what ``_may_have_control`` deletes from the UTF-8 of a text that is not all ASCII: the ASCII
#: bytes that are allowed and every byte of a character outside ASCII (checked apart)
_ALLOWED_OR_WIDE = _ASCII_ALLOWED + bytes(range(128, 256))


@lru_cache(maxsize=2)
def utf8(text: str) -> bytes:
    """The UTF-8 of ``text`` (lone surrogates kept), made once for the text of the file being
    checked: the checks before parsing, the converter and the personal-data scan all look at
    its bytes (three encodings of each file before; the last two texts are kept, so memory
    stays bounded)."""
    return text.encode("utf-8", "surrogatepass")


@lru_cache(maxsize=2)
def outside_ascii(text: str) -> str:
    """The characters of ``text`` that are not ASCII, in order: what a search for rare
    characters (controls, bidi marks, digits other than 0-9) needs to look at. In UTF-8 every
    byte of such a character is 0x80 or above, so deleting the ASCII bytes keeps them whole: a
    few microseconds, where a regular expression over the whole text takes 30-180 (a case of
    the deck has about 6,000 characters, a dozen of them outside ASCII). Made once per file
    text, like ``utf8``."""
    if text.isascii():
        return ""
    return utf8(text).translate(None, ASCII_BYTES).decode("utf-8", "surrogatepass")


def _may_have_control(text: str) -> bool:
    """False when a text surely has no control character (byte-level checks and a search of
    the few characters outside ASCII, much faster than the regular expression over a whole
    file)."""
    if text.isascii():
        return bool(utf8(text).translate(None, _ASCII_ALLOWED))
    return bool(utf8(text).translate(None, _ALLOWED_OR_WIDE)) or bool(
        _CONTROL_CHAR.search(outside_ascii(text)))


def parse(text: str, display: str) -> Document:
    """Parse YAML text into a Document, or raise LoadFailed with the first syntax problem."""
    if not text.strip():
        raise LoadFailed(Problem(display, 1, 1, "error", "CS010", Text("cs010.empty"),
                                 Text("cs010.empty.hint")))
    check_before_parsing(text, display)
    try:
        # the bytes made for the checks above: the C parser would encode the text once more
        # (its marks count characters either way, so positions are the same)
        node = yaml.compose(utf8(text), Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise LoadFailed(explain(exc, text, display)) from None
    except yaml.YAMLError as exc:
        raise LoadFailed(yaml_problem(exc, display)) from None
    except RecursionError:
        raise LoadFailed(Problem(display, 1, 1, "error", "CS013",
                                 Text("cs013.too_deep_to_read"))) from None
    if node is None:
        raise LoadFailed(Problem(display, 1, 1, "error", "CS010", Text("cs010.empty")))
    doc = Document(display, None, root=node)
    doc.data = _Converter(doc, text).convert(node, 0)
    return doc


def yaml_problem(exc: yaml.YAMLError, display: str) -> Problem:
    reason, hint = translate(exc)
    return Problem(display, 1, 1, "error", "CS011", Text("cs011.yaml", reason=reason), hint)


def check_before_parsing(text: str, display: str) -> None:
    """What the C parser must never see: control characters (it stops without saying where)
    and nesting deep enough to overflow its stack (LoadFailed)."""
    control = _CONTROL_CHAR.search(text) if _may_have_control(text) else None
    if control:
        line = text.count("\n", 0, control.start()) + 1
        col = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        raise LoadFailed(Problem(display, line, col, "error", "CS017",
                                 Text("cs017.control", char=f"\\x{ord(control.group()):02x}"),
                                 Text("cs017.control.hint")))
    deep = _too_deep(text)
    if deep is not None:
        raise LoadFailed(Problem(display, deep[0], deep[1], "error", "CS013",
                                 Text("cs013.too_deep"), Text("cs013.too_deep.hint")))


class _Converter:
    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        self.count = 0
        self.lines: list[str] | None = None  # the text's lines, when a check needs them
        self.constructor = yaml.constructor.SafeConstructor()
        #: whether a value could hold a control character: an escape, or a bidi character
        self.controls = "\\" in text or bool(_BIDI.search(outside_ascii(text)))

    def _check_controls(self, node: yaml.ScalarNode, value: str) -> None:
        """Warn (CS018) about a control or bidi character in a value: it would be shown as a
        visible placeholder, never act, but it does not belong in a case."""
        found = _VALUE_CONTROL.search(value)
        if found is None:
            return
        start, end = node.start_mark.index, node.end_mark.index
        source = self.text[start:end]
        at = next((m.start() for m in (re.search(r"\\", source), _VALUE_CONTROL.search(source))
                   if m is not None), 0)
        line, col = _position(self.text, start + at)
        code = ord(found.group())
        name = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        what = Text("cs018.bidi") if code > 0xff else Text("cs018.control")
        self.doc.problems.append(Problem(
            self.doc.file, line, col, "warning", "CS018",
            Text("cs018.in_value", what=what, char=name), Text("cs018.in_value.hint")))

    def convert(self, node: yaml.Node, depth: int, field: str | None = None,
                item_of: str | None = None) -> Any:
        """Plain data for ``node``; ``field``: the key it is the value of (the name of a list),
        ``item_of``: the name of the list it is an item of (for what a repeated key means)."""
        self.count += 1
        if (node.tag == _STR_TAG and type(node) is yaml.ScalarNode and not self.controls
                and self.count <= MAX_NODES and depth <= MAX_DEPTH):
            # most nodes: a plain or block text with nothing to check (what the general path
            # below does for it, in fewer steps)
            style = node.style
            if not style and node.value[:1] not in CURLY_OPEN or style in ("|", ">"):
                return node.value
        self._check_size(node, depth)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, _MAP_TAG)
            return self._mapping(node, depth, item_of)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ_TAG)
            return self._sequence(node, depth, field)
        raise AssertionError(f"unexpected node {node!r}")

    def _sequence(self, node: yaml.SequenceNode, depth: int, name: str | None) -> list[Any]:
        items: list[Any] = []
        # plain texts as in ``convert``'s fast path, without a call for each (most items)
        plain = not self.controls and depth < MAX_DEPTH
        for item in node.value:
            if plain and type(item) is _SCALAR and item.tag == _STR_TAG and (
                    not item.style and item.value[:1] not in CURLY_OPEN
                    or item.style in _BLOCK) and self.count < MAX_NODES:
                self.count += 1
                items.append(item.value)
            else:
                items.append(self.convert(item, depth + 1, item_of=name or ""))
        return items

    def _dedented(self, key_node: yaml.Node) -> bool:
        """Whether a key that is no field name (a space in it, a capital) is a line of the text
        block above it, indented too little, with ': ' in it (then the problem says so: CS011)."""
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.style:
            return False
        if self.lines is None:
            self.lines = self.text.splitlines()
        found = dedented_key(self.lines, line)
        if found is None or found[0] != line:
            return False
        self.doc.problems.append(dedented_problem(self.doc.file, found))
        return True

    def _check_size(self, node: yaml.Node, depth: int) -> None:
        mark = node.start_mark
        if self.count > MAX_NODES:
            raise LoadFailed(Problem(self.doc.file, mark.line + 1, mark.column + 1, "error",
                                     "CS013", Text("cs013.too_many_nodes"),
                                     Text("cs013.too_many_nodes.hint")))
        if depth > MAX_DEPTH:
            raise LoadFailed(Problem(self.doc.file, mark.line + 1, mark.column + 1, "error",
                                     "CS013", Text("cs013.levels", max=MAX_DEPTH)))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag != _STR_TAG:  # a text value always passes
            self._check_tag(node, None)
        style = node.style
        if style == "'" or style == '"' or (not style and node.value[:1] in CURLY_OPEN):
            self._check_quotes(node)  # (nothing to check for the other styles)
        if tag == _STR_TAG:  # most values: the text itself, as the constructor gives it
            value = node.value
        elif (tag == _INT_TAG and len(node.value) < 19 and node.value.isascii()
              and node.value.isdigit() and (node.value[:1] != "0" or node.value == "0")):
            value = int(node.value)  # a plain decimal (YAML 1.1 reads '010' as octal)
        else:
            try:
                value = self.constructor.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):  # a date like 2024-02-30, 5,000 digits
                value = str(node.value)
        if self.controls and isinstance(value, str):
            self._check_controls(node, value)
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = str(node.value)  # timestamps stay the text the author wrote
        return value

    def _check_quotes(self, node: yaml.ScalarNode) -> None:
        """Curly quotes around a plain value, and a quoted value that swallowed field lines."""
        style, value = node.style, node.value
        if style == "'" or style == '"':
            start, end = node.start_mark, node.end_mark
            if end.line > start.line and any(
                    _FIELD_LINE.match(line)
                    for line in self.text[start.index:end.index].splitlines()[1:]):
                self.doc.problems.append(quote_problem(
                    self.doc.file, (start.line + 1, start.column + 1), style,
                    (end.line + 1, end.column), None))
        elif not style and value and value[0] in CURLY_OPEN and value[-1] in CURLY_CLOSE \
                and len(value) > 1:
            start = node.start_mark
            self.doc.problems.append(curly_problem(self.doc.file,
                                                   (start.line + 1, start.column + 1)))

    def _check_tag(self, node: yaml.Node, expected: str | None) -> None:
        ok = node.tag == expected if expected else node.tag in _PLAIN_TAGS
        if not ok:
            mark = node.start_mark
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise LoadFailed(Problem(self.doc.file, mark.line + 1, mark.column + 1, "error",
                                     "CS012", Text("cs012.tag", tag=tag),
                                     Text("cs012.tag.hint")))

    def _mapping(self, node: yaml.MappingNode, depth: int,
                 item_of: str | None = None) -> dict[Any, Any]:
        """``item_of``: the name of the list this mapping is an item of ('' for a list without
        a name), None when it is not a list item."""
        result: dict[Any, Any] = {}
        first: dict[str, yaml.Node] = {}  # key -> the node of its last occurrence so far
        repeated: list[tuple[yaml.Node, yaml.Node]] = []  # (key node, its earlier occurrence)
        plain = not self.controls and depth < MAX_DEPTH  # values: convert(.., depth + 1)
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and type(key_node) is _SCALAR and depth < MAX_DEPTH \
                    and self.count < MAX_NODES:
                self.count += 1  # a plain text key: what convert() would do, without the detour
                style = key_node.style
                if style == "'" or style == '"' or (not style and key_node.value[:1] in CURLY_OPEN):
                    self._check_quotes(key_node)
                key = key_node.value
                if self.controls:
                    self._check_controls(key_node, key)
            else:
                if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                    mark = key_node.start_mark
                    raise LoadFailed(Problem(self.doc.file, mark.line + 1, mark.column + 1,
                                             "error", "CS014", Text("cs014.key"),
                                             Text("cs014.key.hint")))
                key = self.convert(key_node, depth + 1)
                key = key if isinstance(key, str) else str(key_node.value)
            if (" " in key or not key.islower()) and self._dedented(key_node):
                continue  # a line of the text above, not a field (reported as such)
            if key in result:
                repeated.append((key_node, first[key]))
            first[key] = key_node
            if plain and type(value_node) is _SCALAR and self.count < MAX_NODES:
                # as in ``convert``'s fast path, without the call: a plain or block text, and a
                # plain small number (points, minutes: '0' took the constructor's long way)
                tag, style, value = value_node.tag, value_node.style, value_node.value
                if tag == _STR_TAG and (not style and value[:1] not in CURLY_OPEN
                                        or style in _BLOCK):
                    self.count += 1
                    result[key] = value
                    continue
                if tag == _INT_TAG and not style and value in _SMALL_INTS:
                    self.count += 1
                    result[key] = _SMALL_INTS[value]
                    continue
            result[key] = self.convert(value_node, depth + 1, field=key)
        if repeated:
            self.doc.problems += repeated_keys(self.doc.file, self.text, node, repeated,
                                               item_of)
        return result


def repeated_keys(file: str, text: str, node: yaml.MappingNode,
                  repeated: list[tuple[yaml.Node, yaml.Node]],
                  item_of: str | None) -> list[Problem]:
    """CS015 for keys that a mapping holds twice. In a list item where the first key comes back
    with a run of keys after it, a '- ' was most likely forgotten and the next item's keys
    merged into this one: one problem per run that says so (deleting a key, the advice for a
    plain repeated key, would delete a person or a choice)."""
    keys = [key_node.value for key_node, _ in node.value]
    starts = item_starts(keys) if item_of is not None else None
    if starts is None:
        problems = []
        for key_node, earlier in repeated:
            mark = key_node.start_mark
            problems.append(Problem(file, mark.line + 1, mark.column + 1, "error", "CS015",
                                    Text("cs015.twice", key=key_node.value,
                                         line=earlier.start_mark.line + 1),
                                    Text("cs015.twice.hint")))
        return problems
    item = _item_word(item_of or "")
    problems = []
    ends = [*starts[2:], len(keys)]
    for number, start in enumerate(starts[1:]):
        before, end = starts[number], ends[number]
        known = set(keys[before:start])
        again = [key for key in keys[start:end] if key in known]
        mark = node.value[start][0].start_mark
        first = node.value[before][0].start_mark
        problems.append(Problem(
            file, mark.line + 1, mark.column + 1, "error", "CS015",
            Text.plural("cs015.new_item", len(again),
                        keys=_and(tuple(f"'{key}'" for key in again)),
                        item=Text(f"{item}.this", list=item_of),
                        line=first.line + 1),
            Text("cs015.new_item.hint", item=Text(f"{item}.new", list=item_of),
                 key=keys[start], below=_below_dash(text, first, mark.column))))
    return problems


def _below_dash(text: str, first: Any, column: int) -> Text | str:
    """', right below the '- ' on line N' when the item's first key has its dash just before
    it, at the column where the repeated key stands."""
    lines = text.splitlines()
    line = lines[first.line] if first.line < len(lines) else ""
    if first.column >= 2 and line[first.column - 2:first.column] == "- " \
            and column == first.column:
        return Text("cs015.new_item.below", line=first.line + 1)
    return ""


def item_starts(keys: list[str]) -> list[int] | None:
    """Where the items of a list seem to start in one mapping whose keys repeat: at every key
    equal to the first, when each stretch from there to the next holds no key twice and repeats
    two or more keys of the stretch before it (one, when the first stretch has one key). None
    when the keys repeat otherwise: then a key was written twice."""
    starts = [index for index, key in enumerate(keys) if key == keys[0]]
    if len(starts) < 2:
        return None
    ends = [*starts[1:], len(keys)]
    runs = [keys[start:end] for start, end in zip(starts, ends, strict=True)]
    if any(len(set(run)) < len(run) for run in runs):
        return None
    if any(len(set(run) & set(before)) < min(2, len(runs[0]))
           for before, run in zip(runs, runs[1:], strict=False)):
        return None
    return starts


#: the lists of cases, frameworks, programmes and calibration files, by the word for one item
_ITEM_WORDS = {"persons": "person", "choices": "choice", "stages": "stage",
               "examples": "example", "pillars": "pillar", "factors": "factor",
               "stereotypes": "pattern", "indicators": "indicator", "blocks": "block",
               "reflections": "reflection"}


def _item_word(list_name: str) -> str:
    """The catalogue's key for one item of the list ``list_name`` ('cs015.item.person')."""
    if not list_name:  # an item of a list in a list
        return "cs015.item.unnamed"
    return f"cs015.item.{_ITEM_WORDS.get(list_name, 'other')}"


def _and(names: tuple[str, ...]) -> Text:
    """Names as 'a, b en c', in the language of whoever shows them."""
    if len(names) == 1:
        return Text("as_is", text=names[0])
    return Text("list.names", first=", ".join(names[:-1]), last=names[-1])
