"""Slips of the fingers read back into words: a form of a known word ("starting" of
"start"), and a short question word typed one letter off ("cna" for "can")."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from chatbot.normalize import singular

QUESTION_WORDS = frozenset(
    "can could will would should shall does did have has what how who when where which why "
    "the and that this with about your you they them".split()
)
"""The short words of a question, into which a slip of the fingers is read back: "who cna
get it", "wil it make me sick", "can i hav it", "who shuold get it"."""


def base_forms(word: str) -> tuple[str, ...]:
    """`word` and the words it may be a form of: "starting" of "start", "making" of
    "make", "stopped" of "stop", "spots" of "spot". Unknown forms are not checked."""
    forms = [word, singular(word)]
    for ending in ("ing", "ed", "er", "ly", "es"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms += [stem, stem + "e"]
            if len(stem) >= 4 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # "stopping" -> "stop"
    return tuple(forms)


def slip(word: str) -> str | None:
    """The question word `word` is a slip of: one letter missing, added or swapped (not
    changed: "cab" is no "can"), with the same first letter."""
    if not 3 <= len(word) <= 7:
        return None
    for target in sorted(QUESTION_WORDS):
        if target[0] != word[0] or abs(len(target) - len(word)) > 1 or target == word:
            continue
        if OSA.distance(word, target) == 1 and not substitution(word, target):
            return target
    return None


def substitution(word: str, target: str) -> bool:
    """Whether two words of one length differ by letters other than a swap."""
    return len(word) == len(target) and sorted(word) != sorted(target)
