"""Welsh for reporters: Accept-Language, <html lang>, the ?lang= switcher and its one cookie."""

from __future__ import annotations

import html as html_text
import re

import pytest
from django.conf import settings as django_settings

from reporting.models import Report

pytestmark = pytest.mark.django_db

STORY = "The referral sat in the shared inbox for two days before anyone opened it."


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_accept_language_cy_answers_the_report_form_in_welsh(client, organisation):
    response = client.get(f"/r/{organisation.slug}/", HTTP_ACCEPT_LANGUAGE="cy")
    html = response.content.decode()
    assert response.status_code == 200
    assert html_lang(response) == "cy"
    assert "Beth ddigwyddodd?" in html
    assert "Anfon adroddiad" in html
    assert "What happened?" not in html
    assert response["Content-Language"] == "cy"


def test_without_a_preference_the_page_is_british_english(client, organisation):
    response = client.get(f"/r/{organisation.slug}/")
    assert html_lang(response) == "en-GB"
    assert "What happened?" in response.content.decode()


def test_a_welsh_speaker_whose_browser_prefers_english_after_welsh_gets_welsh(client, organisation):
    response = client.get(f"/r/{organisation.slug}/", HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en-GB;q=0.8")
    assert html_lang(response) == "cy"


def test_the_switcher_offers_the_other_language_on_the_same_page(client, organisation):
    html = client.get(f"/r/{organisation.slug}/").content.decode()
    switcher = re.search(r'<nav[^>]*data-testid="language-switcher".*?</nav>', html, re.S).group(0)
    assert '<a class="govuk-link" href="?lang=cy" hreflang="cy" lang="cy" rel="alternate">Cymraeg</a>' in switcher
    assert '<span aria-current="true" lang="en-GB"><strong>English</strong></span>' in switcher
    assert "clears anything you have typed" in html  # a form says that switching reloads it


def test_following_the_switcher_shows_the_page_in_welsh_and_sets_only_the_language_cookie(client, organisation):
    response = client.get(f"/r/{organisation.slug}/?lang=cy")
    html = response.content.decode()
    assert html_lang(response) == "cy"
    assert "Beth ddigwyddodd?" in html
    assert '<span aria-current="true" lang="cy"><strong>Cymraeg</strong></span>' in html
    assert 'href="?lang=en-gb" hreflang="en-GB" lang="en-GB"' in html
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "cy"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    assert set(response.cookies) <= {django_settings.LANGUAGE_COOKIE_NAME, django_settings.CSRF_COOKIE_NAME}


def test_the_language_cookie_is_secure_where_the_site_is(client, organisation, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.get(f"/r/{organisation.slug}/?lang=cy")
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME]["secure"] is True


def test_the_choice_is_remembered_on_the_next_anonymous_page_and_beats_the_browser(client, organisation):
    client.get(f"/r/{organisation.slug}/?lang=cy")
    response = client.get("/receipt/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert html_lang(response) == "cy"
    assert "Eich cod derbynneb" in response.content.decode()
    client.get("/receipt/?lang=en-gb")
    assert html_lang(client.get("/receipt/", HTTP_ACCEPT_LANGUAGE="cy")) == "en-GB"


def test_other_query_parameters_are_kept_by_the_switcher(client, organisation):
    html = client.get(f"/r/{organisation.slug}/?from=poster").content.decode()
    assert 'href="?from=poster&amp;lang=cy"' in html


def test_an_unknown_language_is_ignored_and_sets_no_cookie(client, organisation):
    response = client.get(f"/r/{organisation.slug}/?lang=fr")
    assert html_lang(response) == "en-GB"
    assert django_settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_forged_language_cookie_does_not_change_the_page(client, organisation):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "x<script>"
    response = client.get(f"/r/{organisation.slug}/")
    assert response.status_code == 200
    assert html_lang(response) == "en-GB"


def test_a_report_sent_from_the_welsh_form_gets_a_welsh_receipt(client, organisation):
    client.get(f"/r/{organisation.slug}/?lang=cy")
    response = client.post(f"/r/{organisation.slug}/?lang=cy", {
        "what_happened": STORY, "kind": "near_miss", "idempotency_key": "welsh-1", "confidentiality": "anonymous"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Adroddiad wedi'i anfon" in html_text.unescape(html)
    assert "Eich cod derbynneb" in html
    assert Report.objects.count() == 1
    # A page that answers a form offers no switcher: reloading it by a link would lose the receipt code.
    assert 'data-testid="language-switcher"' not in html


def test_welsh_errors_name_the_problem_in_welsh(client, organisation):
    response = client.post(f"/r/{organisation.slug}/", {"what_happened": "", "kind": ""}, HTTP_ACCEPT_LANGUAGE="cy")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Mae problem wedi codi" in html
    assert "Dywedwch wrthym beth ddigwyddodd" in html
    assert "Dewiswch pa fath o adroddiad yw hwn" in html


def test_month_names_in_the_report_form_are_welsh(client, organisation):
    html = client.get(f"/r/{organisation.slug}/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    months = re.search(r'<select[^>]*id="id_occurred_month".*?</select>', html, re.S).group(0)
    for welsh in ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
                  "Tachwedd", "Rhagfyr"):
        assert f">{welsh}</option>" in months
    assert "January" not in months
    assert ">Ddim yn siŵr</option>" in months


def test_the_promise_mentions_the_one_language_cookie(client):
    html = client.get("/promise/").content.decode()
    assert "one cookie that remembers your language" in html
    welsh = client.get("/promise/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "un cwci sy'n cofio eich iaith" in html_text.unescape(welsh)


def test_a_welsh_404_page(client, db):
    response = client.get("/r/no-such-place/", HTTP_ACCEPT_LANGUAGE="cy")
    assert response.status_code == 404
    assert html_lang(response) == "cy"
    assert "Heb ddod o hyd i'r dudalen" in html_text.unescape(response.content.decode())


def test_the_character_count_speaks_welsh_in_every_welsh_plural_form(client, organisation):
    html = client.get(f"/r/{organisation.slug}/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    counted = re.search(r'<div class="govuk-form-group govuk-character-count"[^>]*>', html).group(0)
    for form in ("zero", "one", "two", "few", "many", "other"):
        assert f'data-i18n.characters-under-limit.{form}="Mae gennych %{{count}} nod ar ôl"' in counted
        assert f'data-i18n.characters-over-limit.{form}="Mae gennych %{{count}} nod yn ormod"' in counted
    english = client.get(f"/r/{organisation.slug}/").content.decode()
    assert 'data-i18n.characters-under-limit.one="You have %{count} character remaining"' in english
