"""Red-flag detection: urgent symptoms are found before any matching and cannot be outscored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.knowledge import RedFlag


@dataclass(frozen=True)
class RedFlagDetector:
    """Each flag's patterns joined into one expression: one scan of the text per flag."""

    flags: tuple[tuple[RedFlag, re.Pattern[str]], ...]
    guarded: tuple[tuple[RedFlag, re.Pattern[str]], ...]
    """The patterns with an exception ("(?!"): "chest pain" but not "chest pain years ago"."""

    @classmethod
    def build(cls, red_flags: tuple[RedFlag, ...]) -> RedFlagDetector:
        def joined(patterns: list[str]) -> re.Pattern[str]:
            return re.compile("|".join(f"(?:{p})" for p in patterns))

        guarded = [(f, [p for p in f.patterns if "(?!" in p]) for f in red_flags]
        return cls(
            tuple((f, joined(list(f.patterns))) for f in red_flags),
            tuple((f, joined(ps)) for f, ps in guarded if ps),
        )

    def detect(self, normalized: str, clauses: str = "") -> RedFlag | None:
        """The first red flag whose pattern occurs in the normalised text, if any.
        `clauses` is the same text with its clauses kept apart by " | ": there, an
        exception reaches only within its clause ("he has chest pain, two years ago he had
        a bypass" is urgent; "he had chest pain two years ago" is not)."""
        for flag, pattern in self.flags:
            if pattern.search(normalized):
                return flag
        if clauses:
            for flag, pattern in self.guarded:
                if pattern.search(clauses):
                    return flag
        return None
