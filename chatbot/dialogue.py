"""The dialogue: one pure function, `respond`, that every front end calls.

A turn takes the bot, the conversation context and the user's text, and returns a
`Response` and the next `Context`. Nothing here prints, reads a file or looks at the
clock, so the same conversation always gets the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from chatbot.comparison import COMPARES, RANKS, TOGETHER, compare, comparison
from chatbot.decision import Decision, decide
from chatbot.emergency import safety_line, urgent_text
from chatbot.knowledge import Intent, Knowledge
from chatbot.matcher import Analysis, Candidate, Matcher
from chatbot.normalize import normalize
from chatbot.replies import (
    OVERVIEW,
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
    intent_of,
    primary_topic,
    quoted,
    topic_options,
)
from chatbot.safety import SafetyReader
from chatbot.stories import kind_reading, last_question_reading

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

_PICK = re.compile(r"^(?:number |option |no |choice )?(\d{1,3})(?: please)?$")
_ORDINALS = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3,
             "four": 4, "fourth": 4, "five": 5, "fifth": 5, "six": 6, "sixth": 6}  # fmt: skip
_ORDINAL = re.compile(r"^(?:the )?(" + "|".join(_ORDINALS) + r")(?: one| option)?(?: please)?$")
_REFERS_BACK = re.compile(r"\b(it|its|this|that|they|them|these|those|the (drug|treatment|shot))\b")
_SWITCH = re.compile(r"^(?:and|also|what about|how about|and what about|same for|same with)\b")


@dataclass(frozen=True)
class Bot:
    """The knowledge with its matcher and red-flag detector, built once at start."""

    knowledge: Knowledge
    matcher: Matcher
    safety: SafetyReader

    @classmethod
    def build(cls, knowledge: Knowledge) -> Bot:
        matcher = Matcher(knowledge)
        safety = SafetyReader.build(
            knowledge.red_flags, knowledge.safety_cues, knowledge.safety_words, matcher.known_words
        )
        return cls(knowledge, matcher, safety)


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
    response, context = _respond(bot, context, text, normalized)
    if reading.hits:
        why = replace(response.explanation, safety=reading.summary())
        response = replace(response, safety=safety_line(reading), explanation=why)
    return response, context


def _respond(bot: Bot, context: Context, text: str, normalized: str) -> tuple[Response, Context]:
    k = bot.knowledge
    if not normalized:
        return Response("fallback", k.message("empty")), context

    picked = _pick(bot, context, normalized)
    if picked is not None:
        return picked

    switch = _SWITCH.match(normalized)
    analysis = bot.matcher.analyze(normalized[switch.end() :] if switch else normalized)
    base = Explanation(
        normalized=normalized,
        canonical=analysis.canonical,
        corrections=analysis.corrections,
        replacements=analysis.replacements,
    )
    if analysis.unknown_terms and (kind := kind_reading(bot, context, analysis, base)):
        return kind
    if analysis.unknown_terms and not switch and bot.matcher.as_kinds(analysis) is not None:
        # "He's on Lupron and just finished Provenge. What are the side effects?": a drug
        # of a kind the documents cover is part of the story, not of the question. (Not
        # so other subjects: "My sister has ovarian cancer. Is there one for her?")
        focused = last_question_reading(bot, text, analysis)
        if focused is not None:
            candidates, note = focused
            why = replace(base, candidates=tuple(candidates), context=note)
            named = bot.matcher.named_treatments(analysis)
            return _decide(bot, context, named, candidates, why, text)
    if analysis.unknown_terms:
        names = " and ".join(analysis.unknown_terms)
        why = replace(base, decision=f"names {names}, which the documents do not cover")
        response = Response("fallback", k.message("unknown_term", term=names), explanation=why)
        topic = primary_topic(bot, bot.matcher.named_treatments(analysis))
        if topic is None:  # "the dose of Xofigo": still offer what is known about Xofigo
            return response, replace(aged(context), choices=())
        options = topic_options(bot, topic, [])
        response = replace(response, about=topic.name, options=options)
        return response, Context(topic.id, None, 0, tuple(o.intent for o in options))

    fresh = active(bot, context)
    named = bot.matcher.named_treatments(analysis)

    switched = _switch_topic(bot, context, analysis, named) if fresh and switch else None
    if switched is not None:
        why = replace(
            base,
            context=f"kept the aspect '{context.aspect}' from the last answer",
            decision="a follow-up that changes only the treatment",
        )
        return answer(bot, context, switched, 100.0, why)

    points_back = bool(_REFERS_BACK.search(normalized))
    if fresh and points_back and not named and not analysis.content and context.aspect:
        # "Is that normal?" after Xofigo's side effects: no word of its own but "that",
        # so it asks about what was just said.
        same = intent_of(bot, context.topic or "", context.aspect)
        if same is not None:
            note = "no word of its own but one that points back: about the last answer"
            why = replace(base, context=f"kept '{same.id}' from the last answer", decision=note)
            return answer(bot, context, same, 100.0, why)

    overview = _overview(bot, analysis, named)
    if overview is not None:
        why = replace(base, decision="names only a treatment: its overview")
        return answer(bot, context, overview, 100.0, why)

    candidates = bot.matcher.score(analysis)
    context_note = ""
    if fresh and not named and context.topic:
        contextual = _contextual(bot, context.topic, analysis)
        # "Does it cause fever?" after Xofigo is about Xofigo, even though only Provenge's
        # side effects list fever: a question that points back stays on the topic.
        if (points_back and not k.topic(context.topic).conversational) or (
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
    comparing = bool(set(analysis.content) & COMPARES)
    if (
        len(named) > 1
        and not set(analysis.content) & TOGETHER
        and (comparing or decide(candidates, k.thresholds).status != "answer")
    ):
        pair = comparison(bot, analysis, named, comparing)
        if pair is not None:
            ranking = bool(set(analysis.content) & RANKS)
            return compare(bot, context, pair, why, ranking=ranking)
    return _decide(bot, context, named, candidates, why, text)


# ---------------------------------------------------------------- turn kinds


def _pick(bot: Bot, context: Context, normalized: str) -> tuple[Response, Context] | None:
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


def _switch_topic(
    bot: Bot, context: Context, analysis: Analysis, named: frozenset[str]
) -> Intent | None:
    """'And Provenge?' after a side-effects answer: the same aspect of another treatment."""
    if not named or not context.aspect:
        return None
    if any(w.replace("_", " ") not in named for w in analysis.content):
        return None
    fits = [
        i
        for i in bot.knowledge.intents
        if i.aspect == context.aspect and named <= set(bot.knowledge.topic(i.topic).terms)
    ]
    fits.sort(key=lambda i: len(bot.knowledge.topic(i.topic).terms))
    return fits[0] if fits else None


def _overview(bot: Bot, analysis: Analysis, named: frozenset[str]) -> Intent | None:
    """'Xofigo?' or 'tell me about Provenge': a question naming only a treatment."""
    if len(named) != 1 or any(w.replace("_", " ") not in named for w in analysis.content):
        return None
    topic = primary_topic(bot, named)
    if topic is None:
        return None
    return intent_of(bot, topic.id, WHAT_IS)


def _contextual(bot: Bot, topic_id: str, analysis: Analysis) -> list[Candidate]:
    """Scores as if the question had named the topic of the conversation."""
    topic = bot.knowledge.topic(topic_id)
    if topic.conversational:
        return []
    only = frozenset(i.id for i in bot.knowledge.intents_of(topic_id))
    return bot.matcher.score(analysis, only=only, extra=topic.terms[:1])


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
    if decision.status == "clarify" and (umbrella := _umbrella(bot, decision.chosen)):
        # "What support groups are there?" is close to the overview and to one group; the
        # overview names them all, and its follow-ups lead on to each.
        why = replace(why, decision=f"{decision.reason}: {umbrella.id} covers the others")
        return answer(bot, context, umbrella, decision.chosen[0].score, why)
    if decision.status == "clarify":
        # Close scores swap places with any edit of the examples; the knowledge base's own
        # order keeps the numbers a user (or a transcript) types stable.
        chosen = sorted(decision.chosen, key=lambda c: bot.matcher.order(c.intent))
        options = tuple(Option(c.intent, k.intent(c.intent).title) for c in chosen)
        response = Response(
            "clarify",
            k.message("clarify"),
            score=decision.chosen[0].score,
            options=options,
            explanation=why,
        )
        return response, replace(aged(context), choices=tuple(o.intent for o in options))
    return _fallback(bot, context, named, candidates, why, text)


def _umbrella(bot: Bot, chosen: tuple[Candidate, ...]) -> Intent | None:
    """The overview among close choices that are all of its topic, if there is one."""
    intents = [bot.knowledge.intent(c.intent) for c in chosen]
    overviews = [i for i in intents if i.aspect == OVERVIEW]
    if len(overviews) != 1 or any(i.topic != overviews[0].topic for i in intents):
        return None
    return overviews[0]


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
    refers_back = active(bot, context) and _REFERS_BACK.search(why.normalized)
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
