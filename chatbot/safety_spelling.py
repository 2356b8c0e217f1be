"""Typos of the red-flag words, as people make them in a hurry on a phone: a letter
dropped, doubled or swapped ("siezure", "controll"), a neighbouring key ("numm" for
numb), a word spelt as it sounds ("blud", "seasure", "fentanil"), and an everyday word
that is one slip away from a symptom word ("bowls" for bowels), a plural ("chests"), and
"me" for my before a part of the body, as it is said in Britain, Ireland and Australia ("the
centre of me chest", "can't keep me eyes open").

Corrections are only ever made to the words the red-flag patterns use, and only the
safety reader sees them: the question itself is matched as it was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from chatbot.normalize import singular

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    key: {
        other
        for r, other_row in enumerate(_ROWS)
        if abs(r - row) <= 1
        for c, other in enumerate(other_row)
        if abs(c - col) <= 1 and other != key
    }
    for row, keys in enumerate(_ROWS)
    for col, key in enumerate(keys)
}
"""Keys next to each other on a QWERTY keyboard: "m" is next to "n" and "b"."""
_SOUNDS = str.maketrans("cqzv", "kksf")
_VOWELS = frozenset("aeiouyhw")


def skeleton(word: str) -> str:
    """How a word sounds, roughly: its first letter, then its consonants, with letters
    that sound alike made one ("blood" and "blud" are both "bld")."""
    text = word.replace("ph", "f").replace("ck", "k").translate(_SOUNDS)
    kept = [text[0]] + [c for c in text[1:] if c not in _VOWELS]
    return "".join(c for i, c in enumerate(kept) if i == 0 or c != kept[i - 1])


@dataclass(frozen=True)
class Speller:
    by_letter: dict[str, tuple[str, ...]]
    """The pattern words, by first letter: a typo keeps it ("watching" is not "aching")."""
    by_sound: dict[str, tuple[str, ...]]
    symptoms: frozenset[str]
    """The flags' own key words, that an everyday word may be a slip of."""
    own: frozenset[str]
    """The patterns' words: never corrected ("taking" is not "talking")."""
    shortened: dict[str, str]
    """Symptom words of five letters or more with one letter left out: "bowls" is bowels."""
    known: frozenset[str]
    """Everyday English and the knowledge base's words: not typos, as a rule."""

    @classmethod
    def build(cls, vocabulary: set[str], symptoms: set[str], known: frozenset[str]) -> Speller:
        shortened = {
            word[:i] + word[i + 1 :]: word
            for word in sorted(symptoms, reverse=True)
            if len(word) >= 5
            for i in range(1, len(word))  # a typo keeps the first letter
        }
        by_letter: dict[str, list[str]] = {}
        by_sound: dict[str, list[str]] = {}
        for word in sorted(vocabulary):
            by_letter.setdefault(word[0], []).append(word)
            by_sound.setdefault(skeleton(word), []).append(word)
        return cls(
            {k: tuple(v) for k, v in by_letter.items()},
            {k: tuple(v) for k, v in by_sound.items()},
            frozenset(symptoms),
            frozenset(vocabulary),
            shortened,
            known | vocabulary,
        )

    def corrections(self, words: set[str]) -> dict[str, str]:
        """The typos among `words`, each with the pattern word it stands for."""
        fixed: dict[str, str] = {}
        for word in words:
            if not (4 <= len(word) <= 20 and word.isalpha()) or word in self.own:
                continue
            one = singular(word)
            if one != word and one in self.symptoms:
                target: str | None = one  # "chests", before "chest" makes it an everyday word
            elif word in self.known or any(stem in self.known for stem in _stems(word)):
                target = self._slip(word)  # "waiting" and "taking" are everyday words
            elif _INFLECTED.search(word):  # "chopping", but "presser" is pressure as said
                target = self._slip(word) or self._spoken(word)
            else:
                target = self._typo(word)
            if target:
                fixed[word] = target
        return fixed

    def parts(self, word: str) -> tuple[str, ...]:
        """A word typed without its space, as two pattern words of four letters or more:
        "chestpain", "nosebleed", never a word or a typo of one. Any other word, as it is."""
        if not (8 <= len(word) <= 20 and word.isalpha()) or word in self.known:
            return (word,)
        for cut in range(4, len(word) - 3):
            first, second = word[:cut], word[cut:]
            if {first, second} <= self.own and second not in _SUFFIXES:
                # the costly check last, and only for a word that splits at all
                return (word,) if self._typo(word) else (first, second)
        return (word,)

    def _typo(self, word: str) -> str | None:
        """The pattern word a word not in English is a typo of: letters held down
        ("fitt", "bleeeding") or "-ight" spelt "-ite" ("tite"), then one or two edits that
        keep its first letter and its sound ("pian", "swallowd"), a key next to the right
        one ("numm"), or a word spelt as it sounds ("blud", "seasure")."""
        for held in (_HELD.sub(r"\1\1", word), _DOUBLED.sub(r"\1", word), _ITE.sub("ight", word)):
            if held != word and (held in self.own or held in self.symptoms):
                return held
        sound = skeleton(word)
        limit = 1 if len(word) <= 7 else 2
        near = [
            str(target)
            for target, _, _ in process.extract(
                word, self.by_letter.get(word[0], ()), scorer=OSA.distance,
                processor=None, score_cutoff=limit, limit=5,
            )
            if len(target) != len(word) or _key_slip(word, target, len(word) > 7)
        ]  # fmt: skip
        sounds = [
            t for t in self.by_sound.get(sound, ())
            if len(sound) >= 2 and len(t) >= 5 and _SAME_START.get(t[0], t[0]) == word[0]
            and OSA.distance(word, t) <= _sound_edits(word, sound)
        ]  # fmt: skip
        # The same sound first: "swallowd" is swallowed, not swallow; "blud" is blood.
        return min(
            near + sounds,
            key=lambda t: (skeleton(t) != sound, OSA.distance(word, t), _vowels(word, t), t),
            default=None,
        )

    def _spoken(self, word: str) -> str | None:
        """The pattern word whose "-ure" a word spells as it sounds: "presser", "seizers"."""
        said = _URE.sub("ure", word)
        return said if said != word and said in self.own else None

    def _slip(self, word: str) -> str | None:
        """An everyday word read as a symptom word, one letter dropped or added ("bowls"
        for bowels), never another letter ("chess" stays chess), nor a plural."""
        if len(word) < 5:
            return None  # "does" is not "doses"
        found = [self.shortened.get(word)]
        found += [word[:i] + word[i + 1 :] for i in range(1, len(word))]
        for target in found:
            plural = singular(target or "") == word or singular(word) == target
            if target and target in self.symptoms and len(target) >= 5 and not plural:
                return target
        return None


