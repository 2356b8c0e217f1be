"""Emergencies: reading a message for a red flag, and telling a current emergency from a
question that only mentions a symptom.

A flag's patterns are tried only near its key words (its own, and those its patterns
spell out), so a message of any length is read in time proportional to its length.
Around each match, the shared cues of intents/safety.yaml decide: a current event ("now",
"he has", "keeps") is urgent; a question about the symptom ("does Xofigo cause", "if he
ever", "two years ago", "when I heard the news") is answered, with the flag's safety line
first. When in doubt, urgent; a weak pattern's match only when a cue says it is now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from chatbot.knowledge import RedFlag, SafetyCues
from chatbot.normalize import sentence_words
from chatbot.safety_patterns import (
    Expression,
    Pattern,
    flag_pattern,
    joined_expression,
    pattern_words,
)
from chatbot.safety_spelling import Speller

REACH = 16
"""How many words either side of a key word a pattern and the cues look at."""
MAX_SPAN = 80
"""Windows of one sentence are merged up to this many words: a long one is read in parts."""
NEAR = {"now": (40, 40), "present": (30, 30), "feeling": (40, 40)}
"""How many letters before and after a match these cues reach, within the match's own
sentences: "he has chest pain" but not "the signs of a stroke while he is on chemo", nor
"can Xofigo cause trouble breathing? He has COPD". A feeling counts after the match or
overlapping it: "my chest tightened when I heard the news", "it's giving me a heart
attack", but not "my back is killing me and I can't feel my feet". The other cues reach
the whole of the match's sentences, and a question ("asks") the whole window."""
_NEGATED = re.compile(
    r"\b(no|not|never|without|anti|denies|free of|(?<!keep )(?<!keeps )(?<!kept )(nearly|almost))"
    r"(( \w+)?|( (any|having|have|had|got|feeling|feel|real|actual|serious|thoughts?|ideas?"
    r"|urges?|plans?|signs?|of|about|to)){1,4})$"
)
"""Words just before a match that deny it: "no chest pain", "not suicidal", "not having
any thoughts of harming myself", "nearly had a heart attack when I saw the bill", but not
"I keep nearly passing out"."""
_TOLD_AS_PAST = re.compile(
    r"\b(had|was|were|got|did|suffered|went|been|gave|after|died|passed|felt|came|since|old"
    r"|previous|prior|earlier)( \w+){0,4}$"
)
_PAST_EVENT = re.compile(
    r"^(\w+ed|had|fell|threw|took|taken|bled|spat|was|went|got|brought|hit|bit|cut|eaten|drunk"
    r"|given)\b"
)
"""A past-event cue counts only for an event told in the past tense: "he had chest pain
two years ago", not "he has chest pain, two years ago he had a bypass"."""
_HAD = re.compile(
    r"\b(had|has had|have had|was|were|got|swelled|puffed|blew|went|turned|gave|started|stopped)\b"
)
_NEW_EVENT = re.compile(r"\b(had|got|took|started|began|received|finished|did)\b")
_IF_EVER = re.compile(r"\bif (he|she|dad|my \w+) ever\b")
"""A what-if about thoughts of self-harm ("what do we do if he ever talks about suicide"),
unlike a threat ("he said if the scan is bad he will drive into the river")."""
_TURN = re.compile(r"\b(but|anyway|anyways|also|however|btw|by the way|oh and|first)\b")
"""Words that change the subject: "quick one about Provenge side effects, and also my
father woke up confused" asks nothing about his confusion."""
THIRD_PERSON = frozenset(
    "he him his she her husband hubby wife dad dads daddy father fathers mum mom mother "
    "partner pops papa grandpa grandad brother son uncle".split()
)
"""Words that show the message is about someone else: the reply speaks to a caregiver."""


@dataclass(frozen=True)
class Hit:
    """One red-flag match and what decided it."""

    flag: RedFlag
    words: str
    """The words the pattern matched."""
    cue: str
    """The cue kind that decided ("now", "present", "asks", ...), or "" for none."""
    cue_words: str
    current: bool


@dataclass(frozen=True)
class SafetyReading:
    hits: tuple[Hit, ...] = ()
    about_someone_else: bool = False
    corrections: tuple[tuple[str, str], ...] = ()

    @property
    def urgent(self) -> bool:
        return any(h.current for h in self.hits)

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        """The flags that decide the reply: the current ones when urgent, else all."""
        chosen = [h.flag for h in self.hits if h.current or not self.urgent]
        return tuple(dict.fromkeys(chosen))

    def summary(self) -> str:
        """For /why: the category, the words that matched and the words that decided."""
        if not self.hits:
            return "no red flag"
        parts = []
        for hit in self.hits:
            how = "current" if hit.current else "a question about it"
            cue = f"{hit.cue} '{hit.cue_words}'" if hit.cue else "nothing says otherwise"
            parts.append(f"{hit.flag.id} ('{hit.words}'): {how}, by {cue}")
        fixed = ", ".join(f"{a} -> {b}" for a, b in self.corrections)
        return "; ".join(parts) + (f"; spelling {fixed}" if fixed else "")


