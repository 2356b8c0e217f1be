"""Text normalisation shared by knowledge loading and matching: one canonical form of text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chatbot.chat_speak import read_chat

MAX_INPUT_CHARS = 500
"""Longer input is cut here: no real question is longer, and matching stays instant."""

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences: colours, cursor moves
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC sequences: titles, hyperlinks
    r"|\x1b[@-Z\\-_]"  # two-character escapes
)
_CONTRACTIONS = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
    "ain't": "is not",
    "n't": " not",
    "'re": " are",
    "'m": " am",
    "'ll": " will",
    "'ve": " have",
    "'d": " would",
    "let's": "let us",
    "what's": "what is",
    "who's": "who is",
    "how's": "how is",
    "where's": "where is",
    "when's": "when is",
    "that's": "that is",
    "there's": "there is",
    "it's": "it is",
    "he's": "he is",
    "she's": "she is",
}
# A contraction ends a word: the "'m" of "says 'mCRPC'" is not "am". A whole word
# ("what's") also starts one; an ending ("n't", "'re") follows any word.
_CONTRACTION = re.compile(
    f"(?=[{re.escape(''.join(sorted({k[0] for k in _CONTRACTIONS})))}])"  # a quick first test
    "(?:"
    + "|".join(
        ("" if k[0] in "'n" else r"\b") + re.escape(k)
        for k in sorted(_CONTRACTIONS, key=len, reverse=True)
    )
    + ")(?![a-z0-9])"
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_BARE_CONTRACTIONS = {
    "cant": "can not",
    "aint": "is not",
    "cnt": "can not",
    "cannot": "can not",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "wont": "will not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "havent": "have not",
    "hasnt": "has not",
    "im": "i am",
    "ive": "i have",
    "whats": "what is",
    "whos": "who is",
    "hows": "how is",
    "wheres": "where is",
    "thats": "that is",
    "theres": "there is",
    "hes": "he is",
    "shes": "she is",
}
"""Contractions typed without their apostrophe, as people often type."""


_APOSTROPHES = str.maketrans(
    dict.fromkeys("\u2019\u2018`\u00b4\u02bc\u2032\u201b\u02b9\u05f3", "'")
)
"""Look-alikes of the apostrophe that phones and keyboards type: "can\u00b4t", "won\u02bct"."""
_ASCII_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")


def clean_input(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Make raw user input safe to show and to match: no escapes or control characters."""
    return " ".join(_uncontrolled(text[: limit * 4]).split())[:limit]


def _uncontrolled(text: str) -> str:
    """`text` with escape sequences and control characters turned into spaces, and
    invisible characters inside words (soft hyphen, zero-width space or joiner) removed:
    "che\u200bst" is "chest"."""
    text = _ESCAPES.sub(" ", text)
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text)
    return "".join(_visible(c) for c in text)


def _visible(c: str) -> str:
    category = unicodedata.category(c)
    if category == "Cf":
        return ""
    return " " if category[0] == "C" else c


def fold(text: str) -> str:
    """The whole of `text`, however long, folded as `normalize` folds it but keeping its
    punctuation: lower case, no accents, one apostrophe, contractions expanded."""
    text = _uncontrolled(text).translate(_APOSTROPHES)  # before NFKC: it spaces out U+00B4
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).casefold()
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    return _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(0)], text)


def sentence_words(text: str) -> list[list[str]]:
    """The words of each sentence of the whole of `text` (the parts between stops,
    question marks, dashes and line breaks), as `normalize` writes them."""
    parts = _PART_END.split(fold(text.replace("\n", "|")))
    return [w for part in parts if (w := _bare(_NON_WORD.sub(" ", part).split()))]


def _bare(words: list[str]) -> list[str]:
    return read_chat(_expanded(words)).split()


def _expanded(words: list[str]) -> str:
    """The words with contractions typed bare ("cant") or split where an apostrophe the
    keyboard typed oddly was dropped ("won t", "he s") written out."""
    joined: list[str] = []
    for word in words:
        if joined and word in _SPLIT_ENDINGS and joined[-1] + word in _BARE_CONTRACTIONS:
            joined[-1] += word
        else:
            joined.append(word)
    text = " ".join(_BARE_CONTRACTIONS.get(w, w) for w in joined)
    return _DOES_DO.sub(r"\1 does", _HAS_BEEN.sub(r"\1 has", text))


