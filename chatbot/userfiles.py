"""The files the chatbot keeps for its user: where they live, and how they are kept.

Every one is readable by the user alone (folders 0700, files 0600), and each kind can be
turned off by an environment variable. Relative XDG paths are ignored, as the XDG Base
Directory specification asks.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

APP = "chatbot"


def switched_off(env: Mapping[str, str], variable: str) -> bool:
    """Whether `variable` asks to turn something off ("1", "yes", "true", anything but
    empty, "0", "false" or "no")."""
    return env.get(variable, "").strip().lower() not in ("", "0", "false", "no")


def xdg_dir(env: Mapping[str, str], variable: str, fallback: str, home: Path) -> Path:
    """`$variable/chatbot`, or `~/<fallback>/chatbot` when it is unset or relative."""
    value = env.get(variable, "")
    base = Path(value) if value and Path(value).is_absolute() else home / fallback
    return base / APP


def private_dir(path: Path) -> None:
    """Make the folder (and its parents) and keep it for its owner alone."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode does not apply to a folder that already existed


def owned_privately(path: Path) -> bool:
    """Whether `path` belongs to this user and nobody else can change it."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def create_private_file(path: Path) -> None:
    """Make `path` (folder 0700, file 0600) before anything writes to it."""
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def write_private(path: Path, content: str | bytes) -> None:
    """Write `content` to `path`, readable by its owner only (mode 0600).

    The new text goes to a temporary file that replaces the old one when complete, so a
    crash or a full disk never leaves half a file.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as stream:
            os.chmod(temporary, 0o600)  # O_CREAT's mode applies only to a new file
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
