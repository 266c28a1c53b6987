"""The dashboard: each chart's numbers against hand-made reports, small-number suppression on every
number a page, a chart or the CSV shows, filters in the URL, tenancy and empty states."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from datetime import date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from coding.services import CodingInput, record_coding
from intelligence import charts
from intelligence import dashboard as board
from organisations.models import Role
from organisations.services import access_for
from protection.models import AuditEntry
from reporting.choices import DeidStatus, MessageAuthor, ReportKind
from reporting.models import Message, Report
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db
K = 5


@pytest.fixture(autouse=True)
def _dashboard_settings(settings, tmp_path):
    """Static files as plain URLs (no manifest needed), the vega builds where the lead's settings will
    put them, k=5, and no retraining of the suggester while tests code reports."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    node = settings.BASE_DIR / "node_modules"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ("vega", node / "vega" / "build"),
                                 ("vega-lite", node / "vega-lite" / "build"), ("vega-embed", node / "vega-embed" / "build")]
    settings.GOODCATCH_SUPPRESSION_K = K
    settings.GOODCATCH_CODER_RETRAIN_EVERY = 0
    settings.GOODCATCH_DASHBOARD_CACHE_SECONDS = 0  # each test counts afresh (the cache has its own test)


def at(year: int, month: int, day: int = 10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12, 0))


def make_reports(organisation, n: int, *, kind: str = ReportKind.NEAR_MISS, when: datetime | None = None,
                 **fields) -> list[Report]:
    """n reports at once, as they stand once sent and de-identified (the pipeline is tested elsewhere;
    here only their counted fields matter)."""
    when = when or at(2026, 1)
    rows = [Report(organisation=organisation, reference=f"GC-{secrets.token_hex(4).upper()}", kind=kind,
                   receipt_hash=secrets.token_hex(32), submitted_at=when, updated_at=when,
                   deid_status=DeidStatus.CONFIRMED, what_happened="A de-identified account.", **fields)
            for _ in range(n)]
    return Report.objects.bulk_create(rows)


def code(reviewer, organisation, reports, factors: dict[str, str], *, consequence: int = 3, likelihood: int = 3):
    access = access_for(reviewer, organisation.slug)
    for subject in reports:
        record_coding(access, subject, CodingInput(factors=factors, error_type="", stage="", actual_harm=1,
                                                   potential_harm=consequence, likelihood=likelihood), by=reviewer)


def panel(dashboard, key):
    return next(p for p in dashboard.panels if p.key == key)


def table(p) -> dict[str, list[str]]:
    return {row.label: [cell.display for cell in row.cells] for row in p.rows}


def build(organisation, user, **filters):
    return board.build(access_for(user, organisation.slug), board.Filters(**filters))


# ---- each chart's numbers ----------------------------------------------------------------------


def test_reports_over_time_are_counted_by_month_and_type(organisation, manager):
    make_reports(organisation, 6, kind=ReportKind.NEAR_MISS, when=at(2026, 1))
    make_reports(organisation, 5, kind=ReportKind.INCIDENT, when=at(2026, 1, 20))
    make_reports(organisation, 10, kind=ReportKind.NEAR_MISS, when=at(2026, 3))

    built = build(organisation, manager)
    over_time = panel(built, "over-time")

    # Near miss, incident, good practice, concern, total; February is there, with nothing in it.
    assert table(over_time) == {"Jan 2026": ["6", "5", "0", "0", "11"], "Feb 2026": ["0", "0", "0", "0", "0"],
                                "Mar 2026": ["10", "0", "0", "0", "10"]}
    assert built.total.display == "21"
    bars = {(v["month"], v["type"]): v["reports"] for v in over_time.spec["data"]["values"]}
    assert bars[("Jan 2026", "Near miss")] == 6 and bars[("Jan 2026", "Incident")] == 5
    assert bars[("Mar 2026", "Near miss")] == 10


def test_months_are_the_organisations_months_across_clock_changes(organisation, manager):
    # Midnight on 1 June in London is 23:00 on 31 May in UTC, where the database keeps it: an
    # anonymous report sent that day is kept at that midnight (ADR 0003) and belongs to June.
    make_reports(organisation, 5, when=timezone.make_aware(datetime(2026, 6, 1, 0, 0)))
    make_reports(organisation, 6, when=timezone.make_aware(datetime(2026, 5, 31, 23, 59)))
    make_reports(organisation, 7, when=timezone.make_aware(datetime(2026, 1, 31, 23, 30)))  # GMT: no shift

    rows = table(panel(build(organisation, manager), "over-time"))

    assert rows["May 2026"][-1] == "6" and rows["Jun 2026"][-1] == "5" and rows["Jan 2026"][-1] == "7"


