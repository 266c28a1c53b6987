"""Reports whose words suggest someone is in danger now are tagged "Urgent", come first in the queue
whatever the order, and can be listed on their own."""

import pytest

from tests.factories import report

pytestmark = pytest.mark.django_db


def queue(client, organisation, query: str = ""):
    return client.get(f"/o/{organisation.slug}/queue/{query}")


def test_an_urgent_report_comes_first_with_an_urgent_tag(reviewer_client, organisation):
    urgent = report(organisation, "I'm scared to go home.", reporter_group="child").report
    newer = report(organisation, "The leaflet had the wrong phone number.").report
    response = queue(reviewer_client, organisation)
    assert [r.reference for r in response.context["page"]] == [urgent.reference, newer.reference]
    html = response.content.decode()
    row = html[html.index(urgent.reference):html.index(newer.reference)]
    assert 'data-testid="urgent"' in row and "Urgent" in row
    assert 'data-testid="easy-read"' in row
    assert html.count('data-testid="urgent"') == 1


def test_urgent_comes_first_in_every_order(reviewer_client, organisation):
    severe = report(organisation, "A child was left in the car for an hour.", potential_harm=5).report
    urgent = report(organisation, "help", potential_harm=0, reporter_group="child").report
    for sort in ("newest", "oldest", "harm"):
        first = queue(reviewer_client, organisation, f"?sort={sort}").context["page"][0]
        assert first.reference == urgent.reference, sort
    assert severe.reference in [r.reference for r in queue(reviewer_client, organisation).context["page"]]


def test_the_urgent_filter_lists_only_urgent_reports(reviewer_client, organisation):
    urgent = report(organisation, "Mae e'n fy nharo.", reporter_group="child").report
    report(organisation, "The review date was wrong on the letter.")
    response = queue(reviewer_client, organisation, "?urgent=urgent")
    assert [r.reference for r in response.context["page"]] == [urgent.reference]
    assert '<option value="urgent" selected>' in response.content.decode()
    everything = queue(reviewer_client, organisation, "?urgent=nonsense")
    assert len(everything.context["page"]) == 2


def test_the_report_page_warns_that_it_is_urgent(reviewer_client, organisation):
    urgent = report(organisation, "She hasn't eaten for days.", reporter_group="carer").report
    response = reviewer_client.get(f"/o/{organisation.slug}/reports/{urgent.reference}/")
    assert b'data-testid="urgent"' in response.content
    assert b"Read it today" in response.content
    assert b"A carer or family member" in response.content
