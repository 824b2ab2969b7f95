"""What the command line says, in the run's language: ``--help`` and usage errors.

typer builds the commands; ``clirun``'s classes call these functions instead of letting click
print its English. Help texts in ``cli.py`` are catalogue keys (``help="opt.framework"``,
``metavar="meta.file"``, a command's ``help="cli.validate"`` with ``cli.validate.examples`` and an
optional ``.more`` and ``.footer``); they are looked up when the help is shown. click's objects are
typed ``Any`` here: typer 0.16 hands over click's own classes, later versions typer's copy of
click, and one annotation cannot name both. Only their public attributes are read
(``param.opts``, ``param.metavar``, ``exc.option_name``...).
"""

from __future__ import annotations

import inspect
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from casusspel.errors import ExitCode
from casusspel.messages import Messages

# typer's own options, whose help text is English: their names -> our keys (click names the
# help option "help" or, from 8.2 on, "_click_default_help": it is found by "--help" instead)
BUILTIN_HELP = {"install_completion": "opt.install_completion",
                "show_completion": "opt.show_completion"}


def _text(msg: Messages, key: str | None) -> str:
    return msg(key) if key else ""


def summary(command: Any) -> str:
    """A command's one line: in the list of commands, in its help, in shell completion."""
    return _text(Messages(), command.help)


def param_help(msg: Messages, param: Any) -> str:
    if "--help" in getattr(param, "opts", ()):
        return msg("opt.help")
    return _text(msg, BUILTIN_HELP.get(param.name or "") or param.help)


def restore_argument_help(params: list[Any], callback: Any) -> None:
    """typer 0.16 with click 8.2 or newer loses an argument's help (click's ``Argument`` learned
    a ``help`` of its own and sets it after typer did): take it from the command's signature."""
    lost = [p for p in params if _is_argument(p) and p.help is None]
    if not lost or callback is None:
        return
    signature = inspect.signature(inspect.unwrap(callback))
    for param in lost:
        annotation = signature.parameters[param.name].annotation if (
            param.name in signature.parameters) else None
        for info in getattr(annotation, "__metadata__", ()):
            param.help = getattr(info, "help", None) or param.help


def metavar(msg: Messages, param: Any) -> str:
    """``BESTAND`` for ``meta.file``; a literal metavar (``[text|json]``) as it is."""
    raw = param.metavar
    if raw is None:
        name = "meta.shell" if param.name in BUILTIN_HELP else None
        return msg(name) if name else str(param.name or "").upper()
    return msg(raw) if raw.startswith("meta.") else str(raw)


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _argument_label(msg: Messages, param: Any) -> str:
    label = metavar(msg, param)
    return f"{label}..." if param.nargs == -1 else label


def _option_label(msg: Messages, param: Any) -> str:
    names = ", ".join(sorted(param.opts, key=len) + list(param.secondary_opts))
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    return f"{names} {metavar(msg, param)}"


def _extras(msg: Messages, param: Any) -> str:
    if param.required:
        return msg("cli.required")
    default = param.default
    shown = (not _is_argument(param) and not getattr(param, "is_flag", False)
             and default is not None and param.show_default is not False
             and not isinstance(default, (Path, list, tuple, bool)))
    if not shown:
        return ""
    value = default.value if isinstance(default, Enum) else default
    return msg("cli.default", value=value)


def usage_pieces(msg: Messages, command: Any, ctx: Any) -> str:
    pieces = [msg("cli.usage.options")]
    for param in command.get_params(ctx):
        if _is_argument(param) and not param.hidden:
            label = _argument_label(msg, param)
            if not param.required:
                label = f"[{metavar(msg, param)}]" + ("..." if param.nargs == -1 else "")
            pieces.append(label)
    if isinstance(command, TyperGroup):
        pieces.append(msg("cli.usage.command"))
    return " ".join(pieces)


def usage_line(msg: Messages, ctx: Any) -> str:
    formatter = ctx.make_formatter()
    formatter.write_usage(ctx.command_path, usage_pieces(msg, ctx.command, ctx),
                          prefix=msg("cli.usage") + " ")
    return str(formatter.getvalue()).rstrip("\n")


