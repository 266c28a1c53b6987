"""A draft proposed from the period: its top themes (counts suppressed), spike alerts, the actions
finished in it ("you said, we did") and report excerpts offered for the reviewer to choose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from intelligence.models import SpikeAlert
from learning.models.actions import ActionStatus
from learning.models.bulletins import ItemKind
from tests.factories import sign_in
from tests.learning.factories_bulletins import PERIOD, confirmed_report, done_action, draft, theme_with_reports

pytestmark = pytest.mark.django_db


def test_the_draft_proposes_the_periods_top_themes_and_its_finished_actions(organisation, reviewer):
    big = theme_with_reports(organisation, "Missed handovers", reports=6)
    small = theme_with_reports(organisation, "Lost keys", reports=2)
    theme_with_reports(organisation, "Last year's theme", reports=7, month=dt.date(2025, 3, 1))
    done = done_action(organisation, "Handover sheets now list every visit due in the next day.")
    effective = done_action(organisation, "Key safes fitted at every house.", status=ActionStatus.EFFECTIVE)
    done_action(organisation, "Finished before the period.", done_on=dt.date(2026, 2, 27))
    from learning.models import Action

    Action.objects.create(organisation=organisation, description="Still going.", level="practice",
                          status=ActionStatus.IN_PROGRESS)

    bulletin = draft(organisation, by=reviewer)
    items = list(bulletin.items.all())
    themes = [item for item in items if item.kind == ItemKind.THEME]
    assert [(item.object_id, item.heading) for item in themes] == [(big.pk, "Missed handovers"), (small.pk, "Lost keys")]
    actions = [item for item in items if item.kind == ItemKind.ACTION]
    assert {item.object_id for item in actions} == {done.pk, effective.pk}
    assert all(item.included for item in themes + actions)
    from learning.bulletins import count_display

    assert [count_display(item) for item in themes] == ["6", "<5"]  # a small count is never shown


def test_a_finished_action_says_what_staff_told_us(organisation, reviewer):
    from learning.models import ActionTheme

    theme = theme_with_reports(organisation, "Missed handovers", reports=5)
    action = done_action(organisation, "Handover sheets now list every visit.")
    ActionTheme.objects.create(action=action, theme=theme)
    item = draft(organisation, by=reviewer).items.get(kind=ItemKind.ACTION)
    assert item.heading == "You told us about: Missed handovers"
    assert item.text == "Handover sheets now list every visit."


def test_spike_alerts_of_the_period_are_proposed(organisation, reviewer):
    SpikeAlert.objects.create(organisation=organisation, series_key="service_area:adult", series_label="Adult services",
                              week=dt.date(2026, 3, 9), observed=9, expected=3, upper=7, rule="week",
                              message="Reports rose to 9 in the week of 9 March, above the usual 3.")
    SpikeAlert.objects.create(organisation=organisation, series_key="stage:assessment", series_label="Assessment",
                              week=dt.date(2026, 1, 5), observed=9, expected=3, upper=7, rule="week", message="Old.")
    bulletin = draft(organisation, by=reviewer)
    spikes = list(bulletin.items.filter(kind=ItemKind.SPIKE))
    assert [item.heading for item in spikes] == ["Adult services"]


def test_a_spike_alerts_own_words_pass_the_gate(organisation, reviewer):
    """Spike messages date their week to the day; the bulletin says the month, as reports do."""
    from intelligence.spc import Alarm
    from intelligence.spikes import WeekAlarm, message
    from learning import bulletins

    alarm = WeekAlarm(week=dt.date(2026, 3, 9), alarm=Alarm(week=0, rule="week", observed=9.0, expected=3.0, upper=7.0,
                                                             weeks=1),
                      baseline_reports=40, recent=9, recent_expected=3.0, recent_weeks=1)
    SpikeAlert.objects.create(organisation=organisation, series_key="service_area:adult", series_label="Adult services",
                              week=alarm.week, observed=9, expected=3, upper=7, rule="week",
                              message=message("Adult services", alarm))
    bulletin = draft(organisation, by=reviewer, introduction="")
    item = bulletin.items.get(kind=ItemKind.SPIKE)
    assert "March 2026" in item.text and "9 March" not in item.text
    assert bulletins.check(bulletin).clean


def test_report_excerpts_are_offered_but_left_out_until_chosen(organisation, reviewer):
    confirmed = confirmed_report(organisation, "The referral sat in the shared inbox over the bank holiday weekend.",
                                 by=reviewer)
    confirmed_report(organisation, "A report from another month entirely.", by=reviewer, submitted_on=dt.date(2026, 5, 2))
    excerpts = list(draft(organisation, by=reviewer).items.filter(kind=ItemKind.REPORT))
    assert [item.object_id for item in excerpts] == [confirmed.pk]
    assert "shared inbox" in excerpts[0].text and not excerpts[0].included


def test_an_unconfirmed_report_is_never_offered(organisation, reviewer):
    from tests.factories import report

    report(organisation, "Not yet checked by a reviewer.")
    assert not draft(organisation, by=reviewer).items.filter(kind=ItemKind.REPORT).exists()


def test_a_reviewer_proposes_and_edits_a_draft_through_the_pages(client, organisation, reviewer):
    done_action(organisation, "Handover sheets now list every visit.")
    sign_in(client, reviewer)
    response = client.post(reverse("learning:bulletin-new", args=[organisation.slug]),
                           {"title": "March learning", "period_start": PERIOD[0].isoformat(),
                            "period_end": PERIOD[1].isoformat()})
    assert response.status_code == 302
    edit_url = response["Location"]
    page = client.get(edit_url)
    assert "Handover sheets now list every visit." in page.content.decode()
    from learning.models import Bulletin

    bulletin = Bulletin.objects.get(organisation=organisation)
    item = bulletin.items.get()
    response = client.post(edit_url, {"title": "March learning", "introduction": "What changed in March.",
                                       f"heading_{item.pk}": "You told us", f"text_{item.pk}": "We changed the sheets.",
                                       f"included_{item.pk}": "on", f"order_{item.pk}": "0", "check": "1"})
    assert response.status_code == 302 and response["Location"].endswith("/check/")
    bulletin.refresh_from_db()
    assert bulletin.introduction == "What changed in March." and bulletin.items.get().text == "We changed the sheets."


def test_a_period_that_ends_before_it_starts_is_refused(client, organisation, reviewer):
    sign_in(client, reviewer)
    response = client.post(reverse("learning:bulletin-new", args=[organisation.slug]),
                           {"title": "Backwards", "period_start": "2026-03-31", "period_end": "2026-03-01"})
    assert response.status_code == 400
    assert "must end on or after" in response.content.decode()
