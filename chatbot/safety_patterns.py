"""Red-flag patterns as the bot runs them: `<name>` word lists expanded, one flag's
patterns joined into one expression, and the key words a pattern spells out, near which
it is tried (chatbot/safety.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _parser  # type: ignore[attr-defined]

from chatbot.safety_needs import COMMON, Needs, all_needed, met, needed

_WORD_LIST = re.compile(r"(?<!\?P)<([a-z_]+)>")


class PatternError(ValueError):
    """A safety pattern that does not compile as the bot runs it."""


def compile_pattern(pattern: str, words: dict[str, str]) -> re.Pattern[str]:
    """A pattern as the bot runs it: `<name>` replaced by its word list."""
    try:
        return re.compile(_BOUNDARY_FIRST.sub(r"\1\\b\2", _expanded(pattern, words)))
    except re.error as err:
        raise PatternError(str(err)) from err


def _expanded(pattern: str, words: dict[str, str]) -> str:
    """A pattern with `<name>` replaced by its word list."""

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in words:
            raise PatternError(f"<{name}> names no list in safety_words")
        return f"(?:{words[name]})"

    return _WORD_LIST.sub(expand, pattern)


_BOUNDARY_FIRST = re.compile(r"(^|\||\((?:\?:)?)((?:\(\?<[!=][^()]*\))+)\\b")
"""Look-behinds before a word boundary, "(?<!\\bfine )(?<!\\bwell )\\b(right now|...)": the
same test with the boundary first, which fails at once inside a word where the look-behinds
took as long as the rest of the pattern."""


def joined(patterns: tuple[str, ...], words: dict[str, str]) -> re.Pattern[str]:
    """The patterns of one flag or cue kind joined into one expression, as the bot runs
    them: each must compile inside the others (no inline flags, no named groups)."""
    for pattern in patterns:
        compile_pattern(pattern, words)
        if "(?P" in pattern or re.search(r"\(\?[aiLmsux]", pattern):
            raise PatternError("named groups and inline flags break when patterns are joined")
    return compile_pattern("|".join(f"(?:{p})" for p in patterns) or r"(?!)", words)


"""Word beginnings a match needs: one of each set, all the sets."""


@dataclass(frozen=True, eq=False)
class Expression:
    """A joined expression kept as its text, compiled the first time it is used. Compiling
    the red flags' few dozen long expressions took more than half of a cold `chatbot ask`,
    and most messages never come near the key words that would run them."""

    source: str
    parts: tuple[str, ...] = ()
    """The joined patterns, each as it runs."""
    needs: tuple[Needs, ...] = ()
    """What each of them needs: one that cannot match in a text is not run over it."""

    def finditer(
        self, text: str, pos: int = 0, beginnings: frozenset[str] | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches, as `re.finditer` finds them. Given the beginnings of the text's
        words, only the patterns that may match there are run, and their matches taken as
        the joined expression takes them: the leftmost, and of those the first pattern's."""
        several = beginnings is not None and len(self.parts) > 1
        chosen = _possible(self, beginnings) if several and beginnings is not None else None
        if chosen is None:
            return _compiled(self.source).finditer(text, pos)
        if len(chosen) == 1:
            return chosen[0].finditer(text, pos)
        return self._leftmost(chosen, text, pos)

    def _leftmost(
        self, patterns: tuple[re.Pattern[str], ...], text: str, pos: int
    ) -> Iterator[re.Match[str]]:
        ahead = [p.search(text, pos) for p in patterns]
        while True:
            first = min((m for m in ahead if m), key=lambda m: m.start(), default=None)
            if first is None:
                return
            if first.end() == first.start():  # an empty match: the joined expression's rules
                yield from _compiled(self.source).finditer(text, first.start())
                return
            yield first
            pos = first.end()
            ahead = [
                m if m is None or m.start() >= pos else p.search(text, pos)
                for p, m in zip(patterns, ahead, strict=True)
            ]


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


