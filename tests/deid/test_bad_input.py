"""Input nobody planned for: a pasted contact list, a huge paste, no spaces, mixed scripts, and
identifiers wrapped over two lines. Each is redacted, without a crash."""

import re

import pytest

from tests.deid.helpers import found

CONTACTS = """07700 900123
+44 (0)20 7946 0321
+48 22 123 45 67
jo.bloggs@example.co.uk
GB82 WEST 1234 5698 7654 32
4111 1111 1111 1111
203.0.113.42
AB 12 34 56 C
SW1A 1AA"""


def test_a_contact_list_is_fully_redacted(deid):
    out = deid.deidentify(CONTACTS).redacted
    assert all(re.fullmatch(r"\[[A-Z_]+ \d+\]", line) for line in out.splitlines()), out


@pytest.mark.parametrize(("text", "value"), [
    ("Mum's number is 07700\n900123 if needed.", "07700\n900123"),
    ("Mum's number is +44 (0)\n7700 900123 if needed.", "+44 (0)\n7700 900123"),
    ("Pay to GB82 WEST 1234\n5698 7654 32 by Friday.", "GB82 WEST 1234\n5698 7654 32"),
    ("Card 4111 1111\n1111 1111 was taken.", "4111 1111\n1111 1111"),
    ("Her Polish number +48 22 123\n45 67 works.", "+48 22 123\n45 67"),
])
def test_identifiers_wrapped_over_two_lines(deid, text, value):
    start = text.index(value)
    covered = set()
    for s in deid.analyse(text):
        covered.update(range(s.start, s.end))
    assert all(i in covered for i in range(start, start + len(value)) if text[i].isalnum())


def test_text_with_no_spaces(deid):
    text = "call07700900123oremailjo.bloggs@example.co.ukorcard4111111111111111" * 200
    out = deid.deidentify(text).redacted
    assert "jo.bloggs@example.co.uk" not in out


def test_mixed_scripts_and_emoji(deid):
    text = "Мама Ольга 🙂 رقم الهاتف +44 7911 123456 ✉️ jo.bloggs@example.co.uk 👍 IBAN GB82 WEST 1234 5698 7654 32"
    out = deid.deidentify(text).redacted
    assert "+44 7911 123456" not in out and "jo.bloggs@example.co.uk" not in out and "GB82" not in out
    assert "🙂" in out and "رقم" in out


def test_a_one_megabyte_paste(deid):
    line = "Spoke to Mum on 07700 900123, she paid by card 4111 1111 1111 1111 and emailed jo@example.com.\n"
    text = line * (1_000_000 // len(line) + 1)
    assert len(text) >= 1_000_000
    spans = deid.analyse(text)
    cards = found(deid, line, "CARD")
    assert cards == ["4111 1111 1111 1111"]
    assert sum(s.label == "CARD" for s in spans) == text.count("4111 1111 1111 1111")
