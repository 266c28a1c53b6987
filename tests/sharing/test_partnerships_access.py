"""Who may read a safeguarding partnership's combined view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import Role
from sharing.models import PartnershipMember
from tests.factories import OrganisationFactory, member, sign_in
from tests.sharing.factories import partnership

pytestmark = pytest.mark.django_db


def _view(slug: str = "north-lscp") -> str:
    return reverse("sharing:partnership", kwargs={"partnership_slug": slug})


@pytest.fixture
def council(db):
    return OrganisationFactory(slug="north-council", name="North Council")


@pytest.fixture
def health(db):
    return OrganisationFactory(slug="north-health", name="North Health Trust")


def test_a_reviewer_of_a_joined_member_reads_the_view_and_sees_every_member(client, council, health):
    partnership(council, health)
    sign_in(client, member(health, Role.REVIEWER))
    response = client.get(_view())
    assert response.status_code == 200
    assert "North Safeguarding Children Partnership" in response.content.decode()
    assert "North Council" in response.content.decode() and "North Health Trust" in response.content.decode()


def test_someone_outside_every_member_gets_404_as_if_it_did_not_exist(client, council, health):
    partnership(council)
    sign_in(client, member(health, Role.ADMIN))
    assert client.get(_view()).status_code == 404
    assert client.get(_view("no-such-partnership")).status_code == 404


def test_a_reporter_of_a_member_may_not_read_it(client, council):
    partnership(council)
    sign_in(client, member(council, Role.REPORTER))
    assert client.get(_view()).status_code == 403


def test_a_member_of_an_organisation_that_is_only_invited_or_has_left_gets_404(client, council, health):
    made = partnership(council)
    PartnershipMember.objects.create(partnership=made, organisation=health)  # invited, not joined
    reviewer = member(health, Role.REVIEWER)
    sign_in(client, reviewer)
    assert client.get(_view()).status_code == 404
    PartnershipMember.objects.filter(organisation=council).update(left_at=PartnershipMember.objects.get(
        organisation=council).joined_at)
    sign_in(client, member(council, Role.REVIEWER))
    assert client.get(_view()).status_code == 404


def test_a_signed_out_visitor_is_asked_to_sign_in(client, council):
    partnership(council)
    response = client.get(_view())
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_the_view_needs_a_second_factor_for_a_reviewer(client, council, settings):
    settings.REQUIRE_TWO_FACTOR = True
    partnership(council)
    client.force_login(member(council, Role.REVIEWER))
    response = client.get(_view())
    assert response.status_code == 302 and "/two-factor/" in response["Location"]
