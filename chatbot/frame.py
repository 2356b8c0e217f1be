"""The answers a question's frame names (the frame itself: chatbot/question_frame.py).

Nearly every question is a subject (a treatment, the disease, support) and an ask (what it
is, how it works, who can get it, benefits, side effects...). The asks come from one
vocabulary that every subject shares (`asks:` of each aspect in intents/topics.yaml),
so a way of asking learnt for Provenge serves Xofigo too. When the example sentences
leave a question unanswered, long as it may be with words of its own ("im so scared he
won't make it to christmas"), its frame can still name the one answer that fits.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from chatbot.comparison import compares
from chatbot.grid import (
    RELATED,
    RELATIONS,
    cell_of,
    elsewhere_in,
    frame_cells,
    pair_cells,
    relation_topic,
    strong_asks,
    told_cells,
    topic_of,
)
from chatbot.knowledge import Intent
from chatbot.matcher import Analysis, Candidate
from chatbot.normalize import last_question, normalize, stem
from chatbot.question_frame import EVERYDAY, PAIR_WORDS, Frame, read_frame
from chatbot.replies import (
    FEELINGS,
    WHAT_IS,
    Context,
    intent_of,
)

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

SAFE_TO = frozenset(stem(w) for w in "safe safety ok okay fine risk risky danger dangerous".split())
"""Ask words that, before "after" a treatment, ask whether something else is safe then:
"is it safe to share a toilet after his radium shot" asks no side effect."""
FRAME_COVERAGE = 0.5
"""The share of a question's word weight the frame's answer must account for: words no
answer knows ("christmas") weigh less than an ask the documents don't cover."""
FRAME_SCORE = 100.0
"""The score shown for an answer named by the frame alone."""
AGREEING = 3
"""How far down the matcher's ranking the frame's answer may stand."""
TREATMENT_NOUNS = frozenset(
    stem(w) for w in "drug drugs medicine medication treatment therapy shot injection".split()
)
"""Words that only name a treatment the question names ("the radium drug"): no ask."""
TOLD_LEAD = 5.0
"""How far the help named for what is told beside a feeling must lead the next answer."""


def framed(
    bot: Bot,
    context: Context,
    frame: Frame,
    analysis: Analysis,
    ranked: list[Candidate],
    text: str,
    unanswered: tuple[str, ...],
) -> tuple[tuple[Intent, ...], float, str] | None:
    """The answers a frame names when the example sentences leave a question unanswered,
    with a score and a note for `/why`: every ask of one subject, or the one cell, of the
    whole message or else of the question a story ends with. None when a part of the
    message asks what the documents don't answer ("Is it hereditary? I'm worried about
    my sons"): its other words don't make it a question they do answer."""
    question = last_question(text) or _last_part(text, unanswered)
    if not frame.questions and not frame.subjects and frame.asks and set(frame.asks) <= FEELINGS:
        # "nobody gets what i am going through, i feel alone": a feeling told, with no
        # question put; its "what" opens no question of its own
        unanswered = tuple(u for u in unanswered if not u.startswith('"'))
    if unanswered and not (question and all(u.strip('"') in question for u in unanswered)):
        if not all(_within(bot, frame, u) for u in unanswered):
            return None
        unanswered = ()  # "is it better to do xofigo first | or the other way around"
    cells = pair_cells(bot, context, frame, analysis.canonical) or told_cells(
        bot, context, frame, analysis.canonical
    )
    if cells:  # "are provenge or xofigo meant for him": each one's answer, side by side
        of = " and ".join(frame.subjects) or "the treatments the last answer named"
        return cells, FRAME_SCORE, f"the frame asks one thing of {of}"
    if not unanswered:
        cells = frame_cells(bot, context, frame, ranked)
        if cells:  # "is xofigo worth it with all the risks": every ask answered
            return cells, FRAME_SCORE, "the frame asks " + " and ".join(c.aspect for c in cells)
        cell = frame_answer(bot, context, frame, analysis, ranked)
        if cell is not None:
            return (cell[0],), cell[1], f"the frame names one answer: {cell[0].id}"
    if question is None or normalize(question) == analysis.normalized:
        return None
    # "Jim finished Provenge in March. Now it is in more of his bones. Can he even have
    # Xofigo after Provenge?": the story is the telling; its treatments stand in for a
    # question that names none.
    focus = bot.matcher.analyze(normalize(question))
    if focus.unknown_terms:
        return None
    asked = read_frame(bot, focus, question)
    told = analysis.terms & bot.matcher.topic_terms
    if not asked.subjects or (RELATIONS & set(asked.asks) and len(asked.subjects) < RELATED):
        # "can he have it after Provenge": "it" is the story's other treatment
        asked = replace(asked, subjects=tuple(sorted(told | set(asked.subjects))))
    extra = tuple(t.replace(" ", "_") for t in asked.subjects)
    cell = frame_answer(bot, context, asked, focus, bot.matcher.score(focus, extra=extra))
    if cell is None:
        return None
    return (cell[0],), cell[1], f"its last question read as a frame: {asked.summary()}"


