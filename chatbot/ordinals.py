""" "The first one", "the second one", "the last one" after an answer that named several
treatments in turn: the treatment it named in that place ("tell me more about the first
one" after the treatments for mCRPC asks about Provenge, the first it named). Not an order
of two treatments, which "first" asks elsewhere."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chatbot.normalize import normalize
from chatbot.replies import Context, active, intent_of

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

_ORDINAL = re.compile(r"\bthe (first|second|1st|2nd|last) (?:one|drug|treatment|option|thing)\b")
_PLACE = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "last": -1}


def named_in_turn(bot: Bot, text: str) -> list[str]:
    """The treatments with answers of their own that a text names, each once, in the order
    it first names them (not "an immunotherapy", said of Provenge)."""
    words = bot.matcher.analyze(normalize(text), correct=False).canonical
    topics = [t for t in bot.knowledge.topics if t.terms and t.id == t.terms[0]]
    own = {t.terms[0] for t in topics if not any(t.terms[0] in u.terms[1:] for u in topics)}
    terms = sorted(own, key=len, reverse=True)
    found = re.finditer(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", words)
    return list(dict.fromkeys(m.group(1) for m in found))


def the_one_named(bot: Bot, context: Context, normalized: str) -> str:
    """`normalized` with "the first one" (second, last) written as the treatment the last
    answer named in that place, when that answer named two or more; else unchanged."""
    said = _ORDINAL.search(normalized)
    if not said or not active(bot, context) or not context.topic or not context.aspect:
        return normalized
    last = intent_of(bot, context.topic, context.aspect)
    named = named_in_turn(bot, last.answer) if last is not None else []
    if len(named) < 2:
        return normalized
    return normalized[: said.start()] + named[_PLACE[said.group(1)]] + normalized[said.end() :]
