"""Emergencies: reading a message for a red flag, and telling a current emergency from a
question that only mentions a symptom.

A flag's patterns are tried only near its key words (its own, and those its patterns
spell out), so a message of any length is read in time proportional to its length.
Around each match, the shared cues of intents/safety.yaml decide (safety_context.py): a
current event is urgent; a question about the symptom is answered, with the flag's safety
line first. When in doubt, urgent; a weak pattern's match only when a cue says it is now.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields

from chatbot.knowledge import RedFlag, SafetyCues
from chatbot.normalize import sentence_words
from chatbot.safety_context import Cues, Hit, Scans, decide
from chatbot.safety_patterns import (
    Pattern,
    flag_pattern,
    joined_expression,
    pattern_words,
)
from chatbot.safety_spelling import Speller, mine

REACH = 16
"""How many words either side of a key word a pattern and the cues look at."""
MAX_SPAN = 80
"""Windows of one sentence are merged up to this many words: a long one is read in parts."""
_DENIED_WORDS = (
    r"( (any|having|have|had|got|feeling|feel|real|actual|serious|thoughts?|ideas?"
    r"|urges?|plans?|signs?|of|about|to|thinking|considering|planning|wanting))"
)
_NEGATED = re.compile(
    r"\b((no(?! more\b)|(?<!\bthis )(?<!\bit )(?<!\bthat )no|not|never|without|anti|denies"
    r"|free of|(?<!keep )(?<!keeps )(?<!kept )(nearly|almost))"
    rf"(( \w+)?|{_DENIED_WORDS}{{1,4}})"
    rf"|(nothing like|nowhere near){_DENIED_WORDS}{{0,4}})$"
)
"""Words just before a match that deny it: "no chest pain", "not suicidal", "not having
any thoughts of harming myself", "nothing like wanting to hurt myself" (not "nothing like
this chest pain before", which compares), "nearly had a heart attack when I saw the bill",
but not "I keep nearly passing out". Nor "no more" that ends a clause: "can't do this no
more"."""
_DENIED_END = re.compile(
    r"\b(no|without|nor|never|not)"
    r"( (been|be|being|got|gotten|had|felt|feel|feeling|seemed|looked))?( \w+ (or|and|nor))?$"
)
_DENIABLE = frozenset("sick vomiting confused drowsy dizzy sleepy nauseous bleeding".split())
"""The last words a "not" before them denies: "not sick", but not "not responding"."""
_SIGNS = frozenset(
    "them help response answer reaction pulse breath breathing movement control feeling".split()
)
"""The last words of a match that a "no" makes a sign rather than a denial: "no response"."""
THIRD_PERSON = frozenset(
    "he him his she her husband hubby wife dad dads daddy father fathers mum mom mother "
    "partner pops papa grandpa grandad brother son uncle".split()
)
"""Words that show the message is about someone else: the reply speaks to a caregiver."""


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
    cues: Cues
    keys: dict[str, tuple[int, ...]]
    """Each key word, with the flags (by index) it belongs to."""
    prefixes: dict[str, tuple[tuple[str, int], ...]]
    """Key words that are prefixes ("vomit*"), by their first three letters."""
    speller: Speller
    """Typos of the patterns' words: "chest pian", "blud", "bowls"."""
    longest: int = 0
    """The longest word beginning a pattern or a cue needs: a word's longer ones are never
    looked up ("a" 20,000 times is no 20,000 beginnings)."""

    @classmethod
    def build(
        cls,
        red_flags: tuple[RedFlag, ...],
        cues: SafetyCues,
        words: dict[str, str],
        known: frozenset[str] = frozenset(),
    ) -> SafetyReader:
        compiled = _compile(red_flags, cues, tuple(sorted(words.items())))
        return cls(
            compiled.flags,
            compiled.cues,
            compiled.keys,
            compiled.prefixes,
            Speller.build(set(compiled.vocabulary), set(compiled.symptoms), known | compiled.own),
            compiled.longest,
        )

    def read(self, text: str) -> SafetyReading:
        """The red flags of a message of any length, each with what decided it."""
        # One stream of words, a "." between sentences: a pattern's words must stand
        # together, but a head injury and the confusion after it may be told apart.
        words = [w for sentence in sentence_words(text) for w in (*sentence, ".")]
        split = {w: self.speller.parts(w) for w in set(words)}  # each word once
        words = [part for word in words for part in split[word]]
        # a word a pattern spells by its beginning is no typo: "confusion" is confus*
        corrections = self.speller.corrections({w for w in set(words) if not self._prefixed(w)})
        words = mine([corrections.get(w, w) for w in words])
        hits: dict[tuple[str, str], Hit] = {}
        seen: dict[tuple[int, str], Hit | None] = {}
        tried: dict[tuple[int, frozenset[str]], tuple[Pattern, ...]] = {}
        settled: set[int] = set()  # flags already found current: nothing can undo that
        # each word's beginnings once, as long as a pattern's words at most: a pattern or a
        # cue is run only where its words are
        beginning: dict[str, frozenset[str]] = {}
        for index, start, end in self._windows(words):
            if index in settled:
                continue
            window = " ".join(words[start:end])
            if (index, window) not in seen:
                for word in set(words[start:end]) - beginning.keys():
                    longest = min(len(word), self.longest)
                    beginning[word] = frozenset(word[:i] for i in range(3, longest + 1))
                beginnings = frozenset().union(*(beginning[w] for w in set(words[start:end])))
                if (index, beginnings) not in tried:  # windows often share their words
                    tried[(index, beginnings)] = self._near(index, beginnings)
                seen[(index, window)] = self._judge(
                    index, window, beginnings, tried[(index, beginnings)]
                )
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
        last: dict[int, list[int]] = {}  # each flag's run being merged
        flags_of = {w: self._flags_of(w) for w in set(words)}  # each word once
        for position, word in enumerate(words):
            start, end = max(0, position - REACH), position + REACH + 1
            for index in flags_of[word]:
                run = last.get(index)
                if run and start <= run[1] and end - run[0] <= MAX_SPAN:
                    run[1] = end
                else:
                    last[index] = [start, end]
                    spans.setdefault(index, []).append(last[index])
        return [(i, s, e) for i, runs in spans.items() for s, e in runs]

    def _prefixed(self, word: str) -> bool:
        """Whether a pattern spells `word` by a beginning of five letters or more, and the
        word goes three letters further: "confusion" is confus*, "controll" a typo."""
        return any(
            len(p) >= 5 and len(word) >= len(p) + 3 and word.startswith(p)
            for p, _ in self.prefixes.get(word[:3], ())
        )

    def _flags_of(self, word: str) -> tuple[int, ...]:
        found = self.keys.get(word, ())
        for prefix, index in self.prefixes.get(word[:3], ()):
            if word.startswith(prefix):
                found += (index,)
        return found

    def _near(self, index: int, beginnings: frozenset[str]) -> tuple[Pattern, ...]:
        """The flag's patterns that may match where words begin in these ways."""
        return tuple(p for p in self.flags[index][1] if p.near(beginnings))

    def _judge(
        self, index: int, window: str, beginnings: frozenset[str], patterns: tuple[Pattern, ...]
    ) -> Hit | None:
        """The most current match of these patterns of the flag in `window`, if any: "I had
        a heart attack years ago and my chest hurts" is urgent for its second match."""
        flag = self.flags[index][0]
        scans = Scans(window, beginnings)
        found = None
        for pattern in patterns:
            for match in pattern.expression.finditer(window, 0, beginnings):
                if _NEGATED.search(_last_words(window, match.start())):
                    continue
                if window.startswith(" free", match.end()) or _denied_end(match.group(0)):
                    continue  # "seizure free for years", "hit his head, no sickness"
                hit = decide(flag, window, match, pattern.weak, self.cues, scans)
                if hit.current:
                    return hit
                found = found or hit
        return found


