"""An admin sets the organisation's phone number for help now; the easy-read pages show it."""

import pytest

from organisations.models import Role
from protection.models import AuditEntry
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, organisation):
    return sign_in(client, member(organisation, Role.ADMIN, username="admin"))


def test_an_admin_sets_the_number_and_the_easy_read_pages_show_it(admin_client, organisation, client):
    url = f"/o/{organisation.slug}/duty-phone-number/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"duty_phone_number": "01632 960 123"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.duty_phone_number == "01632 960 123"
    assert AuditEntry.objects.filter(action="organisation.duty_phone_number").exists()
    assert b"01632 960 123" in admin_client.get(f"/o/{organisation.slug}/members/").content
    admin_client.logout()
    assert b'href="tel:01632 960 123"' in client.get(f"/r/{organisation.slug}/easy/").content


def test_a_number_that_is_not_a_phone_number_is_refused_and_kept(admin_client, organisation):
    response = admin_client.post(f"/o/{organisation.slug}/duty-phone-number/", {"duty_phone_number": "call Sam"})
    assert response.status_code == 400
    assert b"Enter a phone number" in response.content and b"call Sam" in response.content
    organisation.refresh_from_db()
    assert organisation.duty_phone_number == ""


def test_an_empty_number_shows_999_and_childline_only(admin_client, organisation, client):
    organisation.duty_phone_number = "01632 960 123"
    organisation.save()
    admin_client.post(f"/o/{organisation.slug}/duty-phone-number/", {"duty_phone_number": ""})
    admin_client.logout()
    page = client.get(f"/r/{organisation.slug}/easy/").content
    assert b"tel:999" in page and b"0800 1111" in page and b"duty-number" not in page
