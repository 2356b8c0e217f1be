"""A question read as a frame: which subjects it names, which asks it puts, what the
documents don't cover, and which of its words fit none of these. What a frame answers is
chatbot/frame.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chatbot.common_words import COMMON_WORDS
from chatbot.comparison import LIKENED
from chatbot.matcher import Analysis
from chatbot.message_parts import opens_question
from chatbot.normalize import QUESTION_STARTS, last_question, normalize, stem
from chatbot.replies import FEELINGS, WHAT_IS

if TYPE_CHECKING:
    from chatbot.dialogue import Bot

EVERYDAY = frozenset(stem(w) for w in COMMON_WORDS)
"""Everyday English, as the matcher stems it."""

OVERVIEW_ASKED = re.compile(r"\bwhat (?:exactly |actually )?(?:is|are)\b|\b(?:tell|explain)\b")
"""How a message that names a subject and asks nothing else asks for its overview:
"what's the deal with...", "tell me about..."; not "what happens if he misses one"."""
PAIR_WORDS = ("both", "two", "2", "pair")
"""The words that speak of two treatments without naming them: "can he have them both"."""
PAIR = re.compile(r"\b(?:both|the (?:" + "|".join(PAIR_WORDS[1:]) + r"))(?: of them)?\b")
WHAT_IS_PUT = re.compile(
    r"\bwhat (?:it|that|this|they) (?:is|are|does|do)\b(?! for)"
    r"|\bwhat (?:does|do) (?:it|that|this|they) do\b(?! for)"
)
"""What a thing is, asked in a clause of its own: "I want to know what it does and if it's
safe" asks both. Not "what is the risk", where "what is" only puts the question, nor "what
does it do for you", which asks its benefits."""

WHAT_IS_LAST = re.compile(
    r"\bwhat (?:is|s) (?:that|it|this)(?: one)?(?: exactly| actually| really| even)?$"
    r"|\bwhat (?:exactly |actually |even )(?:is|s) (?:that|it|this)(?: one)?$"
)
"""What a thing is, asked last, of the treatment the story named: "they stopped working
and the doctor wants to try the immune one, what is that exactly". What the story told
before ("stopped working") asks nothing."""


@dataclass(frozen=True)
class Frame:
    subjects: tuple[str, ...]
    asks: tuple[str, ...]
    uncovered: tuple[str, ...]
    ignored: tuple[str, ...]
    questions: bool = False
    """Whether the message puts a question in words ("?", or a question word first)."""
    overview: bool = False
    """Whether the message asks for an overview, or puts no question word at all."""
    what_is_put: bool = False
    """Whether it asks what a thing is in a clause of its own (WHAT_IS_PUT)."""
    about_feeling: bool = False
    """Whether its question asks only of the feeling it tells ("is it normal I get angry")."""
    pair: bool = False
    """Whether it speaks of two treatments without naming them ("can he have both")."""

    def summary(self) -> str:
        """The frame in a line, for `/why`."""
        parts = [
            f"subjects: {', '.join(self.subjects) or '-'}",
            f"asks: {', '.join(self.asks) or '-'}",
        ]
        if self.uncovered:
            parts.append(f"not in the documents: {', '.join(self.uncovered)}")
        if self.ignored:
            parts.append(f"ignored: {' '.join(self.ignored)}")
        return "; ".join(parts)


def read_frame(bot: Bot, analysis: Analysis, text: str) -> Frame:
    """The frame of a question (`text`) the matcher has analysed."""
    subjects = tuple(sorted(bot.matcher.named_treatments(analysis)))
    asks = bot.aspects_asked(analysis.content, analysis.canonical)
    felt = _felt(bot, analysis.content) if FEELINGS & set(asks) else frozenset()
    if felt - _felt(bot, analysis.content, feeling=False) and not subjects:
        # "I'm exhausted and I feel guilty": with a feeling said in words of its own,
        # "exhausted" says a feeling too, not the fatigue of a treatment never named
        # (but "he has no pain, just tired" may still tell of side effects)
        rest = tuple(w for w in analysis.content if w not in felt)
        told = bot.aspects_asked(rest, analysis.canonical)
        asks = tuple(a for a in asks if a in FEELINGS or a in told)
    if FEELINGS & set(asks) and (not analysis.terms or _about_it_only(bot, analysis)):
        # "I feel terrible about it", "nervous about the radium one, I'm real nervous about
        # it": a feeling told about something, not a question of what something is; but
        # "castration resistant, what does that mean" asks it
        asks = tuple(a for a in asks if a != WHAT_IS)
    if subjects and WHAT_IS_LAST.search(analysis.normalized):
        asks = (WHAT_IS,)
    same = len(subjects) == 1 and analysis.canonical.count(subjects[0]) > 1
    if same and LIKENED.search(analysis.canonical):
        asks = (WHAT_IS,)  # two names the lexicon reads as one treatment: what it is
    asked = {w for aspect, words in bot.asks if aspect in asks for w in words}
    terms = {t.replace(" ", "_") for t in analysis.terms}
    ignored = tuple(w for w in analysis.content if w not in asked and w not in terms)
    words = analysis.normalized.split()
    questions = "?" in text or opens_question(text)
    overview = bool(OVERVIEW_ASKED.search(analysis.normalized)) or not (
        set(words) & QUESTION_STARTS
    )
    put = bool(WHAT_IS_PUT.search(analysis.normalized))
    about_feeling = bool(felt) and _asks_of_feeling(bot, text, felt)
    pair = bool(PAIR.search(analysis.canonical))
    return Frame(
        subjects,
        asks,
        analysis.unknown_terms,
        ignored,
        questions,
        overview,
        put,
        about_feeling,
        pair,
    )


def _about_it_only(bot: Bot, analysis: Analysis) -> bool:
    """Whether a message asks what a thing is only by being "about it"."""
    told = f" {analysis.canonical} ".replace(" about it ", " ").strip()
    return WHAT_IS not in bot.aspects_asked(analysis.content, told)


def _felt(bot: Bot, content: tuple[str, ...], *, feeling: bool = True) -> frozenset[str]:
    """The words of `content` that say a feeling (or, not `feeling`, that put other asks)."""
    words = set(content)
    return frozenset(
        w
        for aspect, needed in bot.asks
        if (aspect in FEELINGS) == feeling and needed <= words
        for w in needed
    )


IS_IT_NORMAL = re.compile(
    r"^(?:is it|is that|is this|am i|is it just me or is it|would it be) (?:normal|ok|okay|wrong"
    r"|bad|weird|strange|selfish|natural|common|usual|terrible|awful)\b"
)
"""A question whether a feeling is all right to have: its other words only tell when it
comes ("is it normal that i cry in the car after every appointment")."""


def _asks_of_feeling(bot: Bot, text: str, felt: frozenset[str]) -> bool:
    """Whether the question a message puts asks only of the feeling it tells ("is that
    awful of me?", "is it normal I get angry"): no word of it but the feeling's, and
    everyday ones; or whether the feeling is normal, whenever it comes."""
    question = normalize(last_question(text) or text)
    content = bot.matcher.analyze(question, correct=False).content
    if IS_IT_NORMAL.match(question) and felt & set(content):
        return True
    if _WHAT_IS_IT.match(question):
        return False  # "...too scared to ask anything. What is it actually?"
    return not set(content) - felt - _felt(bot, content) - EVERYDAY - QUESTION_STARTS


_WHAT_IS_IT = re.compile(r"^what (?:is|are) (?:it|that|this|they)\b")
