"""The chat's history file, which never breaks the chat.

prompt_toolkit's `FileHistory` raises from inside its event loop when the file cannot be
written (a full disk, a folder made read-only): the line typed is lost and a traceback
shown. `PrivateHistory` keeps the session's lines in memory from the first failure on,
and says so once. Imported only by the interactive chat, which has prompt_toolkit loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from prompt_toolkit.history import FileHistory


def memory_only_notice(path: Path, err: OSError) -> str:
    """The one line that says history is no longer written to `path`, and why."""
    reason = err.strerror or str(err)
    return f"History is kept in memory only from now on: cannot write {path} ({reason})."


class PrivateHistory(FileHistory):
    """A history file that falls back to memory, with one notice, when it cannot be used."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path
        self.failed = False
        self._notice: str | None = None

    def load_history_strings(self) -> Iterable[str]:
        try:
            return list(super().load_history_strings())
        except OSError as err:
            self._fail(err)
            return []

    def store_string(self, string: str) -> None:
        if self.failed:
            return  # the line is still in memory: `append_string` keeps it there
        try:
            super().store_string(string)
        except OSError as err:
            self._fail(err)

    def _fail(self, err: OSError) -> None:
        self.failed = True
        self._notice = memory_only_notice(self.path, err)

    def take_notice(self) -> str | None:
        """The notice of a failure, the first time it is asked for; None otherwise."""
        notice, self._notice = self._notice, None
        return notice
