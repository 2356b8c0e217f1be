"""`chatbot replay`: the I/O shell around `chatbot.transcript`.

Reads transcript files, replays them, prints `PASS`/`FAIL` per file (a failure with a
`file:line` note per failing turn and the transcript annotated) or `ERROR` for a file
that cannot be read, with every problem in it, and ends with `N passed, N failed` (and
`N malformed`). Every file is run; the exit code is decided at the end: 0 all passed, 1
a transcript failed (or, with --coverage, an intent is not covered), 2 a file could not
be read or the command line was wrong.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from chatbot.dialogue import Bot
from chatbot.errors import ChatbotError, TranscriptError, UsageError
from chatbot.loader import FileTooLarge, Skipped, display_name, read_regular, yaml_paths
from chatbot.sanitize import clean
from chatbot.transcript import (
    Transcript,
    TranscriptResult,
    annotate,
    not_updated,
    parse_transcript,
    problem_error,
    replay,
    update_transcript,
)
from chatbot.userfiles import make_folders, write_private
from chatbot.yamlsource import MAX_FILE_BYTES, Problem, parse_yaml, too_large

DEFAULT_TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"


@dataclass(frozen=True)
class Loaded:
    path: Path
    source: str
    transcript: Transcript


def run_replay(bot: Bot, args: argparse.Namespace) -> int:
    intent_ids = {i.id for i in bot.knowledge.intents}
    try:
        paths = transcript_paths(list(args.paths) or [DEFAULT_TRANSCRIPTS])
    except UsageError as err:
        print(f"chatbot: {clean(str(err))}", file=sys.stderr)
        return err.exit_code
    loaded: list[Loaded] = []
    results: list[tuple[Loaded, TranscriptResult]] = []
    malformed: list[Malformed] = []
    for path in paths:
        try:
            item = load(path, intent_ids)
        except TranscriptError as err:
            malformed.append(Malformed(path, str(err).splitlines()))
            _report_malformed(malformed[-1])
            continue
        loaded.append(item)
        result = replay(bot, item.transcript)
        if args.update and not result.passed:
            item, result = _update(bot, item, result, intent_ids)
        results.append((item, result))
        _report(item, result)
    failed = sum(not r.passed for _, r in results)
    summary = f"{len(results) - failed} passed, {failed} failed"
    print(summary + (f", {len(malformed)} malformed" if malformed else ""))

    if args.junit:
        write_junit(args.junit, results, malformed)
    uncovered = False
    if args.coverage:
        uncovered = _coverage(bot, [item.transcript for item in loaded])
    if malformed:
        return TranscriptError.exit_code
    return 1 if failed or uncovered else 0


@dataclass(frozen=True)
class Malformed:
    """A transcript that could not be read, with every problem found in it."""

    path: Path
    problems: list[str]


def _report_malformed(item: Malformed) -> None:
    print(clean(f"ERROR {display_name(item.path)}"), flush=True)
    for problem in item.problems:
        print(clean(f"chatbot: {problem}"), file=sys.stderr, flush=True)


def transcript_paths(paths: list[Path]) -> list[Path]:
    """The transcripts named, or found inside the folders named, in a stable order.

    What a folder holds that is not read (a broken link, a pipe, a folder that cannot
    be read) is said on stderr; any of those stops the replay, as an unreadable file does.
    """
    skipped: Skipped = []
    try:
        found = yaml_paths(paths, skipped)
    except ChatbotError as err:
        raise UsageError(str(err)) from None
    for path, severity, why in skipped:
        print(clean(f"chatbot: {display_name(path)}: {severity}: {why}"), file=sys.stderr)
    if any(severity == "error" for _, severity, _ in skipped):
        raise UsageError("some transcripts could not be read; see above")
    if not found:
        raise UsageError(f"{' '.join(str(p) for p in paths)}: no transcripts (*.yaml) found")
    return found


def load(path: Path, intent_ids: set[str]) -> Loaded:
    name = display_name(path)
    try:
        content = read_regular(path, MAX_FILE_BYTES)
    except FileTooLarge as err:
        raise problem_error(too_large(name, err.size)) from err
    except OSError as err:
        raise TranscriptError(f"{name}:1: cannot read: {err.strerror}") from err
    parsed = parse_yaml(name, content)
    if isinstance(parsed, Problem):
        raise problem_error(parsed)
    source = content.decode("utf-8")
    return Loaded(path, source, parse_transcript(parsed, intent_ids))


def _report(item: Loaded, result: TranscriptResult) -> None:
    if result.passed:
        print(clean(f"PASS {item.transcript.name}"))
        return
    print(clean(f"FAIL {item.transcript.name}"))
    for note in result.notes():  # file:line, for editors and CI logs
        print(clean(note))
    print(clean(annotate(item.source, item.transcript, result).rstrip("\r\n")))
    print()


def _update(
    bot: Bot, item: Loaded, result: TranscriptResult, intent_ids: set[str]
) -> tuple[Loaded, TranscriptResult]:
    """Rewrite the file's missed status and intent lines; replay what was written."""
    for note in not_updated(item.source, item.transcript, result):
        print(clean(f"NOT UPDATED {note}"))
    text = update_transcript(item.source, item.transcript, result)
    if text == item.source:
        return item, result
    item.path.write_bytes(text.encode("utf-8"))
    print(clean(f"UPDATED {item.transcript.name}"))
    diff = difflib.unified_diff(item.source.splitlines(), text.splitlines(), lineterm="", n=0)
    for line in list(diff)[2:]:
        print(clean(f"  {line}"))
    updated = load(item.path, intent_ids)
    return updated, replay(bot, updated.transcript)


def _coverage(bot: Bot, transcripts: list[Transcript]) -> bool:
    """Print the intents no transcript names; True when there are any."""
    named = frozenset().union(*(t.intents for t in transcripts))
    ids = [i.id for i in bot.knowledge.intents]
    missing = [i for i in ids if i not in named]
    if not missing:
        print(f"coverage: all {len(ids)} intents covered")
        return False
    print(f"coverage: {len(missing)} of {len(ids)} intents named by no transcript:")
    for intent in missing:
        print(f"  {intent}")
    return True


def write_junit(
    path: Path, results: list[tuple[Loaded, TranscriptResult]], malformed: Sequence[Malformed] = ()
) -> None:
    """JUnit XML: one test case per transcript; a failure carries the `# got:` notes, a
    file that could not be read is an error with its problems."""
    failures = sum(not r.passed for _, r in results)
    counts = {
        "tests": str(len(results) + len(malformed)),
        "failures": str(failures),
        "errors": str(len(malformed)),
    }
    suites = ET.Element("testsuites", {"name": "chatbot replay", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "transcripts", **counts, "skipped": "0"})
    for item, result in results:
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": "transcripts", "name": item.transcript.name, "file": str(item.path)},
        )
        if not result.passed:
            failure = ET.SubElement(
                case, "failure", {"message": "\n".join(result.notes()), "type": "mismatch"}
            )
            failure.text = annotate(item.source, item.transcript, result)
    for broken in malformed:
        name = display_name(broken.path)
        case = ET.SubElement(
            suite, "testcase", {"classname": "transcripts", "name": name, "file": str(broken.path)}
        )
        error = ET.SubElement(case, "error", {"message": broken.problems[0], "type": "malformed"})
        error.text = "\n".join(broken.problems)
    ET.indent(suites)
    make_folders(path.parent)
    # The report holds what testers typed: as private as the transcripts themselves.
    write_private(path, ET.tostring(suites, encoding="utf-8", xml_declaration=True))
