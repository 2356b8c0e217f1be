"""Red-flag detection: urgent symptoms are found before any matching and cannot be outscored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.knowledge import RedFlag


@dataclass(frozen=True)
class RedFlagDetector:
    flags: tuple[tuple[RedFlag, tuple[re.Pattern[str], ...]], ...]

    @classmethod
    def build(cls, red_flags: tuple[RedFlag, ...]) -> RedFlagDetector:
        return cls(tuple((f, tuple(re.compile(p) for p in f.patterns)) for f in red_flags))

    def detect(self, normalized: str) -> RedFlag | None:
        """The first red flag whose pattern occurs in the normalised text, if any."""
        for flag, patterns in self.flags:
            if any(p.search(normalized) for p in patterns):
                return flag
        return None
