"""Placeholders numbered across several texts (the fields and replies of one report), and names
found in one field looked for in the others."""

import hashlib
import re

from deid import Numbering


def redact_all(deid, texts, numbering=None):
    numbering = numbering if numbering is not None else Numbering()
    return [deid.redact(text, deid.analyse(text), numbering) for text in texts], numbering


def after(text: str, before: str) -> str:
    return re.search(re.escape(before) + r"\s*(\[[A-Z_]+ \d+\])", text).group(1)


def test_a_kept_numbering_gives_the_same_person_the_same_number_in_every_text(deid):
    (first, second), _ = redact_all(deid, [
        "Health visitor Morwenna Trewin saw Mum Kerensa Polglase. Ring 07700 900461.",
        "Later Kerensa said Morwenna had not rung 07700900461.",
    ])
    assert after(second, "Later") == after(first, "Mum")  # a first name alone after the full name
    assert after(second, "said") == after(first, "Health visitor")
    assert after(second, "rung") == after(first, "Ring")  # the same number, however it is spaced
    assert after(first, "Mum") != after(first, "Health visitor")


def test_a_first_name_met_alone_is_the_same_person_when_the_full_name_follows(deid):
    (first, second), _ = redact_all(deid, ["Baby Jago was not weighed.", "Jago Polglase was seen on Monday."])
    assert after(second, "") == after(first, "Baby")


def test_a_surname_two_people_share_names_neither_of_them(deid):
    (first, second), _ = redact_all(deid, [
        "Baby Jago Polglase was not seen and Mum Kerensa Polglase was out.",
        "Later Dr Hosking wrote to Mr Polglase.",
    ])
    baby, mum = after(first, "Baby"), after(first, "Mum")
    assert baby != mum
    assert after(second, "Mr") not in (baby, mum)


def test_a_first_name_met_alone_joins_only_the_first_full_name_that_follows(deid):
    (text,), _ = redact_all(deid, ["Worker Tamsin rang. Later Tamsin Kellow and Tamsin Rowe both came."])
    assert after(text, "Later") == after(text, "Worker")
    assert after(text, "and") != after(text, "Later")


def test_each_new_text_without_a_kept_numbering_starts_again(deid):
    first, _ = redact_all(deid, ["Health visitor Morwenna Trewin called."])
    second, _ = redact_all(deid, ["Dad Piran Kellow called."])
    assert "[PERSON 1]" in first[0] and "[PERSON 1]" in second[0]


def test_placeholders_already_in_a_text_are_never_reused(deid):
    (text,), numbering = redact_all(deid, ["As I said, [PERSON 1] and [PERSON 2] rang Dad Piran Kellow."])
    assert after(text, "Dad") == "[PERSON 3]"
    assert numbering.highest["PERSON"] == 3


def test_a_numbering_keeps_only_what_its_key_makes_of_the_words(deid):
    def hashed(entry: str) -> str:
        return hashlib.sha256(b"secret" + entry.encode()).hexdigest()

    (_text,), numbering = redact_all(deid, ["Health visitor Morwenna Trewin saw Mum Kerensa Polglase."],
                                     Numbering(key=hashed))
    stored = " ".join(numbering.entries) + " ".join(numbering.used)
    assert numbering.entries and not re.search("morwenna|trewin|kerensa|polglase", stored, re.IGNORECASE)
    # Given back what was stored, a new numbering carries on where the last one stopped.
    again = Numbering(numbering.entries, numbering.highest, key=hashed)
    text = "Kerensa rang Dad Piran Kellow."
    redacted = deid.redact(text, deid.analyse(text), again)
    assert after(redacted, "") == "[PERSON 2]" and after(redacted, "Dad") == "[PERSON 3]"


def test_a_name_found_in_one_field_is_looked_for_in_the_others(deid):
    fields = {
        "what_happened": "The key worker Sunny Rosewarne said the file was closed.",
        "potential_harm_text": "Sunny did not pass it on, on a sunny day.",
    }
    alone = [fields["potential_harm_text"][s.start:s.end] for s in deid.analyse(fields["potential_harm_text"])]
    together = deid.analyse_together(fields)
    text = fields["potential_harm_text"]
    names = [text[s.start:s.end] for s in together["potential_harm_text"] if s.label == "PERSON"]
    assert names == ["Sunny"] and alone != names  # the capitalised name, not the weather
