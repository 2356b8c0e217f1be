"""The word beginnings a safety pattern needs: "(chest|heart) (\\w+ )?on fire" matches only
where chest or heart, and fire, begin words. Read from the parsed expression, so that a
pattern is tried only in a window that holds them (chatbot/safety_patterns.py)."""

from __future__ import annotations

import re
from itertools import product
from math import prod
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Needs = tuple[frozenset[str], ...]


def met(needs: Needs, beginnings: frozenset[str]) -> bool:
    return not any(map(beginnings.isdisjoint, needs))  # run for every pattern and window


def all_needed(compiled: str, at_start: bool) -> Needs:
    """Every set of word beginnings one of which each match holds: "(chest|heart) (\\w+ )?
    on fire" needs chest or heart, and fire. `at_start`: a match begins a word, as the
    red flags' patterns do; a cue's must say so with a "\\b"."""
    found = sorted(set(_found(_parser.parse(compiled), at_start, True)), key=len)
    # a set that holds another says nothing more; the few smallest tell the most
    least = [s for i, s in enumerate(found) if not any(o <= s for o in found[:i])]
    return tuple(least[:_MOST_NEEDS])


_MOST_NEEDS = 4
"""Checked for every pattern in every window: more would cost more than they spare."""


def needed(items: _Items, at_start: bool) -> frozenset[str] | None:
    """Word beginnings (three letters or more) one of which every match of this sequence
    holds, or None when none can be told: "if i (just )?(was|were) not here" gives none,
    so the pattern is always tried rather than skipped where it would match."""
    return _pick(_found(items, at_start, False))


def _pick(found: list[frozenset[str]]) -> frozenset[str] | None:
    return min(found, key=lambda keys: (bool(keys & COMMON), len(keys)), default=None)


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
COMMON = frozenset(
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