@dataclass(frozen=True)
class SafetyReader:
    flags: tuple[tuple[RedFlag, tuple[Pattern, ...]], ...]
    """Each flag with its patterns, weak ones last."""
    cues: tuple[tuple[str, Expression], ...]
    keys: dict[str, tuple[int, ...]]
    """Each key word, with the flags (by index) it belongs to."""
    prefixes: dict[str, tuple[tuple[str, int], ...]]
    """Key words that are prefixes ("vomit*"), by their first three letters."""
    speller: Speller
    """Typos of the patterns' words: "chest pian", "blud", "bowls"."""

    @classmethod
    def build(
        cls,
        red_flags: tuple[RedFlag, ...],
        cues: SafetyCues,
        words: dict[str, str],
        known: frozenset[str] = frozenset(),
    ) -> SafetyReader:
        keys: dict[str, list[int]] = {}
        prefixes: dict[str, list[tuple[str, int]]] = {}
        flag_patterns = [
            tuple(flag_pattern(p, False, words) for p in f.patterns)
            + tuple(flag_pattern(p, True, words) for p in f.weak_patterns)
            for f in red_flags
        ]
        for index, flag in enumerate(red_flags):
            spelt = pattern_words(flag.patterns + flag.weak_patterns, words, THIRD_PERSON)
            # a window opens at any word a pattern needs: "if i was not here" needs "was"
            spelt |= {f"{k}*" for p in flag_patterns[index] for k in p.keys}
            for key in sorted(set(flag.words) | spelt):
                if key.endswith("*") and len(key) > 3:
                    prefixes.setdefault(key[:3], []).append((key[:-1], index))
                else:
                    keys.setdefault(key, []).append(index)
        patterns = tuple(p for f in red_flags for p in f.patterns + f.weak_patterns)
        vocabulary = {w for w in pattern_words(patterns, words) | set(keys) if w.isalpha()}
        vocabulary = {w for w in vocabulary | THIRD_PERSON if len(w) >= 4}
        # The cues' own words are never typos of a symptom: "difference" is not "different".
        cue_patterns = tuple(p for f in fields(SafetyCues) for p in getattr(cues, f.name))
        known |= pattern_words(cue_patterns, words)
        symptoms = {w for f in red_flags for w in f.words if w.isalpha()}
        return cls(
            tuple(zip(red_flags, flag_patterns, strict=True)),
            tuple(
                (f.name, joined_expression(getattr(cues, f.name), words))
                for f in fields(SafetyCues)
            ),
            {k: tuple(v) for k, v in keys.items()},
            {k: tuple(v) for k, v in prefixes.items()},
            Speller.build(vocabulary, symptoms, known),
        )

    def read(self, text: str) -> SafetyReading:
        """The red flags of a message of any length, each with what decided it."""
        # One stream of words, a "." between sentences: a pattern's words must stand
        # together, but a head injury and the confusion after it may be told apart.
        words = [w for sentence in sentence_words(text) for w in (*sentence, ".")]
        corrections = self.speller.corrections(set(words))
        words = [corrections.get(w, w) for w in words]
        hits: dict[tuple[str, str], Hit] = {}
        seen: dict[tuple[int, str], Hit | None] = {}
        settled: set[int] = set()  # flags already found current: nothing can undo that
        for index, start, end in self._windows(words):
            if index in settled:
                continue
            window = " ".join(words[start:end])
            if (index, window) not in seen:
                seen[(index, window)] = self._judge(index, window)
            hit = seen[(index, window)]
            if hit is not None and (hit.flag.id, hit.words) not in hits:
                hits[(hit.flag.id, hit.words)] = hit
                if hit.current:
                    settled.add(index)
        people = any(w in THIRD_PERSON for w in words)
        return SafetyReading(tuple(hits.values()), people, tuple(sorted(corrections.items())))

    def _windows(self, words: list[str]) -> list[tuple[int, int, int]]:
        """(flag index, start, end): the stretches of a message near each flag's key words,
        merged while they overlap and stay under MAX_SPAN words."""
        spans: dict[int, list[list[int]]] = {}
        for position, word in enumerate(words):
            for index in self._flags_of(word):
                start, end = max(0, position - REACH), position + REACH + 1
                runs = spans.setdefault(index, [])
                if runs and start <= runs[-1][1] and end - runs[-1][0] <= MAX_SPAN:
                    runs[-1][1] = end
                else:
                    runs.append([start, end])
        return [(i, s, e) for i, runs in spans.items() for s, e in runs]

    def _flags_of(self, word: str) -> tuple[int, ...]:
        found = self.keys.get(word, ())
        for prefix, index in self.prefixes.get(word[:3], ()):
            if word.startswith(prefix):
                found += (index,)
        return found

    def _judge(self, index: int, window: str) -> Hit | None:
        """The most current of the flag's matches in `window`, if any: "I had a heart
        attack years ago and my chest hurts" is urgent for its second match."""
        flag, patterns = self.flags[index]
        beginnings = {w[:i] for w in set(window.split()) for i in range(3, len(w) + 1)}
        found = None
        for pattern in patterns:
            if not pattern.near(beginnings):
                continue
            for match in pattern.expression.finditer(window):
                if _NEGATED.search(window[: match.start()].rstrip()):
                    continue
                if window.startswith(" free", match.end()):  # "seizure free for years"
                    continue
                hit = self._decide(flag, window, match, pattern.weak)
                if hit.current:
                    return hit
                found = found or hit
        return found

    def _decide(self, flag: RedFlag, window: str, match: re.Match[str], weak: bool) -> Hit:
        said: dict[str, str] = {}
        first = window.rfind(" . ", 0, match.start()) + 1
        last = window.find(" . ", match.end()) % (len(window) + 1)
        turned = max((t.end() for t in _TURN.finditer(window, 0, match.start())), default=0)
        own = " i " in f" {window} "  # his own thoughts
        for kind, cue in self.cues:
            before, after = NEAR.get(kind, (len(window), len(window)))
            start, end = match.start() - before, match.end() + after
            if kind != "asks":  # the others speak of their own sentence only
                start, end = max(first, start), min(last, end)
            else:  # a question asked before a change of subject asks nothing of it
                start = max(turned, start)
            found = next(
                (f for f in cue.finditer(window, max(0, start)) if f.end() >= match.start()
                 or kind not in ("feeling", "topic")),
                None,
            )  # fmt: skip
            if kind == "now" and found and match.start() <= found.start() and _ends(found, match):
                # the flag's own last words ("bleeding that won't stop") tell no time
                found = next(cue.finditer(window, match.end()), None)
            if not found or found.start() >= end:
                continue
            takes_in = found.start() <= match.start() and match.end() <= found.end()
            if kind in ("feeling", "topic") and takes_in:
                return Hit(flag, match.group(0), kind, found.group(0), False)  # not a symptom
            if kind == "topic":
                continue
            if kind == "past" and not _told_as_past(window, match, found):
                continue
            said[kind] = found.group(0)
        if flag.imagined_is_urgent and (
            _told(window, match)
            or (flag.crisis and (own or not _IF_EVER.search(window, 0, match.start())))
        ):
            said.pop("imagined", None)  # "what do I do if he took too many", "what if I end it"
        if flag.crisis:  # thoughts that last are no less urgent
            said.pop("lasting", None)
        if flag.crisis and own:
            said.pop("asks", None)  # "no point going on. I just want to know if it hurts"
        kind, words, current = _decided(said)
        return Hit(flag, match.group(0), kind, words, current and (bool(kind) or not weak))


