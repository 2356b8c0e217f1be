"""Reading a question: normalised words, spelling corrected against the knowledge base's
own words (and treatment names heard by their sound), lexicon variants mapped to their
terms, stopwords set aside. Built once from `Knowledge`, then pure and fast per question."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import OSA

from chatbot.common_words import COMMON_WORDS
from chatbot.kinds import is_a, without_or_tail
from chatbot.knowledge import Knowledge
from chatbot.names import NameFinder
from chatbot.normalize import normalize, singular, stem
from chatbot.stopwords import SOCIAL, STOPWORDS
from chatbot.word_slips import base_forms, slip, substitution


def _without(content: list[str], social: list[str]) -> list[str]:
    """`content` without the social words, unless nothing else is left."""
    kept = [w for w in content if w not in social]
    return kept or content


_OWNERS = ("my", "his", "her", "your", "our", "their", "the")


def _with_owner(phrase: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A phrase of the lexicon said with an owner inside it: "breaking my bones", "break
    his hip". Not a phrase that already has one."""
    if len(phrase) < 2 or set(phrase) & set(_OWNERS):
        return []
    return [
        (*phrase[:at], owner, *phrase[at:]) for at in range(1, len(phrase)) for owner in _OWNERS
    ]


def _dropped_g(word: str, known: frozenset[str]) -> bool:
    """Whether `word` is an -ing word with its g dropped: the -ing word is known, or its
    stem of four letters or more is ("workin"); not a stop word plus "in" ("within")."""
    stem = word[:-2]
    if not word.endswith("in") or len(word) < 5 or stem in STOPWORDS:
        return False
    return word + "g" in known or (len(stem) >= 4 and stem in known)


_BESIDE = frozenset(
    "with w and plus alongside after before during while on have has had having take takes"
    " taking took get gets getting got start starting started".split()
)
"""Words after which a kind of treatment is one taken, or taken beside another ("xofigo
with a chemo drug", "can he have a chemo drug"), not a question whether a treatment is that
kind."""


@dataclass(frozen=True)
class Analysis:
    """What the matcher made of a question, for scoring and for `/why`."""

    normalized: str
    canonical: str
    content: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]
    replacements: tuple[tuple[str, str], ...]
    terms: frozenset[str]
    unknown_terms: tuple[str, ...]