def test_the_rate_per_100_staff_divides_each_month_by_the_headcount(organisation, manager):
    organisation.staff_headcount = 200
    organisation.save()
    make_reports(organisation, 6, kind=ReportKind.NEAR_MISS, when=at(2026, 1))
    make_reports(organisation, 5, kind=ReportKind.INCIDENT, when=at(2026, 1))
    make_reports(organisation, 10, when=at(2026, 2))

    rate = panel(build(organisation, manager), "rate")

    assert table(rate) == {"Jan 2026": ["11", "5.50"], "Feb 2026": ["10", "5.00"]}
    assert [v["rate"] for v in rate.spec["data"]["values"]] == [5.5, 5.0]
    assert "healthy reporting culture" in rate.intro


def test_without_a_headcount_the_page_says_how_to_set_it(organisation, manager, client):
    make_reports(organisation, 6)
    admin = member(organisation, Role.ADMIN, username="admin1")

    page = sign_in(client, manager).get(reverse("intelligence:dashboard", args=[organisation.slug]))
    text = page.content.decode()
    assert "An admin can set it on the staff headcount page" in text
    assert "Per 100 staff" not in text

    page = sign_in(client, admin).get(reverse("intelligence:dashboard", args=[organisation.slug]))
    assert reverse("organisations:staff-headcount", args=[organisation.slug]) in page.content.decode()


def test_the_share_of_near_misses_is_near_misses_over_near_misses_and_incidents(organisation, manager):
    make_reports(organisation, 15, kind=ReportKind.NEAR_MISS, when=at(2026, 1))
    make_reports(organisation, 5, kind=ReportKind.INCIDENT, when=at(2026, 1))
    make_reports(organisation, 8, kind=ReportKind.NEAR_MISS, when=at(2026, 2))
    make_reports(organisation, 6, kind=ReportKind.INCIDENT, when=at(2026, 2))

    share = panel(build(organisation, manager), "near-misses")

    assert table(share) == {"Jan 2026": ["15", "5", "75.0%"], "Feb 2026": ["8", "6", "57.1%"]}
    assert [cell.display for cell in share.total_row.cells] == ["23", "11", "67.6%"]
    assert [v["share"] for v in share.spec["data"]["values"]] == [75.0, 57.1]


def test_a_share_or_rate_is_shown_only_where_its_counts_are(small_world, manager):
    built = build(small_world, manager)
    shares = panel(built, "near-misses").rows
    assert any(row.cells[2].display == "not shown" for row in shares)
    for row in shares:
        shown = row.cells[0].value is not None and row.cells[1].value is not None
        assert (row.cells[2].value is not None) == shown
    for row in panel(built, "rate").rows:
        assert (row.cells[1].value is not None) == (row.cells[0].value is not None)


def test_top_factors_and_active_against_latent_come_from_first_codings(organisation, manager, reviewer):
    second = member(organisation, Role.REVIEWER, username="reviewer2")
    six = make_reports(organisation, 6)
    five = make_reports(organisation, 5)
    code(reviewer, organisation, six, {"prioritising-cases": "active", "information-systems": "latent"})
    code(reviewer, organisation, five, {"prioritising-cases": "latent"})
    # A second coder of the same reports does not count them again.
    code(second, organisation, six, {"leadership": "latent"})

    built = build(organisation, manager)
    factors = table(panel(built, "factors"))

    # Active, latent, not said, reports.
    assert factors["How cases were prioritised"] == ["6", "5", "0", "11"]
    assert factors["Information systems"] == ["0", "6", "0", "6"]
    assert "Leadership" not in factors  # only the second coder used it
    assert list(factors) == ["How cases were prioritised", "Information systems"]  # largest first
    assert table(panel(built, "failures")) == {"Active": ["6"], "Latent": ["11"], "Not said": ["0"]}
    spec_values = panel(built, "factors").spec["data"]["values"]
    assert {"factor": "How cases were prioritised", "failure": "Latent", "reports": 5} in spec_values


def test_a_rarely_coded_factor_is_hidden_in_table_and_chart(organisation, manager, reviewer):
    code(reviewer, organisation, make_reports(organisation, 9), {"prioritising-cases": "active"})
    code(reviewer, organisation, make_reports(organisation, 2), {"leadership": "latent"})

    top = panel(build(organisation, manager), "factors")

    assert table(top)["Leadership"][1] == "<5"
    assert not any(v["factor"] == "Leadership" and v["reports"] for v in top.spec["data"]["values"])  # zeros are published


