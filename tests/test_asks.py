"""Messages that ask several things, or ask in words of their own: each ask is answered,
what the documents don't say is named, and feelings are met with support."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge
from chatbot.matcher import Candidate
from chatbot.overrule import agreeing
from chatbot.question_frame import Frame

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


def reply(bot: Bot, question: str, context: Context | None = None) -> Response:
    return respond(bot, context or Context(), question)[0]


def titles(bot: Bot, response: Response) -> list[str]:
    """The titles of the intents whose answers the reply holds, in order."""
    found = [(response.text.find(i.title), i.title) for i in bot.knowledge.intents]
    return [title for at, title in sorted(found) if at >= 0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is xofigo and who can get it", ["What is Xofigo?", "Who can get Xofigo?"]),
        (
            "benefits and side effects of provenge?",
            ["What are the benefits of Provenge?", "What are the side effects of Provenge?"],
        ),
        (
            "How does Provenge work? What are the side effects?",
            ["How does Provenge work?", "What are the side effects of Provenge?"],
        ),
        (
            "how does xofigo work who can get it",
            ["How does Xofigo work?", "Who can get Xofigo?"],
        ),
        (
            "pros n risks of the radium shot",
            ["What are the benefits of Xofigo?", "What are the side effects of Xofigo?"],
        ),
    ],
)
def test_every_ask_of_a_message_is_answered_under_its_title(
    bot: Bot, question: str, expected: list[str]
) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert titles(bot, response) == expected
    assert response.sources


def test_an_ask_the_documents_do_not_answer_is_named_beside_the_answer(bot: Bot) -> None:
    response = reply(bot, "how does provenge work and how much does it cost?")
    assert response.status == "answer"
    assert response.intent == "provenge_how_it_works"
    assert "prices or costs" in response.text
    assert "don't answer that" in response.text


def test_a_dose_asked_beside_a_question_is_declined_by_name(bot: Bot) -> None:
    response = reply(bot, "what is xofigo and what dose does he get")
    assert response.intent == "xofigo_what_is"
    assert "doses or dosing schedules" in response.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can he take xofigo and provenge together", "sequencing_combining"),
        ("what are the side effects like nausea and vomiting with xofigo", "xofigo_side_effects"),
        ("thanks, and what is provenge", "provenge_what_is"),
    ],
)
def test_one_ask_in_several_parts_gets_one_answer(bot: Bot, question: str, expected: str) -> None:
    response = reply(bot, question)
    assert (response.status, response.intent) == ("answer", expected)
    assert len(titles(bot, response)) <= 1


def test_a_worry_told_beside_an_unanswered_question_does_not_hide_it(bot: Bot) -> None:
    response = reply(bot, "Can prostate cancer be passed down? I am worried about my boys.")
    assert response.status == "fallback"


@pytest.mark.parametrize(
    "feeling",
    [
        "im scared",
        "I feel so alone",
        "i am so worried about my husband",
        "will i die",
        "we are so afraid",
        "honestly im angry. he ignored his psa for yrs n now this",
        "I don't want to die I got grandkids",
        # a negated "can't" or "don't" tells, it asks nothing
        "i feel so guilty i work nights n cant be there for his infusions",
        "cant stop worrying, up all night reading forums",
        "i keep googling stuff at 3am and panicking",
        # a feeling told "about it" asks no definition
        "my son does all the driving now and I feel terrible about it",
        # a feeling told with news, not a question about the news
        "so scared, they told us the hormone therapy quit working",
        # a word of tiredness beside a feeling is the feeling, with no treatment named
        "im worn out and so angry with everyone lately",
        # a question about the feeling itself
        "is it normal to feel guilty all the time",
        # the words people use for how it weighs on them
        "my brother doesn't understand what we're going through with this",
        "I feel like I'm failing her, theres never enough time",
        # a treatment named beside a feeling "about it" asks no definition
        "the radium one has me so anxious, I lie awake worrying about it",
        "im powerless to help him",
        "i am at my wits end with all of this",
        "i keep falling apart when hes asleep",
        # a question about the feeling, cut from the feeling told beside it
        "is it normal that i snap at my husband. i feel so bad afterwards",
    ],
)
def test_feelings_are_met_with_support_not_a_definition(bot: Bot, feeling: str) -> None:
    response = reply(bot, feeling)
    assert response.intent == "resources_feelings"
    text = response.text
    assert "support group" in text and "care team" in text


def test_a_word_of_feeling_in_a_plain_question_is_not_a_feeling(bot: Bot) -> None:
    assert reply(bot, "what is provenge like").intent == "provenge_what_is"
    assert reply(bot, "whats the weather like tomorrow").status == "fallback"


def test_tiredness_with_no_feeling_said_still_tells_of_side_effects(bot: Bot) -> None:
    assert reply(bot, "he is just tired all the time since provenge").intent != "resources_feelings"


def test_the_frame_of_a_question_is_shown_by_why(bot: Bot) -> None:
    response = reply(bot, "is the radium shot harsh")
    assert response.intent == "xofigo_side_effects"
    assert "subjects: xofigo" in response.explanation.frame
    assert "asks: side_effects" in response.explanation.frame


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is the radioactive shot", "xofigo_what_is"),
        ("tell me about the prostate vaccine", "provenge_what_is"),
    ],
)
def test_lay_names_of_the_treatments_are_understood(bot: Bot, question: str, expected: str) -> None:
    assert reply(bot, question).intent == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "is there anything for family members who look after someone with this",
            "resource_caregiver_action_network",
        ),
        ("where can I talk to other guys going through the same", "resource_ustoo"),
    ],
)
def test_help_is_found_in_everyday_words(bot: Bot, question: str, expected: str) -> None:
    assert reply(bot, question).intent == expected


def test_a_long_paste_is_answered_on_its_question_wherever_it_stands(bot: Bot) -> None:
    story = "He was diagnosed four years ago and has had many treatments since. " * 12
    response = reply(bot, story + "What are the side effects of Xofigo? Thanks for reading.")
    assert len(story) > 500
    assert (response.status, response.intent) == ("answer", "xofigo_side_effects")
    assert response.text.startswith("Your message was long")
    assert "What are the side effects of Xofigo" in response.text


def test_a_price_is_declined_by_name_and_offers_help_with_co_pays(bot: Bot) -> None:
    response = reply(bot, "how much does provenge cost")
    assert response.status == "fallback"
    assert "prices or costs" in response.text
    offered = [o.intent for o in response.options]
    assert offered[0] == "resource_pan_foundation"


def test_a_topic_named_in_a_word_gets_a_choice_not_i_dont_know(bot: Bot) -> None:
    response = reply(bot, "research")
    assert response.status == "clarify"
    assert len(response.options) >= 2


def test_a_worry_about_money_gets_the_help_with_money(bot: Bot) -> None:
    """The feeling is met by the help the documents name for what is told beside it."""
    response = reply(bot, "we are drowning in hospital bills and im scared we will lose the house")
    assert response.intent == "resource_patient_advocacy_foundation"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("wat r provenge benefits thx", "provenge_benefits"),  # thanks is no content
        ("what does provenge do to your blood pressure question mark", "provenge_side_effects"),
        ("whats the deal with that prostate vaccine", "provenge_what_is"),  # overview
        ("will the immune treatment buy him more time", "provenge_benefits"),
        ("what is the radium actually supposed to do for my bones", "xofigo_benefits"),
        ("what does the vaccine do to your body", "provenge_side_effects"),
        ("my dad is an old guy with no symptoms, can he get provenge", "provenge_candidates"),
        ("uh is the radium one hard on you, do the fellas tolerate it okay", "xofigo_side_effects"),
        # words the knowledge base never uses tell the story around a subject and an ask
        ("will provenge give him more time to see the nephews", "provenge_benefits"),
        ("is xofigo rough on a fella, hes a stubborn old mule", "xofigo_side_effects"),
        ("he starts provenge next month, whats that", "provenge_what_is"),  # a date, no order
        ("does the immune treatment stretch out a mans life", "provenge_benefits"),
        ("what does xofigo do to the cancer", "xofigo_how_it_works"),
        # a treatment told by what it does, then a question that leans on it
        (
            "that treatment using his own bodys defenses, what will it make him feel like",
            "provenge_side_effects",
        ),
    ],
)
def test_the_frame_reads_past_filler_and_story_words(
    bot: Bot, question: str, expected: str
) -> None:
    response = reply(bot, question)
    assert (response.status, response.intent) == ("answer", expected)


@pytest.mark.parametrize(
    "question",
    [
        "will provenge lower my psa",  # names a subject, asks what the documents don't say
        "what happens if he misses a provenge appointment",
        "what is the half life of radium 223",
        "is provenge hard on the kidneys",
        # a thing named after "with", "has" or "near" is what is asked, not the telling
        "can he get xofigo if he has lupus",
        "is provenge okay with metformin",
        "any provenge studies near tucson",
    ],
)
def test_a_subject_with_an_ask_the_documents_do_not_answer_is_declined(
    bot: Bot, question: str
) -> None:
    assert reply(bot, question).status == "fallback"


def test_a_story_is_answered_on_the_question_it_ends_with(bot: Bot) -> None:
    """The story is the telling; its treatments stand in for a question that names none."""
    story = (
        "Bob finished his Provenge infusions in the spring. Now the scan shows more spots in "
        "his bones and the doctor brought up Xofigo. Can he even have it after Provenge or "
        "does one rule out the other?"
    )
    response = reply(bot, story)
    assert (response.status, response.intent) == ("answer", "sequencing_xofigo_after_provenge")
    assert "last question" in response.explanation.decision


@pytest.mark.parametrize(
    ("story", "expected", "drug"),
    [
        (
            "He has been on Eligard for two years. The scan now shows spots in his spine. "
            "His doctor brought up Xofigo. Who is it for?",
            "xofigo_candidates",
            "Eligard",
        ),
        (
            "my dad's on firmagon. his psa keeps climbing. what are the side effects of provenge?",
            "provenge_side_effects",
            "Firmagon",
        ),
    ],
)
def test_a_drug_told_in_the_story_does_not_stop_its_question_being_answered(
    bot: Bot, story: str, expected: str, drug: str
) -> None:
    """The drug is named at the end as one the documents don't cover."""
    response = reply(bot, story)
    assert (response.status, response.intent) == ("answer", expected)
    assert drug in response.text.split("\n\n")[-1]


