"""The dialogue: one pure function, `respond`, that every front end calls.

A turn takes the bot, the conversation context and the user's text, and returns a
`Response` and the next `Context`. Nothing here prints, reads a file or looks at the
clock, so the same conversation always gets the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from rapidfuzz import fuzz

from chatbot.emergency import safety_line, urgent_text
from chatbot.knowledge import Intent, Knowledge, Thresholds, Topic
from chatbot.matcher import Analysis, Candidate, Matcher
from chatbot.normalize import (
    clean_input,
    last_question,
    normalize,
    sentences,
    stem,
)
from chatbot.safety import SafetyReader

Status = Literal["answer", "clarify", "fallback", "urgent"]
STATUSES: tuple[Status, ...] = ("answer", "clarify", "fallback", "urgent")
MAX_FOLLOW_UPS = 3
MAX_OPTIONS = 3
MAX_TOPIC_OPTIONS = 6
WHAT_IS = "what_is"
"""The aspect of an intent that says what its treatment is."""
OVERVIEW = "overview"
"""The aspect of an intent that sums up its whole topic (resources: all the groups)."""

_PICK = re.compile(r"^(?:number |option |no |choice )?(\d{1,3})(?: please)?$")
_ORDINALS = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3,
             "four": 4, "fourth": 4, "five": 5, "fifth": 5, "six": 6, "sixth": 6}  # fmt: skip
_ORDINAL = re.compile(r"^(?:the )?(" + "|".join(_ORDINALS) + r")(?: one| option)?(?: please)?$")
_REFERS_BACK = re.compile(r"\b(it|its|this|that|they|them|these|those|the (drug|treatment|shot))\b")
QUOTED_CHARS = 70
STORY_REACH = 2
_QUESTION_WORDS = frozenset("what how why who when where which".split())
LONG_QUESTION = 3
"""The two rules below are for long questions: they need this many content words. One
or two words ("scared", "his feet") that one intent happens to use are no question."""
ANCHOR_COVERAGE = 80.0
ANCHOR_LEAD = 10.0
"""A question that names a term only one answer uses ("a headache since his Provenge")
is answered below the answer threshold when that answer covers this much (%) of its words
and leads the next by this many points. Chosen on the question sets: in long stories,
where the score is low, it answered 6 more questions and none wrongly."""
DOMINANT_LEAD = 20.0
DOMINANT_SCORE = 40.0
"""A question the best answer covers at least ANCHOR_COVERAGE (%) of, and leads the next
by this many points, is answered from this score on, below the answer threshold: long
questions score low against short examples. On the six question sets it answered 9 more
rightly and 1 out-of-scope question; a lead of 16 bought 1 more right for 1 more wrong."""
_RANKS = frozenset(stem(w) for w in "better worse best worst safer safest stronger".split())
"""Words that ask which of two treatments wins: the documents never rank them."""
_COMPARES = _RANKS | frozenset(
    stem(w) for w in "difference different differ compare compared comparison vs versus".split()
)
"""Words that set two treatments side by side ("Provenge vs Xofigo")."""
_TOGETHER = frozenset(
    stem(w)
    for w in "combine combined combining combination together after before then "
    "first follow followed following switch sequence order".split()
)
"""Words that ask about two treatments as one plan: never a comparison."""
_COMPARING = _COMPARES | {stem(w) for w in "which both either between".split()}
"""Words each treatment's own answer does without, when two are compared."""
_SWITCH = re.compile(r"^(?:and|also|what about|how about|and what about|same for|same with)\b")


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
        return response, replace(_aged(context), choices=())
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
    if analysis.unknown_terms and (kind := _kind_reading(bot, context, analysis, base)):
        return kind
    if analysis.unknown_terms and not switch and bot.matcher.as_kinds(analysis) is not None:
        # "He's on Lupron and just finished Provenge. What are the side effects?": a drug
        # of a kind the documents cover is part of the story, not of the question. (Not
        # so other subjects: "My sister has ovarian cancer. Is there one for her?")
        focused = _last_question_reading(bot, text, analysis)
        if focused is not None:
            candidates, note = focused
            why = replace(base, candidates=tuple(candidates), context=note)
            named = bot.matcher.named_treatments(analysis)
            return _decide(bot, context, named, candidates, why, text)
    if analysis.unknown_terms:
        names = " and ".join(analysis.unknown_terms)
        why = replace(base, decision=f"names {names}, which the documents do not cover")
        response = Response("fallback", k.message("unknown_term", term=names), explanation=why)
        topic = _primary_topic(bot, bot.matcher.named_treatments(analysis))
        if topic is None:  # "the dose of Xofigo": still offer what is known about Xofigo
            return response, replace(_aged(context), choices=())
        options = _topic_options(bot, topic, [])
        response = replace(response, about=topic.name, options=options)
        return response, Context(topic.id, None, 0, tuple(o.intent for o in options))

    active = _active(bot, context)
    named = bot.matcher.named_treatments(analysis)

    switched = _switch_topic(bot, context, analysis, named) if active and switch else None
    if switched is not None:
        why = replace(
            base,
            context=f"kept the aspect '{context.aspect}' from the last answer",
            decision="a follow-up that changes only the treatment",
        )
        return _answer(bot, context, switched, 100.0, why)

    points_back = bool(_REFERS_BACK.search(normalized))
    if active and points_back and not named and not analysis.content and context.aspect:
        # "Is that normal?" after Xofigo's side effects: no word of its own but "that",
        # so it asks about what was just said.
        same = _intent_of(bot, context.topic or "", context.aspect)
        if same is not None:
            note = "no word of its own but one that points back: about the last answer"
            why = replace(base, context=f"kept '{same.id}' from the last answer", decision=note)
            return _answer(bot, context, same, 100.0, why)

    overview = _overview(bot, analysis, named)
    if overview is not None:
        why = replace(base, decision="names only a treatment: its overview")
        return _answer(bot, context, overview, 100.0, why)

    candidates = bot.matcher.score(analysis)
    context_note = ""
    if active and not named and context.topic:
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
        focused = _last_question_reading(bot, text, analysis)
        if focused is not None:
            candidates, note = focused
            why = replace(base, candidates=tuple(candidates), context=note)
    comparing = bool(set(analysis.content) & _COMPARES)
    if (
        len(named) > 1
        and not set(analysis.content) & _TOGETHER
        and (comparing or decide(candidates, k.thresholds).status != "answer")
    ):
        pair = _comparison(bot, analysis, named, comparing)
        if pair is not None:
            ranking = bool(set(analysis.content) & _RANKS)
            return _compare(bot, context, pair, why, ranking=ranking)
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
    return _answer(bot, context, intent, 100.0, why)


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


