"""The author's commands on screen: new, preview, test, list --coverage, stats."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from casusspel.content.library import load_case_files, load_cases, load_framework, schema_path
from casusspel.content.model import AUDIENCES, Case, Framework
from casusspel.errors import UsageError
from casusspel.messages import Messages
from casusspel.ui import screens
from casusspel.ui.console import make_console
from casusspel.ui.safe import literal, prose

SCREEN = (80, 24)
WORDS_PER_MINUTE = 200  # reading aloud in a room is slower than reading alone


# -- new -----------------------------------------------------------------------------------------
def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "nieuwe-casus"


def new_case(output: Path | None, audience: str, vscode: bool) -> None:
    from casusspel.content.skeleton import skeleton

    if audience not in AUDIENCES:
        raise UsageError(f"Onbekende doelgroep '{audience}'. Kies uit: {', '.join(AUDIENCES)}.")
    console = make_console(stderr=output is None)
    if vscode:
        write_vscode_settings(Path.cwd(), console)
        if output is None:
            return
    if output is None:
        print(skeleton("nieuwe-casus", audience, "casus.schema.json", "BESTAND.yaml"), end="")
        return
    if output.exists():
        raise UsageError(f"{output} bestaat al; kies een andere naam (er wordt niets "
                         "overschreven).")
    if output.parent.exists() and not output.parent.is_dir():
        raise UsageError(f"{output.parent} is geen map.")
    schema_file = output.parent / "casus.schema.json"
    text = skeleton(slug(output.stem), audience, "casus.schema.json", str(output))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if not schema_file.exists():
            schema_file.write_text(schema_path().read_text(encoding="utf-8"), encoding="utf-8")
            console.print(literal(f"Schema voor je editor geschreven: {schema_file}"))
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Kan {output} niet schrijven: {exc.strerror or exc}") from None
    console.print(literal(f"Nieuwe casus: {output}"), style="bold green")
    console.print(literal(f"Vul de TODO's in en controleer met: casusspel validate {output}"),
                  soft_wrap=True)  # one line, to copy


def write_vscode_settings(folder: Path, console: Console) -> None:
    """``.vscode/settings.json`` mapping ``cases/*.yaml`` to the schema (merged, never lost)."""
    settings_file = folder / ".vscode" / "settings.json"
    settings: dict[str, object] = {}
    if settings_file.exists():
        try:
            loaded = json.loads(settings_file.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            raise UsageError(f"{settings_file} bestaat al en is geen gewone JSON (misschien "
                             "met commentaar). Voeg deze regel zelf toe onder \"yaml.schemas\": "
                             "\"./cases/casus.schema.json\": [\"cases/*.yaml\"]") from None
        if not isinstance(loaded, dict):
            raise UsageError(f"{settings_file} is geen JSON-object; pas het zelf aan.")
        settings = loaded
    schemas = settings.get("yaml.schemas")
    schemas = dict(schemas) if isinstance(schemas, dict) else {}
    schemas["./cases/casus.schema.json"] = ["cases/*.yaml", "cases/**/*.yaml"]
    settings["yaml.schemas"] = schemas
    try:
        (folder / "cases").mkdir(exist_ok=True)
        target_schema = folder / "cases" / "casus.schema.json"
        if not target_schema.exists():
            target_schema.write_text(schema_path().read_text(encoding="utf-8"),
                                     encoding="utf-8")
        settings_file.parent.mkdir(exist_ok=True)
        settings_file.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Kan {settings_file} niet schrijven: {exc.strerror or exc}") from None
    console.print(literal(f"VS Code-instellingen geschreven: {settings_file} "
                          "(cases/*.yaml gebruikt nu het schema)"))