def test_the_risk_heat_map_counts_coded_reports_by_cell(organisation, manager, reviewer):
    code(reviewer, organisation, make_reports(organisation, 6), {"leadership": ""}, consequence=3, likelihood=4)
    code(reviewer, organisation, make_reports(organisation, 7), {"leadership": ""}, consequence=2, likelihood=2)

    heat = panel(build(organisation, manager), "risk")
    rows = table(heat)

    # Rows run from almost certain (5) down to rare (1); columns from negligible (1) to catastrophic (5).
    assert list(rows) == ["5 Almost certain", "4 Likely", "3 Possible", "2 Unlikely", "1 Rare"]
    assert rows["4 Likely"] == ["0 (Moderate risk)", "0 (High risk)", "6 (High risk)", "0 (Extreme risk)",
                                "0 (Extreme risk)", "6"]
    assert rows["2 Unlikely"][1] == "7 (Moderate risk)"
    cells = {(v["likelihood"], v["consequence"]): v for v in heat.spec["data"]["values"]}
    assert len(cells) == 25
    assert cells[("4 Likely", "3 Moderate")]["reports"] == 6
    assert cells[("4 Likely", "3 Moderate")]["band"] == "High risk"


def test_a_small_cell_of_the_heat_map_is_drawn_grey_with_its_mark(organisation, manager, reviewer):
    code(reviewer, organisation, make_reports(organisation, 9), {"leadership": ""}, consequence=2, likelihood=2)
    code(reviewer, organisation, make_reports(organisation, 2), {"leadership": ""}, consequence=5, likelihood=5)

    heat = panel(build(organisation, manager), "risk")

    cell = next(v for v in heat.spec["data"]["values"] if v["likelihood"] == "5 Almost certain"
                and v["consequence"] == "5 Catastrophic")
    assert cell["reports"] is None and cell["display"] == "<5"
    assert table(heat)["5 Almost certain"][4] == "<5 (Extreme risk)"


def test_time_to_first_feedback_is_the_median_of_whole_days_to_a_reviewers_first_message(organisation, manager,
                                                                                          reviewer):
    january = make_reports(organisation, 6, when=at(2026, 1, 5))
    for subject, days in zip(january, [1, 2, 3, 4, 10], strict=False):
        Message.objects.create(report=subject, author_kind=MessageAuthor.REPORTER, body="More detail.",
                               created_at=subject.submitted_at)
        Message.objects.create(report=subject, author_kind=MessageAuthor.REVIEWER, reviewer=reviewer, body="Thanks",
                               created_at=subject.submitted_at + timedelta(days=days))
        Message.objects.create(report=subject, author_kind=MessageAuthor.REVIEWER, reviewer=reviewer, body="Later",
                               created_at=subject.submitted_at + timedelta(days=days + 20))
    for subject, days in zip(make_reports(organisation, 6, when=at(2026, 2, 5)), [0, 1, 1, 2, 5, 6], strict=True):
        Message.objects.create(report=subject, author_kind=MessageAuthor.REVIEWER, reviewer=reviewer, body="Thanks",
                               created_at=subject.submitted_at + timedelta(days=days, hours=3))

    feedback = panel(build(organisation, manager), "feedback")
    rows = table(feedback)

    assert rows["Jan 2026"] == ["5", "3"]  # days 1, 2, 3, 4, 10; the sixth report had no feedback
    assert rows["Feb 2026"] == ["6", "1.5"]  # 0, 1, 1, 2, 5, 6
    assert [cell.display for cell in feedback.total_row.cells] == ["11", "2"]
    assert [v["median"] for v in feedback.spec["data"]["values"]] == [3, 1.5]


def test_a_median_is_shown_only_for_a_month_whose_count_is(small_world, manager):
    rows = panel(build(small_world, manager), "feedback").rows
    assert any(row.cells[1].display == "not shown" for row in rows)
    for row in rows:
        assert (row.cells[1].value is not None) == (row.cells[0].value is not None)


def test_medians_are_exact_for_even_counts():
    assert board.median_from_counts({1: 2, 3: 1, 9: 1}) == 2
    assert board.median_from_counts({4: 1}) == 4
    assert board.median_from_counts({}) is None


