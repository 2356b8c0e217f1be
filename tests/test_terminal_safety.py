"""Nothing a person typed, or a file held, can drive the terminal; JSON stays valid UTF-8
and one line per answer; the same question gets the same bytes in every process.

A property test drives every chat command and `respond` with arbitrary text through the
plain display; pseudo-terminal tests check the interactive chat; `chatbot check` refuses
knowledge text with control characters.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
import yaml
from conftest import terminal_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_check import KnowledgeBase, assert_problems

from chatbot import repl
from chatbot.commands import COMMANDS, Session
from chatbot.dialogue import Bot
from chatbot.loader import load_knowledge
from chatbot.sanitize import clean, json_text
from chatbot.transcript import dump_transcript

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_OK = [HealthCheck.function_scoped_fixture]  # capsys is read afresh in each example
DRIVES_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""ESC, the C1 controls (U+009B is a one-character CSI), BEL, backspace, CR and the rest:
what the chat must never print from what it was given (a line feed and a tab are fine)."""
NASTY = [
    "\x1b]52;c;UFdORUQ=\x07",  # OSC 52: set the clipboard
    "\x1b]0;pwned\x07",  # set the window title
    "\x9b31m\x9d0;title\x9c",  # C1 CSI and OSC
    "a\x08\x08\x08bell\x07\r\x7f",
]


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge())


def test_clean_makes_every_controlling_character_visible() -> None:
    for text in NASTY:
        shown = clean(f"before {text} after")
        assert not DRIVES_TERMINAL.search(shown), repr(shown)
        assert shown.startswith("before ") and shown.endswith(" after")
    assert clean("two\r\nlines\tand a tab") == "two\nlines and a tab"


# ---------------------------------------------------------------- the property


COMMAND_NAMES = sorted({name for c in COMMANDS for name in (c.name, *c.aliases)})
SAFE_COMMANDS = [n for n in COMMAND_NAMES if n not in ("/record",)]
"""/record writes a file; it is driven with a file name below instead."""

anything = st.text(
    st.characters(blacklist_categories=["Cs"])
    | st.sampled_from(["\x1b", "\x9b", "\x9d", "\x07", "\x08", "\r", "\x7f", "\x85"]),
    max_size=40,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=anything, command=st.sampled_from(["", *SAFE_COMMANDS]), then_why=st.booleans())
def test_nothing_shown_can_drive_the_terminal(
    bot: Bot, capsys: pytest.CaptureFixture[str], text: str, command: str, then_why: bool
) -> None:
    """Whatever is typed, as a question or as the argument of any command, and /why
    after it: what the chat prints holds no ESC, no C1 control, no BEL, no backspace."""
    capsys.readouterr()
    line = f"{command} {text}" if command else text
    session = repl.turn(bot, Session(), line, repl._show_plain)
    if then_why:
        repl.turn(bot, session, "/why", repl._show_plain)
    out = capsys.readouterr().out
    assert not DRIVES_TERMINAL.search(out), repr(out)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=anything)
