"""An organisation's admin chooses whether its published learning is in every member's library; the
choice is audited, and only admins may make it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import Role
from protection.models import AuditEntry
from sharing import library
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


def _url(organisation) -> str:
    return reverse("sharing:library-settings", kwargs={"org_slug": organisation.slug})


def test_an_admin_starts_and_stops_sharing_and_each_change_is_audited(client, organisation):
    admin = member(organisation, Role.ADMIN)
    sign_in(client, admin)
    assert "You do not share your published learning" in client.get(_url(organisation)).content.decode()

    response = client.post(_url(organisation), {"share": "yes"}, follow=True)
    assert "Your published learning is now in the library" in response.content.decode()
    assert "You have shared your published learning since" in response.content.decode()
    assert library.is_sharing(organisation)
    started = AuditEntry.objects.get(action="library.share_start", organisation_id=organisation.pk)
    assert started.actor_id == admin.pk

    client.post(_url(organisation), {"share": "yes"})  # no change: nothing new to record
    assert AuditEntry.objects.filter(action="library.share_start").count() == 1

    client.post(_url(organisation), {"share": "no"})
    assert not library.is_sharing(organisation)
    assert AuditEntry.objects.get(action="library.share_stop", organisation_id=organisation.pk).actor_id == admin.pk


def test_the_audit_log_names_the_change_in_words(client, organisation):
    admin = member(organisation, Role.ADMIN)
    library.set_library_sharing(organisation, True, by=admin)
    sign_in(client, admin)

    page = client.get(reverse("organisations:audit-log", kwargs={"org_slug": organisation.slug})).content.decode()
    assert "started sharing the organisation&#x27;s published learning in the library" in page


def test_a_missing_answer_is_an_error_and_changes_nothing(client, organisation):
    sign_in(client, member(organisation, Role.ADMIN))

    response = client.post(_url(organisation), {})
    assert response.status_code == 400
    assert "Select whether to share your published learning" in response.content.decode()
    assert not library.is_sharing(organisation)
    assert not AuditEntry.objects.filter(action__startswith="library.").exists()


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER, Role.MANAGER, Role.CUSTODIAN])
def test_only_an_admin_may_choose(client, organisation, role):
    sign_in(client, member(organisation, role))

    assert client.post(_url(organisation), {"share": "yes"}).status_code == 403
    assert not library.is_sharing(organisation)


def test_an_admin_of_another_organisation_cannot_choose_for_this_one(client, organisation, other_organisation):
    sign_in(client, member(other_organisation, Role.ADMIN))

    assert client.post(_url(organisation), {"share": "yes"}).status_code == 404
    assert not library.is_sharing(organisation)
