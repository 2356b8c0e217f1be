"""`chatbot eval`: the I/O shell around `chatbot.evaluation` and `chatbot.calibration`.

Reads a labelled question set, prints the figures (and with `--verbose` each miss), runs
the cross-validation across the machine's cores, and with `--calibrate --write` writes
the chosen thresholds into intents/config.yaml.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.errors import UsageError
from chatbot.loader import read_files

if TYPE_CHECKING:
    from chatbot.dialogue import Bot
    from chatbot.evaluation import Report
    from chatbot.knowledge import Knowledge, Thresholds

DEFAULT_EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval" / "questions.yaml"


def _cross_validated(knowledge: Knowledge) -> Report:
    """Cross-validation, its parts run side by side on the machine's cores."""
    from concurrent.futures import ProcessPoolExecutor

    from chatbot.evaluation import cross_validate

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    parts = max(1, cores or 1)
    if parts == 1:
        return cross_validate(knowledge)
    with ProcessPoolExecutor(max_workers=parts) as pool:
        return cross_validate(knowledge, pool.map, parts)


def run_eval(bot: Bot, args: argparse.Namespace, intents: Path) -> int:
    from chatbot.calibration import calibrate
    from chatbot.evaluation import evaluate, parse_questions

    knowledge = bot.knowledge
    bar = knowledge.bar
    if args.write and not args.calibrate:
        raise UsageError("--write goes with --calibrate")
    if args.cross_validate and args.calibrate:
        raise UsageError("--calibrate runs the cross-validation itself; give one of the two")
    if args.cross_validate:
        report = _cross_validated(knowledge)
        print(f"Cross-validation: each of {report.total} examples held out against the rest")
        first, least = report.ranked_first, bar.cross_validation
        print(f"  ranked first         {first:6.1f}%  (the bar: {least:g}%)")
        _print_report(report, args.verbose)
        return 0 if first >= least else 1
    path = args.file or DEFAULT_EVAL
    files, problems = read_files([path])
    if problems:
        raise UsageError(str(problems[0]))
    if len(files) != 1:
        raise UsageError(f"{path}: give one questions file")
    questions = parse_questions(files[0], {i.id for i in knowledge.intents})
    report = evaluate(bot, questions)
    if args.calibrate:
        held_out = _cross_validated(knowledge)
        rows = calibrate(report, knowledge.thresholds, bar.wrong, held_out)
        print(
            " answer margin clarify coverage | accuracy  wrong  clarify  oos-accepted"
            " | cross-validation"
        )
        for row in rows[:20]:
            t, r = row.thresholds, row.report
            cv = row.held_out.accuracy if row.held_out else 0.0
            print(
                f" {t.answer:6g} {t.margin:6g} {t.clarify:7g} {t.coverage:8g} | "
                f"{r.accuracy:7.1f}% {r.wrong_rate:5.1f}% {r.clarify_rate:6.1f}%  "
                f"{r.out_of_scope_accepted:5d}        | {cv:7.1f}%"
            )
        chosen = rows[0].thresholds
        print(
            f"chosen: answer {chosen.answer:g}, margin {chosen.margin:g}, "
            f"clarify {chosen.clarify:g}, coverage {chosen.coverage:g} "
            f"(of {len(rows)} combinations)"
        )
        if args.write:
            _write_thresholds(intents / "config.yaml", chosen)
            print(f"written to {intents / 'config.yaml'}")
        return 0
    print(f"Evaluation set: {path} ({report.total} questions)")
    _print_report(report, args.verbose)
    ok = (
        report.accuracy >= bar.accuracy
        and report.wrong_rate <= bar.wrong
        and report.urgent_recall >= bar.urgent_recall
        and report.false_urgent == 0
    )
    if not ok:
        print(
            f"below the bar: accuracy >= {bar.accuracy:g}%, wrong <= {bar.wrong:g}%, "
            f"urgent recall >= {bar.urgent_recall:g}%, no false urgent",
            file=sys.stderr,
        )
    return 0 if ok else 1


def _print_report(report: Report, verbose: bool) -> None:
    wrong = sum(o.wrong for o in report.outcomes)
    print(f"  accuracy             {report.accuracy:6.1f}%  (answered right, or rightly not)")
    print(f"  wrong answers        {report.wrong_rate:6.1f}%  ({wrong})")
    print(f"  clarify rate         {report.clarify_rate:6.1f}%")
    oos = report.out_of_scope
    if oos:
        print(f"  out of scope accepted {report.out_of_scope_accepted:5d} of {len(oos)}")
    if report.urgent:
        caught = sum(o.status == "urgent" for o in report.urgent)
        total = len(report.urgent)
        print(f"  urgent recall        {report.urgent_recall:6.1f}%  ({caught} of {total})")
    print(f"  false urgent         {report.false_urgent:6d}")
    print("Per intent (precision, recall, questions):")
    for intent, (precision, recall, support) in report.per_intent().items():
        if verbose or precision < 100 or recall < 100:
            print(f"  {intent:<40} {precision:5.1f}% {recall:5.1f}% {support:4d}")
    confusions = report.confusions()
    if confusions:
        print("Confusions (expected -> got, count):")
        for expected, got, count in confusions[:25]:
            print(f"  {expected} -> {got}  {count}")
    if verbose:
        print("Missed questions:")
        for o in report.outcomes:
            if not o.correct:
                got = o.intent or o.status
                mark = "WRONG" if o.wrong else "miss "
                print(f"  {mark} {o.question.text!r}: expected {'|'.join(o.question.expect)}, "
                      f"got {got} ({o.score:.1f})")  # fmt: skip


def _write_thresholds(path: Path, chosen: Thresholds) -> None:
    text = path.read_text(encoding="utf-8")
    values = {"answer": chosen.answer, "margin": chosen.margin, "clarify": chosen.clarify,
              "coverage": chosen.coverage}  # fmt: skip
    for key, value in values.items():
        text = re.sub(rf"(?m)^(\s+{key}:)\s*[\d.]+", rf"\g<1> {value:g}", text, count=1)
    path.write_text(text, encoding="utf-8")
