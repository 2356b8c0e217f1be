"""The words around a red-flag match, and what they say of it: a current event ("now", "he
has", "keeps"), or a question about the symptom ("does Xofigo cause", "if he ever", "two
years ago", "when I heard the news", "he's been fine since"). When in doubt, current.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from chatbot.knowledge import RedFlag
from chatbot.safety_patterns import Expression

Cues = tuple[tuple[str, Expression], ...]
"""Each cue kind of intents/safety.yaml, with its patterns joined into one expression."""

NEAR = {"now": (40, 40), "present": (30, 30), "feeling": (80, 40)}
"""How many letters before and after a match these cues reach, within the match's own
sentences: "he has chest pain" but not "the signs of a stroke while he is on chemo", nor
"can Xofigo cause trouble breathing? He has COPD". A feeling counts after the match or
overlapping it: "my chest tightened when I heard the news", "it's giving me a heart
attack", but not "my back is killing me and I can't feel my feet". The other cues reach
the whole of the match's sentences, and a question ("asks") the whole window."""
_TOLD_AS_PAST = re.compile(
    r"\b(had|was|were|got|did|suffered|went|been|gave|after|during|died|passed|felt|came|since|old"
    r"|tried|previous|prior|earlier|turned out)( \w+){0,4}$"
    r"|\b(went|been|gone|lived) through( \w+){0,8}$"
)
_PAST_EVENT = re.compile(
    r"^(\w+ed|had|fell|threw|took|taken|bled|spat|was|went|got|brought|hit|bit|cut|eaten|drunk"
    r"|given|could not|thought|felt)\b"
)
"""A past-event cue counts only for an event told in the past tense: "he had chest pain
two years ago", "last spring I couldn't catch my breath", not "he has chest pain, two years
ago he had a bypass"."""
_HAD = re.compile(
    r"\b(had|has had|have had|was|were|got|swelled|puffed|blew|went|turned|gave|started|stopped)\b"
)
_THE = re.compile(r"\b(the|that|this|those|these|a|an) $")
_TOLD_AFTER = re.compile(
    r" (that |which )?(i|he|she|we|they|you) (had|got|felt|suffered|was having|were having)\b"
    r"(?! (a|an|the|his|my|her|some|to|one)\b)"
)
"""A clause that tells the event just before it in the past tense: "the fit he had", "a
seizure I had last spring", but not "a seizure, I had one too"."""
_BACK = re.compile(r"\b(is|are|has come|have come|came) back\b(?! (home|from|to|in)\b)")
_NEW_EVENT = re.compile(r"\b(had|got|took|started|began|received|finished|did|who|which|died)\b")
"""Words that start another event, or another person's: "hes confused, asking for his mum
who died years ago" tells nothing of when he got confused."""
_IF_EVER = re.compile(r"\bif (he|she|dad|my \w+) ever\b")
"""A what-if about thoughts of self-harm ("what do we do if he ever talks about suicide"),
unlike a threat ("he said if the scan is bad he will drive into the river")."""
_WOULD = re.compile(r"\bwhat would happen if\b|\bif (he|she|i|dad|my \w+) ever\b")
"""A what-if about an overdose told in the past tense only as a what-if is: "what would
happen if he took too many", "if he ever took too much", unlike "what do I do if he took
too many", which may have happened."""
_TURN = re.compile(
    r"\b(but|anyway|anyways|also|however|btw|by the way|oh and|first)\b"
    r"|\b(and|when) (then )?(he|she|i|dad|mum|mom) (suddenly |just )?"
    r"(turned|started|began|looked)\b"
)
"""Words that change the subject: "quick one about Provenge side effects, and also my
father woke up confused" asks nothing about his confusion; nor does "we were reading about
its side effects and he turned to me" ask about what happened then."""
_ANEW = re.compile(
    r"\b(but|again|suddenly|worse|till|until|up to)\b"
    r"|\bthen (he|she|i|it) (started|went|got|began)\b|\bnow (he|she|i|his|her|my)\b"
    r"|\bstill (not|is|has|having|can not|unconscious|confused)\b"
)
"""Words after an "over" cue that start the trouble again: "he came round, then started
again", "he seemed fine but now he is confused"."""
_AHEAD = re.compile(r"\b(should|shall|can|could|may|do|does) (i|he|she|we|you|they|dad|my \w+) $")
_CATCH_UP = re.compile(r"(double|take (an )?(extra|another)|have (an )?(extra|another)|make up)\b")
"""A dose asked about before it is taken: "should he double up tonight", "can I take an
extra one today"; its "tonight" tells when he would, not that he has."""
_IMMEDIATE = re.compile(r"\b(right now|just|rn|as we speak|as i type|this (minute|second)|ago)\b")
"""A "now" cue that makes even someone else's story an emergency told as it happens: "my
neighbour's husband just collapsed", "a man in the waiting room fainted minutes ago"."""
_PLACING = re.compile(r"where\b")
"""An "over" cue that is a relative clause placing a detail: "where he bit it"."""
_NOW_BEFORE = re.compile(r"\b(but|yet) now\b")
"""Words before a match that set it against what went before: "asked about Xofigo earlier,
but now dad has a nosebleed that's been gushing for ages" is no long-standing nosebleed."""
_RENEWED = re.compile(
    r"\b(suddenly|worse|out of nowhere)\b|\bthen (he|she|i|it) (started|went|got|began)\b"
    r"|\bnow (he|she|his|her|it|the|my|i)\b(?! (question|worry|concern|query|wonder|want|would))"
)
"""Words after a long-standing cue that tell something new has begun: "breathless from his
COPD, and now his lips are blue", but not "I use a walker now, my question is ..."."""
_HEARSAY = re.compile(
    r"\b(says?|said|saying|telling|tells?|told|thinks?|think|claims?|insists?|swears?|reckons?)"
    r"( me| us| her| everyone)?( that)? $"
)
"""Words before an "over" cue that make it someone's word only: "he keeps telling me he's
fine", "I think I'm ok"."""


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


