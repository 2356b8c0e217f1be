"""Where the frame overrules or settles the example sentences' choice: a question that is
only a subject and an ask, the one ask a question puts in words, and the one answer among
close ones that answers what is asked (the frame itself: chatbot/question_frame.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chatbot.compound import RELATIONS as TAKEN_WITH
from chatbot.decision import Decision, decide
from chatbot.grid import (
    RELATIONS,
    cell_of,
    pair_cells,
    relation_topic,
    strong_asks,
    topic_of,
)
from chatbot.knowledge import Intent
from chatbot.matcher import Analysis, Candidate
from chatbot.normalize import QUESTION_STARTS
from chatbot.question_frame import Frame
from chatbot.replies import WEAK_ASKS, Context, intent_of

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

QUALIFYING = frozenset(("research",))
"""Asks that qualify another as often as they ask themselves: "is there a trial of
provenge plus xofigo" asks about combining them."""


def bare_answer(bot: Bot, context: Context, frame: Frame, analysis: Analysis) -> Intent | None:
    """The answer of a question that is only a subject and one ask put in so many words
    ("is the radium shot dangerous", "how risky is xofigo"): examples of another answer
    that share a word ("is it dangerous with chemo") do not outvote it."""
    asks = strong_asks(bot, context, frame)
    if len(asks) != 1 or len(frame.subjects) != 1 or frame.uncovered or asks[0] in RELATIONS:
        return None
    asked = {w for aspect, words in bot.asks if aspect == asks[0] for w in words}
    said = set(analysis.content) - asked - QUESTION_STARTS
    if not asked & set(analysis.content) or said - {frame.subjects[0].replace(" ", "_")}:
        return None
    topic = topic_of(bot, context, frame, asks[0])
    if topic is None or topic.conversational:
        return None
    return cell_of(bot, topic, frozenset(frame.subjects), asks[0])


def agreeing(bot: Bot, frame: Frame, close: tuple[Candidate, ...]) -> Candidate | None:
    """Of the close answers a clarify would offer, the best one when it alone answers an
    ask the question puts in so many words: "is there research on which treatment comes
    first" asks for the research, not for the list of treatments. Only a treatment's
    aspects are asks: the disease's ("castration resistant") are not."""
    k = bot.knowledge
    fits = [
        c
        for c in close
        if k.intent(c.intent).aspect in frame.asks and k.topic(k.intent(c.intent).topic).terms
    ]
    if not frame.questions or len(fits) != 1 or fits[0] is not close[0]:
        return None
    return fits[0]


def contrary(bot: Bot, context: Context, frame: Frame, chosen: Intent) -> Intent | None:
    """The answer to the one ask a question puts in words, when the examples chose another
    side of a treatment that it does not ask: "what kind of man is the immune therapy
    meant for" asks who it is for, not what it is."""
    asks = strong_asks(bot, context, frame)
    if len(asks) != 1 or asks[0] in WEAK_ASKS | RELATIONS | QUALIFYING or frame.uncovered:
        return None
    if chosen.aspect in frame.asks or not bot.knowledge.topic(chosen.topic).terms:
        return None
    topic = topic_of(bot, context, frame, asks[0])
    if topic is None or topic.conversational:
        return None
    cell = intent_of(bot, chosen.topic, asks[0]) if topic.id == chosen.topic else None
    return cell if cell is not None and cell.id != chosen.id else None


def overruled(
    bot: Bot, context: Context, frame: Frame, analysis: Analysis, decision: Decision
) -> tuple[tuple[Intent, ...], str] | None:
    """The answers the frame gives instead of the one the examples chose, with a note for
    `/why`: each one's of one ask of two treatments, that of a question that is only a
    subject and an ask, or of the one ask a question puts in words."""
    if each := each_of_two(bot, context, frame, analysis, decision):
        return each, "one ask of two treatments: each one's answer"
    one = _overruled(bot, context, frame, analysis, decision)
    return ((one[0],), one[1]) if one is not None else None


def _overruled(
    bot: Bot, context: Context, frame: Frame, analysis: Analysis, decision: Decision
) -> tuple[Intent, str] | None:
    if decision.status == "clarify":
        # "is the radiation shot for bone mets hard on you": the words that tell of the
        # treatment bring up who it is for and what it is; none of them is what is asked
        k = bot.knowledge
        if any(k.intent(c.intent).aspect in frame.asks for c in decision.chosen):
            return None
        other = contrary(bot, context, frame, k.intent(decision.chosen[0].intent))
        return (other, f"the one ask put in words: {other.id}") if other is not None else None
    if decision.status != "answer":
        return None
    chosen = bot.knowledge.intent(decision.chosen[0].intent)
    bare = bare_answer(bot, context, frame, analysis)
    if bare is not None and bare.id != chosen.id:
        return bare, f"only a subject and an ask: {bare.id}"
    other = contrary(bot, context, frame, chosen) or related(bot, context, frame, chosen)
    return (other, f"the one ask put in words: {other.id}") if other is not None else None


def related(bot: Bot, context: Context, frame: Frame, chosen: Intent) -> Intent | None:
    """The answer to the one order or combination a question asks, of the treatment the
    conversation is about and the other, when the examples chose another side of that
    treatment: "could they do both together instead" after Xofigo."""
    asks = strong_asks(bot, context, frame)
    if len(asks) != 1 or asks[0] not in RELATIONS or chosen.aspect in frame.asks:
        return None
    if (
        context.aspect in TAKEN_WITH
        or frame.subjects
        or not bot.knowledge.topic(chosen.topic).terms
    ):
        # "what about together" after Xofigo with chemo goes on with chemo; the examples'
        # choice stands for treatments named, and for help for anyone ("help paying then")
        return None
    topic = relation_topic(bot, context, frame, asks[0])
    cell = intent_of(bot, topic.id, asks[0]) if topic is not None else None
    return cell if cell is not None and cell.id != chosen.id else None


def each_of_two(
    bot: Bot, context: Context, frame: Frame, analysis: Analysis, decision: Decision
) -> tuple[Intent, ...]:
    """Each treatment's own answer, side by side, when a question puts one ask to two
    ("the side effects of provenge and xofigo") and the examples chose an answer about
    the pair that it does not ask (taking them together): empty otherwise."""
    if decision.status != "answer":
        return ()
    chosen = bot.knowledge.intent(decision.chosen[0].intent)
    if chosen.aspect not in RELATIONS or chosen.aspect in frame.asks:
        return ()
    return pair_cells(bot, context, frame, analysis.canonical)


def answers_an_ask(bot: Bot, frame: Frame, candidates: list[Candidate]) -> bool:
    """Whether the example sentences answer the whole message, and with an answer to one of
    the asks it puts (when it puts any): then no one part of it is read instead."""
    decision = decide(candidates, bot.knowledge.thresholds)
    if decision.status != "answer":
        return False
    return not frame.asks or bot.knowledge.intent(decision.chosen[0].intent).aspect in frame.asks
