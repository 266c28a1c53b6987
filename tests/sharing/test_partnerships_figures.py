"""A partnership's combined figures: what counts, suppression of the combined numbers, combined
themes and spikes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Role
from sharing import partnership_figures
from sharing.models import PartnershipMember, SharedReport
from tests.factories import OrganisationFactory, member, sign_in
from tests.sharing.factories import partnership, shared_report
from tests.sharing.factories_partnerships import MEDICATION, MISSED_REFERRAL, reports_about

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _k5(settings):
    """k = 5; and figures from two members, so that most tests need only two organisations (the
    default minimum of three has its own test)."""
    settings.GOODCATCH_SUPPRESSION_K = 5
    settings.GOODCATCH_PARTNERSHIP_MIN_MEMBERS = 2


@pytest.fixture
def council(db):
    return OrganisationFactory(slug="north-council", name="North Council")


@pytest.fixture
def health(db):
    return OrganisationFactory(slug="north-health", name="North Health Trust")


@pytest.fixture
def police(db):
    return OrganisationFactory(slug="north-police", name="North Police")


def _page(client, organisation, slug="north-lscp") -> str:
    sign_in(client, member(organisation, Role.MANAGER))
    response = client.get(reverse("sharing:partnership", kwargs={"partnership_slug": slug}))
    assert response.status_code == 200
    return response.content.decode()


def _panel(figures, key):
    return next(panel for panel in figures.panels if panel.key == key)


def test_only_reports_of_joined_members_count_and_withdrawn_ones_do_not(council, health, police):
    made = partnership(council, health)
    PartnershipMember.objects.create(partnership=made, organisation=police)  # invited only
    for organisation in (council, health, police):
        for _ in range(4):
            shared_report(organisation)
    assert partnership_figures.build(made).total.value == 8
    gone = SharedReport.objects.filter(organisation=council).order_by("pk")[:2]
    SharedReport.objects.filter(pk__in=[r.pk for r in gone]).update(withdrawn_at=timezone.now())
    assert partnership_figures.build(made).total.value == 6  # counted again once a report is withdrawn


def test_a_small_members_reports_are_hidden_and_cannot_be_had_by_subtraction(client, council, health):
    made = partnership(council, health)
    for _ in range(12):
        shared_report(council, kind="near_miss", service_area="children")
    for _ in range(2):
        shared_report(health, kind="incident", service_area="adults", period="2026-Q3")
    figures = partnership_figures.build(made)
    over_time = _panel(figures, "over-time")
    q3 = next(row for row in over_time.rows if row.label == "2026-Q3")
    columns = over_time.columns[1:]
    assert q3.cells[columns.index("Incident")].display == "<5"
    # Every line of the table (its cells and its total) that hides a number hides at least two, so
    # no hidden number is its total minus the rest.
    lines = [row.cells for row in over_time.rows] + [over_time.total_row.cells]
    lines += [list(column) for column in zip(*lines, strict=True)]
    for line in lines:
        assert sum(cell.value is None for cell in line) != 1, [c.display for c in line]
    areas = _panel(figures, "service-areas")
    assert areas.rows[[r.label for r in areas.rows].index("Adult social care")].cells[0].display == "<5"
    hidden = [row.label for row in areas.rows if row.cells[0].value is None]
    assert len(hidden) >= 2, "the children's count would give away the adults' count"
    # The total is the main table's total, published the same way in every breakdown.
    assert areas.total_row.cells[0].display == over_time.total_row.cells[-1].display
    page = _page(client, council)
    # No figure for any one member: health's 2 is never printed in a table cell.
    cells = re.findall(r'govuk-table__cell--numeric">([^<]*)<', page)
    assert cells and "2" not in cells


def test_small_counts_of_factors_and_bands_are_hidden_and_codes_are_named(council, health):
    made = partnership(council, health)
    for organisation in (council, health):
        for _ in range(3):
            shared_report(organisation, factor_codes=["prioritising-cases"], risk_band="high")
    shared_report(council, factor_codes=["prioritising-cases", "some-local-code"], risk_band="low")
    figures = partnership_figures.build(made)
    factors = _panel(figures, "factors")
    shown = {row.label: row.cells[0].display for row in factors.rows}
    # Its own total (8) is published, so the 7 is hidden too: else 8 − 7 gives the 1 away.
    assert shown == {"How cases were prioritised": "[c]", "some-local-code": "<5"}
    assert factors.total_row.cells[0].display == "8"
    bands = {row.label: row.cells[0].display for row in _panel(figures, "risk").rows}
    assert bands["Low risk"] == "<5" and bands["High risk"] == "[c]"  # else 7 − 6 gives the 1 away
    assert bands["Extreme risk"] == "0"


def test_a_theme_neither_member_could_see_alone_appears_in_the_partnership(client, council, health, police):
    made = partnership(council, health, police)
    reports_about(council, MISSED_REFERRAL[:3])
    reports_about(health, MISSED_REFERRAL[3:])
    reports_about(police, MEDICATION)
    themes = partnership_figures.build(made).themes
    referral = next(theme for theme in themes if "inbox" in theme.label.lower())
    assert referral.count.display == "6"
    page = _page(client, health)
    assert referral.label in page
    # Alone, neither organisation has enough reports for a theme.
    for organisation, slug in ((council, "council-only"), (health, "health-only")):
        alone = partnership(organisation, slug=slug, name=f"{organisation.name} alone")
        assert partnership_figures.build(alone).themes == []


def test_a_theme_of_fewer_than_k_reports_is_not_shown(council, health, police):
    made = partnership(council, health, police)
    reports_about(council, MISSED_REFERRAL[:2])
    reports_about(health, MISSED_REFERRAL[2:4])
    assert partnership_figures.build(made).themes == []
    reports_about(police, MISSED_REFERRAL[4:5])
    assert [theme.count.display for theme in partnership_figures.build(made).themes] == ["5"]


def test_themes_named_at_clearance_are_counted_across_members(council, health):
    made = partnership(council, health)
    for organisation in (council, health):
        for _ in range(3):
            shared_report(organisation, themes=["Duty inbox over leave"])
    rows = {row.label: row.cells[0].display for row in _panel(partnership_figures.build(made), "named-themes").rows}
    assert rows == {"Duty inbox over leave": "6"}


def test_a_quarter_well_above_the_ones_before_is_flagged(client, council, health):
    made = partnership(council, health)
    quarters = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]
    for quarter in quarters:
        for organisation in (council, health):
            for _ in range(3):
                shared_report(organisation, period=quarter)
    for organisation in (council, health):
        for _ in range(15):
            shared_report(organisation, period="2025-Q4")
    flags = partnership_figures.build(made).flags
    assert ("All reports", "2025-Q4") in {(flag.series, flag.period) for flag in flags}
    assert all(flag.period == "2025-Q4" for flag in flags)
    assert "2025-Q4" in _page(client, council)


def test_an_empty_partnership_says_so(client, council, health):
    partnership(council, health)
    assert 'data-testid="partnership-empty"' in _page(client, council)


def test_no_figures_until_three_organisations_have_joined(client, council, health, police, settings):
    """With two, a member could take its own reports away from the combined figures and read the other's."""
    settings.GOODCATCH_PARTNERSHIP_MIN_MEMBERS = 3
    made = partnership(council, health)
    invited = PartnershipMember.objects.create(partnership=made, organisation=police)
    for organisation in (council, health, police):
        reports_about(organisation, MISSED_REFERRAL[:3])
    figures = partnership_figures.build(made)
    assert figures.too_few_members and figures.total.value is None and not figures.panels and not figures.themes
    page = _page(client, council)
    assert 'data-testid="too-few-members"' in page and "North Health Trust" in page
    assert not re.findall(r'govuk-table__cell--numeric">([^<]*)<', page)
    invited.joined_at = timezone.now()
    invited.save()
    figures = partnership_figures.build(made)
    assert not figures.too_few_members and figures.total.value == 9
