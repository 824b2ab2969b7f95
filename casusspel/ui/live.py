"""Starting and resuming live sessions from the command line (wiring for cli.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casusspel.content.library import (
    builtin_framework_path,
    listing_command,
    load_case_files,
    load_framework,
)
from casusspel.content.lookup import find, matching
from casusspel.errors import HandledInterrupt, UsageError
from casusspel.messages import Messages, chosen_language, run_language
from casusspel.session.clock import parse_duration
from casusspel.session.controller import Controller
from casusspel.session.folders import (
    Session,
    SessionInfo,
    create_session,
    ensure_writable,
    find_session,
    list_sessions,
    open_session,
    session_language,
    sessions_dir,
)
from casusspel.session.options import (
    Mode,
    Scoreboard,
    SessionOptions,
    TeamNamesError,
    parse_teams,
    teams_for,
)
from casusspel.session.phones import PhonePage, Room, open_room, phones_used
from casusspel.session.turns import Note
from casusspel.ui.console import make_console, unless_gone
from casusspel.ui.prompts import Interrupted, Prompter
from casusspel.ui.safe import literal


def select_cases(paths: Sequence[Path] | None, case_ids: str | None) -> list[tuple]:  # type: ignore[type-arg]
    if case_ids is not None and not case_ids.replace(",", " ").split():
        raise UsageError(Messages()("session.no_cases"))
    found = load_case_files(paths)
    if case_ids is None:
        return found
    by_id = {case.id: (case, path) for case, path in found}
    cases = [case for case, _ in found]
    whole = matching(case_ids.strip(), cases)
    if len(whole) == 1:  # one title with a comma in it: 'Geen post, geen hulp'
        return [by_id[whole[0].id]]
    listing = listing_command(paths)
    return [by_id[find(wanted, cases, listing).id]
            for wanted in (c.strip() for c in case_ids.split(",") if c.strip())]


def ask_teams(prompter: Prompter, msg: Messages) -> tuple[str, ...]:
    prompter.console.print(Text(msg("teams.names.hint"), style="grey62"))
    while True:
        raw = prompter.line(msg("teams.ask"))
        problem = msg("teams.none")
        if isinstance(raw, str):
            try:
                teams = parse_teams(raw)
            except TeamNamesError as error:
                teams, problem = (), str(error)
            if teams:
                return teams
        prompter.console.print(literal(problem, "yellow"))


def use_plain(plain: bool) -> bool:
    """The line-based front end: asked for, or stdin or stdout is not a terminal (a script, CI,
    a pipe)."""
    return plain or not (sys.stdin.isatty() and sys.stdout.isatty())


#: starts the phone page for a room (the command line passes ``casusspel.web.server.start``
#: with ``--host`` and ``--port``; the terminal never imports the web package itself)
PhoneStarter = Callable[[Room, Messages, "Controller | None"], PhonePage]


def check_phones(mode: Mode, phones: PhoneStarter | None, msg: Messages) -> None:
    """Phones answer per team: only in group mode (say so before anything is created)."""
    if phones is not None and mode is not Mode.GROUP:
        raise UsageError(msg("phones.not_group"))


def run_live(session: Session, msg: Messages, *, plain: bool, resumed: bool = False,
             training: Path | None = None, console: Console | None = None,
             prompter: Prompter | None = None, notes: Sequence[Note] = (),
             phones: PhoneStarter | None = None, page: PhonePage | None = None) -> None:
    """Play ``session`` to its end or to a stop, in the full-screen app or line by line;
    ``notes`` are shown on the first screen. With ``phones`` (or a running ``page``, in a
    programme) teams answer on their phones too, and a page started here stops when this
    session ends or stops."""
    check_phones(session.state.mode, phones, msg)
    guard: AbstractContextManager[None] = nullcontext()  # (the app takes the signals itself)
    if use_plain(plain):
        console = console or make_console()
        prompter = prompter or Prompter(console, msg)
        # line by line, Ctrl-C, SIGHUP and SIGTERM are kept from here on, also while the phone
        # page starts: the first prompt saves and stops (before, a SIGTERM then killed it)
        guard = prompter.interrupts.catching()
    with guard:
        saved_at = session.saved_at()  # before the controller writes anything
        controller = Controller(session, datetime.now)
        notes = [*notes, *(controller.reopen(saved_at) if resumed else [])]
        own = phones(open_room(session.folder, session.state.teams), msg,
                     controller) if phones is not None else None
        if page is not None:
            page.attach(controller)
        try:
            run_front_end(controller, msg, plain=plain, training=training, console=console,
                          prompter=prompter, page=own or page, notes=notes)
        finally:
            if own is not None:
                own.stop()
            elif page is not None:
                page.attach(None)


def run_front_end(controller: Controller, msg: Messages, *, plain: bool, training: Path | None,
                  console: Console | None, prompter: Prompter | None,
                  page: PhonePage | None, notes: Sequence[Note] = ()) -> None:
    if use_plain(plain):
        from casusspel.ui.plain import PlainSession

        console = console or make_console()
        prompter = prompter or Prompter(console, msg)
        with prompter.interrupts.catching():  # (kept already when called by run_live)
            plain_session = PlainSession(controller, console, prompter, msg, training,
                                         ticker=console.is_terminal, phones=page)
            plain_session.run(notes)
        return
    from casusspel.ui.app import run_app

    run_app(controller, msg, training, page, list(notes))


def play(paths: Sequence[Path] | None, *, case_ids: str | None, teams: str | None,
         mode: str | Mode, timer: str | None, scoreboard: str | Scoreboard,
         framework_path: Path | None, lang: str, session_dir: Path | None, plain: bool = False,
         phones: PhoneStarter | None = None) -> None:
    """`casusspel play`: a programme file, or a new session of the cases given (``mode`` and
    ``scoreboard`` as members or their words)."""
    if paths and len(paths) == 1 and is_programme(paths[0]):
        from casusspel.ui.programme_run import play_programme

        play_programme(paths[0], sessions_dir(session_dir), teams, phones)
        return
    mode = Mode(mode)
    msg = Messages(lang)
    check_phones(mode, phones, msg)
    console = make_console()
    prompter = Prompter(console, msg)
    try:
        seconds = parse_duration(timer) if timer else None
    except ValueError:
        raise UsageError(msg("live.timer_unknown", timer=timer)) from None
    cases = select_cases(paths, case_ids)
    framework = load_framework(framework_path)
    given = parse_teams(teams or "")
    if teams is not None and not given and mode.has_teams:
        raise UsageError(msg("teams.none"))  # '--teams ,' is a mistake, not a question
    team_names = teams_for(mode, given, msg("mode.solo.team"))
    notes = []  # said on the first screen, where the trainer looks
    if msg.lang == "en":  # the screens are English, the scorer reads Dutch
        notes.append(Note("live.scoring_dutch", {}, "warn"))
    if given and team_names != given:  # plenary plays without teams, solo with the first
        notes.append(Note(f"teams.ignored.{mode}", {"team": ", ".join(team_names)}, "warn"))
    if not team_names and mode.has_teams:
        ensure_writable(sessions_dir(session_dir))  # before anyone types the team names
        try:
            with prompter.interrupts.catching():  # SIGTERM and SIGHUP stop here as Ctrl-D does
                team_names = ask_teams(prompter, msg)
        except Interrupted as stop:
            with unless_gone(console):
                console.print()  # (the cursor is still after the question)
                console.print(Text(msg("live.stopped_before_start")))
            if stop.ctrl_c:
                raise HandledInterrupt from None  # exit code 130; Ctrl-D ends with 0
            return
    options = SessionOptions(mode, team_names, Scoreboard(scoreboard), seconds, lang)
    session = create_session(sessions_dir(session_dir), cases,
                             framework_path or builtin_framework_path(), framework, options,
                             now=datetime.now())
    try:
        run_live(session, msg, plain=plain, console=console, prompter=prompter, notes=notes,
                 phones=phones)
    finally:
        session.close()


def is_programme(path: Path) -> bool:
    """Whether ``path`` is a programme file (a training day with 'blocks:')."""
    if not path.is_file() or path.suffix not in (".yaml", ".yml"):
        return False
    from casusspel.content.library import detect_kind
    from casusspel.content.loader import LoadFailed, parse, read_text

    try:
        document = parse(read_text(path, str(path)), str(path))
    except LoadFailed:
        return False
    return detect_kind(document.data) == "programme"


def session_table(infos: Sequence[SessionInfo]) -> Table:
    msg = Messages()
    table = Table(title_justify="left", expand=False)
    table.add_column("#", no_wrap=True)
    table.add_column(msg("sessions.column.session"), no_wrap=True)
    table.add_column(msg("sessions.column.date"), no_wrap=True)  # the time, not only the day
    for column in ("cases", "teams", "progress"):
        table.add_column(msg(f"sessions.column.{column}"))
    for number, info in enumerate(infos, 1):
        if info.problem:
            table.add_row(str(number), literal(info.id), "", "", "", literal(info.problem, "red"))
            continue
        progress = msg("sessions.finished") if info.finished else msg(
            "sessions.progress", number=info.case_index + 1, total=len(info.case_ids),
            phase=msg(f"phase.{info.phase}").lower())
        table.add_row(str(number), literal(info.id), info.created.replace("T", " "),
                      literal(case_list(info.case_ids, msg)), literal(", ".join(info.teams) or "-"),
                      progress)
    return table


#: case ids a session table names before it counts the rest (a whole deck is 30 ids)
CASES_NAMED = 3


def case_list(case_ids: Sequence[str], msg: Messages) -> str:
    """The cases of a session for a table row: all of them up to ``CASES_NAMED``, else the
    first two and how many more (a row with thirty ids pushed the table off an 80x24 screen)."""
    if len(case_ids) <= CASES_NAMED:
        return ", ".join(case_ids)
    more = len(case_ids) - CASES_NAMED + 1
    return ", ".join(case_ids[:CASES_NAMED - 1]) + " " + msg.plural("sessions.cases.more", more)


def show_sessions(session_dir: Path | None, *, only_open: bool) -> None:
    console = make_console()
    msg = Messages()
    folder = sessions_dir(session_dir)
    infos = list_sessions(folder)
    shown = [i for i in infos if not i.finished] if only_open else infos
    shown.sort(key=lambda i: i.finished)
    if not shown:
        console.print(Text(msg("sessions.none_open") if only_open else
                           msg("sessions.none", folder=folder)))
        return
    table = session_table(shown)
    table.title = literal(msg("sessions.title", folder=folder))
    console.print(table)
    console.print(Text(msg("sessions.hint"), style="grey62"))


def resume(reference: str | None, session_dir: Path | None, plain: bool = False,
           phones: PhoneStarter | None = None, remembered: PhoneStarter | None = None) -> None:
    """``casusspel resume``; ``remembered``: the phone page a session that was played with
    phones gets back without ``--phones``."""
    folder = sessions_dir(session_dir)
    console = make_console()
    msg = Messages()
    prompter = Prompter(console, msg)
    from casusspel.training.run import PROGRESS, language_of_run, unfinished_runs
    from casusspel.ui.programme_run import continue_run

    if reference is None:
        for run in unfinished_runs(folder):
            console.print(literal(msg("programme.unfinished", title=run.title, done=run.done,
                                      total=run.blocks, run=run.folder.name), "bold"),
                          soft_wrap=True)
        open_ones = [i for i in list_sessions(folder) if not i.finished and not i.problem]
        if not open_ones:
            console.print(Text(msg("resume.none")))
            return
        console.print(session_table(open_ones))
        try:
            with prompter.interrupts.catching():  # SIGTERM and SIGHUP: as Ctrl-D, exit code 0
                raw = prompter.line(msg("resume.pick"))
        except Interrupted as stop:
            with unless_gone(console):
                console.print()  # (the shell's prompt comes on a line of its own)
            if stop.ctrl_c:
                raise HandledInterrupt from None
            return
        if not isinstance(raw, str) or not raw.strip().isdigit() or not (
                1 <= int(raw) <= len(open_ones)):
            raise UsageError(msg("resume.pick_number"))
        target = open_ones[int(raw) - 1].folder
    else:
        target = find_session(folder, reference)
        if (target / PROGRESS).is_file():  # a programme run: in its language, like a session
            with run_language(chosen_language() or language_of_run(target)):
                continue_run(target, phones)
            return
    # the language asked for on this run, else the session's: everything said from here on
    # (warnings, the screens, errors) is in that one language
    with run_language(chosen_language() or session_language(target)):
        if phones is None and remembered is not None and phones_used(target)[0]:
            console.print(Text(Messages()("resume.phones.again")))
            phones = remembered
        _resume_session(target, plain, console, prompter, phones)


def _resume_session(target: Path, plain: bool, console: Console, prompter: Prompter,
                    phones: PhoneStarter | None) -> None:
    msg = Messages()
    prompter.msg = msg
    session = open_session(target, write=True)
    try:
        for warning in session.warnings:
            console.print(literal(msg("resume.changed", warning=warning), "yellow"))
        if session.state.finished:
            console.print(Text(msg("resume.finished")))
            return
        run_live(session, msg, plain=plain, resumed=True, console=console, prompter=prompter,
                 phones=phones)
    finally:
        session.close()
