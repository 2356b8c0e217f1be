"""Several questions in one message: "what is xofigo and who can get it", "benefits and
side effects of provenge?", "How does it work? Is it safe? How much does it cost?".

The message is cut into its asks (its question sentences, and the parts of each joined by
"and", "also" or a comma). Each ask is matched on its own, with the treatment the
message names filled in where the ask leaves it unsaid. When two or more asks are each
answered, the reply gives every answer under its title; an ask the documents do not
answer is named at the end, so that nothing asked is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from chatbot.comparison import RANKS, compares, comparison
from chatbot.decision import Decision, decide
from chatbot.followups import SWITCH
from chatbot.matcher import Analysis, Candidate
from chatbot.message_parts import Ask, asks_of, opens_question
from chatbot.normalize import QUESTION_STARTS, normalize, sentences
from chatbot.part_subjects import part_subjects, same_ask
from chatbot.replies import (
    CANDIDATES,
    Context,
    Explanation,
    Response,
    combined,
    quoted,
)

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

RELATIONS = frozenset(("sequencing", "combining", "chemotherapy"))
"""Aspects that relate two things ("xofigo and provenge together"): one ask, never cut."""
MIN_ASKS = 2
COMFORT = frozenset(("feelings",))
"""Aspects that comfort rather than answer."""
SHORT_PART = 3
"""A part with no question word asks only when it is this short and holds an ask word:
"benefits and side effects of provenge"."""
_FILLER = frozenset(("lik",))
""""Like" said as filler: "okay so like | what are the side effects" says one thing."""


@dataclass(frozen=True)
class AskReading:
    """What each ask of a message found: the answers, and what the documents don't say."""

    picks: tuple[Candidate, ...]
    unanswered: tuple[str, ...]
    parts: int
    alone: bool = False
    """Whether the one answer's part is all the message asks: the rest only tells of
    someone, greets or thanks ("thanks, and what is provenge")."""

    comforts: bool = False
    """Whether the one answer is comfort for a feeling, not an answer to a question."""

    @property
    def several(self) -> bool:
        """Whether the message asks more than one thing that deserves an answer or a word:
        not "Is it hereditary? I'm worried", a question the documents don't answer told
        with a feeling."""
        if len(self.picks) >= MIN_ASKS:
            return True
        return bool(self.picks and self.unanswered) and not self.comforts


def read_asks(bot: Bot, text: str) -> AskReading | None:
    """Each ask of a message matched on its own, or None for a message of one part."""
    parts = asks_of(text)
    if len(parts) < MIN_ASKS:
        return None
    matcher, k = bot.matcher, bot.knowledge
    analyses = [matcher.analyze(normalize(p.text)) for p in parts]
    # a treatment named inside an uncovered phrase still names the message's subject:
    # "what does provenge cost | and what are the side effects"
    named = [
        sorted(matcher.named_treatments(a) | matcher.treatments_in(a.normalized)) for a in analyses
    ]
    subjects = part_subjects(named, analyses)
    picks: list[Candidate] = []
    unanswered: list[str] = []
    others = 0
    thin = False
    alone_sentence = len(sentences(text)) == 1
    if any(set(a.content) & RANKS and set(a.content) <= RANKS | QUESTION_STARTS for a in analyses):
        return None  # "side effects provenge vs xofigo, which is worse": one comparison
    saying = 0  # parts that say something: "um so | what is this xofigo thing" is one
    # each treatment named in a part that asks of it alone: "who is the immune therapy for
    # | and who is the radium for"; not "i had provenge last year. | can i get xofigo now"
    each_asks = all(p.asks and len(n) == 1 for p, n in zip(parts, named, strict=True) if n)
    for at, (part, analysis) in enumerate(zip(parts, analyses, strict=True)):
        own = named[at]
        rest = [w for w in analysis.content if w not in {t.replace(" ", "_") for t in own}]
        switched = SWITCH.match(analysis.normalized)
        if switched and set(rest) <= QUESTION_STARTS:
            rest = []  # "what about xofigo, does it help": the subject of the next part
        saying += bool(set(analysis.content) - _FILLER)
        same = same_ask(bot, parts, at, named, picks) if not rest else None
        if same is not None:  # "side effects of xofigo? and of provenge?"
            picks.append(same)
            continue
        if not rest or (part.tells and at < len(parts) - 1):
            continue  # "and xofigo" asks nothing here; "he had provenge" tells
        aspects = bot.aspects_asked(analysis.content, analysis.canonical)
        # Of a part that leans on the message's treatment, the words of an ask put in a
        # phrase ("make him feel like afterwards") are the ask; a single word ("safe") may
        # be said of something else ("safe to hold her")
        content = set(analysis.content)
        put = {w for _, needed in bot.asks if len(needed) > 1 and needed <= content for w in needed}
        put = (put | QUESTION_STARTS) if not own else set()
        short_ask = (
            (part.asks or alone_sentence)
            and len([w for w in rest if w not in put]) <= SHORT_PART
            and bool(aspects)
        )  # "pros n risks of the radium shot", "what can it make him feel like afterwards";
        # not "we tried hormone shots, a trial, ..."
        opens = opens_question(part.text)
        later = any(opens_question(p.text) for p in parts[at + 1 :])
        if short_ask and not opens and set(aspects) <= {CANDIDATES} and later:
            continue  # "the hormone therapy stopped working, | what are the options": a
            # condition told before the question that asks of it
        if not short_ask and (not opens or (not part.asks and at < len(parts) - 1)):
            # "every month?", "the cancer went to his liver": no ask of its own; but
            # "thanks", "hi there" say nothing that the answer leaves out
            others += not _small_talk(bot, analysis)
            continue
        if analysis.unknown_terms:
            unanswered.append(" and ".join(analysis.unknown_terms))
            continue
        comparing = compares(analysis)
        pair = comparison(bot, analysis, frozenset(own), comparing, "") if len(own) > 1 else None
        if pair is not None:  # "what's the difference between provenge and xofigo, ..."
            picks += pair
            continue
        extra = tuple(t.replace(" ", "_") for t in subjects[at] if t not in own)
        ranked = matcher.score(analysis, extra=extra)
        decision = decide(ranked, k.thresholds)
        if short_ask and (len(set().union(*named)) <= 1 or (len(own) == 1 and each_asks)):
            # "what is provenge and what should we look out for": a short part is its ask;
            # its frame, with the one treatment of the message or the one it names
            # ("who is the immune therapy for and who is the radium for"), names its answer
            decision = _framed_part(bot, analysis, part.text, extra, ranked) or decision
        if decision.status != "answer" and extra:
            # "he is on provenge, where can we find a support group": help for anyone,
            # whatever treatment the story names
            unbound = decide(matcher.score(analysis), k.thresholds)
            if (
                unbound.status == "answer"
                and not k.topic(k.intent(unbound.chosen[0].intent).topic).terms
            ):
                decision = unbound
        if decision.status != "answer":
            others += 1
            if opens_question(part.text) and len(analysis.content) >= MIN_ASKS:
                unanswered.append(f'"{quoted(part.text)}"')
        elif not k.topic(k.intent(decision.chosen[0].intent).topic).conversational:
            said = [w for w in rest if w not in QUESTION_STARTS]
            if len(said) < MIN_ASKS and not own and not short_ask and not analysis.terms:
                thin = True  # "is that from the drug", "what is that called": the
                continue  # story around it tells what it asks, not this part alone;
                # not "is there something for my wife, she's taking care of me" (caregiver)
            picks.append(decision.chosen[0])  # "thanks, and ...": no part of the answer
            relation = k.intent(decision.chosen[0].intent).aspect in RELATIONS
            if relation and (_cut(parts, named, subjects, at) or set(analysis.content) & RANKS):
                return None  # "can he take xofigo and provenge together": one ask, cut
    if saying < MIN_ASKS:
        return None
    chosen = tuple({c.intent: c for c in picks}.values())
    alone = len(chosen) == 1 and not others and not unanswered and not thin
    comforts = len(chosen) == 1 and k.intent(chosen[0].intent).aspect in COMFORT
    return AskReading(chosen, tuple(dict.fromkeys(unanswered)), len(parts), alone, comforts)


