"""Supervision vignettes in the library: only a final review's, only once it passes the publishing
gate, audited, and withdrawn on request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import Role
from protection.models import AuditEntry
from sharing.models import LibraryVignette
from tests.factories import member, sign_in
from tests.learning import factories_reviews as reviews
from tests.sharing import factories_library as make

pytestmark = pytest.mark.django_db


def _url(organisation) -> str:
    return reverse("sharing:library-vignettes", kwargs={"org_slug": organisation.slug})


def _library_titles(client, **params) -> list[str]:
    return [item.title for item in client.get("/library/", params).context["page"].object_list]


def test_a_final_reviews_vignette_is_published_and_read_in_another_organisation(client, organisation,
                                                                               other_organisation):
    reviewer = make.publisher(organisation)
    review = make.final_review(organisation, reviewer, title="Referrals lost between teams")
    sign_in(client, reviewer)

    response = client.post(_url(organisation), {"review": review.pk, "do": "publish"}, follow=True)
    assert "Vignette published to the library." in response.content.decode()
    assert AuditEntry.objects.filter(action="library.vignette_publish", organisation_id=organisation.pk,
                                     subject=f"review:{review.pk}").count() == 1

    make.share(organisation)
    sign_in(client, member(other_organisation, Role.REPORTER))
    assert _library_titles(client, kind="vignette") == ["Referrals lost between teams"]
    vignette = LibraryVignette.objects.get(review_id=review.pk)
    page = client.get(reverse("sharing:library-item", kwargs={"kind": "vignette", "key": str(vignette.pk)}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "The shared inbox has no owner" in text and "What made sense at the time?" in text


def test_publishing_twice_publishes_once(client, organisation):
    reviewer = make.publisher(organisation)
    review = make.final_review(organisation, reviewer)
    sign_in(client, reviewer)

    client.post(_url(organisation), {"review": review.pk, "do": "publish"})
    client.post(_url(organisation), {"review": review.pk, "do": "publish"})
    assert LibraryVignette.objects.filter(review_id=review.pk).count() == 1


def test_a_review_that_is_not_final_cannot_be_published(client, organisation):
    reviewer = make.publisher(organisation)
    draft = reviews.new_review(organisation, reviewer, summary="Referrals waited in a shared inbox.")
    sign_in(client, reviewer)

    assert client.post(_url(organisation), {"review": draft.pk, "do": "publish"}).status_code == 404
    assert not LibraryVignette.objects.exists()
    assert draft.title not in client.get(_url(organisation)).content.decode()


def test_another_organisations_review_cannot_be_published_from_here(client, organisation, other_organisation):
    theirs = make.final_review(other_organisation, make.publisher(other_organisation))
    sign_in(client, make.publisher(organisation))

    assert client.post(_url(organisation), {"review": theirs.pk, "do": "publish"}).status_code == 404
    assert not LibraryVignette.objects.exists()


def test_the_gate_stops_a_vignette_that_states_a_small_count(client, organisation):
    reviewer = make.publisher(organisation)
    review = make.final_review(organisation, reviewer, summary="Three referrals waited in a shared inbox.")
    sign_in(client, reviewer)

    response = client.post(_url(organisation), {"review": review.pk, "do": "publish"})
    assert response.status_code == 400
    assert "This vignette was not published" in response.content.decode()
    assert "SMALL_COUNT" in response.content.decode()
    assert not LibraryVignette.objects.exists()
    assert AuditEntry.objects.filter(action="library.vignette_refused", subject=f"review:{review.pk}").exists()


def test_a_withdrawn_vignette_leaves_the_library(client, organisation):
    reviewer = make.publisher(organisation)
    review = make.final_review(organisation, reviewer, title="Referrals lost between teams")
    sign_in(client, reviewer)
    client.post(_url(organisation), {"review": review.pk, "do": "publish"})

    client.post(_url(organisation), {"review": review.pk, "do": "withdraw"})
    assert _library_titles(client, kind="vignette") == []
    assert AuditEntry.objects.filter(action="library.vignette_withdraw", subject=f"review:{review.pk}").exists()


@pytest.mark.parametrize("role", [Role.REPORTER, Role.MANAGER, Role.CUSTODIAN])
def test_only_those_who_run_reviews_publish_vignettes(client, organisation, role):
    review = make.final_review(organisation, make.publisher(organisation))
    sign_in(client, member(organisation, role))

    assert client.post(_url(organisation), {"review": review.pk, "do": "publish"}).status_code == 403
    assert not LibraryVignette.objects.exists()