def test_spike_alerts_show_their_suppressed_messages(organisation):
    from intelligence.spikes import CurrentAlert

    alert = CurrentAlert(1, "factor:x", "Contributing factor: Information sharing", date(2026, 2, 2), "week", "One week",
                         "Information sharing: more reports than usual in the week of 2 Feb 2026 (fewer than 5).")
    panel = board._spikes_panel(organisation.pk, K, [alert])
    assert table(panel) == {"Contributing factor: Information sharing": [
        "2 Feb 2026", "Information sharing: more reports than usual in the week of 2 Feb 2026 (fewer than 5)."]}


def test_themes_over_time_go_through_suppression(organisation):
    from intelligence.models import ReportTheme, Theme

    this_month = timezone.localdate().replace(day=1)
    handovers = Theme.objects.create(organisation=organisation, auto_label="Missed handovers", size=7)
    letters = Theme.objects.create(organisation=organisation, auto_label="Late letters", size=2)
    for n, theme in enumerate([handovers] * 7 + [letters] * 2):
        ReportTheme.objects.create(report=report(organisation, f"Report number {n}").report, organisation=organisation,
                                   theme=theme, month=this_month)

    panel = board._themes_panel(organisation.pk, K)

    rows = table(panel)
    assert set(rows) == {"Missed handovers", "Late letters"}  # the largest themes, by name
    assert rows["Late letters"][-1] == "<5"
    # The 7 would give the hidden 2 away beside the total, so it is hidden too.
    assert rows["Missed handovers"][-1] == "[c]"
    assert all(v["reports"] in (None, 0) or v["reports"] >= K for v in panel.spec["data"]["values"])


# ---- suppression on every number ------------------------------------------------------------------


class _Cells(HTMLParser):
    """The text of every table data cell that holds a count (cells marked data-measure hold a rate,
    a share, a median or a period instead)."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.specs: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-measure" not in attrs:
            self._in = "td"
            self.cells.append("")
        elif tag == "script" and attrs.get("type") == "application/json":
            self._in = "script"
            self.specs.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "td":
            self.cells[-1] += data
        elif self._in == "script":
            self.specs[-1] += data


def small_numbers(text: str) -> list[int]:
    """Whole numbers from 1 to k-1 in a cell's text, not counting the marks "<k"."""
    return [int(n) for n in re.findall(r"(?<![<\d.])\d+(?![\d.])", text) if 0 < int(n) < K]


