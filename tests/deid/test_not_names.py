"""Capitalised words that are not people: nationalities, languages, faiths, clubs, brands, job titles,
form labels, exclamations, hashtags and titles of works. A report full of wrongly redacted words is
unreadable. Every string here is invented for the test."""

import pytest

from tests.deid.helpers import found


@pytest.mark.parametrize("text", [
    "The Eritrean and Ghanaian students shared a room.",
    "She speaks Tigrinya and some Italian; she is Orthodox.",
    "He supports Arsenal and watched the Chelsea v Spurs game.",
    "Her Huawei phone and a Samsung tablet were seized.",
    "The Director wrote to the Governor.",
    "The benefit is Universal Credit, paid monthly.",
    "Ethnicity: White - Any other White background",
    "Age: 12\nNINO: not known",
    "Nooooo the bus was late again!",
    "Loved it #Peace #Hope",
    "They watched Star Trek and the Fox News channel.",
    "Visit went ahead with Language Line.",
    "We use WiFi and the KyState app.",
])
def test_everyday_capitalised_words_are_not_names(deid, text):
    assert found(deid, text, "PERSON") == []


@pytest.mark.parametrize("text,name", [
    ("Mr French attended the review.", "French"),  # a nationality as a surname, after a title
    ("Christian told the nurse he was hungry.", None),  # a name that is also a faith: not vetoed by the list
    ("Chelsea Mwangi rang the office.", "Chelsea Mwangi"),  # a club's name as a first name
])
def test_listed_words_are_still_names_with_evidence(deid, text, name):
    persons = found(deid, text, "PERSON")
    if name is not None:
        assert name in persons


def test_state_codes_and_single_capitals_are_not_names(deid):
    assert found(deid, "Sent to 12 Pine St, Austin, TX 73301 and Regina, SK.", "PERSON") == []


def test_greetings_of_other_languages_are_not_names(deid):
    assert found(deid, "dzień dobry, tu jestem\nbuna ziua, sunt acasa", "PERSON") == []


def test_a_sentence_starting_on_is_not_an_age(deid):
    text = "On 9 November, at 10:05, the worker wrote back."
    assert found(deid, text, "PERSON") == []


@pytest.mark.parametrize("text", ["They were like the Borg in that film.", "You deserve a Clarke for that."])
def test_an_article_before_a_capitalised_word_in_general_prose(deid, text):
    assert found(deid, text, "PERSON") == []


def test_an_article_before_a_family_name_in_a_care_note(deid):
    assert "Kowalczyk" in " ".join(found(deid, "Mum said the Kowalczyk referral was closed.", "PERSON"))
