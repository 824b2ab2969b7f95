"""Command-line values without pydantic (``casusspel.ui.clicoerce``): the same values and the same
errors as typer's own coercion, for every parameter of every command, on awkward values."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer._coercion import build_runtime_param

from casusspel.cli import app
from casusspel.ui.clicoerce import Plain, coercion, install
from tests.conftest import ROOT


def every_parameter() -> Iterator[tuple[str, Any]]:
    def walk(command: Any, name: str) -> Iterator[tuple[str, Any]]:
        ctx = typer.Context(command)
        for param in command.get_params(ctx):
            yield f"{name} {param.name}", param
        for sub_name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{name} {sub_name}")

    return walk(typer.main.get_command(app), "casusspel")


PARAMETERS = dict(every_parameter())


def awkward_values(annotation: Any, tmp_path: Path) -> list[Any]:
    folder = tmp_path / "map"
    folder.mkdir(exist_ok=True)
    file = folder / "casus.yaml"
    file.write_text("id: x\n", encoding="utf-8")
    paths = ["", "a/", "a//b/./c", "-", str(file), str(folder), str(file) + "/", "geen-map/x",
             "naam\udcff.yaml", Path("al-een-pad"), "~"]
    texts = ["", "tekst", " spaties ", "[bold]x[/]", "\x1b[31m", b"bytes", b"\xff\xfe", 7]
    words = ["nl", "en", "NL", "", "json", "text", "md", "html", "x", "group", "1", "65535",
             "0", "-3", " 12 ", "1e3", "twaalf", str(folder), str(file)]
    flags = [True, False]
    if annotation is bool:
        return flags
    if annotation is str:
        return texts
    if annotation == list[Path]:
        return [paths, paths[:1], (str(file), str(folder)), str(file), ()]
    if annotation == list[str]:
        return [texts, ["a"], "a", ()]
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return paths + words
    return words


def outcome(runtime: Any, value: Any, param: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=None)
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return type(exc).__name__, message


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_each_parameter_coerces_as_typer_does(name: str, tmp_path: Path) -> None:
    param = PARAMETERS[name]
    descriptor = param.type_descriptor
    convert = coercion(descriptor.annotation, descriptor.parameter_info,
                       descriptor.file_annotation)
    assert convert is not None, f"{name}: typer would build a pydantic adapter for it"
    ours = Plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                 convert=convert)
    theirs = build_runtime_param(descriptor)
    for value in awkward_values(descriptor.annotation, tmp_path):
        expected = outcome(theirs, value, param)
        got = outcome(ours, value, param)
        assert got == expected, f"{name} {value!r}"
        if got[0] == "value":
            assert type(got[1]) is type(expected[1]), f"{name} {value!r}"


def test_an_unreadable_path_is_refused_with_typers_words(tmp_path: Path) -> None:
    """typer checks that a path that exists is readable (as root everything is, so the check
    itself is tested with ``os.access`` answering no)."""
    param = PARAMETERS["casusspel validate paths"]
    descriptor = param.type_descriptor
    convert = coercion(descriptor.annotation, descriptor.parameter_info)
    assert convert is not None
    ours = Plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                 convert=convert)
    theirs = build_runtime_param(descriptor)
    target = tmp_path / "dicht.yaml"
    target.write_text("id: x\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "access", lambda *args, **kwargs: False)
        expected = outcome(theirs, [str(target)], param)
        assert expected[0] == "BadParameter"
        assert outcome(ours, [str(target)], param) == expected


def test_a_kind_it_does_not_know_keeps_typers_coercion() -> None:
    info = typer.models.OptionInfo()
    assert coercion(float, info) is None
    assert coercion(tuple[str, int], info) is None
    assert coercion(Path, typer.models.OptionInfo(exists=True)) is None
    assert coercion(Path, typer.models.OptionInfo(parser=lambda value: value)) is None


def test_install_leaves_a_built_coercion_alone() -> None:
    param = PARAMETERS["casusspel list output"]
    built = build_runtime_param(param.type_descriptor)
    param._runtime_param = built
    try:
        install([param])
        assert param._runtime_param is built
    finally:
        param._runtime_param = None


PROBE = """
import json, sys
from casusspel.cli import main
sys.argv = ["casusspel", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
sys.__stderr__.write("ADAPTERS " + json.dumps("typer._adapters" in sys.modules) + "\\n")
sys.__stderr__.write("PYDANTIC " + json.dumps("pydantic" in sys.modules) + "\\n")
"""


@pytest.mark.parametrize("args", [["list", str(ROOT / "cases")],
                                  ["--lang", "en", "validate", "--format", "json",
                                   str(ROOT / "cases" / "tolk-aan-tafel.yaml")],
                                  ["docs", "--path"]], ids=["list", "validate", "docs"])
def test_a_run_builds_no_pydantic_adapter_for_its_parameters(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    [line] = [x for x in result.stderr.splitlines() if x.startswith("ADAPTERS ")]
    assert line == "ADAPTERS false", result.stderr
    assert result.stdout.strip()  # it did its work
    if args[0] == "docs":  # no models: no pydantic at all
        assert "PYDANTIC false" in result.stderr.splitlines()
