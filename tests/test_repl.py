"""The chat REPL: pure command logic first, then the real program in a pseudo-terminal.

The pexpect tests run `python -m chatbot` with a fixed 100x40 terminal, NO_COLOR and
temporary state, config, cache and home folders, and wait on text, never on time.
"""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pexpect  # type: ignore[import-untyped]
import pyte  # type: ignore[import-untyped]
import pytest

from chatbot import repl
from chatbot.commands import (
    COMMANDS,
    Session,
    did_you_mean,
    find_topic,
    help_lines,
    parse_command,
    step,
    toolbar_text,
    welcome_lines,
)
from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge
from chatbot.render import Line

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "You:"  # prompt_toolkit draws the prompt's trailing space as a cursor move
TIMEOUT = 10
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge())


def texts(lines: list[Line]) -> str:
    return "\n".join(text for _, text in lines)


# ---------------------------------------------------------------- pure: commands


def test_commands_are_case_insensitive_and_keep_their_argument() -> None:
    assert parse_command("/HELP") == ("/help", "")
    assert parse_command("  /Record My Chat.yaml ") == ("/record", "My Chat.yaml")
    assert parse_command("quit") == ("quit", "")
    assert parse_command("Help") == ("help", "")  # alone, a word of the registry
    assert parse_command("help for carers") is None
    assert parse_command("what is xofigo") is None
    assert parse_command("quit smoking while on xofigo?") is None


def test_did_you_mean_suggests_the_closest_registered_command() -> None:
    assert did_you_mean("/hlep") == "/help"
    assert did_you_mean("/topcis") == "/topics"
    assert did_you_mean("/zzzzzzzz") is None


def test_help_is_generated_from_the_registry(bot: Bot) -> None:
    text = texts(help_lines(100))
    for command in COMMANDS:
        assert command.name in text
        assert command.help in text


def test_welcome_names_content_topics_safety_and_the_way_out(bot: Bot) -> None:
    text = " ".join(texts(welcome_lines(bot.knowledge, 100)).split())
    for topic in bot.knowledge.topics:
        assert (topic.name in text) != topic.conversational
    for needed in ("not medical advice", "911", "/help", "/quit", "Ctrl-D"):
        assert needed in text


def test_topics_lists_questions_and_a_number_asks_one(bot: Bot) -> None:
    lines, session = step(bot, Session(), "/topics radium", 100)
    intents = bot.knowledge.intents_of("xofigo")
    assert f"  2. {intents[1].title}" in texts(lines)
    _, session = step(bot, session, "2", 100)
    assert session.last is not None
    assert session.last.intent == intents[1].id


def test_unknown_topic_names_the_topics(bot: Bot) -> None:
    assert find_topic(bot.knowledge, "xofgio") == bot.knowledge.topic("xofigo")
    lines, _ = step(bot, Session(), "/topics chemotherapy pills", 100)
    assert "No topic called" in texts(lines)
    assert "provenge" in texts(lines)


def test_sources_show_each_document_with_its_url_unbroken(bot: Bot) -> None:
    lines, _ = step(bot, Session(), "/sources", 40)
    shown = [text.strip() for _, text in lines]
    for document in bot.knowledge.documents:
        assert document.url in shown
        assert any(document.publisher in text for text in shown)


def test_reset_forgets_the_conversation(bot: Bot) -> None:
    _, session = step(bot, Session(), "what is xofigo", 100)
    assert session.context != Context()
    _, session = step(bot, session, "/reset", 100)
    assert session.context == Context()
    assert session.last is None


def test_record_keeps_turns_until_stop(bot: Bot) -> None:
    _, session = step(bot, Session(), "/record talk.yaml", 100)
    assert session.recording == Path("talk.yaml")
    _, session = step(bot, session, "what is xofigo", 100)
    _, session = step(bot, session, "/why", 100)
    assert [user for user, _ in session.turns] == ["what is xofigo"]
    lines, session = step(bot, session, "/stop", 100)
    assert "1 turn(s) saved to talk.yaml" in texts(lines)
    assert session.recording is None