def test_a_question_about_a_subject_told_in_the_story_is_still_declined(bot: Bot) -> None:
    assert reply(bot, "my brother has lung cancer. can he get provenge too?").status == "fallback"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "should he get the radium shot now that the hormone shots quit working",
            "xofigo_candidates",
        ),
        ("could i get provenge if the hormones stopped working", "provenge_candidates"),
        ("can he get xofigo after provenge", "sequencing_xofigo_after_provenge"),
    ],
)
def test_whether_he_can_get_a_treatment_asks_who_it_is_for(
    bot: Bot, question: str, expected: str
) -> None:
    assert reply(bot, question).intent == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("is xofigo safe", "xofigo_side_effects"),
        ("is zo figo safe", "xofigo_side_effects"),
        ("is the radium shot dangerous", "xofigo_side_effects"),  # not "...with chemo"
        ("how risky is xofigo", "xofigo_side_effects"),  # not how it works
        ("is xofigo safe with chemo", "xofigo_chemotherapy"),
    ],
)
def test_a_question_that_is_only_a_subject_and_an_ask_gets_that_answer(
    bot: Bot, question: str, expected: str
) -> None:
    """Examples about its safety with chemotherapy or after Provenge don't outvote it."""
    assert reply(bot, question).intent == expected


def test_chat_words_around_a_clear_question_do_not_hide_it(bot: Bot) -> None:
    response = reply(bot, "feeling ok rn, no aches. is provenge still an option for a guy like me")
    assert response.intent == "provenge_candidates"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "What is Xofigo, who is it for, and is it safe with chemo?",
            ["What is Xofigo?", "Who can get Xofigo?", "Can Xofigo be given with chemotherapy?"],
        ),
        (
            "side effects of both provenge n xofigo pls",
            ["What are the side effects of Provenge?", "What are the side effects of Xofigo?"],
        ),
        (
            "whats the difference between provenge and xofigo and can i get both",
            ["What is Provenge?", "What is Xofigo?", "Can Provenge and Xofigo be combined?"],
        ),
        (
            # a short part is its ask, of the one treatment the message names
            "what is provenge and what should we look out for",
            ["What is Provenge?", "What are the side effects of Provenge?"],
        ),
        (
            "diff btwn xofigo n provenge",
            ["What is Provenge?", "What is Xofigo?"],
        ),
    ],
)
def test_every_part_of_a_compound_question_is_answered(
    bot: Bot, question: str, expected: list[str]
) -> None:
    response = reply(bot, question)
    assert response.status == "answer"
    assert titles(bot, response) == expected


