"""Transcripts: recorded conversations replayed as tests.

A transcript is a YAML file holding one conversation. Each turn is what the user typed
and what the bot is expected to do. Replaying starts a fresh conversation and calls the
same `respond(...)` as the REPL and `chatbot ask`, so a passing transcript proves what a
user would see.

    title: Xofigo, then its side effects
    description: optional free text
    turns:
      - user: what is xofigo
        expect: {status: answer, intent: xofigo_what_is}
      - user: what are its side effects?
        expect:
          status: answer
          intent: xofigo_side_effects
          contains: [diarrhea]
          not_contains: [Provenge]

Keys:
- `title` (required): one line saying what the conversation shows.
- `description` (optional): free text.
- `turns` (required): a list; each turn has `user` (the text typed, never empty; quote
  a bare number such as "2" or leave it plain) and `expect`.
- `expect.status` (required): `answer`, `clarify`, `fallback` or `urgent`.
- `expect.intent`: the intent id answered; required when the status is `answer`. With
  `clarify` or `fallback` it is optional and names one of the choices offered; an urgent
  reply offers no choices, so it takes none.
- `expect.contains` / `expect.not_contains` (optional): a phrase or a list of phrases
  that must or must not appear in the reply's text (ignoring case and line breaks).
Any other key is an error, reported as `file:line: message`.

Pure: parsing takes an already parsed `YamlFile`, replay takes the bot; the functions
that produce text (`annotate`, `update_transcript`, `dump_transcript`) return strings.
Reading and writing files is `chatbot.replay_cli`'s job.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, cast

import yaml

from chatbot.dialogue import STATUSES, Bot, Context, Response, Status, respond
from chatbot.errors import TranscriptError
from chatbot.yamlsource import Problem, YamlFile, parse_yaml

TOP_KEYS = ("title", "description", "turns")
TURN_KEYS = ("user", "expect")
EXPECT_KEYS = ("status", "intent", "contains", "not_contains")
TEXT_SHOWN = 80
RECORDED_TITLE = "Recorded conversation"


@dataclass(frozen=True)
class Expect:
    status: Status
    intent: str | None = None
    contains: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    user: str
    expect: Expect
    line: int


@dataclass(frozen=True)
class Transcript:
    name: str
    title: str
    description: str
    turns: tuple[Turn, ...]

    @property
    def intents(self) -> frozenset[str]:
        """The intent ids its expectations name."""
        return frozenset(t.expect.intent for t in self.turns if t.expect.intent)


@dataclass(frozen=True)
class TurnResult:
    """What the bot did on one turn, and which expectations it missed."""

    turn: Turn
    status: Status
    intent: str | None
    text: str
    options: tuple[str, ...]
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def wrong_choice(self) -> bool:
        """The status or intent missed (what `update_transcript` can rewrite)."""
        return any(f.startswith(("status", "intent")) for f in self.failures)

    @property
    def got(self) -> str:
        text = f"status={self.status}, intent={self.intent or 'none'}"
        if self.options:
            text += f", options=[{', '.join(self.options)}]"
        return text


@dataclass(frozen=True)
class TranscriptResult:
    transcript: Transcript
    turns: tuple[TurnResult, ...]

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.turns)

    @property
    def failed_turns(self) -> tuple[TurnResult, ...]:
        return tuple(t for t in self.turns if not t.passed)

    def notes(self) -> tuple[str, ...]:
        """One line per failing turn: where it is, what was expected and what came."""
        name = self.transcript.name
        return tuple(
            f"{name}:{t.turn.line}: {t.turn.user!r}: {'; '.join(t.failures)}; got: {t.got}"
            for t in self.failed_turns
        )


# ---------------------------------------------------------------- parsing


def parse_transcript(file: YamlFile, intent_ids: set[str]) -> Transcript:
    """The transcript in `file`. Every problem is looked for, not only the first: raises
    TranscriptError naming them all, one "file:line: message" a line."""
    data = file.data
    if not isinstance(data, dict):
        _fail(file, (), "expected a mapping with 'title:' and 'turns:'")
    problems = [
        f"{file.name}:{line}: key '{key}' appears twice" for key, line, _ in file.duplicate_keys
    ]
    problems += _unknown_keys(file, (), data, TOP_KEYS)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(
            _at(file, ("title",), "'title:' is required: one line saying what this shows")
        )
    description = data.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        problems.append(_at(file, ("description",), "'description:' must be text"))
    turns = data.get("turns")
    parsed: list[Turn | None] = []
    if not isinstance(turns, list) or not turns:
        problems.append(
            _at(file, ("turns",), "'turns:' is required: a list of 'user:' and 'expect:'")
        )
    else:
        parsed = [
            _turn(file, index, item, intent_ids, problems) for index, item in enumerate(turns)
        ]
    if problems:
        raise TranscriptError("\n".join(problems))
    assert isinstance(title, str) and isinstance(description, str)
    return Transcript(
        file.name, title.strip(), description.strip(), tuple(t for t in parsed if t is not None)
    )


def _turn(
    file: YamlFile, index: int, item: Any, intent_ids: set[str], problems: list[str]
) -> Turn | None:
    """One turn, or None with its problems added to `problems`."""
    path = ("turns", index)
    line = file.where(path)[0]
    number = index + 1
    if not isinstance(item, dict):
        problems.append(_at(file, path, f"turn {number}: expected 'user:' and 'expect:'"))
        return None
    problems += _unknown_keys(file, path, item, TURN_KEYS)
    user = item.get("user")
    if isinstance(user, int) and not isinstance(user, bool):
        user = str(user)
    if user is not None and not isinstance(user, str):
        problems.append(
            _at(file, (*path, "user"), f"turn {number}: the user text must be text; quote it")
        )
        user = None
    elif not user or not user.strip():
        problems.append(_at(file, (*path, "user"), f"turn {number} has no user text"))
        user = None
    expect = item.get("expect")
    if not isinstance(expect, dict):
        where = (*path, "expect") if "expect" in item else path
        problems.append(_at(file, where, f"turn {number} needs 'expect:' with at least a status"))
        return None
    expected = _expect(file, (*path, "expect"), number, expect, intent_ids, problems)
    return Turn(user, expected, line) if user and expected else None


def _expect(
    file: YamlFile,
    path: tuple[str | int, ...],
    number: int,
    expect: dict[Any, Any],
    intent_ids: set[str],
    problems: list[str],
) -> Expect | None:
    before = len(problems)
    problems += _unknown_keys(file, path, expect, EXPECT_KEYS)
    status = expect.get("status")
    if status not in STATUSES:
        shown = "no status" if status is None else f"unknown status {status!r}"
        message = f"turn {number}: {shown}; use {', '.join(STATUSES)}"
        problems.append(_at(file, (*path, "status"), message))
    intent = expect.get("intent")
    if intent is not None:
        if not isinstance(intent, str) or intent not in intent_ids:
            close = difflib.get_close_matches(str(intent), sorted(intent_ids), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            message = f"turn {number}: unknown intent id {intent!r}{hint}"
            problems.append(_at(file, (*path, "intent"), message))
        if status == "urgent":
            message = f"turn {number}: an urgent reply names no intent"
            problems.append(_at(file, (*path, "intent"), message))
    elif status == "answer":
        problems.append(_at(file, path, f"turn {number}: an expected answer needs 'intent:'"))
    phrases: list[tuple[str, ...]] = []
    for key in ("contains", "not_contains"):
        try:
            phrases.append(_phrases(file, (*path, key), number, expect.get(key)))
        except TranscriptError as err:
            problems.append(str(err))
    if len(problems) > before:
        return None
    return Expect(cast(Status, status), intent, *phrases)


def _phrases(
    file: YamlFile, path: tuple[str | int, ...], number: int, value: Any
) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str | int) and not isinstance(value, bool) else value
    if not isinstance(items, list) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) and str(v).strip() for v in items
    ):
        _fail(file, path, f"turn {number}: '{path[-1]}:' must be a phrase or a list of phrases")
    return tuple(str(v) for v in items)


def _unknown_keys(
    file: YamlFile, path: tuple[str | int, ...], mapping: dict[Any, Any], allowed: tuple[str, ...]
) -> list[str]:
    problems = []
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"expected {', '.join(allowed)}"
            problems.append(_at(file, (*path, str(key)), f"unknown key '{key}'; {hint}"))
    return problems


def _at(file: YamlFile, path: tuple[str | int, ...], message: str) -> str:
    line, _ = file.where(path)
    return f"{file.name}:{line}: {message}"


def _fail(file: YamlFile, path: tuple[str | int, ...], message: str) -> NoReturn:
    raise TranscriptError(_at(file, path, message))


def problem_error(problem: Problem) -> TranscriptError:
    """A YAML syntax problem as the transcript error the CLI prints."""
    return TranscriptError(f"{problem.file}:{problem.line}: {problem.message}")


# ---------------------------------------------------------------- replay


def replay(bot: Bot, transcript: Transcript) -> TranscriptResult:
    """Play the turns in a fresh conversation; note every expectation the bot misses."""
    context = Context()
    results = []
    for turn in transcript.turns:
        response, context = respond(bot, context, turn.user)
        results.append(_judge(turn, response))
    return TranscriptResult(transcript, tuple(results))


def _judge(turn: Turn, response: Response) -> TurnResult:
    expect = turn.expect
    options = tuple(o.intent for o in response.options)
    failures = []
    if response.status != expect.status:
        failures.append(f"status: expected {expect.status}")
    if expect.intent is not None:
        if expect.status == "answer" and response.intent != expect.intent:
            failures.append(f"intent: expected {expect.intent}")
        elif expect.status != "answer" and expect.intent not in options:
            failures.append(f"intent: expected {expect.intent} among the choices")
    text = _flat(f"{response.safety} {response.text}").casefold()  # all the person reads
    failures += [f"text lacks {p!r}" for p in expect.contains if _flat(p).casefold() not in text]
    failures += [f"text has {p!r}" for p in expect.not_contains if _flat(p).casefold() in text]
    return TurnResult(
        turn, response.status, response.intent, response.text, options, tuple(failures)
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- reporting


def annotate(source_text: str, transcript: Transcript, result: TranscriptResult) -> str:
    """The transcript's own text with `# got:` comments after each failing turn."""
    lines = source_text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in source_text else "\n"
    inserts: dict[int, list[str]] = {}
    for turn_result in result.failed_turns:
        end, indent = _turn_end(lines, turn_result.turn.line)
        notes = [f"# got: {turn_result.got}"]
        if any(f.startswith("text") for f in turn_result.failures):
            shown = _flat(turn_result.text)
            shown = shown if len(shown) <= TEXT_SHOWN else shown[: TEXT_SHOWN - 3] + "..."
            notes.append(f"# got text: {shown}")
            notes += [f"# {f}" for f in turn_result.failures if f.startswith("text")]
        inserts.setdefault(end, []).extend(" " * indent + n + newline for n in notes)
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index in inserts:
            if not line.endswith(("\n", "\r")):
                out.append(newline)
            out += inserts[index]
    return "".join(out)


