"""The parts of a message: its sentences, each cut at its joins ("and", "also", a comma,
"because", a question word in a run-on), and whether each part asks or tells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.normalize import QUESTION_STARTS, normalize, sentences

_JOINS = re.compile(
    r"\s*(?:,|;|&|\+|\band\b|\bn\b|\balso\b|\bplus\b|\bas well as\b"
    r"|\b(?:because|cuz|coz)\b|\bcause\b(?= (?:i|he|she|we|they)\b))\s*"
    r"|\s+(?=(?:what|how|who|why|which)\b)",
    re.IGNORECASE,
)
"""Where one ask ends and the next begins: at "and" (or "n", "&"), "also", a comma, and
before a question word in a run-on ("how does it work who can get it"); and at "because",
after which the reason is told ("what are the side effects because i already feel awful")."""
TELLING_STARTS = frozenset("i he she we they my his her our their me him us it its".split())
"""First words of a part that tells ("he had provenge last year"): told, not asked."""


@dataclass(frozen=True)
class Ask:
    """One part of a message, as it was read."""

    text: str
    asks: bool
    """Whether it is put as a question, not told."""
    tells: bool = False
    """Whether it tells of someone: "my husband never had surgery"."""
    sentence: int = 0
    """Which sentence of the message it is part of."""


_PAIRED = re.compile(
    r"\b((?:between|both|either|neither|combine|combining|mix|mixing) (?:of )?(?:the )?"
    r"[\w-]+(?: [\w-]+)?) (and|or|n|&) ",
    re.IGNORECASE,
)
"""A pair that is one subject: "the difference between provenge and xofigo", "side
effects of both provenge n xofigo", "combine immunotherapy and chemo". Its "and" is no
join."""
_DONE = frozenset(("did", "had"))
_DETERMINERS = frozenset("the a an some his my her their our all".split())
"""A part after a join that opens with "did the" or "had a" tells what was done."""
_KEPT = "qqkeptqq"
"""Written after a pair's "and" while the message is cut: one word with it, so no join."""


def asks_of(text: str) -> list[Ask]:
    """The parts of a message, in order: each sentence cut at its joins."""
    found: list[Ask] = []
    text = _PAIRED.sub(lambda m: f"{m.group(1)} {m.group(2).replace('&', 'and')}{_KEPT} ", text)
    for at, sentence in enumerate(sentences(text)):
        questioning = sentence.rstrip().endswith("?") or opens_question(sentence)
        for n, cut in enumerate(_JOINS.split(sentence)):
            part = cut.replace(_KEPT, "")
            first = normalize(part).split()[:2]
            if not first:
                continue
            negated = first[0] in QUESTION_STARTS and not opens_question(part)
            # "(and) did the shots for a while": done, told after a join; not "did it work"
            done = n > 0 and first[0] in _DONE and first[1:2] and first[1] in _DETERMINERS
            told = first[0] in TELLING_STARTS or negated or bool(done)
            telling = not part.rstrip().endswith("?") and told
            # "cant b there for him" tells; "can't he have it?" asks
            asks = not telling and (questioning or first[0] in QUESTION_STARTS)
            found.append(Ask(part, asks, telling, at))
    return found


def opens_question(text: str) -> bool:
    """Whether a part opens with a question word: "how much does it cost"; not with a
    negated one that tells ("cant b there for him"), unless it ends in "?"."""
    words = normalize(text).split()[:2]
    if words[1:] == ["not"] and not text.rstrip().endswith("?"):
        return False
    telling = words[0] in _AUXILIARIES and words[1:2] and words[1] in _TELLING_SECOND
    if telling and not text.rstrip().endswith("?"):
        return False  # "and can barely get out of bed", "and did great": he can, he did
    return words[:1] in ([w] for w in QUESTION_STARTS)


_AUXILIARIES = frozenset(
    "can could will would should is are was were does do did has have may might".split()
)
_TELLING_SECOND = frozenset(
    "barely hardly only just still really even never always also sometimes great well fine "
    "good badly".split()
)
"""Second words after which a part that opens like a question tells, its subject said
before it: "he's on pain pills and can barely get out of bed"."""