def test_record_messages_show_no_control_character(
    bot: Bot, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    capsys.readouterr()
    name = str(tmp_path / f"chat{text}.yaml").replace("\x00", "")
    session = repl.turn(bot, Session(), f"/record {name}", repl._show_plain)
    session = repl.turn(bot, session, f"/record {name}", repl._show_plain)  # "already"
    repl.turn(bot, session, f"/stop {text}", repl._show_plain)
    out = capsys.readouterr().out
    assert not DRIVES_TERMINAL.search(out), repr(out)


# ---------------------------------------------------------------- the real program


def _env(tmp_path: Path) -> dict[str, str]:
    return terminal_env(tmp_path)


def test_piped_escape_codes_are_not_echoed(tmp_path: Path) -> None:
    """The audit's repro: `printf '/topics \\033]52;c;...\\007\\n' | chatbot` set the
    clipboard."""
    lines = "".join(f"{prefix}{text}\n" for text in NASTY for prefix in ("/topics ", "/", ""))
    done = subprocess.run(
        [sys.executable, "-m", "chatbot", "--no-history"],
        input=lines.encode("utf-8"),
        env=_env(tmp_path),
        capture_output=True,
        timeout=60,
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0
    assert "No topic called" in out and "Unknown command" in out
    assert not DRIVES_TERMINAL.search(out), repr(out)


def test_interactive_chat_does_not_echo_controls(tmp_path: Path) -> None:
    """Typed in the interactive chat: C1 controls, BEL, and an OSC sequence reach the
    messages as visible replacement characters."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "chatbot", "--no-history"],
        env=_env(tmp_path),
        cwd=str(tmp_path),
        encoding="utf-8",
        dimensions=(40, 100),
        timeout=10,
    )
    try:
        child.expect_exact("You:")
        for typed, echo in (
            ("/topics X\u009b31mY\u009d0;pwnedZ", "No topic called"),
            ("/zz\u009b2J", "Unknown command"),
        ):
            child.send(typed + "\r")
            child.expect_exact(echo)
            child.expect_exact("You:")
            shown = child.before
            assert "\u009b" not in shown and "\u009d" not in shown, repr(shown)
            assert "\ufffd" in shown
        child.sendcontrol("d")
        child.expect_exact(pexpect.EOF)
    finally:
        child.close(force=True)


# ---------------------------------------------------------------- check


def test_check_refuses_control_characters_in_knowledge_text(kb: KnowledgeBase) -> None:
    """YAML lets an escape code in through a double-quoted "\\e" or "\\x9b"; it would be
    printed raw in menus and answers."""
    kb.replace(
        "intents.yaml", "title: What is the drug?", 'title: "What is \\e]0;pwned\\a the drug?"'
    )
    kb.replace("documents.yaml", "{id: basics, title: The basics}", '{id: basics, title: "\\x9b"}')
    assert_problems(
        kb.check(),
        1,
        "kb/documents.yaml:9:22: error: control character U+009B in text; remove it",
        "kb/intents.yaml:6:5: error: control character U+001B in text; remove it",
    )


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase(tmp_path)


def test_check_refuses_negative_context_turns(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "context_turns: 3", "context_turns: -5")
    assert_problems(
        kb.check(), 1, "kb/settings.yaml:18:3: error: 'context_turns' must be 0 or more"
    )


# ---------------------------------------------------------------- JSON


def test_json_escapes_every_control_and_line_separator() -> None:
    text = json_text({"q": "a\x1b\x7f\x85\u2028\u2029\x9b\udcff\n", "n": 1})
    assert text.isascii() or not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", text)
    assert len(text.splitlines()) == 1
    assert json.loads(text) == {"q": "a\x1b\x7f\x85\u2028\u2029\x9b\ufffd\n", "n": 1}


@pytest.mark.parametrize("locale", ["C.UTF-8", "C", "en_US.UTF-8"])
def test_ask_json_with_bytes_that_are_not_utf8(tmp_path: Path, locale: str) -> None:
    """`chatbot ask --json "what is xofigo \\xff\\xfe"` crashed (surrogates not allowed)
    or wrote the raw bytes."""
    env = _env(tmp_path) | {"LC_ALL": locale, "LANG": locale}
    question = b"what is xofigo \xff\xfe \x1b]0;t\x07 \xc2\x85 \xe2\x80\xa8 \x7f"
    done = subprocess.run(
        [sys.executable, "-m", "chatbot", "ask", "--json", question],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")  # valid UTF-8, or this raises
    lines = out.splitlines()  # str.splitlines splits at U+0085 and U+2028 too
    assert len(lines) == 1, lines
    answer = json.loads(lines[0])
    assert answer["intent"] == "xofigo_what_is"
    assert answer["question"].startswith("what is xofigo \ufffd\ufffd \x1b]0;t\x07")
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", out.rstrip("\n"))


# ---------------------------------------------------------------- the same bytes everywhere


def _questions() -> str:
    lines = []
    for path in sorted((ROOT / "tests" / "eval").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            lines.append(" ".join(str(item["q"]).split()))
    return "\n".join(lines) + "\n"


def test_ask_json_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    """Each question set of the project, asked as one conversation, under three hash seeds,
    with and without the cache: 'is there government info on prostate cancer' scored 89.0
    under one seed and 87.6 under another (a float sum over a set). The last two share
    the cache: the copy built under one seed is read under another."""
    questions = _questions()
    outputs = {}
    for no_cache, seed in (("1", "0"), ("0", "1234"), ("0", "42")):
        env = _env(tmp_path) | {
            "PYTHONHASHSEED": seed,
            "CHATBOT_NO_CACHE": no_cache,
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
        }
        done = subprocess.run(
            [sys.executable, "-m", "chatbot", "ask", "--json"],
            input=questions.encode("utf-8"),
            env=env,
            capture_output=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        outputs[(no_cache, seed)] = done.stdout
    assert (tmp_path / "cache" / "chatbot").is_dir()  # the runs with the cache used it
    first = outputs[("1", "0")]
    assert first.count(b"\n") == questions.count("\n")
    for key, out in outputs.items():
        assert out == first, f"{key} differs from no cache, seed 0"


# ---------------------------------------------------------------- recordings


@pytest.mark.parametrize("odd", ["\x7f", "\x9b", "\ufffe", "\x85", "\u2028", "\x00", "\t"])
def test_a_recorded_question_with_any_character_replays(bot: Bot, odd: str) -> None:
    """A question holding DEL, a C1 control or U+FFFE was recorded raw, and `replay`
    refused the file (exit 2)."""
    from chatbot.dialogue import Context, respond
    from chatbot.transcript import parse_transcript, replay
    from chatbot.yamlsource import YamlFile, parse_yaml

    said = f"what is{odd} xofigo {odd}"
    response, _ = respond(bot, Context(), said)
    text = dump_transcript("odd", [(said, response)])
    file = parse_yaml("odd.yaml", text.encode("utf-8"))
    assert isinstance(file, YamlFile), file
    transcript = parse_transcript(file, {i.id for i in bot.knowledge.intents})
    assert transcript.turns[0].user == said
    assert replay(bot, transcript).passed
