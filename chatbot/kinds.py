"""Whether a question asks if a treatment is a kind of another ("is xofigo chemo?", "is
provenge a kind of kimo or something else"), read from its words in order: the lexicon has a
term "kind of T" for each such kind T (`kind_of` maps T to it)."""

from __future__ import annotations

from chatbot.normalize import stem

_COPULAS = frozenset(("is", "are"))
_FILLERS = frozenset("not just really actually basically also simply the".split())
_TAILS = frozenset("drug drugs treatment medicine right too then".split())
_LIKENED = (
    *(("like",), ("some",), ("a",), ("an",)),
    *(("kind", "of"), ("type", "of"), ("form", "of"), ("sort", "of")),
    *(("any",), ("different", "from"), ("diff", "from"), ("similar", "to"), ("same", "as")),
    *(("different", "than"), ("different", "to"), ("different",), ("thing",), ("than",)),
)
"""Words between a treatment and a kind that ask the same: "is it any different from chemo",
"is provenge a kind of kimo" (a kind the lexicon's phrases miss, typed another way), "is
provenge a different kind of thing than chemo"."""
_OR_TAIL = 3
"""At most this many words after "or" that only put a question of a kind: "is it a type of
chemo or something else"; more may be a question of their own."""


def without_or_tail(out: list[str], content: list[str], kind_of: dict[str, str]) -> list[str]:
    """`content` without the few words after "or" that end a question whether a
    treatment is a kind of T, said in one of the lexicon's phrases ("is provenge a type
    of chemo or somthing else"): they only put the question."""
    kinds = set(kind_of.values())
    for at, word in enumerate(out):
        tail = out[at + 1 :]
        if word in kinds and tail[:1] == ["or"] and len(tail) <= 1 + _OR_TAIL:
            put = {stem(w) for w in tail}
            return [w for w in content if w not in put]
    return content


def is_a(
    words: list[str], kind_of: dict[str, str], subjects: frozenset[str]
) -> tuple[str, str, tuple[str, ...]] | None:
    """("chemotherapy", "kind of chemotherapy") for "is xofigo chemo?", "so is it just
    chemotherapy", "xofigo is chemo right?", "are provenge and xofigo chemo": a
    question, at the end of the message (or before "or ...": "is it chemo or what"),
    whether a treatment is (or is any different from) a T, when the lexicon
    has a term "kind of T". Asked this way, without "a" or "kind of", its words are
    those of "Xofigo with chemo", and only the order tells them apart. With the words
    that only put the question ("any different from", "or something else")."""
    rest = [w for w in words if w not in _FILLERS]
    for at, word in enumerate(rest):
        if word not in _COPULAS:
            continue
        which = rest[at - 1 : at] == ["which"] or rest[max(at - 2, 0) : at] == ["which", "one"]
        kind = rest[at + 1] if at + 1 < len(rest) else ""
        if which and kind in kind_of:  # "which is chemo, provenge or xofigo?"
            tail = rest[at + 2 :]
            if all(w in subjects or w in ("or", "and") or w in _TAILS for w in tail):
                return kind, kind_of[kind], ()
        after = at + 1
        while after < len(rest) and (
            (rest[after] in subjects and not (rest[after] in kind_of and after > at + 1))
            or (rest[after] in ("or", "and") and after > at + 1)
        ):  # "is provenge immunotherapy": a kind that is a treatment too, after one
            after += 1
        named = after > at + 1 or (at > 0 and rest[at - 1] in subjects)
        likened: list[str] = []
        while said := next(
            (p for p in _LIKENED if tuple(rest[after : after + len(p)]) == p), ()
        ):  # "kind of like", "like a sort of"
            likened += said
            after += len(said)
        if not named or after == len(rest) or rest[after] not in kind_of:
            continue
        tail = rest[after + 1 :]
        if all(w in _TAILS for w in tail) or tail[:1] == ["or"]:  # "...or what", "or not"
            said = (*likened, *(tail if tail[:1] == ["or"] else ()))
            return rest[after], kind_of[rest[after]], said
    return None