def _turn_end(lines: list[str], line: int) -> tuple[int, int]:
    """The index of the last line of the turn starting at 1-based `line`, and its indent."""
    start = min(max(line - 1, 0), len(lines) - 1)
    first = lines[start]
    body = len(first) - len(first.lstrip(" -"))
    end = start
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[index]) - len(lines[index].lstrip(" ")) < body:
            break
        end = index
    return end, body


def update_transcript(source_text: str, transcript: Transcript, result: TranscriptResult) -> str:
    """The source with the status and intent of each missed turn set to what the bot did.

    Only those values change; comments, layout, `contains` and `not_contains` stay, so a
    text expectation that no longer holds still fails for a person to look at. A turn
    whose expectation is shared through a YAML anchor is left as it is (`not_updated`):
    rewriting it would change the other turns' too.
    """
    parsed = parse_yaml(transcript.name, source_text.encode("utf-8"))
    if isinstance(parsed, Problem):
        raise problem_error(parsed)
    skipped = set(_shared_turns(parsed, result))
    lines = source_text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits: list[tuple[int, int, str]] = []
    for index, turn_result in enumerate(result.turns):
        if not turn_result.wrong_choice or index in skipped:
            continue
        path = ("turns", index, "expect")
        status = _value_span(parsed, lines, offsets, (*path, "status"))
        intent = _value_span(parsed, lines, offsets, (*path, "intent"))
        expect = turn_result.turn.expect
        wanted = turn_result.intent
        if turn_result.status != "answer":
            kept = expect.intent in turn_result.options
            wanted = expect.intent if kept else None
        if status is not None and turn_result.status != expect.status:
            edits.append((status[0], status[1], turn_result.status))
        if intent is not None and wanted != expect.intent:
            if wanted is None:
                edits.append(_removal(source_text, lines, offsets, intent))
            else:
                edits.append((intent[0], intent[1], wanted))
        elif intent is None and wanted is not None and status is not None:
            edits.append(_insertion(source_text, lines, offsets, status, wanted))
    text = source_text
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def not_updated(source_text: str, transcript: Transcript, result: TranscriptResult) -> list[str]:
    """One note per missed turn that `update_transcript` leaves alone, saying why."""
    parsed = parse_yaml(transcript.name, source_text.encode("utf-8"))
    if isinstance(parsed, Problem):
        return []
    return [
        f"{transcript.name}:{result.turns[index].turn.line}: turn {index + 1} shares its "
        "expectation with another through a YAML anchor; edit it by hand"
        for index in _shared_turns(parsed, result)
    ]


