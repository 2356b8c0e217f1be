"""Reading the knowledge files from disk: the I/O shell around `validate`."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot import cache
from chatbot.errors import KnowledgeError

if TYPE_CHECKING:
    from chatbot.dialogue import Bot
    from chatbot.knowledge import Knowledge
    from chatbot.yamlsource import Problem, Severity, YamlFile

ENV_INTENTS = "CHATBOT_INTENTS"


def default_intents_dir() -> Path:
    """`$CHATBOT_INTENTS`; else the copy an installed package carries (`chatbot/intents/`);
    else, in a clone of the repository, the `intents/` folder beside the package."""
    configured = os.environ.get(ENV_INTENTS)
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parent
    installed = package / "intents"
    return installed if installed.is_dir() else package.parent / "intents"


Skipped = list[tuple[Path, "Severity", str]]
"""What a folder held that looked like a YAML file but is not one, how bad that is, and why."""


def yaml_paths(paths: list[Path], skipped: Skipped | None = None) -> list[Path]:
    """The YAML files named, or found inside the folders named, in a stable order.

    In a folder, names starting with a dot (editors' lock and swap files) are passed
    over. A broken link, a pipe or device and a subfolder that cannot be read are not
    read, and each is added to `skipped` as an error; a folder named `*.yaml` (whose
    files are read) as a warning.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += _yaml_in(path, skipped if skipped is not None else [])
        elif path.exists():
            found.append(path)
        elif os.path.islink(path):
            raise KnowledgeError(f"{path}: a broken link; it leads to no file")
        else:
            raise KnowledgeError(f"{path}: no such file or folder")
    return found


def _yaml_in(folder: Path, skipped: Skipped) -> list[Path]:
    found: list[Path] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename or folder)
        skipped.append((where, "error", f"cannot read the folder: {err.strerror}"))

    for top, folders, names in os.walk(folder, onerror=unreadable):
        for name in [*folders, *names]:
            path = Path(top, name)
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            if path.is_file():
                found.append(path)
            elif path.is_dir():
                skipped.append((path, "warning", "a folder named like a file; its files are read"))
            elif os.path.islink(path) and not path.exists():
                skipped.append((path, "error", "a broken link; not read"))
            else:
                skipped.append((path, "error", "not a regular file (a pipe or a device); not read"))
    return sorted(found)


class FileTooLarge(OSError):
    """A file over the size limit; `size` is its size in bytes."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(errno.EFBIG, f"file is {size / 1024 / 1024:.1f} MB", str(path))
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes.

    The size is checked before reading (`/dev/zero` would never end) and opening never
    waits (a FIFO named `x.yaml` would hang until someone wrote to it): anything but a
    regular file raises an OSError naming `path`.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe or a device)", str(path))
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size)
        return stream.read(limit + 1)


def display_name(path: Path) -> str:
    """The path as the user will find it: relative to the current folder when inside it,
    and by its own name when it is a link."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_files(paths: list[Path]) -> tuple[list[YamlFile], list[Problem]]:
    from chatbot.yamlsource import MAX_FILE_BYTES, Problem, YamlFile, parse_yaml, too_large

    files: list[YamlFile] = []
    skipped: Skipped = []
    found = yaml_paths(paths, skipped)
    problems = [Problem(display_name(p), 1, 1, severity, why) for p, severity, why in skipped]
    for path in found:
        try:
            content = read_regular(path, MAX_FILE_BYTES)
        except FileTooLarge as err:
            problems.append(too_large(display_name(path), err.size))
            continue
        except OSError as err:
            problems.append(
                Problem(display_name(path), 1, 1, "error", f"cannot read: {err.strerror}")
            )
            continue
        parsed = parse_yaml(display_name(path), content)
        if isinstance(parsed, YamlFile):
            files.append(parsed)
        else:
            problems.append(parsed)
    return files, problems


def check(paths: list[Path], *, review: bool = True) -> tuple[list[YamlFile], list[Problem]]:
    """Every problem of the knowledge files at `paths`."""
    from chatbot.validate import validate
    from chatbot.yamlsource import Problem

    files, problems = read_files(paths)
    problems += validate(files, complete=not problems, review=review)
    if not files and not problems:
        shown = " ".join(str(p) for p in paths)
        problems.append(Problem(shown, 1, 1, "error", "no YAML files found"))
    return files, sorted(problems, key=lambda p: (p.file, p.line, p.col))


def load_knowledge(directory: Path | None = None) -> Knowledge:
    """The knowledge in `directory`; raises KnowledgeError naming the first error."""
    from chatbot.validate import build_knowledge

    directory = directory or default_intents_dir()
    if not directory.is_dir():
        raise KnowledgeError(
            f"{directory}: knowledge folder not found; pass --intents DIR or set {ENV_INTENTS}"
        )
    files, problems = check([directory], review=False)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        more = f" (and {len(errors) - 1} more; run 'chatbot check')" if len(errors) > 1 else ""
        raise KnowledgeError(f"{errors[0]}{more}")
    return build_knowledge(files)


def load_bot(directory: Path | None = None) -> Bot:
    """The bot for the knowledge in `directory`, from the cache when it is current."""
    from chatbot.dialogue import Bot

    directory = directory or default_intents_dir()
    key = ""
    if cache.enabled() and directory.is_dir():
        key = cache.fingerprint(yaml_paths([directory]))
        cached = cache.load(key)
        if cached is not None:
            return cached
    bot = Bot.build(load_knowledge(directory))
    if key:
        cache.store(key, bot)
    return bot
