"""Reading the knowledge files from disk: the I/O shell around `validate`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot import cache
from chatbot.errors import KnowledgeError

if TYPE_CHECKING:
    from chatbot.dialogue import Bot
    from chatbot.knowledge import Knowledge
    from chatbot.yamlsource import Problem, YamlFile

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


def yaml_paths(paths: list[Path]) -> list[Path]:
    """The YAML files named, or found inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
            )  # editors' lock and swap files start with a dot, and may be broken links
        elif path.exists():
            found.append(path)
        else:
            raise KnowledgeError(f"{path}: no such file or folder")
    return found


def display_name(path: Path) -> str:
    """The path as the user will find it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_files(paths: list[Path]) -> tuple[list[YamlFile], list[Problem]]:
    from chatbot.yamlsource import Problem, YamlFile, parse_yaml

    files: list[YamlFile] = []
    problems: list[Problem] = []
    for path in yaml_paths(paths):
        try:
            content = path.read_bytes()
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
