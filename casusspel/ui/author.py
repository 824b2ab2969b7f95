"""The author's commands on screen: new, preview, test, list --coverage, stats."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from casusspel.content.library import load_case_files, load_cases, load_framework
from casusspel.content.model import AUDIENCES, Case, Framework
from casusspel.content.problems import Problem
from casusspel.errors import UsageError
from casusspel.files import FileRefused, create_new, read_capped
from casusspel.messages import Messages
from casusspel.session.folders import check_output
from casusspel.ui.console import make_console
from casusspel.ui.safe import colour, literal, pillar_label

WORDS_PER_MINUTE = 200  # reading aloud in a room is slower than reading alone


# -- new -----------------------------------------------------------------------------------------
def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "nieuwe-casus"


def new_case(output: Path | None, audience: str, vscode: bool) -> None:
    from casusspel.content.schemalink import folder_of, link_for
    from casusspel.content.skeleton import skeleton

    if audience not in AUDIENCES:
        raise UsageError(f"Onbekende doelgroep '{audience}'. Kies uit: {', '.join(AUDIENCES)}.")
    console = make_console(stderr=output is None)
    if output is None:
        if vscode:
            write_vscode_settings(Path.cwd(), console)
        else:
            print(skeleton("nieuwe-casus", audience, link_for(Path.cwd()), "BESTAND.yaml"),
                  end="")
        return
    check_output(output)
    if output.exists() or output.is_symlink():
        raise UsageError(f"{output} bestaat al; kies een andere naam (er wordt niets "
                         "overschreven).")
    if output.parent.exists() and not output.parent.is_dir():
        raise UsageError(f"{output.parent} is geen map.")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        link = link_for(folder_of(output))
        text = skeleton(slug(output.name.split(".")[0]), audience, link, str(output))
        create_new(output, text.encode("utf-8"))  # exclusive: no race, no dangling link followed
    except FileExistsError:
        raise UsageError(f"{output} bestaat al; kies een andere naam (er wordt niets "
                         "overschreven).") from None
    except OSError as exc:
        raise UsageError(f"Kan {output} niet schrijven: {exc.strerror or exc}") from None
    console.print(literal(f"Nieuwe casus: {output}"), style="bold green")
    console.print(literal(f"Schema voor je editor: {link}"), soft_wrap=True)
    console.print(literal(f"Vul de TODO's in en controleer met: casusspel validate {output}"),
                  soft_wrap=True)  # one line, to copy
    if vscode:  # after the case exists, so its folder is one of the patterns
        write_vscode_settings(Path.cwd(), console)


def write_vscode_settings(folder: Path, console: Console, framework_path: Path | None = None,
                          ) -> None:
    """``.vscode/settings.json``: the case schema for ``*.casus.yaml`` and every folder with cases
    (merged with what is there; nothing else is lost)."""
    from casusspel.content import schemalink

    settings_file = folder / ".vscode" / "settings.json"
    settings: dict[str, object] = {}
    if settings_file.exists():
        try:
            loaded = json.loads(read_capped(settings_file, 2_000_000).decode("utf-8"))
        except (ValueError, OSError, FileRefused):
            raise UsageError(f"{settings_file} bestaat al en is geen gewone JSON (misschien "
                             "met commentaar). Voeg onder \"yaml.schemas\" zelf de regel toe die "
                             "'casusspel schema --vscode' zou schrijven, in een map zonder "
                             ".vscode (die kun je daarna weggooien).") from None
        if not isinstance(loaded, dict):
            raise UsageError(f"{settings_file} is geen JSON-object; pas het zelf aan.")
        settings = loaded
    try:
        if framework_path is not None:
            write_framework_schema(folder / schemalink.SCHEMA_NAME, framework_path)
        key = schemalink.settings_schema_key(folder)
        patterns = schemalink.vscode_patterns(folder)
        settings_file.parent.mkdir(exist_ok=True)
        settings_file.write_text(json.dumps(schemalink.with_vscode_schemas(
            settings, key, patterns), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Kan {settings_file} niet schrijven: {exc.strerror or exc}") from None
    console.print(literal(f"VS Code-instellingen geschreven: {settings_file}"))
    console.print(literal(f"  schema: {key}"), soft_wrap=True)
    console.print(literal(f"  voor:   {', '.join(patterns)}"), soft_wrap=True)
    console.print(Text("Open deze map in VS Code (Bestand > Map openen). Een casus in een andere "
                       "map: noem hem NAAM.casus.yaml, of draai dit opnieuw.", style="grey62"))


def write_framework_schema(target: Path, framework_path: Path) -> None:
    """The schema for the trainer's own framework, next to the cases (never over a file that is
    not a schema casusspel wrote)."""
    from casusspel.content.schema import SCHEMA_ID, schema_text

    if target.exists():
        try:
            current = json.loads(target.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            current = None
        if not isinstance(current, dict) or current.get("$id") != SCHEMA_ID:
            raise UsageError(f"{target} bestaat al en is geen schema van casusspel; er wordt "
                             "niets overschreven.")
    target.write_text(schema_text(load_framework(framework_path)), encoding="utf-8")


def fix_schema_links(paths: Sequence[Path]) -> list[Problem]:
    """``validate --fix-schema-link``: give every case a schema link that resolves; the files
    that could not be changed come back as problems for the report."""
    from casusspel.content.library import expand_paths
    from casusspel.content.schemalink import fix_links

    files, _ = expand_paths(paths)  # missing paths are reported by validate itself
    fixed, problems = fix_links(files)
    console = make_console(stderr=True)
    for item in fixed:
        console.print(literal(f"{item.display}: schema-link hersteld ($schema={item.link})"),
                      soft_wrap=True)
    return problems


# -- preview -------------------------------------------------------------------------------------
def preview(reference: str, framework_path: Path | None, *, everything: bool = False,
            console: Console | None = None, read: Callable[[str], str] | None = None) -> None:
    """Screen by screen in a terminal (Enter, q); all at once with ``everything`` or when the
    output is not a terminal (a pipe, a file)."""
    from casusspel.content.library import find_case
    from casusspel.ui.preview import page_through, preview_pages, show_all

    framework = load_framework(framework_path)
    case = find_case(reference)
    console = console or make_console()
    msg = Messages(case.language)
    pages = preview_pages(case, framework)
    if everything or not console.is_terminal:
        show_all(pages, console, msg)
    elif not page_through(pages, console, msg, read or (lambda prompt: console.input(prompt))):
        return
    console.print(Text(msg("preview.play", reference=reference), style="grey62"), soft_wrap=True)


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
                if example.near:
                    console.print(literal(f"    voorbeeld {example.index} goed, binnen de marge: "
                                          + "; ".join(example.near), "grey62"))
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
def coverage_view(cases: Sequence[Case], framework: Framework,
                  width: int = 80) -> RenderableType:
    """Factor x case (B bepalend, r relevant, a afleider) and pillar x case reachability; with
    more cases than fit the width, the case columns come in several tables under each other."""
    numbered = Table(title="Casussen", title_justify="left", box=None, show_header=False)
    for number, case in enumerate(cases, 1):
        numbered.add_row(str(number), literal(case.title), literal(case.id, "grey62"))
    label_width = max([len(f.id) for f in framework.factors]
                      + [len(p.label) for p in framework.pillars]) + 4
    fits = max(1, (width - label_width - 6) // 5)  # '│ 30 ' per case, and the count column
    per_table = -(-len(cases) // -(-len(cases) // fits)) if cases else 1  # tables of equal size
    numbers = list(range(1, len(cases) + 1))
    chunks = [numbers[i:i + per_table] for i in range(0, len(numbers), per_table)] or [[]]
    tables: list[RenderableType] = [numbered]
    for part, chunk in enumerate(chunks):
        last = part == len(chunks) - 1
        more = "" if len(chunks) == 1 else f" (casus {chunk[0]}-{chunk[-1]})" if chunk else ""
        title = ("Factoren per casus (B = bepalend, r = relevant, a = afleider; laatste kolom: "
                 "in hoeveel casussen bepalend)" if part == 0 else "Factoren per casus")
        tables.append(_factor_table(cases, framework, chunk, title + more, count=last))
    for part, chunk in enumerate(chunks):
        more = "" if len(chunks) == 1 else f" (casus {chunk[0]}-{chunk[-1]})" if chunk else ""
        title = ("Pijlers per casus (punten: hoogste bij een keuze; w = alleen via woorden in de "
                 "reflectie)" if part == 0 else "Pijlers per casus")
        tables.append(_pillar_table(cases, framework, chunk, title + more))
    missing = [f.name for f in framework.factors
               if not any(f.id in c.factors.decisive for c in cases)]
    note = Text("Elke factor is in minstens één casus bepalend." if not missing else
                "Nog in geen enkele casus bepalend: " + ", ".join(missing),
                style="green" if not missing else "yellow")
    return Group(*tables, note)


def _factor_table(cases: Sequence[Case], framework: Framework, numbers: Sequence[int],
                  title: str, *, count: bool) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("factor", no_wrap=True)
    for number in numbers:
        table.add_column(str(number), justify="center", no_wrap=True, min_width=2)
    if count:
        table.add_column("B", justify="right", no_wrap=True)
    for factor in framework.factors:
        marks = []
        for number in numbers:
            key = cases[number - 1].factors
            if factor.id in key.decisive:
                marks.append(Text("B", style="bold green"))
            elif factor.id in key.relevant:
                marks.append(Text("r", style="cyan"))
            elif factor.id in key.distractor:
                marks.append(Text("a", style="yellow"))
            else:
                marks.append(Text("·", style="grey42"))
        decisive = sum(1 for case in cases if factor.id in case.factors.decisive)
        total = [Text(str(decisive), style="bold red" if not decisive else "")] if count else []
        table.add_row(literal(factor.id), *marks, *total)
    return table


def _pillar_table(cases: Sequence[Case], framework: Framework, numbers: Sequence[int],
                  title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("pijler", no_wrap=True)
    for number in numbers:
        table.add_column(str(number), justify="center", no_wrap=True, min_width=2)
    for pillar in framework.pillars:
        cells = []
        for number in numbers:
            case = cases[number - 1]
            best = max((c.points.get(pillar.id, 0) for c in case.every_choice), default=0)
            if best:
                cells.append(Text(str(best), style=colour(pillar.color)))
            elif pillar.indicators or case.reflection.indicators.get(pillar.id):
                cells.append(Text("w", style="grey62"))
            else:
                cells.append(Text("–", style="bold red"))
        table.add_row(pillar_label(pillar.label, pillar.color), *cells)
    return table


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
                  title_justify="left", box=None, padding=(0, 0), caption_justify="left",
                  caption=f"woorden: in de situatie en in de hele casus; lezen: voorlezen aan "
                          f"de zaal ({WORDS_PER_MINUTE} woorden per minuut); spelen: de speeltijd "
                          "uit de casus (minuten)")
    longest_id = max((len(case.id) for case in cases), default=10)
    table.add_column("casus", width=longest_id, no_wrap=True,  # ids are typed: never broken
                     header_style="bold")
    for header in ("situatie", "totaal", "lezen", "spelen", "vervolg", "keuzes"):
        table.add_column(header, justify="right", no_wrap=True, min_width=len(header) + 1,
                         header_style="bold")
    totals = [0, 0, 0.0, 0]
    for case in cases:
        situation, words, minutes, stages, choices = case_stats(case)
        table.add_row(literal(case.id), str(situation), str(words),
                      f"{minutes:.1f}".replace(".", ","), str(case.minutes), str(stages),
                      str(choices))
        totals[0] += words
        totals[1] += case.minutes
        totals[2] += minutes
        totals[3] += stages
    table.add_section()
    table.add_row(Text("totaal", style="bold"), "", str(totals[0]), f"{totals[2]:.0f}",
                  str(totals[1]), str(totals[3]), "")
    return table


def show_coverage(paths: Sequence[Path] | None, framework_path: Path | None) -> None:
    cases = [c for c, _ in load_case_files(paths)]
    console = make_console()
    console.print(coverage_view(cases, load_framework(framework_path), console.width))


def show_stats(paths: Sequence[Path] | None) -> None:
    make_console().print(stats_view(load_cases(paths)))