class Scans:
    """The cue matches of one window, each found once: the matches of a window share the
    sentence a cue reads, and a message of 20,000 letters may hold hundreds of them."""

    __slots__ = ("_beginnings", "_found", "_window")

    def __init__(self, window: str, beginnings: frozenset[str] | None = None) -> None:
        self._window = window
        self._beginnings = beginnings
        self._found: dict[tuple[str, int], tuple[list[re.Match[str]], Iterator[re.Match[str]]]] = {}

    def first(self, kind: str, cue: Expression, pos: int, reach: int) -> re.Match[str] | None:
        """The first match of the cue from `pos` on (as `finditer` finds them) that ends
        at `reach` or after."""
        found, rest = self._found.setdefault(
            (kind, pos), ([], cue.finditer(self._window, pos, self._beginnings))
        )
        for match in found:
            if match.end() >= reach:
                return match
        for match in rest:
            found.append(match)
            if match.end() >= reach:
                return match
        return None


def decide(
    flag: RedFlag,
    window: str,
    match: re.Match[str],
    weak: bool,
    cues: Cues,
    scans: Scans | None = None,
) -> Hit:
    """What the words around one match say of it: a current event, or a question, a
    what-if, a past or lasting event, a feeling, or a topic. `scans`, shared by the
    matches of one window, spare running a cue twice over the same words."""
    scans = scans or Scans(window)
    said: dict[str, str] = {}
    first = window.rfind(" . ", 0, match.start()) + 1
    last = window.find(" . ", match.end()) % (len(window) + 1)
    turned = max((t.end() for t in _TURN.finditer(window, 0, match.start())), default=0)
    own = " i " in f" {window} "  # his own thoughts
    for kind, cue in cues:
        before, after = NEAR.get(kind, (len(window), len(window)))
        start, end = match.start() - before, match.end() + after
        if kind == "over":  # told after it, in its sentence or the next
            start = match.end()
        elif kind != "asks":  # the others speak of their own sentence only
            start, end = max(first, start), min(last, end)
        else:  # a question asked before a change of subject asks nothing of it
            start = max(turned, start)
        reach = match.start() if kind in ("feeling", "topic") else 0
        found = scans.first(kind, cue, max(0, start), reach)
        if kind == "now" and found and match.start() <= found.start() and _ends(found, match):
            # the flag's own last words ("bleeding that won't stop") tell no time
            found = scans.first(kind, cue, match.end(), 0)
        if not found or found.start() >= end:
            continue
        takes_in = found.start() <= match.start() and match.end() <= found.end()
        if (
            kind == "topic"
            and takes_in
            and _IMMEDIATE.search(said.get("now", ""))
            and not _LONG_AGO.search(window, first, match.start())
        ):
            continue  # "my mate's dad just collapsed": someone else's, but happening now
        if kind == "topic" and takes_in and _TURN.search(window, found.start(), match.start()):
            continue  # "reading the leaflet, and then he started slurring": a new event
        if kind in ("feeling", "topic") and takes_in:
            return Hit(flag, match.group(0), kind, found.group(0), False)  # not a symptom
        if kind == "topic" or (kind == "over" and _not_over(flag, window, match, found)):
            continue
        if kind == "cared" and flag.crisis:  # thoughts of self-harm: 988 all the same
            continue
        if kind == "past" and not _told_as_past(window, match, found):
            continue
        if kind == "lasting" and (
            _RENEWED.search(window, found.end(), max(last, found.end()))
            or _NOW_BEFORE.search(window, first, match.start())
        ):
            continue  # "sore from a cold, and now his lips are swelling": it starts anew
        said[kind] = found.group(0)
    if flag.imagined_is_urgent and (
        (_told(window, match) and (flag.crisis or not _WOULD.search(window, 0, match.start())))
        or (flag.crisis and not _IF_EVER.search(window, 0, match.start()))
    ):
        said.pop("imagined", None)  # "what do I do if he took too many", "what if I end it"
    ahead = _AHEAD.search(window, 0, match.start())
    if ahead and not flag.crisis and _CATCH_UP.match(match.group(0)):
        said.pop("now", None)  # "should he double up tonight": a dose asked about, not taken
        said["imagined"] = ahead.group(0).strip()
    if flag.crisis:  # thoughts that last are no less urgent
        said.pop("lasting", None)
    if flag.crisis and own:
        said.pop("asks", None)  # "no point going on. I just want to know if it hurts"
    kind, words, current = _decided(said)
    return Hit(flag, match.group(0), kind, words, current and (bool(kind) or not weak))


