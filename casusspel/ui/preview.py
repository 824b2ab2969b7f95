"""`casusspel preview`: a case screen by screen as the room sees it, plus what the author needs.

The room's screens reuse the live session's renderables (``screens``). On top of those, the
author sees a map of which choice leads to which stage, the factor key with each factor's
visibility, the points of every choice and the feedback of every stage. In a terminal the preview
pages like the room (Enter for the next screen, q to stop); with ``--all``, or when the output
is not a terminal, it prints everything at once.

The 80x24 note follows the room: a warning only where the room would have to page in the middle
of what it must read before answering (the situation text, by the same rule as CS050; the choice
and stage screens). That the persons box of the situation comes on a second screen is said, not
warned about.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from casusspel.content.author_checks import situation_fits
from casusspel.content.model import SITUATION_MAX_LINES, SITUATION_WORDS, Case, Choice, Framework
from casusspel.messages import Messages, chosen_language
from casusspel.ui import screens
from casusspel.ui.safe import colour, literal, prose

ROOM = (80, 24)
#: lines the live screen shows at once: a header line above, a prompt below (ui.play.show)
PAGE_LINES = ROOM[1] - 3
READABLE_WIDTH = 120  # as the room: longer lines are hard to follow
Reader = Callable[[str], str]


@dataclass(frozen=True)
class Page:
    """One screen of the preview: for the room (as it will see it) or for the author only."""

    title: str
    body: RenderableType
    for_room: bool = True
    fit: Text | None = None


def lines_at(renderable: RenderableType, width: int) -> int:
    """How many lines ``renderable`` takes on a terminal ``width`` columns wide."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return len(console.render_lines(renderable, console.options, pad=False))


# -- what the author sees besides the room's screens ------------------------------------------
def choices_map(case: Case, msg: Messages) -> Tree:
    """Which choice leads to which stage, stage by stage (each stage unfolded once)."""
    tree = Tree(literal(case.question, "bold"), guide_style="grey50")
    unfolded: set[str] = set()

    def add(node: Tree, choices: Sequence[Choice]) -> None:
        for letter, choice in zip(screens.LETTERS, choices, strict=False):
            line = Text.assemble((f"{letter}. ", "bold yellow"), literal(_short(choice.text)))
            stage = case.stage(choice.next) if choice.next else None
            if stage is None:
                line.append(f"  ({msg('preview.map.end')})", style="grey62")
                node.add(line)
                continue
            line.append("  → ", style="grey62")
            line.append(literal(stage.title, "bold cyan"))
            branch = node.add(line)
            if stage.id in unfolded:
                branch.add(Text(msg("preview.map.seen"), style="grey62"))
                continue
            unfolded.add(stage.id)
            add(branch.add(literal(stage.question, "bold")), stage.choices)

    add(tree, case.choices)
    return tree


def factor_key(case: Case, framework: Framework, msg: Messages) -> Table:
    """The key: each factor's group and visibility (catalogue), and with whom it plays."""
    groups = ("decisive", "relevant", "distractor")
    in_key = {f: group for group in groups for f in getattr(case.factors, group)}
    on_persons = [f for p in case.persons for f in (*p.visible, *p.invisible)]
    table = Table(box=None, pad_edge=False, expand=True, show_edge=False)
    table.add_column(msg("preview.key.factor"), ratio=3)
    table.add_column(msg("preview.key.key"), no_wrap=True)
    table.add_column(msg("preview.key.who"), ratio=2)
    catalogue = {f.id: f for f in framework.factors}
    for factor_id in dict.fromkeys([*in_key, *on_persons]):
        factor = catalogue.get(factor_id)
        group = in_key.get(factor_id)
        hidden = factor is not None and factor.visibility == "invisible"
        name = literal(factor.name if factor else factor_id,
                       "bold magenta" if group == "decisive" and hidden else "bold")
        name.append(f" {screens.VIS_MARK[factor.visibility] if factor else '?'}",
                    style="magenta")
        key = Text(msg(f"preview.group.{group}") if group else msg("preview.group.none"),
                   style={"decisive": "bold green", "relevant": "green",
                          "distractor": "yellow"}.get(group or "", "grey62"))
        who = Text()
        for person in case.persons:
            for side, mark in (("visible", "●"), ("invisible", "○")):
                if factor_id in getattr(person, side):
                    who.append(f"{', ' if who else ''}{mark} ", style="magenta")
                    who.append(literal(person.name))
        table.add_row(name, key, who)
    return table


def points_line(choice: Choice, case: Case, framework: Framework, msg: Messages) -> Text:
    line = Text(msg("preview.points") + ": ", style="grey62")
    for index, pillar in enumerate(framework.pillars):
        line.append(" · " if index else "", style="grey62")
        line.append_text(literal(f"{pillar.label} {choice.points.get(pillar.id, 0)}",
                                 colour(pillar.color)))
    stage = case.stage(choice.next) if choice.next else None
    if stage is not None:
        line.append("  → ", style="grey62")
        line.append(literal(stage.title, "bold cyan"))
    return line


