"""Matching a question against the intents' examples.

Built once from `Knowledge` (examples normalised and indexed at load), then pure and
fast per question: normalise, correct spelling against the knowledge base's own words,
map lexicon variants to canonical terms, then score the intents that share words with
the question: word overlap with its best example, rapidfuzz similarity to it, how much
of the question the intent's words cover, and a naive Bayes posterior (see the weights).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from chatbot.common_words import COMMON_WORDS
from chatbot.knowledge import Knowledge
from chatbot.names import NameFinder
from chatbot.normalize import normalize, singular, stem

STOPWORDS = frozenset(
    """a an the and or but if so as at by for from in into of off on onto to with about
    am is are was were be been being do does did doing done have has had having get gets got
    can could would should shall will may might must i me my mine myself we us our he him his
    they them their theirs themselves she her hers herself
    himself it its itself this that these those there here then than just very really also
    any some such please tell know explain info let lets ok okay um uh
    husband wife dad father mom mother partner son daughter brother sister friend uncle
    grandpa grandfather family loved one someone somebody said says told mentioned heard
    sorry dumb stupid silly honestly actually basically exactly simply simple plain normal
    words terms english understand mean means meaning wondering wonder curious asking ask
    asked keep keeps kept saying say anyone anybody something anything everything stuff
    thing things lot lots bit little guess maybe probably okay quick quickly again
    s t d ll ve re m want wants wanted wanting need needs needed still going up out too
    yes pls plz tho thru yesterday today tonight guys guy folks gonna wanna kinda sorta
    yeah yep currently recently already every through week weeks
    day days night nights morning mornings evening afternoon ago since last lately
    mild mildly slight slightly bit pretty fairly quite bad badly
    anyway anyways anymore else btw usually typically generally
    twice alright terrible terribly awful awfully horrible horribly yr yrs
    allowed allow permitted true""".split()
)
"""Words that say nothing about which answer fits. Kept out of the word overlap."""

# The score (0-100) of an intent is a weighted sum of four pieces of evidence; the
# weights add up to 1. They were chosen on the project's question set and
# cross-validation (`chatbot eval`), like the thresholds in intents/config.yaml.
DICE_WEIGHT = 0.46
"""Share from the IDF-weighted word overlap (Dice) with the intent's best example."""
COVERAGE_WEIGHT = 0.16
"""Share from how much of the question's word weight the intent's words cover."""
FUZZY_WEIGHT = 0.15
"""Share from rapidfuzz's token_sort_ratio between the question and the best example."""
NB_WEIGHT = 0.23
"""Share from a naive Bayes posterior over the candidates: it pools the evidence of all
of an intent's examples, where the overlap above sees only the best one."""

ANSWER_CREDIT = 0.9
"""How much a question word found only in an intent's answer counts toward coverage."""
NEIGHBOUR_CREDIT = 0.5
"""How much a question word counts when only an intent's neighbours use it: the other
intents of its topic, or the intents of its aspect for other treatments."""
NB_ALPHA = 0.1
"""Additive smoothing of the naive Bayes word counts."""
NB_ANSWER = 0.5
"""How much a word of an intent's answer counts, against 1 for each example holding it."""
NB_BACKGROUND = 10.0
"""Weight of the 'none of these' class: a question whose words favour no intent over
plain chance gets little from naive Bayes."""
COMMON_POSTINGS = 500
"""A word in more examples than this (or a tenth of them) does not propose candidates."""
UNSEEN_WEIGHT = 1.0
"""Weight of a question word the knowledge base never uses, relative to the rarest known
word's. Such words are what an out-of-scope question asks about."""


_COPULAS = frozenset(("is", "are"))
_FILLERS = frozenset("not just really actually basically also simply like the".split())
_TAILS = frozenset("drug drugs treatment medicine right too then".split())


QUESTION_WORDS = frozenset(
    "can could will would should shall does did have has what how who when where which why "
    "the and that this with about your you they them".split()
)
"""The short words of a question, into which a slip of the fingers is read back: "who cna
get it", "wil it make me sick", "can i hav it", "who shuold get it"."""


def _slip(word: str) -> str | None:
    """The question word `word` is a slip of: one letter missing, added or swapped (not
    changed: "cab" is no "can"), with the same first letter."""
    if not 3 <= len(word) <= 7:
        return None
    for target in sorted(QUESTION_WORDS):
        if target[0] != word[0] or abs(len(target) - len(word)) > 1 or target == word:
            continue
        if OSA.distance(word, target) == 1 and not _substitution(word, target):
            return target
    return None


