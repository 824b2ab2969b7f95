"""The ``casusspel`` command line: one small function per command.

Heavy modules are imported inside the commands so that ``casusspel --help`` starts fast. Domain
errors (``CasusspelError``) become a one-line message and an exit code here; a traceback is only
shown with ``--debug``.

No ``from __future__ import annotations`` here: typer reads the signature of every command on
each start, and string annotations are compiled twice per parameter (three times the run time of
``casusspel --help``); real annotations are made once, at import.
"""

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from casusspel import __version__

app = typer.Typer(
    name="casusspel",
    help="Casusspel: casussen spelen in trainingen diversiteitssensitief werken.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")
MAX_STDIN = 1_000_000  # characters: every read has a cap
_state: dict[str, bool] = {"debug": False}


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class ListFormat(str, Enum):
    text = "text"
    md = "md"


class Mode(str, Enum):
    group = "group"
    solo = "solo"
    plenary = "plenary"


class Board(str, Enum):
    competitive = "competitive"
    cooperative = "cooperative"
    hidden = "hidden"


class Lang(str, Enum):
    nl = "nl"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casusspel {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Toon de versie en stop.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Toon technische details bij fouten.")]
    = False,
) -> None:
    """Casusspel: casussen spelen in trainingen diversiteitssensitief werken."""
    _state["debug"] = debug


def run_safely(action: Callable[[], T]) -> T:
    """Run a command body; turn domain errors and surprises into a message and an exit code."""
    from casusspel.errors import CasusspelError

    try:
        return action()
    except typer.Exit:
        raise
    except CasusspelError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Afgebroken.", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 - the last line of defence for a trainer
        if _state["debug"]:
            raise
        typer.echo(f"Onverwachte fout: {type(exc).__name__}: {exc}\n"
                   "Start opnieuw met 'casusspel --debug ...' voor technische details.", err=True)
        raise typer.Exit(1) from None


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Casusbestanden of mappen (recursief).")],
    output: Annotated[OutputFormat, typer.Option("--format", help="text of json.")]
    = OutputFormat.text,
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    fix_schema_link: Annotated[bool, typer.Option(
        "--fix-schema-link", help="Herstel eerst de schema-link (eerste regel) van elke casus, "
        "zodat je editor het schema vindt.")] = False,
) -> None:
    """Controleer casus- en raamwerkbestanden en meld elk probleem met bestand:regel:kolom."""

    def body() -> None:
        from itertools import chain

        from casusspel.content.checks import Tally, iter_problems
        from casusspel.ui.validation import print_problems

        unfixed = []
        if fix_schema_link:
            from casusspel.ui.author import fix_schema_links

            unfixed = fix_schema_links(paths)
        tally = Tally()
        print_problems(chain(unfixed, iter_problems(paths, framework, tally)), tally,
                       as_json=output is OutputFormat.json)
        raise typer.Exit(1 if tally.errors else 0)

    run_safely(body)


@app.command("list")
def list_cases(
    paths: Annotated[list[Path] | None, typer.Argument(help="Casussen (standaard: ingebouwd).")]
    = None,
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    coverage: Annotated[bool, typer.Option(
        "--coverage", help="Toon factor x casus en pijler x casus: wat leert de set nog niet?")]
    = False,
    output: Annotated[ListFormat, typer.Option(
        "--format", help="text (scherm) of md (Markdown, bijvoorbeeld voor docs/casussen.md).")]
    = ListFormat.text,
) -> None:
    """Toon de casussen als tabel: code, titel, doelgroep, minuten, factoren, pijlers."""

    def body() -> None:
        from casusspel.content.library import load_cases, load_framework

        if output is ListFormat.md:
            from casusspel.content.coverage import coverage_markdown

            typer.echo(coverage_markdown(load_cases(paths), load_framework(framework)), nl=False)
            return
        if coverage:
            from casusspel.ui.author import show_coverage

            show_coverage(paths, framework)
            return
        from casusspel.ui.tables import print_case_table

        print_case_table(load_cases(paths), load_framework(framework))

    run_safely(body)


