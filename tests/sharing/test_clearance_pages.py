"""The reviewer's clearance pages: the two texts side by side, clearing, correcting, withdrawing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reporting.choices import NARRATIVE_FIELDS
from sharing import clearance
from tests.factories import report, sign_in
from tests.sharing.factories_clearance import confirmed_report

pytestmark = pytest.mark.django_db


def _clear_url(organisation, subject) -> str:
    return reverse("sharing:clear", kwargs={"org_slug": organisation.slug, "reference": subject.reference})


def _cleared_url(organisation) -> str:
    return reverse("sharing:cleared", kwargs={"org_slug": organisation.slug})


def _fields(**text) -> dict:
    return {name: text.get(name, "") for name in NARRATIVE_FIELDS}


def test_the_reviewer_sees_both_texts_and_what_the_pass_changed(client, organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    page = sign_in(client, reviewer).get(_clear_url(organisation, subject)).content.decode()
    assert "at 17:42" in page  # the confirmed text, which stays here
    assert "missed the call in the evening in March 2026" in page  # the shareable text
    assert 'data-testid="changes"' in page and "Time of day" in page
    assert 'data-testid="clear-for-sharing"' in page


def test_clearing_from_the_page_makes_the_copy_and_lists_it(client, organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    sign_in(client, reviewer)
    response = client.post(_clear_url(organisation, subject), {"clear": "1"})
    assert response.status_code == 302 and response["Location"] == _cleared_url(organisation)
    shared = clearance.shared_copy_of(organisation.pk, subject.pk)
    assert "in the evening" in shared.what_happened
    listing = client.get(_cleared_url(organisation)).content.decode()
    assert shared.public_id in listing and subject.reference in listing


def test_a_correction_the_pass_changes_again_is_shown_before_it_is_cleared(client, organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    sign_in(client, reviewer)
    corrected = _fields(what_happened="The call at 17:42 was missed.")
    response = client.post(_clear_url(organisation, subject), {"clear": "1", **corrected})
    assert response.status_code == 200
    assert clearance.shared_copy_of(organisation.pk, subject.pk) is None
    assert "The call in the evening was missed." in response.content.decode()
    response = client.post(_clear_url(organisation, subject),
                           {"clear": "1", **_fields(what_happened="The call in the evening was missed.")})
    assert response.status_code == 302
    assert clearance.shared_copy_of(organisation.pk, subject.pk).what_happened == "The call in the evening was missed."


def test_an_unconfirmed_report_has_no_clear_button_and_cannot_be_cleared(client, organisation, reviewer):
    waiting = report(organisation, "The referral sat in the shared inbox.").report
    sign_in(client, reviewer)
    page = client.get(_clear_url(organisation, waiting)).content.decode()
    assert 'data-testid="not-confirmed"' in page and 'data-testid="clear-for-sharing"' not in page
    assert client.post(_clear_url(organisation, waiting), {"clear": "1"}).status_code == 400
    assert clearance.shared_copy_of(organisation.pk, waiting.pk) is None


def test_a_reporter_or_manager_cannot_open_the_clearance_pages(client, organisation, reviewer, reporter_user, manager):
    subject = confirmed_report(organisation, by=reviewer)
    for user in (reporter_user, manager):
        sign_in(client, user)
        assert client.get(_clear_url(organisation, subject)).status_code == 403
        assert client.post(_clear_url(organisation, subject), {"clear": "1"}).status_code == 403
        assert client.get(_cleared_url(organisation)).status_code == 403
    assert clearance.shared_copy_of(organisation.pk, subject.pk) is None


def test_clearing_needs_the_forms_csrf_token(organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    strict = sign_in(Client(enforce_csrf_checks=True), reviewer)
    assert strict.post(_clear_url(organisation, subject), {"clear": "1"}).status_code == 403
    assert clearance.shared_copy_of(organisation.pk, subject.pk) is None


def test_withdrawing_from_the_list(client, organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer)
    sign_in(client, reviewer)
    client.post(_clear_url(organisation, subject), {"clear": "1"})
    shared = clearance.shared_copy_of(organisation.pk, subject.pk)
    response = client.post(_cleared_url(organisation), {"public_id": shared.public_id})
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.is_withdrawn
    assert "Withdrawn" in client.get(_cleared_url(organisation)).content.decode()


def test_the_triage_report_page_links_to_clearance_only_when_it_may(client, organisation, reviewer, manager):
    subject = confirmed_report(organisation, by=reviewer)
    waiting = report(organisation, "The referral sat in the shared inbox.").report

    def page(user, which):
        sign_in(client, user)
        url = reverse("triage:report", kwargs={"org_slug": organisation.slug, "reference": which.reference})
        return client.get(url).content.decode()

    assert _clear_url(organisation, subject) in page(reviewer, subject)
    assert 'data-testid="clear-for-sharing-link"' not in page(reviewer, waiting)
    assert 'data-testid="clear-for-sharing-link"' not in page(manager, subject)


def test_an_overlong_correction_is_refused_with_its_error(client, organisation, reviewer):
    from sharing.clearance_forms import MAX_CHARS

    subject = confirmed_report(organisation, by=reviewer)
    sign_in(client, reviewer)
    response = client.post(_clear_url(organisation, subject), {"clear": "1", **_fields(what_happened="x" * (MAX_CHARS + 1))})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()
    assert clearance.shared_copy_of(organisation.pk, subject.pk) is None


def test_a_generalised_service_area_is_shown_in_words(client, organisation, reviewer):
    subject = confirmed_report(organisation, by=reviewer, service_area="leaving_care")
    page = sign_in(client, reviewer).get(_clear_url(organisation, subject)).content.decode()
    assert "Leaving care" in page and "Children&#x27;s social care" in page and "leaving_care" not in page