@pytest.mark.parametrize(
    "question",
    [
        "can you have provenge and chemotherapy at the same time",  # one ask, not cut
        "is it ok to combine immunotherapy and chemo for prostate cancer",
    ],
)
def test_an_order_or_a_combination_is_never_cut(bot: Bot, question: str) -> None:
    response = reply(bot, question)
    assert response.intent != "sequencing_combining"  # chemo, not Xofigo, goes with it
    assert len(titles(bot, response)) <= 1


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("his hemoglobin came back low after xofigo, related?", "xofigo_side_effects"),
        ("can u get xofigo n chemo 2gether", "xofigo_chemotherapy"),
    ],
)
def test_after_or_together_with_one_treatment_tells_when_not_an_order(
    bot: Bot, question: str, expected: str
) -> None:
    response = reply(bot, question)
    assert (response.status, response.intent) == ("answer", expected)


def test_an_activity_asked_safe_after_a_treatment_is_not_its_side_effects(bot: Bot) -> None:
    response = reply(bot, "is it safe to share a toilet with my husband after his radium shot")
    assert response.status == "fallback"


def test_help_for_anyone_is_not_bound_to_the_treatment_talked_about(bot: Bot) -> None:
    """ "for this" points back to Xofigo, but co-pay help is help for anyone."""
    _, after = respond(bot, Context(), "what is xofigo")
    response = reply(bot, "r there orgs that help w/ copays 4 this", after)
    assert response.status == "answer"
    assert "PAN Foundation" in response.text and "Xofigo" not in response.text


