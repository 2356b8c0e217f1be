"""`chatbot check`: one broken knowledge base per validation rule, run through the real CLI.

Each test copies the valid base in tests/fixtures/check/valid/ into a temporary folder
`kb/`, changes one thing and asserts the exact problem lines and the exit code. The
command runs with that folder's parent as the current folder, so printed paths read
`kb/intents.yaml:...`.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import conftest
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.cli import main
from chatbot.validate import RECORDS, SETTINGS

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "fixtures" / "check" / "valid"
TOP_LEVEL = (
    "version, documents, topics, aspects, intents, lexicon, unknown_terms, red_flags, "
    "safety_words, safety_cues, messages, thresholds, quality_bar"
)
PROBLEM = re.compile(r".+:\d+:\d+: (error|warning): \S")
INTENT_KEYS = "id, topic, aspect, title, examples, answer, sources, follow_ups"


@dataclass(frozen=True)
class Result:
    code: int
    out: list[str]
    err: str


def run_chatbot(cwd: Path, *args: str) -> Result:
    """`python -m chatbot ARGS` in `cwd`, with the package importable and no colour."""
    done = conftest.run_chatbot(*args, cwd=cwd)
    assert "Traceback" not in done.stderr, done.stderr
    return Result(done.returncode, done.stdout.splitlines(), done.stderr)


class KnowledgeBase:
    """A copy of the valid base in `root/kb` that a test changes in one place."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / "kb"
        shutil.copytree(VALID, self.dir)

    def write(self, name: str, text: str) -> None:
        (self.dir / name).write_text(textwrap.dedent(text), encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        text = (self.dir / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        (self.dir / name).write_text(text.replace(old, new), encoding="utf-8")

    def remove(self, name: str) -> None:
        (self.dir / name).unlink()

    def check(self, *options: str, paths: tuple[str, ...] = ("kb",)) -> Result:
        return run_chatbot(self.root, "check", *options, *paths)


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase(tmp_path)


def assert_problems(result: Result, code: int, *lines: str) -> None:
    assert result.out == list(lines)
    assert result.code == code
    errors = sum(": error: " in line for line in lines)
    assert result.err == f"{errors} error(s), {len(lines) - errors} warning(s)\n"


def extra_intent(**changes: str) -> str:
    """A second intents file holding one small conversational intent, laid out as

        1 version: 1
        2 intents:
        3   - id: extra
        4     topic: chat
        5     aspect: greeting
        6     title: Extra
        7     examples: [good evening]
        8     answer: Good evening.
        9     (any new key)

    `changes` replace values or add keys; an empty value leaves its key out.
    """
    fields = {
        "id": "extra",
        "topic": "chat",
        "aspect": "greeting",
        "title": "Extra",
        "examples": "[good evening]",
        "answer": "Good evening.",
    } | changes
    body = "".join(f"    {key}: {value}\n" for key, value in fields.items() if value)
    return "version: 1\nintents:\n  - " + body[4:]


# ---------------------------------------------------------------- the valid base


def test_valid_base_passes_strict(kb: KnowledgeBase) -> None:
    result = kb.check("--strict")
    assert (result.code, result.out, result.err) == (0, [], "ok: 4 file(s), no problems\n")


def test_extra_intent_helper_is_valid(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent())
    assert kb.check("--strict").code == 0


# ---------------------------------------------------------------- reading the files


def test_yaml_syntax_error(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nintents: [a, b\n")
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:3:1: error: YAML syntax: expected ',' or ']', but got '<stream end>'",
    )


def test_unsafe_python_tag(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nintents: !!python/object/apply:os.system [ls]\n")
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:2:10: error: YAML syntax: tag !!python/object/apply:os.system "
        "is not allowed; write plain values only",
    )


def test_custom_tag(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nmessages:\n  fallback: !secret text\n")
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:3:13: error: YAML syntax: tag !secret is not allowed; "
        "write plain values only",
    )


def test_special_character(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nmessages:\n  fallback: bell\x07\n")
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:3:17: error: YAML syntax: special character U+0007 is not allowed",
    )


def test_value_that_cannot_be_read(kb: KnowledgeBase) -> None:
    """The intents citing the unread documents.yaml are not reported as unknown sources."""
    kb.replace("documents.yaml", "    sections:\n", "    date: 2018-13-01\n    sections:\n")
    assert_problems(
        kb.check(),
        1,
        "kb/documents.yaml:8:11: error: YAML syntax: a value cannot be read "
        "(ValueError: month must be in 1..12)",
    )


def test_file_not_utf8(kb: KnowledgeBase) -> None:
    (kb.dir / "more.yaml").write_bytes(b"version: 1\nmessages:\n  fallback: caf\xe9\n")
    assert_problems(
        kb.check(), 1, "kb/more.yaml:3:16: error: file is not valid UTF-8; save it as UTF-8"
    )


def test_file_over_5_mb(kb: KnowledgeBase) -> None:
    (kb.dir / "more.yaml").write_bytes(b"version: 1\n#" + b"-" * 5 * 1024 * 1024)
    assert_problems(kb.check(), 1, "kb/more.yaml:1:1: error: file is 5.0 MB; the limit is 5 MB")


def test_path_that_does_not_exist(kb: KnowledgeBase) -> None:
    result = kb.check(paths=("missing",))
    assert (result.code, result.out) == (1, [])
    assert result.err == "chatbot: missing: no such file or folder\n"


def test_empty_folder(kb: KnowledgeBase) -> None:
    (kb.root / "empty").mkdir()
    assert_problems(kb.check(paths=("empty",)), 1, "empty:1:1: error: no YAML files found")


def test_bad_option_is_a_usage_error(kb: KnowledgeBase) -> None:
    result = kb.check("--no-such-option")
    assert (result.code, result.out) == (2, [])
    assert result.err.endswith("chatbot: error: unrecognized arguments: --no-such-option\n")


# ---------------------------------------------------------------- structure


def test_duplicate_mapping_key(kb: KnowledgeBase) -> None:
    kb.replace("intents.yaml", "    aspect: what_is\n", "    aspect: what_is\n    topic: drug\n")
    assert_problems(
        kb.check(), 1, "kb/intents.yaml:6:5: error: key 'topic' appears twice in one mapping"
    )


def test_missing_version(kb: KnowledgeBase) -> None:
    kb.replace("messages.yaml", "version: 1\n", "")
    assert_problems(kb.check(), 1, "kb/messages.yaml:1:1: error: missing 'version: 1' at the top")


def test_unsupported_version(kb: KnowledgeBase) -> None:
    kb.replace("messages.yaml", "version: 1\n", "version: 2\n")
    assert_problems(kb.check(), 1, "kb/messages.yaml:1:1: error: version 2 is not supported; use 1")


def test_version_true_is_not_1(kb: KnowledgeBase) -> None:
    kb.replace("messages.yaml", "version: 1\n", "version: yes\n")
    assert_problems(
        kb.check(), 1, "kb/messages.yaml:1:1: error: version True is not supported; use 1"
    )


def test_file_that_is_not_a_mapping(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "- version: 1\n")
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:1:1: error: file must be a mapping with 'version' and sections",
    )


def test_unknown_top_level_section(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nintent: []\n")
    assert_problems(
        kb.check(), 1, f"kb/more.yaml:2:1: error: unknown section 'intent' (known: {TOP_LEVEL})"
    )


def test_section_not_a_list(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nintents: {id: extra}\n")
    assert_problems(kb.check(), 1, "kb/more.yaml:2:1: error: 'intents' must be a list")


def test_record_not_a_mapping(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nintents:\n  - just a sentence\n")
    assert_problems(kb.check(), 1, "kb/more.yaml:3:5: error: intent must be a mapping of keys")


def test_unknown_key_in_an_intent(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(note="remember to check this"))
    assert_problems(
        kb.check(),
        1,
        f"kb/more.yaml:9:5: error: unknown key 'note' (known: {INTENT_KEYS})",
    )


def test_examples_not_a_list(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(examples="good evening"))
    assert_problems(kb.check(), 1, "kb/more.yaml:7:5: error: 'examples' must be a list of text")


def test_answer_a_number(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(answer="42"))
    assert_problems(kb.check(), 1, "kb/more.yaml:8:5: error: 'answer' must be text")


def test_sources_of_the_wrong_kind(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(sources="[guide]"))
    assert_problems(kb.check(), 1, "kb/more.yaml:9:15: error: source must be a mapping of keys")


def test_missing_required_field(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(answer=""))
    assert_problems(kb.check(), 1, "kb/more.yaml:3:5: error: intent is missing 'answer'")


def test_empty_field(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(answer="' '", examples="[]"))
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:7:5: error: 'examples' is empty",
        "kb/more.yaml:8:5: error: 'answer' is empty",
    )


def test_empty_example(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(examples="[good evening, '']"))
    assert_problems(kb.check(), 1, "kb/more.yaml:7:30: error: empty entry in 'examples'")


def test_messages_not_text(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", "version: 1\nmessages:\n  fallback: [a, b]\n")
    assert_problems(
        kb.check(), 1, "kb/more.yaml:2:1: error: 'messages' must map names to non-empty text"
    )


# ---------------------------------------------------------------- identity and references


def test_duplicate_intent_id_across_files(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(id="drug_what_is"))
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:3:5: error: id 'drug_what_is' is already used at kb/intents.yaml:3",
    )


def test_same_example_in_two_intents_after_normalising(kb: KnowledgeBase) -> None:
    """Reported at both places, each naming the other: the editor sees the line just
    added whichever file comes first."""
    kb.write("more.yaml", extra_intent(examples="[good evening, 'What is the DRUG?']"))
    assert_problems(
        kb.check(),
        1,
        'kb/intents.yaml:8:9: error: example "what is the drug" is also in intent extra '
        "(kb/more.yaml:7)",
        'kb/more.yaml:7:30: error: example "What is the DRUG?" is also in intent drug_what_is '
        "(kb/intents.yaml:8)",
    )


def test_added_example_already_in_a_later_file_is_reported_where_it_was_added(
    kb: KnowledgeBase,
) -> None:
    kb.write("a_new.yaml", extra_intent(examples="[good evening, does it hurt]"))
    result = kb.check()
    assert result.code == 1
    assert (
        'kb/a_new.yaml:7:30: error: example "does it hurt" is also in intent '
        "drug_side_effects (kb/intents.yaml:40)"
    ) in result.out


def test_an_example_repeated_inside_one_intent_fails_strict(kb: KnowledgeBase) -> None:
    kb.replace(
        "intents.yaml",
        "      - is the drug a pill\n",
        "      - is the drug a pill\n      - Is the  drug a pill\n",
    )
    line = (
        'kb/intents.yaml:15:9: warning: example "Is the  drug a pill" is repeated in intent '
        "drug_what_is (first at kb/intents.yaml:14); remove one"
    )
    assert_problems(kb.check(), 0, line)
    assert_problems(kb.check("--strict"), 1, line)


def test_near_identical_examples_warn(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(examples="[good evening, what is the drugs]"))
    line = (
        'kb/more.yaml:7:30: warning: example "what is the drugs" is nearly the same as '
        '"what is the drug" of intent drug_what_is (kb/intents.yaml:8); '
        "make one of them distinct"
    )
    assert_problems(kb.check(), 0, line)
    assert_problems(kb.check("--strict"), 1, line)


def test_follow_up_naming_an_unknown_intent(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(follow_ups="[hello, drug_side_effect]"))
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:9:25: error: follow-up 'drug_side_effect' is not an intent id; "
        "did you mean 'drug_side_effects'?",
    )


def test_follow_up_naming_itself(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(follow_ups="[extra]"))
    assert_problems(kb.check(), 1, "kb/more.yaml:9:18: error: an intent cannot follow up itself")


def test_source_naming_an_unknown_document(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(sources="[{document: guides, section: basics}]"))
    assert_problems(kb.check(), 1, "kb/more.yaml:9:15: error: source document 'guides' is unknown")


def test_source_naming_an_unknown_section(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(sources="[{document: guide, section: basic}]"))
    assert_problems(
        kb.check(), 1, "kb/more.yaml:9:15: error: document 'guide' has no section 'basic'"
    )


def test_content_intent_without_sources(kb: KnowledgeBase) -> None:
    kb.replace("intents.yaml", "    sources:\n      - {document: guide, section: effects}\n", "")
    assert_problems(
        kb.check(), 1, "kb/intents.yaml:25:5: error: a content intent needs at least one source"
    )


def test_unknown_topic(kb: KnowledgeBase) -> None:
    kb.replace(
        "intents.yaml", "topic: drug\n    aspect: what_is", "topic: drugs\n    aspect: what_is"
    )
    assert_problems(
        kb.check(), 1, "kb/intents.yaml:4:5: error: unknown topic 'drugs'; did you mean 'drug'?"
    )


def test_unknown_aspect(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(aspect="greetings"))
    assert_problems(
        kb.check(),
        1,
        "kb/more.yaml:5:5: error: unknown aspect 'greetings'; did you mean 'greeting'?",
    )


def test_topic_term_not_in_the_lexicon(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "terms: [drug]", "terms: [drug, medicine]")
    assert_problems(
        kb.check(),
        1,
        "kb/settings.yaml:3:46: error: topic term 'medicine' is not a term of the lexicon",
    )


# ---------------------------------------------------------------- content quality


def test_answer_above_the_reading_grade(kb: KnowledgeBase) -> None:
    kb.write(
        "more.yaml",
        extra_intent(
            answer="Immunotherapeutic interventions necessitate comprehensive individualized "
            "consideration of contraindications."
        ),
    )
    line = (
        "kb/more.yaml:8:5: warning: answer reads at grade 40.6; the limit is 10: "
        "use shorter sentences and plainer words"
    )
    assert_problems(kb.check(), 0, line)
    assert_problems(kb.check("--strict"), 1, line)


def test_answer_too_long(kb: KnowledgeBase) -> None:
    kb.write("more.yaml", extra_intent(answer="Take the pill each day. " * 25))
    line = "kb/more.yaml:8:5: warning: answer has 125 words; keep it under 120"
    assert_problems(kb.check(), 0, line)
    assert_problems(kb.check("--strict"), 1, line)


def test_too_few_examples_for_a_content_intent(kb: KnowledgeBase) -> None:
    kb.replace("intents.yaml", "      - does it hurt\n", "")
    line = (
        "kb/intents.yaml:29:5: warning: intent 'drug_side_effects' has 11 examples; "
        "write at least 12 varied phrasings"
    )
    assert_problems(kb.check(), 0, line)
    assert_problems(kb.check("--strict"), 1, line)


def test_lexicon_variant_claimed_by_two_terms(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "variants: [side effect]", "variants: [side effect, Medicine]")
    assert_problems(
        kb.check(),
        1,
        "kb/settings.yaml:11:50: error: 'Medicine' is already a form of 'drug'",
    )


def test_lexicon_variant_without_letters(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "variants: [side effect]", "variants: [side effect, '--']")
    assert_problems(kb.check(), 1, "kb/settings.yaml:11:50: error: '--' has no letters or digits")


def test_bad_red_flag_regex(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", r"'\bchest pain\b'", r"'\bchest (pain\b'")
    assert_problems(
        kb.check(),
        1,
        "kb/settings.yaml:13:51: error: bad pattern: missing ), unterminated subpattern "
        "at position 8",
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"'(?i)\bchest ache'", "named groups and inline flags break when patterns are joined"),
        (r"'\b(?P<x>chest) ache'", "named groups and inline flags break when patterns are joined"),
        ("'.*'", "the pattern matches any text: it would make every message urgent"),
        (r"'\b<pain>\b'", "bad pattern: <pain> names no list in safety_words"),
        (r"'\b(chest \w+)+ ache'", "warning: a repeated group that repeats, '(a+)+', can take"),
    ],
)
def test_a_red_flag_pattern_is_checked_as_the_bot_runs_it(
    kb: KnowledgeBase, pattern: str, message: str
) -> None:
    """A pattern that compiles alone may break the flag's joined expression at run time."""
    kb.replace(
        "settings.yaml", r"patterns: ['\bchest pain\b']", f"patterns: ['\\bchest pain', {pattern}]"
    )
    assert message in "\n".join(kb.check().out)


def test_weak_patterns_are_checked_like_the_others(kb: KnowledgeBase) -> None:
    kb.replace(
        "settings.yaml",
        r"patterns: ['\bchest pain\b']",
        r"patterns: ['\bchest pain\b'], weak_patterns: ['\bchest (odd']",
    )
    assert "kb/settings.yaml:13:86: error: bad pattern: missing )" in "\n".join(kb.check().out)


def test_a_brace_in_a_safety_line_must_be_a_voice_choice(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "{you have|he has}", "{you have}")
    assert "'if_now' has a brace that is not a {self|other} choice" in "\n".join(kb.check().out)


# ---------------------------------------------------------------- settings and messages


def test_threshold_out_of_range(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "answer: 60", "answer: 160")
    assert_problems(kb.check(), 1, "kb/settings.yaml:15:3: error: 'answer' must be 0 to 100")


def test_clarify_above_answer(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "clarify: 45", "clarify: 65")
    assert_problems(
        kb.check(), 1, "kb/settings.yaml:17:3: error: 'clarify' must not be above 'answer'"
    )


def test_threshold_of_the_wrong_type(kb: KnowledgeBase) -> None:
    kb.replace("settings.yaml", "context_turns: 3", "context_turns: 2.5")
    assert_problems(
        kb.check(), 1, "kb/settings.yaml:18:3: error: 'context_turns' must be a whole number"
    )


def test_missing_required_message(kb: KnowledgeBase) -> None:
    kb.replace("messages.yaml", "  bad_pick: There is no option {number}.\n", "")
    assert_problems(
        kb.check(), 1, "kb/documents.yaml:1:1: error: message 'bad_pick' is not defined"
    )


def test_message_with_an_unknown_placeholder(kb: KnowledgeBase) -> None:
    kb.replace("messages.yaml", "no option {number}", "no option {choice}")
    assert_problems(
        kb.check(),
        1,
        "kb/messages.yaml:9:3: error: message 'bad_pick' has placeholder {choice}; "
        "the placeholders it can use: only {number}",
    )


def test_message_with_a_lone_brace(kb: KnowledgeBase) -> None:
    kb.replace("messages.yaml", "Please type a question.", "Please type a question :-}")
    assert_problems(
        kb.check(),
        1,
        "kb/messages.yaml:7:3: error: message 'empty' has a lone '{' or '}'; "
        "write {{ or }} for a brace",
    )


def test_no_intents(kb: KnowledgeBase) -> None:
    kb.remove("intents.yaml")
    assert_problems(kb.check(), 1, "kb/documents.yaml:1:1: error: no intents found in these files")


# ---------------------------------------------------------------- the shipped knowledge


def test_shipped_intents_pass_strict() -> None:
    result = run_chatbot(ROOT, "check", "--strict", "intents")
    assert result.out == []
    assert result.code == 0, result.err


def test_stats_print_intents_per_topic_and_reading_grades(kb: KnowledgeBase) -> None:
    result = kb.check("--stats")
    assert result.code == 0
    assert result.out == [
        "Intents per topic:",
        "  drug               2",
        "  chat               1",
        "  total              3",
        "Examples and reading grade per intent:",
        "  drug_what_is                              12 examples  grade  1.5",
        "  drug_side_effects                         12 examples  grade -0.3",
        "  hello                                      3 examples  grade  1.3",
        "Content intents: 2; examples min 12, median 12, total 24",
        "Reading grade of content answers: median 0.6, max 1.5",
    ]


def test_stats_on_the_shipped_intents() -> None:
    result = run_chatbot(ROOT, "check", "--stats", "intents")
    assert result.code == 0, result.err
    assert result.out[0] == "Intents per topic:"
    assert "Examples and reading grade per intent:" in result.out
    assert any(line.startswith("Reading grade of content answers: median ") for line in result.out)


# ---------------------------------------------------------------- no traceback, whatever the file


def laughs(levels: int, width: int) -> str:
    """A "billion laughs" alias bomb: `width ** levels` strings once expanded."""
    rows = ["a0: &a0 [lol]"]
    rows += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels + 1)]
    return "\n".join(rows) + "\n"


