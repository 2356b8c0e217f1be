"""Emergencies: what a person in distress, or asking about a symptom, notices."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from chatbot.cli import main
from chatbot.commands import Session, step
from chatbot.dialogue import Bot, Context, Response, respond
from chatbot.loader import load_knowledge
from chatbot.render import explain, plain

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bot() -> Bot:
    return Bot.build(load_knowledge(ROOT / "intents"))


def answer(bot: Bot, text: str) -> Response:
    return respond(bot, Context(), text)[0]


@pytest.mark.parametrize(
    "text",
    [
        # Held-back current emergencies, each once missed.
        "Ive looked at overdoses, Googled how to kill yourself painlessly",
        "the feeling in his legs is deteriorating again",
        "he fell and hit his head and now hes confused and vomiting",
        "hes bleeding a lot and it wont stop",
        "my husbend isnt waking up",
        "he took way too many of his pain pills and his breathing is really slow",
        "he is very weak in the legs today",
        # Typos of the red-flag words themselves.
        "chest pian since lunch",
        "i think he had a hart attack just now",
        "hes having a siezure",
        "he is unconcious",
        # A symptom beside a question about its cause is still happening.
        "my husband has chest pain does provenge cause that",
        "tight chest and pain going down my left arm, is this a side effect of xofigo",
        "is it normal that he cant breathe right now",
        # A past event does not hide a current one.
        "i had a heart attack years ago and my chest hurts",
        "he has chest pain 2 years ago he had a bypass",
    ],
)
def test_current_emergencies_are_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "he can\u00b4t breathe",
        "he won\u02bct wake up",
        "he can\u2032t breathe",
        "he can\u201bt breathe",
        "he can\u02b9t breathe",
        "he can\u05f3t breathe",
        "che\u200bst pain",
        "che\u00adst pain",
        "my husband can\u200dt brea\u2060the",
    ],
)
def test_look_alike_apostrophes_and_invisible_characters_hide_no_emergency(
    bot: Bot, text: str
) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    "padding", ["we are so worried. " * 1200, " " * 90_000, "\U0001f600" * 90_000, "x " * 30_000]
)
def test_an_emergency_after_a_long_message_is_caught(bot: Bot, padding: str) -> None:
    assert answer(bot, padding + "he can not breathe").status == "urgent"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("does xofigo ever cause trouble breathing", "If you are struggling to breathe now"),
        ("can provenge cause chest pain", "If you have chest pain or pressure now"),
        ("he had a seizure two years ago, can he still get xofigo", "If he is having a seizure"),
        ("my chest tightened when I heard the diagnosis, anyway what is xofigo", "chest pain"),
        ("what should we do if he ever has a seizure", "If he is having a seizure now"),
        ("is depression common? I feel low but not suicidal", None),
        ("this waiting is giving me a heart attack lol, when do results come", "chest pain"),
    ],
)
def test_a_question_about_a_symptom_is_answered_with_one_safety_line(
    bot: Bot, text: str, line: str | None
) -> None:
    response = answer(bot, text)
    assert response.status != "urgent"
    if line is None:
        assert response.safety == ""
    else:
        assert line in response.safety
        assert plain(response).startswith("Safety: ")


@pytest.mark.parametrize(
    "text",
    [
        "the booklet says to call if he ever gets chest pain, is that right",  # a topic
        "my dog keeps having seizures, can radium be near pets",  # not a person
        "the show last night had a man coughing up blood after chemo, is that real",
        "if I miss a dose should I double up tomorrow",  # a what-if, not taken
        "can xofigo make you faint? I am on blood thinners too",  # another sentence
        "his feet have had some tingling for months, the oncologist knows",  # long-standing
        "my phone is having a fit again, anyway what is provenge",  # figure of speech
        "when should we call an ambulance for chest pain",
        "help me understand what provenge does for the pain in my legs",
    ],
)
def test_a_mention_that_is_not_happening_is_not_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "what should i do if he took too many of his morphine pills",  # told, not imagined
        "hes keeled over in the kitchen",  # a pattern's own words are key words
        "he was sick and there was blood in it, had chemo last week",  # another event
        "if he collapses again like he just did, what then, he is on the floor now",
        "what is xofigo. also his speech is all slurred and his left side went numb",
        "please help, something is wrong with his breathing",  # a call for help, any words
        "is this an emergency?? her throat looks strange",
    ],
)
def test_an_emergency_among_other_words_is_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "he won t wake up",  # a contraction split by a phone keyboard
        "my wife says he can t breathe properly",
        "i was going to ask about provenge side effects but my husband has just slumped over",
        "ever since lunch his chest has been hurting",  # "ever since", not "if it ever"
        "will the injection make his face swell, his face is swelling up right now",
        "both our chests hurt and he is grey and sweaty",  # a plural symptom word
        "he told me he has been stockpiling his pills to end it",
        "sometimes i think it would be simpler for all of them if i was not here",
        "he said if the biopsy is bad he is going to jump off the bridge",  # a threat
        "he has been cutting his arms again, i found the blades",
        "the carbon monoxide alarm is beeping and we both feel sick",
        "he is panting on the couch and cant finish a sentence",
        "his left arm just hangs there limp and his speech went all thick",
        "she necked a whole packet of sleeping pills",
        "hes passing black tarry stuff and feels faint",
        "he says his chest feels like its on fire and he is clammy",
        "found him asleep on the sofa with empty blister packs beside him",
        "the little one was chewing on a fentanyl patch she found",
        "i think i double took my morphine tonight",
    ],
)
def test_a_current_emergency_typed_many_ways_is_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "will the injection make his face swell",  # a question about a cause
        "he hasn't had any thoughts of harming himself, but should we watch for it",
        "whats the difference between a seizure and fainting",
        "thank you ever so much, can he still get xofigo",
        "he had a nosebleed back when he started chemo, is xofigo safe for him",
        "is it common to feel short of breath with prostate cancer",
        "what should we do if he ever mentions suicide",  # a what-if: the 988 line, no alarm
        "does a previous stroke in 2019 matter for xofigo",
        "my heart aches for him, how do other wives cope",
        "he is fine today, but what kind of chest pain should send us to the ER",
        "the clinic form asked whether I had thoughts of harming myself, I said no",
        "i feel like i cant breathe with all this worry, where do carers get support",
    ],
)
def test_a_question_or_past_event_about_a_symptom_is_not_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "urgent"


def test_a_plain_question_has_no_safety_line(bot: Bot) -> None:
    assert answer(bot, "who can get provenge").safety == ""


def test_the_urgent_reply_names_every_emergency_and_speaks_to_a_caregiver(bot: Bot) -> None:
    text = answer(bot, "my dad has chest pain and cant breathe").text
    assert text.startswith("Call 911")
    assert "chest pain and trouble breathing" in text
    assert "Stay with him" in text
    assert "when you are safe" not in text.lower()


def test_the_urgent_reply_to_a_patient_speaks_to_him(bot: Bot) -> None:
    text = answer(bot, "I have chest pain right now").text
    assert "Call 911" in text
    assert "him" not in text


def test_thoughts_of_self_harm_get_988_and_warmth(bot: Bot) -> None:
    text = answer(bot, "i want to end my life").text
    assert "988" in text and "911" in text
    assert "sorry" in text
    assert "Do not wait for an answer from a chatbot" not in text


def test_the_urgent_reply_is_set_apart_on_screen(bot: Bot) -> None:
    lines = plain(answer(bot, "he is coughing up blood"), 60).split("\n")
    assert lines[0] == "" and lines[-1] == ""
    assert set(lines[1]) == {"="} and set(lines[-2]) == {"="}


def test_why_names_the_category_and_the_words_that_decided(bot: Bot) -> None:
    urgent = answer(bot, "my husband has chest pain right now")
    shown = " ".join(text for _, text in explain(urgent, 200))
    assert "chest_pain ('chest pain'): current, by now 'right now'" in shown
    question = answer(bot, "can provenge cause chest pain")
    shown = " ".join(text for _, text in explain(question, 200))
    assert "a question about it, by topic 'can provenge cause chest pain'" in shown


def test_a_line_that_starts_with_a_slash_hides_no_emergency(bot: Bot) -> None:
    lines, _ = step(bot, Session(), "/my husband cant breathe", 80)
    assert any("Call 911" in text for _, text in lines)
    lines, _ = step(bot, Session(), "/topcs", 80)
    assert any("Unknown command" in text for _, text in lines)


def test_ask_json_carries_the_safety_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "can xofigo cause chest pain"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["safety"].startswith("If you have chest pain or pressure now, call 911")
    assert out["answer"].startswith(out["safety"])
    assert out["status"] != "urgent"


def test_reading_a_message_built_to_backtrack_takes_linear_time(bot: Bot) -> None:
    """The old past-event exceptions took seconds here; a fixed bound would be a timed
    test, so this compares two lengths: ten times the text, about ten times the time."""

    def took(text: str) -> float:  # the best of three: tests run side by side
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            bot.safety.read(text)
            best = min(best, time.perf_counter() - start)
        return best

    short, long = "had chest pain " * 130, "had chest pain " * 1300
    assert took(long) < 40 * max(took(short), 1e-4)


@pytest.mark.parametrize(
    ("name", "most_missed", "most_false"),
    [("dev", 0, 0), ("blind1", 0, 0), ("blind2", 0, 0), ("blind3", 0, 0), ("blind4", 0, 0),
     ("blind5", 0, 0), ("blind6", 0, 0), ("blind7", 0, 0), ("blind8", 0, 0), ("blind9", 0, 2),
     ("blind10", 0, 0), ("blind11", 0, 0), ("blind12", 0, 0), ("blind13", 0, 1),
     ("blind14", 0, 0), ("blind15", 0, 0), ("blind16", 0, 0), ("blind17", 0, 3)],
)  # fmt: skip
def test_the_read_safety_sets_keep_their_figures(
    name: str, most_missed: int, most_false: int
) -> None:
    """Sets whose misses were read while building the reader: no more emergencies are
    missed, and no more questions are taken for emergencies, than today."""
    from tests.safety.score import score

    caught, total, false, _ = score([ROOT / "tests" / "safety" / f"{name}.yaml"])
    assert total - caught <= most_missed
    assert false <= most_false


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("siezure", "seizure"),  # letters swapped
        ("bleeeding", "bleeding"),  # a key held down
        ("controll", "control"),  # a letter doubled
        ("swallowd", "swallowed"),  # a letter dropped: swallowed, not swallow
        ("blud", "blood"),  # spelt as it sounds
        ("fentanil", "fentanyl"),
        ("tounge", "tongue"),
        ("bowls", "bowels"),  # an everyday word one letter from a symptom word
        ("bleading", "bleeding"),  # a vowel for a vowel
        ("swellling", "swelling"),
    ],
)
def test_typos_of_red_flag_words_are_read_as_meant(bot: Bot, typed: str, meant: str) -> None:
    assert bot.safety.speller.corrections({typed}) == {typed: meant}


@pytest.mark.parametrize(
    "word",
    # two letters each wrong, neither a neighbouring key nor a vowel for a vowel, make
    # another word: sweating is no swelling; a pattern's "colou?r" is
    # colour, not a word cut short ("colou") to correct colour to
    "waiting taking does feels thing couch chess chopping shopping vent sweating colour".split(),
)
def test_everyday_words_are_not_made_into_red_flag_words(bot: Bot, word: str) -> None:
    assert bot.safety.speller.corrections({word}) == {}


def test_a_typo_filled_emergency_is_urgent(bot: Bot) -> None:
    assert answer(bot, "my husbnd is vomitting blud and cnt get his breth").status == "urgent"


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("something is wrong with his breathing right now", True),
        ("my dad went down in the kitchen and he is not moving", True),
        ("there is a puddle of blood on the bathroom floor and he is pale", True),
        ("his legs just stopped working", True),
        ("does chemo make your breathing feel weird", False),  # a question: the safety line
        ("my legs dont work as well as they used to, is that the chemo", False),
        ("we are drowning in hospital bills, is there help with costs", False),
    ],
)
def test_a_loose_description_is_urgent_only_when_it_is_happening(
    bot: Bot, text: str, urgent: bool
) -> None:
    """Weak patterns ("something is wrong with his breathing") need words that say it is
    happening now; without them the message is answered, after the safety line."""
    assert (answer(bot, text).status == "urgent") is urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # Told as over, after the symptom: answered, with the safety line.
        ("He had a fit last night, came round fine and the crew said he was OK", False),
        ("a small stroke in 2019, his face drooped for an hour and he's been fine since", False),
        ("bumped my head on the shelf, I'm fine, no sickness or confusion. what is xofigo", False),
        ("his lip swelled up where he bit it yesterday, it's going down now", False),
        ("my mother had a stroke and is in hospital, how do I tell my husband", False),
        ("she is in hospital after a stroke today, how do I tell him", False),  # cared for
        # Something new after it, or only his word for it: urgent.
        ("he had one fit and came round, then started again and he's still not awake", True),
        ("he keeps telling me he's fine but he can't breathe and his lips are blue", True),
        ("he seemed fine at first but now he is confused and throwing up after his fall", True),
        ("I've been fine till now but I'm very short of breath and can't lie flat", True),
        ("his lips are swelling, he was fine after lunch", True),  # fine before it began
        ("she swallowed bleach, she says she is fine", True),  # a poison just taken
        ("he took a double dose of his pills yesterday and he's been fine", False),
    ],
)  # fmt: skip
def test_a_symptom_told_as_over_since_is_not_urgent(bot: Bot, text: str, urgent: bool) -> None:
    assert (answer(bot, text).status == "urgent") is urgent


@pytest.mark.parametrize(
    "text",
    [
        "My friend's husband was vomiting blood last night. Can that happen with prostate cancer?",
        "our old dog collapsed on his walk yesterday, how do I help my husband grieve",
        "in the match a player hit his head and was sick on the pitch, why is that so serious",
        "his speech has been a bit slurred ever since his stroke, his neurologist follows it",
        "whenever I think about the scan I feel like I can't breathe, then it passes",
        "I was so nervous before the results I could barely breathe",
        "he gets breathless on the stairs, the GP says it's anaemia",
    ],
)  # fmt: skip
def test_someone_elses_story_a_long_standing_symptom_or_a_feeling_is_not_urgent(
    bot: Bot, text: str
) -> None:
    assert answer(bot, text).status != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "chestpain bad right now",  # two words typed as one
        "hes got a nosebleed that wont stop",
        "dont want 2 live anymore",  # "2" for "to"
        "my tung feels too big for my mouth and its getting bigger",  # spelt as it sounds
        "fell down the stairs, hit his head, now hes confused asking for his mum who died in 2010",
        "he drank whisky with his sleeping tablets and now he's slumped and mumbling",
        "he forgot he already took his pills, took them again, now he's very drowsy",
        "put on a bunch of extra fentanyl patches, he's very drowsy and his pupils are tiny",
        "gave him 20 mls of morphine instead of 2, he's very sleepy",
        "his pee is bright red with clots and it's still coming, he's pale",
        "went rigid and now he's juddering all over",
        "he is slumped on the floor and I can't get any response from him",
        "his legs were heavy this morning and now he's not able to lift them",
        "pain in heart very strong since half hour, sweating",
    ],
)  # fmt: skip
def test_an_emergency_typed_in_everyday_words_is_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    "text",
    ["can he have a glass of wine with his tablets", "is it ok to drink beer with my pills"],
)
def test_a_question_about_a_drink_with_pills_is_not_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "urgent"


def test_a_word_a_pattern_spells_by_its_beginning_is_no_typo(bot: Bot) -> None:
    """ "confusion" is no typo of "concussion", nor "sickness" two words."""
    reading = bot.safety.read("I'm fine, no sickness or confusion")
    assert reading.corrections == ()


@pytest.mark.parametrize(
    "text",
    [
        "he had a concussion playing football in his thirties, does that matter for xofigo",
        "watched casualty and a man had a seizure, can prostate cancer spread to the brain",
        "read a story about a woman who overdosed on her painkillers, how do we store his",
        "I've overdosed on cancer forums tonight, need to stop reading",
        "my wife says I'm killing myself working on the allotment on chemo days",
        "his face has got puffier over the last few months on prednisone",
        "his legs jump when he drops off to sleep, is that a seizure or just a jerk",
        "knocked my head on the door this morning, small bump, no headache, not sick",
        "he tried to end his life thirty years ago and is doing well now, should we say",
        "he's been low but says he's not thinking of hurting himself, can lupron do that",
        "what chest symptoms should make us call 911 while he is on lupron",
        # "nearly gave me" a stroke or a fit is a figure of speech, like a heart attack
        "the bill nearly gave me a stroke, is xofigo covered",
        "you almost gave me a seizure jumping out like that",
    ],
)
def test_a_figure_of_speech_a_show_or_an_old_event_is_not_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "my husband is coffin up blood, been going on an hour",  # dictation
        "heaps of blood in the toilet and he's gone white and dizzy",
        "difficulty swallowing and his lips are swelling up",
        "I think I've taken about 20 of them today and I feel sick",
        "dad is jerking and foaming at the mouth on the floor",
        "he passed a load of black tarry stuff and he's dizzy and grey",
        "put on 3 new fentanyl patches instead of 1, feel dizzy",
        "I'm standing on the bridge. Nothing left.",
        "he hit his head on the sink and now he is not responding",  # "not" is no denial here
    ],
)
def test_an_emergency_in_dictated_or_everyday_words_is_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        # A clause placing a detail tells of the words just before it, not that it is over.
        "his arms are jerking, he won't answer, there's a bruise where he banged his head",
        "she's having some sort of fit on the kitchen floor",
        # An overdose in other words: "after taking", "all at once", "the whole month's", "5x".
        "She's after swallowing all her sleeping tablets at once",
        "he took the whole month's supply of his morphine in one go",
        "gave him 5x the dose of oxycodone, he's very sleepy",
        "drew up from the wrong syringe and now he's very sleepy and confused",
        "i forgot and took my morphine again, now i feel very drowsy",
        # A plan to end his life, and a place he may end it.
        "he says he plans to kill himself when his wife is away",
        "I'm out on the railway tracks now, sorry",
        # A fall or a cut told in other words.
        "after his tumble he keeps vomiting and doesn't know where he is",
        "the cut on his leg has bled through two bandages already",
        "he slipped on the stairs and can't lift or feel his legs",
        "he swallowed half a packet of his oxycodone and is snoring loudly",
        "I have been pressing on it for 20 minutes and it is still bleeding",
        "he's locked in the garage with the car engine running",
    ],
)  # fmt: skip
def test_an_emergency_told_in_words_once_missed_is_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status == "urgent"


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # Someone else's story: a friend's or a relative's friend, a stranger, a show.
        ("My cousins husband was coughing up blood on docetaxel, should we worry", False),
        ("Mates grandad had a stroke on xtandi, does it raise the risk", False),
        ("a lady in my support group had a seizure on chemo, is that common", False),
        ("Saw a woman on the news who overdosed on fentanyl, how do we store his patches", False),
        ("Footballer collapsed on the pitch last night, can hormone therapy do that", False),
        # Someone else's, but happening as it is told: urgent.
        ("my mates dad just collapsed in the pub and isnt breathing", True),
        ("a man in the waiting room collapsed a few minutes ago and nobody is helping", True),
    ],
)  # fmt: skip
def test_someone_elses_story_is_not_urgent_unless_it_is_happening_now(
    bot: Bot, text: str, urgent: bool
) -> None:
    assert (answer(bot, text).status == "urgent") is urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # Long past: a time of life, a decade, an event told in a clause after it.
        ("he had a head injury as a schoolboy, is that relevant for radium", False),
        ("he took an overdose in his late 20s, no problems since, should the team know", False),
        ("the seizure he had in 2019 was his only one, can he have xofigo", False),
        ("last spring he couldn't catch his breath on the stairs, turned out to be anaemia", False),
        ("his face droops on the right from bells palsy, the dentist noticed it too", False),
        # What is left of an old event is no new one.
        ("he had a stroke in 2018, his speech is still a little slow, can he self inject", False),
        # Back, or happening now: urgent.
        ("the chest pain i had last month is back now and worse", True),
        ("he had a stroke in 2015 and is still slurring his words right now", True),
    ],
)  # fmt: skip
def test_an_event_long_past_is_not_urgent_unless_it_is_back(
    bot: Bot, text: str, urgent: bool
) -> None:
    assert (answer(bot, text).status == "urgent") is urgent


@pytest.mark.parametrize(
    "text",
    [
        "there is a heavy feeling in my heart, emotionally speaking, with his scan due",
        "I was so anxious in the waiting room I felt like I could not get my breath",
    ],
)
def test_a_feeling_told_as_one_is_not_urgent(bot: Bot, text: str) -> None:
    assert answer(bot, text).status != "urgent"


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        ("he says he feels like such a burden on us all", False),
        ("I feel like I'm only a burden to my family these days", False),
        ("I feel like a burden, everyone would be better off without me", True),
    ],
)
def test_feeling_a_burden_keeps_the_988_line_without_the_alarm(
    bot: Bot, text: str, urgent: bool
) -> None:
    """Feeling a burden is a warning sign, not an emergency: answered, with the 988 line."""
    response = answer(bot, text)
    assert (response.status == "urgent") is urgent
    assert "988" in (response.text if urgent else response.safety)


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # A dose asked about before it is taken; a symptom with its everyday cause.
        ("I forgot my xtandi this morning, can I double up today", False),
        ("my throat feels tight from a cold, is it ok to have my lupron shot", False),
        # Taken, or something new after the everyday cause: urgent.
        ("I doubled up on his morphine tonight by mistake", True),
        ("his throat is swollen from a cold and now his lips are swelling up fast", True),
        ("he gets breathless on the stairs from his copd and now his lips are blue", True),
    ],
)
def test_a_question_before_the_event_is_not_urgent_but_a_new_sign_is(
    bot: Bot, text: str, urgent: bool
) -> None:
    assert (answer(bot, text).status == "urgent") is urgent


@pytest.mark.parametrize(
    "text",
    [
        # any form of shaking or jerking, "n" typed for "and", a tongue bitten after it
        "dad shakes uncontrollably on the bathroom floor and wont answer me",
        "he was jerking on the kitchen floor and has bitten his tongue, please hurry",
        "grandad twitchin n shakin in his chair, eyes rolled",
        # a wound that keeps flowing though pressed, the word blood unsaid
        "sliced my thumb open on a tin lid, held a towel on it ten minutes and it keeps gushing",
        # "than ever" is no what-if
        "he has lost control of his bladder and his legs are weaker than ever",
        # medicines a child got hold of, patches left on, empty packets, a dose in ml
        "the grandkids got hold of his morphine patches and one of them is chewing it",
        "forgot to take the old fentanyl patches off so he has four on and he is very sleepy",
        "found empty boxes of his oxycodone by the bed and he is hard to wake",
        "he drank half the bottle of oramorph and is snoring",
        "the nurse gave dad 10 ml of oramorph instead of 1 ml and he is hardly breathing",
        # a goodbye with a weapon, a car driven into something hard
        "he hugged us and said his goodbyes then took the rifle out to the barn",
        "she says she will drive the car into a tree",
        # a question they were reading about, then something new began
        "we were going through the leaflet on zytiga side effects and then he started slurring",
        # "since he started" a treatment is long-standing, unless it was just now
        "his legs went numb since he started radiotherapy yesterday",
    ],
)
def test_an_emergency_of_a_class_once_missed_is_urgent(bot: Bot, text: str) -> None:
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # a question about any of his treatments, by name
        "can zoladex give you chest tightness or is that just stress",
        # a worry about what may happen
        "I'm worried about him tripping and banging his head on the stairs at night",
        # news broken by others, a figure of speech
        "when they gave us the results I couldn't breathe for a moment, how do people cope",
        "dont breathe a word to dad about the scan yet",
        # a habit, or since a treatment or a time past
        "his ankles look swollen in the evenings since he started the steroids, is that normal",
        "my hands have been numb since chemo finished last spring, will it go away",
        # fine again once it ended; a sign denied after "hasn't been"
        "my chest felt tight during the scan, it was fine once we left. is that anxiety",
        "he knocked his head on the door frame last night, no bruise, he hasnt been dizzy or sick",
        # a relative's in-law, what others will think
        "my cousin told me her father in law had a seizure on docetaxel, how common is that",
        "Will the paramedics think it's a heart attack if his ECG is odd?",
        # an everyday word is no typo of a symptom word
        "I was chopping carrots and nicked my finger, it stopped after a minute",
        # the mended classes stay narrow: a visit coming, a refill, a walk, a goodbye
        "he has a cut on his leg and the district nurse is coming tomorrow",
        "where can I get hold of more oxycodone for him",
        "we are walking home from the bus stop now",
        "I said goodbye to the nurse and picked up his meds from the pharmacy",
    ],
)
def test_a_question_of_a_class_once_taken_for_urgent_is_not(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # "me" for my before a part of the body
        "pain in the middle of me chest going down me arm",
        "me legs have gone numb and I can't stand",
        # a pain word, then how it came, then where in the chest
        "a dull pressure came on in the middle of my chest twenty minutes ago",
        "crushing feeling that started at the front of my chest an hour ago",
        # a mouth gone blue or grey; panting while at rest, told at length
        "her mouth has gone a bluish colour and she's panting",
        "dad is panting like a dog even though he's just resting on the sofa",
        # a mouth or nose filling with blood, blood pumping or swallowed, a cut that
        # can't be got to stop
        "his mouth keeps filling up with blood since the biopsy",
        "he's swallowing a lot of blood from his nose",
        "cut my finger and it's pumping blood",
        "I can't get it to stop bleeding, the cut is deep",
        # numbness up to a level of the body; legs that feel like someone else's
        "no feeling from the chest down",
        "he's gone numb from the belly button down",
        "his legs don't feel like his own since this afternoon",
        "my feet feel as if they're someone else's",
        # more of a medicine, then drowsy; doses too close together; pinned pupils
        "he took another sleeping pill and now he can't keep his eyes open",
        "he had more of his morphine and is nodding off mid sentence",
        "he's been taking the oxycodone every 2 hours instead of every 6 and he's very sleepy",
        "he can't keep his eyes open after banging his head",
        # a plan to take all of a medicine, or to drive off the road
        "she says she is planning to take all her tablets tonight",
        "he told me he intends to take every one of his sleeping pills",
        "he said he will drive off the road tonight so he is not a burden",
        # "but now" after a question: "for ages" is no long-standing symptom then
        "I asked about his bloods earlier but now his nose has been pouring blood for ages",
        # "as if" is no what-if
        "it feels as if he is having a heart attack",
        # a friend's event still going on; a sign after a question about the signs
        "my friend had a seizure and is still jerking",
        "what are the signs his breathing is bad, he's gasping",
        # "now I'm terrified" after the event itself
        "he collapsed and now I'm terrified, what do I do",
    ],
)
def test_an_emergency_of_a_class_read_in_blind14_is_urgent(bot: Bot, text: str) -> None:
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # a change over the months
        "my husband's face got puffy over the months on steroids, is that normal",
        # what are the signs that he ...
        "what are the signs his heart is failing",
        # a symptom word that names a topic: a threshold, rates, medication, history
        "does xofigo lower the seizure threshold",
        "there was a news article saying suicide rates are higher after diagnosis",
        # a friend's or neighbour's past event; "now I'm worried" tells of the worry
        "my friend had a heart attack on lupron, is that a known risk",
        "a friend had a heart attack after his injection and now I'm so worried, how common is it",
        "a neighbour had a stroke last month, what is the risk on ADT",
        # a medicine for seizures, and their cause long ago
        "he takes tablets for fits from a stroke years ago, any interactions with xtandi",
        # whether something else does that too
        "my brother's lips swelled up after penicillin once, does the dye do that too",
        # a what-if told in the past tense
        "what would happen if he took too many of his pain pills",
        "if he ever took a double dose what should we do",
        # an episode gone through years ago
        "I went through a rough patch with thoughts of suicide years ago, could it come back",
        # overdosing on something harmless; "gives me" is whom it happens to
        "I've been overdosing on box sets and biscuits",
        "does abiraterone give me heart trouble",
        # the mended classes stay narrow: a dose schedule told, an accident, a cup of tea
        "he takes his oxycodone every 4 hours instead of every 6 as the palliative nurse said",
        "he drove off the road on the ice yesterday",
        "he gave him another cup of tea and he is drowsy",
        "his skin has purple bruises from the steroids",
        "he keeps walking into the road",
    ],
)
def test_a_question_of_a_class_read_in_blind14_is_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # a cancer, or a PSA, that stops responding to a treatment
        "can men whose tumours have stopped responding to hormones have xofigo",
        "his psa is no longer responding, what comes after zytiga",
        "he stopped responding to the abiraterone last year, is radium next",
        # a request for the signs of a symptom
        "please list the stroke symptoms for me",
        "can you tell us heart attack warning signs",
        # a condition named, then a symptom put down to it
        "he has arthritis and his legs are weak because of it, can he have radium",
        "dad is diabetic and his feet tingle from that, is chemo ok",
        # the mended classes stay narrow: a risk asked about, dementia long known, breath
        # short on the stairs, a cafe at a clifftop, no answer about a choice, no more pain
        "is that a stroke risk with xtandi",
        "my dad has dementia and does not recognise me most days, can he still have provenge",
        "he gets too puffed to talk after climbing the stairs, is that anaemia",
        "we had lunch at the clifftop cafe, lovely view, what is xofigo",
        "the pharmacist wont answer her questions about zytiga",
        "no more chest pain since the stent",
        # a chore that is a headache; a machine that slurs words
        "sorting out his pension is the worst headache of my life, who do I call",
        "the voice to text app keeps garbling my words and slurring them, is xtandi ok",
        # how common an event is, asked of it; a dose at the wrong time, the usual amount
        "my uncle had a heart attack on lupron, is that common with hormone therapy",
        "took his morning pills at 10 instead of 8 by mistake, just the usual dose, is that ok",
        # laughed about afterwards; the difference between the symptom and another thing
        "my sister in law passed out at his infusion and we all laughed about it after",
        "whats the difference between a stroke and a mini stroke",
        # legs like jelly after exercise
        "my legs are like jelly after the charity walk haha, is exercise ok on xtandi",
        # thoughts long past, much better now; a sign that has lasted since years ago
        "she had thoughts of suicide when she was first diagnosed but is doing much better now",
        "mum had a stroke years ago and her speech has been a bit slurred since, is chemo safe",
        # a colour come back
        "her fingers went blue in the cold but they are back to a normal colour now, raynauds?",
    ],
)
def test_a_question_of_a_class_read_in_the_ninth_round_is_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # someone who stops responding, to a person or to pain, not to a treatment
        "he has stopped responding to me",
        "he is not responding to pain or to my voice",
        # a sign told beside a request for the signs
        "my chest hurts, tell me the symptoms of a heart attack",
        "tell me what to do, he has crushing chest pain",
        # a condition named, but the symptom is new
        "he has diabetes and suddenly can't feel his legs",
        "he has diabetes and his legs went numb this morning",
        # someone known, all at once not known
        "my wife all of a sudden does not know who I am",
        # "is this" a heart attack or a stroke asks of what is felt now, unlike "was that"
        "is this a stroke? his face is drooping on one side",
        # the belly or ribs pulled in at each breath, too breathless to talk, gasps with
        # nothing between, a bad colour
        "her stomach is sucking in under her ribs with each breath",
        "he is too breathless to finish a word",
        "she takes a big gasp then nothing, then another gasp",
        "he has turned a funny colour",
        # slumped in a chair, no answer to whoever asks, limp however it is said
        "he is slumped in the recliner and won't answer her",
        "he has gone completely limp",
        # "no more" that ends a clause denies nothing after it
        "i cant take it no more i want to die",
        # at the edge of a cliff, in a car or standing
        "I am sat in the car at the cliff top, I just want it over",
        # "-ite" for "-ight"
        "chest feels tite and i feel sick",
        # near the mended false alarms: a person slurring, the worst headache itself, a
        # double dose, sick since a blow just now, numb after a walk, better but not now
        "the phone rang and he started slurring his words",
        "it is the worst headache he has ever had",
        "he took a double dose by mistake, is that ok",
        "he fell and hit his head, he has been sick since",
        "my legs went numb after the walk and i can not feel my feet",
        "she is doing much better but today she said she wants to die",
        "whats the difference between a stroke and a mini stroke, his face is drooping right now",
        "he had a stroke years ago and now his speech is slurred again",
        "his lips went blue and they are pink again but now he is gasping",
    ],
)
def test_an_emergency_of_a_class_read_in_the_ninth_round_is_urgent(bot: Bot, text: str) -> None:
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # an ache some words before the chest, and a quarter of an hour
        "she has had an ache spreading over the top of her chest for ten minutes, clammy",
        "my husband has had a heavy aching right over his chest since we sat down to eat",
        "is this the docetaxel, my chest has been heavy for the last quarter of an hour",
        # a blow to the head told as walking or running into something hard
        "he ran into the kitchen cupboard door and now he is drowsy and has thrown up",
        "dad walked smack into a lamp post and is confused and keeps being sick",
        # a cut gushing without the word blood; still bleeding after pressing, however told
        "he sliced his palm on the bread knife and it is spurting",
        "I gashed my shin on the trailer, been pressing a towel on it for half an hour and "
        "it will not stop",
        # a pill box found emptied
        "his pill box is emptied and he is barely awake",
        # a means at hand while thinking about it
        "I am in the garage with the rope thinking about it",
        "she is sitting with all her sleeping tablets thinking about doing it",
        # "can you help me" is a plea, not a question like "can you get ..."
        "can you help me, she swallowed a whole packet of his oxycodone",
        # the mended classes stay narrow: one extra dose then drowsy, numb legs that get
        # worse, a pain not gone after minutes
        "he took an extra morphine tablet by mistake and is very drowsy now",
        "I gave him one extra oxycodone and he is nodding off",
        "his legs keep going numb when he sits and now they will not hold him up",
        "my chest went tight and the pain has not gone after a few minutes",
    ],
)
def test_an_emergency_of_a_class_read_in_blind15_is_urgent(bot: Bot, text: str) -> None:
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # a cancer named by where it grew; whether a treatment may help
        "my brother has bowel cancer, can xofigo help him",
        "the tablets stopped working on the pain, what could help him",
        # "is that a common thing?" at the end of a sentence
        "a friend from church had a stroke on zytiga, is that a common thing?",
        # "turned out to be" tells the event in the past tense
        "his dizzy spell last winter turned out to be a mini stroke, can he still have provenge",
        # "still has a mild" trace of a past event
        "she had a small stroke in 2019 and still has a mild weakness in her hand, is chemo safe",
        # an event told in the past tense, its cause given afterwards
        "my brother had a fit after his chemo and they said it was low magnesium. should I "
        "get my levels checked too",
        # a relative clause after "a" tells the event in the past tense
        "she stopped swimming because of a seizure she had last autumn, is radium safe for her",
        # over the last month or year
        "his face has gone puffy over the last year on steroids, is it normal",
        # a single dose more than meant, by mistake
        "I swallowed one extra vitamin tablet by mistake this morning, is that ok",
        # gone within minutes, or of itself when the body moves
        "my chest felt tight on the stairs this morning, eased after a few minutes of rest, "
        "should I tell the nurse",
        "his arm goes numb when he leans on it and goes away when he moves, is it the xtandi",
        # the risk of having; a news story about someone described; well controlled
        "does docetaxel raise the chance of having a seizure",
        "I read a news report about an elderly man who overdosed on his painkillers, how can "
        "we store his safely",
        "the rib pain is well controlled with his patches now, just an ache on the left of his "
        "chest, can he use a heat pad",
    ],
)
def test_a_question_of_a_class_read_in_blind15_is_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # pain in everyday words; an "-ure" spelt as it sounds
        "my chest has been murdering me since tea and I am clammy",
        "his chest is absolutely killing him, he is grey",
        "bad chest presser since I sat down, all sweaty",
        # breathless at rest in everyday words; a low oxygen reading
        "he is huffing and puffing sitting in his armchair",
        "his sats have dropped to 83 on the finger monitor",
        # numbness as a band around the trunk; legs dragged
        "a numb feeling right round her tummy like a belt and she is weak",
        "dad is dragging both legs behind him on the walker",
        # an overdose in everyday words; drinking from a container that held a poison
        "I think he overdid it with his oxycodone, he is barely awake",
        "mum was swigging out of a jar in the garage, it had antifreeze in it",
        # a tumble, the head as what struck, being sick in everyday words
        "he toppled off the ladder and his head smacked the patio, he is chundering",
        # bleeding by how long it has gone on
        "her nose has been bleeding for forty minutes and it is still dripping",
        # the mended classes stay narrow: someone else's emergency happening now, a denial
        # that is no denial, a collapse that is no swelling
        "a young lad just collapsed outside the chemist and is not breathing",
        "I keep wanting to hurt myself and nothing helps",
        "he went down like a sack in the garden and will not answer",
    ],
)
def test_an_emergency_of_a_class_read_in_blind16_is_urgent(bot: Bot, text: str) -> None:
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # a figure of speech and the "-ure" rule stay narrow; a reading asked about
        "my son is dragging his feet about the forms, is that normal",
        "what should his oxygen be, the nurse said to ring if it is under 90",
        "is an oxygen level of 86 dangerous for someone on docetaxel",
        # since a treatment finished; the doctor names the cause; tired legs after a run
        "his hands have tingled since the chemo ended, will it wear off",
        "my toes are numb and the gp said its neuropathy, can I still drive",
        "my legs were like concrete after the 10k yesterday, is that the zytiga",
        # someone else's story of any age, or seen; a character described
        "saw a woman have a seizure in the library today, can xtandi cause them",
        "a teenager overdosed on painkillers in our town, where should we keep his morphine",
        "in my audiobook the lead character coughs up blood, does that happen with this cancer",
        # a story placed earlier: its "just" means only
        "in a documentary yesterday a man just collapsed mid sentence, could that happen to dad",
        # denials; a swelling going down; a question about bleeding for hours
        "I am sad some days but nowhere near wanting to end it, is there counselling",
        "his ankle puffed up after the flight, going down now, is it the steroids",
        "can radium make his gums bleed for hours after brushing",
        # what a bottle turned out to be, long ago
        "years ago he drank from a jug that turned out to be weed killer, does that raise "
        "cancer risk",
    ],
)
def test_a_question_of_a_class_read_in_blind16_is_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "every time i look in on him he is fighting for breath",
        "he faints every time we sit him up",
        "the pain in his chest went off for an hour and now it is back",
    ],
)
def test_a_symptom_that_comes_every_time_or_comes_back_is_urgent(bot: Bot, text: str) -> None:
    """ "Every time" a symptom comes, and a pain that eased and is back, are happening now."""
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "his legs have been weak since last week and he still cant stand up",
        "she has had the swelling in her lips since last month and it is still growing",
    ],
)
def test_a_symptom_still_there_since_a_while_ago_is_urgent(bot: Bot, text: str) -> None:
    """Since when it began does not make a symptom that is still there long-standing:
    when in doubt, it is urgent."""
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # the face as it is seen; speech that comes out garbled, whatever names it
        "the side of her mouth is sliding down and she can not smile",
        "I asked him the date and it came out as mushy nonsense",
        # a blank stare before the jerking; convulsing that begins
        "mum stared into space and then her arms went stiff and she dropped",
        "he just began convulsing on the kitchen floor",
        # a colour around the mouth; breathing that slows down
        "he is grey round the mouth and not making much sense",
        "her breathing has slowed way down, there are long pauses between breaths",
        # blood by its colour and amount, then faintness; through towels; a long nosebleed
        "he is passing heaps of dark red blood and feels faint",
        "blood is running down his shin and he has gone pale and clammy",
        "the cut on his hand is pumping through two tea towels",
        "the nosebleed has gone on for over an hour and it keeps coming",
        # something new since a past event is no past event
        "he had xofigo last month, and now he has been vomiting blood since lunch",
        # patches doubled; a medicine taken twice or extra, then the signs of too much
        "she put on two lots of her morphine patches and is nodding off",
        "he took his oxycodone twice then extra tablets and he is out of it",
        # going through with it beside a means or a time
        "I have my tablets counted and tonight I am going to go through with it",
    ],
)
def test_an_emergency_of_a_class_read_in_blind17_is_urgent(bot: Bot, text: str) -> None:
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        # tired legs or a little breathlessness after exertion told first; a limb gone to
        # sleep from sitting or lying on it
        "after the hike my legs were like jelly, is that the lupron",
        "a little breathless going up the hill with the dog, is it the anaemia",
        "my arm went numb after sleeping on it funny, is it the cancer",
        # over within the hour, back to normal, dealt with by the team
        "his tongue tingled after the curry, gone within the hour, was it an allergy",
        "her face went red and puffy at the infusion and the nurses dealt with it, is that common",
        "his legs went numb on the long drive and then they were back to normal, is it the spine",
        # a symptom every time something happens; still, since a time long past
        # someone described, with an illness or in a paper's story; a relative's relative
        "an elderly man with prostate cancer on our street had a stroke, is the risk higher",
        "I saw an article in the newspaper about a woman who took too many pills, where do I "
        "keep mine",
        "my uncle's husband fainted at the wedding, how often does that happen",
        # fine, however said, after one extra dose; a dose told as taken only once
        "he took another prednisolone by accident but he is perfectly fine, do I ring anyone",
        "I wasn't sure so I counted the pack and I only took it once, should I keep a diary",
    ],
)
def test_a_question_of_a_class_read_in_blind17_is_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


def test_a_cue_run_only_where_its_words_are_finds_what_the_whole_cue_finds(bot: Bot) -> None:
    """The reader runs only those of a cue's patterns whose words a window holds, taking
    their matches as the joined expression would: the same matches, in the same order."""
    import yaml

    from chatbot.normalize import sentence_words

    sets = ROOT / "tests" / "safety"
    for name in ("dev.yaml", "blind12.yaml"):
        for message in yaml.safe_load((sets / name).read_text(encoding="utf-8"))["messages"]:
            words = [w for s in sentence_words(message["text"]) for w in (*s, ".")]
            text = " ".join(words)
            beginnings = frozenset(w[:i] for w in words for i in range(3, len(w) + 1))
            for _, cue in bot.safety.cues:
                for pos in (0, len(text) // 2):
                    whole = [m.group(0) for m in cue.finditer(text, pos)]
                    assert [m.group(0) for m in cue.finditer(text, pos, beginnings)] == whole


def test_a_pattern_is_split_only_at_its_own_alternatives() -> None:
    from chatbot.safety_patterns import _alternatives

    assert _alternatives(r"\ba(b|c)\b|[|x]d|e\|f|(?:g|h)|[^]|]z") == (
        r"\ba(b|c)\b",
        "[|x]d",
        r"e\|f",
        "(?:g|h)",
        "[^]|]z",
    )


def test_a_long_hostile_message_is_read_in_time_proportional_to_its_length(bot: Bot) -> None:
    """Key words of every flag, over and over, with "not" and "if" that make every match
    a question: ten times the text takes about ten times as long, not a hundred."""
    import random

    rng = random.Random(0)
    keys = "chest pain he has blood head legs pills took not if now breathe cant the".split()
    long = " ".join(rng.choice(keys) for _ in range(3000))
    short = long[: len(long) // 10]

    def took(text: str) -> float:  # the best of three: tests run side by side
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            bot.safety.read(text)
            best = min(best, time.perf_counter() - start)
        return best

    took(short)
    assert took(long) < 30 * max(took(short), 1e-3)
    took("a" * 2000)
    assert took("a" * 20000) < 30 * max(took("a" * 2000), 1e-3)  # one endless word


@pytest.mark.parametrize(
    "text",
    [
        "my grandson swallowed some of his morphine tablets and is drowsy",
        "the toddler got into grandpas oxycodone and ate a couple",
        "our little girl chewed one of his pain pills",
    ],
)
def test_a_child_who_swallowed_a_grown_ups_medicine_is_urgent(bot: Bot, text: str) -> None:
    """However little: poison control lists a child who swallowed an opioid as urgent."""
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "the kids took his pills away so he cant overdo it",
        "can the grandkids be around him after the xofigo shot",
        "my granddaughter takes her asthma pills with juice",
    ],
)
def test_children_and_pills_in_an_ordinary_sentence_are_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "I have had nothing like this chest pain before, it is crushing",
        "my mates dad was fine earlier and has just collapsed",
    ],
)
def test_a_comparison_or_an_earlier_calm_does_not_hide_an_emergency(bot: Bot, text: str) -> None:
    """ "Nothing like this" compares, it denies nothing; "fine earlier" is before the
    collapse, not a story of long ago."""
    assert bot.safety.read(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "his scan showed a number of spots up to his ribs, is xofigo for him",
        "my kids took me to get my meds this morning",
        "the kids ate with his pills on the table",
    ],
)
def test_words_that_only_look_like_a_red_flag_are_not_urgent(bot: Bot, text: str) -> None:
    assert not bot.safety.read(text).urgent
