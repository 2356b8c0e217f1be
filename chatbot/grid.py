"""The knowledge as a grid of subjects (topics) and asks (aspects): which topic an ask
of a frame is put of, and which answer, the cell, holds it. What a whole frame answers is
chatbot/frame.py."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from chatbot.knowledge import Intent, Topic
from chatbot.matcher import Candidate
from chatbot.normalize import normalize
from chatbot.question_frame import Frame
from chatbot.replies import (
    CANDIDATES,
    ORDER_ASKS,
    WEAK_ASKS,
    WHAT_IS,
    Context,
    active,
    intent_of,
    primary_topic,
)

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

RELATIONS = ORDER_ASKS
RELATED = 2
"""An order or a combination is asked of two treatments at least."""
_EACH = re.compile(r"\b(?:either|each)\b|\bboth (?!together\b)")
"""Words that put one ask to each of two treatments: "either of them", "both"."""
_WHICH_ONE = re.compile(r"\bwhich (?:one|1)\b")
"""Words that put an ask to one of the treatments the last answer named."""
_OF_THOSE = re.compile(r"\b(?:which|either|each|any) (?:one )?of (?:those|them|these|the two)\b")
"""Words that put one ask to the treatments the last answer named: "which of those is for
guys with no symptoms" after the list of treatments."""


def frame_cells(
    bot: Bot, context: Context, frame: Frame, ranked: list[Candidate]
) -> tuple[Intent, ...]:
    """The answers of a frame with two asks or more about one subject ("how does xofigo
    work who can get it"), the one the example sentences rank best first, then in the
    order of the knowledge base; empty unless there are two. Not for an order or a
    combination beside another ask: "after" and "together" ask one thing; but both of
    them, of two treatments ("together or one after the other"), are two asks."""
    asks = [a for a in strong_asks(bot, context, frame) if a not in weak_asks(frame)]
    if len(asks) < RELATED or frame.uncovered:
        return ()
    if RELATIONS & set(asks):
        # "both together or one after the other": the two, of the two treatments
        topic = relation_topic(bot, context, frame, asks[0]) if set(asks) == RELATIONS else None
    elif frame.subjects:
        topic = primary_topic(bot, frozenset(frame.subjects))
    elif active(bot, context) and context.topic:
        topic = bot.knowledge.topic(context.topic)
    else:
        return ()
    if topic is None or topic.conversational:
        return ()
    cells = [c for a in asks if (c := intent_of(bot, topic.id, a)) is not None]
    rank = {c.intent: n for n, c in enumerate(ranked)}
    cells.sort(key=lambda c: (rank.get(c.id, len(rank)), bot.matcher.order(c.id)))
    return tuple(cells) if len(cells) >= RELATED else ()


def weak_asks(frame: Frame) -> frozenset[str]:
    """The asks that give way to any other: "what is" too, unless put in a clause of its own."""
    return WEAK_ASKS - {WHAT_IS} if frame.what_is_put else WEAK_ASKS


def strong_asks(bot: Bot, context: Context, frame: Frame) -> list[str]:
    """The asks of a frame that decide its answer: those that can be answered (of the
    treatment named, those it has an answer for), weak ones
    ("what is", a feeling) only when no other is put, and an order or a combination only
    of two treatments, or alone: with one, "after" or "together" tells when or with
    what ("his hemoglobin came back low after xofigo", "xofigo n chemo 2gether")."""
    asks = [a for a in frame.asks if _answerable(bot, context, frame, a)]
    if len(frame.subjects) < RELATED and len(asks) > 1:  # "feel guilty after": a feeling
        asks = [a for a in asks if a not in RELATIONS] or asks
    asks = [a for a in asks if a not in weak_asks(frame)] or asks
    topic = primary_topic(bot, frozenset(frame.subjects)) if frame.subjects else None
    if topic is None and active(bot, context) and context.topic:
        topic = bot.knowledge.topic(context.topic)  # "what if it spreads to my liver later"
    if topic is not None and len(asks) > 1:
        # "spread to his lungs, not the bones, is the radium one for me": Xofigo has no
        # answer about the cancer spreading; "spread" tells who it is for
        subjects = frozenset(frame.subjects)
        asks = [a for a in asks if cell_of(bot, topic, subjects, a) is not None] or asks
    return asks


def pair_cells(bot: Bot, context: Context, frame: Frame, canonical: str) -> tuple[Intent, ...]:
    """The answers of one ask put to two treatments as alternatives ("are provenge or
    xofigo meant for him", "is either of them meant for him"), side by side: each
    treatment's own cell. Empty unless the names are joined by "or" (or "either", "each",
    "both" is said), or by "and" after the ask's "of" ("the side effects of provenge and
    xofigo"; not "is it dangerous to get provenge and xofigo", which asks about having
    both), the ask is no order or combination, and each has its own answer to it."""
    if RELATIONS & set(frame.asks) or frame.uncovered:
        return ()
    topics = [primary_topic(bot, frozenset({s})) for s in frame.subjects]
    own = list({t.id: t for t in topics if t is not None and not t.conversational}.values())
    if len(own) != RELATED or len(topics) != RELATED or set(own[0].terms) & set(own[1].terms):
        return ()  # "provenge or immunotherapy": Provenge is the immunotherapy
    # of the asks each treatment has an answer to ("spread" tells who it is for)
    asks = [a for a in frame.asks if all(intent_of(bot, t.id, a) for t in own)]
    asks = [a for a in asks if a not in weak_asks(frame)]
    if len(asks) != 1:
        return ()
    names = "|".join(re.escape(s) for s in frame.subjects)
    joined = rf"\b(?:{names})\b (?:or|vs|versus) (?:the )?(?:{names})\b"
    # "the side effects of provenge and xofigo": the ask's own, of each
    of_each = rf"\b(?:of|for|about|on) (?:the )?(?:{names}) and (?:the )?(?:{names})\b"
    if not (
        re.search(joined, canonical) or re.search(of_each, canonical) or _EACH.search(canonical)
    ):
        return ()
    cells = [intent_of(bot, t.id, asks[0]) for t in own]
    return tuple(c for c in cells if c is not None) if all(cells) else ()


