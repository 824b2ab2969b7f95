"""One run of the command line: its language, its errors and its exit code, in one place.

``Group.main`` picks the run's language before anything is parsed (``--lang`` anywhere before
``--``, else ``CASUSSPEL_LANG``, else Dutch), so that ``--help`` and click's own errors speak it
too, and runs the command with ``standalone_mode=False`` so that every error comes back here:
usage errors and missing files exit 2, domain errors with their code, Ctrl-C 130, a bug 3 (its
traceback only with ``--debug``). The table is in ``docs/opdrachtregel.md``. Only typer's public
classes are used; click's exception classes are reached through ``typer.BadParameter`` (typer
carries its own copy of click from 0.22 on, so ``import click`` could find the wrong one).
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
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from casusspel.errors import CasusspelError, ExitCode, HandledInterrupt
from casusspel.messages import LANGUAGES, Messages, error_text, run_language
from casusspel.ui.clihelp import (
    missing_text,
    param_help,
    render_help,
    restore_argument_help,
    show_click_error,
    show_usage_error,
    summary,
)


def _click_class(name: str) -> type[Exception]:
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


ClickException = _click_class("ClickException")
ClickUsageError = _click_class("UsageError")
PASS_THROUGH = (ClickException, typer.Exit, typer.Abort)
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


class Finished(Exception):
    """The run ends with ``code``; whatever had to be said has been said."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class CommandLineError(Exception):
    """A usage error found by these classes (not by click): rendered like click's."""

    def __init__(self, ctx: Any, text: str) -> None:
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


def without_language(ctx: Any, command: Any, args: list[str]) -> list[str]:
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


def translate_errors(ctx: Any, run: Callable[[], Any]) -> Any:
    """Run a command; domain errors, Ctrl-C and surprises become a message and an exit code
    (``Finished``). click's own signals pass through to ``Group.main``."""
    msg = Messages()
    try:
        return run()
    except (*PASS_THROUGH, Finished, CommandLineError):
        raise
    except HandledInterrupt:  # saved, and the resume hint is on the screen
        raise Finished(ExitCode.INTERRUPTED) from None
    except CasusspelError as exc:
        typer.echo(msg("cli.error", message=str(exc)), err=True)
        raise Finished(exc.exit_code) from None
    except (KeyboardInterrupt, EOFError):
        typer.echo(msg("cli.interrupted"), err=True)
        raise Finished(ExitCode.INTERRUPTED) from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader went away (| head): click quiets the pipe
            raise
        if ctx.find_root().params.get("debug"):
            raise
        typer.echo(msg("cli.os_error", error=error_text(exc)), err=True)  # (not our bug)
        raise Finished(ExitCode.PROBLEMS) from None
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a trainer
        return _unexpected(ctx, msg, exc)


def _unexpected(ctx: Any, msg: Messages, exc: Exception) -> Any:
    if ctx.find_root().params.get("debug"):
        raise exc
    typer.echo(msg("cli.unexpected", kind=type(exc).__name__, error=str(exc)), err=True)
    raise Finished(ExitCode.INTERNAL) from None


# -- the classes typer builds --------------------------------------------------------------------
class Command(TyperCommand):
    """A ``casusspel`` command: help from the catalogue, no stray arguments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        restore_argument_help(self.params, self.callback)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        render_help(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(self)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
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
        missing = [p for p in self.params if p.required and ctx.params.get(p.name) is None]
        if missing and not ctx.resilient_parsing:  # typer 0.16 with click >= 8.3 lets it by
            raise CommandLineError(ctx, missing_text(Messages(), missing[0]))
        return list(rest)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        return translated_completions(ctx, super().shell_complete(ctx, incomplete))


class Group(TyperGroup):
    """The ``casusspel`` group (and ``leervragen``): everything a run prints around the
    commands goes through here."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
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
             complete_var: str | None, **extra: Any) -> int:
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

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), err=True)
            raise Finished(ExitCode.USAGE)
        return list(super().parse_args(ctx, without_language(ctx, self, args)))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
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

    def invoke(self, ctx: Any) -> Any:
        def run() -> Any:
            try:
                return super(Group, self).invoke(ctx)
            except ClickUsageError as exc:
                if type(exc) is ClickUsageError and getattr(exc, "ctx", None) is ctx:
                    raise CommandLineError(ctx, Messages()("cli.bad.no_command")) from None
                raise

        return translate_errors(ctx, run)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        render_help(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return summary(self)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        return translated_completions(ctx, super().shell_complete(ctx, incomplete))


def translated_completions(ctx: Any, items: list[Any]) -> list[Any]:
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

    def translated_install(ctx: Any, param: Any, value: Any) -> Any:
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
        done = re.match(r"(?:Shells\.)?(\S+) completion installed in (.+)", said.getvalue())
        typer.echo(msg("cli.completion.installed", shell=done.group(1), path=done.group(2))
                   if done else said.getvalue().rstrip("\n"))  # typer worded it otherwise
        raise Finished(ExitCode.OK)

    return translated_install
