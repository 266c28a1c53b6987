"""Hospitals, hospices, clinics, GP practices and care homes are organisations, found by their head
noun after a name: the whole name is one ORGANISATION, never a person's or a place's fragment."""

import pytest

from tests.deid.helpers import found


def labels(deid, text):
    return [(s.label, text[s.start:s.end]) for s in deid.analyse(text)]


@pytest.mark.parametrize("text,organisation", [
    ("She was admitted to St Mary's Hospital on Monday.", "St Mary's Hospital"),
    ("He was transferred to the Royal Infirmary overnight.", "Royal Infirmary"),
    ("Mum moved into Oakwood Care Home last week.", "Oakwood Care Home"),
    ("Staff at Elm Tree Nursing Home phoned the duty team.", "Elm Tree Nursing Home"),
    ("The GP at the Riverside Surgery did not pass on the letter.", "Riverside Surgery"),
    ("Park Lane Medical Centre faxed the referral.", "Park Lane Medical Centre"),
    ("Dr Patel's practice had the wrong address.", "Dr Patel's practice"),
    ("Ashfield GP practice had the wrong address.", "Ashfield GP practice"),
    ("Greenfields Health Centre closed early.", "Greenfields Health Centre"),
    ("She is at St Luke's Hospice now.", "St Luke's Hospice"),
    ("Seen at the Northgate Clinic on Tuesday.", "Northgate Clinic"),
    ("Taken to Queen Elizabeth University Hospital.", "Queen Elizabeth University Hospital"),
    ("He went to Whiston Hospital A&E.", "Whiston Hospital"),
    ("Bramley Residential Home called.", "Bramley Residential Home"),
    ("Parkside High School's DSL did not reply.", "Parkside High School"),
    # as front-line workers type
    ("he was in whiston hospital for a week", "whiston hospital"),
    ("ashfield gp practice lost the letter", "ashfield gp practice"),
    ("dr okafor's surgery rang back", "dr okafor's surgery"),
])
def test_named_health_and_care_services_are_one_organisation(deid, text, organisation):
    assert labels(deid, text) == [("ORGANISATION", organisation)]


@pytest.mark.parametrize("text", [
    "She was referred to the Memory Clinic.",
    "The Sexual Health Clinic saw her on Friday.",
    "Taken to University Hospital by ambulance.",
    "The Children's Hospital discharged her.",
    "He went to the GP Surgery.",
    "Baby Clinic on Tuesday was missed.",
    "The hospital discharged him without a plan; the care home was not told.",
    "Mum had knee surgery at the local hospital.",
    "Referred to the camhs clinic.",
    "The doctor's surgery rang.",
])
def test_kinds_of_service_and_plain_words_are_not_names(deid, text):
    assert found(deid, text) == []