def _decided(said: dict[str, str]) -> tuple[str, str, bool]:
    """(cue kind, its words, current) from the cues found around a match. Someone already
    in hospital, then an event told as over since, beat a current event, which beats an
    event told as past or long-standing, which beats a feeling, which beats someone having
    it now, which beats a question or a what-if. Nothing at all: urgent."""
    kinds = (
        ("cared", False),
        ("over", False),
        ("now", True),
        ("past", False),
        ("lasting", False),
        ("feeling", False),
    )
    for kind, current in kinds:
        if kind in said:
            return kind, said[kind], current
    if "present" in said and "imagined" not in said:
        return "present", said["present"], True
    for kind in ("imagined", "asks"):
        if kind in said:
            return kind, said[kind], False
    return "", "", True


_EARLIER = re.compile(
    r"\b(yesterday|last (night|week)|(days?|hours?) ago|this morning|earlier|the other day)\b"
)
"""For an overdose, "he's fine" says it is over only of a dose taken a while ago: "he took a
double dose yesterday and he's been fine", not "she swallowed bleach, she is fine"."""
_LONG_AGO = re.compile(r"\b(yesterday|last (night|week)|days? ago|the other day)\b")
"""Someone else's story placed a day or more back ("in a TV drama last night a character just
collapsed") is not happening now, whatever its "just" says; "my mate's dad was fine earlier
and has just collapsed" is."""


def _not_over(flag: RedFlag, window: str, match: re.Match[str], cue: re.Match[str]) -> bool:
    """Whether an "over" cue says less than it seems: thoughts of self-harm are never over,
    nor an overdose taken just now; "he says he's fine" is his word only; "fine till now",
    "but now" start it again; a clause that places a detail ("where he bit his tongue")
    tells of the words just before it only: "his lip swelled where he bit it", not "he is
    twitching and not with us, blood at his mouth where he bit his tongue"."""
    return bool(
        flag.crisis
        or (flag.imagined_is_urgent and not _EARLIER.search(window))
        or _HEARSAY.search(window, 0, cue.start())
        or _ANEW.search(window, cue.end())
        or (_PLACING.match(cue.group(0)) and len(window[match.end() : cue.start()].split()) > 2)
    )


def _ends(cue: re.Match[str], match: re.Match[str]) -> bool:
    return cue.end() == match.end()


def _told(window: str, match: re.Match[str]) -> bool:
    """Whether the event is told in the past tense: "he had chest pain", "he took ...",
    "the chest pain I had"."""
    before = window[: match.start()].rstrip()
    told = _TOLD_AS_PAST.search(before) or _PAST_EVENT.match(match.group(0))
    return bool(told or _HAD.search(match.group(0)) or _told_after(window, match))


def _told_after(window: str, match: re.Match[str]) -> re.Match[str] | None:
    """A clause after the event that tells it in the past tense: "the chest pain I had last
    month", "that seizure he had in 2019", but not "he has chest pain he had a bypass"."""
    if not _THE.search(window, 0, match.start()):
        return None
    return _TOLD_AFTER.match(window, match.end())


def _told_as_past(window: str, match: re.Match[str], cue: re.Match[str]) -> bool:
    """Whether a past cue is about this match: the event is told in the past tense ("he
    had chest pain two years ago"), no other event comes between them ("threw up blood,
    had Xofigo last week"), and nothing new begins between a cue and the event after it
    ("last month ..., and now he's had a nosebleed")."""
    if not _told(window, match):
        return False
    if cue.end() <= match.start() and _RENEWED.search(window, cue.end(), match.start()):
        return False  # "had radium last month, and now he's had a nosebleed for an hour"
    clause = _told_after(window, match)
    if clause and (_ANEW.search(window, cue.end()) or _BACK.search(window, cue.end())):
        return False  # "the chest pain I had last month is back now"
    start = clause.end() if clause else match.end()
    return cue.start() < match.end() or not _NEW_EVENT.search(window, start, cue.start())
