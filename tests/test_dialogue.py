"""Behaviour of respond(): what a user notices in answers, choices, context and safety."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge
from chatbot.render import plain

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


def ask(bot: Bot, *questions: str) -> list[Response]:
    """Ask the questions in one conversation; return every response."""
    context = Context()
    responses = []
    for question in questions:
        response, context = respond(bot, context, question)
        responses.append(response)
    return responses


def answer(bot: Bot, question: str) -> Response:
    return ask(bot, question)[0]


# ---------------------------------------------------------------- ranking


def test_misspelled_drug_names_are_understood(bot: Bot) -> None:
    """Patients misspell the names; "xofgio" and "provnege" are one letter swap away."""
    assert answer(bot, "side efects of xofgio?").intent == "xofigo_side_effects"
    assert answer(bot, "what is provnege").intent == "provenge_what_is"


def test_generic_and_brand_names_meet(bot: Bot) -> None:
    """Radium-223 is Xofigo and sipuleucel-T is Provenge: the lexicon maps them."""
    assert answer(bot, "radium-223 side effects").intent == "xofigo_side_effects"
    assert answer(bot, "what is sipuleucel-T").intent == "provenge_what_is"


def test_named_drug_beats_similar_sentence(bot: Bot) -> None:
    """A Xofigo question never gets the Provenge answer, however alike the sentences."""
    for question in ("what are the side effects of xofigo", "xofigo side effects"):
        response = answer(bot, question)
        assert response.intent == "xofigo_side_effects"
        assert "Provenge" not in response.text


def test_unrelated_drug_is_not_corrected_into_a_known_one(bot: Bot) -> None:
    """'zytiga' is not a typo of 'xofigo': it is a drug the documents do not cover."""
    response = answer(bot, "what are the side effects of zytiga")
    assert response.status == "fallback"
    assert "Zytiga" in response.text
    assert response.intent is None


def test_plain_words_are_not_corrected_into_domain_words(bot: Bot) -> None:
    """'tried' is one letter swap from 'tired', a side effect; it must stay 'tried'."""
    response = answer(bot, "we tried provenge, what does the dose depend on")
    assert response.explanation.corrections == ()
    assert response.intent != "provenge_side_effects"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("feeling queasy after the radium shot, is that normal", "xofigo_side_effects"),
        ("he has had the runs since his provenge infusion", "provenge_side_effects"),
        ("dad is wiped out and achy after the immune infusion", "provenge_side_effects"),
        (
            "the hormone jabs stopped working, what does resistant mean",
            "mcrpc_castration_resistance",
        ),
        ("he has a temp of 38 after provenge", "provenge_side_effects"),
        ("mild fever the night after provenge, normal?", "provenge_side_effects"),
        ("is xofigo chemo or something else", "xofigo_what_is"),
        (
            "why do they want to lower testosterone in prostate cancer anyway",
            "mcrpc_castration_resistance",
        ),
        # A plural no variant lists is read through its singular; "run a fever" is a
        # fever; "is it true that" says nothing about which answer fits.
        ("which immunotherapys exist besides provenge", "immunotherapy_other"),
        ("what chemos can be given with xofigo", "xofigo_chemotherapy"),
        ("did he run a fever because of the provenge", "provenge_side_effects"),
        ("true that radium goes to the bones?", "xofigo_how_it_works"),
        # The bone problems Xofigo delayed, in everyday words, ask about its benefits.
        ("will the radium shot keep his bones from breaking", "xofigo_benefits"),
        ("can xofigo help with spine problems", "xofigo_benefits"),
        ("does xofigo mean fewer broken bones", "xofigo_benefits"),
        # Immunotherapy by what it does, and a condition of pain, in everyday words.
        ("the one that uses your body's defenses, what side effects", "provenge_side_effects"),
        ("can a man in a lot of pain still have the immune thing", "provenge_candidates"),
        ("what will xofigo do to him", "xofigo_side_effects"),
        ("anything out there for me as his daughter", "resource_caregiver_action_network"),
        ("is there a group for guys like my dad", "resources_overview"),
    ],
)
def test_everyday_words_for_symptoms_and_treatments_are_understood(
    bot: Bot, question: str, intent: str
) -> None:
    """Patients name side effects and treatments in their own words, not the documents'."""
    response = answer(bot, question)
    assert (response.status, response.intent) == ("answer", intent)


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("how long do the side effects of provenge last", "how long things take or last"),
        ("can he drive home after his xofigo injection", "driving"),
        ("can my husband fly abroad after provenge", "travel"),
        ("how do we sign up for the provenge and xofigo trial", "how to join a clinical trial"),
        ("does xofigo work for lung cancer", "cancers other than prostate cancer"),
        ("chemo side effects", "chemotherapy on its own"),
        ("can i take provenge after xofigo", "Provenge after Xofigo"),  # the other order
        ("is it ok to have radium-223 before provenge", "Provenge after Xofigo"),
        ("can i take ibuprofen for the fever after provenge", "pain relievers"),
    ],
)
def test_subjects_the_documents_never_cover_are_named_in_the_fallback(
    bot: Bot, question: str, subject: str
) -> None:
    """However close the rest of the sentence is to an answer, it is not answered."""
    response = answer(bot, question)
    assert response.status == "fallback"
    assert f"don't cover {subject}" in " ".join(response.text.split())


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is xofigo chemo?", "xofigo_what_is"),
        ("isn't provenge just chemotherapy", "provenge_what_is"),
        ("so is the xofigo chemo?", "xofigo_what_is"),
        ("xofigo, is it chemo?", "xofigo_what_is"),
        ("which is chemo, provenge or xofigo", "xofigo_what_is"),  # and Provenge's beside it
        ("xofigo chemo", "xofigo_chemotherapy"),
        ("is xofigo with chemo safe", "xofigo_chemotherapy"),
        # the question goes on with an alternative, or likens it to chemo
        ("is the xofigo chemo or what", "xofigo_what_is"),
        ("is provenge any different from chemo", "provenge_what_is"),
        ("is xofigo similar to chemo", "xofigo_what_is"),
    ],
)
def test_whether_a_treatment_is_chemo_is_not_whether_it_goes_with_chemo(
    bot: Bot, question: str, intent: str
) -> None:
    """'Is Xofigo chemo?' has the words of 'Xofigo with chemo'; only the order differs."""
    assert answer(bot, question).intent == intent