def _decided(said: dict[str, str]) -> tuple[str, str, bool]:
    """(cue kind, its words, current) from the cues found around a match. A current event
    beats an event told as past or long-standing, which beats a feeling, which beats
    someone having it now, which beats a question or a what-if. Nothing at all: urgent."""
    for kind, current in (("now", True), ("past", False), ("lasting", False), ("feeling", False)):
        if kind in said:
            return kind, said[kind], current
    if "present" in said and "imagined" not in said:
        return "present", said["present"], True
    for kind in ("imagined", "asks"):
        if kind in said:
            return kind, said[kind], False
    return "", "", True


def _ends(cue: re.Match[str], match: re.Match[str]) -> bool:
    return cue.end() == match.end()


def _told(window: str, match: re.Match[str]) -> bool:
    """Whether the event is told in the past tense: "he had chest pain", "he took ..."."""
    before = window[: match.start()].rstrip()
    told = _TOLD_AS_PAST.search(before) or _PAST_EVENT.match(match.group(0))
    return bool(told or _HAD.search(match.group(0)))


def _told_as_past(window: str, match: re.Match[str], cue: re.Match[str]) -> bool:
    """Whether a past cue is about this match: the event is told in the past tense ("he
    had chest pain two years ago"), and no other event comes between them ("threw up
    blood, had Xofigo last week")."""
    if not _told(window, match):
        return False
    return cue.start() < match.end() or not _NEW_EVENT.search(window, match.end(), cue.start())
