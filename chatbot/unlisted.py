"""A side effect asked about that the documents do not list for the treatment asked of:
"can xofigo cause headaches" is told so by name, with the side effects they do list, not
answered with a list that leaves it out as if that answered it."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from chatbot.message_parts import asks_of
from chatbot.normalize import normalize
from chatbot.replies import Response

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

SIDE_EFFECTS = "side_effects"
_POINTS_BACK = re.compile(r"\b(?:that|this|these|those)\b")
"""A question that asks of what the message told before it: "is that from it"."""


def symptom_terms(bot: Bot) -> frozenset[str]:
    """The lexicon's terms that name a side effect: those that ask about side effects on
    their own ("nausea", "headache")."""
    k = bot.knowledge
    asks = {a for aspect in k.aspects if aspect.id == SIDE_EFFECTS for a in aspect.asks}
    return frozenset(t.term for t in k.terms if t.term in asks)


def unlisted(bot: Bot, text: str, response: Response) -> Response:
    """`response` as a word that the documents do not list the side effects a question
    asks about for the treatment its answer is about, when they list none of them there;
    else `response` unchanged. Only a side effect named in a part of the message that asks
    counts ("he had a fever last week, is xofigo safe" asks no fever), and only for a reply
    of one answer (a reply to several asks says each its own)."""
    if response.status != "answer" or response.intent is None or len(response.sources) > 2:
        return response
    k = bot.knowledge
    intent = k.intent(response.intent)
    if intent.aspect != SIDE_EFFECTS or sum(i.title in response.text for i in k.intents) > 1:
        return response
    parts = asks_of(text)
    asking = " ".join(p.text for p in parts if p.asks) if any(p.asks for p in parts) else text
    named = bot.matcher.analyze(normalize(asking)).terms & symptom_terms(bot)
    if not named and _POINTS_BACK.search(
        normalize(asking)
    ):  # "joint pain since... is that from it"
        named = bot.matcher.analyze(normalize(text)).terms & symptom_terms(bot)
    if not named or named & bot.matcher.analyze(intent.answer, correct=False).terms:
        return response
    symptoms = " or ".join(sorted(named))
    note = k.message("unlisted", symptom=symptoms, topic=k.topic(intent.topic).name)
    decision = f"names {symptoms}, which the answer about {intent.topic} does not list"
    why = replace(response.explanation, decision=decision)
    return replace(response, status="fallback", text=f"{note}\n\n{response.text}", explanation=why)
