"""A user of one organisation never reaches another's just-culture assessments, on any page."""

import pytest
from django.urls import reverse

from justculture import services
from justculture.models import Assessment, Outcome, ReferralDecision
from organisations.models import Role
from organisations.services import access_for
from tests.factories import member, report, sign_in
from tests.justculture.conftest import answers, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_referral(other_organisation):
    reviewer = member(other_organisation, Role.REVIEWER, username="their-reviewer")
    foreign = report(other_organisation).report
    return services.record_assessment(
        access_for(reviewer, other_organisation.slug), foreign, by=reviewer, action="Their action",
        answers=answers(deliberate_harm="yes"), outcome=Outcome.REFERRAL, rationale="Theirs",
    )


@pytest.fixture
def outsider_client(client, organisation):
    sign_in(client, member(organisation, Role.ADMIN, username="admin-here"))
    return client


def urls(org_slug, reference, assessment_id):
    return [
        ("get", reverse("justculture:list", args=[org_slug, reference]), {}),
        ("get", reverse("justculture:new", args=[org_slug, reference]), {}),
        ("post", reverse("justculture:new", args=[org_slug, reference]), form_data()),
        ("get", reverse("justculture:detail", args=[org_slug, reference, assessment_id]), {}),
        ("post", reverse("justculture:decision", args=[org_slug, reference, assessment_id]),
         {"decision": "approved", "reason": "x"}),
    ]


def assert_untouched(foreign_referral):
    assert Assessment.objects.count() == 1
    assert not ReferralDecision.objects.exists()


def test_another_organisations_assessments_are_not_found(outsider_client, other_organisation, foreign_referral):
    for method, url, data in urls(other_organisation.slug, foreign_referral.report.reference, foreign_referral.pk):
        assert getattr(outsider_client, method)(url, data).status_code == 404, url
    referrals = reverse("justculture:referrals", args=[other_organisation.slug])
    assert outsider_client.get(referrals).status_code == 404
    assert_untouched(foreign_referral)


def test_a_foreign_reference_under_ones_own_organisation_is_not_found(outsider_client, organisation,
                                                                       foreign_referral):
    for method, url, data in urls(organisation.slug, foreign_referral.report.reference, foreign_referral.pk):
        assert getattr(outsider_client, method)(url, data).status_code == 404, url
    assert_untouched(foreign_referral)


def test_a_foreign_assessment_under_ones_own_report_is_not_found(outsider_client, organisation, foreign_referral):
    own = report(organisation).report
    for method, url, data in urls(organisation.slug, own.reference, foreign_referral.pk)[3:]:
        assert getattr(outsider_client, method)(url, data).status_code == 404, url
    url = reverse("justculture:new", args=[organisation.slug, own.reference])
    assert outsider_client.get(url + f"?supersedes={foreign_referral.pk}").status_code == 404
    assert outsider_client.post(url, form_data(supersedes=foreign_referral.pk)).status_code == 404
    assert_untouched(foreign_referral)


def test_the_services_refuse_another_organisations_records(organisation, other_organisation, foreign_referral):
    admin = member(organisation, Role.ADMIN, username="admin-service")
    access = access_for(admin, organisation.slug)
    assert not services.referrals_for(access).exists()
    with pytest.raises(services.NotPermitted):
        services.approve_referral(access, foreign_referral, by=admin, reason="x")
    with pytest.raises(services.NotPermitted):
        services.record_assessment(access, foreign_referral.report, by=admin, action="x", answers=answers(),
                                   outcome=Outcome.SYSTEM_LEARNING, rationale="x")
    assert_untouched(foreign_referral)


def test_signed_out_visitors_are_sent_to_sign_in(client, organisation, foreign_referral):
    response = client.get(reverse("justculture:referrals", args=[organisation.slug]))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