def test_is_it_chemo_after_an_answer_asks_what_that_treatment_is(bot: Bot) -> None:
    _, response = ask(bot, "what is xofigo", "is it chemo?")
    assert (response.status, response.intent) == ("answer", "xofigo_what_is")


@pytest.mark.parametrize(
    ("question", "intent", "drug", "kind"),
    [
        (
            "can he have xofigo while he's on docetaxel",
            "xofigo_chemotherapy",
            "docetaxel",
            "chemotherapy",
        ),
        ("psa going up on lupron, what does that mean", "mcrpc_progression", "Lupron", "hormone"),
    ],
)
def test_a_drug_the_documents_never_name_is_read_as_its_kind_with_a_note(
    bot: Bot, question: str, intent: str, drug: str, kind: str
) -> None:
    """The documents say Xofigo is not given with chemotherapy; docetaxel is a chemo."""
    response = answer(bot, question)
    assert (response.status, response.intent) == ("answer", intent)
    note = response.text.split("\n\n")[0]
    assert f"don't name {drug}" in note and kind in note


def test_a_drug_in_the_story_does_not_block_the_question_it_ends_with(bot: Bot) -> None:
    text = "I'm on Lupron and just finished Provenge. What are the side effects?"
    assert answer(bot, text).intent == "provenge_side_effects"
    text = "My sister has ovarian cancer. Is there an immunotherapy like Provenge for her?"
    assert answer(bot, text).status == "fallback"  # not a drug: the question is about it


@pytest.mark.parametrize(
    ("story", "intent"),
    [
        # a question that names its treatment, after a story that names a drug: dictated,
        # with no stop between them, or typed as sentences
        (
            "so his psa keeps climbing even on the lupron jabs and the scan shows it in his"
            " ribs and hips um could he get xofigo",
            "xofigo_candidates",
        ),
        (
            "Dad has been on Lupron two years. The scan shows spots in his spine now."
            " Can he have Provenge?",
            "provenge_candidates",
        ),
    ],
)
def test_the_question_a_story_ends_with_is_answered_whatever_drug_the_story_names(
    bot: Bot, story: str, intent: str
) -> None:
    response = answer(bot, story)
    assert (response.status, response.intent) == ("answer", intent)
    assert "don't cover" in response.text  # the drug is still named as not covered


def test_a_question_that_leans_on_the_drug_in_the_story_is_not_read_alone(bot: Bot) -> None:
    """ "... can he take xofigo with them": them is the drugs the documents don't cover."""
    text = "he is on lupron and zytiga can he take xofigo with them"
    assert answer(bot, text).status == "fallback"


@pytest.mark.parametrize(
    "question",
    [
        "what is lupron",
        "docetaxel side effects",
        "where does your docetaxel information come from",
        "is jevtana immunotherapy",
    ],
)
def test_a_drug_the_documents_never_name_is_not_answered_about_itself(
    bot: Bot, question: str
) -> None:
    """Not its own story ("what is it"), nor Xofigo's side effects for a chemo's."""
    response = answer(bot, question)
    assert response.status == "fallback"
    assert "don't cover" in response.text


