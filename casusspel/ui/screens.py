"""Pure render functions for the live session: model + state in, rich renderables out.

Everything authors or teams wrote goes through ``literal`` so markup and escape codes show as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich import box
from rich.align import Align
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from casusspel.content.model import Case, Choice, Framework, Stage
from casusspel.messages import Messages
from casusspel.session.controller import Ask
from casusspel.session.engine import Engine, SessionState, TeamResult
from casusspel.session.options import Mode, Scoreboard
from casusspel.session.turns import LETTERS, letter_of
from casusspel.ui.flow import Flow
from casusspel.ui.safe import colour, literal, pillar_label, prose, shortened
from casusspel.ui.scoring_view import flag_lines, highlighted, pillar_table

__all__ = ["LETTERS", "letter_of"]

#: how a controller Note looks, by its level
NOTE_STYLES = {"info": "", "ok": "bold green", "warn": "yellow", "error": "bold red",
               "alarm": "bold red"}
MAX_SHOWN = 2000  # cells of a team's text on the reveal (all of it is saved)
VIS_MARK = {"visible": "●", "partly": "◐", "invisible": "○"}


def header(state: SessionState, case: Case, msg: Messages) -> Text:
    text = Text(msg("header", n=state.case_index + 1, total=len(state.started.case_ids)),
                style="grey62")
    text.append("  ·  ")
    text.append(literal(case.title, "bold"))
    text.append("  ·  ")
    text.append(msg(f"phase.{state.phase}"), style="bold cyan")
    if state.ending and not state.finished:
        text.append("  ·  " + msg("where.last"), style="bold yellow")
    return text


def ended_early(state: SessionState, msg: Messages) -> Text | None:
    """On the closing screen of a session the trainer ended early: how many cases were played."""
    if not state.ended_early:
        return None
    played = msg.plural("report.played", len(state.started.case_ids),
                        played=state.cases_played)  # '1 van 1 casus', '3 van 30 casussen'
    return Text(msg("done.early", played=played), style="yellow")


def persons_table(case: Case, framework: Framework, msg: Messages, *,
                  reveal: bool = False) -> Table:
    names = {f.id: f.name for f in framework.factors}
    table = Table(show_header=False, box=None, pad_edge=False, expand=True)
    table.add_column(ratio=1, style="bold")
    table.add_column(ratio=3)
    for person in case.persons:
        about = literal(person.description)
        for factor, note in person.visible.items():
            about.append("\n• ")
            about.append(literal(f"{names.get(factor, factor)}: {note}"))
        if reveal:
            for factor, note in person.invisible.items():
                about.append("\n○ ", style="bold magenta")
                about.append(literal(f"{names.get(factor, factor)}: {note}", "magenta"))
        table.add_row(literal(person.name), about)
    return table


def situation_view(case: Case, framework: Framework, msg: Messages,
                   stage: Stage | None = None) -> RenderableType:
    if stage is not None:
        body = Group(prose(stage.situation), Text(""),
                     Text.assemble((msg("question") + ": ", "bold"),
                                   literal(stage.question, "bold")))
        return Panel(body, title=literal(f"{case.title} — {stage.title}", "bold"),
                     border_style="cyan", padding=(0, 1))
    body = Group(
        prose(case.situation),
        Text(""),
        Panel(persons_table(case, framework, msg), title=msg("persons"), title_align="left",
              border_style="grey50", padding=(0, 1)),
        Text.assemble((msg("question") + ": ", "bold"), literal(case.question, "bold yellow")),
    )
    return Panel(body, title=literal(case.title, "bold"), border_style="cyan", padding=(0, 1))


def factor_catalogue(framework: Framework, msg: Messages, width: int) -> RenderableType:
    items = []
    for number, factor in enumerate(framework.factors, 1):
        line = Text(f"{number:>2}. ", style="bold")
        line.append(literal(factor.name))
        line.append(f" {VIS_MARK[factor.visibility]}", style="magenta")
        items.append(line)
    legend = Text("  ".join(f"{VIS_MARK[v]} {msg('visibility.' + v)}"
                            for v in ("visible", "partly", "invisible")), style="grey62")
    columns = 2 if width >= 90 else 1
    grid = Table.grid(expand=True, padding=(0, 2))
    for _ in range(columns):
        grid.add_column(ratio=1)
    rows = (len(items) + columns - 1) // columns
    for row in range(rows):
        grid.add_row(*[items[row + c * rows] if row + c * rows < len(items) else Text("")
                       for c in range(columns)])
    return Panel(Group(grid, legend, Text(msg("factors.how"), style="grey62")),
                 title=msg("factors.title"), border_style="cyan", padding=(0, 1))


def choices_view(choices: Sequence[Choice], title: str) -> RenderableType:
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(width=3, style="bold yellow")
    table.add_column(ratio=1)
    for letter, choice in zip(LETTERS, choices, strict=False):
        table.add_row(f"{letter}.", literal(choice.text))
    return Panel(table, title=literal(title, "bold"), border_style="cyan", padding=(0, 1))


def factor_label(factor_id: str, framework: Framework) -> str:
    """A factor's name with its visibility mark from the catalogue (the one rule for marks: the
    catalogue's ● ◐ ○, everywhere; what a case hid is said by where it is listed)."""
    factor = next((f for f in framework.factors if f.id == factor_id), None)
    return f"{factor.name} {VIS_MARK[factor.visibility]}" if factor else factor_id


