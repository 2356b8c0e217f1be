"""Classes of questions read this session: a follow-up of an order asks of the treatment
the order is about, "the other way around", "both" that only says which two, help asked
beside a treatment, words of sex, money, dying and feeling lousy, and a question told at
the end of a story. Each sentence here is new, written for its class."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge
from chatbot.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


def ask(bot: Bot, *questions: str) -> list[Response]:
    context, responses = Context(), []
    for question in questions:
        response, context = respond(bot, context, question)
        responses.append(response)
    return responses


def said(bot: Bot, response: Response) -> list[str]:
    """The intents whose titles the reply holds."""
    return [i.id for i in bot.knowledge.intents if i.title in response.text]


# ------------------------------------------------------------------ conversations


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("what exactly is it", "xofigo_what_is"),
        ("so how does it work", "xofigo_how_it_works"),
        ("is it some kind of radiation", "xofigo_what_is"),
    ],
)
def test_after_an_order_a_question_of_it_asks_of_the_treatment_the_order_is_about(
    bot: Bot, follow_up: str, expected: str
) -> None:
    """After "can he have xofigo now that provenge is done", "it" is Xofigo, not a
    question of this chatbot ("what is it") nor one the order's answer leaves out."""
    *_, response = ask(bot, "can he have xofigo now that provenge is done", follow_up)
    assert (response.status, response.intent) == ("answer", expected)


@pytest.mark.parametrize("turned", ["and the other way round?", "what about the reverse"])
def test_the_other_way_around_after_an_order_is_that_order_turned_round(
    bot: Bot, turned: str
) -> None:
    """The documents speak of Xofigo after Provenge only: turned round, it is declined by
    name, not answered with the order just given."""
    first, response = ask(bot, "is radium ok once provenge is finished", turned)
    assert first.intent == "sequencing_xofigo_after_provenge"
    assert response.status == "fallback"
    assert "Provenge after Xofigo" in response.text


def test_one_after_the_other_is_not_the_other_treatment(bot: Bot) -> None:
    """ "One after the other" names no treatment: after Xofigo's side effects, "can he get
    the two of them one after the other" asks the order of the two."""
    *_, response = ask(
        bot, "what does xofigo do to you", "can he get them both one after the other"
    )
    assert response.intent == "sequencing_xofigo_after_provenge"


def test_a_combo_asks_about_taking_both(bot: Bot) -> None:
    *_, response = ask(bot, "provenge then xofigo, is that allowed", "is a combo of the two ok")
    assert response.intent == "sequencing_combining"


def test_a_price_asked_of_that_is_declined_by_name(bot: Bot) -> None:
    *_, response = ask(bot, "who is xofigo for", "how much would that cost us")
    assert response.status == "fallback"
    assert "prices or costs" in response.text


# ------------------------------------------------------------------ single questions


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("could he get both one after the other", "sequencing_xofigo_after_provenge"),
        ("is provenge an immunotherapy", "provenge_what_is"),
        ("is xofigo immunotherapy too", "xofigo_what_is"),
        ("what sort of man is xofigo made for", "xofigo_candidates"),
        ("will provenge leave him feeling lousy", "provenge_side_effects"),
        ("his legs swole up since the xofigo, could that be it", "xofigo_side_effects"),
        ("hubby has spots in his spine n liver, is xofigo ok for him", "xofigo_candidates"),
        ("my boyfriend does everything for me, is there help for him", None),
        ("he lost interest in sex since all this and feels like half a man", "resource_aasect"),
        ("am i dying is this it", "resources_feelings"),
        ("been so miserable since we found out, what do i do", "resources_feelings"),
    ],
)
def test_a_question_of_a_class_read_this_session_is_answered(
    bot: Bot, question: str, expected: str | None
) -> None:
    (response,) = ask(bot, question)
    assert response.status == "answer"
    if expected is not None:
        assert response.intent == expected
    else:  # the caregivers' help
        assert response.intent == "resource_caregiver_action_network"