def test_allowed_says_nothing_about_which_answer_fits(bot: Bot) -> None:
    response = answer(bot, "is he allowed xofigo after his provenge")
    assert (response.status, response.intent) == ("answer", "sequencing_xofigo_after_provenge")


@pytest.mark.parametrize(
    "question",
    ["he already had xofigo, can he get provenge", "once the xofigo is done, can he get provenge"],
)
def test_provenge_after_xofigo_never_gets_the_answer_about_the_other_order(
    bot: Bot, question: str
) -> None:
    assert answer(bot, question).intent != "sequencing_xofigo_after_provenge"


def test_an_example_asked_word_for_word_is_answered(bot: Bot) -> None:
    """'What can you do' is an example of one intent; 'what are you' of a close sibling.
    Asked exactly, it is answered, not offered as a choice between the two."""
    response = answer(bot, "What can you do?")
    assert (response.status, response.intent) == ("answer", "smalltalk_capabilities")
    response = answer(bot, "what are you")  # ranked second on its scores alone
    assert (response.status, response.intent) == ("answer", "smalltalk_identity")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "He finished Provenge last spring. Now the bone scan shows more spots and they "
            "are talking about Xofigo. Is it OK to do radium after the provenge?",
            "sequencing_xofigo_after_provenge",
        ),
        (
            "The urologist gave us a pamphlet about Provenge but my dad lost it. Can you "
            "tell me what kind of drug it is?",
            "provenge_what_is",
        ),
        (
            "He had his Provenge infusion yesterday. Last night he had chills. Is that normal?",
            "provenge_side_effects",
        ),
        (
            "My husband was told his cancer is now castration resistant. We are lost. What "
            "does that mean?",
            "mcrpc_castration_resistance",
        ),
    ],
)
def test_a_story_that_ends_in_a_question_gets_that_question_answered(
    bot: Bot, text: str, intent: str
) -> None:
    response = answer(bot, text)
    assert (response.status, response.intent) == ("answer", intent)


def test_a_story_ending_in_an_uncovered_question_still_falls_back(bot: Bot) -> None:
    text = "Dad started Xofigo last week. The grandkids visit on Sunday. Can he hug them?"
    assert answer(bot, text).status == "fallback"


def test_a_story_ending_in_what_is_that_asks_about_what_the_story_named(bot: Bot) -> None:
    """Not about the bot ("what is that?" is close to "what are you?"): about mCRPC."""
    text = "Reading his discharge papers and it says 'mCRPC' next to diagnosis. What is that?"
    assert answer(bot, text).intent == "mcrpc_what_is"


@pytest.mark.parametrize(
    ("text", "intent", "symptom"),
    [
        (
            "dad has had a headache since his provenge infusion yesterday, is that from the drug",
            "provenge_side_effects",
            "headache",
        ),
        (
            "blood work came back with low counts after the xofigo injection, should we be "
            "worried is that the drug?",
            "xofigo_side_effects",
            "low blood counts",
        ),
    ],
)
def test_a_symptom_only_one_answer_lists_carries_a_long_question(
    bot: Bot, text: str, intent: str, symptom: str
) -> None:
    """Stories score low against short examples; a symptom that only one treatment's side
    effects name, with the rest of the question covered, is enough to answer."""
    response = answer(bot, text)
    assert (response.status, response.intent) == ("answer", intent)
    assert symptom in response.explanation.decision


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "a red rash came up on his back after the provenge, what else to expect",
            "provenge_side_effects",
        ),
        (
            "his hemoglobin was low after xofigo last month, could it be related",
            "xofigo_side_effects",
        ),
    ],
)
def test_a_symptom_told_after_a_treatment_asks_about_that_treatment(
    bot: Bot, text: str, intent: str
) -> None:
    """ "After" with one treatment tells when, not an order of two: the everyday words of the
    story around it are not held against the answer."""
    response = answer(bot, text)
    assert (response.status, response.intent) == ("answer", intent)


@pytest.mark.parametrize(
    "text",
    [
        "would it be better to have the provenge first and then xofigo or the other way round",
        "is there a right order for the vaccine and the radium shot or does it not matter",
    ],
)
def test_an_order_of_two_treatments_cut_in_two_by_or_is_one_question(bot: Bot, text: str) -> None:
    """ "X first and then Y, or the other way round" asks one order: its first half is no
    question of its own that the documents leave unanswered."""
    response = answer(bot, text)
    assert (response.status, response.intent) == ("answer", "sequencing_xofigo_after_provenge")


