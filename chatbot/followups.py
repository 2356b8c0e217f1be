"""Turns that lean on the one before: a pick from the last list ("2", "the first one"),
the same question of another treatment ("and provenge?", "same question for xofigo"),
"the other one", "the other way around", and "what else" / "tell me more"."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from chatbot.decision import decide
from chatbot.knowledge import Intent
from chatbot.matcher import Analysis, Candidate
from chatbot.normalize import normalize
from chatbot.replies import (
    MAX_TOPIC_OPTIONS,
    ORDER_ASKS,
    SEQUENCING,
    WEAK_ASKS,
    Context,
    Explanation,
    Option,
    Response,
    active,
    answer,
    intent_of,
    primary_topic,
)

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

_PICK = re.compile(r"^(?:number |option |no |choice )?(\d{1,3})(?: please)?$")
_ORDINALS = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3,
             "four": 4, "fourth": 4, "five": 5, "fifth": 5, "six": 6, "sixth": 6}  # fmt: skip
_ORDINAL = re.compile(r"^(?:the )?(" + "|".join(_ORDINALS) + r")(?: one| option)?(?: please)?$")
REFERS_BACK = re.compile(r"\b(it|its|this|that|they|them|these|those|the (drug|treatment|shot))\b")
ASKS_WHY = re.compile(r"^(?:(?:but|and|so|ok|okay|hmm) )*(?:why(?: not| is that| so)?|how come)$")
"""A message that only asks why the last answer says what it says: "why not?"."""
SWITCH = re.compile(
    r"^(?:(?:ok|okay|ok so|okay so|so|thanks|thank you|thx|right|alright|cool|hmm|um|uh|well)"
    r" )*(?:and|also|what about|how about|and what about|same for|same with|same question for"
    r"|same question about|same thing for|same goes for|and for|and with|same 4"
    r"|same question 4|same thing 4|same q for|same q 4|same q about|same qs for"
    r"|same questions for|same answer for|same deal for|same for the)\b"
)
"""The start of a follow-up that asks the last question again of another treatment, after
any acknowledgement of the last answer ("ok and provenge?")."""
_OTHER = re.compile(
    r"\bthe other (?:one|drug|treatment|medicine|shot|option)\b|(?<!\bafter )\bthe other\b"
)
"""The treatment the conversation is not about; not in "one after the other"."""
REVERSE = re.compile(
    r"\b(?:the )?other way (?:a)?round\b|\b(?:the|in) reverse(?: order)?\b"
    r"|\bthe opposite (?:way|order)(?: round)?\b|\b(?:switched|swapped) (?:a)?round\b"
)
_IF = re.compile(r"\bif\b")
"""A condition put as a question: "what if it spreads to my liver"."""
_REVERSE_AROUND = 4
"""At most this many words around "the other way around" in a follow-up that only asks it."""
_MORE = re.compile(
    r"^(?:(?:and |so |ok |okay )?(?:what else|anything else|tell me more|more|more please|"
    r"what more|go on|and then|what else can you tell me|what else should i know|"
    r"tell me more about it|anything more)(?: about (?:it|that|this))?)$"
)


def pick(bot: Bot, context: Context, normalized: str) -> tuple[Response, Context] | None:
    """A reply that picks one of the numbered choices of the last response."""
    number: int | None = None
    if match := _PICK.match(normalized):
        number = int(match.group(1))
    elif match := _ORDINAL.match(normalized):
        number = _ORDINALS[match.group(1)]
    elif context.choices:
        titles = [normalize(bot.knowledge.intent(i).title) for i in context.choices]
        scores = [fuzz.ratio(normalized, t, processor=None) for t in titles]
        best = max(range(len(scores)), key=scores.__getitem__)
        if scores[best] >= 90:
            number = best + 1
    if number is None:
        return None
    if not 1 <= number <= len(context.choices):
        why = Explanation(normalized=normalized, decision="a number with no such choice")
        message = bot.knowledge.message("bad_pick", number=str(number))
        return Response("fallback", message, explanation=why), context
    intent = bot.knowledge.intent(context.choices[number - 1])
    why = Explanation(normalized=normalized, decision=f"picked choice {number}: {intent.id}")
    return answer(bot, context, intent, 100.0, why)


def switch_topic(
    bot: Bot, context: Context, analysis: Analysis, named: frozenset[str]
) -> tuple[Intent, ...]:
    """'And Provenge?' after a side-effects answer: the same aspect of another treatment
    (each of the aspects, after an answer to several asks)."""
    if not named or not context.aspect:
        return ()
    if any(w.replace("_", " ") not in named for w in analysis.content):
        return ()
    cells = []
    for aspect in context.asked or (context.aspect,):
        fits = [
            i
            for i in bot.knowledge.intents
            if i.aspect == aspect and named <= set(bot.knowledge.topic(i.topic).terms)
        ]
        fits.sort(key=lambda i: len(bot.knowledge.topic(i.topic).terms))
        cells += fits[:1]
    return tuple(cells)


def the_other(bot: Bot, context: Context, normalized: str) -> str:
    """`normalized` with "the other one" written as the treatment it means: of the two
    treatments that have their own answers, the one the conversation is not about."""
    if not active(bot, context) or not context.topic or not _OTHER.search(normalized):
        return normalized
    topics = [t for t in bot.knowledge.topics if t.terms and t.id == t.terms[0]]
    own = [t.terms[0] for t in topics if not any(t.terms[0] in u.terms[1:] for u in topics)]
    current = bot.knowledge.topic(context.topic).terms
    others = [t for t in own if t not in current]
    if len(others) != 1:
        return normalized
    return _OTHER.sub(others[0], normalized)


def the_reverse(bot: Bot, context: Context, normalized: str) -> str:
    """`normalized` with "the other way around" written out, after an answer about one
    treatment after another: the order turned round, first the one its topic names
    second ("and the other way around" after Xofigo after Provenge asks of Provenge after
    Xofigo)."""
    if not active(bot, context) or context.aspect != SEQUENCING or not context.topic:
        return normalized
    terms = bot.knowledge.topic(context.topic).terms
    said = REVERSE.search(normalized)
    if len(terms) < 2 or bot.matcher.treatments_in(normalized) or not said:
        return normalized
    if len(normalized.split()) - len(said.group(0).split()) > _REVERSE_AROUND:
        return normalized  # "can the bone damage be reversed": a question of its own
    return REVERSE.sub(f"{terms[1]} after {terms[0]}", normalized)


def more(bot: Bot, context: Context, normalized: str) -> tuple[Response, Context] | None:
    """'What else?' or 'tell me more' after an answer: the first answer it suggests to
    read next, further on in the knowledge base; else the other questions its topic
    answers, as choices. Never the answer just given again."""
    if not active(bot, context) or not context.topic or not _MORE.match(normalized):
        return None
    k = bot.knowledge
    topic = k.topic(context.topic)
    if topic.conversational:
        return None
    last = intent_of(bot, topic.id, context.aspect) if context.aspect else None
    # the next thing to know, as the last answer suggests it; only onwards in the
    # knowledge base, so that "what else" after "what else" never goes round in a circle
    after = bot.matcher.order(last.id) if last else 0
    onwards = [i for i in last.follow_ups if bot.matcher.order(i) > after] if last else []
    if last and onwards:
        note = f"asks for more after {last.id}: its next follow-up"
        why = Explanation(normalized=normalized, decision=note)
        return answer(bot, context, k.intent(onwards[0]), 100.0, why)
    options = tuple(
        Option(i.id, i.title) for i in k.intents_of(topic.id) if last is None or i.id != last.id
    )[:MAX_TOPIC_OPTIONS]
    why = Explanation(normalized=normalized, decision=f"asks for more about {topic.id}")
    response = Response(
        "clarify",
        k.message("more", topic=topic.name),
        about=topic.name,
        options=options,
        explanation=why,
    )
    return response, Context(topic.id, context.aspect, 0, tuple(o.intent for o in options))


def again(bot: Bot, context: Context, intent: Intent, why: Explanation) -> tuple[Response, Context]:
    """The reply to a message that only points back at the answer just given ("is that
    normal?", "is that from it?" after the side effects): that answer once more, said to
    be all the documents say."""
    response, following = answer(bot, context, intent, 100.0, why)
    lead = bot.knowledge.message("again")
    return replace(response, text=f"{lead}\n\n{response.text}"), following


def not_again(
    bot: Bot, context: Context, intent: Intent, why: Explanation
) -> tuple[Response, Context]:
    """The reply to a new question whose best answer is the one just given ("is that
    normal?" after the side effects): say so, and offer the rest of the topic."""
    k = bot.knowledge
    topic = k.topic(intent.topic)
    options = tuple(Option(i.id, i.title) for i in k.intents_of(topic.id) if i.id != intent.id)
    options = options[:MAX_TOPIC_OPTIONS]
    response = Response(
        "fallback",
        k.message("not_again", topic=topic.name),
        about=topic.name,
        options=options,
        explanation=replace(why, decision=f"{why.decision}; the answer just given: not again"),
    )
    return response, Context(topic.id, None, 0, tuple(o.intent for o in options))


def elsewhere(
    bot: Bot, context: Context, analysis: Analysis, last: Intent, why: Explanation
) -> tuple[Response, Context] | None:
    """A new question whose best answer is the one just given ("who can get it?" after
    "can I take Xofigo after Provenge?"): the answer of the treatment the conversation is
    about that fits it next best, if one does."""
    k = bot.knowledge
    subjects = k.topic(last.topic).terms[:1]
    if not subjects or not analysis.content:
        return None
    own = [t for t in k.topics if t.terms and t.terms[0] == subjects[0]]
    if not own:
        return None
    only = frozenset(i.id for i in k.intents_of(own[0].id) if i.id != last.id)
    ranked = bot.matcher.score(analysis, only=only, extra=subjects)
    decision = decide(ranked, k.thresholds)
    if decision.status != "answer":
        return None
    chosen = k.intent(decision.chosen[0].intent)
    note = f"the best answer was the one just given; next best about {subjects[0]}"
    return answer(bot, context, chosen, decision.chosen[0].score, replace(why, decision=note))


def not_repeated(
    bot: Bot, context: Context, normalized: str, response: Response, following: Context
) -> tuple[Response, Context]:
    """Never the answer just given as the reply to a new question that asks something
    else ("who can get it?" after "can I take Xofigo after Provenge?"): the next best
    answer about the same treatment, or else a word that there is no more, with the
    choices."""
    if response.status != "answer" or not active(bot, context) or not context.aspect:
        return response, following
    last = intent_of(bot, context.topic or "", context.aspect)
    asked_again = response.explanation.decision.startswith(("picked", "the question is one"))
    if last is None or response.intent != last.id or asked_again:
        return response, following  # a pick, or the same question word for word
    analysis = bot.matcher.analyze(normalized)
    asked = set(bot.aspects_asked(analysis.content, analysis.canonical))
    if len(bot.matcher.named_treatments(analysis)) < 2:
        asked -= ORDER_ASKS
    new = asked - {last.aspect, *WEAK_ASKS}
    if not new:
        return response, following  # "is it chemo?" after what Xofigo is: that answer
    cells = [c for a in sorted(new) if (c := intent_of(bot, last.topic, a)) is not None]
    if len(cells) == 1:  # "is anybody studying that" after taking both: the research
        note = f"the best answer was the one just given; the one ask, of {last.topic}"
        return answer(bot, context, cells[0], 100.0, replace(response.explanation, decision=note))
    other = elsewhere(bot, context, analysis, last, response.explanation)
    if other is None and not cells and last.aspect in asked and _IF.search(normalized):
        # "what if it spreads to my liver" after who can get Xofigo: the same ask, of a
        # new condition, that the answer just given speaks to
        return again(bot, context, last, response.explanation)
    return other or not_again(bot, context, last, response.explanation)


def subject_kept(bot: Bot, response: Response, following: Context) -> Context:
    """The treatment a message named stays the conversation's subject even when the
    answer was about help for anyone: after "I'm scared about starting him on Provenge"
    (a feeling's answer), "what is it exactly" still asks about Provenge."""
    k = bot.knowledge
    if response.status != "answer" or following.topic is None:
        return following
    if k.topic(following.topic).terms or k.topic(following.topic).conversational:
        return following
    topic = primary_topic(bot, bot.matcher.treatments_in(response.explanation.canonical))
    if topic is None:
        return following
    return replace(following, topic=topic.id, aspect=None)


def topic_scores(bot: Bot, topic_id: str, analysis: Analysis) -> list[Candidate]:
    """Scores as if the question had named the topic of the conversation."""
    topic = bot.knowledge.topic(topic_id)
    if topic.conversational:
        return []
    only = {i.id for i in bot.knowledge.intents_of(topic_id)}
    scores = bot.matcher.score(analysis, only=frozenset(only), extra=topic.terms[:1])
    own = primary_topic(bot, frozenset(topic.terms[:1]))
    if (
        own is None
        or own.id == topic_id
        or decide(scores, bot.knowledge.thresholds).status == "answer"
    ):
        return scores
    # "what is it exactly" after Xofigo after Provenge, which that topic has no answer
    # to, asks of Xofigo, the treatment such a topic is first about
    only |= {i.id for i in bot.knowledge.intents_of(own.id)}
    wider = bot.matcher.score(analysis, only=frozenset(only), extra=topic.terms[:1])
    return wider if decide(wider, bot.knowledge.thresholds).status == "answer" else scores
