"""Structured identifiers: NHS, NI, postcode, phone, e-mail (pure recogniser functions, no model)."""

import pytest

from deid.recognizers import email, nhs_number, ni_number, phone, postcode


def _with_check_digit(nine: str) -> str:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=False))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    assert check != 10
    return nine + str(check)


VALID_NHS = _with_check_digit("401023213")  # 401 023 2137


def texts(finder, text):
    return [text[s.start:s.end] for s in finder(text)]


@pytest.mark.parametrize("fmt", ["{a}{b}{c}", "{a} {b} {c}", "{a}-{b}-{c}"])
def test_nhs_formats_with_context(fmt):
    n = VALID_NHS
    value = fmt.format(a=n[:3], b=n[3:6], c=n[6:])
    assert texts(nhs_number.find, f"NHS no. {value} on file") == [value]
    assert texts(nhs_number.find, f"her nhs number is {value}.") == [value]


def test_nhs_needs_context_and_checksum():
    assert nhs_number.find(f"ref {VALID_NHS} was logged") == []  # no context
    bad = VALID_NHS[:9] + str((int(VALID_NHS[9]) + 1) % 10)
    assert nhs_number.find(f"NHS number {bad}") == []  # checksum fails
    assert nhs_number.find("NHS number 1111111111") == []
    assert nhs_number.is_valid_nhs_number("943 476 5919")


@pytest.mark.parametrize("value", ["AB 12 34 56 C", "ab123456c", "JG 103759 A", "ce 48 11 20 d", "OR123456B"])
def test_ni_valid(value):
    assert texts(ni_number.find, f"NI number {value} noted") == [value]


@pytest.mark.parametrize("value", ["DA 12 34 56 C", "AO123456A", "GB123456A", "ZZ 12 34 56 A", "AB123456E",
                                   "QQ123456A", "NK 12 34 56 B", "ZZ 14 68 81 T", "ZZ639233T"])
def test_a_number_hmrc_never_issues_is_still_found_by_its_shape_in_capitals(value):
    # Sample, temporary and invented numbers use the prefixes and suffixes HMRC never issues.
    (span,) = ni_number.find(f"NI number {value} noted")
    assert (span.source, span.score) == ("ni_number_shape", 0.8)
    assert ni_number.find(f"ni number {value.lower()} noted") == []


@pytest.mark.parametrize("text", ["PO BOX 123456 A", "AB12345678C", "ZZ 1234 56 T", "HELLO AB123456 OK"])
def test_ni_shape_wants_two_letters_six_digits_one_letter(text):
    assert ni_number.find(text) == []


@pytest.mark.parametrize("value", ["M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "ec1a1bb",
                                   "ls6 2qz", "SW1A2AA"])
def test_postcode_formats(value):
    assert texts(postcode.find, f"lives at {value} now") == [value]


@pytest.mark.parametrize("text", ["under s47 5th may", "room B4 today", "QZ1 1AA", "code AB12345", "section 17"])
def test_postcode_negatives(text):
    assert postcode.find(text) == []


@pytest.mark.parametrize("value", ["07700 900123", "07700900123", "+44 7700 900123", "+447700900123",
                                   "+44 (0)7700 900123", "0161 496 0012", "(020) 7946 0321", "020 7946 0321",
                                   "01632 960 001", "0113-496-0555"])
def test_phone_formats(value):
    assert texts(phone.find, f"call {value} today") == [value]


@pytest.mark.parametrize("text", ["on 01/02/2015", "ref 0123", "NHS 4010232137", "at 12:30", "ID 7700900123",
                                  "call 0900 11"])
def test_phone_negatives(text):
    assert phone.find(text) == []


def test_email():
    assert texts(email.find, "mail j.quenby7@example-la.gov.uk, thanks") == ["j.quenby7@example-la.gov.uk"]
    assert email.find("not an email: user at host dot com, or @handle") == []
    assert email.local_part_words("nell.threlkeld84@x.org") == ["nell", "threlkeld"]
