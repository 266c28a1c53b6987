"""Numbers that only their surroundings identify: bare phone numbers in contact lines and signatures,
postal numbers in address blocks written one part a line, case numbers after a case word; and the
counts, amounts, dates, times and years that look like them and must stay readable."""

import pytest

from tests.deid.helpers import found


@pytest.mark.parametrize("text, number", [
    ("Name,Phone,Email\nH. Hirsi,4 282235,hawa@btinternet.com\n", "4 282235"),  # CSV export, Somali landline
    ("zeynep@yandex.com.tr\nLinda Celma - 62215051\n", "62215051"),  # contact list, Latvian mobile
    ("Hibaaq Mohamud; 4.112060; hibaaq.m@hotmail.co.uk", "4.112060"),  # dots, semicolons
    ("Juan Pérez | 912 345 678 | juan.perez@gmail.es", "912 345 678"),  # Spain, a pipe table
])
def test_bare_number_in_a_contact_line_with_other_contact_details_is_a_phone(deid, text, number):
    assert number in found(deid, text, "PHONE")


@pytest.mark.parametrize("text, number", [
    ("R. Parts gave her number as 353 7338 and her email as r.parts@example.com", "353 7338"),
    ("Safeguarding Practitioner\nTel: 4.608920", "4.608920"),
    ("T: +44 (0)1944 637201 | M: 502613917", "502613917"),
    ("can u ring me on 4 341732 after 5", "4 341732"),
    ("mama's telefon: 612 345 78", "612 345 78"),
])
def test_bare_number_after_a_phone_word_or_contact_label_is_a_phone(deid, text, number):
    assert number in found(deid, text, "PHONE")


def test_number_ending_a_line_in_a_list_of_contacts_is_a_phone(deid):
    text = "VIÑAS, Nilda: 0141 862 6601\nUncle Jan 570419675\nNan Aneta +447705649019\n"
    assert "570419675" in found(deid, text, "PHONE")


def test_number_ending_a_line_of_prose_between_contact_lines_needs_more(deid):
    text = "Mum: 07700 900461\nThe rent arrears now stand at 1250000\nDad: 07700 900462"
    assert "1250000" not in found(deid, text, "PHONE")


def test_number_after_a_bracketed_role_in_a_contact_line_is_a_phone(deid):
    text = "Borys Duniec <duniec.borys@interia.pl>\nXavier BRITO (Father) 967204444 / 930005138\n"
    assert found(deid, text, "PHONE") == ["967204444", "930005138"]


def test_a_longer_number_is_not_cut_into_a_national_id(deid):
    text = "The interpreter can be reached on 015622291240."
    assert found(deid, text, "PHONE") == ["015622291240"]


def test_dutch_postcode_before_a_town_written_with_s(deid):
    assert "5007 ZU" in found(deid, "Current address: Xavipad 24, 5007 ZU 's-Graveland", "POSTCODE")


@pytest.mark.parametrize("text, number", [
    ("- tc from samanta re juan\n- ph 657463062 - no ans x3\n", "657463062"),
    ("lorraine allocated - ewelina fronczyk - 508528819 - happy for txt - ref to follow", "508528819"),
    ("NOK: Dominik BOKSA (16-771-75-50)\nID: see file", "16-771-75-50"),
])
def test_phone_numbers_in_notes_and_exports(deid, text, number):
    assert any(number in phone for phone in found(deid, text, "PHONE"))


def test_number_on_the_line_after_an_address_is_a_phone(deid):
    text = "Sara Rubeša\nul. Mokra 121 m. 26, 99-856 Piaseczno\n012198966\n"
    assert "012198966" in found(deid, text, "PHONE")


@pytest.mark.parametrize("text, postcode, town", [
    ("Martin Suvorov\nViale Scotto 116\n31497\nTergu\n", "31497", "Tergu"),  # Italy
    ("Justin Ward\nRotonda Bragaglia 72\n27585\nTrasquera\n07288717570", "27585", "Trasquera"),  # Italy, Rotonda
    ("My address has changed to 72 rue de Guillon\n23676\nMaillet-sur-Goncalves so please update", "23676",
     "Maillet-sur-Goncalves"),  # France
    ("Strada Victoriei nr. 5\nCluj-Napoca\n400123\n", "400123", "Cluj-Napoca"),  # Romania, town first
])
def test_address_block_one_part_a_line_has_its_postcode_and_town(deid, text, postcode, town):
    assert postcode in found(deid, text, "POSTCODE")
    assert town in found(deid, text, "LOCATION")


@pytest.mark.parametrize("text, postcode", [
    ("the family lived at Aleea Teilor nr. 14, Sannicolau Mare (Timis) 305600.", "305600"),
    ("old address: Calea Victoriei nr. 12, Bucuresti (Sector 1) 010061", "010061"),
])
def test_postcode_after_a_town_and_its_county_in_brackets(deid, text, postcode):
    assert postcode in found(deid, text, "POSTCODE")