def factors_verdict(picked: Sequence[str], case: Case, framework: Framework,
                    msg: Messages) -> RenderableType:
    """The picked factors against the key, each with its verdict mark on as few lines as fit,
    the missed decisive ones after them; invisible ones that were missed in magenta. A mark and
    its factor are one item of a ``Flow``: a line never ends between them."""
    names = {f.id: f.name for f in framework.factors}
    invisible = {f.id for f in framework.factors if f.visibility == "invisible"}
    key = case.factors
    verdicts = []
    for factor in picked:
        if factor in key.decisive:
            mark, style = "✓", "bold green"
        elif factor in key.relevant:
            mark, style = "~", "green"
        elif factor in key.distractor:
            mark, style = "✗", "red"
        else:
            mark, style = "·", "grey70"
        verdicts.append(literal(f"{mark} {names.get(factor, factor)}", style))
    missed = [f for f in key.decisive if f not in picked]
    items = []
    for index, factor in enumerate(missed):
        item = Text(f"{msg('reveal.missed')}: ", style="yellow") if index == 0 else Text()
        item.append_text(literal(factor_label(factor, framework),
                                 "bold magenta" if factor in invisible else "yellow"))
        if index < len(missed) - 1:
            item.append(",", style="yellow")
        items.append(item)
    parts = [Flow(line, gap=gap) for line, gap in ((verdicts, 3), (items, 1)) if line]
    return Group(*parts) if parts else Text("")


def signed(number: int) -> str:
    """+3, -2, ±0: a change in points or votes."""
    return f"{number:+d}" if number else "±0"


def hidden_view(case: Case, framework: Framework, msg: Messages) -> RenderableType:
    """What the case kept from the room: each person's invisible factors."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(style="bold", max_width=24)
    table.add_column(ratio=1)
    for person in case.persons:
        lines = Text()
        for factor, note in person.invisible.items():
            lines.append("\n" if lines else "")
            lines.append_text(literal(factor_label(factor, framework), "bold magenta"))
            lines.append_text(literal(f": {note}"))
        if lines:
            table.add_row(literal(person.name), lines)
    return Panel(table, title=msg("reveal.hidden_factors"), border_style="magenta",
                 padding=(0, 1))


def action_cell(result: TeamResult, case: Case, msg: Messages) -> RenderableType | None:
    """The team's action with its feedback; after a reconsideration 'A → C' and the shift."""
    chosen = case.choice(result.action) if result.action else None
    if chosen is None:
        return None
    head = Text()
    first = case.choice(result.first_action) if result.first_action else None
    if first is not None:
        head.append(f"{letter_of(case.choices, first.id)} → ", style="bold magenta")
    head.append(f"{letter_of(case.choices, chosen.id)}. ", style="bold yellow")
    head.append_text(literal(chosen.text))
    parts: list[RenderableType] = [head, prose(chosen.feedback, "italic")]
    if first is not None:
        before = sum(result.first_action_points.values())
        after = sum(result.action_points.values())
        parts.append(Text(msg("reveal.reconsidered", old=letter_of(case.choices, first.id),
                              new=letter_of(case.choices, chosen.id), before=before,
                              after=after, shift=signed(after - before)), style="magenta"))
    return Group(*parts)


