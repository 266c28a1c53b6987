"""The reflective supervision pack: a de-identified vignette with the four prompts, printable and
downloadable, from a report (its confirmed de-identified narrative only) or a learning review."""

from __future__ import annotations

import pytest

from learning import supervision
from organisations.models import Role
from protection.models import AuditEntry
from tests.factories import member, readable_report, report, sign_in
from tests.learning.factories_reviews import final_review, new_review

pytestmark = pytest.mark.django_db

NARRATIVE = "Mum Kerensa Polglase rang 07700 900461 twice about the referral, and nobody rang back."
PROMPTS = ("What was known?", "What was assumed?", "What made sense at the time?", "What would help?")


@pytest.fixture
def confirmed(organisation, reviewer):
    return readable_report(organisation, NARRATIVE, by=reviewer, how_noticed="The school rang the duty line.",
                           service_area="children", stage="referral")


def test_a_reports_vignette_has_only_its_de_identified_text_and_the_prompts(client, organisation, reviewer, confirmed):
    sign_in(client, reviewer)
    response = client.get(f"/o/{organisation.slug}/reports/{confirmed.reference}/supervision/")
    page = response.content.decode()
    assert response.status_code == 200
    assert confirmed.what_happened in page and "The school rang the duty line." in page
    assert "Polglase" not in page and "07700 900461" not in page and "[PERSON 1]" in page
    assert all(prompt in page for prompt in PROMPTS) and page.count('data-testid="prompt"') == 4
    assert "<textarea" in page and "learning/supervision" in page  # space for notes, and the print stylesheet
    assert confirmed.reference not in page.split('data-testid="vignette"')[1].split("Reflective prompts")[0]


def test_the_plain_text_download_is_an_attachment_with_the_story_and_the_prompts(client, organisation, reviewer,
                                                                               confirmed):
    sign_in(client, reviewer)
    response = client.get(f"/o/{organisation.slug}/reports/{confirmed.reference}/supervision.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == 'attachment; filename="supervision-vignette.txt"'
    assert confirmed.what_happened in text and "Polglase" not in text
    assert all(prompt in text for prompt in PROMPTS) and text.count("Notes:") == 4


def test_each_use_is_audited(client, organisation, reviewer, confirmed):
    sign_in(client, reviewer)
    client.get(f"/o/{organisation.slug}/reports/{confirmed.reference}/supervision/")
    client.get(f"/o/{organisation.slug}/reports/{confirmed.reference}/supervision.txt")
    entries = AuditEntry.objects.filter(action="supervision.vignette", subject=f"report:{confirmed.pk}")
    assert [e.detail["form"] for e in entries.order_by("pk")] == ["page", "text"]
    assert all(e.actor_id == reviewer.pk for e in entries)


def test_an_unconfirmed_report_gives_no_vignette(client, organisation, reviewer):
    unchecked = report(organisation, NARRATIVE).report
    assert supervision.from_report(unchecked) is None
    sign_in(client, reviewer)
    page = client.get(f"/o/{organisation.slug}/reports/{unchecked.reference}/supervision/")
    assert page.status_code == 200 and 'data-testid="not-ready"' in page.content.decode()
    assert "Polglase" not in page.content.decode()
    download = client.get(f"/o/{organisation.slug}/reports/{unchecked.reference}/supervision.txt")
    assert download.status_code == 302 and download["Location"].endswith("/supervision/")
    assert not AuditEntry.objects.filter(action="supervision.vignette").exists()


def test_the_report_page_links_to_the_pack_once_it_is_readable(client, organisation, reviewer, confirmed):
    sign_in(client, reviewer)
    page = client.get(f"/o/{organisation.slug}/reports/{confirmed.reference}/").content.decode()
    assert f"/o/{organisation.slug}/reports/{confirmed.reference}/supervision/" in page
    unchecked = report(organisation).report
    assert "/supervision/" not in client.get(f"/o/{organisation.slug}/reports/{unchecked.reference}/").content.decode()


def test_a_reviews_vignette_tells_its_episodes_and_findings(client, organisation, reviewer):
    review = final_review(organisation, reviewer)
    sign_in(client, member(organisation, Role.MANAGER))
    page = client.get(f"/o/{organisation.slug}/reviews/{review.pk}/supervision/").content.decode()
    assert "The referral went to the shared inbox." in page and "Covering three teams" in page
    assert "The shared inbox has no owner" in page and all(prompt in page for prompt in PROMPTS)
    text = client.get(f"/o/{organisation.slug}/reviews/{review.pk}/supervision.txt").content.decode()
    assert text.startswith(review.title) and "Episode 1: Week 1, at the referral" in text
    assert AuditEntry.objects.filter(action="supervision.vignette", subject=f"review:{review.pk}").count() == 2


def test_a_review_vignette_carries_only_the_reviews_de_identified_text(organisation, reviewer):
    review = new_review(organisation, reviewer, title="A missed visit", summary=NARRATIVE)
    text = supervision.as_text(supervision.from_review(review))
    assert "Polglase" not in text and "[PERSON 1]" in text


def test_another_organisations_report_has_no_vignette(client, organisation, other_organisation, reviewer, confirmed):
    sign_in(client, member(other_organisation, Role.REVIEWER))
    for suffix in ("supervision/", "supervision.txt"):
        assert client.get(f"/o/{other_organisation.slug}/reports/{confirmed.reference}/{suffix}").status_code == 404
        assert client.get(f"/o/{organisation.slug}/reports/{confirmed.reference}/{suffix}").status_code == 404
