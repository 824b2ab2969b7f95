"""The ``casusspel`` command line: one small function per command, parsing only.

Each command reads its arguments and hands them to the package (``casusspel.ui...``); the work
and its messages live there. Every text on screen is a catalogue key here (``help="opt.framework"``,
``metavar="meta.file"``): ``casusspel.ui.clihelp`` renders help and usage errors in the run's
language and ``casusspel.ui.clirun`` turns errors into the exit codes of
``docs/opdrachtregel.md`` in one place.

Heavy modules are imported inside the commands so that ``casusspel --help`` starts fast.
No ``from __future__ import annotations`` here: typer reads the signature of every command on
each start, and string annotations are compiled twice per parameter (three times the run time of
``casusspel --help``); real annotations are made once, at import.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from casusspel import __version__
from casusspel.ui.cliparams import ExistingFolder, Word, choice_option, number_option
from casusspel.ui.clirun import Command, Group

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="casusspel",
    cls=Group,
    help="cli.main",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
leervragen_app = typer.Typer(name="leervragen", cls=Group, help="cli.leervragen",
                             no_args_is_help=True, rich_markup_mode=None)
app.add_typer(leervragen_app)


def command(name: str, on: typer.Typer = app) -> Callable[[F], F]:
    """Register a command whose help is the catalogue entry ``cli.<group>.<name>``."""
    key = "cli." + (f"{on.info.name}." if on is not app else "") + name
    return on.command(name, cls=Command, help=key)


class OutputFormat(Word):
    text = "text"
    json = "json"


class ListFormat(Word):
    text = "text"
    md = "md"


class Mode(Word):
    group = "group"
    solo = "solo"
    plenary = "plenary"


class Board(Word):
    competitive = "competitive"
    cooperative = "cooperative"
    hidden = "hidden"


class Lang(Word):
    nl = "nl"
    en = "en"


class Audience(Word):
    wijkteam = "wijkteam"
    gemeente = "gemeente"
    clientenraad = "clientenraad"
    sociaal_domein = "sociaal-domein"


class ReportFormat(Word):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"


def flag(*names: str, help: str) -> Any:
    return typer.Option(*names, help=help)


CasePaths = Annotated[list[Path] | None, typer.Argument(help="arg.cases", metavar="meta.paths",
                                                        show_default=False)]
FrameworkOption = Annotated[Path | None, typer.Option(help="opt.framework", metavar="meta.file")]
SessionDirOption = Annotated[Path | None, typer.Option(help="opt.session_dir",
                                                       metavar="meta.folder")]
SessionArgument = Annotated[str, typer.Argument(help="arg.session", metavar="meta.session")]
TrainingOption = Annotated[Path, typer.Option("--training", help="opt.training",
                                              metavar="meta.folder", show_default=False)]
ReadTrainingOption = Annotated[Path, typer.Option(
    "--training", help="opt.training", metavar="meta.folder", show_default=False,
    parser=ExistingFolder())]
JsonFlag = Annotated[bool, flag("--json", help="opt.json")]
PlainFlag = Annotated[bool, flag("--plain", help="opt.plain")]
PhonesFlag = Annotated[bool, flag("--phones", help="opt.phones")]
HostOption = Annotated[str | None, typer.Option(help="opt.host", metavar="meta.address")]
PortOption = Annotated[int | None, number_option("--port", help="opt.port", metavar="meta.port",
                                                 low=1, high=65535)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casusspel {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="opt.version")] = False,
    debug: Annotated[bool, flag("--debug", help="opt.debug")] = False,
    lang: Annotated[Lang | None, choice_option(Lang, "--lang", help="opt.lang")] = None,
) -> None:
    """``--debug`` is read from this context when a command fails; ``--lang`` was already read
    before parsing (``clirun.Group.main``), so that the help is in that language too."""


@command("validate")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="arg.validate", metavar="meta.paths")],
    output: Annotated[OutputFormat, choice_option(OutputFormat, "--format",
                                                  help="opt.format_validate")]
    = OutputFormat.text,
    framework: FrameworkOption = None,
    fix_schema_link: Annotated[bool, flag("--fix-schema-link", help="opt.fix_schema_link")]
    = False,
) -> None:
    from casusspel.ui.validation import validate_command

    raise typer.Exit(validate_command(paths, framework, fix_links=fix_schema_link,
                                      as_json=output is OutputFormat.json))


@command("list")
def list_cases(
    paths: CasePaths = None,
    framework: FrameworkOption = None,
    coverage: Annotated[bool, flag("--coverage", help="opt.coverage")] = False,
    output: Annotated[ListFormat, choice_option(ListFormat, "--format", help="opt.format_list")]
    = ListFormat.text,
) -> None:
    from casusspel.ui.tables import list_command

    list_command(paths, framework, coverage=coverage, markdown=output is ListFormat.md)


@command("new")
def new(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="opt.new_output",
                                                metavar="meta.file")] = None,
    audience: Annotated[Audience, choice_option(Audience, "--audience", help="opt.audience")]
    = Audience.wijkteam,
    vscode: Annotated[bool, flag("--vscode", help="opt.new_vscode")] = False,
) -> None:
    from casusspel.ui.author import new_case

    new_case(output, audience.value, vscode)


@command("preview")
def preview(
    case: Annotated[str, typer.Argument(help="arg.case", metavar="meta.case")],
    framework: FrameworkOption = None,
    show_all: Annotated[bool, flag("--all", help="opt.all")] = False,
) -> None:
    from casusspel.ui.author import preview as run_preview

    run_preview(case, framework, everything=show_all)


@command("test")
def test_cases(paths: CasePaths = None, framework: FrameworkOption = None) -> None:
    from casusspel.ui.author import run_tests

    raise typer.Exit(run_tests(paths, framework))


@command("stats")
def stats(paths: CasePaths = None) -> None:
    from casusspel.ui.author import show_stats

    show_stats(paths)


@command("schema")
def schema(
    framework: FrameworkOption = None,
    vscode: Annotated[bool, flag("--vscode", help="opt.schema_vscode")] = False,
) -> None:
    from casusspel.ui.dataout import schema_command

    schema_command(framework, vscode=vscode)


@command("score")
def score(
    text: Annotated[str | None, typer.Option("--text", help="opt.text", metavar="meta.text")]
    = None,
    stdin: Annotated[str | None, typer.Argument(help="arg.stdin", metavar="-",
                                                show_default=False)] = None,
    case: Annotated[str | None, typer.Option("--case", help="opt.case", metavar="meta.case")]
    = None,
    framework: FrameworkOption = None,
    as_json: JsonFlag = False,
    explain: Annotated[bool, flag("--explain", help="opt.explain")] = False,
) -> None:
    from casusspel.errors import UsageError
    from casusspel.messages import Messages
    from casusspel.ui.dataout import score_command

    if (text is None) == (stdin != "-"):
        raise UsageError(Messages()("cli.score.text_or_stdin"))
    score_command(text, sys.stdin, case, framework, as_json=as_json, explain=explain)


@command("calibrate")
def calibrate(
    file: Annotated[Path, typer.Argument(help="arg.labelled", metavar="meta.file")],
    framework: FrameworkOption = None,
    as_json: JsonFlag = False,
) -> None:
    from casusspel.ui.dataout import calibrate_command

    calibrate_command(file, framework, as_json=as_json)


def phone_page(phones: bool, host: str | None, port: int | None) -> Any:
    """The phone page's starter for the live session (``--phones``), with ``--host`` and
    ``--port``; None without ``--phones`` (then nothing listens on the network)."""
    from casusspel.errors import UsageError
    from casusspel.messages import Messages

    if not phones:
        if host is not None or port is not None:
            raise UsageError(Messages()("cli.phones.host_port"))
        return None
    from functools import partial

    return partial(_start_phones, host=host, port=port)


def _start_phones(*args: Any, **kwargs: Any) -> Any:
    """The phone page's ``start``, imported when a session really starts it: the web stack
    (Starlette, uvicorn) costs about a third of a second, which a resume without phones and every
    run without ``--phones`` never pays."""
    from casusspel.web.server import start

    return start(*args, **kwargs)


@command("play")
def play(
    paths: Annotated[list[Path] | None, typer.Argument(help="arg.play", metavar="meta.paths",
                                                       show_default=False)] = None,
    demo: Annotated[bool, flag("--demo", help="opt.demo")] = False,
    cases: Annotated[str | None, typer.Option(help="opt.cases", metavar="meta.ids")] = None,
    teams: Annotated[str | None, typer.Option(help="opt.teams", metavar="meta.names")] = None,
    mode: Annotated[Mode, choice_option(Mode, "--mode", help="opt.mode")] = Mode.group,
    timer: Annotated[str | None, typer.Option(help="opt.timer", metavar="meta.duration")] = None,
    scoreboard: Annotated[Board, choice_option(Board, "--scoreboard", help="opt.scoreboard")]
    = Board.competitive,
    framework: FrameworkOption = None,
    lang: Annotated[Lang | None, choice_option(Lang, "--lang", help="opt.play_lang")] = None,
    session_dir: SessionDirOption = None,
    plain: PlainFlag = False,
    phones: PhonesFlag = False,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    from casusspel.messages import language
    from casusspel.ui.live import play as run_play

    run_play(None if demo else paths, case_ids=cases, teams=teams, mode=mode.value,
             timer=timer, scoreboard=scoreboard.value, framework_path=framework,
             lang=language(lang.value if lang else None), session_dir=session_dir, plain=plain,
             phones=phone_page(phones, host, port))


@command("resume")
def resume(
    session: Annotated[str | None, typer.Argument(help="arg.resume", metavar="meta.session",
                                                  show_default=False)] = None,
    session_dir: SessionDirOption = None,
    plain: PlainFlag = False,
    phones: PhonesFlag = False,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    from casusspel.ui.live import resume as run_resume

    # a session played with phones resumes with them (the phones come back by themselves)
    remembered = phone_page(True, None, None) if not (phones or host or port) else None
    run_resume(session, session_dir, plain, phone_page(phones, host, port), remembered)


@command("sessions")
def sessions(
    session_dir: SessionDirOption = None,
    only_open: Annotated[bool, flag("--open", help="opt.open")] = False,
) -> None:
    from casusspel.ui.live import show_sessions

    show_sessions(session_dir, only_open=only_open)


@command("repair")
def repair(
    session: SessionArgument,
    yes: Annotated[bool, flag("--yes", help="opt.yes")] = False,
    session_dir: SessionDirOption = None,
) -> None:
    from casusspel.ui.repair import repair as run_repair

    raise typer.Exit(run_repair(session, session_dir, yes=yes))


@command("report")
def report(
    session: SessionArgument,
    output_format: Annotated[ReportFormat | None, choice_option(
        ReportFormat, "--format", help="opt.format_report")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="opt.report_output",
                                                metavar="meta.file")] = None,
    anonymise: Annotated[bool, flag("--anonymise", "--anonymize", help="opt.anonymise")]
    = False,
    session_dir: SessionDirOption = None,
    training: Annotated[Path | None, typer.Option(help="opt.report_training",
                                                  metavar="meta.folder", parser=ExistingFolder())]
    = None,
) -> None:
    from casusspel.ui.reporting import show_report

    show_report(session, session_dir, fmt=output_format.value if output_format else None,
                output=output, anonymise=anonymise, training=training)


@command("add", on=leervragen_app)
def leervragen_add(
    questions: Annotated[list[str], typer.Argument(help="arg.questions",
                                                   metavar="meta.questions")],
    training: TrainingOption = Path("."),
) -> None:
    from casusspel.ui.training import add

    add(training, questions)


@command("list", on=leervragen_app)
def leervragen_list(training: ReadTrainingOption = Path(".")) -> None:
    from casusspel.ui.training import show

    show(training)


@command("import", on=leervragen_app)
def leervragen_import(
    source: Annotated[Path, typer.Argument(help="arg.import", metavar="meta.file")],
    training: TrainingOption = Path("."),
) -> None:
    from casusspel.ui.training import import_file

    import_file(training, source)


@command("plan")
def plan(
    paths: CasePaths = None,
    training: TrainingOption = Path("."),
    minutes: Annotated[int, number_option("--minutes", help="opt.minutes",
                                          metavar="meta.minutes")] = 120,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="opt.plan_output",
                                                metavar="meta.file")] = None,
    title: Annotated[str | None, typer.Option(help="opt.title", metavar="meta.title")] = None,
    days: Annotated[int, number_option("--days", help="opt.days", metavar="meta.count")] = 1,
    audience: Annotated[Audience | None, choice_option(Audience, "--audience",
                                                       help="opt.plan_audience")] = None,
) -> None:
    from casusspel.messages import Messages
    from casusspel.ui.training import plan_training

    plan_training(training, minutes, paths, output, title or Messages()("cli.plan.default_title"),
                  days=days, audience=audience.value if audience else None)


@command("followup")
def followup(training: TrainingOption = Path(".")) -> None:
    from casusspel.ui.selfassessment_view import followup as run_followup

    run_followup(training)


@command("evaluation")
def evaluation(
    training: ReadTrainingOption = Path("."),
    html: Annotated[Path | None, typer.Option("--html", help="opt.html", metavar="meta.file")]
    = None,
) -> None:
    from casusspel.ui.selfassessment_view import show_evaluation

    show_evaluation(training, html)


@command("docs")
def docs(
    name: Annotated[str | None, typer.Argument(help="arg.docs", metavar="meta.name",
                                               show_default=False)] = None,
    path: Annotated[bool, flag("--path", help="opt.docs_path")] = False,
    raw: Annotated[bool, flag("--raw", help="opt.raw")] = False,
) -> None:
    from casusspel.ui.docs_view import show_docs

    show_docs(name, path_only=path, raw=raw)


def main() -> Any:
    """Entry point of the ``casusspel`` console script."""
    from casusspel.ui.console import degrade_unencodable_output

    degrade_unencodable_output()
    # casusspel uses no pydantic plugins: without this, the first model built scans the entry
    # points of every installed package for them (importlib.metadata; a few % of `list`)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    return app()


if __name__ == "__main__":
    main()
