"""Street addresses of other countries, and the postal number between such an address and its town."""

import pytest

from deid.recognizers import address
from tests.deid.helpers import found


def texts(text):
    return [text[s.start:s.end] for s in address.find(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("They lived at ul. Marszałkowska 12, Warszawa.", "ul. Marszałkowska 12"),  # Poland
    ("Old address Strada Victoriei 5, Bucuresti.", "Strada Victoriei 5"),  # Romania
    ("old addr strada gheorghiu nr. 32, bl. 22, ap. 67, curcani", "strada gheorghiu nr. 32, bl. 22, ap. 67"),
    ("She stayed at rue de Rivoli 12 in Paris.", "rue de Rivoli 12"),  # France, street word first
    ("Home: 28 bis chemin Martin, Lyon", "28 bis chemin Martin"),  # France, number first
    ("At Via Roma, 10 in Turin.", "Via Roma, 10"),  # Italy
    ("At Calle Mayor 5, Madrid.", "Calle Mayor 5"),  # Spain
    ("has changed to Callejón Edmundo Ros, 80 29785 Tarragona", "Callejón Edmundo Ros, 80"),  # Spain, alley
    ("Moved to Estrada da Luz, 14, Lisboa.", "Estrada da Luz, 14"),  # Portugal
    ("floor at Acceso de Reyes Perez, 8, 4º B 40668 Cáceres", "Acceso de Reyes Perez, 8, 4º B"),  # Spain
    ("Lived in Hauptstraße 5, Berlin.", "Hauptstraße 5"),  # Germany, glued street word
    ("Moved to Mikasteeg 131, Leeuwarden.", "Mikasteeg 131"),  # Netherlands
    ("At Atatürk Cad. No: 3, İstanbul.", "Atatürk Cad. No: 3"),  # Turkey, street word after
    ("old addr vilniaus g. 66, šiauliai", "vilniaus g. 66"),  # Lithuania
    ("Received at H.No. 108, Batra Marg, Nagpur", "H.No. 108, Batra Marg"),  # India
    ("Lives at 123 Main Street, Springfield, IL 62704", "123 Main Street"),  # USA
    ("The worker noted Carstenstraße 3-6 on the form.", "Carstenstraße 3-6"),  # Germany, a range of numbers
    ("Details: Porekuja 225, Espoo", "Porekuja 225"),  # Finland
    ("Vestermarksstræde 79 was given", "Vestermarksstræde 79"),  # Denmark
    ("Mellékfai utca 247. is the address", "Mellékfai utca 247"),  # Hungary, street word after
    ("stays at Jalan Peta No. 3 again", "Jalan Peta No. 3"),  # Indonesia, Malaysia
    ("Calle Los Abedules 717 Of. 225 then", "Calle Los Abedules 717 Of. 225"),  # Chile, an office
])
def test_foreign_street_addresses(text, value):
    assert value in texts(text)


@pytest.mark.parametrize("text", ["walked down the path to school", "on the via 5 bus", "e.g. 5 of them",
                                  "the rue was mentioned", "I tie 5 knots", "she went to the Tie 5 event",
                                  "scored 3-6 in the match", "the gang members 5"])
def test_not_addresses(text):
    assert texts(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Home address: 28 bis chemin Martin 69544 Roussel-les-Bains.", "69544"),
    ("They lived at Strada Arnaldo, 7 66445 San Giorio.", "66445"),
])
def test_postal_number_between_address_and_town(deid, text, value):
    assert value in found(deid, text, "POSTCODE")


def test_a_year_after_an_address_is_not_a_postcode(deid):
    assert found(deid, "They lived at 12 Park Road, 2019 was hard.", "POSTCODE") == []


@pytest.mark.parametrize(("text", "value"), [
    ("Address : Julieweg 74\n5022 IB\nFinsterwolde", "5022 IB"),  # Dutch address block, one part a line
    ("old addr cumhuriyet mah. gül sok. no: 57, 51676 istanbul.", "51676"),
])
def test_postal_number_on_the_next_line_or_before_a_lower_case_town(deid, text, value):
    assert value in found(deid, text, "POSTCODE")


