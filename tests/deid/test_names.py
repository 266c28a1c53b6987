"""People's names from many countries, and the forms names are written in: lists and exports ("NOWAK,
Zofia"), initials ("K. Mensah"), form fields, signatures, messages that introduce the writer, lower-case
notes, and names in their own script. Every string here is invented for the test."""

import gzip

import pytest

from deid import lexicons
from tests.deid.helpers import found


# -- the lexicon ------------------------------------------------------------------------------------------
def test_name_lexicon_holds_first_names_and_surnames_of_many_countries():
    firsts, lasts = lexicons.world_first_names(), lexicons.surnames()
    for name in ("zofia", "ioana", "chukwuemeka", "mehmet", "thanh", "joaquín"):
        assert name in firsts, name
    for name in ("kowalczyk", "popescu", "okonkwo", "adeyemi", "yılmaz", "nguyen", "smirnov", "kovács"):
        assert name in lasts, name


def test_name_data_file_is_compact_and_loaded_from_the_package():
    with gzip.open(lexicons.NAMES_FILE, "rt", encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    assert len(rows) > 30_000
    assert all(kinds in ("f", "l", "fl") for _, kinds in rows)
    assert all(name == name.lower() for name, _ in rows)


def test_cyrillic_names_are_also_known_in_latin_letters():
    assert "smirnov" in lexicons.surnames()
    assert "смирнов" in lexicons.surnames()


# -- names of families from everywhere, in sentences ----------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("Foster carer reports that Wiktoria Zielińska has settled well.", "Wiktoria Zielińska"),
    ("The interpreter said Ionuț Dumitrescu understood the plan.", "Ionuț Dumitrescu"),
    ("School called about Adebayo Ogunleye again.", "Adebayo Ogunleye"),
    ("Nurse visited Thi Hương Phạm at home.", "Thi Hương Phạm"),
    ("Uncle Emre Aydın will collect the children.", "Emre Aydın"),
    ("The referral names Bogdan as the older brother.", "Bogdan"),
])
def test_names_from_many_countries_are_found(deid, text, name):
    assert any(name in p for p in found(deid, text, "PERSON")), found(deid, text, "PERSON")


@pytest.mark.parametrize("text,name", [
    ("dad chukwudi nwosu nfa, last seen at the shop", "chukwudi nwosu"),
    ("rang mum - zofia answered, kids in bed", "zofia"),
    ("gp confirms radu not seen since march", "radu"),
    ("s47 allocated to ttm. kateryna allocated as sw", "kateryna"),
    ("hv done w/ bogumiła. baby well", "bogumiła"),
])
def test_lower_case_names_in_notes(deid, text, name):
    assert name in " ".join(found(deid, text, "PERSON"))


@pytest.mark.parametrize("text,name", [
    ("hi its funmilayo can u ring me back", "funmilayo"),
    ("this is dariusz my new number", "dariusz"),
    ("Hola, soy Ximena, mi numero es nuevo", "Ximena"),
    ("jestem Grzegorz, zadzwoń", "Grzegorz"),
])
def test_a_writer_introducing_themselves_is_named(deid, text, name):
    assert name in " ".join(found(deid, text, "PERSON"))


# -- the forms names take ---------------------------------------------------------------------------------
def test_surname_first_lists(deid):
    text = "Household:\n  - NOWAK, Zofia, Mother, age 33\n  - Ogunleye, Temitope, Aunt, age 41\n"
    persons = found(deid, text, "PERSON")
    assert "NOWAK, Zofia" in persons and "Ogunleye, Temitope" in persons
    assert "Mother" not in " ".join(persons)


def test_a_place_before_a_comma_is_not_a_surname(deid):
    assert "Leeds, Grace" not in found(deid, "Moved to Leeds, Grace said nothing.", "PERSON")


