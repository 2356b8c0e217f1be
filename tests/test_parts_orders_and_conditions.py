"""Classes of questions read in the eleventh session: which order asked both ways round, a
part of a message that asks the part before's question again of another treatment or that
tells what was done, conditions told around who a treatment is for, "dose" typed for
"does", and asks put in everyday words. Each sentence here is new, written for its class."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


def reply(bot: Bot, question: str) -> Response:
    return respond(bot, Context(), question)[0]


def said(bot: Bot, response: Response) -> set[str]:
    """The intents whose titles the reply holds."""
    return {i.id for i in bot.knowledge.intents if i.title in response.text}


@pytest.mark.parametrize(
    "question",
    [
        "is it better to have radium 223 before provenge or provenge before radium 223",
        "xofigo first then provenge, or vice versa?",
        "radium then provenge or the reverse",
        "which order do doctors use, provenge first or xofigo first then provenge",
    ],
)
def test_which_order_asked_both_ways_gets_the_order_the_documents_discuss(
    bot: Bot, question: str
) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert response.intent == "sequencing_xofigo_after_provenge"


@pytest.mark.parametrize(
    "question", ["radium 223 then provenge, can he do that", "xofigo then provenge, is that ok"]
)
def test_the_order_the_documents_never_discuss_is_still_declined_by_name(
    bot: Bot, question: str
) -> None:
    response = reply(bot, question)
    assert response.status == "fallback"
    assert "Provenge after Xofigo" in response.text


@pytest.mark.parametrize(
    ("question", "both"),
    [
        (
            "what are the risks of provenge? and of the radium?",
            {"provenge_side_effects", "xofigo_side_effects"},
        ),
        (
            "is radium 223 ok alongside chemo? and can sipuleucel-t be?",
            {"xofigo_chemotherapy", "provenge_chemotherapy"},
        ),
        (
            "who qualifies for xofigo? what about provenge?",
            {"xofigo_candidates", "provenge_candidates"},
        ),
    ],
)
def test_a_part_that_only_names_another_treatment_asks_the_same_of_it(
    bot: Bot, question: str, both: set[str]
) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert both <= said(bot, response)


def test_two_treatments_named_in_one_question_are_still_one_question(bot: Bot) -> None:
    response = reply(bot, "could my husband have xofigo and provenge together")
    assert response.intent == "sequencing_combining"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what side efects dose provenj have", "provenge_side_effects"),
        ("what benefits dose the radium shot give", "xofigo_benefits"),
    ],
)
def test_dose_typed_for_does_after_what_is_asked(bot: Bot, question: str, intent: str) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert response.intent == intent


def test_a_dose_asked_about_is_still_a_dose(bot: Bot) -> None:
    response = reply(bot, "what side effects come with a higher dose of xofigo")
    assert "doses or dosing schedules" in response.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is provenge gentle on an old man", "provenge_side_effects"),
        ("will xofigo knock him out for a week", "xofigo_side_effects"),
        ("does xofigo wear you out", "xofigo_side_effects"),
        ("what bad stuff comes with provenge", "provenge_side_effects"),
    ],
)
def test_side_effects_put_in_everyday_words(bot: Bot, question: str, intent: str) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert response.intent == intent


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("how much does provenge cost or is it free", "prices or costs"),
        ("is there a dose of xofigo or a schedule", "doses or dosing schedules"),
    ],
)
def test_a_question_with_or_and_a_term_of_one_word_names_the_term(
    bot: Bot, question: str, named: str
) -> None:
    assert named in reply(bot, question).text


@pytest.mark.parametrize(
    "question",
    [
        "the hormone jabs have stopped doing anything, what is out there for him now",
        "nothing works anymore since the hormone shots, what is there for him",
    ],
)
def test_what_is_left_when_hormones_stop_working_names_the_treatments(
    bot: Bot, question: str
) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert "Provenge" in response.text and "Xofigo" in response.text


@pytest.mark.parametrize(
    "question",
    [
        "my cancer is only in my spine, not the lungs, could the radium medicine be for me",
        "i had surgery and did the hormone shots for two years and now its in my bones is "
        "xofigo something for a guy like me",
        "the scans show it in his ribs and nowhere else, does that make him a fit for the "
        "radium drug",
    ],
)
def test_conditions_told_around_who_it_is_for_get_who_it_is_for(bot: Bot, question: str) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert response.intent == "xofigo_candidates"


def test_hormone_therapy_still_working_asks_who_it_is_for(bot: Bot) -> None:
    response = reply(
        bot, "his hormone therapy still works fine, should we be asking about provenge yet"
    )
    assert response.intent == "provenge_candidates"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("radium 223 is that the one that treats bones", "xofigo_what_is"),
        ("does xofigo help if the cancer is in his hips", "xofigo_benefits"),
        ("i always mix them up, is provenge the immune one", "provenge_what_is"),
    ],
)
def test_which_one_it_is_and_whether_it_helps(bot: Bot, question: str, intent: str) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert response.intent == intent


def test_a_new_condition_after_who_it_is_for_gets_that_answer_again(bot: Bot) -> None:
    context = Context()
    first, context = respond(bot, context, "could he have xofigo, it is only in his bones")
    assert first.intent == "xofigo_candidates"
    second, _ = respond(bot, context, "and what if it reaches his liver down the road")
    assert second.status == "answer"
    assert second.intent == "xofigo_candidates"
    assert "organ" in second.text


def test_how_long_it_adds_to_a_life_is_its_benefit(bot: Bot) -> None:
    response = reply(bot, "what benefits does provenge have and how long can it extend his life")
    assert response.intent == "provenge_benefits"
    assert "month" in response.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("which one goes after the cancer in the bones, provenge or xofigo", "xofigo_how_it_works"),
        (
            "the immune one, how does it get the body to go after the cancer",
            "provenge_how_it_works",
        ),
    ],
)
def test_going_after_the_cancer_is_how_it_works_not_an_order(
    bot: Bot, question: str, intent: str
) -> None:
    response = reply(bot, question)
    assert response.intent == intent


def test_each_part_that_names_its_own_treatment_is_read_with_it(bot: Bot) -> None:
    response = reply(bot, "who is the immune therapy for and who is the radium for")
    assert response.status == "answer"
    assert {"provenge_candidates", "xofigo_candidates"} <= said(bot, response)


@pytest.mark.parametrize(
    "feeling",
    [
        "will i ever feel like my old self again",
        "will he ever feel normal again",
        "my wife has just given up on everything",
        "it is so unfair, he never smoked a day in his life",
        "people keep saying stay positive but i can not",
        "does it ever get easier",
    ],
)
def test_feelings_put_in_everyday_words_are_met(bot: Bot, feeling: str) -> None:
    response = reply(bot, feeling)
    assert response.intent == "resources_feelings"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is provenge a different kind of thing than chemo", "provenge_what_is"),
        ("is xofigo different than chemo", "xofigo_what_is"),
        ("how is provenge different from chemo", "provenge_what_is"),
        ("so xofigo isnt chemo right", "xofigo_what_is"),
    ],
)
def test_whether_a_treatment_is_a_kind_is_what_it_is(bot: Bot, question: str, intent: str) -> None:
    response = reply(bot, question)
    assert (response.status, response.intent) == ("answer", intent)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("can he have a chemo drug with xofigo", "xofigo_chemotherapy"),
        ("can provenge be given with a type of chemo", "provenge_chemotherapy"),
    ],
)
def test_a_kind_taken_beside_a_treatment_is_that_treatment_with_it(
    bot: Bot, question: str, intent: str
) -> None:
    response = reply(bot, question)
    assert (response.status, response.intent) == ("answer", intent)


@pytest.mark.parametrize(
    ("question", "pair"),
    [
        ("can xofigo be given with chemo? and with provenge?", "sequencing_combining"),
        ("can he take provenge with chemo? and with xofigo?", "sequencing_combining"),
    ],
)
def test_and_with_another_treatment_names_a_partner_not_a_new_subject(
    bot: Bot, question: str, pair: str
) -> None:
    response = reply(bot, question)
    assert {"provenge_chemotherapy", "xofigo_chemotherapy"} - said(bot, response)


def test_the_first_one_after_a_list_of_treatments_is_the_first_named(bot: Bot) -> None:
    context = Context()
    _, context = respond(bot, context, "what is mcrpc")
    listed, context = respond(bot, context, "what treatments are there for it")
    assert listed.intent == "mcrpc_treatments"
    response, _ = respond(bot, context, "and the second one, what are its side effects")
    assert response.intent == "xofigo_side_effects"


def test_the_first_one_after_an_answer_about_one_treatment_is_left_as_it_is(bot: Bot) -> None:
    context = Context()
    _, context = respond(bot, context, "what is xofigo")
    response, _ = respond(bot, context, "is it given as the first one or the second")
    assert response.intent != "provenge_what_is"


def test_the_treatment_named_before_a_choice_stays_the_subject(bot: Bot) -> None:
    context = Context()
    _, context = respond(bot, context, "my dad is starting provenge")
    second, _ = respond(bot, context, "any risks")
    assert second.intent == "provenge_side_effects"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("can my dad get xofigo", "xofigo_candidates"),
        ("could my husband have provenge", "provenge_candidates"),
    ],
)
def test_asking_for_the_man_by_name_asks_who_it_is_for(
    bot: Bot, question: str, intent: str
) -> None:
    assert reply(bot, question).intent == intent
