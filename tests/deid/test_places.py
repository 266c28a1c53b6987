"""Places named outside a "where somebody is" phrase: countries, regions, venues, and towns the model
takes for organisations, as plain Presidio finds them (news, pasted articles, messages)."""

import pytest

from tests.deid.helpers import found


@pytest.mark.parametrize("text,place", [
    ("Mauritius put on cyclone alert .", "Mauritius"),  # the model calls it a person
    ("The family came from the Democratic Republic of the Congo last year.", "Democratic Republic of the Congo"),
    ("Uzbekistan are in the finals as outsiders .", "Uzbekistan"),  # no entity at all
    ("WARSAW 1996-12-06", "WARSAW"),  # a dateline the model reads as an organisation
    ("Australia won the match against Wales on Friday.", "Australia"),
    ("He flew back to Lagos and then on to Kano.", "Kano"),
])
def test_countries_and_towns_anywhere(deid, text, place):
    assert place in found(deid, text, "LOCATION")


def test_a_country_that_is_a_first_name_needs_the_model():
    """"Jordan" alone at the start of a sentence is a boy's name as often as a country."""
    from deid import Deidentifier

    spans = Deidentifier().analyse("Jordan was upset after contact.")
    assert not any(s.label == "LOCATION" for s in spans)


@pytest.mark.parametrize("text", [
    "She went to the Leisure Centre and then the Main Hall.",
    "Home visit done, nobody at home.",
    "Mum said the boy was wearing a Manchester United shirt when he left.",  # a team, where sport is talked about
])
def test_kinds_of_building_and_everyday_words_are_not_places(deid, text):
    assert found(deid, text, "LOCATION") == []


@pytest.mark.parametrize("text,venue", [
    ("Dad works at the Red Lion Pub most evenings.", "Red Lion Pub"),
    ("They pray at Al-Noor Mosque on Fridays.", "Al-Noor Mosque"),
    ("Cast at the Fly Community Theater Friday night.", "Fly Community Theater"),
    ("Seen outside Costa Cafe with an older male.", "Costa Cafe"),
])
def test_named_venues_are_organisations(deid, text, venue):
    assert venue in found(deid, text, "ORGANISATION")


@pytest.mark.parametrize("text,place", [
    ("Bordeaux 20 9 7 4 29 21 34", "Bordeaux"),  # a league table: a team named after its town
    ("DALLAS 16 9 1 74 60 33", "DALLAS"),
])
def test_a_town_in_a_table_is_not_a_person(deid, text, place):
    assert place not in found(deid, text, "PERSON")


@pytest.mark.parametrize("text,name", [
    ("Florence is 4 and attends nursery.", "Florence"),
    ("Chelsea said she was scared of him.", "Chelsea"),
    ("Mr Lincoln rang the duty desk.", "Lincoln"),
])
def test_names_that_are_also_towns_stay_protected(deid, text, name):
    spans = {text[s.start:s.end] for s in deid.analyse(text)}
    assert name in spans


def test_an_everyday_word_of_a_longer_name_is_not_looked_for_elsewhere(deid):
    """Other mentions of a found name are names too, but not the everyday words of a longer one."""
    text = ("Virginia Tech end Cornell Brown and Arizona State tackle Juan Roque were finalists. "
            "The State Department said nothing. Later Roque said he was pleased.")
    persons = found(deid, text, "PERSON")
    assert "State" not in persons
    assert persons.count("Roque") == 1  # the surname alone is still found


def test_a_nationality_in_a_found_name_is_not_looked_for_elsewhere(deid):
    text = "Referral for Christian German today. The German interpreter came at noon."
    assert found(deid, text, "PERSON") == ["Christian German"]


def test_a_word_of_an_organisation_named_in_full_is_no_name_on_weak_evidence(deid):
    """"Santa" and "Fe" are first names in some lists; here the text names the company in full."""
    text = "Santa Fe Pacific Gold Corp said on Friday. Santa Fe is so far mum. Newmont merged with Santa Fe."
    assert found(deid, text, "PERSON") == []
    # a title is strong evidence, whatever the organisations are called
    text = "Ms Patel from Patel Solicitors Ltd rang."
    assert "Patel" in found(deid, text, "PERSON")


@pytest.mark.parametrize("text,place", [
    ("the family moved here from poland last year and mum speaks little english", "poland"),
    ("dad went back to south africa in june", "south africa"),
])
def test_a_country_in_lower_case_notes(deid, text, place):
    assert place in found(deid, text, "LOCATION")


def test_a_lower_case_country_that_is_an_everyday_word_is_left():
    from deid import Deidentifier

    spans = Deidentifier().analyse("she cooked a turkey and laid out the china cups")
    assert not any(s.label == "LOCATION" for s in spans)


@pytest.mark.parametrize("text,place", [
    ("Posted by his cousin: back home at last #Aberdeen", "Aberdeen"),
    ("Sunday with the kids #NewMexico", "NewMexico"),
    ("new job starts monday #lagos", "lagos"),
])
def test_a_place_written_as_a_hashtag(deid, text, place):
    assert place in found(deid, text, "LOCATION")


def test_an_everyday_hashtag_is_not_a_place(deid):
    assert found(deid, "Lovely day out #spring #family", "LOCATION") == []


@pytest.mark.parametrize("text,place", [
    ("Busan- Daegu , South Korea : a photo diary", "Daegu"),  # an organisation's run split at a hyphen
    ("# Tashkent talks resume", "Tashkent"),  # the model calls it a person
])
def test_a_town_the_model_took_for_a_name_or_organisation(deid, text, place):
    assert place in found(deid, text, "LOCATION")


@pytest.mark.parametrize("text,place", [
    ("They lived in Plano, TX before moving here.", "TX"),
    ("The grandparents are in Halifax, NS and visit twice a year.", "NS"),
])
def test_a_state_code_after_a_town(deid, text, place):
    assert place in found(deid, text, "LOCATION")


def test_a_capital_word_after_a_comma_is_not_a_state(deid):
    assert "OK" not in found(deid, "Spoke to Leeds, OK to close.", "LOCATION")


@pytest.mark.parametrize("text,place", [
    ("He was found by the River Tove late at night.", "River Tove"),
    ("The trip to Yosemite National Park was cancelled.", "Yosemite National Park"),
    ("They camped by Lake Malawi.", "Lake Malawi"),
])
def test_rivers_lakes_and_parks(deid, text, place):
    assert place in found(deid, text, "LOCATION")


@pytest.mark.parametrize("text,place", [
    ("Augsburg 0 Bochum 2", "Augsburg"),  # a town that is nobody's name, in a results line
    ("The West Indies tour starts in March.", "West Indies"),  # a region named like a country
])
def test_towns_and_regions_the_model_missed(deid, text, place):
    assert place in found(deid, text, "LOCATION")


def test_a_town_before_a_team_word_is_the_team(deid):
    assert "Manchester" not in found(deid, "He was wearing a Manchester United shirt.", "LOCATION")
