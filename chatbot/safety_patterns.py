"""Red-flag patterns as the bot runs them: `<name>` word lists expanded, one flag's
patterns joined into one expression, and the key words a pattern spells out, near which
it is tried (chatbot/safety.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from math import prod
from re import _parser  # type: ignore[attr-defined]
from typing import Any

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


Needs = tuple[frozenset[str], ...]
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
    chosen = tuple(_compiled(p) for p, n in zip(parts, needs, strict=True) if _met(n, beginnings))
    return None if len(chosen) == len(parts) else chosen


def joined_expression(patterns: tuple[str, ...], words: dict[str, str]) -> Expression:
    """`joined`, checked now and compiled for use only when first needed."""
    source = joined(patterns, words).pattern
    parts = tuple(compile_pattern(p, words).pattern for p in patterns)
    return Expression(source, parts, tuple(_all_needed(p, False) for p in parts))


def pattern_words(
    patterns: tuple[str, ...], words: dict[str, str], people: frozenset[str] = frozenset()
) -> set[str]:
    """The words a flag's patterns spell out, as key words: "keeled" of "keeled over",
    "vomit*" of "vomit\\w*", "pill" and "pills" of "pills?". Words too common to tell
    anything apart are left out: they would only make more places to look."""
    text = " ".join(_WORD_LIST.sub(lambda m: f"({words.get(m.group(1), '')})", p) for p in patterns)
    text = _ANCHOR.sub(" ", text)
    found = {f"{m.group(1)}*" for m in _PREFIX.finditer(text)}
    found |= {m.group(1)[:-1] for m in _OPTIONAL_END.finditer(text)}
    found |= set(_LITERAL.findall(_ESCAPE.sub(" ", text)))
    return {w for w in found if len(w.rstrip("*")) >= 3 and w not in _COMMON | people}


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
    keys = _needed(_parser.parse(_expanded(source, words)), True)  # as written
    expression = joined_expression(_alternatives(source), words)
    needs = _all_needed(compiled, True)
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


def _met(needs: Needs, beginnings: frozenset[str]) -> bool:
    return not any(map(beginnings.isdisjoint, needs))  # run for every pattern and window


def _all_needed(compiled: str, at_start: bool) -> Needs:
    """Every set of word beginnings one of which each match holds: "(chest|heart) (\\w+ )?
    on fire" needs chest or heart, and fire. `at_start`: a match begins a word, as the
    red flags' patterns do; a cue's must say so with a "\\b"."""
    found = sorted(set(_found(_parser.parse(compiled), at_start, True)), key=len)
    # a set that holds another says nothing more; the few smallest tell the most
    least = [s for i, s in enumerate(found) if not any(o <= s for o in found[:i])]
    return tuple(least[:_MOST_NEEDS])


_MOST_NEEDS = 4
"""Checked for every pattern in every window: more would cost more than they spare."""


def _needed(items: _Items, at_start: bool) -> frozenset[str] | None:
    """Word beginnings (three letters or more) one of which every match of this sequence
    holds, or None when none can be told: "if i (just )?(was|were) not here" gives none,
    so the pattern is always tried rather than skipped where it would match."""
    return _pick(_found(items, at_start, False))


def _pick(found: list[frozenset[str]]) -> frozenset[str] | None:
    return min(found, key=lambda keys: (bool(keys & _COMMON), len(keys)), default=None)


def _found(items: _Items, at_start: bool, every: bool) -> list[frozenset[str]]:
    """The sets of word beginnings a match of this sequence needs: of a group, all its own
    when `every`, else the one `_needed` would pick."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in [*list(items), (_parser.AT, None)]:
        if op is _parser.LITERAL:
            run.append(chr(value))
            continue
        text, run = "".join(run), []
        found += _run_words(text, at_start)
        at_start = text.endswith(" ") if text else at_start
        if op is _parser.AT:
            at_start = at_start or value in (_parser.AT_BOUNDARY, _parser.AT_BEGINNING)
            continue
        if every and op is _parser.ASSERT_NOT:
            continue  # a look-around takes no letters: "(?<!\\bto )call" needs call
        if op is _parser.SUBPATTERN:
            found += _inner(value[-1], at_start, every)
            at_start = _spaced(value[-1])
        elif op is _parser.BRANCH:
            found += _either(value[1], at_start, every)
            at_start = all(_spaced(branch) for branch in value[1])
        elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
            if value[0] >= 1:
                found += _inner(value[2], at_start, every)
            at_start = _spaced(value[2]) and (at_start or value[0] >= 1)
        else:
            at_start = False  # after a letter class a word may go on
    return found


def _either(branches: list[_Items], at_start: bool, every: bool) -> list[frozenset[str]]:
    """What a match of one of these branches needs: of each branch a need, together; when
    `every`, each such choice ("chest ... help|help ... chest" needs chest, and help), else
    the union of the needs `_needed` would pick."""
    each = [_found(branch, at_start, every) for branch in branches]
    if not all(each):
        return []
    if not every or prod(len(needs) for needs in each) > _MOST_CHOICES:
        return _some(frozenset().union(*(_pick(needs) or () for needs in each)))
    return [frozenset().union(*choice) for choice in product(*each)]


_MOST_CHOICES = 64


def _inner(items: _Items, at_start: bool, every: bool) -> list[frozenset[str]]:
    found = _found(items, at_start, every)
    return found if every else _some(_pick(found))


def _run_words(run: str, at_start: bool) -> list[frozenset[str]]:
    pieces = run.split(" ")
    starts = pieces[0 if at_start else 1 :]
    return [frozenset({m.group(0)}) for p in starts if (m := _LETTERS.match(p))]


def _spaced(items: _Items) -> bool:
    """Whether every match of this sequence ends with a space, so a word begins after it."""
    if not items:
        return False
    op, value = list(items)[-1]
    if op is _parser.LITERAL:
        return bool(value == ord(" "))
    if op is _parser.SUBPATTERN:
        return _spaced(value[-1])
    if op is _parser.BRANCH:
        return all(_spaced(branch) for branch in value[1])
    return op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and value[0] >= 1 and _spaced(value[2])


def _some(keys: frozenset[str] | None) -> list[frozenset[str]]:
    return [keys] if keys else []


_Items = Any
_LETTERS = re.compile(r"[a-z]{3,}")
_ANCHOR = re.compile(r"\\[bBAZ]")
_PREFIX = re.compile(r"([a-z]{3,})\\w[*+]")
_OPTIONAL_END = re.compile(r"(?<![a-z])([a-z]{4,})\?")
_ESCAPE = re.compile(r"\\.")
_LITERAL = re.compile(r"(?<![a-z])[a-z]{3,}(?![a-z])")
_COMMON = frozenset(
    "the and his her not can you was are for with that this have has had him she they "
    "their from what will does did out all but one get got any its just some very been "
    "who our too off now like about into over when then than your them what which would "
    "could should there here where were more much many only also after before because "
    "while being even ever again still each every both other same make made come came "
    "going keep know think want need look right left well good really thing things time "
    "day days way little bit lot lots someone something anything said tell told around "
    "through from since until how normal says getting gone went coming started looks "
    "big take keeps having hour wives husbands xofigo provenge radium chemo".split()
)
