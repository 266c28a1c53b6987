"""Every survey figure is suppressed: the wave's, each team's, the quadrants' and the trend's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from culture import item_bank, results, waves
from organisations.models import Role
from protection.models import AuditEntry
from tests.culture.factories import respond_scored
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db
PS, SU, CH = item_bank.PSYCHOLOGICAL_SAFETY, item_bank.SUPPORT, item_bank.CHALLENGE


@pytest.fixture(autouse=True)
def _k5(settings):
    settings.GOODCATCH_SUPPRESSION_K = 5


def _wave(organisation, teams=("Duty", "Adults", "Fostering")):
    return waves.open_wave(organisation, teams=list(teams))


def _team(r: results.WaveResults, label: str) -> results.GroupFigures:
    return next(t for t in r.teams if t.label == label)


def test_a_wave_with_fewer_than_k_answers_shows_nothing_but_that(organisation):
    wave = _wave(organisation)
    respond_scored(wave, 3, 4, team="Duty")
    r = results.wave_results(wave)
    assert r.total.display == "<5" and r.total.value is None
    assert r.overall.means is None and r.quadrants == [] and r.folded is None
    assert _team(r, "Duty").count.display == "<5" and _team(r, "Duty").means is None


def test_a_small_team_is_folded_with_its_complement_so_the_total_cannot_be_differenced(organisation):
    wave = _wave(organisation)
    respond_scored(wave, 10, 4, team="Duty")
    respond_scored(wave, 8, 2, team="Adults")
    respond_scored(wave, 2, 1, team="Fostering")
    r = results.wave_results(wave)
    assert r.total.display == "20"
    assert _team(r, "Duty").count.display == "10" and _team(r, "Duty").means[PS] == 4
    fostering, adults = _team(r, "Fostering"), _team(r, "Adults")
    assert fostering.count.display == "<5" and fostering.means is None
    assert adults.count.display == "[c]" and adults.means is None
    assert r.folded.count.display == "10" and set(r.folded_labels) == {"Adults", "Fostering"}
    # The whole minus the teams shown is the folded group of ten, never the two on their own.
    derived = (20 * r.overall.means[PS] - 10 * _team(r, "Duty").means[PS]) / 10
    assert derived == pytest.approx(r.folded.means[PS]) == pytest.approx((8 * 2 + 2 * 1) / 10)


def test_small_groups_that_hide_each_other_are_still_folded_to_at_least_k(organisation):
    wave = _wave(organisation)
    respond_scored(wave, 2, 1, team="Duty")
    respond_scored(wave, 2, 2, team="Adults")
    respond_scored(wave, 10, 4, team="Fostering")
    r = results.wave_results(wave)
    # Two hidden counts of 2 protect each other, but a group of 4 is too small to show: Fostering joins it.
    assert [_team(r, t).count.display for t in ("Duty", "Adults", "Fostering")] == ["<5", "<5", "[c]"]
    assert all(t.means is None for t in r.teams)
    assert r.folded.count.display == "14" and r.folded.means == r.overall.means


def test_rather_not_say_counts_as_a_group_like_any_team(organisation):
    wave = _wave(organisation, teams=("Duty",))
    respond_scored(wave, 9, 4, team="Duty")
    respond_scored(wave, 1, 1, team="")
    r = results.wave_results(wave)
    assert _team(r, "Rather not say").count.display == "<5"
    assert _team(r, "Duty").count.display == "[c]" and _team(r, "Duty").means is None


def test_quadrant_shares_are_suppressed_like_counts(organisation):
    wave = _wave(organisation)
    respond_scored(wave, 10, 4, team="Duty")            # high support, high challenge
    respond_scored(wave, 2, 4, team="Duty", challenge=2)  # high support, low challenge
    r = results.wave_results(wave)
    by_key = {q.key: q for q in r.quadrants}
    assert by_key["high_support_low_challenge"].count.display == "<5"
    assert by_key["high_support_low_challenge"].share is None
    # Its complement hides too, or 12 - 10 would give it away.
    assert by_key["high_support_high_challenge"].count.display == "[c]"
    assert by_key["high_support_high_challenge"].share is None
    assert by_key["low_support_low_challenge"].count.display == "0"


def test_quadrant_shares_are_shown_for_large_enough_groups(organisation):
    wave = _wave(organisation)
    respond_scored(wave, 6, 4)
    respond_scored(wave, 6, 4, support=2, challenge=2)
    by_key = {q.key: q for q in results.wave_results(wave).quadrants}
    assert (by_key["high_support_high_challenge"].share, by_key["low_support_low_challenge"].share) == (50, 50)


def test_the_trend_hides_a_small_wave_in_its_table_and_its_chart(client, organisation):
    first = _wave(organisation)
    respond_scored(first, 3, 2)
    waves.close_wave(first)
    second = _wave(organisation)
    respond_scored(second, 7, 4)
    points = results.trend(organisation)
    assert [p.respondents.display for p in points] == ["<5", "7"]
    assert points[0].means is None and points[0].high_high_share is None
    assert points[1].means[PS] == 4 and points[1].high_high_share == 100
    manager = member(organisation, Role.MANAGER, username="culture-manager")
    sign_in(client, manager)
    page = client.get(reverse("culture:results", kwargs={"org_slug": organisation.slug}))
    assert page.status_code == 200
    chart = page.context["spec"]["data"]["values"]
    assert {v["wave"] for v in chart} == {"Wave 2"} and all(v["score"] == 4 for v in chart)
    body = page.content.decode()
    assert "&lt;5" in body  # the small wave's row says why it has no figures
    assert AuditEntry.objects.filter(action="culture.results_view", actor_id=manager.pk).count() == 1


def test_every_number_on_the_results_page_of_a_small_wave_is_hidden(client, organisation):
    wave = _wave(organisation)
    respond_scored(wave, 4, 5, team="Duty")
    sign_in(client, member(organisation, Role.ADMIN, username="culture-admin"))
    page = client.get(reverse("culture:results", kwargs={"org_slug": organisation.slug}), {"wave": wave.pk})
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures.overall.means is None and figures.quadrants == []
    assert all(t.means is None for t in figures.teams)
    body = page.content.decode()
    assert "5.0" not in body and "Not shown: fewer than 5 people answered." in body