def _last_part(text: str, unanswered: tuple[str, ...]) -> str | None:
    """The part of a message of one sentence that the examples left unanswered, when it
    ends the message: its question, after the telling ("if the cancer is only in his
    bones | which of the two fits")."""
    if len(unanswered) != 1 or not unanswered[0].startswith('"'):
        return None
    part = unanswered[0].strip('"')
    return part if normalize(text).endswith(normalize(part)) else None


def _within(bot: Bot, frame: Frame, unanswered: str) -> bool:
    """Whether a part of a message the examples left unanswered only asks again the order
    or combination the whole message's frame asks of two treatments: a piece of one
    question the splitter cut ("is it better to do the xofigo first" of "... and then
    provenge or the other way around"), not a question of its own ("is it hereditary",
    "what happens when xofigo stops working"). Or a part that only tells or asks of the
    feeling the message is about ("is it normal that i get angry", "nobody knows | what
    this is like")."""
    feeling = frame.about_feeling and set(frame.asks) <= FEELINGS and not frame.subjects
    if not unanswered.startswith('"') or (len(frame.subjects) < RELATED and not feeling):
        return False  # a term the documents don't cover; one treatment
    part = unanswered.strip('"')
    read = bot.matcher.analyze(normalize(part))
    if read.unknown_terms:
        return False
    own = read_frame(bot, read, part)
    if feeling:
        return bool(own.asks) and set(own.asks) <= FEELINGS and not own.subjects
    return (
        bool(RELATIONS & set(own.asks))
        and set(own.asks) <= set(frame.asks)
        and set(own.subjects) <= set(frame.subjects)
    )


