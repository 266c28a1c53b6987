import pytest

from organisations.models import Role
from protection import breakglass
from protection.models import AccessRequest, AuditEntry, SealedRecord
from reporting import lifecycle
from reporting.feedback import ClosingFeedback
from reporting.models import Message, Report
from reporting.subjects import subject_for
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def confidential_report(client, organisation, reporter_user):
    client.force_login(reporter_user)
    client.post(f"/o/{organisation.slug}/report/", {"what_happened": "I sent the letter to the wrong address.",
                                             "kind": "incident", "confidentiality": "confidential"})
    client.logout()
    return Report.objects.get()


@pytest.fixture
def custodian(organisation):
    return member(organisation, Role.CUSTODIAN, username="custodian1")


def ask(client, organisation, report, purpose="follow_up", reason="The reporter asked us to call them about it."):
    return client.post(f"/o/{organisation.slug}/reports/{report.reference}/identity/",
                       {"purpose": purpose, "reason": reason})


def test_opening_an_identity_needs_a_reason_a_custodian_and_tells_the_reporter(
        client, organisation, confidential_report, reviewer, custodian):
    sign_in(client, reviewer)
    response = ask(client, organisation, confidential_report)
    row = AccessRequest.objects.get()
    assert response.status_code == 302
    detail = f"/o/{organisation.slug}/break-glass/{row.pk}/"
    opened = client.post(detail, {"action": "open"})
    assert opened.status_code == 400 and "has not been approved" in opened.content.decode()

    sign_in(client, custodian)
    client.post(detail, {"action": "decide", "decision": "approve", "reason": "Agreed: follow-up is needed."})
    row.refresh_from_db()
    assert row.decision == "approved" and row.decided_by_id == custodian.pk

    sign_in(client, reviewer)
    page = client.post(detail, {"action": "open"})
    assert page.status_code == 200 and "reporter1" in page.content.decode()
    assert client.post(detail, {"action": "open"}).status_code == 400  # once only
    notice = Message.objects.get(report=confidential_report, author_kind="system")
    assert "your identity was disclosed" in notice.body and "call them" in notice.body
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert {"breakglass.request", "breakglass.approve", "sealed.open"} <= set(actions)


def test_the_reporter_sees_the_disclosure_on_their_receipt_page(organisation, confidential_report, reviewer, custodian):
    from reporting.services import post_message

    post_message(confidential_report, "On 1 December your identity was disclosed to a reviewer.", author_kind="system")
    # the receipt page shows every message on the thread, system notices included
    assert Message.objects.filter(report=confidential_report, author_kind="system").count() == 1


def test_nobody_approves_their_own_request(organisation, confidential_report, reviewer):
    row = breakglass.request_access(organisation.pk, subject_for(confidential_report), kind="identity",
                                    purpose="follow_up", reason="Need to follow up with the reporter.",
                                    requester=reviewer)
    with pytest.raises(breakglass.BreakGlassError, match="second person"):
        breakglass.decide(row, approver=reviewer, approve=True, reason="me")


def test_only_the_two_allowed_purposes_are_accepted(client, organisation, confidential_report, reviewer):
    with pytest.raises(breakglass.BreakGlassError):
        breakglass.request_access(organisation.pk, subject_for(confidential_report), kind="identity",
                                  purpose="curiosity", reason="I would like to know who it was.", requester=reviewer)
    sign_in(client, reviewer)
    response = ask(client, organisation, confidential_report, purpose="curiosity")
    assert response.status_code == 400
    assert not AccessRequest.objects.exists()


def test_a_reason_is_required(client, organisation, confidential_report, reviewer):
    sign_in(client, reviewer)
    response = ask(client, organisation, confidential_report, reason="")
    assert response.status_code == 400 and "Explain why you need to open the identity" in response.content.decode()


def test_a_manager_cannot_ask_or_decide(client, organisation, confidential_report, manager):
    sign_in(client, manager)
    assert ask(client, organisation, confidential_report).status_code == 403
    assert client.get(f"/o/{organisation.slug}/break-glass/").status_code == 403


def test_closing_a_report_destroys_the_confidential_identity(organisation, confidential_report, reviewer):
    for status in ("in_review", "coded"):
        lifecycle.transition(confidential_report, status, by=reviewer)
    lifecycle.transition(confidential_report, "closed", by=reviewer,
                         feedback=ClosingFeedback("Thank you: the letter was unclear.", "We changed the letter template."))
    record = SealedRecord.objects.get(kind="identity")
    assert record.ciphertext is None and record.destroyed_at is not None
    with pytest.raises(breakglass.BreakGlassError, match="nothing sealed"):
        breakglass.request_access(organisation.pk, subject_for(confidential_report), kind="identity",
                                  purpose="follow_up", reason="Need to follow up with the reporter.",
                                  requester=reviewer)


def test_deliberate_harm_needs_an_approved_just_culture_referral_first(client, organisation, confidential_report,
                                                                       reviewer, custodian):
    from justculture import services as justculture
    from organisations.services import access_for

    sign_in(client, reviewer)
    refused = ask(client, organisation, confidential_report, purpose="deliberate_harm",
                  reason="The review found the letter was sent to harm the family.")
    assert refused.status_code == 400 and "must first be recorded" in refused.content.decode()
    answers = justculture.Answers(deliberate_harm="yes", health="no", protocol_agreed="yes", protocol_workable="yes",
                                  protocol_departed="yes", substitution_peers="no", substitution_training="no",
                                  substitution_supervision="no", mitigating="no")
    assessment = justculture.record_assessment(
        access_for(reviewer, organisation.slug), confidential_report, by=reviewer,
        action="Sent the letter to the wrong address on purpose.", answers=answers, outcome="referral",
        rationale="The reporter's own account shows intent.")
    justculture.approve_referral(access_for(custodian, organisation.slug), assessment, by=custodian,
                                 reason="Agreed after reading the assessment.")
    accepted = ask(client, organisation, confidential_report, purpose="deliberate_harm",
                   reason="The review found the letter was sent to harm the family.")
    assert accepted.status_code == 302
    assert AccessRequest.objects.get().purpose == "deliberate_harm"
