"""How `chatbot eval --calibrate` chooses thresholds from labelled outcomes, and how
`--cross-validate` holds each example out, on small fixtures (the full runs are in .ci/run)."""

from __future__ import annotations

from pathlib import Path

from chatbot.calibration import calibrate
from chatbot.evaluation import Labelled, Outcome, Report, cross_validate
from chatbot.knowledge import Thresholds
from chatbot.loader import load_knowledge
from chatbot.matcher import Candidate

VALID = Path(__file__).resolve().parent / "fixtures" / "check" / "valid"


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


def test_the_figures_calibration_ranks_by_are_those_of_the_report_it_prints() -> None:
    # Calibration ranks by tallies of alike outcomes counted once; the table shows the
    # full reports. A mix of clear, close, unanswerable, out-of-scope and urgent questions.
    def scored(expect: str, best: str, score: float, lead: float, coverage: float) -> Outcome:
        candidates = (Candidate(best, score, "", coverage), Candidate("c", score - lead, "", 1.0))
        return Outcome(Labelled("q", (expect,)), "fallback", None, score, candidates)

    outcomes = [
        *[scored("a", "a", 80.0, 30.0, 1.0)] * 20,
        *[scored("a", "b", 62.0, 3.0, 0.9)] * 3,
        *[scored("b", "b", 55.0, 12.0, 0.6)] * 4,
        *[scored("fallback", "a", 58.0, 20.0, 0.3)] * 5,
        Outcome(Labelled("q", ("urgent",)), "urgent", None, 0.0, fixed=True),
        Outcome(Labelled("q", ("a",)), "answer", "b", 0.0, fixed=True),
    ]
    report = Report(tuple(outcomes))
    rows = calibrate(report, Thresholds(), max_wrong=5.0, held_out=report)
    for row in (*rows[:5], *rows[-5:], rows[len(rows) // 2]):
        for tally, full in ((row.tally, row.report), (row.held_out_tally, row.held_out)):
            assert tally is not None and full is not None
            assert (tally.total, tally.accuracy, tally.wrong_rate, tally.clarify_rate) == (
                full.total,
                full.accuracy,
                full.wrong_rate,
                full.clarify_rate,
            )
    assert len({(r.tally.accuracy, r.tally.wrong_rate, r.tally.clarify_rate) for r in rows}) > 3


def test_cross_validation_asks_each_example_of_a_bot_built_without_it() -> None:
    """On the small valid knowledge base of the check tests: every example of a content
    intent is asked once (small talk is not), and none is found word for word, which it
    would be if the bot still held it; only an example that is its intent's title is."""
    knowledge = load_knowledge(VALID)
    report = cross_validate(knowledge)
    asked = sorted((o.question.expect[0], o.question.text) for o in report.outcomes)
    assert asked == sorted(
        (intent.id, example) for intent in knowledge.content_intents for example in intent.examples
    )
    assert "hello" not in {intent for intent, _ in asked}
    exact = {o.question.text for o in report.outcomes if any(c.exact for c in o.candidates)}
    assert exact == {"what is the drug"}  # the title "What is the drug?"
    assert report.ranked_first >= 50


def test_cross_validation_in_parts_on_a_process_pool_gives_the_same_report() -> None:
    """`chatbot eval --cross-validate` runs its parts side by side on every core: the same
    outcomes, in the same order, as one part run in this process."""
    from concurrent.futures import ProcessPoolExecutor

    knowledge = load_knowledge(VALID)
    alone = cross_validate(knowledge)
    with ProcessPoolExecutor(max_workers=2) as pool:
        parted = cross_validate(knowledge, pool.map, 3)
    assert parted == alone