def test_a_year_after_a_town_in_brackets_is_not_a_postcode(deid):
    text = "She lived at Strada Florilor nr. 3, Iasi (Romania) 2019 to 2021."
    assert found(deid, text, "POSTCODE") == []


@pytest.mark.parametrize("text, ref", [
    ("Could you check the case note on 4267292 - the wrong address was recorded.", "4267292"),
    ("Could you check the case note on 576-6979 please", "576-6979"),
    ("It is on the case file for 0270014.", "0270014"),
    ("see record 88123456", "88123456"),
])
def test_number_after_a_case_word_is_a_case_reference(deid, text, ref):
    assert ref in found(deid, text, "CASE_REFERENCE")


@pytest.mark.parametrize("text", [
    "Her number of contacts rose to 1500000 in the pilot; call the duty team.",  # a count after "number of"
    "Dad said he owes £1 250 000 on the house, phone the solicitor.",  # money with thousands groups
    "Mum phoned: the debt is 250000 PLN now.",  # money, currency after
    "She rang at 16:05 and again at 18.30.",  # times
    "He texted on 18122020 about the visit.",  # a date without separators
    "Tel call notes 2019-2020 attached, email duty@council.gov.uk",  # a year range
    "The case on 12 March was closed.",  # a date after a case word
    "In case 2 of 3 the worker rang.",  # a small count after a case word
    "Contact: 150000 people use the helpline each year",  # a count with its unit
])
def test_counts_amounts_dates_times_and_years_are_not_phones_or_references(deid, text):
    labels = {s.label for s in deid.analyse(text)}
    assert not labels & {"PHONE", "POSTCODE", "CASE_REFERENCE"}, deid.analyse(text)


def test_a_number_in_a_sentence_next_to_an_email_is_not_a_phone(deid):
    text = "We paid 4500000 to the provider last year (see finance@council.gov.uk for details)."
    assert found(deid, text, "PHONE") == []


def test_an_address_line_followed_by_a_year_line_has_no_postcode(deid):
    text = "Address: 12 Park Road\n2019\nMoved in that year."
    assert found(deid, text, "POSTCODE") == []


@pytest.mark.parametrize(("text", "value"), [
    ("Urszula rang the duty line from 185579069 to say Konrad had not come home.", "185579069"),  # Poland
    ("From 159962875: Maciej jest chory, nie będzie w szkole.", "159962875"),
    ("School 2moro 👍 From 353 4401: u can email me", "353 4401"),  # a seven-digit sender
    ("Здравствуйте, это Кира, мой номер 3622122645", "3622122645"),  # Italy, written in Russian
    ("Clelia Gemito - 380 319 3563 Tracy Warren (Carer) +44 7700 900123", "380 319 3563"),
])
def test_nine_digits_or_more_or_a_text_messages_sender_are_a_phone_number(deid, text, value):
    assert value in found(deid, text, "PHONE")


@pytest.mark.parametrize("text", ["The council owes £1500000000 in total.", "Paid 2500000000 PLN last year.",
                                  "Logged at 20201218 and 20211218."])
def test_long_amounts_and_dates_are_not_phone_numbers(deid, text):
    assert found(deid, text, "PHONE") == []


def test_a_phone_word_and_a_long_number_outweigh_a_state_abbreviation(deid):
    text = "not home yet can u ring me 01576 8986083 pls"  # "me" is not Maine, and no plan has the number
    assert found(deid, text, "PHONE") == ["01576 8986083"] and found(deid, text, "POSTCODE") == []


def test_a_number_after_its_country_code_is_a_phone_not_an_nhs_number(deid):
    text = "Children's Services T: 01797 391439 | M: +44(0)7490964865 E: jesus.eduardo@nhs.uk"
    assert "+44(0)7490964865" in found(deid, text, "PHONE") and found(deid, text, "NHS_NUMBER") == []


def test_a_street_name_that_goes_on_after_its_street_word_still_leads_to_the_postal_line(deid):
    """A French address one part a line, the street's name after "boulevard" ending the line."""
    text = "The family lived at 14\nbis boulevard de Mercier\n69120\nVaulx-la-Plaine.\n\nNext visit Monday."
    assert "69120" in found(deid, text, "POSTCODE")
    assert "Vaulx-la-Plaine" in found(deid, text, "LOCATION")


def test_a_contact_number_label_is_a_phone_not_a_case_reference(deid):
    text = "First language\tRomanian\nContact no.\t0745 318 226\nSurname\tPopa"
    assert "0745 318 226" in found(deid, text, "PHONE")
    assert found(deid, text, "CASE_REFERENCE") == []
