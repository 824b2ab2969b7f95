"""The author's commands on screen: new, preview, test, list --coverage, stats."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from casusspel.commandline import command_line, quote
from casusspel.content.library import load_case_files, load_cases, load_framework
from casusspel.content.model import AUDIENCES, Case, Framework
from casusspel.content.problems import Problem
from casusspel.errors import MISSING_OR_UNREADABLE, ExitCode, UsageError
from casusspel.files import FileRefused, create_new, read_capped
from casusspel.messages import Messages, chosen_language, os_reason
from casusspel.session.folders import check_output
from casusspel.ui.console import make_console
from casusspel.ui.safe import colour, literal, pillar_label

WORDS_PER_MINUTE = 200  # reading aloud in a room is slower than reading alone


# -- new -----------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """A case code made from a title, as ``lookup`` reads codes ('Één brief' -> 'een-brief')."""
    from casusspel.content.lookup import slug as code

    return code(text) or Messages()("new.placeholder.id")


def new_case(output: Path | None, audience: str, vscode: bool) -> None:
    from casusspel.content.schemalink import folder_of, link_for
    from casusspel.content.skeleton import skeleton

    msg = Messages()
    if audience not in AUDIENCES:
        raise UsageError(msg("new.unknown_audience", audience=audience,
                             choices=", ".join(AUDIENCES)))
    console = make_console(stderr=output is None)
    if output is None:
        if vscode:
            write_vscode_settings(Path.cwd(), console)
        else:
            print(skeleton(msg("new.placeholder.id"), audience, link_for(Path.cwd()),
                           msg("new.placeholder.file"), msg.lang), end="")
        return
    check_output(output)
    if output.exists() or output.is_symlink():
        raise UsageError(msg("file.exists", path=str(output)))
    if output.parent.exists() and not output.parent.is_dir():
        raise UsageError(msg("file.not_a_folder", path=str(output.parent)))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        link = link_for(folder_of(output))
        text = skeleton(slug(output.name.split(".")[0]), audience, link, str(output), msg.lang)
        create_new(output, text.encode("utf-8"))  # exclusive: no race, no dangling link followed
    except FileExistsError:
        raise UsageError(msg("file.exists", path=str(output))) from None
    except OSError as exc:
        raise UsageError(msg("file.cannot_write", path=str(output),
                             reason=os_reason(exc).said())) from None
    console.print(literal(msg("new.created", path=str(output))), style="bold green")
    console.print(literal(msg("new.schema", link=link)), soft_wrap=True)
    console.print(literal(msg("new.next", command=command_line("validate", output))),
                  soft_wrap=True)  # one line, to copy
    if vscode:  # after the case exists, so its folder is one of the patterns
        write_vscode_settings(Path.cwd(), console)


def write_vscode_settings(folder: Path, console: Console, framework_path: Path | None = None,
                          ) -> None:
    """``.vscode/settings.json``: the case schema for ``*.casus.yaml`` and every folder with cases
    (merged with what is there; nothing else is lost)."""
    from casusspel.content import schemalink

    msg = Messages()
    settings_file = folder / ".vscode" / "settings.json"
    settings: dict[str, object] = {}
    if settings_file.exists():
        try:
            loaded = json.loads(read_capped(settings_file, 2_000_000).decode("utf-8"))
        except (ValueError, OSError, FileRefused):
            raise UsageError(msg("vscode.not_json", path=str(settings_file))) from None
        if not isinstance(loaded, dict):
            raise UsageError(msg("vscode.not_object", path=str(settings_file)))
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
        raise UsageError(msg("file.cannot_write", path=str(settings_file),
                             reason=os_reason(exc).said())) from None
    console.print(literal(msg("vscode.written", path=str(settings_file))))
    console.print(literal(msg("vscode.schema", schema=key)), soft_wrap=True)
    console.print(literal(msg("vscode.patterns", patterns=", ".join(patterns))), soft_wrap=True)
    console.print(Text(msg("vscode.how"), style="grey62"))


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
            raise UsageError(Messages()("vscode.schema_exists", path=str(target)))
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
        console.print(literal(Messages()("schema.link_fixed", file=item.display,
                                         link=item.link)), soft_wrap=True)
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
    msg = Messages(chosen_language() or case.language)
    pages = preview_pages(case, framework)
    if everything or not console.is_terminal:
        show_all(pages, console, msg)
    elif not page_through(pages, console, msg, read or (lambda prompt: console.input(prompt))):
        return
    console.print(Text(msg("preview.play", reference=quote(reference)), style="grey62"),
                  soft_wrap=True)


# -- test ----------------------------------------------------------------------------------------
def run_tests(paths: Sequence[Path] | None, framework_path: Path | None) -> ExitCode:
    """``casusspel test``: 0 when every case passes, 1 when one fails or has errors, 2 when a
    path is missing or unreadable."""
    from casusspel.content.casetest import run_case_test
    from casusspel.content.checks import validate_paths

    framework = load_framework(framework_path)
    console = make_console()
    msg = Messages()
    targets = list(paths) if paths else None
    if targets:
        report = validate_paths(targets, framework_path)
        errors = [p for p in report.problems if p.severity == "error"]
        for problem in errors:  # FILE:LINE:COL lines are copied: never broken
            console.print(literal(problem.format(), "red"), soft_wrap=True)
        if errors:
            console.print(Text(msg("test.fix_first"), style="red"))
            missing = any(p.code == MISSING_OR_UNREADABLE for p in errors)
            return ExitCode.USAGE if missing else ExitCode.PROBLEMS
    cases = load_cases(targets)
    failed = 0
    for case in cases:
        result = run_case_test(case, framework)
        line = Text("✓ " if result.ok else "✗ ", style="bold green" if result.ok else "bold red")
        line.append(literal(case.id, "bold"))
        line.append(": " + msg("test.case", paths=msg.plural("test.paths", len(result.paths)),
                               good=sum(e.ok for e in result.examples),
                               examples=msg.plural("test.examples", len(result.examples))))
        console.print(line)
        for failure in result.failures:
            _print_items(console, failure, 4, "red")
        for example in result.examples:
            if example.ok:
                if example.near:
                    _print_items(console, msg("test.near", n=example.index,
                                              notes="; ".join(example.near)), 4, "grey62")
                continue
            _print_items(console, msg("test.failed_example", n=example.index,
                                      text=_short(example.text)), 4, "red")
            for reason in example.problems:
                _print_items(console, reason, 6)
        for note in result.not_covered:
            _print_items(console, msg("test.not_covered", note=note), 4, "grey62")
        failed += not result.ok
    total = len(cases)
    console.print(Text(msg.plural("test.passed", total, passed=total - failed),
                       style="bold" if not failed else "bold red"))
    return ExitCode.PROBLEMS if failed else ExitCode.OK


#: what a line of ``casusspel test`` is broken between: a quoted word or phrase from a case
#: or a reflection ('...' or "...", with the indicator after it in brackets, and punctuation)
#: stays whole; an apostrophe inside a word (zo'n) does not start a quote
_ITEM = re.compile(r"""\(?(?<![^\s(])(['"]).*?\1(?:[ ]\([^()\s]+\))?[,;.:)]*(?=\s|$)|\S+""")


def wrap_items(text: str, width: int, indent: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, the first indented by ``indent``
    spaces and the rest by two more, broken only between items (a quoted phrase is never cut;
    one longer than a line gets a line of its own)."""
    lines: list[str] = []
    line = " " * indent
    start = len(line)
    for item in (match.group() for match in _ITEM.finditer(text)):
        if len(line) > start and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = " " * (indent + 2)
            start = len(line)
        line += (" " if len(line) > start else "") + item
    lines.append(line)
    return lines


def _print_items(console: Console, text: str, indent: int, style: str = "") -> None:
    """A line of test output, wrapped between items at the console's width (rich would break it
    at any space, also inside a quoted phrase)."""
    for line in wrap_items(text, console.width, indent):
        console.print(literal(line, style), soft_wrap=True)


def _short(text: str, length: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length - 1] + "…"


# -- coverage and stats --------------------------------------------------------------------------
def coverage_view(cases: Sequence[Case], framework: Framework,
                  width: int = 80) -> RenderableType:
    """Factor x case (B bepalend, r relevant, a afleider) and pillar x case reachability; with
    more cases than fit the width, the case columns come in several tables under each other."""
    msg = Messages()
    numbered = Table(title=msg("coverage.cases"), title_justify="left", box=None,
                     show_header=False)
    for number, case in enumerate(cases, 1):
        numbered.add_row(str(number), literal(case.title), literal(case.id, "grey62"))
    label_width = max([len(f.id) for f in framework.factors]
                      + [len(p.label) for p in framework.pillars]) + 4
    fits = max(1, (width - label_width - 6) // 5)  # '│ 30 ' per case, and the count column
    per_table = -(-len(cases) // -(-len(cases) // fits)) if cases else 1  # tables of equal size
    numbers = list(range(1, len(cases) + 1))
    chunks = [numbers[i:i + per_table] for i in range(0, len(numbers), per_table)] or [[]]
    tables: list[RenderableType] = [numbered]

    def title(key: str, part: int, chunk: list[int]) -> str:
        more = "" if len(chunks) == 1 or not chunk else " " + msg(
            "coverage.part", first=chunk[0], last=chunk[-1])
        return msg(key if part == 0 else f"{key}.more") + more

    for part, chunk in enumerate(chunks):
        tables.append(_factor_table(cases, framework, chunk, title("coverage.factors", part, chunk),
                                    count=part == len(chunks) - 1, msg=msg))
    for part, chunk in enumerate(chunks):
        tables.append(_pillar_table(cases, framework, chunk, title("coverage.pillars", part, chunk),
                                    msg=msg))
    missing = [f.name for f in framework.factors
               if not any(f.id in c.factors.decisive for c in cases)]
    note = Text(msg("coverage.all_decisive") if not missing else
                msg("coverage.never_decisive", factors=", ".join(missing)),
                style="green" if not missing else "yellow")
    return Group(*tables, note)


def _factor_table(cases: Sequence[Case], framework: Framework, numbers: Sequence[int],
                  title: str, *, count: bool, msg: Messages) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(msg("coverage.factor"), no_wrap=True)
    for number in numbers:
        table.add_column(str(number), justify="center", no_wrap=True, min_width=2)
    if count:
        table.add_column(msg("coverage.mark.decisive"), justify="right", no_wrap=True)
    for factor in framework.factors:
        marks = []
        for number in numbers:
            key = cases[number - 1].factors
            if factor.id in key.decisive:
                marks.append(Text(msg("coverage.mark.decisive"), style="bold green"))
            elif factor.id in key.relevant:
                marks.append(Text(msg("coverage.mark.relevant"), style="cyan"))
            elif factor.id in key.distractor:
                marks.append(Text(msg("coverage.mark.distractor"), style="yellow"))
            else:
                marks.append(Text("·", style="grey42"))
        decisive = sum(1 for case in cases if factor.id in case.factors.decisive)
        total = [Text(str(decisive), style="bold red" if not decisive else "")] if count else []
        table.add_row(literal(factor.id), *marks, *total)
    return table


def _pillar_table(cases: Sequence[Case], framework: Framework, numbers: Sequence[int],
                  title: str, *, msg: Messages) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(msg("coverage.pillar"), no_wrap=True)
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
                cells.append(Text(msg("coverage.mark.words"), style="grey62"))
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
    msg = Messages()
    table = Table(title=msg.plural("list.cases", len(cases)),
                  title_justify="left", box=None, padding=(0, 0), caption_justify="left",
                  caption=msg("stats.caption", words=WORDS_PER_MINUTE))
    longest_id = max((len(case.id) for case in cases), default=10)
    table.add_column(msg("stats.case"), width=longest_id, no_wrap=True,  # ids are typed
                     header_style="bold")
    for key in ("situation", "total", "reading", "playing", "stages", "choices"):
        header = msg(f"stats.{key}")
        table.add_column(header, justify="right", no_wrap=True, min_width=len(header) + 1,
                         header_style="bold")
    totals = [0, 0, 0.0, 0]
    for case in cases:
        situation, words, minutes, stages, choices = case_stats(case)
        table.add_row(literal(case.id), str(situation), str(words),
                      msg.decimal(minutes), str(case.minutes), str(stages),
                      str(choices))
        totals[0] += words
        totals[1] += case.minutes
        totals[2] += minutes
        totals[3] += stages
    table.add_section()
    table.add_row(Text(msg("stats.total"), style="bold"), "", str(totals[0]), f"{totals[2]:.0f}",
                  str(totals[1]), str(totals[3]), "")
    return table


def show_coverage(paths: Sequence[Path] | None, framework_path: Path | None) -> None:
    cases = [c for c, _ in load_case_files(paths)]
    console = make_console()
    console.print(coverage_view(cases, load_framework(framework_path), console.width))


def show_stats(paths: Sequence[Path] | None) -> None:
    make_console().print(stats_view(load_cases(paths)))
