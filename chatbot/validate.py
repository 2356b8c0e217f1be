"""Validation of the knowledge files and the building of `Knowledge` from them.

Pure: works on parsed `YamlFile`s. Every rule runs and reports all it finds; the caller
decides the exit code from the severities at the end.
"""

from __future__ import annotations

import reprlib
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from chatbot.knowledge import (
    Aspect,
    Document,
    Intent,
    Knowledge,
    QualityBar,
    Section,
    SourceRef,
    Term,
    Thresholds,
    Topic,
)
from chatbot.normalize import normalize
from chatbot.readability import flesch_kincaid_grade, words
from chatbot.sanitize import unsafe_character
from chatbot.validate_safety import (
    SAFETY_CUE_KINDS,
    check_safety,
    red_flags_of,
    safety_cues_of,
    safety_words_of,
)
from chatbot.yamlsource import Path, Problem, YamlFile

SUPPORTED_VERSION = 1
MIN_EXAMPLES = 12
MAX_GRADE = 10.0
MAX_ANSWER_WORDS = 120
NEAR_DUPLICATE = 92.0
REQUIRED_MESSAGES = (
    "fallback",
    "fallback_topic",
    "unknown_term",
    "clarify",
    "empty",
    "urgent",
    "urgent_other",
    "bad_pick",
    "kind_note",
    "told_term",
    "no_ranking",
    "part_unanswered",
    "more",
    "again",
    "not_again",
    "set_aside",
    "unlisted",
)
PLACEHOLDERS = {"fallback_topic": ("topic", "question"), "unknown_term": ("term",),
                "bad_pick": ("number",), "urgent": ("flag",), "urgent_other": ("flag",),
                "kind_note": ("term", "kind"), "told_term": ("term",),
                "no_ranking": ("treatments",),
                "part_unanswered": ("question",), "more": ("topic",),
                "not_again": ("topic",), "set_aside": ("question",),
                "unlisted": ("symptom", "topic")}  # fmt: skip

# A field is (type, required). Types: str, bool, int, number, list[str], or a record name
# for a list of records of that kind.
Field = tuple[str, bool]
RECORDS: dict[str, dict[str, Field]] = {
    "documents": {
        "id": ("str", True),
        "title": ("str", True),
        "publisher": ("str", True),
        "url": ("str", True),
        "date": ("str?", False),
        "sections": ("sections", True),
    },
    "sections": {"id": ("str", True), "title": ("str", True)},
    "topics": {
        "id": ("str", True),
        "name": ("str", True),
        "terms": ("list[str]?", False),
        "conversational": ("bool", False),
    },
    "aspects": {
        "id": ("str", True),
        "name": ("str", True),
        "asks": ("list[str]", False),
        "unnamed": ("str", False),
    },
    "intents": {
        "id": ("str", True),
        "topic": ("str", True),
        "aspect": ("str", True),
        "title": ("str", True),
        "examples": ("list[str]", True),
        "answer": ("str", True),
        "sources": ("sources?", False),
        "follow_ups": ("list[str]?", False),
    },
    "sources": {"document": ("str", True), "section": ("str", True)},
    "lexicon": {"term": ("str", True), "variants": ("list[str]", True)},
    "unknown_terms": {
        "term": ("str", True),
        "name": ("str", False),
        "variants": ("list[str]?", False),
        "kind": ("str", False),
        "offer": ("list[str]", False),
        "told": ("bool", False),
    },
    "red_flags": {
        "id": ("str", True),
        "name": ("str", True),
        "words": ("list[str]", True),
        "advice": ("str", True),
        "if_now": ("str", True),
        "imagined_is_urgent": ("bool", False),
        "crisis": ("bool", False),
        "patterns": ("list[str]", True),
        "weak_patterns": ("list[str]", False),
    },
}
SETTINGS: dict[str, dict[str, Field]] = {
    "thresholds": {
        "answer": ("number", True),
        "margin": ("number", True),
        "clarify": ("number", True),
        "coverage": ("number", True),
        "context_turns": ("int", True),
    },
    "quality_bar": {
        "accuracy": ("number", True),
        "wrong": ("number", True),
        "urgent_recall": ("number", True),
        "cross_validation": ("number", True),
    },
    "safety_cues": {kind: ("list[str]", True) for kind in SAFETY_CUE_KINDS},
}
TOP_LEVEL = ("version", "documents", "topics", "aspects", "intents", "lexicon",
             "unknown_terms", "red_flags", "safety_words", "safety_cues", "messages",
             "thresholds", "quality_bar")  # fmt: skip