class Audience(str, Enum):
    wijkteam = "wijkteam"
    gemeente = "gemeente"
    clientenraad = "clientenraad"
    sociaal_domein = "sociaal-domein"


@app.command()
def new(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Nieuw casusbestand.")]
    = None,
    audience: Annotated[Audience, typer.Option(
        help="wijkteam, gemeente, clientenraad of sociaal-domein.")]
    = Audience.wijkteam,
    vscode: Annotated[bool, typer.Option(
        "--vscode", help="Schrijf ook .vscode/settings.json (zoals 'casusspel schema --vscode').")]
    = False,
) -> None:
    """Begin een nieuwe casus: een ingevuld voorbeeld met uitleg en TODO's."""

    def body() -> None:
        from casusspel.ui.author import new_case

        new_case(output, audience.value, vscode)

    run_safely(body)


@app.command()
def preview(
    case: Annotated[str, typer.Argument(help="Casusbestand of casuscode.")],
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Alles in één keer, zonder te bladeren (ook als de uitvoer geen terminal "
        "is).")] = False,
) -> None:
    """Laat een casus zien zoals de zaal hem ziet, scherm voor scherm (Enter, q), met een kaart
    van keuzes en vervolgen, de sleutel, de punten en alle feedback."""

    def body() -> None:
        from casusspel.ui.author import preview as run_preview

        run_preview(case, framework, everything=show_all)

    run_safely(body)


@app.command("test")
def test_cases(
    paths: Annotated[list[Path] | None, typer.Argument(help="Casussen (standaard: ingebouwd).")]
    = None,
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
) -> None:
    """Speel elk pad door elke casus en controleer de voorbeeldreflecties."""

    def body() -> None:
        from casusspel.ui.author import run_tests

        raise typer.Exit(run_tests(paths, framework))

    run_safely(body)


@app.command()
def stats(
    paths: Annotated[list[Path] | None, typer.Argument(help="Casussen (standaard: ingebouwd).")]
    = None,
) -> None:
    """Woorden, leestijd, vervolgen en keuzes per casus."""

    def body() -> None:
        from casusspel.ui.author import show_stats

        show_stats(paths)

    run_safely(body)


@app.command()
def schema(
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    vscode: Annotated[bool, typer.Option(
        "--vscode", help="Schrijf .vscode/settings.json in deze map: VS Code gebruikt het schema "
        "dan voor *.casus.yaml en voor elke map met casussen.")] = False,
) -> None:
    """Print het JSON Schema (draft 2020-12) van een casusbestand."""

    def body() -> None:
        from casusspel.content.library import load_framework
        from casusspel.content.schema import schema_text

        if vscode:
            from casusspel.ui.author import write_vscode_settings
            from casusspel.ui.console import make_console

            write_vscode_settings(Path.cwd(), make_console(), framework)
            return
        sys.stdout.write(schema_text(load_framework(framework)))

    run_safely(body)


@app.command()
def score(
    text: Annotated[str | None, typer.Option("--text", help="De reflectie als tekst.")] = None,
    stdin: Annotated[str | None, typer.Argument(help="'-' om de reflectie van stdin te lezen.",
                                                show_default=False)] = None,
    case: Annotated[str | None, typer.Option("--case", help="Casuscode of casusbestand.")]
    = None,
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Met --json: ook de bron per bewijs (raamwerk, casus of model), "
        "verloren casus-aanwijzingen en de herkomst van elke vlag.")] = False,
) -> None:
    """Scoor één reflectie op de pijlers, met de woorden die meetelden."""

    def body() -> None:
        from casusspel.content.library import find_case, load_framework
        from casusspel.errors import UsageError
        from casusspel.scoring.reflection import score_reflection

        if (text is None) == (stdin != "-"):
            raise UsageError("Geef de reflectie met --text TEKST of lees van stdin met '-'.")
        reflection = text if text is not None else sys.stdin.read(MAX_STDIN + 1)
        if len(reflection) > MAX_STDIN:
            raise UsageError("De reflectie op stdin is langer dan 1.000.000 tekens.")
        chosen = load_framework(framework)
        found = find_case(case) if case else None
        result = score_reflection(reflection, chosen,
                                  found.reflection.indicators if found else None,
                                  found.reflection.stereotypes if found else ())
        if as_json:
            import json

            payload = result.to_json(explain=explain)
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            return
        from casusspel.ui.console import make_console
        from casusspel.ui.scoring_view import reflection_view

        make_console().print(reflection_view(reflection, result, chosen))

    run_safely(body)


