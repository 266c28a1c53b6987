"""Spike alerts in the product: weekly counts by SQL, alerts stored by the scheduled task, the alerts
page with the reports behind each alert, organisation scoping and small-number suppression."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coding import series as coding_series
from coding.services import CodingInput, record_coding
from intelligence import spc, spikes
from intelligence.spike_tasks import detect_spikes
from organisations.models import Role
from organisations.services import access_for
from reporting.models import Report
from tests.factories import member, readable_report, report, sign_in

pytestmark = pytest.mark.django_db

THIS_MONDAY = spikes.monday(timezone.localdate())
SPIKE_WEEK = THIS_MONDAY - spikes.WEEK  # last week: a current alert


def dated(submitted, week: dt.date):
    """Back-date a report to the Wednesday of `week`, to the day (as an anonymous report keeps it)."""
    wednesday = timezone.make_aware(dt.datetime.combine(week + dt.timedelta(days=2), dt.time.min))
    Report.objects.filter(pk=submitted.pk).update(submitted_at=wednesday)
    return submitted


def seed(organisation, *, spike_stage: str = "review") -> list[str]:
    """One children's-services report a week for 20 weeks, then 8 in the spike week, half of them at a
    stage never reported before. Returns the spike week's references."""
    for i in range(20, 0, -1):
        dated(report(organisation, "A visit was missed.", service_area="children").report, SPIKE_WEEK - spikes.WEEK * i)
    references = []
    for i in range(8):
        submitted = report(organisation, "The referral was not passed on.", service_area="children",
                           stage=spike_stage if i < 4 else "").report
        references.append(dated(submitted, SPIKE_WEEK).reference)
    return references


def alert_for(organisation, key: str):
    return next((a for a in spikes.current_alerts(organisation.pk) if a.series_key == key), None)


def test_weekly_counts_are_grouped_by_the_monday_of_each_week(organisation):
    seed(organisation)
    found = {s.key: s for s in spikes.weekly_series(organisation.pk)}
    children = found["service_area:children"]
    assert children.counts[SPIKE_WEEK] == 8
    assert children.counts[SPIKE_WEEK - spikes.WEEK] == 1
    assert sum(children.counts.values()) == 28
    assert all(week.weekday() == 0 for week in children.counts)
    assert found["stage:review"].counts == {SPIKE_WEEK: 4}


def test_a_real_spike_raises_an_alert_with_the_reports_behind_it(organisation):
    spike_references = seed(organisation)
    assert spikes.run_detection(organisation.pk) >= 1
    alert = alert_for(organisation, "service_area:children")
    assert alert is not None
    assert alert.week == SPIKE_WEEK and alert.rule == spc.RULE_WEEK
    # 16 baseline weeks of 1 (the 4 most recent are left out): expected 1 ± √1
    monday = SPIKE_WEEK.strftime("%-d %B %Y")
    assert alert.message == f"Service area: Children's social care: 8 in the week of {monday}, expected 1 ± 1"
    assert spikes.reports_behind(organisation.pk, alert) == spike_references


def test_a_steady_series_raises_no_alert(organisation):
    for i in range(20, 0, -1):
        dated(report(organisation, "A visit was missed.", service_area="adults").report, THIS_MONDAY - spikes.WEEK * i)
    spikes.run_detection(organisation.pk)
    assert spikes.current_alerts(organisation.pk) == []


def test_an_alert_on_a_small_count_is_shown_without_its_numbers(organisation):
    seed(organisation)
    spikes.run_detection(organisation.pk)
    alert = alert_for(organisation, "stage:review")
    assert alert is not None, "four reports at a stage never seen before is an alert"
    assert "fewer than 5" in alert.message and "more reports than usual" in alert.message
    assert " 4 " not in alert.message and "expected" not in alert.message


def test_the_expectation_is_hidden_when_the_baseline_is_itself_a_small_count():
    found = spikes.WeekAlarm(dt.date(2025, 3, 3), spc.Alarm(40, spc.RULE_WEEK, 9, 0.1, 2, 1),
                             baseline_reports=3, recent=9, recent_expected=0.1, recent_weeks=1)
    text = spikes.message("Stage: Review", found, k=5)
    assert text == "Stage: Review: 9 in the week of 3 March 2025, more than usual"


def test_a_scan_alert_describes_its_weeks():
    found = spikes.WeekAlarm(dt.date(2025, 3, 17), spc.Alarm(40, spc.RULE_SCAN3, 30, 12.0, 21, 3),
                             baseline_reports=200, recent=30, recent_expected=12.0, recent_weeks=3)
    # expected 12 ± √12 = 3.46, shown as 3; the three weeks end on Sunday 23 March
    assert spikes.message("Stage: Review", found, k=5) == "Stage: Review: 30 in the 3 weeks to 23 March 2025, expected 12 ± 3"