def test_close_choices_of_one_topic_get_its_overview(bot: Bot) -> None:
    response = reply(bot, "where do i find a support group")
    assert (response.status, response.intent) == ("answer", "resources_overview")


def test_of_close_answers_the_one_that_fits_the_ask_put_in_words_is_given(bot: Bot) -> None:
    """Between the research on order and the list of treatments, a question that asks
    for research gets the research; the disease's own sides are no asks to choose by."""
    close = (Candidate("sequencing_research", 67.0, ""), Candidate("mcrpc_treatments", 60.0, ""))
    asks_research = Frame(subjects=(), asks=("research",), uncovered=(), ignored=(), questions=True)
    assert agreeing(bot, asks_research, close) == close[0]
    asks_order = Frame(subjects=(), asks=("sequencing",), uncovered=(), ignored=(), questions=True)
    assert agreeing(bot, asks_order, close) is None
    disease = (
        Candidate("mcrpc_castration_resistance", 65.0, ""),
        Candidate("mcrpc_treatments", 53.0, ""),
    )
    asks_how = Frame(subjects=(), asks=("how_it_works",), uncovered=(), ignored=(), questions=True)
    assert agreeing(bot, asks_how, disease) is None


@pytest.mark.parametrize(
    "question",
    [
        "what are my options now",
        "is there any other treatment for him now the hormone jabs have stopped working",
        "what could they try next for my dad",
    ],
)
def test_what_can_be_done_once_hormones_fail_names_the_treatments(bot: Bot, question: str) -> None:
    response = reply(bot, question)
    assert response.intent == "mcrpc_treatments"
    assert "Provenge" in response.text and "Xofigo" in response.text