def _last_words(window: str, end: int) -> str:
    """The words before `end` that a denial may take: it spans six at most ("free of any
    real thoughts of"), and "keep" before "nearly" one more. Not the whole window: a long
    message holds many matches."""
    return " ".join(window[:end].rstrip().rsplit(" ", 8)[-8:])


def _denied_end(words: str) -> bool:
    """Whether the last word of a long match is denied: "hit his head, no sickness", "no
    vomiting or confusion", "hasn't been sick", but not "there is no response"."""
    *before, last = words.split()
    denied = _DENIED_END.search(" ".join(before))
    if not denied or (denied.group(1) == "not" and last not in _DENIABLE):
        return False
    return len(before) >= 3 and len(last) >= 4 and last not in _SIGNS


@dataclass(frozen=True)
class _Compiled:
    """What a reader's patterns compile to: all of it but the speller's known words,
    which come from the rest of the knowledge base."""

    flags: tuple[tuple[RedFlag, tuple[Pattern, ...]], ...]
    cues: Cues
    keys: dict[str, tuple[int, ...]]
    prefixes: dict[str, tuple[tuple[str, int], ...]]
    vocabulary: frozenset[str]
    symptoms: frozenset[str]
    own: frozenset[str]
    """The cues' own words, never typos of a symptom: "difference" is not "different"."""
    longest: int