@dataclass(frozen=True)
class Item:
    """One record of a list section, with the file it came from."""

    file: YamlFile
    path: Path
    data: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def problem(self, key: str | Path | None, severity: str, message: str) -> Problem:
        path = (
            self.path if key is None else (*self.path, *((key,) if isinstance(key, str) else key))
        )
        return self.file.problem(path, "warning" if severity == "warning" else "error", message)


# ---------------------------------------------------------------- structure


def _type_ok(value: Any, kind: str) -> bool:
    kind = kind.rstrip("?")
    if kind == "str":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, list)


_TYPE_NAMES = {"str": "text", "bool": "true or false", "int": "a whole number",
               "number": "a number", "list[str]": "a list of text"}  # fmt: skip


def _check_record(file: YamlFile, path: Path, value: Any, kind: str) -> Iterator[Problem]:
    schema = RECORDS.get(kind) or SETTINGS[kind]
    if not isinstance(value, dict):
        yield file.problem(path, "error", f"{_singular(kind)} must be a mapping of keys")
        return
    for key in value:
        if key not in schema:
            known = ", ".join(schema)
            yield file.problem((*path, key), "error", f"unknown key '{key}' (known: {known})")
    for key, (ftype, required) in schema.items():
        if key not in value or value[key] is None:
            if required:
                yield file.problem(path, "error", f"{_singular(kind)} is missing '{key}'")
            continue
        item = value[key]
        if not _type_ok(item, ftype):
            expected = _TYPE_NAMES.get(ftype.rstrip("?"), f"a list of {ftype.rstrip('?')}")
            yield file.problem((*path, key), "error", f"'{key}' must be {expected}")
            continue
        if (not ftype.endswith("?") and item in ("", [])) or (
            isinstance(item, str) and item and not item.strip()
        ):
            yield file.problem((*path, key), "error", f"'{key}' is empty")
        if isinstance(item, list):
            for index, element in enumerate(item):
                if ftype.rstrip("?") == "list[str]" and not element.strip():
                    yield file.problem((*path, key, index), "error", f"empty entry in '{key}'")
                elif ftype.rstrip("?") in RECORDS:
                    yield from _check_record(file, (*path, key, index), element, ftype.rstrip("?"))


def _singular(kind: str) -> str:
    return {"lexicon": "lexicon entry", "unknown_terms": "unknown term",
            "red_flags": "red flag", "thresholds": "thresholds", "sources": "source",
            "quality_bar": "quality_bar",
            "topics": "topic", "aspects": "aspect", "sections": "section",
            "documents": "document", "intents": "intent"}[kind]  # fmt: skip