def replays(bot: Bot, turns: tuple[tuple[str, Response], ...]) -> bool:
    """Whether a fresh conversation of the recorded texts gets the recorded statuses and intents."""
    context = Context()
    for said, recorded in turns:
        got, context = respond(bot, context, said)
        if (got.status, got.intent) != (recorded.status, recorded.intent):
            return False
    return True


def test_recording_started_mid_conversation_still_replays(bot: Bot) -> None:
    """'side effects' only means Xofigo because of what came before /record."""
    _, session = step(bot, Session(), "what is xofigo", 100)
    _, session = step(bot, session, "/record talk.yaml", 100)
    _, session = step(bot, session, "side effects", 100)
    assert session.last is not None
    assert session.last.intent == "xofigo_side_effects"
    assert [said for said, _ in session.turns] == ["What are the side effects of Xofigo?"]
    assert replays(bot, session.turns)


def test_topics_picks_and_reset_are_recorded_so_that_they_replay(bot: Bot) -> None:
    _, session = step(bot, Session(), "/record talk.yaml", 100)
    for text in ("what is provenge", "/topics xofigo", "2", "/reset", "side effects", "1"):
        _, session = step(bot, session, text, 100)
    said = [said for said, _ in session.turns]
    assert said[0] == "what is provenge"
    assert said[1] == bot.knowledge.intents_of("xofigo")[1].title
    # after /reset, "side effects" asks which treatment; a replay still on Xofigo would
    # answer, so that turn is left out and the pick is recorded as the question picked
    assert session.last is not None and session.last.intent is not None
    assert said[2:] == [bot.knowledge.intent(session.last.intent).title]
    assert replays(bot, session.turns)


def test_quit_and_its_aliases_end_the_session(bot: Bot) -> None:
    for text in ("/quit", "/EXIT", "quit", "exit"):
        lines, session = step(bot, Session(), text, 100)
        assert session.done
        assert "Goodbye" in texts(lines)


def test_a_goodbye_in_words_ends_the_session_and_a_question_does_not(bot: Bot) -> None:
    lines, session = step(bot, Session(), "bye", 100)
    assert session.done
    assert "Goodbye" in texts(lines)
    _, session = step(bot, Session(), "what is xofigo", 100)
    assert not session.done


# ---------------------------------------------------------------- pure-ish: the shell


def test_a_failing_turn_prints_one_line_and_the_session_goes_on(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> object:
        raise ValueError("the index fell over\nsecond line")

    monkeypatch.setattr(repl, "step", broken)
    shown: list[list[Line]] = []
    session = Session()
    assert repl.turn(bot, session, "what is xofigo", shown.append) is session
    assert shown == [
        [
            (
                "message",
                "Sorry, something went wrong with that question: the index fell over. "
                "Please try again.",
            )
        ]
    ]


def test_recording_refuses_to_overwrite_a_file(bot: Bot, tmp_path: Path) -> None:
    existing = tmp_path / "notes.yaml"
    existing.write_text("precious\n", encoding="utf-8")
    shown: list[list[Line]] = []
    session = repl.turn(bot, Session(), f"/record {existing}", shown.append)
    assert session.recording is None
    assert "already exists" in " ".join(texts(shown[0]).split())
    assert existing.read_text(encoding="utf-8") == "precious\n"


def test_history_path_follows_xdg(tmp_path: Path) -> None:
    home = tmp_path / "home"
    state = tmp_path / "state"
    assert repl.history_path({}, home) == home / ".local/state/chatbot/history"
    assert repl.history_path({"XDG_STATE_HOME": str(state)}, home) == state / "chatbot/history"
    assert repl.history_path({"XDG_STATE_HOME": "relative"}, home).is_relative_to(home)


def test_history_can_be_turned_off() -> None:
    assert repl.history_enabled(True, {})
    assert not repl.history_enabled(False, {})
    assert not repl.history_enabled(True, {"CHATBOT_NO_HISTORY": "1"})
    assert repl.history_enabled(True, {"CHATBOT_NO_HISTORY": "0"})


# ---------------------------------------------------------------- the real program


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CHATBOT_NO_HISTORY", "CHATBOT_INTENTS", "PROMPT_TOOLKIT_COLOR_DEPTH")
    }
    values.update(
        COLUMNS="100",
        LINES="40",
        NO_COLOR="1",
        TERM="xterm",
        PROMPT_TOOLKIT_NO_CPR="1",  # a pty does not answer cursor-position requests
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        HOME=str(tmp_path / "home"),
        PYTHONPATH=str(ROOT),
    )
    return values


