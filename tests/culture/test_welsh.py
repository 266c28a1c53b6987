"""Every string a respondent sees on the survey has Welsh, and Accept-Language: cy gets it."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

from culture import item_bank, waves
from tests.culture.factories import answers, token_of

CULTURE = Path(__file__).resolve().parents[2] / "culture"
CATALOGUE = CULTURE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
RESPONDENT_TEMPLATES = sorted((CULTURE / "templates" / "culture" / "survey").glob("*.html"))
# Strings of the shared layout and form includes are the project catalogue's (locale/), not ours.
SHARED = {"Error:"}


def _welsh() -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE)) if e.msgstr and not e.fuzzy}


def _template_strings() -> set[str]:
    found = set()
    for path in RESPONDENT_TEMPLATES:
        found.update(re.findall(r'{% translate "([^"]+)" %}', path.read_text()))
    return found - SHARED


def _code_strings() -> set[str]:
    with translation.override("en-gb"):
        found = {str(label) for _value, label in item_bank.SCALE}
        found.update(str(c["name"]) for c in item_bank.CONSTRUCTS.values())
        for items in item_bank.VERSIONS.values():
            found.update(str(i.text) for i in items)
    # The survey form's own strings (test_the_forms_strings_are_the_ones_checked keeps this list honest).
    return found | {"Which team do you work in?", "I’d rather not say", "Choose your team, or “I’d rather not say”",
                    "Results for a team are only shown when enough people in it answer.",
                    "Choose how much you agree with this statement"}


def test_every_respondent_string_has_welsh():
    welsh = _welsh()
    strings = _template_strings() | _code_strings()
    assert len(strings) > 50
    missing = sorted(s for s in strings if s not in welsh)
    assert missing == []


def test_the_forms_strings_are_the_ones_checked():
    """The list above names the survey form's own strings; this keeps it honest."""
    source = (CULTURE / "forms.py").read_text()
    for text in ("Which team do you work in?", "Choose how much you agree with this statement"):
        assert text in source


@pytest.mark.django_db
def test_the_survey_answers_in_welsh(client, organisation):
    wave = waves.open_wave(organisation, teams=["Tîm Dyletswydd"])
    token = token_of(waves.issue_invitations(wave, 1)[0])
    url = reverse("culture:survey", kwargs={"token": token})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="cy")
    body = page.content.decode()
    assert page.status_code == 200  # <html lang> is the project layout's (another part of issue 13)
    for welsh in ("Sut deimlad yw gweithio yma", "Ym mha dîm ydych chi’n gweithio?", "Anghytuno’n gryf",
                  "Diogelwch seicolegol yn eich tîm", "Anfon fy atebion",
                  "Mae’n anodd gofyn i gydweithwyr yn y tîm hwn am help."):
        assert welsh in body, welsh
    assert "How it feels to work here" not in body
    missing = client.post(url, {"team": "Tîm Dyletswydd"}, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Dewiswch i ba raddau rydych chi’n cytuno â’r datganiad hwn" in missing
    sent = client.post(url, {"team": "Tîm Dyletswydd", **answers(4)}, HTTP_ACCEPT_LANGUAGE="cy")
    thanks = client.get(sent["Location"], HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Mae eich atebion wedi’u hanfon" in thanks
    assert "Mae’r ddolen hon wedi’i defnyddio’n barod" in client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    forged = client.get(reverse("culture:survey", kwargs={"token": "nope"}), HTTP_ACCEPT_LANGUAGE="cy")
    assert "Nid ydym yn adnabod y ddolen hon" in forged.content.decode()
    waves.close_wave(wave)
    assert "Mae’r arolwg hwn wedi cau" in client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