def test_words_that_tell_how_a_treatment_came_up_are_not_held_against_the_answer(
    bot: Bot,
) -> None:
    """ "Mentioned", "forgot", "exactly" tell the story around the ask, like any everyday
    word: the documents need not say them."""
    response = answer(bot, "what is xofigo exactly, the nurse mentioned it and i forgot")
    assert (response.status, response.intent) == ("answer", "xofigo_what_is")


def test_a_question_one_answer_covers_far_ahead_of_the_rest_is_answered(bot: Bot) -> None:
    """57 is under the answer threshold, but the references cover every word and the next
    answer is 27 points behind."""
    response = answer(bot, "could I read the actual research papers myself")
    assert (response.status, response.intent) == ("answer", "references_journals")
    assert "leads by" in response.explanation.decision


@pytest.mark.parametrize(
    "text",
    [
        "his feet",  # one word one intent happens to use is no question
        "he has chills and fever every evening, is it an infection",  # names no Provenge
        "Wife here. Husband is 72 with mcrpc. He got provenge. Now his back hurts a lot. "
        "Is that normal?",  # the mCRPC of the story's start is not what "that" is
    ],
)
def test_the_long_question_rules_do_not_answer_what_was_not_asked(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "answer"


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        ("which one causes nausea, provenge or xofigo", "side effects of Provenge", "of Xofigo"),
        ("side effects provenge vs xofigo, which is worse", "of Provenge", "of Xofigo"),
        ("whats the difference between provenge and xofigo", "What is Provenge?", "Xofigo?"),
        ("do both provenge and xofigo help men live longer", "benefits of", "benefits of"),
        # one ask of two treatments, in a story the example sentences do not know
        (
            "the cancer has not gone anywhere else, it is only in his prostate still. is "
            "provenge or xofigo meant for him?",
            "Who can get Provenge?",
            "Who can get Xofigo?",
        ),
    ],
)
def test_two_treatments_compared_get_both_answers_side_by_side(
    bot: Bot, question: str, first: str, second: str
) -> None:
    response = answer(bot, question)
    assert response.status == "answer"
    parts = response.text.split("\n\n")
    if "which is worse" in question:  # the documents never rank them: said first
        assert parts.pop(0).startswith("My documents don't rank")
    assert len(parts) == 2
    assert first in parts[0] or first in parts[1]
    assert second in parts[0] or second in parts[1]
    assert {s.document for s in response.sources} >= {"prostate-net"}
    assert "Provenge" in response.about and "Xofigo" in response.about


@pytest.mark.parametrize(
    "question", ["which is better, provenge or xofigo", "is xofigo stronger than provenge"]
)
def test_asking_which_is_better_is_told_the_documents_do_not_rank_them(
    bot: Bot, question: str
) -> None:
    response = answer(bot, question)
    note, *parts = response.text.split("\n\n")
    assert "don't rank Provenge (sipuleucel-T) and Xofigo (radium-223) against each" in note
    assert [p.splitlines()[0] for p in parts] == ["What is Provenge?", "What is Xofigo?"]
    assert "don't rank" not in answer(bot, "provenge vs xofigo").text


def test_a_comparison_reads_as_two_titled_parts(bot: Bot) -> None:
    response = answer(bot, "provenge vs xofigo")
    lines = plain(response, width=60).splitlines()
    assert lines[0].startswith("About: Provenge")
    first = lines.index("What is Provenge?")
    assert lines[lines.index("", first) + 1] == "What is Xofigo?"
    assert all(len(line) <= 60 for line in lines)
    assert {o.intent.split("_")[0] for o in response.follow_ups} == {"provenge", "xofigo"}


def test_which_first_after_a_list_of_treatments_asks_the_order_of_those_it_names(
    bot: Bot,
) -> None:
    _, response = ask(
        bot, "the hormone therapy stopped working, what are the options", "which first?"
    )
    assert response.intent == "sequencing_xofigo_after_provenge"


def test_a_story_that_ends_by_comparing_its_two_treatments_gets_both(bot: Bot) -> None:
    story = (
        "The hormone jabs stopped working last year. At his visit the nurse went over Provenge"
        " and Xofigo and we just nodded. What is the difference between them?"
    )
    response = answer(bot, story)
    parts = response.text.split("\n\n")
    assert [p.splitlines()[0] for p in parts] == ["What is Provenge?", "What is Xofigo?"]


