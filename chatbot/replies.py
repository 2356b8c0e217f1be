"""What the bot says back: the response and the conversation's memory, and the pieces
every kind of turn builds its reply from (an intent's answer with its sources, a topic's
choices, the user's question quoted)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from chatbot.knowledge import Intent, Topic
from chatbot.matcher import Analysis, Candidate
from chatbot.normalize import clean_input

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

Status = Literal["answer", "clarify", "fallback", "urgent"]
STATUSES: tuple[Status, ...] = ("answer", "clarify", "fallback", "urgent")
MAX_FOLLOW_UPS = 3
MAX_TOPIC_OPTIONS = 6
WHAT_IS = "what_is"
"""The aspect of an intent that says what its treatment is."""
FEELINGS = frozenset(("feelings",))
WEAK_ASKS = frozenset((WHAT_IS, *FEELINGS))
"""Asks that give way to any other: "what is the risk" asks about risks, and "worried
about the side effects" about side effects."""
SEQUENCING = "sequencing"
ORDER_ASKS = frozenset((SEQUENCING, "combining"))
"""Asks of an order or a combination: of two treatments at least. With one named, "after"
tells when ("he feels wiped out 2 days after"), and asks no order."""
OVERVIEW = "overview"
CANDIDATES = "candidates"
"""Who a treatment is for: also asked by telling a condition ("it's only in his bones")."""
"""The aspect of an intent that sums up its whole topic (resources: all the groups)."""

QUOTED_CHARS = 70


@dataclass(frozen=True)
class Option:
    intent: str
    title: str


@dataclass(frozen=True)
class Source:
    document: str
    title: str
    publisher: str
    date: str
    section: str
    section_title: str
    url: str

    @property
    def citation(self) -> str:
        text = f'{self.publisher}, "{self.title}"'
        return f"{text} ({self.date})" if self.date else text


@dataclass(frozen=True)
class Explanation:
    """Why the bot answered as it did, for `/why`."""

    normalized: str = ""
    canonical: str = ""
    corrections: tuple[tuple[str, str], ...] = ()
    replacements: tuple[tuple[str, str], ...] = ()
    candidates: tuple[Candidate, ...] = ()
    context: str = ""
    decision: str = ""
    safety: str = ""
    """What the red-flag reading found, and the words that decided it."""
    frame: str = ""
    """The question read as subjects, asks, what the documents don't cover, and the
    words that fit none of these."""
    replayable: bool = True
    """Whether deciding again on `candidates` alone gives this response; not so for a
    comparison or a drug read as its kind, which are decided on other candidates."""


@dataclass(frozen=True)
class Response:
    status: Status
    text: str
    intent: str | None = None
    score: float = 0.0
    about: str = ""
    sources: tuple[Source, ...] = ()
    options: tuple[Option, ...] = ()
    follow_ups: tuple[Option, ...] = ()
    explanation: Explanation = field(default_factory=Explanation)
    safety: str = ""
    """The one line put before an answer to a question that mentions an emergency symptom:
    "If he has chest pain now, call 911 or your local emergency number." """


@dataclass(frozen=True)
class Context:
    """What a conversation remembers between turns."""

    topic: str | None = None
    aspect: str | None = None
    age: int = 0
    choices: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    """The aspects of the last answer when it answered several asks of one topic."""


def intent_of(bot: Bot, topic_id: str, aspect: str) -> Intent | None:
    """The intent of a topic that answers one aspect of it, if there is one."""
    return next((i for i in bot.knowledge.intents_of(topic_id) if i.aspect == aspect), None)


def primary_topic(bot: Bot, named: frozenset[str]) -> Topic | None:
    """The topic most about the treatments named: Xofigo's own before Xofigo-after-Provenge."""
    topics = [t for t in bot.knowledge.topics if named and named <= set(t.terms)]
    return min(topics, key=lambda t: len(t.terms)) if topics else None


def answer(
    bot: Bot, context: Context, intent: Intent, score: float, why: Explanation
) -> tuple[Response, Context]:
    k = bot.knowledge
    topic = k.topic(intent.topic)
    aspect = k.aspect(intent.aspect)
    about = (
        ""
        if topic.conversational
        else topic.name
        if aspect is None
        else f"{topic.name}: {aspect.name}"
    )
    sources = []
    for ref in intent.sources:
        document = k.document(ref.document)
        section = document.section(ref.section)
        sources.append(
            Source(
                document=document.id,
                title=document.title,
                publisher=document.publisher,
                date=document.date,
                section=ref.section,
                section_title=section.title if section else ref.section,
                url=document.url,
            )
        )
    follow_ups = tuple(Option(i, k.intent(i).title) for i in intent.follow_ups[:MAX_FOLLOW_UPS])
    response = Response(
        "answer",
        intent.answer,
        intent=intent.id,
        score=score,
        about=about,
        sources=tuple(sources),
        follow_ups=follow_ups,
        explanation=why,
    )
    if topic.conversational:
        following = replace(aged(context), choices=tuple(o.intent for o in follow_ups))
    else:
        following = Context(intent.topic, intent.aspect, 0, tuple(o.intent for o in follow_ups))
    return response, following


def topic_options(bot: Bot, topic: Topic, candidates: list[Candidate]) -> tuple[Option, ...]:
    """What a topic's intents answer, the best-matching one first."""
    k = bot.knowledge
    offered = [c.intent for c in candidates if k.intent(c.intent).topic == topic.id][:1]
    offered += [i.id for i in k.intents_of(topic.id) if i.id not in offered]
    return tuple(Option(i, k.intent(i).title) for i in offered[:MAX_TOPIC_OPTIONS])