def check_structure(file: YamlFile) -> Iterator[Problem]:
    """Top-level shape, version, duplicate keys and the schema of every record."""
    for key, line, col in file.duplicate_keys:
        yield Problem(file.name, line, col, "error", f"key '{key}' appears twice in one mapping")
    yield from _control_characters(file)
    data = file.data
    if not isinstance(data, dict):
        yield file.problem((), "error", "file must be a mapping with 'version' and sections")
        return
    if "version" not in data:
        yield file.problem((), "error", f"missing 'version: {SUPPORTED_VERSION}' at the top")
    elif data["version"] != SUPPORTED_VERSION or isinstance(data["version"], bool):
        shown = reprlib.repr(data["version"])  # short even for a huge or self-nested value
        yield file.problem(("version",), "error", f"version {shown} is not supported; use 1")
    for key, value in data.items():
        if key not in TOP_LEVEL:
            known = ", ".join(TOP_LEVEL)
            yield file.problem((key,), "error", f"unknown section '{key}' (known: {known})")
        elif key in RECORDS:
            if not isinstance(value, list):
                yield file.problem((key,), "error", f"'{key}' must be a list")
                continue
            for index, record in enumerate(value):
                yield from _check_record(file, (key, index), record, key)
        elif key in SETTINGS:
            yield from _check_record(file, (key,), value, key)
        elif key in ("messages", "safety_words") and (
            not isinstance(value, dict)
            or not all(isinstance(v, str) and v.strip() for v in value.values())
        ):
            yield file.problem((key,), "error", f"'{key}' must map names to non-empty text")


def _control_characters(file: YamlFile) -> Iterator[Problem]:
    """Text holding a character a terminal obeys ("\\e]52;..." sets the clipboard) would
    reach the screen in menus and answers: each key or text with one is an error."""
    stack: list[tuple[Path, Any]] = [((), file.data)]
    seen: set[int] = set()
    while stack:  # not recursive: nesting can be deep, and aliases can repeat a value
        path, value = stack.pop()
        if isinstance(value, str):
            found = unsafe_character(value)
            if found:
                message = f"control character {found} in text; remove it"
                yield file.problem(path, "error", message)
        elif isinstance(value, dict | list) and id(value) not in seen:
            seen.add(id(value))
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in pairs:
                stack.append(((*path, key), key))
                stack.append(((*path, key), item))


# ---------------------------------------------------------------- knowledge rules


def items(files: list[YamlFile], section: str) -> list[Item]:
    """The well-formed records of `section` across all files, in file order."""
    found = []
    for file in files:
        data = file.data if isinstance(file.data, dict) else {}
        records = data.get(section)
        if isinstance(records, list):
            found += [
                Item(file, (section, i), r) for i, r in enumerate(records) if isinstance(r, dict)
            ]
    return found


def _ids(records: list[Item], key: str = "id") -> dict[str, Item]:
    return {r.get(key): r for r in records if isinstance(r.get(key), str)}


def rule_duplicate_ids(files: list[YamlFile]) -> Iterator[Problem]:
    for section, key in (("documents", "id"), ("topics", "id"), ("aspects", "id"),
                         ("intents", "id"), ("red_flags", "id"), ("lexicon", "term"),
                         ("unknown_terms", "term")):  # fmt: skip
        seen: dict[str, Item] = {}
        for item in items(files, section):
            value = item.get(key)
            if not isinstance(value, str):
                continue
            if value in seen:
                first = seen[value]
                line, _ = first.file.where(first.path)
                yield item.problem(
                    key, "error", f"{key} '{value}' is already used at {first.file.name}:{line}"
                )
            else:
                seen[value] = item


