"""A side effect asked about that the documents do not list for that treatment is said so
by name, with the side effects they do list; one they list is answered as usual."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.dialogue import Bot, Context, respond
from chatbot.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


@pytest.mark.parametrize(
    ("question", "symptom"),
    [
        ("could the radium shot be what's giving him these headaches", "headache"),
        ("is a fever normal after xofigo", "fever"),
        ("he has joint pain since starting radium 223, is that from it", "joint pain"),
    ],
)
def test_a_side_effect_listed_only_for_the_other_treatment_is_named_as_not_listed(
    bot: Bot, question: str, symptom: str
) -> None:
    response, _ = respond(bot, Context(), question)
    assert response.status == "fallback"
    assert f"do not list {symptom}" in response.text
    assert "diarrhea" in response.text  # what they do list for Xofigo


@pytest.mark.parametrize(
    "question",
    [
        "can provenge give you a headache",
        "is diarrhea common with xofigo",
        "does xofigo cause nausea and headaches",  # one of the two is listed
    ],
)
def test_a_side_effect_the_documents_list_is_answered(bot: Bot, question: str) -> None:
    response, _ = respond(bot, Context(), question)
    assert response.status == "answer"


@pytest.mark.parametrize(
    "question",
    [
        "ever since the radium he's been so constipated, could that be why",
        "will provenge make his hair fall out",
        "does xofigo cause hot flashes",
    ],
)
def test_a_side_effect_neither_document_lists_is_declined_by_name(bot: Bot, question: str) -> None:
    response, _ = respond(bot, Context(), question)
    assert response.status == "fallback"
    assert "beyond the ones they list" in response.text


def test_after_a_side_effect_not_listed_the_other_treatment_can_be_asked(bot: Bot) -> None:
    context = Context()
    first, context = respond(bot, context, "can xofigo cause a rash")
    assert first.status == "fallback"
    second, _ = respond(bot, context, "and provenge?")
    assert second.status == "answer"
    assert "rash" in second.text
