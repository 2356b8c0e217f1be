"""Which treatments each part of a message asks about: those it names, or those of the
part nearest it; "it" beside a treatment named only after "after" or "with" is the one
asked about before; a part that names a treatment and nothing else asks the
question of the part before again."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chatbot.matcher import Candidate
from chatbot.normalize import normalize
from chatbot.replies import intent_of, primary_topic

if TYPE_CHECKING:
    from chatbot.dialogue import Bot
    from chatbot.matcher import Analysis
    from chatbot.message_parts import Ask


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


_ELLIPSIS_OPENS = frozenset("of for can could does do is will would about".split())
_PARTNER_OPENS = frozenset("with after before alongside plus besides".split())
"""First words of a part that asks the last part's question again of another treatment,
the rest left unsaid: "(and) of provenge?", "(and) can provenge?". Not "with": "(and) with
provenge?" names a partner of the treatment asked about, not another one to ask about."""


def same_ask(
    bot: Bot, parts: list[Ask], at: int, named: list[list[str]], picks: list[Candidate]
) -> Candidate | None:
    """The answer to the question of the part before, asked again of the treatment a part
    names and nothing else, in a sentence of its own or opening with a word that leaves
    the question unsaid ("side effects of xofigo? and of provenge?", "can xofigo be given
    with chemo? and can provenge?"). Not "can i take xofigo and provenge", one question."""
    own = frozenset(named[at])
    if not picks or at == 0 or not own or own == frozenset(named[at - 1]):
        return None
    first = normalize(parts[at].text).split()[:1]
    if set(first) & _PARTNER_OPENS:
        return None  # "can xofigo be given with chemo? and with provenge?": a partner
    if parts[at].sentence == parts[at - 1].sentence and not set(first) & _ELLIPSIS_OPENS:
        return None
    k = bot.knowledge
    aspect = k.intent(picks[-1].intent).aspect
    topic = primary_topic(bot, own)
    cell = intent_of(bot, topic.id, aspect) if topic is not None and aspect else None
    return Candidate(cell.id, picks[-1].score, "", 1.0) if cell is not None else None
