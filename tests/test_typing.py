"""Questions typed the way people really type: chat spellings, dictation, split and
misheard drug names, slips in short words. Each is answered as its plain form is."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.dialogue import Bot, Context, respond
from chatbot.loader import load_knowledge
from chatbot.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


def intent(bot: Bot, question: str) -> str | None:
    response, _ = respond(bot, Context(), question)
    return response.intent if response.status == "answer" else response.status


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("wat r the side effects 4 him", "what are the side effects for him"),
        ("wat shud we watch 4", "what should we watch for"),
        ("stage 4 n gleason 4 plus 3", "stage 4 and gleason 4 plus 3"),  # numbers stay
        ("i took 4 instead of 1", "i took 4 instead of 1"),
        ("what does it do question mark", "what does it do"),  # dictated punctuation
        ("tell me about it comma how long", "tell me about it how long"),
        ("is it sumthin else", "is it something else"),
        ("it ain't working, it aint", "it is not working it is not"),
        ("what's it do for him", "what does it do for him"),  # not "what is it"
        ("what's it called", "what is it called"),
        ("radium to twenty three", "radium 223"),  # a phone's "to" for "two"
        ("is it ok b4 chemo w/ provenge", "is it ok before chemo with provenge"),
        ("shud he take it n when", "should he take it and when"),
        ("thx u so much", "thanks you so much"),
        ("radium two twenty three", "radium 223"),
        ("radium two hundred and twenty three", "radium 223"),
        ("radium two two three", "radium 223"),
        ("how dose xofigo work", "how does xofigo work"),
        ("dose it hurt", "does it hurt"),
        ("can they be given 2gether rn tho", "can they be given together right now though"),
        ("dx 3 yrs ago", "diagnosis 3 years ago"),
        ("can they b combined", "can they be combined"),
        ("no symptoms tbh", "no symptoms to be honest"),
        ("his onc said no", "his oncologist said no"),
        ("the copays are killing us, any help", "the copays any help"),  # a figure of speech
        ("any side fx w xofigo", "any side effects with xofigo"),
        ("support grps 4 dads", "support groups 4 dads"),  # "4" stays a digit here
        ("what dose radium 223 really do", "what does radium 223 really do"),
        ("what dose xo figo do", "what does xo figo do"),
        ("hes in alot of pain, kinda scared", "he is in a lot of pain kind of scared"),
        ("why dose the immune one take so long", "why does the immune one take so long"),
        ("when dose sip you leucel start", "when does sip you leucel start"),  # any name
        ("is there nething 4 families", "is there anything for families"),
        ("a group nr us", "a group near us"),
        ("which one 1st n which 2nd", "which one first and which second"),
        ("what benifits dose xofigo give", "what benifits does xofigo give"),
        (
            "how long will the radium add to his life",
            "how much time will the radium add to his life",
        ),
        ("how long does it take to add up", "how long does it take to add up"),  # a time span
        ("whos it for n hows it given", "who is it for and how is it given"),
        ("is the vaccine 1 ok 4 him", "is the vaccine one ok for him"),
        ("took 1 pill", "took 1 pill"),  # a number stays a number
        ("who is the radium shot 4", "who is the radium shot for"),
        ("wats it do exactly", "what does it do exactly"),
    ],
)
def test_chat_spellings_and_spoken_numbers_are_read_plainly(typed: str, plain: str) -> None:
    assert normalize(typed) == plain


@pytest.mark.parametrize(
    "kept",
    [
        "what dose of xofigo do they give",
        "what dose xofigo do they give",  # the dose, asked
        "dose schedule for xofigo",  # a dose, asked, at the start
        "how dose of xofigo is worked out",  # "how" before "dose of": a dose
        "the first one",
        "2",
        "two weeks ago",
        "stage 4",
        "my back is killing me",  # pain, not a figure of speech
    ],
)
def test_words_that_only_look_like_chat_or_numbers_stay(kept: str) -> None:
    assert normalize(kept) == kept


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who cna get provenge", "provenge_candidates"),
        ("who shuold get xofigo", "xofigo_candidates"),
        ("how dose xofigo work", "xofigo_how_it_works"),
        ("dose the zo figo give you diarrhea", "xofigo_side_effects"),  # "dose" opens it
        ("what is pro venge", "provenge_what_is"),
        ("side effects of xo figo", "xofigo_side_effects"),
        ("how does sipuleucel tee work", "provenge_how_it_works"),
        ("side effects of radium two twenty three", "xofigo_side_effects"),
        ("is provenge given before or after key mo", "provenge_chemotherapy"),  # heard
        ("what does c r p c mean", "mcrpc_castration_resistance"),  # letters said one by one
        ("how does zippy loose el tea work", "provenge_how_it_works"),
        ("what are the side effects of provinge", "provenge_side_effects"),
        # dictation hears a name unvoiced, or runs it on into a longer word
        ("who can get provench", "provenge_candidates"),
        ("how does the pro vengeance work", "provenge_how_it_works"),
        ("what is sip you lucille tea", "provenge_what_is"),  # "is" opens the question
        ("sipuleucel tee who can have it", "provenge_candidates"),  # "who" asks, after it
        ("any side fx w provenj", "provenge_side_effects"),
        ("what does xofigo actually do", "xofigo_what_is"),  # an aside inside the ask
        ("what dose the radium one really do", "xofigo_what_is"),
        # lay names for the bone treatment
        ("side effects of the bone one", "xofigo_side_effects"),
        ("who gets the nuclear medicine one", "xofigo_candidates"),
    ],
)
def test_misspelt_split_and_misheard_names_are_answered(
    bot: Bot, question: str, expected: str
) -> None:
    assert intent(bot, question) == expected


@pytest.mark.parametrize(
    "said",
    [
        "he keeps proving them wrong",
        "the provenance of the data",
        "pro bono help",
        "to be honest i do not know",  # not "bone shot"
    ],
)
def test_an_everyday_word_is_never_read_as_a_drug_name(bot: Bot, said: str) -> None:
    words = bot.matcher.analyze(said).canonical
    assert "provenge" not in words and "xofigo" not in words


@pytest.mark.parametrize(
    "said",
    [
        "my dad has mets in his bones",  # its consonants are a steroid's
        "she is plumb wore out",  # ipilimumab's consonants, half its length
        "mom has it in her spine",
    ],
)
def test_everyday_words_are_never_read_as_a_drug_the_documents_do_not_cover(
    bot: Bot, said: str
) -> None:
    assert not bot.matcher.analyze(said).unknown_terms


def test_a_name_never_swallows_the_question_after_it(bot: Bot) -> None:
    """The name in "pro venge who shuold get it" ends before "who", which still asks."""
    assert intent(bot, "pro venge who shuold get it") == "provenge_candidates"


def test_a_drug_the_documents_do_not_cover_keeps_its_own_name(bot: Bot) -> None:
    """A sound-alike of a drug the documents don't cover is declined by that drug's name,
    never read as one they do cover."""
    for question in ("what is zytiga", "what is zitiga"):
        response, _ = respond(bot, Context(), question)
        assert response.status == "fallback"
        assert "Zytiga" in response.text


@pytest.mark.parametrize(
    ("typed", "read"),
    [("the shots stopped workin", "working"), ("hes feelin ok", "feeling")],
)
def test_a_dropped_g_is_read_back(bot: Bot, typed: str, read: str) -> None:
    assert read in bot.matcher.analyze(typed).canonical.split()


@pytest.mark.parametrize("kept", ["within a week", "a raisin", "latin"])
def test_words_ending_in_in_are_not_given_a_g(bot: Bot, kept: str) -> None:
    assert bot.matcher.analyze(kept).canonical == kept


def test_a_split_name_does_not_take_the_first_letter_of_the_next_word(bot: Bot) -> None:
    """ "pro venge side affects": Provenge and its side effects, not a plural "provenges"
    heard in "pro venge s"."""
    assert intent(bot, "pro venge side affects?") == "provenge_side_effects"


@pytest.mark.parametrize(
    "question",
    [
        "is there a counsellor who deals with this kind of thing",  # not "dialysis"
        "my wife deals with all his meds, where can she find support",
    ],
)
def test_an_everyday_word_in_another_form_is_never_heard_as_a_term(bot: Bot, question: str) -> None:
    response, _ = respond(bot, Context(), question)
    assert "other illnesses" not in response.text
    assert "heart or kidney" not in response.text
