"""Where staff land after signing in (the sign-in step sends everyone to the staff home page)."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from organisations.models import Role
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


def test_signing_in_ends_on_the_staff_home_page():
    assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/o/"


def test_a_manager_lands_on_the_overview(client, organisation, manager):
    sign_in(client, manager)
    response = client.get("/o/")
    assert response.status_code == 302 and response.url == f"/o/{organisation.slug}/overview/"


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.CUSTODIAN, Role.ADMIN])
def test_those_who_act_on_reports_land_on_the_queue(client, organisation, role):
    sign_in(client, member(organisation, role, username=f"landing-{role}"))
    assert client.get("/o/").url == f"/o/{organisation.slug}/queue/"


def test_a_manager_of_two_organisations_chooses_and_each_link_goes_to_its_overview(client, organisation,
                                                                                   other_organisation, manager):
    from organisations.services import add_member

    add_member(other_organisation, manager, Role.REVIEWER)
    sign_in(client, manager)
    html = client.get("/o/").content.decode()
    assert f'href="/o/{organisation.slug}/overview/"' in html
    assert f'href="/o/{other_organisation.slug}/queue/"' in html