class Chat:
    """The real `chatbot` in a pseudo-terminal, driven by what it prints."""

    def __init__(self, env: dict[str, str], cwd: Path, *args: str) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "chatbot", *args],
            env=env,
            cwd=str(cwd),
            encoding="utf-8",
            dimensions=(40, 100),
            timeout=TIMEOUT,
        )
        self.banner = self.until_prompt()

    def until_prompt(self) -> str:
        """Everything printed before the next prompt, without escape sequences."""
        self.child.expect_exact(PROMPT)
        return ANSI.sub("", self.child.before).replace("\r", "")

    def ask(self, text: str, *expected: str) -> str:
        """Type a line, wait for each expected text in order and for the next prompt."""
        self.child.sendline(text)
        for part in expected:
            self.child.expect_exact(part)
        return self.until_prompt()

    def quit_with_ctrl_d(self) -> int:
        self.child.sendcontrol("d")
        self.child.expect_exact("Goodbye")
        self.child.expect_exact(pexpect.EOF)
        self.child.close()
        return int(self.child.exitstatus)


@pytest.fixture
def chat(env: dict[str, str], tmp_path: Path) -> Iterator[Chat]:
    session = Chat(env, tmp_path)
    yield session
    session.child.close(force=True)


def test_banner(chat: Chat) -> None:
    banner = " ".join(chat.banner.split())
    assert "Xofigo (radium-223)" in banner
    assert "Provenge (sipuleucel-T)" in banner
    assert "About this chatbot" not in banner
    assert "not medical advice" in banner
    assert "call 911" in banner
    assert "/help" in banner
    assert "/quit or Ctrl-D" in banner


def test_misspelled_question_gets_answer_source_and_numbered_follow_up(chat: Chat) -> None:
    chat.ask(
        "side efects of xofgio?",
        "About: Xofigo (radium-223): side effects",
        "Source: prostate.net",
        "You could also ask (type a number):",
        "1. Can Xofigo be given with chemotherapy?",
    )
    chat.ask("1", "About: Xofigo (radium-223): with chemotherapy")
    why = chat.ask("/why", "How I read your last question:")
    assert "picked choice 1: xofigo_chemotherapy" in why


def test_clarify_then_pick_by_number(chat: Chat) -> None:
    shown = chat.ask("side effects", "I'm not sure which of these you mean")
    assert "What are the side effects of Xofigo?" in shown
    number = re.search(r"(\d)\. What are the side effects of Provenge\?", shown)
    assert number is not None, shown
    chat.ask(number.group(1), "About: Provenge (sipuleucel-T): side effects", "Source:")


def test_why_explains_the_spelling_fix(chat: Chat) -> None:
    chat.ask("side efects of xofgio?", "About: Xofigo")
    why = chat.ask("/why", "How I read your last question:")
    assert "xofgio -> xofigo" in why
    assert "decision:   answer" in why


def test_help_lists_every_registered_command(chat: Chat) -> None:
    shown = chat.ask("/Help", "Commands")
    for command in COMMANDS:
        assert command.name in shown
        assert command.help in shown


def test_unknown_command_gets_did_you_mean(chat: Chat) -> None:
    chat.ask("/hlep", "Unknown command /hlep. Did you mean /help?")
    chat.ask("/sorces", "Did you mean /sources?")
    chat.ask("/SOURCES", "Urology Care Foundation", "https://prostate.net/")


def test_ctrl_c_clears_the_line_and_the_session_goes_on(chat: Chat) -> None:
    chat.child.send("what is provenge")
    chat.child.sendcontrol("c")
    chat.ask("what is xofigo", "About: Xofigo (radium-223): what it is")
    why = chat.ask("/why", "How I read your last question:")
    assert "normalised: what is xofigo" in why


def test_ctrl_d_says_goodbye_and_exits_0(chat: Chat) -> None:
    chat.ask("hello", "welcome")
    assert chat.quit_with_ctrl_d() == 0