def quoted(text: str) -> str:
    """The user's question as the bot repeats it: clean, and not too long."""
    shown = clean_input(text).rstrip("?!. ")
    return shown if len(shown) <= QUOTED_CHARS else shown[: QUOTED_CHARS - 1].rstrip() + "…"


def active(bot: Bot, context: Context) -> bool:
    """Whether the conversation's topic is still fresh enough to fill in a follow-up."""
    return context.topic is not None and context.age < bot.knowledge.thresholds.context_turns


def aged(context: Context) -> Context:
    return replace(context, age=context.age + 1)


def combined(
    bot: Bot,
    context: Context,
    picks: tuple[Candidate, ...],
    why: Explanation,
    *,
    lead: str = "",
    tail: str = "",
    titled: bool = True,
) -> tuple[Response, Context]:
    """One reply of several answers, each under its title, with all their sources: the
    same aspect of two treatments, or the several asks of one message. `lead` goes first
    and `tail` last (what the documents do not say)."""
    k = bot.knowledge
    parts = [answer(bot, context, k.intent(c.intent), c.score, why)[0] for c in picks]
    shown = {c.intent for c in picks}
    turns = range(max(len(r.follow_ups) for r in parts))  # each answer's in turn
    offers = [r.follow_ups[n] for n in turns for r in parts if n < len(r.follow_ups)]
    follow_ups = tuple(dict.fromkeys(o for o in offers if o.intent not in shown))[:MAX_FOLLOW_UPS]
    intents = [k.intent(c.intent) for c in picks]
    aspects = {i.aspect for i in intents}
    topics = list(dict.fromkeys(k.topic(i.topic).name for i in intents))
    aspect = k.aspect(intents[0].aspect) if len(aspects) == 1 else None
    about = " and ".join(topics)
    about = about if aspect is None else f"{about}: {aspect.name}"
    text = "\n\n".join(
        f"{i.title}\n{part.text}" if titled else part.text
        for i, part in zip(intents, parts, strict=True)
    )
    text = "\n\n".join(t for t in (lead, text, tail) if t)
    response = Response(
        "answer",
        text,
        intent=picks[0].intent,
        score=picks[0].score,
        about=about,
        sources=tuple(dict.fromkeys(s for r in parts for s in r.sources)),
        follow_ups=follow_ups,
        explanation=replace(why, replayable=False),
    )
    first = intents[0]  # "and Provenge?" keeps the first aspect asked, or all of them
    asked = tuple(dict.fromkeys(i.aspect for i in intents)) if len(set(topics)) == 1 else ()
    following = Context(first.topic, first.aspect, 0, tuple(o.intent for o in follow_ups))
    return response, replace(following, asked=asked if len(asked) > 1 else ())


def overview_of(bot: Bot, analysis: Analysis, named: frozenset[str]) -> Intent | None:
    """'Xofigo?' or 'tell me about Provenge': a question naming only a treatment."""
    if len(named) != 1 or any(w.replace("_", " ") not in named for w in analysis.content):
        return None
    topic = primary_topic(bot, named)
    if topic is None:
        return None
    return intent_of(bot, topic.id, WHAT_IS)


def umbrella(bot: Bot, chosen: tuple[Candidate, ...]) -> Intent | None:
    """The overview of the topic all close choices are of, if it has one: "where do i
    find a support group" is close to two groups, and the overview names them all."""
    intents = [bot.knowledge.intent(c.intent) for c in chosen]
    if any(i.topic != intents[0].topic for i in intents):
        return None
    return next(
        (i for i in bot.knowledge.intents_of(intents[0].topic) if i.aspect == OVERVIEW), None
    )


def declined(
    bot: Bot, context: Context, analysis: Analysis, why: Explanation
) -> tuple[Response, Context]:
    """The reply to a question that names what the documents do not cover ("the dose of
    Xofigo"): said so by name, with what is known about the treatment it names, and the
    help the knowledge base offers for it (the price: help with co-pays)."""
    k = bot.knowledge
    names = " and ".join(analysis.unknown_terms)
    why = replace(why, decision=f"names {names}, which the documents do not cover")
    response = Response("fallback", k.message("unknown_term", term=names), explanation=why)
    offers = tuple(Option(i, k.intent(i).title) for i in bot.matcher.offers(analysis))
    named = bot.matcher.named_treatments(analysis) or bot.matcher.treatments_in(analysis.normalized)
    topic = primary_topic(bot, named)
    if topic is None:
        response = replace(response, options=offers)
        return response, replace(aged(context), choices=tuple(o.intent for o in offers))
    options = (*offers, *topic_options(bot, topic, []))[:MAX_TOPIC_OPTIONS]
    response = replace(response, about=topic.name, options=options)
    return response, Context(topic.id, None, 0, tuple(o.intent for o in options))


def answers(
    bot: Bot, context: Context, cells: tuple[Intent, ...], score: float, why: Explanation
) -> tuple[Response, Context]:
    """The answer of one cell, or one reply of several, each under its title."""
    if len(cells) == 1:
        return answer(bot, context, cells[0], score, why)
    return combined(bot, context, tuple(Candidate(c.id, score, "", 1.0) for c in cells), why)