def _intent_of(bot: Bot, topic_id: str, aspect: str) -> Intent | None:
    """The intent of a topic that answers one aspect of it, if there is one."""
    return next((i for i in bot.knowledge.intents_of(topic_id) if i.aspect == aspect), None)


def _primary_topic(bot: Bot, named: frozenset[str]) -> Topic | None:
    """The topic most about the treatments named: Xofigo's own before Xofigo-after-Provenge."""
    topics = [t for t in bot.knowledge.topics if named and named <= set(t.terms)]
    return min(topics, key=lambda t: len(t.terms)) if topics else None


def _overview(bot: Bot, analysis: Analysis, named: frozenset[str]) -> Intent | None:
    """'Xofigo?' or 'tell me about Provenge': a question naming only a treatment."""
    if len(named) != 1 or any(w.replace("_", " ") not in named for w in analysis.content):
        return None
    topic = _primary_topic(bot, named)
    if topic is None:
        return None
    return _intent_of(bot, topic.id, WHAT_IS)


def _last_question_reading(
    bot: Bot, text: str, story: Analysis
) -> tuple[list[Candidate], str] | None:
    """A story that ends in a question, matched on that question alone, if that reading
    can be answered. The treatments the story names, and the other terms (a symptom,
    "mCRPC") of the sentence just before, fill in a question that leaves them unsaid ("He
    had Provenge. Last night a fever. Is that normal?"); a treatment the question names
    itself wins over the story's."""
    question = last_question(text)
    if question is None:
        return None
    focus = bot.matcher.analyze(normalize(question))
    if focus.unknown_terms:
        return None
    treatments = bot.matcher.topic_terms
    told = set() if bot.matcher.named_treatments(focus) else story.terms & treatments
    # Other subjects only from the nearest of the two sentences before the question that
    # names one: "He had chills last night. Is that normal?" is about the chills, not the
    # doctor or the mCRPC of the story's start.
    parts = sentences(text)
    before = parts[: len(parts) - 1 - parts[::-1].index(question)]
    for sentence in reversed(before[-STORY_REACH:]):
        said = bot.matcher.analyze(normalize(sentence))
        named = said.terms - treatments - bot.matcher.unknown
        if named:
            told |= named
            break
    extra = tuple(sorted(t.replace(" ", "_") for t in told - focus.terms))
    if not extra and not set(focus.content) - _QUESTION_WORDS:
        return None  # "What is that?" points back into the story: only the whole tells
    candidates = bot.matcher.score(focus, extra=extra)
    if decide(candidates, bot.knowledge.thresholds).status != "answer":
        return None
    return candidates, f"read its last question: '{focus.normalized}'"


