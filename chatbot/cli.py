"""The `chatbot` command: argument parsing and output, over the pure core."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chatbot.arguments import build_parser
from chatbot.errors import ChatbotError, UsageError
from chatbot.loader import check, default_intents_dir, load_bot
from chatbot.sanitize import clean, json_text, valid_text

if TYPE_CHECKING:
    from typing import Any, TextIO

    from chatbot.dialogue import Bot, Response
    from chatbot.knowledge import Knowledge


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except ChatbotError as err:
        print(f"chatbot: {clean(str(err))}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as err:  # a folder that cannot be written, a file that went away
        where = f": {err.filename}" if err.filename else ""
        print(clean(f"chatbot: {err.strerror or err}{where}"), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    intents = args.intents or default_intents_dir()
    command = args.command or "chat"
    if command != "chat" and (args.plain or args.no_history or args.record):
        raise UsageError("--plain, --no-history and --record go with chat")
    if sys.stdin is None:  # started with stdin closed: read it as empty
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    if command == "check":
        return _check(args.paths or [intents], args.strict, args.stats)
    bot = load_bot(intents)
    if command == "export":
        _print_json(export(bot.knowledge), indent=2)
        return 0
    if command == "ask":
        return _ask(bot, args)
    if command == "eval":
        from chatbot.eval_cli import run_eval

        return run_eval(bot, args, intents)
    if command == "replay":
        from chatbot.replay_cli import run_replay

        return run_replay(bot, args)
    from chatbot.repl import recording_problem, run_chat

    if args.record is not None:  # refused at once, not after the first answer
        problem = recording_problem(args.record.expanduser().resolve())
        if problem is not None:
            raise UsageError(problem)
    return run_chat(bot, plain=args.plain, history=not args.no_history, record=args.record)


# ---------------------------------------------------------------- check


def _check(paths: list[Path], strict: bool, stats: bool) -> int:
    from chatbot.validate import build_knowledge

    files, problems = check(paths)
    for problem in problems:
        print(clean(str(problem)))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if stats and not errors:
        _print_stats(build_knowledge(files))
    if problems:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    else:
        print(f"ok: {len(files)} file(s), no problems", file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def _print_stats(knowledge: Knowledge) -> None:
    import statistics
    from collections import Counter

    from chatbot.readability import flesch_kincaid_grade

    per_topic = Counter(i.topic for i in knowledge.intents)
    print("Intents per topic:")
    for topic in knowledge.topics:
        print(f"  {topic.id:<16} {per_topic[topic.id]:>3}")
    print(f"  {'total':<16} {len(knowledge.intents):>3}")
    print("Examples and reading grade per intent:")
    grades = []
    for intent in knowledge.intents:
        grade = flesch_kincaid_grade(intent.answer)
        grades.append(grade)
        print(f"  {intent.id:<40} {len(intent.examples):>3} examples  grade {grade:>4.1f}")
    counts = [len(i.examples) for i in knowledge.content_intents]
    content_grades = [flesch_kincaid_grade(i.answer) for i in knowledge.content_intents]
    if counts:
        print(
            f"Content intents: {len(counts)}; examples min {min(counts)}, "
            f"median {statistics.median(counts):g}, total {sum(counts)}"
        )
        print(
            f"Reading grade of content answers: median {statistics.median(content_grades):.1f}, "
            f"max {max(content_grades):.1f}"
        )


# ---------------------------------------------------------------- export and ask


def export(knowledge: Knowledge) -> dict[str, Any]:
    return {
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "publisher": d.publisher,
                "url": d.url,
                "date": d.date,
                "sections": [{"id": s.id, "title": s.title} for s in d.sections],
            }
            for d in knowledge.documents
        ],
        "intents": [
            {
                "id": i.id,
                "title": i.title,
                "topic": i.topic,
                "aspect": i.aspect,
                "examples": list(i.examples),
                "answer": i.answer,
                "sources": [{"document": s.document, "section": s.section} for s in i.sources],
                "follow_ups": list(i.follow_ups),
            }
            for i in knowledge.intents
        ],
    }


def response_json(question: str, response: Response) -> dict[str, Any]:
    return {
        "question": question,
        "status": response.status,
        "intent": response.intent,
        "score": response.score,
        "answer": f"{response.safety}\n\n{response.text}" if response.safety else response.text,
        "safety": response.safety,
        "sources": [
            {"document": s.document, "title": s.title, "section": s.section, "url": s.url}
            for s in response.sources
        ],
        "options": [{"intent": o.intent, "title": o.title} for o in response.options],
        "follow_ups": [{"intent": o.intent, "title": o.title} for o in response.follow_ups],
    }


def _questions(args: argparse.Namespace, stdin: TextIO) -> Iterable[str]:
    if args.question:  # bytes that are not UTF-8 come as lone surrogates: made U+FFFD
        yield valid_text(" ".join(args.question))
        return
    if stdin.isatty():  # not a silent wait: say what it waits for
        print(
            "Type a question and press Enter, one per line; Ctrl-D ends. "
            "(For a chat, run `chatbot`.)",
            file=sys.stderr,
            flush=True,
        )
    stream = stdin.buffer if hasattr(stdin, "buffer") else None
    if stream is None:
        yield from (line.rstrip("\n") for line in stdin)
        return
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _ask(bot: Bot, args: argparse.Namespace) -> int:
    from chatbot.dialogue import Context, respond
    from chatbot.render import plain
    from chatbot.terminal import width as terminal_width

    context = Context()
    width = terminal_width()
    first = True
    for question in _questions(args, sys.stdin):
        if args.no_context:
            context = Context()
        response, context = respond(bot, context, question)
        if args.json:
            _print_json(response_json(question, response))
        else:
            if not first:
                print()
            print(clean(plain(response, width, one_shot=bool(args.question))), flush=True)
        first = False
    return 0


def _print_json(value: Any, indent: int | None = None) -> None:
    """JSON as UTF-8 bytes, whatever the locale says stdout is, one value per line."""
    text = json_text(value, indent) + "\n"
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    stream.write(text.encode("utf-8"))
    stream.flush()
