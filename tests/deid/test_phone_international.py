"""Phone numbers of every country (libphonenumber), beside the UK rule; and the UK rule's edge cases."""

import pytest

from deid.recognizers import phone


def texts(text):
    return [text[s.start:s.end] for s in phone.find(text)]


@pytest.mark.parametrize("value", [
    "+370 37 750682",  # Lithuania
    "+48 22 123 45 67",  # Poland
    "0048 22 123 45 67",  # Poland, 00 prefix
    "+40 721 234 567",  # Romania
    "+351.926.284.978",  # Portugal, dots
    "+234 (0) 803 123 4567",  # Nigeria, (0)
    "+1 (202) 456-1111",  # USA
    "+91 98765 43210",  # India
    "+44.7911.123456",  # UK, dots
])
def test_international_formats(value):
    assert texts(f"call {value} today") == [value]


@pytest.mark.parametrize("value", [
    "(202) 456-1111",  # USA
    "622 07 28 75",  # Spain
    "0721 234 567",  # Romania
    "06 12 34 56 78",  # France
    "0799330003",  # Romanian mobile typed without spaces
])
def test_other_countries_national_formats(value):
    assert texts(f"her number is {value} now") == [value]


@pytest.mark.parametrize("text", ["seen on 12.03.2024", "born (03/04/2016)", "ref 2023/19694", "invoice 1234567",
                                  "scored 12 34 56"])
def test_look_alikes(text):
    assert phone.find(text) == []


@pytest.mark.parametrize("raw", ["+44", "0", "(0)", "+44 (0)", "0044", ""])
def test_no_national_number_is_not_a_uk_number(raw):
    assert phone.is_plausible_uk_number(raw) is False


def test_a_number_touching_another_script(deid):
    # Chinese, Arabic or Cyrillic letters right before a number do not make it part of a word.
    for text in ("我是唐桂荣，电话+44.7911.123456", "رقم+44 7911 123456", "тел.07911123456"):
        assert phone.find(text), text


@pytest.mark.parametrize(("text", "value"), [
    ("A man rang from 133958572 claiming to be from HMRC.", "133958572"),
    ("The interpreter can be reached on 59745526.", "59745526"),
])
def test_bare_numbers_after_phone_words(text, value):
    assert texts(text) == [value]


def test_a_dotted_phone_number_is_not_an_ip_address(deid):
    text = "A man rang from +33.1.53.47.47.77 claiming to be the bank."
    assert [(s.label, text[s.start:s.end]) for s in deid.analyse(text)] == [("PHONE", "+33.1.53.47.47.77")]
