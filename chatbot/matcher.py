"""Matching a question against the intents' examples.

Built once from `Knowledge` (examples read and indexed at load), then pure and fast per
question: the question is read (`chatbot/reader.py`), then the intents that share words
with it are scored: word overlap with its best example, rapidfuzz similarity to it, how much
of the question the intent's words cover, and a naive Bayes posterior (see the weights).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from chatbot.knowledge import Knowledge
from chatbot.naive_bayes import WordCounts
from chatbot.reader import Analysis, Reader
from chatbot.stopwords import STOPWORDS

__all__ = ["STOPWORDS", "Analysis", "Candidate", "Matcher"]

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
"""Share from a naive Bayes posterior over the candidates (chatbot/naive_bayes.py)."""

ANSWER_CREDIT = 0.9
"""How much a question word found only in an intent's answer counts toward coverage."""
NEIGHBOUR_CREDIT = 0.5
"""How much a question word counts when only an intent's neighbours use it: the other
intents of its topic, or the intents of its aspect for other treatments."""
COMMON_POSTINGS = 500
"""A word in more examples than this (or a tenth of them) does not propose candidates."""
UNSEEN_WEIGHT = 1.0
"""Weight of a question word the knowledge base never uses, relative to the rarest known
word's. Such words are what an out-of-scope question asks about."""


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
        self.reader = Reader(knowledge)
        self.analyze = self.reader.analyze
        self.as_kinds = self.reader.as_kinds
        self.offers = self.reader.offers
        self.treatments_in = self.reader.treatments_in
        self.named_treatments = self.reader.named_treatments
        self.unknown = self.reader.unknown  # the terms the documents do not cover
        self.told = self.reader.told  # those a story may tell in passing
        self.topic_terms = self.reader.topic_terms
        self.known_words = self.reader.known_words

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
        self._bayes = WordCounts()
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
            answer = self.analyze(intent.answer, correct=False).content
            self._bayes.add(self._example_words[-len(intent.examples) - 1 :], answer)
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

    def knows(self, word: str) -> bool:
        """Whether any example or answer of the knowledge base uses `word`."""
        return word in self._idf

    def uses(self, intent_id: str, term: str) -> bool:
        """Whether an intent's examples or answer use a lexicon term."""
        index = self._intent_index[intent_id]
        word = term.replace(" ", "_")
        return word in self._intent_words[index] or word in self._answer_words[index]

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
        posterior = self._bayes.posterior([intent for _, intent, _, _ in ranked], words, self._idf)
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