@pytest.mark.parametrize(
    "question",
    [
        "well what is the zofigo stuff the nurse went on about",
        "um so what exactly is this radium two twenty three thing they keep bringing up",
    ],
)
def test_what_a_treatment_is_asked_before_a_story_of_it_is_its_overview(
    bot: Bot, question: str
) -> None:
    """A filler opening is no part of its own; the words after the subject tell of it."""
    assert reply(bot, question).intent == "xofigo_what_is"
    assert reply(bot, "what is the half life of xofigo").status == "fallback"


def test_the_words_of_an_ask_said_as_written_count_against_no_answer(bot: Bot) -> None:
    """'handle it' asks how hard a treatment is on the body; 'handle' is in no example."""
    response = reply(bot, "the immune treatment, do most guys handle it ok")
    assert response.intent == "provenge_side_effects"


def test_an_ask_the_named_treatment_has_no_answer_for_gives_way(bot: Bot) -> None:
    """Xofigo has no answer about the cancer spreading: "spread" tells who it is for."""
    question = "its spread to his lungs and lymph nodes now, not the bones. is xofigo for him"
    assert reply(bot, question).intent == "xofigo_candidates"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("he hurts all over now, would that rule out provenge", "provenge_candidates"),
        ("is it too late for xofigo", "xofigo_candidates"),
    ],
)
def test_whether_something_rules_a_treatment_out_asks_who_it_is_for(
    bot: Bot, question: str, expected: str
) -> None:
    assert reply(bot, question).intent == expected


def test_a_past_illness_the_documents_never_mention_is_not_read_as_a_candidacy(
    bot: Bot,
) -> None:
    response = reply(bot, "had a heart attack years back, can i still get provenge")
    assert response.status == "fallback"


def test_the_one_ask_put_in_words_outweighs_examples_of_another_side(bot: Bot) -> None:
    """'only for' asks who Xofigo is for; the examples' words ("bones", "go after the
    cancer") lean to how it works."""
    question = "is the radium shot only for the bones or does it go after the cancer anywhere"
    assert reply(bot, question).intent == "xofigo_candidates"
    assert reply(bot, "is there a trial of provenge plus xofigo").intent == "sequencing_combining"


def test_a_story_told_with_a_scan_and_the_oncologist_still_gets_its_question_answered(
    bot: Bot,
) -> None:
    """'ct', 'onc', 'somewhere' tell the story; they ask nothing the documents leave out."""
    question = "the ct found spots in his liver too, now the onc says no xofigo. why is that"
    assert reply(bot, question).intent == "xofigo_candidates"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("my doc said radium 223 and i dont really know what that is", "xofigo_what_is"),
        ("can you tell me what it is, this provenge my doctor mentioned", "provenge_what_is"),
        ("will xofigo stop me breaking my bones", "xofigo_benefits"),  # "breaking bones"
    ],
)
def test_what_a_thing_is_asked_in_a_clause_and_a_phrase_said_with_an_owner(
    bot: Bot, question: str, intent: str
) -> None:
    assert reply(bot, question).intent == intent


def test_what_it_does_beside_another_ask_is_answered_too(bot: Bot) -> None:
    """ "What it does" is an ask of its own, not only the way a question is put ("what
    is the risk")."""
    response = reply(bot, "about the radium shot, i want to know what it does and if its safe")
    assert titles(bot, response) == ["What is Xofigo?", "What are the side effects of Xofigo?"]