def render_help(command: Any, ctx: Any, formatter: Any) -> None:
    """The whole ``--help`` of ``command``, in the run's language."""
    msg = Messages()
    formatter.write_usage(ctx.command_path, usage_pieces(msg, command, ctx),
                          prefix=msg("cli.usage") + " ")
    key = command.help
    formatter.write_paragraph()
    with formatter.indentation():
        formatter.write_text(_text(msg, key))
        if key and msg.has(f"{key}.more"):
            formatter.write_paragraph()
            formatter.write_text(msg(f"{key}.more"))
    if key and msg.has(f"{key}.examples"):
        with formatter.section(msg("cli.examples")):
            for line in msg(f"{key}.examples").splitlines():
                formatter.write(" " * formatter.current_indent + line + "\n")
    params = [p for p in command.get_params(ctx) if not p.hidden]
    sections = [
        ("cli.arguments", [(_argument_label(msg, p), p) for p in params if _is_argument(p)]),
        ("cli.options", [(_option_label(msg, p), p) for p in params if not _is_argument(p)]),
    ]
    for title, rows in sections:
        if rows:
            with formatter.section(msg(title)):
                formatter.write_dl([(label, " ".join(filter(None, (
                    param_help(msg, p), _extras(msg, p))))) for label, p in rows])
    if isinstance(command, TyperGroup):
        with formatter.section(msg("cli.commands")):
            formatter.write_dl([(name, sub.get_short_help_str())
                                for name, sub in command.commands.items() if not sub.hidden])
    if key and msg.has(f"{key}.footer"):
        formatter.write_paragraph()
        formatter.write(msg(f"{key}.footer") + "\n")  # as written: commands are not wrapped


# -- errors --------------------------------------------------------------------------------------
def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _param_label(msg: Messages, param: Any) -> str:
    if param is None:
        return ""
    if _is_argument(param):
        return metavar(msg, param)
    return "/".join(param.opts) or str(param.name)


def _option_takes_no_value(ctx: Any, name: str) -> bool:
    for param in ctx.command.get_params(ctx) if ctx is not None else ():
        if name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            return bool(getattr(param, "is_flag", False))
    return False


def missing_text(msg: Messages, param: Any) -> str:
    key = "cli.bad.missing_argument" if _is_argument(param) else "cli.bad.missing_option"
    return msg(key, name=_param_label(msg, param))


def usage_error_text(msg: Messages, exc: Any) -> str:
    """click's usage error as a sentence from the catalogue (its English only as a last
    resort, for an error no command of ours can raise)."""
    names = _names(exc)
    if "NoSuchOption" in names:
        text = msg("cli.bad.no_such_option", option=exc.option_name)
        if exc.possibilities:
            text += " " + msg("cli.bad.did_you_mean", names=", ".join(sorted(exc.possibilities)))
        return text
    if "MissingParameter" in names:
        return missing_text(msg, exc.param)
    if "BadParameter" in names:
        return msg("cli.bad.value", name=_param_label(msg, exc.param), reason=exc.message)
    if "BadOptionUsage" in names:
        key = ("cli.bad.takes_no_value" if _option_takes_no_value(exc.ctx, exc.option_name)
               else "cli.bad.needs_value")
        return msg(key, option=exc.option_name)
    return msg("cli.bad.other", reason=exc.format_message())


def show_usage_error(msg: Messages, ctx: Any, text: str) -> int:
    lines = []
    if ctx is not None:
        lines += [usage_line(msg, ctx), msg("cli.try_help", command=ctx.command_path), ""]
    lines.append(msg("cli.error", message=text))
    typer.echo("\n".join(lines), err=True)
    return ExitCode.USAGE


def show_click_error(msg: Messages, exc: Any) -> int:
    if "NoArgsIsHelpError" in _names(exc):
        typer.echo(exc.ctx.get_help(), err=True)
        return ExitCode.USAGE
    if "UsageError" in _names(exc):
        return show_usage_error(msg, getattr(exc, "ctx", None), usage_error_text(msg, exc))
    typer.echo(msg("cli.error", message=exc.format_message()), err=True)
    return int(exc.exit_code)