def rule_references(files: list[YamlFile]) -> Iterator[Problem]:
    """Topics, aspects, follow-ups and sources must name things that exist."""
    documents = _ids(items(files, "documents"))
    topics = _ids(items(files, "topics"))
    aspects = _ids(items(files, "aspects"))
    intents = _ids(items(files, "intents"))
    lexicon_terms = {t.get("term") for t in items(files, "lexicon")}
    for topic in topics.values():
        for index, term in enumerate(topic.get("terms") or []):
            if isinstance(term, str) and term not in lexicon_terms:
                yield topic.problem(
                    ("terms", index), "error", f"topic term '{term}' is not a term of the lexicon"
                )
    for aspect in aspects.values():
        unnamed = aspect.get("unnamed")
        if isinstance(unnamed, str) and unnamed not in topics:
            guess = _did_you_mean(unnamed, topics)
            yield aspect.problem("unnamed", "error", f"unknown topic '{unnamed}'{guess}")
    for term in items(files, "unknown_terms"):
        for index, offered in enumerate(term.get("offer") or []):
            if offered not in intents:
                guess = _did_you_mean(offered, intents) if isinstance(offered, str) else ""
                message = f"offer '{offered}' is not an intent id{guess}"
                yield term.problem(("offer", index), "error", message)
    for intent in intents.values():
        topic_id = intent.get("topic")
        if isinstance(topic_id, str) and topic_id not in topics:
            guess = _did_you_mean(topic_id, topics)
            yield intent.problem("topic", "error", f"unknown topic '{topic_id}'{guess}")
        aspect_id = intent.get("aspect")
        if isinstance(aspect_id, str) and aspect_id not in aspects:
            guess = _did_you_mean(aspect_id, aspects)
            yield intent.problem("aspect", "error", f"unknown aspect '{aspect_id}'{guess}")
        for index, follow in enumerate(intent.get("follow_ups") or []):
            where: Path = ("follow_ups", index)
            if follow not in intents:
                guess = _did_you_mean(follow, intents) if isinstance(follow, str) else ""
                message = f"follow-up '{follow}' is not an intent id{guess}"
                yield intent.problem(where, "error", message)
            elif follow == intent.get("id"):
                yield intent.problem(where, "error", "an intent cannot follow up itself")
        sources = intent.get("sources") or []
        conversational = isinstance(topic_id, str) and bool(
            topics.get(topic_id) and topics[topic_id].get("conversational")
        )
        if not sources and not conversational and isinstance(sources, list):
            yield intent.problem(None, "error", "a content intent needs at least one source")
        for index, source in enumerate(sources if isinstance(sources, list) else []):
            if not isinstance(source, dict):
                continue
            doc_id, section_id = source.get("document"), source.get("section")
            path: Path = ("sources", index)
            if doc_id not in documents:
                yield intent.problem(path, "error", f"source document '{doc_id}' is unknown")
                continue
            sections = {s.get("id") for s in documents[doc_id].get("sections") or []
                        if isinstance(s, dict)}  # fmt: skip
            if section_id not in sections:
                yield intent.problem(
                    path, "error", f"document '{doc_id}' has no section '{section_id}'"
                )


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    """ "; did you mean 'xofigo'?" when one known id is close to a mistyped `value`."""
    match = process.extractOne(
        value, list(known), scorer=fuzz.ratio, processor=None, score_cutoff=70
    )
    return f"; did you mean '{match[0]}'?" if match else ""


def rule_examples(files: list[YamlFile]) -> Iterator[Problem]:
    """Examples: enough of them, none repeated, in its intent or in two, none nearly so.

    An example in two intents is reported at both places, each naming the other: the
    one just added may come first or last in the files."""
    topics = _ids(items(files, "topics"))
    owners: dict[str, tuple[str, Item, int]] = {}
    for intent in items(files, "intents"):
        examples = intent.get("examples")
        if not isinstance(examples, list):
            continue
        intent_id = str(intent.get("id"))
        topic = topics.get(str(intent.get("topic")))
        conversational = bool(topic and topic.get("conversational"))
        if len(examples) < MIN_EXAMPLES and not conversational:
            yield intent.problem(
                "examples",
                "warning",
                f"intent '{intent_id}' has {len(examples)} examples; write at least "
                f"{MIN_EXAMPLES} varied phrasings",
            )
        written: dict[str, int] = {}
        for index, example in enumerate(examples):
            if not isinstance(example, str):
                continue
            same = " ".join(example.casefold().split())
            if same in written:
                line, _ = intent.file.where((*intent.path, "examples", written[same]))
                yield intent.problem(
                    ("examples", index),
                    "warning",
                    f'example "{example}" is repeated in intent {intent_id} '
                    f"(first at {intent.file.name}:{line}); remove one",
                )
                continue
            written[same] = index
            key = normalize(example)
            if not key:
                continue
            if key not in owners:
                owners[key] = (intent_id, intent, index)
                continue
            owner_id, owner, owner_index = owners[key]
            if owner_id == intent_id:
                continue  # "whats xofigo" and "what is xofigo": one intent, two spellings
            here, _ = intent.file.where((*intent.path, "examples", index))
            line, _ = owner.file.where((*owner.path, "examples", owner_index))
            yield intent.problem(
                ("examples", index),
                "error",
                f'example "{example}" is also in intent {owner_id} ({owner.file.name}:{line})',
            )
            yield owner.problem(
                ("examples", owner_index),
                "error",
                f'example "{owner.get("examples")[owner_index]}" is also in intent '
                f"{intent_id} ({intent.file.name}:{here})",
            )


