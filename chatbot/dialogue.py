"""The dialogue: one pure function, `respond`, that every front end calls.

A turn takes the bot, the conversation context and the user's text, and returns a
`Response` and the next `Context`. Nothing here prints, reads a file or looks at the
clock, so the same conversation always gets the same answers.
"""

from __future__ import annotations

from dataclasses import replace

from chatbot.bot import Bot
from chatbot.comparison import RANKS, TOGETHER, compare, compares, comparison
from chatbot.compound import read_asks, several
from chatbot.decision import Decision, decide
from chatbot.emergency import safety_line, urgent_text
from chatbot.followups import (
    ASKS_WHY,
    REFERS_BACK,
    SWITCH,
    again,
    more,
    not_repeated,
    pick,
    subject_kept,
    switch_topic,
    the_other,
    the_reverse,
    topic_scores,
)
from chatbot.frame import FRAME_SCORE, framed
from chatbot.matcher import Candidate
from chatbot.normalize import normalize, question_part
from chatbot.orders import either_order
from chatbot.ordinals import the_one_named
from chatbot.overrule import agreeing, answers_an_ask, overruled
from chatbot.question_frame import read_frame
from chatbot.replies import (
    STATUSES,
    WHAT_IS,
    Context,
    Explanation,
    Option,
    Response,
    Source,
    Status,
    active,
    aged,
    answer,
    answers,
    declined,
    intent_of,
    overview_of,
    primary_topic,
    quoted,
    topic_options,
    umbrella,
)
from chatbot.stories import (
    help_for_anyone,
    kind_reading,
    last_question_reading,
    told_term_reading,
)
from chatbot.unlisted import unlisted

__all__ = [
    "STATUSES",
    "Bot",
    "Context",
    "Decision",
    "Explanation",
    "Option",
    "Response",
    "Source",
    "Status",
    "decide",
    "respond",
]


_SWITCHED = "a follow-up that changes only the treatment"


def respond(bot: Bot, context: Context, text: str) -> tuple[Response, Context]:
    """Answer one user turn; return the response and the context for the next turn.

    The whole message, however long, is read for emergencies first: someone in distress
    may write at length and name the emergency at the end. A current emergency gets the
    urgent reply alone; a question that only mentions an emergency symptom is answered as
    usual, after one safety line."""
    reading = bot.safety.read(text)
    normalized = normalize(text)
    if reading.urgent:
        why = Explanation(
            normalized=normalized, decision="a current emergency", safety=reading.summary()
        )
        response = Response("urgent", urgent_text(bot.knowledge, reading), explanation=why)
        return response, replace(aged(context), choices=())
    asked = question_part(text)
    if asked != text:  # a long paste: its question, wherever it stands, and a word of it
        response, following = _respond(bot, context, asked, normalize(asked))
        note = bot.knowledge.message("set_aside", question=quoted(asked))
        response = replace(response, text=f"{note}\n\n{response.text}")
    else:
        response, following = _respond(bot, context, text, normalized)
    response, context = not_repeated(bot, context, normalized, response, following)
    response = unlisted(bot, asked, response)
    context = subject_kept(bot, response, context)
    if reading.hits:
        why = replace(response.explanation, safety=reading.summary())
        response = replace(response, safety=safety_line(reading), explanation=why)
    return response, context


