"""National IDs: Presidio's recognisers composed in (US SSN, Italian fiscal code, PESEL, Aadhaar...)
and ours for those it lacks (France, Ireland, Romania, Netherlands), through the whole engine."""

import pytest

import deid
from deid.recognizers import national_id
from tests.deid.helpers import found


def texts(text):
    return [text[s.start:s.end] for s in national_id.find(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("French NIR 2 00 09 16 019 683 08 on file", "2 00 09 16 019 683 08"),
    ("French NIR 200091601968308 on file", "200091601968308"),
    ("PPS number 1234567T", "1234567T"),
    ("PPS 1234567TW", "1234567TW"),
    ("CNP 1800101221144", "1800101221144"),
    ("BSN 111222333", "111222333"),
])
def test_our_national_ids(text, value):
    assert texts(text) == [value]


@pytest.mark.parametrize("text", ["NIR 2 00 09 16 019 683 09", "PPS 1234567A", "CNP 1800101221145",
                                  "invoice 111222333", "BSN 111222334"])
def test_bad_check_digits_are_not_ids(text):
    assert national_id.find(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("His SSN is 536-22-1234 per the form.", "536-22-1234"),
    ("Codice fiscale MRTMTT25D09F205Z on the letter.", "MRTMTT25D09F205Z"),
    ("PESEL 44051401359 on her Polish ID.", "44051401359"),
    ("Aadhaar 4991 1866 5246 shown.", "4991 1866 5246"),
    ("US passport A12345678 copied.", "A12345678"),
])
def test_presidio_national_ids_through_the_engine(deid, text, value):
    assert value in found(deid, text, "NATIONAL_ID")


def test_invalid_ssn_is_not_an_id(deid):
    assert found(deid, "His SSN is 000-12-3456 per the form.", "NATIONAL_ID") == []


def test_weak_pattern_without_context_is_not_an_id(deid):
    # Presidio scores nine bare digits as a US passport at 0.05: not an ID without ID words nearby.
    assert found(deid, "We counted 912803456 grains of sand.", "NATIONAL_ID") == []


@pytest.mark.parametrize("text, value", [
    ("A copy of his ID (DNI 69191657 K) was left on the printer.", "69191657 K"),
    ("DNI: 69191657-K", "69191657-K"),
    ("Her NIE is X1234567L.", "X1234567L"),
    ("NIE Y-1234567-X on the tenancy.", "Y-1234567-X"),
])
def test_spanish_dni_and_nie_with_any_separator_before_the_check_letter(text, value):
    assert [text[s.start:s.end] for s in deid.analyse(text) if s.label == "NATIONAL_ID"] == [value]


@pytest.mark.parametrize("text", ["DNI 69191657 A is not valid.", "They pay 12345678 a year in rent."])
def test_a_number_and_a_letter_that_fail_the_dni_check_are_left(text):
    assert [s for s in deid.analyse(text) if s.label == "NATIONAL_ID"] == []
