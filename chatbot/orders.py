"""Which order of two treatments is best, asked both ways round in one message:
"provenge then xofigo or xofigo then provenge", "xofigo first then provenge? or the other
way round". The documents discuss one order only (Xofigo after Provenge); a question that
names the other order alone is declined by name, but one that asks which of the two orders
is asking the question the documents do discuss."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chatbot.followups import REVERSE

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

_EITHER = re.compile(
    REVERSE.pattern + r"|\bvice versa\b|\b(?:which|what|either|any|right|best) order\b"
    r"|\border (?:matter|matters|make a difference)\b"
    r"|\bwhich (?:way round|way around|comes first|one first|first|goes first)\b"
)
"""Words that ask which of two orders: "or the other way round", "does the order matter"."""


def either_order(bot: Bot, normalized: str) -> str:
    """`normalized` with the order the documents do not discuss written as the one they
    do, when the message asks which of the two orders: both named ("provenge then xofigo
    or xofigo then provenge"), or one named with words that ask either way ("xofigo
    first then provenge, or the other way round"). Otherwise `normalized` unchanged."""
    asked_both = _EITHER.search(normalized)
    if not asked_both and " or " not in normalized:
        return normalized
    analysis = bot.matcher.analyze(normalized)
    if len(analysis.unknown_terms) != 1:
        return normalized
    treatments = bot.matcher.topic_terms
    for said, term in analysis.replacements:
        words = term.split()
        if len(words) != 3 or words[1] != "after" or said not in normalized:
            continue
        first, _, second = words
        if not {first, second} <= treatments:
            continue
        forward = f"{second} after {first}"
        rest = normalized.replace(said, " ")
        named_again = {first, second} <= bot.matcher.treatments_in(rest)
        if asked_both or (named_again and " or " in normalized):
            return normalized.replace(said, forward)
    return normalized
