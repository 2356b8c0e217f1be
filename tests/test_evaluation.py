"""How `chatbot eval --calibrate` chooses thresholds from labelled outcomes."""

from __future__ import annotations

from chatbot.evaluation import Labelled, Outcome, Report, calibrate
from chatbot.knowledge import Thresholds
from chatbot.matcher import Candidate


def outcome(best: str, runner_up: str, lead: float) -> Outcome:
    """A question about intent 'a' whose best candidate is `best`, ahead by `lead`."""
    candidates = (Candidate(best, 80.0, "", 1.0), Candidate(runner_up, 80.0 - lead, "", 1.0))
    return Outcome(Labelled("q", ("a",)), "answer", best, 80.0, candidates)


def test_calibration_would_rather_leave_close_calls_unanswered_than_answer_one_wrong() -> None:
    # 95 clear questions; 5 close calls of which 4 would be answered right and 1 wrong.
    # Answering the close calls buys 4 points of accuracy for 1 point of wrong answers.
    clear = [outcome("a", "b", 50.0)] * 95
    close = [outcome("a", "b", 5.0)] * 4 + [outcome("b", "a", 5.0)]
    report = Report(tuple(clear + close))
    best = calibrate(report, Thresholds(), max_wrong=1.0)[0]
    answered = [o for o in best.report.outcomes if o.status == "answer"]
    assert len(answered) == 95
    assert best.report.wrong_rate == 0


def test_calibration_takes_fewer_choices_over_a_gain_of_one_question() -> None:
    # 1,000 clear questions; one answered right only from 58; 30 close calls between 'a'
    # and 'b' (half of each), wrong half the time if answered. Answering from 58 gains
    # that one question but turns the 30 close calls into numbered choices: not worth it.
    def scored(expect: str, runner_up: float) -> Outcome:
        candidates = (Candidate("a", 58.0, "", 0.5), Candidate("b", runner_up, "", 0.5))
        return Outcome(Labelled("q", (expect,)), "fallback", None, 58.0, candidates)

    clear = [outcome("a", "b", 50.0)] * 1000
    close = [scored("a", 57.0)] * 15 + [scored("b", 57.0)] * 15
    report = Report(tuple([*clear, scored("a", 28.0), *close]))
    best = calibrate(report, Thresholds(), max_wrong=1.0)[0]
    assert best.report.clarify_rate == 0
    assert best.report.wrong_rate == 0
