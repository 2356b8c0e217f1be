"""Measuring the bot on a labelled question set: accuracy, wrong answers, confusions.

Pure: takes parsed questions and a bot, returns figures. `chatbot eval` prints them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.errors import ChatbotError
from chatbot.knowledge import Intent, Knowledge
from chatbot.matcher import Candidate
from chatbot.yamlsource import YamlFile

SPECIAL = ("fallback", "urgent", "clarify")


@dataclass(frozen=True)
class Labelled:
    text: str
    expect: tuple[str, ...]
    line: int = 0

    @property
    def kind(self) -> str:
        return self.expect[0] if self.expect[0] in SPECIAL else "intent"


@dataclass(frozen=True)
class Outcome:
    question: Labelled
    status: str
    intent: str | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    fixed: bool = False
    """True when thresholds played no part (urgent, a pick, an unknown treatment)."""

    @property
    def correct(self) -> bool:
        kind = self.question.kind
        if kind == "intent":
            return self.status == "answer" and self.intent in self.question.expect
        return self.status == kind

    @property
    def wrong(self) -> bool:
        """Worse than 'I don't know': a wrong answer, a missed or false emergency."""
        kind = self.question.kind
        if kind == "urgent":
            return self.status != "urgent"
        if self.status == "urgent":
            return True
        return self.status == "answer" and not self.correct


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]

    def _share(self, count: int, total: int) -> float:
        return 100.0 * count / total if total else 0.0

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def accuracy(self) -> float:
        return self._share(sum(o.correct for o in self.outcomes), self.total)

    @property
    def ranked_first(self) -> float:
        """Of the questions with an intent to find, the share whose best-ranked intent is
        right, whatever the thresholds then decide: the matcher's own accuracy."""
        asked = [o for o in self.outcomes if o.question.kind == "intent"]
        right = sum(
            (o.intent if o.fixed else o.candidates[0].intent if o.candidates else None)
            in o.question.expect
            for o in asked
        )
        return self._share(right, len(asked))

    @property
    def wrong_rate(self) -> float:
        return self._share(sum(o.wrong for o in self.outcomes), self.total)

    @property
    def clarify_rate(self) -> float:
        return self._share(sum(o.status == "clarify" for o in self.outcomes), self.total)

    @property
    def out_of_scope(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.kind == "fallback"]

    @property
    def out_of_scope_accepted(self) -> int:
        return sum(o.status == "answer" for o in self.out_of_scope)

    @property
    def urgent(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.kind == "urgent"]

    @property
    def urgent_recall(self) -> float:
        return self._share(sum(o.status == "urgent" for o in self.urgent), len(self.urgent))

    @property
    def false_urgent(self) -> int:
        return sum(o.status == "urgent" and o.question.kind != "urgent" for o in self.outcomes)

    def per_intent(self) -> dict[str, tuple[float, float, int]]:
        """Precision, recall and support of each expected or answered intent."""
        answered: Counter[str] = Counter()
        right: Counter[str] = Counter()
        support: Counter[str] = Counter()
        for o in self.outcomes:
            if o.question.kind == "intent":
                support[o.question.expect[0]] += 1
            if o.status == "answer" and o.intent:
                answered[o.intent] += 1
                if o.correct:
                    right[o.intent] += 1
        recalled: Counter[str] = Counter(
            o.question.expect[0] for o in self.outcomes if o.correct and o.question.kind == "intent"
        )
        table = {}
        for intent in sorted(set(answered) | set(support)):
            precision = self._share(right[intent], answered[intent]) if answered[intent] else 100.0
            recall = self._share(recalled[intent], support[intent]) if support[intent] else 100.0
            table[intent] = (precision, recall, support[intent])
        return table

    def confusions(self) -> list[tuple[str, str, int]]:
        """(expected, got, count) of the wrong or missed questions, most frequent first."""
        pairs: Counter[tuple[str, str]] = Counter()
        for o in self.outcomes:
            if not o.correct:
                got = o.intent if o.status == "answer" and o.intent else o.status
                pairs[("|".join(o.question.expect), got)] += 1
        return [(e, g, n) for (e, g), n in pairs.most_common()]


def parse_questions(file: YamlFile, known: set[str]) -> list[Labelled]:
    """The labelled questions of an evaluation file; errors name the file and line."""
    data = file.data
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        line, _ = file.where(())
        raise ChatbotError(f"{file.name}:{line}: expected 'questions:' with a list of q/expect")
    found = []
    for index, item in enumerate(questions):
        line, _ = file.where(("questions", index))
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise ChatbotError(f"{file.name}:{line}: each question needs 'q:' with text")
        expect = item.get("expect")
        labels = tuple(expect) if isinstance(expect, list) else (expect,)
        if not labels:
            raise ChatbotError(f"{file.name}:{line}: 'expect' is an empty list")
        for label in labels:
            if not isinstance(label, str) or (label not in known and label not in SPECIAL):
                raise ChatbotError(
                    f"{file.name}:{line}: expect {label!r} is not an intent id, "
                    "'fallback', 'urgent' or 'clarify'"
                )
        found.append(Labelled(item["q"], labels, line))
    return found


def evaluate(bot: Bot, questions: list[Labelled]) -> Report:
    """Each question on its own, in a fresh conversation."""
    outcomes = []
    for question in questions:
        response, _ = respond(bot, Context(), question.text)
        outcomes.append(_outcome(question, response))
    return Report(tuple(outcomes))


def _outcome(question: Labelled, response: Response) -> Outcome:
    candidates = response.explanation.candidates
    fixed = response.status == "urgent" or not candidates or not response.explanation.replayable
    return Outcome(question, response.status, response.intent, response.score, candidates, fixed)


def without_example(knowledge: Knowledge, intent_id: str, example: str) -> Knowledge:
    """The knowledge with one example of one intent left out (for cross-validation)."""
    intents: list[Intent] = []
    for intent in knowledge.intents:
        if intent.id == intent_id:
            kept = tuple(e for e in intent.examples if e != example)
            intent = replace(intent, examples=kept)
        intents.append(intent)
    return replace(knowledge, intents=tuple(intents))


HeldOut = tuple[Knowledge, tuple[tuple[str, str], ...]]
"""A knowledge base, with the (intent, example) pairs to hold out of it one at a time."""
Mapper = Callable[[Callable[[HeldOut], list[Outcome]], list[HeldOut]], Iterable[list[Outcome]]]
"""`map`, or a process pool's: how the parts of a cross-validation are run."""


def cross_validate(knowledge: Knowledge, mapper: Mapper = map, parts: int = 1) -> Report:
    """Each example of each content intent, asked of a bot that was built without it; in
    `parts` interleaved parts, which `mapper` may run side by side (a bot is built per
    example: the slow part of `chatbot eval`)."""
    pairs = [(i.id, e) for i in knowledge.content_intents for e in i.examples]
    chunks = [(knowledge, tuple(pairs[n::parts])) for n in range(parts)]
    done = list(mapper(_held_out, chunks))
    outcomes = [done[n % parts][n // parts] for n in range(len(pairs))]
    return Report(tuple(outcomes))


def _held_out(chunk: HeldOut) -> list[Outcome]:
    knowledge, pairs = chunk
    outcomes = []
    for intent_id, example in pairs:
        bot = Bot.build(without_example(knowledge, intent_id, example))
        response, _ = respond(bot, Context(), example)
        outcomes.append(_outcome(Labelled(example, (intent_id,)), response))
    return outcomes
