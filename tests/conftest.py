"""Every test runs with its own XDG folders: no test reads or writes the developer's
history, cache or state, and subprocesses inherit the same folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_xdg_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("xdg")
    for variable, folder in (
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        path: Path = home / folder
        path.mkdir()
        monkeypatch.setenv(variable, str(path))


ROOT = Path(__file__).resolve().parent.parent


def run_chatbot(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m chatbot ARGS` as a user would run it from `cwd`: the package importable,
    no colour, and the shipped knowledge unless the arguments say otherwise."""
    env = {k: v for k, v in os.environ.items() if k != "CHATBOT_INTENTS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "chatbot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def terminal_env(tmp_path: Path, *, drop: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    """The environment of a chat run as a program: a 100x40 terminal without colour, a
    home of its own, this checkout on the path, and the knowledge base it ships with."""
    env = {k: v for k, v in os.environ.items() if k not in ("CHATBOT_INTENTS", *drop)}
    env.update(
        COLUMNS="100",
        LINES="40",
        NO_COLOR="1",
        TERM="xterm",
        PROMPT_TOOLKIT_NO_CPR="1",
        HOME=str(tmp_path / "home"),
        PYTHONPATH=str(ROOT),
    )
    return env | extra
