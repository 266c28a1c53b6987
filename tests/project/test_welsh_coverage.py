"""Every string a reporter can see has Welsh, and the Welsh pages carry no English left behind.

The reporter-facing sources are core.catalogue.REPORTER_TEMPLATES and REPORTER_MODULES (staff-only
templates among them are listed, with a reason, in STAFF_ONLY_TEMPLATES). They include the easy-read
journey and the culture survey, whose Welsh lives in their own apps' locale/cy: a string counts as
translated if any catalogue Django merges gives it Welsh, so each part may keep its own catalogue.
"""

from __future__ import annotations

import html
import re

import pytest

from core import catalogue
from reporting.models import Message
from tests.factories import report

# Strings that are the same in Welsh, each with the reason. Nothing else may come back unchanged.
SAME_IN_WELSH = {
    "Good Catch",  # the service's name, used as a name in both languages
}


def test_the_reporter_facing_sources_are_found():
    found = catalogue.reporter_facing()
    places = {where.rsplit(":", 1)[0] for wheres in found.messages.values() for where in wheres}
    for expected in ("templates/base.html", "reporting/templates/reporting/report_form.html", "reporting/forms.py",
                     "reporting/choices.py", "reporting/validation.py", "core/templates/core/promise_text.html",
                     "reporting/templates/reporting/receipt_issued.html", "templates/404.html"):
        assert expected in places, expected
    assert "reporting/templates/reporting/my_reports.html" not in places
    assert len(found.messages) > 150


def test_every_reporter_facing_string_has_welsh():
    missing = [f"{message.msgid!r} ({places[0]})"
               for message, places in catalogue.without_welsh(catalogue.reporter_facing(), SAME_IN_WELSH).items()]
    assert not missing, "No Welsh for these reporter-facing strings (run manage.py welsh_catalogue and translate):\n" + \
        "\n".join(missing)


def test_welsh_keeps_every_placeholder():
    found = catalogue.reporter_facing()
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for message in found.messages:
        wanted = sorted(set(placeholder.findall(message.msgid)))
        for text in catalogue.welsh_for(message):
            assert sorted(set(placeholder.findall(text))) == wanted, (message.msgid, text)


def test_the_same_in_welsh_list_has_nothing_stale():
    msgids = {message.msgid for message in catalogue.reporter_facing().messages}
    assert SAME_IN_WELSH <= msgids


# The pages themselves ----------------------------------------------------------------------------

def visible_text(response) -> str:
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(page)


def english_left_behind(text: str) -> list[str]:
    """Known English strings (of two words or more, so that a name or a shared word cannot match)."""
    leftovers = []
    for message in catalogue.reporter_facing().messages:
        for english in filter(None, (message.msgid, message.plural)):
            if english in SAME_IN_WELSH or "%(" in english or len(english.split()) < 2:
                continue
            if english in text:
                leftovers.append(english)
    return leftovers


@pytest.fixture
def welsh(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "cy"
    return client


@pytest.mark.django_db
def test_the_reporters_pages_come_out_in_welsh_with_no_english_left(welsh, organisation, reviewer):
    pages = {
        "home": welsh.get("/"),
        "report form": welsh.get(f"/r/{organisation.slug}/"),
        "report form with errors": welsh.post(f"/r/{organisation.slug}/", {"what_happened": "", "kind": ""}),
        "receipt issued": welsh.post(f"/r/{organisation.slug}/", {
            "what_happened": "The referral sat in the inbox for two days.", "kind": "near_miss",
            "idempotency_key": "cy-page", "confidentiality": "anonymous"}),
        "receipt form": welsh.get("/receipt/"),
        "wrong receipt code": welsh.post("/receipt/", {"code": "ABCD-EFGH-JKMN-PQRS"}),
        "promise": welsh.get("/promise/"),
        "not found": welsh.get("/r/nowhere-at-all/"),
    }
    sent = report(organisation)
    Message.objects.create(report=sent.report, author_kind="reviewer", reviewer=reviewer, body="Diolch. Pa dîm?")
    pages["follow-up"] = welsh.post("/receipt/", {"code": sent.receipt_code})
    pages["reply"] = welsh.post("/receipt/reply/", {"code": sent.receipt_code, "body": "Y tîm asesu.",
                                                    "idempotency_key": "cy-reply"})
    expected_welsh = {
        "home": "Dilyn adroddiad gyda'ch cod derbynneb",
        "report form": "Beth ddigwyddodd?",
        "report form with errors": "Mae problem wedi codi",
        "receipt issued": "Eich cod derbynneb",
        "receipt form": "Eich cod derbynneb",
        "wrong receipt code": "Nid oeddem yn gallu dod o hyd i adroddiad",
        "promise": "Ein haddewid i'r rhai sy'n adrodd",
        "not found": "Heb ddod o hyd i'r dudalen",
        "follow-up": "Wedi dod i law",
        "reply": "Mae eich neges wedi'i hanfon at yr adolygydd.",
    }
    for name, response in pages.items():
        text = visible_text(response)
        assert '<html lang="cy"' in text, name
        assert expected_welsh[name] in text, name
        assert "Neidio i'r prif gynnwys" in text, name
        assert english_left_behind(text) == [], name
