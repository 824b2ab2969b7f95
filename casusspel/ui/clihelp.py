"""The command line in one language: help, usage errors and exit codes from the catalogue.

typer builds the commands; these classes replace what click would print itself. ``Group.main``
picks the run's language before anything is parsed (``--lang`` anywhere before ``--``, else
``CASUSSPEL_LANG``, else Dutch), so ``--help`` and click's own errors ("Missing argument", "No
such option") speak it too, and it runs the command with ``standalone_mode=False`` so that every
error ends here: usage errors and missing files exit 2, domain errors with their code, Ctrl-C
130, a bug 3 (its traceback only with ``--debug``). The table is in ``docs/opdrachtregel.md``.

Help texts in ``cli.py`` are catalogue keys (``help="opt.framework"``, ``metavar="meta.file"``);
they are looked up when the help is shown, in the run's language. Only typer's public classes are
used; click's exception classes are reached through ``typer.BadParameter`` (typer carries its own
copy of click from 0.22 on, so ``import click`` would find the wrong one).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from difflib import get_close_matches
from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from casusspel.errors import CasusspelError, ExitCode
from casusspel.messages import LANGUAGES, Messages, run_language

E = TypeVar("E", bound=Enum)


def _click_class(name: str) -> type[Exception]:
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


ClickException = _click_class("ClickException")
ClickUsageError = _click_class("UsageError")
PASS_THROUGH = (ClickException, typer.Exit, typer.Abort)
# typer's own options, whose help text is English: their names -> our keys
BUILTIN_HELP = {"help": "opt.help", "install_completion": "opt.install_completion",
                "show_completion": "opt.show_completion"}
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


class Finished(Exception):  # noqa: N818 - not an error: the run is over, its message shown
    """The run ends with ``code``; whatever had to be said has been said."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class CommandLineError(Exception):
    """A usage error found by these classes (not by click): rendered like click's."""

    def __init__(self, ctx: Any, text: str) -> None:  # noqa: ANN401 - click's Context
        super().__init__(text)
        self.ctx = ctx
        self.text = text