_HAS_BEEN = re.compile(r"\b(he|she|it|that|there|who|what) is(?= (been|got|gotten|had)\b)")
""""'s" before "been", "got" or "had" is "has": "he's been fine since", "she's got"."""
_DOES_DO = re.compile(r"\b(what|how|where|who) is(?= (?:it|that|this|he|she) (?:do|mean|cost)\b)")
""""'s" before a thing and "do" is "does": "what's it do for you" asks what "what does it
do" asks, not what it is."""


_SPLIT_ENDINGS = frozenset(("t", "s", "m", "ve"))


CACHED_CHARS = 1000
"""Texts up to this long are normalised once and then looked up: building a bot
normalises every example, answer and lexicon name, and cross-validation builds one bot
per example. Longer texts (a pasted letter) are not kept."""


def normalize(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Fold `text` to lower-case ASCII words separated by single spaces, at most `limit`
    characters.

    NFKC, case folding, accents stripped, typographic apostrophes unified, contractions
    expanded, punctuation and control characters turned into spaces.
    """
    if len(text) > CACHED_CHARS:
        return _normalize(text, limit)
    return _cached_normalize(text, limit)


def _normalize(text: str, limit: int) -> str:
    return _words(_folded(text, limit), limit)


_cached_normalize = lru_cache(maxsize=1 << 14)(_normalize)


def _folded(text: str, limit: int) -> str:
    return fold(clean_input(text, limit))


def _words(folded: str, limit: int) -> str:
    words = _NON_WORD.sub(" ", folded).split()
    return _cut(read_chat(_expanded(words)), limit)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")
_PART_END = re.compile(r"[;:.!?|]+|\s[-\u2013\u2014]+\s")


def sentences(text: str) -> list[str]:
    """The sentences of a message (of its first few thousand characters) that hold words."""
    return [p for p in _SENTENCE_END.split(text[: MAX_INPUT_CHARS * 4]) if normalize(p)]


QUESTION_STARTS = frozenset(
    "what how who when where which why can could will would should shall is are does do did "
    "any has have was were may might tell explain".split()
)
"""First words of a sentence that asks; a sentence that ends in "?" asks too."""


def last_question(text: str) -> str | None:
    """The question a message of several sentences ends with, if it has several: people
    tell the story first ("He had Provenge last spring. Can he have Xofigo now?")."""
    parts = sentences(text)
    if len(parts) < 2:
        return None
    asked = [p for p in parts if p.rstrip().endswith("?")]
    return (asked or parts)[-1]


def question_part(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """A message longer than `limit` cut down to what it asks: its question sentences,
    the last ones first, as many as fit (else its last sentences). People paste a letter
    or tell a long story and put the question at the end."""
    if len(clean_input(text, limit * 4)) <= limit:
        return text
    parts = [" ".join(p.split()) for p in _SENTENCE_END.split(text[-limit * 8 :]) if p.strip()]
    asked = [p for p in parts if p.endswith("?")] or parts
    kept: list[str] = []
    for part in reversed(asked):
        if sum(len(p) + 1 for p in kept) + len(part) > limit:
            break
        kept.insert(0, part)
    return " ".join(kept) if kept else text[-limit:]


def _cut(text: str, limit: int) -> str:
    """NFKC and contractions can lengthen text ("ﬃ" is "ffi"): cut it again, between words."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    return head.rsplit(" ", 1)[0] if " " in head else head[:limit]


STEM_LENGTH = 6


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """A light plural folding: "effects" -> "effect", "bones" -> "bone", "ies" -> "y"."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "os", "as")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Fold a word to a crude stem so that its forms meet.

    Plurals are folded; "-ing" and "-ed" come off (and then a doubled last letter:
    "stopped", "stop"; but not the "ed" of "bleed"); a final "e" is dropped; then long
    words are cut to their first six letters. So "ache", "aches" and "aching", "feel"
    and "feeling", "started" and "start", "progressing" and "progression", "approved"
    and "approval" all meet. Crude, but predictable and fast; typos are corrected
    before this.
    """
    base = singular(word)
    for suffix in ("ing", "ed"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3 and not base.endswith("eed"):
            base = base[: -len(suffix)]
            if base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            break
    if len(base) > 3 and base.endswith("e"):
        base = base[:-1]
    return base[:STEM_LENGTH]