def frame_answer(
    bot: Bot, context: Context, frame: Frame, analysis: Analysis, ranked: list[Candidate]
) -> tuple[Intent, float] | None:
    """The one answer a frame points to, with its score: one ask (besides "what is"),
    about the subject named, or else the one the conversation is about, or the only
    subject that has that ask. None when the frame is not that clear, or when too much of
    the question is left unexplained by that answer, or when the example sentences
    (`ranked`) point elsewhere: the answer must be among their first few, if any."""
    k = bot.knowledge
    asks = strong_asks(bot, context, frame)
    implied = not asks
    if implied and frame.subjects and frame.overview and not compares(analysis):
        # "what's the deal with that prostate vaccine": its overview; not "will provenge
        # lower my psa" nor "when do doctors use xofigo", which ask something else
        asks = [WHAT_IS]
        # "what exactly is this xofigo thing my doctor keeps bringing up": what it is,
        # asked in so many words; the words after the subject only tell of it
        implied = not _what_is_said(analysis.canonical, frame.subjects)
    if len(asks) != 1 or frame.uncovered:
        return None
    relation = relation_topic(bot, context, frame, asks[0])
    if asks[0] in RELATIONS and relation is None:
        return None  # "should PSA go down after xofigo" asks no order of two treatments
    if asks[0] in FEELINGS and frame.questions and not frame.about_feeling:
        return None  # "Is it hereditary? I'm worried": the worry is not the question
    if asks[0] in FEELINGS and elsewhere_in(bot, asks[0], ranked):
        # "drowning in bills and scared we'll lose the house" is best met by the help the
        # examples point to for what is told beside the feeling; "we are so afraid", by
        # the feelings' own answer
        felt = {w for aspect, words in bot.asks if aspect == asks[0] for w in words}
        beside = replace(analysis, content=tuple(w for w in analysis.content if w not in felt))
        lead = ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)
        if beside.content and lead >= TOLD_LEAD:  # not one of a tie of help for anyone
            scored = bot.matcher.score(beside, only=frozenset({ranked[0].intent}))
            if scored and scored[0].coverage >= FRAME_COVERAGE:
                return k.intent(ranked[0].intent), ranked[0].score
        # "i cant sleep, keep reading stuff online at 2am": nothing told beside the
        # feeling that help is named for; the feeling is met
        own = topic_of(bot, context, frame, asks[0])
        cell = intent_of(bot, own.id, asks[0]) if own is not None else None
        return (cell, FRAME_SCORE) if cell is not None else None
    topic = relation or topic_of(bot, context, frame, asks[0])
    if topic is None or topic.conversational:
        return None
    # Of the conversation's treatment when none is named: "would he be a candidate" after
    # immunotherapy is asked of Provenge, the immunotherapy the documents speak of.
    subjects = frozenset(frame.subjects or topic.terms[:1])
    cell = cell_of(bot, topic, subjects, asks[0])
    if cell is None:
        return None
    # The ask's own words are accounted for by the ask ("harsh" is no word of the
    # examples); the rest of the question must be accounted for by the answer.
    # Everyday words ("zero symptoms", "an old man", "a guy in my group") tell the
    # story around the ask, and are not held against the answer...
    # ...and so are the words of a feeling told beside it ("i feel guilty even caring")
    told_feelings = FEELINGS & set(frame.asks) if not topic.terms else frozenset()
    asked = {w for a, words in bot.asks if a == asks[0] or a in told_feelings for w in words}
    # Not when the ask is only implied ("what is the half life of xofigo"), nor beside an
    # "after" that was set aside ("is it safe to share a toilet after xofigo"): there
    # the everyday words may be what is asked.
    timed = bool(RELATIONS & set(frame.asks)) and not RELATIONS & set(asks)
    if timed and set(analysis.content) & asked <= SAFE_TO:
        return None  # "safe to share a toilet after xofigo"; not "bp low after provenge"
    told = asked if implied or timed else asked | EVERYDAY
    if frame.pair and not frame.subjects:  # "both" stands for the two treatments' names
        told = told | frozenset(PAIR_WORDS)
    naming = TREATMENT_NOUNS if frame.subjects else frozenset()  # "the radium drug"
    rest = replace(analysis, content=tuple(w for w in analysis.content if w not in told | naming))
    sure = [c for c in ranked[:AGREEING] if 100 * c.coverage >= k.thresholds.coverage]
    from_conversation = relation is not None and not frame.subjects  # ranked on its topic
    # "is xofigo safe": every word is the subject or the ask, or everyday (bare_answer
    # holds the same question against an answer the examples chose)
    bare = not implied and set(rest.content) <= {t.replace(" ", "_") for t in frame.subjects}
    a_feeling = asks[0] in FEELINGS  # "im so scared, they said the hormones stopped working"
    if (
        sure
        and not (from_conversation or bare or a_feeling)
        and cell.id not in {c.intent for c in ranked[:AGREEING]}
    ):
        return None  # the example sentences know the question well, and point elsewhere
    extra = () if frame.subjects else tuple(t.replace(" ", "_") for t in topic.terms[:1])
    if a_feeling:
        return cell, FRAME_SCORE  # a feeling is met whatever story is told around it
    # ...nor are the words of an ask said as it is written ("handle" of "do people
    # handle it ok"), when the answer does not account for them itself
    spent_on = [told, told | bot.ask_words.get(asks[0], frozenset())]
    if timed:  # "a rash on my arms after the provenge, is that from it": when, and where
        when = asked | EVERYDAY | {w for a in RELATIONS & set(frame.asks) for w in bot.ask_words[a]}
        spent_on += [when, when | bot.ask_words.get(asks[0], frozenset())]
    if not implied and not timed and frame.subjects:
        # ...nor words the knowledge base never uses ("wipe them out", "grandkids"): with
        # the subject and the ask both said, they are the telling, not another question
        unknown = {w for w in analysis.content if not bot.matcher.knows(w)} - _named(analysis)
        spent_on += [s | unknown for s in spent_on]
    spent_on += [s | naming for s in spent_on] if naming else []
    for spent in spent_on:
        rest = replace(analysis, content=tuple(w for w in analysis.content if w not in spent))
        if not rest.content and not extra:
            return cell, FRAME_SCORE
        scored = bot.matcher.score(rest, only=frozenset({cell.id}), extra=extra)
        if scored and scored[0].coverage >= FRAME_COVERAGE:
            return cell, scored[0].score
    if ranked and ranked[0].intent == cell.id and not topic.terms:
        return cell, ranked[0].score  # "worried sick about the bills piling up and whether
        # I'll lose my job": help for anyone the examples rank first too
    if told_feelings:
        # help for anyone that leaves much of the telling unexplained, and that the
        # examples do not rank first: the feeling is still met
        feeling = min(told_feelings)
        own = topic_of(bot, context, frame, feeling)
        met = intent_of(bot, own.id, feeling) if own is not None else None
        return (met, FRAME_SCORE) if met is not None else None
    return None


_NAMING = re.compile(r"\b(?:with|w|near|close to|around|in|has|have|had)(?: an?)? (\w+)")
"""Words that name what follows as a thing the question asks about: another illness ("if
he has hepatitis"), another drug ("safe with warfarin"), a place ("a trial near dayton",
"close to columbus")."""


def _named(analysis: Analysis) -> set[str]:
    """The words of a question that name, after "with", "near", "has" and the like, a
    thing the knowledge base never speaks of: what is asked, not the telling."""
    return {stem(m.group(1)) for m in _NAMING.finditer(analysis.canonical)}


_ASIDE = "(?:exactly|actually|really|even) "
_POINTER = "(?:this|that|the|these|those) "


def _what_is_said(canonical: str, subjects: tuple[str, ...]) -> bool:
    """Whether a question asks what a subject is right before naming it ("what is this
    xofigo thing"), or right after, at its end ("my urologist brought up radium two
    twenty three what is that exactly"); not what something of it is ("what is the half
    life of xofigo")."""
    names = "|".join(re.escape(s) for s in subjects)
    return bool(
        names
        and (
            re.search(rf"\bwhat (?:{_ASIDE})?(?:is|are) (?:{_POINTER})?(?:{names})\b", canonical)
            or re.search(
                rf"\b(?:{names}) (?:{_POINTER}|now )?what (?:{_ASIDE})?(?:is|are) "
                rf"(?:that|it|this|they)(?: {_ASIDE.strip()})?$",
                canonical,
            )
        )
    )
