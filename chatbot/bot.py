"""The bot: the knowledge with its matcher, red-flag reader and ask words, built once at
start and then only read."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from chatbot.comparison import EACH_OF_TWO, OR_BOTH
from chatbot.knowledge import Knowledge
from chatbot.matcher import Matcher
from chatbot.normalize import QUESTION_STARTS, stem
from chatbot.replies import ORDER_ASKS
from chatbot.safety import SafetyReader

_BOTH = frozenset(("both",))
"""The ask word of combining that, before two treatments, says each of them."""
_WHEN = re.compile(
    r"\b(next|following|first|last) (week|month|year|time|day|morning|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|summer|spring|winter|fall|autumn)s?\b"
)
_HUNTS = re.compile(r"\b(?:go|goes|going|went) (after)\b")
"""Words of order that only tell a date or a chase: "he may get it next month" and "it
trains his defenses to go after the cancer" ask no order."""
_IMPLIES = re.compile(
    r"(?<!\bwhat )\b((?:does|do|did|would|will|could) (?:that|this|it)) mean\b(?= \w)"
)
""""Mean" that asks what follows from something, not what a thing is: "does that mean
provenge is off the table"; not "what does that mean"."""
_ASIDES = re.compile(r"(?<= )(?:actually|actualy|really|realy|even|exactly|basically)(?= )")
"""Words said inside a way of asking that change nothing it asks: "what does xofigo
actually do" asks what "what does it do" asks."""


_STILL = re.compile(
    r"\b((?:can|could|would|will|should|may|might) (?:i|he|we|you|she|they)) still\b"
)
"""'Still' between one who asks and the asking: "can he still get it" asks what "can he get
it" asks; not "is it still working", "still possible"."""


def _says(phrase: str, *texts: str) -> bool:
    """Whether any of `texts` says a way of asking as it is written; one that ends in "do"
    not before "for" or "to": "what does it do for you" asks its benefits, and "what does
    it do to you" its side effects, not what it is."""
    for text in texts:
        at = text.find(phrase)
        while at >= 0:
            if not (phrase.endswith(" do ") and text.startswith(("for ", "to "), at + len(phrase))):
                return True
            at = text.find(phrase, at + 1)
    return False


_HIM = re.compile(
    r"(?<= )(?:my |our |the )?(?:dad|father|husband|hubby|partner|brother|son|grandpa"
    r"|grandfather|uncle|pops|papa|da)(?= )"
)
"""The man a question is asked for, named, is "he" to a way of asking: "can my dad get it"
asks what "can he get it" asks."""


def _aside(canonical: str) -> str:
    """`canonical` without the words that change nothing a way of asking asks."""
    said = _IMPLIES.sub(r"\1", _STILL.sub(r"\1", _ASIDES.sub(" ", f" {canonical} ")))
    return " ".join(_HIM.sub("he", said).split())


@dataclass(frozen=True)
class Bot:
    """The knowledge with its matcher and red-flag detector, built once at start."""

    knowledge: Knowledge
    matcher: Matcher
    safety: SafetyReader
    asks: tuple[tuple[str, frozenset[str]], ...] = ()
    """(aspect, the words of one way of putting it), as the matcher reads them."""
    said_asks: tuple[tuple[str, str], ...] = ()
    """(aspect, a way of putting it that must be said as it is written): one of question
    words ("who can": "who" alone asks nothing in "men who had provenge"), or of several
    words with one that counts ("only for", "hard on": "only" and "hard" alone ask
    nothing)."""
    aspect_topics: dict[str, frozenset[str]] = field(default_factory=dict)
    """Aspect -> the topics that have an answer for it; kept once, not looked up per
    question (a knowledge base may hold thousands of intents)."""
    aspect_order: dict[str, int] = field(default_factory=dict)
    """Aspect -> its place in the knowledge base."""
    ask_words: dict[str, frozenset[str]] = field(default_factory=dict)
    """Aspect -> the content words of all its ways of asking, said or not: the words a
    question spends on asking it ("handle" of "handle it"), which no answer must explain."""
    named_as_it: re.Pattern[str] | None = None
    """The treatments' names (with "the", "this" or "that"), to be read as "it" in a way of
    asking; compiled once, as every question is read with it."""

    @classmethod
    def build(cls, knowledge: Knowledge) -> Bot:
        matcher = Matcher(knowledge)
        safety = SafetyReader.build(
            knowledge.red_flags, knowledge.safety_cues, knowledge.safety_words, matcher.known_words
        )
        asks: list[tuple[str, frozenset[str]]] = []
        said: list[tuple[str, str]] = []
        words: dict[str, set[str]] = defaultdict(set)
        for aspect in knowledge.aspects:
            for phrase in aspect.asks:
                read = matcher.analyze(phrase, correct=False)
                words[aspect.id].update(read.content)
                if set(read.content) <= QUESTION_STARTS or (
                    len(read.content) == 1 and len(read.canonical.split()) > 1
                ):
                    said.append((aspect.id, f" {_aside(read.canonical)} "))
                else:
                    asks.append((aspect.id, frozenset(read.content)))
        holding: dict[str, set[str]] = defaultdict(set)
        for intent in knowledge.intents:
            holding[intent.aspect].add(intent.topic)
        topics = {aspect: frozenset(ids) for aspect, ids in holding.items()}
        order = {aspect.id: n for n, aspect in enumerate(knowledge.aspects)}
        ask_words = {aspect: frozenset(found) for aspect, found in words.items()}
        names = "|".join(re.escape(t) for t in sorted(matcher.topic_terms, key=len, reverse=True))
        it = re.compile(rf"(?<= )(?:(?:the|this|that) )?(?:{names})(?= )") if names else None
        return cls(
            knowledge, matcher, safety, tuple(asks), tuple(said), topics, order, ask_words, it
        )

    def aspects_asked(self, content: tuple[str, ...], canonical: str = "") -> tuple[str, ...]:
        """The aspects whose ask words a question's content words hold (or, for a way of
        asking made of question words, whose `canonical` text says it), in the order of
        the knowledge base."""
        timed = [*_WHEN.finditer(canonical), *_HUNTS.finditer(canonical)]
        words = set(content) - {stem(m.group(1)) for m in timed}
        # "side effects of both", "provenge or xofigo or both": each one's, not together
        each = EACH_OF_TWO.search(canonical) or OR_BOTH.search(canonical)
        found = [a for a, needed in self.asks if needed <= words and not (each and needed == _BOTH)]
        canonical = _aside(canonical)
        said = f" {canonical} "
        if self.named_as_it is not None:  # "what does xofigo do": "what does it do"
            said = self.named_as_it.sub("it", said)
        put = [a for a, phrase in self.said_asks if _says(phrase, f" {canonical} ", said)]
        # "can he have both one after the other": "both" only says which two, beside
        # another word of order
        by_both = {a for a, needed in self.asks if needed == _BOTH} - {
            a for a, needed in self.asks if needed != _BOTH and needed <= words
        }
        by_both -= set(put)
        found += put
        if len(set(found) & ORDER_ASKS) > 1:
            found = [a for a in found if a not in by_both]
        return tuple(sorted(dict.fromkeys(found), key=self.aspect_order.__getitem__))
