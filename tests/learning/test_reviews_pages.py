"""The learning review pages as reviewers and managers use them: forms with error summaries that keep
what was typed, links between the parts, and nothing from another organisation."""

from __future__ import annotations

import pytest

from coding import taxonomy
from learning.models import LearningReview
from learning.models.reviews import ReviewStatus
from organisations.models import Role
from tests.factories import member, readable_report, report, sign_in
from tests.learning.factories_reviews import final_review, ready_review

pytestmark = pytest.mark.django_db


def _base(organisation, review=None):
    return f"/o/{organisation.slug}/reviews/" + (f"{review.pk}/" if review else "")


def test_a_reviewer_starts_a_review_and_builds_it_part_by_part(client, organisation, reviewer):
    sign_in(client, reviewer)
    assert client.get(_base(organisation) + "new/").status_code == 200
    response = client.post(_base(organisation) + "new/", {"title": "Referrals lost between teams", "scope": "cluster",
                                                          "summary": "Three referrals waited over one summer."})
    review = LearningReview.objects.get()
    assert response["Location"] == _base(organisation, review)
    code = taxonomy.codes_of(organisation).get(key="fatigue")
    posts = {
        "episodes": {"when": "Week 1", "what_happened": "The referral sat in the inbox.",
                     "what_was_known": "That Fridays were short-staffed.", "what_made_sense": "Triage by subject line."},
        "factors": {"code": code.pk, "finding": "Staff covered three teams."},
        "findings": {"category": "management", "statement": "Cover arrangements leave inboxes unowned."},
        "perspectives": {"agency": "education", "perspective": "The school assumed the referral was being read."},
    }
    for part, data in posts.items():
        assert client.get(_base(organisation, review) + f"{part}/add/").status_code == 200
        assert client.post(_base(organisation, review) + f"{part}/add/", data).status_code == 302, part
    finding = review.findings.get()
    assert client.post(_base(organisation, review) + "recommendations/add/",
                       {"text": "Name an inbox owner on every shift.", "level": "tool_or_system",
                        "finding": finding.pk}).status_code == 302
    page = client.get(_base(organisation, review)).content.decode()
    for text in ("The referral sat in the inbox.", code.name, "Cover arrangements leave inboxes unowned.",
                 "The school assumed", "Name an inbox owner on every shift.", "Reflective supervision pack"):
        assert text in page
    episode = review.episodes.get()
    assert client.get(_base(organisation, review) + f"episodes/{episode.pk}/").status_code == 200
    assert client.post(_base(organisation, review) + f"episodes/{episode.pk}/",
                       {"when": "Week 1", "what_happened": "Read on Monday."}).status_code == 302
    episode.refresh_from_db()
    assert episode.what_happened == "Read on Monday."
    assert client.post(_base(organisation, review) + "episodes/remove/", {"item": episode.pk}).status_code == 302
    assert not review.episodes.exists()


def test_an_error_shows_a_summary_and_keeps_what_was_typed(client, organisation, reviewer):
    sign_in(client, reviewer)
    response = client.post(_base(organisation) + "new/", {"title": "", "scope": "incident",
                                                          "summary": "Words I do not want to type again."})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Enter a title for the review" in page
    assert 'href="#id_title"' in page and "Words I do not want to type again." in page
    review = ready_review(organisation, reviewer)
    response = client.post(_base(organisation, review) + "perspectives/add/",
                           {"agency": "health", "perspective": "A second view from health, kept on error."})
    page = response.content.decode()
    assert response.status_code == 400
    assert "already has that agency" in page and "A second view from health, kept on error." in page