def _substitution(word: str, target: str) -> bool:
    """Whether two words of one length differ by letters other than a swap."""
    return len(word) == len(target) and sorted(word) != sorted(target)


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


@dataclass(frozen=True)
class Candidate:
    intent: str
    score: float
    example: str
    coverage: float = 0.0
    """Share (0-1) of the question's word weight that the intent's words account for."""
    exact: bool = False
    """The question is this example, word for word, once normalised."""
    anchors: tuple[str, ...] = ()
    """Lexicon terms of the question that no other intent uses ("headache")."""
    words: int = 0
    """How many content words the question has."""
    unnamed: bool = False
    """The intent is about one treatment, and the question does not name it."""


class Matcher:
    """The examples of a knowledge base, indexed for scoring questions."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._phrases: dict[tuple[str, ...], str] = {}
        self._unknown: dict[str, str] = {}
        self._offers: dict[str, tuple[str, ...]] = {}
        self._kinds: dict[str, str] = {}
        for term in knowledge.terms:
            for form in (term.term, *term.variants):
                self._phrases[tuple(normalize(form).split())] = term.term
        for term in knowledge.unknown_terms:
            for form in (term.term, *term.variants):
                self._phrases[tuple(normalize(form).split())] = term.term
            self._unknown[term.term] = term.name or term.term
            self._offers[term.term] = term.offer
            if term.kind:
                self._kinds[term.term] = term.kind
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
        self._subjects = self.topic_terms | {"it", "this", "that", "they"}

        # Vocabulary. Answers, titles and the lexicon are written with care: their words
        # are never corrected. Examples hold deliberate typos, so their words are only
        # targets: a typo in an example is corrected like a typo in a question.
        frequency: dict[str, int] = defaultdict(int)
        clean = [i.answer for i in knowledge.intents] + [i.title for i in knowledge.intents]
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

        # The examples, canonicalised once, with an inverted index of their words; and
        # each intent's vocabulary: the words of its examples, and of its answer.
        self._idf: dict[str, float] = {}
        self._intent_ids: list[str] = []
        self._example_text: list[str] = []
        self._example_canonical: list[str] = []
        self._example_words: list[frozenset[str]] = []
        self._example_intent: list[int] = []
        self._intent_terms: list[frozenset[str]] = []
        self._intent_words: list[frozenset[str]] = []
        self._answer_words: list[frozenset[str]] = []
        self._word_counts: list[dict[str, float]] = []
        self._count_total: list[float] = []
        for index, intent in enumerate(knowledge.intents):
            self._intent_ids.append(intent.id)
            self._intent_terms.append(frozenset(knowledge.topic(intent.topic).terms))
            seen: set[str] = set()
            for example in (*intent.examples, intent.title):
                analysis = self.analyze(example)
                self._example_text.append(example)
                self._example_canonical.append(analysis.canonical)
                self._example_words.append(frozenset(analysis.content))
                self._example_intent.append(index)
                seen.update(analysis.content)
            self._intent_words.append(frozenset(seen))
            counts: dict[str, float] = defaultdict(float)
            for position in range(
                len(self._example_words) - len(intent.examples) - 1, len(self._example_words)
            ):
                for word in self._example_words[position]:
                    counts[word] += 1
            answer = self.analyze(intent.answer, correct=False).content
            for word in set(answer):
                counts[word] += NB_ANSWER
            self._word_counts.append(dict(counts))
            self._count_total.append(math.fsum(counts.values()))
            self._answer_words.append(frozenset(answer) - seen)
        total = len(knowledge.intents)
        document_frequency: dict[str, int] = defaultdict(int)
        self._answer_postings: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(self._intent_words):
            for word in words | self._answer_words[index]:
                document_frequency[word] += 1
            for word in self._answer_words[index]:
                self._answer_postings[word].append(index)
        self._idf = {
            w: math.log((total + 1) / (df + 1)) + 1 for w, df in document_frequency.items()
        }
        self._unseen_idf = UNSEEN_WEIGHT * (math.log(total + 1) + 1)
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._example_weight: list[float] = []
        for position, example_words in enumerate(self._example_words):
            for word in example_words:
                self._postings[word].append(position)
            # fsum: a set's order changes with the hash seed, and a float sum with its order
            self._example_weight.append(math.fsum(self._idf[w] for w in example_words))
        self._intent_index = {intent_id: i for i, intent_id in enumerate(self._intent_ids)}
        about: dict[str, set[int]] = defaultdict(set)
        for index, terms in enumerate(self._intent_terms):
            for name in terms:
                about[name].add(index)
        self._about = {term: frozenset(ids) for term, ids in about.items()}
        # A question that is an example word for word belongs to that example's intent,
        # unless two intents share the example.
        owners: dict[str, set[int]] = defaultdict(set)
        for position, canonical in enumerate(self._example_canonical):
            owners[canonical].add(self._example_intent[position])
        self._exact = {text: min(ids) for text, ids in owners.items() if len(ids) == 1}
        # Each intent's neighbours' words: those of its topic, and those its aspect has
        # for other treatments ("side effects" of Xofigo are asked about in the words
        # used for Provenge's), less the names of treatments. Kept once per topic and per
        # aspect, and shared: a copy per intent would not scale.
        topic_words: dict[str, set[str]] = defaultdict(set)
        aspect_words: dict[str, set[str]] = defaultdict(set)
        for index, intent in enumerate(knowledge.intents):
            words = self._intent_words[index] | self._answer_words[index]
            topic_words[intent.topic] |= words
            aspect_words[intent.aspect] |= words - self.topic_terms
        by_topic = {topic: frozenset(words) for topic, words in topic_words.items()}
        by_aspect = {aspect: frozenset(words) for aspect, words in aspect_words.items()}
        self._neighbours = [(by_topic[i.topic], by_aspect[i.aspect]) for i in knowledge.intents]
        # The lexicon's terms that only one intent uses, in its examples or its answer
        # (a symptom that only one treatment's side effects list): strong evidence for it.
        # Treatments' names are left out: the topic rule already deals with them.
        holders: dict[str, set[int]] = defaultdict(set)
        lexicon = {t.term.replace(" ", "_") for t in knowledge.terms}
        named = {t.replace(" ", "_") for t in self.topic_terms}
        for index, words in enumerate(self._intent_words):
            for word in (words | self._answer_words[index]) & lexicon - named:
                holders[word].add(index)
        self._anchor_of = {w: min(ids) for w, ids in holders.items() if len(ids) == 1}
        # The intents of each treatment's own topic (the fewest treatments that name it:
        # Xofigo's, not Xofigo-after-Provenge's).
        own: set[str] = set()
        for treatment in self.topic_terms:
            holding = [t for t in knowledge.topics if treatment in t.terms]
            own.add(min(holding, key=lambda t: len(t.terms)).id)
        self._one_treatment = frozenset(
            i for i, intent in enumerate(knowledge.intents) if intent.topic in own
        )

    # ------------------------------------------------------------ analysis

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
        if word in self._known or singular(word) in self._known or word.isdigit():
            return None  # "spots" is not a typo of "sports"
        if len(word) < 4:
            return _slip(word)
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
            if len(word) <= 5 and distance and _substitution(word, target):
                continue  # "felt" is not a typo of "feet": short words differ by a letter
            return str(target)
        return _slip(word)

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
        replacements: list[tuple[str, str]] = []
        terms: set[str] = set()
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                phrase = tuple(words[i : i + size])
                term = self._phrases.get(phrase)
                if term is None and size == 1:  # "immunotherapys": a plural no list holds
                    term = self._phrases.get((singular(phrase[0]),))
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
                    if not {word, singular(word), stemmed} & STOPWORDS:
                        content.append(stemmed)
                i += 1
        if (kind := self._is_a(out)) is not None:  # "is xofigo chemo?"
            plain, term = kind
            out = [term if w == plain else w for w in out]
            content = [
                term.replace(" ", "_") if w == plain.replace(" ", "_") else w for w in content
            ]
            terms = (terms - {plain}) | {term}
            replacements.append((plain, term))
        unknown_terms = tuple(self._unknown[t] for t in sorted(terms) if t in self._unknown)
        return Analysis(
            normalized=normalized,
            canonical=" ".join(out),
            content=tuple(dict.fromkeys(content)),
            corrections=tuple(corrections),
            replacements=tuple(replacements),
            terms=frozenset(terms),
            unknown_terms=unknown_terms,
        )

    def _is_a(self, words: list[str]) -> tuple[str, str] | None:
        """("chemotherapy", "kind of chemotherapy") for "is xofigo chemo?", "so is it just
        chemotherapy", "xofigo is chemo right?", "are provenge and xofigo chemo": a
        question, at the end of the message, whether a treatment is a T, when the lexicon
        has a term "kind of T". Asked this way, without "a" or "kind of", its words are
        those of "Xofigo with chemo", and only the order tells them apart."""
        rest = [w for w in words if w not in _FILLERS]
        for at, word in enumerate(rest):
            if word not in _COPULAS:
                continue
            which = rest[at - 1 : at] == ["which"] or rest[max(at - 2, 0) : at] == ["which", "one"]
            kind = rest[at + 1] if at + 1 < len(rest) else ""
            if which and kind in self._kind_of:  # "which is chemo, provenge or xofigo?"
                tail = rest[at + 2 :]
                if all(w in self._subjects or w in ("or", "and") or w in _TAILS for w in tail):
                    return kind, self._kind_of[kind]
            after = at + 1
            while after < len(rest) and (
                rest[after] in self._subjects or (rest[after] in ("or", "and") and after > at + 1)
            ):
                after += 1
            named = after > at + 1 or (at > 0 and rest[at - 1] in self._subjects)
            if not named or after == len(rest) or rest[after] not in self._kind_of:
                continue
            if all(w in _TAILS for w in rest[after + 1 :]):
                return rest[after], self._kind_of[rest[after]]
        return None

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

    def uses(self, intent_id: str, term: str) -> bool:
        """Whether an intent's examples or answer use a lexicon term."""
        index = self._intent_index[intent_id]
        word = term.replace(" ", "_")
        return word in self._intent_words[index] or word in self._answer_words[index]

    def named_treatments(self, analysis: Analysis) -> frozenset[str]:
        """The treatments (topic terms) the question names."""
        return analysis.terms & self.topic_terms

    def _posterior(self, intents: list[int], words: tuple[str, ...]) -> list[float]:
        """Naive Bayes: how likely each intent is to have produced the question's known
        words, against each other and a 'none of these' class of plain chance."""
        known = [w for w in words if w in self._idf]
        size = len(self._idf)
        logs = []
        for intent in intents:
            counts, total = self._word_counts[intent], self._count_total[intent]
            denominator = total + NB_ALPHA * size
            logs.append(sum(math.log((counts.get(w, 0.0) + NB_ALPHA) / denominator) for w in known))
        background = len(known) * math.log(NB_BACKGROUND / size)
        top = max([*logs, background])
        chances = [math.exp(x - top) for x in logs]
        norm = sum(chances) + math.exp(background - top)
        return [c / norm for c in chances]

    @staticmethod
    def _credit(
        word: str,
        vocabulary: frozenset[str],
        answer: frozenset[str],
        neighbours: tuple[frozenset[str], frozenset[str]],
    ) -> float:
        """How far an intent accounts for a question word: fully when its examples use
        it, mostly when only its answer does, partly when intents of its topic or of its
        aspect do, not at all otherwise."""
        if word in vocabulary:
            return 1.0
        if word in answer:
            return ANSWER_CREDIT
        topic, aspect = neighbours
        return NEIGHBOUR_CREDIT if word in topic or word in aspect else 0.0

    def order(self, intent_id: str) -> int:
        """The place of an intent in the knowledge base, for a stable order of choices."""
        return self._intent_index[intent_id]

    # ------------------------------------------------------------ scoring

    def score(
        self,
        analysis: Analysis,
        *,
        only: frozenset[str] | None = None,
        extra: tuple[str, ...] = (),
        limit: int = 5,
    ) -> list[Candidate]:
        """The best intents for `analysis`, best first, at most one entry per intent.

        `only` restricts the intents considered (by id); `extra` adds content words, as
        context does for a follow-up that leaves its topic unsaid. A question naming a
        treatment is only matched against intents whose topic covers that treatment.
        """
        words = tuple(dict.fromkeys((*analysis.content, *extra)))
        if not words:
            # "ok": no word that tells answers apart, but an example word for word
            exact = self._exact.get(analysis.canonical, -1)
            intent_id = self._intent_ids[exact] if exact >= 0 else ""
            if not intent_id or (only is not None and intent_id not in only):
                return []
            return [Candidate(intent_id, 100.0, analysis.canonical, 1.0, exact=True)]
        named = self.named_treatments(analysis) | (frozenset(extra) & self.topic_terms)
        weights = {w: self._idf.get(w, self._unseen_idf) for w in words}
        query_weight = sum(weights.values())
        # Candidates come from the question's rarer words; a word in a large share of all
        # examples ("what") only adds to candidates found otherwise, which keeps a large
        # knowledge base fast. A question of common words only walks them all.
        common_limit = max(COMMON_POSTINGS, len(self._example_intent) // 10)
        rare = [w for w in words if len(self._postings.get(w, ())) <= common_limit]
        common = [w for w in words if w not in rare] if rare else []
        # The intents that may answer: those of `only`, and, when the question names
        # treatments, those about one of them (naming one, about it; naming several,
        # "which causes nausea, Provenge or Xofigo?", about at least one).
        allowed: set[int] | None = None
        if named:
            allowed = set().union(*(self._about.get(t, frozenset()) for t in named))
        if only:
            chosen = {self._intent_index[i] for i in only if i in self._intent_index}
            allowed = chosen if allowed is None else allowed & chosen
        example_intent = self._example_intent
        overlap: dict[int, float] = defaultdict(float)
        for word in rare or words:
            for position in self._postings.get(word, ()):
                if allowed is None or example_intent[position] in allowed:
                    overlap[position] += weights[word]
        if common:
            for position in overlap:
                example_words = self._example_words[position]
                overlap[position] += sum(weights[w] for w in common if w in example_words)
        best: dict[int, tuple[float, int]] = {}
        for position, shared in overlap.items():
            intent = self._example_intent[position]
            dice = 2 * shared / (query_weight + self._example_weight[position])
            if dice > best.get(intent, (0.0, -1))[0]:
                best[intent] = (dice, position)
        for word in rare or words:
            for intent in self._answer_postings.get(word, ())[:common_limit]:
                if allowed is None or intent in allowed:
                    best.setdefault(intent, (0.0, -1))
        ranked: list[tuple[float, int, int, float]] = []
        for intent, (dice, position) in best.items():
            vocabulary, answer = self._intent_words[intent], self._answer_words[intent]
            near = self._neighbours[intent]
            covered = sum(weights[w] * self._credit(w, vocabulary, answer, near) for w in words)
            coverage = covered / query_weight
            value = DICE_WEIGHT * dice + COVERAGE_WEIGHT * coverage
            ranked.append((value, intent, position, coverage))
        if not ranked:
            return []
        posterior = self._posterior([intent for _, intent, _, _ in ranked], words)
        ranked = [
            (value + NB_WEIGHT * chance, intent, position, coverage)
            for (value, intent, position, coverage), chance in zip(ranked, posterior, strict=True)
        ]
        # Blend in the fuzzy similarity of the whole canonical sentence for the strongest
        # intents still in the running.
        ranked.sort(reverse=True)
        query = " ".join((analysis.canonical, *[w.replace("_", " ") for w in extra]))
        exact = -1 if extra else self._exact.get(query, -1)
        strongest = ranked[: max(limit * 3, 12)]
        if exact >= 0 and all(r[1] != exact for r in strongest):
            strongest += [r for r in ranked if r[1] == exact]
        scored: list[Candidate] = []
        for value, intent, position, coverage in strongest:
            example = self._example_canonical[position] if position >= 0 else ""
            fuzzy = fuzz.token_sort_ratio(query, example, processor=None) if example else 0.0
            total = 100 * value + FUZZY_WEIGHT * fuzzy
            shown = self._example_text[position] if position >= 0 else "(its answer)"
            unnamed = intent in self._one_treatment and not named & self._intent_terms[intent]
            anchors = tuple(w for w in words if self._anchor_of.get(w) == intent)
            scored.append(
                Candidate(
                    self._intent_ids[intent],
                    round(total, 1),
                    shown,
                    round(coverage, 3),
                    exact=intent == exact,
                    anchors=anchors,
                    words=len(words),
                    unnamed=unnamed,
                )
            )
        scored.sort(key=lambda c: (-c.score, c.intent))
        kept = scored[:limit]
        kept += [c for c in scored[limit:] if c.exact]  # wherever it ranks
        return kept
