"""Engine-level behaviour with the spaCy model: names, places, hard negatives, redaction, config."""

import pytest

from deid import DeidConfig, Deidentifier, Span
from tests.deid.helpers import found


@pytest.mark.parametrize("text,name", [
    ("Mum Imogen Threlkeld said it was fine.", "Imogen Threlkeld"),
    ("Spoke to Mrs Oduya on the phone.", "Oduya"),
    ("Dr Quenby rang back at 3pm.", "Quenby"),
    ("mum said tobias was at nan's.", "tobias"),
    ("Her partner, Lorcan, was present.", "Lorcan"),
    ("A man known as \"Biscuit\" was there.", "Biscuit"),
    ("Visit to Zara Vantry and Oliver Vantry done.", "Oliver Vantry"),
    ("PC Marram attended the address.", "Marram"),
    ("Concern that imogen's coat was wet.", "imogen"),
])
def test_person_positive(deid, text, name):
    assert name in found(deid, text, "PERSON")


def test_title_and_role_words_stay_outside(deid):
    text = "Mum Imogen Threlkeld and the IRO Dr Quenby met."
    persons = found(deid, text, "PERSON")
    assert "Imogen Threlkeld" in persons and "Quenby" in persons
    assert not any("Mum" in p or "Dr" in p or "IRO" in p for p in persons)


@pytest.mark.parametrize("text", [
    "The social worker and SW spoke to the TM and the IRO.",
    "Referred to MASH, CAMHS and Ofsted; police and the GP informed; NHS trust aware.",
    "The Local Authority held a strategy discussion under section 47 (s47) and an ICPC.",
    "Child Protection Plan agreed; health visitor and YOT attend; duty worker covering.",
    "Seen on Monday at 10:30 for 3 weeks.",
    "We have a grace period on visits. Will chase up tomorrow. I hope so. Mark on the chronology.",
    "mum and dad were both at home.",
])
def test_hard_negatives_not_redacted(deid, text):
    assert found(deid, text) == []


def test_ordinary_word_names_only_in_name_context(deid):
    text = "Hope Vantry was seen. Hope was happy. I hope it helps. Will review in a fortnight."
    persons = [(s.start, s.end) for s in deid.analyse(text) if s.label == "PERSON"]
    starts = {s for s, _ in persons}
    assert text.index("Hope Vantry") in starts
    assert text.index("Hope was") in starts
    assert text.index("hope it") not in starts
    assert text.index("Will review") not in starts


def test_name_propagates_case_insensitively(deid):
    text = "Referral for Tobias Quenby. Later tobias said QUENBY family moved."
    persons = found(deid, text, "PERSON")
    assert "tobias" in persons and "QUENBY" in persons


def test_location_with_person_context(deid):
    text = "Mum has moved to Doncaster and Dad lives in Carlisle; Romania was mentioned."
    assert set(found(deid, text, "LOCATION")) == {"Doncaster", "Carlisle", "Romania"}


def test_town_after_address_and_before_postcode(deid):
    text = "She lives at 12 Quenby Road, Rotherham S60 2BB with Nan."
    spans = {text[s.start:s.end]: s.label for s in deid.analyse(text)}
    assert spans.get("12 Quenby Road") == "ADDRESS"
    assert spans.get("Rotherham") == "LOCATION"
    assert spans.get("S60 2BB") == "POSTCODE"


def test_age_after_name(deid):
    text = "Referral re Zara Vantry (6) and Oliver Vantry, 14, today."
    assert found(deid, text, "AGE") == ["6", "14"]


def test_spans_sorted_non_overlapping(deid):
    text = "Mum Imogen Threlkeld, 07700 900123, imogen.t@example.org, 4 Oduya Close, LS6 2QZ, on 12/03/2024."
    spans = deid.analyse(text)
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert {s.label for s in spans} >= {"PERSON", "PHONE", "EMAIL", "ADDRESS", "POSTCODE", "DATE"}
    assert all(isinstance(s, Span) and 0 <= s.score <= 1 and s.source for s in spans)


def test_placeholder_numbering_consistent(deid):
    text = "Tobias Quenby told Zara Vantry. Later Tobias rang zara, then TOBIAS left."
    out = deid.deidentify(text).redacted
    assert out == "[PERSON 1] told [PERSON 2]. Later [PERSON 1] rang [PERSON 2], then [PERSON 1] left."


def test_other_labels_numbered_by_value(deid):
    text = "Call 07700 900123 or 07700900123, else 0161 496 0012."
    assert deid.deidentify(text).redacted == "Call [PHONE 1] or [PHONE 1], else [PHONE 2]."


def test_date_modes_and_dob():
    text = "Seen 12/03/2024 and 5th June; DOB 01/02/2015."
    month = Deidentifier(DeidConfig(date_mode="month_year")).deidentify(text).redacted
    assert month == "Seen March 2024 and [DATE]; DOB [DATE OF BIRTH]."
    bracket = Deidentifier(DeidConfig(date_mode="bracket")).deidentify(text).redacted
    assert bracket == "Seen [DATE] and [DATE]; DOB [DATE OF BIRTH]."


def test_dob_in_brackets_after_name(deid):
    text = "Re: Zara Vantry (03/04/2016) - seen 4 May 2024"
    out = deid.deidentify(text).redacted
    assert "[DATE OF BIRTH]" in out and "May 2024" in out


def test_redact_accepts_reviewer_spans(deid):
    text = "Hello Pim from Oakshott"
    spans = [Span(6, 9, "PERSON", 1.0, "reviewer"), Span(15, 23, "LOCATION", 1.0, "reviewer")]
    assert deid.redact(text, spans) == "Hello [PERSON 1] from [LOCATION 1]"


def test_allow_and_deny_terms():
    cfg = DeidConfig(allow_terms=frozenset({"Tobias Quenby"}), deny_terms={"Bluebottle": "ORGANISATION", "pim": ""})
    d = Deidentifier(cfg)
    text = "Tobias Quenby (our manager) met Pim at Bluebottle."
    spans = {text[s.start:s.end]: s.label for s in d.analyse(text)}
    assert "Tobias Quenby" not in spans
    assert spans["Bluebottle"] == "ORGANISATION"
    assert spans["Pim"] == "PERSON"
    plain = Deidentifier(DeidConfig(deny_terms=frozenset({"Zed"})))
    assert [(s.label, s.source) for s in plain.analyse("asked Zed")] == [("PERSON", "deny_term")]


def test_config_validation():
    with pytest.raises(ValueError):
        DeidConfig(date_mode="weekly")
    with pytest.raises(ValueError):
        DeidConfig(deny_terms={"x": "NOT_A_LABEL"})


def test_configured_case_reference():
    d = Deidentifier(DeidConfig(case_reference_patterns=[r"\bGC-(\d{5})\b"]))
    text = "Opened GC-12345 today"
    assert [(text[s.start:s.end], s.label) for s in d.analyse(text)] == [("12345", "CASE_REFERENCE")]