def rule_near_duplicates(files: list[YamlFile]) -> Iterator[Problem]:
    """Examples of different intents that are nearly the same confuse the matcher."""
    flat: list[tuple[str, str, Item, int]] = []
    for intent in items(files, "intents"):
        for index, example in enumerate(intent.get("examples") or []):
            key = normalize(example) if isinstance(example, str) else ""
            if key:
                flat.append((key, str(intent.get("id")), intent, index))
    keys = [k for k, *_ in flat]
    for b, key in enumerate(keys):
        close = process.extract(
            key,
            keys[:b],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=NEAR_DUPLICATE,
            limit=None,
        )
        for _, _, a in close:
            if flat[a][1] == flat[b][1] or keys[a] == key:
                continue
            _, other_id, other, other_index = flat[a]
            _, _, intent, index = flat[b]
            line, _ = other.file.where((*other.path, "examples", other_index))
            yield intent.problem(
                ("examples", index),
                "warning",
                f'example "{key}" is nearly the same as "{keys[a]}" of intent {other_id} '
                f"({other.file.name}:{line}); make one of them distinct",
            )
            break


def rule_answers(files: list[YamlFile]) -> Iterator[Problem]:
    """Answers stay short and plain: reading grade and length."""
    for intent in items(files, "intents"):
        answer = intent.get("answer")
        if not isinstance(answer, str) or not answer.strip():
            continue
        grade = flesch_kincaid_grade(answer)
        if grade > MAX_GRADE:
            yield intent.problem(
                "answer",
                "warning",
                f"answer reads at grade {grade:.1f}; the limit is {MAX_GRADE:.0f}: "
                "use shorter sentences and plainer words",
            )
        count = len(words(answer))
        if count > MAX_ANSWER_WORDS:
            yield intent.problem(
                "answer", "warning", f"answer has {count} words; keep it under {MAX_ANSWER_WORDS}"
            )


def rule_lexicon(files: list[YamlFile]) -> Iterator[Problem]:
    """Each written form belongs to one canonical term only."""
    owner: dict[str, str] = {}
    for section in ("lexicon", "unknown_terms"):
        for entry in items(files, section):
            term = entry.get("term")
            if not isinstance(term, str):
                continue
            for index, variant in enumerate([term, *(entry.get("variants") or [])]):
                if not isinstance(variant, str):
                    continue
                where: Path = ("term",) if index == 0 else ("variants", index - 1)
                key = normalize(variant)
                if not key:
                    yield entry.problem(where, "error", f"'{variant}' has no letters or digits")
                elif key in owner and owner[key] != term:
                    yield entry.problem(
                        where, "error", f"'{variant}' is already a form of '{owner[key]}'"
                    )
                else:
                    owner[key] = term


def rule_kinds(files: list[YamlFile]) -> Iterator[Problem]:
    """The kind of an unknown treatment is read in its place, so it must be a term the
    lexicon knows."""
    known = {t.get("term") for t in items(files, "lexicon")}
    for entry in items(files, "unknown_terms"):
        kind = entry.get("kind")
        if isinstance(kind, str) and kind not in known:
            yield entry.problem(
                ("kind",), "error", f"kind '{kind}' is not a term of the lexicon; add it there"
            )


