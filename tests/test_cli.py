"""The one-shot command line as a user meets it: `chatbot ask` and `--help`."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pexpect  # type: ignore[import-untyped]
import pytest
from conftest import ROOT, run_chatbot


def test_a_one_shot_answer_lists_follow_ups_to_ask_in_words() -> None:
    """Nothing can be typed after `chatbot ask "..."`: no "type a number"."""
    done = run_chatbot("ask", "side efects of xofgio?")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "About: Xofigo (radium-223): side effects" in out
    assert "You could also ask:" in out
    assert "  - Can Xofigo be given with chemotherapy?" in out
    assert "number" not in out.lower()


def test_a_one_shot_clarify_lists_the_questions_to_ask_again() -> None:
    done = run_chatbot("ask", "side effects")
    assert "I'm not sure which of these you mean." in done.stdout
    assert "Ask one of these:\n  - What are the side effects of" in done.stdout
    assert "number" not in done.stdout.lower()


def test_questions_read_from_stdin_are_a_conversation_where_numbers_pick() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CHATBOT_INTENTS"}
    env.update(PYTHONPATH=str(ROOT), NO_COLOR="1")
    child = pexpect.spawn(
        sys.executable, ["-m", "chatbot", "ask"], env=env, encoding="utf-8", timeout=10
    )
    child.expect_exact("Type a question and press Enter")  # not a silent wait
    child.sendline("side effects")
    child.expect_exact("Type a number to choose:")
    child.expect_exact("2. What are the side effects of Xofigo?")
    child.sendline("2")
    child.expect_exact("About: Xofigo (radium-223): side effects")
    child.sendeof()
    child.expect_exact(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_piped_questions_get_no_terminal_hint() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CHATBOT_INTENTS"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "chatbot", "ask"],
        input="what is xofigo\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert "About: Xofigo" in done.stdout


def test_help_names_the_environment_the_files_it_writes_and_examples() -> None:
    done = run_chatbot("--help")
    assert done.returncode == 0
    out = done.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # every variable the README documents, and the files it says the bot writes
    for variable in sorted(set(re.findall(r"\b(CHATBOT_[A-Z_]+|NO_COLOR|TERM=dumb)", readme))):
        assert variable in out, variable
    for needed in ("XDG_STATE_HOME/chatbot/history", "XDG_CACHE_HOME/chatbot/", "examples:"):
        assert needed in out
    assert 'chatbot ask "side effects of xofigo?"' in out


@pytest.mark.parametrize("command", ["chat", "ask", "check", "export", "eval", "replay"])
def test_each_subcommand_help_says_what_it_does(command: str) -> None:
    done = run_chatbot(command, "--help")
    assert done.returncode == 0
    _, _, rest = done.stdout.partition("\n\n")
    description = rest.split("\n\n")[0]
    assert not description.startswith(("positional arguments", "options")), done.stdout
    assert len(description.split()) >= 6