@pytest.mark.parametrize(
    "question",
    [
        "can provenge and xofigo be given together",
        "can he have both provenge and xofigo",
        "can provenge and xofigo be combined or is one better",
    ],
)
def test_two_treatments_taken_together_are_not_a_comparison(bot: Bot, question: str) -> None:
    response = answer(bot, question)
    assert (response.status, response.intent) == ("answer", "sequencing_combining")


def test_one_ask_of_provenge_and_xofigo_is_never_split_into_each_ones_answer(bot: Bot) -> None:
    """ "Dangerous to get provenge and xofigo" may ask about having both: not read as the
    side effects of each, as "provenge or xofigo" would be."""
    response = answer(bot, "so is it dangerous to get provenge and xofigo, he has heart trouble")
    assert response.intent in (None, "sequencing_combining")


@pytest.mark.parametrize("question", ["can he have provenge and xofigo?", "provenge with xofigo?"])
def test_two_treatments_and_nothing_else_are_not_told_apart(bot: Bot, question: str) -> None:
    """It may ask about taking both: not 'what is each'."""
    response = answer(bot, question)
    assert "What is Xofigo?" not in response.text
    assert response.intent != "provenge_what_is"


def test_and_the_other_treatment_after_a_comparison_keeps_the_aspect(bot: Bot) -> None:
    _, response = ask(bot, "provenge vs xofigo side effects", "and xofigo?")
    assert (response.status, response.intent) == ("answer", "xofigo_side_effects")


def test_treatment_alone_gets_its_overview(bot: Bot) -> None:
    """'Xofigo?' and 'tell me about Provenge' ask what the treatment is."""
    assert answer(bot, "xofigo?").intent == "xofigo_what_is"
    assert answer(bot, "tell me about provenge").intent == "provenge_what_is"


def test_uncovered_question_about_known_drug_falls_back_with_offers(bot: Bot) -> None:
    """Costs and doses are not in the documents: say so and offer what is known."""
    for question in ("how much does xofigo cost", "what is the dose of radium 223"):
        response = answer(bot, question)
        assert response.status == "fallback", question
        assert "Xofigo" in response.text
        offered = [o.intent for o in response.options]
        assert "xofigo_what_is" in offered
        assert all(o.startswith(("xofigo", "resource")) for o in offered)


def test_out_of_scope_question_says_it_does_not_know(bot: Bot) -> None:
    response = answer(bot, "what is the weather like in paris tomorrow")
    assert response.status == "fallback"
    assert "care team" in response.text


def test_answers_carry_their_sources(bot: Bot) -> None:
    response = answer(bot, "what are the side effects of provenge")
    assert response.status == "answer"
    assert {s.publisher for s in response.sources} == {"Urology Care Foundation", "prostate.net"}


# ---------------------------------------------------------------- choices and context


def test_ambiguous_question_offers_numbered_choices_and_a_number_picks(bot: Bot) -> None:
    first, second = ask(bot, "side effects", "2")
    assert first.status == "clarify"
    assert len(first.options) >= 2
    assert second.status == "answer"
    assert second.intent == first.options[1].intent


def test_broad_question_close_to_the_overview_and_one_of_its_parts_gets_the_overview(
    bot: Bot,
) -> None:
    broad = answer(bot, "what support organizations are there")
    assert broad.status == "answer"
    assert broad.intent == "resources_overview"
    assert answer(bot, "what does us too do").intent == "resource_ustoo"


def test_follow_up_suggestion_is_picked_by_number(bot: Bot) -> None:
    first, second = ask(bot, "what is xofigo", "1")
    assert second.intent == first.follow_ups[0].intent


def test_number_without_choices_is_refused_politely(bot: Bot) -> None:
    response = answer(bot, "7")
    assert response.status == "fallback"
    assert "7" in response.text


def test_pronoun_follow_up_keeps_the_topic(bot: Bot) -> None:
    _, follow = ask(bot, "what is xofigo", "what are its side effects?")
    assert follow.intent == "xofigo_side_effects"


def test_pronoun_follow_up_never_moves_to_the_other_drug(bot: Bot) -> None:
    """Only Provenge's side effects list fever: 'does it cause fever?' after Xofigo is
    still about Xofigo: the documents do not list fever for it, and the side effects they
    list for Xofigo follow."""
    _, response = ask(bot, "tell me about xofigo", "does it cause fever")
    assert (response.status, response.intent) == ("fallback", "xofigo_side_effects")
    assert "do not list fever" in response.text
    assert "Provenge" not in response.text


def test_is_that_normal_after_an_answer_is_about_that_answer(bot: Bot) -> None:
    """It asks about the answer just given: that answer again, said to be all the
    documents say, so the fever the documents list is there to read."""
    _, last, response = ask(
        bot, "my dad had provenge", "he has a fever and chills", "is that from it?"
    )
    assert last.intent == "provenge_side_effects"
    assert (response.status, response.intent) == ("answer", "provenge_side_effects")
    assert response.text.startswith("That is what I just told you about")
    assert "fever" in response.text and "care team" in response.text


