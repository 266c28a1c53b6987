"""Cards, IBANs and bank details (pure recogniser functions, no model): formats of several countries
and issuers, and look-alikes that fail the checksum."""

import pytest

from deid.recognizers import payment


def texts(finder, text):
    return [text[s.start:s.end] for s in finder(text)]


# The card schemes' published test numbers: Visa, Mastercard (5- and 2-series), Amex 4-6-5, Diners 4-6-4,
# JCB, Maestro (19 digits).
@pytest.mark.parametrize("value", ["4111 1111 1111 1111", "4111111111111111", "5555-5555-5555-4444",
                                   "2223 0031 2200 3222", "3782 822463 10005", "3056 930902 5904",
                                   "3530111333300000", "6759 6498 2643 8453"])
def test_card_formats(value):
    assert texts(payment.find_cards, f"paid with card {value} yesterday") == [value]


@pytest.mark.parametrize("text", ["card 4111 1111 1111 1112", "ref 1234 5678 9012 3456", "0000 0000 0000 0000",
                                  "phone 07700 900123", "on 12/03/2024"])
def test_card_look_alikes(text):
    assert payment.find_cards(text) == []


# Example IBANs of the UK, Germany, France (letters in the account), Poland, the Netherlands, Spain,
# Romania, Lithuania; grouped, run together or in lower case.
@pytest.mark.parametrize("value", ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000",
                                   "FR14 2004 1010 0505 0001 3M02 606", "PL61 1090 1014 0000 0712 1981 2874",
                                   "NL91ABNA0417164300", "ES91 2100 0418 4502 0005 1332",
                                   "RO49 AAAA 1B31 0075 9384 0000", "LT12 1000 0111 0100 1000",
                                   "gb82 west 1234 5698 7654 32"])
def test_iban_formats(value):
    assert texts(payment.find_ibans, f"IBAN {value} for the grant") == [value]


def test_iban_followed_by_a_word_keeps_only_the_iban():
    text = "Pay GB82 WEST 1234 5698 7654 32 BACS please"
    assert texts(payment.find_ibans, text) == ["GB82 WEST 1234 5698 7654 32"]


@pytest.mark.parametrize("text", ["GB82 WEST 1234 5698 7654 33", "DE89370400440532013001", "AB12 3456 7890 1234",
                                  "KS2 and KS3 results",
                                  # mod-97 by chance: no country "AA", and words of prose are no IBAN groups
                                  "482e:aa51 was written on the letter."])
def test_iban_look_alikes(text):
    assert payment.find_ibans(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("sort code 12-34-56 acc 12345678", ["12-34-56", "12345678"]),
    ("Sort code: 20 00 00, account number 55779911", ["20 00 00", "55779911"]),
    ("a/c 41234567 s/c 40-11-62", ["41234567", "40-11-62"]),
    ("Bank details for the payment: 30-96-34 01234567", ["30-96-34", "01234567"]),
    ("US routing number 021000021, account no. 123456789012", ["021000021", "123456789012"]),
    ("numer rachunku: nr rachunku 61109010140000071219812874", ["61109010140000071219812874"]),
])
def test_bank_account_details(text, expected):
    found = sorted(texts(payment.find_bank_accounts, text), key=text.index)
    assert found == expected


@pytest.mark.parametrize("text", ["born 12-03-16, seen 14 times", "scored 12-34-56 in the quiz", "accommodation"])
def test_bank_look_alikes(text):
    assert payment.find_bank_accounts(text) == []
