"""A compiled copy of the bot, so that it starts without re-reading and re-checking YAML.

The copy is keyed by the knowledge files' and the package's paths, sizes and times, kept
in `$XDG_CACHE_HOME/chatbot/` (readable by the user alone), and never holds anything the
user typed. `CHATBOT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot import __version__
from chatbot.userfiles import (
    owned_privately,
    private_dir,
    private_status,
    switched_off,
    write_private,
    xdg_dir,
)

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

ENV_NO_CACHE = "CHATBOT_NO_CACHE"
PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return not switched_off(os.environ, ENV_NO_CACHE)


def cache_dir() -> Path:
    return xdg_dir(os.environ, "XDG_CACHE_HOME", ".cache", Path.home())


def fingerprint(knowledge_files: list[Path]) -> str:
    """Changes whenever a knowledge file or the package's code changes: the paths, sizes
    and modification times of both, with the versions. (A description, not a hash: the
    cached copy holds it and is used only when it matches exactly.)"""
    lines = [f"{__version__} {sys.version}"]
    for path in sorted(knowledge_files) + sorted(PACKAGE.glob("*.py")):
        info = path.stat()
        lines.append(f"{path.resolve()} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(lines)


def _file(description: str) -> Path:
    return cache_dir() / f"bot-{zlib.crc32(description.encode()):08x}.pickle"


def load(description: str) -> Bot | None:
    """The cached bot for `description`, or None when there is none or it is not current."""
    try:
        path = _file(description)
        # Unpickling runs code: only a copy this user made, in a folder only they can
        # change, is trusted. Opened without waiting (a FIFO planted there would hang)
        # and without following a link, then checked to be a regular file.
        if not owned_privately(path.parent):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(fd)
            if not (stat.S_ISREG(info.st_mode) and private_status(info)):
                return None
            described, bot = pickle.load(stream)
    except Exception:  # a missing, partial or stale copy is simply rebuilt
        return None
    from chatbot.dialogue import Bot

    return bot if described == description and isinstance(bot, Bot) else None


def store(description: str, bot: Bot) -> None:
    """Keep `bot` for next time; quietly does nothing if the folder is not writable."""
    try:
        folder = cache_dir()
        private_dir(folder)
        for old in folder.glob("bot-*.pickle"):
            old.unlink(missing_ok=True)
        data = pickle.dumps((description, bot), protocol=pickle.HIGHEST_PROTOCOL)
        write_private(_file(description), data)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return
