"""Names in news and pasted articles: clubs and firms named after their towns, results tables, companies
and nationalities are not people; people are still found, in the same text."""

import pytest

from tests.deid.helpers import found


@pytest.mark.parametrize("text,not_a_person", [
    ("Werder Bremen 1 ( Bode 85th ) 1860 Munich 1", "Werder Bremen"),
    ("Partizan Belgrade beat Kinder Bologna on Thursday.", "Partizan Belgrade"),
    ("Along with leaders Vicenza , fourth-placed Bologna represent the biggest surprise.", "Bologna"),
    ("Challenge Cup second round match on Friday : Plymouth 4 Exeter 1", "Plymouth"),
    ("Halftime 0-1 . Attendance 5,300 .", "Halftime"),
    ("He had not played since being struck by the AC Milan forward.", "Milan"),
    ("Homestake Mining Co tops the list. I think Homestake could come in as a white knight.", "Homestake"),
    ("The four Britons were shot at from a car.", "Britons"),
    ("It was no help to the Czechs at the Franco-African summit.", "Franco-African"),
])
def test_clubs_firms_and_nationalities_are_not_people(deid, text, not_a_person):
    assert not any(not_a_person in name for name in found(deid, text, "PERSON"))


@pytest.mark.parametrize("text,name", [
    ("Werder Bremen 1 ( Bode 85th ) 1860 Munich 1", "Bode"),
    ("Luca Palermo and his sister visited on Monday.", "Luca Palermo"),  # a surname that is also a town
    ("Mr Sam Bremen rang the duty desk.", "Sam Bremen"),
    ("Molly 4 and Jack 6 were at home.", "Molly"),
    ("He said he does not like Trump and never will.", "Trump"),  # an everyday word as a lone capital in prose
])
def test_people_beside_them_are_still_found(deid, text, name):
    assert name in found(deid, text, "PERSON")


def test_a_capital_in_a_title_is_not_a_name(deid):
    assert found(deid, "Court Reinstates Man 's $ 25 Million Award", "PERSON") == []


def test_a_found_name_does_not_hide_the_everyday_word_in_lower_case(deid):
    text = "Norilsk Nickel on Friday must pay. The world's second-largest nickel producer sells nickel and copper."
    assert found(deid, text, "PERSON").count("nickel") == 0


def test_a_first_name_written_again_in_lower_case_is_still_hidden(deid):
    text = "Allocated to Henry Moss from 18 Jun. First visit done - henry was seen alone."
    assert "henry" in found(deid, text, "PERSON")
