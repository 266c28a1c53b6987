import pytest

from tests.factories import report, sign_in

pytestmark = pytest.mark.django_db


def test_a_manager_sees_counts_with_small_numbers_suppressed(client, organisation, manager):
    for _ in range(6):
        report(organisation, "Contact was missed.", service_area="children", kind="near_miss")
    for _ in range(2):
        report(organisation, "Discharge went ahead without a plan.", service_area="adults", kind="incident")
    sign_in(client, manager)
    response = client.get(f"/o/{organisation.slug}/overview/")
    table = response.context["table"]
    big = table.cell("Children's social care", "Near miss")
    assert big.display == "6" or big.display == "[c]"  # shown, or hidden so the small cell can't be derived
    small = table.cell("Adult social care", "Incident")
    assert small.suppressed and small.value is None and small.display == "<5"
    html = response.content.decode()
    assert "&lt;5" in html
    assert "Discharge" not in html


def test_a_reporter_cannot_see_the_overview(client, organisation, reporter_user):
    sign_in(client, reporter_user)
    assert client.get(f"/o/{organisation.slug}/overview/").status_code == 403