NASTY: dict[str, bytes] = {
    "empty": b"",
    "only a document start": b"---\n",
    "only a comment": b"# nothing here\n",
    "two documents": b"version: 1\n---\nversion: 1\n",
    "a scalar": b"hello\n",
    "a list": b"- version: 1\n",
    "binary junk": bytes(range(256)) * 4,
    "nul byte": b"version: 1\nintents: []\x00\n",
    "utf-8 bom": b"\xef\xbb\xbfversion: 1\n",
    "utf-16": "version: 1\n".encode("utf-16"),
    "crlf and tabs": b"version: 1\r\nintents:\r\n\t- id: x\r\n",
    "deeply nested lists": b"version: 1\nintents: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deeply nested maps": b"version: 1\nx: " + b"{a: " * 2000 + b"b" + b"}" * 2000 + b"\n",
    "huge scalar": b"version: 1\nmessages:\n  fallback: " + b"word " * 200_000 + b"\n",
    "long example": b"version: 1\nintents:\n  - examples: ['" + b"why " * 100_000 + b"']\n",
    "billion laughs": ("version: 1\n" + laughs(9, 9) + "intents: *a9\n").encode(),
    "laughs as the version": (laughs(9, 9) + "version: *a9\n").encode(),
    "self-nested alias": b"version: 1\nintents: &a [*a]\nmessages: &m {x: *m}\n",
    "undefined alias": b"version: 1\nintents: *nowhere\n",
    "merge keys": b"version: 1\nb: &b {id: x}\nintents:\n  - <<: *b\n    id: y\n",
    "unhashable key": b"version: 1\n? [a, b]\n: c\n",
    "odd keys": b"version: 1\n1: a\n~: b\n2020-01-01: c\ntrue: d\n",
    "odd values": b"version: .nan\nthresholds: {answer: .inf, margin: -.inf, clarify: .nan}\n",
    "huge number": b"version: 1" + b"0" * 5000 + b"\n",
    "python tag": b"!!python/object/new:os.system [echo hacked]\n",
    "binary tag": b"version: !!binary aGVsbG8=\n",
    "set and omap": b"version: 1\nintents: !!set {a, b}\nmessages: !!omap [{a: b}]\n",
    "bad explicit values": b"version: 1\nx: [!!int '', !!bool maybe, !!timestamp soon]\n",
    "format braces": b"version: 1\nmessages: {clarify: '{0} {} {x.y} {z[0]} {'}\n",
}