def _shared_turns(file: YamlFile, result: TranscriptResult) -> list[int]:
    """The indexes of the missed turns whose expectation, or part of it, is shared."""
    found = []
    for index, turn_result in enumerate(result.turns):
        path: tuple[str | int, ...] = ("turns", index, "expect")
        parts = [path[:1], path[:2], path, *((*path, key) for key in ("status", "intent"))]
        if turn_result.wrong_choice and any(part in file.shared for part in parts):
            found.append(index)
    return found


_VALUE = re.compile(r"""["']?[\w-]+["']?\s*:[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s,}\#]+)""")


def _value_span(
    file: YamlFile, lines: list[str], offsets: list[int], path: tuple[str | int, ...]
) -> tuple[int, int, int] | None:
    """(start, end, line index) of the value of the key at `path`, when on the key's line."""
    if path not in file.marks:
        return None
    line, col = file.marks[path]
    match = _VALUE.match(lines[line - 1], col - 1)
    if match is None:
        return None
    base = offsets[line - 1]
    return base + match.start(1), base + match.end(1), line - 1


def _removal(
    source: str, lines: list[str], offsets: list[int], span: tuple[int, int, int]
) -> tuple[int, int, str]:
    """The edit deleting a key and its value: its whole line, or its part of a flow map."""
    start, end, index = span
    line_start = offsets[index]
    key_start = line_start + _key_col(source, line_start, start)
    rest = source[end : offsets[index + 1]]
    if not source[line_start:key_start].strip() and (not rest.strip() or rest.lstrip()[0] == "#"):
        return line_start, offsets[index + 1], ""
    before = source[line_start:key_start].rstrip()
    if before.endswith(","):
        return line_start + len(before) - 1, end, ""
    after = re.match(r"\s*,\s*", source[end:])
    return key_start, end + (after.end() if after else 0), ""


