"""The files the chatbot keeps for its user: where they live, and how they are kept.

Every one is readable by the user alone (folders 0700, files 0600), and each kind can be
turned off by an environment variable. Relative XDG paths are ignored, as the XDG Base
Directory specification asks.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
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
    """Make the folder (and its missing parents) and keep it for its owner alone."""
    make_folders(path)
    os.chmod(path, 0o700)  # mkdir's mode does not apply to a folder that already existed


def make_folders(path: Path) -> None:
    """Make the folder and every missing parent 0700, whatever the umask; folders that
    exist keep their mode. (`mkdir -p`, like `Path.mkdir(parents=True)`, would make the
    parents with the umask's mode: 0777 under umask 000.)"""
    missing = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:  # made by someone else meanwhile: theirs to keep
            continue
        os.chmod(folder, 0o700)  # a umask such as 0o300 narrows even mkdir's mode


def owned_privately(path: Path) -> bool:
    """Whether `path` belongs to this user and nobody else can change it."""
    return private_status(path.stat())


def private_status(info: os.stat_result) -> bool:
    """Whether a file of this status belongs to this user and nobody else can change it."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def followed(path: Path) -> Path:
    """`path`, or where it leads when it is a symbolic link that may be followed.

    A link is followed only when this user made it, or when root made it in a folder of
    root's (`/dev/stdout`); one that another user planted raises an OSError naming `path`,
    so that nothing is written through it.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return path
    if not stat.S_ISLNK(info.st_mode):
        return path
    mine = info.st_uid == os.getuid()
    system = info.st_uid == 0 and path.absolute().parent.lstat().st_uid == 0
    if not (mine or system):
        reason = "a link made by another user; not followed"
        raise OSError(errno.EPERM, reason, str(path))
    return path.resolve()


def create_private_file(path: Path) -> Path:
    """Make `path` (folder 0700, file 0600) before anything writes to it; returns the
    file to write, which is where `path` leads when it is a link this user made."""
    private_dir(path.parent)
    target = followed(path)
    flags = os.O_CREAT | os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK
    fd = os.open(target, flags, 0o600)  # O_NONBLOCK: a FIFO there fails, never waits
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return target


def write_private(path: Path, content: str | bytes) -> None:
    """Write `content` to `path`, readable by its owner only (mode 0600).

    The new text goes to a new temporary file (made with O_EXCL and O_NOFOLLOW, so a
    link planted at its name is never followed) that replaces the old file when
    complete, so a crash or a full disk never leaves half a file. A device or a pipe
    (`/dev/null`, `/dev/stdout`, a FIFO) is written into, never replaced. A link is
    followed only as `followed` allows. Errors name `path` as the user gave it.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        target = followed(path)
        try:
            mode = target.stat().st_mode
        except FileNotFoundError:
            mode = stat.S_IFREG
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            with open(target, "wb") as stream:
                stream.write(data)
            return
        folder, name = target.parent, f".{target.name}."
        fd, temporary = tempfile.mkstemp(prefix=name, suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as err:
        if err.filename == str(path):
            raise
        raise OSError(err.errno, err.strerror or str(err), str(path)) from err