def test_a_part_that_tells_with_its_subject_said_before_asks_nothing(bot: Bot) -> None:
    """ "...and can barely get out of bed" tells of him; the story's question is asked."""
    question = (
        "he is on pain pills and can barely get out of bed. his friend got provenge and did"
        " great. could he get it too?"
    )
    assert reply(bot, question).intent == "provenge_candidates"


def test_a_part_that_names_a_term_of_its_own_is_answered_in_a_compound(bot: Bot) -> None:
    """ "Is there something for my wife, she's taking care of me" names the caregiver: an
    ask of its own, not a part that leans on the story ("is that from the drug")."""
    response = reply(
        bot,
        "is there a support group around here and is there something for my wife too"
        " she's taking care of me",
    )
    assert titles(bot, response) == [
        "How can I find a support group?",
        "Where can caregivers get help?",
    ]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "still" changes nothing a way of asking asks
        ("he is in a lot of pain most days, can he still have xofigo", "xofigo_candidates"),
        ("would the doctors give him provenge if he has no symptoms", "provenge_candidates"),
        ("is the immune treatment something for a man like my dad", "provenge_candidates"),
        ("his psa is rising but nothing has spread, is xofigo for him", "xofigo_candidates"),
        # what it does for the bones, in everyday words
        ("will the radium shot stop his bones from cracking", "xofigo_benefits"),
        # side effects in everyday words
        ("is provenge hard to put up with", "provenge_side_effects"),
        ("does xofigo upset your stomach", "xofigo_side_effects"),
        ("my knees and joints have been aching since the provenge", "provenge_side_effects"),
        # "what's it do" asks what "what does it do" asks
        ("provenge, what's it do for you", "provenge_benefits"),
        # sex in the words people use for it
        ("who can we see about bedroom problems since his treatment", "resource_aasect"),
        ("will the radium shot knock me flat for a week", "xofigo_side_effects"),
        ("could my low blood counts be linked to xofigo", "xofigo_side_effects"),
        ("does xofigo keep the bones in his back from getting crushed", "xofigo_benefits"),
        # "does that mean" asks what follows, not what a thing is
        (
            "my psa keeps rising on hormone therapy, does that mean provenge is off the table",
            "provenge_candidates",
        ),
        # what is left, with no treatment named: the disease's answer
        ("the testosterone blocking drugs quit working, what is left to try", "mcrpc_treatments"),
        ("if it has only gone to his bones which of the two suits him", "mcrpc_treatments"),
        # whether a treatment is a kind of another, however the kind is typed
        ("is provenge some sort of kimo", "provenge_what_is"),
        ("is radium 223 a radiation treatment", "xofigo_what_is"),
        ("is provenge a kind of chemo or something else", "provenge_what_is"),
        # what it is, asked last of the treatment a story named
        (
            "my neighbour's grandson got a leaflet about xofigo what is that exactly",
            "xofigo_what_is",
        ),
        # feelings told, with or without a question
        ("my wife is nervous about me starting provenge", "resources_feelings"),
        ("is it normal to feel angry after every scan", "resources_feelings"),
        ("he will not talk about it and i do not know how to help", "resources_feelings"),
        (
            "nobody at work understands what i am dealing with and i feel so alone",
            "resources_feelings",
        ),
        # words of strength or focus say nothing of the answer
        ("our copays are insane, is there help", "resource_pan_foundation"),
        # two names of one treatment: what it is
        ("is the prostate cancer vaccine the same thing as sipuleucel t", "provenge_what_is"),
        # a condition told, then the question of the sentence
        ("he has no pain to speak of, is xofigo for men like him", "xofigo_candidates"),
        (
            "he can hardly get out of bed these days, would provenge still work for him",
            "provenge_candidates",
        ),
    ],
)
def test_asks_in_everyday_words(bot: Bot, question: str, expected: str) -> None:
    assert reply(bot, question).intent == expected


