"""One set of placeholders per report: the same person is the same placeholder in every field and
every reply, different people get different numbers, and a reviewer's corrections keep it so."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from protection import tasks as protection_tasks
from protection.models import PlaceholderDigest, PlaceholderSet, Redaction, SealedRecord
from reporting.deidentification import confirm_redaction
from reporting.models import Message, Report
from reporting.subjects import subject_for
from tests.factories import report

pytestmark = pytest.mark.django_db

WHAT_HAPPENED = ("Health visitor Morwenna Trewin visited, but baby Jago Polglase, known to the family as chick, "
                 "was not seen.")
COULD_HAVE = "Jago could have gone without feeds. Nobody checked on chick, and Mum Kerensa Polglase was not told."


def placeholder_after(text: str, before: str) -> str:
    """The placeholder that follows `before` in a redacted text, e.g. after "Health visitor"."""
    match = re.search(re.escape(before) + r"\s*(\[PERSON \d+\])", text)
    assert match, f"no placeholder after {before!r} in {text!r}"
    return match.group(1)


def number(placeholder: str) -> int:
    return int(re.search(r"\d+", placeholder).group())


def proposals() -> dict[str, str]:
    return dict(Redaction.objects.values_list("field", "redacted"))


@pytest.fixture
def submitted(organisation):
    return report(organisation, WHAT_HAPPENED, potential_harm_text=COULD_HAVE)


def reply(client, code: str, body: str) -> str:
    client.post("/receipt/reply/", {"code": code, "body": body})
    return Message.objects.filter(author_kind=Message.Author.REPORTER).order_by("-pk").first().body


def test_the_same_person_keeps_one_placeholder_across_fields_and_a_later_reply(submitted, client):
    fields = proposals()
    first, second = fields["what_happened"], fields["potential_harm_text"]
    visitor = placeholder_after(first, "Health visitor")
    baby = placeholder_after(first, "but baby")
    assert visitor != baby
    # The baby is the baby in both fields; the mother, named only in the second, is someone new.
    assert placeholder_after(second, "") == baby  # "Jago could have gone..." starts the field
    mum = placeholder_after(second, "and Mum")
    assert mum not in (visitor, baby)
    assert "Jago" not in second and "Kerensa" not in second

    answer = reply(client, submitted.receipt_code,
                   "Morwenna rang Kerensa on Friday. Dr Hosking was away, so Jago was not weighed.")
    assert placeholder_after(answer, "") == visitor
    assert placeholder_after(answer, "rang") == mum
    assert placeholder_after(answer, "so") == baby
    doctor = placeholder_after(answer, "Dr")
    assert doctor not in (visitor, baby, mum)
    assert number(doctor) > max(map(number, (visitor, baby, mum)))


def test_a_reviewers_restore_and_added_words_keep_the_numbering(submitted, reviewer_client, organisation, client):
    before = proposals()
    baby = placeholder_after(before["what_happened"], "but baby")
    mum = placeholder_after(before["potential_harm_text"], "and Mum")
    visitor_span = next(i for i, s in enumerate(Redaction.objects.get(field="what_happened").spans)
                        if WHAT_HAPPENED[s["start"]:s["end"]] == "Morwenna Trewin")
    url = f"/o/{organisation.slug}/reports/{submitted.report.reference}/redaction/"
    reviewer_client.post(url, {f"restore-what_happened-{visitor_span}": "1", "add_terms": "chick",
                               "add_label": "PERSON", "action": "apply"})

    after = proposals()
    assert "Health visitor Morwenna Trewin visited" in after["what_happened"]
    assert placeholder_after(after["what_happened"], "but baby") == baby
    assert placeholder_after(after["potential_harm_text"], "") == baby
    assert placeholder_after(after["potential_harm_text"], "and Mum") == mum
    nickname = placeholder_after(after["what_happened"], "known to the family as")
    assert placeholder_after(after["potential_harm_text"], "checked on") == nickname
    assert number(nickname) > max(number(baby), number(mum))  # a new person never takes an old number

    reviewer_client.post(url, {"action": "confirm"})
    assert Report.objects.get(pk=submitted.report.pk).deid_status == "confirmed"
    # The learned word is redacted in a later reply, as the same placeholder.
    answer = reply(client, submitted.receipt_code, "I think chick was with Kerensa all weekend.")
    assert placeholder_after(answer, "I think") == nickname
    assert placeholder_after(answer, "was with") == mum


def test_after_the_originals_are_destroyed_a_reply_never_reuses_a_number(submitted, reviewer, client):
    fields = proposals()
    visitor = placeholder_after(fields["what_happened"], "Health visitor")
    baby = placeholder_after(fields["what_happened"], "but baby")
    confirm_redaction(submitted.report, by=reviewer)
    # As if it was confirmed ten days ago: its originals have twenty days left.
    narrative_ends = timezone.now() + timedelta(days=20)
    SealedRecord.objects.filter(kind="narrative").update(destroy_after=narrative_ends)
    PlaceholderDigest.objects.update(forget_after=narrative_ends)
    # A reply now: the visitor's hash is kept as long as this reply's original, beyond the narrative.
    assert placeholder_after(reply(client, submitted.receipt_code, "Morwenna came back on Monday."), "") == visitor
    highest = PlaceholderSet.objects.get().highest["PERSON"]

    # Twenty days on, the narrative's originals are destroyed and the hashes only they used forgotten.
    past = timezone.now() - timedelta(seconds=1)
    SealedRecord.objects.filter(destroy_after__lte=narrative_ends).update(destroy_after=past)
    PlaceholderDigest.objects.filter(forget_after__lte=narrative_ends).update(forget_after=past)
    protection_tasks.apply_retention.call()
    assert SealedRecord.objects.get(field="what_happened").destroyed_at is not None

    answer = reply(client, submitted.receipt_code, "Morwenna and Jago were both there.")
    assert placeholder_after(answer, "") == visitor  # still named in a reply whose original is kept
    later_baby = placeholder_after(answer, "and")
    assert later_baby != baby and number(later_baby) > highest


def test_the_same_name_in_two_reports_leaves_no_shared_trace(organisation):
    one = report(organisation, WHAT_HAPPENED).report
    two = report(organisation, WHAT_HAPPENED).report
    digests = {subject: set(PlaceholderDigest.objects.filter(placeholders__subject=subject)
                            .values_list("digest", flat=True)) for subject in (subject_for(one), subject_for(two))}
    first, second = digests.values()
    assert first and second and not first & second


def test_a_draft_proposed_before_numbering_was_kept_gets_new_numbers_above_its_own(submitted, reviewer_client,
                                                                                    organisation):
    PlaceholderSet.objects.all().delete()  # as a proposal made before this numbering existed
    highest = max(number(p) for text in proposals().values() for p in re.findall(r"\[PERSON \d+\]", text))
    url = f"/o/{organisation.slug}/reports/{submitted.report.reference}/redaction/"
    reviewer_client.post(url, {"add_terms": "chick", "add_label": "PERSON", "action": "apply"})
    assert number(placeholder_after(proposals()["what_happened"], "known to the family as")) > highest