def team_panel(result: TeamResult, text: str | None, case: Case, engine: Engine,
               picked: Sequence[str], msg: Messages,
               skipped: frozenset[str] = frozenset()) -> Panel:
    """One team's round; ``skipped`` holds the phases the team was skipped in. Headings sit
    beside their content, so a team takes as few lines as it can without leaving anything out."""
    framework = engine.framework
    missing = {phase: Text(msg("reveal.skipped" if phase in skipped else "reveal.no_answer"),
                           style="grey70") for phase in ("factors", "action", "reflection")}
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(msg("reveal.factors"), factors_verdict(picked, case, framework, msg)
                 if picked or "factors" not in skipped else missing["factors"])
    grid.add_row(msg("reveal.action"), action_cell(result, case, msg) or missing["action"])
    reflection: RenderableType = missing["reflection"]
    if text is not None and result.reflection is not None:
        shown = shortened(highlighted(text, result.reflection, framework), MAX_SHOWN,
                          msg("reveal.truncated"))
        reflection = Group(shown, pillar_table(result.reflection, framework),
                           *flag_lines(result.reflection))
    grid.add_row(msg("reveal.reflection"), reflection)
    reflection_total = result.reflection.total if result.reflection else 0
    total = Text(msg("reveal.total.one" if result.total == 1 else "reveal.total",
                     points=result.total, factors=result.factors.points,
                     action=sum(result.action_points.values()),
                     reflection=reflection_total), style="bold")
    return Panel(Group(grid, total), title=literal(result.team, "bold"), border_style="green",
                 padding=(0, 1))


