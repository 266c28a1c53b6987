"""What a reviewer types into a learning review is de-identified before it is stored: a name or a phone
number typed in never reaches the page, the snapshot or a partner."""

from __future__ import annotations

import pytest

from learning import reviews
from learning.models import LearningReview
from tests.factories import sign_in
from tests.learning.factories_reviews import access, episode, new_review

pytestmark = pytest.mark.django_db

NAME, PHONE = "Kerensa Polglase", "07700 900461"


def test_the_reviews_own_details_are_de_identified(organisation, reviewer):
    review = new_review(organisation, reviewer, title=f"When {NAME} was not seen",
                        summary=f"Mum {NAME} rang {PHONE} three times.")
    assert NAME not in review.title and "Polglase" not in review.summary and PHONE not in review.summary
    assert "[PERSON 1]" in review.title and "[PERSON 1]" in review.summary  # one person, one placeholder
    assert "[PHONE 1]" in review.summary


@pytest.mark.parametrize(("part", "data", "field"), [
    ("episodes", {"when": "Week 1", "what_happened": f"Mum {NAME} rang the duty line on {PHONE}.",
                  "what_was_known": "", "what_made_sense": ""}, "what_happened"),
    ("findings", {"category": "tools", "statement": f"Nobody owned the inbox where {NAME}'s referral sat.",
                  "in_this_case": "", "beyond_this_case": "", "why_it_matters": ""}, "statement"),
    ("perspectives", {"agency": "health", "perspective": f"The health visitor saw {NAME} on Tuesday."}, "perspective"),
    ("recommendations", {"text": f"Ring families like {NAME}'s back within a day.", "level": "practice",
                         "finding": None}, "text"),
])
def test_each_part_is_de_identified(organisation, reviewer, part, data, field):
    review = new_review(organisation, reviewer, title="Referrals lost between teams", summary="")
    stored = reviews.add_part(access(reviewer, organisation), review, reviews.PARTS[part], data, by=reviewer)
    stored.refresh_from_db()
    assert "Polglase" not in getattr(stored, field) and "Kerensa" not in getattr(stored, field)
    assert "[PERSON" in getattr(stored, field)


def test_new_placeholders_never_reuse_a_number_already_in_the_review(organisation, reviewer):
    review = new_review(organisation, reviewer, title=f"When {NAME} was not seen", summary="")
    later = episode(review, reviewer, what_happened="Jago Trelawny, the lodger, answered the door.")
    assert "[PERSON 1]" in review.title
    assert "[PERSON 2]" in later.what_happened and "Trelawny" not in later.what_happened


def test_a_name_typed_into_a_form_never_reaches_the_page(client, organisation, reviewer):
    sign_in(client, reviewer)
    response = client.post(f"/o/{organisation.slug}/reviews/new/",
                           {"title": "A missed visit", "scope": "incident", "summary": f"Mum {NAME} rang {PHONE}."})
    assert response.status_code == 302
    review = LearningReview.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Polglase" not in page and PHONE not in page and "[PERSON 1]" in page
    client.post(f"/o/{organisation.slug}/reviews/{review.pk}/episodes/add/",
                {"when": "Week 1", "what_happened": f"{NAME} was not at home.", "what_known": ""})
    page = client.get(f"/o/{organisation.slug}/reviews/{review.pk}/").content.decode()
    assert "Polglase" not in page and "was not at home" in page


def test_a_short_field_that_placeholders_make_too_long_is_refused_with_a_reason(client, organisation, reviewer):
    sign_in(client, reviewer)
    title = ("Visits by " + ", ".join(["Jo Polglase", "Al Trelawny", "Ed Penrose", "Bo Tregear"] * 5))[:200]
    response = client.post(f"/o/{organisation.slug}/reviews/new/", {"title": title, "scope": "incident"})
    assert response.status_code == 400 and "Shorten it" in response.content.decode()
    assert not LearningReview.objects.exists()
