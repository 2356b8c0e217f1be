"""Safe YAML parsing that remembers where every value stands in its file.

Pure: takes the bytes of a file, returns its data with line and column marks, or the
problems that stop it from being read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One finding of the validator, printed as `file:line:col: severity: message`."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML file: its data and the (line, col) of every key and item, 1-based."""

    name: str
    data: Any
    marks: dict[Path, tuple[int, int]]
    duplicate_keys: tuple[tuple[str, int, int], ...] = ()
    shared: frozenset[Path] = frozenset()
    """The paths of values that appear more than once, through a YAML anchor and alias."""

    def where(self, path: Path) -> tuple[int, int]:
        """The position of `path`, or of its nearest enclosing value that has one."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path, severity: Severity, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.name, line, col, severity, message)


def parse_yaml(name: str, content: bytes) -> YamlFile | Problem:
    """Parse `content` safely; any tag that would build a Python object is refused."""
    if len(content) > MAX_FILE_BYTES:
        return too_large(name, len(content))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as err:
        line = content[: err.start].count(b"\n") + 1
        col = err.start - (content.rfind(b"\n", 0, err.start) + 1) + 1
        return Problem(name, line, col, "error", "file is not valid UTF-8; save it as UTF-8")
    loader: yaml.SafeLoader | None = None
    fast = getattr(yaml, "CSafeLoader", None)
    try:
        parsed = None
        if fast is not None:
            try:
                parsed = _load(fast(text))
            except Exception:
                parsed = None
        if parsed is None:
            loader = yaml.SafeLoader(text)
            parsed = _load(loader)
        node, data = parsed
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = err.problem or "invalid YAML"
        tag = re.search(r"'((?:tag:|!)[^']*)'", reason)
        if isinstance(err, yaml.constructor.ConstructorError) and tag:
            shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            reason = f"tag {shown} is not allowed; write plain values only"
        return Problem(name, line, col, "error", f"YAML syntax: {reason}")
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        reason = f"special character U+{err.character:04X} is not allowed"
        return Problem(name, line, col, "error", f"YAML syntax: {reason}")
    except yaml.YAMLError as err:
        return Problem(name, 1, 1, "error", f"YAML syntax: {err}")
    except RecursionError:
        return Problem(name, 1, 1, "error", "YAML is nested too deeply")
    except Exception as err:  # PyYAML cannot build a value: 2020-13-45, 5000 digits, !!int ""
        building = list(loader.recursive_objects) if loader else []
        mark = building[-1].start_mark if building else None  # the value that failed
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = f"a value cannot be read ({type(err).__name__}: {err})"
        return Problem(name, line, col, "error", f"YAML syntax: {reason}")
    marks: dict[Path, tuple[int, int]] = {}
    duplicates: list[tuple[str, int, int]] = []
    shared: set[Path] = set()
    if node is not None:
        _walk(node, marks, duplicates, shared)
    return YamlFile(name, data, marks, tuple(duplicates), frozenset(shared))


def too_large(name: str, size: int) -> Problem:
    """The problem of a file of `size` bytes, over the limit."""
    return Problem(name, 1, 1, "error", f"file is {size / 1024 / 1024:.1f} MB; the limit is 5 MB")


def _load(loader: Any) -> tuple[yaml.Node | None, Any]:
    """libyaml's loader is fast; the pure-Python one words its errors better."""
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _walk(
    root: yaml.Node,
    marks: dict[Path, tuple[int, int]],
    duplicates: list[tuple[str, int, int]],
    shared: set[Path],
) -> None:
    """Record the position of every key and item, without recursion (nesting can be deep),
    and the paths of every value reached twice (an anchor and its aliases)."""
    visited: dict[int, Path] = {}
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in visited:  # an alias: walked once already (and it may contain itself)
            shared.update((path, visited[id(node)]))
            continue
        visited[id(node)] = path
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in seen:
                    duplicates.append((key, *where))
                seen.add(key)
                marks[(*path, key)] = where
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