def _comparison(
    bot: Bot, analysis: Analysis, named: frozenset[str], comparing: bool
) -> tuple[Candidate, ...] | None:
    """'Which causes nausea, Provenge or Xofigo?': the same aspect of each treatment the
    question names, when each treatment's own intents answer the question without the
    other's name. Best match first. 'Provenge vs Xofigo', which says nothing more, gets
    what each one is; 'Provenge and Xofigo?' does not (it may ask about taking both)."""
    k = bot.knowledge
    topics = [_primary_topic(bot, frozenset({t})) for t in sorted(named)]
    if any(t is None for t in topics):
        return None
    own = [t for t in topics if t is not None]
    if len({t.id for t in own}) < 2 or any(
        set(a.terms) & set(b.terms) for a in own for b in own if a is not b
    ):
        return None  # Provenge is the immunotherapy: naming both compares nothing
    picks: list[Candidate] = []
    for topic in own:
        others = {term.replace(" ", "_") for t in own if t is not topic for term in t.terms}
        alone = replace(
            analysis,
            content=tuple(w for w in analysis.content if w not in others | _COMPARING),
            terms=analysis.terms - {w.replace("_", " ") for w in others},
        )
        only = frozenset(i.id for i in k.intents_of(topic.id))
        if set(alone.content) <= {t.replace(" ", "_") for t in topic.terms}:
            # "Provenge or Xofigo, what's the difference?": what each one is
            what_is = _intent_of(bot, topic.id, WHAT_IS)
            if what_is is None or not comparing:
                return None
            picks.append(Candidate(what_is.id, 100.0, "", 1.0))
            continue
        decision = decide(bot.matcher.score(alone, only=only), k.thresholds)
        if decision.status != "answer":
            return None
        picks.append(decision.chosen[0])
    if len({k.intent(c.intent).aspect for c in picks}) != 1:
        return None
    return tuple(sorted(picks, key=lambda c: (-c.score, bot.matcher.order(c.intent))))


def _kind_reading(
    bot: Bot, context: Context, analysis: Analysis, why: Explanation
) -> tuple[Response, Context] | None:
    """'Can he have Xofigo while on docetaxel?': the documents never name docetaxel, but
    they do say whether Xofigo goes with chemotherapy, the kind of drug it is. Answered
    that way, with a note that says so, when the question read with the kind is answered,
    the answer speaks of that kind, and it is not about a treatment the question does not
    name ('docetaxel side effects' is not a question about Xofigo)."""
    k = bot.knowledge
    read = bot.matcher.as_kinds(analysis)
    drugs = {t.replace(" ", "_") for t in analysis.terms - read.terms} if read else set()
    if read is None or not set(analysis.content) - drugs - _QUESTION_WORDS:
        return None  # "what is Lupron?" asks about the drug itself
    said = f" {analysis.canonical} "
    if any(
        f" {verb} {drug} " in said for verb in ("is", "are") for drug in analysis.terms - read.terms
    ):
        return None  # so does "is Jevtana an immunotherapy?"
    candidates = bot.matcher.score(read)
    decision = decide(candidates, k.thresholds)
    if decision.status != "answer":
        return None
    top = decision.chosen[0]
    intent = k.intent(top.intent)
    topic = k.topic(intent.topic)
    unknown = [(a, b) for a, b in read.replacements if a in analysis.terms]
    if topic.conversational or not all(bot.matcher.uses(intent.id, b) for _, b in unknown):
        return None  # the answer must speak of the kind: "stop Lupron before Provenge?" no
    if topic.terms and not set(topic.terms) & bot.matcher.named_treatments(read):
        return None
    why = replace(
        why,
        canonical=read.canonical,
        replacements=read.replacements,
        candidates=tuple(candidates),
        decision=f"{decision.reason}; read " + ", ".join(f"{a} as {b}" for a, b in unknown),
        replayable=False,
    )
    response, following = _answer(bot, context, intent, top.score, why)
    names = " and ".join(analysis.unknown_terms)
    kinds = " and ".join(dict.fromkeys(b for _, b in unknown))
    note = k.message("kind_note", term=names, kind=kinds)
    return replace(response, text=f"{note}\n\n{response.text}"), following


