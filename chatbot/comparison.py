"""Two treatments side by side: "which causes nausea, Provenge or Xofigo?", "Provenge vs
Xofigo", and "which is better?", which the documents never rank."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from chatbot.decision import decide
from chatbot.matcher import Analysis, Candidate
from chatbot.normalize import QUESTION_STARTS, last_question, normalize, stem
from chatbot.replies import (
    WHAT_IS,
    Context,
    Explanation,
    Response,
    combined,
    intent_of,
    primary_topic,
)

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

RANKS = frozenset(stem(w) for w in "better worse best worst safer safest stronger".split())
"""Words that ask which of two treatments wins: the documents never rank them."""
COMPARES = RANKS | frozenset(
    stem(w) for w in "difference different differ compare compared comparison vs versus".split()
)
"""Words that set two treatments side by side ("Provenge vs Xofigo")."""
TOGETHER = frozenset(
    stem(w)
    for w in "combine combined combining combination together after before then "
    "first follow followed following switch sequence order".split()
)
"""Words that ask about two treatments as one plan: never a comparison."""
ONLY_PUT = frozenset(
    stem(w)
    for w in "what tell explain you me please like plain english simple terms words layman".split()
)
"""Words that only put a request ("can you tell me ... in plain english"): a comparison
that says nothing else asks what each treatment is."""
EACH_OF_TWO = re.compile(
    r"\b(?:of|for|about|on) both\b|\band (?:the )?\w+ both of them(?: please| pls| thanks)?$"
)
"""'Both' as each of two: "the side effects of both provenge and xofigo", "of provenge and
xofigo both of them"; not "can he do both", which asks about taking both."""
OR_BOTH = re.compile(r"\bor (?:like |maybe |even )?both\b")
"""'Both' as the last of the alternatives: "a candidate for xofigo or provenge or both"
asks of each, not of taking both."""


LIKENED = re.compile(r"\b(?:the )?same (?:thing |drug |one |treatment |medicine |stuff )?as\b")
"""Whether one thing is another: "is xofigo the same as provenge" sets the two side by
side; "is the prostate vaccine the same as provenge", of one treatment, asks what it is."""


def compares(analysis: Analysis) -> bool:
    """Whether a question sets treatments side by side: "Provenge vs Xofigo", "the side
    effects of both Provenge and Xofigo" (each one's, not of taking both), "is Xofigo the
    same as Provenge"."""
    if set(analysis.content) & COMPARES:
        return True
    return bool(EACH_OF_TWO.search(analysis.canonical) or LIKENED.search(analysis.canonical))


COMPARING = COMPARES | {stem(w) for w in "which both either between same similar alike".split()}
"""Words each treatment's own answer does without, when two are compared."""


def comparison(
    bot: Bot, analysis: Analysis, named: frozenset[str], comparing: bool, text: str
) -> tuple[Candidate, ...] | None:
    """'Which causes nausea, Provenge or Xofigo?': the same aspect of each treatment the
    question (`text`) names, when each treatment's own intents answer the question without
    the other's name. Best match first. 'Provenge vs Xofigo', which says nothing more, gets
    what each one is; 'Provenge and Xofigo?' does not (it may ask about taking both)."""
    return _side_by_side(bot, analysis, named, comparing) or _story_comparison(bot, text, named)


def _side_by_side(
    bot: Bot, analysis: Analysis, named: frozenset[str], comparing: bool
) -> tuple[Candidate, ...] | None:
    k = bot.knowledge
    topics = [primary_topic(bot, frozenset({t})) for t in sorted(named)]
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
            content=tuple(w for w in analysis.content if w not in others | COMPARING),
            terms=analysis.terms - {w.replace("_", " ") for w in others},
        )
        only = frozenset(i.id for i in k.intents_of(topic.id))
        if set(alone.content) - ONLY_PUT <= {t.replace(" ", "_") for t in topic.terms}:
            # "Provenge or Xofigo, what's the difference?": what each one is
            what_is = intent_of(bot, topic.id, WHAT_IS)
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


def _story_comparison(bot: Bot, text: str, named: frozenset[str]) -> tuple[Candidate, ...] | None:
    """A story that names two treatments and ends in a question that compares them ("Both
    Provenge and Xofigo came up at his visit. What's the difference between them?"):
    that question's comparison, of the story's treatments."""
    question = last_question(text)
    if question is None:
        return None
    focus = bot.matcher.analyze(normalize(question))
    if not compares(focus) or focus.unknown_terms or set(focus.content) & TOGETHER:
        return None
    asked = tuple(w for w in focus.content if w not in QUESTION_STARTS)  # "what's the..."
    return _side_by_side(bot, replace(focus, content=asked), named, comparing=True)


def compare(
    bot: Bot, context: Context, pair: tuple[Candidate, ...], why: Explanation, *, ranking: bool
) -> tuple[Response, Context]:
    """One answer that puts the same aspect of two treatments side by side; one that asks
    which is better first says that the documents do not rank them."""
    k = bot.knowledge
    lead = ""
    if ranking:
        treatments = " and ".join(k.topic(k.intent(c.intent).topic).name for c in pair)
        lead = k.message("no_ranking", treatments=treatments)
    compared = "compares " + " and ".join(c.intent for c in pair)
    why = replace(why, decision=f"{why.decision}; {compared}" if why.decision else compared)
    return combined(bot, context, pair, why, lead=lead)
