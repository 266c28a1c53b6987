"""Postcodes of other countries: distinctive formats alone, all-digit ones where the address shows them."""

import pytest

from deid.recognizers import postcode


def texts(text):
    return [text[s.start:s.end] for s in postcode.find(text)]


@pytest.mark.parametrize(("text", "value"), [
    ("lives at 12 Main St, Dublin, D02 X285 now", "D02 X285"),  # Ireland
    ("moved to Drogheda, A92F2YC.", "A92F2YC"),
    ("123 Main Street, Springfield, IL 62704", "62704"),  # USA
    ("Springfield, tx 76808-1234 (moved)", "76808-1234"),
    ("Hamilton, ON L8P 4R5 by car", "L8P 4R5"),  # Canada
    ("ul. Marszałkowska 12, 00-950 Warszawa", "00-950"),  # Poland
    ("Damrak 1, 1012 LG Amsterdam", "1012 LG"),  # Netherlands
    ("Molenstraat 12, 4861 KB 't Harde", "4861 KB"),  # a town written with 't
    ("Hauptstraße 5, 10115 Berlin", "10115"),  # Germany
    ("Strada Victoriei 5, bl. 2, ap. 3, Bucuresti 010063.", "010063"),  # Romania
    ("Flat 3, Gandhi Marg, Nagpur - 440 001", "440 001"),  # India
    ("Ballarat VIC 3350", "3350"),  # Australia
    ("vilniaus g. 66, lt-00201 siauliai", "lt-00201"),  # Lithuania
    ("Postcode: 28013", "28013"),  # labelled
    ("Rua Augusta 12, 1100-053 Lisboa", "1100-053"),  # Portugal
])
def test_foreign_postcodes(text, value):
    assert value in texts(text)


@pytest.mark.parametrize("text", ["On 5 May, 2019 was a good year", "she paid 12345 pounds", "in 2019 they moved",
                                  "rang 3 times, 10 minutes each", "Year 10 pupils"])
def test_numbers_that_are_not_postcodes(text):
    assert texts(text) == []


def test_a_uk_postcode_whose_inward_part_reads_like_an_ordinal():
    # "4nd" is not "2nd": only before a month is "s47 5th may" a date.
    assert texts("new address is 92 morris ports, leeds, b18 4nd\nu can email me") == ["b18 4nd"]
    assert texts("under s47 5th may") == []
