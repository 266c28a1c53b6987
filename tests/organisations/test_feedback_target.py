"""An admin sets the organisation's target time to first feedback, in working days."""

import pytest

from organisations.models import Organisation, Role
from organisations.services import feedback_target
from protection.models import AuditEntry
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


def test_the_target_defaults_to_the_setting_until_an_admin_sets_it(client, organisation, settings):
    settings.GOODCATCH_FEEDBACK_TARGET_WORKING_DAYS = 10
    assert feedback_target(organisation) == 10
    admin = sign_in(client, member(organisation, Role.ADMIN, username="admin1"))
    url = f"/o/{organisation.slug}/feedback-target/"
    assert "The target now is 10 working days." in admin.get(url).content.decode()
    assert admin.post(url, {"working_days": "5"}).status_code == 302
    organisation.refresh_from_db()
    assert feedback_target(organisation) == 5
    entry = AuditEntry.objects.get(action="organisation.feedback_target")
    assert entry.detail == {"from": None, "to": 5}
    assert admin.post(url, {"working_days": ""}).status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).feedback_target_working_days is None


def test_a_target_that_is_not_a_number_of_working_days_is_refused(client, organisation):
    admin = sign_in(client, member(organisation, Role.ADMIN, username="admin1"))
    response = admin.post(f"/o/{organisation.slug}/feedback-target/", {"working_days": "0"})
    assert response.status_code == 400
    assert "The target must be at least 1 working day" in response.content.decode()