def feedback_view(choices: Sequence[Choice], case: Case, framework: Framework,
                  msg: Messages) -> RenderableType:
    parts: list[RenderableType] = []
    for letter, choice in zip(screens.LETTERS, choices, strict=False):
        parts += [Text.assemble((f"{letter}. ", "bold yellow"), literal(choice.text)),
                  prose(choice.feedback, "italic") if choice.feedback.strip()
                  else Text(msg("preview.no_feedback"), style="bold red"),
                  points_line(choice, case, framework, msg), Text("")]
    return Group(*parts[:-1])


def _short(text: str, length: int = 45) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length - 1] + "…"


# -- fit on the room's smallest screen -------------------------------------------------------
def situation_fit(case: Case, body: RenderableType, msg: Messages) -> Text | None:
    fits, lines, words = situation_fits(case.situation)
    if not fits:
        return Text(msg("preview.fit.situation", lines=lines, words=words,
                        max_lines=SITUATION_MAX_LINES, max_words=SITUATION_WORDS[1]),
                    style="yellow")
    if lines_at(body, ROOM[0]) > PAGE_LINES:
        return Text(msg("preview.fit.persons", persons=msg("persons")), style="grey62")
    return None


def screen_fit(body: RenderableType, msg: Messages) -> Text | None:
    lines = lines_at(body, ROOM[0])
    if lines <= PAGE_LINES:
        return None
    return Text(msg("preview.fit.screen", lines=lines, max_lines=PAGE_LINES), style="yellow")


# -- the pages -------------------------------------------------------------------------------
def preview_pages(case: Case, framework: Framework) -> list[Page]:
    """The author's map first, then the room's screens in playing order, then every stage."""
    msg = Messages(chosen_language() or case.language)
    situation = screens.situation_view(case, framework, msg)
    catalogue = screens.factor_catalogue(framework, msg, ROOM[0])
    choices = screens.choices_view(case.choices, case.question)
    reflection = Panel(literal(case.reflection.prompt, "bold yellow"),
                       title=msg("phase.reflection"), border_style="cyan", padding=(0, 1))
    key = Group(Panel(screens.persons_table(case, framework, msg, reveal=True),
                      title=msg("reveal.hidden_factors"), border_style="magenta",
                      padding=(0, 1)),
                factor_key(case, framework, msg),
                Text(msg("preview.key.legend"), style="grey62"))
    pages = [
        Page(msg("preview.map"), choices_map(case, msg), for_room=False),
        Page(msg("phase.situation"), situation, fit=situation_fit(case, situation, msg)),
        Page(msg("phase.factors"), catalogue, fit=screen_fit(catalogue, msg)),
        Page(msg("phase.action"), choices, fit=screen_fit(choices, msg)),
        Page(msg("phase.reflection"), reflection, fit=screen_fit(reflection, msg)),
        Page(msg("preview.key"), key),
        Page(msg("preview.feedback"), feedback_view(case.choices, case, framework, msg)),
        Page(msg("reveal.expert"), Panel(prose(case.expert), title=msg("reveal.expert"),
                                         border_style="yellow", padding=(0, 1))),
        Page(msg("phase.discussion"), screens.discussion_view(case, msg)),
    ]
    for stage in case.stages:
        body = Group(screens.situation_view(case, framework, msg, stage),
                     screens.choices_view(stage.choices, stage.question))
        pages.append(Page(msg("preview.stage", title=stage.title), body,
                          fit=screen_fit(body, msg)))
        pages.append(Page(msg("preview.stage.feedback", title=stage.title),
                          feedback_view(stage.choices, case, framework, msg)))
    return pages


def page_header(page: Page, number: int, total: int, msg: Messages) -> Text:
    header = Text(msg("preview.page", n=number, total=total) + "  ", style="grey62")
    header.append(literal(page.title, "bold cyan"))
    if not page.for_room:
        header.append(f"  ({msg('preview.for_author')})", style="grey62")
    return header


def show_all(pages: Sequence[Page], console: Console, msg: Messages) -> None:
    for number, page in enumerate(pages, 1):
        console.print(Rule(page_header(page, number, len(pages), msg), style="cyan"))
        console.print(page.body, width=min(console.width, READABLE_WIDTH))
        if page.fit is not None:
            console.print(page.fit)


def page_through(pages: Sequence[Page], console: Console, msg: Messages, read: Reader) -> bool:
    """Screen by screen, as in the room; False when the author stopped (q, Ctrl-D, Ctrl-C)."""
    width = min(console.width, READABLE_WIDTH)
    room = max(5, console.size.height - 3)
    for number, page in enumerate(pages, 1):
        lines = console.render_lines(page.body, console.options.update(width=width), pad=False)
        chunks = [lines[i:i + room] for i in range(0, len(lines), room)] or [[]]
        for index, chunk in enumerate(chunks):
            console.clear()
            console.print(page_header(page, number, len(pages), msg))
            for line in chunk:
                console.print(Segments([*line, Segment.line()]), end="")
            last = index == len(chunks) - 1
            if last and page.fit is not None:
                console.print(page.fit)
            if number == len(pages) and last:
                return True
            key = "preview.next" if last else "preview.more"
            try:
                answer = read(msg(key))
            except (EOFError, KeyboardInterrupt):
                return False
            if answer.strip().lower() in ("q", "stop", "/stop"):
                return False
    return True