@pytest.mark.parametrize(("text", "street", "postcode", "town"), [
    ("Yalın Sezgin\nEsilapad 95\n3962 HS\nHollandscheveld\n", "Esilapad 95", "3962 HS", "Hollandscheveld"),
    ("was posted to Urbanización de\nNatalio Sala, 15\n37791\nAlmería by mistake.", "Natalio Sala, 15", "37791", "Almería"),
])
def test_a_street_no_rule_knows_is_a_street_when_a_postal_number_and_a_town_follow_it(deid, text, street, postcode,
                                                                                      town):
    assert found(deid, text, "ADDRESS") == [street]
    assert found(deid, text, "POSTCODE") == [postcode]
    assert found(deid, text, "LOCATION") == [town]


@pytest.mark.parametrize("text", ["Room 12\n10000\nThanks", "Visit 2\n12345\nNext steps agreed",
                                  "Meeting 3\n2024\nLeeds", "Apples 5\nPears 6\nTotal 11"])
def test_numbered_lines_without_a_postal_number_and_a_town_are_not_addresses(deid, text):
    assert found(deid, text, "ADDRESS") == [] and found(deid, text, "POSTCODE") == []


def test_a_house_number_and_the_postcode_below_it_are_not_a_phone_number(deid):
    text = "Imransingel 148\n1639 YF\nHunsel"
    assert found(deid, text, "PHONE") == []


@pytest.mark.parametrize(("text", "value"), [
    ("Address for the placement, 949 Johnson Lake, Yonkers, PA 15544, was read out.", "949 Johnson Lake"),
    ("Police attended 5515 Zavala Union on 3 Sep; nobody answered.", "5515 Zavala Union"),
    ("at the cash point on 71274 Alexander Brook.", "71274 Alexander Brook"),
    ("Current address: 97988 Leon Spring Apt. 28 Josephburgh, WA 95296", "97988 Leon Spring Apt. 28"),
    ("his car outside 17093 benjamin grove #6 - email from Jane", "17093 benjamin grove #6"),
    ("She moved to 12 Maple Ridge Suite 4, Toronto, ON M5V 2T6.", "12 Maple Ridge Suite 4"),  # Canada
    ("Police attended Apt 19, 57 Olivia Crossroad on 18/11.", "Apt 19, 57 Olivia Crossroad"),  # the flat before it
])
def test_north_american_street_addresses(text, value):
    assert value in texts(text)


def test_a_five_digit_house_number_keeps_its_street_and_flat_rather_than_passing_for_a_postal_code(deid):
    text = "lydia_a@btinternet.com, 31024 Gill Stravenue, Unit 26, South Bethanymouth, NJ 07001"
    assert found(deid, text, "ADDRESS") == ["31024 Gill Stravenue, Unit 26"]
    assert found(deid, text, "POSTCODE") == ["07001"]


@pytest.mark.parametrize("text", ["ring 0161 496 0000 Park Lane office", "Flat 44, Duncan Court, Bury"])
def test_a_number_after_another_number_or_a_flat_is_not_a_north_american_house_number(deid, text):
    assert not any(span.source == "address_us" for span in deid.analyse(text))


@pytest.mark.parametrize(("text", "value"), [
    ("old addr taikos pr. 28, lt-28715 panevėžys", "taikos pr. 28"),  # Lithuania: prospektas after the name
    ("Address\tSavanorių pr. 122 LT-36241 Klaipėda", "Savanorių pr. 122"),
])
def test_street_types_written_after_the_name(text, value):
    assert value in texts(text)


@pytest.mark.parametrize("text", ["About 3 Police Station staff were there.", "He told 2 The Union reps.",
                                  "Year 9 Maths Club met.", "in 2019 River levels rose", "sent £40 Western Union"])
def test_numbers_before_capitalised_words_are_not_always_streets(text):
    assert [v for v in texts(text) if v[:1].isdigit()] == []


@pytest.mark.parametrize(("text", "value"), [
    ("found on the floor at Lynnbaan 117 1328 UX Made by a neighbour", "1328 UX"),  # Netherlands, -baan
    ("Address : Alameda de Elodia Castelló, 72 31504 La Rioja", "31504"),  # Spain, alameda
    ("Krasińskiego 118 m. 44 92-774 Knurów, was read out", "92-774"),  # Poland, no street word
    ("She lived at Aleea Mocanu nr. 143 Dragu-Brad 368250.", "368250"),  # Romania, town then postcode
    ("Mazilescu nr. 36, bl. 27, ap. 27 Sovata 981009 so please", "981009"),
])
def test_postal_numbers_after_other_countries_addresses(deid, text, value):
    assert value in found(deid, text, "POSTCODE")


