"""Reading level of plain English text: the Flesch-Kincaid grade, computed here."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n\s*[-*\u2022]")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    """Estimate the syllables of one English word (at least one)."""
    w = word.lower().strip("'-")
    if not w:
        return 0
    if w.isdigit():
        return max(1, len(w))
    total = 0
    for part in w.split("-"):
        groups = len(_VOWEL_GROUP.findall(part))
        if part.endswith("e") and not part.endswith(("le", "ee", "ye")) and groups > 1:
            groups -= 1
        if (
            part.endswith("es")
            and not part.endswith(("ses", "zes", "ces", "ges", "xes"))
            and groups > 1
        ):
            groups -= 1
        total += max(1, groups)
    return total


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    pieces = [p for p in _SENTENCE_END.split(text) if _WORD.search(p)]
    return max(1, len(pieces))


def flesch_kincaid_grade(text: str) -> float:
    """The US school grade needed to read `text`; 0.0 for text without words."""
    found = words(text)
    if not found:
        return 0.0
    syllables = sum(count_syllables(w) for w in found)
    grade = 0.39 * len(found) / sentence_count(text) + 11.8 * syllables / len(found) - 15.59
    return round(grade, 1)
