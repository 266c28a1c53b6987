"""A form post too big to read whole comes back as the form, with each answer cut to fit and a plain
message saying so, never as a bare "Bad Request (400)" that loses everything. Posted as a browser
posts: URL-encoded, with the CSRF check on."""

from __future__ import annotations

import html as htmllib
import logging
import re
from urllib.parse import parse_qsl, urlencode

import pytest
from django.conf import settings
from django.test import Client
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from reporting.choices import NARRATIVE_FIELDS
from reporting.models import Message, Report
from reporting.oversized import read_keeping_what_fits
from tests.factories import report

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
START = "The out-of-hours line rang out for forty minutes. "


def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def post_form(client: Client, path: str, fields: dict):
    return client.post(path, urlencode(fields, doseq=True), content_type=FORM)


def textarea(html: str, name: str) -> str:
    return htmllib.unescape(re.search(rf'<textarea[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S).group(1))


def test_a_one_megabyte_report_comes_back_cut_to_fit_with_a_message_and_nothing_is_stored(organisation, caplog):
    reporter = browser()
    token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    story = (START + "x" * 1_000_000)[:1_000_000]
    fields = {"csrfmiddlewaretoken": token, "what_happened": story, "kind": "near_miss", "potential_harm": "3",
              "how_noticed": "A colleague rang round.", "agencies": ["police", "health"], "idempotency_key": "k-1"}
    assert len(urlencode(fields, doseq=True)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    with caplog.at_level(logging.INFO):
        response = post_form(reporter, f"/r/{organisation.slug}/", fields)

    html = response.content.decode()
    assert response.status_code == 413
    message = ("Your report is longer than we can take: 1,000,000 characters in “What happened?”; please shorten it to "
               "10,000. We kept the first 10,000 characters below and cut the rest.")
    assert htmllib.unescape(html).count(message) == 2  # in the summary at the top and by the answer
    assert 'href="#id_what_happened"' in html
    assert textarea(html, "what_happened") == story[:10_000]
    assert textarea(html, "how_noticed") == "A colleague rang round."
    assert 'value="near_miss" checked' in html and 'value="police" checked' in html and 'value="k-1"' in html
    assert not Report.objects.exists()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # What was kept is a report of allowed size: sending it works.
    again = post_form(reporter, f"/r/{organisation.slug}/", {**fields, "csrfmiddlewaretoken": token_in(response),
                                                             "what_happened": textarea(html, "what_happened")})
    assert again.status_code == 200 and again.context["result"].receipt_code
    assert Report.objects.count() == 1


def test_only_the_answers_that_were_cut_are_marked(organisation):
    reporter = browser()
    token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    response = post_form(reporter, f"/r/{organisation.slug}/", {
        "csrfmiddlewaretoken": token, "what_happened": "Short and fine.", "kind": "incident",
        "what_would_help": "y" * 1_200_000})
    html = htmllib.unescape(response.content.decode())
    assert response.status_code == 413
    assert "1,200,000 characters in “What would help stop it happening again?”" in html
    assert "in “What happened?”" not in html
    assert textarea(html, "what_happened") == "Short and fine."
    assert textarea(html, "what_would_help") == "y" * 10_000


def test_the_largest_report_of_allowed_size_never_meets_the_limit(organisation):
    """Every answer at its limit, every character at its longest once encoded (12 bytes an emoji)."""
    reporter = browser()
    token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    fields = {"csrfmiddlewaretoken": token, "kind": "near_miss", **{name: "\U0001f600" * 10_000 for name in NARRATIVE_FIELDS}}
    body = urlencode(fields)
    assert 2 * len(body) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # clearly, not barely
    response = reporter.post(f"/r/{organisation.slug}/", body, content_type=FORM)
    assert response.status_code == 200 and response.context["result"].receipt_code


def test_a_too_big_report_whose_cookie_was_lost_says_both_things(organisation):
    reporter = browser()
    old_token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    reporter.cookies.clear()
    response = post_form(reporter, f"/r/{organisation.slug}/", {
        "csrfmiddlewaretoken": old_token, "what_happened": "z" * 1_100_000, "kind": "near_miss"})
    html = htmllib.unescape(response.content.decode())
    assert response.status_code == 403
    assert "We could not send your report. Please check it and send it again." in html
    assert "Your report is longer than we can take: 1,100,000 characters" in html
    assert textarea(html, "what_happened") == "z" * 10_000
    assert not Report.objects.exists()


def test_a_too_big_reply_comes_back_cut_to_fit_and_is_not_sent(organisation):
    result = report(organisation)
    reporter = browser()
    page = reporter.post("/receipt/", {"csrfmiddlewaretoken": token_in(reporter.get("/receipt/")),
                                       "code": result.receipt_code})
    response = post_form(reporter, "/receipt/reply/", {
        "csrfmiddlewaretoken": token_in(page), "code": result.receipt_code, "body": "w" * 1_050_000})
    html = htmllib.unescape(response.content.decode())
    assert response.status_code == 413
    assert ("Your message is longer than we can take: 1,050,000 characters; please shorten it to 5,000. "
            "We kept the first 5,000 characters below and cut the rest.") in html
    assert textarea(html, "body") == "w" * 5_000
    assert f'value="{result.receipt_code}"' in html
    assert not Message.objects.filter(author_kind="reporter").exists()


def test_a_post_from_another_site_is_still_refused_however_big(organisation):
    reporter = browser()
    token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    response = reporter.post(f"/r/{organisation.slug}/", urlencode({
        "csrfmiddlewaretoken": token, "what_happened": "Planted " * 200_000, "kind": "near_miss"}),
        content_type=FORM, HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 403
    assert "Planted" not in response.content.decode()


# The reader on its own: the same answers Django would parse, each cut to its limit -----------------

LIMITS = {"story": 7, "note": 3, "kind": 200}
names = st.sampled_from([*LIMITS, "unknown", "a b", "ü"])
values = st.text(st.sampled_from(["a", " ", "+", "%", "&", "=", "\r", "\n", "é", "😀", "\x00", "x"]), max_size=20)


def read_in_pieces(body: bytes, size: int):
    position = 0

    def read(n: int) -> bytes:
        nonlocal position
        piece = body[position:position + min(n, size)]
        position += len(piece)
        return piece

    return read


@examples(max_examples=150, deadline=None)
@given(pairs=st.lists(st.tuples(names, values), max_size=6), size=st.integers(1, 9),
       garbage=st.sampled_from(["", "&", "&&lonely", "&story=%", "&story=%F", "&story=%FF%zz", "&note=a%2", "&=x"]))
def test_the_reader_parses_as_django_does_and_cuts_each_answer_to_its_limit(pairs, size, garbage):
    body = (urlencode(pairs) + garbage).encode()
    kept = read_keeping_what_fits(read_in_pieces(body, size), LIMITS, read_at_most=len(body))

    expected: dict[str, list[str]] = {}
    cut: dict[str, int] = {}
    for name, value in parse_qsl(body.decode(), keep_blank_values=True):
        if name in LIMITS:
            value = value.replace("\r\n", "\n")
            expected.setdefault(name, []).append(value[:LIMITS[name]])
            if len(value) > LIMITS[name]:
                cut[name] = max(cut.get(name, 0), len(value))
    assert {name: kept.data.getlist(name) for name in kept.data} == expected
    assert kept.cut == cut
