"""An organisation's admin joins or leaves a partnership it was invited to; each step is audited."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from organisations.models import Role
from protection.models import AuditEntry
from sharing import partnership_figures
from sharing.models import Partnership, PartnershipMember
from tests.factories import OrganisationFactory, member, sign_in
from tests.sharing.factories import shared_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    return OrganisationFactory(slug="north-council", name="North Council")


@pytest.fixture
def health(db):
    return OrganisationFactory(slug="north-health", name="North Health Trust")


@pytest.fixture
def invited(council, health):
    call_command("partnership", "create", "--slug", "north-lscp", "--name", "North LSCP",
                 "--organisation", council.slug, "--organisation", health.slug)
    return Partnership.objects.get(slug="north-lscp")


def _list(organisation) -> str:
    return reverse("sharing:partnerships", kwargs={"org_slug": organisation.slug})


def _post(client, what: str, organisation, slug: str = "north-lscp"):
    return client.post(reverse(f"sharing:partnership-{what}", kwargs={"org_slug": organisation.slug,
                                                                       "partnership_slug": slug}))


def test_an_admin_sees_the_invitation_and_joins(client, council, invited):
    admin = member(council, Role.ADMIN)
    sign_in(client, admin)
    page = client.get(_list(council)).content.decode()
    assert "North LSCP" in page and "Invited" in page
    response = _post(client, "join", council)
    assert response.status_code == 302
    row = PartnershipMember.objects.get(partnership=invited, organisation=council)
    assert row.joined_at is not None and row.joined_by == admin
    assert AuditEntry.objects.filter(action="sharing.partnership_join", organisation_id=council.pk,
                                     actor_id=admin.pk, subject=f"partnership:{invited.pk}").exists()
    page = client.get(_list(council)).content.decode()
    assert reverse("sharing:partnership", kwargs={"partnership_slug": "north-lscp"}) in page


def test_leaving_asks_first_and_then_leaves(client, council, invited):
    PartnershipMember.objects.filter(organisation=council).update(joined_at=invited.created_at)
    sign_in(client, member(council, Role.ADMIN))
    leave = reverse("sharing:partnership-leave", kwargs={"org_slug": council.slug, "partnership_slug": "north-lscp"})
    assert leave in client.get(_list(council)).content.decode()
    page = client.get(leave).content.decode()
    assert "Leave North LSCP" in page and "new invitation" in page
    assert PartnershipMember.objects.get(organisation=council).left_at is None  # asking changes nothing
    assert client.post(leave).status_code == 302
    assert PartnershipMember.objects.get(organisation=council).left_at is not None
    assert "Left" in client.get(_list(council)).content.decode()


def test_only_joined_members_reports_count_and_leaving_stops_them_counting(client, council, health, invited, settings):
    settings.GOODCATCH_PARTNERSHIP_MIN_MEMBERS = 1  # to see one member's reports counted
    for organisation in (council, health):
        for _ in range(5):
            shared_report(organisation)
    admin = member(council, Role.ADMIN)
    sign_in(client, admin)
    _post(client, "join", council)
    assert partnership_figures.build(invited).total.value == 5  # health is only invited
    _post(client, "leave", council)
    assert partnership_figures.build(invited).members == []
    assert AuditEntry.objects.filter(action="sharing.partnership_leave", organisation_id=council.pk).exists()
    # Leaving is final until the operator invites again.
    _post(client, "join", council)
    assert PartnershipMember.objects.get(organisation=council).joined_at is not None
    assert PartnershipMember.objects.get(organisation=council).left_at is not None
    call_command("partnership", "invite", "--slug", "north-lscp", "--organisation", council.slug)
    _post(client, "join", council)
    assert partnership_figures.build(invited).total.value == 5


def test_a_reviewer_sees_joined_partnerships_but_cannot_join_or_leave(client, council, invited):
    PartnershipMember.objects.filter(organisation=council).update(joined_at=invited.created_at)
    sign_in(client, member(council, Role.REVIEWER))
    page = client.get(_list(council)).content.decode()
    assert "North LSCP" in page and "Leave" not in page
    assert _post(client, "leave", council).status_code == 403
    assert PartnershipMember.objects.get(organisation=council).left_at is None


def test_a_reporter_cannot_see_the_partnerships_page(client, council, invited):
    sign_in(client, member(council, Role.REPORTER))
    assert client.get(_list(council)).status_code == 403


def test_an_admin_cannot_join_a_partnership_it_was_not_invited_to(client, council, health):
    other = Partnership.objects.create(slug="south-lscp", name="South LSCP")
    PartnershipMember.objects.create(partnership=other, organisation=health)
    sign_in(client, member(council, Role.ADMIN))
    assert _post(client, "join", council, "south-lscp").status_code == 404
    assert not PartnershipMember.objects.filter(organisation=council).exists()