def test_a_new_ask_after_an_answer_never_gets_that_answer_again(bot: Bot) -> None:
    *_, response = ask(bot, "can I take Xofigo after Provenge", "who can get it")
    assert (response.status, response.intent) == ("answer", "xofigo_candidates")


def test_what_else_answers_what_the_last_answer_suggests_next(bot: Bot) -> None:
    turns = ask(bot, "what is provenge", "what else", "tell me more", "what else")
    assert [r.intent for r in turns[1:]] == [
        "provenge_how_it_works",
        "provenge_benefits",
        "provenge_side_effects",
    ]


def test_what_else_offers_the_rest_of_the_topic(bot: Bot) -> None:
    """Xofigo's side effects suggest nothing further on: a choice, never a circle."""
    _, response = ask(bot, "what are the side effects of xofigo", "what else")
    assert response.status == "clarify"
    offered = [o.intent for o in response.options]
    assert "xofigo_benefits" in offered and "xofigo_side_effects" not in offered


@pytest.mark.parametrize(
    ("first", "follow", "expected"),
    [
        ("what is xofigo", "what about the other one", "provenge_what_is"),
        ("side effects of provenge", "same question for xofigo", "xofigo_side_effects"),
        ("who can get xofigo", "n provenj?", "provenge_candidates"),
        ("how does provenge work", "ok thanks, and xofigo?", "xofigo_how_it_works"),
        ("benefits of xofigo", "okay so what about provenge", "provenge_benefits"),
    ],
)
def test_follow_ups_that_change_only_the_treatment(
    bot: Bot, first: str, follow: str, expected: str
) -> None:
    assert ask(bot, first, follow)[1].intent == expected


def test_and_other_drug_keeps_the_aspect(bot: Bot) -> None:
    _, other = ask(bot, "xofigo side effects", "and provenge?")
    assert other.intent == "provenge_side_effects"


def test_context_survives_an_out_of_scope_question(bot: Bot) -> None:
    *_, follow = ask(bot, "what is xofigo", "what is the weather today", "side effects?")
    assert follow.intent == "xofigo_side_effects"


def test_a_treatment_named_beside_a_feeling_stays_the_subject(bot: Bot) -> None:
    """The feeling gets its answer; 'it' in the next question is still the drug named."""
    feeling, follow = ask(bot, "im worried about him starting xofigo", "how does it work")
    assert feeling.intent == "resources_feelings"
    assert follow.intent == "xofigo_how_it_works"


def test_an_ask_the_conversations_topic_has_no_answer_for_goes_to_its_treatment(
    bot: Bot,
) -> None:
    """Immunotherapy has no answer about who can get it; Provenge, the immunotherapy the
    documents speak of, has."""
    _, follow = ask(bot, "what is immunotherapy", "he feels fine, no pain, could he qualify")
    assert follow.intent == "provenge_candidates"


@pytest.mark.parametrize("doubt", ["does it actually work", "will it work for him tho"])
def test_whether_it_works_asks_its_benefits_not_how_it_works(bot: Bot, doubt: str) -> None:
    _, follow = ask(bot, "what is xofigo", doubt)
    assert follow.intent == "xofigo_benefits"
    assert ask(bot, "what is xofigo", "how does it work")[1].intent == "xofigo_how_it_works"


def test_ok_after_an_answer_is_acknowledged_and_the_topic_kept(bot: Bot) -> None:
    """'ok' has no word that tells answers apart, but it is an example word for word."""
    _, ok, follow = ask(bot, "what is xofigo", "ok", "side effects?")
    assert (ok.status, ok.intent) == ("answer", "smalltalk_acknowledgement")
    assert follow.intent == "xofigo_side_effects"


@pytest.mark.parametrize(
    "text", ["i am not ok", "i dont understand", "he is not himself", "is that right"]
)
def test_distress_or_doubt_is_not_taken_for_ok(bot: Bot, text: str) -> None:
    assert answer(bot, text).intent != "smalltalk_acknowledgement"


def test_context_expires(bot: Bot) -> None:
    """After a few turns about other things the old topic no longer fills in."""
    turns = ["what is xofigo", "hello", "thanks", "what is the weather", "bye", "side effects?"]
    assert ask(bot, *turns)[-1].status != "answer"


def test_named_topic_overrides_context(bot: Bot) -> None:
    _, follow = ask(bot, "what is xofigo", "what are the side effects of provenge")
    assert follow.intent == "provenge_side_effects"


