"""A side effect asked about that the documents do not list for the treatment asked of:
"can xofigo cause headaches" is told so by name, with the side effects they do list, not
answered with a list that leaves it out as if that answered it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chatbot.replies import Response

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

SIDE_EFFECTS = "side_effects"


def symptom_terms(bot: Bot) -> frozenset[str]:
    """The lexicon's terms that name a side effect: those that ask about side effects on
    their own ("nausea", "headache")."""
    k = bot.knowledge
    asks = {a for aspect in k.aspects if aspect.id == SIDE_EFFECTS for a in aspect.asks}
    return frozenset(t.term for t in k.terms if t.term in asks)


def unlisted(bot: Bot, normalized: str, response: Response) -> Response:
    """`response` as a word that the documents do not list the side effects a question
    names for the treatment its answer is about, when they list none of them there;
    else `response` unchanged."""
    if response.status != "answer" or response.intent is None:
        return response
    k = bot.knowledge
    intent = k.intent(response.intent)
    if intent.aspect != SIDE_EFFECTS:
        return response
    named = bot.matcher.analyze(normalized).terms & symptom_terms(bot)
    if not named or named & bot.matcher.analyze(intent.answer, correct=False).terms:
        return response
    symptoms = " or ".join(sorted(named))
    note = k.message("unlisted", symptom=symptoms, topic=k.topic(intent.topic).name)
    decision = f"names {symptoms}, which the answer about {intent.topic} does not list"
    why = replace(response.explanation, decision=decision)
    return replace(response, status="fallback", text=f"{note}\n\n{response.text}", explanation=why)
