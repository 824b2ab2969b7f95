"""Command-line values turned into Python values without pydantic, where typer's rules are simple.

typer (from 0.22) turns every parameter's value into its Python type with a pydantic
``TypeAdapter`` it builds on first use, also for an option left at its default: the first one
imports pydantic, which takes about as long as importing typer itself, and each adapter costs a
few milliseconds more. ``casusspel list`` and ``validate`` paid that on every start before they
did anything, and ``docs`` (no models at all) imported pydantic only for its options.

Our parameters are of few kinds: flags, text, paths (typer's default checks: a path that exists
must be readable), lists of those, and options with a ``parser`` object (``cliparams``). For
exactly these, ``install`` gives each parameter a coercion that follows typer's rules step by
step (the same values, the same errors; ``tests/test_clicoerce.py`` compares both on awkward
values). Any other kind keeps typer's own. With a typer that has no such layer (before 0.22:
click's types) nothing changes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import typer

from casusspel.ui.cliparams import Parser

try:  # typer's private coercion layer (0.22 and later); checked by tests/test_clicoerce.py
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - older typer: click's types, no pydantic
    RuntimeParam = None  # type: ignore[assignment,misc]

Item = Callable[[Any, Any, Any], Any]  # (value, param, ctx) -> the value typer would give


def install(params: Iterable[Any]) -> None:
    """Give every parameter of a kind described above its pydantic-free coercion (once)."""
    if RuntimeParam is None:
        return
    for param in params:
        if getattr(param, "_runtime_param", False) is not None:
            continue  # not a typer parameter, or its coercion already exists
        descriptor = param.type_descriptor
        convert = coercion(descriptor.annotation, descriptor.parameter_info,
                           descriptor.file_annotation)
        if convert is not None:
            param._runtime_param = Plain(parameter_info=descriptor.parameter_info,
                                         annotation=descriptor.annotation, convert=convert)


def coercion(annotation: Any, info: Any, file_annotation: Any = None) -> Item | None:
    """The coercion of one parameter, or None where typer's own is kept."""
    if file_annotation is not None:
        return None  # files are opened by typer, without pydantic
    if annotation is bool:  # a flag's value is a bool; text (from a variable) goes to typer
        return lambda value, param, ctx: value if isinstance(value, bool) else \
            build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)
    if get_origin(annotation) is list:
        item = _leaf(get_args(annotation)[0], info)
        return None if item is None else _each(item)
    return _leaf(annotation, info)


def _leaf(annotation: Any, info: Any) -> Item | None:
    if get_origin(annotation) is not None:
        return None
    if isinstance(info.parser, Parser):  # ours raise BadParameter, never ValueError
        parser: Any = info.parser
        return lambda value, param, ctx: parser(value)
    if info.parser is not None:
        return None
    if annotation is str:
        return lambda value, param, ctx: _text(value)
    if isinstance(annotation, type) and issubclass(annotation, Path) and _plain_path(info):
        return _path_coercion(annotation, info)
    return None


def _plain_path(info: Any) -> bool:
    """typer's default path checks only: no 'exists', 'resolve_path', '-', type or mode flags."""
    return (info.file_okay and info.dir_okay and not info.exists and not info.writable
            and not info.resolve_path and not info.allow_dash and info.path_type is None)


def _path_coercion(annotation: type[Path], info: Any) -> Item:
    def path(value: Any, param: Any, ctx: Any) -> Any:
        # pydantic's rule for a path given as text (the only way one comes from a command line)
        result = value if isinstance(value, annotation) else annotation(os.fspath(value))
        try:
            os.stat(result)
        except OSError:
            return result  # typer only checks paths that exist
        if info.readable and not os.access(result, os.R_OK):
            raise typer.BadParameter(f"path {_filename(value)!r} is not readable.", ctx=ctx,
                                     param=param)
        return result

    return path


def _filename(value: Any) -> str:
    from typer._click.utils import format_filename

    return str(format_filename(value))


def _text(value: Any) -> str:
    """typer's rule for ``str``: bytes decoded as the command line's, anything else ``str()``
    (a missing value never gets here)."""
    if not isinstance(value, bytes):
        return str(value)
    from typer._click._compat import _get_argv_encoding

    encoding = _get_argv_encoding()
    try:
        return value.decode(encoding)
    except UnicodeError:
        if sys.getfilesystemencoding() != encoding:
            try:
                return value.decode(sys.getfilesystemencoding())
            except UnicodeError:
                pass
        return value.decode("utf-8", "replace")


def _each(item: Item) -> Item:
    def each(value: Any, param: Any, ctx: Any) -> list[Any]:
        values = value if isinstance(value, (list, tuple)) else [value]
        return [item(one, param, ctx) for one in values]

    return each


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        """typer's runtime coercion of one parameter, by ``convert`` instead of pydantic."""

        convert: Item

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return self.convert(value, param, ctx)