def test_pronoun_without_a_conversation_is_not_answered(bot: Bot) -> None:
    """'Its side effects' with nothing before it could mean either drug."""
    response, _ = respond(bot, Context(), "what are its side effects?")
    assert response.status != "answer"


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize(
    "text",
    [
        "I have chest pain right now",
        "my husband can't breathe",
        "he fainted in the kitchen",
        "sudden numbness in my legs",
        "i lost control of my bladder and my back hurts",
        "he is coughing up blood",
        "hes vomitting blood",
        "her face and throat are swelling",
        "i want to kill myself",
        "I don't want to live anymore",
        "dad went numb below the waist this afternoon",
        "he has wet himself twice today and his spine aches",
        "she says she can't feel when she has to pee",
        "he brought something up and there was blood in it",
        "he talks about swallowing all of his tablets",
        "my husband can't lift his left arm",
        "his words are jumbled and one side of his face looks wrong",
        "his speech is slurred",
        "he is weak down one side since lunch",
        "he swallowed a whole bottle of pills",
        "he has lost feeling in his legs",
        "there was blood in what he brought up",
        "his sick looks like coffee grounds",
        "it would be easier for everyone if I just ended it",
        "i have my pills saved up",
        "the family would be better off without me",
        "tightness in chest since the xofigo",
        "he threw up and it was full of blood",
        "he vomited something that looks like blood, should i be worried",
        "i feel like there's no point going on anymore",
        "i'd rather just go to sleep and not wake up",
        "I don't see the point of living with this cancer",
        "he keeps falling and his legs give out, he has bone mets",
        "my husband's breathing is really labored tonight",
        "he's so out of it i can barely wake him",
        "tight chest and pain going down my left arm, is it the xofigo",
        "i dont want to be here anymore. been thinking about ending it",
        "dad is confused, his mouth is crooked and he cant raise his arm",
        "since this afternoon i can't seem to get enough air",
        "he was sick this morning and what came up was bright red",
        "he says he has pain in the middle of his chest and he's sweaty, is this a side effect?",
        "im thinking of just taking all my pills at once and being done with it",
        "I think he is having a heart attack",
        "short of breth and his lips look blue",
        # A past event in a clause of its own does not hide the emergency before it.
        "he has chest pain, two years ago he had a bypass",
        "I have chest pain. In 2015 it was angina",
        "his chest hurts, same as 3 years ago",
        # Without punctuation, or with the symptom back now, a past event hides nothing.
        "he has chest pain 2 years ago he had a bypass",
        "chest pain in 2015 and now its back",
        "he had chest pain 2 years ago and now again",
        "i had a heart attack years ago and my chest hurts",
        "I think hes having a heart attack years ago he had one",
        "he passed out a year ago and again this morning",
        "he fainted 2 months ago and again just now",
    ],
)
def test_red_flags_are_urgent(bot: Bot, text: str) -> None:
    response = answer(bot, text)
    assert response.status == "urgent"
    assert "911" in response.text


def test_an_emergency_at_the_end_of_a_long_message_of_many_lines_is_caught(bot: Bot) -> None:
    text = "we have been so worried\n" * 800 + "he can not breathe"
    assert answer(bot, text).status == "urgent"


