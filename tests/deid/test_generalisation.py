"""Behaviour that does not depend on the dev corpus's phrasing: user names, names outside our lexicons,
names that are everyday words used as names, towns named without a "where" phrase, and text written
the way social media is (tokenised contractions, hashtags). Every string here is invented."""

import pytest

from deid import DeidConfig, Deidentifier
from deid.recognizers import handle
from tests.deid.helpers import found


# -- user names -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("Her snapchat is @jaz_xo99 and she messaged him.", "@jaz_xo99"),
    ("She messaged @Dee_Quill last night.", "@Dee_Quill"),
    ("RT @ Dee _ Quill : seen it", "@ Dee _ Quill"),  # tokenised text
    ("He posts as @Quillfeather.", "@Quillfeather"),
    ("Thanks to u/quill_fan for the tip.", "u/quill_fan"),
    ("Looking at you , / u / quill_fan .", "u / quill_fan"),
])
def test_handles_are_redacted_as_usernames_not_person_names(deid, text, name):
    assert name in found(deid, text, "USERNAME")
    assert found(deid, text, "PERSON") == []


@pytest.mark.parametrize("text", [
    "Seen @home with mum.",
    "Meet @ 3pm on Monday.",
    "Drop-off @ school was late.",
    "Review @10:30 tomorrow.",
])
def test_at_sign_meaning_at_is_not_a_handle(deid, text):
    assert handle.find(text) == []
    assert found(deid, text, "PERSON") == []


def test_email_is_not_cut_into_a_handle(deid):
    text = "Email jo.quill@example.org please."
    assert [(text[s.start:s.end], s.label) for s in deid.analyse(text)] == [("jo.quill@example.org", "EMAIL")]


def test_handle_pieces_are_not_names_elsewhere(deid):
    text = "Contact @happy_days about it. I was happy with the plan."
    assert found(deid, text, "USERNAME") == ["@happy_days"]
    assert found(deid, text, "PERSON") == []


def test_adjacent_handles_stay_separate(deid):
    text = "cc @dee_quill @marn_99 thanks"
    assert found(deid, text, "USERNAME") == ["@dee_quill", "@marn_99"]


def test_a_handle_beside_a_name_is_redacted_apart_from_it(deid):
    text = "Her friend Tamsin Quill (@tamsin_q99) sent the photo."
    assert found(deid, text, "PERSON") == ["Tamsin Quill"]
    assert found(deid, text, "USERNAME") == ["@tamsin_q99"]


def test_one_handle_written_two_ways_gets_one_placeholder(deid):
    result = deid.deidentify("RT @ Dee _ Quill : seen it. Then @dee_quill posted again.")
    assert result.redacted.count("[USERNAME 1]") == 2 and "Quill" not in result.redacted


# -- names outside the lexicons ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("The letter from the solicitor mentioned Vardaxis twice.", "Vardaxis"),  # mid-sentence proper noun
    ("Vardaxis said the flat was cold.", "Vardaxis"),  # subject of a verb at the start
    ("Mum said that Thatcher had rung twice.", "Thatcher"),  # everyday word, capitalised mid-sentence, NER name
    ("She moved in with kim oduya last week.", "kim oduya"),  # lower case: common first name + non-word
])
def test_names_outside_lexicons(deid, text, name):
    assert name in found(deid, text, "PERSON")


@pytest.mark.parametrize("text", [
    "Pathway Plan review booked for the care leaver.",  # capitalised process name
    "Don ' t worry , we won ' t be late .",  # tokenised contractions
    "Don't worry, won't be long.",
    "Loved the photo #Hope #Faith #blessed",  # hashtags of name-like words are topics
    "Interpreter booked: Portuguese speaker.",  # a language and a nationality are no place
])
def test_generalisation_hard_negatives(deid, text):
    assert found(deid, text) == []


def test_world_town_is_not_taken_for_a_surname(deid):
    text = "We drove past Bordeaux on the way."
    assert found(deid, text, "PERSON") == []


def test_everyday_word_at_sentence_start_not_trusted(deid):
    text = "Thatcher roofs are rare. The roof was fine."
    assert found(deid, text, "PERSON") == []


def test_capitalised_words_in_shouting_are_not_names(deid):
    assert found(deid, "DING DING DING DING DING", "PERSON") == []


