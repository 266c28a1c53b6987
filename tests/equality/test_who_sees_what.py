"""Only an organisation's admins and its named equality leads see the figures, every view is audited,
and no reviewer ever sees anyone's profile: not on a report, in the queue, or through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations import permissions as perm
from organisations.models import Role
from organisations.services import access_for, set_equality_lead
from protection.models import AuditEntry
from tests.equality.factories import assessed_report, monitoring_on, name_lead, staff
from tests.factories import OrganisationFactory, member, sign_in

pytestmark = pytest.mark.django_db


def _results(organisation):
    return reverse("equality:results", kwargs={"org_slug": organisation.slug})


def test_an_equality_lead_holds_view_equality_and_nothing_more_from_it():
    for role in Role.values:
        assert perm.member_has(role, perm.VIEW_EQUALITY, equality_lead=True)
        assert perm.member_has(role, perm.VIEW_EQUALITY) == (role == Role.ADMIN)
        for permission in set().union(*perm.PERMISSIONS.values()) - {perm.VIEW_EQUALITY}:
            assert perm.member_has(role, permission, equality_lead=True) == perm.role_has(role, permission)


def test_only_admins_and_named_leads_see_the_figures(client, organisation):
    monitoring_on(organisation)
    admin = member(organisation, Role.ADMIN, username="ada")
    lead = member(organisation, Role.REPORTER, username="lee")
    others = [member(organisation, role, username=f"not-{role}") for role in
              (Role.REPORTER, Role.REVIEWER, Role.CUSTODIAN, Role.MANAGER)]
    set_equality_lead(organisation, organisation.memberships.get(user=lead).pk, True, by=admin)
    for user in (admin, lead):
        sign_in(client, user)
        assert client.get(_results(organisation)).status_code == 200, user
    for user in others:
        sign_in(client, user)
        assert client.get(_results(organisation)).status_code == 403, user
    set_equality_lead(organisation, organisation.memberships.get(user=lead).pk, False, by=admin)
    sign_in(client, lead)
    assert client.get(_results(organisation)).status_code == 403
    outsider = member(OrganisationFactory(slug="far"), Role.ADMIN, username="outsider")
    sign_in(client, outsider)
    assert client.get(_results(organisation)).status_code == 404


def test_the_navigation_links_the_figures_only_for_those_who_may_see_them(client, organisation):
    monitoring_on(organisation)
    lead, reviewer = member(organisation, Role.REPORTER, username="lee"), member(organisation, Role.REVIEWER)
    name_lead(organisation, lead)
    sign_in(client, lead)
    page = client.get(reverse("equality:my-profile", kwargs={"org_slug": organisation.slug})).content.decode()
    assert f'href="{_results(organisation)}"' in page and "My equality profile" in page
    assert page.count('aria-current="page"') == 1  # only "My equality profile" is the current page
    sign_in(client, reviewer)
    page = client.get(reverse("equality:my-profile", kwargs={"org_slug": organisation.slug})).content.decode()
    assert f'href="{_results(organisation)}"' not in page


def test_every_view_of_the_figures_is_audited(client, organisation):
    monitoring_on(organisation)
    admin = member(organisation, Role.ADMIN, username="ada")
    staff(organisation, "jo")
    sign_in(client, admin)
    for expected in (1, 2):
        client.get(_results(organisation))
        views = AuditEntry.objects.filter(action="equality.results_view", organisation_id=organisation.pk)
        assert views.count() == expected and views.last().actor_id == admin.pk
    # The profiles were opened for the aggregate: one entry per view, saying how many.
    opened = AuditEntry.objects.filter(action="sealed.open", detail__kind="equality", actor_id=admin.pk)
    assert opened.count() == 2 and opened.last().detail["records"] == 1


def test_with_monitoring_off_the_figures_page_says_so_and_reads_nothing(client, organisation):
    admin = member(organisation, Role.ADMIN, username="ada")
    sign_in(client, admin)
    page = client.get(_results(organisation))
    assert page.status_code == 200 and "Equality monitoring is off" in page.content.decode()
    assert reverse("equality:settings", kwargs={"org_slug": organisation.slug}) in page.content.decode()
    assert not AuditEntry.objects.filter(action__in=["equality.results_view", "sealed.open"]).exists()


def test_an_admin_switches_monitoring_and_names_leads(client, organisation):
    admin = member(organisation, Role.ADMIN, username="ada")
    worker = member(organisation, Role.REVIEWER, username="wren")
    sign_in(client, admin)
    url = reverse("equality:settings", kwargs={"org_slug": organisation.slug})
    assert client.post(url, {"enabled": "yes"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.equality_monitoring_enabled
    membership = organisation.memberships.get(user=worker)
    assert client.post(url, {"membership": membership.pk, "lead": "yes"}).status_code == 302
    membership.refresh_from_db()
    assert membership.equality_lead and access_for(worker, organisation.slug).can(perm.VIEW_EQUALITY)
    assert client.post(url, {"membership": 999999, "lead": "yes"}).status_code == 400
    assert client.post(url, {"enabled": "no"}).status_code == 302
    organisation.refresh_from_db()
    assert not organisation.equality_monitoring_enabled
    actions = set(AuditEntry.objects.filter(organisation_id=organisation.pk).values_list("action", flat=True))
    assert {"organisation.equality_monitoring", "membership.equality_lead"} <= actions


def test_a_reviewer_sees_nobodys_profile(client, organisation):
    """Not on the report a profile holder sent, its just-culture page, the queue, or the profile page (their own only)."""
    monitoring_on(organisation)
    reviewer = member(organisation, Role.REVIEWER, username="rev")
    reporter = staff(organisation, "amara", ethnicity="black_caribbean", disability="yes", sex="female")
    sent = assessed_report(organisation, reporter, "supportive", assessor=reviewer, confidentiality="open")
    sign_in(client, reviewer)
    pages = [
        reverse("triage:report", kwargs={"org_slug": organisation.slug, "reference": sent.reference}),
        reverse("triage:queue", kwargs={"org_slug": organisation.slug}),
        reverse("justculture:list", kwargs={"org_slug": organisation.slug, "reference": sent.reference}),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Caribbean" not in response.content.decode(), url
    own = client.get(reverse("equality:my-profile", kwargs={"org_slug": organisation.slug})).content.decode()
    assert " checked" not in own  # the reviewer's own, empty form: never anyone else's answers
    assert client.get(_results(organisation)).status_code == 403
    opened = AuditEntry.objects.filter(action="sealed.open", detail__kind="equality")
    assert not opened.exclude(actor_id=reporter.pk).exists()  # only ever opened by its owner