def reveal_view(engine: Engine, state: SessionState, msg: Messages,
                width: int) -> RenderableType:
    case = engine.case(state)
    rnd = state.round
    panels = [team_panel(result, rnd.reflections.get(result.team), case, engine,
                         rnd.factors.get(result.team, ()), msg,
                         frozenset(p for p, t in rnd.skipped if t == result.team))
              for result in engine.results(state)]
    key = hidden_view(case, engine.framework, msg)
    legend = Text(msg("reveal.legend"), style="grey70")
    teams: RenderableType = Group(legend, *panels)
    per_row = min(len(panels), width // 70)
    if per_row > 1:  # side by side on a wide screen (a grid: panels always take full width)
        grid = Table.grid(expand=True, padding=(0, 1))
        for _ in range(per_row):
            grid.add_column(ratio=1)
        for start in range(0, len(panels), per_row):
            row: list[RenderableType] = list(panels[start:start + per_row])
            grid.add_row(*row, *[Text("")] * (per_row - len(row)))
        teams = Group(legend, grid)
    expert = Panel(prose(case.expert), title=msg("reveal.expert"),
                   border_style="yellow", padding=(0, 1))
    return Group(key, teams, expert)


def discussion_view(case: Case, msg: Messages) -> RenderableType:
    lines = [Text.assemble((f"{n}. ", "bold"), literal(q))
             for n, q in enumerate(case.discussion, 1)]
    return Panel(Group(*lines) if lines else Text("-"), title=msg("discussion.questions"),
                 border_style="yellow", padding=(0, 1))


def stage_reveal_view(engine: Engine, state: SessionState, msg: Messages) -> RenderableType:
    choices = engine.stage_choices(state)
    rnd = state.round
    rows: list[RenderableType] = []
    for choice, letter in zip(choices, LETTERS, strict=False):
        teams = [t for t, c in rnd.stage_actions.items() if c == choice.id]
        votes = rnd.votes.get(3, {}).get(choice.id)
        who = ", ".join(teams) if teams else (f"{votes}" if votes is not None else "")
        line = Text.assemble((f"{letter}. ", "bold yellow"), literal(choice.text))
        if who:
            line.append_text(Text.assemble(("  ← ", "grey62"), literal(who, "bold")))
        rows.append(line)
        rows.append(prose(choice.feedback, "italic"))
    points = [Text.assemble(literal(r.team, "bold"), ": ", msg(
        "stage.points.one" if total == 1 else "stage.points", n=total))
        for r in engine.results(state) if r.stage_action
        for total in [sum(r.stage_points.values())]]
    if points and state.mode.has_teams:
        rows.append(Text(""))
        rows.append(Text(msg("stage.points.title"), style="bold underline"))
        rows.extend(points)
    return Panel(Group(*rows), title=msg("phase.stage_reveal"), border_style="green",
                 padding=(0, 1))


def bar(value: float, maximum: float, width: int, color: str) -> Text:
    filled = 0 if maximum <= 0 else round(width * value / maximum)
    return Text("█" * filled, style=colour(color)) + Text("░" * (width - filled), style="grey58")


def decimal(value: float, msg: Messages) -> str:
    """One decimal, with the language's decimal sign: 1,5 in Dutch, 1.5 in English."""
    return f"{value:.1f}".replace(".", msg("number.decimal"))


def pillar_bar(value: float, width: int, color: str, msg: Messages) -> Text:
    """A pillar's average on the 0-3 scale: the bar and its value."""
    return bar(value, 3, width, color) + Text(f" {decimal(value, msg)}",
                                              style=colour(color, bold=True))


def scoreboard_view(engine: Engine, state: SessionState, msg: Messages,
                    width: int) -> RenderableType:
    """Totals (they only grow) and each pillar's average reflection score per round, with its
    value and the 0-3 scale (an average can go down after a weaker round: it says so); the
    round's reconsidered actions; centred on a wide screen."""
    framework = engine.framework
    played = state.cases_played if state.cases_played is not None else min(
        state.case_index + 1, len(state.started.case_ids))  # ended early: the cases played
    title = msg.plural("scoreboard.title", len(state.started.case_ids), played=played)
    bar_width = 6 if width < 100 else 12 if width < 160 else 18
    plenary = state.mode is Mode.PLENARY
    if state.started.scoreboard is Scoreboard.COOPERATIVE or plenary:
        scale = Text(msg("scoreboard.scale.votes" if plenary else "scoreboard.scale"),
                     style="grey70")
        room = engine.vote_profile(state) if plenary else engine.pillar_profile(state)
        table = Table(show_header=False, box=None)
        for pillar in framework.pillars:
            table.add_row(pillar_label(pillar.label, pillar.color),
                          pillar_bar(room[pillar.id], bar_width * 2, pillar.color, msg))
        caption = Text(msg("scoreboard.votes" if plenary else "scoreboard.room"), style="italic")
        body: RenderableType = Group(caption, table, scale)
    else:
        flagged = flagged_teams(engine, state)
        key = [Text(msg("scoreboard.flagged"), style="grey70")] if flagged else []
        body = Group(team_scores(engine, state, msg, bar_width, flagged),
                     Text(msg("scoreboard.scale"), style="grey70"), *key,
                     *reconsidered_lines(engine, state, msg))
    panel = Panel(body, title=title, border_style="cyan", expand=width < 100, padding=(0, 1))
    return Align.center(panel) if width >= 100 else panel


def flagged_teams(engine: Engine, state: SessionState) -> frozenset[str]:
    """The teams whose reflection in the round shown has a stereotype flag (⚑): a discussion
    point, not a penalty, so the points do not show it and the board marks it beside the name."""
    return frozenset(r.team for r in engine.results(state)
                     if r.reflection is not None and r.reflection.flags)


#: at most this many cells of a team's name on the scoreboard (fewer when the bars need them)
NAME_CELLS = 24
SHORTEST_BAR = 3  # cells of a pillar's bar on a crowded board (beside its value)


class FittedTable:
    """A table built for the width it is drawn at by ``build(name_cells, bar_cells)``: when it
    does not fit, the bars get shorter first (down to ``SHORTEST_BAR``), then a long team name
    ends in '…'; no score is ever cut (rich would shrink every column alike)."""

    def __init__(self, build: Callable[[int, int], Table], names: Sequence[Text],
                 bar_cells: int) -> None:
        self.build = build
        self.name_cells = min(NAME_CELLS, max(text.cell_len for text in names))
        self.bar_cells = bar_cells

    def fitted(self, console: Console, options: ConsoleOptions) -> Table:
        wide = options.update(width=10 * options.max_width)
        excess = 0
        for bar in range(self.bar_cells, min(self.bar_cells, SHORTEST_BAR) - 1, -1):
            table = self.build(self.name_cells, bar)
            excess = Measurement.get(console, wide, table).maximum - options.max_width
            if excess <= 0:
                return table
        return self.build(max(6, self.name_cells - excess), min(self.bar_cells, SHORTEST_BAR))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.fitted(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.fitted(console, options))


def team_scores(engine: Engine, state: SessionState, msg: Messages, bar_width: int,
                flagged: frozenset[str] = frozenset()) -> FittedTable:
    """One row per team, highest total first; a ⚑ before the name of a team in ``flagged``
    (on a narrow screen the bars and then the name give way, never the ⚑ or a score)."""
    framework = engine.framework
    totals = engine.totals(state)
    stages = engine.stage_totals(state)
    teams = sorted(state.teams, key=lambda t: -totals[t])
    profiles = {team: engine.pillar_profile(state, team) for team in teams}  # once, not per width
    names = {team: literal(team) for team in teams}
    if flagged:  # the names stay aligned
        names = {team: Text("⚑ " if team in flagged else "  ", style="bold red") + name
                 for team, name in names.items()}
    heading = msg("scoreboard.player" if state.mode is Mode.SOLO else "scoreboard.team")

    def build(name_cells: int, bar_cells: int) -> Table:
        table = Table(expand=False, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                      collapse_padding=True, leading=1 if bar_width > 12 else 0)
        table.add_column(heading, no_wrap=True, max_width=name_cells)
        table.add_column(msg("scoreboard.total"), justify="right", style="bold", no_wrap=True)
        if any(stages.values()):
            table.add_column(msg("scoreboard.stage"), justify="right", no_wrap=True)
        for pillar in framework.pillars:
            table.add_column(pillar_label(pillar.label, pillar.color, bold=False), no_wrap=True)
        for team in teams:
            profile = profiles[team]
            stage = [str(stages[team])] if any(stages.values()) else []
            table.add_row(names[team].copy(), str(totals[team]), *stage,
                          *[pillar_bar(profile[p.id], bar_cells, p.color, msg)
                            for p in framework.pillars])
        return table

    return FittedTable(build, [Text(heading), *names.values()], bar_width)


def reconsidered_lines(engine: Engine, state: SessionState, msg: Messages) -> list[Text]:
    """This round's reconsidered actions: 'Tafel 2: C → B (aanpak +2)'."""
    case = engine.case(state)
    lines = []
    for result in engine.results(state):
        if result.first_action and result.action:
            shift = sum(result.action_points.values()) - sum(result.first_action_points.values())
            line = literal(result.team, "bold") + Text(msg(
                "scoreboard.reconsidered", old=letter_of(case.choices, result.first_action),
                new=letter_of(case.choices, result.action),
                shift=msg.plural("points.signed", abs(shift), shift=signed(shift))))
            lines.append(line)
    return lines


def votes_view(choices: Sequence[Choice], first: dict[str, int], second: dict[str, int] | None,
               msg: Messages, width: int) -> RenderableType:
    biggest = max([1, *first.values(), *(second or {}).values()])
    bar_width = max(10, min(40, width - 30))
    table = Table(show_header=False, box=None)
    table.add_column(style="bold yellow")
    table.add_column()
    table.add_column(justify="right")
    for letter, choice in zip(LETTERS, choices, strict=False):
        before = first.get(choice.id, 0)
        table.add_row(f"{letter}.", bar(before, biggest, bar_width, "cyan"), str(before))
        if second is not None:
            after = second.get(choice.id, 0)
            table.add_row("", bar(after, biggest, bar_width, "green"),
                          f"{after} ({signed(after - before)})")
    if second is None:
        return Panel(table, title=msg("votes.title"), border_style="cyan")
    legend = Text.assemble(("█ " + msg("votes.before"), "cyan"), "   ",
                           ("█ " + msg("votes.after"), "green"))
    return Panel(Group(table, legend), title=msg("votes.title"), border_style="cyan")


def solo_feedback(text: RenderableType, msg: Messages) -> RenderableType:
    return Panel(text, title=msg("solo.feedback"), border_style="green", padding=(0, 1))


def turn_status(ask: Ask, mode: Mode, msg: Messages, width: int = 200) -> Text:
    """Under a team's question, on one line of ``width``: who answered and who was skipped
    (answers stay hidden), names never cut: those that do not fit are counted ("en 2 andere").
    The reminder that answers stay hidden only when there is room. With phones connected, one
    compact mark per team state: ✓ answered, … still busy, – skipped, a phone after each team
    that has one connected."""
    if mode is not Mode.GROUP:
        return Text("")
    if ask.phones or ask.drafting:
        return phones_status(ask, msg, width)
    parts = [(key, teams, style) for key, teams, style in (
        ("answered.list", ask.answered, "green"), ("skipped.list", ask.skipped, "yellow"))
        if teams]
    status = Text()
    for index, (key, teams, style) in enumerate(parts):
        room = width - status.cell_len - 2 * index - RESERVED * (len(parts) - index - 1)
        tick = " ✓" if key == "answered.list" else ""
        names = fit_names(teams, room - cell_len(msg(key, teams="") + tick), msg)
        if index:
            status.append("  ")
        status.append_text(literal(msg(key, teams=names) + tick, style))
    hint = msg("hidden")
    if not status or status.cell_len + 2 + cell_len(hint) <= width:
        status.append_text(Text(("  " if status else "") + hint, style="grey62"))
    return status


#: cells a status part after the first keeps for itself ("Overgeslagen: B en 3 andere")
RESERVED = 28


def fit_names(names: Sequence[str], room: int, msg: Messages) -> str:
    """``names`` joined with commas within ``room`` cells; the ones that do not fit are
    counted ("A, B en 3 andere"); at least one name is always shown, whole."""
    for shown in range(len(names), 0, -1):
        text = ", ".join(names[:shown])
        if shown < len(names):
            text += " " + msg.plural("names.more", len(names) - shown)
        if shown == 1 or cell_len(text) <= room:
            return text
    return ""


def phones_status(ask: Ask, msg: Messages, width: int) -> Text:
    """One line where it fits: teams that do not fit are counted ("en 3 andere"); the
    reminder that answers stay hidden only when there is room."""
    status = Text()
    marks = [(team, mark, style) for teams, mark, style in (
        (ask.answered, "✓", "green"), (ask.pending, "…", "cyan"), (ask.skipped, "–", "yellow"))
        for team in teams]
    for index, (team, mark, style) in enumerate(marks):
        writing = " " + msg("status.writing") if team in ask.drafting else ""  # never the text
        item = literal(f"{mark} {team}{' 📱' if team in ask.phones else ''}{writing}", style)
        rest = len(marks) - index - 1
        more = " " + msg.plural("names.more", rest) if rest else ""
        if index and status.cell_len + item.cell_len + cell_len(more) > width:
            status.append(msg.plural("names.more", len(marks) - index), style="grey62")
            return status
        status.append_text(item)
        status.append("   ")
    hint = msg("hidden.short")
    if status.cell_len + len(hint) <= width:
        status.append(hint, style="grey62")
    status.rstrip()
    return status


def phase_view(engine: Engine, state: SessionState, ask: Ask, msg: Messages,
               width: int, *, status: bool = True) -> RenderableType:
    """The body of the current step (the same for every terminal front end); without
    ``status`` a question leaves out who answered (the live app shows that on its own line)."""
    if ask.kind == "feedback" and ask.feedback is not None:
        return solo_feedback_view(engine, state, ask.feedback, msg)
    phase = state.phase
    if phase in ("factors", "action", "reflection", "stage"):
        return question_view(engine, state, ask, msg, width, status=status)
    if phase == "situation":
        return situation_view(engine.case(state), engine.framework, msg)
    if phase == "reveal":
        reveal = plenary_reveal_view if state.mode is Mode.PLENARY else reveal_view
        return reveal(engine, state, msg, width)
    if phase == "discussion":
        return discussion_body(engine, state, ask, msg, width)
    if phase == "stage_reveal":
        return stage_reveal_view(engine, state, msg)
    if phase == "scoreboard":
        return scoreboard_view(engine, state, msg, width)
    return Text("")


def question_view(engine: Engine, state: SessionState, ask: Ask, msg: Messages,
                  width: int, *, status: bool = True) -> RenderableType:
    """What the teams answer now (factors, action, reflection, the second stage's action), with
    who answered below it."""
    case, framework, phase = engine.case(state), engine.framework, state.phase
    body: list[RenderableType]
    if phase == "factors":
        body = [factor_catalogue(framework, msg, width)]
    elif phase == "action":
        body = [choices_view(case.choices, case.question)]
    elif phase == "reflection":
        body = [literal(case.reflection.prompt, "bold yellow")]
    else:
        stage = case.stage(state.round.stage_id or "")
        if stage is None:
            return Text("")
        body = [situation_view(case, framework, msg, stage), *stage_paths_view(engine, state, msg),
                choices_view(stage.choices, stage.question)]
    if status:
        body.append(turn_status(ask, state.mode, msg, width))
    return Group(*body)


def stage_paths_view(engine: Engine, state: SessionState, msg: Messages) -> list[Text]:
    """Whose choice led to the stage the room plays, and which teams' choices did not (no
    follow-up, or another one): they answer too, thinking along as if they had chosen this way."""
    if state.mode is not Mode.GROUP or not state.round.stage_id:
        return []
    paths = engine.stage_paths(state)
    here = [t for t, stage in paths.items() if stage == state.round.stage_id]
    lines = [literal(msg("stage.path", teams=msg.names(here)), "bold cyan")] if here else []
    for key, teams in (("stage.none", [t for t, s in paths.items() if s is None]),
                       ("stage.other", [t for t, s in paths.items()
                                        if s is not None and s != state.round.stage_id])):
        if teams:
            lines.append(literal(msg(key, teams=msg.names(teams)), "yellow"))
    return lines


def discussion_body(engine: Engine, state: SessionState, ask: Ask, msg: Messages,
                    width: int) -> RenderableType:
    """The discussion questions; the votes before and after in plenary mode; the actions when
    a team reconsiders."""
    case = engine.case(state)
    parts: list[RenderableType] = [discussion_view(case, msg)]
    votes = state.round.votes
    if state.mode is Mode.PLENARY and 2 in votes:
        parts.append(votes_view(case.choices, votes.get(1, {}), votes[2], msg, width))
    if ask.kind == "dialog" and ask.choices:
        parts.append(choices_view(ask.choices, case.question))
    return Group(*parts)


def plenary_reveal_view(engine: Engine, state: SessionState, msg: Messages,
                        width: int) -> RenderableType:
    """Like the group reveal: the votes, then panels for the options with their feedback, what
    the case hid, and the expert's view."""
    case = engine.case(state)
    votes = state.round.votes.get(1, {})
    options = Table.grid(padding=(0, 1), expand=True)
    options.add_column(style="bold yellow", no_wrap=True)
    options.add_column(ratio=1)
    for letter, choice in zip(LETTERS, case.choices, strict=False):
        hands = votes.get(choice.id, 0)
        head = literal(choice.text, "bold")
        head.append("  " + msg.plural("votes.hands", hands), style="cyan")
        options.add_row(f"{letter}.", Group(head, prose(choice.feedback, "italic")))
    return Group(votes_view(case.choices, votes, None, msg, width),
                 Panel(options, title=msg("reveal.options"), border_style="green",
                       padding=(0, 1)),
                 hidden_view(case, engine.framework, msg),
                 Panel(prose(case.expert), title=msg("reveal.expert"), border_style="yellow",
                       padding=(0, 1)))


def solo_feedback_view(engine: Engine, state: SessionState, shown: tuple[str, str],
                       msg: Messages) -> RenderableType:
    phase, team = shown
    case = engine.case(state)
    rnd = state.round
    if phase == "factors":
        body: RenderableType = Group(
            factors_verdict(rnd.factors.get(team, ()), case, engine.framework, msg),
            Text(msg("reveal.legend"), style="grey70"))
    else:
        chosen = case.choice(rnd.actions.get(team, ""))
        body = prose(chosen.feedback if chosen else "")
    return solo_feedback(body, msg)
