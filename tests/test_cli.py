"""The command line: one language per run (help, click's own errors, completion), the same exit
codes in every command, and command lines in hints that paste into the user's shell."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from casusspel import commandline
from casusspel.cli import app
from casusspel.errors import CasusspelError, ExitCode, UsageError
from casusspel.messages import Messages, language
from casusspel.ui import clihelp, clirun
from tests.conftest import DATA, ROOT

runner = CliRunner()
GOOD = ROOT / "cases" / "brief-van-de-gemeente.yaml"
LABELLED = DATA / "reflections" / "holdout.yaml"


def _command_paths() -> list[tuple[str, ...]]:
    """The words that reach every command and group, the program itself first."""
    paths: list[tuple[str, ...]] = [()]

    def walk(group: Any, prefix: tuple[str, ...]) -> None:
        for name, sub in group.commands.items():
            paths.append((*prefix, name))
            if hasattr(sub, "commands"):
                walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return paths


COMMANDS = _command_paths()
# words click, typer or Python would print if any help or error bypassed the catalogue
ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "[required]",
           "[default", "Try ", "Error", "Example", "for help", "Install completion", "Missing",
           "Invalid value", "No such", "INTEGER", "TEXT", "PATH", "Path", "list[",
           "Got unexpected", "requires an argument", "Value error")
PYTHON_TYPE = re.compile(r"<[\w\[\], |]+>")  # <list[Path]>, <path>: a type, not a word
DUTCH = ("Gebruik", "Opties", "Argumenten", "Opdrachten", "Voorbeeld", "verplicht", "standaard",
         "Toon ", "BESTAND", "PADEN", "MAP", "Fout", "Onbekend", "Ongeldig", "ontbreekt",
         " een ", " het ", " de ", " van ", " met ")


def english_words(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text] + PYTHON_TYPE.findall(text)


def dutch_words(text: str) -> list[str]:
    return [word for word in DUTCH if word in text]


def name(words: tuple[str, ...]) -> str:
    return " ".join(words) or "casusspel"


# -- help ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("words", COMMANDS, ids=name)
def test_help_of_every_command_is_dutch_with_an_example(words: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*words, "--help"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Gebruik: casusspel")
    assert "Voorbeelden:\n  casusspel " + " ".join(words) in out
    assert "Opties:" in out and "  -h, --help " in out
    assert english_words(out) == [], out
    assert max(len(line) for line in out.splitlines()) <= 80  # an 80-column terminal


@pytest.mark.parametrize(("words", "how"), [
    *((words, "environment") for words in COMMANDS),
    *((words, how) for words in [(), ("play",), ("leervragen", "add")]
      for how in ("before", "after"))], ids=lambda v: name(v) if isinstance(v, tuple) else v)
def test_help_of_every_command_is_english_with_lang_en(words: tuple[str, ...], how: str) -> None:
    args, env = {"before": (["--lang", "en", *words, "--help"], {}),
                 "after": ([*words, "--help", "--lang=en"], {}),
                 "environment": ([*words, "--help"], {"CASUSSPEL_LANG": "en"})}[how]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Usage: casusspel")
    assert "Examples:\n  casusspel " in out and "Options:" in out
    assert dutch_words(out) == [], out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("words", COMMANDS, ids=name)
def test_short_h_is_help(words: tuple[str, ...]) -> None:
    short, long = runner.invoke(app, [*words, "-h"]), runner.invoke(app, [*words, "--help"])
    assert short.exit_code == 0 and short.stdout == long.stdout


def test_every_placeholder_is_a_word_and_every_text_is_in_both_catalogues() -> None:
    root = typer.main.get_command(app)
    checked = 0
    for words in COMMANDS:
        ctx = root.make_context("casusspel", [*words, "--help"], resilient_parsing=True)
        command = root
        for word in words:
            command = command.commands[word]  # type: ignore[attr-defined]
            ctx = command.make_context(word, [], parent=ctx, resilient_parsing=True)
        for lang in ("nl", "en"):
            msg = Messages(lang)
            assert msg.has(command.help or "") and msg.has(f"{command.help}.examples"), words
            for param in command.get_params(ctx):
                own = getattr(param, "help", None)
                assert clihelp.param_help(msg, param) not in ("", own), (words, param)
                if getattr(param, "is_flag", False):
                    continue
                shown = clihelp.metavar(msg, param)
                assert re.fullmatch(r"[A-Z]+|\[[a-z-]+(\|[a-z-]+)+\]|-", shown), (words, shown)
                checked += 1
    assert checked > 50


# -- usage errors --------------------------------------------------------------------------------
BAD = [
    (["nosuch"], "nosuch"),
    (["valdate", "x.yaml"], "validate"),
    (["validate"], "PADEN"),
    (["play", "--mode", "x"], "group, solo, plenary"),
    (["plan", "--minutes", "twee"], "twee"),
    (["play", "--phones", "--port", "0"], "65535"),
    (["play", "--port"], "--port"),
    (["validate", "--nope", "x.yaml"], "--nope"),
    (["validate", "--fix-schema-link=ja", "x.yaml"], "--fix-schema-link"),
    (["docs", "a", "b"], "b"),
    (["--debug"], "play"),
    (["leervragen", "nope"], "nope"),
    (["stats", "--lang", "fr"], "fr"),
    (["report"], "SESSIE"),
    (["leervragen", "list", "--training", "bestaat-niet"], "bestaat-niet"),
]


@pytest.mark.parametrize(("args", "detail"), BAD, ids=lambda v: " ".join(v) if isinstance(
    v, list) else None)
def test_usage_errors_are_dutch_and_exit_2(args: list[str], detail: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Gebruik: casusspel") and "\nFout: " in result.stderr
    assert detail in result.stderr.split("Fout: ")[1]
    assert english_words(result.stderr) == [], result.stderr


@pytest.mark.parametrize(("args", "detail"), BAD, ids=lambda v: " ".join(v) if isinstance(
    v, list) else None)
def test_usage_errors_are_english_with_casusspel_lang(args: list[str], detail: str) -> None:
    result = runner.invoke(app, args, env={"CASUSSPEL_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: casusspel") and "\nError: " in result.stderr
    assert dutch_words(result.stderr.replace("SESSIE", "")) == [], result.stderr


@pytest.mark.parametrize("args", [[], ["leervragen"]])
def test_a_group_without_a_command_shows_its_help_and_exits_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Gebruik: casusspel") and "Opdrachten:" in result.stderr


def test_the_run_language_ends_with_the_run() -> None:
    assert runner.invoke(app, ["--lang", "en", "docs"]).exit_code == 0
    assert language() == "nl" and Messages()("cli.options") == "Opties"


@pytest.mark.parametrize(("words", "found"), [
    (["validate", "--lang", "en"], "en"), (["--lang=en", "play"], "en"),
    (["score", "--", "--lang", "en"], None), (["validate", "x.yaml"], None),
    (["play", "--lang"], None)])
def test_the_language_is_read_before_parsing(words: list[str], found: str | None) -> None:
    assert clirun.requested_language(words) == found


def test_lang_before_play_is_the_session_language(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--lang", "en", "play", "--session-dir", str(tmp_path),
                                 "--cases", "brief-van-de-gemeente", "--teams", "A", "--plain"],
                           input="\n/stop\n")
    assert result.exit_code == 0, result.output
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    first = json.loads((folder / "journal.jsonl").read_text("utf-8").splitlines()[0])
    assert first["lang"] == "en"
    assert "Which diversity factors are decisive here?" in result.stdout


# -- exit codes ----------------------------------------------------------------------------------
def missing_paths(tmp: Path) -> dict[str, list[str]]:
    """For each command, a call that names a file or folder that is not there."""
    gone = str(tmp / "bestaat-niet")
    sessions = ["--session-dir", str(tmp)]
    return {
        "validate": ["validate", gone + ".yaml"],
        "list": ["list", gone],
        "test": ["test", gone],
        "stats": ["stats", gone],
        "preview": ["preview", gone + ".yaml"],
        "play": ["play", gone, "--teams", "A", *sessions],
        "calibrate": ["calibrate", gone + ".yaml"],
        "score": ["score", "--text", "tolk", "--framework", gone + ".yaml"],
        "schema": ["schema", "--framework", gone + ".yaml"],
        "resume": ["resume", "bestaat-niet", *sessions],
        "repair": ["repair", "bestaat-niet", "--yes", *sessions],
        "report": ["report", "bestaat-niet", *sessions],
        "leervragen import": ["leervragen", "import", gone + ".txt", "--training", str(tmp)],
        "leervragen list": ["leervragen", "list", "--training", gone],
        "plan": ["plan", "--training", gone],
        "evaluation": ["evaluation", "--training", gone],
        "docs": ["docs", "bestaat-niet"],
    }


@pytest.mark.parametrize("command", sorted(missing_paths(Path("/x"))))
def test_a_missing_file_or_folder_exits_2_in_every_command(command: str, tmp_path: Path) -> None:
    result = runner.invoke(app, missing_paths(tmp_path)[command])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output and "bestaat-niet" in result.output


def broken_case(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.yaml"
    path.write_text(GOOD.read_text("utf-8").replace("persons:", "mensen:", 1), "utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "list", "test", "stats", "play"])
def test_content_with_errors_exits_1(command: str, tmp_path: Path) -> None:
    extra = ["--teams", "A", "--session-dir", str(tmp_path)] if command == "play" else []
    result = runner.invoke(app, [command, str(broken_case(tmp_path)), *extra])
    assert result.exit_code == ExitCode.PROBLEMS, result.output
    assert "kapot.yaml" in result.output


@pytest.mark.parametrize("args", [["validate", str(GOOD)], ["list", str(GOOD)],
                                  ["stats", str(GOOD)], ["schema"], ["docs"], ["--version"],
                                  ["calibrate", str(LABELLED), "--json"]])
def test_done_exits_0(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == ExitCode.OK


def fail_with(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("casusspel.ui.tables.list_command", broken)


@pytest.mark.parametrize(("error", "code", "said"), [
    (KeyboardInterrupt(), ExitCode.INTERRUPTED, "Afgebroken."),
    (EOFError(), ExitCode.INTERRUPTED, "Afgebroken."),
    (CasusspelError("De sessie is al open."), ExitCode.PROBLEMS, "Fout: De sessie is al open."),
    (UsageError("Geef een pad."), ExitCode.USAGE, "Fout: Geef een pad."),
    (RuntimeError("kapot"), ExitCode.INTERNAL, "Onverwachte fout: RuntimeError: kapot"),
])
def test_errors_become_one_message_and_the_exit_code_of_the_table(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, said: str,
) -> None:
    fail_with(monkeypatch, error)
    result = runner.invoke(app, ["list"])
    assert result.exit_code == code
    assert result.stderr.strip().splitlines()[0] == said
    assert "Traceback" not in result.output
    english = runner.invoke(app, ["list", "--lang", "en"])
    assert english.exit_code == code
    assert not re.search("Fout|Afgebroken|Onverwachte|opnieuw", english.stderr), english.stderr


def test_debug_shows_the_surprise_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_with(monkeypatch, RuntimeError("kapot"))
    result = runner.invoke(app, ["--debug", "list"])
    assert isinstance(result.exception, RuntimeError) and "Onverwachte" not in result.output


def test_the_exit_code_table_is_in_the_docs_casusspel_docs_shows() -> None:
    text = runner.invoke(app, ["docs", "opdrachtregel", "--raw"]).stdout
    rows = dict(re.findall(r"^\| (\d+) \| ([^|]+) \|", text, re.MULTILINE))
    assert sorted(int(code) for code in rows) == sorted(int(code) for code in ExitCode)


# -- completion ----------------------------------------------------------------------------------
@pytest.fixture
def fixed_shell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """typer's switch to name the shell instead of detecting it; a home of our own."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize(("args", "said"), [
    (["--install-completion", "bash"], "Tab-aanvulling voor bash staat in "),
    (["--lang", "en", "--install-completion", "bash"], "Tab completion for bash is in "),
])
def test_install_completion_in_the_run_language(fixed_shell: Path, args: list[str],
                                                said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(said) and "completion installed" not in result.stdout
    script = Path(result.stdout.removeprefix(said).split(". ")[0])
    assert script.is_file() and "_CASUSSPEL_COMPLETE" in script.read_text("utf-8")


def test_show_completion_prints_the_script(fixed_shell: Path) -> None:
    result = runner.invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0 and "_CASUSSPEL_COMPLETE=complete_bash" in result.stdout


@pytest.mark.parametrize(("lang", "text"), [("nl", "Eigen raamwerk (YAML)."),
                                            ("en", "Your own framework (YAML).")])
def test_completion_explains_options_in_the_language(lang: str, text: str) -> None:
    result = runner.invoke(app, [], env={"_CASUSSPEL_COMPLETE": "complete_zsh",
                                         "_TYPER_COMPLETE_ARGS": "casusspel validate --fr",
                                         "CASUSSPEL_LANG": lang})
    assert text in result.stdout and "--framework" in result.stdout


def test_completion_offers_the_choices_of_an_option() -> None:
    result = runner.invoke(app, [], env={"_CASUSSPEL_COMPLETE": "complete_bash",
                                         "COMP_WORDS": "casusspel play --mode p",
                                         "COMP_CWORD": "3"})
    assert result.stdout.split() == ["plenary"]


# -- numbers -------------------------------------------------------------------------------------
def test_calibrate_table_writes_numbers_as_the_language_does() -> None:
    dutch = runner.invoke(app, ["calibrate", str(LABELLED)], env={"COLUMNS": "120"}).stdout
    english = runner.invoke(app, ["calibrate", str(LABELLED), "--lang", "en"],
                            env={"COLUMNS": "120"}).stdout
    assert re.search(r"\b0,\d\d\b", dutch) and not re.search(r"\b0\.\d\d\b", dutch)
    assert re.search(r"\b0\.\d\d\b", english) and not re.search(r"\b0,\d\d\b", english)
    assert "precisie" in dutch and "precision" in english and "stereotype flag" in english


# -- command lines to paste ----------------------------------------------------------------------
ODD = "Mijn casussen/café 'de Hoek'.yaml"


def windows_split(line: str) -> list[str]:
    """Split a command line as the Microsoft C runtime (CommandLineToArgvW) does."""
    words: list[str] = []
    current, quoted, backslashes, started = [], False, 0, False
    for char in line + " ":
        if char == "\\":
            backslashes += 1
            continue
        if char == '"':
            current.append("\\" * (backslashes // 2))
            if backslashes % 2:
                current.append('"')
            else:
                quoted = not quoted
            backslashes, started = 0, True
            continue
        current.append("\\" * backslashes)
        backslashes = 0
        if char in " \t" and not quoted:
            if started or "".join(current):
                words.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
    return words


@pytest.mark.parametrize("path", [ODD, 'a"b c', "C:\\Users\\Jan de Vries\\", "plain.yaml",
                                  "", "ĳs en één"])
def test_quoting_round_trips_on_both_platforms(monkeypatch: pytest.MonkeyPatch,
                                               path: str) -> None:
    monkeypatch.setattr(commandline, "on_windows", lambda: False)
    posix = commandline.command_line("validate", path)
    assert shlex.split(posix) == ["casusspel", "validate", path]
    monkeypatch.setattr(commandline, "on_windows", lambda: True)
    windows = commandline.command_line("validate", path)
    assert windows_split(windows) == ["casusspel", "validate", path], windows
    assert "'" not in windows.replace(path, "") and (path == "plain.yaml") == (windows.count(
        '"') == 0)


@pytest.mark.parametrize(("windows", "split"), [(False, shlex.split), (True, windows_split)])
def test_new_prints_its_next_command_quoted_for_the_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, windows: bool, split: Any,
) -> None:
    monkeypatch.setattr(commandline, "on_windows", lambda: windows)
    target = tmp_path / "mijn casus é's.yaml"
    result = runner.invoke(app, ["new", "-o", str(target)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "controleer met: " in x)
    assert split(line.split("controleer met: ")[1]) == ["casusspel", "validate", str(target)]


@pytest.mark.parametrize(("windows", "split"), [(False, shlex.split), (True, windows_split)])
def test_the_resume_hint_quotes_the_session_folder_for_the_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, windows: bool, split: Any,
) -> None:
    """The line printed after a stopped session is pasted into cmd.exe or a POSIX shell as is."""
    from casusspel.session.folders import continue_command

    monkeypatch.setattr(commandline, "on_windows", lambda: windows)
    sessions = tmp_path / "mijn sessies é's"
    command = continue_command("casusspel resume 2026-11-24-1024-2891",
                               sessions / "2026-11-24-1024-2891")
    assert split(command) == ["casusspel", "resume", "2026-11-24-1024-2891", "--session-dir",
                              str(sessions)]