@pytest.mark.parametrize("text,name", [
    ("Dad, K. Mensah, rang twice.", "K. Mensah"),
    ("Letter sent to J.P. Ferreira last week.", "J.P. Ferreira"),
    ("- tl r. adeyemi aware", "r. adeyemi"),
])
def test_an_initial_and_a_surname(deid, text, name):
    assert name in found(deid, text, "PERSON")


@pytest.mark.parametrize("text", ["Plan B. Review in May.", "See section A. The chair agreed."])
def test_an_initial_after_plan_or_section_is_no_name(deid, text):
    assert found(deid, text, "PERSON") == []


@pytest.mark.parametrize("text,name", [
    ("First name: Olamide\nDOB: 01/02/2010", "Olamide"),
    ("Next of kin - Radu Ionescu (brother)", "Radu Ionescu"),
    ("Service user\tMIHAILOV, Petar\nAge\t80", "MIHAILOV, Petar"),
])
def test_name_fields_in_exports(deid, text, name):
    assert name in found(deid, text, "PERSON")


def test_name_field_with_no_name_is_left_alone(deid):
    assert found(deid, "Next of kin: not known\nName\tRelationship\tTel", "PERSON") == []


def test_signature_after_a_sign_off(deid):
    text = "Please call me.\n\nKind regards\nTeodora Vasilescu\nSocial Worker"
    assert "Teodora Vasilescu" in found(deid, text, "PERSON")


def test_name_wrapped_over_a_line_break(deid):
    text = "The manager Patrick\nOkafor agreed to it."
    assert any("Patrick\nOkafor" in p for p in found(deid, text, "PERSON"))


def test_surname_with_a_particle(deid):
    assert "Inês dos Santos" in found(deid, "Mum Inês dos Santos was present.", "PERSON")


def test_month_that_is_a_first_name(deid):
    persons = found(deid, "Jan is 9 and Jan's bruise was photographed on 3 Jan.", "PERSON")
    assert persons.count("Jan") == 2


def test_name_after_a_foreign_title(deid):
    assert found(deid, "Spoke to Pani Wróblewska about school.", "PERSON") == ["Wróblewska"]


# -- names in their own script ----------------------------------------------------------------------------
@pytest.mark.parametrize("text,name", [
    ("Mum wrote: اسمي فاطمة", "فاطمة"),
    ("Note in Hindi: मेरा नाम अनीता है", "अनीता"),
    ("Grandmother signed as Ольга Петрова.", "Ольга Петрова"),
    ("She wrote 我是王芳 on the form.", "王芳"),
])
def test_names_in_other_scripts(deid, text, name):
    assert name in found(deid, text, "PERSON")


# -- ages written with names ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,age", [
    ("Age at referral: 81\nNHS No: none", "81"),
    ("The family came to the UK when Teodor was 6.", "6"),
    ("- wiesława 88 lives alone, son visits", "88"),
    ("kwame 4 in nursery, settled", "4"),
])
def test_ages_written_with_names(deid, text, age):
    assert age in found(deid, text, "AGE")


def test_times_and_distances_after_a_name_are_not_ages(deid):
    assert found(deid, "Jo Mensah was 10:30 late; Ama is 3.5 miles away.", "AGE") == []


# -- the town of a written address ------------------------------------------------------------------------
@pytest.mark.parametrize("text,town", [
    ("Client\nTown: Kettering\nNHS No: none", "Kettering"),
    ("Post went to ul. Długa 4, 80-831 Gdańsk by mistake.", "Gdańsk"),
    ("new addr 3 mill lane, kettering, nn16 8aa (moved)", "kettering"),
    ("Sent to 41 Oak Hollow, Dayton, OH 45402 last week.", "Dayton"),
    ("says she is at her dads in corby - not confirmed", "corby"),
])
def test_towns_of_written_addresses(deid, text, town):
    assert town in found(deid, text, "LOCATION")


def test_counts_after_a_comma_are_no_postcodes(deid):
    assert found(deid, "Seen at 10, 1200 People attended. Paid 2500 pounds.", "LOCATION") == []
