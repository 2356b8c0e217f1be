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

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

ENV_NO_CACHE = "CHATBOT_NO_CACHE"
PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get(ENV_NO_CACHE, "") in ("", "0")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chatbot"


def fingerprint(knowledge_files: list[Path]) -> str:
    """Changes whenever a knowledge file or the package's code changes."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for path in sorted(knowledge_files) + sorted(PACKAGE.glob("*.py")):
        stat = path.stat()
        digest.update(f"{path.resolve()} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def load(key: str) -> Bot | None:
    """The cached bot for `key`, or None when there is none or it cannot be read."""
    path = cache_dir() / f"bot-{key}.pickle"
    try:
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
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for old in folder.glob("bot-*.pickle"):
            old.unlink(missing_ok=True)
        temporary = folder / f".bot-{key}.{os.getpid()}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            pickle.dump(bot, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"bot-{key}.pickle")
    except OSError:
        return
