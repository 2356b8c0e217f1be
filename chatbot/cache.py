"""A compiled copy of the bot, so that it starts without re-reading and re-checking YAML.

The copy is keyed by the knowledge files' and the package's paths, sizes and times, kept
in `$XDG_CACHE_HOME/chatbot/` (readable by the user alone), and never holds anything the
user typed. `CHATBOT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot import __version__
from chatbot.userfiles import owned_privately, private_dir, switched_off, write_private, xdg_dir

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

ENV_NO_CACHE = "CHATBOT_NO_CACHE"
PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return not switched_off(os.environ, ENV_NO_CACHE)


def cache_dir() -> Path:
    return xdg_dir(os.environ, "XDG_CACHE_HOME", ".cache", Path.home())


def fingerprint(knowledge_files: list[Path]) -> str:
    """Changes whenever a knowledge file or the package's code changes."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for path in sorted(knowledge_files) + sorted(PACKAGE.glob("*.py")):
        info = path.stat()
        digest.update(f"{path.resolve()} {info.st_size} {info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def load(key: str) -> Bot | None:
    """The cached bot for `key`, or None when there is none or it cannot be read."""
    path = cache_dir() / f"bot-{key}.pickle"
    try:
        # Unpickling runs code: only a copy this user made, in a folder only they can
        # change, is trusted.
        if not (owned_privately(path.parent) and owned_privately(path)):
            return None
        with path.open("rb") as stream:
            bot = pickle.load(stream)
    except Exception:  # a missing, partial or stale copy is simply rebuilt
        return None
    from chatbot.dialogue import Bot

    return bot if isinstance(bot, Bot) else None


def store(key: str, bot: Bot) -> None:
    """Keep `bot` for next time; quietly does nothing if the folder is not writable."""
    folder = cache_dir()
    try:
        private_dir(folder)
        for old in folder.glob("bot-*.pickle"):
            old.unlink(missing_ok=True)
        data = pickle.dumps(bot, protocol=pickle.HIGHEST_PROTOCOL)
        write_private(folder / f"bot-{key}.pickle", data)
    except OSError:
        return