def test_reports_are_linked_by_reference_and_only_readable_ones_of_this_organisation(
        client, organisation, other_organisation, reviewer):
    sign_in(client, reviewer)
    review = ready_review(organisation, reviewer)
    readable = readable_report(organisation, by=reviewer)
    unchecked = report(organisation).report
    elsewhere = readable_report(other_organisation, by=member(other_organisation, Role.REVIEWER))
    url = _base(organisation, review) + "reports/"
    for refused in (unchecked, elsewhere):
        response = client.post(url, {"references": refused.reference})
        assert response.status_code == 400 and refused.reference in response.content.decode()
    assert client.post(url, {"references": f"{readable.reference.lower()}, "}).status_code == 302
    assert list(review.report_links.values_list("report_id", flat=True)) == [readable.pk]
    page = client.get(_base(organisation, review)).content.decode()
    assert readable.reference in page and elsewhere.reference not in page
    assert client.post(_base(organisation, review) + "reports/unlink/", {"report": readable.pk}).status_code == 302
    assert not review.report_links.exists()


def test_the_status_form_moves_the_review_and_explains_a_refusal(client, organisation, reviewer):
    sign_in(client, reviewer)
    review = ready_review(organisation, reviewer)
    url = _base(organisation, review) + "status/"
    response = client.post(url, {"to_status": "final"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert client.post(url, {"to_status": "in_review", "note": "Sent to the partners."}).status_code == 302
    assert client.post(url, {"to_status": "final"}).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.FINAL
    page = client.get(_base(organisation, review)).content.decode()
    assert review.snapshot_sha256 in page and "The record matches its fingerprint." in page
    assert "Add a key practice episode" not in page and "Start a new version" in page
    episode = review.episodes.get()
    response = client.post(_base(organisation, review) + f"episodes/{episode.pk}/",
                           {"when": "Week 1", "what_happened": "Rewritten after the fact."})
    assert response.status_code == 400 and "can no longer be changed" in response.content.decode()
    response = client.post(_base(organisation, review) + "new-version/")
    draft = LearningReview.objects.get(predecessor=review)
    assert response["Location"] == _base(organisation, draft)
    assert "This version revises" in client.get(response["Location"]).content.decode()


def test_a_manager_reads_reviews_but_cannot_change_them(client, organisation, reviewer, manager):
    review = ready_review(organisation, reviewer)
    sign_in(client, manager)
    page = client.get(_base(organisation, review)).content.decode()
    assert "The referral went to the shared inbox." in page and "Add a key practice episode" not in page
    assert "Move the review" not in page
    assert client.get(_base(organisation, review) + "edit/").status_code == 403
    assert client.post(_base(organisation, review) + "episodes/add/", {"when": "x", "what_happened": "y"}).status_code == 403


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.CUSTODIAN, Role.MANAGER, Role.ADMIN])
def test_every_reading_page_renders_for_each_role_that_may_read_reports(client, organisation, reviewer, role):
    reviews_ = [ready_review(organisation, reviewer), final_review(organisation, reviewer)]
    sign_in(client, member(organisation, role))
    assert client.get(_base(organisation)).status_code == 200
    for review in reviews_:
        for suffix in ("", "supervision/", "supervision.txt"):
            assert client.get(_base(organisation, review) + suffix).status_code == 200, (role, suffix)


def test_another_organisations_review_is_not_found(client, organisation, other_organisation, reviewer):
    review = final_review(organisation, reviewer)
    outsider = member(other_organisation, Role.ADMIN)
    sign_in(client, outsider)
    assert client.get(f"/o/{organisation.slug}/reviews/{review.pk}/").status_code == 404
    # Through the outsider's own organisation, the review does not exist either.
    for suffix in ("", "edit/", "supervision/", "supervision.txt", f"episodes/{review.episodes.get().pk}/"):
        assert client.get(f"/o/{other_organisation.slug}/reviews/{review.pk}/{suffix}").status_code == 404, suffix
    for suffix in ("status/", "new-version/", "accept/", "episodes/remove/", "reports/unlink/"):
        assert client.post(f"/o/{other_organisation.slug}/reviews/{review.pk}/{suffix}", {}).status_code == 404, suffix
    assert "Referrals lost" not in client.get(f"/o/{other_organisation.slug}/reviews/").content.decode()
