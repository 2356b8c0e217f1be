"""The Flesch-Kincaid grade that keeps answers plain (the limit is in chatbot.validate)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatbot.readability import count_syllables, flesch_kincaid_grade, sentence_count, words

SIMPLE = "Xofigo is a drug. It goes to your bones. It can help with pain."
COMPLEX = (
    "Radium-223 dichloride is an alpha-emitting radiopharmaceutical that selectively "
    "targets areas of increased bone turnover in osseous metastases, delivering "
    "high-energy radiation that induces double-stranded deoxyribonucleic acid breaks."
)


def test_simple_text_grades_low() -> None:
    assert flesch_kincaid_grade(SIMPLE) < 4


def test_complex_text_grades_high() -> None:
    assert flesch_kincaid_grade(COMPLEX) > 16


def test_plain_rewrite_grades_lower_than_the_original() -> None:
    plain = (
        "Xofigo is a drug with a tiny bit of radium in it. It goes to the parts of your "
        "bones where the cancer is. There it gives off rays that kill cancer cells."
    )
    assert flesch_kincaid_grade(plain) < flesch_kincaid_grade(COMPLEX) - 8


def test_longer_sentences_grade_higher() -> None:
    short = "The drug helps. The pain goes. You feel better."
    joined = "The drug helps and the pain goes and you feel better."
    assert flesch_kincaid_grade(joined) > flesch_kincaid_grade(short)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "?!...", "- * -"])
def test_text_without_words_grades_zero(text: str) -> None:
    assert flesch_kincaid_grade(text) == 0.0


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("cat", 1), ("the", 1), ("side", 1), ("cake", 1), ("free", 1), ("water", 2),
     ("table", 2), ("effects", 2), ("little", 2), ("cancer", 2), ("bones", 1),
     ("immunotherapy", 6), ("side-effects", 3), ("2018", 4), ("", 0)],
)  # fmt: skip
def test_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_words_keep_apostrophes_hyphens_and_numbers() -> None:
    assert words("It's a side-effect: 3.5 mg, 1,000 men!") == [
        "It's", "a", "side-effect", "3.5", "mg", "1,000", "men"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two! Three?", 3),
        ("No full stop at all", 1),
        ("Version 1.5 is out. It works.", 2),
        ("Points:\n- first\n- second", 3),
        ("First paragraph\n\nSecond paragraph", 2),
        ("", 1),
    ],
)
def test_sentence_count(text: str, count: int) -> None:
    assert sentence_count(text) == count


@given(st.text())
def test_grade_is_a_finite_number_and_zero_only_without_words(text: str) -> None:
    grade = flesch_kincaid_grade(text)
    assert math.isfinite(grade)
    if not words(text):
        assert grade == 0.0
