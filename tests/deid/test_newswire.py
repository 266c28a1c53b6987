"""Names in news and pasted articles: clubs and firms named after their towns, results lines, companies
and nationalities are not people; people are still found, in the same text.

The sentences are written here (none is taken from an evaluation corpus); each one was a false name
before the rule it tests."""

import pytest

from tests.deid.helpers import found


@pytest.mark.parametrize("text,not_a_person", [
    ("The striker joined Lokomotiv Dresden last week.", "Dresden"),  # a club named after its town
    ("Leaders Grenoble , fourth-placed Parma and Modena are level.", "Grenoble"),  # a town the model calls a person
    ("Dynamo Rostock 2 ( Kowalczyk 61st ) Sporting Bremen 0", "Rostock"),  # a town before a score
    ("Half-time 2-1 . Attendance 12,000 .", "Half-time"),  # a score is no age
    ("He had not played since the AS Nancy forward was sent off.", "Nancy"),  # a club's letters before it
    ("Zenmark Mining Corp tops the list. I think Zenmark could come in as a buyer.", "Zenmark"),  # a company
    ("Talks with the visiting Croats ended without agreement.", "Croats"),  # a nationality's plural
])
def test_clubs_firms_and_nationalities_are_not_people(deid, text, not_a_person):
    assert not any(not_a_person in name for name in found(deid, text, "PERSON"))


@pytest.mark.parametrize("text,name", [
    ("Dynamo Rostock 2 ( Kowalczyk 61st ) Sporting Bremen 0", "Kowalczyk"),
    ("Ana Porto and her sister visited on Monday.", "Ana Porto"),  # a surname that is also a town
    ("Mr Sam Bremen rang the duty desk.", "Sam Bremen"),
    ("Molly 4 and Jack 6 were at home.", "Molly"),
    ("He said he does not trust Truss on tax.", "Truss"),  # an everyday word as a lone capital in prose
])
def test_people_beside_them_are_still_found(deid, text, name):
    assert name in found(deid, text, "PERSON")


def test_a_capital_in_a_headline_is_not_a_name(deid):
    assert found(deid, "Council Approves Plan For New Bridge", "PERSON") == []


def test_a_found_name_does_not_hide_the_everyday_word_in_lower_case(deid):
    text = "Kolyma Nickel said on Monday it must pay its debts. The nickel market fell and nickel and copper prices dropped."
    assert "nickel" not in found(deid, text, "PERSON")


def test_a_first_name_written_again_in_lower_case_is_still_hidden(deid):
    text = "Allocated to Henry Moss from 18 Jun. First visit done - henry was seen alone."
    assert "henry" in found(deid, text, "PERSON")


def test_towns_joined_by_a_hyphen_are_a_place_not_a_double_surname(deid):
    text = "Mum said the Rostock-Dresden coach left and dad told Vardaxis."
    assert "Rostock-Dresden" in found(deid, text, "LOCATION") and "Vardaxis" in found(deid, text, "PERSON")


@pytest.mark.parametrize("text,not_a_person", [
    ("Russian commercial bank Kolvexbank has said it is reorganising.", "Kolvexbank"),
    ("Norwegian side Brannvik won 2-1.", "Brannvik"),
])
def test_a_word_named_as_an_organisation_is_not_a_person(deid, text, not_a_person):
    assert not_a_person not in found(deid, text, "PERSON")


def test_a_first_name_after_an_organisation_noun_is_still_a_name(deid):
    assert "Sarah" in found(deid, "The team Sarah works in is short-staffed.", "PERSON")
