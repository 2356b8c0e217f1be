"""The one-shot command line as a user meets it: `chatbot ask` and `--help`."""

from __future__ import annotations

import os
import subprocess
import sys

import pexpect  # type: ignore[import-untyped]
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
