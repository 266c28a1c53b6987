"""The learned-terms page: an admin sees the words reviewers taught the engine, with who and when,
and removes a wrong one; a name kept by mistake is redacted again from the next report on."""

import json

import pytest
from django.utils import timezone

from organisations.models import Role
from protection.models import AuditEntry, Redaction, TermRule
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db

NARRATIVE = "Nan Morwenna Trewin said the referral had not been read."


@pytest.fixture
def admin(organisation):
    return member(organisation, Role.ADMIN, username="admin-terms")


@pytest.fixture
def admin_client(client, admin):
    return sign_in(client, admin)


def terms_url(organisation):
    return f"/o/{organisation.slug}/learned-terms/"


def remove_url(organisation, rule):
    return f"/o/{organisation.slug}/learned-terms/{rule.pk}/remove/"


def test_an_admin_sees_each_term_with_who_added_it_and_when(admin_client, organisation, other_organisation,
                                                             reviewer):
    TermRule.objects.create(organisation_id=organisation.pk, term="Grace Court", kind="allow",
                            created_by_id=reviewer.pk)
    TermRule.objects.create(organisation_id=organisation.pk, term="Pennant", kind="deny", label="ORGANISATION")
    TermRule.objects.create(organisation_id=other_organisation.pk, term="Tregothnan", kind="deny")
    html = admin_client.get(terms_url(organisation)).content.decode()
    allow = html[html.index('data-testid="allow-terms"'):html.index('data-testid="deny-terms"')]
    deny = html[html.index('data-testid="deny-terms"'):]
    assert "Grace Court" in allow and reviewer.username in allow
    assert timezone.localdate().strftime("%-d %b %Y") in allow
    assert "Pennant" in deny and "Schools, nurseries, GP practices or homes" in deny
    assert "Before this was recorded" in deny
    assert "Tregothnan" not in html
    viewed = AuditEntry.objects.get(action="deid.terms_view")
    assert viewed.detail == {"allow": 1, "deny": 1} and viewed.actor_label == "admin-terms"


def test_removing_asks_first_and_the_audit_log_records_the_kind_but_never_the_term(admin_client, organisation):
    rule = TermRule.objects.create(organisation_id=organisation.pk, term="Morwenna Trewin", kind="allow")
    page = admin_client.get(remove_url(organisation, rule)).content.decode()
    assert "Redact “Morwenna Trewin” again?" in page
    assert TermRule.objects.filter(pk=rule.pk).exists()
    response = admin_client.post(remove_url(organisation, rule))
    assert response.status_code == 302 and response["Location"] == terms_url(organisation)
    assert not TermRule.objects.filter(pk=rule.pk).exists()
    removed = AuditEntry.objects.get(action="deid.term_remove")
    assert removed.detail == {"kind": "allow"}
    for entry in AuditEntry.objects.all():
        assert "Morwenna" not in json.dumps(entry.detail) + entry.subject
    log = admin_client.get(f"/o/{organisation.slug}/audit/").content.decode()
    assert "removed a word from those never redacted" in log and "Morwenna" not in log
    assert "Morwenna" not in admin_client.get(terms_url(organisation)).content.decode()


def test_another_organisations_term_can_be_neither_seen_nor_removed(admin_client, organisation, other_organisation):
    theirs = TermRule.objects.create(organisation_id=other_organisation.pk, term="Tregothnan", kind="allow")
    assert admin_client.get(remove_url(organisation, theirs)).status_code == 404
    assert admin_client.post(remove_url(organisation, theirs)).status_code == 404
    assert TermRule.objects.filter(pk=theirs.pk).exists()
    assert not AuditEntry.objects.filter(action__startswith="deid.term").exists()


def test_a_name_kept_by_mistake_is_redacted_again_once_its_term_is_removed(client, organisation, reviewer, admin):
    # A reviewer keeps a real name ("keep these words") and confirms: it becomes an allow term.
    first = report(organisation, NARRATIVE).report
    proposal = Redaction.objects.get()
    person = next(i for i, s in enumerate(proposal.spans) if s["label"] == "PERSON")
    name = NARRATIVE[proposal.spans[person]["start"]:proposal.spans[person]["end"]]
    sign_in(client, reviewer).post(f"/o/{organisation.slug}/reports/{first.reference}/redaction/",
                                   {f"restore-what_happened-{person}": "1", "action": "confirm"})
    rule = TermRule.objects.get(kind="allow")
    assert rule.term == name and rule.created_by_id == reviewer.pk

    def next_proposal() -> str:
        subject = report(organisation, f"{name} rang again about the visit.").report
        return Redaction.objects.get(subject=f"report:{subject.pk}").redacted

    assert name in next_proposal()  # the mistake: every later report shows the name
    assert sign_in(client, admin).post(remove_url(organisation, rule)).status_code == 302
    redacted = next_proposal()
    assert name not in redacted and "[PERSON 1]" in redacted
