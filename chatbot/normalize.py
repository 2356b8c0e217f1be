"""Text normalisation shared by knowledge loading and matching: one canonical form of text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
    "thats": "that is",
    "theres": "there is",
    "hes": "he is",
    "shes": "she is",
    "wats": "what is",
    "wat": "what",
    "wot": "what",
    "whta": "what",
    "u": "you",
    "r": "are",
    "ur": "your",
}
"""Contractions typed without their apostrophe, and chat spellings, as people often type."""


def clean_input(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Make raw user input safe to show and to match: no escapes or control characters."""
    text = _ESCAPES.sub(" ", text[: limit * 4])
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())[:limit]


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


def normalize_clauses(text: str, limit: int = MAX_INPUT_CHARS) -> tuple[str, str]:
    """`normalize(text)`, and the same with its clauses (the parts between commas, stops,
    dashes and line breaks) kept apart by " | ": "he has chest pain | two years ago he had
    a bypass". The second is "" when there is only one clause."""
    folded = _folded(text.replace("\n", "|"), limit)  # "|": no longer than a line break
    parts = [w for part in _CLAUSE_END.split(folded) if (w := _words(part, limit))]
    return _words(folded, limit), (" | ".join(parts) if len(parts) > 1 else "")


def _folded(text: str, limit: int) -> str:
    text = clean_input(text, limit)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(0)], text)


def _words(folded: str, limit: int) -> str:
    words = _NON_WORD.sub(" ", folded).split()
    return _cut(" ".join(_BARE_CONTRACTIONS.get(w, w) for w in words), limit)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")
_CLAUSE_END = re.compile(r"[,;:.!?|]+|\s[-\u2013\u2014]+\s")


def sentences(text: str) -> list[str]:
    """The sentences of a message (of its first few thousand characters) that hold words."""
    return [p for p in _SENTENCE_END.split(text[: MAX_INPUT_CHARS * 4]) if normalize(p)]


def last_question(text: str) -> str | None:
    """The question a message of several sentences ends with, if it has several: people
    tell the story first ("He had Provenge last spring. Can he have Xofigo now?")."""
    parts = sentences(text)
    if len(parts) < 2:
        return None
    asked = [p for p in parts if p.rstrip().endswith("?")]
    return (asked or parts)[-1]


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
