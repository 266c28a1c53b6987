import pytest

from organisations.models import Membership, Role
from protection.models import AuditEntry
from reporting.subjects import subject_for
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db


def test_an_admin_reads_the_audit_log_of_their_organisation_only(client, organisation, other_organisation, reviewer):
    admin = member(organisation, Role.ADMIN, username="admin-log")
    mine = report(organisation).report
    theirs = report(other_organisation).report
    sign_in(client, reviewer)
    client.get(f"/o/{organisation.slug}/reports/{mine.reference}/")
    sign_in(client, admin)
    page = client.get(f"/o/{organisation.slug}/audit/")
    subjects = {entry.subject for entry in page.context["page"]}
    assert subject_for(mine) in subjects and subject_for(theirs) not in subjects
    assert "report.view" in page.content.decode()


def test_the_audit_log_has_no_way_to_change_it(client, organisation):
    sign_in(client, member(organisation, Role.ADMIN, username="admin-ro"))
    count = AuditEntry.objects.count()
    response = client.post(f"/o/{organisation.slug}/audit/", {"delete": "1"})
    assert response.status_code == 405
    assert AuditEntry.objects.count() == count


def test_role_changes_are_audited_and_admins_cannot_change_their_own(client, organisation, reviewer):
    admin = member(organisation, Role.ADMIN, username="admin-roles")
    sign_in(client, admin)
    target = Membership.objects.get(user=reviewer)
    client.post(f"/o/{organisation.slug}/members/", {"membership": target.pk, "role": "manager"})
    target.refresh_from_db()
    assert target.role == "manager"
    entry = AuditEntry.objects.get(action="membership.role_change")
    assert entry.detail == {"from": "reviewer", "to": "manager"}
    own = Membership.objects.get(user=admin)
    response = client.post(f"/o/{organisation.slug}/members/", {"membership": own.pk, "role": "reporter"})
    assert response.status_code == 400 and "cannot change your own role" in response.content.decode()


def test_a_reviewer_cannot_read_the_audit_log(client, organisation, reviewer):
    sign_in(client, reviewer)
    assert client.get(f"/o/{organisation.slug}/audit/").status_code == 403