@pytest.mark.parametrize("text", ["Ages 12-15 were in the group.", "She scored 12-100 in the test.",
                                  "bl. 4 was empty after 2019 started"])
def test_number_ranges_are_not_postal_numbers(deid, text):
    assert found(deid, text, "POSTCODE") == []


@pytest.mark.parametrize(("text", "address", "postal"), [
    ("found on the floor at Av Silva, 186, 5º Esq. 6869-847 Rio Maior by a neighbour", "Av Silva, 186, 5º Esq.", "6869-847"),
    ("was found at Avenida Nelson Mandela, 180, 1º Esq., 6475-418 Chaves by a nurse", "Avenida Nelson Mandela, 180, 1º Esq.",
     "6475-418"),
])
def test_portuguese_addresses_with_their_floor_and_postal_number(deid, text, address, postal):
    assert address in texts(text)
    assert postal in found(deid, text, "POSTCODE")


def test_a_french_address_broken_over_lines_keeps_its_postal_number_and_town(deid):
    text = "Home address : 96 rue\nde Morvan\n41948\nLefort\nLast login IP : 10.88.107.160"
    assert found(deid, text, "ADDRESS") == ["96 rue\nde Morvan"]
    assert found(deid, text, "POSTCODE") == ["41948"]
    assert "Lefort" not in deid.deidentify(text).redacted


@pytest.mark.parametrize("text,street,postal,town", [
    ("Isabela RODRIGUES\nVial Maite Doménech, 146, 3º D\n36903\nOurense\n01224.150711",
     "Vial Maite Doménech, 146, 3º D", "36903", "Ourense"),
    ("A woman was found on the floor at C. Salud Solé 11, 5º B\n14271\nÁlava by a neighbour.",
     "C. Salud Solé 11, 5º B", "14271", "Álava"),
])
def test_a_spanish_street_line_with_floor_and_door_then_postal_number_and_town(deid, text, street, postal, town):
    spans = {text[s.start:s.end]: s.label for s in deid.analyse(text)}
    assert spans.get(street) == "ADDRESS"
    assert spans.get(postal) == "POSTCODE" and spans.get(town) == "LOCATION"


def test_a_postal_number_after_the_town_that_follows_an_address(deid):
    text = "The family lived at Intrarea Dumitrana Dochioiu nr. 11, bl. 33, ap. 15, Poienile de sub Munte 637186. Then"
    spans = {text[s.start:s.end]: s.label for s in deid.analyse(text)}
    assert spans.get("637186") == "POSTCODE" and spans.get("Poienile de sub Munte") == "LOCATION"


def test_a_street_line_inside_a_sentence_then_postal_number_and_a_town_that_ends_its_sentence(deid):
    text = "Denise Barnes (7) lives with mum Laura Shaffer at Jonasboulevard 32\n5021 CG\nOssenzijl. We had a visit from"
    spans = {text[s.start:s.end]: s.label for s in deid.analyse(text)}
    assert spans.get("Jonasboulevard 32") == "ADDRESS" and spans.get("5021 CG") == "POSTCODE"
    assert spans.get("Ossenzijl") == "LOCATION" and "Laura Shaffer" in spans


def test_a_house_number_and_floor_wrapped_onto_their_own_line_before_the_postal_number(deid):
    text = ("The family lived at Alameda Augusto Monjardino,\n189, 1º Esq.\n5167-430\nReguengos de Monsaraz.")
    spans = {text[s.start:s.end]: s.label for s in deid.analyse(text)}
    assert spans.get("189, 1º Esq.") == "ADDRESS" and spans.get("5167-430") == "POSTCODE"
    assert spans.get("Reguengos de Monsaraz") == "LOCATION"


def test_a_bare_number_on_the_line_after_a_comma_is_no_address_without_a_postal_number_and_town(deid):
    assert deid.analyse("We spoke about it,\n12\nthen left. Items: 3,\n4\nGreen") == []