def _contextual(bot: Bot, topic_id: str, analysis: Analysis) -> list[Candidate]:
    """Scores as if the question had named the topic of the conversation."""
    topic = bot.knowledge.topic(topic_id)
    if topic.conversational:
        return []
    only = frozenset(i.id for i in bot.knowledge.intents_of(topic_id))
    return bot.matcher.score(analysis, only=only, extra=topic.terms[:1])


@dataclass(frozen=True)
class Decision:
    status: Status
    chosen: tuple[Candidate, ...]
    reason: str


def decide(candidates: list[Candidate], limits: Thresholds) -> Decision:
    """Answer, clarify or fall back, from the ranked candidates and the thresholds."""
    top = candidates[0] if candidates else None
    if top is None:
        return Decision("fallback", (), "no intent shares a word with the question")
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    exact = next((c for c in candidates if c.exact), None)
    if exact is not None:
        return Decision("answer", (exact,), "the question is one of its examples, word for word")
    covered = 100 * top.coverage
    if covered < limits.coverage:
        reason = f"the best answer covers {covered:.0f}% of the question's words, "
        reason += f"under {limits.coverage:g}%: it asks something the documents do not say"
        return Decision("fallback", (), reason)
    if top.score >= limits.answer and top.score - runner_up >= limits.margin:
        reason = f"best score {top.score:.1f} >= {limits.answer:g}, ahead by "
        reason += f"{top.score - runner_up:.1f} >= {limits.margin:g}"
        return Decision("answer", (top,), reason)
    lead = top.score - runner_up
    # Chills and fever alone do not make a question about Provenge.
    long = top.words >= LONG_QUESTION and not top.unnamed
    if long and top.anchors and covered >= ANCHOR_COVERAGE and lead >= ANCHOR_LEAD:
        names = ", ".join(a.replace("_", " ") for a in top.anchors)
        reason = f"names {names}, which only this answer covers; it covers "
        reason += f"{covered:.0f}% of the question and leads by {lead:.1f}"
        return Decision("answer", (top,), reason)
    if (
        long
        and covered >= ANCHOR_COVERAGE
        and lead >= DOMINANT_LEAD
        and top.score >= DOMINANT_SCORE
    ):
        reason = f"best score {top.score:.1f}, but it covers {covered:.0f}% of the question "
        reason += f"and leads by {lead:.1f}"
        return Decision("answer", (top,), reason)
    if top.score >= limits.clarify:
        close = tuple(c for c in candidates[:MAX_OPTIONS] if top.score - c.score < limits.margin)
        if len(close) >= 2:
            return Decision("clarify", close, f"{len(close)} answers within {limits.margin:g}")
        return Decision("fallback", (), f"best score {top.score:.1f} < {limits.answer:g}, alone")
    return Decision("fallback", (), f"best score {top.score:.1f} < {limits.clarify:g}")


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
        return _answer(bot, context, k.intent(top.intent), top.score, why)
    if decision.status == "clarify" and (umbrella := _umbrella(bot, decision.chosen)):
        # "What support groups are there?" is close to the overview and to one group; the
        # overview names them all, and its follow-ups lead on to each.
        why = replace(why, decision=f"{decision.reason}: {umbrella.id} covers the others")
        return _answer(bot, context, umbrella, decision.chosen[0].score, why)
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
        return response, replace(_aged(context), choices=tuple(o.intent for o in options))
    return _fallback(bot, context, named, candidates, why, text)


