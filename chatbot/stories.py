"""Questions told inside a story: the question a story ends with, and a drug the documents
do not name read as the kind of drug it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from chatbot.decision import decide
from chatbot.matcher import Analysis, Candidate
from chatbot.normalize import last_question, normalize, sentences
from chatbot.replies import Context, Explanation, Response, answer, primary_topic, umbrella

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

STORY_REACH = 2
QUESTION_WORDS = frozenset("what how why who when where which".split())
_ASKING = frozenset("can could should is does will would what how who are do".split())
_ASKER = frozenset("he i we she you my his her".split())
_POINTING = frozenset("it its this that they them these those".split())
_LEANING = _POINTING | frozenset("too also with alongside together plus".split())
"""Words of a question that lean on the story's drug: "can he take xofigo with it too"."""
_HELP_ASKED = re.compile(
    r"\b(?:help|helps|assistance|support|group|groups|charity|charities|programs?|copay"
    r"|organi[sz]ations?|foundations?|resources)\b"
)
"""Words that ask for help: only then is help for anyone an answer beside a treatment."""
TOLD_FIRST = 4
"""How many words of telling come before the question of a dictated run-on."""

Responder = Callable[["Bot", Context, str, str], tuple[Response, Context]]
"""The dialogue's reading of one question: (bot, context, text, normalised)."""


def run_on_question(text: str) -> str | None:
    """The question a dictated run-on ends with ("his psa keeps going up on the lupron
    shots and its in his spine um can he get xofigo"): from the last word that opens a
    question before someone or a treatment, when words of telling come first."""
    words = normalize(text).split()
    for at in range(len(words) - 2, TOLD_FIRST - 1, -1):
        if words[at] in _ASKING and words[at + 1] in _ASKER:
            asked = words[at:]
            return " ".join(asked)
    return None


def last_question_reading(
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
    if not extra and not set(focus.content) - QUESTION_WORDS:
        return None  # "What is that?" points back into the story: only the whole tells
    k = bot.knowledge
    candidates = bot.matcher.score(focus, extra=extra)
    if decide(candidates, k.thresholds).status == "answer":
        return candidates, f"read its last question: '{focus.normalized}'"
    if not extra:
        return None
    # "...provenge might be next for me. Where can I find people to talk to who get it?":
    # help for anyone, whatever treatment the story names (of a close call, only one
    # whose overview covers the others)
    candidates = bot.matcher.score(focus)
    decision = decide(candidates, k.thresholds)
    topic = k.topic(k.intent(decision.chosen[0].intent).topic) if decision.chosen else None
    if topic is None or topic.terms or topic.conversational:
        return None
    if decision.status != "answer" and not umbrella(bot, decision.chosen):
        return None
    return candidates, f"read its last question: '{focus.normalized}'"


def kind_reading(
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
    if read is None or not set(analysis.content) - drugs - QUESTION_WORDS:
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
    response, following = answer(bot, context, intent, top.score, why)
    names = " and ".join(analysis.unknown_terms)
    kinds = " and ".join(dict.fromkeys(b for _, b in unknown))
    note = k.message("kind_note", term=names, kind=kinds)
    return replace(response, text=f"{note}\n\n{response.text}"), following


def told_term_reading(
    bot: Bot,
    context: Context,
    analysis: Analysis,
    text: str,
    why: Explanation,
    respond: Responder,
) -> tuple[Response, Context] | None:
    """'Been on Lupron 3 years. Now the scan shows it in his spine. Doc mentioned Xofigo.
    What is it?': a drug of a kind the documents cover, told in the story but not in the
    question it ends with, is part of the story. The question is answered as it would be
    on its own, the story's treatments standing in for one it leaves unsaid, with a line
    that names the drug. Not so other subjects: "My sister has ovarian cancer. Is there
    one for her?" asks of the story's subject. A question that names a treatment itself
    ("...the scan shows spots on his ribs um can he get xofigo") is read by `respond`, as
    if it were asked alone."""
    from chatbot.frame import framed  # the frame reads stories with this module
    from chatbot.question_frame import read_frame

    question = last_question(text) or run_on_question(text)
    drug = bot.matcher.as_kinds(analysis) is not None
    told = analysis.terms & bot.matcher.unknown <= bot.matcher.told
    if question is None or not (drug or told):
        return None  # an illness: "he had a heart attack, can he get xofigo"
    focus = bot.matcher.analyze(normalize(question))
    if focus.unknown_terms or not focus.content:
        return None
    k = bot.knowledge
    names = " and ".join(analysis.unknown_terms)
    own = primary_topic(bot, bot.matcher.named_treatments(focus))
    if own is not None and not set(focus.normalized.split()) & _LEANING:
        # of the treatments it names: not Xofigo-after-Provenge for one
        response, following = respond(bot, context, question, normalize(question))
        if response.intent and k.intent(response.intent).topic == own.id:
            alone = response.explanation.decision
            note = f"the story names {names}; its question, read alone: {alone}"
            why = replace(response.explanation, decision=note, replayable=False)
            text = f"{response.text}\n\n{k.message('told_term', term=names)}"
            return replace(response, text=text, explanation=why), following
    found = last_question_reading(bot, text, analysis) if question in sentences(text) else None
    if found is not None:
        candidates, note = found
        top = candidates[0]
        intent, score = k.intent(top.intent), top.score
        why = replace(why, candidates=tuple(candidates), context=note)
    elif not drug:
        return None
    else:
        frame = read_frame(bot, analysis, text)
        cells = framed(bot, context, frame, analysis, [], text, ())
        if cells is None or len(cells[0]) != 1:
            return None
        intent, score = cells[0][0], cells[1]
        why = replace(why, context=cells[2])
    if k.topic(intent.topic).conversational:
        return None
    note = f"the story names {names}; its question is answered"
    why = replace(why, decision=note, replayable=False)
    response, following = answer(bot, context, intent, score, why)
    note = k.message("told_term", term=names)
    return replace(response, text=f"{response.text}\n\n{note}"), following


def help_for_anyone(bot: Bot, analysis: Analysis, named: frozenset[str]) -> Candidate | None:
    """The help for anyone a question asks for beside the treatment it names ("any help
    with copays for his provenge"), as it would be read without that name: only the
    treatment's own answers are matched against a question that names one."""
    if not named or not _HELP_ASKED.search(analysis.canonical):
        return None  # "is provenge covered by insurance" asks no help
    k = bot.knowledge
    words = {t.replace(" ", "_") for t in named}
    unbound = replace(
        analysis,
        content=tuple(w for w in analysis.content if w not in words),
        terms=analysis.terms - named,
    )
    decision = decide(bot.matcher.score(unbound), k.thresholds)
    chosen = decision.chosen[0] if decision.status == "answer" and unbound.content else None
    if decision.status == "clarify" and (over := umbrella(bot, decision.chosen)):
        chosen = replace(decision.chosen[0], intent=over.id)  # its overview covers the others
    if chosen is None:
        return None
    topic = k.topic(k.intent(chosen.intent).topic)
    return None if topic.terms or topic.conversational else chosen