def _respond(bot: Bot, context: Context, text: str, normalized: str) -> tuple[Response, Context]:
    k = bot.knowledge
    if not normalized:
        return Response("fallback", k.message("empty")), context

    picked = pick(bot, context, normalized)
    if picked is not None:
        return picked
    further = more(bot, context, normalized)
    if further is not None:
        return further
    normalized = the_one_named(bot, context, the_other(bot, context, normalized))
    normalized = the_reverse(bot, context, normalized)
    if (either := either_order(bot, normalized)) != normalized:
        text = normalized = either  # "x then p, or the other way round": the order discussed
    asks = read_asks(bot, text)
    if asks is not None and asks.several:
        return several(bot, context, asks, text)

    switch = SWITCH.match(normalized)
    analysis = bot.matcher.analyze(normalized[switch.end() :] if switch else normalized)
    base = Explanation(
        normalized=normalized,
        canonical=analysis.canonical,
        corrections=analysis.corrections,
        replacements=analysis.replacements,
    )
    if analysis.unknown_terms and (kind := kind_reading(bot, context, analysis, base)):
        return kind
    if analysis.unknown_terms and not switch:
        told = told_term_reading(bot, context, analysis, text, base, _respond)
        if told is not None:
            return told
    if analysis.unknown_terms:
        return declined(bot, context, analysis, base)

    fresh = active(bot, context)
    named = bot.matcher.named_treatments(analysis)
    frame = read_frame(bot, analysis, text)
    base = replace(base, frame=frame.summary())

    switched = switch_topic(bot, context, analysis, named) if fresh and switch else ()
    if switched:
        kept = "', '".join(c.aspect for c in switched)
        note = f"kept the aspects '{kept}'" if len(switched) > 1 else f"kept the aspect '{kept}'"
        why = replace(base, context=f"{note} from the last answer", decision=_SWITCHED)
        return answers(bot, context, switched, 100.0, why)

    points_back = bool(REFERS_BACK.search(normalized))
    bare = (points_back and not named and not analysis.content) or ASKS_WHY.match(normalized)
    if fresh and bare and context.aspect:
        # "Is that normal?", "why not?": about what was just said.
        same = intent_of(bot, context.topic or "", context.aspect)
        if same is not None:
            note = "no word of its own but one that points back: the last answer again"
            why = replace(base, context=f"kept '{same.id}' from the last answer", decision=note)
            return again(bot, context, same, why)

    overview = overview_of(bot, analysis, named)
    if overview is not None and set(frame.asks) <= {WHAT_IS}:  # not "can he get xofigo"
        why = replace(base, decision="names only a treatment: its overview")
        return answer(bot, context, overview, 100.0, why)

    candidates = bot.matcher.score(analysis)
    context_note = ""
    if fresh and not named and context.topic:
        contextual = topic_scores(bot, context.topic, analysis)
        # "Does it cause fever?" after Xofigo is about Xofigo, even though only Provenge's
        # side effects list fever: a question that points back stays on the topic.
        # Not help for anyone that fits better: "are there orgs that help with copays
        # for this" after Xofigo asks for the co-pay help, whatever the treatment.
        ahead = bool(candidates) and (not contextual or candidates[0].score > contextual[0].score)
        for_anyone = ahead and not k.topic(k.intent(candidates[0].intent).topic).terms
        if (points_back and not k.topic(context.topic).conversational and not for_anyone) or (
            contextual and (not candidates or contextual[0].score >= candidates[0].score)
        ):
            candidates = contextual
            topic_name = k.topic(context.topic).name
            context_note = f"no treatment named; read as a follow-up about {topic_name}"
    why = replace(base, candidates=tuple(candidates), context=context_note)
    if decide(candidates, k.thresholds).status != "answer" and not switch:
        focused = last_question_reading(bot, text, analysis)
        if focused is not None:
            candidates, note = focused
            why = replace(base, candidates=tuple(candidates), context=note)
    comparing = compares(analysis)
    if (
        len(named) > 1
        and not set(analysis.content) & TOGETHER
        and (comparing or decide(candidates, k.thresholds).status != "answer")
    ):
        pair = comparison(bot, analysis, named, comparing, text)
        if pair is not None:
            ranking = bool(set(analysis.content) & RANKS)
            return compare(bot, context, pair, why, ranking=ranking)
    if asks and asks.alone and not answers_an_ask(bot, frame, candidates):
        # "thanks, and what is provenge": the one part of the message that asks something;
        # "the hormone shots stopped working so what are my choices": not what that means
        candidates = list(asks.picks)
        why = replace(base, candidates=asks.picks, context="read the one part that asks")
    decision = decide(candidates, k.thresholds)
    instead = overruled(bot, context, frame, analysis, decision)
    found = (instead[0], FRAME_SCORE, instead[1]) if instead is not None else None
    if found is None and decision.status != "answer":
        unanswered = asks.unanswered if asks else ()
        found = framed(bot, context, frame, analysis, candidates, text, unanswered)
    if found is not None:
        cells, score, note = found
        return answers(bot, context, cells, score, replace(why, decision=note, replayable=False))
    anyone = help_for_anyone(bot, analysis, named) if decision.status != "answer" else None
    if anyone is not None:  # "any help w/ copays 4 his provenge"
        why = replace(why, decision=f"help for anyone, whatever the treatment: {anyone.intent}")
        return answer(bot, context, k.intent(anyone.intent), anyone.score, why)
    agreed = agreeing(bot, frame, decision.chosen) if decision.status == "clarify" else None
    if agreed is not None:
        why = replace(why, decision=f"{decision.reason}; only {agreed.intent} fits the asks")
        return answer(bot, context, k.intent(agreed.intent), agreed.score, why)
    return _decide(bot, context, named, candidates, why, text)


