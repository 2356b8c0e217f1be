"""The way people type into a chat box, read back into plain words.

Text-speak ("wat r the side efects 4 him", "b4", "shud", "w/"), numbers said aloud by
dictation ("radium two twenty three"), and "dose" typed for "does". These run on the
normalised words, before spelling correction: they are fixed spellings, not guesses.
"""

from __future__ import annotations

import re

CHAT_WORDS = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "r": "are",
    "ur": "your",
    "y": "why",
    "n": "and",
    "w": "with",
    "wat": "what",
    "wot": "what",
    "wut": "what",
    "wht": "what",
    "whta": "what",
    "wats": "what is",
    "hw": "how",
    "whn": "when",
    "wen": "when",
    "b4": "before",
    "nxt": "next",
    "1st": "first",
    "2nd": "second",
    "nr": "near",
    "shud": "should",
    "shd": "should",
    "shld": "should",
    "cud": "could",
    "cld": "could",
    "wud": "would",
    "wld": "would",
    "cn": "can",
    "hv": "have",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "tx": "treatment",
    "dx": "diagnosis",
    "abt": "about",
    "bout": "about",
    "tht": "that",
    "dat": "that",
    "da": "the",
    "bc": "because",
    "bcuz": "because",
    "cuz": "because",
    "coz": "because",
    "ppl": "people",
    "org": "organization",
    "orgs": "organizations",
    "prob": "probably",
    "idk": "i do not know",
    "dunno": "do not know",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "2day": "today",
    "2gether": "together",
    "rn": "right now",
    "btwn": "between",
    "diff": "different",
    "betwn": "between",
    "tho": "though",
    "thru": "through",
    "yr": "year",
    "yrs": "years",
    "wk": "week",
    "wks": "weeks",
    "mos": "months",
    "hrs": "hours",
    "2getha": "together",
    "2nite": "tonight",
    "2morrow": "tomorrow",
    "l8r": "later",
    "gr8": "great",
    "b": "be",
    "onc": "oncologist",
    "tbh": "to be honest",
    "ngl": "not going to lie",
    "imo": "in my opinion",
    "imho": "in my opinion",
    "fyi": "for your information",
    "atm": "at the moment",
    "asap": "as soon as possible",
    "efx": "effects",
    "effx": "effects",
    "affx": "effects",
    "fx": "effects",
    "sfx": "side effects",
    "grp": "group",
    "grps": "groups",
    "immuno": "immune",
    "alot": "a lot",
    "abit": "a bit",
    "kinda": "kind of",
    "sorta": "sort of",
    "lemme": "let me",
    "cos": "because",
    "sumthin": "something",
    "sumthing": "something",
    "somethin": "something",
    "nothin": "nothing",
    "nuthin": "nothing",
    "anythin": "anything",
    "nething": "anything",
    "nethin": "anything",
    "everythin": "everything",
}
"""Chat spellings, each a whole word. Digits alone ("2", "4") stay digits: "2" picks a
choice, and "stage 4" is no "for" (see _FOUR_FOR for where it is)."""

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SUBJECT = (
    r"(?:it|he|she|they|this|that|the|my|his|your|xofigo|provenge|radium|immuno\w*|chemo\w*)\b"
)
_DOSE_FOR_DOES = re.compile(
    r"\b(?:how|why|when|where) dose (?!(?:of|is|was|are|and|or|for|to)\b)"
    rf"|\b(?:so|and) dose (?={_SUBJECT})"
    rf"|\b(?:what|who|which) dose (?=(?:it|he|she|they|this|that)\b)"
    rf"|^dose (?={_SUBJECT})"
    r"|(?<!\bthe )(?<!\ba )(?<!\bhis )(?<!\bmy )(?<!\byour )(?<!\btheir )(?<!\bthis )"
    r"(?<!\bthat )\bdose (?=(?:it|he|she|they|u|you)\b(?! (?:by|per|for|with|at|on)\b))"
    r"|^dose (?!(?:of|for|is|was|and|or|per|schedule|schedules|size|sizes|amount|level|levels"
    r"|range|info|information|chart|timing)\b)(?=\w+ \w+ )"
    r"|\bwhat dose (?!of\b)(?=(?:\w+ ){1,3}(?:actually |actualy |really |even )?do\b"
    r"(?! (?:they|you|i|we|doctors|docs)\b))"
    r"|\b(?:what (?:\w+ ){1,2}|[ea]ff?ects? )dose "
    r"(?!(?:of|is|was|are|for|per|do|does|did|would|will|should)\b)"
    r"(?=(?:\w+ ){1,3}(?:have|give|cause|do|bring|offer)\b)"
)
""""dose" typed for "does", where only "does" fits: "how dose it work", "how dose sipuleucel
tee work" (after how, why, when or where, whatever name follows), "what dose it do",
"dose xofigo hurt", "dose pro venge make you sick" (a question that opens with it, and
goes on), "zofigo dose it cause diarrhea" (before one it asks of), "what dose radium 223
actually do" (its name before "do", however spelt). Not
"what side affects dose zofigo have" (after what it asks of, before the name and a verb). Not
"what dose of xofigo", "which dose is usual", "what dose xofigo do they give", "dose
schedule for xofigo"."""


