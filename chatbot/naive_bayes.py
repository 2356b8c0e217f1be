"""The naive Bayes evidence of the matcher: how likely each intent is to have produced a
question's words, pooling all of its examples (the overlap score sees only the best one)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

NB_ALPHA = 0.1
"""Additive smoothing of the word counts."""
NB_ANSWER = 0.5
"""How much a word of an intent's answer counts, against 1 for each example holding it."""
NB_BACKGROUND = 10.0
"""Weight of the 'none of these' class: a question whose words favour no intent over
plain chance gets little from naive Bayes."""


@dataclass
class WordCounts:
    """Each intent's word counts, in the order the intents were added."""

    counts: list[dict[str, float]] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)

    def add(self, examples: Iterable[Iterable[str]], answer: Iterable[str]) -> None:
        """Count the next intent's words: those of each example, and of its answer."""
        counts: dict[str, float] = defaultdict(float)
        for example in examples:
            for word in example:
                counts[word] += 1
        for word in set(answer):
            counts[word] += NB_ANSWER
        self.counts.append(dict(counts))
        self.totals.append(math.fsum(counts.values()))

    def posterior(
        self, intents: list[int], words: tuple[str, ...], vocabulary: Collection[str]
    ) -> list[float]:
        """How likely each of `intents` is to have produced the question's words known to
        the `vocabulary`, against each other and a 'none of these' class of plain chance."""
        known = [w for w in words if w in vocabulary]
        size = len(vocabulary)
        logs = []
        for intent in intents:
            counts, total = self.counts[intent], self.totals[intent]
            denominator = total + NB_ALPHA * size
            logs.append(sum(math.log((counts.get(w, 0.0) + NB_ALPHA) / denominator) for w in known))
        background = len(known) * math.log(NB_BACKGROUND / size)
        top = max([*logs, background])
        chances = [math.exp(x - top) for x in logs]
        norm = sum(chances) + math.exp(background - top)
        return [c / norm for c in chances]