# -- places -----------------------------------------------------------------------------------------------
def test_town_named_without_where_phrase(deid):
    text = "Her dad still works in a warehouse; Wakefield was mentioned as a possible move."
    assert found(deid, text, "LOCATION") == ["Wakefield"]


@pytest.mark.parametrize("text,surname", [
    ("She left the baby with her partner Darren Pike overnight.", "Pike"),
    ("The referral named Leah Fox as the carer.", "Fox"),
])
def test_an_everyday_word_after_a_capitalised_first_name_is_a_surname(deid, text, surname):
    redacted = deid.redact(text, deid.analyse(text))
    assert surname not in redacted



@pytest.mark.parametrize("text,name", [
    ("statutory visit to mason (age 7) at the family home", "mason"),
    ("spoke to jade (aged 15) after school", "jade"),
    ("i'm the family support worker for darcey's family", "darcey"),
    ("visit moved, poppy (6yo) is on new medication", "poppy"),
])
def test_a_lower_case_name_is_found_by_the_age_or_the_family_that_follows_it(deid, text, name):
    assert name not in deid.redact(text, deid.analyse(text))


@pytest.mark.parametrize("text,kept", [
    ("the dog's bed and the cat (3) were in the hall", "cat (3)"),
    ("went to the doctor's surgery; the team's plan changed", "team's plan"),
    ("will's mum rang back", "will's"),
])
def test_everyday_words_before_a_number_or_possessive_stay(deid, text, kept):
    assert kept in deid.redact(text, deid.analyse(text))


@pytest.mark.parametrize("text", ["Visit booked for Thurs 25th at the school.", "seen on monday the 3rd, alone"])
def test_a_weekday_with_a_day_of_the_month_is_a_date(deid, text):
    spans = deid.analyse(text)
    assert any(s.label == "DATE" for s in spans)


def test_a_weekday_alone_is_not_a_date(deid):
    assert not deid.analyse("We meet every Tuesday and on Friday afternoons.")


@pytest.mark.parametrize("text,street", [
    ("self neglect, flat on pennyroyal way. hoarding", "pennyroyal way"),
    ("she lives on brackenmoor drive with her dad", "brackenmoor drive"),
])
def test_a_lower_case_street_where_someone_lives_is_an_address(deid, text, street):
    assert street not in deid.redact(text, deid.analyse(text))


@pytest.mark.parametrize("text", ["moved to a house in the same way as before", "he is on his way home",
                                  "she lives in hope of a transfer"])
def test_ordinary_phrases_about_living_are_not_addresses(deid, text):
    assert not [s for s in deid.analyse(text) if s.label == "ADDRESS"]


def test_an_organisations_case_reference_pattern_matches_in_any_case():
    deid = Deidentifier(DeidConfig(case_reference_patterns=[r"\bQX\d{6}\b"]))
    assert "qx123456" not in deid.redact("record is under qx123456.", deid.analyse("record is under qx123456."))


@pytest.mark.parametrize("text,name", [
    ("planned home visit to see riley & Kai Brennan as part of the plan", "riley"),
    ("referral was from health about keeley's mental health", "keeley"),
])
def test_a_lower_case_first_name_next_to_a_name_or_owning_something_is_a_name(deid, text, name):
    assert name not in deid.redact(text, deid.analyse(text))


# -- organisations written the way exports, signatures and messages write them -----------------------------
@pytest.mark.parametrize("text,org", [
    ("Employer: Kestrel Haulage Ltd\nNINO: none", "Kestrel Haulage Ltd"),
    ("Her partner works at Brannagh and Sons since May.", "Brannagh and Sons"),
    ("Signed for Zielonka Sp. z o.o. on Monday.", "Zielonka Sp. z o.o."),
    ("nan is at elmbrook grange care centre rm 4", "elmbrook grange care centre"),
    ("Seen at Corrib Vale Medical Group last week.", "Corrib Vale Medical Group"),
    ("son (6) in nursery (hazelmere kindergarten)", "hazelmere kindergarten"),
])
def test_organisations_in_exports_signatures_and_notes(deid, text, org):
    assert org in found(deid, text, "ORGANISATION")


@pytest.mark.parametrize("text", [
    "He works at night and sleeps in the day.",
    "The support group met on Monday.",
    "Employer: none",
])
def test_work_phrases_without_a_named_employer(deid, text):
    assert found(deid, text, "ORGANISATION") == []