def test_quit_command_takes_the_same_way_out(chat: Chat) -> None:
    chat.child.sendline("/QUIT")
    chat.child.expect_exact("Goodbye")
    chat.child.expect_exact(pexpect.EOF)
    chat.child.close()
    assert chat.child.exitstatus == 0


def test_history_file_is_private_and_holds_the_question(chat: Chat, tmp_path: Path) -> None:
    chat.ask("what is xofigo", "About: Xofigo")
    assert chat.quit_with_ctrl_d() == 0
    history = tmp_path / "state" / "chatbot" / "history"
    assert stat.S_IMODE(history.stat().st_mode) == 0o600
    assert stat.S_IMODE(history.parent.stat().st_mode) == 0o700
    assert "what is xofigo" in history.read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["--no-history", "CHATBOT_NO_HISTORY=1"])
def test_history_can_be_turned_off_for_real(how: str, env: dict[str, str], tmp_path: Path) -> None:
    args = [how] if how.startswith("--") else []
    if not args:
        env["CHATBOT_NO_HISTORY"] = "1"
    chat = Chat(env, tmp_path, *args)
    chat.ask("what is xofigo", "About: Xofigo")
    assert chat.quit_with_ctrl_d() == 0
    assert not (tmp_path / "state" / "chatbot" / "history").exists()