def test_the_alerts_page_lists_alerts_with_links_to_their_reports(organisation, reviewer_client):
    spike_references = seed(organisation)
    spikes.run_detection(organisation.pk)
    response = reviewer_client.get(reverse("intelligence:alerts", kwargs={"org_slug": organisation.slug}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "8 in the week of" in page
    for reference in spike_references:
        assert reverse("triage:report", kwargs={"org_slug": organisation.slug, "reference": reference}) in page
    assert "more reports than usual" in page  # the small stage series, numbers hidden
    assert 'href="/o/demo-test/alerts/"' in page  # the navigation link


def test_a_manager_sees_the_alerts_page(organisation, client):
    seed(organisation)
    spikes.run_detection(organisation.pk)
    sign_in(client, member(organisation, Role.MANAGER, username="manager-alerts"))
    response = client.get(reverse("intelligence:alerts", kwargs={"org_slug": organisation.slug}))
    assert response.status_code == 200 and "8 in the week of" in response.content.decode()


def test_an_empty_organisation_explains_what_will_appear(organisation, reviewer_client):
    response = reviewer_client.get(reverse("intelligence:alerts", kwargs={"org_slug": organisation.slug}))
    assert response.status_code == 200
    assert "No spike alerts in the last 4 weeks" in response.content.decode()


def test_alerts_stay_in_their_organisation(organisation, other_organisation, client):
    seed(organisation)
    seed(other_organisation, spike_stage="transfer")
    spikes.run_detection(organisation.pk)
    spikes.run_detection(other_organisation.pk)
    ours = {a.series_key for a in spikes.current_alerts(organisation.pk)}
    theirs = {a.series_key for a in spikes.current_alerts(other_organisation.pk)}
    assert "stage:review" in ours and "stage:transfer" not in ours
    assert "stage:transfer" in theirs and "stage:review" not in theirs
    # the other organisation's alert names none of our reports
    other_alert = alert_for(other_organisation, "service_area:children")
    ours_refs = set(Report.objects.filter(organisation=organisation).values_list("reference", flat=True))
    assert not ours_refs & set(spikes.reports_behind(other_organisation.pk, other_alert))
    # an outsider gets 404 for our page, and their own page shows only theirs
    sign_in(client, member(other_organisation, Role.REVIEWER, username="outsider"))
    assert client.get(reverse("intelligence:alerts", kwargs={"org_slug": organisation.slug})).status_code == 404
    page = client.get(reverse("intelligence:alerts", kwargs={"org_slug": other_organisation.slug})).content.decode()
    assert "Stage: Transfer between teams" in page
    assert "Stage: Review" not in page


def test_a_reporter_cannot_see_alerts(organisation, client):
    sign_in(client, member(organisation, Role.REPORTER, username="reporter-alerts"))
    assert client.get(reverse("intelligence:alerts", kwargs={"org_slug": organisation.slug})).status_code == 403


def test_the_scheduled_task_stores_alerts(organisation, reviewer):
    seed(organisation)
    readable_report(organisation, by=reviewer)  # the task visits organisations with a confirmed report
    detect_spikes.enqueue()
    assert alert_for(organisation, "service_area:children") is not None


def test_factor_counts_count_a_report_once_per_week(organisation, reviewer):
    second = member(organisation, Role.REVIEWER, username="reviewer-two")
    coding = CodingInput(factors={"workload-caseload": ""}, error_type="", stage="referral", actual_harm=1,
                         potential_harm=3, likelihood=4)
    reports = [readable_report(organisation, by=reviewer) for _ in range(2)]
    for submitted in reports:
        dated(submitted, SPIKE_WEEK)
        submitted.refresh_from_db()
        record_coding(access_for(reviewer, organisation.slug), submitted, coding, by=reviewer)
    record_coding(access_for(second, organisation.slug), reports[0], coding, by=second)  # coded twice, one report
    rows = coding_series.weekly_factor_counts(organisation.pk)
    assert [(r.key, r.week, r.reports) for r in rows] == [("workload-caseload", SPIKE_WEEK, 2)]
    start = timezone.make_aware(dt.datetime.combine(SPIKE_WEEK, dt.time.min))
    assert sorted(coding_series.reports_with_factor(organisation.pk, "workload-caseload", start,
                                                    start + spikes.WEEK)) == sorted(r.pk for r in reports)
    series = {s.key: s for s in spikes.weekly_series(organisation.pk)}
    assert series["factor:workload-caseload"].counts == {SPIKE_WEEK: 2}


@pytest.mark.parametrize(("k", "alerted"), [(4, True), (5, False)])
def test_a_hidden_count_on_an_alert_keeps_two_possible_values(organisation, settings, k, alerted):
    # An alert reveals that its count was at least the detector's minimum, min(3, k − 2), so a hidden
    # count keeps two possible values: with k = 4, two reports alert ("<4" is then 2 or 3); with
    # k = 5 they do not (the minimum is 3, and "<5" is then 3 or 4).
    settings.GOODCATCH_SUPPRESSION_K = k
    dated(report(organisation, "A visit was missed.", service_area="adults").report, SPIKE_WEEK - spikes.WEEK * 20)
    for _ in range(2):
        dated(report(organisation, "The file went to the wrong team.", stage="transfer").report, SPIKE_WEEK)
    spikes.run_detection(organisation.pk)
    alert = alert_for(organisation, "stage:transfer")
    assert (alert is not None) == alerted
    if alert:
        assert f"fewer than {k}" in alert.message and " 2 " not in alert.message
