"""`chatbot export --format json`: the whole knowledge base as JSON for other tools."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import run_chatbot

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "fixtures" / "check" / "valid"
DOCUMENT_KEYS = {"id", "title", "publisher", "url", "date", "sections"}
INTENT_KEYS = {"id", "title", "topic", "aspect", "examples", "answer", "sources", "follow_ups"}


@pytest.fixture(scope="module")
def exported() -> dict[str, Any]:
    done = run_chatbot("--intents", "intents", "export", "--format", "json")
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def test_export_has_documents_and_intents(exported: dict[str, Any]) -> None:
    assert set(exported) == {"documents", "intents"}
    assert exported["documents"]
    assert exported["intents"]


def test_documents_have_their_keys_and_sections(exported: dict[str, Any]) -> None:
    for document in exported["documents"]:
        assert set(document) == DOCUMENT_KEYS, document["id"]
        assert document["sections"], document["id"]
        for section in document["sections"]:
            assert set(section) == {"id", "title"}


def test_intents_have_exactly_their_keys(exported: dict[str, Any]) -> None:
    for intent in exported["intents"]:
        assert set(intent) == INTENT_KEYS, intent.get("id")
        assert isinstance(intent["answer"], str) and intent["answer"]
        assert intent["examples"] and all(isinstance(e, str) for e in intent["examples"])
        for source in intent["sources"]:
            assert set(source) == {"document", "section"}


def test_intent_ids_are_unique(exported: dict[str, Any]) -> None:
    counts = Counter(intent["id"] for intent in exported["intents"])
    assert [i for i, n in counts.items() if n > 1] == []


def test_sources_and_follow_ups_name_what_is_exported(exported: dict[str, Any]) -> None:
    sections = {(d["id"], s["id"]) for d in exported["documents"] for s in d["sections"]}
    ids = {intent["id"] for intent in exported["intents"]}
    for intent in exported["intents"]:
        for source in intent["sources"]:
            assert (source["document"], source["section"]) in sections, intent["id"]
        assert set(intent["follow_ups"]) <= ids, intent["id"]


def test_export_of_a_small_base_is_exact() -> None:
    done = run_chatbot("--intents", str(VALID), "export")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["documents"] == [
        {
            "id": "guide",
            "title": "A guide to the drug",
            "publisher": "Example Foundation",
            "url": "https://example.org/guide",
            "date": "",
            "sections": [
                {"id": "basics", "title": "The basics"},
                {"id": "effects", "title": "Side effects"},
            ],
        }
    ]
    assert [i["id"] for i in data["intents"]] == ["drug_what_is", "drug_side_effects", "hello"]
    assert data["intents"][2] == {
        "id": "hello",
        "title": "Hello",
        "topic": "chat",
        "aspect": "greeting",
        "examples": ["hello", "hi there", "good morning"],
        "answer": "Hello! Ask me about the drug.",
        "sources": [],
        "follow_ups": [],
    }


def test_export_of_a_broken_base_says_why_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("version: 2\n", encoding="utf-8")
    done = run_chatbot("--intents", str(tmp_path), "export")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("chatbot: ") and done.stderr.count("\n") == 1, done.stderr


def test_unknown_format_is_a_usage_error() -> None:
    done = run_chatbot("export", "--format", "csv")
    assert done.returncode == 2
    assert "invalid choice: 'csv'" in done.stderr