# -- preview -------------------------------------------------------------------------------------
def preview_screens(case: Case, framework: Framework) -> list[tuple[str, RenderableType]]:
    """The screens of a case in playing order, as the room sees them."""
    msg = Messages(case.language)
    shown: list[tuple[str, RenderableType]] = [
        ("Situatie", screens.situation_view(case, framework, msg)),
        ("Keuze", screens.choices_view(case.choices, case.question)),
        ("Reflectie", literal(case.reflection.prompt, "bold yellow")),
        ("Onthulling: personen", screens.persons_table(case, framework, msg, reveal=True)),
        ("Onthulling: feedback", Group(*[
            Group(Text.assemble((f"{letter}. ", "bold yellow"), literal(c.text)),
                  prose(c.feedback, "italic"))
            for letter, c in zip(screens.LETTERS, case.choices, strict=False)])),
        ("Kijk van de expert", Panel(prose(case.expert), title="Kijk van de expert")),
        ("Bespreking", screens.discussion_view(case, msg)),
    ]
    for stage in case.stages:
        shown.append((f"Vervolg: {stage.title}", Group(
            screens.situation_view(case, framework, msg, stage),
            screens.choices_view(stage.choices, stage.question))))
    return shown


def lines_at(renderable: RenderableType, width: int) -> int:
    """How many lines ``renderable`` takes on a terminal ``width`` columns wide."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return len(console.render_lines(renderable, console.options, pad=False))


def preview(reference: str, framework_path: Path | None) -> None:
    from casusspel.content.library import find_case

    framework = load_framework(framework_path)
    case = find_case(reference)
    console = make_console()
    for title, renderable in preview_screens(case, framework):
        console.print(Rule(literal(title), style="cyan"))
        console.print(renderable)
        needed = lines_at(renderable, SCREEN[0]) + 3  # header, prompt, a blank line
        if needed > SCREEN[1]:
            console.print(Text(f"⚠ Dit scherm (met alles erop) past niet op 80x24: {needed} "
                               "regels. Op een klein scherm bladert de zaal hier door; "
                               "validate (CS050) kijkt alleen naar de situatie zelf.",
                               style="yellow"))
    console.print(Text(f"Afbeelding op {console.width}x{console.height}. Speel hem met: "
                       f"casusspel play {reference}", style="grey62"))


# -- test ----------------------------------------------------------------------------------------
def run_tests(paths: Sequence[Path] | None, framework_path: Path | None) -> int:
    from casusspel.content.casetest import run_case_test
    from casusspel.content.checks import validate_paths

    framework = load_framework(framework_path)
    console = make_console()
    targets = list(paths) if paths else None
    if targets:
        report = validate_paths(targets, framework_path)
        errors = [p for p in report.problems if p.severity == "error"]
        for problem in errors:
            console.print(literal(problem.format(), "red"))
        if errors:
            console.print(Text("Eerst deze fouten oplossen (casusspel validate).", style="red"))
            return 1
    cases = load_cases(targets)
    failed = 0
    for case in cases:
        result = run_case_test(case, framework)
        examples_ok = sum(e.ok for e in result.examples)
        line = Text("✓ " if result.ok else "✗ ", style="bold green" if result.ok else "bold red")
        line.append(literal(case.id, "bold"))
        line.append(f": {len(result.paths)} paden, {examples_ok} van {len(result.examples)} "
                    "voorbeelden goed")
        console.print(line)
        for failure in result.failures:
            console.print(literal(f"    {failure}", "red"))
        for example in result.examples:
            if example.ok:
                continue
            console.print(literal(f"    voorbeeld {example.index} (\"{_short(example.text)}\"):",
                                  "red"))
            for reason in example.problems:
                console.print(literal(f"      {reason}"))
        for note in result.not_covered:
            console.print(literal(f"    niet gedekt: {note}", "grey62"))
        failed += not result.ok
    total = len(cases)
    console.print(Text(f"{total - failed} van {total} casussen geslaagd.",
                       style="bold" if not failed else "bold red"))
    return 1 if failed else 0


def _short(text: str, length: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length - 1] + "…"


# -- coverage and stats --------------------------------------------------------------------------
def coverage_view(cases: Sequence[Case], framework: Framework) -> RenderableType:
    """Factor x case (B bepalend, r relevant, a afleider) and pillar x case reachability."""
    numbered = Table(title="Casussen", title_justify="left", box=None, show_header=False)
    for number, case in enumerate(cases, 1):
        numbered.add_row(str(number), literal(case.title), literal(case.id, "grey62"))
    factors = Table(title="Factoren per casus (B = bepalend, r = relevant, a = afleider; "
                          "laatste kolom: in hoeveel casussen bepalend)", title_justify="left")
    factors.add_column("factor", no_wrap=True)
    for number in range(1, len(cases) + 1):
        factors.add_column(str(number), justify="center", no_wrap=True, min_width=1)
    factors.add_column("B", justify="right", no_wrap=True)
    for factor in framework.factors:
        marks = []
        decisive_count = 0
        for case in cases:
            key = case.factors
            if factor.id in key.decisive:
                marks.append(Text("B", style="bold green"))
                decisive_count += 1
            elif factor.id in key.relevant:
                marks.append(Text("r", style="cyan"))
            elif factor.id in key.distractor:
                marks.append(Text("a", style="yellow"))
            else:
                marks.append(Text("·", style="grey42"))
        count = Text(str(decisive_count), style="bold red" if not decisive_count else "")
        factors.add_row(literal(factor.id), *marks, count)
    pillars = Table(title="Pijlers per casus (punten: hoogste bij een keuze; w = alleen via "
                          "woorden in de reflectie)", title_justify="left")
    pillars.add_column("pijler", no_wrap=True)
    for number in range(1, len(cases) + 1):
        pillars.add_column(str(number), justify="center", no_wrap=True)
    for pillar in framework.pillars:
        cells = []
        for case in cases:
            best = max((c.points.get(pillar.id, 0) for c in case.every_choice), default=0)
            if best:
                cells.append(Text(str(best), style=pillar.color))
            elif pillar.indicators or case.reflection.indicators.get(pillar.id):
                cells.append(Text("w", style="grey62"))
            else:
                cells.append(Text("–", style="bold red"))
        pillars.add_row(Text(pillar.label, style=f"bold {pillar.color}"), *cells)
    missing = [f.name for f in framework.factors
               if not any(f.id in c.factors.decisive for c in cases)]
    note = Text("Elke factor is in minstens één casus bepalend." if not missing else
                "Nog in geen enkele casus bepalend: " + ", ".join(missing),
                style="green" if not missing else "yellow")
    return Group(numbered, factors, pillars, note)


def case_stats(case: Case) -> tuple[int, int, float, int, int]:
    """Words of the situation, words in all, minutes to read aloud, stages, choices."""
    texts = [case.situation, case.question, case.expert, case.reflection.prompt,
             *(p.description for p in case.persons), *case.discussion,
             *(f"{c.text} {c.feedback}" for c in case.every_choice),
             *(s.situation for s in case.stages)]
    words = sum(len(t.split()) for t in texts)
    return (len(case.situation.split()), words, words / WORDS_PER_MINUTE, len(case.stages),
            len(case.every_choice))


def stats_view(cases: Sequence[Case]) -> RenderableType:
    table = Table(title="1 casus" if len(cases) == 1 else f"{len(cases)} casussen",
                  title_justify="left")
    table.add_column("casus", overflow="fold", ratio=1)
    table.add_column("woorden\nsituatie", justify="right")
    table.add_column("woorden\ntotaal", justify="right")
    table.add_column("lees-\ntijd", justify="right")
    table.add_column("speel-\ntijd", justify="right")
    table.add_column("ver-\nvolgen", justify="right")
    table.add_column("keuzes", justify="right")
    totals = [0, 0, 0.0, 0]
    for case in cases:
        situation, words, minutes, stages, choices = case_stats(case)
        table.add_row(literal(case.id), str(situation), str(words),
                      f"{minutes:.1f} min".replace(".", ","),
                      f"{case.minutes} min", str(stages), str(choices))
        totals[0] += words
        totals[1] += case.minutes
        totals[2] += minutes
        totals[3] += stages
    table.add_section()
    table.add_row(Text("totaal", style="bold"), "", str(totals[0]), f"{totals[2]:.0f} min",
                  f"{totals[1]} min", str(totals[3]), "")
    return table


def show_coverage(paths: Sequence[Path] | None, framework_path: Path | None) -> None:
    cases = [c for c, _ in load_case_files(paths)]
    make_console().print(coverage_view(cases, load_framework(framework_path)))


def show_stats(paths: Sequence[Path] | None) -> None:
    make_console().print(stats_view(load_cases(paths)))
    make_console().print(Text(f"Leestijd: voorlezen aan de zaal, {WORDS_PER_MINUTE} woorden per "
                              "minuut; speeltijd: 'minutes' uit de casus.", style="grey62"))