def told_cells(bot: Bot, context: Context, frame: Frame, canonical: str) -> tuple[Intent, ...]:
    """Each treatment's answer to the one ask a question puts to "those" the last answer
    named, side by side; empty when it names a treatment or asks of none of them."""
    told = told_treatments(bot, context)
    if frame.subjects or not told:
        return ()
    # "what if it goes to his liver too" after the list of treatments: a condition is
    # asked of each of them
    condition = set(frame.asks) - weak_asks(frame) == {CANDIDATES}
    if not (_OF_THOSE.search(canonical) or _WHICH_ONE.search(canonical) or condition):
        return ()
    return pair_cells(bot, context, replace(frame, subjects=tuple(sorted(told))), "each")


def _answerable(bot: Bot, context: Context, frame: Frame, ask: str) -> bool:
    """Whether an ask can be answered: one only treatments answer ("how", "side effects")
    needs a treatment, named or the conversation's; "I'm so tired of all this, I don't
    know how much fight I've got left" asks nothing of a treatment."""
    if frame.subjects or (active(bot, context) and context.topic):
        return True
    if frame.pair and ask in RELATIONS:  # "can he have both one after the other"
        return True
    holders = bot.aspect_topics.get(ask, frozenset())
    return any(not bot.knowledge.topic(t).terms for t in holders)


def topic_of(bot: Bot, context: Context, frame: Frame, ask: str) -> Topic | None:
    """The topic an ask is put of: the only one that answers it, if that one is about no
    treatment (feelings); else the subject named; else the conversation's; else the one
    the knowledge base names for it when nothing is named (`unnamed`)."""
    holders = bot.aspect_topics.get(ask, frozenset())
    if len(holders) == 1 and not bot.knowledge.topic(next(iter(holders))).terms:
        return bot.knowledge.topic(next(iter(holders)))  # one answer, whoever it is about
    if frame.subjects:
        return primary_topic(bot, frozenset(frame.subjects))
    if active(bot, context) and context.topic:
        return bot.knowledge.topic(context.topic)
    # "what's left to try once the hormones stop working": of the disease
    unnamed = bot.knowledge.aspect(ask)
    return bot.knowledge.topic(unnamed.unnamed) if unnamed and unnamed.unnamed else None


def relation_topic(bot: Bot, context: Context, frame: Frame, ask: str) -> Topic | None:
    """The topic that answers an order or a combination (`ask`): of the two treatments
    named, or, none named, of the one the conversation is about and the other ("can he
    do both", "in what order" after an answer about Provenge)."""
    if ask not in RELATIONS:
        return None
    if len(frame.subjects) >= RELATED:
        return primary_topic(bot, frozenset(frame.subjects))
    holders = [bot.knowledge.topic(t) for t in bot.aspect_topics.get(ask, frozenset())]
    if not frame.subjects and frame.pair and not (active(bot, context) and context.topic):
        # "can he have both one after the other", nothing named before: of the two
        # treatments the one topic that answers it is about
        return holders[0] if len(holders) == 1 else None
    if frame.subjects or not active(bot, context) or not context.topic:
        return None
    current = set(bot.knowledge.topic(context.topic).terms)
    related = [t for t in holders if current & set(t.terms)]
    if told := told_treatments(bot, context):
        # "which one first" after the list of treatments: of the ones that answer names
        related = [t for t in holders if told <= set(t.terms)]
    return related[0] if len(related) == 1 else None


def told_treatments(bot: Bot, context: Context) -> frozenset[str]:
    """The treatments the last answer names, when it is about the disease and names two or
    more ("what are his options" lists Provenge and Xofigo)."""
    if not context.topic or not context.aspect or bot.knowledge.topic(context.topic).terms:
        return frozenset()
    last = intent_of(bot, context.topic, context.aspect)
    named = bot.matcher.treatments_in(normalize(last.answer)) if last else frozenset()
    owners = {t: primary_topic(bot, frozenset({t})) for t in named}
    # not immunotherapy beside Provenge, the immunotherapy the documents speak of
    told = frozenset(
        t for t in named if not any(o != t and (p := owners[o]) and t in p.terms for o in named)
    )
    return told if len(told) >= RELATED else frozenset()


def cell_of(bot: Bot, topic: Topic, subjects: frozenset[str], ask: str) -> Intent | None:
    """The answer to `ask` in `topic`, or else in the next topic most about the subjects
    that has one: immunotherapy has no answer about benefits, but Provenge, the
    immunotherapy the documents speak of, has."""
    cell = intent_of(bot, topic.id, ask)
    if cell is not None or not subjects:
        return cell
    holders = [t for t in bot.knowledge.topics if subjects <= set(t.terms) and t is not topic]
    for other in sorted(holders, key=lambda t: len(t.terms)):
        if other.conversational:
            continue
        if (cell := intent_of(bot, other.id, ask)) is not None:
            return cell
    return None


def elsewhere_in(bot: Bot, aspect: str, ranked: list[Candidate]) -> bool:
    """Whether the example sentences rank first another answer of the topic that holds
    `aspect`."""
    if not ranked:
        return False
    best = bot.knowledge.intent(ranked[0].intent)
    return best.aspect != aspect and best.topic in bot.aspect_topics.get(aspect, frozenset())
