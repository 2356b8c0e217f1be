"""Choosing the decision thresholds: `chatbot eval --calibrate`.

Pure: the outcomes of a question set (and of cross-validation) are decided again under
every combination of thresholds, and the combinations are ranked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import product

from chatbot.decision import Decision, decide
from chatbot.evaluation import Labelled, Outcome, Report
from chatbot.knowledge import Thresholds
from chatbot.matcher import Candidate


def rejudge(report: Report, limits: Thresholds) -> Report:
    """The same outcomes decided again under other thresholds (scores do not change)."""
    outcomes = []
    for o in report.outcomes:
        if o.fixed:
            outcomes.append(o)
            continue
        decision: Decision = decide(list(o.candidates), limits)
        intent = decision.chosen[0].intent if decision.status == "answer" else None
        outcomes.append(replace(o, status=decision.status, intent=intent))
    return Report(tuple(outcomes))


WRONG_COST = 5.0
"""How many questions left unanswered one wrong answer is worth when thresholds are
chosen: a patient may act on a wrong answer, and "ask your care team" does no harm. On
the blind question sets, each point of accuracy bought by answering closer calls cost
more than a point of wrong answers."""


@dataclass(frozen=True)
class Tally:
    """The figures calibration ranks by: of `total` outcomes, how many were right, wrong
    (see `Outcome.wrong`) and numbered choices. The same figures as a `Report`'s."""

    total: int = 0
    correct: int = 0
    wrong: int = 0
    clarify: int = 0

    def _share(self, count: int) -> float:
        return 100.0 * count / self.total if self.total else 0.0

    @property
    def accuracy(self) -> float:
        return self._share(self.correct)

    @property
    def wrong_rate(self) -> float:
        return self._share(self.wrong)

    @property
    def clarify_rate(self) -> float:
        return self._share(self.clarify)

    def add(self, outcome: Outcome, count: int = 1) -> Tally:
        return Tally(
            self.total + count,
            self.correct + count * outcome.correct,
            self.wrong + count * outcome.wrong,
            self.clarify + count * (outcome.status == "clarify"),
        )


class _Rejudged:
    """A report's outcomes ready to be decided again under many thresholds: those the
    thresholds play no part in are tallied once, and the others are kept once per
    question label and candidate list with how often they occur (cross-validation and
    generated sets hold many alike)."""

    def __init__(self, report: Report) -> None:
        self.fixed = Tally()
        groups: Counter[tuple[Labelled, tuple[Candidate, ...]]] = Counter()
        for o in report.outcomes:
            if o.fixed:
                self.fixed = self.fixed.add(o)
            else:
                groups[(replace(o.question, text="", line=0), o.candidates)] += 1
        self.groups = list(groups.items())

    def tally(self, limits: Thresholds) -> Tally:
        tally = self.fixed
        for (question, candidates), count in self.groups:
            decision = decide(list(candidates), limits)
            intent = decision.chosen[0].intent if decision.status == "answer" else None
            tally = tally.add(Outcome(question, decision.status, intent, 0.0), count)
        return tally


@dataclass(frozen=True)
class CalibrationRow:
    """One combination of thresholds and how the question set (and the cross-validation
    outcomes, when given) fare under it. The full reports are decided again on demand:
    calibration ranks tens of thousands of rows by their tallies alone."""

    thresholds: Thresholds
    scored: Report
    tally: Tally
    held_out_scored: Report | None = None
    held_out_tally: Tally | None = None

    @property
    def report(self) -> Report:
        return rejudge(self.scored, self.thresholds)

    @property
    def held_out(self) -> Report | None:
        scored = self.held_out_scored
        return rejudge(scored, self.thresholds) if scored is not None else None


def calibrate(
    report: Report, base: Thresholds, max_wrong: float = 1.0, held_out: Report | None = None
) -> list[CalibrationRow]:
    """Every threshold combination, best first.

    Best is: wrong answers at most `max_wrong` percent of the question set; then the
    highest accuracy less `WRONG_COST` times the wrong-answer rate, each averaged with
    the same figure on `held_out` (the cross-validation outcomes) when given, so that the
    thresholds suit new wordings and not only the set; then fewer wrong answers, fewer
    clarifications, and the strictest answer threshold. Rows whose cost is within one
    question of the set of the lowest are counted as tied with it: a smaller difference
    is noise, and a choice the user has to make is a cost the figures do not show.
    """
    asked = _Rejudged(report)
    other = _Rejudged(held_out) if held_out else None
    rows = []
    for answer, margin, clarify, coverage in product(
        range(40, 92, 2), range(0, 22, 2), range(40, 92, 5), range(0, 100, 10)
    ):
        if clarify > answer:
            continue
        limits = replace(base, answer=answer, margin=margin, clarify=clarify, coverage=coverage)
        rows.append(
            CalibrationRow(
                limits,
                report,
                asked.tally(limits),
                held_out,
                other.tally(limits) if other else None,
            )
        )

    def cost(row: CalibrationRow) -> float:
        r, h = row.tally, row.held_out_tally
        accuracy = (r.accuracy + h.accuracy) / 2 if h else r.accuracy
        wrong = (r.wrong_rate + h.wrong_rate) / 2 if h else r.wrong_rate
        return WRONG_COST * wrong - accuracy

    def rank(row: CalibrationRow) -> tuple[bool, float, float, float, float]:
        return (row.tally.wrong_rate > max_wrong, cost(row), row.tally.wrong_rate,
                row.tally.clarify_rate, -row.thresholds.answer)  # fmt: skip

    rows.sort(key=rank)
    if rows and rows[0].tally.total:
        one_question = 100 / rows[0].tally.total / (2 if held_out else 1)
        lowest = cost(rows[0])
        tied = [r for r in rows if not rank(r)[0] and cost(r) <= lowest + one_question + 1e-9]
        if tied:
            chosen = min(tied, key=lambda r: rank(r)[2:])
            rows.remove(chosen)
            rows.insert(0, chosen)
    return rows