@pytest.mark.parametrize("content", NASTY.values(), ids=NASTY.keys())
def test_no_traceback_for_a_nasty_file(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "nasty.yaml").write_bytes(content)
    code = main(["check", "--stats", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert "Traceback" not in out + err
    assert all(PROBLEM.match(line) for line in out.splitlines()), out


@pytest.mark.parametrize("name", ["binary junk", "billion laughs", "self-nested alias"])
def test_no_traceback_for_a_nasty_file_through_the_real_program(tmp_path: Path, name: str) -> None:
    (tmp_path / "nasty.yaml").write_bytes(NASTY[name])
    result = run_chatbot(tmp_path, "check", "nasty.yaml")
    assert result.code == 1
    assert result.out and all(line.startswith("nasty.yaml:") for line in result.out)


TOKENS = ["version: 1\n", "intents:\n", "  - ", "id: x\n", "examples: ", "answer: ", "topic: ",
          "messages:\n", "thresholds:\n", "  ", "- ", ": ", "[", "]", "{", "}", ", ", "&a ", "*a",
          "!!python/object:os.system ", "!tag ", "!!str ", "!!int ", "---\n", "...\n", "? ",
          "|\n", ">-\n", "'", '"', "#", "\t", "\n", "<<: *a\n", "%YAML 1.1\n", "\\", "\x00",
          "\ufeff", "\u2019", "é", "{x}", "-1", "0x1f", "2020-13-45", ".nan", "~",
          "yes"]  # fmt: skip
YAMLISH = st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(content=st.binary(max_size=300) | YAMLISH.map(lambda s: s.encode("utf-8", "replace")))
def test_no_traceback_for_any_bytes(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "random.yaml").write_bytes(content)
        code, out = run_main(["check", "--stats", folder])
    assert code in (0, 1), out


def run_main(argv: list[str]) -> tuple[int, str]:
    """`chatbot.cli.main(argv)` in this process, with its printed output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue() + err.getvalue()


BASE = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in VALID.glob("*.yaml")}
KEYS = sorted(
    {k for kind in (*RECORDS.values(), *SETTINGS.values()) for k in kind}
    | set(TOP_LEVEL.split(", "))
)
JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        ["", " ", "drug", "chat", "guide", "basics", "hello", "what_is", "{x}", "(", "cannot"]
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=10,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    children = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in children:
        yield from _paths(value, (*prefix, key))


@st.composite
def one_change(draw: st.DrawFn) -> tuple[str, Any]:
    """A file of the valid base with one value replaced by junk, or removed."""
    name = draw(st.sampled_from(sorted(BASE)))
    data = copy.deepcopy(BASE[name])
    path = draw(st.sampled_from([p for p in _paths(data) if p]))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.booleans()):
        parent[path[-1]] = draw(st.text(max_size=30) | JUNK)
    elif isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    return name, data


@settings(max_examples=150, deadline=None)
@given(change=one_change())
def test_no_traceback_for_one_change_to_a_valid_base(change: tuple[str, Any]) -> None:
    """Whatever one value becomes, check reports it; if check passes, the bot answers."""
    name, data = change
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(VALID, folder, dirs_exist_ok=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (Path(folder) / name).write_text(text, encoding="utf-8")
        code, out = run_main(["check", "--stats", folder])
        assert code in (0, 1), out
        if code == 0:
            for question in ("", "what is the drug", "3", "chest pain", "zzz", "side effects"):
                code, out = run_main(["--intents", folder, "ask", question])
                assert code == 0, out
            code, out = run_main(["--intents", folder, "export"])
            assert code == 0, out


def test_example_naming_an_unknown_term(kb: KnowledgeBase) -> None:
    """Such an example could never be answered: the bot says the term is not covered."""
    kb.replace(
        "settings.yaml",
        "  - {term: side effects, variants: [side effect]}",
        "  - {term: side effects, variants: [side effect]}\n"
        "unknown_terms:\n  - {term: zytiga, variants: [abiraterone]}",
    )
    kb.replace(
        "intents.yaml", "      - tell me about the drug", "      - tell me about Abiraterone"
    )
    assert_problems(
        kb.check(),
        1,
        "kb/intents.yaml:9:9: error: example \"tell me about Abiraterone\" names 'zytiga', an "
        "unknown term: the bot would say the documents do not cover it; reword the example "
        "or the lexicon",
    )


def test_kind_of_an_unknown_treatment_that_the_lexicon_does_not_know(kb: KnowledgeBase) -> None:
    """The kind is read in the drug's place, so it must be a lexicon term."""
    kb.replace(
        "settings.yaml",
        "  - {term: side effects, variants: [side effect]}",
        "  - {term: side effects, variants: [side effect]}\n"
        "unknown_terms:\n  - {term: docetaxel, variants: [taxotere], kind: chemo}",
    )
    assert_problems(
        kb.check(),
        1,
        "kb/settings.yaml:13:45: error: kind 'chemo' is not a term of the lexicon; add it there",
    )


def test_an_aspect_asked_of_nothing_named_must_name_a_topic(kb: KnowledgeBase) -> None:
    kb.replace(
        "settings.yaml",
        "{id: side_effects, name: side effects}",
        "{id: side_effects, name: side effects, unnamed: drugs}",
    )
    assert_problems(
        kb.check(), 1, "kb/settings.yaml:7:44: error: unknown topic 'drugs'; did you mean 'drug'?"
    )