def _two_digit(words: list[str], at: int) -> tuple[int, int] | None:
    """(value, words used) of a number from 10 to 99 said at `at`: "twenty three", "ten"."""
    word = words[at] if at < len(words) else ""
    if word in _TEENS:
        return _TEENS[word], 1
    if word in _TENS:
        unit = words[at + 1] if at + 1 < len(words) else ""
        if unit in _UNITS and _UNITS[unit] > 0:
            return _TENS[word] + _UNITS[unit], 2
        return _TENS[word], 1
    return None


def _spoken_number(words: list[str], at: int) -> tuple[str, int] | None:
    """A number of three digits said aloud from `at`: "two twenty three", "two hundred
    and twenty three", "two two three". Single number words stay words ("the first one",
    "two weeks")."""
    head = words[at]
    if head not in _UNITS or _UNITS[head] == 0:
        return None
    rest = at + 1
    if rest < len(words) and words[rest] == "hundred":
        rest += 1 + (rest + 1 < len(words) and words[rest + 1] == "and")
        tail = _two_digit(words, rest)
        if tail is None:
            unit = words[rest] if rest < len(words) else ""
            value = _UNITS.get(unit)
            return (
                (f"{_UNITS[head]}0{value}", rest + 1 - at)
                if value
                else (f"{_UNITS[head]}00", rest - at)
            )
        return f"{_UNITS[head]}{tail[0]:02d}", rest + tail[1] - at
    tail = _two_digit(words, rest)
    if tail is not None:
        return f"{_UNITS[head]}{tail[0]:02d}", rest + tail[1] - at
    if rest + 1 < len(words) and words[rest] in _UNITS and words[rest + 1] in _UNITS:
        return f"{_UNITS[head]}{_UNITS[words[rest]]}{_UNITS[words[rest + 1]]}", 3
    return None


_SPOKEN_MARKS = re.compile(
    r"\b(?:question mark|exclamation (?:mark|point)|full stop|new (?:line|paragraph))\b"
    r"|\bcomma\b|\bperiod$"
)
"""Punctuation a phone's dictation wrote out as words: "what does it do question mark",
"tell me about xofigo comma what is it"."""

_TWO_SAID_TO = re.compile(r"\b(radium|ra) (?:to|too)(?= (?:two|twenty|2\d*)\b)")
"""A phone's "to" for "two" in the name of radium-223: "radium to twenty three"."""


_FOUR_FOR = re.compile(
    r"(?<!\bstage )(?<!\bgrade )(?<!\bnumber )(?<!\bgleason )\b4(?= (?:me|him|her|us|them|it|my|his"
    r"|our|their|the|this|that|a|an|all|dad|mom|now|later|ever|xofigo|provenge|radium"
    r"|caregivers|carers|families|family|wives|spouses|people|guys|men|patients)\b)"
    r"|(?:"
    + "|".join(rf"(?<=\b{w} )" for w in "watch look ask good ok okay safe right same wait".split())
    + r")4\b"
)
""""4" typed for "for" where only "for" fits: "is it ok 4 him", "wat shud we watch 4",
"help 4 caregivers".
Not "stage 4", "gleason 4 plus 3", nor "4 weeks"."""


