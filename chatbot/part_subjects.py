"""Which treatments each part of a message asks about: those it names, or those of the
part nearest it; "it" beside a treatment named only after "after" or "with" is the one
asked about before."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatbot.matcher import Analysis


def _nearest(named: list[list[str]], at: int) -> list[str]:
    """The treatments of the nearest part before `at` that names one, else after it."""
    for index in [*range(at - 1, -1, -1), *range(at + 1, len(named))]:
        if named[index]:
            return named[index]
    return []


_POINTER = re.compile(r"\b(?:it|that one|this one)\b")
_OBJECT = r"\b(?:after|before|with|than|following|besides|instead of) (?:the |his |my )?"


def part_subjects(named: list[list[str]], analyses: list[Analysis]) -> list[list[str]]:
    """The treatments each part asks about: those it names; else those of the nearest
    part that names one. A part that says "it" and names a treatment only after "after",
    "with" or the like asks about the one before: in "what is radium 223, can i have it
    after provenge, and can i have it with chemo", "it" is Xofigo, twice."""
    subjects: list[list[str]] = []
    for at, (own, analysis) in enumerate(zip(named, analyses, strict=True)):
        text = analysis.canonical
        objects = bool(own) and all(re.search(_OBJECT + re.escape(t) + r"\b", text) for t in own)
        if objects and _POINTER.search(text) and subjects and subjects[-1]:
            subjects.append([t for t in subjects[-1] if t not in own])
        elif own:
            subjects.append(own)
        else:
            subjects.append(_nearest(subjects + named[at:], at))
    return subjects