def several(bot: Bot, context: Context, reading: AskReading, text: str) -> tuple[Response, Context]:
    """One reply to a message of several asks: each answer under its title, then what the
    documents do not say."""
    k = bot.knowledge
    tail = ""
    if reading.unanswered:
        tail = k.message("part_unanswered", question=" or ".join(reading.unanswered))
    listed = ", ".join(c.intent for c in reading.picks)
    missing = f"; not in the documents: {', '.join(reading.unanswered)}"
    why = Explanation(
        normalized=normalize(text),
        decision=f"asks {reading.parts} things: answered {listed}"
        + (missing if reading.unanswered else ""),
    )
    titled = len(reading.picks) > 1
    return combined(bot, context, reading.picks, why, tail=tail, titled=titled)


def _small_talk(bot: Bot, analysis: Analysis) -> bool:
    """Whether a part is small talk: "thanks", "hello", "ok"."""
    decision = decide(bot.matcher.score(analysis), bot.knowledge.thresholds)
    k = bot.knowledge
    return (
        decision.status == "answer"
        and k.topic(k.intent(decision.chosen[0].intent).topic).conversational
    )


def _cut(parts: list[Ask], named: list[list[str]], subjects: list[list[str]], at: int) -> bool:
    """Whether a part that asks of an order or a combination was cut from what it relates:
    it does not open as a question of its own ("can he have provenge | and chemotherapy at
    the same time"), or it names one treatment and another part of its sentence another
    ("can he take xofigo | and provenge together"). Not "what is xofigo, | is it safe with
    chemo", nor "can xofigo be given with chemo? | and can provenge?"."""
    if not opens_question(parts[at].text):
        return True
    own = named[at]
    if len(set(own) | set(subjects[at])) > 1:
        return False  # "what is xofigo, | can i have it after provenge": "it" is Xofigo
    one = parts[at].sentence
    return len(own) == 1 and any(
        n and n != own for n, p in zip(named, parts, strict=True) if p.sentence == one
    )


def _framed_part(
    bot: Bot, analysis: Analysis, text: str, extra: tuple[str, ...], ranked: list[Candidate]
) -> Decision | None:
    """The answer a part's frame names, the message's treatment (`extra`) standing in for
    one the part leaves unsaid."""
    from chatbot.frame import frame_answer  # the frame reads parts with this module
    from chatbot.question_frame import read_frame

    frame = read_frame(bot, analysis, text)
    if not frame.subjects:
        frame = replace(frame, subjects=tuple(sorted(w.replace("_", " ") for w in extra)))
    if len(frame.subjects) != 1 or COMFORT & set(frame.asks):
        return None  # of one treatment; a feeling told is no part that asks
    found = frame_answer(bot, Context(), frame, analysis, ranked)
    if found is None:
        return None
    intent, score = found
    return Decision("answer", (Candidate(intent.id, score, "", 1.0),), "the part's frame")