@lru_cache(maxsize=1024)
def _possible(
    expression: Expression, beginnings: frozenset[str]
) -> tuple[re.Pattern[str], ...] | None:
    """The patterns that may match where words begin in these ways, or None for all: the
    windows of a long message often share their words. (An expression is told by its
    identity: hashing its text for every window would cost what this spares.)"""
    parts, needs = expression.parts, expression.needs
    chosen = tuple(_compiled(p) for p, n in zip(parts, needs, strict=True) if met(n, beginnings))
    return None if len(chosen) == len(parts) else chosen


def joined_expression(patterns: tuple[str, ...], words: dict[str, str]) -> Expression:
    """`joined`, checked now and compiled for use only when first needed."""
    source = joined(patterns, words).pattern
    parts = tuple(compile_pattern(p, words).pattern for p in patterns)
    return Expression(source, parts, tuple(all_needed(p, False) for p in parts))


def pattern_words(
    patterns: tuple[str, ...], words: dict[str, str], people: frozenset[str] = frozenset()
) -> set[str]:
    """The words a flag's patterns spell out, as key words: "keeled" of "keeled over",
    "vomit*" of "vomit\\w*", "pill" and "pills" of "pills?". Words too common to tell
    anything apart are left out: they would only make more places to look."""
    text = " ".join(_WORD_LIST.sub(lambda m: f"({words.get(m.group(1), '')})", p) for p in patterns)
    text = _INSIDE.sub(r"\1\2\3\4", _ANCHOR.sub(" ", text))
    found = {f"{m.group(1)}*" for m in _PREFIX.finditer(text)}
    found |= {m.group(1)[:-1] for m in _OPTIONAL_END.finditer(text)}
    found |= set(_LITERAL.findall(_ESCAPE.sub(" ", text)))
    return {w for w in found if len(w.rstrip("*")) >= 3 and w not in COMMON | people}


@dataclass(frozen=True)
class Pattern:
    """One red-flag pattern, tried only in a window holding one of its own key words: a
    message that says "blood" never runs the patterns about legs."""

    expression: Expression
    weak: bool
    keys: frozenset[str]
    """Its words, and the beginnings its words must have ("vomit" of "vomit\\w*"): a
    window opens at any of them."""
    needs: Needs = ()
    """All it needs, its keys among them: "chest (is )?on fire" is not tried where no word
    is "fire"."""

    def near(self, beginnings: frozenset[str]) -> bool:
        """Whether a window whose words begin in all these ways may hold a match."""
        return not any(map(beginnings.isdisjoint, self.needs))


def flag_pattern(source: str, weak: bool, words: dict[str, str]) -> Pattern:
    """A red flag's pattern, with the word beginnings one of which every match must hold."""
    compiled = compile_pattern(source, words).pattern
    keys = needed(_parser.parse(_expanded(source, words)), True)  # as written
    expression = joined_expression(_alternatives(source), words)
    needs = all_needed(compiled, True)
    return Pattern(expression, weak, keys or frozenset(), ((keys,) if keys else ()) + needs)


def _alternatives(source: str) -> tuple[str, ...]:
    """A pattern's top-level alternatives, "a|b(c|d)" as a and b(c|d): a window is
    searched only for those whose words it holds."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _set_end(source, i)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return (*parts, source[start:])


def _set_end(source: str, i: int) -> int:
    """Where the character set opening at `i` closes: "[^]|]" holds a "]" and a "|"."""
    i += 2 if source[i + 1 : i + 2] == "^" else 1
    i += 1 if source[i : i + 1] == "]" else 0
    while source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i


_ANCHOR = re.compile(r"\\[bBAZ]")
_PREFIX = re.compile(r"([a-z]{3,})\\w[*+]")
_OPTIONAL_END = re.compile(r"(?<![a-z])([a-z]{4,})\?")
_ESCAPE = re.compile(r"\\.")
_INSIDE = re.compile(r"(?<![a-z\\])([a-z]+)([a-z])\?([a-z]+)((?:\\w[*+])?)")
"""A word with an optional letter inside, "colou?r": the word with it, colour, not a word
cut short ("colou") that the speller would correct "colour" to. Not the word without it
either: "brea?th" takes in a typo, "breth", that other patterns need corrected."""
_LITERAL = re.compile(r"(?<![a-z])[a-z]{3,}(?![a-z])")