def _key_col(source: str, line_start: int, value_start: int) -> int:
    """The column of the key whose value starts at `value_start`."""
    head = source[line_start:value_start]
    match = re.search(r"""["']?[\w-]+["']?\s*:[ \t]*$""", head)
    return match.start() if match else len(head)


def _insertion(
    source: str, lines: list[str], offsets: list[int], status: tuple[int, int, int], intent: str
) -> tuple[int, int, str]:
    """The edit adding `intent: X` after the status: a new line, or inside a flow map."""
    _, end, index = status
    line_start = offsets[index]
    key_col = _key_col(source, line_start, status[0])
    if not source[line_start : line_start + key_col].strip():
        line = lines[index]
        newline = line[len(line.rstrip("\r\n")) :] or "\n"
        at = offsets[index + 1]
        prefix = "" if line.endswith(("\n", "\r")) else newline
        return at, at, f"{prefix}{' ' * key_col}intent: {intent}{newline}"
    return end, end, f", intent: {intent}"


# ---------------------------------------------------------------- recording


def dump_transcript(
    title: str, turns: Sequence[tuple[str, Response]], description: str = ""
) -> str:
    """A transcript of a conversation whose expectations are what the bot did.

    Blank user lines are left out: they do not change the conversation.
    """
    out = [f"title: {_scalar(title.strip() or RECORDED_TITLE)}\n"]
    if description.strip():
        out.append(f"description: {_scalar(description.strip())}\n")
    out.append("turns:\n")
    for user, response in turns:
        if not user.strip():
            continue
        expect = f"status: {response.status}"
        if response.status == "answer" and response.intent:
            expect += f", intent: {response.intent}"
        out.append(f"  - user: {_scalar(user)}\n")
        out.append(f"    expect: {{{expect}}}\n")
    return "".join(out)


_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)
"""What YAML does not allow raw in a file (DEL, the C1 controls, U+FFFE, lone surrogates),
and the line breaks YAML 1.1 would fold (U+0085 is a C1 control; U+2028, U+2029)."""


def _scalar(text: str) -> str:
    """`text` as a YAML scalar that reads back as `text`: plain when it can be, else
    double-quoted, with every character a YAML file may not hold raw escaped."""
    plain = text == text.strip() and not _NOT_PRINTABLE.search(text)
    plain = plain and "\n" not in text and "\r" not in text
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