class Reader:
    """The words of a knowledge base, for reading questions."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._phrases: dict[tuple[str, ...], str] = {}
        self._unknown: dict[str, str] = {}
        self._offers: dict[str, tuple[str, ...]] = {}
        self._kinds: dict[str, str] = {}
        for term in knowledge.terms:
            for form in (term.term, *term.variants):
                self._phrases[tuple(normalize(form).split())] = term.term
        for phrase, term_name in list(self._phrases.items()):
            for owned in _with_owner(phrase):  # "breaking bones": "breaking my bones"
                self._phrases.setdefault(owned, term_name)
        for term in knowledge.unknown_terms:
            for form in (term.term, *term.variants):
                self._phrases[tuple(normalize(form).split())] = term.term
            self._unknown[term.term] = term.name or term.term
            self._offers[term.term] = term.offer
            if term.kind:
                self._kinds[term.term] = term.kind
        self.told = frozenset(t.term for t in knowledge.unknown_terms if t.told)
        """The terms a story may tell in passing."""
        treatments = {t for topic in knowledge.topics for t in topic.terms}
        self._names = NameFinder.build(
            (form, term.term)
            for term in (*knowledge.terms, *knowledge.unknown_terms)
            if term.term in treatments or term in knowledge.unknown_terms
            for form in (term.term, *term.variants)
        )
        self.unknown = frozenset(self._unknown)
        """The terms the documents do not cover."""
        self._longest = max((len(p) for p in self._phrases), default=1)
        self.topic_terms = frozenset(t for topic in knowledge.topics for t in topic.terms)
        lexicon = {t.term for t in knowledge.terms}
        self._kind_of = {t[len("kind of ") :]: t for t in lexicon if t.startswith("kind of ")}
        self._kinds_of = {kind: plain for plain, kind in self._kind_of.items()}
        self._subjects = self.topic_terms | {"it", "this", "that", "they"}

        # Vocabulary. Answers, titles and the lexicon are written with care: their words
        # are never corrected. Examples hold deliberate typos, so their words are only
        # targets: a typo in an example is corrected like a typo in a question.
        frequency: dict[str, int] = defaultdict(int)
        clean = [i.answer for i in knowledge.intents] + [i.title for i in knowledge.intents]
        clean += [ask for aspect in knowledge.aspects for ask in aspect.asks]
        for text in clean:
            for word in normalize(text).split():
                frequency[word] += 2
        for phrase in self._phrases:
            for word in phrase:
                frequency[word] += 2
        careful = set(frequency)
        for intent in knowledge.intents:
            for example in intent.examples:
                for word in set(normalize(example).split()):
                    frequency[word] += 1
        self._known = frozenset(careful | STOPWORDS | COMMON_WORDS)
        by_letter: dict[str, list[str]] = defaultdict(list)
        for word in sorted(frequency, key=lambda w: (-frequency[w], w)):
            if len(word) >= 4 and not word.isdigit() and word not in STOPWORDS:
                by_letter[word[0]].append(word)
        self._targets = dict(by_letter)

    @property
    def known_words(self) -> frozenset[str]:
        """The words never corrected: the knowledge base's own and everyday English."""
        return self._known

    def correct(self, word: str) -> str | None:
        """The knowledge base's word that `word` is a typo of, if it clearly is one.

        Only unknown words of four letters or more, only to a word with the same first
        letter, one edit away (two for words of nine letters or more; a swap of two
        letters is one edit), and never when one word starts the other ("liver" is not
        a typo of "live"): unrelated words must not turn into domain words.
        """
        if word.isdigit() or any(form in self._known for form in base_forms(word)):
            return None  # "spots" is not a typo of "sports", nor "starting" of "starving"
        if len(word) < 4:
            return slip(word)
        if _dropped_g(word, self._known):
            return word + "g"  # "workin", "gettin", "feelin"
        limit = 1 if len(word) <= 8 else 2
        for target, distance, _ in process.extract(
            word,
            self._targets.get(word[0], ()),
            scorer=OSA.distance,
            processor=None,
            score_cutoff=limit,
            limit=3,
        ):
            if target.startswith(word) or word.startswith(target):  # itself, too
                continue
            if len(word) <= 5 and distance and substitution(word, target):
                continue  # "felt" is not a typo of "feet": short words differ by a letter
            return str(target)
        return slip(word)

    def analyze(self, text: str, *, correct: bool = True) -> Analysis:
        normalized = normalize(text)
        words = normalized.split()
        corrections: list[tuple[str, str]] = []
        if correct:
            words, named = self._names.find(words, self._known)
            corrections += named
            for i, word in enumerate(words):
                fixed = self.correct(word)
                if fixed:
                    corrections.append((word, fixed))
                    words[i] = fixed
        out: list[str] = []
        content: list[str] = []
        social: list[str] = []
        replacements: list[tuple[str, str]] = []
        terms: set[str] = set()
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                phrase = tuple(words[i : i + size])
                term = self._phrases.get(phrase)
                if term is None and size == 1:  # "immunotherapys": a plural no list holds
                    term = self._phrases.get((singular(phrase[0]),))
                if term is not None and out[-1:] and out[-1] in _BESIDE and term in self._kinds_of:
                    term = self._kinds_of[term]  # "with a chemo drug": chemo, not a kind of it
                if term is not None:
                    if " ".join(phrase) != term:
                        replacements.append((" ".join(phrase), term))
                    terms.add(term)
                    out.append(term)
                    content.append(term.replace(" ", "_"))
                    i += size
                    break
            else:
                word = words[i]
                out.append(word)
                # Numbers (ages, years, PSA values) and stopwords say nothing about
                # which answer fits; "normally" is one too, by its stem "normal".
                if not word.isdigit():
                    stemmed = stem(word)
                    if {word, stemmed} & SOCIAL:
                        social.append(stemmed)
                        content.append(stemmed)
                    elif not {word, singular(word), stemmed} & STOPWORDS:
                        content.append(stemmed)
                i += 1
        if (kind := is_a(out, self._kind_of, self._subjects)) is not None:  # "is xofigo chemo?"
            plain, term, said = kind
            out = [term if w == plain else w for w in out]
            at, lead = out.index(term), term.split()[:-1]
            if out[at - len(lead) : at] == lead:  # "a kind of kimo": not "kind of kind of"
                del out[at - len(lead) : at]
            # the words that only put the question ("any different from", "or what")
            put = {stem(w) for w in said} | {w.replace(" ", "_") for w in said}  # and terms
            content = [
                term.replace(" ", "_") if w in (plain.replace(" ", "_"), stem(plain)) else w
                for w in content
                if w not in put
            ]
            terms = (terms - {plain}) | {term}
            replacements.append((plain, term))
        else:
            content = without_or_tail(out, content, self._kind_of)
        unknown_terms = tuple(self._unknown[t] for t in sorted(terms) if t in self._unknown)
        return Analysis(
            normalized=normalized,
            canonical=" ".join(out),
            content=tuple(dict.fromkeys(_without(content, social) if terms else content)),
            corrections=tuple(corrections),
            replacements=tuple(replacements),
            terms=frozenset(terms),
            unknown_terms=unknown_terms,
        )

    def as_kinds(self, analysis: Analysis) -> Analysis | None:
        """The question with each treatment the documents do not cover read as the kind of
        treatment it is ("xofigo while on docetaxel": "xofigo while on chemotherapy"), or
        None when one of them has no kind, or there are none."""
        unknown = analysis.terms & self._unknown.keys()
        if not unknown or not unknown <= self._kinds.keys():
            return None
        kinds = {t.replace(" ", "_"): self._kinds[t].replace(" ", "_") for t in unknown}
        return replace(
            analysis,
            content=tuple(dict.fromkeys(kinds.get(w, w) for w in analysis.content)),
            replacements=(*analysis.replacements, *((t, self._kinds[t]) for t in sorted(unknown))),
            terms=frozenset(self._kinds.get(t, t) for t in analysis.terms),
            unknown_terms=(),
        )

    def treatments_in(self, text: str) -> frozenset[str]:
        """The treatments a normalised text names anywhere, also inside a longer lexicon
        phrase ("how much does xofigo cost" is a price, and names Xofigo)."""
        words = text.split()
        found = set()
        for start in range(len(words)):
            for size in range(1, min(self._longest, len(words) - start) + 1):
                term = self._phrases.get(tuple(words[start : start + size]))
                if term in self.topic_terms:
                    found.add(term)
        return frozenset(found)

    def offers(self, analysis: Analysis) -> tuple[str, ...]:
        """The intents offered for the uncovered asks of a question (see Term.offer)."""
        found = (i for t in sorted(analysis.terms) for i in self._offers.get(t, ()))
        return tuple(dict.fromkeys(found))

    def named_treatments(self, analysis: Analysis) -> frozenset[str]:
        """The treatments (topic terms) the question names."""
        return analysis.terms & self.topic_terms