def rule_examples_name_unknown_terms(files: list[YamlFile]) -> Iterator[Problem]:
    """An example that names an unknown term could never be answered: the bot says the
    documents do not cover that term."""
    forms: dict[str, str] = {}
    for entry in items(files, "unknown_terms"):
        term = entry.get("term")
        for form in [term, *(entry.get("variants") or [])]:
            if isinstance(term, str) and isinstance(form, str) and normalize(form):
                forms[f" {normalize(form)} "] = term
    for intent in items(files, "intents"):
        for index, example in enumerate(intent.get("examples") or []):
            text = f" {normalize(example)} " if isinstance(example, str) else ""
            named = next((t for form, t in forms.items() if form in text), None)
            if named:
                yield intent.problem(
                    ("examples", index),
                    "error",
                    f"example \"{example}\" names '{named}', an unknown term: the bot would "
                    "say the documents do not cover it; reword the example or the lexicon",
                )


def rule_red_flags(files: list[YamlFile]) -> Iterator[Problem]:
    yield from check_safety(files, items(files, "red_flags"))


def rule_settings(files: list[YamlFile]) -> Iterator[Problem]:
    """Messages the dialogue needs exist; thresholds make sense."""
    messages: dict[str, Any] = {}
    thresholds: list[tuple[YamlFile, dict[str, Any]]] = []
    for file in files:
        data = file.data if isinstance(file.data, dict) else {}
        if isinstance(data.get("messages"), dict):
            messages.update(data["messages"])
            for key, text in data["messages"].items():
                problem = _placeholder_problem(str(key), text)
                if problem:
                    yield file.problem(("messages", key), "error", f"message '{key}' {problem}")
        if isinstance(data.get("thresholds"), dict):
            thresholds.append((file, data["thresholds"]))
    if any(isinstance(f.data, dict) and "intents" in f.data for f in files):
        for key in REQUIRED_MESSAGES:
            if key not in messages:
                yield Problem(files[0].name, 1, 1, "error", f"message '{key}' is not defined")
    for file, values in thresholds:
        numbers = {k: v for k, v in values.items() if _type_ok(v, "number")}
        for key in ("answer", "margin", "clarify", "coverage"):
            if key in numbers and not 0 <= numbers[key] <= 100:
                yield file.problem(("thresholds", key), "error", f"'{key}' must be 0 to 100")
        turns = values.get("context_turns")
        if isinstance(turns, int) and not isinstance(turns, bool) and turns < 0:
            yield file.problem(
                ("thresholds", "context_turns"), "error", "'context_turns' must be 0 or more"
            )
        if numbers.get("clarify", 0) > numbers.get("answer", 100):
            yield file.problem(
                ("thresholds", "clarify"), "error", "'clarify' must not be above 'answer'"
            )


def _placeholder_problem(key: str, text: Any) -> str | None:
    """Why `text.format(...)` would fail for message `key`, or None when it is safe."""
    if not isinstance(text, str):
        return None
    allowed = PLACEHOLDERS.get(key, ())
    try:
        fields = [f for f in string.Formatter().parse(text) if f[1] is not None]
    except ValueError:
        return "has a lone '{' or '}'; write {{ or }} for a brace"
    for _, name, spec, conversion in fields:
        if name not in allowed or spec or conversion:
            can = " ".join(f"{{{a}}}" for a in allowed) if allowed else "none"
            if len(allowed) == 1:
                can = f"only {can}"
            return f"has placeholder {{{name}}}; the placeholders it can use: {can}"
    return None


def rule_nothing_to_answer(files: list[YamlFile]) -> Iterator[Problem]:
    if files and not items(files, "intents"):
        yield Problem(files[0].name, 1, 1, "error", "no intents found in these files")