def _replay(path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chatbot", "replay", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_record_then_stop_writes_a_private_transcript_that_replays(
    chat: Chat, env: dict[str, str], tmp_path: Path
) -> None:
    chat.ask("/record talk.yaml", "Recording this conversation to talk.yaml")
    chat.ask("what is xofigo", "About: Xofigo (radium-223): what it is")
    chat.ask("side effects", "About: Xofigo (radium-223): side effects")
    chat.ask("/why", "How I read your last question:")  # commands are not turns
    chat.ask("2", "About: Provenge (sipuleucel-T): side effects")
    chat.ask("/topics xofigo", "1. What is Xofigo?")
    chat.ask("2", "About: Xofigo (radium-223): how it works")
    chat.ask("/stop", "Recording stopped; 4 turn(s) saved to", "talk.yaml")
    path = tmp_path / "talk.yaml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "what is xofigo" in path.read_text(encoding="utf-8")
    result = _replay(path, env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_record_option_starts_recording_at_launch(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "launch.yaml"
    chat = Chat(env, tmp_path, "chat", "--record", str(path))
    assert "Recording this conversation" in chat.banner
    chat.ask("what is provenge", "About: Provenge")
    # saved after every turn, before any /stop or quit
    assert "what is provenge" in path.read_text(encoding="utf-8")
    assert chat.quit_with_ctrl_d() == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _replay(path, env).returncode == 0


# ---------------------------------------------------------------- plain mode


def _piped(env: dict[str, str], text: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        input=text,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("args", [[], ["chat"], ["--plain"]])
def test_piped_input_gets_plain_answers_line_by_line(args: list[str], env: dict[str, str]) -> None:
    del env["NO_COLOR"]  # plain output has no escape sequences even when colour is allowed
    lines = "side efects of xofgio?\n1\n/hlep\n/topics xofigo\n2\n"
    result = _piped(env, lines, "-m", "chatbot", *args)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert PROMPT not in out
    assert result.stderr == ""
    order = [
        "About: Xofigo (radium-223): side effects",
        "Source: prostate.net",
        "About: Xofigo (radium-223): with chemotherapy",
        "Did you mean /help?",
        "1. What is Xofigo?",
        "About: Xofigo (radium-223): how it works",
    ]
    positions = [out.index(part) for part in order]
    assert positions == sorted(positions)


def test_plain_mode_does_not_import_prompt_toolkit(env: dict[str, str]) -> None:
    result = _piped(env, "what is xofigo\n", "-X", "importtime", "-m", "chatbot")
    assert "About: Xofigo" in result.stdout
    assert "prompt_toolkit" not in result.stderr


def test_piped_quit_stops_reading(env: dict[str, str]) -> None:
    result = _piped(env, "/quit\nwhat is xofigo\n", "-m", "chatbot")
    assert result.returncode == 0
    assert "Goodbye" in result.stdout
    assert "About: Xofigo" not in result.stdout


def test_tab_completes_a_known_question_from_a_fragment(chat: Chat) -> None:
    chat.child.send("sid eff xof\t")
    chat.child.expect_exact("What are the side effects of Xofigo?")
    chat.child.send("\r")
    chat.child.expect_exact("About: Xofigo (radium-223): side effects")
    chat.until_prompt()


def test_tab_completes_commands(chat: Chat) -> None:
    chat.child.send("/sou\t")  # more than one match: Tab shows the menu with the help
    chat.child.expect_exact("the documents my answers come from")
    chat.child.send("\t\r")  # a second Tab picks the best, Enter asks it
    chat.child.expect_exact("Where my answers come from:")
    chat.until_prompt()


def _spawn(env: dict[str, str], cwd: Path, *args: str, columns: int = 100) -> Any:
    """The real program in a pseudo-terminal of `columns` x 40, everything it writes kept
    in `.logfile_read` (to draw the screen as a user sees it)."""
    env = {**env, "COLUMNS": str(columns)}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "chatbot", *args],
        env=env,
        cwd=str(cwd),
        encoding="utf-8",
        dimensions=(40, columns),
        timeout=TIMEOUT,
    )
    child.logfile_read = io.StringIO()
    return child


def _screen(child: Any, columns: int = 100) -> list[str]:
    """The terminal's screen as the user sees it now, one string per row."""
    screen = pyte.Screen(columns, 40)
    pyte.Stream(screen).feed(child.logfile_read.getvalue())
    return [row.rstrip() for row in screen.display]


@pytest.mark.parametrize("how", ["--plain", "TERM=dumb"])
def test_plain_terminal_shows_a_plain_prompt_and_no_escapes(
    how: str, env: dict[str, str], tmp_path: Path
) -> None:
    """A screen-reader user in --plain mode, or on a dumb terminal, sees when the bot
    waits; neither gets colours or line editing (TERM=dumb even without NO_COLOR)."""
    del env["NO_COLOR"]
    args = [how] if how.startswith("--") else []
    if not args:
        env["TERM"] = "dumb"
    child = _spawn(env, tmp_path, *args)
    child.expect_exact("/quit or Ctrl-D")
    child.expect_exact(repl.PROMPT)  # with its space: no cursor move draws it
    child.sendline("what is xofigo")
    child.expect_exact("About: Xofigo (radium-223): what it is")
    child.expect_exact("Source:")
    child.expect_exact(repl.PROMPT)
    child.sendeof()
    child.expect_exact("Goodbye")
    child.expect_exact(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b" not in child.logfile_read.getvalue()


def test_sources_are_drawn_at_normal_intensity(env: dict[str, str], tmp_path: Path) -> None:
    """The source line is the main trust signal: never dim (SGR 2), which older eyes
    read badly."""
    del env["NO_COLOR"]
    child = _spawn(env, tmp_path, "--no-history")
    child.expect_exact(PROMPT)
    child.sendline("what is xofigo")
    child.expect_exact("Source:")
    child.expect_exact(PROMPT)
    child.close(force=True)
    shown = child.logfile_read.getvalue()
    colours = "\x1b[" in shown and re.search(r"\x1b\[[0-9;]*1[;m]", shown)
    assert colours, "the About line is bold: colours are on"
    source_line = shown[: shown.index("Source:")].rsplit("\n", 1)[-1]
    for params in re.findall(r"\x1b\[([0-9;]*)m", source_line):
        assert "2" not in params.split(";"), repr(source_line)


def test_ctrl_c_mid_line_wipes_the_text_and_on_an_empty_line_says_how_to_leave(
    env: dict[str, str], tmp_path: Path
) -> None:
    child = _spawn(env, tmp_path, "--no-history")
    child.expect_exact(PROMPT)
    child.send("what is provenge")
    child.expect_exact("provenge")
    child.sendcontrol("c")  # the half-typed line goes, the prompt stays
    child.sendcontrol("c")  # on the empty line: the hint
    child.expect_exact(repl.LEAVE_HINT)
    child.expect_exact(PROMPT)
    screen = "\n".join(_screen(child))
    assert "provenge" not in screen  # not left on screen as if it had been sent
    assert screen.count(repl.LEAVE_HINT) == 1
    child.sendline("what is xofigo")
    child.expect_exact("About: Xofigo (radium-223): what it is")
    child.close(force=True)


@pytest.mark.parametrize("text", ["bye", "Goodbye!", "ok bye"])
def test_saying_bye_says_goodbye_and_leaves(text: str, chat: Chat) -> None:
    chat.ask("what is xofigo", "About: Xofigo")
    chat.child.sendline(text)
    chat.child.expect_exact("Goodbye")
    chat.child.expect_exact(pexpect.EOF)
    chat.child.close()
    assert chat.child.exitstatus == 0


def test_at_60_columns_the_toolbar_keeps_not_medical_advice(
    env: dict[str, str], tmp_path: Path
) -> None:
    # prompt_toolkit draws the toolbar once it knows where its cursor is: answer its
    # cursor-position request as a terminal would.
    del env["PROMPT_TOOLKIT_NO_CPR"]
    child = _spawn(env, tmp_path, "--no-history", columns=60)
    child.expect_exact("\x1b[6n")
    screen = pyte.Screen(60, 40)
    pyte.Stream(screen).feed(child.logfile_read.getvalue())
    child.send(f"\x1b[{screen.cursor.y + 1};{screen.cursor.x + 1}R")
    child.expect_exact("Not medical advice")  # the banner's is "not medical advice"
    child.expect_exact("Ctrl-D quit")
    bottom = _screen(child, 60)[-1]
    assert bottom.startswith("Not medical advice"), bottom
    assert len(bottom) <= 60
    child.close(force=True)


def test_the_toolbar_fits_and_explains_the_history_suggestion() -> None:
    wide = toolbar_text(Session(), 100)
    assert "Right-arrow completes suggestion" in wide
    assert len(wide) < 100
    for width in (30, 40, 60, 80):
        text = toolbar_text(Session(recording=Path("talk.yaml")), width)
        assert text.startswith("Not medical advice")
        assert len(text) < width
    assert "recording to talk.yaml" in toolbar_text(Session(recording=Path("talk.yaml")), 60)


def test_wrapped_help_lines_hang_under_the_description() -> None:
    lines = [text for style, text in help_lines(40) if style == "option"]
    column = lines[0].index("show this list")
    continued = [line for line in lines if not line.lstrip().startswith("/")]
    assert continued, "at 40 columns some descriptions wrap"
    for line in continued:
        assert line[:column].strip() == "" and line[column] != " ", line


def test_record_to_a_missing_folder_is_refused_at_once_and_wrapped(
    env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "x.yaml"
    child = _spawn(env, tmp_path, "--no-history", columns=60)
    child.expect_exact(PROMPT)
    child.sendline(f"/record {target}")
    child.expect_exact("does not exist")
    child.expect_exact(PROMPT)
    child.sendline("what is xofigo")
    child.expect_exact("About: Xofigo (radium-223): what it is")
    child.expect_exact(PROMPT)
    child.close(force=True)
    shown = ANSI.sub("", child.logfile_read.getvalue()).replace("\r", "")
    assert "Recording this conversation" not in shown
    after_record = shown[shown.index("does not exist") :]
    assert "Could not save" not in after_record  # no late second error after the answer
    refusal = shown[shown.index("Cannot record") : shown.index("does not exist")]
    # wrapped between words: only a word longer than the line (a long path) may overrun
    assert all(len(line) <= 60 or " " not in line.strip() for line in refusal.splitlines())
    assert not target.parent.exists()


@pytest.mark.parametrize("problem", ["exists", "missing folder"])
def test_record_option_to_a_file_it_cannot_write_fails_at_once(
    problem: str, env: dict[str, str], tmp_path: Path
) -> None:
    if problem == "exists":
        target = tmp_path / "notes.yaml"
        target.write_text("precious\n", encoding="utf-8")
    else:
        target = tmp_path / "nowhere" / "talk.yaml"
    result = _piped(env, "what is xofigo\n", "-m", "chatbot", "chat", "--record", str(target))
    assert result.returncode == 2
    assert result.stdout == ""  # not a word of chat before the refusal
    assert result.stderr.count("\n") == 1 and str(target) in result.stderr
    assert "Traceback" not in result.stderr
    if problem == "exists":
        assert target.read_text(encoding="utf-8") == "precious\n"