def walk_counts(spec) -> list:
    """Every value of a count field anywhere in a chart spec."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == charts.COUNT_FIELD and not isinstance(value, (dict, list)):
                found.append(value)
            else:
                found.extend(walk_counts(value))
    elif isinstance(spec, list):
        for item in spec:
            found.extend(walk_counts(item))
    return found


@pytest.fixture
def small_world(organisation, reviewer):
    """Counts everywhere between 1 and k-1, and a few above, so that suppression has work to do."""
    organisation.staff_headcount = 40
    organisation.save()
    for month, (near, incident, concern) in {1: (3, 1, 2), 2: (7, 2, 0), 3: (1, 6, 4), 4: (9, 0, 1)}.items():
        make_reports(organisation, near, kind=ReportKind.NEAR_MISS, when=at(2026, month), service_area="children")
        make_reports(organisation, incident, kind=ReportKind.INCIDENT, when=at(2026, month), service_area="adults")
        make_reports(organisation, concern, kind=ReportKind.CONCERN, when=at(2026, month), service_area="children")
    reports = list(Report.objects.filter(organisation=organisation).order_by("pk"))
    code(reviewer, organisation, reports[:3], {"leadership": "latent", "prioritising-cases": "active"}, likelihood=2)
    code(reviewer, organisation, reports[3:10], {"leadership": "active"}, consequence=4, likelihood=4)
    code(reviewer, organisation, reports[10:12], {"information-systems": ""}, consequence=1, likelihood=1)
    for subject, days in zip(reports[:7], [1, 2, 3, 4, 1, 2, 8], strict=True):
        Message.objects.create(report=subject, author_kind=MessageAuthor.REVIEWER, reviewer=reviewer, body="Thanks",
                               created_at=subject.submitted_at + timedelta(days=days))
    return organisation


@pytest.mark.parametrize("query", ["", "?kind=near_miss", "?service_area=children&date_from=2026-02-01"])
def test_no_count_under_k_reaches_the_page_its_charts_or_the_csv(small_world, manager, client, query):
    sign_in(client, manager)
    page = client.get(reverse("intelligence:dashboard", args=[small_world.slug]) + query)
    assert page.status_code == 200
    parsed = _Cells()
    parsed.feed(page.content.decode())
    assert parsed.cells and parsed.specs
    assert [cell for cell in parsed.cells if small_numbers(cell)] == []
    assert any("<5" in cell for cell in parsed.cells)  # there was something to hide
    for spec in map(json.loads, parsed.specs):
        assert [n for n in walk_counts(spec) if n is not None and 0 < n < K] == []

    export = client.get(reverse("intelligence:dashboard-csv", args=[small_world.slug]) + query)
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert rows
    counts = [row for row in rows if row["measure"] == "reports"]
    assert counts and [row for row in counts if small_numbers(row["value"])] == []


# ---- filters, tenancy, empty states, export -------------------------------------------------------


def test_filters_in_the_url_narrow_every_chart_and_travel_to_the_csv_link(organisation, manager, client):
    make_reports(organisation, 6, kind=ReportKind.NEAR_MISS, when=at(2026, 1), service_area="children")
    make_reports(organisation, 7, kind=ReportKind.INCIDENT, when=at(2026, 1), service_area="adults")
    make_reports(organisation, 9, kind=ReportKind.INCIDENT, when=at(2025, 6), service_area="adults")
    sign_in(client, manager)
    url = reverse("intelligence:dashboard", args=[organisation.slug])

    page = client.get(url + "?kind=incident&date_from=2026-01-01&date_to=2026-01-31")
    text = page.content.decode()
    assert page.context["dashboard"].total.display == "7"
    assert "date_from=2026-01-01&amp;date_to=2026-01-31&amp;kind=incident" in text
    assert 'data-testid="filters-in-use"' in text
    assert page.context["form"]["kind"].value() == "incident"

    assert client.get(url + "?service_area=children").context["dashboard"].total.display == "6"
    export = client.get(reverse("intelligence:dashboard-csv", args=[organisation.slug]) + "?kind=incident")
    totals = [row for row in csv.DictReader(io.StringIO(export.content.decode()))
              if row["chart"] == "over-time" and row["row"] == "Total" and row["column"] == "Total"]
    assert totals[0]["value"] == "16"


def test_a_bad_filter_is_explained_and_the_rest_still_apply(organisation, manager, client):
    make_reports(organisation, 6, kind=ReportKind.INCIDENT)
    make_reports(organisation, 5, kind=ReportKind.NEAR_MISS)
    sign_in(client, manager)
    page = client.get(reverse("intelligence:dashboard", args=[organisation.slug]) + "?date_from=yesterday&kind=incident"
                      "&stage=nonsense")
    assert page.status_code == 400
    text = page.content.decode()
    assert "Enter the start date as year-month-day" in text
    assert page.context["dashboard"].total.display == "6"


def test_the_end_date_cannot_be_before_the_start(organisation, manager, client):
    sign_in(client, manager)
    page = client.get(reverse("intelligence:dashboard", args=[organisation.slug]) + "?date_from=2026-02-01"
                      "&date_to=2026-01-01")
    assert page.status_code == 400
    assert "The end date must be the same as or after the start date" in page.content.decode()


def test_another_organisations_reports_are_never_counted(organisation, other_organisation, manager):
    make_reports(organisation, 6)
    make_reports(other_organisation, 50)
    other_reviewer = member(other_organisation, Role.REVIEWER, username="elsewhere-reviewer")
    code(other_reviewer, other_organisation, make_reports(other_organisation, 8), {"leadership": "latent"})

    built = build(organisation, manager)

    assert built.total.display == "6"
    assert panel(built, "factors").is_empty and panel(built, "risk").is_empty


def test_only_members_who_may_see_aggregates_reach_the_dashboard(organisation, other_organisation, client):
    outsider = member(other_organisation, Role.ADMIN, username="outsider")
    reporter = member(organisation, Role.REPORTER, username="reporter-only")
    reviewer = member(organisation, Role.REVIEWER, username="reviewer-ok")
    for name in ("intelligence:dashboard", "intelligence:dashboard-csv"):
        url = reverse(name, args=[organisation.slug])
        client.logout()
        assert client.get(url).status_code == 302  # to sign in
        assert sign_in(client, outsider).get(url).status_code == 404
        assert sign_in(client, reporter).get(url).status_code == 403
        assert sign_in(client, reviewer).get(url).status_code == 200


def test_an_empty_organisation_sees_what_will_appear(organisation, manager, client):
    page = sign_in(client, manager).get(reverse("intelligence:dashboard", args=[organisation.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="dashboard-empty"' in text
    for key in ("over-time", "near-misses", "factors", "failures", "risk", "feedback", "spikes", "themes"):
        assert f'data-testid="empty-{key}"' in text
    assert "once reviewers have coded reports" in text
    assert "application/json" not in text  # no chart without data


def test_managers_and_reviewers_find_the_balance_of_the_action_plan_from_the_dashboard(organisation, manager, client):
    custodian = member(organisation, Role.CUSTODIAN, username="custodian-dash")
    url = reverse("intelligence:dashboard", args=[organisation.slug])
    link = reverse("learning:action-overview", args=[organisation.slug])
    assert link in sign_in(client, manager).get(url).content.decode()
    assert sign_in(client, manager).get(link).status_code == 200
    assert link not in sign_in(client, custodian).get(url).content.decode()  # custodians do not manage actions


def test_the_csv_export_is_audited_and_names_its_filters(organisation, manager, client):
    make_reports(organisation, 6, kind=ReportKind.INCIDENT)
    export = sign_in(client, manager).get(reverse("intelligence:dashboard-csv", args=[organisation.slug]) +
                                          "?kind=incident")
    assert export["Content-Type"].startswith("text/csv")
    assert "attachment" in export["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == board.CSV_HEADER
    assert ["notes", "Type of report", "", "Incident", "filter"] in rows
    entry = AuditEntry.objects.filter(action="export.dashboard_csv").get()
    assert entry.organisation_id == organisation.pk and entry.detail == {"filters": "kind=incident"}


def test_an_admin_sets_the_headcount_and_a_manager_cannot(organisation, manager, client):
    admin = member(organisation, Role.ADMIN, username="admin2")
    url = reverse("organisations:staff-headcount", args=[organisation.slug])
    assert sign_in(client, manager).post(url, {"staff_headcount": "120"}).status_code == 403

    sign_in(client, admin)
    assert client.post(url, {"staff_headcount": "-3"}).status_code == 400
    assert client.post(url, {"staff_headcount": "120"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.staff_headcount == 120
    assert AuditEntry.objects.filter(action="organisation.staff_headcount").exists()
    assert client.post(url, {"staff_headcount": ""}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.staff_headcount is None


def test_figures_are_reused_for_a_while_and_never_across_filters_or_roles(organisation, manager, settings):
    settings.GOODCATCH_DASHBOARD_CACHE_SECONDS = 300
    make_reports(organisation, 6, kind=ReportKind.INCIDENT)
    first = build(organisation, manager)
    make_reports(organisation, 6, kind=ReportKind.INCIDENT)

    assert build(organisation, manager).total.display == first.total.display == "6"
    assert build(organisation, manager, kind=ReportKind.INCIDENT).total.display == "12"
    admin = member(organisation, Role.ADMIN, username="admin3")
    assert build(organisation, admin).total.display == "12"
    settings.GOODCATCH_DASHBOARD_CACHE_SECONDS = 0
    assert build(organisation, manager).total.display == "12"


def test_the_periodic_refresh_counts_the_unfiltered_dashboard_ahead_of_its_viewers(organisation, manager, settings):
    from intelligence.tasks import refresh_dashboards

    settings.GOODCATCH_DASHBOARD_CACHE_SECONDS = 300
    make_reports(organisation, 7, kind=ReportKind.INCIDENT)
    assert refresh_dashboards.call() == 1
    make_reports(organisation, 6, kind=ReportKind.INCIDENT)  # after the refresh: shown at the next one

    assert build(organisation, manager).total.display == "7"
    assert build(organisation, member(organisation, Role.ADMIN, username="admin4")).total.display == "7"


def test_the_committed_vega_interpreter_script_is_built_from_the_installed_package(settings):
    source = (settings.BASE_DIR / charts.INTERPRETER_SOURCE).read_text(encoding="utf-8")
    committed = (settings.BASE_DIR / charts.INTERPRETER_SCRIPT).read_text(encoding="utf-8")
    assert committed == charts.interpreter_script(source)


def test_the_page_loads_its_charts_without_inline_script(small_world, manager, client):
    text = sign_in(client, manager).get(reverse("intelligence:dashboard", args=[small_world.slug])).content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", text, flags=re.S)
    inline = [attrs for attrs, body in scripts if body.strip() and 'type="application/json"' not in attrs]
    assert inline == []
    assert "intelligence/dashboard.js" in text and "vega-embed/vega-embed.min.js" in text