Rule = Callable[[list[YamlFile]], Iterator[Problem]]
RULES: tuple[Rule, ...] = (
    rule_duplicate_ids,
    rule_references,
    rule_examples,
    rule_lexicon,
    rule_kinds,
    rule_examples_name_unknown_terms,
    rule_red_flags,
    rule_settings,
    rule_nothing_to_answer,
)
REVIEW_RULES: tuple[Rule, ...] = (rule_near_duplicates, rule_answers)
"""Rules that only warn, for `chatbot check`; loading the bot skips them."""


def validate(files: list[YamlFile], *, complete: bool = True, review: bool = True) -> list[Problem]:
    """Every problem of every file, structure first, sorted by file and line.

    The rules across files run only when every file is well formed and `complete` (no
    file of the set failed to parse), so that they report no knock-on errors. Without
    `review`, the slower rules that can only warn are skipped.
    """
    problems = [p for f in files for p in check_structure(f)]
    if complete and not any(p.severity == "error" for p in problems):
        rules = RULES + REVIEW_RULES if review else RULES
        problems += [p for rule in rules for p in rule(files)]
    return sorted(problems, key=lambda p: (p.file, p.line, p.col))


# ---------------------------------------------------------------- building


def build_knowledge(files: list[YamlFile]) -> Knowledge:
    """The `Knowledge` held by valid files (call `validate` first)."""

    def strs(value: Any) -> tuple[str, ...]:
        return tuple(str(v) for v in value or ())

    documents = tuple(
        Document(
            id=d.get("id"),
            title=d.get("title"),
            publisher=d.get("publisher"),
            url=d.get("url"),
            date=d.get("date") or "",
            sections=tuple(Section(s["id"], s["title"]) for s in d.get("sections")),
        )
        for d in items(files, "documents")
    )
    intents = tuple(
        Intent(
            id=i.get("id"),
            topic=i.get("topic"),
            aspect=i.get("aspect"),
            title=i.get("title").strip(),
            examples=strs(i.get("examples")),
            answer=" ".join(i.get("answer").split()),
            sources=tuple(SourceRef(s["document"], s["section"]) for s in i.get("sources") or ()),
            follow_ups=strs(i.get("follow_ups")),
        )
        for i in items(files, "intents")
    )
    messages: dict[str, str] = {}
    settings: dict[str, Any] = {}
    bar: dict[str, Any] = {}
    for file in files:
        if isinstance(file.data, dict):
            messages.update(file.data.get("messages") or {})
            settings.update(file.data.get("thresholds") or {})
            bar.update(file.data.get("quality_bar") or {})
    return Knowledge(
        documents=documents,
        topics=tuple(
            Topic(t.get("id"), t.get("name"), strs(t.get("terms")), bool(t.get("conversational")))
            for t in items(files, "topics")
        ),
        aspects=tuple(
            Aspect(a.get("id"), a.get("name"), tuple(a.get("asks") or ()), a.get("unnamed") or "")
            for a in items(files, "aspects")
        ),
        intents=intents,
        terms=tuple(Term(t.get("term"), strs(t.get("variants"))) for t in items(files, "lexicon")),
        unknown_terms=tuple(
            Term(
                t.get("term"),
                strs(t.get("variants")),
                t.get("name") or t.get("term"),
                t.get("kind") or "",
                strs(t.get("offer")),
                bool(t.get("told")),
            )
            for t in items(files, "unknown_terms")
        ),
        red_flags=red_flags_of(items(files, "red_flags")),
        safety_cues=safety_cues_of(files),
        safety_words=safety_words_of(files),
        messages={k: " ".join(str(v).split()) for k, v in messages.items()},
        thresholds=Thresholds(
            answer=float(settings.get("answer", Thresholds.answer)),
            margin=float(settings.get("margin", Thresholds.margin)),
            clarify=float(settings.get("clarify", Thresholds.clarify)),
            coverage=float(settings.get("coverage", Thresholds.coverage)),
            context_turns=int(settings.get("context_turns", Thresholds.context_turns)),
        ),
        bar=QualityBar(**{k: float(v) for k, v in bar.items()}),
    )