@app.command()
def calibrate(
    file: Annotated[Path, typer.Argument(help="YAML met gelabelde reflecties.")],
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Meet hoe goed de scores overeenkomen met reflecties die je zelf hebt gelabeld."""

    def body() -> None:
        from casusspel.content.calibration import calibrate as run_calibration
        from casusspel.content.calibration import iter_labelled
        from casusspel.content.library import load_framework

        chosen = load_framework(framework)
        for _ in iter_labelled(file):  # every item checked before the first is scored
            pass
        result = run_calibration(iter_labelled(file), chosen)
        if as_json:
            import json

            payload = result.to_json(with_items=True)
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
            return
        from casusspel.ui.console import make_console
        from casusspel.ui.scoring_view import calibration_table

        make_console().print(calibration_table(result, chosen))

    run_safely(body)


PhonesOption = Annotated[bool, typer.Option(
    "--phones", help="Teams antwoorden ook op hun telefoon: start een webpagina op het lokale "
                     "netwerk (QR-code en kamercode op het scherm).")]
HostOption = Annotated[str | None, typer.Option(
    help="Met --phones: het adres waarop de pagina luistert (standaard het adres van deze "
         "laptop op het lokale netwerk).")]
PortOption = Annotated[int | None, typer.Option(
    help="Met --phones: de poort (standaard 8765 of de eerste vrije daarna).", min=1,
    max=65535)]


def phone_page(phones: bool, host: str | None, port: int | None) -> Any:  # noqa: ANN401
    """The phone page's starter for the live session (``--phones``), with ``--host`` and
    ``--port``; None without ``--phones`` (then nothing listens on the network)."""
    from casusspel.errors import UsageError

    if not phones:
        if host is not None or port is not None:
            raise UsageError("--host en --port horen bij --phones.")
        return None
    from functools import partial

    from casusspel.web.server import start

    return partial(start, host=host, port=port)


@app.command()
def play(
    paths: Annotated[list[Path] | None, typer.Argument(help="Casusbestanden of mappen.")] = None,
    demo: Annotated[bool, typer.Option("--demo", help="Speel de ingebouwde casussen.")] = False,
    cases: Annotated[str | None, typer.Option(help="Casuscodes, gescheiden door komma's.")]
    = None,
    teams: Annotated[str | None, typer.Option(help="Teamnamen, bijvoorbeeld 'Tafel 1,Tafel 2'.")]
    = None,
    mode: Annotated[Mode, typer.Option(help="group, solo of plenary.")] = Mode.group,
    timer: Annotated[str | None, typer.Option(help="Tijd per stap, bijvoorbeeld 5m of 90s.")]
    = None,
    scoreboard: Annotated[Board, typer.Option(help="competitive, cooperative of hidden.")]
    = Board.competitive,
    framework: Annotated[Path | None, typer.Option(help="Eigen raamwerk (YAML).")] = None,
    lang: Annotated[Lang, typer.Option(help="Taal op het scherm: nl of en.")] = Lang.nl,
    session_dir: Annotated[Path | None, typer.Option(help="Map voor sessies.")] = None,
    plain: Annotated[bool, typer.Option(
        "--plain", help="Regel voor regel in plaats van het volledige scherm (ook vanzelf als "
                        "invoer of uitvoer geen terminal is).")] = False,
    phones: PhonesOption = False,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    """Speel een live sessie: situatie, factoren, keuze, reflectie, onthulling, bespreking."""

    def body() -> None:
        from casusspel.ui.live import play as run_play

        run_play(None if demo else paths, case_ids=cases, teams=teams, mode=mode.value,
                 timer=timer, scoreboard=scoreboard.value, framework_path=framework,
                 lang=lang.value, session_dir=session_dir, plain=plain,
                 phones=phone_page(phones, host, port))

    run_safely(body)


@app.command()
def resume(
    session: Annotated[str | None, typer.Argument(help="Sessie-id (of het begin ervan).")]
    = None,
    session_dir: Annotated[Path | None, typer.Option(help="Map voor sessies.")] = None,
    plain: Annotated[bool, typer.Option(
        "--plain", help="Regel voor regel in plaats van het volledige scherm.")] = False,
    phones: PhonesOption = False,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    """Ga verder met een onderbroken sessie, precies waar die was."""

    def body() -> None:
        from casusspel.ui.live import resume as run_resume

        run_resume(session, session_dir, plain, phone_page(phones, host, port))

    run_safely(body)


@app.command()
def sessions(
    session_dir: Annotated[Path | None, typer.Option(help="Map voor sessies.")] = None,
    only_open: Annotated[bool, typer.Option("--open", help="Alleen onafgemaakte sessies.")]
    = False,
) -> None:
    """Toon alle opgeslagen sessies, onafgemaakte eerst."""

    def body() -> None:
        from casusspel.ui.live import show_sessions

        show_sessions(session_dir, only_open=only_open)

    run_safely(body)


@app.command()
def repair(
    session: Annotated[str, typer.Argument(help="Sessie-id (of het begin ervan) of sessiemap.")],
    yes: Annotated[bool, typer.Option("--yes", help="Niet vragen (voor scripts).")] = False,
    session_dir: Annotated[Path | None, typer.Option(help="Map voor sessies.")] = None,
) -> None:
    """Herstel een beschadigd logboek: bewaar alles vóór de eerste foute regel (met kopie)."""

    def body() -> None:
        from casusspel.ui.repair import repair as run_repair

        raise typer.Exit(run_repair(session, session_dir, yes=yes))

    run_safely(body)


class ReportFormat(str, Enum):
    md = "md"
    html = "html"
    csv = "csv"
    json = "json"


@app.command()
def report(
    session: Annotated[str, typer.Argument(help="Sessie-id (of het begin ervan) of sessiemap.")],
    output_format: Annotated[ReportFormat | None, typer.Option(
        "--format", help="md, html, csv of json (standaard: md; op het scherm een overzicht).")]
    = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Schrijf naar dit bestand.")]
    = None,
    anonymise: Annotated[bool, typer.Option(
        "--anonymise", "--anonymize", help="Vervang teamnamen door Team A, Team B, ...")] = False,
    session_dir: Annotated[Path | None, typer.Option(help="Map voor sessies.")] = None,
    training: Annotated[Path | None, typer.Option(
        help="Trainingsmap met leervragen: het verslag zegt welke casus welke vraag raakte.")]
    = None,
) -> None:
    """Maak een verslag van een sessie: antwoorden, scores, profielen, stof voor later."""

    def body() -> None:
        from casusspel.ui.live import show_report

        show_report(session, session_dir, fmt=output_format.value if output_format else None,
                    output=output, anonymise=anonymise, training=training)

    run_safely(body)


leervragen_app = typer.Typer(
    name="leervragen", no_args_is_help=True, rich_markup_mode=None,
    help="Leervragen van deelnemers verzamelen in een trainingsmap (anoniem).")
app.add_typer(leervragen_app)
TrainingOption = Annotated[Path, typer.Option(
    "--training", help="Trainingsmap (standaard: de huidige map).")]


@leervragen_app.command("add")
def leervragen_add(
    questions: Annotated[list[str], typer.Argument(help="Een of meer vragen, elk tussen \"\".")],
    training: TrainingOption = Path("."),
) -> None:
    """Voeg een of meer leervragen toe."""

    def body() -> None:
        from casusspel.ui.training import add

        add(training, questions)

    run_safely(body)


@leervragen_app.command("list")
def leervragen_list(training: TrainingOption = Path(".")) -> None:
    """Toon de leervragen."""

    def body() -> None:
        from casusspel.ui.training import show

        show(training)

    run_safely(body)


@leervragen_app.command("import")
def leervragen_import(
    source: Annotated[Path, typer.Argument(help="Tekstbestand (één vraag per regel) of CSV.")],
    training: TrainingOption = Path("."),
) -> None:
    """Lees leervragen uit een tekstbestand of CSV (bijvoorbeeld een export van een formulier)."""

    def body() -> None:
        from casusspel.ui.training import import_file

        import_file(training, source)

    run_safely(body)


@app.command()
def plan(
    paths: Annotated[list[Path] | None, typer.Argument(help="Casussen (standaard: ingebouwd).")]
    = None,
    training: TrainingOption = Path("."),
    minutes: Annotated[int, typer.Option(help="Beschikbare tijd voor casussen, in minuten.")]
    = 120,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Programmabestand.")]
    = None,
    title: Annotated[str, typer.Option(help="Naam van de trainingsdag.")] = "Trainingsdag",
    days: Annotated[int, typer.Option(
        help="Aantal dagen (een leergang): elke dag vol, geen casus twee keer.")] = 1,
    audience: Annotated[Audience | None, typer.Option(
        help="Alleen casussen voor deze doelgroep.")] = None,
) -> None:
    """Kies casussen die de leervragen beantwoorden, binnen de tijd, en stel een programma voor.

    --minutes geldt per dag. Met --days 3 -o leergang.yaml komen er drie bestanden:
    leergang-dag-1.yaml, leergang-dag-2.yaml en leergang-dag-3.yaml.
    """

    def body() -> None:
        from casusspel.ui.training import plan_training

        plan_training(training, minutes, paths, output, title, days=days,
                      audience=audience.value if audience else None)

    run_safely(body)


@app.command()
def followup(training: TrainingOption = Path(".")) -> None:
    """Follow-up (bijvoorbeeld na zes maanden): deelnemers beoordelen zichzelf per pijler."""

    def body() -> None:
        from casusspel.ui.selfassessment_view import followup as run_followup

        run_followup(training)

    run_safely(body)


@app.command()
def evaluation(
    training: TrainingOption = Path("."),
    html: Annotated[Path | None, typer.Option("--html", help="Schrijf de grafiek als HTML.")]
    = None,
) -> None:
    """Verschil per pijler van begin naar eind naar follow-up, met het aantal antwoorden."""

    def body() -> None:
        from casusspel.ui.selfassessment_view import show_evaluation

        show_evaluation(training, html)

    run_safely(body)


@app.command()
def docs(
    name: Annotated[str | None, typer.Argument(
        help="Welke handleiding (bijvoorbeeld casussen-schrijven); leeg: de lijst.")] = None,
    path: Annotated[bool, typer.Option("--path", help="Toon alleen waar het bestand staat.")]
    = False,
    raw: Annotated[bool, typer.Option("--raw", help="De Markdown-tekst zonder opmaak.")] = False,
) -> None:
    """Lees de handleidingen: casussen schrijven, validatie, scoring, verslagen, trainingsdag."""

    def body() -> None:
        from casusspel.ui.docs_view import show_docs

        show_docs(name, path_only=path, raw=raw)

    run_safely(body)


def main() -> Any:
    """Entry point of the ``casusspel`` console script."""
    from casusspel.ui.console import degrade_unencodable_output

    degrade_unencodable_output()
    return app()


if __name__ == "__main__":
    main()
