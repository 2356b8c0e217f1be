"""Validation of intents/safety.yaml: every pattern compiled exactly as the bot runs it,
and the emergency categories read into the knowledge model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from chatbot.knowledge import RedFlag, SafetyCues
from chatbot.safety_patterns import PatternError, compile_pattern, joined
from chatbot.yamlsource import Problem, Severity, YamlFile

SAFETY_CUE_KINDS = (
    "now",
    "present",
    "imagined",
    "asks",
    "past",
    "feeling",
    "topic",
    "lasting",
    "over",
    "cared",
)
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*[*+]\)(?:[*+]|\{\d*,\})")
"""A repeated group that itself repeats, "(a+)+": it can backtrack for ever."""
_VOICES = re.compile(r"\{[^{}|]*\|[^{}|]*\}")
_SAMPLE = "the quick brown fox jumps over a lazy dog"


def safety_words_of(files: list[YamlFile]) -> dict[str, str]:
    words: dict[str, str] = {}
    for file in files:
        data = file.data if isinstance(file.data, dict) else {}
        if isinstance(data.get("safety_words"), dict):
            words.update({str(k): str(v) for k, v in data["safety_words"].items()})
    return words


def safety_cues_of(files: list[YamlFile]) -> SafetyCues:
    cues: dict[str, tuple[str, ...]] = {}
    for file in files:
        data = file.data if isinstance(file.data, dict) else {}
        if isinstance(data.get("safety_cues"), dict):
            for kind in SAFETY_CUE_KINDS:
                cues[kind] = tuple(str(p) for p in data["safety_cues"].get(kind) or ())
    return SafetyCues(**cues)


def red_flags_of(records: list[Any]) -> tuple[RedFlag, ...]:
    """`records` are the validator's items of section `red_flags`."""

    def strs(value: Any) -> tuple[str, ...]:
        return tuple(str(v) for v in value or ())

    return tuple(
        RedFlag(
            r.get("id"),
            r.get("name"),
            strs(r.get("patterns")),
            words=strs(r.get("words")),
            weak_patterns=strs(r.get("weak_patterns")),
            advice=" ".join(str(r.get("advice") or "").split()),
            if_now=" ".join(str(r.get("if_now") or "").split()),
            imagined_is_urgent=bool(r.get("imagined_is_urgent")),
            crisis=bool(r.get("crisis")),
        )
        for r in records
    )


def _check_patterns(flag: Any, key: str, words: dict[str, str]) -> Iterator[Problem]:
    patterns = [p for p in flag.get(key) or [] if isinstance(p, str)]
    problems = [
        (i, p) for i, pattern in enumerate(patterns) if (p := _pattern_problem(pattern, words))
    ]
    for index, (severity, message) in problems:
        yield flag.problem((key, index), severity, message)
    if any(severity == "error" for _, (severity, _) in problems):
        return
    try:
        joined(tuple(patterns), words)
    except PatternError as err:
        yield flag.problem(key, "error", f"the patterns do not run together: {err}")


def check_safety(files: list[YamlFile], flags: list[Any]) -> Iterator[Problem]:
    """Each pattern compiles alone and joined with the others of its flag or cue kind, as
    the bot runs it; none matches everything or can backtrack for ever; the texts'
    `{self|other}` choices are well formed."""
    words = safety_words_of(files)
    for flag in flags:
        yield from _check_patterns(flag, "patterns", words)
        yield from _check_patterns(flag, "weak_patterns", words)
        for key in ("advice", "if_now"):
            text = flag.get(key)
            if isinstance(text, str) and "{" in _VOICES.sub("", text).replace("}", "{"):
                yield flag.problem(
                    key, "error", f"'{key}' has a brace that is not a {{self|other}} choice"
                )
    for file in files:
        data = file.data if isinstance(file.data, dict) else {}
        cues = data.get("safety_cues")
        if not isinstance(cues, dict):
            continue
        for kind, patterns in cues.items():
            if not isinstance(patterns, list):
                continue
            for index, pattern in enumerate(patterns):
                problem = _pattern_problem(str(pattern), words)
                if problem:
                    yield file.problem(("safety_cues", kind, index), problem[0], problem[1])


def _pattern_problem(pattern: str, words: dict[str, str]) -> tuple[Severity, str] | None:
    try:
        compiled = compile_pattern(pattern, words)
        joined((pattern,), words)
    except PatternError as err:
        return "error", f"bad pattern: {err}"
    if compiled.search("") or compiled.search(_SAMPLE):
        return "error", "the pattern matches any text: it would make every message urgent"
    if _NESTED.search(pattern):
        return "warning", "a repeated group that repeats, '(a+)+', can take for ever on long text"
    return None
