"""Dates, ages, case references, addresses, organisations (pure recogniser functions)."""

import pytest

from deid.recognizers import address, age, case_reference, dates, organisation


def texts(finder, text):
    return [text[s.start:s.end] for s in finder(text)]


@pytest.mark.parametrize("value", ["12/03/2024", "12.3.24", "3-7-2023", "2024-03-12", "12th March 2024",
                                   "12th of March", "12 Mar", "March 12", "March 12th, 2024", "Mar 2024",
                                   "06-Jul-2024", "1st feb", "19/3", "Sept 2021"])
def test_date_formats(value):
    assert texts(dates.find, f"seen on {value} at home") == [value]


@pytest.mark.parametrize("text", ["on Monday at 12.15", "for 3 weeks", "at 9:30am", "24/7 support", "1/2 of them",
                                  "they may 3 times", "aged 7", "2 days ago", "in March"])
def test_date_negatives(text):
    assert dates.find(text) == []


def test_dob_marked():
    spans = dates.find("DOB 01/02/2015 and seen 3/4/2024; d.o.b: 2 May 2011")
    assert [s.source for s in spans] == ["dob", "date", "dob"]


def test_date_parse():
    assert dates.parse("12.3.24") == (2024, 3, 12)
    assert dates.parse("Mar 2024") == (2024, 3, None)
    assert dates.parse("13/4") == (None, 4, 13)
    assert dates.parse("29.01.09") == (2009, 1, 29)


@pytest.mark.parametrize("text,expected", [("aged 7", "7"), ("a 7 year old", "7"), ("7yo boy", "7"),
                                           ("age: 12", "12"), ("aged five", "five"), ("6-year-old", "6"),
                                           ("aged 11 months", "11")])
def test_age_positive(text, expected):
    assert texts(age.find, text) == [expected]


@pytest.mark.parametrize("text", ["3 weeks", "Age UK", "for 7 years", "12 cases"])
def test_age_negative(text):
    assert age.find(text) == []


def test_age_after_name():
    text = "Nell Threlkeld (9) and Tobias Quenby, 84, were there"
    assert age.find_after_name(text, len("Nell Threlkeld")).start == text.index("9")
    assert age.find_after_name(text, text.index(", 84")).start == text.index("84")
    assert age.find_after_name("Nell came (with Mum)", 4) is None


@pytest.mark.parametrize("text,expected", [("Mosaic 4419927", "4419927"), ("LCS no. 8812345", "8812345"),
                                           ("Liquidlogic ID: 556677", "556677"), ("EHM 99812", "99812"),
                                           ("case ref 77123", "77123"), ("see CP/1234/23 now", "CP/1234/23"),
                                           ("file LAC/0099/21", "LAC/0099/21"), ("ref ASC-123456", "ASC-123456"),
                                           ("check the case note on UO22C74091 - wrong", "UO22C74091"),
                                           ("the record for KP21C38368.", "KP21C38368")])
def test_case_reference(text, expected):
    assert expected in texts(case_reference.find, text)


@pytest.mark.parametrize("text", ["COVID-19 rules", "section 47", "s47 started", "24/7 cover", "Year 6 pupil",
                                  "the case on COVID19 cases", "case notes on MP3 files"])
def test_case_reference_negative(text):
    assert case_reference.find(text) == []


def test_configured_case_pattern():
    pats = case_reference.compile_patterns([r"\bGC-(\d{5})\b", r"\bQX\d{4}\b"])
    text = "logged GC-12345 and QX9876"
    assert [text[s.start:s.end] for s in case_reference.find_configured(text, pats)] == ["12345", "QX9876"]


@pytest.mark.parametrize("value", ["12 Quenby Road", "42/7 Threlkeld Avenue", "101b Oduya Terrace",
                                   "Flat 3, 12 Marram Close", "Flat 12, Vantry Court", "9 larkspur way",
                                   "23 Pell St", "Ostrey Drive"])
def test_address_positive(value):
    assert value in texts(address.find, f"lives at {value}, near the shops")


@pytest.mark.parametrize("text", ["had 2 core group meetings", "at least 5 working days", "the Family Court",
                                  "down the road", "went to the park"])
def test_address_negative(text):
    assert address.find(text) == []


@pytest.mark.parametrize("value", ["Marram Vale Primary School", "St Ebba's RC High School", "Quenby Academy",
                                   "Little Acorns Day Nursery", "The Ostrey Practice", "Vantry Medical Centre",
                                   "Larkhill Care Home"])
def test_organisation_positive(value):
    assert value in texts(organisation.find, f"from {value} today")


@pytest.mark.parametrize("text", ["the primary school", "Good Practice guidance", "at school", "the local nursery",
                                  "had knee surgery"])
def test_organisation_negative(text):
    assert organisation.find(text) == []


def test_named_home_needs_context():
    assert texts(organisation.find, "placed at Vantry Lodge since May") == ["Vantry Lodge"]
    assert organisation.find("12 Vantry Lodge Road") == [] or all(
        s.source != "named_home" for s in organisation.find("12 Vantry Lodge Road"))


@pytest.mark.parametrize("text,value", [
    ("Contact no.: 5115.6139", "5115.6139"),  # written in dotted groups after a label: all of it
    ("Case ref: 4471.2093 was closed.", "4471.2093"),
])
def test_a_labelled_number_in_dotted_groups_is_covered_whole(text, value):
    from deid import Deidentifier

    assert value in [text[s.start:s.end] for s in Deidentifier().analyse(text)]


@pytest.mark.parametrize("text,value", [
    ("Could you check the case note on 2023/8654 - the wrong address was recorded.", "2023/8654"),
    ("record 576-6979 shows the visit", "576-6979"),
])
def test_a_number_written_year_slash_number_after_a_case_word_is_a_case_reference(text, value):
    assert value in [text[s.start:s.end] for s in case_reference.find(text)]


def test_a_year_range_after_a_case_word_is_not_a_case_reference():
    assert case_reference.find("The case for 2021/2022 was closed.") == []
