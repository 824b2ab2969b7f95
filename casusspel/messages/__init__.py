"""The message catalogue: every text a person reads, in Dutch (default) and English.

Texts live in gettext catalogues beside this file (``nl.po``, ``en.po``), keyed by stable ids such
as ``"phase.situation"``; code never holds the words themselves. The ``.po`` files are compiled to
``.mo`` (read by the standard library's ``gettext``, which costs nothing at start-up) with::

    python -m casusspel.messages.compile

A test fails when a ``.mo`` file is older than its ``.po`` or when the catalogues differ in keys.
Values use ``str.format`` placeholders (``{team}``); plurals use the catalogue's plural forms.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
HERE = Path(__file__).resolve().parent
# The language the command line chose for this run (``casusspel --lang en ...``), set by
# ``run_language`` for the duration of one command; a context variable, so tests that run the CLI
# many times in one process (and threads of their own) never see another run's choice.
_RUN_LANGUAGE: ContextVar[str | None] = ContextVar("casusspel_run_language", default=None)
#: what ``--lang`` said for this run (None: nothing), as opposed to the language it settled on
_RUN_EXPLICIT: ContextVar[str | None] = ContextVar("casusspel_run_explicit", default=None)


def language(requested: str | None = None) -> str:
    """The language of this run: ``requested``, else the one the command line chose
    (``--lang``, see ``run_language``), else ``CASUSSPEL_LANG``, else Dutch."""
    for candidate in (requested, _RUN_LANGUAGE.get(), os.environ.get("CASUSSPEL_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT


def chosen_language() -> str | None:
    """The language this run asked for (``--lang``, else ``CASUSSPEL_LANG``), or None when it
    asked for none: then what it shows may follow what it shows (a session's or a case's
    language) instead of the default."""
    for candidate in (_RUN_EXPLICIT.get(), os.environ.get("CASUSSPEL_LANG")):
        if candidate and candidate.strip().lower()[:2] in LANGUAGES:
            return candidate.strip().lower()[:2]
    return None


@contextmanager
def run_language(requested: str | None) -> Iterator[str]:
    """Every ``Messages()`` inside the block speaks ``requested`` (or the environment's choice,
    or Dutch): the command line wraps one run in it."""
    token = _RUN_LANGUAGE.set(language(requested))
    explicit = _RUN_EXPLICIT.set(requested)
    try:
        yield _RUN_LANGUAGE.get() or DEFAULT
    finally:
        _RUN_EXPLICIT.reset(explicit)
        _RUN_LANGUAGE.reset(token)


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    with (HERE / f"{lang}.mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


class Messages:
    """Look up and fill in texts for one language: ``msg("answered", team="Tafel 1")``."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = language(lang)
        self._table = translations(self.lang)
        self._texts: dict[str, str] = {}  # looked up before (validate says thousands of texts)

    def __call__(self, key: str, /, **values: object) -> str:
        """The text for ``key``; a value that is a ``Text`` (say, a count with its plural form,
        from a layer without a catalogue of its own) is said in this language first, and a list
        of values one per line (a menu: '1 = Zelfreflectie (nu 2)', then '2 = ...'), so no
        line ever ends between a number and its name."""
        text = self.template(key)
        if not values:
            return text
        if any(isinstance(value, Text | list) for value in values.values()):
            values = {name: _said(value, self) for name, value in values.items()}
        return text.format_map(values)

    def template(self, key: str) -> str:
        """The catalogue's text for ``key`` with its ``{placeholders}`` still in it."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._table.gettext(key)
        return text

    def plural(self, key: str, count: int, /, **values: object) -> str:
        """The form of ``key`` for ``count`` (``{n}`` is filled in with the count)."""
        text = self._table.ngettext(key, f"{key}.plural", count)
        return text.format(n=count, **values)

    def note(self, key: str, params: Mapping[str, object] | None = None,
             count: int | None = None) -> str:
        """A text with parameters from the session controller or engine: parameters named
        ``*_phase`` hold phase ids and are shown by their name, a tuple of names as a list
        (``names``); ``count`` takes the plural form for that many; ``refusal.<code>`` keys get
        the 'not allowed' frame around them."""
        values = {k: self(f"phase.{v}") if k.endswith("_phase") else (
            self.names(v) if isinstance(v, tuple) else v) for k, v in (params or {}).items()}
        if key.startswith("refusal."):
            return self("refusal", reason=self(key, **values))
        if count is not None:
            return self.plural(key, count, **values)
        return self(key, **values)

    def names(self, names: Sequence[object]) -> str:
        """Names as a sentence says them: 'A', 'A en B', 'A, B en C' ('A, B and C')."""
        said = [str(name) for name in names]
        if len(said) < 2:
            return "".join(said)
        return ", ".join(said[:-1]) + self("list.and") + said[-1]

    def refusal(self, code: str, params: Mapping[str, object] | None = None) -> str:
        """An engine refusal (a code with parameters) as a sentence."""
        return self.note(f"refusal.{code}", params)

    def decimal(self, value: float, digits: int = 1) -> str:
        """``0,79`` in Dutch, ``0.79`` in English: the decimal sign is in the catalogue."""
        return f"{value:.{digits}f}".replace(".", self("number.decimal"))

    def integer(self, value: int) -> str:
        """``1.000.000`` in Dutch, ``1,000,000`` in English."""
        return f"{value:,}".replace(",", self("number.group_sign"))

    def has(self, key: str) -> bool:
        return self._table.gettext(key) != key


class Text:
    """A text to say later, in the language of whoever shows it: a catalogue key and its values.

    A value may be a ``Text`` itself (said in the same language), a tuple of values (said as
    alternatives: 'a of b', 'a or b') or a list of values (said one per line: a menu).
    Problems carry Texts: a problem found in a worker process or kept in a cache is said in the
    language of the run that shows it, never in the language of the run that happened to find
    it. ``Text.plural`` takes the catalogue's plural form.
    """

    __slots__ = ("count", "key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values = values
        self.count: int | None = None

    @classmethod
    def plural(cls, key: str, count: int, /, **values: object) -> Text:
        text = cls(key, **values)
        text.count = count
        return text

    def said(self, msg: Messages | None = None) -> str:
        """The text in ``msg``'s language (by default the run's)."""
        msg = msg or Messages()
        values = self.values
        for value in values.values():
            if type(value) not in _PLAIN:  # (a text or alternatives among them: say those)
                values = {name: _said(value, msg) for name, value in values.items()}
                break
        if self.count is not None:
            return msg.plural(self.key, self.count, **values)
        template = msg.template(self.key)
        return template.format_map(values) if values else template

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.key, self.values, self.count) == (
            other.key, other.values, other.count)

    def __hash__(self) -> int:
        return hash((self.key, tuple(self.values.items()), self.count))

    def __repr__(self) -> str:
        return f"Text({self.key!r}, {self.values!r})"

    def __getstate__(self) -> tuple[str, dict[str, object], int | None]:
        return self.key, self.values, self.count

    def __setstate__(self, state: tuple[str, dict[str, object], int | None]) -> None:
        self.key, self.values, self.count = state


#: operating-system errors with a text of our own (the system's own text is English or in the
#: machine's language, whatever the run's); any other error is named by its code (``os.other``)
_OS_ERRORS = {
    "ENOENT": "os.not_found", "EACCES": "os.permission", "EPERM": "os.permission",
    "EISDIR": "os.is_folder", "ENOTDIR": "os.not_folder", "ENOSPC": "os.disk_full",
    "EDQUOT": "os.quota", "EROFS": "os.read_only", "ELOOP": "os.loop",
    "ENAMETOOLONG": "os.name_too_long", "EIO": "os.io", "EEXIST": "os.exists",
    "EBUSY": "os.busy", "ETXTBSY": "os.busy", "EMFILE": "os.too_many_open",
    "ENFILE": "os.too_many_open", "EAGAIN": "os.try_again", "EWOULDBLOCK": "os.try_again",
    "EINTR": "os.try_again", "ENOTSUP": "os.not_supported", "EOPNOTSUPP": "os.not_supported",
    "ETIMEDOUT": "os.network", "ESTALE": "os.network", "ENOTCONN": "os.network",
    "EHOSTDOWN": "os.network", "EHOSTUNREACH": "os.network", "ENETDOWN": "os.network",
    "ENETUNREACH": "os.network", "ENXIO": "os.no_device", "ENODEV": "os.no_device",
    "EXDEV": "os.other_disk", "EINVAL": "os.invalid", "EILSEQ": "os.bad_name",
    "EFBIG": "os.too_big", "ENOTEMPTY": "os.not_empty", "EPIPE": "os.closed",
    "ECONNRESET": "os.closed", "ENOMEM": "os.memory",
}


def os_reason(exc: BaseException) -> Text:
    """Why an operating-system call failed, always from the catalogue: a text of our own for
    the errors a trainer meets, else 'systeemfout' with the error's code (``EXDEV``), never the
    system's own sentence."""
    import errno

    number = getattr(exc, "errno", None)
    name = errno.errorcode.get(number) if isinstance(number, int) else None
    key = _OS_ERRORS.get(name or "")
    if key is not None:
        return Text(key)
    code = name or (str(number) if isinstance(number, int) else type(exc).__name__)
    return Text("os.other", code=code)


def error_text(exc: BaseException) -> str:
    """An error as a line for a person, in the run's language: an operating-system error by our
    reason and its file (never the system's English text), another by its own message."""
    if isinstance(exc, OSError):
        reason = os_reason(exc).said()
        return f"{exc.filename}: {reason}" if exc.filename else reason
    return str(exc)


_PLAIN = frozenset((str, int, float))


def _said(value: object, msg: Messages) -> object:
    if isinstance(value, Text):
        return value.said(msg)
    if isinstance(value, tuple):
        return msg("list.or").join(str(_said(item, msg)) for item in value)
    if isinstance(value, list):
        return "\n".join(str(_said(item, msg)) for item in value)
    return value
