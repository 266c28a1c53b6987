import pytest

from organisations.models import Membership, Role
from protection.models import AuditEntry
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
    abouts = {row.about for row in page.context["rows"]}
    assert f"Report {mine.reference}" in abouts and f"Report {theirs.reference}" not in abouts
    assert not any(about.startswith("report:") for about in abouts)


def test_the_audit_log_names_events_in_plain_words_and_reports_by_their_reference(client, organisation, reviewer):
    subject = report(organisation, "Nan Morwenna Trewin was not told.").report
    sign_in(client, reviewer)
    client.get(f"/o/{organisation.slug}/reports/{subject.reference}/redaction/")
    sign_in(client, member(organisation, Role.ADMIN, username="admin-words"))
    html = client.get(f"/o/{organisation.slug}/audit/").content.decode()
    rows = html[html.index('data-testid="audit-log"'):]
    assert "opened a sealed narrative" in rows and "viewed a report" in rows
    assert f"Report {subject.reference}" in rows
    assert f"report:{subject.pk}" not in rows and "sealed.open" not in rows and "report.view" not in rows


def _recorded_event_names() -> tuple[set[str], set[str]]:
    """Every event name passed to audit() in the code base: plain names, and the patterns of
    f-strings (such as f"justculture.referral_{decision}")."""
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    names: set[str] = set()
    patterns: set[str] = set()

    def collect(node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)
        elif isinstance(node, ast.IfExp):
            collect(node.body)
            collect(node.orelse)
        elif isinstance(node, ast.JoinedStr):
            patterns.add("".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                                 for part in node.values))
        else:
            raise AssertionError(f"An audit() call names its event in a way this test cannot read: {ast.dump(node)}")

    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if parts[0] in {".venv", "node_modules", "tests", "staticfiles"} or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and node.args
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) == "audit"):
                collect(node.args[0])
    return names, patterns


def test_every_event_recorded_anywhere_has_plain_words_and_no_word_is_stale():
    from organisations.audit_log import EVENT_NAMES

    names, patterns = _recorded_event_names()
    assert len(names) > 20  # the walk found the code base's audit() calls
    assert names - set(EVENT_NAMES) == set(), "add these events to organisations.audit_log.EVENT_NAMES"
    import re

    for pattern in patterns:
        assert any(re.fullmatch(pattern, name) for name in EVENT_NAMES), pattern
    stale = {name for name in EVENT_NAMES if name not in names and not any(re.fullmatch(p, name) for p in patterns)}
    assert stale == set()


@pytest.fixture
def admin_client(client, organisation):
    return sign_in(client, member(organisation, Role.ADMIN, username="admin-filters"))


def test_the_audit_log_filters_by_event_person_and_date(admin_client, organisation, reviewer):
    from freezegun import freeze_time

    from protection.audit import audit

    other = member(organisation, Role.REVIEWER, username="reviewer-two")
    with freeze_time("2026-03-02 10:00"):
        audit("report.view", actor=reviewer, organisation_id=organisation.pk, subject="report:1")
    with freeze_time("2026-03-10 10:00"):
        audit("report.view", actor=other, organisation_id=organisation.pk, subject="report:2")
        audit("deid.confirm", actor=reviewer, organisation_id=organisation.pk, subject="report:2")
    with freeze_time("2026-03-20 10:00"):
        audit("sealed.destroy", actor="system", organisation_id=organisation.pk, subject="report:1")
    url = f"/o/{organisation.slug}/audit/"

    def shown(query: str) -> list[tuple[str, str]]:
        response = admin_client.get(url + query)
        assert response.status_code == 200, response.content.decode()
        return [(row.who, row.what) for row in response.context["rows"] if row.what != "read the audit log"]

    assert shown("?event=report.view") == [("reviewer-two", "viewed a report"), ("reviewer1", "viewed a report")]
    assert shown(f"?person={reviewer.pk}") == [("reviewer1", "confirmed a de-identification"),
                                               ("reviewer1", "viewed a report")]
    assert shown("?person=system") == [("The system", "destroyed sealed data")]
    assert shown("?since=5/3/2026&until=2026-03-10") == [("reviewer1", "confirmed a de-identification"),
                                                           ("reviewer-two", "viewed a report")]
    assert shown(f"?event=report.view&person={other.pk}&since=1/3/2026&until=31/3/2026") == [
        ("reviewer-two", "viewed a report")]


def test_a_wrong_filter_is_explained_and_the_log_still_shows(admin_client, organisation, other_organisation):
    stranger = member(other_organisation, Role.REVIEWER, username="stranger")
    url = f"/o/{organisation.slug}/audit/"
    admin_client.get(url)  # something to show
    response = admin_client.get(url + "?since=20/3/2026&until=1/3/2026")
    assert response.status_code == 400
    assert "The end date must be the same as or after the start date" in response.content.decode()
    assert response.context["rows"]  # unfiltered, rather than empty
    response = admin_client.get(url + f"?person={stranger.pk}")  # not a member here: not a choice
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


def test_the_audit_log_is_paged_and_its_page_links_keep_the_filters(admin_client, organisation, reviewer):
    from organisations.audit_log import PAGE_SIZE
    from protection.audit import audit

    for n in range(PAGE_SIZE + 5):
        audit("report.view", actor=reviewer, organisation_id=organisation.pk, subject=f"report:{n}")
    url = f"/o/{organisation.slug}/audit/?event=report.view"
    first = admin_client.get(url)
    assert len(first.context["rows"]) == PAGE_SIZE
    html = first.content.decode()
    assert 'class="govuk-pagination"' in html
    assert 'href="?event=report.view&amp;page=2" rel="next"' in html
    second = admin_client.get(url + "&page=2")
    assert len(second.context["rows"]) == 5
    assert 'aria-current="page">2</a>' in second.content.decode()


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