def requested_language(words: Sequence[str]) -> str | None:
    """The value of ``--lang`` anywhere on the command line (before ``--``), read before
    parsing so that ``--help`` and parse errors are already in that language."""
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words):
            return words[index + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return None


def _completion_words() -> list[str]:
    """What the shell is completing (Tab), where typer's completion scripts put it."""
    return (os.environ.get("_TYPER_COMPLETE_ARGS") or os.environ.get("COMP_WORDS") or "").split()


def without_language(ctx: Any, command: Any, args: list[str]) -> list[str]:  # noqa: ANN401
    """``args`` without ``--lang X`` when ``command`` has no ``--lang`` of its own: the run's
    language was taken from it before parsing, so ``--lang`` works after any command."""
    if any(param.name == "lang" for param in command.params):
        return args
    kept: list[str] = []
    words = iter(args)
    for word in words:
        if word == "--":
            kept += [word, *words]
            break
        if word == "--lang" or word.startswith("--lang="):
            value = word.partition("=")[2] if "=" in word else next(words, "")
            if value not in LANGUAGES:
                msg = Messages()
                raise CommandLineError(ctx, msg("cli.bad.value", name="--lang", reason=msg(
                    "cli.bad.choice", value=value, choices=", ".join(LANGUAGES))))
            continue
        kept.append(word)
    return kept


# -- option values -------------------------------------------------------------------------------
class Parser:
    """An option's parser (``typer.Option(parser=...)``): click (before typer 0.22) names the
    value type after the function, so a parser object needs a ``__name__``."""

    def __init__(self) -> None:
        self.__name__ = type(self).__name__.lower()


class Choice(Parser, Generic[E]):
    """Parser for an option with a fixed set of values (an Enum), with a message from the
    catalogue instead of click's (or pydantic's) English one."""

    def __init__(self, enum: type[E]) -> None:
        super().__init__()
        self.enum = enum
        self.values = [str(member.value) for member in enum]

    def __call__(self, value: str | E) -> E:
        if isinstance(value, self.enum):
            return value
        for member in self.enum:
            if member.value == value:
                return member
        raise typer.BadParameter(Messages()("cli.bad.choice", value=value,
                                            choices=", ".join(self.values)))

    @property
    def metavar(self) -> str:
        return "[" + "|".join(self.values) + "]"

    def complete(self, incomplete: str) -> list[str]:
        return [value for value in self.values if value.startswith(incomplete)]


class WholeNumber(Parser):
    """Parser for a whole number option, optionally between ``low`` and ``high``."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        super().__init__()
        self.low, self.high = low, high

    def __call__(self, value: str | int) -> int:
        try:
            number = value if isinstance(value, int) else int(str(value).strip())
        except ValueError:
            raise typer.BadParameter(Messages()("cli.bad.number", value=value)) from None
        if (self.low is not None and number < self.low) or (
                self.high is not None and number > self.high):
            raise typer.BadParameter(Messages()("cli.bad.range", value=number, low=self.low,
                                                high=self.high))
        return number


class ExistingFolder(Parser):
    """Parser for an option naming a folder that is read: a missing one is a usage error."""

    def __call__(self, value: str | Path) -> Path:
        path = Path(value)
        if not path.is_dir():
            raise typer.BadParameter(Messages()("cli.bad.no_folder", path=str(path)))
        return path


def choice_option(enum: type[E], *names: str, help: str) -> Any:  # noqa: A002, ANN401
    """``typer.Option`` for an Enum: our message for a wrong value, the values as metavar, and
    completion of the values."""
    parser = Choice(enum)
    return typer.Option(*names, help=help, metavar=parser.metavar, parser=parser,
                        autocompletion=parser.complete)


def number_option(*names: str, help: str, metavar: str, low: int | None = None,  # noqa: A002
                  high: int | None = None) -> Any:  # noqa: ANN401 - typer's OptionInfo
    return typer.Option(*names, help=help, metavar=metavar, parser=WholeNumber(low, high))


# -- help ----------------------------------------------------------------------------------------
def _text(msg: Messages, key: str | None) -> str:
    return msg(key) if key else ""


def param_help(msg: Messages, param: Any) -> str:  # noqa: ANN401 - click's Parameter
    return _text(msg, BUILTIN_HELP.get(param.name or "") or param.help)


def metavar(msg: Messages, param: Any) -> str:  # noqa: ANN401
    """``BESTAND`` for ``meta.file``; a literal metavar (``[text|json]``) as it is."""
    raw = param.metavar
    if raw is None:
        name = "meta.shell" if param.name in BUILTIN_HELP else None
        return msg(name) if name else str(param.name or "").upper()
    return msg(raw) if raw.startswith("meta.") else str(raw)


def _is_argument(param: Any) -> bool:  # noqa: ANN401
    return getattr(param, "param_type_name", "") == "argument"


def _argument_label(msg: Messages, param: Any) -> str:  # noqa: ANN401
    label = metavar(msg, param)
    return f"{label}..." if param.nargs == -1 else label


def _option_label(msg: Messages, param: Any) -> str:  # noqa: ANN401
    names = ", ".join(sorted(param.opts, key=len) + list(param.secondary_opts))
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return names
    return f"{names} {metavar(msg, param)}"


def _extras(msg: Messages, param: Any) -> str:  # noqa: ANN401
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


def usage_pieces(msg: Messages, command: Any, ctx: Any) -> str:  # noqa: ANN401
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


def usage_line(msg: Messages, ctx: Any) -> str:  # noqa: ANN401
    formatter = ctx.make_formatter()
    formatter.write_usage(ctx.command_path, usage_pieces(msg, ctx.command, ctx),
                          prefix=msg("cli.usage") + " ")
    return str(formatter.getvalue()).rstrip("\n")


def render_help(command: Any, ctx: Any, formatter: Any) -> None:  # noqa: ANN401
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


def _param_label(msg: Messages, param: Any) -> str:  # noqa: ANN401
    if param is None:
        return ""
    if _is_argument(param):
        return metavar(msg, param)
    return "/".join(param.opts) or str(param.name)


def _option_takes_no_value(ctx: Any, name: str) -> bool:  # noqa: ANN401
    for param in ctx.command.get_params(ctx) if ctx is not None else ():
        if name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            return bool(getattr(param, "is_flag", False))
    return False


def usage_error_text(msg: Messages, exc: Any) -> str:  # noqa: ANN401 - a click UsageError
    """click's usage error as a sentence from the catalogue (its English only as a last
    resort, for an error no command of ours can raise)."""
    names = _names(exc)
    if "NoSuchOption" in names:
        text = msg("cli.bad.no_such_option", option=exc.option_name)
        if exc.possibilities:
            text += " " + msg("cli.bad.did_you_mean", names=", ".join(sorted(exc.possibilities)))
        return text
    if "MissingParameter" in names:
        key = "cli.bad.missing_argument" if _is_argument(exc.param) else "cli.bad.missing_option"
        return msg(key, name=_param_label(msg, exc.param))
    if "BadParameter" in names:
        return msg("cli.bad.value", name=_param_label(msg, exc.param), reason=exc.message)
    if "BadOptionUsage" in names:
        key = ("cli.bad.takes_no_value" if _option_takes_no_value(exc.ctx, exc.option_name)
               else "cli.bad.needs_value")
        return msg(key, option=exc.option_name)
    return msg("cli.bad.other", reason=exc.format_message())


def show_usage_error(msg: Messages, ctx: Any, text: str) -> int:  # noqa: ANN401
    lines = []
    if ctx is not None:
        lines += [usage_line(msg, ctx), msg("cli.try_help", command=ctx.command_path), ""]
    lines.append(msg("cli.error", message=text))
    typer.echo("\n".join(lines), err=True)
    return ExitCode.USAGE


def show_click_error(msg: Messages, exc: Any) -> int:  # noqa: ANN401 - a ClickException
    if "NoArgsIsHelpError" in _names(exc):
        typer.echo(exc.ctx.get_help(), err=True)
        return ExitCode.USAGE
    if isinstance(exc, ClickUsageError):
        return show_usage_error(msg, getattr(exc, "ctx", None), usage_error_text(msg, exc))
    typer.echo(msg("cli.error", message=exc.format_message()), err=True)
    return int(exc.exit_code)


def translate_errors(ctx: Any, run: Callable[[], Any]) -> Any:  # noqa: ANN401
    """Run a command; domain errors, Ctrl-C and surprises become a message and an exit code
    (``Finished``). click's own signals pass through to ``Group.main``."""
    msg = Messages()
    try:
        return run()
    except (*PASS_THROUGH, Finished, CommandLineError):
        raise
    except CasusspelError as exc:
        typer.echo(msg("cli.error", message=str(exc)), err=True)
        raise Finished(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        typer.echo(msg("cli.interrupted"), err=True)
        raise Finished(ExitCode.INTERRUPTED) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader went away (| head): click quiets the pipe
            raise
        return _unexpected(ctx, msg, exc)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a trainer
        return _unexpected(ctx, msg, exc)


def _unexpected(ctx: Any, msg: Messages, exc: Exception) -> Any:  # noqa: ANN401
    if ctx.find_root().params.get("debug"):
        raise exc
    typer.echo(msg("cli.unexpected", kind=type(exc).__name__, error=str(exc)), err=True)
    raise Finished(ExitCode.INTERNAL) from None


# -- the classes typer builds --------------------------------------------------------------------
class Command(TyperCommand):
    """A ``casusspel`` command: help from the catalogue, no stray arguments."""

    def format_help(self, ctx: Any, formatter: Any) -> None:  # noqa: ANN401
        render_help(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _text(Messages(), self.help)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # noqa: ANN401
        ctx.allow_extra_args = True  # click's "Got unexpected extra argument" is English
        try:
            rest = super().parse_args(ctx, without_language(ctx, self, args))
        except ClickUsageError as exc:
            if getattr(exc, "ctx", None) is None:  # the parser's errors come without one
                setattr(exc, "ctx", ctx)  # noqa: B010 - click's UsageError has it
            raise
        if ctx.args:
            raise CommandLineError(ctx, Messages().plural(
                "cli.bad.extra", len(ctx.args), words=" ".join(ctx.args)))
        return list(rest)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:  # noqa: ANN401
        return translated_completions(ctx, super().shell_complete(ctx, incomplete))


class Group(TyperGroup):
    """The ``casusspel`` group (and ``leervragen``): everything a run prints around the
    commands goes through here."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:  # noqa: ANN401
        words = list(args) if args is not None else sys.argv[1:] + _completion_words()
        for param in self.params:  # typer adds these after building the group
            callback = param.callback
            if param.name == "install_completion" and callback is not None and \
                    callback.__name__ != "translated_install":
                param.callback = _translated_install(callback)
        with run_language(requested_language(words)):
            code = self._run(args, prog_name, complete_var, windows_expand_args=windows_expand_args,
                             **extra)
        if standalone_mode:
            sys.exit(int(code))
        return code

    def _run(self, args: Sequence[str] | None, prog_name: str | None,
             complete_var: str | None, **extra: Any) -> int:  # noqa: ANN401
        msg = Messages()
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except Finished as done:
            return done.code
        except CommandLineError as exc:
            return show_usage_error(msg, exc.ctx, exc.text)
        except ClickException as exc:
            return show_click_error(msg, exc)
        except typer.Abort:
            typer.echo(msg("cli.interrupted"), err=True)
            return ExitCode.INTERRUPTED
        return result if isinstance(result, int) else ExitCode.OK  # typer.Exit(n) returns n

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # noqa: ANN401
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), err=True)
            raise Finished(ExitCode.USAGE)
        return list(super().parse_args(ctx, without_language(ctx, self, args)))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:  # noqa: ANN401
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None \
                and not ctx.resilient_parsing:
            msg = Messages()
            text = msg("cli.bad.no_such_command", name=name)
            close = get_close_matches(name, list(self.commands))
            if close:
                text += " " + msg("cli.bad.did_you_mean", names=", ".join(close))
            raise CommandLineError(ctx, text)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:  # noqa: ANN401
        def run() -> Any:  # noqa: ANN401
            try:
                return super(Group, self).invoke(ctx)
            except ClickUsageError as exc:
                if type(exc) is ClickUsageError and getattr(exc, "ctx", None) is ctx:
                    raise CommandLineError(ctx, Messages()("cli.bad.no_command")) from None
                raise

        return translate_errors(ctx, run)

    def format_help(self, ctx: Any, formatter: Any) -> None:  # noqa: ANN401
        render_help(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _text(Messages(), self.help)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:  # noqa: ANN401
        return translated_completions(ctx, super().shell_complete(ctx, incomplete))


def translated_completions(ctx: Any, items: list[Any]) -> list[Any]:  # noqa: ANN401
    """Shell completion shows option help next to the option (zsh, fish): in our language."""
    msg = Messages()
    texts = {name: param_help(msg, param) for param in ctx.command.get_params(ctx)
             for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))}
    for item in items:
        if item.value in texts:
            item.help = texts[item.value]
    return items


def _translated_install(original: Callable[..., Any]) -> Callable[..., Any]:
    """typer's ``--install-completion`` with our sentences instead of its English ones."""

    def translated_install(ctx: Any, param: Any, value: Any) -> Any:  # noqa: ANN401
        if not value or ctx.resilient_parsing:
            return value
        msg = Messages()
        if isinstance(value, str) and value not in SHELLS:
            raise CommandLineError(ctx, msg("cli.completion.unsupported", shell=value,
                                            shells=", ".join(SHELLS)))
        said = io.StringIO()
        code: int | None = 0
        with contextlib.redirect_stdout(said):
            try:
                original(ctx, param, value)
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 0
            except typer.Exit as stop:
                code = stop.exit_code
        if code:  # typer could not tell the shell (or does not know it)
            shell = value if isinstance(value, str) else "?"
            raise CommandLineError(ctx, msg("cli.completion.unsupported", shell=shell,
                                            shells=", ".join(SHELLS)))
        done = re.match(r"(\S+) completion installed in (.+)", said.getvalue())
        typer.echo(msg("cli.completion.installed", shell=done.group(1), path=done.group(2))
                   if done else said.getvalue().rstrip("\n"))  # typer worded it otherwise
        raise Finished(ExitCode.OK)

    return translated_install

