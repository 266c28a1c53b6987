"""Links: made by the command and the page, full addresses one a line, each working once."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from culture import responding, waves
from culture.models import Invitation, Response, Wave
from culture.responding import LinkState
from organisations.models import Role
from protection.models import AuditEntry
from tests.culture.factories import answers, token_of
from tests.factories import member, sign_in

pytestmark = pytest.mark.django_db


def _command(*args) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("open_survey", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines()


def test_the_command_prints_one_full_address_a_line_and_opens_a_wave(organisation, settings):
    settings.GOODCATCH_PUBLIC_URL = "https://goodcatch.example.org/"
    lines = _command("--organisation", organisation.slug, "--invitations", "7", "--team", "Duty", "--team", "Fostering")
    assert len(lines) == 7 and len(set(lines)) == 7
    for line in lines:
        assert line.startswith("https://goodcatch.example.org/survey/") and line.endswith("/")
    wave = waves.open_wave_of(organisation)
    assert wave.number == 1 and wave.teams == ["Duty", "Fostering"]
    assert Invitation.objects.filter(wave=wave).count() == 7
    # Only hashes are kept: no token appears anywhere in the table.
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert not any(token_of(line) in stored for line in lines)
    assert {waves.token_hash(token_of(line)) for line in lines} == stored


def test_the_command_adds_to_the_open_wave_or_starts_a_new_one(organisation):
    _command("--organisation", organisation.slug, "--invitations", "2")
    _command("--organisation", organisation.slug, "--invitations", "3")
    assert Wave.objects.filter(organisation=organisation).count() == 1
    assert Invitation.objects.count() == 5
    _command("--organisation", organisation.slug, "--invitations", "1", "--new-wave")
    assert [(w.number, w.is_open) for w in Wave.objects.order_by("number")] == [(1, False), (2, True)]


def test_the_command_refuses_an_unknown_organisation(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _command("--organisation", "nowhere", "--invitations", "1")


def test_the_admin_page_shows_the_links_once_and_as_a_text_file(client, organisation, settings):
    settings.GOODCATCH_PUBLIC_URL = "https://goodcatch.example.org"
    admin = member(organisation, Role.ADMIN, username="survey-admin")
    sign_in(client, admin)
    response = client.post(reverse("culture:waves", kwargs={"org_slug": organisation.slug}), {"teams": "Duty\nDuty\n\nAdults"})
    wave = waves.open_wave_of(organisation)
    assert response.status_code == 302 and wave.teams == ["Duty", "Adults"]
    url = reverse("culture:wave-invitations", kwargs={"org_slug": organisation.slug, "wave_id": wave.pk})
    page = client.post(url, {"count": "4", "show": ""})
    assert page.status_code == 200
    shown = re.findall(r"https://goodcatch\.example\.org/survey/[\w-]+/", page.content.decode())
    assert len(shown) == 4
    text = client.post(url, {"count": "3", "download": ""})
    assert text["Content-Type"].startswith("text/plain") and "attachment" in text["Content-Disposition"]
    lines = text.content.decode().splitlines()
    assert len(lines) == 3 and all(line.startswith("https://goodcatch.example.org/survey/") for line in lines)
    assert Invitation.objects.filter(wave=wave).count() == 7
    # The wave page never shows a link again.
    again = client.get(reverse("culture:wave", kwargs={"org_slug": organisation.slug, "wave_id": wave.pk}))
    assert "/survey/" not in again.content.decode().replace(reverse("culture:thanks"), "")
    assert set(AuditEntry.objects.filter(action__startswith="culture.").values_list("action", flat=True)) == {
        "culture.wave_open", "culture.invitations_issue"}


def test_too_many_teams_are_refused(client, organisation):
    sign_in(client, member(organisation, Role.ADMIN, username="survey-admin"))
    teams = "\n".join(f"Team {i}" for i in range(waves.MAX_TEAMS + 1))
    response = client.post(reverse("culture:waves", kwargs={"org_slug": organisation.slug}), {"teams": teams})
    assert response.status_code == 400 and f"Enter at most {waves.MAX_TEAMS} teams" in response.content.decode()
    assert waves.open_wave_of(organisation) is None


def test_a_bad_number_of_links_is_explained(client, organisation):
    sign_in(client, member(organisation, Role.ADMIN, username="survey-admin"))
    wave = waves.open_wave(organisation, teams=[])
    url = reverse("culture:wave-invitations", kwargs={"org_slug": organisation.slug, "wave_id": wave.pk})
    response = client.post(url, {"count": "0"})
    assert response.status_code == 400 and "Make at least 1 link" in response.content.decode()


@pytest.fixture
def wave(organisation):
    return waves.open_wave(organisation, teams=["Duty", "Adults"])


def test_a_link_shows_the_survey_and_records_one_response(client, wave):
    token = token_of(waves.issue_invitations(wave, 1)[0])
    url = reverse("culture:survey", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200 and "How it feels to work here" in page.content.decode()
    sent = client.post(url, {"team": "Duty", **answers(4)})
    assert sent.status_code == 302 and sent["Location"] == reverse("culture:thanks")
    assert Response.objects.count() == 1 and Response.objects.get().team == "Duty"
    again = client.get(url)
    assert again.status_code == 200 and "This link has already been used" in again.content.decode()
    twice = client.post(url, {"team": "Adults", **answers(1)})
    assert "This link has already been used" in twice.content.decode()
    assert Response.objects.count() == 1


def test_rather_not_say_is_a_choice_and_every_question_must_be_answered(client, wave):
    token = token_of(waves.issue_invitations(wave, 1)[0])
    url = reverse("culture:survey", kwargs={"token": token})
    partial = answers(3)
    partial.pop("ps_risk")
    response = client.post(url, partial)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose your team" in body and "Choose how much you agree with this statement" in body
    assert Response.objects.count() == 0 and not Invitation.objects.get().used
    client.post(url, {"team": "rather-not-say", **answers(3)})
    assert Response.objects.get().team == ""


def test_a_team_that_is_not_the_waves_is_refused(client, wave):
    token = token_of(waves.issue_invitations(wave, 1)[0])
    response = client.post(reverse("culture:survey", kwargs={"token": token}), {"team": "Payroll", **answers(3)})
    assert response.status_code == 400 and Response.objects.count() == 0


def test_a_forged_link_gets_a_clear_page(client, wave):
    waves.issue_invitations(wave, 2)
    for token in ("not-a-real-token", "A" * 43):
        response = client.get(reverse("culture:survey", kwargs={"token": token}))
        assert response.status_code == 404
        assert "We do not recognise this link" in response.content.decode()
        posted = client.post(reverse("culture:survey", kwargs={"token": token}), {"team": "Duty", **answers(3)})
        assert "We do not recognise this link" in posted.content.decode()
    assert Response.objects.count() == 0


def test_a_link_from_a_closed_wave_says_the_survey_has_closed(client, wave):
    token = token_of(waves.issue_invitations(wave, 1)[0])
    waves.close_wave(wave)
    url = reverse("culture:survey", kwargs={"token": token})
    assert "This survey has closed" in client.get(url).content.decode()
    response = client.post(url, {"team": "Duty", **answers(3)})
    assert response.status_code == 200 and "This survey has closed" in response.content.decode()
    assert responding.submit_response(token, team="Duty", answers=answers(3)) == LinkState.CLOSED
    assert Response.objects.count() == 0


def test_closing_keeps_the_counts_and_the_answers(wave):
    urls = waves.issue_invitations(wave, 5)
    for url in urls[:3]:
        responding.submit_response(token_of(url), team="Adults", answers=answers(2))
    closed = waves.close_wave(wave)
    assert (closed.invitations_issued, closed.invitations_used) == (5, 3)
    assert waves.invitation_counts(closed) == (5, 3)
    assert Response.objects.filter(wave=wave, team="Adults").count() == 3
    assert not Invitation.objects.filter(used=True).exists()
    with pytest.raises(waves.WaveClosed):
        waves.issue_invitations(closed, 1)
    assert AuditEntry.objects.filter(action="culture.wave_close", subject=f"wave:{wave.pk}").count() == 1


def test_only_one_wave_is_open_at_a_time(organisation, wave):
    with pytest.raises(waves.WaveAlreadyOpen):
        waves.open_wave(organisation, teams=[])


def test_the_audit_log_names_a_wave_as_people_know_it(organisation):
    from organisations.audit_log import subject_names

    wave = waves.open_wave(organisation, teams=[])
    assert subject_names(organisation, [f"wave:{wave.pk}"]) == {f"wave:{wave.pk}": "Survey wave 1"}
