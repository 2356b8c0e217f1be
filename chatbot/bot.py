"""The bot: the knowledge with its matcher, red-flag reader and ask words, built once at
start and then only read."""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.compound import QUESTION_STARTS
from chatbot.knowledge import Knowledge
from chatbot.matcher import Matcher
from chatbot.safety import SafetyReader


@dataclass(frozen=True)
class Bot:
    """The knowledge with its matcher and red-flag detector, built once at start."""

    knowledge: Knowledge
    matcher: Matcher
    safety: SafetyReader
    asks: tuple[tuple[str, frozenset[str]], ...] = ()
    """(aspect, the words of one way of putting it), as the matcher reads them."""
    said_asks: tuple[tuple[str, str], ...] = ()
    """(aspect, a way of putting it that must be said as it is written): "who can", whose
    one word "who" alone asks nothing ("men who had provenge")."""

    @classmethod
    def build(cls, knowledge: Knowledge) -> Bot:
        matcher = Matcher(knowledge)
        safety = SafetyReader.build(
            knowledge.red_flags, knowledge.safety_cues, knowledge.safety_words, matcher.known_words
        )
        asks: list[tuple[str, frozenset[str]]] = []
        said: list[tuple[str, str]] = []
        for aspect in knowledge.aspects:
            for phrase in aspect.asks:
                read = matcher.analyze(phrase, correct=False)
                if set(read.content) <= QUESTION_STARTS:
                    said.append((aspect.id, f" {read.canonical} "))
                else:
                    asks.append((aspect.id, frozenset(read.content)))
        return cls(knowledge, matcher, safety, tuple(asks), tuple(said))

    def aspects_asked(self, content: tuple[str, ...], canonical: str = "") -> tuple[str, ...]:
        """The aspects whose ask words a question's content words hold (or, for a way of
        asking made of question words, whose `canonical` text says it), in the order of
        the knowledge base."""
        words = set(content)
        found = [a for a, needed in self.asks if needed <= words]
        found += [a for a, phrase in self.said_asks if phrase in f" {canonical} "]
        order = {a.id: n for n, a in enumerate(self.knowledge.aspects)}
        return tuple(sorted(dict.fromkeys(found), key=order.__getitem__))