def test_red_flag_wins_inside_a_drug_question(bot: Bot) -> None:
    """Safety runs first: a matching intent cannot outscore an emergency."""
    assert answer(bot, "xofigo side effects, and I have chest pain").status == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "is fever after provenge normal?",
        "does xofigo cause diarrhea",
        "chills after provenge",
        "can provenge cause a headache",
        "is weakness a side effect of provenge",
        "does xofigo cause swelling",
        "he threw up and his blood counts are low after xofigo",
        "vomiting and low blood pressure after provenge, is that normal",
        # Blood, pills, not talking, wetting oneself: only the emergency itself is urgent.
        "will he feel sick when they collect his blood for provenge",
        "should i bring up his blood results with the oncologist",
        "he has a cough, could provenge affect his blood",
        "he has been vomiting, we had blood work done",
        "my dad fainted once years ago, can he still have provenge",
        "is there any point doing provenge",
        "he sleeps a lot after xofigo, is that normal",
        "should he take all his meds before the provenge infusion",
        "i can't talk to my husband about provenge without crying",
        "he can't raise his arm because of the bone pain in his shoulder",
        "can you overdose on xofigo",
        "since his prostate surgery he sometimes wets himself",
        "i want to end it with provenge and start xofigo",
        "would it be better for my family if i skip xofigo",
        "we saved the leaflet about provenge",
        "should we end it, the provenge is not working",
        "he threw up after xofigo and then had his blood drawn",
        "i do not want to be here in the hospital all day for provenge",
        "he cant raise his arm above his head because of the bone pain",
        "I had a heart attack five years ago, can I still have Provenge?",
        "he had a heart attack in 2019, is xofigo safe for him",
        "can i take all my pills at once in the morning",
        "he had chest pain two years ago, can he have xofigo",
        "back in 2015 he had chest pain that turned out to be reflux, does it matter for xofigo",
        "my dad fainted once about ten years ago, could that be a problem for provenge",
        "he can't raise his arm, because of the bone pain in his shoulder",
        "since his prostate surgery, he sometimes wets himself",
    ],
)
def test_side_effect_questions_are_not_emergencies(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "urgent"


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 1_000_000, "\x1b[31mxofigo\x1b[0m", "😀😀 xofigo 😀", "\udcff\udcfe", "?!?!"],
)
def test_odd_input_never_breaks(bot: Bot, text: str) -> None:
    response = answer(bot, text)
    assert response.status in ("answer", "clarify", "fallback", "urgent")
    assert "\x1b" not in response.text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_response(text: str) -> None:
    bot = _shared_bot()
    response, context = respond(bot, Context(), text)
    assert response.status in ("answer", "clarify", "fallback", "urgent")
    assert isinstance(context, Context)


_BOT: list[Bot] = []


def _shared_bot() -> Bot:
    if not _BOT:
        _BOT.append(Bot.build(load_knowledge(ROOT / "intents")))
    return _BOT[0]


def test_same_input_same_output_every_run(tmp_path: Path) -> None:
    """Two separate processes answer a conversation identically, byte for byte."""
    questions = "\n".join(
        ["side efects of xofgio?", "and provenge?", "side effects", "2", "how much is it"]
    )
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path), "PYTHONHASHSEED": "random"}
    runs = [
        subprocess.run(
            [sys.executable, "-m", "chatbot", "ask", "--json"],
            input=questions,
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=ROOT,
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert len([json.loads(line) for line in runs[0].splitlines()]) == 5


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe side effects of \xc3 xofigo\n", b"a" * 1_000_000 + b"\n", b"\x1b[2J\x07\n", b"\n"],
    ids=["invalid utf-8", "1 MB line", "escape sequences", "empty line"],
)
def test_ask_reads_any_bytes_without_a_traceback(tmp_path: Path, data: bytes) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chatbot", "ask", "--json"],
        input=data,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path)},
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    reply = json.loads(result.stdout.decode("utf-8").splitlines()[0])
    assert reply["status"] in ("answer", "clarify", "fallback")
    assert "\x1b" not in reply["answer"]


def test_same_q_for_another_treatment_keeps_the_ask(bot: Bot) -> None:
    _, response = ask(bot, "what are the side effects of xofigo", "same q for provenge")
    assert response.intent == "provenge_side_effects"


def test_a_new_ask_whose_best_answer_was_just_given_gets_that_asks_answer(bot: Bot) -> None:
    """ "Is there a study on that" after taking both together: the research on it, not
    the same answer again, nor a word that there is no more."""
    _, response = ask(bot, "can he take provenge and xofigo together", "is there a study on that")
    assert (response.status, response.intent) == ("answer", "sequencing_research")


def test_a_condition_asked_later_is_asked_of_the_treatment_talked_about(bot: Bot) -> None:
    """ "What if it spreads to his liver" after Provenge asks who Provenge is for; the
    spreading only tells the condition, and Provenge has no answer about it anyway."""
    _, response = ask(bot, "what is provenge", "what if it spreads to his liver")
    assert response.intent == "provenge_candidates"


def test_which_of_those_asks_of_each_treatment_the_last_answer_named(bot: Bot) -> None:
    _, response = ask(
        bot,
        "the hormone jabs stopped working, what can we try now",
        "which of those suits a man with no symptoms",
    )
    for intent in ("provenge_candidates", "xofigo_candidates"):
        assert bot.knowledge.intent(intent).title in response.text


def test_both_together_asks_of_the_treatments_the_conversation_named(bot: Bot) -> None:
    """After Provenge, then Xofigo: "both together" is the two of them, not Xofigo with
    chemotherapy; after Xofigo with chemotherapy, it goes on with chemotherapy."""
    *_, response = ask(
        bot, "he finished provenge in the spring", "is xofigo for him", "can he have both at once"
    )
    assert response.intent == "sequencing_combining"
    _, _, response = ask(bot, "what is xofigo", "can he have it with chemo", "what about together")
    assert response.intent == "xofigo_chemotherapy"