_IDIOMS = re.compile(
    r"\b(?:is|are|been|be) (?:killing|crushing|drowning) us\b"
    r"|\b(?:driving|drives) (?:me|us|him) (?:crazy|nuts|mad)\b"
    r"|\b(?:mixing|mix|mixed|muddling|muddle|muddled) (?:them|those|these|the two|it|things) up\b"
    r"|\b(?:get|got|getting|am|is) (?:all )?mixed up\b"
)
"""Everyday figures of speech that ask nothing ("the copays are killing us", "i keep mixing
them up": confusing two, not combining them): left out,
so that their words count against no answer. Not "my back is killing me": that is pain.
The safety check reads the raw message."""

_TIME_GAINED = re.compile(
    r"\bhow long (?=(?:does|will|would|can|could|did|might|may) (?:\w+ ){1,3}"
    r"(?:add|adds|extend|extends|prolong|prolongs|buy|buys|gain|gains|give|gives)\b)"
    r"(?!(?:\w+ ){0,4}(?:take|takes|last|lasts|stay|stays|wait)\b)"
)
""""How long" that asks how much time a treatment adds to a life ("how long does provenge
add to his life"): the time it buys, which the documents give, not how long something
takes or lasts, which they don't. Written as "how much time"."""

_HUNTED = re.compile(
    r"\b(?:goes|go|going) after (?=(?:the |his |my |your |any )?(?:cancer|bones?|tumou?rs?"
    r"|cells?|spots?)\b)(?!(?:\w+ ){1,2}(?:everywhere|wherever|anywhere|elsewhere|all over)\b)"
)
""""Goes after the cancer": targets it; no order. Not "...the cancer everywhere": where."""


_WHO_FOR = re.compile(r"\b(who (?:is|are) (?:\w+ ){1,3})4\b")  # "who is the radium 4"
_ONE_FOR_1 = re.compile(
    r"\b(the|that|this|which|other|immune|vaccine|radium|radiation|new|same|right) 1\b"
)
""""1" typed for "one" after a word that points at a treatment: "the immune 1", "which 1".
A "1" on its own still picks the first choice offered."""

_WHAT_IS_DO = re.compile(r"\b(?:what is|whats|wats) (it|that|this|provenge|xofigo) do\b")
_THEN_ENDING = re.compile(r"^((?:(?:so|ok|okay|and|well) )?(?:what|how|why|who|which)\b.*?) then$")
""""Then" that only ends a question put with a question word ("what is it then"): no order."""


_TWO_FOR_TO = re.compile(
    r"\b((?:want|wants|wanted|going|need|needs|needed|hard|trying|try|tried|able|how|due|used"
    r"|supposed|ought|like|love|hate|wish|decided|plan|planning|afraid|scared|talk) )2(?= [a-z])"
)
""""2" typed for "to" after a word that asks for a verb: "dont want 2 live", "how 2 get
it". Not "took 2 pills", "stage 2"."""


def read_chat(text: str) -> str:
    """Normalised `text` with chat spellings and spoken numbers written out plainly, and
    dictated punctuation dropped."""
    text = _FOUR_FOR.sub("for", _SPOKEN_MARKS.sub(" ", _IDIOMS.sub(" ", text)))
    text = _TIME_GAINED.sub("how much time ", _HUNTED.sub("targets ", text))
    text = _TWO_SAID_TO.sub(r"\1 two", text)
    text = _ONE_FOR_1.sub(r"\1 one", _TWO_FOR_TO.sub(r"\1to", text))
    text = _THEN_ENDING.sub(
        r"\1", _WHO_FOR.sub(r"\1for", _WHAT_IS_DO.sub(r"what does \1 do", text))
    )
    words = " ".join(CHAT_WORDS.get(w, w) for w in text.split()).split()
    out: list[str] = []
    at = 0
    while at < len(words):
        number = _spoken_number(words, at)
        if number is None:
            out.append(words[at])
            at += 1
        else:
            out.append(number[0])
            at += number[1]
    return _DOSE_FOR_DOES.sub(lambda m: m.group(0).replace("dose", "does"), " ".join(out))
