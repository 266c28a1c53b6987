"""Identifiers known by their shape when no check confirms them: numbers no phone plan has, IBANs of the
wrong length, long numbers of unknown kind, and web addresses Presidio's domain list cuts short. People
mistype, invent and paste these; each still points at somebody."""

import pytest

from deid.recognizers import long_number, payment, phone
from tests.deid.helpers import found


def phone_texts(text):
    return [(text[s.start:s.end], s.source) for s in phone.find(text)]


@pytest.mark.parametrize("value", [
    "(399)935-6327",  # North America, an area code nobody has
    "556.904.8063",
    "1-356-327-2951",
    "001-714-868-8197",
    "+54 15 2932 1468",  # Argentina, not a valid mobile
    "+389(0)97 369 935",
    "+998 (21) 468-8197",
    "+90 (756) 0480635",
    "(+358) 124383987",  # the country code in brackets
])
def test_a_number_shaped_like_a_phone_number_is_one_even_if_no_plan_has_it(value):
    text = f"The worker noted {value} on the form."
    assert [text[s.start:s.end] for s in phone.find_shaped(text)] == [value]
    assert [t for t, _ in phone_texts(text)] == [value]  # by a plan's rule where one has it


@pytest.mark.parametrize(("text", "number"), [
    ("rang (399)935-6327x29518 twice", "(399)935-6327x29518"),
    ("office 956-048-0635 x817 today", "956-048-0635 x817"),
    ("school on +44 (0) 20 7946 0958 ext 214 then", "+44 (0) 20 7946 0958 ext 214"),
    ("+1-632-272-9518x17560", "+1-632-272-9518x17560"),
])
def test_an_extension_is_part_of_its_number(text, number):
    assert [t for t, _ in phone_texts(text)] == [number]


@pytest.mark.parametrize("text", ["on 2023-11-05 at 10:30", "+10 points to Gryffindor", "version 2024.11.05",
                                  "ratio 12.345.6789", "sort code 12-34-56", "06-32/729"])
def test_dates_counts_and_codes_are_not_phone_shaped(text):
    assert phone.find_shaped(text) == []


def test_a_number_a_plan_knows_keeps_its_rule():
    assert phone_texts("call +40 721 234 567 today") == [("+40 721 234 567", "phone_intl")]


def test_the_shape_takes_the_country_code_the_plan_left_out():
    assert [t for t, _ in phone_texts("ring +359(0)727 255 358 now")] == ["+359(0)727 255 358"]


def test_an_iban_of_the_wrong_length_that_passes_mod_97_is_still_an_iban():
    # One character short for a British IBAN; its check digits are right.
    (span,) = payment.find_ibans("paid into GB45LRCO8397052327928 without consent")
    assert (span.source, span.score) == ("iban_any_length", 0.8)
    assert payment.find_ibans("paid into GB45LRCO8397052327929 without consent") == []
    text = "paid into GB45 LRCO 8397 0523 2792 8 for rent"
    assert [text[s.start:s.end] for s in payment.find_ibans(text)] == ["GB45 LRCO 8397 0523 2792 8"]


@pytest.mark.parametrize("value", ["4692469973653", "209754202094956908", "123456789", "WPBE92961112422623",
                                   "M239233212", "V-11123316", "36656665812056734341533BK",
                                   "101072-17197", "3-4820-07367-27-1", "000-15-6297", "LA2681136", "13723184316449BMHFIMKGWYIDXTZ"])
def test_a_long_number_or_code_of_unknown_kind_is_an_id_number(value):
    assert [value] == [f"The worker noted {value} on the form."[s.start:s.end]
                       for s in long_number.find(f"The worker noted {value} on the form.")]


@pytest.mark.parametrize("text", ["paid £100000000 in 2023", "12345678 steps", "score 123456789.5", "COVID19 jab",
                                  "on 12/03/2024", "the file at /srv/data/123456789", "jo123456789@example.com",
                                  "flat 1234567", "COVID2019 jab", "2023-11-05", "12-34-56",
                                  "2019-2020"])
def test_amounts_short_numbers_paths_and_words_are_not_id_numbers(text):
    assert long_number.find(text) == []


def test_what_the_words_say_outranks_an_id_number(deid):
    assert [s.label for s in deid.analyse("her number is 4692469973653")] == ["PHONE"]
    assert [s.label for s in deid.analyse("The worker noted 4692469973653 on the form.")] == ["ID_NUMBER"]
    assert deid.deidentify("noted 4692469973653 and 4692469973653").redacted == "noted [ID_NUMBER 1] and [ID_NUMBER 1]"


@pytest.mark.parametrize(("text", "url"), [
    ("Details given: https://www.mckenzie.biz/", "https://www.mckenzie.biz/"),  # not ".bi", Burundi
    ("the website o'sullivan.co.uk/index.php?id=6670 took it", "o'sullivan.co.uk/index.php?id=6670"),
    ("see 'http://x.com' now", "http://x.com"),
    ("(https://a.biz/x).", "https://a.biz/x"),
    ("her page http://hrechanyk.укр/ is", "http://hrechanyk.укр/"),  # no Cyrillic domain in Presidio's list
])
def test_a_web_address_is_the_whole_word(deid, text, url):
    assert found(deid, text, "URL") == [url]


def test_an_ipv6_address_before_prose_is_not_cut_by_an_iban_look_alike(deid):
    text = "6575:91a3:e4d2:f832:a6dc:41f6:482e:aa51 was written on the letter."
    assert found(deid, text) == ["6575:91a3:e4d2:f832:a6dc:41f6:482e:aa51"]


def test_a_phone_number_on_its_line_beats_a_card_number_guessed_across_the_break(deid):
    """Reading across a line break is a guess; a number found whole on its own line is the better reading."""
    text = "Jie Xiang\nBulevardul Grațian Tomescu nr. 109, 1 Decembrie 306848\n0044 7844 566526\n\nFrom: M. Hernandez"
    spans = {text[s.start:s.end]: s.label for s in deid.analyse(text)}
    assert spans.get("0044 7844 566526") == "PHONE"
    assert spans.get("306848") == "POSTCODE"  # closing the address's line


def test_an_identifier_wrapped_over_two_lines_is_still_found_whole(deid):
    text = "Call him on +44 7700\n900123 tonight."
    assert "+44 7700\n900123" in found(deid, text, "PHONE")