def test_a_treatment_named_inside_an_uncovered_ask_is_the_subject_of_the_rest() -> None:
    """ "how much does xofigo cost" is a price, which the documents don't give, and it
    names Xofigo for the part after it."""
    bot = Bot.build(load_knowledge(ROOT / "intents"))
    response = reply(bot, "how much does xofigo cost and who is it meant for")
    assert (response.status, response.intent) == ("answer", "xofigo_candidates")
    assert "prices or costs" in response.text


@pytest.mark.parametrize(
    "question",
    [
        "could you explain the difference between xofigo and provenge in simple words",
        "please tell me what's different between provenge and xofigo",
    ],
)
def test_the_difference_asked_politely_is_what_each_one_is(bot: Bot, question: str) -> None:
    response = reply(bot, question)
    assert sorted(titles(bot, response)) == ["What is Provenge?", "What is Xofigo?"]


def test_or_both_asks_of_each_not_of_taking_both(bot: Bot) -> None:
    response = reply(
        bot,
        "my dad's cancer is in his bones and the hormone pills stopped working,"
        " would he qualify for provenge or xofigo or both",
    )
    held = titles(bot, response)
    assert "Who can get Provenge?" in held and "Who can get Xofigo?" in held
    combining = bot.knowledge.intent("sequencing_combining").title
    assert combining not in held


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("can he still get it", ("candidates",)),  # between the one who asks and the asking
        # a condition of who a treatment is for, as "stopped working" is; not "is it
        # working": a benefit
        ("is his hormone therapy still working", ("candidates",)),
    ],
)
def test_still_is_set_aside_only_where_it_changes_nothing(
    bot: Bot, question: str, asks: tuple[str, ...]
) -> None:
    analysis = bot.matcher.analyze(question)
    assert bot.aspects_asked(analysis.content, analysis.canonical) == asks


@pytest.mark.parametrize(
    "question", ["benefits of provenge and xofigo", "side effects of both, xofigo and provenge"]
)
def test_one_ask_of_two_treatments_gets_each_ones_answer(bot: Bot, question: str) -> None:
    """Not the answer about taking them together, which the examples might choose."""
    held = titles(bot, reply(bot, question))
    assert len(held) == 2
    assert bot.knowledge.intent("sequencing_combining").title not in held


def test_a_clarify_none_of_whose_options_answers_the_ask_put_in_words_is_settled(
    bot: Bot,
) -> None:
    """The words that tell of the treatment ("for spread to the bones") bring up who it is
    for; "rough on you" is what is asked."""
    response = reply(bot, "is the radiation shot for spread to the bones rough on you")
    assert (response.status, response.intent) == ("answer", "xofigo_side_effects")


def test_it_in_a_later_part_is_the_treatment_asked_about_first(bot: Bot) -> None:
    """ "after provenge" and "with chemo" name what Xofigo is taken after or with."""
    response = reply(
        bot, "what is xofigo, can he have it after provenge, and can he have it with chemo"
    )
    held = titles(bot, response)
    for intent in ("xofigo_what_is", "sequencing_xofigo_after_provenge", "xofigo_chemotherapy"):
        assert bot.knowledge.intent(intent).title in held
    assert bot.knowledge.intent("provenge_chemotherapy").title not in held


def test_does_that_mean_asks_no_meaning(bot: Bot) -> None:
    analysis = bot.matcher.analyze("does that mean xofigo could be next")
    assert "what_is" not in bot.aspects_asked(analysis.content, analysis.canonical)
    analysis = bot.matcher.analyze("castration resistant, what does that mean")
    assert "what_is" in bot.aspects_asked(analysis.content, analysis.canonical)


def test_one_treatment_the_same_as_another_is_what_each_one_is(bot: Bot) -> None:
    held = titles(bot, reply(bot, "is xofigo the same as provenge"))
    assert sorted(held) == ["What is Provenge?", "What is Xofigo?"]
