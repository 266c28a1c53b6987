"""My reports: a signed-in reporter's own confidential and open reports, with status and feedback,
shown to nobody else and linked to them in no way a reviewer or the database could read."""

import pytest

from reporting import lifecycle
from reporting.feedback import ClosingFeedback
from reporting.models import Report, ReporterLink
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db


def close(subject, reviewer, learnt="The handover form had no owner.", change="Each form now names an owner."):
    for status in ("in_review", "coded"):
        lifecycle.transition(subject, status, by=reviewer)
    lifecycle.transition(subject, "closed", by=reviewer, feedback=ClosingFeedback(learnt, change))


def test_a_signed_in_reporter_sees_their_reports_status_and_feedback(client, organisation, reporter_user, reviewer):
    confidential = report(organisation, "I missed the handover.", reporter=reporter_user,
                          confidentiality="confidential").report
    report(organisation, "The rota was wrong.", reporter=reporter_user, confidentiality="open")
    close(confidential, reviewer)
    html = sign_in(client, reporter_user).get("/account/my-reports/").content.decode()
    assert html.count('data-testid="my-report"') == 2
    assert "Closed with feedback" in html and "Received" in html
    assert "The handover form had no owner." in html and "Each form now names an owner." in html
    assert "Confidential: reviewers never see who you are" in html


def test_nobody_else_sees_a_reporters_reports(client, organisation, reporter_user, reviewer):
    mine = report(organisation, "I missed the handover.", reporter=reporter_user, confidentiality="confidential").report
    close(mine, reviewer, learnt="Only the reporter should read this.")
    someone_else = member(organisation, "reporter", username="reporter2")
    for other in (someone_else, reviewer):
        html = sign_in(client, other).get("/account/my-reports/").content.decode()
        assert 'data-testid="my-report"' not in html and "Only the reporter should read this." not in html
    client.logout()
    assert client.get("/account/my-reports/")["Location"].startswith("/sign-in/")


def test_an_anonymous_report_is_never_listed_even_when_sent_while_signed_in(client, organisation, reporter_user):
    report(organisation, "Sent anonymously.", reporter=reporter_user, confidentiality="anonymous")
    html = sign_in(client, reporter_user).get("/account/my-reports/").content.decode()
    assert 'data-testid="no-reports"' in html
    assert not ReporterLink.objects.exists()


def test_the_link_to_a_confidential_report_is_sealed_to_its_reporter(organisation, reporter_user):
    from reporting import my_reports

    first = report(organisation, "One.", reporter=reporter_user, confidentiality="confidential").report
    report(organisation, "Two.", reporter=reporter_user, confidentiality="confidential")
    links = [bytes(sealed) for sealed in ReporterLink.objects.values_list("sealed_report", flat=True)]
    assert len(links) == 2 and links[0] != links[1]  # one person's links cannot be matched to each other
    assert Report.objects.get(pk=first.pk).open_reporter is None  # nothing on the report names them
    # A link copied to someone else opens nothing for them.
    other = member(organisation, "reporter", username="reporter2")
    ReporterLink.objects.update(user=other)
    assert my_reports.reports_of(other) == []