# ---------------------------------------------------------------- turn kinds


def _decide(
    bot: Bot,
    context: Context,
    named: frozenset[str],
    candidates: list[Candidate],
    why: Explanation,
    text: str,
) -> tuple[Response, Context]:
    k = bot.knowledge
    decision = decide(candidates, k.thresholds)
    why = replace(why, decision=decision.reason)
    if decision.status == "answer":
        top = decision.chosen[0]
        return answer(bot, context, k.intent(top.intent), top.score, why)
    if decision.status == "clarify" and (over := umbrella(bot, decision.chosen)):
        # "What support groups are there?": the overview names them all, and leads to each.
        why = replace(why, decision=f"{decision.reason}: {over.id} covers the others")
        return answer(bot, context, over, decision.chosen[0].score, why)
    if decision.status == "clarify":
        # The knowledge base's own order keeps the numbers a user types stable.
        chosen = sorted(decision.chosen, key=lambda c: bot.matcher.order(c.intent))
        options = tuple(Option(c.intent, k.intent(c.intent).title) for c in chosen)
        response = Response(
            "clarify",
            k.message("clarify"),
            score=decision.chosen[0].score,
            options=options,
            explanation=why,
        )
        asked = primary_topic(bot, named)  # the treatment named stays the subject
        following = Context(asked.id, None, 0) if asked is not None else aged(context)
        return response, replace(following, choices=tuple(o.intent for o in options))
    return _fallback(bot, context, named, candidates, why, text)


def _fallback(
    bot: Bot,
    context: Context,
    named: frozenset[str],
    candidates: list[Candidate],
    why: Explanation,
    text: str,
) -> tuple[Response, Context]:
    k = bot.knowledge
    best = candidates[0].score if candidates else 0.0
    topic = primary_topic(bot, named)
    refers_back = active(bot, context) and REFERS_BACK.search(why.normalized)
    if topic is None and context.topic and refers_back:
        topic = k.topic(context.topic)  # "how much does it cost?" after a Xofigo answer
    if topic is not None and not topic.conversational:
        options = topic_options(bot, topic, candidates)
        response = Response(
            "fallback",
            k.message("fallback_topic", topic=topic.name, question=quoted(text)),
            score=best,
            about=topic.name,
            options=options,
            explanation=replace(why, decision=f"{why.decision}; offering what {topic.id} covers"),
        )
        return response, Context(topic.id, None, 0, tuple(o.intent for o in options))
    response = Response("fallback", k.message("fallback"), score=best, explanation=why)
    return response, replace(aged(context), choices=())