@functools.lru_cache(maxsize=4)
def _compile(
    red_flags: tuple[RedFlag, ...], cues: SafetyCues, spelt: tuple[tuple[str, str], ...]
) -> _Compiled:
    """Compiled once per set of patterns: the same safety file is not compiled again for
    each bot a process builds (cross-validation builds one per example)."""
    words = dict(spelt)
    keys: dict[str, list[int]] = {}
    prefixes: dict[str, list[tuple[str, int]]] = {}
    flag_patterns = [
        tuple(flag_pattern(p, False, words) for p in f.patterns)
        + tuple(flag_pattern(p, True, words) for p in f.weak_patterns)
        for f in red_flags
    ]
    for index, flag in enumerate(red_flags):
        named = pattern_words(flag.patterns + flag.weak_patterns, words, THIRD_PERSON)
        # a window opens at any word a pattern needs: "if i was not here" needs "was"
        named |= {f"{k}*" for p in flag_patterns[index] for k in p.keys}
        for key in sorted(set(flag.words) | named):
            if key.endswith("*") and len(key) > 3:
                prefixes.setdefault(key[:3], []).append((key[:-1], index))
            else:
                keys.setdefault(key, []).append(index)
    patterns = tuple(p for f in red_flags for p in f.patterns + f.weak_patterns)
    vocabulary = {w for w in pattern_words(patterns, words) | set(keys) if w.isalpha()}
    vocabulary = {w for w in vocabulary | THIRD_PERSON if len(w) >= 4}
    cue_patterns = tuple(p for f in fields(SafetyCues) for p in getattr(cues, f.name))
    joined = tuple(
        (f.name, joined_expression(getattr(cues, f.name), words)) for f in fields(SafetyCues)
    )
    needs = [n for _, e in joined for n in e.needs]
    needs += [(p.keys, *p.needs) for f in flag_patterns for p in f]
    needs += [n for f in flag_patterns for p in f for n in p.expression.needs]
    return _Compiled(
        tuple(zip(red_flags, flag_patterns, strict=True)),
        joined,
        {k: tuple(v) for k, v in keys.items()},
        {k: tuple(v) for k, v in prefixes.items()},
        frozenset(vocabulary),
        frozenset(w for f in red_flags for w in f.words if w.isalpha()),
        frozenset(pattern_words(cue_patterns, words)),
        max((len(w) for sets in needs for need in sets for w in need), default=0),
    )
