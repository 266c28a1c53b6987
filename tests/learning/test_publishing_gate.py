"""The publish-time gate: real identifiers stop publishing; placeholders, hand redaction, months and
the engine's own output do not."""

from __future__ import annotations

import pytest

import deid
from learning.publishing import check_text, placeholders, small_counts

RAW = ("Mum Kerensa Polglase rang on 07700 900461 from TR1 2AB; her email is k.polglase@example.com, "
       "NHS number 943 476 5919, and she lives at 14 Fore Street, Truro.")


def labels(text, **kwargs):
    return {finding.label for finding in check_text(text, **kwargs)}


def test_the_gate_blocks_names_phones_emails_nhs_numbers_postcodes_and_addresses():
    assert {"PERSON", "PHONE", "POSTCODE", "EMAIL", "NHS_NUMBER", "ADDRESS"} <= labels(RAW)


def test_each_finding_gives_its_position_and_masks_the_identifier_in_its_context():
    findings = check_text(RAW)
    phone = next(f for f in findings if f.label == "PHONE")
    assert RAW[phone.start:phone.end] == "07700 900461"
    assert "[PHONE]" in phone.context and "900461" not in phone.context
    # The other identifiers near it are masked too: the context never shows one.
    for finding in findings:
        for other in findings:
            assert RAW[other.start:other.end] not in finding.context


def test_text_the_engine_de_identified_passes_the_gate():
    narrative = ("On 21st of June the safeguarding lead from Westfield High School sent a referral re Christian "
                 "Summers (14), living with Mum Anne SUMMERS at 42 Herbert Avenue, Barry CF62 1LE. Mum's number "
                 "is 07764 922 124. Once it was screened on 06-Jul-2024 it went straight to Duty.")
    redacted = deid.deidentify(narrative).redacted
    assert "July 2024" in redacted  # the engine keeps the month and year...
    assert check_text(redacted) == []  # ...and the gate lets its own output through


@pytest.mark.parametrize("text", [
    "Mum [redacted] rang about [Child A] at [ADDRESS]; [NAME] saw her on [DATE].",
    "XXXX called the duty line and [name removed] said the visit was missed.",
    "[PERSON] was seen by [PERSON 2] and [Social Worker B]; <name> and {NAME} were told.",
    "In March the team changed the rota, and again in spring 2024 and in 2025.",
])
def test_hand_redaction_and_months_pass_the_gate(text):
    assert check_text(text) == []


def test_a_real_name_in_brackets_is_not_taken_for_a_placeholder():
    assert "PERSON" in labels("The visit was missed and [Kerensa Polglase] was not told.")
    text = "[Kerensa Polglase] and [Child A]"
    assert placeholders(text) == [(text.index("[Child A]"), len(text))]


def test_a_full_date_still_blocks():
    assert labels("The child was seen on 21 March 2023 at home.") == {"DATE"}


def test_an_organisations_learned_terms_are_found(organisation):
    from protection.models import TermRule

    text = "The Trelawny rota was missed."
    assert check_text(text, organisation_id=organisation.pk) == []
    TermRule.objects.create(organisation_id=organisation.pk, term="Trelawny", kind=TermRule.Kind.DENY, label="PERSON")
    assert {f.label for f in check_text(text, organisation_id=organisation.pk)} == {"PERSON"}


def test_stated_counts_of_reports_under_the_threshold_are_found(settings):
    settings.GOODCATCH_SUPPRESSION_K = 5
    found = small_counts("We had 3 reports of missed medication, two near misses and 12 reports of falls.")
    assert [f.label for f in found] == ["SMALL_COUNT", "SMALL_COUNT"]
    assert "3 reports" in found[0].context
    assert small_counts("We had 12 reports of falls.") == []