def test_both_together_or_one_after_the_other_gets_both_answers(bot: Bot) -> None:
    (response,) = ask(bot, "should we do the two together or one after the other")
    assert {"sequencing_combining", "sequencing_xofigo_after_provenge"} <= set(said(bot, response))


def test_help_asked_beside_a_treatment_is_help_for_anyone(bot: Bot) -> None:
    """Only a treatment's own answers are matched against a question naming it; help
    with co-pays is for anyone, whatever the treatment."""
    (response,) = ask(bot, "is there help with the copays on his xofigo")
    assert response.intent == "resource_pan_foundation"


def test_a_long_question_between_fillers_is_read_by_its_frame(bot: Bot) -> None:
    (response,) = ask(
        bot, "ok so um what are the side effects of that xofigo shot hes meant to get and um yeah"
    )
    assert response.intent == "xofigo_side_effects"


def test_a_story_word_the_documents_dont_cover_is_named_not_declined(bot: Bot) -> None:
    """ "I swim every day" tells; the question that names Provenge is answered, and the
    swimming is named as something the documents don't cover."""
    (response,) = ask(
        bot, "I swim every day and feel great. But my psa keeps climbing. Is provenge for me?"
    )
    assert response.intent == "provenge_candidates"
    assert "exercise" in response.text


def test_another_illness_a_story_asks_about_stays_declined(bot: Bot) -> None:
    (response,) = ask(bot, "my cousin has lung cancer. is there something like that for him")
    assert response.status == "fallback"


def test_a_story_naming_a_treatment_still_finds_help_for_anyone(bot: Bot) -> None:
    (response,) = ask(
        bot,
        "My son lives abroad. The doctor wants xofigo next. Where do I meet others who get it?",
    )
    assert response.status == "answer"
    assert not bot.knowledge.topic(bot.knowledge.intent(response.intent or "").topic).terms


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("xofigo dose it hurt", "xofigo does it hurt"),
        ("dose he need a break", "does he need a break"),
        ("they dose it by weight", "they dose it by weight"),
    ],
)
def test_dose_before_one_it_asks_of_is_does(typed: str, plain: str) -> None:
    assert normalize(typed) == plain


def test_a_condition_after_the_list_of_treatments_is_asked_of_each(bot: Bot) -> None:
    """After the treatments the documents name for the disease, "what if it reaches his
    lungs" asks who each of them is for."""
    first, response = ask(
        bot,
        "the hormone shots have stopped working, what should he try next",
        "what if it reaches his lungs",
    )
    assert first.intent == "mcrpc_treatments"
    assert {"provenge_candidates", "xofigo_candidates"} <= set(said(bot, response))


@pytest.mark.parametrize(
    "story",
    [
        "He keeps missing work for treatment and the bills keep coming. Who can help with that?",
        "we are behind on the bills and hes afraid of losing his job. who helps with this",
    ],
)
def test_money_and_work_troubles_told_get_the_help_with_debt_and_jobs(bot: Bot, story: str) -> None:
    (response,) = ask(bot, story)
    assert response.intent == "resource_patient_advocacy_foundation"


@pytest.mark.parametrize(
    "question",
    [
        "is there a group of men like me i can talk to",
        "where can i meet people in the same boat as me",
    ],
)
def test_other_people_going_through_it_are_a_support_group(bot: Bot, question: str) -> None:
    (response,) = ask(bot, question)
    assert response.status == "answer"
    assert "support group" in response.text.lower() or "USToo" in response.text


def test_the_same_question_after_an_answer_to_two_asks_asks_both_again(bot: Bot) -> None:
    """After "benefits and side effects of xofigo", "same for provenge" asks both of
    Provenge, not only the first."""
    *_, response = ask(bot, "benefits and side effects of xofigo", "same for provenge")
    assert {"provenge_benefits", "provenge_side_effects"} <= set(said(bot, response))


def test_an_infection_is_another_illness_the_documents_dont_cover(bot: Bot) -> None:
    (response,) = ask(bot, "he keeps getting urinary tract infections, is provenge still ok")
    assert response.status == "fallback"