_HELD = re.compile(r"(.)\1{2,}")
_ITE = re.compile(r"(?<=[bflnrt])ite$")
"""An "-ight" spelt as it sounds in a text: "chest tite", "lite headed", "last nite"."""
_URE = re.compile(r"(?<=[sz])er(?=s?$)")
"""An "-ure" after s or z spelt as it sounds: "chest presser". Its double letters are the
word's own, not an ending's ("chopping"), so the word looks inflected yet is a typo."""
_INFLECTED = re.compile(r"^[a-z]*[aeiou]([b-df-hj-np-tv-z])\1(ing|ed|er|ers)$")
"""A word that doubles its last consonant to take an ending, as English spells it:
"chopping", "stopped", "dripping". An everyday word, not a typo ("chopping" is no choking)."""
_DOUBLED = re.compile(r"(.)\1+")


_SUFFIXES = frozenset("ness less ened able ings ment ward wards ship hood some".split())
"""Endings that the patterns spell as words of their own ("weak(ness)"), yet never stand
alone: "sickness" is no "sick ness"."""


_SAME_START = {"c": "k", "k": "c"}
"""A word spelt as it sounds keeps its first letter, or its sound: "kemo" is chemo, but
"vent" is no "faint"."""


def _sound_edits(word: str, sound: str) -> int:
    """How far a word may be from a pattern word it sounds like: a short word with three
    sounds may be spelt far from its letters ("tung" for tongue)."""
    return 3 if len(word) <= 5 and len(sound) >= 3 else 2


def _vowels(word: str, target: str) -> int:
    """How far apart two words sound, vowels taken by their sound: "blud" is nearer
    "blood" than "bleed"."""
    return int(OSA.distance(word.translate(_VOWEL_SOUNDS), target.translate(_VOWEL_SOUNDS)))


_VOWEL_SOUNDS = str.maketrans("uiy", "oee")


def _key_slip(word: str, target: str, long: bool) -> bool:
    """Whether two words of one length, one or two edits apart, differ as a slip does: two
    letters swapped, a key pressed next to the right one, or (in a long word) one letter
    wrong, or two each a neighbouring key or a vowel for a vowel. Two letters each wrong
    otherwise make another word: "sweating" is no typo of swelling."""
    pairs = [(a, b) for a, b in zip(word, target, strict=True) if a != b]
    if len(pairs) == 2 and pairs[0] == pairs[1][::-1]:
        return True  # letters swapped: "siezure"
    if len(pairs) == 1:
        return long or pairs[0][1] in _NEIGHBOURS.get(pairs[0][0], set())
    return all(b in _NEIGHBOURS.get(a, set()) or {a, b} <= _VOWEL_LETTERS for a, b in pairs)


_VOWEL_LETTERS = frozenset("aeiou")


_BODY = frozenset(
    "chest heart back head arm arms hand hands leg legs foot feet eyes eye face lips lip mouth "
    "throat tongue neck jaw shoulder belly tummy stomach bladder bowels nose bum side hips "
    "knees breath breathing speech words skin".split()
)
_GIVES_ME = frozenset(
    "give gives gave giving given cause causes caused causing make makes made making get gets "
    "got getting bring brings brought tell tells told show shows showed let lets send sends "
    "sent".split()
)
"""Words after which "me" is the one who gets something: "it gives me chest pain"."""
_SYMPTOM_AFTER = frozenset(
    "pain pains ache aches problems trouble issues tightness cramps palpitations".split()
)


def mine(words: list[str]) -> list[str]:
    """`words` with "me" read as my before a part of the body ("pain in the centre of me
    chest", "can't keep me eyes open"), but not where "me" is whom it happens to: "it
    gives me chest pain", "does it give me heart trouble"."""
    return [
        "my"
        if word == "me"
        and i + 1 < len(words)
        and words[i + 1] in _BODY
        and (i == 0 or words[i - 1] not in _GIVES_ME)
        and (i + 2 >= len(words) or words[i + 2] not in _SYMPTOM_AFTER)
        else word
        for i, word in enumerate(words)
    ]


def _stems(word: str) -> tuple[str, ...]:
    """What an inflected word may be built on: "taking" on take, "stopped" on stop,
    "tubes" on tube."""
    stems = [singular(word)]
    for ending in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            stems += [base, base + "e"]
            if len(base) > 3 and base[-1] == base[-2]:
                stems.append(base[:-1])  # "stopped", "running"
    return tuple(stems)
