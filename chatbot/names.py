"""Treatment names however they are typed or heard: split ("pro venge", "xo figo"), sound-
alikes from dictation ("so figo", "zippy loose el tea") and typos ("provinge", "xofego").

A name is recognised by how it sounds: its consonants, with letters that sound alike
folded together ("x", "s" and "z"; "c" before e, i or y is an "s", else a "k"; "j" and
"g"; "ph" and "f"). A run of one to three words that holds a word the bot does not know
is read as a name when, joined, it sounds like that name and is spelt close to it.
Everyday words alone are never read as names: "proving" stays proving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from chatbot.word_slips import base_forms

MAX_WORDS = 4
MIN_LETTERS = 5
"""Shorter names (and runs) are too easily heard in other words."""
CLOSENESS = 60.0
"""How close (rapidfuzz ratio, 0-100) the joined run must be spelt to the name: the sound
alone would read "redeem" as "radium"."""
LONG_SOUND = 5
LONG_CLOSENESS = 50.0
"""A name of this many consonants or more is heard in a looser spelling: "zippy loose el
tea" is spelt far from "sipuleucel t", but sounds just like it."""
MAX_TAIL = 2
"""How many consonants a run of words may sound beyond a name and still be heard as it."""
RUN_ON = 2
"""How many of a name's consonants the last word of a run that runs on beyond the name
must give it: "pro vengeance" gives "ng"; "pro venge side" only the "s" of "provenges"."""
_NEVER_AT_EDGE = frozenset(
    "is are was were be what how who can does do did the a an of and or to for my his i you"
    " it me he she we they him her not".split()
)
"""Words of the question around a name, never the name's first or last word: "what is sip
you Lucille tea" names it after "is", "sipuleucel tee who should get it" before "who"."""
_SOUNDS = frozenset("a an i you it me he she we to or of".split())
"""Short words dictation hears inside a name: "sip you Lucille tea", "x of Igo"."""
_NEVER_INSIDE = (_NEVER_AT_EDGE - _SOUNDS) | frozenset(
    "has have had in on at with should would will could".split()
)
"""Words that end one phrase and start another, never heard inside a name: "dad has mets
in his bones" is no steroid's name, nor "pro venge who shuold" one name."""
SPELT_LENGTH = 0.6
"""How much shorter than a name (or the name than a run) a run may be spelt: "plumb" sounds
like ipilimumab's consonants, but is half as long."""
_EVERYDAY_ENDINGS = ("ing", "ed", "ly", "tion", "ness")
"""A single word with such an ending is an everyday word ("proving"), not a name."""

_FOLDS = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"t?ch"), "g"),  # heard, not voiced: "provench" is provenge
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"ck|c|q"), "k"),
    (re.compile(r"dg"), "g"),
    (re.compile(r"[xs]"), "z"),
    (re.compile(r"j"), "g"),
    (re.compile(r"[aeiouyhw]"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=1 << 14)
def sound_key(text: str) -> str:
    """The consonants of `text` as they sound: "provenj" and "pro venge" are both "prvng"."""
    key = text.replace(" ", "").replace("-", "")
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


@dataclass(frozen=True)
class NameFinder:
    """The names of a knowledge base, by how they sound."""

    by_sound: dict[str, tuple[tuple[str, str], ...]]
    """Sound key -> (spelling joined, canonical term) of each name with that sound."""
    longest: int = 0
    """The longest name, joined: a longer run is no name."""

    @classmethod
    def build(cls, names: Iterable[tuple[str, str]]) -> NameFinder:
        """From (form, term) pairs: each way a name is written, and what it stands for."""
        by_sound: dict[str, list[tuple[str, str]]] = {}
        for form, term in names:
            joined = form.replace(" ", "")
            if len(joined) >= MIN_LETTERS and len(form.split()) <= 2:
                by_sound.setdefault(sound_key(joined), []).append((joined, term))
        longest = max((len(j) for pairs in by_sound.values() for j, _ in pairs), default=0)
        return cls({key: tuple(sorted(set(pairs))) for key, pairs in by_sound.items()}, longest)

    def find(
        self, words: list[str], known: frozenset[str]
    ) -> tuple[list[str], list[tuple[str, str]]]:
        """`words` with each run that sounds like a name replaced by the name's term, and
        the (run, term) pairs replaced."""
        out: list[str] = []
        found: list[tuple[str, str]] = []
        at = 0
        while at < len(words):
            for size in range(min(MAX_WORDS, len(words) - at), 0, -1):
                run = words[at : at + size]
                term = self._name(run, known)
                if term is not None:
                    out.append(term)
                    found.append((" ".join(run), term))
                    at += size
                    break
            else:
                out.append(words[at])
                at += 1
        return out, found

    def _name(self, run: list[str], known: frozenset[str]) -> str | None:
        if all(w.isdigit() or any(f in known for f in base_forms(w)) for w in run):
            return None  # everyday words, in any form: "deals" is no "dialysis"
        if run[0] in _NEVER_AT_EDGE:
            return None
        if len(run) > 1 and (run[-1] in _NEVER_AT_EDGE or set(run[1:-1]) & _NEVER_INSIDE):
            return None
        joined = "".join(run)
        if len(joined) < MIN_LETTERS or len(joined) > 2 * self.longest:
            return None
        if len(run) == 1 and joined.endswith(_EVERYDAY_ENDINGS):
            return None
        key = sound_key(joined)
        least = LONG_CLOSENESS if len(key) >= LONG_SOUND else CLOSENESS
        best: tuple[float, str] | None = None
        heard = list(self.by_sound.get(key, ()))
        if len(run) > 1:
            # dictation hears a name as a longer word ("pro vengeance"): the last word
            # ends the name, and runs on; not "pro venge side", a name and a word
            head = len(sound_key("".join(run[:-1])))
            heard += [
                pair
                for cut in range(max(head + RUN_ON, LONG_SOUND, len(key) - MAX_TAIL), len(key))
                for pair in self.by_sound.get(key[:cut], ())
            ]
        for spelling, term in heard:
            if joined == spelling and len(run) == 1:
                return None  # already a name the lexicon holds
            closeness = fuzz.ratio(joined, spelling)
            alike = min(len(joined), len(spelling)) / max(len(joined), len(spelling))
            if alike < SPELT_LENGTH:
                continue
            if closeness >= least and (best is None or closeness > best[0]):
                best = (closeness, term)
        return best[1] if best else None