def _compare(
    bot: Bot, context: Context, pair: tuple[Candidate, ...], why: Explanation, *, ranking: bool
) -> tuple[Response, Context]:
    """One answer that puts the same aspect of two treatments side by side; one that asks
    which is better first says that the documents do not rank them."""
    k = bot.knowledge
    parts = [_answer(bot, context, k.intent(c.intent), c.score, why)[0] for c in pair]
    shown = {c.intent for c in pair}
    turns = range(max(len(r.follow_ups) for r in parts))  # each treatment's in turn
    offers = [r.follow_ups[n] for n in turns for r in parts if n < len(r.follow_ups)]
    follow_ups = tuple(dict.fromkeys(o for o in offers if o.intent not in shown))[:MAX_FOLLOW_UPS]
    aspect = k.aspect(k.intent(pair[0].intent).aspect)
    names = " and ".join(k.topic(k.intent(c.intent).topic).name for c in pair)
    names = names if aspect is None else f"{names}: {aspect.name}"
    text = "\n\n".join(
        f"{k.intent(c.intent).title}\n{part.text}" for c, part in zip(pair, parts, strict=True)
    )
    if ranking:
        treatments = " and ".join(k.topic(k.intent(c.intent).topic).name for c in pair)
        text = f"{k.message('no_ranking', treatments=treatments)}\n\n{text}"
    compared = "compares " + " and ".join(c.intent for c in pair)
    why = replace(
        why,
        decision=f"{why.decision}; {compared}" if why.decision else compared,
        replayable=False,
    )
    response = Response(
        "answer",
        text,
        intent=pair[0].intent,
        score=pair[0].score,
        about=names,
        sources=tuple(dict.fromkeys(s for r in parts for s in r.sources)),
        follow_ups=follow_ups,
        explanation=why,
    )
    first = k.intent(pair[0].intent)  # "and Provenge?" keeps the aspect compared
    return response, Context(first.topic, first.aspect, 0, tuple(o.intent for o in follow_ups))


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
    topic = _primary_topic(bot, named)
    refers_back = _active(bot, context) and _REFERS_BACK.search(why.normalized)
    if topic is None and context.topic and refers_back:
        topic = k.topic(context.topic)  # "how much does it cost?" after a Xofigo answer
    if topic is not None and not topic.conversational:
        options = _topic_options(bot, topic, candidates)
        response = Response(
            "fallback",
            k.message("fallback_topic", topic=topic.name, question=_quoted(text)),
            score=best,
            about=topic.name,
            options=options,
            explanation=replace(why, decision=f"{why.decision}; offering what {topic.id} covers"),
        )
        return response, Context(topic.id, None, 0, tuple(o.intent for o in options))
    response = Response("fallback", k.message("fallback"), score=best, explanation=why)
    return response, replace(_aged(context), choices=())


def _answer(
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
        following = replace(_aged(context), choices=tuple(o.intent for o in follow_ups))
    else:
        following = Context(intent.topic, intent.aspect, 0, tuple(o.intent for o in follow_ups))
    return response, following


def _topic_options(bot: Bot, topic: Topic, candidates: list[Candidate]) -> tuple[Option, ...]:
    """What a topic's intents answer, the best-matching one first."""
    k = bot.knowledge
    offered = [c.intent for c in candidates if k.intent(c.intent).topic == topic.id][:1]
    offered += [i.id for i in k.intents_of(topic.id) if i.id not in offered]
    return tuple(Option(i, k.intent(i).title) for i in offered[:MAX_TOPIC_OPTIONS])


def _quoted(text: str) -> str:
    """The user's question as the bot repeats it: clean, and not too long."""
    shown = clean_input(text).rstrip("?!. ")
    return shown if len(shown) <= QUOTED_CHARS else shown[: QUOTED_CHARS - 1].rstrip() + "…"


def _active(bot: Bot, context: Context) -> bool:
    """Whether the conversation's topic is still fresh enough to fill in a follow-up."""
    return context.topic is not None and context.age < bot.knowledge.thresholds.context_turns


def _aged(context: Context) -> Context:
    return replace(context, age=context.age + 1)
