"""manage.py issue_api_token: the tokens page's kind of token, for operators' scripts; audited."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from organisations.models import ApiToken, Role
from protection.models import AuditEntry
from tests.factories import member, readable_report


def issue(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("issue_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_token_printed_works_on_the_api_and_is_audited(client, organisation, reviewer):
    readable_report(organisation, "The referral sat in the shared inbox for two days.", by=reviewer)

    token, message = issue("reviewer1", "--organisation", organisation.slug)

    assert token.startswith("gc_") and "\n" not in token and "shown once" in message
    response = client.get("/api/v1/search?q=inbox", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["count"] == 1
    row = ApiToken.objects.get(user=reviewer)
    assert row.token_hash != token and token.startswith(row.prefix)  # only the hash is kept, as the page keeps it
    created = AuditEntry.objects.get(action="api_token.create")
    assert created.actor_id == reviewer.pk and created.subject == f"token:{row.pk}"
    issued = AuditEntry.objects.get(action="api_token.issue_command")
    assert issued.actor_label == "manage.py issue_api_token" and issued.organisation_id == organisation.pk
    assert issued.subject == f"user:{reviewer.pk}" and token not in str(issued.detail)


def test_without_an_organisation_any_role_with_api_permission_will_do(manager):
    token, _message = issue("manager1", "--name", "nightly export")
    assert ApiToken.objects.get(user=manager).name == "nightly export"
    assert token.startswith("gc_")


@pytest.mark.parametrize("args,message", [
    (["nobody"], "There is no user called 'nobody'"),
    (["reporter1"], "has no role, in any organisation, that may use the API"),
    (["reporter1", "--organisation", "demo-test"], "a role that cannot use the API"),
    (["reviewer1", "--organisation", "elsewhere"], "is not a member of 'elsewhere'"),
    (["reviewer1", "--organisation", "nowhere"], "There is no organisation with the slug 'nowhere'"),
])
def test_users_who_may_not_use_the_api_are_refused_clearly(reporter_user, reviewer, other_organisation, args, message):
    with pytest.raises(CommandError, match=message):
        issue(*args)
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="api_token").exists()


def test_a_custodian_cannot_have_a_token(organisation):
    member(organisation, Role.CUSTODIAN, username="keeper")
    with pytest.raises(CommandError, match="that may use the API"):
        issue("keeper")


def test_a_deactivated_user_is_refused(reviewer):
    reviewer.is_active = False
    reviewer.save()
    with pytest.raises(CommandError, match="deactivated"):
        issue("reviewer1")
