"""Presidio's predefined recognisers composed beside ours, through the whole engine: cards, IBANs,
IP and web addresses, crypto wallets get their own labels and placeholders, and the more specific
recogniser wins where two disagree."""

import pytest

import deid
from tests.deid.helpers import found


@pytest.mark.parametrize(("text", "label", "value"), [
    ("Paid by card 4111 1111 1111 1111 on Friday.", "CARD", "4111 1111 1111 1111"),
    ("Mastercard 2223 0031 2200 3222 was used.", "CARD", "2223 0031 2200 3222"),
    ("Amex 3782 822463 10005 was used.", "CARD", "3782 822463 10005"),
    ("Refund to IBAN DE89 3704 0044 0532 0130 00 please.", "IBAN", "DE89 3704 0044 0532 0130 00"),
    ("Refund to NL91ABNA0417164300 please.", "IBAN", "NL91ABNA0417164300"),
    ("Logged in from 203.0.113.42 at night.", "IP_ADDRESS", "203.0.113.42"),
    ("Logged in from 2001:db8:85a3::8a2e:370:7334 at night.", "IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"),
    ("Her page is https://www.facebook.com/jane.doe.77 now.", "URL", "https://www.facebook.com/jane.doe.77"),
    ("See instagram.com/jane_doe for the photos.", "URL", "instagram.com/jane_doe"),
    ("He asked for bitcoin at 1BoatSLRHtKNngkdXEeobR76b53LETtpyT today.", "CRYPTO_WALLET",
     "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"),
    ("Send ETH to 0x52908400098527886E0F7030069857D2E4169EE7 now.", "CRYPTO_WALLET",
     "0x52908400098527886E0F7030069857D2E4169EE7"),
    ("Rent from sort code 12-34-56 acc 12345678 monthly.", "BANK_ACCOUNT", "12345678"),
])
def test_identifiers_presidio_knows(deid, text, label, value):
    assert value in found(deid, text, label)


def test_new_labels_are_structured():
    for label in ("CARD", "IBAN", "BANK_ACCOUNT", "IP_ADDRESS", "URL", "NATIONAL_ID", "CRYPTO_WALLET"):
        assert label in deid.LABELS and label in deid.STRUCTURED_LABELS


def test_the_more_specific_wins(deid):
    # An e-mail's domain is also a web address; the whole e-mail wins.
    assert found(deid, "Write to jo.bloggs@example.co.uk today.") == ["jo.bloggs@example.co.uk"]
    assert found(deid, "Write to jo.bloggs@example.co.uk today.", "URL") == []
    # An IBAN holds an account number; the IBAN wins.
    assert found(deid, "IBAN GB82 WEST 1234 5698 7654 32 for rent", "IBAN") == ["GB82 WEST 1234 5698 7654 32"]


def test_the_same_card_twice_is_one_placeholder(deid):
    out = deid.deidentify("Card 4111 1111 1111 1111, then 4111111111111111 again.").redacted
    assert out == "Card [CARD 1], then [CARD 1] again."


def test_a_web_address_keeps_the_full_stop_after_it(deid):
    assert deid.deidentify("Her page is instagram.com/jane_doe.").redacted.endswith("[URL 1].")


def test_the_faster_pan_pattern_finds_exactly_what_presidios_finds():
    """The re-ordered look-aheads match the same spans as Presidio's own pattern, with Presidio's flags."""
    import random

    import regex
    from presidio_analyzer import PatternRecognizer

    from deid.recognizers.composed import EQUIVALENT_REGEX

    flags = PatternRecognizer(supported_entity="X", patterns=[], deny_list=["x"]).global_regex_flags
    rng = random.Random(20261206)
    alphabet = "abcXYZ0123456789 @#-_.,\n"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))) for _ in range(2000)]
    texts += ["PAN ABCDE1234F and aaaa1234bb on line one\nthen 12345abcde", "ab12cd3456 x", "abcdefghij 1234"]
    for slow, fast in EQUIVALENT_REGEX.items():
        slow_re, fast_re = regex.compile(slow, flags), regex.compile(fast, flags)
        for text in texts:
            assert [m.span() for m in fast_re.finditer(text)] == [m.span() for m in slow_re.finditer(text)], text
